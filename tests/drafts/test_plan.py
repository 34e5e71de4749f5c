"""Planning and confirming drafts from the 27 real register records: every one imports, a re-import writes nothing,
a changed record gives exactly one update on the right key, a stale preview is refused."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.cdo.drafts import (
    DraftError,
    DraftReadError,
    apply_plan,
    import_register_files,
    plan_import,
)
from algoinventaris.domain.drafts import SOURCE_SPREADSHEET
from algoinventaris.domain.register import register_questions
from algoinventaris.domain.register_import import default_form, read_records
from algoinventaris.formengine.fields import lars_check_digit
from tests.drafts.conftest import ORG, ROUND

UNITS = ["Directie A", "Directie B"]


@pytest.fixture
def cdo(sqlite_repo: Any) -> Any:
    """A CDO database with the round declared (organisation and units; drafts need no questionnaires)."""
    sqlite_repo.set_round_details(ROUND, organisation=ORG, deadline="2027-04-01", units=UNITS, files=[], actor="cdo")
    return sqlite_repo


def _state(repo: Any) -> tuple[Any, ...]:
    """Everything a write would change: the drafts with their times and revisions, and the audit trail."""
    return (repo.list_drafts(include_deleted=True), repo.list_draft_meta(), [e.id for e in repo.audit_log(10_000)])


def test_all_27_real_records_import_as_drafts(cdo: Any, record_files: list[Path]) -> None:
    plan = import_register_files(cdo, record_files, round_name=ROUND)
    assert len(plan.items) == 27 and plan.counts() == {"new": 27, "update": 0, "unchanged": 0, "duplicate": 0}
    assert not cdo.list_drafts()                             # planning writes nothing
    assert apply_plan(cdo, plan, actor="cdo")["new"] == 27
    stored = {d.origin: d for d in cdo.list_drafts(ROUND)}
    assert len(stored) == 27
    records = [r for f in record_files for r in read_records(f)]
    for record in records:
        d = stored[record.source]
        assert (d.organisation, d.round, d.unit, d.revision, d.source) == (ORG, ROUND, "", 1, "register")
        assert dict(d.answers) == record.draft
        assert dict(d.not_mapped) == record.not_mapped       # legacy fields kept, visibly
        assert [(x.kind, x.field, x.value) for x in d.deviations] == [(x.kind, x.field, x.value) for x in record.deviations]
        assert d.name == (record.name or record.source)
    assert sum(1 for d in stored.values() if d.not_mapped) >= 20     # the templates carry older standards' fields
    assert any(x.kind == "normalised" and x.field == "lang" for d in stored.values() for x in d.deviations)
    # the plan says which records share organisation + name but differ (templates of two vendors)
    assert any("zelfde organisatie en naam" in w for w in plan.warnings)


def test_a_second_import_of_the_same_files_writes_nothing(cdo: Any, record_files: list[Path]) -> None:
    apply_plan(cdo, import_register_files(cdo, record_files, round_name=ROUND), actor="cdo")
    before = _state(cdo)
    again = import_register_files(cdo, record_files, round_name=ROUND)
    assert again.counts() == {"new": 0, "update": 0, "unchanged": 27, "duplicate": 0}
    assert all(i.draft == i.existing for i in again.items)
    # BMconsultants' record has a source id; the others are found on organisation + name
    assert [i.matched_by for i in again.items].count("source_id") == 1
    assert again.items[0].describe("nl") == "ongewijzigd — gevonden op bron-id Dataprotector"
    assert again.items[1].describe("en").startswith("unchanged — found on organisation + name 'Ministerie van Voorbeelden / ")
    assert apply_plan(cdo, again, actor="cdo")["unchanged"] == 27
    assert _state(cdo) == before                             # no revision, no updated_at, no audit line
    # the same files twice in one import: the second copies are repeats, named as such and not written
    twice = import_register_files(cdo, [*record_files, *record_files], round_name=ROUND)
    assert twice.counts() == {"new": 0, "update": 0, "unchanged": 27, "duplicate": 27}
    assert twice.items[27].duplicate_of == twice.items[0].record.source
    assert "dubbel — zelfde sleutel als" in twice.items[27].describe("nl")


def _write_records(folder: Path, records: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "eigen-register.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def _three_kinds(raw_records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Three real records: one with a LARS id, one with a source id only, one with neither."""
    lars = "1234567" + str(lars_check_digit("1234567"))
    with_lars = dict(raw_records[5], lars=lars, source_id="centric-1")
    with_source = dict(raw_records[6], lars=None, source_id="centric-2")
    neither = dict(raw_records[7], lars=None, source_id=None)
    return [with_lars, with_source, neither]


