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


SAMPLE_VALUES = {"date": "2026-01-15", "month": "2026-09", "text": "Kenmerk 2026-014", "number": "3",
                 "longtext": "Een toelichting die lang genoeg is voor de vraag.", "email": "algoritmes@voorbeeld.nl",
                 "url": "https://www.voorbeeld.nl/algoritmes"}


def long_route(form: Any) -> list[tuple[str, list[str]]]:
    """A complete route that goes on as long as it can (the screenshots use it too): ends high-risk in forms/ai-act."""
    from algoinventaris.ui.screenshots import route_to_conclusion

    return route_to_conclusion(form, run, Step)


def answer_route(repo: Any, algorithm_id: str, form: Any, route: list[tuple[str, list[str]]]) -> Any:
    """Answer a route through the real controller (each answer saved as the wizard saves it); returns the controller."""
    from algoinventaris.ui.controller import WizardController

    controller = WizardController(repo, algorithm_id, form, records_outcome=form.id == "ai-act")
    controller.resume()
    for qid, answer in route:
        assert controller.viewing == qid, (controller.viewing, qid)
        controller.answer(answer)
    return controller


def walk_to_summary(wizard: Any, limit: int = 60) -> None:
    """Press Next on every question until the summary shows: the answer on screen, else the first answer or a sample value."""
    from algoinventaris.ui.question_page import QuestionPage

    for _ in range(limit):
        page = wizard.current_page()
        if not isinstance(page, QuestionPage):
            return
        question = page.question
        if not page.answer() or not any(page.answer()):
            if question.answers:
                page.set_answer([question.answers[0].id])
            else:
                page.set_answer([SAMPLE_VALUES.get(question.type, "x")])
        before = wizard.controller.viewing
        wizard.go_next()
        assert wizard.controller.viewing != before or not isinstance(wizard.current_page(), QuestionPage), \
            f"stuck at {before}: {page.error_label.message}"
    raise AssertionError("the form did not reach its summary")
