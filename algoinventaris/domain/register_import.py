"""Reading published Algoritmeregister entries (JSON, CSV, XLSX) into register-form drafts, with every deviation.

`read_records(path)` reads a register download or export file and returns, per record, a draft (text values
per question id of forms/register, the way the wizard stores them), the key to match it with an existing
algorithm on a re-import, and every way the record deviates from what our register form accepts:

- normalised: the meaning is certain and the value was tidied (outer spaces, the case of an allowed value
  such as `lang` "NLD" -> "nld", a spreadsheet date in a month field);
- invalid: the value breaks a rule of the field (the message of formengine.fields.validate);
- missing: a field the register requires is absent or empty;
- not_mapped: a field our form does not know (older standards: `type`, `iama_description`, `uuid`, ...), kept
  with its value in `ImportedRecord.not_mapped`, never silently dropped;
- formula: a spreadsheet cell or text starting with "=", taken as literal text and never evaluated.

A file that cannot be read as a whole (not what its extension says, empty, merged cells, ...) raises
RegisterImportError and returns nothing. Nothing is written anywhere.

CSV and XLSX files are read by `read_table`, which the spreadsheet import (domain/sheet_import.py) shares:
the same refusals and messages, the first sheet with something in it, formula cells kept as text, and the
apostrophe the CDO export puts before a text starting with =, +, -, @, tab, CR or an apostrophe taken off
again. `RecordConverter` turns (field, value) pairs into an ImportedRecord; the spreadsheet import feeds it
through its column mapping, so validation, normalisation and formula handling are the same in both.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from algoinventaris.domain.register import REQUIRED_FIELDS, register_questions
from algoinventaris.formengine import fields
from algoinventaris.formengine.model import Form, Question

NORMALISED = "normalised"
INVALID = "invalid"
MISSING = "missing"
NOT_MAPPED = "not_mapped"
FORMULA = "formula"
KINDS = (NORMALISED, INVALID, MISSING, NOT_MAPPED, FORMULA)

MATCH_LARS = "lars"
MATCH_SOURCE_ID = "source_id"
MATCH_NAME = "organisation+name"

SUFFIXES = (".json", ".csv", ".xlsx")
# A text starting with one of these is a formula to a spreadsheet; the CDO export puts an apostrophe in front
# of such texts (and of texts starting with an apostrophe), and reading a table takes that one apostrophe off.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
ESCAPED_STARTS = "".join(FORMULA_STARTS) + ESCAPE
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z0-9:]+)\"")
_T = TypeVar("_T")


class RegisterImportError(Exception):
    """A register file that cannot be read as a whole; str(err) names the file and what is wrong."""


class TableError(RegisterImportError):
    """A CSV or XLSX table that cannot be read as a whole (shared by the register and the spreadsheet import)."""


@dataclass(frozen=True)
class Deviation:
    """One way a record differs from what the register form accepts, naming the field and the value found."""

    kind: str  # one of KINDS
    field: str  # the standard's field name (or the heading / key as found, for not-mapped fields)
    value: str  # the value as found in the file, as text
    message: str  # for a person, in the chosen language
    normalised: str | None = None  # the value taken into the draft, when it was tidied


@dataclass(frozen=True)
class MatchKey:
    """How a record is recognised on a re-import: by LARS id, else source id, else organisation + name."""

    kind: str  # MATCH_LARS | MATCH_SOURCE_ID | MATCH_NAME
    value: str


@dataclass
class ImportedRecord:
    """One record read from a register file: draft answers, match key and every deviation."""

    source: str  # where it was found, e.g. "Centric.json, record 3" or "export.xlsx, row 5"
    draft: dict[str, str]  # register question id -> stored text value (only filled-in fields)
    match: MatchKey
    deviations: list[Deviation] = field(default_factory=list)
    not_mapped: dict[str, str] = field(default_factory=dict)  # field as found -> value as text
    unit: str | None = None  # the unit named in the source (a spreadsheet's mapped column), if any

    @property
    def name(self) -> str:
        return self.draft.get("name", "")

    def of_kind(self, kind: str) -> list[Deviation]:
        """The deviations of one kind."""
        return [d for d in self.deviations if d.kind == kind]


def _say(lang: str, nl: str, en: str) -> str:
    return en if lang == "en" else nl


def _as_text(value: Any) -> str:
    """A found value as text for messages and the not-mapped list (JSON for lists and objects)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def default_form() -> Form:
    """The bundled register questionnaire (forms/register); FormLoadError when it does not load."""
    from algoinventaris import config
    from algoinventaris.formengine.loader import load_form

    return load_form(config.form_path("register"))


