"""The wizard in the main window: the full AI-Act route by keyboard only, Back and change, summary, set aside, resume, language."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from algoinventaris.formengine.runner import Step
from algoinventaris.ui.question_page import QuestionPage
from algoinventaris.ui.summary_page import SummaryPage
from algoinventaris.ui.wizard import WizardView
from tests.conftest import ROOT, write_form
from tests.gui.conftest import TINY_FORM
from tests.gui.helpers import focus, keeps_going, start_window

pytestmark = pytest.mark.gui


@pytest.fixture
def storage() -> Any:
    module = pytest.importorskip("algoinventaris.storage")
    if not hasattr(module, "open_owner_db"):
        pytest.skip("algoinventaris.storage.open_owner_db is not implemented yet")
    return module


@pytest.fixture
def tiny_forms_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A forms folder whose 'ai-act' is the tiny form, so the window walks it."""
    folder = tmp_path / "forms"
    write_form(folder / "x", TINY_FORM).rename(folder / "ai-act")
    monkeypatch.setenv("ALGOINVENTARIS_FORMS_DIR", str(folder))
    return folder


def alt(qtbot: Any, key: Qt.Key, done: Any) -> None:
    """Press Alt+key (a button's mnemonic: Qt clicks it a moment later) and wait until `done()` holds."""
    qtbot.keyClick(focus(), key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(done, timeout=2000)


def wizard_of(window: Any) -> WizardView:
    view = window.current_view()
    assert isinstance(view, WizardView)
    return view


def open_new(qtbot: Any, window: Any, name: str = "Parkeren") -> WizardView:
    window.new_action.trigger()
    wait_for_dialog(qtbot)
    type_new_algorithm(qtbot, name)
    qtbot.waitUntil(lambda: isinstance(window.current_view(), WizardView))
    return wizard_of(window)


def wait_for_dialog(qtbot: Any) -> None:
    """Wait until the new-algorithm dialog is open and has the keyboard."""
    def ready() -> bool:
        widget = QApplication.focusWidget()
        return widget is not None and widget.window().objectName() == "newAlgorithmDialog"

    qtbot.waitUntil(ready, timeout=3000)


def type_new_algorithm(qtbot: Any, name: str) -> None:
    """Fill in the new-algorithm dialog by keyboard: name, Tab, organisation, Tab, unit, Enter."""
    qtbot.keyClicks(focus(), name)
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focus(), "Gemeente Voorbeeld")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focus(), "Team Verkeer")
    qtbot.keyClick(focus(), Qt.Key.Key_Return)


