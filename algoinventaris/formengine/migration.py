"""Migration of stored answers from one version of a form to the next, driven by a migration map (YAML).

A map (see forms/README.md, "Migrating answers") names the two forms it connects by id, version and
SHA-256, and says what became of every question, answer and conclusion that did not stay the same:
renamed, merged, split, removed, or changed in meaning. `load_map` reads it (schema errors name file
and line), `check_map` validates it against the two forms, and `migrate` carries one algorithm's stored
answers across: each answer is carried, mapped, dropped or flagged for review, the outcome is recomputed
on the new form, and a conclusion that differs from the old one is always flagged, never silently taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from algoinventaris.formengine.errors import FormEngineError, FormLoadError
from algoinventaris.formengine.fields import validate as validate_value
from algoinventaris.formengine.loader import ID_PATTERN, LineDict, LineList, SchemaReader, read_yaml
from algoinventaris.formengine.model import Conclusion, Form, Question, Text
from algoinventaris.formengine.session import SessionState, resolve
from algoinventaris.formengine.validator import Finding, FindingsSummary

MAP_FORMAT = 1
REMOVED_MODES = ("review", "drop")
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
LANG_PATTERN = re.compile(r"^[a-z]{2}$")

# Statuses of one migrated question, from best to worst.
CARRIED, MAPPED, DROPPED, NEEDS_REVIEW = "carried", "mapped", "dropped", "needs_review"
_RANK = {CARRIED: 0, MAPPED: 1, DROPPED: 2, NEEDS_REVIEW: 3}

# Kinds of review item.
REVIEW_KINDS = (
    "removed",             # the question no longer exists and its answer mattered
    "unmapped",            # an answer has no counterpart in the new form
    "split",               # an answer became several; a person must choose
    "meaning_changed",     # the map says the question or answer means something else now
    "invalid_value",       # a carried value does not pass the new form's checks
    "no_longer_fits",      # a carried answer no longer fits the new routing
    "new_question",        # the new form asks a question here that the old answers do not answer
    "conclusion_changed",  # the recomputed conclusion differs from the old one
    "conclusion_review",   # same conclusion, but the map asks the owner to look at it
)


# --- errors ----------------------------------------------------------------------------------------


class MigrationError(FormEngineError):
    """Answers cannot be migrated: the map, the forms or the stored answers do not fit together."""


class MigrationMapError(MigrationError):
    """A migration map cannot be read or does not follow the map schema; every problem names file and line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class MapValidationError(MigrationError):
    """A migration map does not fit the two forms it is applied to (unknown ids, other form, gaps)."""

    def __init__(self, report: MapReport) -> None:
        self.report = report
        super().__init__("\n".join(f"{f.where}: {f.message}" for f in report.errors))


class AnswersError(MigrationError):
    """The stored answers given to migrate do not fit the old form (unknown question or answer, bad shape)."""


# --- the map ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormIdentity:
    """Which form a map side means: form id, version and SHA-256 (content hash, or official file hash)."""

    form: str
    version: str
    sha256: str
    line: int = 0

    def mismatches(self, form: Form) -> list[str]:
        """Why `form` is not this form (empty when it is)."""
        official = form.origin.get("sha256") if isinstance(form.origin, Mapping) else None
        hashes = {form.content_hash} | ({official} if isinstance(official, str) else set())
        problems = []
        if form.id != self.form:
            problems.append(f"form id is '{form.id}', the map expects '{self.form}'")
        if form.version != self.version:
            problems.append(f"version is '{form.version}', the map expects '{self.version}'")
        if self.sha256 not in hashes:
            shown = f"content sha256 {form.content_hash}"
            if isinstance(official, str):
                shown += f", official file sha256 {official}"
            problems.append(f"the form's hash does not match the map's sha256 {self.sha256} ({shown})")
        return problems


@dataclass(frozen=True)
class AnswerRule:
    """What becomes of one old answer (or, for a value question, one old value)."""

    old: str
    to: tuple[str, ...] = ()      # one id: renamed or merged; several: split into all (multiple choice only)
    choose: tuple[str, ...] = ()  # split where a person must choose one
    review: Text | None = None    # with `to`: mapped but the owner must confirm; without: no counterpart
    line: int = 0


@dataclass(frozen=True)
class QuestionRule:
    """What becomes of one old question: moved to `to`, or removed (`review` or `drop`)."""

    old: str
    to: str | None = None
    removed: str | None = None
    reason: Text | None = None
    review: Text | None = None
    note: Text | None = None
    answers: Mapping[str, AnswerRule] = field(default_factory=dict)
    values: Mapping[str, AnswerRule] = field(default_factory=dict)
    line: int = 0
    to_line: int = 0


@dataclass(frozen=True)
class NewQuestion:
    """A question of the new form that old answers may leave open (new, or asked on more paths)."""

    id: str
    reason: Text | None = None
    line: int = 0


@dataclass(frozen=True)
class ConclusionRule:
    """Which new conclusion an old conclusion became (`to`), or that it was removed without successor."""

    old: str
    to: str | None = None
    removed: bool = False
    reason: Text | None = None
    review: Text | None = None
    note: Text | None = None
    line: int = 0
    to_line: int = 0


@dataclass(frozen=True)
class MapNote:
    """A remark for people about old questions or conclusions whose wording changed but not their meaning."""

    questions: tuple[str, ...]
    conclusions: tuple[str, ...]
    text: Text
    line: int = 0


@dataclass(frozen=True)
class MigrationMap:
    """A parsed migration map; check it against the forms with `check_map` before use."""

    path: str
    source: FormIdentity
    target: FormIdentity
    title: Text | None = None
    questions: Mapping[str, QuestionRule] = field(default_factory=dict)
    new_questions: Mapping[str, NewQuestion] = field(default_factory=dict)
    conclusions: Mapping[str, ConclusionRule] = field(default_factory=dict)
    notes: tuple[MapNote, ...] = ()
    questions_line: int = 1
    conclusions_line: int = 1

    def where(self, line: int) -> str:
        return f"{self.path}:{line}" if line else self.path


# --- loading ---------------------------------------------------------------------------------------


