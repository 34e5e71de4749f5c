"""Helpers for GUI tests: start a main window on a database, wait for its states, find dialogs, pick answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from algoinventaris.formengine.runner import Step, run
from algoinventaris.ui.main_window import MainWindow


def start_window(qtbot: Any, db_path: Path, *, languages: Any = None, theme: Any = None, auto_open: bool = True,
                 expect_data: bool = True) -> MainWindow:
    """A shown main window on `db_path`, after its list was filled (or after the database failed)."""
    window = MainWindow(db_path, languages=languages, theme=theme, auto_open=auto_open)
    qtbot.addWidget(window)
    signal = window.data_shown if expect_data else window.database_failed
    with qtbot.waitSignal(signal, timeout=20000):
        window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def close_window(window: MainWindow) -> None:
    """Close like the owner does (releases the database and its lock)."""
    window.close()


def message_boxes(window: QWidget) -> list[QMessageBox]:
    """Visible message boxes of a window."""
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def focus(timeout_ms: int = 2000) -> QWidget:
    """The widget with keyboard focus (waiting briefly: a new window gets focus once it is activated)."""
    from PySide6.QtTest import QTest

    waited = 0
    while QApplication.focusWidget() is None and waited < timeout_ms:
        QTest.qWait(10)
        waited += 10
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def keeps_going(form: Any, steps: list[Step], qid: str) -> int:
    """The position of the first answer that leads to another question (else 0): a long route for the tests."""
    question = form.question(qid)
    for index, answer in enumerate(question.answers):
        decision = run(form, [*steps, Step(qid, (answer.id,))])
        if decision.next_question is not None:
            return index
    return 0
