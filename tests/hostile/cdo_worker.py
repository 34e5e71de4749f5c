"""Child process of the CDO import SIGKILL trials: imports every package of a folder, reporting each step on stdout.

Run in a child forked by tests/forkserver.py as `run(db, folder, seed, enrolments_json)`. Lines:

  READY                        the database is open (created and migrated when new) and the keys are enrolled
  BEGIN <file>                 import_file is about to be called
  DONE <file> <result> <code>  import_file returned (whatever it stored is committed)
  END                          every package was imported
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from algoinventaris.cdo.pipeline import Importer
from algoinventaris.storage.cdo import open_cdo_db
from algoinventaris.storage.cdo.repository import Conflict


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def run(db: str, folder: str, seed: int, enrolments: str) -> int:
    repo = open_cdo_db(db)
    for unit, key_hex, fingerprint in json.loads(enrolments):
        try:
            repo.add_trust(unit, "ed25519", fingerprint, bytes.fromhex(key_hex), actor="crash-test")
        except Conflict:
            pass  # enrolled by an earlier child
    say("READY")
    files = sorted(Path(folder).glob("*.zip"))
    random.Random(seed).shuffle(files)
    importer = Importer(repo, actor=f"crash-{seed}")
    for file in files:
        say("BEGIN", file.name)
        out = importer.import_file(file)
        say("DONE", file.name, out.result, out.reason_code or "-")
    say("END")
    repo.close()
    return 0


def _warm_up() -> None:
    """Load the bundled forms once in the fork server, so every child starts with them (as a running app has them)."""
    from algoinventaris.cdo.forms_index import bundled_index
    from algoinventaris.domain import category  # noqa: F401 - imported by the pipeline on the first package
    from algoinventaris.package import cms  # noqa: F401

    bundled_index()


_warm_up()
