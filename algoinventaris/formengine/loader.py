"""Reads a form (YAML) into the form model, checking the schema and naming file and line of every problem."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from algoinventaris.domain.canonical import canonical_json, sha256_hex
from algoinventaris.formengine import expr as ex
from algoinventaris.formengine.errors import ExpressionError, FormLoadError
from algoinventaris.formengine.fields import parse_field
from algoinventaris.formengine.model import (
    FACT_DIMENSIONS,
    QUESTION_TYPES,
    VALUE_TYPES,
    Answer,
    Conclusion,
    Form,
    LabelDef,
    Question,
    Rule,
    Source,
    Term,
    Text,
)

FORM_FILE = "form.yaml"
ID_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$")
LANG_PATTERN = re.compile(r"^[a-z]{2}$")
MAX_FILE_BYTES = 5 * 1024 * 1024


class LineDict(dict[str, Any]):
    """A mapping read from YAML that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A sequence read from YAML that remembers its line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class _YamlError(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _construct(node: Node, seen: set[int] | None = None) -> Any:
    """Turn a composed YAML node into plain data, keeping lines; refuse duplicate keys and anchors' tricks.

    A mapping or list reached a second time came through an alias (*name): refused, because nested
    aliases multiply ("billion laughs") and no form needs them.
    """
    line = node.start_mark.line + 1
    seen = set() if seen is None else seen
    if isinstance(node, (MappingNode, SequenceNode)):
        if id(node) in seen:
            raise _YamlError("an alias (*name) repeats a part of the file; forms do not use YAML aliases", line)
        seen.add(id(node))
    if isinstance(node, MappingNode):
        out = LineDict()
        out.line = line
        out.key_lines = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _YamlError("a key must be plain text", key_node.start_mark.line + 1)
            key = str(_scalar(key_node))
            if key in out:
                raise _YamlError(f"key '{key}' appears twice", key_node.start_mark.line + 1)
            out[key] = _construct(value_node, seen)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, SequenceNode):
        seq = LineList()
        seq.line = line
        seq.item_lines = []
        for item in node.value:
            seq.append(_construct(item, seen))
            seq.item_lines.append(item.start_mark.line + 1)
        return seq
    if isinstance(node, ScalarNode):
        return _scalar(node)
    raise _YamlError("unsupported YAML node", line)


_SCALAR_LOADER = yaml.SafeLoader("")
# libyaml's composer is ~10x faster and gives the same nodes and marks; pure Python where it is missing.
_COMPOSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _scalar(node: ScalarNode) -> Any:
    # Numbers such as 1.10 would lose their spelling as floats; ids and refs keep the text as written.
    if node.tag.endswith(":float"):
        return node.value
    return _SCALAR_LOADER.construct_object(node, deep=True)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file into LineDict/LineList data; FormLoadError names the file and line on failure."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FormLoadError([f"{path}: cannot read: {exc.strerror or exc}"]) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise FormLoadError([f"{path}: file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormLoadError([f"{path}: not UTF-8 text (byte {exc.start})"]) from exc
    return parse_yaml(text, str(path))


def parse_yaml(text: str, name: str) -> Any:
    """Parse YAML text (from `name`) into LineDict/LineList data, refusing duplicate keys and aliases."""
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except RecursionError as exc:
        raise FormLoadError([f"{name}: the YAML nests too deeply"]) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f":{mark.line + 1}" if mark is not None else ""
        raise FormLoadError([f"{name}{where}: YAML syntax: {exc.problem}"]) from exc
    except yaml.YAMLError as exc:
        raise FormLoadError([f"{name}: YAML error: {exc}"]) from exc
    if node is None:
        raise FormLoadError([f"{name}: file is empty"])
    try:
        return _construct(node)
    except _YamlError as exc:
        raise FormLoadError([f"{name}:{exc.line}: {exc}"]) from exc
    except RecursionError as exc:
        raise FormLoadError([f"{name}: the YAML nests too deeply"]) from exc
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise FormLoadError([f"{name}: YAML value error: {exc}"]) from exc


