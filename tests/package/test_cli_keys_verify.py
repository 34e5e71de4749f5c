"""The `keys` and `verify` commands end to end (subprocess): messages, exit codes, files written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from algoinventaris.domain.submission import Submission
from algoinventaris.package.build import build_package, zip_bytes
from algoinventaris.package.keys import Ed25519Signer, KeyStore, public_key_pem
from tests.conftest import run_cli
from tests.package.conftest import PASSPHRASE, Pki
from tests.package.helpers import flip_byte, members, replace_member

ENV = {"ALGOINVENTARIS_KEY_PASSPHRASE": PASSPHRASE}


def test_keys_create_show_and_export_public(tmp_path: Path) -> None:
    none = run_cli("keys", "show", stdin="")
    assert none.returncode == 1 and "nog geen sleutel" in none.stderr
    no_pass = run_cli("keys", "create", "--name", "Anouk", stdin="")
    assert no_pass.returncode == 3 and "ALGOINVENTARIS_KEY_PASSPHRASE" in no_pass.stderr
    created = run_cli("keys", "create", "--name", "Anouk de Vries", stdin="", env=ENV)
    assert created.returncode == 0, created.stderr
    store = KeyStore()
    fingerprint = store.ed25519_fingerprint()
    grouped = fingerprint[:11] + " " + fingerprint[11:15]
    assert grouped in created.stdout
    again = run_cli("keys", "create", stdin="", env=ENV)
    assert again.returncode == 1 and "niet overschreven" in again.stderr
    shown = run_cli("keys", "show", "--json")
    data = json.loads(shown.stdout)
    assert data["ed25519"]["fingerprint"] == fingerprint and data["ed25519"]["name"] == "Anouk de Vries"
    text = run_cli("keys", "show", env={"ALGOINVENTARIS_LANG": "en"})
    assert "fingerprint:" in text.stdout and "-----BEGIN PUBLIC KEY-----" in text.stdout
    out = tmp_path / "owner.pem"
    exported = run_cli("keys", "export-public", "--out", str(out))
    assert exported.returncode == 0 and out.read_bytes() == public_key_pem(store.ed25519_public_key())
    out.write_text("something else")
    refused = run_cli("keys", "export-public", "--out", str(out))
    assert refused.returncode == 1 and "--force" in refused.stderr and out.read_text() == "something else"


def test_passphrase_file_and_import_p12(tmp_path: Path, pki: Pki) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    p12_pass = tmp_path / "p12.txt"
    p12_pass.write_text("wrong\n")
    wrong = run_cli("keys", "import-p12", str(pki.p12), "--p12-passphrase-file", str(p12_pass),
                    "--passphrase-file", str(secret), stdin="")
    assert wrong.returncode == 1 and "PKCS#12" in wrong.stderr
    p12_pass.write_text(pki.p12_password.decode() + "\n")
    done = run_cli("keys", "import-p12", str(pki.p12), "--p12-passphrase-file", str(p12_pass),
                   "--passphrase-file", str(secret), stdin="")
    assert done.returncode == 0, done.stderr
    assert "Jan Jansen" in done.stdout and "CMS" in done.stdout
    signer = KeyStore().signer(PASSPHRASE)
    assert signer.method == "cms"


@pytest.fixture
def package(submission: Submission, ed_signer: Ed25519Signer, tmp_path: Path) -> Path:
    return build_package(submission, ed_signer, tmp_path)


def test_verify_command_valid_and_invalid(package: Path, ed_signer: Ed25519Signer, tmp_path: Path) -> None:
    valid = run_cli("verify", str(package))
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert valid.stdout.startswith("VALID") and "niet gecontroleerd" in valid.stdout
    key = tmp_path / "owner.pem"
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key.write_bytes(public_key_pem(Ed25519PublicKey.from_public_bytes(ed_signer.public_raw)))
    trusted = run_cli("verify", str(package), "--key", str(key), "--json")
    data = json.loads(trusted.stdout)
    assert trusted.returncode == 0 and data["valid"] and data["signer_trusted"]
    assert data["signer"]["fingerprint"] == ed_signer.fingerprint and len(data["content_digest"]) == 64
    other = tmp_path / "other.pem"
    other_store = KeyStore(tmp_path / "other")
    other_store.create_ed25519(PASSPHRASE, "Other")
    other.write_bytes(public_key_pem(other_store.ed25519_public_key()))
    wrong = run_cli("verify", str(package), "--key", str(other), "--lang", "en")
    assert wrong.returncode == 12 and "INVALID (12)" in wrong.stdout and "not the expected" in wrong.stdout
    items = members(package)
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(zip_bytes(replace_member(items, "report.pdf", flip_byte(dict(items)["report.pdf"]))))
    bad = run_cli("verify", str(tampered))
    assert bad.returncode == 13 and "report.pdf" in bad.stdout
    missing = run_cli("verify", str(tmp_path / "nope.zip"))
    assert missing.returncode == 3
    schema = run_cli("verify", "--schema")
    assert json.loads(schema.stdout)["properties"]["format"]["const"] == "algoinventaris-package"
    helptext = run_cli("verify", "--help")
    for code in ("10", "11", "12", "13", "14"):
        assert f"  {code}  " in helptext.stdout