@pytest.mark.parametrize(("changed", "kind"), [(0, "lars"), (1, "source_id"), (2, "organisation+name")])
def test_one_changed_record_is_one_update_matched_on_the_right_key(cdo: Any, tmp_path: Path, raw_records: list[dict[str, Any]],
                                                                     changed: int, kind: str) -> None:
    records = _three_kinds(raw_records)
    first = import_register_files(cdo, [_write_records(tmp_path / "a", records)], round_name=ROUND, unit="Directie A")
    apply_plan(cdo, first, actor="cdo")
    assert [d.match_kind for d in (i.draft for i in first.items) if d] == ["lars", "source_id", "organisation+name"]
    target = first.items[changed].draft
    assert target is not None
    cdo.assign_draft(target.id, "Directie B", actor="cdo")          # a unit the CDO chose stays
    records[changed] = dict(records[changed], description_short="Een nieuwe korte omschrijving.", goal="Een ander doel.")
    if kind != "organisation+name":
        records[changed]["name"] = records[changed]["name"] + " (hernoemd)"   # the id still finds it
    before = _state(cdo)
    plan = import_register_files(cdo, [_write_records(tmp_path / "b", records)], round_name=ROUND, unit="Directie A")
    assert plan.counts() == {"new": 0, "update": 1, "unchanged": 2, "duplicate": 0}
    item = plan.items[changed]
    assert (item.action, item.matched_by, item.existing.id if item.existing else None) == ("update", kind, target.id)
    assert item.unit == "Directie B" and item.draft is not None and item.draft.revision == 2
    qid = {name: q.id for name, q in register_questions(default_form()).items()}
    renamed = [qid["name"]] if kind != "organisation+name" else []
    assert item.changes == (*renamed, qid["description_short"], qid["goal"])      # in the form's order
    assert _state(cdo) == before                                     # previewing wrote nothing
    apply_plan(cdo, plan, actor="cdo")
    stored = cdo.get_draft(target.id)
    assert (stored.revision, stored.unit, stored.answers[qid["description_short"]]) == (2, "Directie B",
                                                                                        "Een nieuwe korte omschrijving.")
    assert len(cdo.list_drafts(ROUND)) == 3
    text = item.describe("nl")
    assert text.startswith("bijgewerkt — gevonden op ") and f"{len(item.changes)} velden anders" in text
    assert {"lars": "LARS-id 1234567", "source_id": "bron-id centric-2", "organisation+name": "organisatie + naam"}[kind] in text


def test_a_preview_is_refused_when_the_drafts_changed_meanwhile(cdo: Any, tmp_path: Path, raw_records: list[dict[str, Any]]) -> None:
    path = _write_records(tmp_path, _three_kinds(raw_records))
    apply_plan(cdo, import_register_files(cdo, [path], round_name=ROUND), actor="cdo")
    records = _three_kinds(raw_records)
    records[0]["goal"] = "Anders"
    plan = import_register_files(cdo, [_write_records(tmp_path / "b", records)], round_name=ROUND)
    cdo.assign_draft(cdo.list_drafts(ROUND)[0].id, "Directie A", actor="collega")   # someone else changes a draft
    before = _state(cdo)
    with pytest.raises(DraftError) as caught:
        apply_plan(cdo, plan, actor="cdo")
    assert "opnieuw" in caught.value.text("nl") and "Preview again" in caught.value.text("en")
    assert _state(cdo) == before


