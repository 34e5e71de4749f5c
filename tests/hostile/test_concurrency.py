"""Concurrency: two CDO imports of the same folder at once (SQLite and PostgreSQL), two owner processes on one answer.

The CDO imports run the real command line (`algoinventaris cdo import FOLDER --json`) in two processes
released at the same moment: every package must end up stored exactly once (one process reports it
imported, superseded or quarantined, the other a duplicate), refused packages are refused by both, and
the database holds exactly the expected current submissions, history and quarantine, uncorrupted.
Two owner processes (tests/storage has two writers on separate questions) here write the *same*
questions of one algorithm in turns: the last commit wins, nothing is torn or duplicated.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.storage import open_owner_db
from algoinventaris.storage.cdo import open_cdo_db
from tests.cdo.pgserver import PgServer
from tests.conftest import ROOT
from tests.forkserver import ForkServer
from tests.hostile.corpus import World
from tests.hostile.inbox import STORED, Folder, Reported, check_cdo, check_final, make_folder
from tests.hostile.summary import record_trials
from tests.storage.helpers import integrity, sql_rows, write_chain_form

AT_GO = (
    "import sys, time, pathlib\n"
    "from algoinventaris.cli.main import main\n"
    "import algoinventaris.cli.cdo, algoinventaris.cdo.pipeline, algoinventaris.storage.cdo.repository\n"
    "go = pathlib.Path(sys.argv[1])\n"
    "print('READY', flush=True)\n"
    "while not go.exists(): time.sleep(0.001)\n"
    "sys.exit(main(sys.argv[2:]))\n"
)


@pytest.fixture(scope="module")
def inbox(world: World, tmp_path_factory: pytest.TempPathFactory) -> Folder:
    return make_folder(world, tmp_path_factory.mktemp("concurrent-inbox"))


@pytest.fixture(scope="module")
def pg() -> Iterator[PgServer | None]:
    try:
        server = PgServer.start()
    except RuntimeError as err:
        pytest.fail(f"PostgreSQL is installed but does not start: {err}")
    yield server
    if server is not None:
        server.stop()


def _stored_names(repo: Any, inbox: Folder) -> tuple[set[str | None], set[str | None], set[str | None]]:
    subs = repo.list_submissions(current_only=False)
    current = {inbox.name_of(s.package_sha256) for s in subs if s.is_current}
    history = {inbox.name_of(s.package_sha256) for s in subs if not s.is_current}
    waiting = {inbox.name_of(q.package_sha256) for q in repo.list_quarantine()}
    return current, history, waiting


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_two_cdo_imports_of_one_folder_at_once(engine: str, inbox: Folder, pg: PgServer | None, tmp_path: Path) -> None:
    if engine == "sqlite":
        target = str(tmp_path / "cdo.sqlite3")
    else:
        if pg is None:
            pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql")
        target = pg.create_database()
    repo = open_cdo_db(target)
    for unit, key_hex, fingerprint in json.loads(inbox.enrolments):
        repo.add_trust(unit, "ed25519", fingerprint, bytes.fromhex(key_hex), actor="beheerder")
    repo.close()
    go = tmp_path / "go"
    files = sorted(str(p) for p in inbox.path.glob("*.zip"))
    orders = {1: [str(inbox.path)], 2: files[::-1]}  # the folder as is, and its files in the opposite order
    procs = [subprocess.Popen([sys.executable, "-c", AT_GO, str(go), "cdo", "import", *orders[n], "--json", "--lang", "en",
                               "--db", target, "--actor", f"importer-{n}"], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for n in (1, 2)]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline() == "READY\n", proc.stderr.read() if proc.stderr else ""
    go.touch()
    outputs = [proc.communicate(timeout=120) for proc in procs]
    results: dict[str, list[str]] = {}
    reasons: dict[str, list[str]] = {}
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 1, err  # 1: some packages were refused or quarantined, as they should be
        assert "Traceback" not in err
        for line in out.splitlines():
            item = json.loads(line)
            results.setdefault(Path(item["file"]).name, []).append(item["result"])
            reasons.setdefault(Path(item["file"]).name, []).append(f"{item['result']} {item['reason_code']}: {item['reason']}")
    assert set(results) == set(inbox.sha)
    for name, seen in results.items():
        if name in inbox.refused:
            assert seen == ["refused", "refused"], f"{name}: {seen}"
        else:
            assert sorted(seen, key=lambda r: r == "duplicate") in (["imported", "duplicate"], ["superseded", "duplicate"],
                                                                     ["quarantined", "duplicate"]), f"{name}: {reasons[name]}"
    repo = open_cdo_db(target)
    try:
        current, history, waiting = _stored_names(repo, inbox)
        subs = repo.list_submissions(current_only=False)
        assert len({s.submission_id for s in subs}) == len(subs), "a submission stored twice"
    finally:
        repo.close()
    assert (current, history, waiting) == (set(inbox.current), set(inbox.history), set(inbox.quarantined))
    if engine == "sqlite":
        reported = Reported(stored={n for n, seen in results.items() if any(r in STORED for r in seen)})
        check_cdo(Path(target), inbox, reported)
        check_final(Path(target), inbox)
    record_trials(f"concurrency: two CDO imports ({engine})", 1, checked=len(results))


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_an_original_and_its_correction_imported_at_the_same_moment_leave_one_current(
        engine: str, inbox: Folder, pg: PgServer | None, tmp_path: Path) -> None:
    """Two importers released together, one with the original and one with its correction: one current, one history.

    On PostgreSQL this failed 14 times out of 15 before store_submission took its advisory lock: both
    transactions saw no current submission of the algorithm, and both stayed current.
    """
    import threading

    from algoinventaris.cdo.pipeline import Importer

    if engine == "postgresql" and pg is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql")
    pair = [(inbox.path / name).read_bytes() for name in ("none-1.zip", "none-2.zip")]
    for trial in range(4):
        target = str(tmp_path / f"cdo-{trial}.sqlite3") if engine == "sqlite" else pg.create_database()  # type: ignore[union-attr]
        repos = [open_cdo_db(target) for _ in range(2)]
        try:
            for unit, key_hex, fingerprint in json.loads(inbox.enrolments):
                repos[0].add_trust(unit, "ed25519", fingerprint, bytes.fromhex(key_hex), actor="beheerder")
            importers = [Importer(repo, actor=f"importer-{n}") for n, repo in enumerate(repos)]
            barrier = threading.Barrier(2)
            results: list[Any] = [None, None]

            def run(n: int, barrier: threading.Barrier = barrier, results: list[Any] = results,
                    importers: list[Importer] = importers) -> None:
                barrier.wait()
                results[n] = importers[n].import_bytes(pair[n], f"{n}.zip")

            threads = [threading.Thread(target=run, args=(n,)) for n in (0, 1)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            assert all(r is not None and r.ok for r in results), results
            current, history, _ = _stored_names(repos[0], inbox)
            assert (current, history) == ({"none-2.zip"}, {"none-1.zip"}), f"trial {trial}: {[r.result for r in results]}"
        finally:
            for repo in repos:
                repo.close()
    record_trials(f"concurrency: original and correction at once ({engine})", 4, checked=8)


def test_two_owner_processes_write_the_same_questions(tmp_path: Path) -> None:
    form_dir = tmp_path / "forms"
    form = write_chain_form(form_dir, 8)
    db = tmp_path / "owner.sqlite3"
    with open_owner_db(db) as repo:
        shared = repo.create_algorithm("Gedeeld", "Org", "Unit", "Ronde")
    go = tmp_path / "go"
    count = 160
    with ForkServer(("tests.hostile.owner_worker", "algoinventaris.storage.repository", "algoinventaris.storage.migrate")) as server:
        children = [server.spawn("tests.hostile.owner_worker:race", str(db), str(form_dir / "chain"), shared.id, name, count, str(go))
                    for name in "AB"]
        for child in children:
            assert child.stdout.readline() == "READY\n", server.errors()
        started = time.monotonic()
        go.touch()
        outputs = [child.read_rest() for child in children]
        codes = [server.wait(child) for child in children]
    assert codes == [0, 0], server.errors()
    assert time.monotonic() - started < 60
    last: dict[str, set[tuple[str, str]]] = {}  # per question: the last save of each process (either may commit last)
    total = 0
    for out in outputs:
        assert out.endswith("END\n")
        mine: dict[str, tuple[str, str]] = {}
        for line in out.splitlines()[:-1]:
            _, qid, answer, when = line.split()
            mine[qid] = (when, answer)
            total += 1
        for qid, item in mine.items():
            last.setdefault(qid, set()).add(item)
    assert total == 2 * count
    assert integrity(db) == ["ok"]
    rows = sql_rows(db, "SELECT question_id, answers_json, updated_at FROM answers WHERE algorithm_id = ?", shared.id)
    assert sorted(r[0] for r in rows) == sorted(q.id for q in form.questions), "one row per question, none doubled or lost"
    for qid, answers_json, updated in rows:
        stored = (dt.datetime.fromisoformat(updated.replace("Z", "+00:00")).isoformat(), json.loads(answers_json)[0])
        assert stored in last[qid], f"{qid}: stored {stored} is not the last confirmed save of either process: {last[qid]}"
    with open_owner_db(db) as repo:
        assert repo.integrity_problems() == []
        assert repo.get_algorithm(shared.id).current_form == "chain"
    record_trials("concurrency: two owner processes", 1, checked=len(rows))
