"""`decide`: run answers through a form and print the outcome as JSON (single file or JSON-lines batch)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_OPEN, error, print_json
from algoinventaris.formengine.errors import DecisionError, FormLoadError
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.model import Form
from algoinventaris.formengine.runner import parse_steps, run


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "decide",
        help="run answers through a form and print the outcome as JSON",
        description=(
            'Answers are {"steps":[{"question":"<id>","answer":"<id>"}, ...]}. With --by-ref the ids are the '
            "official ones: the official questionId and the answer's 0-based position. Exit codes: 0 decided, "
            "1 the answers do not fit the form, 3 input unreadable, 4 valid but not yet at a conclusion."
        ),
    )
    p.add_argument("--form", required=True, metavar="DIR", help="form folder (holding form.yaml)")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--answers", metavar="FILE", help="one answers object (JSON); '-' reads stdin")
    src.add_argument("--batch", metavar="FILE", help="JSON lines, one answers object per line; one result per line")
    p.add_argument("--by-ref", action="store_true", help="ids are the official question ids and answer positions")
    p.set_defaults(handler=cmd_decide)


def _decide_one(form: Form, data: Any, by_ref: bool) -> dict[str, Any]:
    decision = run(form, parse_steps(data, by_ref, form))
    return decision.to_json()


def cmd_decide(args: argparse.Namespace) -> int:
    try:
        form = load_form(args.form)
    except FormLoadError as err:
        error("the form does not load:\n" + str(err))
        return EXIT_INPUT
    if args.batch:
        return _batch(form, args.batch, args.by_ref)
    try:
        text = sys.stdin.read() if args.answers == "-" else Path(args.answers).read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as err:
        error(f"cannot read {args.answers}: {err.strerror or err}")
        return EXIT_INPUT
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        error(f"{args.answers} is not valid JSON: {err}")
        return EXIT_INPUT
    try:
        result = _decide_one(form, data, args.by_ref)
    except DecisionError as err:
        print_json({"error": str(err)})
        return EXIT_FAILED
    print_json(result)
    return EXIT_OK if result["status"] == "concluded" else EXIT_OPEN


def _batch(form: Form, file: str, by_ref: bool) -> int:
    try:
        handle = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
    except OSError as err:
        error(f"cannot read {file}: {err.strerror or err}")
        return EXIT_INPUT
    all_decided = True
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            out: dict[str, Any]
            try:
                data = json.loads(line)
                full = _decide_one(form, data, by_ref)
                if full["status"] != "concluded":
                    raise DecisionError(
                        f"the answers stop before a conclusion; question '{full['next_question']}' is still open")
                out = {
                    "conclusion": full["conclusion"],
                    "conclusion_ref": full["conclusion_ref"],
                    "labels": full["labels"],
                    "path": [{"question": s["question"], "answer": s["answer"]} for s in full["path"]],
                }
            except json.JSONDecodeError as err:
                out = {"error": f"line {number}: not valid JSON: {err.msg}"}
            except DecisionError as err:
                out = {"error": f"line {number}: {err}"}
            if "error" in out:
                all_decided = False
            print_json(out, compact=True)
    return EXIT_OK if all_decided else EXIT_FAILED
