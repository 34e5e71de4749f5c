"""A submission as plain data: the algorithm, the answers per form, the AI-Act outcome, register fields and category.

A `Submission` is everything a signed package and its auditor PDF say about one algorithm in one
round. All texts are already in the submission's language (`language`), so the package can be read
without the forms. The register and category parts start empty ("not filled in yet") and are
filled by the register questionnaire once it exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

LANGUAGES = ("nl", "en")
CATEGORIES = ("A", "B", "C")
ANSWER_STATUSES = ("confirmed", "set_aside", "prefilled")


@dataclass(frozen=True)
class AlgorithmInfo:
    """Which algorithm the submission is about, and where it belongs."""

    id: str
    name: str
    organisation: str
    unit: str
    round: str


@dataclass(frozen=True)
class FormInfo:
    """A questionnaire used for the submission: id, version and the SHA-256 of its content."""

    id: str
    version: str
    sha256: str
    title: str = ""


@dataclass(frozen=True)
class SourceRef:
    """A legal source in the submission language: a title, optionally an article and a URL."""

    title: str
    article: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class PathStep:
    """One answered question on the decision path, with its texts and what the answer set in motion.

    For a value field (register questionnaire) `answer_ids` and `answer_texts` each hold the one value.
    """

    question_id: str
    question_text: str
    answer_ids: tuple[str, ...]
    answer_texts: tuple[str, ...]
    question_ref: str | None = None
    answer_refs: tuple[str | None, ...] = ()
    section: str | None = None
    labels_added: tuple[str, ...] = ()
    label_texts: tuple[str, ...] = ()
    next_kind: str | None = None  # "question" | "conclusion" | None (value fields)
    next_id: str | None = None
    next_text: str | None = None  # the next question's text or the conclusion's title
    explanation: str | None = None  # the chosen answer's explanation, when the form gives one
    status: str = "confirmed"


@dataclass(frozen=True)
class FormAnswers:
    """The answers given in one form, in the order of the path."""

    form: FormInfo
    steps: tuple[PathStep, ...]


@dataclass(frozen=True)
class AiActOutcome:
    """The AI-Act conclusion the answers reached, in plain words, with obligations, sources and facts."""

    form: FormInfo
    conclusion_id: str
    title: str
    text: str
    conclusion_ref: str | None = None
    obligations: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    labels: tuple[str, ...] = ()
    label_refs: tuple[str, ...] = ()
    label_texts: tuple[str, ...] = ()
    facts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class RegisterField:
    """One field for the Algoritmeregister: its key in the register standard, its title and the value."""

    key: str
    label: str
    value: str


@dataclass(frozen=True)
class RegisterInfo:
    """The register fields of the submission; empty until the register questionnaire fills them."""

    standard: str | None = None  # e.g. "algoritmeregister-1.0"
    form: FormInfo | None = None
    fields: tuple[RegisterField, ...] = ()
    complete: bool = False

    @property
    def status(self) -> str:
        """'not-filled', 'incomplete' or 'complete'."""
        if not self.fields:
            return "not-filled"
        return "complete" if self.complete else "incomplete"


@dataclass(frozen=True)
class CategoryInfo:
    """The register category (A, B or C) with the reasons, an exclusion ground and the human-rights test status."""

    category: str
    reasons: tuple[str, ...] = ()
    exclusion_ground: str | None = None
    human_rights_test: str | None = None


@dataclass(frozen=True)
class Requirement:
    """A requirement (e.g. from the Algoritmekader) that applies, with why it applies."""

    id: str
    title: str
    reason: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Submission:
    """Everything one package says about one algorithm: metadata, answers, outcome, register and category."""

    algorithm: AlgorithmInfo
    ai_act: AiActOutcome
    answers: tuple[FormAnswers, ...]
    language: str = "nl"
    owner: str | None = None
    register: RegisterInfo = field(default_factory=RegisterInfo)
    category: CategoryInfo | None = None
    requirements: tuple[Requirement, ...] = ()

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {self.language!r}")
        if self.category is not None and self.category.category not in CATEGORIES:
            raise ValueError(f"category must be one of {', '.join(CATEGORIES)}, not {self.category.category!r}")

    def forms(self) -> tuple[FormInfo, ...]:
        """Every form the submission uses, once each, in first-use order."""
        seen: dict[tuple[str, str, str], FormInfo] = {}
        candidates = [fa.form for fa in self.answers] + [self.ai_act.form]
        if self.register.form is not None:
            candidates.append(self.register.form)
        for info in candidates:
            seen.setdefault((info.id, info.version, info.sha256), info)
        return tuple(seen.values())
