"""Exports of the CDO database: the whole inventory as CSV or XLSX (one row per algorithm) and the register file.

Every file is written completely or not at all (a temporary file next to the target, then renamed).

The CSV and XLSX inventory has the CDO's columns (round, unit, algorithm, category, AI-Act conclusion, ...)
and then every register field (standard v1.0, and the register's Algoritme-ID), headed with our register
form's field titles in the export language ("Naam", "Korte omschrijving", ...), with the values of the
submission's register record (register_record; fields the owner keeps internal stay empty). A list of themes
is written one per line, the grouped fields (legal basis, impact assessments, data sources) as JSON. So next
year this export is last year's spreadsheet: `cdo drafts import-sheet` (domain/sheet_import.py) proposes the
mapping back to the register fields by itself.

Spreadsheet cells never start a formula, reversibly: a text beginning with =, +, -, @, a tab or a carriage
return, or with an apostrophe, gets one apostrophe in front and is stored as text; the import takes exactly
one leading apostrophe off when the next character is one of those or an apostrophe
(register_import.unescape_cell). Every other text is written as it is.

What does not come back unchanged through the import (tests/sheet_import/test_round_trip.py checks each):
- control characters and direction marks (which XLSX cannot hold, or which would hide or reverse text) are
  shown as a marker such as [U+0007]; the import reads the marker as text;
- a text longer than a spreadsheet cell holds (32,767 characters) is cut with a visible note;
- spaces, tabs and line breaks at the start or end of a value are removed by the import (reported as
  "normalised"), as are differences in case from an allowed value ("in gebruik" -> "In gebruik");
- in XLSX a carriage return inside a text becomes a line feed (the file format keeps no CR); CSV keeps it;
- an empty list comes back as an empty field;
- a submission without a register name (the owner never reached the register questions) comes back named
  after its "Algoritme" column: the import takes an empty name from the column that lost the name to "Naam".

The register file holds only category A and B records that are publishable, in the register's v1.0 field
structure, without internal fields.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from algoinventaris.cdo.records import SubmissionInfo, iso
from algoinventaris.cdo.texts import EXCLUSION_LEVEL, HRT_STATUS, REGISTER_STATUS, ground_text, not_published_text, pick
from algoinventaris.domain.register import STANDARD_FIELDS
from algoinventaris.domain.register_import import ESCAPE, FORMULA_STARTS  # one definition, shared with the import
from algoinventaris.report.safetext import visible

ESCAPED_STARTS = (*FORMULA_STARTS, ESCAPE)
LIST_FIELDS = ("category", "lawful_basis_grouping", "impacttoetsen_grouping", "source_data_grouping", "tags")
MAX_CELL = 32767  # the most characters a spreadsheet cell holds (Excel)
CUT_NOTE = {"nl": " … [afgekapt]", "en": " … [cut short]"}


def neutralise(value: Any) -> Any:
    """A cell value that a spreadsheet never reads as a formula (texts only; numbers and None pass).

    A text starting with =, +, -, @, tab, CR or an apostrophe gets one apostrophe in front, so that reading
    it back (register_import.unescape_cell) gives exactly the text again.
    """
    if isinstance(value, str) and value.startswith(ESCAPED_STARTS):
        return ESCAPE + value
    return value


def cell_text(value: Any, lang: str = "nl") -> Any:
    """A value as a spreadsheet cell shows it: hidden characters marked, no formula, not longer than a cell holds."""
    if not isinstance(value, str):
        return value
    text = neutralise(visible(value))
    if len(text) > MAX_CELL:
        note = CUT_NOTE.get(lang, CUT_NOTE["nl"])
        text = text[:MAX_CELL - len(note)] + note
    return text


def _yes(value: bool, lang: str) -> str:
    return ("yes" if value else "no") if lang == "en" else ("ja" if value else "nee")


# (Dutch heading, English heading, value)
Column = tuple[str, str, Callable[[SubmissionInfo, str], Any]]
COLUMNS: list[Column] = [
    ("Ronde", "Round", lambda s, lang: s.round),
    ("Organisatie", "Organisation", lambda s, lang: s.organisation),
    ("Onderdeel", "Unit", lambda s, lang: s.unit),
    ("Algoritme", "Algorithm", lambda s, lang: s.algorithm_name),
    ("Categorie", "Category", lambda s, lang: s.category or ""),
    ("Hoog risico (AI-verordening)", "High risk (AI Act)", lambda s, lang: _yes(s.high_risk, lang)),
    ("Verboden AI-praktijk", "Prohibited AI practice", lambda s, lang: _yes(s.prohibited, lang)),
    ("Conclusie AI-verordening", "AI Act conclusion", lambda s, lang: s.conclusion_title or s.conclusion or ""),
    ("Officiële conclusie-id", "Official conclusion id", lambda s, lang: s.conclusion_ref or ""),
    ("Mensenrechtentoets", "Human-rights assessment", lambda s, lang: pick(HRT_STATUS, s.human_rights_test, lang)),
    ("Publicatie", "Publication", lambda s, lang: pick(EXCLUSION_LEVEL, s.exclusion_level, lang)),
    ("Uitsluitingsgrond", "Exclusion ground", lambda s, lang: ground_text(s.exclusion_ground, lang)),
    ("Registerbeschrijving", "Register description", lambda s, lang: pick(REGISTER_STATUS, s.register_status, lang)),
    ("Publiceerbaar", "Publishable", lambda s, lang: _yes(s.publishable, lang)),
    ("Waarom (nog) niet gepubliceerd", "Why not (yet) published", lambda s, lang: not_published_text(s.not_published_reason, lang)),
    ("Ingediend op", "Submitted on", lambda s, lang: iso(s.created_at)),
    ("Geïmporteerd op", "Imported on", lambda s, lang: iso(s.imported_at)),
    ("Geïmporteerd door", "Imported by", lambda s, lang: s.imported_by),
    ("Ondertekenaar", "Signer", lambda s, lang: s.signer_name),
    ("Sleutel (vingerafdruk)", "Key (fingerprint)", lambda s, lang: s.signer_fingerprint),
    ("Inzending-id", "Submission id", lambda s, lang: s.submission_id),
    # Our own id of the algorithm (not the register's Algoritme-ID, which is among the register columns).
    ("Intern algoritme-id", "Internal algorithm id", lambda s, lang: s.algorithm_id),
    ("Inhoudsdigest", "Content digest", lambda s, lang: s.content_digest),
    ("Uit quarantaine", "From quarantine", lambda s, lang: _yes(s.from_quarantine, lang)),
]


# The register fields after the CDO's columns: standard v1.0 in the standard's order, then the register's own id.
REGISTER_FIELDS = (*STANDARD_FIELDS, "lars")

RegisterRecord = Mapping[str, Any]


def register_columns(lang: str = "nl") -> list[tuple[str, str]]:
    """(field name, heading) of the register columns: our register form's field titles in the language."""
    from algoinventaris.domain.register import register_questions
    from algoinventaris.domain.register_import import default_form
    from algoinventaris.formengine.fields import label_of

    questions = register_questions(default_form())
    out = []
    for name in REGISTER_FIELDS:
        q = questions.get(name)
        out.append((name, label_of(q.field, lang, name) if q is not None and q.field is not None else name))
    return out


