"""`cdo drafts ...` as a CDO uses it (the real CLI in a subprocess): nothing stored until confirmed, then the bundle carries it."""

from __future__ import annotations

import base64
import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.package.bundle import read_bundle
from algoinventaris.storage.cdo import open_cdo_db
from tests.conftest import ROOT, run_cli
from tests.drafts.conftest import ORG, ROUND
from tests.rounds.conftest import PASSPHRASE, form_text


@pytest.fixture
def cdo_db(tmp_path: Path) -> str:
    """A CDO database with the round declared (a small questionnaire, two units), as `cdo round create` makes it."""
    from algoinventaris.cdo.rounds import create_round

    folder = tmp_path / "form"
    folder.mkdir()
    (folder / "form.yaml").write_text(form_text("1"), encoding="utf-8")
    db = str(tmp_path / "cdo.sqlite3")
    with open_cdo_db(db) as repo:
        create_round(repo, ROUND, deadline=None, units=["Directie A", "Directie B"], organisation=ORG, forms=[folder], actor="cdo")
    return db


def _stored(db: str) -> tuple[list[Any], int]:
    with open_cdo_db(db) as repo:
        return repo.list_drafts(include_deleted=True), len(repo.audit_log(10_000))


def test_without_confirmation_nothing_is_stored(cdo_db: str, record_files: list[Path]) -> None:
    before = _stored(cdo_db)
    done = run_cli("cdo", "--db", cdo_db, "drafts", "import", *map(str, record_files[:3]), "--round", ROUND, stdin="")
    assert done.returncode == 0, done.stderr
    assert "Er is niets opgeslagen; voeg --yes toe om over te nemen." in done.stdout
    assert "Burgerzaken: eDiensten  [Centric.json, record 1]" in done.stdout
    assert "nieuw · onderdeel (nog niet toegewezen) · 8 afwijkingen" in done.stdout
    assert "12 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 dubbel" in done.stdout
    assert _stored(cdo_db) == before


