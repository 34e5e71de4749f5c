"""`forms check` and `forms import-beslishulp`: validate questionnaires and convert the official tree."""

from __future__ import annotations

import argparse

from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, error, print_json
from algoinventaris.formengine.errors import FormLoadError, ImportFormatError
from algoinventaris.formengine.validator import check_path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    forms = sub.add_parser("forms", help="check and import questionnaires")
    fsub = forms.add_subparsers(dest="forms_command", required=True, metavar="COMMAND")

    check = fsub.add_parser("check", help="validate a form folder and report errors and warnings")
    check.add_argument("paths", nargs="+", metavar="FORM", help="form folder (holding form.yaml) or file")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(handler=cmd_check)

    imp = fsub.add_parser("import-beslishulp", help="convert an official beslishulp decision-tree.yaml")
    imp.add_argument("source", help="the official decision-tree.yaml")
    imp.add_argument("-o", "--out", required=True, metavar="DIR", help="folder to write form.yaml into")
    imp.set_defaults(handler=cmd_import)


def cmd_check(args: argparse.Namespace) -> int:
    worst = EXIT_OK
    results = []
    for path in args.paths:
        report = check_path(path)
        failed = not report.ok or (args.strict and report.warnings)
        if failed:
            worst = EXIT_FAILED
        if args.json:
            results.append({
                "path": path,
                "ok": not failed,
                "form": None if report.form is None else {
                    "id": report.form.id, "version": report.form.version, "sha256": report.form.content_hash},
                "paths": None if report.exploration is None else len(report.exploration.paths),
                "findings": [
                    {"severity": f.severity, "code": f.code, "where": f.where, "message": f.message}
                    for f in report.findings
                ],
            })
        else:
            print(report.render())
    if args.json:
        print_json(results)
    return worst


def cmd_import(args: argparse.Namespace) -> int:
    from algoinventaris.formengine.beslishulp import import_to_dir
    from algoinventaris.formengine.validator import check_form

    try:
        target, form = import_to_dir(args.source, args.out)
    except ImportFormatError as err:
        error(f"cannot import: {err}")
        return EXIT_INPUT
    except FormLoadError as err:
        error("the converted form does not load:\n" + str(err))
        return EXIT_FAILED
    report = check_form(form)
    print(f"Wrote {target}")
    print(f"  official file sha256 {form.origin.get('sha256')}")
    print(f"  form {form.id} {form.version}: {len(form.questions)} questions, {len(form.conclusions)} conclusions")
    print(f"  form sha256 {form.content_hash}")
    explored = report.exploration
    if explored is not None:
        print(f"  {len(explored.paths)} paths; {len(report.errors)} errors, {len(report.warnings)} warnings "
              f"(run 'algoinventaris forms check {args.out}' for the list)")
    return EXIT_OK
