"""Cheap checks on the database file with only the standard sqlite3 module: place, header, schema version, damage.

These run before SQLAlchemy or Alembic are imported, so that start-up can tell quickly whether the
file is current, older (needs migrating), newer (refuse) or damaged (refuse), and so that no check
ever writes to a file it is about to refuse.

Schema versions: every Alembic revision id is a zero-padded number ("0001", "0002", ...) and a
database at revision N also has ``PRAGMA user_version = N``. The user_version sits in the file
header, so reading it costs one page read.

Journal mode rule: WAL is used only when the database folder is on a local disk, because WAL needs
shared memory between the processes using the file, which network file systems do not provide.
A folder counts as non-local when its path is a UNC path (starting with two backslashes or two
slashes), on Windows when its drive is a network drive, on Linux when /proc/mounts says the
file system is one of NETWORK_FILESYSTEMS, on macOS when `mount` says so. Everywhere else, and
whenever the check itself fails, the folder counts as local. Non-local folders use the classic
rollback journal (journal_mode=DELETE).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from algoinventaris import __version__
from algoinventaris.storage.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, StorageError

SCHEMA_VERSION = 3
HEAD_REVISION = f"{SCHEMA_VERSION:04d}"
SQLITE_HEADER = b"SQLite format 3\x00"
APP_TITLE = "Algoritme-inventaris"
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "ncpfs", "9p", "ceph", "glusterfs",
        "lustre", "davfs", "fuse.sshfs", "fuse.davfs2", "fuse.rclone", "fuse.glusterfs", "fuse.cephfs",
    }
)
_SQLITE_BUSY = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED
_SQLITE_DAMAGE = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB


@dataclass(frozen=True)
class FileState:
    """What the file holds, read without changing it."""

    path: Path
    exists: bool
    user_version: int = 0
    revision: str | None = None
    has_version_table: bool = False
    tables: tuple[str, ...] = ()
    min_app_version: str | None = None

    @property
    def schema(self) -> int | None:
        """The schema version the file is at (None: a revision id this app cannot read as a number)."""
        number = revision_number(self.revision)
        if number is None:
            return None
        return max(number, self.user_version)

    @property
    def is_current(self) -> bool:
        return self.revision == HEAD_REVISION and self.user_version == SCHEMA_VERSION

    @property
    def is_empty(self) -> bool:
        return not self.tables


def revision_number(revision: str | None) -> int | None:
    """'0003' -> 3, no revision -> 0, anything that is not a number -> None."""
    if revision is None:
        return 0
    return int(revision) if revision.isdigit() else None


def backups_of(path: Path) -> list[Path]:
    """Backup copies written next to the database before earlier migrations, newest first."""
    try:
        found = list(path.parent.glob(f"{path.stem}.backup-*.sqlite3"))
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def corrupt_error(path: Path, detail: str) -> DatabaseCorrupt:
    """The DatabaseCorrupt error for this file, saying what to do (and naming backups when there are)."""
    backups = backups_of(path)
    where = f" (the newest is {backups[0]})" if backups else ""
    return DatabaseCorrupt(
        f"The database file {path} cannot be used: {detail}. The file was not changed. "
        f"Restore a backup copy{where}, or move the file away so that the app starts with a new, empty database, "
        f"or choose another database file with --db.",
        path,
    )


def locked_error(path: Path, timeout: float) -> DatabaseLocked:
    """The DatabaseLocked error for this file."""
    return DatabaseLocked(
        f"The database file {path} is in use by another program (perhaps another Algoritme-inventaris window) "
        f"and stayed locked for more than {timeout:g} seconds. Nothing was changed. "
        f"Close the other program or wait until it has finished, then try again.",
        path,
    )


def check_location(path: Path) -> None:
    """Make sure the database can live at path: create its folder, refuse folders and unwritable places."""
    hint = "Choose another database file with --db PATH (or ALGOINVENTARIS_DB / ALGOINVENTARIS_DATA_DIR)."
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file. {hint}", path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StorageError(f"Cannot create the folder {folder} for the database {path.name}: {err.strerror or err}. {hint}", path) from err
    if not folder.is_dir():
        raise StorageError(f"Cannot use {folder} as the folder for the database: it is not a folder. {hint}", path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StorageError(
            f"The folder {folder} cannot be written, so the database {path.name} cannot be used there "
            f"(SQLite writes a journal next to the database). {hint}",
            path,
        )
    if path.exists():
        if not path.is_file():
            raise StorageError(f"{path} is not a regular file, so it cannot be a database. {hint}", path)
        if not os.access(path, os.R_OK):
            raise StorageError(f"The database file {path} cannot be read (permission denied). {hint}", path)
        if not os.access(path, os.W_OK):
            raise StorageError(
                f"The database file {path} is read-only, so answers could not be saved. "
                f"Make the file writable, or {hint[0].lower()}{hint[1:]}",
                path,
            )


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError as err:
        raise StorageError(f"The database file {path} cannot be read: {err.strerror or err}.", path) from err
    if not head:
        return  # an empty file is an empty database
    if head[:16] != SQLITE_HEADER[: len(head[:16])]:
        raise corrupt_error(path, "it is not an SQLite database (it may be damaged, or another kind of file)")
    if len(head) < 100:
        raise corrupt_error(path, "the file is cut off (shorter than a database header)")


@contextlib.contextmanager
def _connect(path: Path, timeout: float) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA query_only = ON")
        yield conn
    finally:
        conn.close()


def inspect_file(path: Path, timeout: float = 5.0, *, check_damage: bool = True) -> FileState:
    """Read the schema version and tables of an existing database without writing; refuse damaged files."""
    if not path.exists() or path.stat().st_size == 0:
        return FileState(path, exists=path.exists())
    _check_header(path)
    try:
        with _connect(path, timeout) as conn:
            if check_damage:
                rows = conn.execute("PRAGMA quick_check(5)").fetchall()
                problems = [str(r[0]) for r in rows if str(r[0]) != "ok"]
                if problems:
                    raise corrupt_error(path, "SQLite finds damage in it (" + "; ".join(problems)[:300] + ")")
            user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = tuple(
                str(r[0])
                for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            )
            revision: str | None = None
            if "alembic_version" in tables:
                revs = [str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")]
                if len(revs) > 1:
                    revs.sort(key=lambda r: (revision_number(r) is None, revision_number(r) or 0))
                revision = revs[-1] if revs else None
            min_app: str | None = None
            if "db_meta" in tables:
                row = conn.execute("SELECT value FROM db_meta WHERE key = 'min_app_version'").fetchone()
                min_app = str(row[0]) if row else None
    except sqlite3.DatabaseError as err:
        raise translate_sqlite_error(err, path, timeout) from err
    return FileState(path, True, user_version, revision, "alembic_version" in tables, tables, min_app)


def translate_sqlite_error(err: sqlite3.Error, path: Path, timeout: float) -> StorageError:
    """A StorageError for a person from an sqlite3 error met while using the file."""
    code = getattr(err, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(err)
    if primary in _SQLITE_BUSY or "locked" in text or "busy" in text:
        return locked_error(path, timeout)
    if primary in _SQLITE_DAMAGE or "malformed" in text or "not a database" in text:
        return corrupt_error(path, f"SQLite cannot read it ({text})")
    if primary == 8 or "readonly" in text or "read-only" in text:  # SQLITE_READONLY
        return StorageError(
            f"The database file {path} cannot be written ({text}). Nothing was saved. "
            f"Make the file and its folder writable, or choose another database file with --db.",
            path,
        )
    if primary == 13 or "full" in text:  # SQLITE_FULL
        return StorageError(f"The disk holding {path} is full. The last change was not saved; make room and try again.", path)
    if primary == 14:  # SQLITE_CANTOPEN
        return StorageError(
            f"The database file {path} cannot be created or opened ({text}). Check that its folder exists and can be written, "
            f"or choose another database file with --db.",
            path,
        )
    if primary == 10:  # SQLITE_IOERR
        return StorageError(f"Reading or writing {path} failed ({text}). The last change may not have been saved; try again.", path)
    return StorageError(f"The database file {path} cannot be used ({text}).", path)


def refuse_unusable(state: FileState) -> None:
    """Raise when the file is newer than this app, or is an SQLite file that this app did not write."""
    path = state.path
    if not state.exists or state.is_empty:
        return
    if not state.has_version_table:
        shown = ", ".join(state.tables[:5]) + (", ..." if len(state.tables) > 5 else "")
        raise corrupt_error(path, f"it is an SQLite database, but not one of {APP_TITLE} (it has the tables {shown} and no schema version)")
    schema = state.schema
    if schema is not None and schema <= SCHEMA_VERSION:
        return
    needs = (
        f"Install {APP_TITLE} {state.min_app_version} or newer to open it"
        if state.min_app_version
        else f"Install a newer version of {APP_TITLE} to open it"
    )
    shown_schema = f"schema {schema}" if schema is not None else f"schema revision '{state.revision}'"
    raise DatabaseTooNew(
        f"The database file {path} was written by a newer version of {APP_TITLE} ({shown_schema}; this is version "
        f"{__version__}, which reads schema {SCHEMA_VERSION} at most). The file was not changed. "
        f"{needs}, or choose another database file with --db.",
        path,
        schema=schema or 0,
        needs_app=state.min_app_version,
    )


def quick_status(path: Path, timeout: float = 5.0) -> str:
    """One word for start-up (reads, never writes).

    'new' (no file yet, or an empty one), 'current', 'older' (will be migrated after a backup), 'newer'
    (refused) or 'unusable' (damaged, foreign or unreadable; refused).
    """
    try:
        state = inspect_file(path, timeout, check_damage=False)
        refuse_unusable(state)
    except DatabaseTooNew:
        return "newer"
    except StorageError:
        return "unusable"
    if not state.exists or state.is_empty:
        return "new"
    return "current" if state.is_current else "older"


# --- local or network folder -------------------------------------------------------------------


def _unescape_mount(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def filesystem_type(folder: Path, mounts_text: str) -> str | None:
    """The file system type of folder according to a /proc/mounts text (the longest matching mount point)."""
    target = folder.as_posix().rstrip("/") or "/"
    best: tuple[int, str] | None = None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _unescape_mount(parts[1]).rstrip("/") or "/"
        covers = target == point or point == "/" or target.startswith(point + "/")
        if covers and (best is None or len(point) > best[0]):
            best = (len(point), parts[2])
    return best[1] if best else None


def _windows_drive_is_remote(folder: Path) -> bool:
    import ctypes

    drive = folder.drive
    if not drive:
        return False
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return False
    return int(windll.kernel32.GetDriveTypeW(drive + "\\")) == 4  # DRIVE_REMOTE


def _macos_filesystem(folder: Path) -> str | None:
    out = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=3, check=False).stdout
    best: tuple[int, str] | None = None
    for line in out.splitlines():
        match = re.match(r"^.+? on (.+) \(([^,)]+)", line)
        if not match:
            continue
        point, kind = match.group(1).rstrip("/") or "/", match.group(2)
        target = folder.as_posix()
        if (point == "/" or target == point or target.startswith(point + "/")) and (best is None or len(point) > best[0]):
            best = (len(point), kind)
    return best[1] if best else None


def is_local_folder(folder: Path, *, platform: str | None = None, mounts_text: str | None = None) -> bool:
    """Whether WAL may be used in this folder (see the module docstring for the rule)."""
    platform = platform or sys.platform
    raw = str(folder)
    if raw.startswith(("\\\\", "//")):
        return False
    try:
        resolved = folder.resolve()
        if platform == "win32":
            return not (str(resolved).startswith("\\\\") or _windows_drive_is_remote(resolved))
        if platform.startswith("linux"):
            if mounts_text is None:
                mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
            kind = filesystem_type(resolved, mounts_text)
        elif platform == "darwin":
            kind = _macos_filesystem(resolved)
        else:
            return True
    except (OSError, ValueError, subprocess.SubprocessError):
        return True
    return kind is None or kind.lower() not in NETWORK_FILESYSTEMS
