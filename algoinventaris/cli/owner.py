"""Owner commands: `list`, `show`, `new`, `delete`, `restore` — what the owner's database holds, without the GUI."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_USAGE, error, print_json

if TYPE_CHECKING:
    from algoinventaris.domain.algorithm import AlgorithmSummary, StoredAnswer
    from algoinventaris.domain.drafts import DraftOrigin
    from algoinventaris.formengine.model import Form
    from algoinventaris.storage.repository import OwnerRepository

MIN_PREFIX = 4
ID_HELP = "the algorithm's id, or a unique start of it (at least 4 characters, as `list` shows)"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db_note = "The database is the one in the data folder, or the file given with the global --db option."
    p = sub.add_parser(
        "list", help="list the algorithms in the owner's database", description=f"List the algorithms, newest change first. {db_note}"
    )
    p.add_argument("--json", action="store_true", help="print a JSON array of objects")
    p.add_argument("--all", action="store_true", help="include deleted algorithms")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser(
        "show",
        help="show one algorithm with its answers",
        description=f"Show an algorithm's fields and every stored answer with its question. Exit 1 when the id is unknown. {db_note}",
    )
    p.add_argument("id", metavar="ID", help=ID_HELP)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of question and answer texts (default nl)")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser(
        "new", help="add an algorithm to the owner's database", description=f"Add a new algorithm in state 'draft'. {db_note}"
    )
    p.add_argument("name", metavar="NAME", help="the algorithm's name")
    p.add_argument("--organisation", required=True, metavar="O", help="the organisation it belongs to")
    p.add_argument("--unit", required=True, metavar="U", help="the unit (department, team) that owns it")
    p.add_argument("--round", metavar="R", help=f"the inventory round (default: 'Inventarisatie {datetime.now().year}')")
    p.add_argument("--json", action="store_true", help="print the new algorithm as JSON")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser(
        "delete", help="delete an algorithm (can be undone with restore)", description=f"Delete an algorithm; `restore` undoes. {db_note}"
    )
    p.add_argument("id", metavar="ID", help=ID_HELP)
    p.set_defaults(handler=cmd_delete)

    p = sub.add_parser(
        "restore", help="undo the deletion of an algorithm", description=f"Bring back a deleted algorithm with its answers. {db_note}"
    )
    p.add_argument("id", metavar="ID", help=ID_HELP)
    p.set_defaults(handler=cmd_restore)


# --- shared plumbing ----------------------------------------------------------------------------


class CliFailure(Exception):
    """A command cannot go on: the message for the person and the exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def with_repo(work: Callable[[OwnerRepository], int]) -> int:
    """Open the database, run work, and turn storage problems into a message and an exit code."""
    from algoinventaris.storage import StorageError, open_owner_db

    try:
        repo = open_owner_db()
    except StorageError as err:
        error(str(err))
        return EXIT_INPUT
    try:
        return work(repo)
    except CliFailure as failure:
        error(str(failure))
        return failure.code
    except StorageError as err:
        error(str(err))
        return EXIT_INPUT
    finally:
        repo.close()


