"""Hostile register files: formulas, empty sheets, merged cells, files posing as another type, many rows."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from algoinventaris.domain.register_import import FORMULA, INVALID, RegisterImportError, read_records
from tests.table_files import write_xlsx, zip_without_workbook


def test_xlsx_formulas_are_literal_text_and_reported(tmp_path: Path) -> None:
    rows = [["Naam", "Organisatienaam", "Link naar publiekspagina"],
            ["=cmd|' /C calc'!A0", "Gemeente X", '=HYPERLINK("https://evil.example/x","klik hier")']]
    path = write_xlsx(tmp_path / "formulas.xlsx", rows)
    (rec,) = read_records(path)
    assert rec.draft["name"] == "=cmd|' /C calc'!A0"
    assert rec.draft["website"] == '=HYPERLINK("https://evil.example/x","klik hier")'
    formulas = {(d.field, d.value) for d in rec.deviations if d.kind == FORMULA}
    assert formulas == {("name", "=cmd|' /C calc'!A0"),
                        ("website", '=HYPERLINK("https://evil.example/x","klik hier")')}
    assert any(d.kind == INVALID and d.field == "website" for d in rec.deviations)


def test_empty_sheet_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(RegisterImportError, match="is leeg"):
        read_records(path)


def test_headings_without_rows_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "headings.csv"
    path.write_text("Naam,Organisatienaam\n", encoding="utf-8")
    with pytest.raises(RegisterImportError, match="geen records"):
        read_records(path)


def test_merged_cells_are_an_error(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "merged.xlsx", [["Naam", "Organisatienaam"], ["Parkeren", "Gemeente X"], ["Afval", None]],
                      merge="A3:B3")
    with pytest.raises(RegisterImportError, match=r"samengevoegde cellen \(A3:B3\)"):
        read_records(path)


@pytest.mark.parametrize("content", [b'{"name": "Parkeren"}', b"PK\x03\x04 truncated", b""])
def test_wrong_file_posing_as_xlsx(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "posing.xlsx"
    path.write_bytes(content)
    with pytest.raises(RegisterImportError, match="geen Excel-werkmap"):
        read_records(path)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = zip_without_workbook(tmp_path / "archive.xlsx")
    with pytest.raises(RegisterImportError, match="geen Excel-werkmap"):
        read_records(path)


def test_workbook_posing_as_csv_and_bad_json(tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    wb = openpyxl.Workbook()
    wb.save(book)
    with pytest.raises(RegisterImportError, match="geen CSV"):
        read_records(book)
    bad = tmp_path / "bad.json"
    bad.write_text('[{"name": "A"},\n {"name": ]', encoding="utf-8")
    with pytest.raises(RegisterImportError, match="regel 2"):
        read_records(bad)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Naam\nCaf\xe9\n".encode("latin-1"))
    with pytest.raises(RegisterImportError, match="geen UTF-8"):
        read_records(latin)


def test_nothing_half_when_one_record_is_broken(tmp_path: Path) -> None:
    path = tmp_path / "half.json"
    path.write_text(json.dumps([{"name": "A"}, {"name": "B"}, "not a record"]), encoding="utf-8")
    with pytest.raises(RegisterImportError, match="record 3"):
        read_records(path)


def test_unknown_extension_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RegisterImportError, match="onbekend bestandstype"):
        read_records(tmp_path / "records.ods")
    with pytest.raises(RegisterImportError, match="niet gevonden"):
        read_records(tmp_path / "absent.json")


def test_ten_thousand_rows(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Algoritmes")
    ws.append(["Naam", "Organisatienaam", "Korte omschrijving", "Status", "Taal", "Bron-ID"])
    for n in range(10_000):
        ws.append([f"Algoritme {n}", "Gemeente X", "Een korte omschrijving.", "In gebruik", "NLD", f"ALG-{n:05d}"])
    wb.save(path)
    records = read_records(path)
    assert len(records) == 10_000
    assert records[-1].match.value == "ALG-09999" and records[-1].source == "big.xlsx, regel 10001"
    assert all(r.draft["lang"] == "nld" for r in records)
