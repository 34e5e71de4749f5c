"""`migrate answers` and `migrate check-map`: carry stored answers to a new form version with a migration map."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_OPEN, error, print_json
from algoinventaris.formengine.errors import DecisionError, FormEngineError, FormLoadError, ImportFormatError
from algoinventaris.formengine.model import Form

EXIT_REVIEW = EXIT_OPEN  # migrated, but the owner must review something (or answer a new question)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser(
        "migrate",
        help="carry stored answers to a new version of a form (migration maps)",
        description="Migration maps (forms/migrations/*.yaml) say what became of each question, answer and "
                    "conclusion between two versions of a form; see forms/README.md.",
    )
    msub = group.add_subparsers(dest="migrate_command", required=True, metavar="COMMAND")

    ans = msub.add_parser(
        "answers",
        help="migrate one set of answers and print a JSON report",
        description=(
            "Migrate answers given under OLD to NEW and print a JSON report: which answers were carried over, "
            "mapped, dropped or need review, the old and the recomputed conclusion. A form is a form folder, "
            "its form.yaml, or an official beslishulp decision-tree file (imported on the fly). Answers are "
            '{"steps":[{"question":"<id>","answer":"<id>"}, ...]} (as for decide; --by-ref for official ids) '
            'or {"answers":{"<question id>":"<answer id>" or ["<id>", ...]}}. To cross several versions give '
            "--via for each form in between and one --map per step, in order. Exit codes: 0 migrated without "
            "anything to review, 4 migrated but something needs review, 1 the map or the answers do not fit "
            "the forms (nothing migrated), 3 a file cannot be read."
        ),
    )
    ans.add_argument("--from", dest="old", required=True, metavar="OLD_FORM", help="the form the answers were given under")
    ans.add_argument("--to", dest="new", required=True, metavar="NEW_FORM", help="the form to migrate to")
    ans.add_argument("--via", action="append", default=[], metavar="FORM", help="a form version in between (repeatable)")
    ans.add_argument("--map", dest="maps", action="append", required=True, metavar="MAP.yaml",
                     help="migration map; one per step, in order (repeatable)")
    ans.add_argument("--answers", required=True, metavar="FILE", help="answers (JSON); '-' reads stdin")
    ans.add_argument("--by-ref", action="store_true", help="the steps use official question ids and answer positions")
    ans.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the reasons in the report")
    ans.set_defaults(handler=cmd_answers)

    chk = msub.add_parser(
        "check-map",
        help="check a migration map against the two forms it connects",
        description="Errors (exit 1): the map names ids that do not exist, is made for other forms, or leaves a "
                    "removed question or conclusion unmentioned. Warnings: texts or labels that changed without "
                    "the map mentioning them. Exit 3 when a file cannot be read.",
    )
    chk.add_argument("map", metavar="MAP.yaml", help="the migration map")
    chk.add_argument("--from", dest="old", required=True, metavar="OLD_FORM", help="the old form")
    chk.add_argument("--to", dest="new", required=True, metavar="NEW_FORM", help="the new form")
    chk.add_argument("--json", action="store_true", help="print the findings as JSON")
    chk.add_argument("--strict", action="store_true", help="treat warnings as errors")
    chk.set_defaults(handler=cmd_check_map)


def load_form_arg(path: str) -> Form:
    """A form folder or form.yaml, or an official beslishulp decision tree (imported in memory)."""
    from algoinventaris.formengine.beslishulp import import_file, read_official
    from algoinventaris.formengine.loader import load_form

    p = Path(path)
    try:
        return load_form(p)
    except FormLoadError:
        if not (p.is_file() and _looks_official(p, read_official)):
            raise
    return import_file(p)[1]


def _looks_official(path: Path, read: Any) -> bool:
    """True when the file is an official beslishulp tree (questions with a 'questionId')."""
    try:
        raw = read(path)
    except FormEngineError:
        return False
    questions = raw.get("questions") if isinstance(raw, dict) else None
    return bool(isinstance(questions, list) and questions and isinstance(questions[0], dict)
                and "questionId" in questions[0])


def _read_answers(file: str, form: Form, by_ref: bool) -> dict[str, list[str]]:
    """Stored answers from a JSON file: the decide format (steps) or {"answers": {...}}."""
    from algoinventaris.formengine.runner import parse_steps

    text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    data = json.loads(text)
    if isinstance(data, dict) and "answers" in data and "steps" not in data:
        raw = data["answers"]
        if not isinstance(raw, dict):
            raise DecisionError('"answers" must be an object {"<question id>": "<answer id>" or [...]}')
        out: dict[str, list[str]] = {}
        for qid, value in raw.items():
            items = value if isinstance(value, list) else [value]
            if not all(isinstance(v, str) for v in items):
                raise DecisionError(f"question '{qid}': answers must be ids (text)")
            out[str(qid)] = [str(v) for v in items]
        return out
    return {step.question: list(step.answers) for step in parse_steps(data, by_ref, form)}


def _load_forms_and_maps(args: argparse.Namespace) -> tuple[list[Form], list[Any]] | int:
    from algoinventaris.formengine.migration import MigrationMapError, load_map

    paths = [args.old, *getattr(args, "via", []), args.new]
    map_paths = args.maps if hasattr(args, "maps") else [args.map]
    if len(map_paths) != len(paths) - 1:
        error(f"{len(paths) - 1} step(s) from --from via --via to --to need {len(paths) - 1} --map, got {len(map_paths)}")
        return EXIT_INPUT
    forms = []
    for path in paths:
        try:
            forms.append(load_form_arg(path))
        except FormLoadError as err:
            error(f"the form {path} does not load:\n{err}")
            return EXIT_INPUT
        except ImportFormatError as err:
            error(f"cannot import {path}: {err}")
            return EXIT_INPUT
    maps = []
    for path in map_paths:
        try:
            maps.append(load_map(path))
        except MigrationMapError as err:
            error(f"the migration map cannot be read:\n{err}")
            return EXIT_INPUT
    return forms, maps


def cmd_answers(args: argparse.Namespace) -> int:
    from algoinventaris.formengine.migration import MapValidationError, Migrator, migrate_chain

    loaded = _load_forms_and_maps(args)
    if isinstance(loaded, int):
        return loaded
    forms, maps = loaded
    try:
        stored = _read_answers(args.answers, forms[0], args.by_ref)
    except OSError as err:
        error(f"cannot read {args.answers}: {err.strerror or err}")
        return EXIT_INPUT
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        error(f"{args.answers} is not valid JSON: {err}")
        return EXIT_INPUT
    except DecisionError as err:
        print_json({"error": f"{args.answers}: {err}"})
        return EXIT_FAILED
    try:
        migrators = [Migrator(old, new, m) for old, new, m in zip(forms[:-1], forms[1:], maps, strict=True)]
        result = migrate_chain(migrators, stored)
    except MapValidationError as err:
        print_json({"error": "the migration map does not fit the forms; nothing was migrated",
                    "problems": [f"{f.where}: {f.message}" for f in err.report.errors]})
        return EXIT_FAILED
    except FormEngineError as err:
        print_json({"error": f"nothing was migrated: {err}"})
        return EXIT_FAILED
    report = result.to_json(args.lang)
    report["maps"] = [m.path for m in maps]
    print_json(report)
    return EXIT_REVIEW if result.needs_review else EXIT_OK


def cmd_check_map(args: argparse.Namespace) -> int:
    from algoinventaris.formengine.migration import check_map

    loaded = _load_forms_and_maps(args)
    if isinstance(loaded, int):
        return loaded
    (old, new), (mapping,) = loaded
    report = check_map(mapping, old, new)
    failed = not report.ok or (args.strict and bool(report.warnings))
    if args.json:
        print_json({
            "map": mapping.path,
            "ok": not failed,
            "from": {"id": old.id, "version": old.version, "sha256": old.content_hash},
            "to": {"id": new.id, "version": new.version, "sha256": new.content_hash},
            "findings": [{"severity": f.severity, "code": f.code, "where": f.where, "message": f.message}
                         for f in report.findings],
        })
    else:
        print(report.render())
    return EXIT_FAILED if failed else EXIT_OK
