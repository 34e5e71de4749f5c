"""Child process of the owner concurrency test: saves answers to the same questions of one algorithm as another child.

Run in a child forked by tests/forkserver.py as `race(db, form_dir, algorithm_id, name, count, go)`:
waits for the file `go`, then saves `count` answers (question q0, q1, ... in turn, the answer chosen
by `name`) and prints `SAVED <question> <answer> <updated_at>` after each commit, then `END`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from algoinventaris.formengine.loader import load_form
from algoinventaris.storage import open_owner_db


def race(db: str, form_dir: str, algorithm_id: str, name: str, count: int, go: str) -> int:
    form = load_form(Path(form_dir))
    questions = [q.id for q in form.questions]
    repo = open_owner_db(Path(db))
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    deadline = time.monotonic() + 30
    while not Path(go).exists():
        if time.monotonic() > deadline:
            return 2
        time.sleep(0.002)
    answer = "a" if name == "A" else "b"
    for n in range(count):
        qid = questions[n % len(questions)]
        stored = repo.save_answer(algorithm_id, form, qid, [answer], current_question=qid)
        sys.stdout.write(f"SAVED {qid} {answer} {stored.updated_at.isoformat()}\n")
        sys.stdout.flush()
    repo.close()
    sys.stdout.write("END\n")
    sys.stdout.flush()
    return 0