def find_algorithm(repo: OwnerRepository, given: str) -> AlgorithmSummary:
    """The algorithm with this id, or the only one whose id starts with it."""
    from algoinventaris.storage import NotFound

    try:
        return repo.get_algorithm(given)
    except NotFound:
        pass
    needle = given.strip().lower()
    if len(needle) >= MIN_PREFIX:
        matches = [a for a in repo.list_algorithms(include_deleted=True) if a.id.startswith(needle)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = ", ".join(f"{a.id} ({a.name})" for a in matches[:5])
            raise CliFailure(f"'{given}' fits more than one algorithm: {names}. Give more of the id.", EXIT_FAILED)
    raise CliFailure(
        f"There is no algorithm with id '{given}' in {repo.path}. `algoinventaris list --all` shows every id.", EXIT_FAILED
    )


def _local(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "-"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _conclusion_text(a: AlgorithmSummary) -> str:
    if not a.conclusion:
        return "-"
    return f"{a.conclusion} ({a.conclusion_ref})" if a.conclusion_ref else a.conclusion


# --- list ---------------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    def work(repo: OwnerRepository) -> int:
        items = repo.list_algorithms(include_deleted=args.all)
        if args.json:
            print_json([a.to_json() for a in items])
            return EXIT_OK
        if not items:
            print(f"No algorithms yet in {repo.path}.")
            print("Add one with: algoinventaris new NAME --organisation O --unit U")
            return EXIT_OK
        header = ("ID", "NAME", "UNIT", "ROUND", "STATE", "CONCLUSION", "CAT", "CHANGED")
        rows = []
        for a in items:
            state = a.state + (" (deleted)" if a.deleted else "")
            rows.append(
                (a.id[:8], _clip(a.name, 40), _clip(a.unit, 24), _clip(a.round, 24), state, _conclusion_text(a), a.category or "-",
                 _local(a.updated_at))
            )
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
        for r in [header, *rows]:
            print("  ".join(str(cell).ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
        count = len(items)
        print(f"\n{count} algorithm{'s' if count != 1 else ''} in {repo.path}")
        return EXIT_OK

    return with_repo(work)


# --- show ---------------------------------------------------------------------------------------


def _load_forms(form_ids: set[str]) -> dict[str, Form | None]:
    from algoinventaris import config
    from algoinventaris.formengine.errors import FormEngineError
    from algoinventaris.formengine.loader import load_form

    forms: dict[str, Form | None] = {}
    for form_id in sorted(form_ids):
        try:
            forms[form_id] = load_form(config.form_path(form_id))
        except (FormEngineError, OSError, ValueError):
            forms[form_id] = None
    return forms


def _answer_entries(form_id: str, form: Form | None, stored: list[StoredAnswer], lang: str) -> list[dict[str, Any]]:
    """The stored answers of one form in path order (then the rest), with question and answer texts."""
    from algoinventaris.formengine.model import text_in

    by_question = {s.question_id: s for s in stored}
    order = list(by_question)
    on_path: set[str] = set()
    if form is not None:
        from algoinventaris.formengine.session import resolve

        try:
            state = resolve(form, {q: s.answers for q, s in by_question.items()})
            on_path = set(state.on_path)
            order = [*state.on_path, *(q for q in order if q not in on_path)]
        except Exception:  # a stored answer the form no longer knows: keep the stored order
            on_path = set()
    entries = []
    for qid in order:
        s = by_question[qid]
        question = form.question(qid) if form is not None else None
        texts: list[str] | None = None
        if question is not None:
            if question.answers:
                texts = [text_in(a.text, lang) if (a := question.answer(v)) else v for v in s.answers]
            else:
                texts = [_value_text(question, v, lang) for v in s.answers]
        entries.append(
            {
                **s.to_json(),
                "question_text": text_in(question.text, lang) if question is not None else None,
                "answer_texts": texts,
                "on_path": (qid in on_path) if form is not None else None,
                "form_changed": (s.form_hash != form.content_hash) if form is not None else None,
            }
        )
    return entries


def _attach_problems(groups: dict[str, list[dict[str, Any]]], forms: dict[str, Form | None], lang: str) -> None:
    """Give every answer entry a "problems" list: the register's field checks and the category's reason rule.

    Every stored register answer is checked with register.record_problems (field-named messages; an answer
    that fails them also stops the route there); a category that differs from the app's proposal without a
    sufficient reason is reported under the reason.
    """
    from algoinventaris.domain import register as reg

    for entries in groups.values():
        for entry in entries:
            entry["problems"] = []
    register_form = forms.get(reg.REGISTER_FORM)
    entries = groups.get(reg.REGISTER_FORM, [])
    if register_form is not None and entries:
        answers = {e["question_id"]: tuple(e["answers"]) for e in entries if e["answers"]}
        found = reg.record_problems(register_form, answers, lang)
        for entry in entries:
            entry["problems"] = list(found.get(entry["question_id"], []))
    impact_form = forms.get(reg.IMPACT_FORM)
    impact = groups.get(reg.IMPACT_FORM, [])
    if impact_form is not None and impact:
        from algoinventaris.domain.category import CATEGORY_OF_CHOICE, Q_CATEGORY, Q_CATEGORY_REASON, decide, derive
        from algoinventaris.formengine.session import resolve

        answers = {e["question_id"]: tuple(e["answers"]) for e in impact if e["on_path"]}
        chosen = CATEGORY_OF_CHOICE.get((answers.get(Q_CATEGORY) or ("",))[0])
        if chosen is not None:
            facts = None
            ai_form = forms.get(reg.AI_ACT_FORM)
            ai_entries = groups.get(reg.AI_ACT_FORM, [])
            if ai_form is not None:
                state = resolve(ai_form, {e["question_id"]: tuple(e["answers"]) for e in ai_entries})
                facts = state.decision.facts() if state.done else None
            impact_values = {q: v[0] for q, v in answers.items() if v}
            reason = (answers.get(Q_CATEGORY_REASON) or ("",))[0]
            problems = decide(derive(facts, impact_values, ai_act_concluded=facts is not None), chosen, reason).problems(lang)
            target = next((e for e in impact if e["question_id"] == Q_CATEGORY_REASON),
                          next((e for e in impact if e["question_id"] == Q_CATEGORY), None))
            if target is not None:
                target["problems"].extend(problems)


def _value_text(question: Any, value: str, lang: str) -> str:
    """A value field's stored text for reading: list items joined, allowed values by their label."""
    if value == "":
        return "(not filled in)" if lang == "en" else "(niet ingevuld)"
    if question.type == "list":
        try:
            items = json.loads(value)
        except ValueError:
            return value
        if isinstance(items, list):
            return "; ".join(str(i) for i in items)
    spec = getattr(question, "field", None)
    if spec is not None and getattr(spec, "values", None):
        return str(spec.value_label(value, lang))
    return value


def cmd_show(args: argparse.Namespace) -> int:
    def work(repo: OwnerRepository) -> int:
        a = find_algorithm(repo, args.id)
        stored = repo.all_answers(a.id)
        form_ids = {s.form_id for s in stored} | ({"ai-act"} if a.conclusion else set())
        if form_ids & {"impact", "register"}:
            form_ids.add("ai-act")  # the category and register checks need the AI-Act outcome
        forms = _load_forms(form_ids)
        groups: dict[str, list[dict[str, Any]]] = {}
        for form_id in sorted({s.form_id for s in stored}):
            groups[form_id] = _answer_entries(form_id, forms.get(form_id), [s for s in stored if s.form_id == form_id], args.lang)
        _attach_problems(groups, forms, args.lang)
        conclusion_title = _conclusion_title(a, forms, args.lang)
        origin = repo.draft_origin(a.id)
        if args.json:
            data = a.to_json()
            data["conclusion_title"] = conclusion_title
            data["database"] = str(repo.path)
            data["draft_origin"] = None if origin is None else origin.to_json() | {"text": origin.describe(args.lang)}
            data["answers"] = [entry for entries in groups.values() for entry in entries]
            print_json(data)
            return EXIT_OK
        _print_algorithm(a, conclusion_title, repo)
        if origin is not None:
            _print_origin(origin, args.lang)
        if not groups:
            print("\nNo answers yet.")
        for form_id, entries in groups.items():
            _print_answers(form_id, forms.get(form_id), entries, args.lang)
        return EXIT_OK

    return with_repo(work)


def _conclusion_title(a: AlgorithmSummary, forms: dict[str, Form | None], lang: str) -> str | None:
    from algoinventaris.formengine.model import text_in

    if not a.conclusion:
        return None
    for form in forms.values():
        if form is not None and (c := form.conclusion(a.conclusion)) is not None:
            return text_in(c.title, lang)
    return None


def _print_algorithm(a: AlgorithmSummary, conclusion_title: str | None, repo: OwnerRepository) -> None:
    conclusion = _conclusion_text(a) + (f" — {conclusion_title}" if conclusion_title else "")
    resumes = "summary" if a.current_question is None else a.current_question
    fields = [
        ("Id", a.id),
        ("Name", a.name),
        ("Organisation", a.organisation),
        ("Unit", a.unit),
        ("Round", a.round),
        ("State", a.state),
        ("Conclusion", conclusion),
        ("Category", a.category or "-"),
        ("Resumes at", f"{a.current_form} / {resumes}" if a.current_form else "start"),
        ("Created", _local(a.created_at)),
        ("Changed", _local(a.updated_at)),
    ]
    if a.deleted:
        fields.append(("Deleted", f"{_local(a.deleted_at)} (undo: algoinventaris restore {a.id})"))
    fields.append(("Database", str(repo.path)))
    width = max(len(name) for name, _ in fields) + 1
    for name, value in fields:
        print(f"{(name + ':').ljust(width)} {value}")


def _print_origin(origin: DraftOrigin, lang: str) -> None:
    """Where the algorithm came from (a CDO draft), what of it was not taken and how the source deviated."""
    en = lang == "en"
    print(f"\n{origin.describe(lang)}")
    print(f"  {'draft' if en else 'concept'} {origin.draft_id}, {'revision' if en else 'revisie'} {origin.revision}, "
          f"{'started' if en else 'begonnen'} {_local(origin.started_at)}")
    if origin.not_mapped:
        print(f"{'Not taken' if en else 'Niet overgenomen'} ({len(origin.not_mapped)}):")
        for n in origin.not_mapped:
            print(f"  {n.field}: {' '.join(n.value.split())}  [{n.reason_text(lang)}]")
    if origin.deviations:
        print(f"{'Deviations in the source' if en else 'Afwijkingen in de bron'} ({len(origin.deviations)}):")
        for d in origin.deviations:
            print(f"  [{d.kind}] {d.message or f'{d.field}: {d.value}'}")


def _print_answers(form_id: str, form: Form | None, entries: list[dict[str, Any]], lang: str) -> None:
    from algoinventaris.formengine.model import text_in

    versions = sorted({e["form_version"] for e in entries})
    title = f" — {text_in(form.title, lang)}" if form is not None else " (form not found here: ids shown)"
    print(f"\nAnswers, form {form_id} {', '.join(versions)}{title}")
    for e in entries:
        question = e["question_text"] or e["question_id"]
        answer = "; ".join(e["answer_texts"] if e["answer_texts"] is not None else e["answers"])
        marks = []
        if e["status"] == "set_aside":
            marks.append("SET ASIDE")
        elif e["status"] == "prefilled":
            marks.append("prefilled, not confirmed")
        if e["on_path"] is False and e["status"] != "set_aside":
            marks.append("not on the current path")
        if e["form_changed"]:
            marks.append(f"answered in form version {e['form_version']}")
        suffix = f"  [{'; '.join(marks)}]" if marks else ""
        print(f"  {question}\n    → {answer}{suffix}")
        for problem in e.get("problems") or []:
            print(f"    ! {problem}")


# --- new, delete, restore -----------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    round_name = args.round or f"Inventarisatie {datetime.now().year}"

    def work(repo: OwnerRepository) -> int:
        try:
            a = repo.create_algorithm(args.name, args.organisation, args.unit, round_name)
        except ValueError as err:
            raise CliFailure(f"cannot add the algorithm: {err}", EXIT_USAGE) from err
        if args.json:
            print_json(a.to_json())
        else:
            print(f"Added {a.name} ({a.organisation}, {a.unit}, {a.round})")
            print(f"id: {a.id}")
        return EXIT_OK

    return with_repo(work)


def cmd_delete(args: argparse.Namespace) -> int:
    def work(repo: OwnerRepository) -> int:
        a = find_algorithm(repo, args.id)
        if a.deleted:
            print(f"{a.name} ({a.id}) was deleted already on {_local(a.deleted_at)}.")
            return EXIT_OK
        repo.delete_algorithm(a.id)
        print(f"Deleted {a.name} ({a.id}). Undo with: algoinventaris restore {a.id}")
        return EXIT_OK

    return with_repo(work)


def cmd_restore(args: argparse.Namespace) -> int:
    def work(repo: OwnerRepository) -> int:
        a = find_algorithm(repo, args.id)
        if not a.deleted:
            print(f"{a.name} ({a.id}) is not deleted; nothing to restore.")
            return EXIT_OK
        repo.restore_algorithm(a.id)
        print(f"Restored {a.name} ({a.id}).")
        return EXIT_OK

    return with_repo(work)

