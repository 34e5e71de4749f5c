"""Fixtures for the CDO tests: a CDO database on SQLite and on a real PostgreSQL server, signers, sample packages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from algoinventaris.cdo.samples import Sample, build_sample, package_bytes
from algoinventaris.domain.submission import Submission
from algoinventaris.package.keys import Ed25519Signer, Signer
from algoinventaris.storage.cdo import open_cdo_db
from tests.cdo.pgserver import PgServer

UNIT_A = "Directie Toeslagen"
UNIT_B = "Directie Vergunningen"
UNIT_C = "Directie Handhaving"
ROUND = "Inventarisatie 2026"
PREVIOUS = "Inventarisatie 2025"
MOMENT = dt.datetime(2026, 3, 12, 14, 0, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer | None]:
    """One PostgreSQL server for the whole session (None when the server binaries are not installed)."""
    try:
        server = PgServer.start()
    except RuntimeError as err:
        pytest.fail(f"PostgreSQL is installed but does not start: {err}")
    yield server
    if server is not None:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def repo(request: pytest.FixtureRequest, tmp_path: Path, pg_server: PgServer | None) -> Iterator[Any]:
    """An empty CDO database, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        target: str = str(tmp_path / "cdo.sqlite3")
    else:
        if pg_server is None:
            pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql")
        target = pg_server.create_database()
    repository = open_cdo_db(target)
    yield repository
    repository.close()


@pytest.fixture
def sqlite_repo(tmp_path: Path) -> Iterator[Any]:
    repository = open_cdo_db(tmp_path / "cdo.sqlite3")
    yield repository
    repository.close()


def _signer(name: str) -> Ed25519Signer:
    return Ed25519Signer(Ed25519PrivateKey.generate(), name)


@pytest.fixture(scope="session")
def signer_a() -> Ed25519Signer:
    return _signer("Anouk de Vries")


@pytest.fixture(scope="session")
def signer_b() -> Ed25519Signer:
    return _signer("Bram Jansen")


@pytest.fixture(scope="session")
def signer_c() -> Ed25519Signer:
    return _signer("Chris Peters")


class Packages:
    """Makes signed sample packages, each spec once per session (the builder renders a PDF per package)."""

    def __init__(self) -> None:
        self._cache: dict[Any, tuple[bytes, Any]] = {}

    def make(self, sample: Sample, signer: Signer, *, submission_id: str | None = None, corrects: str | None = None,
             created_at: dt.datetime | None = MOMENT, tamper: Callable[[Submission], Submission] | None = None,
             key: str = "") -> bytes:
        return self.make_with(sample, signer, submission_id=submission_id, corrects=corrects, created_at=created_at,
                              tamper=tamper, key=key)[0]

    def make_with(self, sample: Sample, signer: Signer, *, submission_id: str | None = None, corrects: str | None = None,
                  created_at: dt.datetime | None = MOMENT, tamper: Callable[[Submission], Submission] | None = None,
                  key: str = "") -> tuple[bytes, Any]:
        cache_key = (repr(sample), signer.fingerprint, submission_id, corrects, created_at, key)
        if tamper is not None and not key:
            raise ValueError("give a key for a tampered package")
        if cache_key not in self._cache:
            self._cache[cache_key] = package_bytes(build_sample(sample), signer, submission_id=submission_id, corrects=corrects,
                                                   created_at=created_at, tamper=tamper)
        return self._cache[cache_key]


@pytest.fixture(scope="session")
def packages() -> Packages:
    return Packages()


def enrol(repo: Any, unit: str, signer: Ed25519Signer, *, organisation: str | None = "Ministerie van Voorbeeldzaken") -> None:
    repo.add_trust(unit, "ed25519", signer.fingerprint, signer.public_raw, actor="beheerder", label=signer.name,
                   organisation=organisation)


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def replace_ai(sub: Submission, **changes: Any) -> Submission:
    return dataclasses.replace(sub, ai_act=dataclasses.replace(sub.ai_act, **changes))
