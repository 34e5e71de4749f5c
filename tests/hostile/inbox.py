"""An inbox of real packages for the crash and concurrency tests, and the checks of a CDO database after them.

The folder holds new packages, a correction and its predecessor (so both orders occur), one package
for quarantine and two to refuse. `check_cdo` reads a database with sqlite3 and asserts that nothing
is half-imported; `check_final` that, once everything is in, exactly the expected submissions are
current, kept as history and waiting in quarantine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from algoinventaris.cdo.samples import Sample
from tests.cdo.conftest import MOMENT, UNIT_B, replace_ai
from tests.hostile.corpus import (
    GOOD,
    HIGH,
    LOW,
    LOW_LATER,
    NONE,
    NONE_LATER,
    S_HIGH,
    S_LOW_1,
    S_LOW_2,
    S_NONE_1,
    S_NONE_2,
    UNIT_A,
    UNIT_NONE,
    World,
    members,
    replace,
)
from tests.package.helpers import flip_byte
from tests.storage.helpers import integrity

STORED = ("imported", "superseded", "quarantined", "duplicate")
OTHER_UNIT = Sample("Vergunningcheck", UNIT_B, kind="low-risk")


@dataclass(frozen=True)
class Folder:
    """The packages the children import, and what the database must hold once they are all in."""

    path: Path
    sha: dict[str, str]  # file name -> SHA-256
    current: frozenset[str]  # file names that end as current submissions
    history: frozenset[str]  # ... as history
    quarantined: frozenset[str]
    refused: frozenset[str]
    enrolments: str  # JSON for the worker

    def name_of(self, sha: str) -> str | None:
        return next((n for n, s in self.sha.items() if s == sha), None)


def make_folder(world: World, path: Path) -> Folder:
    """Write the inbox of the crash and concurrency tests into `path`."""
    later = MOMENT + dt.timedelta(days=3)
    good = world.good()
    made = {
        "good.zip": good,
        "high.zip": world.make(HIGH, world.a, submission_id=S_HIGH),
        "low-1.zip": world.make(LOW, world.a, submission_id=S_LOW_1),
        "low-2.zip": world.make(LOW_LATER, world.a, submission_id=S_LOW_2, corrects=S_LOW_1, created_at=later),
        "none-1.zip": world.make(NONE, world.a, submission_id=S_NONE_1),
        "none-2.zip": world.make(NONE_LATER, world.a, submission_id=S_NONE_2, corrects=S_NONE_1, created_at=later),
        "other-unit.zip": world.make(OTHER_UNIT, world.b),
        "mismatch.zip": world.make(GOOD, world.a, key="crash-mismatch",
                                   tamper=lambda s: replace_ai(s, conclusion_id="no-ai-system", conclusion_ref="11.2")),
        "unknown-unit.zip": world.make(dataclasses.replace(GOOD, unit=UNIT_NONE), world.a),
        "tampered.zip": _tampered(good),
    }
    for name, data in made.items():
        (path / name).write_bytes(data)
    enrol = [[UNIT_A, world.a.public_raw.hex(), world.a.fingerprint], [UNIT_B, world.b.public_raw.hex(), world.b.fingerprint]]
    return Folder(path, {n: hashlib.sha256(d).hexdigest() for n, d in made.items()},
                  frozenset({"good.zip", "high.zip", "low-2.zip", "none-2.zip", "other-unit.zip"}),
                  frozenset({"low-1.zip", "none-1.zip"}), frozenset({"mismatch.zip"}),
                  frozenset({"unknown-unit.zip", "tampered.zip"}), json.dumps(enrol))


def _tampered(data: bytes) -> bytes:
    from algoinventaris.package.build import zip_bytes

    items = members(data)
    return zip_bytes(replace(items, "answers.json", flip_byte(dict(items)["answers.json"])))


@dataclass
class Reported:
    """What the killed children said they finished."""

    stored: set[str] = field(default_factory=set)
    refused: set[str] = field(default_factory=set)
    kills_in_import: int = 0

    def read(self, output: str) -> None:
        complete = output[: output.rfind("\n") + 1]
        pending = False
        for line in complete.splitlines():
            parts = line.split()
            if parts[:1] == ["BEGIN"]:
                pending = True
            elif parts[:1] == ["DONE"]:
                pending = False
                (self.stored if parts[2] in STORED else self.refused).add(parts[1])
        if pending:
            self.kills_in_import += 1


def check_cdo(db: Path, folder: Folder, reported: Reported) -> int:
    """Assert the database is whole (see the module docstring); returns how many facts were checked."""
    assert integrity(db) == ["ok"], f"{db}: {integrity(db)}"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "packages" not in tables:
            return 1  # killed before the first migration committed: an empty (or no) database
        packages = dict(conn.execute("SELECT id, sha256 FROM packages").fetchall())
        subs = conn.execute("SELECT id, submission_id, package_id, algorithm_id, round_id, is_current, superseded_by "
                            "FROM submissions").fetchall()
        items = conn.execute("SELECT id, package_id, status FROM quarantine").fetchall()
        audit = conn.execute("SELECT result, package_sha256 FROM audit").fetchall()
    finally:
        conn.close()
    owners = Counter([s[2] for s in subs] + [q[1] for q in items])
    for package_id, sha in packages.items():
        name = folder.name_of(sha)
        assert name is not None, f"package row {package_id} is none of the folder's packages"
        assert name not in folder.refused, f"{name} should have been refused but its bytes are stored"
        assert owners[package_id] == 1, f"{name}: package row {package_id} has {owners[package_id]} submissions/items: half-imported"
    assert set(owners) <= set(packages), "a submission or quarantine item without its package"
    audited = Counter((result, sha) for result, sha in audit)
    for row_id, _sid, package_id, _alg, _rnd, _current, _by in subs:
        sha = packages[package_id]
        assert audited[("imported", sha)] + audited[("superseded", sha)] >= 1, f"submission {row_id} has no audit line"
    for _item, package_id, _status in items:
        assert audited[("quarantined", packages[package_id])] >= 1, "a quarantine item without its audit line"
    ids = Counter(s[1] for s in subs)
    assert all(n == 1 for n in ids.values()), f"a submission id stored twice: {ids}"
    currents = Counter((s[3], s[4]) for s in subs if s[5])
    assert all(n == 1 for n in currents.values()), "two current submissions of one algorithm in one round"
    row_ids = {s[0] for s in subs}
    for row_id, _sid, _p, _a, _r, current, superseded_by in subs:
        assert bool(current) == (superseded_by is None), f"submission {row_id}: current={current}, superseded_by={superseded_by}"
        assert superseded_by is None or superseded_by in row_ids
    stored = {folder.name_of(sha) for sha in packages.values()}
    missing = reported.stored - stored
    assert not missing, f"reported as imported but not in the database: {missing}"
    assert not (reported.refused & stored)
    return 6 + len(packages) + len(subs) + len(items)


def check_final(db: Path, folder: Folder) -> None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        rows = conn.execute("SELECT p.sha256, s.is_current FROM submissions s JOIN packages p ON p.id = s.package_id").fetchall()
        waiting = conn.execute("SELECT p.sha256 FROM quarantine q JOIN packages p ON p.id = q.package_id "
                               "WHERE q.status = 'waiting'").fetchall()
    finally:
        conn.close()
    current = {folder.name_of(sha) for sha, is_current in rows if is_current}
    history = {folder.name_of(sha) for sha, is_current in rows if not is_current}
    assert (current, history) == (set(folder.current), set(folder.history))
    assert {folder.name_of(r[0]) for r in waiting} == set(folder.quarantined)