class RecordConverter:
    """Turns raw records (field name or title -> value) into ImportedRecords for one form and language."""

    def __init__(self, form: Form, lang: str) -> None:
        self.form = form
        self.lang = lang
        self.by_field = register_questions(form)
        # Exact titles and field names first ("Impacttoetsen" is the title of impacttoetsen_grouping, while
        # "impacttoetsen" is another field's name); then the same without regard to case.
        self.exact: dict[str, str] = {}
        for name, q in self.by_field.items():
            assert q.field is not None
            self.exact[name] = name
            for text in q.field.label.values():
                if text:
                    self.exact.setdefault(text.strip(), name)
        self.folded: dict[str, str] = {}
        for key, name in self.exact.items():
            self.folded.setdefault(key.casefold(), name)

    def field_for(self, heading: str) -> str | None:
        """The standard's field name for a key or column heading (field name or title), or None."""
        key = heading.strip()
        return self.exact.get(key) or self.folded.get(key.casefold())

    # --- per value --------------------------------------------------------------------------

    def _label(self, q: Question) -> str:
        assert q.field is not None
        return fields.label_of(q.field, self.lang, q.id)

    def _allowed(self, q: Question, text: str, name: str, found: str, devs: list[Deviation]) -> str:
        assert q.field is not None
        allowed = [v.value for v in q.field.values]
        if not allowed or text in allowed:
            return text
        same = [v for v in allowed if v.casefold() == text.casefold()]
        if len(same) == 1:
            devs.append(Deviation(NORMALISED, name, found, _say(
                self.lang, f"{self._label(q)}: '{text}' is geschreven als '{same[0]}'",
                f"{self._label(q)}: '{text}' was written as '{same[0]}'"), same[0]))
            return same[0]
        return text

    def _scalar(self, q: Question, name: str, value: Any, devs: list[Deviation]) -> str:
        found = _as_text(value)
        text = found
        if q.type == "month" and isinstance(value, (datetime, date)):
            text = f"{value.year:04d}-{value.month:02d}"
            devs.append(Deviation(NORMALISED, name, found, _say(
                self.lang, f"{self._label(q)}: de datum {found} is als maand {text} genomen",
                f"{self._label(q)}: the date {found} was taken as the month {text}"), text))
            return text
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            return text  # an object or list where a text belongs: kept as JSON text; validate reports it
        stripped = text.strip()
        if stripped != text and stripped:
            devs.append(Deviation(NORMALISED, name, found, _say(
                self.lang, f"{self._label(q)}: spaties aan het begin of eind weggehaald",
                f"{self._label(q)}: spaces at the start or end removed"), stripped))
            text = stripped
        return self._allowed(q, text, name, found, devs)

    def _list(self, q: Question, name: str, value: Any, devs: list[Deviation]) -> str:
        items: Any = value
        if isinstance(value, str):
            raw = value.strip()
            if not raw:
                return ""
            try:
                items = json.loads(raw)
            except ValueError:
                items = [part for part in re.split(r"[;,\n]", raw) if part.strip()]
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            return _as_text(value)  # validate names the problem
        out = []
        for item in items:
            tidy = item.strip()
            if tidy != item:
                devs.append(Deviation(NORMALISED, name, item, _say(
                    self.lang, f"{self._label(q)}: spaties om '{tidy}' weggehaald",
                    f"{self._label(q)}: spaces around '{tidy}' removed"), tidy))
            out.append(self._allowed(q, tidy, name, item, devs))
        return fields.encode(q, out)

    def _group(self, q: Question, name: str, value: Any, devs: list[Deviation],
               not_mapped: dict[str, str]) -> str:
        assert q.field is not None
        items: Any = value
        if isinstance(value, str):
            if not value.strip():
                return ""
            try:
                items = json.loads(value)
            except ValueError:
                return value  # validate says it is not a valid list
        if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
            return _as_text(value)
        subs = {(s.field.register_field or s.id): s.id for s in q.field.fields}
        out: list[dict[str, str]] = []
        for n, item in enumerate(items, start=1):
            row: dict[str, str] = {}
            for key, sub_value in item.items():
                sub_id = subs.get(str(key))
                if sub_id is None:
                    where = f"{name}[{n}].{key}"
                    not_mapped[where] = _as_text(sub_value)
                    devs.append(Deviation(NOT_MAPPED, where, _as_text(sub_value), _say(
                        self.lang, f"{where}: dit veld kent ons formulier niet; de waarde staat bij 'niet overgenomen'",
                        f"{where}: our form has no such field; the value is listed under 'not mapped'")))
                    continue
                text = _as_text(sub_value)
                if text.strip() != text:
                    devs.append(Deviation(NORMALISED, f"{name}[{n}].{key}", text, _say(
                        self.lang, f"{self._label(q)}, regel {n}: spaties aan het begin of eind weggehaald",
                        f"{self._label(q)}, line {n}: spaces at the start or end removed"), text.strip()))
                row[sub_id] = text.strip()
            out.append(row)
        return fields.encode(q, out)

    # --- per record -------------------------------------------------------------------------

    def convert(self, source: str, raw: Iterable[tuple[str, Any]], formulas: Sequence[str] = (),
                mapping: Mapping[str, str | None] | None = None) -> ImportedRecord:
        """One record from (key or heading, value) pairs; `formulas` names headings whose cell held a formula.

        Without `mapping` a key is recognised by field name or title (field_for); with it, `mapping[key]` is the
        register field the CDO chose for that column, and None (or a missing key) means "not mapped".
        """
        devs: list[Deviation] = []
        not_mapped: dict[str, str] = {}
        draft: dict[str, str] = {}
        seen: set[str] = set()
        formula_keys = set(formulas)
        for key, value in raw:
            name = self.field_for(key) if mapping is None else mapping.get(key)
            found = _as_text(value)
            if key in formula_keys or (isinstance(value, str) and value.lstrip().startswith("=")):
                devs.append(Deviation(FORMULA, name or key, found, _say(
                    self.lang, f"{key}: '{found}' is een formule; die is als gewone tekst overgenomen, niet uitgevoerd",
                    f"{key}: '{found}' is a formula; it was taken as plain text, not evaluated")))
            if name is None or name == "publication_dt" or name not in self.by_field:
                not_mapped[key] = found
                devs.append(Deviation(NOT_MAPPED, key, found, _say(
                    self.lang, f"{key}: dit veld kent ons formulier niet; de waarde staat bij 'niet overgenomen'",
                    f"{key}: our form has no such field; the value is listed under 'not mapped'") if mapping is None else _say(
                    self.lang, f"{key}: deze kolom is niet gekoppeld aan een registerveld; de waarde staat bij 'niet overgenomen'",
                    f"{key}: this column is not mapped to a register field; the value is listed under 'not mapped'")))
                continue
            seen.add(name)
            q = self.by_field[name]
            if q.type == "list":
                text = self._list(q, name, value, devs)
            elif q.type == "group":
                text = self._group(q, name, value, devs, not_mapped)
            else:
                text = self._scalar(q, name, value, devs)
            if fields.is_empty(q, text):
                if name in REQUIRED_FIELDS:
                    devs.append(Deviation(MISSING, name, found, fields.message("required", self.lang, label=self._label(q))))
                continue
            for msg in fields.validate(q, text, self.lang):
                devs.append(Deviation(INVALID, name, text, msg))
            draft[q.id] = text
        for name in REQUIRED_FIELDS:
            required_q = self.by_field.get(name)
            if name not in seen and required_q is not None:
                devs.append(Deviation(MISSING, name, "", fields.message(
                    "required", self.lang, label=self._label(required_q))))
        return ImportedRecord(source, draft, self.match_key(draft), devs, not_mapped)

    def match_key(self, draft: Mapping[str, str]) -> MatchKey:
        """How a draft is recognised on a re-import: LARS id, else source id, else organisation + name."""
        def value_of(name: str) -> str:
            q = self.by_field.get(name)
            return draft.get(q.id, "").strip() if q is not None else ""

        if value_of("lars"):
            return MatchKey(MATCH_LARS, value_of("lars"))
        if value_of("source_id"):
            return MatchKey(MATCH_SOURCE_ID, value_of("source_id"))
        return MatchKey(MATCH_NAME, f"{value_of('organization')} / {value_of('name')}")