def test_units_names_and_sources(cdo: Any, record_files: list[Path]) -> None:
    records = read_records(record_files[0]) + read_records(record_files[1])[:2]
    records[1] = dataclasses.replace(records[1], unit="Directie Onbekend")
    records[2] = dataclasses.replace(records[2], unit=" directie   b ")
    other = read_records(record_files[2])[0]
    nameless = dataclasses.replace(other, draft={k: v for k, v in other.draft.items() if k != "name"},
                                   source="oud.xlsx, regel 9", deviations=[])
    plan = plan_import(cdo, [*records, nameless], round_name=ROUND, source=SOURCE_SPREADSHEET, unit="Directie A")
    assert [i.unit for i in plan.items] == ["Directie A", "Directie Onbekend", "directie b", "Directie A"]
    assert [w for w in plan.warnings if "Directie Onbekend" in w and records[1].source in w]
    assert not [w for w in plan.warnings if "directie b" in w]        # a known unit, written differently
    last = plan.items[-1].draft
    assert last is not None and last.name == "oud.xlsx, regel 9" and last.source == "spreadsheet"
    assert [(d.kind, d.field) for d in last.deviations] == [("missing", "name")]
    unknown = plan_import(cdo, records[:1], round_name=ROUND, source="register", unit="Elders")
    assert any("Elders" in w for w in unknown.warnings)


def test_an_unknown_round_or_one_without_organisation_is_named(sqlite_repo: Any, record_files: list[Path]) -> None:
    with pytest.raises(DraftError) as caught:
        import_register_files(sqlite_repo, record_files[:1], round_name="Inventarisatie 2031")
    assert "Inventarisatie 2031" in caught.value.text("nl") and "cdo round create" in caught.value.text("nl")
    sqlite_repo.add_round("Inventarisatie 2031", ["Directie A"], actor="cdo")
    with pytest.raises(DraftError) as caught:
        plan_import(sqlite_repo, [], round_name="inventarisatie 2031", source="register")
    assert "--organisation" in caught.value.text("nl") and "organisation" in caught.value.text("en")


def test_an_unreadable_file_stops_the_import(cdo: Any, tmp_path: Path, record_files: list[Path]) -> None:
    fake = tmp_path / "export.xlsx"
    fake.write_text("dit is geen werkmap", encoding="utf-8")
    with pytest.raises(DraftReadError) as caught:
        import_register_files(cdo, [record_files[0], fake, tmp_path / "weg.json"], round_name=ROUND)
    assert len(caught.value.problems) == 2
    assert "export.xlsx" in caught.value.problems[0] and "weg.json" in caught.value.problems[1]
    assert cdo.list_drafts(include_deleted=True) == []


def test_reading_reports_each_file_and_a_raising_report_stops_it(cdo: Any, record_files: list[Path]) -> None:
    seen: list[tuple[int, int, str]] = []
    plan = import_register_files(cdo, record_files[:2], round_name=ROUND, progress=lambda *a: seen.append(a))
    assert seen == [(0, 2, record_files[0].name), (1, 2, record_files[1].name), (2, 2, "")]
    assert plan.files == [record_files[0].name, record_files[1].name] and plan.writes

    class Stop(Exception):
        pass

    def stop(done: int, _total: int, _name: str) -> None:
        if done == 1:
            raise Stop()

    with pytest.raises(Stop):
        import_register_files(cdo, record_files[:2], round_name=ROUND, progress=stop)
    assert cdo.list_drafts(include_deleted=True) == []


def test_an_update_naming_an_unknown_unit_gives_no_unit_warning(cdo: Any, record_files: list[Path]) -> None:
    """An update keeps the stored draft's unit, so the unit its record names is not planned and not warned about."""
    records = read_records(record_files[0])[:1]
    apply_plan(cdo, plan_import(cdo, records, round_name=ROUND, source="register", unit="Directie A"), actor="cdo")
    changed = dataclasses.replace(records[0], unit="Directie Nergens",
                                  draft={**records[0].draft, **{k: v + " (bijgewerkt)" for k, v in records[0].draft.items()
                                                                if k == "description-short"}})
    plan = plan_import(cdo, [changed], round_name=ROUND, source="register")
    assert [i.action for i in plan.items] != ["new"] and plan.items[0].unit == "Directie A"
    assert not [w for w in plan.warnings if "hoort niet bij de onderdelen" in w]
