"""Tests of opening and migrating the owner database: new, older, newer, damaged, foreign and unwritable files."""

from __future__ import annotations

import glob
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from algoinventaris.storage import DatabaseCorrupt, DatabaseTooNew, StorageError, open_owner_db, quick_status
from algoinventaris.storage import repository as repository_module
from algoinventaris.storage.migrate import MIGRATIONS_DIR, _compare, head_revision, migrate
from algoinventaris.storage.sqlitefile import HEAD_REVISION, SCHEMA_VERSION, filesystem_type, is_local_folder
from tests.storage.helpers import ROOT, integrity, sql_rows

BACKUP_NAME = re.compile(r"^owner\.backup-(?P<rev>base|\d{4})-\d{8}T\d{6}Z(-\d+)?\.sqlite3$")

# A test-only next revision (one after the app's newest): adds a column and a table, and says which app
# version is needed.
NEXT_SCHEMA = SCHEMA_VERSION + 1
NEXT_REVISION = f"{NEXT_SCHEMA:04d}"
REVISION_NEXT = '''"""Test revision: notes on algorithms and a submissions table."""

import sqlalchemy as sa
from alembic import op

revision = "NEXT"
down_revision = "HEAD"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("algorithms") as batch:
        batch.add_column(sa.Column("notes", sa.Text(), nullable=False, server_default=""))
    op.create_table("submissions", sa.Column("id", sa.String(36), primary_key=True))
    op.execute("UPDATE db_meta SET value = '0.2.0' WHERE key = 'min_app_version'")
    FAIL


def downgrade():
    op.drop_table("submissions")
    with op.batch_alter_table("algorithms") as batch:
        batch.drop_column("notes")
'''


def extra_revision(tmp_path: Path, *, fail: bool = False) -> Path:
    folder = tmp_path / "extra_versions"
    folder.mkdir(exist_ok=True)
    text = REVISION_NEXT.replace("    FAIL\n", "    raise RuntimeError('this migration breaks half-way')\n" if fail else "")
    text = text.replace('"NEXT"', f'"{NEXT_REVISION}"').replace('"HEAD"', f'"{HEAD_REVISION}"')
    (folder / f"{NEXT_REVISION}_test.py").write_text(text, encoding="utf-8")
    return folder


