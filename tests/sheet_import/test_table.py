"""read_table: the CSV/XLSX reader both imports share — which sheet, skipped rows, refusals with clear messages."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from algoinventaris.domain.sheet_import import TableError, read_table, unescape_cell
from tests.table_files import write_csv, write_xlsx, zip_without_workbook


def test_first_sheet_with_something_in_it_is_read_and_named(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first.title = "Uitleg"
    hidden = wb.create_sheet("Verborgen")
    hidden.append(["Naam"])
    hidden.append(["Geheim"])
    hidden.sheet_state = "hidden"
    data = wb.create_sheet("Algoritmes")
    data.append(["Naam", "Directie"])
    data.append(["Parkeren", "Directie A"])
    wb.create_sheet("Later").append(["Iets anders"])
    wb.save(path)
    table = read_table(path)
    assert table.sheet == "Algoritmes" and table.headings == ("Naam", "Directie")
    assert [r.values for r in table.rows] == [("Parkeren", "Directie A")]
    assert table.empty_sheets == ("Uitleg",)
    text = table.describe()
    assert "werkblad 'Algoritmes' gelezen" in text and "leeg: 'Uitleg'" in text and "niet gelezen: 'Verborgen', 'Later'" in text
    assert "sheet 'Algoritmes' read" in table.describe("en")


def test_blank_rows_are_skipped_and_counted_and_row_numbers_kept(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gaps.csv", [[], ["Naam", "Doel"], ["A", "x"], [], ["", " "], ["B", "y"], []])
    table = read_table(path)
    assert table.heading_row == 2
    assert [(r.number, r.values) for r in table.rows] == [(3, ("A", "x")), (6, ("B", "y"))]
    assert table.blank_rows == 2
    assert "2 lege regels overgeslagen" in table.describe()


def test_a_spacer_column_without_heading_or_values_is_left_out(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "spacer.xlsx", [["Naam", None, "Doel"], ["A", None, "x"]])
    table = read_table(path)
    assert table.headings == ("Naam", "Doel") and table.rows[0].values == ("A", "x")


def test_a_column_with_values_but_no_heading_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "nohead.xlsx", [["Naam", None, "Doel"], ["A", "wat is dit", "x"]])
    with pytest.raises(TableError, match=r"kolom 2 \(B\) heeft geen kop, maar regel 2 heeft er een waarde"):
        read_table(path)
    extra = write_csv(tmp_path / "extra.csv", [["Naam", "Doel"], ["A", "x", "te veel"]])
    with pytest.raises(TableError, match="regel 2 heeft meer waarden dan er kolomkoppen zijn"):
        read_table(extra)


def test_a_heading_given_twice_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "twice.csv", [["Naam", "Doel", "naam "], ["A", "x", "B"]])
    with pytest.raises(TableError, match="kolom staat er meer dan eens: Naam, naam"):
        read_table(path)


def test_the_exports_apostrophe_is_taken_off_once(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "quoted.csv", [["Naam", "Doel"], ["'=1+1", "''quoted"], ["'gewoon", "'-"]])
    table = read_table(path)
    assert [r.values for r in table.rows] == [("=1+1", "'quoted"), ("'gewoon", "-")]
    assert unescape_cell("'") == "'" and unescape_cell("'@home") == "@home" and unescape_cell("'\tx") == "\tx"


def test_empty_sheet_and_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(TableError, match="werkblad 'Sheet' is leeg"):
        read_table(path)
    wb = openpyxl.Workbook()
    wb.create_sheet("Tweede")
    wb.save(path)
    with pytest.raises(TableError, match=r"elk zichtbaar werkblad is leeg \('Sheet', 'Tweede'\)"):
        read_table(path)
    blank = tmp_path / "blank.csv"
    blank.write_text("\n;;\n", encoding="utf-8")
    with pytest.raises(TableError, match="het bestand is leeg"):
        read_table(blank)
    only = write_csv(tmp_path / "only.csv", [["Naam", "Doel"]])
    with pytest.raises(TableError, match="alleen kolomkoppen en geen records"):
        read_table(only, "nl")


def test_merged_cells_are_refused_naming_the_range(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "merged.xlsx", [["Naam", "Directie"], ["A", "Directie A"], ["B", None]], title="Inventaris",
                      merge="A3:B3")
    with pytest.raises(TableError, match=r"werkblad 'Inventaris' heeft samengevoegde cellen \(A3:B3\); maak de samenvoeging"):
        read_table(path)


@pytest.mark.parametrize("content", [b"Naam;Directie\nA;B\n", b"PK\x03\x04 broken", b""])
def test_a_text_file_renamed_xlsx(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "inventaris.xlsx"
    path.write_bytes(content)
    with pytest.raises(TableError, match=r"inventaris.xlsx: is geen Excel-werkmap \(.xlsx\), ook al heet het zo"):
        read_table(path)
    with pytest.raises(TableError, match="is not an Excel workbook"):
        read_table(path, "en")


def test_a_zip_that_is_no_workbook_and_a_workbook_named_csv(tmp_path: Path) -> None:
    path = zip_without_workbook(tmp_path / "archive.xlsx")
    with pytest.raises(TableError, match="geen Excel-werkmap"):
        read_table(path)
    book = tmp_path / "book.csv"
    write_xlsx(book, [["Naam"], ["A"]])
    with pytest.raises(TableError, match="is geen CSV-tekstbestand"):
        read_table(book)


def test_a_csv_in_windows_1252_gets_a_clear_message(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ansi.csv", [["Naam", "Directie"], ["Café-analyse", "Directie Financiën"]], encoding="cp1252")
    with pytest.raises(TableError) as caught:
        read_table(path)
    message = str(caught.value)
    assert "ansi.csv: is geen UTF-8-tekst (regel 2, byte 18)" in message
    assert "Windows-bestand (ANSI, cp1252)" in message and "'CSV UTF-8'" in message
    with pytest.raises(TableError, match="save it from Excel as 'CSV UTF-8'"):
        read_table(path, "en")


def test_other_file_types_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TableError, match=r"onbekend bestandstype '.ods' \(kan: .csv, .xlsx\)"):
        read_table(tmp_path / "inventaris.ods")
    with pytest.raises(TableError, match="niet gevonden"):
        read_table(tmp_path / "weg.xlsx")


def test_formula_cells_are_kept_as_text_and_named(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", [["Naam", "Link"], ["A", '=HYPERLINK("https://x.example","klik")']])
    table = read_table(path)
    (row,) = table.rows
    assert row.values == ("A", '=HYPERLINK("https://x.example","klik")') and row.formulas == frozenset({1})
