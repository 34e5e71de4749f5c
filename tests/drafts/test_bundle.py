"""Drafts in the round bundle: one signed member drafts.json, read back by the owner; a bad one refused, nothing installed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.domain.drafts import drafts_document
from algoinventaris.package.bundle import DRAFTS_JSON, ROUND_JSON, BundleError, read_bundle, unpack
from algoinventaris.package.canonical import canonical_json
from algoinventaris.package.keys import Ed25519Signer
from algoinventaris.package.rounds import open_bundle, rounds_dir
from tests.drafts.conftest import ORG, ROUND, draft, resign, zip_members
from tests.rounds.conftest import folder_listing, make_bundle

DRAFTS = (draft("Toeslagcheck"), draft("Parkeerscan", unit=""), draft("Risicomodel", unit="Directie B", revision=3))


def _bundle(signer: Ed25519Signer, tmp: Path, drafts: Any = DRAFTS) -> bytes:
    return make_bundle(signer, tmp, drafts=drafts)


def test_drafts_round_trip_through_the_bundle(tmp_path: Path, cdo_signer: Ed25519Signer) -> None:
    data = _bundle(cdo_signer, tmp_path)
    members = zip_members(data)
    document = json.loads(members[ROUND_JSON])
    assert document["drafts"] == {"path": DRAFTS_JSON, "count": 3}
    listed = {f["name"]: f for f in document["files"]}
    raw = members[DRAFTS_JSON]
    assert listed[DRAFTS_JSON] == {"name": DRAFTS_JSON, "sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw)}
    assert raw == canonical_json(drafts_document(ORG, ROUND, DRAFTS))
    bundle = read_bundle(data, trusted_keys=[cdo_signer.public_raw])
    assert sorted(bundle.drafts, key=lambda d: d.name) == sorted(DRAFTS, key=lambda d: d.name)
    assert {d.unit for d in bundle.drafts} == {"Directie A", "", "Directie B"}   # unassigned ones travel too
    unpack(bundle, tmp_path / "unpacked")
    assert (tmp_path / "unpacked" / DRAFTS_JSON).read_bytes() == raw


def test_a_bundle_without_drafts_is_as_before(tmp_path: Path, cdo_signer: Ed25519Signer) -> None:
    data = make_bundle(cdo_signer, tmp_path / "b")
    members = zip_members(data)
    assert DRAFTS_JSON not in members and "drafts" not in json.loads(members[ROUND_JSON])
    assert read_bundle(data, trusted_keys=[cdo_signer.public_raw]).drafts == ()


def test_drafts_of_another_organisation_are_not_put_in_a_bundle(tmp_path: Path, cdo_signer: Ed25519Signer) -> None:
    with pytest.raises(BundleError) as caught:
        _bundle(cdo_signer, tmp_path, [draft("Elders", organisation="Gemeente Elders")])
    assert caught.value.code == "drafts" and "Gemeente Elders" in caught.value.text("nl")


def test_a_tampered_drafts_json_is_refused(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer) -> None:
    members = zip_members(_bundle(cdo_signer, tmp_path))
    members[DRAFTS_JSON] = members[DRAFTS_JSON].replace(b"Toeslagcheck", b"Toeslagcheq")
    from algoinventaris.package.build import zip_bytes

    before = folder_listing(rounds_dir())
    with pytest.raises(BundleError) as caught:
        open_bundle(trusting, zip_bytes(list(members.items())))
    assert caught.value.code == "hash-mismatch" and DRAFTS_JSON in caught.value.text("nl")
    assert trusting.installed_rounds() == [] and folder_listing(rounds_dir()) == before


def _document(**changes: Any) -> dict[str, Any]:
    doc = drafts_document(ORG, ROUND, DRAFTS)
    doc.update(changes)
    return doc


def _other_org(doc: dict[str, Any]) -> dict[str, Any]:
    doc["drafts"][1]["organisation"] = "Gemeente Elders"
    return doc


def _other_round(doc: dict[str, Any]) -> dict[str, Any]:
    doc["drafts"][0]["round"] = "Inventarisatie 2020"
    return doc


def _bad_revision(doc: dict[str, Any]) -> dict[str, Any]:
    doc["drafts"][2]["revision"] = "drie"
    return doc


def _one_fewer(doc: dict[str, Any]) -> dict[str, Any]:
    del doc["drafts"][0]
    return doc


def _document_for_other_org(doc: dict[str, Any]) -> dict[str, Any]:
    doc["organisation"] = "Gemeente Elders"
    return doc


BAD = [
    (_other_org, ["concept 2", "Gemeente Elders", "organisatie"]),
    (_other_round, ["concept 1", "Inventarisatie 2020", "ronde"]),
    (_bad_revision, ["draft 3", "revision"]),
    (_one_fewer, ["3 concepten", "heeft er 2"]),
    (_document_for_other_org, ["Gemeente Elders"]),
]


@pytest.mark.parametrize(("change", "words"), BAD, ids=[b[0].__name__.strip("_") for b in BAD])
def test_a_signed_but_wrong_drafts_json_is_refused(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer,
                                                   change: Any, words: list[str]) -> None:
    members = zip_members(_bundle(cdo_signer, tmp_path))
    members[DRAFTS_JSON] = canonical_json(change(_document()))
    data = resign(members, cdo_signer)
    before = folder_listing(rounds_dir())
    with pytest.raises(BundleError) as caught:
        open_bundle(trusting, data)
    assert caught.value.code == "drafts"
    for word in words:
        assert word in caught.value.text("nl"), caught.value.text("nl")
    assert caught.value.text("en") != caught.value.text("nl")
    assert trusting.installed_rounds() == [] and folder_listing(rounds_dir()) == before


def test_drafts_json_that_is_not_json_or_not_named_is_refused(tmp_path: Path, cdo_signer: Ed25519Signer) -> None:
    members = zip_members(_bundle(cdo_signer, tmp_path))
    members[DRAFTS_JSON] = b'{"format": "algoinventaris-drafts", "format": 1}'
    with pytest.raises(BundleError) as caught:
        read_bundle(resign(members, cdo_signer), trusted_keys=[cdo_signer.public_raw])
    assert caught.value.code == "drafts" and "JSON" in caught.value.text("en")
    # round.json that lists drafts.json but names no drafts (or the other way round) does not fit
    members = zip_members(_bundle(cdo_signer, tmp_path))
    document = json.loads(members[ROUND_JSON])
    del document["drafts"]
    members[ROUND_JSON] = canonical_json(document)
    with pytest.raises(BundleError) as caught:
        read_bundle(resign(members, cdo_signer), trusted_keys=[cdo_signer.public_raw])
    assert caught.value.code == "round-json" and DRAFTS_JSON in caught.value.text("nl")


def test_drafts_that_the_owners_would_refuse_are_not_bundled(tmp_path: Path, cdo_signer: Ed25519Signer,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # one draft whose text compresses like a zip bomb: the owners' zip check would refuse the bundle
    with pytest.raises(BundleError) as caught:
        _bundle(cdo_signer, tmp_path, [draft("Herhaling", answers={"name": "Herhaling", "goal": "a" * 3_000_000})])
    assert caught.value.code == "drafts" and "geweigerd" in caught.value.text("nl") and "zip" in caught.value.text("en")
    # too large together: said before anything is built
    import algoinventaris.package.bundle as bundle_module

    monkeypatch.setattr(bundle_module, "MAX_DRAFTS_BYTES", 500)
    with pytest.raises(BundleError) as caught:
        _bundle(cdo_signer, tmp_path, DRAFTS)
    assert caught.value.code == "drafts" and "3 concepten" in caught.value.text("nl")