def filled_db(path: Path) -> str:
    """A current database with one algorithm and one answer row; returns the algorithm id."""
    with open_owner_db(path) as repo:
        alg = repo.create_algorithm("Bewaard", "O", "U", "R")
    conn = sqlite3.connect(str(path))
    with conn:
        conn.execute(
            "INSERT INTO answers VALUES (?, 'f', 'q', '1', ?, '[\"a\"]', 'confirmed', '2026-01-01T00:00:00.000000Z')",
            (alg.id, "0" * 64),
        )
    conn.close()
    return alg.id


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# --- new and current files ------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["missing", "empty"])
def test_a_new_or_empty_file_gets_the_current_schema(tmp_path: Path, start: str) -> None:
    path = tmp_path / "owner.sqlite3"
    if start == "empty":
        path.write_bytes(b"")
    assert quick_status(path) == "new"
    with open_owner_db(path) as repo:
        assert repo.journal_mode == "wal"  # a local folder
        assert repo.list_algorithms() == []
    assert sql_rows(path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert sql_rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert sql_rows(path, "PRAGMA journal_mode") == [("wal",)]
    assert dict(sql_rows(path, "SELECT key, value FROM db_meta"))["min_app_version"] == "0.1.0"
    assert not [n for n in files_in(tmp_path) if ".backup-" in n]  # nothing to back up
    assert quick_status(path) == "current"


def test_models_and_migrations_agree() -> None:
    assert head_revision() == HEAD_REVISION == f"{SCHEMA_VERSION:04d}"
    assert _compare() == []


def test_migrations_need_no_ini_file_and_are_package_data(tmp_path: Path) -> None:
    package_dir = MIGRATIONS_DIR.parent.parent
    assert Path(repository_module.__file__).resolve().parent / "migrations" == MIGRATIONS_DIR
    shipped = {p.relative_to(package_dir).as_posix() for p in MIGRATIONS_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert {"storage/migrations/env.py", "storage/migrations/script.py.mako", "storage/migrations/versions/0001_initial.py"} <= shipped
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["algoinventaris"]
    covered = {m for pattern in patterns for m in glob.glob(pattern, root_dir=package_dir, recursive=True)}
    assert shipped <= covered, f"not in package-data: {shipped - covered}"
    assert not list(ROOT.glob("**/alembic.ini"))
    # Run from another working folder: nothing is looked up relative to the current folder.
    code = "import sys; from algoinventaris.storage import open_owner_db; open_owner_db(sys.argv[1]).close()"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x.sqlite3")], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert sql_rows(tmp_path / "x.sqlite3", "PRAGMA user_version") == [(SCHEMA_VERSION,)]


# --- older files ----------------------------------------------------------------------------------


def test_an_older_database_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "owner.sqlite3"
    alg_id = filled_db(path)
    before = sql_rows(path, "SELECT * FROM algorithms")
    backup = migrate(path, extra_version_locations=[extra_revision(tmp_path)])
    assert backup is not None and backup.parent == tmp_path
    match = BACKUP_NAME.match(backup.name)
    assert match and match.group("rev") == HEAD_REVISION, backup.name
    # The backup is the old database, complete and at the old revision.
    assert sql_rows(backup, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert sql_rows(backup, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert sql_rows(backup, "SELECT * FROM algorithms") == before
    assert integrity(backup) == ["ok"]
    # The database itself is at the new revision with every record kept.
    assert sql_rows(path, "SELECT version_num FROM alembic_version") == [(NEXT_REVISION,)]
    assert sql_rows(path, "PRAGMA user_version") == [(NEXT_SCHEMA,)]
    assert sql_rows(path, "SELECT id, name, notes FROM algorithms") == [(alg_id, "Bewaard", "")]
    assert sql_rows(path, "SELECT count(*) FROM answers") == [(1,)]
    assert integrity(path) == ["ok"]
    assert not [n for n in files_in(tmp_path) if n.endswith(".partial")]


def test_a_database_at_the_base_revision_is_migrated_by_open(tmp_path: Path) -> None:
    path = tmp_path / "owner.sqlite3"
    filled_db(path)
    first_backup = migrate(path, target="base", downgrade=True)  # developers' downgrade: also backed up first
    assert first_backup is not None and BACKUP_NAME.match(first_backup.name)
    assert sql_rows(path, "PRAGMA user_version") == [(0,)]
    assert quick_status(path) == "older"
    with open_owner_db(path) as repo:
        assert repo.list_algorithms() == []
    backups = sorted(n for n in files_in(tmp_path) if ".backup-base-" in n)
    assert len(backups) == 1 and BACKUP_NAME.match(backups[0])
    assert sql_rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_a_migration_that_fails_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "owner.sqlite3"
    filled_db(path)
    before = sql_rows(path, "SELECT * FROM algorithms")
    with pytest.raises(RuntimeError, match="breaks half-way"):
        migrate(path, extra_version_locations=[extra_revision(tmp_path, fail=True)])
    assert sql_rows(path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert sql_rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert [r[1] for r in sql_rows(path, "PRAGMA table_info(algorithms)")].count("notes") == 0
    assert sql_rows(path, "SELECT name FROM sqlite_master WHERE name = 'submissions'") == []
    assert sql_rows(path, "SELECT * FROM algorithms") == before
    assert integrity(path) == ["ok"]
    with open_owner_db(path) as repo:
        assert [a.name for a in repo.list_algorithms()] == ["Bewaard"]


def test_a_missing_user_version_is_filled_in(tmp_path: Path) -> None:
    path = tmp_path / "owner.sqlite3"
    filled_db(path)
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    assert quick_status(path) == "older"
    open_owner_db(path).close()
    assert sql_rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert quick_status(path) == "current"
    assert not list(tmp_path.glob("*.backup-*"))  # nothing was migrated, so nothing was backed up


# --- newer files ----------------------------------------------------------------------------------


def test_a_database_from_a_newer_app_is_refused_and_not_changed(tmp_path: Path) -> None:
    path = tmp_path / "owner.sqlite3"
    filled_db(path)
    migrate(path, extra_version_locations=[extra_revision(tmp_path)])  # now at NEXT_REVISION, which this app does not know
    for p in tmp_path.glob("*.backup-*"):
        p.unlink()
    shutil.rmtree(tmp_path / "extra_versions")
    content = path.read_bytes()
    names = files_in(tmp_path)
    assert quick_status(path) == "newer"
    with pytest.raises(DatabaseTooNew) as caught:
        open_owner_db(path)
    message = str(caught.value)
    assert str(path) in message
    assert "newer version" in message and f"schema {NEXT_SCHEMA}" in message
    assert "Install Algoritme-inventaris 0.2.0 or newer" in message
    assert "The file was not changed" in message
    assert caught.value.needs_app == "0.2.0" and caught.value.schema == NEXT_SCHEMA
    assert path.read_bytes() == content
    assert files_in(tmp_path) == names


@pytest.mark.parametrize(("user_version", "revision", "shown"), [(7, "0007", "schema 7"), (0, "ab12cd34", "revision 'ab12cd34'")])
def test_a_newer_database_without_app_version_is_refused_too(tmp_path: Path, user_version: int, revision: str, shown: str) -> None:
    path = tmp_path / "owner.sqlite3"
    filled_db(path)
    conn = sqlite3.connect(str(path))
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        conn.execute("DELETE FROM db_meta")
        conn.execute(f"PRAGMA user_version = {user_version}")
    conn.close()
    content = path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="Install a newer version of Algoritme-inventaris") as caught:
        open_owner_db(path)
    assert shown in str(caught.value)
    assert path.read_bytes() == content


# --- damaged, foreign and unwritable files --------------------------------------------------------


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(64 * 1024))


def _truncated(path: Path) -> None:
    with open_owner_db(path) as repo:
        for i in range(200):
            repo.create_algorithm(f"Algoritme {i} " + "x" * 300, "O", "U", "R")
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def _cut_header(path: Path) -> None:
    filled_db(path)
    with path.open("r+b") as handle:
        handle.truncate(50)


def _damaged_page(path: Path) -> None:
    filled_db(path)
    with open_owner_db(path) as repo:
        for i in range(100):
            repo.create_algorithm(f"Algoritme {i} " + "y" * 300, "O", "U", "R")
    size = path.stat().st_size
    with path.open("r+b") as handle:  # scribble over a page in the middle
        handle.seek((size // 4096 // 2) * 4096)
        handle.write(random.Random(2).randbytes(4096))


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO recipes (title) VALUES ('stamppot')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "detail"),
    [
        (_random_bytes, "not an SQLite database"),
        (_truncated, "SQLite"),
        (_cut_header, "cut off"),
        (_damaged_page, "SQLite"),
        (_foreign, "not one of Algoritme-inventaris (it has the tables recipes"),
    ],
    ids=["random-bytes", "truncated", "cut-header", "damaged-page", "other-program"],
)
def test_a_damaged_or_foreign_file_is_refused_and_never_overwritten(tmp_path: Path, make: object, detail: str) -> None:
    path = tmp_path / "owner.sqlite3"
    make(path)  # type: ignore[operator]
    content = path.read_bytes()
    names = files_in(tmp_path)
    assert quick_status(path) == "unusable" or make is _damaged_page  # the quick check reads the header only
    with pytest.raises(DatabaseCorrupt) as caught:
        open_owner_db(path)
    message = str(caught.value)
    assert str(path) in message and detail in message
    assert "The file was not changed" in message and "move the file away" in message
    assert caught.value.path == path
    assert path.read_bytes() == content
    assert files_in(tmp_path) == names


def test_the_corrupt_message_names_the_newest_backup(tmp_path: Path) -> None:
    path = tmp_path / "owner.sqlite3"
    old = tmp_path / "owner.backup-0001-20260101T120000Z.sqlite3"
    new = tmp_path / "owner.backup-0001-20260301T120000Z.sqlite3"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    _random_bytes(path)
    with pytest.raises(DatabaseCorrupt, match=re.escape(f"the newest is {new}")):
        open_owner_db(path)


def test_places_that_cannot_hold_the_database_give_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(StorageError, match="is a folder, not a database file"):
        open_owner_db(folder)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match=f"Cannot create the folder {re.escape(str(blocker))}") as caught:
        open_owner_db(blocker / "sub" / "owner.sqlite3")
    assert "--db" in str(caught.value)
    assert blocker.read_text() == "x"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc, a folder nobody can create files in")
def test_a_folder_where_no_file_can_be_created_gives_a_clear_error() -> None:
    with pytest.raises(StorageError, match="cannot be created or opened") as caught:
        open_owner_db("/proc/owner.sqlite3")  # even root cannot create files here
    assert "/proc/owner.sqlite3" in str(caught.value) and "--db" in str(caught.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="file permissions do not stop root (or are not POSIX here)")
def test_a_read_only_file_or_folder_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "owner.sqlite3"
    filled_db(path)
    content = path.read_bytes()
    path.chmod(0o444)
    try:
        with pytest.raises(StorageError, match="is read-only"):
            open_owner_db(path)
    finally:
        path.chmod(0o644)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(StorageError, match="cannot be written"):
            open_owner_db(locked / "owner.sqlite3")
    finally:
        locked.chmod(0o755)
    assert path.read_bytes() == content


# --- journal mode and network folders ------------------------------------------------------------

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
server:/export /mnt/nfs nfs4 rw 0 0
//srv/share /mnt/smb\\040share cifs rw 0 0
/dev/vdb /mnt/nfs/local-disk ext4 rw 0 0
"""


def test_network_folders_are_recognised() -> None:
    assert filesystem_type(Path("/home/owner"), MOUNTS) == "ext4"
    assert filesystem_type(Path("/mnt/nfs/data"), MOUNTS) == "nfs4"
    assert filesystem_type(Path("/mnt/nfs/local-disk/x"), MOUNTS) == "ext4"  # the longest mount point wins
    assert filesystem_type(Path("/mnt/smb share/x"), MOUNTS) == "cifs"
    assert filesystem_type(Path("/mnt/nfsother"), MOUNTS) == "ext4"
    assert is_local_folder(Path("/home/owner"), platform="linux", mounts_text=MOUNTS)
    assert not is_local_folder(Path("/mnt/nfs/data"), platform="linux", mounts_text=MOUNTS)
    assert not is_local_folder(Path("/mnt/smb share"), platform="linux", mounts_text=MOUNTS)
    assert not is_local_folder(Path("\\\\server\\share\\algo"), platform="win32")
    assert not is_local_folder(Path("//server/share/algo"), platform="linux", mounts_text=MOUNTS)
    assert is_local_folder(Path("/anything"), platform="sunos5")


def test_a_network_folder_uses_the_rollback_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "owner.sqlite3"
    filled_db(path)
    assert sql_rows(path, "PRAGMA journal_mode") == [("wal",)]
    monkeypatch.setattr(repository_module, "is_local_folder", lambda folder: False)
    with open_owner_db(path) as repo:
        assert repo.journal_mode == "delete"
        repo.create_algorithm("Op de netwerkschijf", "O", "U", "R")
    assert sql_rows(path, "PRAGMA journal_mode") == [("delete",)]
    assert not (tmp_path / "owner.sqlite3-wal").exists()
    assert len(sql_rows(path, "SELECT id FROM algorithms")) == 2
