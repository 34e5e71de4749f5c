"""A throw-away PostgreSQL server for tests and benchmarks: initdb + pg_ctl in a temporary folder, unix socket only.

As root, initdb and postgres refuse to run, so they run as the `postgres` system user (runuser) in a
folder owned by that user. The server listens on no TCP port, only on a socket in its own folder,
with fsync off (test data only). `PgServer.start()` returns None when the binaries are absent.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

BIN_GLOBS = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin")


def find_bin() -> Path | None:
    """The folder with initdb, pg_ctl and postgres, or None."""
    for pattern in BIN_GLOBS:
        for folder in sorted(glob.glob(pattern), reverse=True):
            if all((Path(folder) / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
                return Path(folder)
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


@dataclass
class PgServer:
    """A running server; `url(dbname)` gives a SQLAlchemy URL, `create_database()` a fresh empty database."""

    folder: Path
    bin: Path
    user: str
    run_as: list[str]

    @classmethod
    def start(cls) -> PgServer | None:
        binaries = find_bin()
        if binaries is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="algoinventaris-pg-"))
        run_as: list[str] = []
        user = os.environ.get("USER") or "postgres"
        if os.geteuid() == 0:
            import pwd

            try:
                entry = pwd.getpwnam("postgres")
            except KeyError:
                return None
            os.chown(folder, entry.pw_uid, entry.pw_gid)
            run_as = ["runuser", "-u", "postgres", "--"]
            user = "postgres"
        else:
            import getpass

            user = getpass.getuser()
        server = cls(folder, binaries, user, run_as)
        data = folder / "data"
        server._run(str(binaries / "initdb"), "-D", str(data), "-U", user, "--auth=trust", "--encoding=UTF8",
                    "--locale=C", "-N")
        options = f"-k {folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        server._run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-o", options,
                    "-w", "-t", "60", "start")
        return server

    def _run(self, *cmd: str) -> None:
        done = subprocess.run([*self.run_as, *cmd], capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed: {done.stderr.strip() or done.stdout.strip()}")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@/{dbname}?host={self.folder}"

    def create_database(self) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(host=str(self.folder), user=self.user, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.SubprocessError, OSError):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
