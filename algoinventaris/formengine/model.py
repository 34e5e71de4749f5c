"""The in-memory form model: questions, answers, routing rules, labels and conclusions (immutable)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, Literal

from algoinventaris.formengine.expr import Expr

Text = Mapping[str, str]
TargetKind = Literal["question", "conclusion"]
CHOICE_TYPES = ("single", "multiple")
# Value questions take a typed value instead of answer ids (see formengine/fields.py); their routing
# sits on the question, like a multiple choice.
VALUE_TYPES = ("text", "longtext", "number", "date", "month", "email", "url", "list", "group")
QUESTION_TYPES = CHOICE_TYPES + VALUE_TYPES
# Types a sub-field of a repeating group may have.
SCALAR_TYPES = ("text", "longtext", "number", "date", "month", "email", "url")

# Outcome fact dimensions, named as the Algoritmekader names them, so that requirement filtering
# can use them directly.
FACT_DIMENSIONS = (
    "soort-toepassing",
    "risicogroep",
    "rol-ai-act",
    "transparantieverplichting",
    "systeemrisico",
    "open-source",
    "ai-verordening",
)


def text_in(text: Text | None, lang: str, fallback: str = "nl") -> str:
    """The text in the asked language, else in the fallback language, else any, else ''."""
    if not text:
        return ""
    return text.get(lang) or text.get(fallback) or next(iter(text.values()), "")


@dataclass(frozen=True)
class Source:
    """A legal or documentary source: a title, optionally an article reference and a URL."""

    title: Text
    article: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class LabelDef:
    """A label an answer can set; `ref` is the official label text, `facts` what it says about the outcome."""

    id: str
    text: Text
    ref: str | None = None
    facts: Mapping[str, str] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class Term:
    """A glossary term that the wizard explains where it appears in a text."""

    id: str
    term: Text
    definition: Text
    line: int = 0


@dataclass(frozen=True)
class Rule:
    """One routing rule: when the condition holds (or there is none) go to the target."""

    target_kind: TargetKind
    target: str
    condition: Expr | None = None
    condition_source: str | None = None
    line: int = 0

    def describe(self) -> str:
        cond = self.condition_source if self.condition_source is not None else "always"
        return f"if {cond} -> {self.target_kind} {self.target}"


@dataclass(frozen=True)
class Answer:
    """One possible answer to a choice question."""

    id: str
    text: Text
    ref: str | None = None
    explanation: Text | None = None
    labels: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class AllowedValue:
    """One allowed value of a value field: the stored value and its label per language."""

    value: str
    text: Text


@dataclass(frozen=True)
class FieldSpec:
    """How a value question's value is checked (see formengine/fields.py) and where it goes in the register."""

    label: Text
    required: bool = False
    max_length: int | None = None
    min_length: int | None = None
    pattern: str | None = None
    pattern_message: Text | None = None
    format: str | None = None
    values: tuple[AllowedValue, ...] = ()
    html: tuple[str, ...] | None = None
    min_items: int | None = None
    max_items: int | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    decimals: int | None = None
    fields: tuple[SubField, ...] = ()
    suggestions: tuple[str, ...] = ()
    example: Text | None = None
    default: str | None = None
    register_field: str | None = None
    line: int = 0

    def value_label(self, value: str, lang: str) -> str:
        """The label of an allowed value in the language, or the value itself."""
        for item in self.values:
            if item.value == value:
                return text_in(item.text, lang) or value
        return value


@dataclass(frozen=True)
class SubField:
    """One field inside a repeating group: an id, a scalar type and its checks."""

    id: str
    type: str
    field: FieldSpec


@dataclass(frozen=True)
class Question:
    """A question with its answers; for a multiple choice the routing sits on the question.

    A value question (type in VALUE_TYPES) has no answers but a `field` that says how its value is checked.
    """

    id: str
    type: str
    text: Text
    answers: tuple[Answer, ...]
    ref: str | None = None
    explanation: Text | None = None
    section: Text | None = None
    sources: tuple[Source, ...] = ()
    rules: tuple[Rule, ...] = ()
    line: int = 0
    field: FieldSpec | None = None

    @property
    def is_value(self) -> bool:
        """True for a value question (text, date, list, group, ...), False for a choice question."""
        return self.type in VALUE_TYPES

    def answer(self, answer_id: str) -> Answer | None:
        for a in self.answers:
            if a.id == answer_id:
                return a
        return None

    def answer_by_ref(self, ref: str) -> Answer | None:
        for a in self.answers:
            if a.ref == ref:
                return a
        return None


@dataclass(frozen=True)
class Conclusion:
    """Where a path ends: plain-words text, obligations, sources and machine-readable facts."""

    id: str
    title: Text
    text: Text
    ref: str | None = None
    obligations: tuple[Text, ...] = ()
    sources: tuple[Source, ...] = ()
    facts: Mapping[str, str] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class Form:
    """A complete questionnaire; identified by id, version and the SHA-256 of its canonical content."""

    id: str
    version: str
    languages: tuple[str, ...]
    title: Text
    start: str
    questions: tuple[Question, ...]
    conclusions: tuple[Conclusion, ...]
    labels: tuple[LabelDef, ...]
    content_hash: str
    glossary: tuple[Term, ...] = ()
    description: Text | None = None
    origin: Mapping[str, Any] = field(default_factory=dict)
    path: str = ""

    @cached_property
    def question_map(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def conclusion_map(self) -> dict[str, Conclusion]:
        return {c.id: c for c in self.conclusions}

    @cached_property
    def label_map(self) -> dict[str, LabelDef]:
        return {lab.id: lab for lab in self.labels}

    @cached_property
    def question_by_ref(self) -> dict[str, Question]:
        return {q.ref: q for q in self.questions if q.ref is not None}

    @cached_property
    def conclusion_by_ref(self) -> dict[str, Conclusion]:
        return {c.ref: c for c in self.conclusions if c.ref is not None}

    def question(self, qid: str) -> Question | None:
        return self.question_map.get(qid)

    def conclusion(self, cid: str) -> Conclusion | None:
        return self.conclusion_map.get(cid)

    def describe(self) -> str:
        return f"{self.id} {self.version} (sha256 {self.content_hash[:12]}…)"
