"""The import with verifier processes gives exactly the outcomes, rows and audit lines of the import in one process."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import multiprocessing
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.cdo.pipeline import Importer, ImportOutcome, parallel_workers
from algoinventaris.cdo.samples import Sample
from algoinventaris.domain.submission import FormAnswers, Submission
from algoinventaris.package.build import zip_bytes
from algoinventaris.storage.cdo import open_cdo_db
from tests.cdo.conftest import MOMENT, UNIT_A, UNIT_B, Packages, enrol, replace_ai, write
from tests.cdo.test_pipeline import HIGH, LOW, NONE, members, rezip

ROOT = Path(__file__).resolve().parents[2]
FIRST = "33333333-3333-4333-8333-333333333333"

# file name -> (result, reason code), in the order the import meets them (sorted names, then the missing file)
EXPECTED = [
    ("01-high.zip", "imported", None),
    ("02-high-again.zip", "duplicate", "same-bytes"),
    ("03-low-v1.zip", "imported", None),
    ("04-low-v2.zip", "superseded", None),
    ("05-signature.zip", "refused", "signature"),
    ("06-hash.zip", "refused", "hash-mismatch"),
    ("07-unknown-unit.zip", "refused", "unknown-unit"),
    ("08-untrusted.zip", "refused", "untrusted-signer"),
    ("09-mismatch.zip", "quarantined", "outcome-mismatch"),
    ("10-mismatch-again.zip", "duplicate", "waiting"),
    ("11-not-a-zip.zip", "refused", "unsafe-zip"),
    ("12-answers-invalid.zip", "refused", "answers-invalid"),
    ("13-none.zip", "imported", None),
    ("14-same-id.zip", "quarantined", "conflicting-id"),
    ("15-files.zip", "refused", "files"),
    ("missing.zip", "refused", "unreadable"),
]


def _bad_answer(sub: Submission) -> Submission:
    fa = sub.answers[0]
    first = dataclasses.replace(fa.steps[0], answer_ids=("misschien",))
    return dataclasses.replace(sub, answers=(FormAnswers(fa.form, (first, *fa.steps[1:])), *sub.answers[1:]))


def _inbox(folder: Path, packages: Packages, signer_a: Any, signer_b: Any) -> list[Path]:
    good = packages.make(HIGH, signer_a)
    sig = dict(members(good))["manifest.sig"]
    pdf = dict(members(good))["report.pdf"]
    mismatch = packages.make(NONE, signer_a, key="wrong-conclusion",
                             tamper=lambda s: replace_ai(s, conclusion_id="not-ai", conclusion_ref="11.2"))
    files = {
        "01-high.zip": good,
        "02-high-again.zip": good,
        "03-low-v1.zip": packages.make(LOW, signer_a, submission_id=FIRST),
        "04-low-v2.zip": packages.make(dataclasses.replace(LOW, impact={"category": "b", "iama-status": "done"}), signer_a,
                                       corrects=FIRST, created_at=MOMENT + dt.timedelta(days=3)),
        "05-signature.zip": rezip(good, "manifest.sig", bytes([sig[0] ^ 1]) + sig[1:]),
        "06-hash.zip": rezip(good, "report.pdf", pdf[:-20] + b"%% changed        \n"),
        "07-unknown-unit.zip": packages.make(Sample("Zonder sleutel", "Directie Onbekend"), signer_a),
        "08-untrusted.zip": packages.make(HIGH, signer_b),
        "09-mismatch.zip": mismatch,
        "10-mismatch-again.zip": mismatch,
        "11-not-a-zip.zip": b"PK\x03\x04 this is not really a zip",
        "12-answers-invalid.zip": packages.make(HIGH, signer_a, key="bad-answer", tamper=_bad_answer),
        "13-none.zip": packages.make(NONE, signer_a),
        "14-same-id.zip": packages.make(dataclasses.replace(LOW, impact={"iama-status": "in-progress"}), signer_a,
                                        submission_id=FIRST, created_at=MOMENT + dt.timedelta(hours=1)),
        "15-files.zip": zip_bytes([*members(good), ("extra.txt", b"hello")]),
    }
    for name, data in files.items():
        write(folder, name, data)
    return [folder, folder / "missing.zip"]


class _Key:
    """An enrolled owner key as the child process gets it (public part only)."""

    def __init__(self, name: str, fingerprint: str, public_raw: bytes) -> None:
        self.name, self.fingerprint, self.public_raw = name, fingerprint, public_raw


def _run(db: Path, paths: list[Path], workers: int, keys: list[_Key]) -> tuple[list[ImportOutcome], Any]:
    repo = open_cdo_db(db)
    enrol(repo, UNIT_A, keys[0])  # type: ignore[arg-type]
    enrol(repo, UNIT_B, keys[1])  # type: ignore[arg-type]
    steps: list[tuple[int, int, str]] = []
    outcomes = list(Importer(repo, actor="cdo", workers=workers).import_paths(paths, progress=lambda *s: steps.append(s)))
    assert [s[:2] for s in steps] == [(n, len(EXPECTED)) for n in range(len(EXPECTED) + 1)]
    assert [s[2] for s in steps[:-1]] == [name for name, _, _ in EXPECTED]
    return outcomes, repo


def _outcome(o: ImportOutcome) -> tuple[Any, ...]:
    return (Path(o.file).name, o.result, o.reason_code, o.reason_nl, o.reason_en, o.submission_id, o.algorithm, o.unit, o.round,
            o.category, o.quarantine_id, o.superseded, o.row_id, o.sha256)


def _stored(repo: Any) -> tuple[Any, ...]:
    subs = [(s.id, s.submission_id, s.is_current, s.superseded_by, s.category, s.human_rights_test, s.package_sha256,
             s.from_quarantine) for s in repo.list_submissions(current_only=False)]
    held = [(q.id, q.reason_code, q.submission_id, q.file_name, q.package_sha256, q.status) for q in repo.list_quarantine(None)]
    audit = [(a.action, a.result, a.reason_code, a.reason, a.file_name and Path(a.file_name).name, a.package_sha256,
              a.submission_id, a.detail) for a in reversed(repo.audit_log())]
    return subs, held, audit, repo.counts()


def _same_as_in_one_process(work: Path, paths: list[Path], keys: list[_Key]) -> None:
    alone, alone_repo = _run(work / "alone.sqlite3", paths, 0, keys)
    ahead: list[bool] = []
    original = Importer._import

    def recording(self: Importer, data: bytes, name: str, sha: str, verdict: Any) -> ImportOutcome:
        ahead.append(verdict is not None)
        return original(self, data, name, sha, verdict)

    setattr(Importer, "_import", recording)  # noqa: B010  (a child process of its own: nothing to restore)
    parallel, parallel_repo = _run(work / "parallel.sqlite3", paths, 2, keys)
    assert [(Path(o.file).name, o.result, o.reason_code) for o in alone] == EXPECTED
    assert ahead and all(ahead), "the packages were not checked ahead in verifier processes"
    assert [_outcome(o) for o in parallel] == [_outcome(o) for o in alone]
    assert _stored(parallel_repo) == _stored(alone_repo)
    assert multiprocessing.active_children() == []
    alone_repo.close()
    parallel_repo.close()


def _cancel_and_stop(work: Path, paths: list[Path], keys: list[_Key]) -> None:
    repo = open_cdo_db(work / "cdo.sqlite3")
    enrol(repo, UNIT_A, keys[0])  # type: ignore[arg-type]
    seen: list[ImportOutcome] = []
    for outcome in Importer(repo, actor="cdo", workers=2).import_paths(paths, cancelled=lambda: len(seen) >= 3):
        seen.append(outcome)
    assert [(Path(o.file).name, o.result) for o in seen] == [(n, r) for n, r, _ in EXPECTED[:3]]
    assert multiprocessing.active_children() == []
    stored = sorted(s.submission_id for s in repo.list_submissions(current_only=False))
    assert stored == sorted(str(seen[n].submission_id) for n in (0, 2))
    assert len([a for a in repo.audit_log() if a.action == "import"]) == 3
    stream = Importer(repo, actor="cdo", workers=2).import_paths(paths)
    rest = [next(stream), next(stream), next(stream), next(stream)]
    stream.close()  # the reader stops taking outcomes: the verifier processes end, nothing more is stored
    assert [(Path(o.file).name, o.result) for o in rest] == [
        ("01-high.zip", "duplicate"), ("02-high-again.zip", "duplicate"), ("03-low-v1.zip", "duplicate"),
        ("04-low-v2.zip", "superseded")]
    assert multiprocessing.active_children() == []
    assert len(repo.list_submissions(current_only=False)) == 3 and repo.list_quarantine(None) == []
    repo.close()


def child(argument: str) -> int:
    """In a fresh interpreter (no threads left by other tests, so fork is allowed): run one check; 3 = cannot fork here."""
    job = json.loads(argument)
    if parallel_workers(100, 2) != 2:
        print("verifier processes need fork and a process without other threads")
        return 3
    keys = [_Key(k["name"], k["fingerprint"], bytes.fromhex(k["public"])) for k in job["keys"]]
    checks = {"same": _same_as_in_one_process, "cancel": _cancel_and_stop}
    checks[job["check"]](Path(job["work"]), [Path(p) for p in job["paths"]], keys)
    return 0


def _in_fresh_process(check: str, tmp_path: Path, packages: Packages, signer_a: Any, signer_b: Any) -> None:
    """The check runs in a new interpreter: a test process may hold threads (Qt's, from the window tests) that forbid fork."""
    paths = _inbox(tmp_path / "inbox", packages, signer_a, signer_b)
    job = {"check": check, "work": str(tmp_path), "paths": [str(p) for p in paths],
           "keys": [{"name": k.name, "fingerprint": k.fingerprint, "public": k.public_raw.hex()} for k in (signer_a, signer_b)]}
    code = "import sys; from tests.cdo.test_import_parallel import child; sys.exit(child(sys.argv[1]))"
    done = subprocess.run([sys.executable, "-c", code, json.dumps(job)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if done.returncode == 3:
        pytest.skip(done.stdout.strip())
    assert done.returncode == 0, done.stdout + done.stderr


def test_verifier_processes_give_the_same_outcomes_rows_and_audit(packages: Packages, signer_a: Any, signer_b: Any,
                                                                  tmp_path: Path) -> None:
    _in_fresh_process("same", tmp_path, packages, signer_a, signer_b)


def test_cancelling_or_stopping_early_leaves_only_what_was_reported(packages: Packages, signer_a: Any, signer_b: Any,
                                                                     tmp_path: Path) -> None:
    _in_fresh_process("cancel", tmp_path, packages, signer_a, signer_b)


def test_automatic_choice_stays_in_one_process_when_it_must() -> None:
    assert parallel_workers(1000, 0) == 0
    assert parallel_workers(3) == 0  # a handful of packages: no pool
    found: list[int] = []
    thread = threading.Thread(target=lambda: found.append(parallel_workers(1000)))
    thread.start()
    thread.join()
    assert found == [0]  # the window imports in a thread: never fork there
