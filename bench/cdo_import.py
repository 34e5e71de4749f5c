"""Benchmark: the CDO import pipeline over 1,000 real signed packages, against a bare loop in the same run.

The packages are made with the real builder (canonical JSON, PDF, Ed25519 signature, zip) from the
bundled forms, over ten units, on both cores. Then, each into a fresh SQLite database in a temporary
folder: (1) the full pipeline (all ten steps, one transaction per package, audit lines), and (2) a bare
loop that only unzips, hashes every member with SHA-256, checks the signature and inserts one row per
package (committed one by one, same journal settings). Prints packages per second and the ratio.
The pipeline runs twice, each time into a fresh database: as `cdo import` runs it (steps 1-8 in verifier
processes a few packages ahead when `parallel_workers` allows: fork, two cores; the database writes
stay in one process, one transaction per package, in input order), and all in one process (as the
window's import, which runs in a thread, always does). Targets (issue 7): at least 300 packages/s,
ratio at most 3. `--pg` runs the pipeline on a throw-away PostgreSQL server as well (when the server
binaries are installed).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import multiprocessing
import sqlite3
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey  # noqa: E402

from algoinventaris.cdo.pipeline import Importer, parallel_workers  # noqa: E402
from algoinventaris.cdo.samples import KINDS, Sample, build_sample, package_bytes  # noqa: E402
from algoinventaris.package.keys import Ed25519Signer  # noqa: E402
from algoinventaris.storage.cdo import open_cdo_db  # noqa: E402

TARGET_RATE = 300.0
TARGET_RATIO = 3.0
UNITS = [f"Directie {name}" for name in ("Toeslagen", "Vergunningen", "Handhaving", "Belastingen", "Subsidies", "Wonen",
                                         "Zorg", "Onderwijs", "Verkeer", "Veiligheid")]


def _seed(index: int) -> bytes:
    return hashlib.sha256(f"bench-unit-{index}".encode()).digest()


def _make(args: tuple[int, str]) -> None:
    number, folder = args
    unit = number % len(UNITS)
    signer = Ed25519Signer(Ed25519PrivateKey.from_private_bytes(_seed(unit)), f"Eigenaar {unit}")
    sample = Sample(f"Algoritme {number:04d}", UNITS[unit], kind=KINDS[number % len(KINDS)])
    data, _ = package_bytes(build_sample(sample), signer)
    (Path(folder) / f"pakket-{number:04d}.zip").write_bytes(data)


def generate(folder: Path, count: int) -> float:
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_make, [(n, str(folder)) for n in range(count)], chunksize=20)
    return time.perf_counter() - start


def bare_loop(files: list[Path], db: Path) -> float:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE packages (sha256 TEXT PRIMARY KEY, data BLOB)")
    start = time.perf_counter()
    for file in files:
        data = file.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        for content in members.values():
            hashlib.sha256(content).hexdigest()
        manifest = json.loads(members["manifest.json"])
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(manifest["signer"]["public_key"]))
        key.verify(members["manifest.sig"], members["manifest.json"])
        conn.execute("BEGIN")
        conn.execute("INSERT INTO packages VALUES (?, ?)", (hashlib.sha256(data).hexdigest(), data))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def pipeline(files: list[Path], target: str, workers: int | None = None) -> tuple[float, dict[str, int]]:
    repo = open_cdo_db(target)
    try:
        for index, unit in enumerate(UNITS):
            signer = Ed25519Signer(Ed25519PrivateKey.from_private_bytes(_seed(index)), "x")
            repo.add_trust(unit, "ed25519", signer.fingerprint, signer.public_raw, actor="bench")
        importer = Importer(repo, actor="bench", workers=workers)
        counts: dict[str, int] = {}
        start = time.perf_counter()
        for outcome in importer.import_paths(files):
            counts[outcome.result] = counts.get(outcome.result, 0) + 1
        return time.perf_counter() - start, counts
    finally:
        repo.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--pg", action="store_true", help="also run the pipeline on a throw-away PostgreSQL server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cdo-") as tmp:
        folder = Path(tmp) / "packages"
        folder.mkdir()
        made = generate(folder, args.count)
        files = sorted(folder.glob("*.zip"))
        size = sum(f.stat().st_size for f in files) / len(files) / 1024
        print(f"generated {len(files)} packages with the real builder in {made:.1f} s (2 processes), {size:.0f} KiB each")
        bare = bare_loop(files, Path(tmp) / "bare.sqlite3")
        workers = parallel_workers(len(files))
        full, counts = pipeline(files, str(Path(tmp) / "cdo.sqlite3"))
        alone, alone_counts = pipeline(files, str(Path(tmp) / "cdo-one-process.sqlite3"), workers=0)
        for found in (counts, alone_counts):
            if found.get("imported", 0) != len(files):
                print(f"unexpected results: {found}")
                return 1
        print(f"bare loop (unzip + SHA-256 + signature + one insert): {bare:6.2f} s  {len(files) / bare:7.0f} packages/s")
        for label, elapsed in ((f"CDO import pipeline, SQLite ({workers} verifier processes):" if workers else
                                "CDO import pipeline, SQLite (one process):", full),
                               ("CDO import pipeline, SQLite, all in one process:", alone)):
            rate, ratio = len(files) / elapsed, elapsed / bare
            print(f"{label:54s}{elapsed:6.2f} s  {rate:7.0f} packages/s  "
                  f"(target >= {TARGET_RATE:.0f}/s: {'OK' if rate >= TARGET_RATE else 'MISSED'}; ratio {ratio:.2f}, "
                  f"target <= {TARGET_RATIO:.0f}: {'OK' if ratio <= TARGET_RATIO else 'MISSED'})")
        if args.pg:
            from tests.cdo.pgserver import PgServer

            server = PgServer.start()
            if server is None:
                print("PostgreSQL: skipped (initdb/pg_ctl not installed)")
            else:
                try:
                    pg, counts = pipeline(files, server.create_database())
                    print(f"{'CDO import pipeline, PostgreSQL (as cdo import runs):':54s}{pg:6.2f} s  {len(files) / pg:7.0f} packages/s")
                finally:
                    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
