"""Fixtures for the Concepten tab tests: a CDO database with a declared round, the window on it, the real records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("PySide6")

from tests.cdo.conftest import sqlite_repo  # noqa: F401  (a real CDO database on SQLite)
from tests.register_import.conftest import raw_records, record_files, titles  # noqa: F401  (the 27 real register records)

ORG = "Ministerie van Voorbeelden"
ROUND = "Inventarisatie 2027"
UNITS = ["Directie Mobiliteit", "Directie Toeslagen"]


@pytest.fixture
def cdo(sqlite_repo: Any) -> Any:  # noqa: F811
    """The CDO database with the round declared (organisation and units)."""
    sqlite_repo.set_round_details(ROUND, organisation=ORG, deadline="2027-04-01", units=UNITS, files=[], actor="cdo")
    return sqlite_repo


@pytest.fixture
def window(qtbot: Any, cdo: Any) -> Iterator[Any]:
    """The CDO window, shown, on the Concepten tab."""
    from algoinventaris.ui.cdo.window import CdoMainWindow

    win = CdoMainWindow(cdo, "Carla CDO")
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    win.tabs.setCurrentWidget(win.drafts_page)
    qtbot.waitExposed(win)
    yield win
    win.drafts_page.wait()
    win.close()


def written(repo: Any) -> tuple[Any, ...]:
    """What a write would change: the drafts (deleted ones too) and the audit trail."""
    return (repo.list_drafts(include_deleted=True), [e.id for e in repo.audit_log(10_000)])