class _MapReader(SchemaReader):
    """Builds a MigrationMap from YAML data, collecting every schema problem with its line."""

    def ident(self, value: Any, where: str, line: int) -> str | None:
        if isinstance(value, bool):
            self.problem(line, f"{where}: YAML reads this id as {value}; put it in quotes")
            return None
        if isinstance(value, (int, float)):
            value = str(value)
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(line, f"{where}: {value!r} is not an id (1-80 letters, digits, '_', '.', '-')")
            return None
        return value

    def idents(self, value: Any, where: str, line: int) -> tuple[str, ...]:
        if not isinstance(value, LineList):
            one = self.ident(value, where, line)
            return (one,) if one is not None else ()
        out = []
        for i, item in enumerate(value):
            one = self.ident(item, f"{where}[{i + 1}]", self.line_of(value, i))
            if one is not None:
                out.append(one)
        return tuple(out)

    def text(self, value: Any, where: str, line: int) -> Text | None:
        if value is None:
            return None
        if isinstance(value, str):
            if not value.strip():
                self.problem(line, f"{where}: the text is empty")
                return None
            return {"nl": value.strip()}
        if not isinstance(value, LineDict):
            self.problem(line, f"{where}: expected a text, or a text per language like {{nl: ..., en: ...}}")
            return None
        out: dict[str, str] = {}
        for lang, item in value.items():
            kl = self.line_of(value, lang)
            if not LANG_PATTERN.match(lang):
                self.problem(kl, f"{where}: '{lang}' is not a two-letter language code")
            elif not isinstance(item, str) or not item.strip():
                self.problem(kl, f"{where}.{lang}: expected a non-empty text")
            else:
                out[lang] = item.strip()
        if "nl" not in value:
            self.problem(value.line, f"{where}: the Dutch text (nl) is missing")
        return out or None

    def identity(self, value: Any, where: str, line: int) -> FormIdentity | None:
        m = self.mapping(value, where, line, {"form", "version", "sha256"}, {"form", "version", "sha256"})
        if m is None:
            return None
        form = self.ident(m.get("form"), f"{where}.form", self.line_of(m, "form"))
        version = m.get("version")
        if isinstance(version, (int, float)) and not isinstance(version, bool):
            version = str(version)
        if "version" in m and (not isinstance(version, str) or not version):
            self.problem(self.line_of(m, "version"), f"{where}.version: expected text (quote it, e.g. \"2026.1\")")
        sha = m.get("sha256")
        if "sha256" in m and (not isinstance(sha, str) or not SHA256_PATTERN.match(sha)):
            self.problem(self.line_of(m, "sha256"), f"{where}.sha256: expected 64 lower-case hex digits")
        if form is None or not isinstance(version, str) or not isinstance(sha, str):
            return None
        return FormIdentity(form, version, sha, m.line)

    def answer_rule(self, old: str, value: Any, where: str, line: int, value_question: bool) -> AnswerRule | None:
        if value is None:
            return AnswerRule(old, line=line)
        if isinstance(value, LineDict):
            m = self.mapping(value, where, line, {"to", "choose", "review", "reason"}, set())
            if m is None:
                return None
            to: tuple[str, ...] = ()
            if "to" in m and value_question:
                if isinstance(m["to"], (LineDict, LineList, bool)) or m["to"] is None:
                    self.problem(self.line_of(m, "to"), f"{where}.to: a value maps to one new value (text)")
                else:
                    to = (str(m["to"]),)
            elif "to" in m:
                to = self.idents(m["to"], f"{where}.to", self.line_of(m, "to"))
            choose = self.idents(m["choose"], f"{where}.choose", self.line_of(m, "choose")) if "choose" in m else ()
            if choose and value_question:
                self.problem(self.line_of(m, "choose"), f"{where}: 'choose' is for answers of choice questions")
            if to and choose:
                self.problem(line, f"{where}: give 'to' or 'choose', not both")
            if "choose" in m and len(choose) < 2:
                self.problem(self.line_of(m, "choose"), f"{where}.choose: list at least two answers to choose from")
            if "reason" in m and "review" in m:
                self.problem(line, f"{where}: give 'review' or 'reason', not both")
            review = self.text(m.get("review", m.get("reason")), f"{where}.review", self.line_of(m, "review"))
            return AnswerRule(old, to=to, choose=choose, review=review, line=line)
        if value_question:
            if isinstance(value, (LineList, bool)):
                self.problem(line, f"{where}: a value maps to one new value (text)")
                return None
            return AnswerRule(old, to=(str(value),), line=line)
        to = self.idents(value, where, line)
        if not to:
            return None
        return AnswerRule(old, to=to, line=line)

    def question_rule(self, item: Any, index: int, line: int) -> QuestionRule | None:
        where = f"questions[{index + 1}]"
        allowed = {"from", "to", "removed", "reason", "review", "note", "answers", "values"}
        m = self.mapping(item, where, line, allowed, {"from"})
        if m is None:
            return None
        old = self.ident(m.get("from"), f"{where}.from", self.line_of(m, "from"))
        if old is None:
            return None
        where = f"question '{old}'"
        to = self.ident(m["to"], f"{where}.to", self.line_of(m, "to")) if "to" in m else None
        removed = m.get("removed")
        if "removed" in m and removed not in REMOVED_MODES:
            self.problem(self.line_of(m, "removed"), f"{where}.removed: say 'review' (the owner must look) or 'drop' (not needed)")
            removed = None
        if removed is not None:
            for key in ("to", "answers", "values", "review"):
                if key in m:
                    self.problem(self.line_of(m, key), f"{where}: a removed question has no '{key}'")
        elif "reason" in m:
            self.problem(self.line_of(m, "reason"), f"{where}: 'reason' belongs to a removed question; use 'review' or 'note'")
        if "answers" in m and "values" in m:
            self.problem(line, f"{where}: give 'answers' (choice question) or 'values' (value question), not both")
        answers: dict[str, AnswerRule] = {}
        for key, kind in (("answers", False), ("values", True)):
            if key not in m:
                continue
            block = m[key]
            kl = self.line_of(m, key)
            if not isinstance(block, LineDict) or not block:
                self.problem(kl, f"{where}.{key}: expected a mapping of old {key[:-1]} to new")
                continue
            for aid, value in block.items():
                al = self.line_of(block, aid)
                if not kind and self.ident(aid, f"{where}.{key}", al) is None:
                    continue
                rule = self.answer_rule(str(aid), value, f"{where}.{key}.{aid}", al, kind)
                if rule is not None:
                    answers[str(aid)] = rule
        return QuestionRule(
            old=old,
            to=to,
            removed=removed if isinstance(removed, str) else None,
            reason=self.text(m.get("reason"), f"{where}.reason", self.line_of(m, "reason")),
            review=self.text(m.get("review"), f"{where}.review", self.line_of(m, "review")),
            note=self.text(m.get("note"), f"{where}.note", self.line_of(m, "note")),
            answers=answers if "answers" in m else {},
            values=answers if "values" in m else {},
            line=line,
            to_line=self.line_of(m, "to") if "to" in m else line,
        )

    def conclusion_rule(self, item: Any, index: int, line: int) -> ConclusionRule | None:
        where = f"conclusions[{index + 1}]"
        m = self.mapping(item, where, line, {"from", "to", "removed", "reason", "review", "note"}, {"from"})
        if m is None:
            return None
        old = self.ident(m.get("from"), f"{where}.from", self.line_of(m, "from"))
        if old is None:
            return None
        where = f"conclusion '{old}'"
        to = self.ident(m["to"], f"{where}.to", self.line_of(m, "to")) if "to" in m else None
        removed = m.get("removed", False)
        if not isinstance(removed, bool):
            self.problem(self.line_of(m, "removed"), f"{where}.removed: expected true or false")
            removed = False
        if removed and to is not None:
            self.problem(line, f"{where}: a removed conclusion has no 'to'; without successor any new conclusion counts as changed")
        if "reason" in m and not removed:
            self.problem(self.line_of(m, "reason"), f"{where}: 'reason' belongs to a removed conclusion; use 'review' or 'note'")
        return ConclusionRule(
            old=old,
            to=to,
            removed=removed,
            reason=self.text(m.get("reason"), f"{where}.reason", self.line_of(m, "reason")),
            review=self.text(m.get("review"), f"{where}.review", self.line_of(m, "review")),
            note=self.text(m.get("note"), f"{where}.note", self.line_of(m, "note")),
            line=line,
            to_line=self.line_of(m, "to") if "to" in m else line,
        )

    def build(self, data: Any) -> MigrationMap:
        allowed = {"migration", "from", "to", "title", "questions", "new_questions", "conclusions", "notes"}
        top = self.mapping(data, "map", 1, allowed, {"migration", "from", "to"})
        if top is None:
            raise MigrationMapError(self.problems)
        if "migration" in top and top["migration"] != MAP_FORMAT:
            self.problem(self.line_of(top, "migration"),
                         f"migration: this app reads map format {MAP_FORMAT}, the file says {top['migration']!r}")
        source = self.identity(top.get("from"), "from", self.line_of(top, "from"))
        target = self.identity(top.get("to"), "to", self.line_of(top, "to"))
        questions: dict[str, QuestionRule] = {}
        seq = self.sequence(top.get("questions"), "questions", self.line_of(top, "questions"))
        for i, item in enumerate(seq):
            rule = self.question_rule(item, i, self.line_of(seq, i))
            if rule is None:
                continue
            if rule.old in questions:
                self.problem(rule.line, f"question '{rule.old}' is named twice (first at line {questions[rule.old].line})")
                continue
            questions[rule.old] = rule
        new_questions: dict[str, NewQuestion] = {}
        seq = self.sequence(top.get("new_questions"), "new_questions", self.line_of(top, "new_questions"))
        for i, item in enumerate(seq):
            ln = self.line_of(seq, i)
            m = self.mapping(item, f"new_questions[{i + 1}]", ln, {"id", "reason"}, {"id"})
            if m is None:
                continue
            qid = self.ident(m.get("id"), f"new_questions[{i + 1}].id", self.line_of(m, "id"))
            if qid is None:
                continue
            if qid in new_questions:
                self.problem(ln, f"new question '{qid}' is named twice")
                continue
            new_questions[qid] = NewQuestion(qid, self.text(m.get("reason"), f"new question '{qid}'.reason",
                                                            self.line_of(m, "reason")), ln)
        conclusions: dict[str, ConclusionRule] = {}
        seq = self.sequence(top.get("conclusions"), "conclusions", self.line_of(top, "conclusions"))
        for i, item in enumerate(seq):
            crule = self.conclusion_rule(item, i, self.line_of(seq, i))
            if crule is None:
                continue
            if crule.old in conclusions:
                self.problem(crule.line, f"conclusion '{crule.old}' is named twice (first at line {conclusions[crule.old].line})")
                continue
            conclusions[crule.old] = crule
        notes: list[MapNote] = []
        seq = self.sequence(top.get("notes"), "notes", self.line_of(top, "notes"))
        for i, item in enumerate(seq):
            ln = self.line_of(seq, i)
            where = f"notes[{i + 1}]"
            m = self.mapping(item, where, ln, {"questions", "conclusions", "text"}, {"text"})
            if m is None:
                continue
            qs = self.idents(m["questions"], f"{where}.questions", self.line_of(m, "questions")) if "questions" in m else ()
            cs = self.idents(m["conclusions"], f"{where}.conclusions", self.line_of(m, "conclusions")) if "conclusions" in m else ()
            if not qs and not cs:
                self.problem(ln, f"{where}: name the 'questions' and/or 'conclusions' the note is about")
            text = self.text(m.get("text"), f"{where}.text", self.line_of(m, "text"))
            if text is not None:
                notes.append(MapNote(qs, cs, text, ln))
        title = self.text(top.get("title"), "title", self.line_of(top, "title"))
        if self.problems or source is None or target is None:
            raise MigrationMapError(self.problems or [f"{self.file}:1: the map lacks 'from' or 'to'"])
        return MigrationMap(
            path=self.file, source=source, target=target, title=title, questions=questions,
            new_questions=new_questions, conclusions=conclusions, notes=tuple(notes),
            questions_line=self.line_of(top, "questions") or 1, conclusions_line=self.line_of(top, "conclusions") or 1,
        )




