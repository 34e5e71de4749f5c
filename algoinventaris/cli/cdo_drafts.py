"""`algoinventaris cdo drafts ...`: prefilled drafts from register entries and last year's spreadsheet."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from algoinventaris.cli.cdo import _actor, _guard, _lang, _t
from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, error, print_json

IMPORT_DESCRIPTION = """\
Reads published register entries (register standard 1.0) from JSON files, or from the register's CSV or
Excel download (column headings are the field titles such as "Naam"), and plans one prefilled draft per
entry for the round. A stored draft of the round is matched on its LARS id, else its source id, else
organisation + name (case and spacing ignored); the plan shows per entry what happens and on what it was
matched. Nothing is stored until you confirm: with --yes, or by answering the question on a terminal.

results per entry:
  new          a new draft (unit: the entry's, else --unit, else not yet assigned)
  updated      the draft it matched gets the new content and the next revision; it keeps its unit
  unchanged    the draft it matched already holds exactly this: nothing is written
  duplicate    the same entry as an earlier one of this import: not taken

exit codes: 0 planned (and stored when confirmed), 1 the round is unknown or the drafts changed meanwhile,
3 a file or the database cannot be read (then nothing is stored, even if other files were fine)
"""


def register(cmds: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    drafts = cmds.add_parser("drafts", parents=[common], help="prefilled drafts from the register and last year's spreadsheet",
                             description="Prefilled drafts the CDO hands out in the round bundle: import them from "
                                         "register entries or last year's spreadsheet, list, show, assign, delete.")
    drafts_sub = drafts.add_subparsers(dest="drafts_command", metavar="COMMAND", required=True)

    imp = drafts_sub.add_parser("import", parents=[common], help="plan drafts from register entries (JSON, CSV, XLSX), then store",
                                description=IMPORT_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    imp.add_argument("files", nargs="+", metavar="FILE", help=".json, .csv or .xlsx file with register entries")
    imp.add_argument("--round", required=True, metavar="NAME", help="the round the drafts are for (see `cdo round create`)")
    imp.add_argument("--unit", metavar="UNIT", help="the unit for new drafts whose entry names none (default: not yet assigned)")
    imp.add_argument("--yes", action="store_true", help="store the plan without asking")
    imp.add_argument("--json", action="store_true", help="print the plan (and what was stored) as JSON")
    imp.set_defaults(handler=cmd_drafts_import)

    lst = drafts_sub.add_parser("list", parents=[common], help="the drafts (of a round, of a unit)")
    lst.add_argument("--round", metavar="NAME", help="only this round")
    lst.add_argument("--unit", metavar="UNIT", help='only this unit ("" = not yet assigned)')
    lst.add_argument("--deleted", action="store_true", help="deleted drafts too (marked)")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_drafts_list)

    show = drafts_sub.add_parser("show", parents=[common], help="one draft: its answers, what was not taken, its deviations")
    show.add_argument("id", metavar="ID", help="the draft's id (the first characters are enough when they are unique)")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_drafts_show)

    assign = drafts_sub.add_parser("assign", parents=[common], help="assign a draft to a unit")
    assign.add_argument("id", metavar="ID")
    assign.add_argument("--unit", required=True, metavar="UNIT", help='the unit ("" = take the assignment away)')
    assign.set_defaults(handler=cmd_drafts_assign)

    delete = drafts_sub.add_parser("delete", parents=[common], help="delete a draft (undo with `restore`)")
    delete.add_argument("id", metavar="ID")
    delete.set_defaults(handler=cmd_drafts_delete)

    restore = drafts_sub.add_parser("restore", parents=[common], help="bring a deleted draft back")
    restore.add_argument("id", metavar="ID")
    restore.set_defaults(handler=cmd_drafts_restore)

    from algoinventaris.cli import cdo_sheet

    cdo_sheet.register(drafts_sub, common)


# -- helpers --------------------------------------------------------------------------------------------------


def _unit_text(args: argparse.Namespace, unit: str) -> str:
    return unit or _t(args, "(nog niet toegewezen)", "(not yet assigned)")


def ask(question: str) -> bool:
    """Ask on the terminal (stderr, so stdout stays clean); True only for j/ja/y/yes."""
    sys.stderr.write(question)
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return answer.strip().casefold() in ("j", "ja", "y", "yes")


def resolve_id(repo: Any, text: str) -> str:
    """A draft id from its full text or a unique beginning (deleted drafts too); NotFound / ValueError otherwise."""
    from algoinventaris.storage.cdo import NotFound

    key = text.strip().casefold()
    try:
        return str(repo.get_draft(key).id)
    except NotFound:
        if len(key) < 4:
            raise
    found: list[str] = [d.id for d in repo.list_drafts(include_deleted=True) if d.id.casefold().startswith(key)]
    if len(found) > 1:
        raise ValueError(f"'{text}' is the beginning of {len(found)} drafts; give more characters")
    if not found:
        raise NotFound(f"There is no draft {text} in the CDO database {repo.display}.")
    return found[0]


def print_plan(args: argparse.Namespace, plan: Any, lang: str) -> None:
    """The plan for a person: one block per record, then the counts and the warnings."""
    print(_t(args, f"Ronde '{plan.round}' ({plan.organisation}): {len(plan.items)} records",
             f"Round '{plan.round}' ({plan.organisation}): {len(plan.items)} records"))
    for item in plan.items:
        print(f"  {item.name}  [{item.record.source}]")
        deviations = len(item.record.deviations)
        facts = [item.describe(lang)]
        if item.action != "duplicate":
            facts.append(_t(args, "onderdeel ", "unit ") + _unit_text(args, item.unit))
        facts.append(_t(args, f"{deviations} afwijking{'' if deviations == 1 else 'en'}",
                        f"{deviations} deviation{'' if deviations == 1 else 's'}"))
        if item.record.not_mapped:
            n = len(item.record.not_mapped)
            facts.append(_t(args, f"{n} niet overgenomen", f"{n} not mapped"))
        print("      " + " · ".join(facts))
    print(plan.counts_text(lang))
    for warning in plan.warnings:
        print(_t(args, "let op: ", "note: ") + warning)


# -- commands -------------------------------------------------------------------------------------------------


def cmd_drafts_import(args: argparse.Namespace) -> int:
    lang = _lang(args)

    def run(repo: Any) -> int:
        from algoinventaris.cdo.drafts import DraftError, DraftReadError, apply_plan, import_register_files

        try:
            plan = import_register_files(repo, args.files, round_name=args.round, unit=args.unit, lang=lang)
        except DraftReadError as err:
            for problem in err.problems:
                error(problem)
            error(_t(args, "Er is niets opgeslagen.", "Nothing was stored."))
            return EXIT_INPUT
        except DraftError as err:
            error(err.text(lang))
            return EXIT_FAILED
        out: dict[str, Any] = {"plan": plan.to_json(lang), "stored": False, "result": None}
        if not args.json:
            print_plan(args, plan, lang)
        if not plan.writes:
            message = _t(args, "Alles staat al zo opgeslagen; er is niets te doen.", "Everything is stored like this already; "
                         "nothing to do.")
        elif args.yes or (sys.stdin.isatty() and ask(_t(args, "Overnemen? [j/N] ", "Take these over? [y/N] "))):
            try:
                out["result"] = apply_plan(repo, plan, actor=_actor(args))
            except DraftError as err:
                error(err.text(lang))
                return EXIT_FAILED
            out["stored"] = True
            counts = out["result"]
            message = _t(args, f"Opgeslagen: {counts['new']} nieuw, {counts['update']} bijgewerkt.",
                         f"Stored: {counts['new']} new, {counts['update']} updated.")
        else:
            message = _t(args, "Er is niets opgeslagen; voeg --yes toe om over te nemen.",
                         "Nothing was stored; add --yes to take these over.")
        if args.json:
            print_json(out)
            sys.stderr.write(message + "\n")
        else:
            print(message)
        return EXIT_OK

    return _guard(args, run)


def cmd_drafts_list(args: argparse.Namespace) -> int:
    def run(repo: Any) -> int:
        drafts = repo.list_drafts(args.round, args.unit, include_deleted=args.deleted)
        meta = repo.list_draft_meta(args.round) if args.deleted else {}
        if args.json:
            print_json([d.to_json() | ({"deleted_at": meta[d.id].to_json()["deleted_at"]} if d.id in meta else {})
                        for d in drafts])
            return EXIT_OK
        if not drafts:
            print(_t(args, "Geen concepten (cdo drafts import BESTAND --round RONDE).",
                     "No drafts (cdo drafts import FILE --round ROUND)."))
        for d in drafts:
            deleted = meta.get(d.id) is not None and meta[d.id].deleted_at is not None
            mark = _t(args, "  [verwijderd]", "  [deleted]") if deleted else ""
            print(f"{d.id}  {d.round}  {_unit_text(args, d.unit)}  {d.name}  (r{d.revision}, {d.source}){mark}")
        return EXIT_OK

    return _guard(args, run)


def cmd_drafts_show(args: argparse.Namespace) -> int:
    lang = _lang(args)

    def run(repo: Any) -> int:
        from algoinventaris.cdo.drafts import match_text
        from algoinventaris.domain.register_import import default_form
        from algoinventaris.formengine.fields import label_of

        draft = repo.get_draft(resolve_id(repo, args.id))
        meta = repo.draft_meta(draft.id)
        form = default_form()
        labels = {q.id: label_of(q.field, lang, q.id) for q in form.questions if q.field is not None}
        order = {q.id: n for n, q in enumerate(form.questions)}
        answers = sorted(draft.answers.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
        if args.json:
            print_json(draft.to_json() | {"labels": {q: labels.get(q, q) for q, _ in answers}} | meta.to_json())
            return EXIT_OK
        print(f"{draft.name}  ({draft.id})")
        print(_t(args, "  ronde:         ", "  round:         ") + f"{draft.round} ({draft.organisation})")
        print(_t(args, "  onderdeel:     ", "  unit:          ") + _unit_text(args, draft.unit))
        print(_t(args, "  bron:          ", "  source:        ") + f"{draft.source}, {draft.origin}")
        print(_t(args, "  herkend op:    ", "  matched on:    ") + match_text(draft.match_kind, draft.match_value, lang))
        print(_t(args, "  versie:        ", "  revision:      ") + str(draft.revision))
        print(_t(args, "  bijgewerkt:    ", "  updated:       ") + f"{meta.updated_at:%Y-%m-%d %H:%M} UTC, {meta.updated_by}")
        if meta.deleted_at is not None:
            print(_t(args, f"  VERWIJDERD op {meta.deleted_at:%Y-%m-%d %H:%M} UTC (terugzetten: cdo drafts restore {draft.id})",
                     f"  DELETED on {meta.deleted_at:%Y-%m-%d %H:%M} UTC (undo: cdo drafts restore {draft.id})"))
        print(_t(args, "Antwoorden:", "Answers:"))
        for qid, value in answers:
            lines = value.splitlines() or [""]
            print(f"  {labels.get(qid, qid)}: {lines[0]}")
            for line in lines[1:]:
                print(f"      {line}")
        if draft.not_mapped:
            print(_t(args, "Niet overgenomen (geen veld van onze vragenlijst):", "Not mapped (no field of our questionnaire):"))
            for key, value in draft.not_mapped.items():
                print(f"  {key}: {value}")
        if draft.deviations:
            print(_t(args, f"Afwijkingen ({len(draft.deviations)}):", f"Deviations ({len(draft.deviations)}):"))
            for dev in draft.deviations:
                print(f"  [{dev.kind}] {dev.message}")
        return EXIT_OK

    return _guard(args, run)


def _change(args: argparse.Namespace, what: str) -> int:
    def run(repo: Any) -> int:
        from algoinventaris.storage.cdo.repository import Conflict

        draft_id = resolve_id(repo, args.id)
        actor = _actor(args)
        try:
            if what == "assign":
                draft = repo.assign_draft(draft_id, args.unit, actor=actor)
            elif what == "delete":
                draft = repo.delete_draft(draft_id, actor=actor)
            else:
                draft = repo.restore_draft(draft_id, actor=actor)
        except Conflict as err:
            error(str(err))
            return EXIT_FAILED
        if what == "assign":
            print(_t(args, f"'{draft.name}' is toegewezen aan {_unit_text(args, draft.unit)}.",
                     f"'{draft.name}' is assigned to {_unit_text(args, draft.unit)}."))
            units = repo.round_details(draft.round).units
            if draft.unit and units and " ".join(draft.unit.split()).casefold() not in {u.casefold() for u in units}:
                sys.stderr.write(_t(args, f"let op: '{draft.unit}' is geen onderdeel van ronde '{draft.round}' "
                                          f"({', '.join(units)}).\n",
                                    f"note: '{draft.unit}' is not a unit of round '{draft.round}' ({', '.join(units)}).\n"))
        elif what == "delete":
            print(_t(args, f"'{draft.name}' is verwijderd (terugzetten: cdo drafts restore {draft.id}).",
                     f"'{draft.name}' was deleted (undo: cdo drafts restore {draft.id})."))
        else:
            print(_t(args, f"'{draft.name}' is teruggezet.", f"'{draft.name}' was restored."))
        return EXIT_OK

    return _guard(args, run)


def cmd_drafts_assign(args: argparse.Namespace) -> int:
    return _change(args, "assign")


def cmd_drafts_delete(args: argparse.Namespace) -> int:
    return _change(args, "delete")


def cmd_drafts_restore(args: argparse.Namespace) -> int:
    return _change(args, "restore")