def headings(lang: str = "nl", *, with_register: bool = False) -> list[str]:
    """The column headings; with_register: the CDO's columns, then the register fields' titles."""
    head = [en if lang == "en" else nl for nl, en, _ in COLUMNS]
    if with_register:
        head += [title for _, title in register_columns(lang)]
    return head


def register_value(value: Any) -> str:
    """A register record's value as the text of one cell (before neutralising).

    Texts as they are; a list of themes one per line (when no theme holds a separator the import splits on,
    else as JSON); the grouped fields and anything else that is not text as JSON; None as an empty cell.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if (isinstance(value, list) and value and all(isinstance(v, str) and v and v == v.strip() for v in value)
            and not any(ch in v for v in value for ch in ";,\n") and not value[0].startswith(("[", "{"))):
        return "\n".join(value)
    return json.dumps(value, ensure_ascii=False)


def rows(subs: Sequence[SubmissionInfo], lang: str = "nl",
         records: Sequence[RegisterRecord | None] | None = None) -> list[list[Any]]:
    """One row per submission (normally the current one per algorithm), values not yet neutralised.

    With `records` (the register record of each submission, in the same order; see register_record) the row
    goes on with the register fields; a field the record does not have (internal, or never given) is empty.
    """
    out = []
    for index, s in enumerate(subs):
        row = [get(s, lang) for _, _, get in COLUMNS]
        if records is not None:
            record = records[index] or {}
            row += [register_value(record.get(name)) for name in REGISTER_FIELDS]
        out.append(row)
    return out


def write_atomic(target: Path, data: bytes) -> Path:
    """Write data to target completely or not at all (replaces an existing file)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".algoinventaris-", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def csv_bytes(subs: Sequence[SubmissionInfo], lang: str = "nl", *,
              records: Sequence[RegisterRecord | None] | None = None) -> bytes:
    """The inventory as CSV: UTF-8 with BOM (spreadsheets read the accents), ';' between fields, formulas neutralised.

    With `records` (one register record per submission) the register fields follow the CDO's columns.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headings(lang, with_register=records is not None))
    for row in rows(subs, lang, records):
        writer.writerow(["" if v is None else cell_text(v, lang) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(subs: Sequence[SubmissionInfo], lang: str = "nl", *, title: str | None = None,
               records: Sequence[RegisterRecord | None] | None = None) -> bytes:
    """The inventory as XLSX: frozen bold header, autofilter on every column, sensible widths, texts as text.

    With `records` (one register record per submission) the register fields follow the CDO's columns.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = (title or ("Inventory" if lang == "en" else "Inventarisatie"))[:31]
    head = headings(lang, with_register=records is not None)
    sheet.append(head)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1D3A5F")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    widths = [len(h) for h in head]
    for row in rows(subs, lang, records):
        values = ["" if v is None else cell_text(v, lang) for v in row]
        sheet.append(values)
        for index, value in enumerate(values):
            widths[index] = max(widths[index], min(len(str(value)), 60))
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, width + 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(head))}{max(1, len(subs) + 1)}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class RegisterExport:
    """The register records written and the A/B submissions left out, with the reason for each."""

    records: list[dict[str, Any]]
    skipped: list[tuple[SubmissionInfo, str]]