def load_map(path: str | Path) -> MigrationMap:
    """Read and schema-check a migration map file. Raises MigrationMapError listing every problem (file:line)."""
    p = Path(path)
    if p.is_dir():
        raise MigrationMapError([f"{p}: is a folder; give the map file (.yaml)"])
    if not p.exists():
        raise MigrationMapError([f"{p}: no such migration map file"])
    try:
        data = read_yaml(p)
    except FormLoadError as err:
        raise MigrationMapError(err.problems) from err
    return build_map(data, str(p))


def build_map(data: Any, file: str) -> MigrationMap:
    """Check raw map data (as read by loader.read_yaml) against the map schema and build the map."""
    return _MapReader(file).build(data)


# --- checking a map against two forms -------------------------------------------------------------


@dataclass
class MapReport(FindingsSummary):
    """The result of checking a map against its two forms: errors refuse the map, warnings are for its author."""

    path: str
    findings: list[Finding] = field(default_factory=list)

    def render(self) -> str:
        return "\n".join([f"Migration map check: {self.path}", *self.findings_lines()])


def _answer_ids(q: Question) -> str:
    return ", ".join(a.id for a in q.answers) or "none"


def _texts_of_question(q: Question) -> tuple[Any, ...]:
    return (dict(q.text), dict(q.explanation or {}))


def _texts_of_answer(q: Question, aid: str) -> tuple[Any, ...]:
    a = q.answer(aid)
    return () if a is None else (dict(a.text), dict(a.explanation or {}))


def _texts_of_conclusion(c: Conclusion) -> tuple[Any, ...]:
    return (dict(c.text), [dict(o) for o in c.obligations])


def _kind_of(q: Question) -> str:
    return "value" if q.is_value else "choice"