def test_full_ai_act_route_by_keyboard_only(qtbot: Any, tmp_path: Path, storage: Any, languages: Any,
                                            ai_act_form: Any) -> None:
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    # New (Ctrl+N) -> type the name -> Enter
    qtbot.keyClick(focus(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wait_for_dialog(qtbot)
    type_new_algorithm(qtbot, "Slimme camera's")
    qtbot.waitUntil(lambda: isinstance(window.current_view(), WizardView))
    wizard = wizard_of(window)
    form = wizard.controller.form
    assert form.id == "ai-act"
    steps: list[Step] = []
    for number in range(1, 60):
        page = wizard.current_page()
        if isinstance(page, SummaryPage):
            break
        assert isinstance(page, QuestionPage)
        # focus lands on the question, and the progress says which question this is
        assert focus() is page.question_label
        assert page.progress_label.text().startswith(f"Vraag {number} ")
        qid = page.question.id
        index = keeps_going(form, steps, qid)
        if number == 1:
            # Tab to the answers, arrow to the right one, Space picks it
            qtbot.keyClick(focus(), Qt.Key.Key_Tab)
            while not (focus().inherits("QAbstractButton") and focus().property("answerId")):
                qtbot.keyClick(focus(), Qt.Key.Key_Tab)
            for _ in range(index):
                qtbot.keyClick(focus(), Qt.Key.Key_Down)
            qtbot.keyClick(focus(), Qt.Key.Key_Space)
        else:
            qtbot.keyClick(focus(), Qt.Key.Key_1 + index)
        answer = page.answer()
        assert answer == (page.question.answers[index].id,)
        qtbot.keyClick(focus(), Qt.Key.Key_Return)
        steps.append(Step(qid, answer))
    else:
        pytest.fail("the route did not reach the summary")
    summary = wizard.current_page()
    assert isinstance(summary, SummaryPage)
    assert focus() is summary.title_label
    conclusion = wizard.controller.conclusion
    assert conclusion is not None
    assert summary.conclusion_title.accessibleName() == "Conclusie: " + conclusion.title["nl"]
    assert list(summary.change_buttons) == [s.question for s in steps]
    # every answer is in the database, with the outcome
    alg = window.repo.list_algorithms()[0]
    assert (alg.state, alg.conclusion, alg.conclusion_ref) == ("complete", conclusion.id, conclusion.ref)
    stored = window.repo.answers(alg.id, "ai-act")
    assert {q: a.answers for q, a in stored.items()} == {s.question: s.answers for s in steps}
    # Alt+M goes back to the list, where the state now reads "Afgerond"
    alt(qtbot, Qt.Key.Key_M, lambda: window.current_view() is window.list_page)
    assert window.list_page.proxy.index(0, 3).data() == "Afgerond"


def test_back_change_and_set_aside_in_the_window(qtbot: Any, tmp_path: Path, storage: Any, languages: Any,
                                                 tiny_forms_dir: Path) -> None:
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    wizard = open_new(qtbot, window)
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "uses-ai"
    assert not wizard.back_button.isEnabled()
    qtbot.keyClick(focus(), Qt.Key.Key_1)
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "purpose"
    # Enter without an answer: a message, no step
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    assert wizard.current_page() is page
    assert page.error_label.isVisible() and page.error_label.message == "Kies ten minste één antwoord."
    qtbot.keyClick(focus(), Qt.Key.Key_1)
    qtbot.keyClick(focus(), Qt.Key.Key_3)
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "impact"
    assert page.progress_label.text() == "Vraag 3 — waarschijnlijk de laatste"
    # Back (Alt+R) shows the earlier answer selected
    alt(qtbot, Qt.Key.Key_R, lambda: wizard.controller.viewing == "purpose")
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "purpose"
    assert page.answer() == ("decisions", "other")
    alt(qtbot, Qt.Key.Key_R, lambda: wizard.controller.viewing == "uses-ai")
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.answer() == ("yes",)
    # change the first answer: the route ends, the later answers are set aside (shown, not deleted)
    qtbot.keyClick(focus(), Qt.Key.Key_2)
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    summary = wizard.current_page()
    assert isinstance(summary, SummaryPage)
    assert "Geen AI" in summary.conclusion_title.text()
    assert summary.aside_box.isVisible()
    assert "Waarvoor gebruikt u het?" in summary.aside_text.text()
    assert "Besluiten, Iets anders" in summary.aside_text.text()
    alg_id = wizard.controller.algorithm_id
    assert set(window.repo.answers(alg_id, "tiny")) == {"uses-ai", "purpose"}
    # discarding asks first; Cancel keeps them
    summary.discard_button.click()
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    box.reject()
    assert set(window.repo.answers(alg_id, "tiny")) == {"uses-ai", "purpose"}
    summary.discard_button.click()
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    yes = next(b for b in box.buttons() if b.objectName() == "yesButton")
    yes.click()
    qtbot.waitUntil(lambda: isinstance(wizard.current_page(), SummaryPage)
                    and not wizard.current_page().aside_box.isVisible())  # type: ignore[union-attr]
    assert set(window.repo.answers(alg_id, "tiny")) == {"uses-ai"}


def test_summary_shows_conclusion_obligations_sources_and_route(qtbot: Any, tmp_path: Path, storage: Any,
                                                                languages: Any, tiny_forms_dir: Path) -> None:
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    wizard = open_new(qtbot, window, "Toeslagen")
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_1):
        qtbot.keyClick(focus(), key)
        qtbot.keyClick(focus(), Qt.Key.Key_Return)
    summary = wizard.current_page()
    assert isinstance(summary, SummaryPage)
    assert "Samenvatting — Toeslagen" in summary.title_label.text()
    assert "Hoog risico" in summary.conclusion_title.text()
    assert "Er gelden veel regels voor dit" in summary.conclusion_text.text()
    assert 'href="term:ai-system"' in summary.conclusion_text.text()
    obligations = summary.obligations_text.text()
    assert "Voer een risicobeheersysteem in." in obligations and "Registreer het systeem in de EU-databank." in obligations
    assert "AI-verordening: <a href=" in summary.sources_text.text() and ">art. 9</a>" in summary.sources_text.text()
    assert "Kenmerken" in summary.labels_text.text() and "Beslist" in summary.labels_text.text()
    assert list(summary.change_buttons) == ["uses-ai", "purpose", "impact"]
    change = summary.change_buttons["purpose"]
    assert change.accessibleName() == "Wijzig antwoord op: Waarvoor gebruikt u het?"
    # Wijzig reopens that question with its answer, and the route comes back to the summary
    change.setFocus()
    qtbot.keyClick(change, Qt.Key.Key_Return)
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "purpose" and page.answer() == ("decisions",)
    qtbot.keyClick(focus(), Qt.Key.Key_2)
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "impact" and page.answer() == ("yes",)
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    summary = wizard.current_page()
    assert isinstance(summary, SummaryPage)
    texts = [lab.text() for lab in summary.route_widget.findChildren(QLabel)]
    assert "Besluiten, Advies" in texts and "Besluiten" not in texts


def test_overview_before_the_end_and_continue(qtbot: Any, tmp_path: Path, storage: Any, languages: Any,
                                              tiny_forms_dir: Path) -> None:
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    wizard = open_new(qtbot, window)
    qtbot.keyClick(focus(), Qt.Key.Key_1)
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    alt(qtbot, Qt.Key.Key_O, lambda: isinstance(wizard.current_page(), SummaryPage))
    overview = wizard.current_page()
    assert isinstance(overview, SummaryPage)
    assert "Nog geen conclusie" in overview.conclusion_title.text()
    assert overview.continue_button.isVisible()
    overview.continue_button.click()
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "purpose"


def test_language_switch_in_the_wizard(qtbot: Any, tmp_path: Path, storage: Any, languages: Any,
                                       tiny_forms_dir: Path) -> None:
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    wizard = open_new(qtbot, window)
    qtbot.keyClick(focus(), Qt.Key.Key_1)
    window.set_language("en")
    qtbot.waitUntil(lambda: wizard.next_button.text() == "&Next ▶")
    page = wizard.current_page()
    assert isinstance(page, QuestionPage)
    assert page.question_label.accessibleName() == "Does the application use an AI system?"
    assert page.answer() == ("yes",)  # the choice survives the switch
    assert page.terms.button.text() == "Terms on this page (1)"
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    page = wizard.current_page()
    assert isinstance(page, QuestionPage)
    assert page.progress_label.text() == "Question 2 — about 1 to go"
    assert [b.accessibleName() for b in page.field.buttons()] == ["Decisions", "Advice", "Something else"]  # type: ignore[attr-defined]
    window.set_language("nl")
    qtbot.waitUntil(lambda: wizard.next_button.text() == "&Volgende ▶")
    assert page.question_label.accessibleName() == "Waarvoor gebruikt u het?"


CHILD = textwrap.dedent("""
    import sys
    from PySide6.QtWidgets import QApplication
    from algoinventaris.ui.main_window import MainWindow

    app = QApplication([])
    window = MainWindow(sys.argv[1])

    def ready():
        alg = window.repo.create_algorithm("Parkeren", "Gemeente", "Team", "Inventarisatie 2026")
        window.open_algorithm(alg.id)
        for _ in range(2):
            window.wizard.current_page().field.choose_number(1)
            window.wizard.go_next()
        print("answered", window.wizard.controller.viewing, flush=True)

    window.data_shown.connect(ready)
    window.show()
    app.exec()
""")


def test_resume_after_the_app_was_killed(qtbot: Any, tmp_path: Path, storage: Any, languages: Any,
                                         tiny_forms_dir: Path) -> None:
    db = tmp_path / "owner.sqlite3"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db)], stdout=subprocess.PIPE, text=True, env=env,
                             cwd=ROOT)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "answered impact", line
    finally:
        os.kill(child.pid, signal.SIGKILL)  # the laptop lid closes: no clean shutdown
        child.wait(timeout=30)
    assert (tmp_path / "owner.sqlite3.lock").exists()  # left behind by the killed app
    window = start_window(qtbot, db, languages=languages)
    qtbot.waitUntil(lambda: isinstance(window.current_view(), WizardView))
    wizard = wizard_of(window)
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "impact"
    assert focus() is page.question_label
    alt(qtbot, Qt.Key.Key_R, lambda: wizard.controller.viewing == "purpose")
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "purpose" and page.answer() == ("decisions",)