def _form_answers(documents: dict[str, Any], form_id: str) -> tuple[str | None, dict[str, tuple[str, ...]]]:
    """(form sha256, question id -> answers) of one form in the stored answers.json, or (None, {})."""
    answers = documents.get("answers") if isinstance(documents.get("answers"), dict) else {}
    for entry in (answers or {}).get("forms") or []:
        form = entry.get("form") if isinstance(entry, dict) else None
        if isinstance(form, dict) and form.get("id") == form_id:
            return str(form.get("sha256")), {str(a.get("question")): tuple(str(x) for x in a.get("answers") or [])
                                             for a in entry.get("answers") or [] if isinstance(a, dict)}
    return None, {}


def internal_fields(documents: dict[str, Any]) -> set[str]:
    """Register fields the owner keeps internal (partial exclusion in the impact answers, or named in register.json)."""
    from algoinventaris.domain.category import Q_EXCLUDED, Q_INTERNAL_FIELDS

    register = documents.get("register") if isinstance(documents.get("register"), dict) else {}
    out = {str(x) for x in (register or {}).get("internal_fields") or []}
    _, impact = _form_answers(documents, "impact")
    if (impact.get(Q_EXCLUDED) or ("",))[0] == "partly":
        raw = (impact.get(Q_INTERNAL_FIELDS) or ("",))[0]
        try:
            parsed = json.loads(raw) if raw else []
        except ValueError:
            parsed = []
        if isinstance(parsed, list):
            out.update(str(x) for x in parsed)
    return out


