"""The CDO's side: declaring a round with its forms and maps, the signed bundle, and per algorithm whether its
category or AI-Act conclusion changed because of the new tree (real trees, real packages, real databases)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.cdo.dashboard import build_dashboard, status
from algoinventaris.cdo.pipeline import Importer
from algoinventaris.cdo.rounds import RoundSetupError, cdo_key_store, create_round, export_bundle, known_forms, tree_changes
from algoinventaris.domain.rounds import RoundFile
from algoinventaris.formengine.beslishulp import import_to_dir
from algoinventaris.formengine.model import Form
from algoinventaris.formengine.paths import explore
from algoinventaris.formengine.session import resolve
from algoinventaris.package.bundle import read_and_check
from algoinventaris.package.export import export_algorithm
from algoinventaris.package.keys import Ed25519Signer
from algoinventaris.package.rounds import FormLibrary, open_bundle, start_from_last_year
from algoinventaris.storage.cdo import NotFound, open_cdo_db
from tests.conftest import FORMS, OFFICIAL_TREES, reference_file, run_cli
from tests.migration.test_official_maps import RENUMBERED, expected_flags
from tests.rounds.conftest import ORG, PASSPHRASE, folder_listing, form_text, map_text, rezip, sha_of, zip_members

MAP_2025 = FORMS / "migrations" / "beslishulp-2025-01-22-to-2026-01-06.yaml"


@pytest.fixture
def cdo(tmp_path: Path) -> Iterator[Any]:
    repository = open_cdo_db(tmp_path / "cdo.sqlite3")
    yield repository
    repository.close()


def _form_dir(tmp: Path, name: str, text: str) -> Path:
    folder = tmp / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "form.yaml").write_text(text, encoding="utf-8")
    return folder


def test_round_details_files_bundles_and_settings_in_the_cdo_database(repo: Any) -> None:  # SQLite and PostgreSQL
    files = [RoundFile("form", "forms/chain", "chain", "2", "a" * 64, b"id: chain\n"),
             RoundFile("map", "m.yaml", "chain", "2", "b" * 64, b"migration: 1\n")]
    details = repo.set_round_details("Inventarisatie 2027", organisation=" Ministerie  van Voorbeelden", deadline="2027-04-01",
                                     units=["Directie A"], files=files, actor="tester")
    assert (details.organisation, details.deadline, details.units) == (ORG, "2027-04-01", ("Directie A",))
    assert [(f.role, f.data) for f in details.files] == [("form", b"id: chain\n"), ("map", b"migration: 1\n")]
    # declaring again replaces the files and adds units
    details = repo.set_round_details("inventarisatie 2027", organisation=ORG, deadline=None, units=["Directie B"],
                                     files=files[:1], actor="tester")
    assert details.units == ("Directie A", "Directie B") and len(details.files) == 1 and details.deadline is None
    with pytest.raises(ValueError):
        repo.set_round_details("Inventarisatie 2027", organisation=ORG, deadline="2027-02-30", units=[], files=[], actor="t")
    assert repo.next_bundle_sequence() == 1
    repo.record_bundle("Inventarisatie 2027", sequence=1, sha256="c" * 64, fingerprint="SHA256:" + "d" * 64, actor="tester")
    assert repo.next_bundle_sequence() == 2
    assert [b.sequence for b in repo.round_details("Inventarisatie 2027").bundles] == [1]
    assert repo.get_setting("organisation") is None
    repo.set_setting("organisation", ORG)
    assert repo.get_setting("organisation") == ORG
    assert repo.submission_links() == {}
    assert {e.action for e in repo.audit_log()} >= {"round-create", "round-bundle"}
    with pytest.raises(NotFound, match="known: Inventarisatie 2027"):
        repo.round_details("Inventarisatie 1999")


def test_a_round_with_a_broken_form_or_map_is_not_declared(tmp_path: Path, cdo: Any) -> None:
    v1, v2 = form_text("1"), form_text("2")
    good, old = _form_dir(tmp_path, "v2", v2), _form_dir(tmp_path, "v1", v1)
    broken = _form_dir(tmp_path, "broken", v2.replace("next: [{question: q2}]", "next: [{question: q7}]", 1))
    unknown_ids = tmp_path / "unknown.yaml"
    unknown_ids.write_text(map_text("1", "2", sha_of(tmp_path, v1), sha_of(tmp_path, v2), "questions:\n  - from: q9\n    to: q0\n"))
    cases: list[tuple[dict[str, Any], str]] = [
        ({"forms": [broken]}, "forms check"),
        ({"forms": [good], "previous_forms": [old], "maps": [unknown_ids]}, "'q9'"),
        ({"forms": [good], "maps": [unknown_ids]}, "--old-forms"),
        ({"forms": [good], "deadline": "1 april"}, "1 april"),
        ({"forms": [good, good]}, "twee keer"),
        ({"forms": [tmp_path / "nowhere"]}, "nowhere"),
    ]
    for extra, words in cases:
        kwargs: dict[str, Any] = {"deadline": "2027-04-01", "units": ["Directie A"], "organisation": ORG, "actor": "t"} | extra
        with pytest.raises(RoundSetupError) as caught:
            create_round(cdo, "Inventarisatie 2027", **kwargs)
        assert words in caught.value.text("nl"), (extra, caught.value.text("nl"))
        assert cdo.list_rounds() == [] and cdo.get_setting("organisation") is None
    with pytest.raises(RoundSetupError, match="--organisation"):
        create_round(cdo, "Inventarisatie 2027", deadline=None, units=[], forms=[good], actor="t")


def test_bundles_are_numbered_and_open_on_the_owner_side(tmp_path: Path, cdo: Any, cdo_signer: Ed25519Signer) -> None:
    v1, v2 = form_text("1"), form_text("2")
    mapping = tmp_path / "chain-1-2.yaml"
    mapping.write_text(map_text("1", "2", sha_of(tmp_path, v1), sha_of(tmp_path, v2)))
    created = create_round(cdo, "Inventarisatie 2027", deadline="2027-04-01", units=["Directie A"], organisation=ORG,
                           forms=[_form_dir(tmp_path, "v2", v2)], previous_forms=[_form_dir(tmp_path, "v1", v1)], maps=[mapping],
                           actor="t")
    assert [f.role for f in created.details.files] == ["form", "previous", "map"]
    create_round(cdo, "Inventarisatie 2026", deadline=None, units=[], forms=[_form_dir(tmp_path, "v1", v1)], actor="t")
    first = export_bundle(cdo, "Inventarisatie 2027", cdo_signer, tmp_path / "2027.zip", actor="t")
    second = export_bundle(cdo, "Inventarisatie 2026", cdo_signer, tmp_path / "2026.zip", actor="t")
    assert (first.sequence, second.sequence) == (1, 2)
    with pytest.raises(RoundSetupError, match="bestaat al"):
        export_bundle(cdo, "Inventarisatie 2027", cdo_signer, tmp_path / "2027.zip", actor="t")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    checked = read_and_check(first.path.read_bytes(), trusted_keys=[cdo_signer.public_raw], workdir=tmp_path / "work")
    assert checked.bundle.sequence == 1 and set(checked.forms) == {"chain"} and len(checked.maps) == 1
    assert checked.bundle.organisation == ORG and checked.bundle.units == ("Directie A",)
    assert first.sha256 == checked.bundle.sha256


def test_the_whole_round_on_the_command_line(tmp_path: Path) -> None:
    env = {"ALGOINVENTARIS_DATA_DIR": str(tmp_path / "data"), "ALGOINVENTARIS_CDO_DB": str(tmp_path / "cdo.sqlite3"),
           "ALGOINVENTARIS_KEY_PASSPHRASE": PASSPHRASE, "ALGOINVENTARIS_DB": str(tmp_path / "owner.sqlite3")}
    form = _form_dir(tmp_path, "chain", form_text("1"))
    done = run_cli("cdo", "round", "create", "Inventarisatie 2027", "--deadline", "2027-04-01", "--units", "Directie A,Directie B",
                   "--organisation", ORG, "--forms", str(form), env=env)
    assert done.returncode == 0, done.stderr
    assert "vragenlijst chain 1" in done.stdout
    done = run_cli("cdo", "round", "export-bundle", "Inventarisatie 2027", "--out", str(tmp_path / "b.zip"), env=env)
    assert done.returncode == 0, done.stderr
    assert "CDO-sleutel gemaakt" in done.stderr and "Bundel 1" in done.stderr
    assert run_cli("cdo", "key", "export-public", "--out", str(tmp_path / "cdo.pem"), env=env).returncode == 0
    done = run_cli("round", "trust-cdo", "--key", str(tmp_path / "cdo.pem"), env=env)
    assert done.returncode == 0 and "CDO-sleutel ingesteld" in done.stdout, done.stderr
    done = run_cli("round", "open", str(tmp_path / "b.zip"), "--json", env=env)
    assert done.returncode == 0, done.stderr
    opened = json.loads(done.stdout)
    assert opened["status"] == "installed" and opened["round"]["units"] == ["Directie A", "Directie B"]
    tampered = tmp_path / "tampered.zip"
    members = zip_members((tmp_path / "b.zip").read_bytes())
    members["round.json"] = members["round.json"].replace(b"Directie B", b"Directie C")
    tampered.write_bytes(rezip(members))
    done = run_cli("round", "open", str(tampered), env={**env, "ALGOINVENTARIS_LANG": "en"})
    assert done.returncode == 1 and "bundle refused (signature)" in done.stderr, done.stderr
    done = run_cli("round", "list", "--json", env=env)
    listed = json.loads(done.stdout)
    assert [r["name"] for r in listed["rounds"]] == ["Inventarisatie 2027"]
    assert listed["cdo_keys"][0]["organisation"] == ORG
    assert cdo_key_store().folder != Path(env["ALGOINVENTARIS_DATA_DIR"]) / "keys"  # the CDO key is not an owner key


# --- changes because of the new tree ------------------------------------------------------------------


def _confirm_until_done(repo: Any, alg_id: str, form: Form) -> None:
    """What an owner does in the wizard: confirm every proposal on the path, answer open questions (first answer)."""
    while True:
        stored = {q: a.answers for q, a in repo.answers(alg_id, form.id).items() if a.status != "set_aside"}
        state = resolve(form, stored)
        for qid in state.on_path:
            repo.save_answer(alg_id, form, qid, stored[qid], status="confirmed")
        if state.done:
            aside = [q for q in stored if q not in state.on_path]
            repo.mark_set_aside(alg_id, form.id, aside)
            repo.discard_set_aside(alg_id, form.id)
            assert state.decision.conclusion is not None
            repo.set_outcome(alg_id, state.decision.conclusion.id, state.decision.conclusion.ref, state="complete")
            return
        assert state.current is not None
        repo.save_answer(alg_id, form, state.current.id, [state.current.answers[0].id], status="confirmed")


def test_the_cdo_sees_which_outcomes_changed_because_of_the_new_tree(
        tmp_path: Path, cdo: Any, owner: Any, cdo_signer: Ed25519Signer, owner_signer: Ed25519Signer) -> None:
    trees = {}
    for name in ("2025-01-22", "2026-01-06"):
        trees[name] = import_to_dir(reference_file(OFFICIAL_TREES[name]), tmp_path / "trees" / name)
    f25, f26 = trees["2025-01-22"][1], trees["2026-01-06"][1]
    dir25, dir26 = trees["2025-01-22"][0].parent, trees["2026-01-06"][0].parent
    # the CDO declares both rounds and sends the bundles
    create_round(cdo, "Inventarisatie 2025", deadline="2025-04-01", units=["Directie A"], organisation=ORG, forms=[dir25], actor="t")
    create_round(cdo, "Inventarisatie 2026", deadline="2026-04-01", units=["Directie A"], forms=[dir26], previous_forms=[dir25],
                 maps=[MAP_2025], actor="t")
    bundles = [export_bundle(cdo, r, cdo_signer, tmp_path / f"{r}.zip", actor="t").path
               for r in ("Inventarisatie 2025", "Inventarisatie 2026")]
    owner.trust_cdo_key(cdo_signer.public_raw, cdo_signer.fingerprint)
    assert [open_bundle(owner, b).status for b in bundles] == ["installed", "installed"]
    cdo.add_trust("Directie A", "ed25519", owner_signer.fingerprint, owner_signer.public_raw, actor="t")
    # last year: three algorithms
    paths = explore(f25).paths
    by_tree = next(p for p in paths if "q2.11" in expected_flags(p))
    steady = next(p for p in paths if not expected_flags(p) and p.end[1:] not in RENUMBERED and len(p.steps) > 4)
    by_owner = next(p for p in paths if not expected_flags(p) and p.end[1:] not in RENUMBERED and p.end != steady.end)
    other_path = next(p for p in explore(f26).paths if p.end[1:] not in (by_owner.end[1:], RENUMBERED.get(by_owner.end[1:])))
    names = {"door de boom": by_tree, "gelijk": steady, "door de eigenaar": by_owner}
    importer = Importer(cdo, actor="t", forms=known_forms(cdo))
    last = {}
    for name, path in names.items():
        alg = owner.create_algorithm(name, ORG, "Directie A", "Inventarisatie 2025")
        for qid, answers in path.steps:
            owner.save_answer(alg.id, f25, qid, answers)
        _confirm_until_done(owner, alg.id, f25)
        out = importer.import_file(export_algorithm(owner, alg.id, owner_signer, tmp_path / "out25", form=f25).path)
        assert out.result == "imported", out.reason("en")
        last[name] = alg
    # this year: carried over, confirmed; one owner answers differently
    library = FormLibrary(owner)
    for name, alg in last.items():
        new = start_from_last_year(owner, alg.id, "Inventarisatie 2026", library=library).algorithm
        if name == "door de eigenaar":
            owner.mark_set_aside(new.id, f26.id, list(owner.answers(new.id, f26.id)))
            owner.discard_set_aside(new.id, f26.id)
            for qid, answers in other_path.steps:
                owner.save_answer(new.id, f26, qid, answers, status="confirmed")
        _confirm_until_done(owner, new.id, f26)
        package = export_algorithm(owner, new.id, owner_signer, tmp_path / "out26", form=f26)
        out = importer.import_file(package.path)
        assert out.result == "imported", out.reason("en")
    changes = {c.algorithm: c for c in tree_changes(cdo, "Inventarisatie 2026")}
    assert set(changes) == {"door de boom", "door de eigenaar"}
    tree, own = changes["door de boom"], changes["door de eigenaar"]
    assert tree.linked and tree.tree_changed and tree.conclusion_changed and tree.cause == "tree"
    assert tree.conclusion_before == by_tree.end[1:] and tree.migrated_conclusion is None  # the tree asks 2.11 now
    assert tree.form_before == (f25.id, f25.version, f25.content_hash) and tree.form_after[2] == f26.content_hash
    assert own.cause == "answers" and own.conclusion_after == other_path.end[1:]
    assert own.migrated_conclusion == RENUMBERED.get(by_owner.end[1:], by_owner.end[1:])
    as_json = tree.to_json("en")
    assert as_json["because_of_new_tree"] is True and "because of the new version of the decision tree" in as_json["text"]
    assert own.to_json()["because_of_new_tree"] is False
    # cdo status --json and the dashboard show it; the carried-over algorithms are matched, not "new" and "gone"
    rounds = {r["round"]: r for r in status(cdo)["rounds"]}
    assert {c["algorithm"] for c in rounds["Inventarisatie 2026"]["outcome_changes"]} == {"door de boom", "door de eigenaar"}
    assert rounds["Inventarisatie 2026"]["previous_round"] == "Inventarisatie 2025"
    dash = build_dashboard(cdo, "Inventarisatie 2026")
    kinds = {c.kind for c in dash.changes}
    assert "conclusion" in kinds and not kinds & {"new", "gone"}, kinds
    texts = {c.algorithm: c.describe("nl") for c in dash.changes if c.kind == "conclusion"}
    assert "door de nieuwe versie van de beslisboom" in texts["door de boom"]
    assert "andere antwoorden" in texts["door de eigenaar"]
    env = {"ALGOINVENTARIS_CDO_DB": str(cdo.target.path)}
    done = run_cli("cdo", "status", "--round", "Inventarisatie 2026", env=env)
    assert done.returncode == 0 and "Veranderd sinds Inventarisatie 2025: door de boom" in done.stdout, done.stderr
    assert folder_listing(tmp_path / "out26") and len(list((tmp_path / "out26").glob("*.zip"))) == 3
