"""`algoinventaris cdo drafts import-sheet`: last year's inventory spreadsheet, through a column mapping, into drafts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_USAGE, error, print_json

DESCRIPTION = """\
Reads last year's inventory (an .xlsx workbook, its first sheet with something in it, or a .csv file) and
proposes per column what it becomes: a register field, the unit a draft is assigned to, "not_mapped" (the
value is kept with the draft, in its visible not-mapped list) or "ignore" (left out). It recognises the
register standard's titles and field names, the CDO's own CSV/XLSX export and common headings of ministries'
inventories; last year's AI-Act conclusions and categories are never taken as answers. A mapping saved for
the same headings (in the CDO database, or --mapping FILE.json) is used first; --map corrects one column.

It then shows per row what was taken, what was not understood and why, and what was ignored (the first 50
rows in full, then counts), and the plan: which drafts of the round are new, updated or unchanged, and which
stored draft each one matched. Only after confirmation — --yes, or "j" at the question on a terminal — are
the drafts written (and the mapping remembered for next year). Without it nothing is stored, except a
mapping you asked to save with --save-mapping.

targets for --map: a register field name (name, description_short, ...) or our title of it ("Naam",
"Korte omschrijving"), unit (onderdeel), not_mapped (niet-overgenomen) or ignore (negeren).

