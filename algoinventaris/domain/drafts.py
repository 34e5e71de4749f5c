"""Prefilled drafts as plain data: what the CDO made from register entries or last year's spreadsheet, for the owners.

A draft is one algorithm the organisation already knows about: register answers taken from a published
register entry or a row of last year's inventory spreadsheet, the unit it is assigned to, the key it is
matched on when the same source is imported again, the values our forms had no place for (`not_mapped`,
never silently dropped) and every deviation found while reading it. The CDO keeps drafts in the CDO
database (cdo/drafts.py), hands them out inside the round bundle (member `drafts.json`, a canonical
document made by `drafts_document`), and an owner starts an algorithm from one: the register answers come
in as prefilled (unconfirmed) answers, the AI-Act questions stay unanswered with the register texts shown
beside them as a hint (`hint_texts`).

Nothing here touches a database, a file or Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

DRAFTS_FORMAT = "algoinventaris-drafts"
DRAFTS_FORMAT_VERSION = 1

SOURCE_REGISTER = "register"        # a published register entry (JSON, or the register's CSV/XLSX download)
SOURCE_SPREADSHEET = "spreadsheet"  # a row of last year's inventory spreadsheet, read through a column mapping
SOURCES = (SOURCE_REGISTER, SOURCE_SPREADSHEET)

MATCH_KINDS = ("lars", "source_id", "organisation+name")

# Register fields (standard v1.0 names) whose text helps an owner answer the AI-Act questions, in the order
# they are shown beside an unanswered question. Legacy fields that say what kind of algorithm it is (the
# older standards' `type`) are shown from the not-mapped list. Nothing is ever answered from them.
HINT_FIELDS = ("description_short", "goal", "methods_and_models", "human_intervention", "provider", "risks")
HINT_NOT_MAPPED = ("type", "iama_description")


class DraftFormatError(ValueError):
    """A drafts document that does not have the expected shape; str(err) names the draft and the field."""


@dataclass(frozen=True)
class DraftDeviation:
    """A deviation found when the draft was read (see domain/register_import.py for the kinds)."""

    kind: str
    field: str
    value: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "field": self.field, "value": self.value, "message": self.message}


@dataclass(frozen=True)
class Draft:
    """One prefilled draft as the CDO hands it out."""

    id: str                           # UUID4 text, stable over re-imports of the same source
    organisation: str
    unit: str                         # the unit whose owners take it up ("" = not yet assigned)
    round: str                        # the round it is handed out in
    name: str
    source: str                       # SOURCE_REGISTER | SOURCE_SPREADSHEET
    origin: str                       # where it was read, e.g. "Centric.json, record 3" or "inventaris-2025.xlsx, row 7"
    match_kind: str                   # one of MATCH_KINDS
    match_value: str
    revision: int                     # 1 at first import, +1 whenever a re-import changed its content
    answers: Mapping[str, str]        # register question id (forms/register) -> stored text value
    not_mapped: Mapping[str, str] = field(default_factory=dict)   # field or heading as found -> value
    deviations: tuple[DraftDeviation, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "organisation": self.organisation, "unit": self.unit, "round": self.round,
            "name": self.name, "source": self.source, "origin": self.origin,
            "match": {"kind": self.match_kind, "value": self.match_value}, "revision": self.revision,
            "answers": dict(self.answers), "not_mapped": dict(self.not_mapped),
            "deviations": [d.to_json() for d in self.deviations],
        }

    @classmethod
    def from_json(cls, data: Any, where: str = "draft") -> Draft:
        """A draft from its JSON form; DraftFormatError names what is wrong."""
        if not isinstance(data, dict):
            raise DraftFormatError(f"{where}: is not an object")

        def text(key: str, value: Any = None) -> str:
            found = data.get(key) if value is None else value
            if not isinstance(found, str):
                raise DraftFormatError(f"{where}: '{key}' must be text")
            return found

        def texts(key: str) -> dict[str, str]:
            found = data.get(key, {})
            if not isinstance(found, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in found.items()):
                raise DraftFormatError(f"{where}: '{key}' must map texts to texts")
            return dict(found)

        match = data.get("match")
        if not isinstance(match, dict):
            raise DraftFormatError(f"{where}: 'match' must be an object with kind and value")
        revision = data.get("revision")
        if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
            raise DraftFormatError(f"{where}: 'revision' must be a whole number from 1")
        source = text("source")
        if source not in SOURCES:
            raise DraftFormatError(f"{where}: 'source' must be one of {', '.join(SOURCES)}, not '{source}'")
        kind = text("match.kind", match.get("kind"))
        if kind not in MATCH_KINDS:
            raise DraftFormatError(f"{where}: 'match.kind' must be one of {', '.join(MATCH_KINDS)}, not '{kind}'")
        raw_devs = data.get("deviations", [])
        if not isinstance(raw_devs, list):
            raise DraftFormatError(f"{where}: 'deviations' must be a list")
        devs = []
        for n, d in enumerate(raw_devs, start=1):
            if not isinstance(d, dict) or not all(isinstance(d.get(k), str) for k in ("kind", "field", "value", "message")):
                raise DraftFormatError(f"{where}: deviation {n} must have kind, field, value and message as text")
            devs.append(DraftDeviation(d["kind"], d["field"], d["value"], d["message"]))
        return cls(
            id=text("id"), organisation=text("organisation"), unit=text("unit"), round=text("round"), name=text("name"),
            source=source, origin=text("origin"), match_kind=kind, match_value=text("match.value", match.get("value")),
            revision=revision, answers=texts("answers"), not_mapped=texts("not_mapped"), deviations=tuple(devs))


def drafts_document(organisation: str, round_name: str, drafts: Iterable[Draft]) -> dict[str, Any]:
    """The `drafts.json` document of a round bundle (to be written as canonical JSON)."""
    ordered = sorted(drafts, key=lambda d: (d.unit.casefold(), d.name.casefold(), d.id))
    return {"format": DRAFTS_FORMAT, "format_version": DRAFTS_FORMAT_VERSION, "organisation": organisation,
            "round": round_name, "drafts": [d.to_json() for d in ordered]}


def parse_drafts_document(data: Any) -> list[Draft]:
    """The drafts of a `drafts.json` document; DraftFormatError names what is wrong."""
    if not isinstance(data, dict) or data.get("format") != DRAFTS_FORMAT:
        raise DraftFormatError(f"drafts.json: 'format' must be '{DRAFTS_FORMAT}'")
    if data.get("format_version") != DRAFTS_FORMAT_VERSION:
        raise DraftFormatError(f"drafts.json: format_version {data.get('format_version')!r} is not known to this app "
                               f"(knows {DRAFTS_FORMAT_VERSION})")
    items = data.get("drafts")
    if not isinstance(items, list):
        raise DraftFormatError("drafts.json: 'drafts' must be a list")
    drafts = [Draft.from_json(item, f"drafts.json, draft {n}") for n, item in enumerate(items, start=1)]
    ids = [d.id for d in drafts]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise DraftFormatError(f"drafts.json: draft id {twice[0]} appears more than once")
    return drafts


def for_unit(drafts: Sequence[Draft], unit: str | None) -> list[Draft]:
    """The drafts assigned to a unit (compared without regard to case and spacing); all when unit is None."""
    if unit is None:
        return list(drafts)
    key = " ".join(unit.split()).casefold()
    return [d for d in drafts if " ".join(d.unit.split()).casefold() == key]


@dataclass(frozen=True)
class Hint:
    """One register text shown beside an unanswered AI-Act question: the field's label and the text."""

    field: str
    text: str


