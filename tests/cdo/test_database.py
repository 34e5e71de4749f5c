"""The CDO database itself: migrations equal the models on SQLite and PostgreSQL, foreign and newer files are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.storage.cdo import DatabaseCorrupt, DatabaseTooNew, StorageError, open_cdo_db
from algoinventaris.storage.cdo.engine import resolve_target


def test_migrations_build_what_the_models_say(repo: Any) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from algoinventaris.storage.cdo.models import CdoBase

    with repo._engine.connect() as conn:  # the test reads the live schema the migrations made
        context = MigrationContext.configure(conn, opts={"compare_type": True, "version_table": "cdo_alembic_version"})
        diffs = compare_metadata(context, CdoBase.metadata)
    assert diffs == []


def test_reopening_is_cheap_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "cdo.sqlite3"
    with open_cdo_db(path) as repo:
        repo.add_round("Inventarisatie 2026", ["Directie A"], actor="t")
    with open_cdo_db(f"sqlite:///{path}") as repo:
        assert [r.name for r in repo.list_rounds()] == ["Inventarisatie 2026"]
    assert not list(tmp_path.glob("*.backup-*"))  # nothing to migrate, so no backup copy


def test_owner_database_is_refused_unchanged(tmp_path: Path) -> None:
    from algoinventaris.storage import open_owner_db

    owner = tmp_path / "owner.sqlite3"
    open_owner_db(owner).close()
    before = owner.read_bytes()
    with pytest.raises(DatabaseCorrupt, match="owner's database"):
        open_cdo_db(owner)
    assert owner.read_bytes() == before


def test_newer_database_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "cdo.sqlite3"
    open_cdo_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE cdo_alembic_version SET version_num = '0999'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        open_cdo_db(path)
    assert path.read_bytes() == before


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cdo.sqlite3"
    path.write_bytes(b"this is a text file, not a database" * 10)
    with pytest.raises(DatabaseCorrupt):
        open_cdo_db(path)


def test_targets() -> None:
    assert resolve_target("/tmp/x.sqlite3").path == Path("/tmp/x.sqlite3")
    pg = resolve_target("postgresql://cdo:geheim@db.example/inventaris")
    assert pg.url is not None and pg.url.drivername == "postgresql+psycopg" and "geheim" not in pg.display
    with pytest.raises(StorageError, match="SQLite or PostgreSQL"):
        resolve_target("oracle://x/y")


def test_default_database_lives_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALGOINVENTARIS_DATA_DIR", str(tmp_path))
    with open_cdo_db() as repo:
        assert repo.target.path == tmp_path / "cdo.sqlite3"
    monkeypatch.setenv("ALGOINVENTARIS_CDO_DB", str(tmp_path / "elders.sqlite3"))
    with open_cdo_db() as repo:
        assert repo.target.path == tmp_path / "elders.sqlite3"


def test_unreachable_server_gives_a_readable_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="cannot be reached") as info:
        open_cdo_db(f"postgresql://cdo:geheim@/nergens?host={tmp_path}")
    assert "geheim" not in str(info.value)
