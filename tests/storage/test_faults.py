"""Fault tests of the owner storage: processes killed with SIGKILL mid-work, two writers at once, a locked file.

The SIGKILL trials fork their workers from a fork server (tests/forkserver.py) so that a trial costs
milliseconds instead of a Python start-up: ALGOINVENTARIS_CRASH_TRIALS (default 100) trials run in CI;
set it higher for a longer run (the CDO import has as many trials of its own in tests/hostile).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from algoinventaris.storage import DatabaseLocked, open_owner_db
from algoinventaris.storage.sqlitefile import HEAD_REVISION, SCHEMA_VERSION
from tests.forkserver import Child, ForkServer
from tests.hostile.summary import record_trials
from tests.storage.helpers import ROOT, integrity, sql_rows, stored_answers, write_chain_form

QUESTIONS = 12
TRIALS = int(os.environ.get("ALGOINVENTARIS_CRASH_TRIALS", "100"))
WORKER_MODULES = ("tests.storage.worker", "algoinventaris.storage.repository", "algoinventaris.storage.migrate")


def worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.storage.worker", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ),
    )


def finish(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """The rest of a worker's output once it has ended (read through the same buffered files as readline)."""
    assert proc.stdout is not None and proc.stderr is not None
    out = proc.stdout.read()
    err = proc.stderr.read()
    proc.wait(timeout=60)
    return out, err


@dataclass
class Expected:
    """What the killed workers reported as committed (SAVED) and what was in flight (BEGIN without SAVED)."""

    created: set[str] = field(default_factory=set)
    saved: dict[tuple[str, str], str] = field(default_factory=dict)
    in_flight: dict[tuple[str, str], str] = field(default_factory=dict)
    confirmed_count: int = 0
    interrupted_saves: int = 0

    def read(self, output: str) -> None:
        complete = output[: output.rfind("\n") + 1]  # a line cut off by the kill does not count
        pending: tuple[tuple[str, str], str] | None = None
        for line in complete.splitlines():
            parts = line.split()
            if parts[:1] == ["CREATED"]:
                self.created.add(parts[1])
            elif parts[:1] == ["BEGIN"]:
                pending = ((parts[1], parts[2]), parts[3])
            elif parts[:1] == ["SAVED"]:
                key = (parts[1], parts[2])
                self.saved[key] = parts[3]
                self.in_flight.pop(key, None)
                self.confirmed_count += 1
                pending = None
        if pending is not None:  # killed during save_answer: it may or may not have been committed
            self.in_flight[pending[0]] = pending[1]
            self.interrupted_saves += 1


_OPEN_LOCK = threading.Lock()  # Alembic keeps its migration context in module globals: one migration per process at a time


