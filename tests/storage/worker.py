"""Helper process for the storage fault tests: saves answers through the repository and reports each commit.

Run from the project root as `python -m tests.storage.worker MODE DB FORM_DIR [ARGS]`. Every line goes
to stdout and is flushed at once:

  READY                         the database is open
  CREATED <alg>                 create_algorithm returned
  BEGIN <alg> <question> <ans>  save_answer is about to be called
  SAVED <alg> <question> <ans>  save_answer returned (the answer is committed)
  OUTCOME <alg> <state>         set_outcome returned

Modes:
  crash SEED          save answers for ever (new algorithm every QUESTIONS answers, some answers saved twice,
                      set_outcome now and then) until the test kills the process.
  write NAME SHARED COUNT GO
                      wait until the file GO exists, then save COUNT answers: alternately to an algorithm
                      of its own and to the SHARED algorithm (questions chosen by NAME so that the two
                      writers never share a question), then exit 0.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from algoinventaris.formengine.loader import load_form
from algoinventaris.storage import open_owner_db


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def crash(db: Path, form_dir: Path, seed: int) -> int:
    form = load_form(form_dir)
    rng = random.Random(seed)
    count = len(form.questions)
    repo = open_owner_db(db)
    say("READY")
    while True:
        alg = repo.create_algorithm(f"Crash {seed}", "Org", "Unit", "Ronde")
        say("CREATED", alg.id)
        for i in range(count):
            qid = f"q{i}"
            following = f"q{i + 1}" if i + 1 < count else None
            times = 2 if rng.random() < 0.2 else 1  # some answers are changed right away (an upsert)
            for _ in range(times):
                answer = rng.choice("abc")
                say("BEGIN", alg.id, qid, answer)
                repo.save_answer(alg.id, form, qid, [answer], current_question=following)
                say("SAVED", alg.id, qid, answer)
            if rng.random() < 0.1:
                state = rng.choice(("draft", "complete"))
                repo.set_outcome(alg.id, "end" if state == "complete" else None, "9.9" if state == "complete" else None, state=state)
                say("OUTCOME", alg.id, state)


def write(db: Path, form_dir: Path, name: str, shared: str, count: int, go: Path) -> int:
    form = load_form(form_dir)
    questions = [q.id for q in form.questions]
    half = len(questions) // 2
    mine_on_shared = questions[:half] if name == "A" else questions[half:]
    repo = open_owner_db(db)
    own = repo.create_algorithm(f"Writer {name}", "Org", "Unit", "Ronde")
    say("CREATED", own.id)
    say("READY")
    deadline = time.monotonic() + 30
    while not go.exists():
        if time.monotonic() > deadline:
            say("NO-GO")
            return 2
        time.sleep(0.005)
    for n in range(count):
        if n % 2:
            alg, qid = shared, mine_on_shared[(n // 2) % len(mine_on_shared)]
        else:
            alg, qid = own.id, questions[(n // 2) % len(questions)]
        answer = "abc"[n % 3]
        say("BEGIN", alg, qid, answer)
        repo.save_answer(alg, form, qid, [answer], current_question=qid)
        say("SAVED", alg, qid, answer)
    repo.close()
    return 0


def main(argv: list[str]) -> int:
    mode, db, form_dir = argv[0], Path(argv[1]), Path(argv[2])
    if mode == "crash":
        return crash(db, form_dir, int(argv[3]))
    if mode == "write":
        return write(db, form_dir, argv[3], argv[4], int(argv[5]), Path(argv[6]))
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