def check_map(mapping: MigrationMap, old: Form, new: Form) -> MapReport:
    """Validate a map against the forms it connects: identity, every id it names, and nothing left unsaid."""
    report = MapReport(mapping.path)

    def err(line: int, code: str, message: str) -> None:
        report.findings.append(Finding("error", code, mapping.where(line), message))

    def warn(line: int, code: str, message: str) -> None:
        report.findings.append(Finding("warning", code, mapping.where(line), message))

    for side, ident, form in (("old", mapping.source, old), ("new", mapping.target, new)):
        for problem in ident.mismatches(form):
            err(ident.line, "identity", f"the map's '{'from' if side == 'old' else 'to'}' form does not match "
                f"the {side} form {form.describe()}: {problem}")
    old_name, new_name = f"the old form ({old.id} {old.version})", f"the new form ({new.id} {new.version})"
    acknowledged_q = set(mapping.questions)
    acknowledged_c = set(mapping.conclusions)
    for note in mapping.notes:
        for qid in note.questions:
            if old.question(qid) is None:
                err(note.line, "unknown-id", f"note names question '{qid}', which does not exist in {old_name}")
            acknowledged_q.add(qid)
        for cid in note.conclusions:
            if old.conclusion(cid) is None:
                err(note.line, "unknown-id", f"note names conclusion '{cid}', which does not exist in {old_name}")
            acknowledged_c.add(cid)

    targets: dict[str, list[tuple[str, bool]]] = {}  # new qid -> [(old qid, explicit)]
    for rule in mapping.questions.values():
        oq = old.question(rule.old)
        if oq is None:
            err(rule.line, "unknown-id", f"question '{rule.old}' does not exist in {old_name}")
            continue
        if rule.removed is not None:
            if new.question(rule.old) is not None:
                warn(rule.line, "still-there", f"question '{rule.old}' is marked removed but {new_name} still has it")
            continue
        nid = rule.to or rule.old
        nq = new.question(nid)
        if nq is None:
            hint = "" if rule.to else "; say where it went ('to:') or that it was removed ('removed: review' or 'removed: drop')"
            err(rule.to_line, "unknown-id", f"question '{nid}' does not exist in {new_name}{hint}")
            continue
        if oq.is_value != nq.is_value:
            err(rule.line, "type-changed", f"question '{rule.old}' is a {_kind_of(oq)} question but '{nid}' in "
                f"{new_name} is a {_kind_of(nq)} question; its answer cannot be carried over (mark it removed)")
            continue
        targets.setdefault(nid, []).append((rule.old, True))
        if oq.is_value:
            if rule.answers:
                err(rule.line, "wrong-kind", f"question '{rule.old}' is a value question: map its values with 'values', not 'answers'")
            allowed = {v.value for v in nq.field.values} if nq.field is not None else set()
            for vrule in rule.values.values():
                for target in vrule.to:
                    if allowed and target not in allowed:
                        err(vrule.line, "unknown-id", f"value '{target}' is not an allowed value of question '{nid}' "
                            f"in {new_name} (allowed: {', '.join(sorted(allowed))})")
            continue
        if rule.values:
            err(rule.line, "wrong-kind", f"question '{rule.old}' is a choice question: map its answers with 'answers', not 'values'")
        for aid, arule in rule.answers.items():
            if oq.answer(aid) is None:
                hint = " (if you meant yes/no, put the id in quotes)" if aid in ("True", "False") else ""
                err(arule.line, "unknown-id", f"answer '{aid}' does not exist in question '{rule.old}' of {old_name} "
                    f"(answers: {_answer_ids(oq)}){hint}")
            for target in (*arule.to, *arule.choose):
                if nq.answer(target) is None:
                    err(arule.line, "unknown-id", f"answer '{target}' does not exist in question '{nid}' of {new_name} "
                        f"(answers: {_answer_ids(nq)})")
            if len(arule.to) > 1 and nq.type != "multiple":
                err(arule.line, "split", f"answer '{aid}' maps to several answers, but '{nid}' takes one answer; "
                    "use 'choose: [...]' so that the owner picks one")
        for a in oq.answers:
            if a.id not in rule.answers and nq.answer(a.id) is None:
                err(rule.line, "incomplete", f"answer '{a.id}' of question '{rule.old}' has no answer with the same id "
                    f"in '{nid}' of {new_name}; map it under 'answers' or mark it for review ('{a.id}: null')")

    for oq in old.questions:
        if oq.id in mapping.questions:
            continue
        nq = new.question(oq.id)
        if nq is None:
            err(mapping.questions_line, "incomplete", f"question '{oq.id}' of {old_name} is not in {new_name} and the "
                "map does not say what became of it (add an entry with 'to:' or 'removed:')")
            continue
        if oq.is_value != nq.is_value:
            err(mapping.questions_line, "type-changed", f"question '{oq.id}' changes from a {_kind_of(oq)} question to a "
                f"{_kind_of(nq)} question; the map must say what happens to its answers (mark it removed)")
            continue
        targets.setdefault(oq.id, []).append((oq.id, False))
        missing = [a.id for a in oq.answers if nq.answer(a.id) is None]
        if missing:
            err(mapping.questions_line, "incomplete", f"question '{oq.id}': answer(s) {', '.join(missing)} do not exist "
                f"in {new_name} and the map does not name the question")
        if oq.id in acknowledged_q:
            continue
        if _texts_of_question(oq) != _texts_of_question(nq):
            warn(mapping.questions_line, "text-changed", f"question '{oq.id}': its text or explanation changed; name it "
                 "in the map (an entry, or a note) after checking that its meaning did not change")
        changed = [a.id for a in oq.answers if _texts_of_answer(oq, a.id) != _texts_of_answer(nq, a.id)]
        relabelled = [a.id for a in oq.answers
                      if (b := nq.answer(a.id)) is not None and set(a.labels) != set(b.labels)]
        if changed:
            warn(mapping.questions_line, "text-changed", f"question '{oq.id}': the text of answer(s) {', '.join(changed)} "
                 "changed; name the question in the map after checking their meaning")
        if relabelled:
            warn(mapping.questions_line, "labels-changed", f"question '{oq.id}': answer(s) {', '.join(relabelled)} set "
                 "other labels now; name the question in the map after checking the consequence")
    for nid, sources in targets.items():
        if len(sources) > 1 and not all(explicit for _, explicit in sources):
            names = ", ".join(f"'{s}'" for s, _ in sources)
            warn(mapping.questions_line, "merge", f"questions {names} all land on '{nid}'; if that merge is intended, "
                 "name each of them in the map")

    for nq_rule in mapping.new_questions.values():
        if new.question(nq_rule.id) is None:
            err(nq_rule.line, "unknown-id", f"new question '{nq_rule.id}' does not exist in {new_name}")

    for crule in mapping.conclusions.values():
        if old.conclusion(crule.old) is None:
            err(crule.line, "unknown-id", f"conclusion '{crule.old}' does not exist in {old_name}")
        if crule.to is not None and new.conclusion(crule.to) is None:
            err(crule.to_line, "unknown-id", f"conclusion '{crule.to}' does not exist in {new_name}")
        if crule.to is None and not crule.removed and new.conclusion(crule.old) is None:
            err(crule.line, "unknown-id", f"conclusion '{crule.old}' does not exist in {new_name}; say where it went "
                "('to:') or that it was removed ('removed: true')")
    for oc in old.conclusions:
        if oc.id in mapping.conclusions:
            continue
        nc = new.conclusion(oc.id)
        if nc is None and oc.ref is not None:
            nc = new.conclusion_by_ref.get(oc.ref)
        if nc is None:
            err(mapping.conclusions_line, "incomplete", f"conclusion '{oc.id}' of {old_name} is not in {new_name} and "
                "the map does not say what became of it (add an entry with 'to:' or 'removed: true')")
            continue
        if oc.id not in acknowledged_c and _texts_of_conclusion(oc) != _texts_of_conclusion(nc):
            warn(mapping.conclusions_line, "text-changed", f"conclusion '{oc.id}': its text or obligations changed; "
                 "name it in the map (an entry, or a note) after checking that it still means the same")
    return report


# --- results ---------------------------------------------------------------------------------------


def _t(nl: str, en: str) -> Text:
    return {"nl": nl, "en": en}