def check_database(db: Path, expected: Expected) -> None:
    assert integrity(db) == ["ok"], f"{db}: {integrity(db)}"
    with _OPEN_LOCK:
        repo = open_owner_db(db)  # opens (and finishes a migration that was killed) without complaint
    try:
        assert repo.integrity_problems() == []
        algorithms = {a.id: a for a in repo.list_algorithms(include_deleted=True)}
    finally:
        repo.close()
    assert sql_rows(db, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert sql_rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert expected.created <= set(algorithms), "a reported new algorithm is missing"
    stored = stored_answers(db)
    for key, answer in expected.saved.items():
        allowed = {answer, expected.in_flight.get(key, answer)}
        assert key in stored, f"confirmed answer {key} = {answer} is lost"
        assert stored[key][0] in allowed, f"{key}: stored {stored[key]}, confirmed {answer}"
    for key in set(stored) - set(expected.saved):
        assert key in expected.in_flight and stored[key] == [expected.in_flight[key]], f"unexpected answer {key}"
    # One transaction per answer: the algorithm's position always belongs to its newest answer.
    newest: dict[str, tuple[str, str]] = {}
    for alg, qid, updated in sql_rows(db, "SELECT algorithm_id, question_id, updated_at FROM answers"):
        if alg not in newest or updated > newest[alg][1]:
            newest[alg] = (qid, updated)
    for alg, (qid, updated) in newest.items():
        row = algorithms[alg]
        number = int(qid[1:])
        following = f"q{number + 1}" if number + 1 < QUESTIONS else None
        assert row.current_question == following, f"{alg}: position {row.current_question} but newest answer {qid}"
        assert row.current_form == "chain"
        assert row.updated_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ") >= updated


def run_crash_trials(lane: int, trials: int, tmp_path: Path, form_dir: Path, seed: int) -> tuple[int, int]:
    """Start and kill workers one after another; check the database after every kill.

    Returns how many answers were confirmed and how many kills hit a save in progress.
    """
    rng = random.Random(seed)
    expectations: dict[Path, Expected] = {}
    with ForkServer(WORKER_MODULES) as server:
        for trial in range(trials):
            # Every fifth trial starts a new database and kills at any moment from the start, so that
            # creating and migrating the file are hit too; the others kill while answers are being saved.
            db = tmp_path / f"owner-{lane}-{trial // 5}.sqlite3"
            early = trial % 5 == 0
            expected = expectations.setdefault(db, Expected())
            child: Child = server.spawn("tests.storage.worker:main", ["crash", str(db), str(form_dir / "chain"),
                                                                     str(rng.randrange(1, 10**9))])
            first = ""
            if early:
                time.sleep(rng.uniform(0.0, 0.4))
            else:
                first = child.stdout.readline()
                assert first == "READY\n", f"worker did not start: {first!r} {server.errors()}"
                # Let it confirm a random number of answers (however fast this machine is), then kill it
                # a random moment later: in the middle of a save, between two, or while creating.
                for _ in range(rng.randrange(0, 25)):
                    line = child.stdout.readline()
                    first += line
                    while line.startswith(("BEGIN", "CREATED", "OUTCOME")):
                        line = child.stdout.readline()
                        first += line
                time.sleep(rng.uniform(0.0, 0.01))
            returncode = server.kill(child)
            out = child.read_rest()
            assert returncode == -signal.SIGKILL, f"worker ended on its own ({returncode}): {server.errors()}"
            expected.read(first + out)
            if db.exists():
                check_database(db, expected)
    return sum(e.confirmed_count for e in expectations.values()), sum(e.interrupted_saves for e in expectations.values())


def test_sigkill_at_random_moments_loses_no_confirmed_answer(tmp_path: Path) -> None:
    form_dir = tmp_path / "forms"
    write_chain_form(form_dir, QUESTIONS)
    seed = int(os.environ.get("ALGOINVENTARIS_CRASH_SEED", "0")) or random.randrange(1, 10**9)
    lanes = 2  # two independent series at once (separate files): the machine has two cores
    with ThreadPoolExecutor(lanes) as pool:
        futures = [
            pool.submit(run_crash_trials, lane, (TRIALS + lanes - 1 - lane) // lanes, tmp_path, form_dir, seed + lane)
            for lane in range(lanes)
        ]
        results = [f.result() for f in futures]  # re-raises a failed check (the seed is in the report)
    confirmed = sum(r[0] for r in results)
    in_save = sum(r[1] for r in results)
    print(f"crash trials: {TRIALS}, seed {seed}, confirmed answers checked: {confirmed}, kills during a save: {in_save}")
    assert confirmed > TRIALS, "the workers were killed before saving much"
    record_trials("SIGKILL trials: owner autosave", TRIALS, checked=confirmed, note=f"{in_save} kills during a save")


def test_two_processes_write_to_one_database_at_once(tmp_path: Path) -> None:
    form_dir = tmp_path / "forms"
    form = write_chain_form(form_dir, QUESTIONS)
    db = tmp_path / "owner.sqlite3"
    repo = open_owner_db(db)
    shared = repo.create_algorithm("Gedeeld", "Org", "Unit", "Ronde")
    repo.close()
    go = tmp_path / "go"
    count = 120
    procs = [worker("write", str(db), str(form_dir / "chain"), name, shared.id, str(count), str(go)) for name in "AB"]
    for proc in procs:
        assert proc.stdout is not None
        lines = [proc.stdout.readline(), proc.stdout.readline()]
        assert lines[1] == "READY\n", f"{lines} {proc.stderr.read() if proc.stderr else ''}"
    go.touch()
    outputs = [finish(proc) for proc in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    saved: dict[tuple[str, str], str] = {}
    for out, _err in outputs:
        for line in out.splitlines():
            parts = line.split()
            if parts[0] == "SAVED":
                saved[(parts[1], parts[2])] = parts[3]
    assert sum(out.count("SAVED") for out, _ in outputs) == 2 * count
    assert integrity(db) == ["ok"]
    stored = stored_answers(db)
    assert {k: v[0] for k, v in stored.items()} == saved  # every answer of both writers, none mixed up
    shared_rows = [k for k in stored if k[0] == shared.id]
    assert len(shared_rows) == len(form.questions)  # both wrote their half of the shared algorithm
    repo = open_owner_db(db)
    try:
        assert len(repo.list_algorithms()) == 3
        assert repo.integrity_problems() == []
    finally:
        repo.close()


def test_processes_opening_a_new_database_together_migrate_it_once(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    code = (
        "import sys; from algoinventaris.storage import open_owner_db; r = open_owner_db(sys.argv[1]); "
        "a = r.create_algorithm('P', 'O', 'U', 'R'); print(a.id); r.close()"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(db)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    results = [proc.communicate(timeout=60) for proc in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _out, err in results]
    ids = {out.strip() for out, _err in results}
    assert len(ids) == 3
    assert {r[0] for r in sql_rows(db, "SELECT id FROM algorithms")} == ids
    assert sql_rows(db, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert not list(tmp_path.glob("*.backup-*"))  # nothing to back up in a new file
    assert integrity(db) == ["ok"]


def test_a_writer_waits_for_a_short_lock_and_reports_a_long_one(tmp_path: Path) -> None:
    db = tmp_path / "owner.sqlite3"
    repo = open_owner_db(db, busy_timeout=0.3)
    alg = repo.create_algorithm("A", "O", "U", "R")
    other = sqlite3.connect(str(db), isolation_level=None, check_same_thread=False)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE algorithms SET name = 'B'")
        started = time.monotonic()
        with pytest.raises(DatabaseLocked) as caught:
            repo.update_algorithm(alg.id, unit="Ander")
        assert time.monotonic() - started >= 0.25
        message = str(caught.value)
        assert str(db) in message and "another program" in message and "Nothing was changed" in message
        other.execute("ROLLBACK")
        # A lock that is let go within the busy timeout is simply waited for.
        other.execute("BEGIN IMMEDIATE")
        timer = threading.Timer(0.1, lambda: other.execute("COMMIT"))
        timer.start()
        patient = open_owner_db(db, busy_timeout=5)
        try:
            assert patient.update_algorithm(alg.id, unit="Ander").unit == "Ander"
        finally:
            timer.join()
            patient.close()
    finally:
        other.close()
        repo.close()
    assert sql_rows(db, "SELECT name, unit FROM algorithms") == [("A", "Ander")]


def test_sigkill_during_a_migration_leaves_the_old_or_the_new_database(tmp_path: Path) -> None:
    from tests.storage.test_migrations import NEXT_REVISION, extra_revision

    versions = extra_revision(tmp_path)
    template = tmp_path / "template.sqlite3"
    with open_owner_db(template) as repo:
        ids = {repo.create_algorithm(f"Algoritme {i}", "O", "U", "R").id for i in range(1500)}
    code = (
        "import sys; from pathlib import Path; from algoinventaris.storage.migrate import migrate; "
        "print('START', flush=True); migrate(Path(sys.argv[1]), extra_version_locations=[Path(sys.argv[2])]); print('DONE', flush=True)"
    )
    rng = random.Random(int(os.environ.get("ALGOINVENTARIS_CRASH_SEED", "0")) or None)
    outcomes = set()
    for trial in range(6):
        db = tmp_path / f"owner-{trial}.sqlite3"
        db.write_bytes(template.read_bytes())
        proc = subprocess.Popen(
            [sys.executable, "-c", code, str(db), str(versions)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        assert proc.stdout.readline() == "START\n"
        time.sleep(rng.uniform(0.0, 0.5))
        proc.send_signal(signal.SIGKILL)
        out, _err = finish(proc)
        assert integrity(db) == ["ok"]
        revision = sql_rows(db, "SELECT version_num FROM alembic_version")[0][0]
        assert sql_rows(db, "PRAGMA user_version") == [(int(revision),)]
        assert revision == NEXT_REVISION or "DONE" not in out
        assert {r[0] for r in sql_rows(db, "SELECT id FROM algorithms")} == ids
        columns = [r[1] for r in sql_rows(db, "PRAGMA table_info(algorithms)")]
        assert ("notes" in columns) == (revision == NEXT_REVISION)
        for backup in tmp_path.glob(f"owner-{trial}.backup-*.sqlite3"):  # a backup under its final name is complete
            assert integrity(backup) == ["ok"]
            assert len(sql_rows(backup, "SELECT id FROM algorithms")) == len(ids)
        outcomes.add(revision)
    print(f"migration kill outcomes: {sorted(outcomes)}")
