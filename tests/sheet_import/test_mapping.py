"""propose_mapping on the register download layout, the CDO export and a ministry's own sheet; corrections; saving."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.cdo import exports
from algoinventaris.domain.register import STANDARD_FIELDS
from algoinventaris.domain.sheet_import import (
    REASON_ASSESSMENT,
    REASON_CHOSEN,
    REASON_KNOWN,
    REASON_NO_FIELD,
    REASON_SAVED,
    REASON_STANDARD,
    REASON_TAKEN,
    REASON_UNKNOWN,
    TARGET_IGNORE,
    TARGET_NOT_MAPPED,
    TARGET_UNIT,
    ColumnMapping,
    HeadingsFileError,
    MappingError,
    headings_signature,
    load_known_headings,
    parse_corrections,
    propose_mapping,
    read_mapping_file,
    read_table,
    resolve_target,
    saved_mapping,
    store_mapping,
    write_mapping_file,
)
from algoinventaris.formengine.model import Form
from algoinventaris.storage.cdo import open_cdo_db
from tests.register_import.conftest import table as download_table
from tests.sheet_import.conftest import MINISTRY_HEADINGS


def _targets(mapping: ColumnMapping) -> dict[str, tuple[str, str]]:
    return {c.heading: (c.target, c.reason) for c in mapping.columns}


def test_register_download_layout_maps_every_title_to_its_field(form: Form, raw_records: list[dict[str, Any]],
                                                                  titles: dict[str, str]) -> None:
    headings = download_table(raw_records, titles)[0]
    mapping = propose_mapping(headings, form)
    got = _targets(mapping)
    for name in STANDARD_FIELDS:
        if titles[name] in got:
            assert got[titles[name]] == (name, REASON_STANDARD), name
    for legacy in ("id", "type", "uuid", "iama_description", "source_data_link"):
        assert got[legacy] == (TARGET_NOT_MAPPED, REASON_UNKNOWN)
    assert mapping.choice("Naam").why() == "zelfde titel als in de registerstandaard"
    assert mapping.choice("type").why("en") == "not recognised"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_cdo_export_maps_back_to_register_fields(form: Form, lang: str) -> None:
    headings = exports.headings(lang, with_register=True)
    got = _targets(propose_mapping(headings, form))
    for name, title in exports.register_columns(lang):
        assert got[title] == (name, REASON_STANDARD), title
    nl = lang == "nl"
    assert got["Onderdeel" if nl else "Unit"] == (TARGET_UNIT, REASON_KNOWN)
    # The register's own name and organisation columns win; the CDO's columns with the same meaning are kept as not mapped.
    algorithm = propose_mapping(headings, form).choice("Algoritme" if nl else "Algorithm")
    assert (algorithm.target, algorithm.reason, algorithm.other) == (TARGET_NOT_MAPPED, REASON_TAKEN, "Naam" if nl else "Name")
    assert ("Naam komt al uit kolom 'Naam'" if nl else "Name comes from column 'Name' already") in algorithm.why(lang, form)
    for heading in (("Categorie", "Hoog risico (AI-verordening)", "Conclusie AI-verordening", "Publicatie") if nl else
                    ("Category", "High risk (AI Act)", "AI Act conclusion", "Publication")):
        assert got[heading] == (TARGET_NOT_MAPPED, REASON_ASSESSMENT), heading
    for heading in (("Intern algoritme-id", "Inzending-id", "Ronde") if nl else ("Internal algorithm id", "Submission id", "Round")):
        assert got[heading] == (TARGET_IGNORE, REASON_NO_FIELD), heading


def test_every_heading_of_the_cdo_export_is_known(form: Form) -> None:
    known = load_known_headings()
    from algoinventaris.domain.register_import import heading_key

    for nl, en, _ in exports.COLUMNS:
        for heading in (nl, en):
            key = heading_key(heading)
            assert key in known.fields or key in known.unit or key in known.assessment or key in known.no_field, heading


def test_an_older_cdo_export_without_register_columns(form: Form) -> None:
    headings = [h if h != "Intern algoritme-id" else "Algoritme-id" for h in exports.headings("nl")]
    got = _targets(propose_mapping(headings, form))
    assert got["Algoritme"] == ("name", REASON_KNOWN) and got["Organisatie"] == ("organization", REASON_KNOWN)
    assert got["Algoritme-id"] == (TARGET_IGNORE, REASON_NO_FIELD)  # our own id, never the register's Algoritme-ID


def test_a_ministry_sheet_with_dutch_headings(form: Form) -> None:
    mapping = propose_mapping(MINISTRY_HEADINGS, form)
    assert _targets(mapping) == {
        "Naam algoritme": ("name", REASON_KNOWN),
        "Directie": (TARGET_UNIT, REASON_KNOWN),
        "Omschrijving": ("description_short", REASON_KNOWN),
        "Doel": ("goal", REASON_KNOWN),
        "Contactpersoon e-mail": ("contact_email", REASON_KNOWN),
        "Leverancier": ("provider", REASON_STANDARD),
        "Status": ("status", REASON_STANDARD),
        "Hoog risico": (TARGET_NOT_MAPPED, REASON_ASSESSMENT),
        "Categorie": (TARGET_NOT_MAPPED, REASON_ASSESSMENT),
        "Conclusie AI-verordening": (TARGET_NOT_MAPPED, REASON_ASSESSMENT),
        "Opmerkingen": (TARGET_NOT_MAPPED, REASON_UNKNOWN),
    }
    assert mapping.choice("Doel").why() == "bekende kop"
    assert "nooit een registerantwoord" in mapping.choice("Hoog risico").why()


def test_headings_are_compared_without_case_accents_spacing_or_punctuation(form: Form) -> None:
    got = _targets(propose_mapping(["NAAM  VAN HET ALGORITME", "e-mailContactpersoon", "Risicoklasse AI Act",
                                    "korte omschrijving", "Organisatïe-eenheid"], form))
    assert got["NAAM  VAN HET ALGORITME"] == ("name", REASON_KNOWN)
    assert got["e-mailContactpersoon"] == ("contact_email", REASON_KNOWN)
    assert got["Risicoklasse AI Act"] == (TARGET_NOT_MAPPED, REASON_ASSESSMENT)
    assert got["korte omschrijving"] == ("description_short", REASON_STANDARD)
    assert got["Organisatïe-eenheid"] == (TARGET_UNIT, REASON_KNOWN)


def test_two_columns_never_get_the_same_field(form: Form) -> None:
    mapping = propose_mapping(["Naam algoritme", "Naam van het algoritme", "Directie", "Afdeling"], form)
    got = _targets(mapping)
    assert got["Naam algoritme"] == ("name", REASON_KNOWN)
    assert got["Naam van het algoritme"] == (TARGET_NOT_MAPPED, REASON_TAKEN)
    assert mapping.choice("Naam van het algoritme").why("nl", form) == \
        "Naam komt al uit kolom 'Naam algoritme' (een veld krijgt nooit twee kolommen)"
    assert got["Afdeling"] == (TARGET_NOT_MAPPED, REASON_TAKEN)
    assert "het onderdeel komt al uit kolom 'Directie'" in mapping.choice("Afdeling").why("nl", form)
    # The standard's own title wins over a known heading, wherever it stands.
    later = _targets(propose_mapping(["Naam algoritme", "Naam"], form))
    assert later == {"Naam algoritme": (TARGET_NOT_MAPPED, REASON_TAKEN), "Naam": ("name", REASON_STANDARD)}


def test_corrections_name_unknown_headings_and_targets(form: Form) -> None:
    assert parse_corrections(["directie=onderdeel", "Opmerkingen = negeren", "Doel=Doel en impact", "Status=not_mapped"],
                             MINISTRY_HEADINGS, form) == {"Directie": TARGET_UNIT, "Opmerkingen": TARGET_IGNORE,
                                                          "Doel": "goal", "Status": TARGET_NOT_MAPPED}
    with pytest.raises(MappingError, match="kolom 'Afdeling' staat niet in het bestand"):
        parse_corrections(["Afdeling=unit"], MINISTRY_HEADINGS, form)
    with pytest.raises(MappingError, match="kolom 'Doel': 'doelstelling' is geen doel"):
        parse_corrections(["Doel=doelstelling"], MINISTRY_HEADINGS, form)
    with pytest.raises(MappingError, match="column 'Doel': 'publication_dt' is not a target"):
        parse_corrections(["Doel=publication_dt"], MINISTRY_HEADINGS, form, "en")
    with pytest.raises(MappingError, match="schrijf KOP=DOEL"):
        parse_corrections(["Doel"], MINISTRY_HEADINGS, form)
    assert resolve_target("Korte omschrijving", form) == "description_short" and resolve_target("lars", form) == "lars"


def test_a_correction_takes_the_field_and_frees_it_again(form: Form) -> None:
    corrections = parse_corrections(["Opmerkingen=name"], MINISTRY_HEADINGS, form)
    got = _targets(propose_mapping(MINISTRY_HEADINGS, form, corrections=corrections))
    assert got["Opmerkingen"] == ("name", REASON_CHOSEN) and got["Naam algoritme"] == (TARGET_NOT_MAPPED, REASON_TAKEN)
    freed = _targets(propose_mapping(["Naam", "Algoritme"], form, corrections={"Naam": TARGET_IGNORE}))
    assert freed == {"Naam": (TARGET_IGNORE, REASON_CHOSEN), "Algoritme": ("name", REASON_KNOWN)}
    with pytest.raises(MappingError, match="'Afdeling': no such column"):
        propose_mapping(MINISTRY_HEADINGS, form, corrections={"Afdeling": TARGET_UNIT})


def test_signature_ignores_order_case_and_spacing() -> None:
    a = headings_signature(["Naam", "Directie", "Doel"])
    assert a == headings_signature([" doel", "NAAM", "Directie "]) == headings_signature(["Naam", "Directie", "Doel"])
    assert a != headings_signature(["Naam", "Directie"]) and len(a) == 64


def test_mapping_json_round_trip_and_clear_errors(form: Form, tmp_path: Path) -> None:
    mapping = propose_mapping(MINISTRY_HEADINGS, form, corrections={"Opmerkingen": TARGET_IGNORE})
    data = mapping.to_json()
    assert data["signature"] == mapping.signature and {"heading": "Directie", "target": "unit"} in data["columns"]
    again = ColumnMapping.from_json(json.loads(json.dumps(data)), form)
    assert [(c.heading, c.target) for c in again.columns] == [(c.heading, c.target) for c in mapping.columns]
    assert {c.reason for c in again.columns} == {REASON_SAVED}
    bad = dict(data, columns=[{"heading": "Doel", "target": "doelstelling"}])
    with pytest.raises(MappingError, match="column 'Doel': 'doelstelling' is not a register field, unit, not_mapped or ignore"):
        ColumnMapping.from_json(bad, form)
    with pytest.raises(MappingError, match="kolom 'Doel': 'doelstelling' is geen registerveld, unit, not_mapped of ignore"):
        ColumnMapping.from_json(bad, form, lang="nl")
    twice = dict(data, columns=[{"heading": "A", "target": "name"}, {"heading": "B", "target": "name"}])
    with pytest.raises(MappingError, match="column 'B': 'name' is mapped from column 'A' already"):
        ColumnMapping.from_json(twice, form)
    with pytest.raises(MappingError, match="not a column mapping"):
        ColumnMapping.from_json({"columns": []}, form)
    path = write_mapping_file(tmp_path / "koppeling.json", mapping)
    assert read_mapping_file(path, form).to_json() == data
    (tmp_path / "kapot.json").write_text("{", encoding="utf-8")
    with pytest.raises(MappingError, match="kapot.json: is geen geldige JSON"):
        read_mapping_file(tmp_path / "kapot.json", form)


def test_a_saved_mapping_is_found_again_by_its_headings(form: Form, tmp_path: Path, ministry_xlsx: Path) -> None:
    table = read_table(ministry_xlsx)
    repo = open_cdo_db(tmp_path / "cdo.sqlite3")
    try:
        assert saved_mapping(repo, table.headings, form) is None
        chosen = propose_mapping(table.headings, form, corrections={"Opmerkingen": TARGET_IGNORE, "Status": TARGET_NOT_MAPPED})
        key = store_mapping(repo, chosen)
        assert key == f"sheet-mapping:{chosen.signature}"
        # Next year: the same columns, in another order and case.
        next_year = [h.upper() for h in reversed(table.headings)]
        found = saved_mapping(repo, next_year, form)
        assert found is not None
        proposed = _targets(propose_mapping(next_year, form, found))
        assert proposed["OPMERKINGEN"] == (TARGET_IGNORE, REASON_SAVED) and proposed["STATUS"] == (TARGET_NOT_MAPPED, REASON_SAVED)
        assert proposed["DIRECTIE"] == (TARGET_UNIT, REASON_SAVED)
        assert saved_mapping(repo, [*table.headings, "Nieuwe kolom"], form) is None
        # A saved mapping also helps a sheet with one more column: the columns it knows keep their target.
        partly = _targets(propose_mapping([*table.headings, "Nieuwe kolom"], form, found))
        assert partly["Opmerkingen"] == (TARGET_IGNORE, REASON_SAVED) and partly["Nieuwe kolom"] == (TARGET_NOT_MAPPED, REASON_UNKNOWN)
        repo.set_setting(key, "{broken")
        with pytest.raises(MappingError, match="not valid JSON"):
            saved_mapping(repo, table.headings, form)
    finally:
        repo.close()


def test_a_malformed_headings_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "headings.yaml"
    path.write_text("version: 1\nfields:\n  naam: [Naam algoritme]\n", encoding="utf-8")
    with pytest.raises(HeadingsFileError, match="'fields.naam': not a field of register standard 1.0"):
        load_known_headings(path)
    path.write_text("version: 1\nfields:\n  name: [Directie]\nunit: [directie]\n", encoding="utf-8")
    with pytest.raises(HeadingsFileError, match="heading 'directie' is listed under both 'fields.name' and 'unit'"):
        load_known_headings(path)
    path.write_text("version: 1\nunit: Directie\n", encoding="utf-8")
    with pytest.raises(HeadingsFileError, match="'unit' must be a list of headings"):
        load_known_headings(path)


def test_the_bundled_headings_never_shadow_a_form_title(form: Form) -> None:
    from algoinventaris.domain.register import register_questions
    from algoinventaris.domain.register_import import heading_key

    known = load_known_headings()
    titles = {heading_key(label): name for name, q in register_questions(form).items() if q.field is not None
              for label in q.field.label.values() if label}
    for key, name in known.fields.items():
        assert key not in titles or titles[key] == name, key
    for key in (*known.unit, *known.assessment):
        assert key not in titles, key