def test_summary_continues_with_the_register_form_and_back(qtbot: Any, tmp_path: Path, storage: Any, languages: Any,
                                                           tiny_forms_dir: Path) -> None:
    import shutil

    from tests.conftest import FORMS

    if not (FORMS / "register" / "form.yaml").exists():
        pytest.skip("forms/register is not there yet")
    shutil.copytree(FORMS / "register", tiny_forms_dir / "register")
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    wizard = open_new(qtbot, window, "Parkeren")
    qtbot.keyClick(focus(), Qt.Key.Key_2)
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    summary = wizard.current_page()
    assert isinstance(summary, SummaryPage)
    assert summary.next_form_button.isVisible()
    assert "Algoritmeregister" in summary.next_form_button.text()
    summary.next_form_button.click()
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.controller.form.id == "register")
    register = window.wizard
    assert register is not None
    page = register.current_page()
    assert isinstance(page, QuestionPage)
    assert page.question.is_value
    assert register.title_label.text().startswith("Parkeren — Algoritmeregister")
    # entering the register pre-fills name, organisation and the field defaults, each to be confirmed
    alg_id = register.controller.algorithm_id
    stored = window.repo.answers(alg_id, "register")
    assert stored["name"].answers == ("Parkeren",) and stored["name"].status == "prefilled"
    assert stored["organization"].answers == ("Gemeente Voorbeeld",) and stored["organization"].status == "prefilled"
    assert stored["lang"].status == "prefilled"
    first = page.question.id
    assert first == "name" and page.answer() == ("Parkeren",)
    assert "vooraf ingevuld" in page.notice.text()
    # a value field: an empty required name is refused with the field's own message, next to the field
    page.set_answer([""])
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    assert register.controller.viewing == first
    assert page.error_label.isVisible() and "verplicht" in page.error_label.message
    layout = page.layout()
    assert layout.indexOf(page.error_label) == layout.indexOf(page.field) + 1
    assert window.repo.answers(alg_id, "register")[first].status == "prefilled"  # nothing was saved
    page.set_answer(["Parkeervergunningen toewijzen"])
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    assert register.controller.viewing != first
    saved = window.repo.answers(alg_id, "register")[first]
    assert saved.answers == ("Parkeervergunningen toewijzen",) and saved.status == "confirmed"
    assert window.repo.get_algorithm(alg_id).current_form == "register"
    assert window.repo.get_algorithm(alg_id).conclusion == "no-ai"  # the register does not touch the outcome
    # reopening the algorithm goes back to the register, where the owner was
    window.show_list()
    window.open_algorithm(alg_id)
    assert window.wizard is not None and window.wizard.controller.form.id == "register"
    window.wizard.show_overview()
    overview = window.wizard.current_page()
    assert isinstance(overview, SummaryPage) and overview.previous_form_button.isVisible()
    overview.previous_form_button.click()
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.controller.form.id == "tiny")


