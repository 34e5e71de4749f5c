"""The `cdo` commands in a real subprocess: trust add, import --json, status --json, quarantine, exports, report, revoke."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from algoinventaris.cdo.samples import Sample
from algoinventaris.package.keys import public_key_pem
from tests.cdo.conftest import ROUND, UNIT_A, Packages, replace_ai, write
from tests.conftest import run_cli


def test_cdo_commands(tmp_path: Path, packages: Packages, signer_a: Any, signer_b: Any) -> None:
    db = tmp_path / "kantoor.sqlite3"
    env = {"ALGOINVENTARIS_CDO_USER": "Carla CDO"}
    key = tmp_path / "owner.pem"
    key.write_bytes(public_key_pem(Ed25519PublicKey.from_public_bytes(signer_a.public_raw)))
    done = run_cli("cdo", "--db", str(db), "trust", "add", "--unit", UNIT_A, "--key", str(key), "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["fingerprint"] == signer_a.fingerprint
    again = run_cli("cdo", "trust", "add", "--db", str(db), "--unit", UNIT_A, "--key", str(key), env=env)
    assert again.returncode == 1 and "already enrolled" in again.stderr

    inbox = tmp_path / "inbox"
    write(inbox, "1-hoog.zip", packages.make(Sample("Risicoscan bijstand", UNIT_A, kind="high-risk"), signer_a))
    write(inbox, "2-laag.zip", packages.make(Sample("Chatbot", UNIT_A, kind="low-risk"), signer_a))
    write(inbox, "3-vreemd.zip", packages.make(Sample("Chatbot", UNIT_A, kind="low-risk"), signer_b))
    write(inbox, "4-afwijkend.zip", packages.make(Sample("Parkeren", UNIT_A, kind="not-ai"), signer_a, key="cli-mismatch",
                                                 tamper=lambda s: replace_ai(s, conclusion_id="not-ai")))
    done = run_cli("cdo", "import", "--db", str(db), "--json", str(inbox), env=env)
    assert done.returncode == 1, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(x["file"].rsplit("/", 1)[-1], x["result"]) for x in lines] == [
        ("1-hoog.zip", "imported"), ("2-laag.zip", "imported"), ("3-vreemd.zip", "refused"), ("4-afwijkend.zip", "quarantined")]
    assert lines[2]["reason_code"] == "untrusted-signer" and UNIT_A in lines[2]["reason"]
    assert all({"file", "result", "reason"} <= set(x) for x in lines)
    qid = lines[3]["quarantine_id"]

    done = run_cli("cdo", "--db", str(db), "import", str(inbox / "1-hoog.zip"), "--lang", "en", env=env)
    assert done.returncode == 0 and "DUPLICATE" in done.stdout and "1 duplicate" in done.stdout

    done = run_cli("cdo", "--db", str(db), "status", "--json", env=env)
    data = json.loads(done.stdout)
    assert data["rounds"][0]["round"] == ROUND
    assert data["rounds"][0]["units"] == [{"unit": UNIT_A, "A": 1, "B": 1, "C": 0, "unknown": 0, "total": 2}]
    assert data["quarantine_waiting"] == 1

    done = run_cli("cdo", "--db", str(db), "quarantine", "list", "--json", env=env)
    assert [q["id"] for q in json.loads(done.stdout)] == [qid]
    done = run_cli("cdo", "--db", str(db), "quarantine", "reject", str(qid), "--reason", "uitkomst gewijzigd", env=env)
    assert done.returncode == 0, done.stderr
    assert run_cli("cdo", "--db", str(db), "quarantine", "reject", str(qid), "--reason", "x", env=env).returncode == 1

    for kind, name in (("csv", "inv.csv"), ("xlsx", "inv.xlsx"), ("register", "register.json")):
        done = run_cli("cdo", "--db", str(db), "export", kind, "--round", ROUND, "--out", str(tmp_path / name), env=env)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).stat().st_size > 0
    assert len(json.loads((tmp_path / "register.json").read_text(encoding="utf-8"))) == 2
    done = run_cli("cdo", "--db", str(db), "export", "register", "--round", "Ronde 1999", "--out", str(tmp_path / "x.json"))
    assert done.returncode == 1 and "Inventarisatie 2026" in done.stderr

    done = run_cli("cdo", "--db", str(db), "report", "--round", ROUND, "--out", str(tmp_path / "rapport.pdf"), env=env)
    assert done.returncode == 0 and (tmp_path / "rapport.pdf").read_bytes().startswith(b"%PDF-")

    done = run_cli("cdo", "--db", str(db), "trust", "revoke", signer_a.fingerprint.replace("SHA256:", "sha256:"),
                   "--from", "2020-01-01", "--reason", "test", env=env)
    assert done.returncode == 0, done.stderr
    done = run_cli("cdo", "--db", str(db), "trust", "list", "--json", env=env)
    assert json.loads(done.stdout)[0]["revoked_from"] == "2020-01-01T00:00:00Z"

    done = run_cli("cdo", "--db", str(db), "audit", "--json", env=env)
    actions = [a["action"] for a in json.loads(done.stdout)]
    assert {"trust-add", "import", "reject", "trust-revoke"} <= set(actions)
    assert all(a["actor"] == "Carla CDO" for a in json.loads(done.stdout))

    bad = run_cli("cdo", "--db", "mysql://u:geheim@host/db", "status")
    assert bad.returncode == 3 and "geheim" not in bad.stderr and "SQLite or PostgreSQL" in bad.stderr
