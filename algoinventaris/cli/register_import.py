"""`register-import FILE... [--json]`: read published Algoritmeregister entries and list every deviation."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from algoinventaris.cli.output import EXIT_INPUT, EXIT_OK, error, print_json

DESCRIPTION = """\
Reads register entries (publication standard 1.0) from JSON files (a record, a list of records or
{"records": [...]}), CSV files and Excel workbooks (.xlsx, the first sheet with something in it) in the register's
download layout (column headings are the field titles such as "Naam", or the field names such as "name"); last
year's own inventory spreadsheet goes through `cdo drafts import-sheet` instead. For every record it prints the name,
how it would be matched on a re-import (Algoritme-ID, else source id, else organisation + name) and every
deviation: values that were tidied, values that break a rule, missing required fields, fields our form does
not know (listed with their values) and spreadsheet formulas (taken as plain text, never run).
Nothing is written anywhere.

exit codes: 0 every file was read (deviations are not errors), 3 a file cannot be read
"""

KIND_TEXT = {
    "normalised": ("aangepast", "normalised"),
    "invalid": ("ongeldig", "invalid"),
    "missing": ("ontbreekt", "missing"),
    "not_mapped": ("niet overgenomen", "not mapped"),
    "formula": ("formule", "formula"),
}
MATCH_TEXT = {
    "lars": ("Algoritme-ID", "algorithm ID"),
    "source_id": ("Bron-ID", "source ID"),
    "organisation+name": ("organisatie + naam", "organisation + name"),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("register-import", help="read Algoritmeregister entries (JSON, CSV, XLSX) and list deviations",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="FILE", help=".json, .csv or .xlsx file with register entries")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--lang", choices=["nl", "en"], default="nl", help="language of the messages (default nl)")
    p.set_defaults(handler=cmd_register_import)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def cmd_register_import(args: argparse.Namespace) -> int:
    from algoinventaris.domain.register_import import RegisterImportError, default_form, read_records
    from algoinventaris.formengine.errors import FormLoadError

    lang = args.lang
    try:
        form = default_form()
    except (FormLoadError, OSError) as exc:
        error(str(exc))
        return EXIT_INPUT
    failed = False
    result: list[dict[str, Any]] = []
    for name in args.files:
        try:
            records = read_records(name, form=form, lang=lang)
        except RegisterImportError as exc:
            failed = True
            error(str(exc))
            result.append({"file": name, "error": str(exc), "records": []})
            continue
        result.append({"file": name, "records": [
            {
                "source": r.source,
                "name": r.name,
                "match": {"kind": r.match.kind, "value": r.match.value},
                "draft": r.draft,
                "not_mapped": r.not_mapped,
                "deviations": [{"kind": d.kind, "field": d.field, "value": d.value, "message": d.message,
                                "normalised": d.normalised} for d in r.deviations],
            } for r in records]})
        if not args.json:
            _print_text(name, records, lang)
    if args.json:
        print_json(result)
    return EXIT_INPUT if failed else EXIT_OK


def _print_text(name: str, records: list[Any], lang: str) -> None:
    out = sys.stdout
    out.write(f"{name}: {len(records)} record{'' if len(records) == 1 else 's'}\n")
    for r in records:
        title = r.name or ("(no name)" if lang == "en" else "(geen naam)")
        out.write(f"\n  {title}  [{r.source}]\n")
        out.write(f"    {'match key' if lang == 'en' else 'herkend aan'}: "
                  f"{_pick(MATCH_TEXT[r.match.kind], lang)} = {r.match.value}\n")
        if not r.deviations:
            out.write("    " + ("no deviations" if lang == "en" else "geen afwijkingen") + "\n")
        for d in r.deviations:
            out.write(f"    - {_pick(KIND_TEXT[d.kind], lang)}: {d.message}\n")
            if d.kind == "not_mapped":
                shown = " ".join(d.value.split())
                shown = shown if len(shown) <= 100 else shown[:99] + "…"
                empty = "(empty)" if lang == "en" else "(leeg)"
                out.write(f"        {'value' if lang == 'en' else 'waarde'}: {shown or empty}\n")
