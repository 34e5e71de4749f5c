"""Export from a real owner database: in-process (the GUI's entry point) and `export package` on the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.formengine.model import Form
from algoinventaris.package.errors import NotReady
from algoinventaris.package.export import ExportLog, export_algorithm
from algoinventaris.package.keys import Ed25519Signer, KeyStore
from algoinventaris.package.verify import EXIT_VALID, verify_package
from tests.conftest import run_cli
from tests.package.conftest import HIGH_RISK_PROVIDER, PASSPHRASE, write_test_form
from tests.package.helpers import members

storage = pytest.importorskip("algoinventaris.storage")


@pytest.fixture
def forms_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "forms"
    write_test_form(folder)
    monkeypatch.setenv("ALGOINVENTARIS_FORMS_DIR", str(folder))
    return folder


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    db = tmp_path / "owner.sqlite3"
    monkeypatch.setenv("ALGOINVENTARIS_DB", str(db))
    repository = storage.open_owner_db(db)
    yield repository
    repository.close()


def answer_all(repo: Any, form: Form, algorithm_id: str, answers: dict[str, list[str]], status: str = "confirmed") -> None:
    for qid, given in answers.items():
        repo.save_answer(algorithm_id, form, qid, given, status=status)


def test_export_writes_verifiable_package_and_marks_exported(repo: Any, form: Form, ed_signer: Ed25519Signer,
                                                             tmp_path: Path) -> None:
    alg = repo.create_algorithm("Toeslagenrisicoscan", "Gemeente Ééndracht", "Zorg", "Inventarisatie 2026")
    answer_all(repo, form, alg.id, HIGH_RISK_PROVIDER)
    seen: list[int] = []
    log = ExportLog(tmp_path / "exports.jsonl")
    first = export_algorithm(repo, alg.id, ed_signer, tmp_path / "out", form=form, log=log,
                             progress=lambda d, t, w: seen.append(d))
    assert seen[-1] == 5
    assert verify_package(first.path, trusted_keys=[ed_signer.public_raw]).code == EXIT_VALID
    assert first.corrects is None and first.fingerprint == ed_signer.fingerprint
    after = repo.get_algorithm(alg.id)
    assert after.state == "exported" and after.conclusion == "high-risk-provider" and after.conclusion_ref == "12.1"
    manifest = json.loads(dict(members(first.path))["manifest.json"])
    assert manifest["algorithm"]["id"] == alg.id and manifest["organisation"]["unit"] == "Zorg"
    second = export_algorithm(repo, alg.id, ed_signer, tmp_path / "out", form=form, log=log)
    assert second.corrects == first.submission_id and second.path != first.path
    one, two = dict(members(first.path)), dict(members(second.path))
    assert one["answers.json"] == two["answers.json"] and one["outcome.json"] == two["outcome.json"]
    assert [e["submission_id"] for e in log.entries()] == [first.submission_id, second.submission_id]


def test_unfinished_or_unconfirmed_algorithms_are_refused(repo: Any, form: Form, ed_signer: Ed25519Signer,
                                                          tmp_path: Path) -> None:
    alg = repo.create_algorithm("Half af", "Gemeente X", "Stad", "Inventarisatie 2026")
    answer_all(repo, form, alg.id, {"is-algorithm": ["yes"]})
    with pytest.raises(NotReady) as err:
        export_algorithm(repo, alg.id, ed_signer, tmp_path / "out", form=form, log=ExportLog(tmp_path / "l"))
    assert "nog niet afgerond: vraag 'role' (1.2)" in str(err.value) and "staat open" in str(err.value)
    assert err.value.question_id == "role"
    answer_all(repo, form, alg.id, {k: v for k, v in HIGH_RISK_PROVIDER.items() if k != "is-algorithm"},
               status="prefilled")
    with pytest.raises(NotReady, match="nog niet bevestigd"):
        export_algorithm(repo, alg.id, ed_signer, tmp_path / "out", form=form, log=ExportLog(tmp_path / "l"))
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert repo.get_algorithm(alg.id).state == "draft"


def test_export_package_command(repo: Any, form: Form, forms_dir: Path, tmp_path: Path) -> None:
    done = repo.create_algorithm("Toeslagenrisicoscan", "Gemeente Ééndracht", "Zorg", "Inventarisatie 2026")
    answer_all(repo, form, done.id, HIGH_RISK_PROVIDER)
    open_one = repo.create_algorithm("Parkeerscan", "Gemeente Ééndracht", "Mobiliteit", "Inventarisatie 2026")
    answer_all(repo, form, open_one.id, {"is-algorithm": ["yes"]})
    out = tmp_path / "packages"
    no_pass = run_cli("export", "package", done.id, "--out", str(out), stdin="")
    assert no_pass.returncode == 3 and "--passphrase-file" in no_pass.stderr
    env = {"ALGOINVENTARIS_KEY_PASSPHRASE": PASSPHRASE}
    result = run_cli("export", "package", done.id, "--out", str(out), "--signer", "Anouk de Vries", stdin="", env=env)
    assert result.returncode == 0, result.stderr
    written = [Path(line) for line in result.stdout.splitlines()]
    assert len(written) == 1 and written[0].parent == out and written[0].name.startswith("gemeente-eendracht-toeslagen")
    assert "Nieuwe sleutel gemaakt voor Anouk de Vries" in result.stderr
    assert verify_package(written[0], trusted_keys=[KeyStore().load_ed25519(PASSPHRASE).public_raw]).code == EXIT_VALID
    wrong = run_cli("export", "package", done.id, "--out", str(out), stdin="",
                    env={"ALGOINVENTARIS_KEY_PASSPHRASE": "not the passphrase"})
    assert wrong.returncode == 1 and "wachtwoordzin opent de sleutel" in wrong.stderr
    assert sorted(out.iterdir()) == written
    both = run_cli("export", "package", "--all", "--out", str(out), stdin="", env=env)
    assert both.returncode == 4
    assert "nog niet afgerond" in both.stderr and "Parkeerscan" in both.stderr
    assert len(both.stdout.splitlines()) == 1
    unknown = run_cli("export", "package", "no-such-id", "--out", str(out), stdin="", env=env)
    assert unknown.returncode == 1 and "no-such-id" in unknown.stderr


def test_package_is_kept_when_the_database_is_locked(tmp_path: Path, form: Form, ed_signer: Ed25519Signer) -> None:
    import sqlite3

    db = tmp_path / "locked.sqlite3"
    repo = storage.open_owner_db(db, busy_timeout=0.2)
    try:
        alg = repo.create_algorithm("Toeslagenrisicoscan", "Gemeente Ééndracht", "Zorg", "Inventarisatie 2026")
        answer_all(repo, form, alg.id, HIGH_RISK_PROVIDER)
        blocker = sqlite3.connect(db)
        blocker.execute("BEGIN IMMEDIATE")  # another process is writing
        try:
            result = export_algorithm(repo, alg.id, ed_signer, tmp_path / "out", form=form,
                                      log=ExportLog(tmp_path / "log"))
        finally:
            blocker.rollback()
            blocker.close()
        assert result.mark_error and result.path.exists()
        assert verify_package(result.path).code == EXIT_VALID
        assert repo.get_algorithm(alg.id).state == "draft"
    finally:
        repo.close()
