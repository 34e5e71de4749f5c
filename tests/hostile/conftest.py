"""Fixtures of the hostile suite (signers, a test PKI, a baseline CDO database) and the summary table at the end of the run."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from algoinventaris.package.keys import Ed25519Signer
from algoinventaris.storage.cdo import open_cdo_db
from tests.hostile.corpus import World
from tests.hostile.summary import table
from tests.package.conftest import Pki


def _signer(name: str) -> Ed25519Signer:
    return Ed25519Signer(Ed25519PrivateKey.generate(), name)


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """Signers, CAs and the package cache shared by every hostile test of the session."""
    folder = tmp_path_factory.mktemp("hostile")
    pkis = []
    for name in ("pki", "pki-revoked", "pki-other"):
        (folder / name).mkdir()
        pkis.append(Pki(folder / name, key_kind="ec"))
    return World(folder, a=_signer("Anouk de Vries"), b=_signer("Bram Jansen"), revoked=_signer("Rik Ingetrokken"),
                 outsider=_signer("Onbekende Indiener"), pki=pkis[0], pki_revoked=pkis[1], pki_other=pkis[2])


@pytest.fixture(scope="session")
def baseline_db(world: World) -> Path:
    """A CDO database with keys, a round and a few submissions with history; every case starts from a copy."""
    path = world.folder / "baseline.sqlite3"
    repo = open_cdo_db(path)
    try:
        world.baseline(repo)
    finally:
        repo.close()
    return path


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite database (the backup API, so a WAL file is taken along)."""
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


@pytest.fixture
def cdo_db(baseline_db: Path, tmp_path: Path) -> Iterator[tuple[Any, Path]]:
    """An open copy of the baseline CDO database and its path."""
    path = copy_database(baseline_db, tmp_path / "cdo.sqlite3")
    repo = open_cdo_db(path)
    try:
        yield repo, path
    finally:
        repo.close()


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """The suite's summary: cases tried, refused with the right reason, shown safely, data lost."""
    lines = table()
    if not lines:
        return
    terminalreporter.section("hostile input and faults: summary")
    for line in lines:
        terminalreporter.write_line(line)
