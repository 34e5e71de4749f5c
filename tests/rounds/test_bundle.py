"""Round bundles: made and signed by the CDO, checked and installed by the owner; every refusal names why and installs nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from algoinventaris.package.bundle import ROUND_JSON, ROUND_SIG, BundleError, read_bundle
from algoinventaris.package.canonical import canonical_json
from algoinventaris.package.keys import Ed25519Signer
from algoinventaris.package.rounds import CDO_KEY_ENV, cdo_keys, installed_file, open_bundle, rounds_dir, trust_cdo
from algoinventaris.storage.repository import KeyConflict
from tests.rounds.conftest import (
    ORG,
    ROUND,
    folder_listing,
    form_text,
    make_bundle,
    map_text,
    rezip,
    sha_of,
    zip_members,
)

V1, V2 = form_text("1"), form_text("2")


def test_round_trip_make_check_install(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer) -> None:
    old_sha, new_sha = sha_of(tmp_path, V1), sha_of(tmp_path, V2)
    mapping = map_text("1", "2", old_sha, new_sha)
    data = make_bundle(cdo_signer, tmp_path / "b", forms=[V2], previous=[V1], maps=[("chain-1-to-2.yaml", mapping)])
    members = zip_members(data)
    assert set(members) == {ROUND_JSON, ROUND_SIG, "forms/chain/form.yaml", f"previous/chain-1-{old_sha[:8]}/form.yaml",
                            "maps/chain-1-to-2.yaml"}
    # round.json is canonical, signed over its exact bytes by the CDO key, and lists every other member's hash
    document = json.loads(members[ROUND_JSON])
    assert canonical_json(document) == members[ROUND_JSON]
    Ed25519PublicKey.from_public_bytes(cdo_signer.public_raw).verify(members[ROUND_SIG], members[ROUND_JSON])
    assert {f["name"]: f["sha256"] for f in document["files"]} == {
        name: hashlib.sha256(content).hexdigest() for name, content in members.items() if name not in (ROUND_JSON, ROUND_SIG)}
    assert document["organisation"] == ORG and document["round"] == ROUND and document["sequence"] == 1
    assert document["forms"] == [{"id": "chain", "version": "2", "sha256": new_sha, "path": "forms/chain/form.yaml"}]
    assert document["maps"][0]["from"] == {"form": "chain", "version": "1", "sha256": old_sha}

    bundle = read_bundle(data, trusted_keys=[cdo_signer.public_raw])
    assert (bundle.name, bundle.organisation, bundle.deadline, bundle.units) == (ROUND, ORG, "2027-04-01", ("Directie A", "Directie B"))

    seen: list[tuple[int, int, str]] = []
    result = open_bundle(trusting, data, progress=lambda done, total, what: seen.append((done, total, what)))
    assert result.status == "installed"
    assert seen == [(0, 3, "chain 2"), (1, 3, "chain 1"), (2, 3, "maps/chain-1-to-2.yaml"), (3, 3, "")]
    installed = trusting.installed_round(ROUND)
    assert installed.forms[0].sha256 == new_sha and installed.previous_forms[0].sha256 == old_sha
    for member in ("forms/chain/form.yaml", "maps/chain-1-to-2.yaml", installed.previous_forms[0].path):
        assert installed_file(installed, member).read_bytes() == members[member]
    # the organisation is pinned by the first bundle
    assert cdo_keys(trusting)[0].organisation == ORG
    # the same bundle again changes nothing; a newer bundle of the same round replaces it
    assert open_bundle(trusting, data).status == "unchanged"
    newer = make_bundle(cdo_signer, tmp_path / "c", forms=[V2], sequence=2, deadline="2027-05-01")
    assert open_bundle(trusting, newer).status == "updated"
    assert trusting.installed_round(ROUND).deadline == "2027-05-01"
    assert [r.sequence for r in trusting.installed_rounds()] == [2]
    assert not [p for p in rounds_dir().iterdir() if p.name.startswith(".")]  # no temporary folders left


def _unsigned(data: bytes, _: Any) -> bytes:
    members = zip_members(data)
    del members[ROUND_SIG]
    return rezip(members)


def _round_json_changed(data: bytes, _: Any) -> bytes:
    members = zip_members(data)
    members[ROUND_JSON] = members[ROUND_JSON].replace(b"2027-04-01", b"2027-09-01")
    return rezip(members)


def _form_changed(data: bytes, _: Any) -> bytes:
    members = zip_members(data)
    members["forms/chain/form.yaml"] = members["forms/chain/form.yaml"].replace(b"Vraag 1?", b"Vraag 9?")
    return rezip(members)


def _extra_member(data: bytes, _: Any) -> bytes:
    members = zip_members(data)
    members["maps/extra.yaml"] = b"migration: 1\n"
    return rezip(members)


def _not_a_zip(data: bytes, _: Any) -> bytes:
    return b"PK\x03\x04 not really a zip" + data[:50]


def _traversal(data: bytes, _: Any) -> bytes:
    members = zip_members(data)
    members["../evil.yaml"] = b"x"
    return rezip(members)


REFUSALS = [
    (_unsigned, "unsigned", "niet ondertekend"),
    (_round_json_changed, "signature", "handtekening klopt niet"),
    (_form_changed, "hash-mismatch", "forms/chain/form.yaml"),
    (_extra_member, "files", "maps/extra.yaml"),
    (_not_a_zip, "unsafe-zip", "zip"),
    (_traversal, "unsafe-zip", ".."),
]


@pytest.mark.parametrize(("tamper", "code", "words"), REFUSALS, ids=[r[1] + "-" + r[0].__name__ for r in REFUSALS])
def test_a_damaged_or_unsigned_bundle_is_refused_and_nothing_installed(
        tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer, tamper: Any, code: str, words: str) -> None:
    data = tamper(make_bundle(cdo_signer, tmp_path / "b"), cdo_signer)
    before = folder_listing(rounds_dir())
    with pytest.raises(BundleError) as caught:
        open_bundle(trusting, data)
    assert caught.value.code == code
    assert words in caught.value.text("nl"), caught.value.text("nl")
    assert caught.value.text("en") and caught.value.text("en") != caught.value.text("nl")
    assert trusting.installed_rounds() == []
    assert folder_listing(rounds_dir()) == before
    assert cdo_keys(trusting)[0].organisation is None  # not even the organisation was pinned


def test_a_bundle_signed_with_another_key_is_refused(tmp_path: Path, trusting: Any, stranger_signer: Ed25519Signer) -> None:
    data = make_bundle(stranger_signer, tmp_path / "b")
    with pytest.raises(BundleError) as caught:
        open_bundle(trusting, data)
    assert caught.value.code == "untrusted-signer"
    assert "niet de CDO-sleutel" in caught.value.text("nl") and "not the CDO key" in caught.value.text("en")
    assert trusting.installed_rounds() == [] and folder_listing(rounds_dir()) == set()


def test_without_a_cdo_key_nothing_can_be_opened(tmp_path: Path, owner: Any, cdo_signer: Ed25519Signer,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CDO_KEY_ENV, raising=False)
    with pytest.raises(BundleError) as caught:
        open_bundle(owner, make_bundle(cdo_signer, tmp_path / "b"))
    assert caught.value.code == "no-cdo-key" and "round trust-cdo" in caught.value.text("nl")
    assert owner.installed_rounds() == []


def test_a_bundle_for_another_organisation_is_refused(tmp_path: Path, owner: Any, cdo_signer: Ed25519Signer,
                                                      cdo_pem: Path) -> None:
    trust_cdo(owner, cdo_pem, organisation=ORG)
    data = make_bundle(cdo_signer, tmp_path / "b", organisation="Gemeente Elders")
    with pytest.raises(BundleError) as caught:
        open_bundle(owner, data)
    assert caught.value.code == "organisation"
    assert "Gemeente Elders" in caught.value.text("nl") and ORG in caught.value.text("nl")
    assert owner.installed_rounds() == [] and folder_listing(rounds_dir()) == set()
    # the first bundle pins the organisation when enrolment did not name it
    open_bundle(owner, make_bundle(cdo_signer, tmp_path / "c", organisation="  ministerie  van voorbeelden "))
    assert [r.name for r in owner.installed_rounds()] == [ROUND]


def test_an_older_bundle_is_refused(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer) -> None:
    open_bundle(trusting, make_bundle(cdo_signer, tmp_path / "new", sequence=5))
    before = folder_listing(rounds_dir())
    for name, seq in (("Inventarisatie 2026", 3), (ROUND, 4)):
        with pytest.raises(BundleError) as caught:
            open_bundle(trusting, make_bundle(cdo_signer, tmp_path / f"old{seq}", round_name=name, sequence=seq))
        assert caught.value.code == "older"
        assert f"bundel {seq}" in caught.value.text("nl") and "bundel 5" in caught.value.text("nl")
    assert [r.sequence for r in trusting.installed_rounds()] == [5]
    assert folder_listing(rounds_dir()) == before


def test_a_bundle_with_a_form_that_fails_forms_check_is_refused(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer) -> None:
    broken = V2.replace("next: [{question: q2}]", "next: [{question: q7}]", 1)
    assert broken != V2
    with pytest.raises(BundleError) as caught:
        open_bundle(trusting, make_bundle(cdo_signer, tmp_path / "b", forms=[broken]))
    assert caught.value.code == "form-check"
    assert "forms check" in caught.value.text("nl") and "q7" in caught.value.text("nl")
    assert trusting.installed_rounds() == [] and folder_listing(rounds_dir()) == set()


def test_a_bundle_with_a_map_naming_unknown_ids_is_refused(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer) -> None:
    old_sha, new_sha = sha_of(tmp_path, V1), sha_of(tmp_path, V2)
    bad = map_text("1", "2", old_sha, new_sha, "questions:\n  - from: q9\n    to: q1\n  - from: q0\n    answers: {a: z}\n")
    with pytest.raises(BundleError) as caught:
        open_bundle(trusting, make_bundle(cdo_signer, tmp_path / "b", forms=[V2], previous=[V1], maps=[("bad.yaml", bad)]))
    assert caught.value.code == "map-check"
    message = caught.value.text("nl")
    assert "maps/bad.yaml" in message and "'q9'" in message and "'z'" in message
    assert trusting.installed_rounds() == [] and folder_listing(rounds_dir()) == set()


def test_a_map_to_a_form_that_is_not_in_the_bundle_is_refused(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer) -> None:
    mapping = map_text("1", "2", sha_of(tmp_path, V1), sha_of(tmp_path, V2))
    with pytest.raises(BundleError) as caught:  # the map starts at version 1, which the bundle does not carry
        open_bundle(trusting, make_bundle(cdo_signer, tmp_path / "b", forms=[V2], maps=[("m.yaml", mapping)]))
    assert caught.value.code == "map-check" and "chain 1" in caught.value.text("nl")


def test_the_cdo_key_can_come_with_the_installation(tmp_path: Path, owner: Any, cdo_signer: Ed25519Signer, cdo_pem: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CDO_KEY_ENV, str(cdo_pem))
    assert owner.cdo_keys() == []
    assert open_bundle(owner, make_bundle(cdo_signer, tmp_path / "b")).status == "installed"
    recorded = owner.cdo_keys()
    assert [(k.fingerprint, k.source, k.organisation) for k in recorded] == [(cdo_signer.fingerprint, "installed", ORG)]


def test_another_cdo_key_replaces_the_first_only_when_asked(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer,
                                                          stranger_signer: Ed25519Signer) -> None:
    pem = tmp_path / "other.pem"
    from algoinventaris.package.keys import public_key_pem

    pem.write_bytes(public_key_pem(Ed25519PublicKey.from_public_bytes(stranger_signer.public_raw)))
    with pytest.raises(KeyConflict, match="replacing it must be asked"):
        trust_cdo(trusting, pem)
    assert [k.fingerprint for k in trusting.cdo_keys()] == [cdo_signer.fingerprint]
    trust_cdo(trusting, pem, replace=True)
    assert [k.fingerprint for k in trusting.cdo_keys()] == [stranger_signer.fingerprint]
    assert len(trusting.cdo_keys(include_retired=True)) == 2
    with pytest.raises(BundleError) as caught:  # the retired key no longer opens bundles
        open_bundle(trusting, make_bundle(cdo_signer, tmp_path / "b"))
    assert caught.value.code == "untrusted-signer"


def test_an_unreadable_file_is_named(tmp_path: Path, trusting: Any) -> None:
    with pytest.raises(BundleError) as caught:
        open_bundle(trusting, tmp_path / "missing.zip")
    assert caught.value.code == "unreadable" and "missing.zip" in caught.value.text("nl")


def test_a_refused_newer_bundle_leaves_the_opened_round_as_it_was(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer) -> None:
    open_bundle(trusting, make_bundle(cdo_signer, tmp_path / "one", forms=[V1]))
    before = {p: (rounds_dir() / p).read_bytes() for p in folder_listing(rounds_dir()) if (rounds_dir() / p).is_file()}
    broken = V2.replace("next: [{question: q2}]", "next: [{question: q7}]", 1)
    with pytest.raises(BundleError) as caught:
        open_bundle(trusting, make_bundle(cdo_signer, tmp_path / "two", forms=[broken], sequence=2))
    assert caught.value.code == "form-check"
    assert [r.sequence for r in trusting.installed_rounds()] == [1]
    after = {p: (rounds_dir() / p).read_bytes() for p in folder_listing(rounds_dir()) if (rounds_dir() / p).is_file()}
    assert after == before


def test_a_failure_while_installing_puts_the_earlier_round_back(tmp_path: Path, trusting: Any, cdo_signer: Ed25519Signer,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from algoinventaris.storage import StorageError

    open_bundle(trusting, make_bundle(cdo_signer, tmp_path / "one", forms=[V1]))
    installed = trusting.installed_round(ROUND)
    form_file = installed_file(installed, "forms/chain/form.yaml")
    assert form_file.read_text(encoding="utf-8") == V1

    def refuse(**_: Any) -> None:
        raise StorageError("the disk is full (test)")

    monkeypatch.setattr(trusting, "record_round", refuse)
    with pytest.raises(BundleError) as caught:
        open_bundle(trusting, make_bundle(cdo_signer, tmp_path / "two", forms=[V2], sequence=2))
    assert caught.value.code == "install" and "the disk is full" in caught.value.text("en")
    assert form_file.read_text(encoding="utf-8") == V1  # the files of bundle 1 are back in place
    assert [r.sequence for r in trusting.installed_rounds()] == [1]
    assert not [p for p in rounds_dir().iterdir() if p.name.startswith(".")]


def test_openssl_and_sha256sum_check_a_bundle_without_this_app(tmp_path: Path, cdo_signer: Ed25519Signer, cdo_pem: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("openssl") is None or shutil.which("sha256sum") is None:
        pytest.skip("openssl or sha256sum is not installed")
    folder = tmp_path / "unpacked"
    folder.mkdir()
    for name, content in zip_members(make_bundle(cdo_signer, tmp_path / "b")).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    done = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(cdo_pem), "-rawin", "-in", "round.json",
                           "-sigfile", "round.sig"], cwd=folder, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "Signature Verified Successfully" in done.stdout, done.stderr
    listing = "".join(f"{f['sha256']}  {f['name']}\n" for f in json.loads((folder / ROUND_JSON).read_bytes())["files"])
    done = subprocess.run(["sha256sum", "-c", "-"], cwd=folder, input=listing, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "forms/chain/form.yaml: OK" in done.stdout, done.stderr
    (folder / ROUND_JSON).write_bytes((folder / ROUND_JSON).read_bytes().replace(b"Directie A", b"Directie X"))
    done = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(cdo_pem), "-rawin", "-in", "round.json",
                           "-sigfile", "round.sig"], cwd=folder, capture_output=True, text=True, check=False)
    assert done.returncode != 0
