"""read_records on the 27 real register records, as JSON and rebuilt as CSV and XLSX in the download layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.domain.register_import import (
    FORMULA,
    INVALID,
    MATCH_LARS,
    MATCH_NAME,
    MATCH_SOURCE_ID,
    MISSING,
    NORMALISED,
    NOT_MAPPED,
    ImportedRecord,
    default_form,
    read_records,
)
from tests.register_import.conftest import table
from tests.table_files import write_csv, write_xlsx

_CACHE: dict[tuple[Path, ...], list[ImportedRecord]] = {}


def _all(record_files: list[Path]) -> list[ImportedRecord]:
    """Every real record read once per test run (the records are not changed by the tests)."""
    key = tuple(record_files)
    if key not in _CACHE:
        form = default_form()
        _CACHE[key] = [rec for path in record_files for rec in read_records(path, form=form)]
    return _CACHE[key]


def _find(records: list[ImportedRecord], name: str) -> ImportedRecord:
    hits = [r for r in records if r.name == name]
    assert len(hits) == 1, name
    return hits[0]


def _devs(rec: ImportedRecord) -> list[tuple[str, str, str]]:
    return [(d.kind, d.field, d.value) for d in rec.deviations]


def test_all_27_real_records_are_read(record_files: list[Path]) -> None:
    records = _all(record_files)
    assert len(records) == 27
    assert all(r.name for r in records)
    assert {r.source for r in records} >= {"Centric.json, record 7", "Brickyard.json, record 4"}


def test_lang_is_normalised_in_every_record(record_files: list[Path]) -> None:
    records = _all(record_files)
    for rec in records:
        assert rec.draft["lang"] == "nld"
        (dev,) = [d for d in rec.deviations if d.field == "lang"]
        assert (dev.kind, dev.value, dev.normalised) == (NORMALISED, "NLD", "nld")
        assert "NLD" in dev.message and "nld" in dev.message


def test_legacy_fields_are_listed_with_their_values(record_files: list[Path]) -> None:
    rec = _find(_all(record_files), "Dataprotector")
    assert rec.not_mapped["id"] == "bm-dataprotector"
    for legacy in ("type", "iama_description", "uuid", "source_data_link"):
        assert legacy in rec.not_mapped
        assert (NOT_MAPPED, legacy, "") in _devs(rec)
    assert (NOT_MAPPED, "id", "bm-dataprotector") in _devs(rec)
    assert "id" not in rec.draft and "type" not in rec.draft


def test_missing_required_fields_are_named(record_files: list[Path]) -> None:
    records = _all(record_files)
    for rec in records:  # no record in the files names its organisation
        assert any(d.kind == MISSING and d.field == "organization" for d in rec.deviations)
    rec = _find(records, "Dataprotector")
    missing = [d for d in rec.deviations if d.kind == MISSING]
    assert {d.field for d in missing} == {"organization", "contact_email"}
    assert any("Contactgegevens" in d.message and "verplicht" in d.message for d in missing)


def test_invalid_values_carry_the_field_message(record_files: list[Path]) -> None:
    records = _all(record_files)
    tilburg = _find(records, "Virtuele gemeente assistent Gem")
    (web,) = [d for d in tilburg.deviations if d.kind == INVALID and d.field == "website"]
    assert web.value == "Team Virtuele Assistent Gem Common Ground"
    assert web.message.startswith("Link naar publiekspagina: 'Team Virtuele Assistent Gem Common Ground'")
    assert tilburg.draft["website"] == "Team Virtuele Assistent Gem Common Ground"  # kept, not dropped
    data = _find(records, "Dataprotector")
    (tags,) = [d for d in data.deviations if d.field == "tags"]
    assert tags.kind == INVALID and tags.value.startswith("<p>Anonimiseren") and "Zoektermen" in tags.message
    zylab = _find(records, "Tekstanalyse")
    assert any(d.kind == INVALID and d.field == "source_data_grouping" and "Link naar gegevensbron" in d.message
               for d in zylab.deviations)


def test_outer_spaces_are_normalised(record_files: list[Path]) -> None:
    rec = _find(_all(record_files), "Kentekencamerahandhaving Zero Emissie Zone")
    link = [d for d in rec.deviations if d.field == "lawful_basis_grouping[1].link"]
    assert [(d.kind, d.value, d.normalised) for d in link] == [
        (NORMALISED, " https://wetten.overheid.nl/BWBR0006622 ", "https://wetten.overheid.nl/BWBR0006622")]
    grouping = json.loads(rec.draft["lawful-basis-grouping"])
    assert grouping[0]["link"] == "https://wetten.overheid.nl/BWBR0006622"


def test_match_keys(record_files: list[Path], tmp_path: Path) -> None:
    records = _all(record_files)
    assert _find(records, "Dataprotector").match.kind == MATCH_SOURCE_ID
    assert _find(records, "Dataprotector").match.value == "Dataprotector"
    contec = next(r for r in records if r.source.startswith("Contec"))  # source_id "" does not count
    assert contec.match.kind == MATCH_NAME and contec.match.value.endswith(contec.name)
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"records": [
        {"name": "A", "organization": "Gemeente X", "lars": "12345670", "source_id": "S-1"},
        {"name": "B", "organization": "Gemeente X", "source_id": " S-2 "},
        {"name": "C", "organization": "Gemeente X"},
    ]}), encoding="utf-8")
    a, b, c = read_records(path)
    assert (a.match.kind, a.match.value) == (MATCH_LARS, "12345670")
    assert (b.match.kind, b.match.value) == (MATCH_SOURCE_ID, "S-2")
    assert (c.match.kind, c.match.value) == (MATCH_NAME, "Gemeente X / C")


def test_json_single_record_and_english(tmp_path: Path) -> None:
    path = tmp_path / "single.json"
    path.write_text(json.dumps({"name": "  Parkeren  ", "status": "in gebruik", "lang": "nld"}), encoding="utf-8")
    (rec,) = read_records(path, lang="en")
    assert rec.draft["name"] == "Parkeren" and rec.draft["status"] == "In gebruik"
    assert (NORMALISED, "status", "in gebruik") in _devs(rec)
    assert (MISSING, "organization", "") in _devs(rec)
    assert "Organisation name: this field is required" in [d.message for d in rec.deviations]


def _filled(rec: ImportedRecord) -> list[tuple[str, str, str]]:
    return [d for d in _devs(rec) if d[0] != NOT_MAPPED or d[2]]


@pytest.mark.parametrize("kind", ["csv", "csv;", "xlsx"])
def test_download_layout_gives_the_same_drafts(record_files: list[Path], raw_records: list[dict[str, Any]],
                                               titles: dict[str, str], tmp_path: Path, kind: str) -> None:
    from_json = _all(record_files)
    rows = table(raw_records, titles)
    assert "Korte omschrijving" in rows[0] and "Naam" in rows[0]
    path = tmp_path / ("records.xlsx" if kind == "xlsx" else "records.csv")
    if kind == "xlsx":
        write_xlsx(path, rows)
    else:
        write_csv(path, rows, delimiter=";" if kind == "csv;" else ",")
    from_table = read_records(path)
    assert len(from_table) == 27
    for a, b in zip(from_json, from_table, strict=True):
        assert a.draft == b.draft
        assert a.match == b.match
        # A table has every column in every row, so legacy fields a record lacks show up empty there.
        assert sorted(_filled(a)) == sorted(_filled(b))
        assert {k: v for k, v in a.not_mapped.items() if v} == {k: v for k, v in b.not_mapped.items() if v}
        assert set(a.not_mapped) <= set(b.not_mapped)
    assert from_table[0].source == f"{path.name}, regel 2"


def test_field_names_as_headings(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    write_csv(path, [["name", "organization", "LANG", "Oude kolom"], ["Parkeren", "Gemeente X", "NLD", "iets"]], delimiter=",")
    (rec,) = read_records(path)
    assert rec.draft["organization"] == "Gemeente X" and rec.draft["lang"] == "nld"
    assert rec.not_mapped == {"Oude kolom": "iets"}


def test_formula_is_literal_text(tmp_path: Path) -> None:
    path = tmp_path / "formula.csv"
    write_csv(path, [["Naam", "Organisatienaam"], ["=cmd|' /C calc'!A0", "Gemeente X"]], delimiter=",")
    (rec,) = read_records(path)
    assert rec.draft["name"] == "=cmd|' /C calc'!A0"
    assert (FORMULA, "name", "=cmd|' /C calc'!A0") in _devs(rec)