exit codes: 0 done (also when nothing was confirmed), 1 the round is unknown, no row can be used or storing
failed, 2 a --map names an unknown column or target, 3 the file or mapping file cannot be read or the
database cannot be opened
"""

SHOWN_ROWS = 50
MAX_WARNINGS = 10


def register(drafts_sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    """Add the spreadsheet commands to `cdo drafts`."""
    p = drafts_sub.add_parser("import-sheet", parents=[common], help="last year's inventory spreadsheet (XLSX, CSV) into drafts, "
                              "with a column mapping", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", metavar="FILE", help="the spreadsheet: .xlsx or .csv")
    p.add_argument("--round", required=True, metavar="NAME", help="the round the drafts are for (cdo round create)")
    p.add_argument("--unit", metavar="DEFAULT", help="the unit for rows that name none (default: not yet assigned)")
    p.add_argument("--map", action="append", default=[], metavar="HEADING=TARGET",
                   help="map one column yourself, e.g. --map \"Directie=unit\" (may be given more than once)")
    p.add_argument("--mapping", metavar="FILE.json", help="start from a mapping saved to a file (--save-mapping FILE.json)")
    p.add_argument("--save-mapping", nargs="?", const="", default=None, metavar="FILE.json",
                   help="save the mapping in the CDO database for these headings, and also to FILE.json when given "
                        "(write it as --save-mapping=FILE.json before the spreadsheet)")
    p.add_argument("--show", type=int, default=SHOWN_ROWS, metavar="N", help=f"rows shown in full (default {SHOWN_ROWS})")
    p.add_argument("--yes", action="store_true", help="write the drafts without asking")
    p.add_argument("--json", action="store_true", help="print mapping, preview, plan and result as one JSON document")
    p.set_defaults(handler=cmd_import_sheet)


def _one_line(value: Any, limit: int = 60) -> str:
    """A value on one line for the terminal: line breaks as ' / ', other hidden characters marked, cut at limit."""
    from algoinventaris.report.safetext import visible

    text = "" if value is None else str(value)
    text = " / ".join(part.strip() for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if part.strip())
    text = visible(text, keep_layout=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wrapped(label: str, items: list[str]) -> None:
    """`label: a, b, c` wrapped at 120 columns, continued a little further in."""
    import textwrap

    lines = textwrap.wrap(f"{label}: " + ", ".join(items), width=112, break_long_words=False, break_on_hyphens=False)
    for n, line in enumerate(lines):
        print(("      " if n == 0 else "          ") + line)


def _ask(lang: str) -> bool:
    prompt = "Take them over? [y/N] " if lang == "en" else "Overnemen? [j/N] "
    try:
        answer = input(prompt)
    except EOFError:
        return False
    return answer.strip().casefold() in ("j", "ja", "y", "yes")


def cmd_import_sheet(args: argparse.Namespace) -> int:
    from algoinventaris.cli.cdo import _actor, _lang, _open
    from algoinventaris.domain import sheet_import as si
    from algoinventaris.formengine.errors import FormLoadError

    lang = _lang(args)

    def t(nl: str, en: str) -> str:
        return en if lang == "en" else nl

    try:
        form = si.default_form()
    except (FormLoadError, OSError) as err:
        error(str(err))
        return EXIT_INPUT
    try:
        table = si.read_table(args.file, lang)
    except si.TableError as err:
        error(str(err))
        return EXIT_INPUT
    saved = None
    if args.mapping:
        try:
            saved = si.read_mapping_file(args.mapping, form, lang)
        except si.MappingError as err:
            error(str(err))
            return EXIT_INPUT
    try:
        corrections = si.parse_corrections(args.map, table.headings, form, lang)
    except si.MappingError as err:
        error(str(err))
        return EXIT_USAGE
    repo = _open(args)
    if repo is None:
        return EXIT_INPUT
    try:
        return _run(args, repo, form, table, saved, corrections, lang, t, _actor)
    except si.HeadingsFileError as err:
        error(str(err))
        return EXIT_INPUT
    finally:
        repo.close()


def _run(args: argparse.Namespace, repo: Any, form: Any, table: Any, saved: Any, corrections: dict[str, str], lang: str,
         t: Any, actor_of: Any) -> int:
    from algoinventaris.cdo.drafts import DraftError, apply_plan, plan_import
    from algoinventaris.domain import sheet_import as si
    from algoinventaris.domain.drafts import SOURCE_SPREADSHEET
    from algoinventaris.storage.cdo import StorageError

    try:
        plan_import(repo, [], round_name=args.round, source=SOURCE_SPREADSHEET, lang=lang, form=form)  # the round exists
    except DraftError as err:
        error(err.text(lang))
        return EXIT_FAILED
    notes: list[str] = []
    origin = t("uit " + str(args.mapping), "from " + str(args.mapping)) if saved is not None else ""
    if saved is None:
        try:
            saved = si.saved_mapping(repo, table.headings, form, lang)
        except si.MappingError as err:
            notes.append(t(f"de opgeslagen koppeling voor deze kolommen is niet te gebruiken ({err}); er is een nieuw "
                           "voorstel gemaakt", f"the mapping saved for these columns cannot be used ({err}); a new one "
                           "was proposed"))
        if saved is not None:
            origin = t("opgeslagen in de CDO-database", "saved in the CDO database")
    mapping = si.propose_mapping(table.headings, form, saved, corrections=corrections)
    tty = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int) -> None:
        if tty and total >= 1000:
            sys.stderr.write(f"\r{t('regels gelezen', 'rows read')}: {done}/{total}")
            if done == total:
                sys.stderr.write("\r" + " " * 40 + "\r")
            sys.stderr.flush()

    pv = si.preview(table, mapping, form, lang, progress=progress)
    saved_to: list[str] = []
    if args.save_mapping is not None:
        try:
            si.store_mapping(repo, mapping)
            saved_to.append(t("de CDO-database", "the CDO database"))
            if args.save_mapping:
                si.write_mapping_file(args.save_mapping, mapping)
                saved_to.append(args.save_mapping)
        except OSError as err:
            error(t(f"{args.save_mapping} kan niet worden geschreven: {err.strerror or err}",
                    f"{args.save_mapping} cannot be written: {err.strerror or err}"))
            return EXIT_INPUT
    records = pv.records()
    plan = plan_import(repo, records, round_name=args.round, source=SOURCE_SPREADSHEET, unit=args.unit, lang=lang, form=form)
    plan.files = [Path(args.file).name]
    if not args.json:
        _print_mapping(table, mapping, form, lang, t, origin)
        for note in [*notes, *pv.warnings]:
            print(t("  let op: ", "  note: ") + note)
        _print_rows(pv, form, lang, t, max(0, args.show))
        if saved_to:
            print(t("Koppeling opgeslagen in ", "Mapping saved in ") + t(" en ", " and ").join(saved_to) + ".")
        _print_plan(plan, lang, t)
    document: dict[str, Any] = {"preview": pv.to_json(form), "plan": plan.to_json(lang), "notes": notes,
                                "mapping_source": origin or None, "mapping_saved_to": saved_to, "written": False, "result": None}

    def finish(code: int, message: str, printed: str | None = None, **changes: Any) -> int:
        """How it ended: the document with these changes and the message (--json), else `printed` (default: the message)."""
        if args.json:
            print_json(document | changes | {"message": message})
        else:
            print(message if printed is None else printed)
        return code

    if not records:
        return finish(EXIT_FAILED, t("Geen enkele regel is te gebruiken; er is niets opgeslagen.",
                                     "No row can be used; nothing was stored."))
    if not plan.writes:
        return finish(EXIT_OK, t("Er is niets nieuw of veranderd; er is niets opgeslagen.",
                                 "Nothing is new or changed; nothing was stored."))
    confirmed = args.yes or (not args.json and sys.stdin.isatty() and _ask(lang))
    if not confirmed:
        message = t("Er is niets opgeslagen.", "Nothing was stored.")
        hint = t(" Voeg --yes toe om over te nemen.", " Add --yes to take them over.")
        return finish(EXIT_OK, message + hint, message + ("" if sys.stdin.isatty() else hint))
    try:
        counts = apply_plan(repo, plan, actor=actor_of(args))
        si.store_mapping(repo, mapping)  # next year's sheet with these headings gets this mapping back
    except DraftError as err:
        error(err.text(lang))
        return EXIT_FAILED
    except StorageError as err:
        error(str(err))
        return EXIT_INPUT
    message = t(f"Opgeslagen: {counts['new']} nieuw, {counts['update']} bijgewerkt (ronde '{plan.round}'); de koppeling is "
                "bewaard voor een volgende keer.",
                f"Stored: {counts['new']} new, {counts['update']} updated (round '{plan.round}'); the mapping is kept for "
                "next time.")
    return finish(EXIT_OK, message, written=True, result=counts)


def _print_mapping(table: Any, mapping: Any, form: Any, lang: str, t: Any, origin: str) -> None:
    from algoinventaris.domain import sheet_import as si

    print(table.describe(lang))
    print()
    print(t("Koppeling van de kolommen", "Column mapping") + (f" ({origin})" if origin else t(" (voorstel)", " (proposed)")) + ":")
    rows = []
    for index, c in enumerate(mapping.columns):
        rows.append((_one_line(c.heading, 34), _one_line(table.sample(index), 30), si.target_text(c.target, form, lang),
                     c.why(lang, form)))
    w0 = max([len(t("Kolom", "Column"))] + [len(r[0]) for r in rows])
    w1 = max([len(t("Voorbeeld", "Sample"))] + [len(r[1]) for r in rows])
    w2 = max([len(t("Wordt", "Becomes"))] + [len(r[2]) for r in rows])
    print(f"  {t('Kolom', 'Column'):<{w0}}  {t('Voorbeeld', 'Sample'):<{w1}}  {t('Wordt', 'Becomes'):<{w2}}  "
          f"{t('Waarom', 'Why')}")
    for heading, sample, target, why in rows:
        print(f"  {heading:<{w0}}  {sample:<{w1}}  {target:<{w2}}  {why}")


def _print_rows(pv: Any, form: Any, lang: str, t: Any, shown: int) -> None:
    from algoinventaris.domain import sheet_import as si

    counts = pv.counts()
    print()
    print(t(f"Per regel (de eerste {min(shown, counts['rows'])} van {counts['rows']}):",
            f"Per row (the first {min(shown, counts['rows'])} of {counts['rows']}):"))
    for r in pv.rows[:shown]:
        unit = f"  [{t('onderdeel', 'unit')}: {_one_line(r.unit, 40)}]" if r.unit else ""
        name = _one_line(r.name, 60) or t("(geen naam)", "(no name)")
        print(f"  {t('regel', 'row')} {r.number:<5} {si.status_text(r.status, lang):<17} {name}{unit}")
        for problem in r.problems:
            print(f"      {t('niet te gebruiken', 'cannot be used')}: {problem}")
        if r.taken:
            _wrapped(t("overgenomen", "taken"), [
                f"{si.field_label(form, x.field, lang) if x.field != si.TARGET_UNIT else t('onderdeel', 'unit')}"
                f" = {_one_line(x.value, 30)}" for x in r.taken])
            for x in r.taken:
                if x.note:
                    print(f"        {t('aangepast', 'tidied')}: {_one_line(x.note, 110)}")
        for n in r.not_understood:
            print(f"      {t('niet begrepen', 'not understood')}: {_one_line(n.why, 140)}")
        for heading, value in r.formulas:
            print(f"      {t('formule, als tekst overgenomen', 'formula, taken as text')}: {_one_line(heading, 30)} = "
                  f"{_one_line(value, 60)}")
        if r.not_mapped:
            _wrapped(t("niet overgenomen (bewaard bij de draft)", "not mapped (kept with the draft)"),
                     [f"{_one_line(k, 30)} = {_one_line(v, 30)}" for k, v in r.not_mapped.items()])
        if r.ignored:
            _wrapped(t("genegeerd", "ignored"), [f"{_one_line(k, 30)} = {_one_line(v, 30)}" for k, v in r.ignored])
        if r.missing:
            _wrapped(t("nog in te vullen door de eigenaar", "still to be filled in by the owner"),
                     [si.field_label(form, f, lang) for f, _ in r.missing])
    if counts["rows"] > shown:
        print(t(f"  ... en nog {counts['rows'] - shown} regels (--json of --show {counts['rows']} toont ze allemaal)",
                f"  ... and {counts['rows'] - shown} more rows (--json or --show {counts['rows']} shows them all)"))
    line = t(f"Regels: {counts['rows']} ({counts['ok']} ok, {counts['remarks']} met opmerkingen, {counts['unusable']} niet te "
             f"gebruiken)", f"Rows: {counts['rows']} ({counts['ok']} ok, {counts['remarks']} with remarks, {counts['unusable']} "
             "cannot be used)")
    if counts["blank"]:
        line += t(f"; {counts['blank']} lege regels overgeslagen", f"; {counts['blank']} empty rows skipped")
    print(line + ".")


def _print_plan(plan: Any, lang: str, t: Any) -> None:
    print()
    print(t(f"Wat er met de concepten van ronde '{plan.round}' ({plan.organisation}) gebeurt:",
            f"What happens to the drafts of round '{plan.round}' ({plan.organisation}):"))
    for item in plan.items:
        unit = item.unit or t("nog niet toegewezen", "not yet assigned")
        print(f"  {_one_line(item.name, 50):<50}  {_one_line(unit, 30):<30}  {item.describe(lang)}")
    print("  " + plan.counts_text(lang))
    for warning in plan.warnings[:MAX_WARNINGS]:
        print(t("  let op: ", "  note: ") + warning)
    if len(plan.warnings) > MAX_WARNINGS:
        more = len(plan.warnings) - MAX_WARNINGS
        print(t(f"  ... en nog {more} meldingen (--json geeft ze allemaal)", f"  ... and {more} more notes (--json gives them all)"))