# --- the three formats -----------------------------------------------------------------------


def _read_json(path: Path, conv: RecordConverter) -> list[ImportedRecord]:
    lang = conv.lang
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise RegisterImportError(_say(lang, f"{path}: is geen UTF-8-tekst (byte {exc.start})",
                                       f"{path}: is not UTF-8 text (byte {exc.start})")) from exc
    except json.JSONDecodeError as exc:
        raise RegisterImportError(_say(
            lang, f"{path}: is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}: {exc.msg})",
            f"{path}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")) from exc
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise RegisterImportError(_say(lang, f"{path}: bevat geen record en geen lijst van records",
                                       f"{path}: holds neither a record nor a list of records"))
    out = []
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise RegisterImportError(_say(lang, f"{path}: record {n} is geen object met velden",
                                           f"{path}: record {n} is not an object with fields"))
        out.append(conv.convert(_say(lang, f"{path.name}, record {n}", f"{path.name}, record {n}"),
                                [(str(k), v) for k, v in item.items()]))
    return out


# --- tables (CSV and XLSX), shared with the spreadsheet import (domain/sheet_import.py) --------------


def unescape_cell(text: str) -> str:
    """Undo the CDO export's formula guard: one leading apostrophe off before =, +, -, @, tab, CR or an apostrophe.

    The export (cdo/exports.py) puts an apostrophe in front of every text that starts with one of those
    characters (or with an apostrophe), so reading the text back takes exactly that one apostrophe off.
    """
    if len(text) > 1 and text[0] == ESCAPE and text[1] in ESCAPED_STARTS:
        return text[1:]
    return text


