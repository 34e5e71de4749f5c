"""The key store: creation, passphrase checks, fingerprints, public key export, PKCS#12 import."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from algoinventaris.package.errors import KeyStoreError, NoKey, WrongPassphrase
from algoinventaris.package.keys import (
    KeyStore,
    fingerprint_raw,
    group_fingerprint,
    load_public_key_file,
    public_key_pem,
    raw_public_key,
)
from tests.package.conftest import PASSPHRASE, Pki


def test_create_then_load_with_passphrase(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    assert not store.has_ed25519() and store.default_method() == "ed25519"
    created = store.create_ed25519(PASSPHRASE, "  Anouk de Vries ")
    loaded = store.load_ed25519(PASSPHRASE)
    assert loaded.name == "Anouk de Vries"
    assert loaded.fingerprint == created.fingerprint == store.ed25519_fingerprint()
    assert created.fingerprint == "SHA256:" + hashlib.sha256(created.public_raw).hexdigest()
    pem = (tmp_path / "keys" / "ed25519-private.pem").read_bytes()
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    with pytest.raises(TypeError):
        serialization.load_pem_private_key(pem, None)  # really encrypted
    data = b"manifest bytes"
    loaded_key = load_public_key_file(tmp_path / "keys" / "ed25519-public.pem")
    loaded_key.verify(created.sign(data), data)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_private_key_is_readable_by_owner_only(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    store.create_ed25519(PASSPHRASE, "A")
    assert stat.S_IMODE((tmp_path / "keys" / "ed25519-private.pem").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700


def test_wrong_passphrase_is_a_clear_refusal(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    store.create_ed25519(PASSPHRASE, "A")
    with pytest.raises(WrongPassphrase) as err:
        store.load_ed25519("not the passphrase")
    assert "wachtwoordzin" in str(err.value) and "ed25519-private.pem" in str(err.value)
    assert "passphrase does not open" in err.value.text("en")


def test_never_overwrites_and_refuses_short_passphrases(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    with pytest.raises(KeyStoreError, match="minstens 8"):
        store.create_ed25519("short", "A")
    assert not store.has_ed25519()
    first = store.create_ed25519(PASSPHRASE, "A")
    with pytest.raises(KeyStoreError, match="niet overschreven"):
        store.create_ed25519(PASSPHRASE, "B")
    assert store.load_ed25519(PASSPHRASE).fingerprint == first.fingerprint


def test_missing_key_and_replaced_public_key(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    with pytest.raises(NoKey, match="keys create"):
        store.load_ed25519(PASSPHRASE)
    with pytest.raises(NoKey):
        store.ed25519_public_key()
    store.create_ed25519(PASSPHRASE, "A")
    other = KeyStore(tmp_path / "other")
    other.create_ed25519(PASSPHRASE, "B")
    (tmp_path / "keys" / "ed25519-public.pem").write_bytes((tmp_path / "other" / "ed25519-public.pem").read_bytes())
    with pytest.raises(KeyStoreError, match="hoort niet bij"):
        store.load_ed25519(PASSPHRASE)
    (tmp_path / "keys" / "ed25519-private.pem").write_text("garbage")
    with pytest.raises(KeyStoreError, match="beschadigd"):
        store.load_ed25519(PASSPHRASE)


def test_signer_creates_on_first_use_only_when_asked(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    with pytest.raises(NoKey):
        store.signer(PASSPHRASE)
    made = store.signer(PASSPHRASE, create_name="Anouk")
    assert store.signer(PASSPHRASE, create_name="Someone else").fingerprint == made.fingerprint
    assert store.signer_name() == "Anouk"


def test_fingerprint_format_and_grouping(tmp_path: Path) -> None:
    fp = fingerprint_raw(bytes(range(32)))
    assert fp == "SHA256:" + hashlib.sha256(bytes(range(32))).hexdigest()
    grouped = group_fingerprint(fp)
    assert grouped.startswith("SHA256:630d cd29 ") and len(grouped.split()) == 16


def test_public_pem_is_subject_public_key_info(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    signer = store.create_ed25519(PASSPHRASE, "A")
    pem = public_key_pem(store.ed25519_public_key())
    assert pem.startswith(b"-----BEGIN PUBLIC KEY-----")
    assert raw_public_key(serialization.load_pem_public_key(pem)) == signer.public_raw  # type: ignore[arg-type]


def test_import_p12(tmp_path: Path, pki: Pki) -> None:
    store = KeyStore(tmp_path / "keys")
    with pytest.raises(WrongPassphrase, match="PKCS#12"):
        store.import_p12(pki.p12.read_bytes(), b"wrong", PASSPHRASE)
    assert not store.has_pki()
    signer = store.import_p12(pki.p12.read_bytes(), pki.p12_password, PASSPHRASE, "J. Jansen (CIO-office)")
    assert store.has_pki() and store.default_method() == "cms"
    assert signer.name == "J. Jansen (CIO-office)" and signer.chain == [pki.ca]
    loaded = store.signer(PASSPHRASE)
    assert loaded.method == "cms" and loaded.fingerprint == signer.fingerprint
    assert loaded.name == "J. Jansen (CIO-office)"
    with pytest.raises(WrongPassphrase):
        store.load_cms("wrong passphrase")
    with pytest.raises(KeyStoreError, match="--replace"):
        store.import_p12(pki.p12.read_bytes(), pki.p12_password, PASSPHRASE)
    assert store.import_p12(pki.p12.read_bytes(), pki.p12_password, PASSPHRASE, replace=True).name == "Jan Jansen"
    with pytest.raises(WrongPassphrase):
        store.import_p12(b"not a p12", None, PASSPHRASE, replace=True)
