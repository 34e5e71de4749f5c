"""SIGKILL trials of the CDO import: children killed at random moments; afterwards nothing is half-imported.

Children are forked from a fork server (tests/forkserver.py) and import a folder of real packages
(new ones, a correction and its predecessor in both orders, one for quarantine, two to refuse) into a
CDO database, in a random order, until the test kills them: during creation and migration of a new
database, in the middle of a package's transaction, or between two. After every kill the database is
read with sqlite3 and must hold:

- PRAGMA integrity_check and foreign_key_check: ok;
- every stored package row belongs to exactly one submission or one quarantine item (nothing
  half-imported), and to a package of the folder that may be stored at all (never a refused one);
- every submission and quarantine item has its audit line (same transaction);
- submission ids unique, at most one current submission per algorithm and round, history links whole;
- every package a child reported as imported, superseded, quarantined or duplicate is there.

Each database then gets one more, uninterrupted, import of the folder, after which it must hold exactly
the expected current submissions, history and quarantine. ALGOINVENTARIS_CRASH_TRIALS (default 100)
sets the number of trials; the owner's autosave has as many in tests/storage/test_faults.py.
"""

from __future__ import annotations

import os
import random
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.forkserver import ForkServer
from tests.hostile.corpus import World
from tests.hostile.inbox import Folder, Reported, check_cdo, check_final, make_folder
from tests.hostile.summary import record_trials

TRIALS = int(os.environ.get("ALGOINVENTARIS_CRASH_TRIALS", "100"))
SERVER_MODULES = ("tests.hostile.cdo_worker",)


@pytest.fixture(scope="module")
def folder(world: World, tmp_path_factory: pytest.TempPathFactory) -> Folder:
    return make_folder(world, tmp_path_factory.mktemp("crash-inbox"))


def run_trials(lane: int, trials: int, folder: Folder, tmp_path: Path, seed: int) -> tuple[int, int, int]:
    """Kill import children one after another, check after every kill; finish each database and check its end state."""
    rng = random.Random(seed)
    checked = kills_in_import = 0
    databases: dict[Path, Reported] = {}
    count = len(folder.sha)
    with ForkServer(SERVER_MODULES) as server:
        for trial in range(trials):
            db = tmp_path / f"cdo-{lane}-{trial // 5}.sqlite3"
            early = trial % 5 == 0  # a new database: the kill may hit its creation and migration
            reported = databases.setdefault(db, Reported())
            child = server.spawn("tests.hostile.cdo_worker:run", str(db), str(folder.path), rng.randrange(1, 10**9),
                                 folder.enrolments)
            seen = ""
            if early:
                time.sleep(rng.uniform(0.0, 0.4))
            else:
                seen = child.stdout.readline()
                assert seen == "READY\n", f"the import child did not start: {seen!r} {server.errors()}"
                for _ in range(rng.randrange(0, 2 * count + 1)):
                    line = child.stdout.readline()
                    seen += line
                    if not line or line == "END\n":
                        break
                time.sleep(rng.uniform(0.0, 0.006))
            code = server.kill(child)
            output = seen + child.read_rest()
            assert code in (0, -signal.SIGKILL), f"the import child failed ({code}): {server.errors()}"
            reported.read(output)
            checked += check_cdo(db, folder, reported) if db.exists() else 0
        for db, reported in databases.items():
            child = server.spawn("tests.hostile.cdo_worker:run", str(db), str(folder.path), rng.randrange(1, 10**9),
                                 folder.enrolments)
            output = child.read_rest()
            assert server.wait(child) == 0 and output.endswith("END\n"), server.errors()
            reported.read(output)
            checked += check_cdo(db, folder, reported)
            check_final(db, folder)
            kills_in_import += reported.kills_in_import
    return checked, kills_in_import, len(databases)


def test_sigkill_during_cdo_import_leaves_nothing_half_imported(folder: Folder, tmp_path: Path) -> None:
    seed = int(os.environ.get("ALGOINVENTARIS_CRASH_SEED", "0")) or random.randrange(1, 10**9)
    lanes = 2
    with ThreadPoolExecutor(lanes) as pool:
        futures = [pool.submit(run_trials, lane, (TRIALS + lanes - 1 - lane) // lanes, folder, tmp_path, seed + lane)
                   for lane in range(lanes)]
        results = [f.result() for f in futures]  # re-raises a failed check; the seed is printed below
    checked = sum(r[0] for r in results)
    in_import = sum(r[1] for r in results)
    print(f"CDO import crash trials: {TRIALS}, seed {seed}, facts checked {checked}, kills inside an import {in_import}, "
          f"databases {sum(r[2] for r in results)}")
    assert in_import > TRIALS // 4, "too few kills hit an import in progress"
    record_trials("SIGKILL trials: CDO import", TRIALS, checked=checked, note=f"{in_import} kills inside an import")