def test_a_failed_save_keeps_the_question_and_the_choice(qtbot: Any, tmp_path: Path, storage: Any,
                                                         tiny_form: Any) -> None:
    import sqlite3

    from algoinventaris.ui.controller import WizardController

    db = tmp_path / "owner.sqlite3"
    repo = storage.open_owner_db(db, busy_timeout=0.2)
    alg = repo.create_algorithm("Parkeren", "Gemeente", "Team", "Inventarisatie 2026")
    errors: list[str] = []
    controller = WizardController(repo, alg.id, tiny_form)
    controller.resume()
    view = WizardView(controller, "nl", alg.name, lambda err, what: errors.append(f"{what} {err}"))
    qtbot.addWidget(view)
    view.show_current()
    view.show()
    page = view.current_page()
    assert isinstance(page, QuestionPage)
    page.field.choose_number(1)
    # another program holds the write lock longer than the busy timeout
    blocker = sqlite3.connect(db, timeout=0.1)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        view.go_next()
    finally:
        blocker.rollback()
        blocker.close()
    assert errors and "niet opgeslagen" in errors[0]
    page = view.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "uses-ai" and page.answer() == ("yes",)
    assert repo.answers(alg.id, "tiny") == {}
    # once the lock is gone the same Enter saves
    view.go_next()
    assert controller.viewing == "purpose"
    assert repo.answers(alg.id, "tiny")["uses-ai"].answers == ("yes",)
    repo.close()
