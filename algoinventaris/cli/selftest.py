"""`--self-test`: checks that an installed or frozen app has everything it needs, and says what is missing."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from algoinventaris import __version__, config

log = logging.getLogger(__name__)


def _check_forms() -> str:
    from algoinventaris.formengine.validator import check_path

    root = config.forms_dir()
    folders = sorted(p.parent for p in root.glob("*/form.yaml"))
    if not folders:
        raise RuntimeError(f"no forms found in {root}")
    parts = []
    for folder in folders:
        report = check_path(folder)
        if not report.ok or report.form is None:
            raise RuntimeError(f"form {folder.name} has errors:\n{report.render()}")
        parts.append(f"{report.form.id} {report.form.version}")
    return ", ".join(parts)


def _check_database() -> str:
    from algoinventaris import storage

    opener: Callable[..., object] | None = getattr(storage, "open_owner_db", None)
    if opener is None:
        raise RuntimeError("the storage layer is not present in this build")
    with tempfile.TemporaryDirectory() as tmp:
        repo = opener(Path(tmp) / "selftest.sqlite3")
        try:
            created = repo.create_algorithm("Zelftest", "Organisatie", "Eenheid", "Zelftest")  # type: ignore[attr-defined]
            found = repo.get_algorithm(created.id)  # type: ignore[attr-defined]
            assert found.name == "Zelftest"
        finally:
            repo.close()  # type: ignore[attr-defined]
    return "temporary database created and migrated"


def _check_window() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from algoinventaris.ui import app as ui_app

    builder = getattr(ui_app, "self_test_window", None)
    if builder is None:
        raise RuntimeError("algoinventaris.ui.app has no self_test_window()")
    result: str = builder()
    return result


def run_self_test() -> int:
    """Run every check, print one line each, and return 0 when all passed."""
    checks: list[tuple[str, Callable[[], str]]] = [
        ("forms", _check_forms),
        ("database", _check_database),
        ("window", _check_window),
    ]
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    print(f"algoinventaris {__version__} self-test ({frozen}; bundle {config.bundle_root()})")
    failed = 0
    for name, check in checks:
        try:
            detail = check()
            print(f"  ok      {name:9} {detail}")
            log.info("self-test %s ok: %s", name, detail)
        except Exception as exc:  # the self-test reports every failure instead of stopping
            failed += 1
            print(f"  MISSING {name:9} {exc}")
            log.error("self-test %s failed: %s", name, exc)
            log.info("self-test %s traceback:\n%s", name, traceback.format_exc())
    print("self-test passed" if not failed else f"self-test FAILED: {failed} check(s)")
    return 0 if not failed else 1