def _filled(value: Any) -> bool:
    return value is not None and bool(_as_text(value).strip())


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 -> A, 26 -> AA."""
    letters = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class TableRow:
    """One row of a table with something in it: its number in the file and one value per heading."""

    number: int  # 1 = the first line of the CSV file or the first row of the sheet
    values: tuple[Any, ...]  # one per heading; None = empty; texts with the export's apostrophe taken off
    formulas: frozenset[int] = frozenset()  # indexes of the columns whose cell held a formula (XLSX)


@dataclass(frozen=True)
class Table:
    """A CSV file or one sheet of a workbook read as headings and rows (nothing interpreted yet)."""

    path: Path
    kind: str  # "csv" | "xlsx"
    headings: tuple[str, ...]
    rows: tuple[TableRow, ...]
    heading_row: int  # the row number of the headings (the first row with something in it)
    sheet: str | None = None  # the sheet read (XLSX)
    other_sheets: tuple[str, ...] = ()  # the workbook's other sheets, not read (XLSX)
    empty_sheets: tuple[str, ...] = ()  # sheets before the one read that are empty (XLSX)
    blank_rows: int = 0  # rows without anything in them between the headings and the last row, skipped

    def where(self, lang: str = "nl") -> str:
        """'werkblad 'X'' or 'het bestand', for messages."""
        if self.sheet is not None:
            return _say(lang, f"werkblad '{self.sheet}'", f"sheet '{self.sheet}'")
        return _say(lang, "het bestand", "the file")

    def sample(self, column: int) -> Any:
        """The first value in a column (None when the column is empty in every row)."""
        for row in self.rows:
            if _filled(row.values[column]):
                return row.values[column]
        return None

    def describe(self, lang: str = "nl") -> str:
        """Which sheet was read and what was skipped, in a sentence."""
        rows = len(self.rows)
        if self.sheet is None:
            text = _say(lang, f"{self.path.name}: {rows} regels onder de kolomkoppen op regel {self.heading_row}",
                        f"{self.path.name}: {rows} rows below the headings in row {self.heading_row}")
        else:
            text = _say(lang, f"{self.path.name}: werkblad '{self.sheet}' gelezen, {rows} regels onder de kolomkoppen op "
                              f"regel {self.heading_row}",
                        f"{self.path.name}: sheet '{self.sheet}' read, {rows} rows below the headings in row {self.heading_row}")
            if self.empty_sheets:
                names = ", ".join(f"'{n}'" for n in self.empty_sheets)
                text += _say(lang, f" (het eerste werkblad met inhoud; leeg: {names})",
                             f" (the first sheet with something in it; empty: {names})")
            others = [n for n in self.other_sheets if n not in self.empty_sheets]
            if others:
                names = ", ".join(f"'{n}'" for n in others)
                text += _say(lang, f"; niet gelezen: {names}", f"; not read: {names}")
        if self.blank_rows:
            text += _say(lang, f"; {self.blank_rows} lege regels overgeslagen", f"; {self.blank_rows} empty rows skipped")
        return text


def heading_key(text: str) -> str:
    """A heading compared without regard to case, accents, spacing and punctuation: 'E-mail  contactpersoon' -> 'emailcontactpersoon'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _build_table(path: Path, kind: str, raw_rows: list[list[Any]], lang: str, what: str, *,
                 formula_cells: set[tuple[int, int]] | None = None, sheet: str | None = None,
                 other_sheets: tuple[str, ...] = (), empty_sheets: tuple[str, ...] = ()) -> Table:
    numbered = [(n, r) for n, r in enumerate(raw_rows, start=1) if any(_filled(v) for v in r)]
    if not numbered:
        raise TableError(_say(lang, f"{path}: {what} is leeg", f"{path}: {what} is empty"))
    heading_row, head = numbered[0]
    data = numbered[1:]
    width = max(len(r) for _, r in numbered)
    headings = [_as_text(v).strip() if v is not None else "" for v in head] + [""] * (width - len(head))
    last_heading = max(i for i, h in enumerate(headings) if h)
    keep: list[int] = []
    for i, h in enumerate(headings):
        if h:
            keep.append(i)
            continue
        hit = next((n for n, r in data if i < len(r) and _filled(r[i])), None)
        if hit is None:
            continue  # a column without heading and without values (e.g. a spacer): left out
        if i > last_heading:
            raise TableError(_say(lang, f"{path}: regel {hit} heeft meer waarden dan er kolomkoppen zijn",
                                  f"{path}: row {hit} has more values than there are column headings"))
        raise TableError(_say(
            lang, f"{path}: kolom {i + 1} ({column_letter(i)}) heeft geen kop, maar regel {hit} heeft er een waarde; "
                  f"geef de kolom een kop op regel {heading_row}",
            f"{path}: column {i + 1} ({column_letter(i)}) has no heading, but row {hit} has a value in it; "
            f"give the column a heading in row {heading_row}"))
    names = [headings[i] for i in keep]
    keys = [" ".join(h.split()).casefold() for h in names]
    doubles = sorted({h for h, k in zip(names, keys, strict=True) if keys.count(k) > 1})
    if doubles:
        raise TableError(_say(lang, f"{path}: kolom staat er meer dan eens: {', '.join(doubles)}",
                              f"{path}: column given more than once: {', '.join(doubles)}"))
    if not data:
        raise TableError(_say(lang, f"{path}: {what} heeft alleen kolomkoppen en geen records",
                              f"{path}: {what} has headings but no records"))
    rows: list[TableRow] = []
    for n, r in data:
        values = tuple(unescape_cell(v) if isinstance(v, str) else v
                       for v in (r[i] if i < len(r) else None for i in keep))
        formulas = frozenset(j for j, i in enumerate(keep) if (n, i) in formula_cells) if formula_cells else frozenset()
        rows.append(TableRow(n, values, formulas))
    blank = (data[-1][0] - heading_row) - len(data)
    return Table(path, kind, tuple(names), tuple(rows), heading_row, sheet, other_sheets, empty_sheets, blank)


