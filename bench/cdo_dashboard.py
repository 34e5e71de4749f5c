"""Benchmark: the CDO dashboard counts over 100,000 submissions, against one plain GROUP BY on the same database.

100,000 submissions (two rounds, 40 units, categories A/B/C and unknown) go in through the repository's
bulk path into a fresh SQLite file. Then, alternating, the dashboard's counts per round, unit and
category (`CdoRepository.category_counts`, what `cdo status` and the dashboard use) and one bare
`SELECT round_id, unit_id, category, count(*) ... GROUP BY` with the sqlite3 module on the same file.
Prints the median of each and the ratio. Targets (issue 7): under 150 ms, ratio at most 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from algoinventaris.cdo.records import NewSubmission  # noqa: E402
from algoinventaris.storage.cdo import open_cdo_db  # noqa: E402

TARGET_MS = 150.0
TARGET_RATIO = 2.0
RUNS = 15
PLAIN = ("SELECT round_id, unit_id, category, count(*) FROM submissions WHERE is_current = 1 "
         "GROUP BY round_id, unit_id, category")


def rows(count: int) -> list[NewSubmission]:
    rnd = random.Random(7)
    moment = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    out = []
    for number in range(count):
        category = rnd.choice(["A", "B", "B", "C", "C", "C", None])
        out.append(NewSubmission(
            submission_id=str(uuid.UUID(int=rnd.getrandbits(128), version=4)), algorithm_id=f"alg-{number}",
            algorithm_name=f"Algoritme {number}", organisation="Ministerie van Voorbeeldzaken", unit=f"Onderdeel {number % 40:02d}",
            round=("Inventarisatie 2025", "Inventarisatie 2026")[number % 2], created_at=moment, language="nl",
            signer_method="ed25519", signer_name="bench", signer_fingerprint="SHA256:" + "0" * 64, content_digest="0" * 64,
            corrects=None, conclusion="x", conclusion_ref=None, conclusion_title=None, high_risk=category == "A",
            prohibited=False, category=category, category_source="package", exclusion_level="none", exclusion_ground=None,
            human_rights_test=rnd.choice(["done", "planned", None]), register_status="complete",
            publishable=category in ("A", "B"), not_published_reason=None, documents={}))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cdo-dash-") as tmp:
        path = Path(tmp) / "cdo.sqlite3"
        repo = open_cdo_db(path)
        try:
            start = time.perf_counter()
            inserted = repo.bulk_insert(rows(args.count), actor="bench")
            print(f"{inserted} submissions inserted through the bulk path in {time.perf_counter() - start:.1f} s")
            plain = sqlite3.connect(path)
            ours_ms: list[float] = []
            plain_ms: list[float] = []
            expected = sorted(plain.execute(PLAIN).fetchall(), key=lambda r: (r[0], r[1], r[2] or ""))
            counts = repo.category_counts()
            assert sum(c.total for c in counts) == args.count, "the dashboard counts do not add up"
            assert sum(r[3] for r in expected) == args.count
            for _ in range(RUNS):
                t0 = time.perf_counter()
                repo.category_counts()
                t1 = time.perf_counter()
                plain.execute(PLAIN).fetchall()
                t2 = time.perf_counter()
                ours_ms.append((t1 - t0) * 1000)
                plain_ms.append((t2 - t1) * 1000)
            plain.close()
            ours, bare = statistics.median(ours_ms), statistics.median(plain_ms)
            print(f"plain GROUP BY (sqlite3):            {bare:7.1f} ms")
            print(f"dashboard counts (category_counts):  {ours:7.1f} ms  (target < {TARGET_MS:.0f} ms: "
                  f"{'OK' if ours < TARGET_MS else 'MISSED'})")
            print(f"ratio: {ours / bare:.2f}  (target <= {TARGET_RATIO:.0f}: {'OK' if ours / bare <= TARGET_RATIO else 'MISSED'})")
        finally:
            repo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
