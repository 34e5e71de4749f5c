"""`export register ID... --out FILE.json | --all`: algorithm register records (publication standard 1.0) as JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_USAGE, command_group, error

if TYPE_CHECKING:
    from algoinventaris.domain.register import RegisterEntry
    from algoinventaris.formengine.model import Form

DESCRIPTION = """\
Writes the register descriptions of algorithms as one JSON array of records in the field structure of the
Algoritmeregister's publication standard 1.0 (the shape of the register's download files and of the body its
delivery API takes). Fields marked internal (partial exclusion) are left out; fully excluded algorithms are
never written.

With IDs, every named algorithm must be publishable, or nothing is written and the problems are listed per
field. With --all, every publishable algorithm is written and the others are listed with the reason.
With --check, nothing is written: the problems of each algorithm are printed.

exit codes: 0 written (or --check found no problems), 1 an algorithm is not publishable (nothing written),
2 wrong use, 3 the database, a questionnaire or the output file cannot be read or written
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = command_group(sub, "export", "write packages and register files").add_parser(
        "register", help="write Algoritmeregister records (standard 1.0) as JSON",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("ids", nargs="*", metavar="ID", help="algorithm ids (`algoinventaris list` shows them)")
    p.add_argument("--all", action="store_true", help="every publishable algorithm in the database")
    p.add_argument("--out", metavar="FILE.json", help="the file to write (required unless --check)")
    p.add_argument("--check", action="store_true", help="only check and print the problems; write nothing")
    p.add_argument("--lang", choices=["nl", "en"], default="nl", help="language of the messages (default nl)")
    p.set_defaults(handler=cmd_export_register)


def _say(lang: str, nl: str, en: str) -> str:
    return en if lang == "en" else nl


def load_forms() -> dict[str, Form]:
    """The three questionnaires a register record is built from; FormLoadError when one does not load."""
    from algoinventaris import config
    from algoinventaris.domain.register import FORM_IDS
    from algoinventaris.formengine.loader import load_form

    return {fid: load_form(config.form_path(fid)) for fid in FORM_IDS}


def entry_for(repo: Any, summary: Any, forms: dict[str, Form], lang: str) -> RegisterEntry:
    """Build the register entry of one stored algorithm (any object with the OwnerRepository methods)."""
    from algoinventaris.domain.register import FORM_IDS, build_entry

    stored = {fid: {qid: tuple(s.answers) for qid, s in repo.answers(summary.id, fid).items()} for fid in FORM_IDS}
    return build_entry(summary.id, summary.name, summary.organisation, forms, stored, lang=lang)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON next to the target and rename it into place, so a reader never sees half a file."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _report(entry: RegisterEntry, lang: str) -> list[str]:
    lines = [f"{entry.name} ({entry.algorithm_id[:8]}), {_say(lang, 'categorie', 'category')} {entry.category}:"]
    if entry.excluded:
        lines.append("  " + _say(lang, "publicatie is uitgesloten: ", "publication is excluded: ")
                     + entry.assessment.exclusion.ground_text(lang))
    lines.extend(f"  - {p}" for p in entry.problems)
    return lines


def cmd_export_register(args: argparse.Namespace) -> int:
    lang = args.lang
    if not args.ids and not args.all:
        error(_say(lang, "geef algoritme-ids of --all", "give algorithm ids or --all"))
        return EXIT_USAGE
    if args.ids and args.all:
        error(_say(lang, "geef algoritme-ids of --all, niet allebei", "give algorithm ids or --all, not both"))
        return EXIT_USAGE
    if not args.out and not args.check:
        error(_say(lang, "geef --out FILE.json (of --check)", "give --out FILE.json (or --check)"))
        return EXIT_USAGE

    from algoinventaris.formengine.errors import FormLoadError
    from algoinventaris.storage import NotFound, StorageError, open_owner_db

    try:
        forms = load_forms()
    except FormLoadError as err:
        error(_say(lang, "een vragenlijst laadt niet:\n", "a questionnaire does not load:\n") + str(err))
        return EXIT_INPUT
    try:
        repo = open_owner_db()
    except StorageError as err:
        error(str(err))
        return EXIT_INPUT
    try:
        if args.all:
            summaries = sorted(repo.list_algorithms(), key=lambda a: (a.organisation, a.unit, a.name, a.id))
        else:
            summaries = []
            for given in args.ids:
                try:
                    summaries.append(repo.get_algorithm(given))
                except NotFound:
                    matches = [a for a in repo.list_algorithms() if len(given) >= 6 and a.id.startswith(given.lower())]
                    if len(matches) != 1:
                        error(_say(lang, f"er is geen algoritme met id '{given}' in {repo.path}",
                                   f"there is no algorithm with id '{given}' in {repo.path}"))
                        return EXIT_FAILED
                    summaries.append(matches[0])
        entries = [entry_for(repo, s, forms, lang) for s in summaries]
    except StorageError as err:
        error(str(err))
        return EXIT_INPUT
    finally:
        repo.close()

    blocked = [e for e in entries if not e.publishable]
    if args.check:
        for entry in entries:
            if entry.publishable:
                print(f"{entry.name} ({entry.algorithm_id[:8]}): " + _say(lang, "klaar voor publicatie", "ready for publication"))
            else:
                print("\n".join(_report(entry, lang)))
        return EXIT_FAILED if any(e.problems for e in entries) else EXIT_OK
    if blocked and not args.all:
        error(_say(lang, "niets geschreven; niet te publiceren:", "nothing written; not publishable:"))
        for entry in blocked:
            sys.stderr.write("\n".join(_report(entry, lang)) + "\n")
        return EXIT_FAILED
    records = [e.record for e in entries if e.publishable]
    out = Path(args.out)
    try:
        write_json_atomic(out, records)
    except OSError as err:
        error(_say(lang, f"kan {out} niet schrijven: {err.strerror or err}", f"cannot write {out}: {err.strerror or err}"))
        return EXIT_INPUT
    print(_say(lang, f"{len(records)} registerbeschrijvingen geschreven naar {out}",
               f"{len(records)} register records written to {out}"))
    if blocked:
        sys.stderr.write(_say(lang, f"{len(blocked)} overgeslagen:\n", f"{len(blocked)} skipped:\n"))
        for entry in blocked:
            sys.stderr.write("\n".join(_report(entry, lang)) + "\n")
    return EXIT_OK