def _join(base: Text, extra: Text | None) -> Text:
    """`base` followed by ': extra' in each language (extra falls back to Dutch)."""
    if not extra:
        return base
    return {lang: f"{text}: {extra.get(lang) or extra.get('nl') or next(iter(extra.values()))}" for lang, text in base.items()}


@dataclass(frozen=True)
class ReviewItem:
    """Something the owner must look at after migration, with the reason in Dutch and English."""

    kind: str
    reason: Text
    old_question: str | None = None
    new_question: str | None = None
    old_answers: tuple[str, ...] = ()
    proposed: tuple[str, ...] = ()     # the answer placed in the new form for confirmation (may be empty)
    choices: tuple[str, ...] = ()      # for a split: the answers to choose from
    options: tuple[tuple[str, str | None], ...] = ()  # for a new question: answer -> conclusion it would give

    @property
    def question(self) -> str | None:
        """The question this item is about: its id in the new form, else in the old form (None: the outcome)."""
        return self.new_question or self.old_question

    @property
    def message(self) -> str:
        """The reason in Dutch."""
        return self.reason.get("nl", "")

    def text(self, lang: str) -> str:
        return self.reason.get(lang) or self.message

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "question": self.question, "old_question": self.old_question,
                               "new_question": self.new_question, "reason": self.text(lang)}
        if self.old_answers:
            out["old_answers"] = list(self.old_answers)
        if self.proposed:
            out["proposed"] = list(self.proposed)
        if self.choices:
            out["choices"] = list(self.choices)
        if self.options:
            out["options"] = [{"answer": a, "conclusion": c} for a, c in self.options]
        return out


@dataclass(frozen=True)
class QuestionOutcome:
    """What happened to one stored answer: carried, mapped, dropped or needs_review."""

    old_question: str
    new_question: str | None
    status: str
    old_answers: tuple[str, ...]
    new_answers: tuple[str, ...] = ()
    reason: Text | None = None

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        out: dict[str, Any] = {"old_question": self.old_question, "new_question": self.new_question,
                               "old_answers": list(self.old_answers), "new_answers": list(self.new_answers)}
        if self.reason:
            out["reason"] = self.reason.get(lang) or self.reason.get("nl")
        return out


@dataclass(frozen=True)
class Note:
    """A remark from the map about a question or conclusion on this owner's path (information, not review)."""

    about: str  # "question <id>" or "conclusion <id>"
    text: Text

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        return {"about": self.about, "text": self.text.get(lang) or self.text.get("nl")}


def _form_json(form: Form) -> dict[str, Any]:
    out: dict[str, Any] = {"id": form.id, "version": form.version, "sha256": form.content_hash}
    official = form.origin.get("sha256") if isinstance(form.origin, Mapping) else None
    if isinstance(official, str):
        out["official_sha256"] = official
    return out


def _conclusion_json(c: Conclusion | None) -> dict[str, Any] | None:
    return None if c is None else {"id": c.id, "ref": c.ref}


def conclusion_label(c: Conclusion) -> str:
    """How a conclusion is named to people: its official ref, with our id when that says more."""
    if c.ref is None:
        return c.id
    if c.id in (c.ref, f"c{c.ref}"):
        return c.ref
    return f"{c.id} ({c.ref})"


