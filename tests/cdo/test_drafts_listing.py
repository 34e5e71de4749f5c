"""The drafts list read in one query (list_drafts, list_draft_meta, drafts_state): the same drafts, order and times as one by one."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from algoinventaris.domain.drafts import SOURCE_REGISTER, SOURCE_SPREADSHEET, Draft, DraftDeviation
from algoinventaris.storage.cdo.repository import _json_value
from tests.cdo.conftest import PREVIOUS, ROUND

ORG = "Ministerie van Voorbeeldzaken"


def _draft(name: str, unit: str, round_name: str = ROUND, *, number: int = 0) -> Draft:
    return Draft(id=str(uuid.UUID(int=number + 1, version=4)), organisation=ORG, unit=unit, round=round_name, name=name,
                 source=SOURCE_REGISTER if number % 2 else SOURCE_SPREADSHEET, origin=f"bron.xlsx, rij {number}",
                 match_kind="organisation+name", match_value=f"{ORG} / {name}", revision=1,
                 answers={"name": name, "goal": f"Doel van {name} — met ‘tekens’ en \u00e9\u00e9n \U0001f600"},
                 not_mapped={"type": "Regelgebaseerd"} if number % 3 else {},
                 deviations=(DraftDeviation("not_mapped", "type", "Regelgebaseerd", "type: niet overgenomen"),)
                 if number % 3 else ())


@pytest.fixture
def stored(repo: Any) -> tuple[Any, list[Draft]]:
    for name in (ROUND, PREVIOUS):
        repo.set_round_details(name, organisation=ORG, deadline=None, units=["Directie A", "Directie B"], files=(), actor="t")
    drafts = [_draft(name, unit, number=n) for n, (name, unit) in enumerate([
        ("zorgtoeslag", "Directie B"), ("Aanvraagcheck", "directie a"), ("Éénmalige uitkering", "Directie A"),
        ("beslisregel", ""), ("Bijstand", "Directie  A"), ("aanvraagcheck", "Directie A")])]
    drafts.append(_draft("Vorig jaar", "Directie A", PREVIOUS, number=10))
    repo.save_drafts(drafts, [], actor="t")
    return repo, drafts


def _as_stored(d: Draft) -> Draft:
    return Draft(**{**d.__dict__, "unit": " ".join(d.unit.split())})


def test_list_is_the_stored_drafts_in_round_unit_name_order(stored: tuple[Any, list[Draft]]) -> None:
    repo, drafts = stored
    listed = repo.list_drafts(ROUND)
    assert [(d.unit, d.name) for d in listed] == [
        ("", "beslisregel"), ("directie a", "Aanvraagcheck"), ("Directie A", "aanvraagcheck"), ("Directie A", "Bijstand"),
        ("Directie A", "Éénmalige uitkering"), ("Directie B", "zorgtoeslag")]
    by_id = {d.id: _as_stored(d) for d in drafts}
    assert listed == [by_id[d.id] for d in listed]
    assert listed == [repo.get_draft(d.id) for d in listed]  # the same as read one by one (ORM rows)
    assert [d.round for d in repo.list_drafts()] == [PREVIOUS] + [ROUND] * 6
    assert [d.name for d in repo.list_drafts(ROUND, unit="DIRECTIE   a")] == ["Aanvraagcheck", "aanvraagcheck", "Bijstand",
                                                                           "Éénmalige uitkering"]
    assert [d.name for d in repo.list_drafts(ROUND, unit="")] == ["beslisregel"]
    shared = [d.deviations for d in listed if d.deviations]
    assert shared and all(devs == shared[0] for devs in shared)
    listed[1].answers["goal"] = "changed"  # (a dict, shown as a Mapping)
    assert repo.list_drafts(ROUND)[1].answers["goal"] != "changed"  # each list has its own answers


def test_deleted_drafts_and_meta_match_the_one_by_one_reads(stored: tuple[Any, list[Draft]]) -> None:
    repo, drafts = stored
    state = repo.drafts_state(ROUND)
    gone = repo.list_drafts(ROUND)[0]
    repo.delete_draft(gone.id, actor="Carla")
    assert repo.drafts_state(ROUND) != state
    assert gone.id not in {d.id for d in repo.list_drafts(ROUND)}
    assert gone.id in {d.id for d in repo.list_drafts(ROUND, include_deleted=True)}
    repo.assign_draft(drafts[0].id, "Directie A", actor="Dirk")
    meta = repo.list_draft_meta(ROUND)
    assert set(meta) == {d.id for d in drafts if d.round == ROUND}
    assert meta == {i: repo.draft_meta(i) for i in meta}
    assert meta[gone.id].deleted_at is not None and meta[drafts[0].id].updated_by == "Dirk"
    assert meta[drafts[0].id].updated_at.tzinfo is not None
    assert set(repo.list_draft_meta()) == {d.id for d in drafts}
    before = repo.drafts_state(ROUND)
    assert repo.drafts_state(ROUND) == before
    repo.restore_draft(gone.id, actor="Carla")
    assert repo.drafts_state(ROUND) != before


@pytest.mark.parametrize("text", ['{"a":"b"}', '  {"a":"b"}', '{"a":"b"}\n', "[]", '{"a":"\\u00e9\\ud83d\\ude00"}', '"x"',
                                  "[1,2", "{} {}", "", "NaN", '{"a":1,"a":2}'])
def test_json_reading_is_json_loads(text: str) -> None:
    try:
        expected: Any = json.loads(text)
    except ValueError as err:
        with pytest.raises(ValueError) as found:
            _json_value(text)
        assert str(found.value) == str(err)
    else:
        value = _json_value(text)
        assert value == expected or (value != value and expected != expected)  # NaN
