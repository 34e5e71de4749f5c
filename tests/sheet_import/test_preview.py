"""preview: per row what is taken, not understood (and why), ignored; hostile sheets; 10,000 rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from algoinventaris.domain.register_import import FORMULA, INVALID, NOT_MAPPED, read_records
from algoinventaris.domain.sheet_import import (
    STATUS_OK,
    STATUS_REMARKS,
    STATUS_UNUSABLE,
    TARGET_IGNORE,
    MappingError,
    preview,
    propose_mapping,
    read_table,
)
from algoinventaris.formengine.model import Form
from tests.register_import.conftest import table as download_table
from tests.table_files import write_csv, write_xlsx


def test_each_row_says_what_was_taken_not_understood_and_ignored(form: Form, ministry_xlsx: Path) -> None:
    table = read_table(ministry_xlsx)
    mapping = propose_mapping(table.headings, form, corrections={"Opmerkingen": TARGET_IGNORE})
    pv = preview(table, mapping, form)
    assert pv.counts() == {"rows": 4, "ok": 1, "remarks": 2, "unusable": 1, "blank": 1}
    parking, fraud, nameless, chatbot = pv.rows
    assert (parking.number, parking.status, parking.unit) == (2, STATUS_OK, "Directie Mobiliteit")
    taken = {t.field: (t.heading, t.value, t.note) for t in parking.taken}
    assert taken["name"] == ("Naam algoritme", "Parkeervergunningen toekennen", "")
    assert taken["status"] == ("Status", "In gebruik", "Status: 'in gebruik' is geschreven als 'In gebruik'")
    assert taken["unit"] == ("Directie", "Directie Mobiliteit", "")
    # Last year's AI-Act outcome is kept with the draft, never taken as an answer.
    assert parking.not_mapped == {"Hoog risico": "nee", "Categorie": "B", "Conclusie AI-verordening": "Geen AI-systeem"}
    assert parking.record.not_mapped == parking.not_mapped and parking.record.unit == "Directie Mobiliteit"
    assert {f for f, _ in parking.missing} == {"organization", "publication_category", "lang"}
    assert parking.record.source == "inventaris-2025.xlsx, werkblad 'Algoritmes', regel 2"

    assert fraud.status == STATUS_REMARKS
    (bad,) = fraud.not_understood
    assert (bad.heading, bad.field, bad.value) == ("Contactpersoon e-mail", "contact_email", "jan at ministerie")
    assert bad.why.startswith("Contactgegevens: 'jan at ministerie' is geen e-mailadres")
    assert fraud.record.draft["contact-email"] == "jan at ministerie"  # kept for the owner to correct, not dropped
    assert fraud.ignored == [("Opmerkingen", "navragen bij Jan")] and "Opmerkingen" not in fraud.record.not_mapped

    assert nameless.status == STATUS_UNUSABLE and nameless.problems == ["geen naam: kolom 'Naam algoritme' is leeg"]
    assert chatbot.status == STATUS_REMARKS and chatbot.name == "Chatbot burgerzaken" and chatbot.unit is None
    assert [(n.field, n.value) for n in chatbot.not_understood] == [("status", "Experiment")]
    assert [r.name for r in pv.records()] == ["Parkeervergunningen toekennen", "Fraudesignalen toeslagen", "Chatbot burgerzaken"]
    assert any("geen kolom" in w for w in pv.warnings) is False


def test_preview_in_english_and_as_json(form: Form, ministry_xlsx: Path) -> None:
    table = read_table(ministry_xlsx, "en")
    pv = preview(table, propose_mapping(table.headings, form), form, "en")
    data = json.loads(json.dumps(pv.to_json(form)))
    assert data["read"].startswith("inventaris-2025.xlsx: sheet 'Algoritmes' read, 4 rows")
    column = next(c for c in data["mapping"] if c["heading"] == "Directie")
    assert (column["target"], column["target_text"], column["why"], column["sample"]) == ("unit", "unit", "known heading",
                                                                                           "Directie Mobiliteit")
    row = data["rows"][1]
    assert row["status_text"] == "with remarks" and row["source"] == "inventaris-2025.xlsx, sheet 'Algoritmes', row 3"
    assert row["not_understood"][0]["why"].startswith("Contact details: 'jan at ministerie' is neither an e-mail address")
    assert data["rows"][2]["problems"] == ["no name: column 'Naam algoritme' is empty"]


def test_without_a_name_column_no_row_can_be_used(form: Form, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["Omschrijving", "Afdeling"], ["Iets", "Directie A"]])
    table = read_table(path)
    pv = preview(table, propose_mapping(table.headings, form), form)
    assert pv.rows[0].status == STATUS_UNUSABLE and pv.records() == []
    assert pv.warnings[0].startswith("geen kolom is gekoppeld aan Naam (name)")
    other = propose_mapping(["Iets anders"], form)
    with pytest.raises(MappingError, match="hoort bij andere kolommen"):
        preview(table, other, form)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_register_download_layout_gives_the_register_imports_drafts(form: Form, raw_records: list[dict[str, Any]],
                                                                        titles: dict[str, str], tmp_path: Path,
                                                                        kind: str) -> None:
    rows = download_table(raw_records, titles)
    path = write_csv(tmp_path / "records.csv", rows) if kind == "csv" else write_xlsx(tmp_path / "records.xlsx", rows)
    table = read_table(path)
    pv = preview(table, propose_mapping(table.headings, form), form)
    expected = read_records(path, form=form)
    assert len(pv.rows) == len(expected) == 27
    for row, rec in zip(pv.rows, expected, strict=True):
        assert row.record.draft == rec.draft and row.record.match == rec.match
        assert {k: v for k, v in rec.not_mapped.items() if v} == row.record.not_mapped
        same = [(d.kind, d.field, d.value) for d in rec.deviations if d.kind != NOT_MAPPED]
        assert same == [(d.kind, d.field, d.value) for d in row.record.deviations if d.kind != NOT_MAPPED]
    assert all(r.status != STATUS_UNUSABLE for r in pv.rows)
    assert any(r.status == STATUS_REMARKS and r.not_understood for r in pv.rows)


HYPERLINK = '=HYPERLINK("https://evil.example/x","klik hier")'
CALC = "=cmd|' /C calc'!A0"


def test_formulas_are_taken_as_text_and_reported_xlsx(form: Form, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "hostile.xlsx", [["Naam", "Directie", "Doel", "Link naar publiekspagina"],
                                                  [CALC, "=A1", "Gewoon", HYPERLINK]])
    table = read_table(path)
    assert table.rows[0].formulas == frozenset({0, 1, 3})
    pv = preview(table, propose_mapping(table.headings, form), form)
    (row,) = pv.rows
    assert row.record.draft["name"] == CALC and row.record.draft["website"] == HYPERLINK and row.unit == "=A1"
    assert sorted(row.formulas) == sorted([("Naam", CALC), ("Link naar publiekspagina", HYPERLINK), ("Directie", "=A1")])
    assert row.status == STATUS_REMARKS
    kinds = {(d.kind, d.field) for d in row.record.deviations}
    assert {(FORMULA, "name"), (FORMULA, "website"), (FORMULA, "Directie"), (INVALID, "website")} <= kinds
    assert any(n.field == "website" for n in row.not_understood)


def test_formulas_are_taken_as_text_and_reported_csv(form: Form, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "hostile.csv", [["Naam algoritme", "Opmerkingen"], [HYPERLINK, CALC]])
    table = read_table(path)
    pv = preview(table, propose_mapping(table.headings, form), form)
    (row,) = pv.rows
    assert row.name == HYPERLINK and row.not_mapped == {"Opmerkingen": CALC}
    assert sorted(row.formulas) == sorted([("Naam algoritme", HYPERLINK), ("Opmerkingen", CALC)])
    assert row.status == STATUS_REMARKS


def test_ten_thousand_rows_preview_and_nothing_is_written(form: Form, tmp_path: Path) -> None:
    path = tmp_path / "groot.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Inventaris")
    ws.append(["Naam algoritme", "Directie", "Omschrijving", "Status", "Categorie", "Contactpersoon e-mail"])
    for n in range(10_000):
        ws.append([f"Algoritme {n}", f"Directie {n % 7}", "Een korte omschrijving.", "In gebruik", "B",
                   "fout adres" if n % 1000 == 0 else "info@ministerie.example"])
    wb.save(path)
    before = sorted(p.name for p in tmp_path.iterdir())
    calls: list[tuple[int, int]] = []
    table = read_table(path)
    pv = preview(table, propose_mapping(table.headings, form), form, progress=lambda done, total: calls.append((done, total)))
    assert pv.counts() == {"rows": 10_000, "ok": 9_990, "remarks": 10, "unusable": 0, "blank": 0}
    assert pv.rows[-1].source == "groot.xlsx, werkblad 'Inventaris', regel 10001" and pv.rows[-1].unit == "Directie 3"
    assert calls[-1] == (10_000, 10_000) and len(calls) == 40
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_an_empty_name_is_taken_from_the_column_that_lost_the_name(form: Form, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", [["Algoritme", "Onderdeel", "Naam"], ["Parkeren", "Directie A", "Parkeren publiek"],
                                               ["Afval tellen", "Directie B", ""], ["", "Directie C", ""]])
    table = read_table(path)
    pv = preview(table, propose_mapping(table.headings, form), form)
    first, spare, none = pv.rows
    assert first.name == "Parkeren publiek" and first.not_mapped == {"Algoritme": "Parkeren"}
    assert spare.name == "Afval tellen" and spare.status == STATUS_OK
    assert [(t.heading, t.value) for t in spare.taken if t.field == "name"] == [("Algoritme", "Afval tellen")]
    (note,) = [d for d in spare.record.deviations if d.field == "name"]
    assert note.message == "Naam: kolom 'Naam' is leeg; de naam is genomen uit kolom 'Algoritme'"
    assert spare.record.match.value == " / Afval tellen"
    assert none.status == STATUS_UNUSABLE