def plain(value: Any) -> Any:
    """Strip line bookkeeping: plain dicts and lists, for hashing and writing."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def form_file(path: Path) -> Path:
    """The form.yaml inside a form folder, or the file itself."""
    return path / FORM_FILE if path.is_dir() else path


def content_hash(data: Any) -> str:
    """SHA-256 of the canonical JSON of a form's content."""
    return sha256_hex(canonical_json(plain(data)))


def load_form(path: str | Path) -> Form:
    """Load and schema-check a form folder (or its form.yaml). Raises FormLoadError listing all problems."""
    file = form_file(Path(path))
    if not file.exists():
        raise FormLoadError([f"{file}: no such form file (a form folder holds {FORM_FILE})"])
    data = read_yaml(file)
    return build_form(data, str(file))


def build_form(data: Any, file: str) -> Form:
    """Check raw form data against the schema and build the model."""
    return _Builder(file).build(data)


def kind_of(value: Any) -> str:
    """How a schema message names the kind of a wrong value."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"[:80]


def _empty_list(line: int) -> LineList:
    empty = LineList()
    empty.line = line
    empty.item_lines = []
    return empty


class SchemaReader:
    """Shared helpers of the YAML schema readers: collect problems with file:line, check mappings and lists."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[str] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.file}:{line}: {message}")

    @staticmethod
    def line_of(container: Any, key: str | int | None = None) -> int:
        if isinstance(container, LineDict):
            if isinstance(key, str) and key in container.key_lines:
                return container.key_lines[key]
            return container.line
        if isinstance(container, LineList):
            if isinstance(key, int) and 0 <= key < len(container.item_lines):
                return container.item_lines[key]
            return container.line
        return 0

    def mapping(self, value: Any, where: str, line: int, allowed: set[str], required: set[str]) -> LineDict | None:
        if not isinstance(value, LineDict):
            self.problem(line, f"{where}: expected a mapping, found {kind_of(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.problem(value.key_lines[key], f"{where}: unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")
        for key in sorted(required - set(value)):
            self.problem(value.line, f"{where}: missing required key '{key}'")
        return value

    def sequence(self, value: Any, where: str, line: int) -> LineList:
        if isinstance(value, LineList):
            return value
        if value is not None:
            self.problem(line, f"{where}: expected a list, found {kind_of(value)}")
        return _empty_list(line)


class _Builder(SchemaReader):
    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.languages: tuple[str, ...] = ("nl",)

    # -- helpers --------------------------------------------------------------------------

    def ident(self, value: Any, where: str, line: int) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, bool):
            self.problem(line, f"{where}: YAML reads this id as {value}; put it in quotes")
            return str(value)
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(line, f"{where}: id {value!r} must be 1-80 letters, digits, '_', '.', '-'")
            return str(value)
        return value

    def string(self, value: Any, where: str, line: int, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.problem(line, f"{where}: expected text, found {type(value).__name__}")
            return None
        return value

    def text(self, value: Any, where: str, line: int, optional: bool = False) -> Text | None:
        if value is None:
            if not optional:
                self.problem(line, f"{where}: text is missing")
            return None
        if not isinstance(value, dict):
            self.problem(line, f"{where}: expected a text per language like {{nl: ..., en: ...}}")
            return None
        out: dict[str, str] = {}
        for lang, item in value.items():
            if lang not in self.languages:
                self.problem(self.line_of(value, lang), f"{where}: language '{lang}' is not in the form's languages")
                continue
            if not isinstance(item, str):
                self.problem(self.line_of(value, lang), f"{where}.{lang}: expected text")
                continue
            out[lang] = item
        return out

    def condition(self, source: Any, where: str, line: int) -> ex.Expr | None:
        if not isinstance(source, str):
            self.problem(line, f"{where}: condition must be text")
            return None
        try:
            return ex.parse(source)
        except ExpressionError as err:
            self.problem(line, f"{where}: {err.message} at column {err.column}: {source}")
            return None

    # -- parts ----------------------------------------------------------------------------
    def sources(self, value: Any, where: str, line: int) -> tuple[Source, ...]:
        out: list[Source] = []
        seq = self.sequence(value, f"{where}.sources", line)
        for i, item in enumerate(seq):
            ln = self.line_of(seq, i)
            m = self.mapping(item, f"{where}.sources[{i + 1}]", ln, {"title", "article", "url"}, {"title"})
            if m is None:
                continue
            title = self.text(m.get("title"), f"{where}.sources[{i + 1}].title", ln)
            out.append(
                Source(
                    title=title or {},
                    article=self.string(m.get("article"), f"{where}.sources[{i + 1}].article", ln, optional=True),
                    url=self.string(m.get("url"), f"{where}.sources[{i + 1}].url", ln, optional=True),
                )
            )
        return tuple(out)

    def rules(self, value: Any, where: str, line: int) -> tuple[Rule, ...]:
        out: list[Rule] = []
        seq = self.sequence(value, f"{where}.next", line)
        for i, item in enumerate(seq):
            ln = self.line_of(seq, i)
            rwhere = f"{where}.next[{i + 1}]"
            m = self.mapping(item, rwhere, ln, {"if", "question", "conclusion"}, set())
            if m is None:
                continue
            has_q, has_c = "question" in m, "conclusion" in m
            if has_q == has_c:
                self.problem(ln, f"{rwhere}: give exactly one of 'question' or 'conclusion'")
                continue
            kind = "question" if has_q else "conclusion"
            target = self.ident(m[kind], f"{rwhere}.{kind}", self.line_of(m, kind))
            cond_src = m.get("if")
            cond = None
            if "if" in m:
                cond = self.condition(cond_src, f"{rwhere}.if", self.line_of(m, "if"))
                cond_src = str(cond_src)
            out.append(Rule(kind, target, cond, cond_src if "if" in m else None, ln))  # type: ignore[arg-type]
        return tuple(out)

    def facts(self, value: Any, where: str, line: int) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(line, f"{where}.facts: expected a mapping of dimension: value")
            return {}
        out: dict[str, str] = {}
        for key, item in value.items():
            kl = self.line_of(value, key)
            if key not in FACT_DIMENSIONS:
                self.problem(kl, f"{where}.facts: unknown dimension '{key}' (known: {', '.join(FACT_DIMENSIONS)})")
                continue
            if not isinstance(item, str):
                self.problem(kl, f"{where}.facts.{key}: expected text")
                continue
            out[key] = item
        return out

    def answer(self, item: Any, where: str, line: int, qtype: str) -> Answer | None:
        m = self.mapping(item, where, line, {"id", "ref", "text", "explanation", "labels", "next"}, {"id", "text"})
        if m is None:
            return None
        labels_seq = self.sequence(m.get("labels"), f"{where}.labels", self.line_of(m, "labels"))
        labels: list[str] = []
        for j, lab in enumerate(labels_seq):
            labels.append(self.ident(lab, f"{where}.labels[{j + 1}]", self.line_of(labels_seq, j)))
        rules = self.rules(m.get("next"), where, self.line_of(m, "next"))
        if qtype == "single" and not rules:
            self.problem(line, f"{where}: a single-choice answer needs 'next' rules")
        if qtype == "multiple" and rules:
            self.problem(line, f"{where}: in a multiple choice the routing goes on the question, not the answer")
        return Answer(
            id=self.ident(m.get("id"), f"{where}.id", self.line_of(m, "id")),
            text=self.text(m.get("text"), f"{where}.text", self.line_of(m, "text")) or {},
            ref=self.string(m.get("ref"), f"{where}.ref", self.line_of(m, "ref"), optional=True),
            explanation=self.text(m.get("explanation"), f"{where}.explanation", self.line_of(m, "explanation"), optional=True),
            labels=tuple(labels),
            rules=rules,
            line=line,
        )

    def question(self, item: Any, index: int, line: int) -> Question | None:
        where = f"questions[{index + 1}]"
        allowed = {"id", "ref", "type", "text", "explanation", "section", "sources", "answers", "next", "field"}
        is_value = isinstance(item, dict) and item.get("type") in VALUE_TYPES
        m = self.mapping(item, where, line, allowed, {"id", "text", "field"} if is_value else {"id", "text", "answers"})
        if m is None:
            return None
        qid = self.ident(m.get("id"), f"{where}.id", self.line_of(m, "id"))
        where = f"question '{qid}'"
        qtype = m.get("type", "single")
        if qtype not in QUESTION_TYPES:
            self.problem(self.line_of(m, "type"), f"{where}: type {qtype!r} is not one of {', '.join(QUESTION_TYPES)}")
            qtype = "single"
        if is_value:
            return self.value_question(m, qid, qtype, where, line)
        if "field" in m:
            self.problem(self.line_of(m, "field"), f"{where}: 'field' is only for value questions ({', '.join(VALUE_TYPES)})")
        answers: list[Answer] = []
        seq = self.sequence(m.get("answers"), f"{where}.answers", self.line_of(m, "answers"))
        if not seq:
            self.problem(self.line_of(m, "answers"), f"{where}: needs at least one answer")
        for j, a in enumerate(seq):
            built = self.answer(a, f"{where} answer[{j + 1}]", self.line_of(seq, j), qtype)
            if built is not None:
                answers.append(built)
        rules = self.rules(m.get("next"), where, self.line_of(m, "next"))
        if qtype == "single" and rules:
            self.problem(self.line_of(m, "next"), f"{where}: in a single choice the routing goes on each answer")
        if qtype == "multiple" and not rules:
            self.problem(line, f"{where}: a multiple choice needs 'next' rules on the question")
        return Question(
            id=qid,
            type=qtype,
            text=self.text(m.get("text"), f"{where}.text", self.line_of(m, "text")) or {},
            answers=tuple(answers),
            ref=self.string(m.get("ref"), f"{where}.ref", self.line_of(m, "ref"), optional=True),
            explanation=self.text(m.get("explanation"), f"{where}.explanation", self.line_of(m, "explanation"), optional=True),
            section=self.text(m.get("section"), f"{where}.section", self.line_of(m, "section"), optional=True),
            sources=self.sources(m.get("sources"), where, self.line_of(m, "sources")),
            rules=rules,
            line=line,
        )

    def value_question(self, m: LineDict, qid: str, qtype: str, where: str, line: int) -> Question:
        """A value question (text, date, list, group, ...): a `field` instead of answers, routing on the question."""
        if "answers" in m:
            self.problem(self.line_of(m, "answers"), f"{where}: a {qtype} question has no answers; its value is described by 'field'")
        spec = parse_field(m.get("field"), qtype, where, self.line_of(m, "field"), self)
        rules = self.rules(m.get("next"), where, self.line_of(m, "next"))
        if not rules:
            self.problem(line, f"{where}: a {qtype} question needs 'next' rules on the question")
        return Question(
            id=qid,
            type=qtype,
            text=self.text(m.get("text"), f"{where}.text", self.line_of(m, "text")) or {},
            answers=(),
            ref=self.string(m.get("ref"), f"{where}.ref", self.line_of(m, "ref"), optional=True),
            explanation=self.text(m.get("explanation"), f"{where}.explanation", self.line_of(m, "explanation"), optional=True),
            section=self.text(m.get("section"), f"{where}.section", self.line_of(m, "section"), optional=True),
            sources=self.sources(m.get("sources"), where, self.line_of(m, "sources")),
            rules=rules,
            line=line,
            field=spec,
        )

    def conclusion(self, item: Any, index: int, line: int) -> Conclusion | None:
        where = f"conclusions[{index + 1}]"
        allowed = {"id", "ref", "title", "text", "obligations", "sources", "facts"}
        m = self.mapping(item, where, line, allowed, {"id", "title", "text"})
        if m is None:
            return None
        cid = self.ident(m.get("id"), f"{where}.id", self.line_of(m, "id"))
        where = f"conclusion '{cid}'"
        obligations: list[Text] = []
        seq = self.sequence(m.get("obligations"), f"{where}.obligations", self.line_of(m, "obligations"))
        for j, ob in enumerate(seq):
            t = self.text(ob, f"{where}.obligations[{j + 1}]", self.line_of(seq, j))
            if t is not None:
                obligations.append(t)
        return Conclusion(
            id=cid,
            title=self.text(m.get("title"), f"{where}.title", self.line_of(m, "title")) or {},
            text=self.text(m.get("text"), f"{where}.text", self.line_of(m, "text")) or {},
            ref=self.string(m.get("ref"), f"{where}.ref", self.line_of(m, "ref"), optional=True),
            obligations=tuple(obligations),
            sources=self.sources(m.get("sources"), where, self.line_of(m, "sources")),
            facts=self.facts(m.get("facts"), where, self.line_of(m, "facts")),
            line=line,
        )

    def label(self, item: Any, index: int, line: int) -> LabelDef | None:
        where = f"labels[{index + 1}]"
        m = self.mapping(item, where, line, {"id", "ref", "text", "facts"}, {"id", "text"})
        if m is None:
            return None
        lid = self.ident(m.get("id"), f"{where}.id", self.line_of(m, "id"))
        where = f"label '{lid}'"
        return LabelDef(
            id=lid,
            text=self.text(m.get("text"), f"{where}.text", self.line_of(m, "text")) or {},
            ref=self.string(m.get("ref"), f"{where}.ref", self.line_of(m, "ref"), optional=True),
            facts=self.facts(m.get("facts"), where, self.line_of(m, "facts")),
            line=line,
        )

    def term(self, item: Any, index: int, line: int) -> Term | None:
        where = f"glossary[{index + 1}]"
        m = self.mapping(item, where, line, {"id", "term", "definition"}, {"id", "term", "definition"})
        if m is None:
            return None
        return Term(
            id=self.ident(m.get("id"), f"{where}.id", self.line_of(m, "id")),
            term=self.text(m.get("term"), f"{where}.term", self.line_of(m, "term")) or {},
            definition=self.text(m.get("definition"), f"{where}.definition", self.line_of(m, "definition")) or {},
            line=line,
        )

    def build(self, data: Any) -> Form:
        allowed = {
            "id", "version", "languages", "title", "description", "start", "origin",
            "labels", "glossary", "questions", "conclusions",
        }
        required = {"id", "version", "languages", "title", "start", "questions", "conclusions"}
        if isinstance(data, LineDict) and "content_hash" in data:
            self.problem(data.key_lines["content_hash"], "content_hash is computed from the content; remove it from the file")
            stripped = LineDict({k: v for k, v in data.items() if k != "content_hash"})
            stripped.line = data.line
            stripped.key_lines = {k: v for k, v in data.key_lines.items() if k != "content_hash"}
            data = stripped
        top = self.mapping(data, "form", 1, allowed, required)
        if top is None:
            raise FormLoadError(self.problems)
        langs_seq = self.sequence(top.get("languages"), "languages", self.line_of(top, "languages"))
        langs = [str(x) for x in langs_seq]
        bad = [x for x in langs if not LANG_PATTERN.match(x)]
        if bad or not langs:
            self.problem(self.line_of(top, "languages"), "languages: give two-letter codes such as [nl, en]")
        if langs and not bad:
            self.languages = tuple(langs)

        def collect(key: str, fn: Callable[[Any, int, int], Any]) -> tuple[Any, ...]:
            seq = self.sequence(top.get(key), key, self.line_of(top, key))
            built = [fn(item, i, self.line_of(seq, i)) for i, item in enumerate(seq)]
            return tuple(b for b in built if b is not None)

        questions = collect("questions", self.question)
        conclusions = collect("conclusions", self.conclusion)
        labels = collect("labels", self.label)
        glossary = collect("glossary", self.term)
        origin = top.get("origin") or {}
        if not isinstance(origin, dict):
            self.problem(self.line_of(top, "origin"), "origin: expected a mapping")
            origin = {}
        version = self.string(top.get("version"), "version", self.line_of(top, "version"))
        start = self.ident(top.get("start"), "start", self.line_of(top, "start"))
        form_id = self.ident(top.get("id"), "id", self.line_of(top, "id"))
        title = self.text(top.get("title"), "title", self.line_of(top, "title"))
        description = self.text(top.get("description"), "description", self.line_of(top, "description"), optional=True)
        if self.problems:
            raise FormLoadError(self.problems)
        return Form(
            id=form_id,
            version=version or "",
            languages=self.languages,
            title=title or {},
            start=start,
            questions=questions,
            conclusions=conclusions,
            labels=labels,
            content_hash=content_hash(data),
            glossary=glossary,
            description=description,
            origin=plain(origin),
            path=self.file,
        )
