"""Last year's inventory spreadsheet into drafts: read the table, propose a column mapping, preview every row.

The CDO's steps, each a plain function the command line and the CDO window share:

1. `read_table(path, lang)` reads a CSV file or the first sheet with something in it of an XLSX workbook
   (the reader of the register import, domain/register_import.py: the same refusals and messages).
2. `propose_mapping(headings, form, saved)` proposes per column a target — a register field (standard v1.0
   name), "unit" (the organisation unit the draft is assigned to), "not_mapped" (kept per row in the draft's
   visible not-mapped list; the default for a heading we do not recognise) or "ignore" (left out because the
   CDO chose so) — and says why. It recognises the standard's field names and our form's titles, the CDO
   export's own headings and common headings of ministries' inventories (forms/register/headings.yaml).
   Last year's conclusions (AI-Act conclusion, risk group, category) are never proposed as a register
   answer. Two columns never get the same field. The CDO corrects single columns (`corrections`), and a
   mapping is saved (ColumnMapping.to_json) under the `signature` of its headings, so that next year's sheet
   with the same headings gets it back.
3. `preview(table, mapping, form, lang)` turns every row into an ImportedRecord (the register import's
   converter: the same validation, normalisation and formula handling) with a RowReport: what was taken,
   what was not understood and why, what was ignored, and whether the row can be used.

Nothing here writes to a database; cdo/drafts.py plans and writes the drafts once the CDO confirms.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from algoinventaris.domain.register import REGISTER_ASSIGNED, STANDARD_FIELDS, register_questions
from algoinventaris.domain.register_import import (
    FORMULA,
    INVALID,
    MISSING,
    NORMALISED,
    Deviation,
    ImportedRecord,
    RecordConverter,
    Table,
    TableError,
    TableRow,
    _as_text,
    _say,
    default_form,
    heading_key,
    read_table,
    unescape_cell,
)
from algoinventaris.formengine import fields as formfields
from algoinventaris.formengine.model import Form

__all__ = [
    "ColumnChoice", "ColumnMapping", "KnownHeadings", "MappingError", "RowReport", "SheetPreview", "Table",
    "TableError", "TableRow", "default_form", "load_known_headings", "parse_corrections", "preview",
    "propose_mapping", "read_mapping_file", "read_table", "resolve_target", "saved_mapping", "store_mapping",
    "unescape_cell", "write_mapping_file",
]

TARGET_UNIT = "unit"
TARGET_NOT_MAPPED = "not_mapped"
TARGET_IGNORE = "ignore"
SPECIAL_TARGETS = (TARGET_UNIT, TARGET_NOT_MAPPED, TARGET_IGNORE)
# Other ways to write the special targets on the command line (compared as heading_key does).
TARGET_ALIASES = {
    "unit": TARGET_UNIT, "onderdeel": TARGET_UNIT,
    "notmapped": TARGET_NOT_MAPPED, "nietovergenomen": TARGET_NOT_MAPPED, "nietgekoppeld": TARGET_NOT_MAPPED,
    "ignore": TARGET_IGNORE, "negeren": TARGET_IGNORE, "weglaten": TARGET_IGNORE,
}

REASON_CHOSEN = "chosen"          # the CDO chose it (a correction)
REASON_SAVED = "saved"            # from a saved mapping
REASON_STANDARD = "standard"      # the standard's field name or our form's title for that field
REASON_KNOWN = "known"            # a known heading (headings.yaml, including the CDO export's own)
REASON_ASSESSMENT = "assessment"  # last year's conclusion or category: never a register answer
REASON_NO_FIELD = "no_field"      # a known heading that is no register field (the CDO export's bookkeeping)
REASON_TAKEN = "taken"            # the field it would get has another column already
REASON_UNKNOWN = "unknown"        # not recognised
REASON_TEXT = {
    REASON_CHOSEN: ("door jou gekozen", "chosen by you"),
    REASON_SAVED: ("opgeslagen koppeling", "saved mapping"),
    REASON_STANDARD: ("zelfde titel als in de registerstandaard", "same title as in the register standard"),
    REASON_KNOWN: ("bekende kop", "known heading"),
    REASON_ASSESSMENT: ("uitkomst van een beoordeling (AI-verordening, categorie, publicatie): nooit een registerantwoord",
                        "outcome of an assessment (AI Act, category, publication): never a register answer"),
    REASON_NO_FIELD: ("administratie van de CDO-export zelf (ronde, ondertekening, hashes), geen registerveld",
                      "the CDO export's own bookkeeping (round, signature, hashes), no register field"),
    REASON_UNKNOWN: ("niet herkend", "not recognised"),
}
# Strength of a proposal when two columns want the same field: the stronger keeps it, ties go to the first column.
_STRENGTH = {REASON_CHOSEN: 6, REASON_SAVED: 5, REASON_KNOWN: 2}  # REASON_STANDARD: 4 as written, else 3

STATUS_OK = "ok"
STATUS_REMARKS = "remarks"
STATUS_UNUSABLE = "unusable"
STATUS_TEXT = {
    STATUS_OK: ("ok", "ok"),
    STATUS_REMARKS: ("met opmerkingen", "with remarks"),
    STATUS_UNUSABLE: ("niet te gebruiken", "cannot be used"),
}

MAPPING_FORMAT = "algoinventaris-sheet-mapping"
MAPPING_FORMAT_VERSION = 1
SETTING_PREFIX = "sheet-mapping:"
HEADINGS_FILE = "headings.yaml"


class MappingError(ValueError):
    """A column mapping or correction that cannot be used; str(err) names the heading (and target) at fault."""


class HeadingsFileError(ValueError):
    """forms/register/headings.yaml does not have the expected shape; str(err) names the file and the entry."""


def status_text(status: str, lang: str = "nl") -> str:
    nl, en = STATUS_TEXT[status]
    return _say(lang, nl, en)


# --- known headings (forms/register/headings.yaml) ---------------------------------------------------


@dataclass(frozen=True)
class KnownHeadings:
    """The headings we recognise besides the standard's own, by heading_key."""

    fields: Mapping[str, str]  # heading key -> register field name
    unit: frozenset[str]
    assessment: frozenset[str]
    assessment_words: tuple[str, ...]
    no_field: frozenset[str]

    @classmethod
    def empty(cls) -> KnownHeadings:
        return cls({}, frozenset(), frozenset(), (), frozenset())