def _table_csv(path: Path, lang: str) -> Table:
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04") or b"\x00" in raw[:4096]:
        raise TableError(_say(lang, f"{path}: is geen CSV-tekstbestand (het lijkt een binair bestand)",
                              f"{path}: is not a CSV text file (it looks like a binary file)"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            raw.decode("cp1252")
            hint = _say(lang, "; het lijkt een Windows-bestand (ANSI, cp1252): sla het in Excel op als 'CSV UTF-8'",
                        "; it looks like a Windows file (ANSI, cp1252): save it from Excel as 'CSV UTF-8'")
        except UnicodeDecodeError:
            pass
        line = raw[:exc.start].count(b"\n") + 1
        raise TableError(_say(lang, f"{path}: is geen UTF-8-tekst (regel {line}, byte {exc.start}){hint}",
                              f"{path}: is not UTF-8 text (line {line}, byte {exc.start}){hint}")) from exc
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count)
    try:
        rows: list[list[Any]] = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise TableError(_say(lang, f"{path}: is geen geldige CSV ({exc})", f"{path}: is not valid CSV ({exc})")) from exc
    rows = [[v if v != "" else None for v in r] for r in rows]
    return _build_table(path, "csv", rows, lang, _say(lang, "het bestand", "the file"))


def _table_xlsx(path: Path, lang: str) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    not_xlsx = _say(lang, f"{path}: is geen Excel-werkmap (.xlsx), ook al heet het zo",
                    f"{path}: is not an Excel workbook (.xlsx), although it is named like one")
    with path.open("rb") as handle:
        if handle.read(4) != b"PK\x03\x04":
            raise TableError(not_xlsx)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(f"{not_xlsx} ({exc})") from exc
    try:
        sheets = list(wb.worksheets)
        if not sheets:
            raise TableError(_say(lang, f"{path}: de werkmap heeft geen werkblad", f"{path}: the workbook has no sheet"))
        names = tuple(str(ws.title) for ws in sheets)
        empty: list[str] = []
        for ws in sheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            rows, formula_cells = _sheet_rows(ws)
            if not any(any(_filled(v) for v in r) for r in rows):
                empty.append(str(ws.title))
                continue
            merged = _merged_ranges(path, ws)
            if merged:
                raise TableError(_say(
                    lang, f"{path}: werkblad '{ws.title}' heeft samengevoegde cellen ({', '.join(merged[:5])}); "
                          "maak de samenvoeging ongedaan zodat elke cel één waarde heeft",
                    f"{path}: sheet '{ws.title}' has merged cells ({', '.join(merged[:5])}); "
                    "unmerge them so that every cell holds one value"))
            return _build_table(path, "xlsx", rows, lang, _say(lang, f"werkblad '{ws.title}'", f"sheet '{ws.title}'"),
                                formula_cells=formula_cells, sheet=str(ws.title),
                                other_sheets=tuple(n for n in names if n != ws.title), empty_sheets=tuple(empty))
    finally:
        wb.close()
    if len(empty) == 1:
        raise TableError(_say(lang, f"{path}: werkblad '{empty[0]}' is leeg", f"{path}: sheet '{empty[0]}' is empty"))
    listed = ", ".join(f"'{n}'" for n in empty) or ", ".join(f"'{n}'" for n in names)
    raise TableError(_say(lang, f"{path}: elk zichtbaar werkblad is leeg ({listed})",
                          f"{path}: every visible sheet is empty ({listed})"))


def _sheet_rows(ws: Any) -> tuple[list[list[Any]], set[tuple[int, int]]]:
    rows: list[list[Any]] = []
    formula_cells: set[tuple[int, int]] = set()
    for r, row in enumerate(ws.iter_rows(), start=1):
        values: list[Any] = []
        for c, cell in enumerate(row):
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                formula_cells.add((r, c))
                value = value if isinstance(value, str) else str(getattr(value, "text", value))
            values.append(value)
        rows.append(values)
    return rows, formula_cells


def _merged_ranges(path: Path, ws: Any) -> list[str]:
    """The merged-cell ranges of a sheet (read-only openpyxl does not report them, so read the sheet's XML)."""
    sheet_path = str(getattr(ws, "_worksheet_path", "")).lstrip("/")
    try:
        with zipfile.ZipFile(path) as zf:
            if sheet_path not in zf.namelist():
                return []
            return [m.decode() for m in _MERGE.findall(zf.read(sheet_path))]
    except (zipfile.BadZipFile, KeyError, ValueError):
        return []


TABLE_SUFFIXES = (".csv", ".xlsx")


def read_table(path: str | Path, lang: str = "nl") -> Table:
    """A CSV file or the first visible sheet with something in it of an XLSX workbook, as headings and rows.

    Refuses (TableError naming the file and what is wrong) a file that is not what its extension says, an
    empty file or workbook, merged cells, a column with values but no heading, a heading given twice (compared
    without regard to case and spacing), a row with more values than headings, headings without
    rows, and CSV that is not UTF-8 (naming the line, and saying how to save it as UTF-8 when it looks like a
    Windows file). The headings are the first row with something in it; a column with neither heading nor
    values is left out. Rows without anything in them are skipped and counted. Texts that the
    CDO export protected with an apostrophe get it taken off (unescape_cell); formula cells are kept as their
    formula text and named in TableRow.formulas, never evaluated.
    """
    return _read_file(path, TABLE_SUFFIXES, TableError, lang, lambda p, suffix: _read_sheet(p, suffix, lang))


def _read_sheet(path: Path, suffix: str, lang: str) -> Table:
    return _table_csv(path, lang) if suffix == ".csv" else _table_xlsx(path, lang)


def _read_file(path: str | Path, suffixes: tuple[str, ...], error: type[RegisterImportError], lang: str,
               read: Callable[[Path, str], _T]) -> _T:
    """read(path, its suffix in lower case) for a file with one of the suffixes; `error` naming the file when it has
    another suffix, is not there or cannot be read."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in suffixes:
        kinds = ", ".join(suffixes)
        raise error(_say(lang, f"{p}: onbekend bestandstype '{p.suffix}' (kan: {kinds})",
                         f"{p}: unknown file type '{p.suffix}' (possible: {kinds})"))
    if not p.is_file():
        raise error(_say(lang, f"{p}: bestand niet gevonden", f"{p}: file not found"))
    try:
        return read(p, suffix)
    except OSError as exc:
        raise error(_say(lang, f"{p}: kan niet gelezen worden ({exc.strerror or exc})",
                         f"{p}: cannot be read ({exc.strerror or exc})")) from exc


def _table_records(table: Table, conv: RecordConverter) -> list[ImportedRecord]:
    """The register records of a table in the register's download layout (headings = titles or field names)."""
    lang = conv.lang
    path = table.path
    if not any(conv.field_for(h) for h in table.headings):
        raise RegisterImportError(_say(
            lang, f"{path}: de eerste regel heeft geen kolomkoppen van het register (zoals 'Naam' of 'name')",
            f"{path}: the first row has no register column headings (such as 'Naam' or 'name')"))
    keys = [conv.field_for(h) or h.casefold() for h in table.headings]
    doubles = sorted({h for h, k in zip(table.headings, keys, strict=True) if keys.count(k) > 1})
    if doubles:
        raise RegisterImportError(_say(lang, f"{path}: kolom staat er meer dan eens: {', '.join(doubles)}",
                                       f"{path}: column given more than once: {', '.join(doubles)}"))
    out = []
    for row in table.rows:
        cells = list(zip(table.headings, row.values, strict=True))
        formulas = [table.headings[i] for i in sorted(row.formulas)]
        out.append(conv.convert(_say(lang, f"{path.name}, regel {row.number}", f"{path.name}, row {row.number}"),
                                cells, formulas))
    return out


def read_records(path: str | Path, *, form: Form | None = None, lang: str = "nl") -> list[ImportedRecord]:
    """Every record in a register file (.json, .csv or .xlsx); RegisterImportError when the file cannot be read."""
    conv = RecordConverter(form if form is not None else default_form(), lang)
    return _read_file(path, SUFFIXES, RegisterImportError, lang,
                      lambda p, suffix: _read_json(p, conv) if suffix == ".json" else _table_records(_read_sheet(p, suffix, lang), conv))
