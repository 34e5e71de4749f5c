"""`demo`: fill the current data folder with the inventory of a fictional ministry (21 algorithms, A/B/C 2/10/9)."""

from __future__ import annotations

import argparse
import time

from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, error

DESCRIPTION = """\
Adds the inventory of the fictional Ministerie van Kust en Platteland to the database in the current data
folder (ALGOINVENTARIS_DATA_DIR, or --db): 21 algorithms in several units, 2 in category A, 10 in B and 9 in
C, each with complete answers to the AI-Act questions, the impact questions and the register description.
Among them one algorithm excluded from publication and one high-risk system whose human-rights assessment is
not finished. Algorithms the database already has (same organisation and name) are left alone, so running
the command twice adds nothing the second time.

exit codes: 0 done, 1 the demo does not fit the questionnaires, 3 the database or a questionnaire is unavailable
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="fill the data folder with a fictional ministry's inventory (21 algorithms)",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quiet", action="store_true", help="print only the summary line")
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from algoinventaris.cli.register import load_forms
    from algoinventaris.domain.demo_data import ORGANISATION, ROUND, DemoError, build_demo
    from algoinventaris.formengine.errors import FormLoadError
    from algoinventaris.storage import StorageError, open_owner_db

    started = time.perf_counter()
    try:
        forms = load_forms()
    except FormLoadError as err:
        error("a questionnaire does not load:\n" + str(err))
        return EXIT_INPUT
    try:
        records = build_demo(forms)
    except DemoError as err:
        error(f"the demo data does not fit the questionnaires: {err}")
        return EXIT_FAILED
    try:
        repo = open_owner_db()
    except StorageError as err:
        error(str(err))
        return EXIT_INPUT
    added = skipped = 0
    try:
        existing = {(a.organisation, a.name) for a in repo.list_algorithms()}
        for record in records:
            if (ORGANISATION, record.name) in existing:
                skipped += 1
                continue
            summary = repo.create_algorithm(record.name, ORGANISATION, record.unit, ROUND)
            try:
                order = [(fid, step) for fid in ("ai-act", "impact", "register") for step in record.steps[fid]]
                for index, (fid, step) in enumerate(order):
                    following = order[index + 1][1].question if index + 1 < len(order) else None
                    repo.save_answer(summary.id, forms[fid], step.question, step.answers, current_question=following)
                conclusion, ref = record.conclusions["ai-act"]
                repo.set_outcome(summary.id, conclusion, ref, state="complete", category=record.category)
            except (StorageError, ValueError):
                repo.delete_algorithm(summary.id)  # never leave a half-written demo algorithm in the list
                raise
            added += 1
            if not args.quiet:
                print(f"  {record.category}  {record.unit:<40} {record.name}")
    except (StorageError, ValueError) as err:
        error(str(err))
        return EXIT_INPUT
    finally:
        repo.close()
    took = time.perf_counter() - started
    if added:
        print(f"Demo: {added} algorithms of the {ORGANISATION} added to {repo.path} "
              f"({skipped} were already there) in {took:.1f} s.")
    else:
        print(f"Demo: all {skipped} algorithms of the {ORGANISATION} are already in {repo.path}; nothing added.")
    return EXIT_OK