def register_record(sub: SubmissionInfo, documents: dict[str, Any]) -> dict[str, Any]:
    """One record in the register's v1.0 structure from a stored submission (internal fields left out).

    When the package holds the answers to a register questionnaire this app knows, the record is rebuilt
    from them (domain/register.py); otherwise it is taken from register.json's fields.
    """
    from algoinventaris.domain.category import PUBLICATION_CATEGORY
    from algoinventaris.domain.register import STANDARD_FIELDS, build_record, replay

    hidden = internal_fields(documents)
    sha, answers = _form_answers(documents, "register")
    form = None
    if sha:
        from algoinventaris.cdo.forms_index import bundled_index

        form = bundled_index().get(sha)
    if form is not None and answers:
        record = build_record(form, replay(form, answers).answers, internal_fields=sorted(hidden))
    else:
        register = documents.get("register") if isinstance(documents.get("register"), dict) else {}
        fields: dict[str, Any] = (register or {}).get("fields") if isinstance((register or {}).get("fields"), dict) else {}  # type: ignore[assignment]
        record = {}
        for name in STANDARD_FIELDS:
            value = fields.get(name)
            if isinstance(value, str) and name in LIST_FIELDS and value.strip().startswith(("[", "{")):
                try:
                    value = json.loads(value)
                except ValueError:
                    pass
            if isinstance(value, str) and not value.strip():
                value = None
            record[name] = value
        lars = fields.get("lars")
        if isinstance(lars, str) and lars.strip():
            record["lars"] = lars.strip()
    if record.get("publication_category") is None and sub.category in PUBLICATION_CATEGORY and "publication_category" not in hidden:
        record["publication_category"] = PUBLICATION_CATEGORY[sub.category]
    if record.get("standard_version") is None:
        record["standard_version"] = "1.0"
    return {k: v for k, v in record.items() if k not in hidden}


def register_export(repo: Any, round_name: str, lang: str = "nl") -> RegisterExport:
    """The publishable A/B records of a round; the others are named with why they are left out."""
    skipped: list[tuple[SubmissionInfo, str]] = []
    published: list[SubmissionInfo] = []
    for sub in repo.list_submissions(round_name):
        if sub.category not in ("A", "B"):
            continue
        if not sub.publishable:
            skipped.append((sub, not_published_text(sub.not_published_reason, lang)))
            continue
        published.append(sub)
    documents = repo.documents_of([s.id for s in published])
    return RegisterExport([register_record(s, documents.get(s.id, {})) for s in published], skipped)


def register_bytes(export: RegisterExport) -> bytes:
    """The register file: a JSON list of records (UTF-8, readable indentation)."""
    return (json.dumps(export.records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export_file(kind: str, repo: Any, out: Path, *, round_name: str | None = None, lang: str = "nl") -> dict[str, Any]:
    """Write one export (csv, xlsx or register) and return a summary for the CLI and the GUI."""
    if kind == "register":
        if not round_name:
            raise ValueError("the register export needs a round")
        result = register_export(repo, round_name, lang)
        write_atomic(out, register_bytes(result))
        return {"file": str(out), "kind": kind, "round": round_name, "records": len(result.records),
                "skipped": [{"algorithm": s.algorithm_name, "unit": s.unit, "category": s.category, "reason": why}
                            for s, why in result.skipped]}
    subs = repo.list_submissions(round_name)
    documents = repo.documents_of([s.id for s in subs])
    records = [register_record(s, documents.get(s.id, {})) for s in subs]
    data = csv_bytes(subs, lang, records=records) if kind == "csv" else xlsx_bytes(subs, lang, title=round_name, records=records)
    write_atomic(out, data)
    return {"file": str(out), "kind": kind, "round": round_name, "rows": len(subs),
            "written_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
