"""`keys change-passphrase`: every private key re-encrypted under the new passphrase, or none when anything fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from algoinventaris.package.errors import KeyStoreError, NoKey, WrongPassphrase
from algoinventaris.package.keys import ED_PRIVATE, PKI_PRIVATE, KeyStore
from tests.conftest import run_cli
from tests.package.conftest import PASSPHRASE, Pki

NEW = "a much newer passphrase"


def test_change_passphrase_reencrypts_both_keys(tmp_path: Path, pki: Pki) -> None:
    store = KeyStore(tmp_path / "keys")
    signer = store.create_ed25519(PASSPHRASE, "Anouk")
    store.import_p12(pki.p12.read_bytes(), pki.p12_password, PASSPHRASE)
    assert store.change_passphrase(PASSPHRASE, NEW) == ["ed25519", "cms"]
    with pytest.raises(WrongPassphrase):
        store.load_ed25519(PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        store.load_cms(PASSPHRASE)
    assert store.load_ed25519(NEW).fingerprint == signer.fingerprint
    assert store.load_cms(NEW).certificate == pki.cert
    assert sorted(p.name for p in store.folder.iterdir() if p.name.startswith(".")) == []
    assert (store.folder / ED_PRIVATE).stat().st_mode & 0o077 == 0
    assert (store.folder / PKI_PRIVATE).stat().st_mode & 0o077 == 0


def test_wrong_old_passphrase_or_short_new_one_changes_nothing(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    store.create_ed25519(PASSPHRASE, "Anouk")
    before = (store.folder / ED_PRIVATE).read_bytes()
    with pytest.raises(WrongPassphrase):
        store.change_passphrase("not the passphrase", NEW)
    with pytest.raises(KeyStoreError, match="minstens"):
        store.change_passphrase(PASSPHRASE, "short")
    assert (store.folder / ED_PRIVATE).read_bytes() == before
    with pytest.raises(NoKey):
        KeyStore(tmp_path / "empty").change_passphrase(PASSPHRASE, NEW)


def test_cli_change_passphrase(tmp_path: Path) -> None:
    env = {"ALGOINVENTARIS_KEY_PASSPHRASE": PASSPHRASE}
    assert run_cli("keys", "create", "--name", "Anouk", stdin="", env=env).returncode == 0
    missing = run_cli("keys", "change-passphrase", stdin="", env=env)
    assert missing.returncode == 3 and "ALGOINVENTARIS_NEW_KEY_PASSPHRASE" in missing.stderr
    wrong = run_cli("keys", "change-passphrase", stdin="",
                    env={"ALGOINVENTARIS_KEY_PASSPHRASE": "wrong one!!", "ALGOINVENTARIS_NEW_KEY_PASSPHRASE": NEW})
    assert wrong.returncode == 1 and "niets veranderd" in wrong.stderr
    new_file = tmp_path / "new.txt"
    new_file.write_text(NEW + "\n", encoding="utf-8")
    done = run_cli("keys", "change-passphrase", "--new-passphrase-file", str(new_file), stdin="", env=env)
    assert done.returncode == 0, done.stderr
    assert "Ed25519" in done.stdout
    KeyStore().load_ed25519(NEW)