def test_yes_stores_and_a_second_run_finds_everything_unchanged(cdo_db: str, record_files: list[Path]) -> None:
    files = [str(f) for f in record_files]
    done = run_cli("cdo", "--db", cdo_db, "drafts", "import", *files, "--round", ROUND, "--unit", "Directie A", "--yes",
                   "--json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["stored"] is True and out["result"]["new"] == 27 and out["plan"]["counts"]["new"] == 27
    assert {i["unit"] for i in out["plan"]["items"]} == {"Directie A"}
    assert "Stored: 27 new, 0 updated." in done.stderr
    drafts, audit = _stored(cdo_db)
    assert len(drafts) == 27
    again = run_cli("cdo", "--db", cdo_db, "drafts", "import", *files, "--round", ROUND, "--yes")
    assert again.returncode == 0 and "0 nieuw, 0 bijgewerkt, 27 ongewijzigd, 0 dubbel" in again.stdout
    assert "niets te doen" in again.stdout
    assert _stored(cdo_db) == (drafts, audit)


def test_an_unreadable_file_stops_everything(cdo_db: str, tmp_path: Path, record_files: list[Path]) -> None:
    fake = tmp_path / "inventaris.xlsx"
    fake.write_bytes(b"%PDF-1.4 geen werkmap")
    before = _stored(cdo_db)
    done = run_cli("cdo", "--db", cdo_db, "drafts", "import", str(record_files[0]), str(fake), "--round", ROUND, "--yes")
    assert done.returncode == 3
    assert "inventaris.xlsx" in done.stderr and "geen Excel-werkmap" in done.stderr and "niets opgeslagen" in done.stderr
    assert _stored(cdo_db) == before
    unknown = run_cli("cdo", "--db", cdo_db, "drafts", "import", str(record_files[0]), "--round", "Inventarisatie 2031", "--yes")
    assert unknown.returncode == 1 and "cdo round create" in unknown.stderr


def _run_on_a_terminal(args: list[str], answer: bytes) -> tuple[int, str]:
    """Run the CLI with a terminal as stdin (a pseudo-terminal), answer its question, return exit code and all output."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "algoinventaris", *args], stdin=slave, stdout=slave, stderr=slave, cwd=ROOT,
                            env=dict(os.environ))
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 60
    answered = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if not answered and b"[j/N]" in output:
                os.write(master, answer)
                answered = True
        elif proc.poll() is not None:
            break
    code = proc.wait(timeout=60)
    os.close(master)
    return code, output.decode("utf-8", "replace")


@pytest.mark.parametrize(("answer", "stored"), [(b"j\n", 7), (b"\n", 0)])
def test_on_a_terminal_the_question_decides(cdo_db: str, record_files: list[Path], answer: bytes, stored: int) -> None:
    centric = next(f for f in record_files if f.name == "Centric.json")
    code, output = _run_on_a_terminal(["cdo", "--db", cdo_db, "drafts", "import", str(centric), "--round", ROUND], answer)
    assert code == 0, output
    assert "Overnemen? [j/N]" in output
    assert len(_stored(cdo_db)[0]) == stored
    assert ("Opgeslagen: 7 nieuw" in output) == bool(stored)


def test_list_show_assign_delete_restore(cdo_db: str, record_files: list[Path]) -> None:
    centric = next(f for f in record_files if f.name == "Centric.json")
    assert run_cli("cdo", "--db", cdo_db, "drafts", "import", str(centric), "--round", ROUND, "--yes").returncode == 0
    listed = json.loads(run_cli("cdo", "--db", cdo_db, "drafts", "list", "--round", ROUND, "--json").stdout)
    assert len(listed) == 7 and {d["unit"] for d in listed} == {""}
    first = listed[0]
    shown = run_cli("cdo", "--db", cdo_db, "drafts", "show", first["id"][:8])
    assert shown.returncode == 0, shown.stderr
    assert f"{first['name']}  ({first['id']})" in shown.stdout
    assert "Korte omschrijving: " in shown.stdout and "Taal: nld" in shown.stdout        # labels, not question ids
    assert "Niet overgenomen" in shown.stdout and "  type: " in shown.stdout
    assert "[normalised] Taal: 'NLD' is geschreven als 'nld'" in shown.stdout
    english = run_cli("cdo", "--db", cdo_db, "drafts", "show", first["id"], "--lang", "en")
    assert "Short description: " in english.stdout and "Not mapped" in english.stdout
    assigned = run_cli("cdo", "--db", cdo_db, "drafts", "assign", first["id"], "--unit", "Directie B")
    assert assigned.returncode == 0 and "toegewezen aan Directie B" in assigned.stdout
    mine = json.loads(run_cli("cdo", "--db", cdo_db, "drafts", "list", "--unit", "directie b", "--json").stdout)
    assert [d["id"] for d in mine] == [first["id"]]
    deleted = run_cli("cdo", "--db", cdo_db, "drafts", "delete", first["id"])
    assert deleted.returncode == 0 and f"cdo drafts restore {first['id']}" in deleted.stdout
    again = run_cli("cdo", "--db", cdo_db, "drafts", "delete", first["id"])
    assert again.returncode == 1 and "deleted already" in again.stderr
    assert len(json.loads(run_cli("cdo", "--db", cdo_db, "drafts", "list", "--json").stdout)) == 6
    assert "[verwijderd]" in run_cli("cdo", "--db", cdo_db, "drafts", "list", "--deleted").stdout
    assert run_cli("cdo", "--db", cdo_db, "drafts", "restore", first["id"]).returncode == 0
    assert len(json.loads(run_cli("cdo", "--db", cdo_db, "drafts", "list", "--json").stdout)) == 7
    missing = run_cli("cdo", "--db", cdo_db, "drafts", "show", "ffffffff-0000")
    assert missing.returncode == 1 and "no draft" in missing.stderr


def test_the_exported_bundle_carries_the_drafts_to_the_owner(cdo_db: str, tmp_path: Path, record_files: list[Path]) -> None:
    files = [str(f) for f in record_files]
    assert run_cli("cdo", "--db", cdo_db, "drafts", "import", *files, "--round", ROUND, "--yes").returncode == 0
    with open_cdo_db(cdo_db) as repo:
        first = repo.list_drafts(ROUND)[0]
        repo.assign_draft(first.id, "Directie B", actor="cdo")
        stored = sorted(repo.list_drafts(ROUND), key=lambda d: d.id)
    env = {"ALGOINVENTARIS_KEY_PASSPHRASE": PASSPHRASE}
    out = tmp_path / "bundel.zip"
    done = run_cli("cdo", "--db", cdo_db, "round", "export-bundle", ROUND, "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert "met 27 concepten" in done.stderr
    key = json.loads(run_cli("cdo", "key", "show", "--json").stdout)["public_key"]
    bundle = read_bundle(out.read_bytes(), trusted_keys=[base64.b64decode(key)])
    assert sorted(bundle.drafts, key=lambda d: d.id) == stored
    assert {d.unit for d in bundle.drafts} == {"", "Directie B"}
    assert json.loads(run_cli("cdo", "--db", cdo_db, "round", "export-bundle", ROUND, "--out", str(tmp_path / "b2.zip"),
                              "--json", env=env).stdout)["drafts"] == 27