def hint_texts(register_values: Mapping[str, str], not_mapped: Mapping[str, str]) -> list[Hint]:
    """The register texts that help answer AI-Act questions, by register field name (empty ones left out).

    `register_values` maps register field names (standard v1.0) to the draft's texts; legacy fields that say
    what kind of algorithm it is come from `not_mapped`.
    """
    out = [Hint(name, register_values[name].strip()) for name in HINT_FIELDS if register_values.get(name, "").strip()]
    out += [Hint(name, not_mapped[name].strip()) for name in HINT_NOT_MAPPED if not_mapped.get(name, "").strip()]
    return out


# --- the owner's side: an algorithm started from a draft --------------------------------------------

# Why a value of a draft did not become an answer (DraftOrigin.not_mapped keeps each one with its value).
NOT_IN_STANDARD = "not_in_standard"   # a field or heading our forms have no place for (the draft's own not_mapped)
NOT_IN_FORM = "not_in_form"           # an answer to a question the round's register form does not have
DOES_NOT_FIT = "does_not_fit"         # an answer its question cannot take (e.g. a choice the question does not offer)
NOT_TAKEN_REASONS = (NOT_IN_STANDARD, NOT_IN_FORM, DOES_NOT_FIT)

_SOURCE_TEXT = {SOURCE_REGISTER: {"nl": "Uit het register", "en": "From the register"},
                SOURCE_SPREADSHEET: {"nl": "Uit de inventarisatie van vorig jaar", "en": "From last year's inventory"}}
