"""Every hostile package of the corpus through the real CDO import: the right named reason, and the data tables unchanged.

Each case starts from a copy of the same baseline CDO database (keys, a round, submissions with
history). The data tables (everything but the audit trail) are read with sqlite3 before and after
the import and compared row for row. A refusal or a duplicate changes nothing; a quarantined package
adds exactly its package bytes and one waiting quarantine item; the one case that is imported (an
older version arriving after its correction) adds one history row and leaves the current one current.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.cdo.pipeline import Importer
from algoinventaris.cdo.texts import REASON_NAMES
from algoinventaris.package.verify import verify_bytes, verify_package
from algoinventaris.report.safetext import has_hidden
from tests.conftest import ROOT
from tests.hostile.corpus import CASES, GOOD, S_NONE_2, Case, World
from tests.hostile.dbcheck import columns, data_tables, differences, fingerprint
from tests.hostile.summary import record_case
from tests.storage.helpers import integrity

VERIFY_EXIT = {"unreadable": 3, "unsafe-zip": 10, "manifest": 11, "signature": 12, "hash-mismatch": 13, "files": 14}


def test_the_corpus_is_large_enough_and_covers_every_group() -> None:
    assert len(CASES) >= 40
    groups = {c.group for c in CASES}
    assert groups == {"integrity", "members", "signature", "cms", "zip", "manifest", "content", "replay", "outcome"}


def test_the_untampered_package_imports(world: World, cdo_db: tuple[Any, Path]) -> None:
    """The control: the package most cases are made from is valid, so a refusal is caused by the tampering."""
    repo, _ = cdo_db
    out = Importer(repo, actor="hostile").import_bytes(world.good(), "good.zip")
    assert out.result == "imported", out.reason_en
    assert out.algorithm == GOOD.name


def _import(repo: Any, case: Case, built: bytes | Path) -> Any:
    importer = Importer(repo, actor="hostile")
    if isinstance(built, Path):
        return importer.import_file(built)
    return importer.import_bytes(built, f"{case.name}.zip")


def _check_changes(case: Case, out: Any, path: Path, before: dict[str, Any], after: dict[str, Any]) -> int:
    """Assert the data tables changed only as this outcome allows; returns the number of rows changed unexpectedly."""
    changed = differences(before, after)
    if out.result in ("refused", "duplicate"):
        assert not changed, f"{case.name}: the data tables changed ({fingerprint(before)} -> {fingerprint(after)}): {list(changed)}"
        return 0
    if out.result == "quarantined":
        assert set(changed) == {"packages", "quarantine"}, f"{case.name}: changed {list(changed)}"
        for table in ("packages", "quarantine"):
            gone, came = changed[table]
            assert gone == [] and len(came) == 1, f"{case.name}: {table} lost {len(gone)} and got {len(came)} rows"
        row = dict(zip(columns(path, "quarantine"), changed["quarantine"][1][0], strict=True))
        assert row["status"] == "waiting" and row["reason_code"] == case.code
        return 0
    # imported as history: one package and one submission row more, the current submission stays current
    assert set(changed) <= {"packages", "submissions"}, f"{case.name}: changed {list(changed)}"
    gone, came = changed["submissions"]
    assert gone == [] and len(came) == 1
    row = dict(zip(columns(path, "submissions"), came[0], strict=True))
    assert not row["is_current"] and row["superseded_by"] is not None
    current = [dict(zip(columns(path, "submissions"), r, strict=True)) for r in after["submissions"]]
    assert [r["submission_id"] for r in current if r["algorithm_id"] == row["algorithm_id"] and r["is_current"]] == [S_NONE_2]
    return 0


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_package_is_refused_with_its_reason_and_changes_no_data(case: Case, world: World,
                                                                          cdo_db: tuple[Any, Path]) -> None:
    repo, path = cdo_db
    built = case.build(world)
    before = data_tables(path)
    out = _import(repo, case, built)
    after = data_tables(path)
    right = (out.result, out.reason_code) == (case.result, case.code) and case.named in out.reason_en
    try:
        assert (out.result, out.reason_code) == (case.result, case.code), f"{case.name}: {out.reason_en}"
        assert case.named in out.reason_en, f"{case.name}: the reason does not name '{case.named}': {out.reason_en}"
        assert out.reason_nl and out.reason_en and out.reason_nl != out.reason_en, "a reason in Dutch and in English"
        for text in (out.reason_nl, out.reason_en):
            assert not has_hidden(text), f"{case.name}: a hidden character reaches the message: {text!r}"
        assert out.reason_code is None or out.reason_code in REASON_NAMES, f"{out.reason_code} has no name in cdo/texts.py"
        lost = _check_changes(case, out, path, before, after)
    except AssertionError:
        record_case("hostile packages (CDO import)", case.name, data_lost=len(differences(before, after)) if
                    out.result in ("refused", "duplicate") else 0)
        raise
    assert integrity(path) == ["ok"]
    audit = repo.audit_log(1)[0]
    assert (audit.result, audit.reason_code) == (case.result, case.code), "every outcome is audit-logged with its reason"
    record_case("hostile packages (CDO import)", case.name, refused_right=right and case.result != "imported",
                shown_safely=right and case.result == "imported", data_lost=lost)


@pytest.mark.parametrize("case", [c for c in CASES if c.code in VERIFY_EXIT], ids=[c.name for c in CASES if c.code in VERIFY_EXIT])
def test_the_standalone_verifier_gives_the_same_reason(case: Case, world: World) -> None:
    """`algoinventaris verify` (verify_package/verify_bytes) stops at the same check, with the exit code the README gives."""
    built = case.build(world)
    result = verify_package(built) if isinstance(built, Path) else verify_bytes(built)
    assert result.code == VERIFY_EXIT[case.code or ""], f"{case.name}: {result.code} {result.reason_en}"
    assert case.named in result.reason_en
    assert not has_hidden(result.reason_en)


def test_the_command_line_import_refuses_the_whole_corpus_readably(world: World, baseline_db: Path, tmp_path: Path) -> None:
    """`algoinventaris cdo import FOLDER --json` over every hostile package at once: one line each, the same reasons."""
    from tests.hostile.conftest import copy_database

    db = copy_database(baseline_db, tmp_path / "cli.sqlite3")
    folder = tmp_path / "inbox"
    folder.mkdir()
    expected = {}
    for case in CASES:
        if case.result != "refused":
            continue  # duplicates and quarantine depend on the order of the folder; the test above covers them
        built = case.build(world)
        if isinstance(built, Path):
            continue  # the big files are covered above (and would make this test slow)
        (folder / f"{case.name}.zip").write_bytes(built)
        expected[f"{case.name}.zip"] = case.code
    before = data_tables(db)
    done = subprocess.run([sys.executable, "-m", "algoinventaris", "cdo", "import", str(folder), "--json", "--lang", "en",
                           "--db", str(db), "--actor", "hostile"], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          check=False)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    got = {Path(line["file"]).name: line["reason_code"] for line in lines}
    assert got == expected
    assert all(line["result"] == "refused" and line["reason"] for line in lines)
    assert data_tables(db) == before
    text = subprocess.run([sys.executable, "-m", "algoinventaris", "cdo", "import", str(folder), "--db", str(db)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert text.returncode == 1 and "Traceback" not in text.stderr
    assert "\x1b" not in text.stdout and "\u202e" not in text.stdout, "no terminal control sequence from a package reaches the screen"