@dataclass
class MigrationResult:
    """Everything a migration did, the recomputed outcome, and what the owner must review."""

    old_form: Form
    new_form: Form
    outcomes: list[QuestionOutcome]
    answers: dict[str, tuple[str, ...]]   # the stored answers for the new form (by new question id)
    prefilled: set[str]                   # new question ids whose answers are proposals to confirm
    review: list[ReviewItem]
    notes: list[Note]
    old_conclusion: Conclusion | None
    new_conclusion: Conclusion | None
    conclusion_changed: bool
    next_question: str | None = None
    set_aside: list[str] = field(default_factory=list)
    state: SessionState | None = None       # the recomputed walk on the new form
    old_state: SessionState | None = None   # the walk of the stored answers on the old form

    @property
    def needs_review(self) -> bool:
        return bool(self.review)

    def _with(self, status: str) -> list[QuestionOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def carried(self) -> list[QuestionOutcome]:
        return self._with(CARRIED)

    @property
    def mapped(self) -> list[QuestionOutcome]:
        return self._with(MAPPED)

    @property
    def dropped(self) -> list[QuestionOutcome]:
        return self._with(DROPPED)

    @property
    def review_outcomes(self) -> list[QuestionOutcome]:
        return self._with(NEEDS_REVIEW)

    @property
    def flagged_questions(self) -> set[str]:
        """Ids of the questions with a review item (new-form id where there is one, else old-form id)."""
        return {q for item in self.review if (q := item.question) is not None}

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        """The CLI's JSON report."""
        return {
            "from": _form_json(self.old_form),
            "to": _form_json(self.new_form),
            "status": "needs_review" if self.needs_review else "clean",
            "counts": {s: len(self._with(s)) for s in (CARRIED, MAPPED, NEEDS_REVIEW, DROPPED)},
            "carried": [o.to_json(lang) for o in self.carried],
            "mapped": [o.to_json(lang) for o in self.mapped],
            "needs_review": [o.to_json(lang) for o in self.review_outcomes],
            "dropped": [o.to_json(lang) for o in self.dropped],
            "review": [r.to_json(lang) for r in self.review],
            "notes": [n.to_json(lang) for n in self.notes],
            "old_conclusion": _conclusion_json(self.old_conclusion),
            "new_conclusion": _conclusion_json(self.new_conclusion),
            "conclusion_changed": self.conclusion_changed,
            "old_facts": self.old_state.decision.facts() if self.old_state is not None else None,
            "new_facts": self.state.decision.facts() if self.state is not None else None,
            "next_question": self.next_question,
            "set_aside": list(self.set_aside),
            "answers": {q: list(a) for q, a in self.answers.items()},
            "prefilled": sorted(self.prefilled),
        }


# --- replaying stored answers ---------------------------------------------------------------------


def replay(form: Form, stored: Mapping[str, Sequence[str]]) -> SessionState:
    """What the owner's stored answers amount to on a form: path, current question, set-aside, problem."""
    return resolve(form, stored)


# --- migrating -------------------------------------------------------------------------------------


@dataclass
class _Placement:
    old_question: str
    answers: tuple[str, ...]
    proposal: bool  # True: the owner must confirm (prefilled), False: taken over as it was


class Migrator:
    """A checked map between two forms, ready to migrate any number of answer sets (check once, apply often)."""

    def __init__(self, old_form: Form, new_form: Form, mapping: MigrationMap) -> None:
        report = check_map(mapping, old_form, new_form)
        if not report.ok:
            raise MapValidationError(report)
        self.old = old_form
        self.new = new_form
        self.map = mapping
        self.report = report
        self._counterparts = {q for oq in old_form.questions if (q := self.new_question_id(oq.id)) is not None}

    # -- ids across the map --
    def new_question_id(self, old_qid: str) -> str | None:
        """Where an old question's answer goes in the new form (None: removed)."""
        rule = self.map.questions.get(old_qid)
        if rule is None:
            return old_qid if self.new.question(old_qid) is not None else None
        if rule.removed is not None:
            return None
        return rule.to or old_qid

    def expected_conclusion(self, old_cid: str) -> str | None:
        """The new conclusion that means what the old one meant (None: removed without successor)."""
        rule = self.map.conclusions.get(old_cid)
        if rule is not None:
            if rule.removed:
                return None
            return rule.to or old_cid
        if self.new.conclusion(old_cid) is not None:
            return old_cid
        oc = self.old.conclusion(old_cid)
        if oc is not None and oc.ref is not None and oc.ref in self.new.conclusion_by_ref:
            return self.new.conclusion_by_ref[oc.ref].id
        return None

    # -- input --
    def _normalise(self, stored: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
        if not isinstance(stored, Mapping):
            raise AnswersError(f"stored answers must be a mapping of question id to answers, not {type(stored).__name__}")
        out: dict[str, tuple[str, ...]] = {}
        where = f"form {self.old.describe()}"
        for qid, given in stored.items():
            if not isinstance(qid, str):
                raise AnswersError(f"stored answers: question id {qid!r} is not text")
            q = self.old.question(qid)
            if q is None:
                raise AnswersError(f"stored answers name question '{qid}', which {where} does not have; "
                                   "these answers were not given under the map's old form")
            if isinstance(given, (str, bytes)) or not isinstance(given, Sequence):
                raise AnswersError(f"stored answers for question '{qid}' must be a list, not {type(given).__name__}")
            values = tuple(given)
            if not all(isinstance(v, str) for v in values):
                raise AnswersError(f"stored answers for question '{qid}' must be texts")
            if not values:
                continue
            if q.is_value:
                if len(values) != 1:
                    raise AnswersError(f"question '{qid}' holds one value, the stored answers give {len(values)}")
            else:
                if len(set(values)) != len(values):
                    raise AnswersError(f"question '{qid}': an answer is stored twice")
                if q.type == "single" and len(values) != 1:
                    raise AnswersError(f"question '{qid}' takes one answer, the stored answers give {len(values)}")
                for aid in values:
                    if q.answer(aid) is None:
                        raise AnswersError(f"question '{qid}' of {where} has no answer '{aid}' "
                                           f"(answers: {_answer_ids(q)})")
            out[qid] = values
        return out

    # -- one migration --
    def migrate(self, stored_answers: Mapping[str, Sequence[str]]) -> MigrationResult:
        """Carry one algorithm's stored answers (question id -> answer ids) to the new form; never modifies the input."""
        stored = self._normalise(stored_answers)
        old_state = replay(self.old, stored)
        outcomes: list[QuestionOutcome] = []
        review: list[ReviewItem] = []
        placements: dict[str, list[_Placement]] = {}
        order = [q.id for q in self.old.questions if q.id in stored]
        for qid in order:
            self._migrate_question(qid, stored[qid], outcomes, review, placements)
        answers, prefilled = self._place(placements, outcomes, review)
        new_state = replay(self.new, answers)
        flagged = {item.new_question for item in review if item.new_question is not None}
        if new_state.problem is not None and new_state.current is not None:
            cid = new_state.current.id
            prefilled.add(cid)
            if cid not in flagged:
                review.append(ReviewItem(
                    "no_longer_fits",
                    _t(f"je antwoord op vraag {cid} past niet meer in de nieuwe versie ({new_state.problem})",
                       f"your answer to question {cid} no longer fits the new version ({new_state.problem})"),
                    old_question=_old_of(outcomes, cid), new_question=cid, proposed=answers.get(cid, ())))
                flagged.add(cid)
        options: tuple[tuple[str, str | None], ...] = ()
        if new_state.problem is None and not new_state.done and new_state.current is not None:
            options = self.options_for(new_state.current, answers)
            cid = new_state.current.id
            # An owner who had not finished simply goes on, unless the question is new in the form (or the
            # map declares it new on more paths and the old walk was not waiting at that very question).
            waiting_here = (not old_state.done and old_state.current is not None
                            and self.new_question_id(old_state.current.id) == cid)
            going_on = (not old_state.done and cid in self._counterparts and cid not in self.map.new_questions)
            if cid not in flagged and not waiting_here and not going_on:
                declared = self.map.new_questions.get(cid)
                base = _t(f"vraag {cid} is nieuw op jouw pad en heeft nog geen antwoord",
                          f"question {cid} is new on your path and has no answer yet")
                review.append(ReviewItem("new_question", _join(base, declared.reason if declared else None),
                                         new_question=cid, options=options))
        old_c = old_state.decision.conclusion
        new_c = new_state.decision.conclusion
        changed = False
        if old_c is not None:
            expected = self.expected_conclusion(old_c.id)
            if new_c is not None and expected is not None and new_c.id == expected:
                crule = self.map.conclusions.get(old_c.id)
                if crule is not None and crule.review is not None:
                    review.append(ReviewItem("conclusion_review", _join(
                        _t(f"de conclusie blijft {conclusion_label(new_c)}, maar is veranderd",
                           f"the conclusion stays {conclusion_label(new_c)} but has changed"), crule.review)))
            else:
                changed = True
                review.append(ReviewItem("conclusion_changed",
                                         _conclusion_change(old_c, new_c, new_state, self.new, options)))
        notes = self._notes(stored, old_c)
        return MigrationResult(
            old_form=self.old, new_form=self.new, outcomes=outcomes, answers=answers, prefilled=prefilled,
            review=review, notes=notes, old_conclusion=old_c, new_conclusion=new_c, conclusion_changed=changed,
            next_question=new_state.current.id if new_state.current is not None else None,
            set_aside=list(new_state.set_aside), state=new_state, old_state=old_state,
        )

    def _migrate_question(self, qid: str, given: tuple[str, ...], outcomes: list[QuestionOutcome],
                          review: list[ReviewItem], placements: dict[str, list[_Placement]]) -> None:
        rule = self.map.questions.get(qid)
        if rule is not None and rule.removed is not None:
            if rule.removed == "drop":
                outcomes.append(QuestionOutcome(qid, None, DROPPED, given, reason=rule.reason))
                return
            reason = _join(_t(f"vraag {qid} komt in de nieuwe versie niet meer voor",
                              f"question {qid} no longer exists in the new version"), rule.reason)
            outcomes.append(QuestionOutcome(qid, None, NEEDS_REVIEW, given, reason=reason))
            review.append(ReviewItem("removed", reason, old_question=qid, old_answers=given))
            return
        nid = rule.to if rule is not None and rule.to else qid
        oq = self.old.question_map[qid]
        nq = self.new.question_map[nid]
        if oq.is_value:
            self._migrate_value(qid, nid, nq, given, rule, outcomes, review, placements)
            return
        mapped: list[str] = []
        problems: list[tuple[str, Text]] = []
        choices: list[str] = []
        changed = False  # a renamed question with the same answers is still "carried"
        for aid in given:
            arule = rule.answers.get(aid) if rule is not None else None
            if arule is None:
                mapped.append(aid)
            elif arule.choose:
                changed = True
                choices.extend(c for c in arule.choose if c not in choices)
                problems.append(("split", _join(
                    _t(f"je antwoord '{aid}' op vraag {qid} is in de nieuwe versie opgesplitst; kies zelf uit "
                       f"{', '.join(arule.choose)}",
                       f"your answer '{aid}' to question {qid} was split in the new version; choose from "
                       f"{', '.join(arule.choose)}"), arule.review)))
            elif arule.to:
                changed = changed or arule.to != (aid,)
                mapped.extend(arule.to)
                if arule.review is not None:
                    problems.append(("meaning_changed", _join(
                        _t(f"je antwoord '{aid}' op vraag {qid} is omgezet naar '{', '.join(arule.to)}', controleer dat",
                           f"your answer '{aid}' to question {qid} became '{', '.join(arule.to)}'; please check it"),
                        arule.review)))
            else:
                changed = True
                problems.append(("unmapped", _join(
                    _t(f"je antwoord '{aid}' op vraag {qid} heeft geen tegenhanger in de nieuwe versie",
                       f"your answer '{aid}' to question {qid} has no counterpart in the new version"), arule.review)))
        unique = list(dict.fromkeys(mapped))
        if nq.type == "single" and len(unique) > 1:
            choices.extend(a for a in unique if a not in choices)
            problems.append(("split", _t(
                f"vraag {nid} neemt één antwoord; je eerdere antwoorden komen uit op {', '.join(unique)}: kies er één",
                f"question {nid} takes one answer; your earlier answers lead to {', '.join(unique)}: choose one")))
            unique = []
        if rule is not None and rule.review is not None:
            problems.append(("meaning_changed", _join(
                _t(f"de betekenis van vraag {qid} is veranderd; controleer je antwoord",
                   f"the meaning of question {qid} has changed; please check your answer"), rule.review)))
        new_answers = tuple(unique)
        if problems:
            reason = problems[0][1] if len(problems) == 1 else {
                lang: "; ".join(p[1].get(lang, p[1].get("nl", "")) for p in problems) for lang in ("nl", "en")}
            outcomes.append(QuestionOutcome(qid, nid, NEEDS_REVIEW, given, new_answers, reason))
            for kind, text in problems:
                review.append(ReviewItem(kind, text, old_question=qid, new_question=nid, old_answers=given,
                                         proposed=new_answers, choices=tuple(choices) if kind == "split" else ()))
            if new_answers:
                placements.setdefault(nid, []).append(_Placement(qid, new_answers, True))
            return
        outcomes.append(QuestionOutcome(qid, nid, MAPPED if changed else CARRIED, given, new_answers))
        placements.setdefault(nid, []).append(_Placement(qid, new_answers, False))

    def _migrate_value(self, qid: str, nid: str, nq: Question, given: tuple[str, ...], rule: QuestionRule | None,
                       outcomes: list[QuestionOutcome], review: list[ReviewItem],
                       placements: dict[str, list[_Placement]]) -> None:
        value = given[0]
        vrule = rule.values.get(value) if rule is not None else None
        new_value = vrule.to[0] if vrule is not None and vrule.to else value
        problems: list[tuple[str, Text]] = []
        if vrule is not None and not vrule.to:
            problems.append(("unmapped", _join(
                _t(f"de waarde bij vraag {qid} heeft geen tegenhanger in de nieuwe versie",
                   f"the value of question {qid} has no counterpart in the new version"), vrule.review)))
        elif vrule is not None and vrule.review is not None:
            problems.append(("meaning_changed", _join(
                _t(f"de waarde bij vraag {qid} is omgezet; controleer die", f"the value of question {qid} was converted; "
                   "please check it"), vrule.review)))
        else:
            nl_msgs, en_msgs = validate_value(nq, new_value, "nl"), validate_value(nq, new_value, "en")
            if nl_msgs:
                problems.append(("invalid_value", _t(
                    f"de waarde bij vraag {nid} voldoet niet aan de nieuwe eisen: {'; '.join(nl_msgs)}",
                    f"the value of question {nid} does not meet the new requirements: {'; '.join(en_msgs)}")))
        if rule is not None and rule.review is not None:
            problems.append(("meaning_changed", _join(
                _t(f"de betekenis van vraag {qid} is veranderd; controleer je antwoord",
                   f"the meaning of question {qid} has changed; please check your answer"), rule.review)))
        keep = () if vrule is not None and not vrule.to else (new_value,)
        if problems:
            outcomes.append(QuestionOutcome(qid, nid, NEEDS_REVIEW, given, keep, problems[0][1]))
            for kind, text in problems:
                review.append(ReviewItem(kind, text, old_question=qid, new_question=nid, old_answers=given, proposed=keep))
            if keep:
                placements.setdefault(nid, []).append(_Placement(qid, keep, True))
            return
        outcomes.append(QuestionOutcome(qid, nid, MAPPED if new_value != value else CARRIED, given, keep))
        placements.setdefault(nid, []).append(_Placement(qid, keep, False))

    def _place(self, placements: dict[str, list[_Placement]], outcomes: list[QuestionOutcome],
               review: list[ReviewItem]) -> tuple[dict[str, tuple[str, ...]], set[str]]:
        """The new stored answers, in new-form order; several old questions on one new question are merged."""
        answers: dict[str, tuple[str, ...]] = {}
        prefilled: set[str] = set()
        for nq in self.new.questions:
            items = placements.get(nq.id)
            if not items:
                continue
            if len(items) == 1:
                answers[nq.id] = items[0].answers
                if items[0].proposal:
                    prefilled.add(nq.id)
                continue
            combined = list(dict.fromkeys(a for p in items for a in p.answers))
            if nq.type == "multiple":
                position = {a.id: i for i, a in enumerate(nq.answers)}
                combined.sort(key=lambda a: position.get(a, len(position)))
            if nq.type == "multiple" or len(combined) == 1:
                answers[nq.id] = tuple(combined)
                if any(p.proposal for p in items):
                    prefilled.add(nq.id)
                continue
            sources = ", ".join(p.old_question for p in items)
            review.append(ReviewItem("split", _t(
                f"vragen {sources} komen samen in vraag {nq.id}, maar je antwoorden verschillen: kies er één",
                f"questions {sources} were merged into question {nq.id}, but your answers differ: choose one"),
                old_question=items[0].old_question, new_question=nq.id, choices=tuple(combined)))
            for i, o in enumerate(outcomes):
                if o.new_question == nq.id and o.status != NEEDS_REVIEW:
                    outcomes[i] = QuestionOutcome(o.old_question, o.new_question, NEEDS_REVIEW, o.old_answers,
                                                  o.new_answers, review[-1].reason)
        return answers, prefilled

    def options_for(self, question: Question, answers: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, str | None], ...]:
        """For a new single-choice question: which conclusion each answer would give (None: more questions follow)."""
        if question.type != "single":
            return ()
        out: list[tuple[str, str | None]] = []
        for a in question.answers:
            trial = dict(answers)
            trial[question.id] = (a.id,)
            state = replay(self.new, trial)
            c = state.decision.conclusion
            out.append((a.id, c.id if c is not None and state.problem is None else None))
        return tuple(out)

    def _notes(self, stored: Mapping[str, tuple[str, ...]], old_c: Conclusion | None) -> list[Note]:
        seen: set[tuple[str, str]] = set()
        out: list[Note] = []

        def add(about: str, text: Text | None) -> None:
            if text is not None and (about, text.get("nl", "")) not in seen:
                seen.add((about, text.get("nl", "")))
                out.append(Note(about, text))

        for qid in stored:
            rule = self.map.questions.get(qid)
            if rule is not None:
                add(f"question {qid}", rule.note)
            for note in self.map.notes:
                if qid in note.questions:
                    add(f"question {qid}", note.text)
        if old_c is not None:
            crule = self.map.conclusions.get(old_c.id)
            if crule is not None:
                add(f"conclusion {old_c.id}", crule.note)
            for note in self.map.notes:
                if old_c.id in note.conclusions:
                    add(f"conclusion {old_c.id}", note.text)
        return out


def _old_of(outcomes: Iterable[QuestionOutcome], new_qid: str) -> str | None:
    for o in outcomes:
        if o.new_question == new_qid:
            return o.old_question
    return None


def _conclusion_change(old_c: Conclusion, new_c: Conclusion | None, state: SessionState, form: Form,
                       options: Sequence[tuple[str, str | None]] = ()) -> Text:
    """The reason 'conclusie gewijzigd van X naar Y'; when the new walk is open, what each answer would give."""
    before = conclusion_label(old_c)
    if new_c is not None:
        after = conclusion_label(new_c)
        return _t(f"conclusie gewijzigd van {before} naar {after}", f"conclusion changed from {before} to {after}")
    open_q = state.current.id if state.current is not None else "?"
    nl = f"vraag {open_q} moet eerst beantwoord worden"
    en = f"question {open_q} must be answered first"
    if options:
        def shown(cid: str | None) -> str:
            c = form.conclusion(cid) if cid is not None else None
            return conclusion_label(c) if c is not None else "?"

        outcomes = [(a, shown(cid)) for a, cid in options]
        if len({c for _, c in outcomes}) == 1:
            nl += f"; elk antwoord geeft {outcomes[0][1]}"
            en += f"; every answer gives {outcomes[0][1]}"
        else:
            nl += "; " + ", ".join(f"met {a} wordt het {c}" for a, c in outcomes)
            en += "; " + ", ".join(f"{a} gives {c}" for a, c in outcomes)
    return _t(f"conclusie gewijzigd van {before} naar: nog geen conclusie ({nl})",
              f"conclusion changed from {before} to: no conclusion yet ({en})")


def migrate(old_form: Form, new_form: Form, mapping: MigrationMap,
            stored_answers: Mapping[str, Sequence[str]]) -> MigrationResult:
    """Check the map against both forms, then carry the stored answers (question id -> answer ids) across.

    Raises MapValidationError when the map does not fit the forms, AnswersError when the answers do not
    fit the old form; the input is never modified.
    """
    return Migrator(old_form, new_form, mapping).migrate(stored_answers)


def migrate_chain(migrators: Sequence[Migrator], stored_answers: Mapping[str, Sequence[str]]) -> MigrationResult:
    """Migrate across several versions in a row (e.g. 2025 -> 2026 -> current); one combined result.

    Review items of every step are kept, with question ids followed into the last form (and back to the
    first form for `old_question`); the conclusion is compared once, between the first form's outcome and
    the last form's, through every step's conclusion map.
    """
    if not migrators:
        raise MigrationError("a migration chain needs at least one map")
    for a, b in pairwise(migrators):
        if a.new.content_hash != b.old.content_hash:
            raise MigrationError(f"the chain is broken: {a.map.path} ends at {a.new.describe()}, "
                                 f"but {b.map.path} starts at {b.old.describe()}")
    results = [migrators[0].migrate(stored_answers)]
    if len(migrators) == 1:
        return results[0]
    for m in migrators[1:]:
        results.append(m.migrate(results[-1].answers))
    first, last = results[0], results[-1]

    def forward(qid: str | None, start: int, end: int | None = None) -> str | None:
        """Follow a question id of form `start` (0 = the first old form's successor) through later maps."""
        for m in migrators[start:end]:
            if qid is None:
                return None
            qid = m.new_question_id(qid)
        return qid

    def backward(qid: str | None, index: int) -> str | None:
        """The first form's question whose answer became `qid` in the old form of step `index`."""
        if qid is None or index == 0:
            return qid
        for o in first.outcomes:
            if forward(o.new_question, 1, index) == qid:
                return o.old_question
        return None

    review: list[ReviewItem] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    for index, result in enumerate(results):
        for item in result.review:
            if item.kind in ("conclusion_changed", "conclusion_review"):
                continue
            moved = ReviewItem(item.kind, item.reason, backward(item.old_question, index),
                               forward(item.new_question, index + 1), item.old_answers, item.proposed,
                               item.choices, item.options)
            key = (moved.kind, moved.old_question, moved.new_question)
            if key not in seen:
                seen.add(key)
                review.append(moved)
    outcomes = []
    for o in first.outcomes:
        final = forward(o.new_question, 1)
        outcomes.append(QuestionOutcome(o.old_question, final, _worst_status(o, results[1:]), o.old_answers,
                                        last.answers.get(final, ()) if final is not None else (), o.reason))
    old_c, new_c = first.old_conclusion, last.new_conclusion
    changed = False
    if old_c is not None:
        expected: str | None = old_c.id
        for m in migrators:
            expected = m.expected_conclusion(expected) if expected is not None else None
        if new_c is None or expected is None or new_c.id != expected:
            changed = True
            state = last.state if last.state is not None else replay(last.new_form, last.answers)
            options = (migrators[-1].options_for(state.current, last.answers)
                       if state.current is not None and state.problem is None else ())
            review.append(ReviewItem("conclusion_changed",
                                     _conclusion_change(old_c, new_c, state, last.new_form, options)))
        else:
            for result in results:
                review.extend(i for i in result.review if i.kind == "conclusion_review")
    prefilled = set(last.prefilled)
    for index, result in enumerate(results[:-1]):
        prefilled |= {q for p in result.prefilled if (q := forward(p, index + 1)) is not None}
    notes: list[Note] = []
    for result in results:
        notes.extend(n for n in result.notes if n not in notes)
    return MigrationResult(
        old_form=first.old_form, new_form=last.new_form, outcomes=outcomes, answers=dict(last.answers),
        prefilled={p for p in prefilled if p in last.answers}, review=review, notes=notes, old_conclusion=old_c,
        new_conclusion=new_c, conclusion_changed=changed, next_question=last.next_question,
        set_aside=list(last.set_aside), state=last.state, old_state=first.old_state,
    )


def _worst_status(o: QuestionOutcome, later: Sequence[MigrationResult]) -> str:
    """The worst status a question's answer got along a chain of migrations."""
    status, qid = o.status, o.new_question
    for result in later:
        if qid is None:
            break
        step = next((x for x in result.outcomes if x.old_question == qid), None)
        if step is None:
            break
        if _RANK[step.status] > _RANK[status]:
            status = step.status
        qid = step.new_question
    return status