_MATCH_TEXT = {"lars": {"nl": "LARS-id", "en": "LARS id"}, "source_id": {"nl": "bron-id", "en": "source id"},
               "organisation+name": {"nl": "organisatie en naam", "en": "organisation and name"}}
_REASON_TEXT = {NOT_IN_STANDARD: {"nl": "geen veld van onze vragenlijst", "en": "not a field of our questionnaire"},
                NOT_IN_FORM: {"nl": "de registervragenlijst van deze ronde heeft deze vraag niet",
                              "en": "the round's register questionnaire does not have this question"},
                DOES_NOT_FIT: {"nl": "past niet bij de vraag", "en": "does not fit the question"}}


def _in(texts: Mapping[str, str], lang: str) -> str:
    return texts.get(lang) or texts["nl"]


@dataclass(frozen=True)
class NotTaken:
    """A value of a draft that is not an answer of the algorithm: the field (or question id), the value and why."""

    field: str
    value: str
    reason: str                       # one of NOT_TAKEN_REASONS

    def reason_text(self, lang: str = "nl") -> str:
        return _in(_REASON_TEXT.get(self.reason, {"nl": self.reason}), lang)

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "value": self.value, "reason": self.reason}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NotTaken:
        return cls(str(data["field"]), str(data["value"]), str(data["reason"]))


@dataclass(frozen=True)
class DraftOrigin:
    """Where an owner's algorithm came from: the draft it was started from, as it was then (owner database)."""

    algorithm_id: str
    draft_id: str
    round: str
    revision: int
    source: str
    origin: str
    match_kind: str
    match_value: str
    answers: Mapping[str, str]        # the draft's register answers as received (question id -> text), for the hints
    not_mapped: tuple[NotTaken, ...]  # every value that did not become an answer, never dropped
    deviations: tuple[DraftDeviation, ...]
    started_at: datetime              # aware, UTC

    def source_text(self, lang: str = "nl") -> str:
        """"Uit het register" or "Uit de inventarisatie van vorig jaar"."""
        return _in(_SOURCE_TEXT.get(self.source, {"nl": self.source}), lang)

    def describe(self, lang: str = "nl") -> str:
        """E.g. "Uit het register: Centric.json, record 3, gevonden op LARS-id 1234567"."""
        match = _in(_MATCH_TEXT.get(self.match_kind, {"nl": self.match_kind}), lang)
        found = "matched on" if lang == "en" else "gevonden op"
        return f"{self.source_text(lang)}: {self.origin}, {found} {match} {self.match_value}".rstrip()

    def legacy_fields(self) -> dict[str, str]:
        """The draft's own not-mapped fields (field or heading as found -> value), e.g. for hint_texts."""
        return {n.field: n.value for n in self.not_mapped if n.reason == NOT_IN_STANDARD}

    def to_json(self) -> dict[str, Any]:
        from algoinventaris.domain.algorithm import iso_utc

        return {"algorithm_id": self.algorithm_id, "draft_id": self.draft_id, "round": self.round, "revision": self.revision,
                "source": self.source, "origin": self.origin, "match": {"kind": self.match_kind, "value": self.match_value},
                "answers": dict(self.answers), "not_mapped": [n.to_json() for n in self.not_mapped],
                "deviations": [d.to_json() for d in self.deviations], "started_at": iso_utc(self.started_at)}