def headings_file() -> Path:
    """The bundled list of known headings, next to the register form."""
    from algoinventaris import config

    return config.form_path("register") / HEADINGS_FILE


_KNOWN_CACHE: dict[tuple[str, int, int], KnownHeadings] = {}


def load_known_headings(path: str | Path | None = None) -> KnownHeadings:
    """The known headings from headings.yaml (the bundled one by default); HeadingsFileError when it is malformed."""
    from algoinventaris.formengine.errors import FormLoadError
    from algoinventaris.formengine.loader import plain, read_yaml

    p = Path(path) if path is not None else headings_file()
    try:
        stat = p.stat()
    except OSError as exc:
        raise HeadingsFileError(f"{p}: cannot be read ({exc.strerror or exc})") from exc
    cache_key = (str(p), stat.st_mtime_ns, stat.st_size)
    if cache_key in _KNOWN_CACHE:
        return _KNOWN_CACHE[cache_key]
    try:
        data = plain(read_yaml(p))
    except FormLoadError as exc:
        raise HeadingsFileError(str(exc)) from exc
    if not isinstance(data, dict) or data.get("version") != 1:
        raise HeadingsFileError(f"{p}: must be a mapping with 'version: 1'")
    unknown = sorted(set(data) - {"version", "fields", "unit", "assessment", "assessment_words", "no_field"})
    if unknown:
        raise HeadingsFileError(f"{p}: unknown entry '{unknown[0]}'")
    seen: dict[str, str] = {}

    def texts(value: Any, where: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise HeadingsFileError(f"{p}: '{where}' must be a list of headings (texts)")
        return value

    def claim(heading: str, where: str) -> str:
        key = heading_key(heading)
        if not key:
            raise HeadingsFileError(f"{p}: '{where}': heading '{heading}' has no letters or digits")
        if key in seen and seen[key] != where:
            raise HeadingsFileError(f"{p}: heading '{heading}' is listed under both '{seen[key]}' and '{where}'")
        seen[key] = where
        return key

    field_map: dict[str, str] = {}
    raw_fields = data.get("fields") or {}
    if not isinstance(raw_fields, dict):
        raise HeadingsFileError(f"{p}: 'fields' must map register field names to lists of headings")
    allowed = set(STANDARD_FIELDS) | {"lars"}
    for name, headings in raw_fields.items():
        if name not in allowed:
            raise HeadingsFileError(f"{p}: 'fields.{name}': not a field of register standard 1.0")
        for heading in texts(headings, f"fields.{name}"):
            field_map[claim(heading, f"fields.{name}")] = name
    unit = frozenset(claim(h, "unit") for h in texts(data.get("unit") or [], "unit"))
    assessment = frozenset(claim(h, "assessment") for h in texts(data.get("assessment") or [], "assessment"))
    no_field = frozenset(claim(h, "no_field") for h in texts(data.get("no_field") or [], "no_field"))
    words = tuple(heading_key(w) for w in texts(data.get("assessment_words") or [], "assessment_words"))
    known = KnownHeadings(field_map, unit, assessment, tuple(w for w in words if w), no_field)
    _KNOWN_CACHE[cache_key] = known
    return known


# --- targets ----------------------------------------------------------------------------------------


def _field_targets(form: Form) -> dict[str, str]:
    """Register field name -> question id, for the fields a column can be mapped to."""
    return {name: q.id for name, q in register_questions(form).items() if name not in REGISTER_ASSIGNED or name == "lars"}


def field_label(form: Form, name: str, lang: str = "nl") -> str:
    """Our form's title of a register field ('Naam'), or the field name when the form has no such field."""
    q = register_questions(form).get(name)
    if q is None or q.field is None:
        return name
    return formfields.label_of(q.field, lang, name)


def target_text(target: str, form: Form, lang: str = "nl") -> str:
    """A target for a person: 'Naam (name)', 'onderdeel', 'niet overgenomen', 'genegeerd'."""
    if target == TARGET_UNIT:
        return _say(lang, "onderdeel (unit)", "unit")
    if target == TARGET_NOT_MAPPED:
        return _say(lang, "niet overgenomen", "not mapped")
    if target == TARGET_IGNORE:
        return _say(lang, "genegeerd", "ignored")
    return f"{field_label(form, target, lang)} ({target})"


def resolve_target(text: str, form: Form) -> str | None:
    """The target a person means: a field name or our form's title of it, unit, not_mapped or ignore (or Dutch aliases)."""
    raw = text.strip()
    targets = _field_targets(form)
    if raw in targets or raw in SPECIAL_TARGETS:
        return raw
    key = heading_key(raw)
    if key in TARGET_ALIASES:
        return TARGET_ALIASES[key]
    for name, q in register_questions(form).items():
        if name not in targets or q.field is None:
            continue
        if key == heading_key(name) or any(key == heading_key(label) for label in q.field.label.values() if label):
            return name
    return None


def _targets_hint(form: Form, lang: str) -> str:
    names = ", ".join(_field_targets(form))
    return _say(lang, f"kan: een registerveld ({names}) of de titel ervan, unit, not_mapped of ignore",
                f"possible: a register field ({names}) or its title, unit, not_mapped or ignore")


# --- the mapping ------------------------------------------------------------------------------------


def headings_signature(headings: Sequence[str]) -> str:
    """The SHA-256 (hex) of the headings casefolded, spacing tidied and sorted: the same set of columns, the same signature."""
    tidy = sorted(" ".join(h.split()).casefold() for h in headings)
    return hashlib.sha256("\n".join(tidy).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ColumnChoice:
    """One column's target and why."""

    heading: str
    target: str  # register field name | TARGET_UNIT | TARGET_NOT_MAPPED | TARGET_IGNORE
    reason: str  # one of the REASON_* codes
    other: str = ""  # REASON_TAKEN: the column that has the field
    wanted: str = ""  # REASON_TAKEN: the field this column would have had

    def why(self, lang: str = "nl", form: Form | None = None) -> str:
        """Why this target, for a person."""
        if self.reason == REASON_TAKEN:
            what = field_label(form, self.wanted, lang) if form is not None and self.wanted != TARGET_UNIT else self.wanted
            if self.wanted == TARGET_UNIT:
                what = _say(lang, "het onderdeel", "the unit")
            return _say(lang, f"{what} komt al uit kolom '{self.other}' (een veld krijgt nooit twee kolommen)",
                        f"{what} comes from column '{self.other}' already (a field never gets two columns)")
        nl, en = REASON_TEXT[self.reason]
        return _say(lang, nl, en)


@dataclass(frozen=True)
class ColumnMapping:
    """The target of every column of a table, in column order (plain data; to_json/from_json to save it)."""

    columns: tuple[ColumnChoice, ...]

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(c.heading for c in self.columns)

    @property
    def signature(self) -> str:
        return headings_signature(self.headings)

    def choice(self, heading: str) -> ColumnChoice:
        for c in self.columns:
            if c.heading == heading:
                return c
        raise MappingError(f"'{heading}': no such column in the mapping")

    def target_of(self, heading: str) -> str:
        return self.choice(heading).target

    def field_columns(self) -> dict[str, str]:
        """Register field name -> the heading mapped to it."""
        return {c.target: c.heading for c in self.columns if c.target not in SPECIAL_TARGETS}

    def unit_column(self) -> str | None:
        return next((c.heading for c in self.columns if c.target == TARGET_UNIT), None)

    def to_json(self) -> dict[str, Any]:
        """The mapping as saved: which target every heading has (reasons are not saved)."""
        return {"format": MAPPING_FORMAT, "format_version": MAPPING_FORMAT_VERSION, "signature": self.signature,
                "columns": [{"heading": c.heading, "target": c.target} for c in self.columns]}

    @classmethod
    def from_json(cls, data: Any, form: Form | None = None, where: str = "mapping", lang: str = "en") -> ColumnMapping:
        """A saved mapping; MappingError names the heading with a target that is not possible (in `lang`)."""
        if not isinstance(data, dict) or data.get("format") != MAPPING_FORMAT:
            raise MappingError(_say(lang, f"{where}: is geen kolomkoppeling ('format' moet '{MAPPING_FORMAT}' zijn)",
                                    f"{where}: not a column mapping ('format' must be '{MAPPING_FORMAT}')"))
        if data.get("format_version") != MAPPING_FORMAT_VERSION:
            raise MappingError(_say(lang, f"{where}: format_version {data.get('format_version')!r} kent deze app niet",
                                    f"{where}: format_version {data.get('format_version')!r} is not known to this app"))
        items = data.get("columns")
        if not isinstance(items, list):
            raise MappingError(_say(lang, f"{where}: 'columns' moet een lijst van {{heading, target}} zijn",
                                    f"{where}: 'columns' must be a list of {{heading, target}}"))
        allowed = set(_field_targets(form)) if form is not None else set(STANDARD_FIELDS) | {"lars"}
        columns: list[ColumnChoice] = []
        owner: dict[str, str] = {}
        keys: set[str] = set()
        for n, item in enumerate(items, start=1):
            if not isinstance(item, dict) or not isinstance(item.get("heading"), str) or not isinstance(item.get("target"), str):
                raise MappingError(_say(lang, f"{where}: kolom {n} moet een heading en een target hebben, allebei tekst",
                                        f"{where}: column {n} must have a heading and a target, both text"))
            heading, target = item["heading"], item["target"]
            if target not in allowed and target not in SPECIAL_TARGETS:
                raise MappingError(_say(lang, f"{where}: kolom '{heading}': '{target}' is geen registerveld, "
                                              f"{TARGET_UNIT}, {TARGET_NOT_MAPPED} of {TARGET_IGNORE}",
                                        f"{where}: column '{heading}': '{target}' is not a register field, "
                                        f"{TARGET_UNIT}, {TARGET_NOT_MAPPED} or {TARGET_IGNORE}"))
            key = " ".join(heading.split()).casefold()
            if key in keys:
                raise MappingError(_say(lang, f"{where}: kolom '{heading}' staat er meer dan eens",
                                        f"{where}: column '{heading}' is given more than once"))
            keys.add(key)
            if target in owner and target not in (TARGET_NOT_MAPPED, TARGET_IGNORE):
                raise MappingError(_say(lang, f"{where}: kolom '{heading}': '{target}' komt al uit kolom '{owner[target]}'; "
                                              "een veld krijgt nooit twee kolommen",
                                        f"{where}: column '{heading}': '{target}' is mapped from column '{owner[target]}' "
                                        "already; a field never gets two columns"))
            owner[target] = heading
            columns.append(ColumnChoice(heading, target, REASON_SAVED))
        return cls(tuple(columns))


def _candidate(heading: str, form_exact: Mapping[str, str], form_folded: Mapping[str, str],
               known: KnownHeadings) -> tuple[str, str]:
    key = heading_key(heading)
    if heading.strip() in form_exact:
        return form_exact[heading.strip()], REASON_STANDARD
    if key in known.assessment:
        return TARGET_NOT_MAPPED, REASON_ASSESSMENT
    if key in known.no_field:  # bookkeeping of last year's export: proposed to leave out; the CDO may keep it
        return TARGET_IGNORE, REASON_NO_FIELD
    if key in form_folded:
        return form_folded[key], REASON_STANDARD
    if key in known.fields:
        return known.fields[key], REASON_KNOWN
    if key in known.unit:
        return TARGET_UNIT, REASON_KNOWN
    if key and any(word in key for word in known.assessment_words):
        return TARGET_NOT_MAPPED, REASON_ASSESSMENT
    return TARGET_NOT_MAPPED, REASON_UNKNOWN


def propose_mapping(headings: Sequence[str], form: Form, saved: ColumnMapping | None = None, *,
                    corrections: Mapping[str, str] | None = None, known: KnownHeadings | None = None) -> ColumnMapping:
    """Per heading a target and why: corrections first, then a saved mapping, then what we recognise.

    `saved` may come from another year's sheet: its target is taken for every heading it has (compared without
    regard to case and spacing). `corrections` maps headings (exactly as in `headings`) to targets the CDO
    chose (see parse_corrections). Two columns never get the same field or both the unit: the stronger reason
    keeps it (chosen > saved > the standard's exact title > a title written otherwise > a known heading; else
    the first column) and the other column is not mapped, saying which column has the field.
    """
    known = known if known is not None else load_known_headings()
    targets = _field_targets(form)
    exact: dict[str, str] = {}
    for name, q in register_questions(form).items():
        if name not in targets or q.field is None:
            continue
        exact.setdefault(name, name)
        for label in q.field.label.values():
            if label and label.strip():
                exact.setdefault(label.strip(), name)
    folded: dict[str, str] = {}
    for text, name in exact.items():
        folded.setdefault(heading_key(text), name)
    saved_by_key = {" ".join(c.heading.split()).casefold(): c.target for c in saved.columns} if saved is not None else {}
    chosen = dict(corrections or {})
    for heading in chosen:
        if heading not in headings:
            raise MappingError(f"'{heading}': no such column (columns: {', '.join(headings)})")

    def valid(target: str) -> bool:
        return target in targets or target in SPECIAL_TARGETS

    proposals: list[tuple[str, str]] = []
    for heading in headings:
        saved_target = saved_by_key.get(" ".join(heading.split()).casefold())
        if heading in chosen:
            if not valid(chosen[heading]):
                raise MappingError(f"'{heading}': '{chosen[heading]}' is not a register field, unit, not_mapped or ignore")
            proposals.append((chosen[heading], REASON_CHOSEN))
        elif saved_target is not None and valid(saved_target):
            proposals.append((saved_target, REASON_SAVED))
        else:
            proposals.append(_candidate(heading, exact, folded, known))
    # The standard's title as written is stronger than one written otherwise ("NAAM", "naam ").
    strength = [(4 if h.strip() in exact else 3) if reason == REASON_STANDARD else _STRENGTH.get(reason, 0)
                for h, (_, reason) in zip(headings, proposals, strict=True)]
    out: list[ColumnChoice | None] = [None] * len(headings)
    owner: dict[str, int] = {}
    for i in sorted(range(len(headings)), key=lambda i: (-strength[i], i)):
        target, reason = proposals[i]
        if target in (TARGET_NOT_MAPPED, TARGET_IGNORE):
            out[i] = ColumnChoice(headings[i], target, reason)
        elif target in owner:
            out[i] = ColumnChoice(headings[i], TARGET_NOT_MAPPED, REASON_TAKEN, other=headings[owner[target]], wanted=target)
        else:
            owner[target] = i
            out[i] = ColumnChoice(headings[i], target, reason)
    return ColumnMapping(tuple(c for c in out if c is not None))


def parse_corrections(items: Sequence[str], headings: Sequence[str], form: Form, lang: str = "nl") -> dict[str, str]:
    """`HEADING=TARGET` texts (the command line's --map) as {heading as in the table: target}.

    The heading is found as written, else without regard to case, accents and spacing; the target is a field
    name or our form's title of it, unit, not_mapped or ignore. MappingError names an unknown heading or target.
    """
    out: dict[str, str] = {}
    by_key: dict[str, list[str]] = {}
    for h in headings:
        by_key.setdefault(heading_key(h), []).append(h)
    for item in items:
        if "=" not in item:
            raise MappingError(_say(lang, f"'{item}': schrijf KOP=DOEL, bijvoorbeeld \"Directie=unit\"",
                                    f"'{item}': write HEADING=TARGET, for example \"Directie=unit\""))
        raw_heading, raw_target = item.rsplit("=", 1)
        heading = raw_heading.strip()
        if heading not in headings:
            found = by_key.get(heading_key(heading), [])
            if len(found) != 1:
                raise MappingError(_say(lang, f"kolom '{heading}' staat niet in het bestand (kolommen: {', '.join(headings)})",
                                        f"column '{heading}' is not in the file (columns: {', '.join(headings)})"))
            heading = found[0]
        target = resolve_target(raw_target, form)
        if target is None:
            raise MappingError(_say(lang, f"kolom '{heading}': '{raw_target.strip()}' is geen doel ({_targets_hint(form, lang)})",
                                    f"column '{heading}': '{raw_target.strip()}' is not a target ({_targets_hint(form, lang)})"))
        out[heading] = target
    return out


# --- saving a mapping -------------------------------------------------------------------------------


class SettingsStore(Protocol):
    """Where mappings are kept: the CDO database's settings (storage/cdo CdoRepository)."""

    def get_setting(self, key: str) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...


def setting_key(signature: str) -> str:
    return f"{SETTING_PREFIX}{signature}"


def saved_mapping(store: SettingsStore, headings: Sequence[str], form: Form | None = None,
                  lang: str = "en") -> ColumnMapping | None:
    """The mapping saved for exactly these headings (by signature), or None; MappingError when it is damaged."""
    text = store.get_setting(setting_key(headings_signature(headings)))
    if text is None:
        return None
    where = _say(lang, "opgeslagen koppeling ", "saved mapping ") + headings_signature(headings)[:12]
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise MappingError(_say(lang, f"{where}: is geen geldige JSON ({exc})", f"{where}: not valid JSON ({exc})")) from exc
    return ColumnMapping.from_json(data, form, where=where, lang=lang)


def store_mapping(store: SettingsStore, mapping: ColumnMapping) -> str:
    """Save a mapping under the signature of its headings; returns the setting's key."""
    key = setting_key(mapping.signature)
    store.set_setting(key, json.dumps(mapping.to_json(), ensure_ascii=False, sort_keys=True))
    return key


def read_mapping_file(path: str | Path, form: Form | None = None, lang: str = "nl") -> ColumnMapping:
    """A mapping saved as a JSON file; MappingError names the file and what is wrong."""
    p = Path(path)
    try:
        data = json.loads(p.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise MappingError(_say(lang, f"{p}: kan niet gelezen worden ({exc.strerror or exc})",
                                f"{p}: cannot be read ({exc.strerror or exc})")) from exc
    except ValueError as exc:
        raise MappingError(_say(lang, f"{p}: is geen geldige JSON ({exc})", f"{p}: is not valid JSON ({exc})")) from exc
    return ColumnMapping.from_json(data, form, where=str(p), lang=lang)


def write_mapping_file(path: str | Path, mapping: ColumnMapping) -> Path:
    """Write a mapping as JSON, completely or not at all."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    data = (json.dumps(mapping.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".algoinventaris-", suffix=".part", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return p


# --- the preview ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Taken:
    """A value that goes into the draft as it is (note: how it was tidied, if it was)."""

    heading: str
    field: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class NotUnderstood:
    """A value that breaks a rule of its field: it goes into the draft for the owner to correct, with why."""

    heading: str
    field: str
    value: str
    why: str


@dataclass
class RowReport:
    """What became of one row of the sheet."""

    number: int  # the row number in the sheet
    source: str  # e.g. "inventaris-2025.xlsx, werkblad 'Algoritmes', regel 7"
    status: str  # STATUS_OK | STATUS_REMARKS | STATUS_UNUSABLE
    record: ImportedRecord
    unit: str | None  # from the unit column (None: empty or no unit column)
    taken: list[Taken] = field(default_factory=list)
    not_understood: list[NotUnderstood] = field(default_factory=list)
    not_mapped: dict[str, str] = field(default_factory=dict)  # heading -> value, kept with the draft
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (heading, value) the CDO left out
    missing: list[tuple[str, str]] = field(default_factory=list)  # (field, message): required, for the owner to fill in
    formulas: list[tuple[str, str]] = field(default_factory=list)  # (heading, formula text): taken as text
    problems: list[str] = field(default_factory=list)  # why the row cannot be used

    @property
    def name(self) -> str:
        return self.record.name

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        return {
            "row": self.number, "source": self.source, "status": self.status, "status_text": status_text(self.status, lang),
            "name": self.name, "unit": self.unit,
            "taken": [{"heading": t.heading, "field": t.field, "value": t.value, "note": t.note} for t in self.taken],
            "not_understood": [{"heading": n.heading, "field": n.field, "value": n.value, "why": n.why}
                               for n in self.not_understood],
            "not_mapped": dict(self.not_mapped),
            "ignored": [{"heading": h, "value": v} for h, v in self.ignored],
            "missing": [{"field": f, "message": m} for f, m in self.missing],
            "formulas": [{"heading": h, "value": v} for h, v in self.formulas],
            "problems": list(self.problems),
        }


@dataclass
class SheetPreview:
    """Every row of a sheet read through a mapping, before anything is written."""

    table: Table
    mapping: ColumnMapping
    rows: list[RowReport]
    warnings: list[str]
    lang: str = "nl"

    def records(self) -> list[ImportedRecord]:
        """The records of the rows that can be used (everything but STATUS_UNUSABLE), in sheet order."""
        return [r.record for r in self.rows if r.status != STATUS_UNUSABLE]

    def counts(self) -> dict[str, int]:
        out = {"rows": len(self.rows), STATUS_OK: 0, STATUS_REMARKS: 0, STATUS_UNUSABLE: 0, "blank": self.table.blank_rows}
        for r in self.rows:
            out[r.status] += 1
        return out

    def to_json(self, form: Form | None = None) -> dict[str, Any]:
        lang = self.lang
        columns = []
        for index, c in enumerate(self.mapping.columns):
            sample = self.table.sample(index)
            columns.append({"heading": c.heading, "sample": None if sample is None else _as_text(sample), "target": c.target,
                            "target_text": target_text(c.target, form, lang) if form is not None else c.target,
                            "reason": c.reason, "why": c.why(lang, form)})
        return {"file": str(self.table.path), "sheet": self.table.sheet, "read": self.table.describe(lang),
                "signature": self.mapping.signature, "mapping": columns, "warnings": list(self.warnings),
                "counts": self.counts(), "rows": [r.to_json(lang) for r in self.rows]}


def _source(table: Table, number: int, lang: str) -> str:
    if table.sheet is not None:
        return _say(lang, f"{table.path.name}, werkblad '{table.sheet}', regel {number}",
                    f"{table.path.name}, sheet '{table.sheet}', row {number}")
    return _say(lang, f"{table.path.name}, regel {number}", f"{table.path.name}, row {number}")


def _base_field(name: str) -> str:
    return name.split("[", 1)[0]


def preview(table: Table, mapping: ColumnMapping, form: Form, lang: str = "nl", *,
            progress: Callable[[int, int], None] | None = None) -> SheetPreview:
    """Every row through the mapping: an ImportedRecord (draft answers, unit, not-mapped values, deviations) and a RowReport.

    Rows without anything in them were skipped when the table was read (Table.blank_rows). A row whose name
    column is empty takes its name from a column that would have been the name but was not mapped because the
    name column had it (e.g. the CDO export's "Algoritme" when the register's "Naam" is empty), and says so; a
    row without any name cannot be used. `progress(done, total)` is called every few hundred rows (for a
    progress bar).
    """
    if mapping.headings != table.headings:
        raise MappingError(_say(lang, f"de koppeling hoort bij andere kolommen dan die van {table.path.name}",
                                f"the mapping belongs to other columns than those of {table.path.name}"))
    conv = RecordConverter(form, lang)
    targets = [c.target for c in mapping.columns]
    field_of = {c.heading: (c.target if c.target not in SPECIAL_TARGETS else None) for c in mapping.columns}
    heading_of = mapping.field_columns()
    name_column = heading_of.get("name")
    warnings: list[str] = []
    if name_column is None:
        warnings.append(_say(lang, "geen kolom is gekoppeld aan Naam (name): geen enkele regel is te gebruiken; kies er een "
                                   "(bijvoorbeeld --map \"KOP=name\")",
                             "no column is mapped to Name (name): no row can be used; choose one "
                             "(for example --map \"HEADING=name\")"))
    if mapping.unit_column() is None:
        warnings.append(_say(lang, "geen kolom voor het onderdeel: de drafts krijgen het onderdeel dat je opgeeft, of blijven "
                                   "niet toegewezen", "no column for the unit: the drafts get the unit you give, or stay unassigned"))
    # Columns that would have been the name but another column has it: a row whose name column is empty takes its
    # name from the first of these that has one (e.g. the CDO export's "Algoritme" when the register's "Naam" is empty).
    spare_names = [i for i, c in enumerate(mapping.columns) if c.reason == REASON_TAKEN and c.wanted == "name"]
    rows: list[RowReport] = []
    total = len(table.rows)
    for done, row in enumerate(table.rows, start=1):
        rows.append(_row_report(table, row, targets, field_of, heading_of, name_column, spare_names, conv, lang))
        if progress is not None and (done % 250 == 0 or done == total):
            progress(done, total)
    return SheetPreview(table, mapping, rows, warnings, lang)


def _row_report(table: Table, row: TableRow, targets: Sequence[str], field_of: Mapping[str, str | None],
                heading_of: Mapping[str, str], name_column: str | None, spare_names: Sequence[int], conv: RecordConverter,
                lang: str) -> RowReport:
    pairs: list[tuple[str, Any]] = []
    formula_headings: list[str] = []
    ignored: list[tuple[str, str]] = []
    unit: str | None = None
    unit_formula: tuple[str, str] | None = None
    for index, (heading, value) in enumerate(zip(table.headings, row.values, strict=True)):
        target = targets[index]
        filled = value is not None and bool(_as_text(value).strip())
        if target == TARGET_IGNORE:
            if filled:
                ignored.append((heading, _as_text(value)))
            continue
        if target == TARGET_UNIT:
            if filled:
                unit = " ".join(_as_text(value).split())
                if index in row.formulas or _as_text(value).lstrip().startswith("="):
                    unit_formula = (heading, _as_text(value))
            continue
        if target == TARGET_NOT_MAPPED and not filled:
            continue  # an empty cell of a column that is not mapped: nothing to keep
        pairs.append((heading, value))
        if index in row.formulas:
            formula_headings.append(heading)
    source = _source(table, row.number, lang)
    record = conv.convert(source, pairs, formula_headings, mapping=field_of)
    record.unit = unit
    spare_from = _spare_name(record, row, table, spare_names, name_column, conv, lang) if name_column is not None else None
    report = RowReport(row.number, source, STATUS_OK, record, unit, ignored=ignored, not_mapped=dict(record.not_mapped))
    notes: dict[str, list[str]] = {}
    bad: set[str] = set()
    for dev in record.deviations:
        base = _base_field(dev.field)
        if dev.kind == NORMALISED:
            notes.setdefault(base, []).append(dev.message)
        elif dev.kind == INVALID:
            bad.add(base)
            report.not_understood.append(NotUnderstood(heading_of.get(base, dev.field), base, dev.value, dev.message))
        elif dev.kind == MISSING:
            report.missing.append((dev.field, dev.message))
        elif dev.kind == FORMULA:
            report.formulas.append((heading_of.get(dev.field, dev.field), dev.value))
    if unit_formula is not None:
        report.formulas.append(unit_formula)
        record.deviations.append(_unit_formula_deviation(unit_formula, lang))
    qids = conv.by_field
    for name, heading in heading_of.items():
        q = qids.get(name)
        if q is None or name in bad or q.id not in record.draft:
            continue
        report.taken.append(Taken(spare_from if name == "name" and spare_from else heading, name, record.draft[q.id],
                                  "; ".join(notes.get(name, []))))
    if unit is not None:
        unit_heading = next(h for h, t in zip(table.headings, targets, strict=True) if t == TARGET_UNIT)
        report.taken.append(Taken(unit_heading, TARGET_UNIT, unit))
    if not record.name.strip():
        report.status = STATUS_UNUSABLE
        if name_column is None:
            report.problems.append(_say(lang, "geen naam: geen kolom is gekoppeld aan Naam", "no name: no column is mapped to Name"))
        else:
            report.problems.append(_say(lang, f"geen naam: kolom '{name_column}' is leeg", f"no name: column '{name_column}' is empty"))
    elif report.not_understood or report.formulas:
        report.status = STATUS_REMARKS
    return report


def _spare_name(record: ImportedRecord, row: TableRow, table: Table, spare_names: Sequence[int], name_column: str,
                conv: RecordConverter, lang: str) -> str | None:
    """When the name column is empty: the name from a spare name column (the heading it came from), else None."""
    q = conv.by_field.get("name")
    if q is None or record.name.strip():
        return None
    for index in spare_names:
        value = row.values[index]
        text = " ".join(_as_text(value).split()) if value is not None else ""
        if not text:
            continue
        heading = table.headings[index]
        record.draft[q.id] = text
        record.deviations[:] = [d for d in record.deviations if not (d.kind == MISSING and d.field == "name")]
        record.deviations.append(Deviation(NORMALISED, "name", "", _say(
            lang, f"Naam: kolom '{name_column}' is leeg; de naam is genomen uit kolom '{heading}'",
            f"Name: column '{name_column}' is empty; the name was taken from column '{heading}'"), text))
        for message in formfields.validate(q, text, lang):
            record.deviations.append(Deviation(INVALID, "name", text, message))
        record.match = conv.match_key(record.draft)
        return heading
    return None


def _unit_formula_deviation(found: tuple[str, str], lang: str) -> Deviation:
    heading, value = found
    return Deviation(FORMULA, heading, value, _say(
        lang, f"{heading}: '{value}' is een formule; die is als gewone tekst overgenomen, niet uitgevoerd",
        f"{heading}: '{value}' is a formula; it was taken as plain text, not evaluated"))
