"""The README's "Verify a package without this app" steps, run with openssl, sha256sum and jq (skipped when absent)."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from algoinventaris.domain.submission import Submission
from algoinventaris.package.build import build_package
from algoinventaris.package.keys import Ed25519Signer, KeyStore, public_key_pem
from tests.package.conftest import PASSPHRASE, Pki
from tests.package.helpers import flip_byte, need_tool

README = Path(__file__).resolve().parents[2] / "README.md"


def sh(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, capture_output=True, text=True,
                          timeout=60, check=False)


@pytest.fixture
def unpacked(submission: Submission, ed_signer: Ed25519Signer, tmp_path: Path) -> Path:
    package = build_package(submission, ed_signer, tmp_path)
    folder = tmp_path / "pkg"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder)
    (tmp_path / "owner.pem").write_bytes(public_key_pem(Ed25519PublicKey.from_public_bytes(ed_signer.public_raw)))
    return folder


def test_readme_section_exists_and_names_the_commands() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Verify a package without this app"):]
    for needle in ("openssl pkeyutl -verify -pubin -inkey owner.pem -rawin -in manifest.json -sigfile manifest.sig",
                   "openssl cms -verify -binary -inform DER", "sha256sum answers.json outcome.json register.json | sha256sum",
                   "| 12 |", "| 14 |"):
        assert needle in section


def test_ed25519_signature_verifies_with_openssl(unpacked: Path) -> None:
    need_tool("openssl")
    ok = sh("openssl pkeyutl -verify -pubin -inkey ../owner.pem -rawin -in manifest.json -sigfile manifest.sig", unpacked)
    assert ok.returncode == 0 and "Signature Verified Successfully" in ok.stdout, ok.stderr
    manifest = unpacked / "manifest.json"
    manifest.write_bytes(flip_byte(manifest.read_bytes()))
    bad = sh("openssl pkeyutl -verify -pubin -inkey ../owner.pem -rawin -in manifest.json -sigfile manifest.sig", unpacked)
    assert bad.returncode != 0


def test_fingerprint_hashes_and_digest_with_standard_tools(unpacked: Path) -> None:
    need_tool("openssl")
    need_tool("sha256sum")
    manifest = json.loads((unpacked / "manifest.json").read_text(encoding="utf-8"))
    fp = sh("openssl pkey -pubin -in ../owner.pem -outform DER | tail -c 32 | sha256sum", unpacked)
    assert fp.stdout.split()[0] == manifest["signer"]["fingerprint"].removeprefix("SHA256:")
    digest = sh("sha256sum answers.json outcome.json register.json | sha256sum", unpacked)
    assert digest.stdout.split()[0] == manifest["content_digest"]
    need_tool("jq")
    check = sh("""jq -r '.files[] | "\\(.sha256)  \\(.name)"' manifest.json | sha256sum -c -""", unpacked)
    assert check.returncode == 0 and check.stdout.count(": OK") == 4, check.stdout + check.stderr
    (unpacked / "outcome.json").write_bytes(flip_byte((unpacked / "outcome.json").read_bytes()))
    failed = sh("""jq -r '.files[] | "\\(.sha256)  \\(.name)"' manifest.json | sha256sum -c -""", unpacked)
    assert failed.returncode != 0 and "outcome.json: FAILED" in failed.stdout


def test_cms_signature_verifies_with_openssl(submission: Submission, pki: Pki, tmp_path: Path) -> None:
    need_tool("openssl")
    signer = KeyStore(tmp_path / "keys").import_p12(pki.p12.read_bytes(), pki.p12_password, PASSPHRASE)
    package = build_package(submission, signer, tmp_path)
    folder = tmp_path / "pkg"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder)
    command = f"openssl cms -verify -binary -inform DER -in manifest.p7s -content manifest.json -CAfile {pki.ca_pem} -out /dev/null"
    ok = sh(command, folder)
    assert ok.returncode == 0 and "Verification successful" in ok.stderr + ok.stdout, ok.stderr
    (tmp_path / "other-ca").mkdir()
    other = Pki(tmp_path / "other-ca")
    wrong_ca = sh(command.replace(str(pki.ca_pem), str(other.ca_pem)), folder)
    assert wrong_ca.returncode != 0
    (folder / "manifest.json").write_bytes(flip_byte((folder / "manifest.json").read_bytes()))
    assert sh(command, folder).returncode != 0
