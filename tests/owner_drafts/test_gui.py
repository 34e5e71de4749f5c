"""Drafts in the owner window (offscreen): the dialog by keyboard, the register hint on AI-Act questions, the summary."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from algoinventaris.domain.drafts import Draft
from algoinventaris.package.drafts import start_from_draft
from algoinventaris.ui.draft_dialog import DraftDialog
from algoinventaris.ui.question_page import QuestionPage
from algoinventaris.ui.summary_page import SummaryPage
from tests.gui.conftest import languages  # noqa: F401  (the language switcher fixture)
from tests.gui.helpers import close_window, message_boxes, start_window
from tests.owner_drafts.conftest import ORG, ROUND, UNIT


def _dialog(qtbot: Any, window: Any) -> DraftDialog:
    window.draft_action.trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(DraftDialog)))
    return next(d for d in window.findChildren(DraftDialog) if d.isVisible())


def _row_of(dialog: DraftDialog, name: str) -> int:
    return next(r for r in range(dialog.proxy.rowCount()) if dialog.proxy.index(r, 0).data() == name)


def test_the_dialog_starts_a_draft_by_keyboard_and_the_hint_shows_until_answered(
        qtbot: Any, opened: Any, drafts: list[Draft], languages: Any) -> None:  # noqa: F811
    opened.create_algorithm("Ouder algoritme", ORG, UNIT, "Inventarisatie 2026")  # the owner's most recent unit
    window = start_window(qtbot, opened.path, languages=languages, auto_open=False)
    try:
        window.ensure_repo()
        assert window.draft_action in window.file_menu.actions()
        assert window.draft_action.text() == "Begin vanuit &concept van de CDO…"
        assert window.draft_action.isEnabled() and window.list_page.draft_button.isEnabled()
        assert window.list_page.draft_button.text() == "Begin vanuit &concept van de CDO…"

        dialog = _dialog(qtbot, window)
        assert dialog.filter_edit.text() == UNIT  # the unit of the owner's most recent algorithm
        shown = {dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())}
        assert shown == {"Aanvragen voorsorteren", "Parkeerscan"} and dialog.hidden_label.text() == "1 buiten het filter"
        assert dialog.proxy.index(_row_of(dialog, "Parkeerscan"), 3).data() == "inventaris-2025.xlsx, rij 7"
        assert dialog.proxy.index(_row_of(dialog, "Aanvragen voorsorteren"), 4).data() == "1"  # one deviation
        dialog.table.setFocus()
        target = _row_of(dialog, "Aanvragen voorsorteren")
        dialog.table.setCurrentIndex(dialog.proxy.index(1 - target, 0))
        qtbot.keyClick(dialog.table, Qt.Key.Key_Up if target == 0 else Qt.Key.Key_Down)
        assert dialog.selected().draft.name == "Aanvragen voorsorteren"
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.wizard is not None)

        wizard = window.wizard
        new = window.repo.get_algorithm(wizard.controller.algorithm_id)
        assert (new.name, new.unit, new.round) == ("Aanvragen voorsorteren", UNIT, ROUND)
        assert wizard.controller.form.id == "ai-act" and wizard.controller.viewing == wizard.controller.form.start
        page = wizard.current_page()
        assert isinstance(page, QuestionPage)
        # the register texts beside the unanswered question: labels of the register form, texts escaped
        assert page.hints.isVisibleTo(page) and page.hints.is_open()
        assert page.hints.button.text() == "Uit het register (alleen ter informatie)"
        assert "niet" in page.hints.note.text() or "nooit" in page.hints.note.text()
        body = page.hints.body.toPlainText()
        assert "Doel en impact: Sneller beslissen over aanvragen" in body and "Leverancier: Centric" in body
        assert "vaste regels, geen zelflerend model" in body and "<b>" not in body  # an HTML field shown as its text
        assert "type (ouder registerveld): Beslisboom" in body
        assert page.hints.button in page.focus_order() and page.hints.body in page.focus_order()
        assert page.answer() == ()  # nothing is chosen for the owner
        # at 1280 x 800 the answers stay in sight below the panel
        window.resize(1280, 800)
        qtbot.waitUntil(lambda: window.height() <= 800)
        viewport = wizard.question_scroll.viewport()
        bottom = page.field.mapTo(viewport, page.field.rect().bottomLeft()).y()
        assert 0 < bottom <= viewport.height()
        # collapsible by keyboard
        page.hints.button.setFocus()
        qtbot.keyClick(page.hints.button, Qt.Key.Key_Space)
        assert not page.hints.is_open() and page.hints.body.isHidden()
        qtbot.keyClick(page.hints.button, Qt.Key.Key_Space)
        assert page.hints.is_open()

        first = wizard.controller.viewing
        page.field.choose_number(1)
        wizard.go_next()
        assert wizard.controller.answer_of(first) and wizard.controller.viewing != first
        assert window.repo.answers(new.id, "ai-act")[first].status == "confirmed"
        wizard.go_back()
        assert wizard.controller.viewing == first
        assert not wizard.current_page().hints.isVisibleTo(wizard.current_page())  # answered: no panel
        assert window.repo.answers(new.id, "impact") == {}

        # back in the list: the started draft is greyed with its algorithm; an unassigned one asks for the unit
        window.show_list()
        dialog = _dialog(qtbot, window)
        dialog.filter_edit.clear()
        started_row = _row_of(dialog, "Aanvragen voorsorteren")
        assert not dialog.proxy.index(started_row, 0).flags() & Qt.ItemFlag.ItemIsEnabled
        assert dialog.proxy.index(started_row, 5).data() == "al begonnen: Aanvragen voorsorteren"
        chatbot = next(d for d in drafts if d.name == "Chatbot")
        assert dialog.select(chatbot.id) and dialog.unit_edit.isEnabled()
        dialog.unit_edit.clear()
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
        assert dialog.isVisible() and "nog niet aan een eenheid toegewezen" in dialog.message.message
        assert dialog.focusWidget() is dialog.unit_edit
        qtbot.keyClicks(dialog.unit_edit, "Team Digitaal")
        qtbot.keyClick(dialog.unit_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.wizard is not None)
        assert window.repo.get_algorithm(window.wizard.controller.algorithm_id).unit == "Team Digitaal"
        window.show_list()
        assert window.list_page.draft_button.isEnabled()  # Parkeerscan is still open
    finally:
        close_window(window)


def test_summary_lists_what_was_not_taken_and_register_answers_wait_for_confirmation(
        qtbot: Any, opened: Any, drafts: list[Draft], languages: Any) -> None:  # noqa: F811
    started = start_from_draft(opened, drafts[0].id)
    window = start_window(qtbot, opened.path, languages=languages, auto_open=False)
    try:
        assert window.open_algorithm(started.algorithm.id)
        wizard = window.wizard
        wizard.show_overview()
        page = wizard.current_page()
        assert isinstance(page, SummaryPage)
        assert not page.not_taken_box.isHidden() and page.not_taken_title.text() == "Niet overgenomen uit het register"
        text = page.not_taken_text.text()
        assert "Uit het register: Centric.json, record 3, gevonden op LARS-id 1234567" in text
        assert "<b>type:</b> Beslisboom" in text and "<b>oude-vraag:</b> oud antwoord" in text
        assert "IAMA in 2024 gedaan" in text and "Afwijkingen in de bron (1)" in text and "als &#x27;nld&#x27;" in text
        assert page.not_taken_text in page.focus_order()
        languages.set_language("en")
        assert page.not_taken_title.text() == "Not taken from the register"
        assert "From the register: Centric.json" in page.not_taken_text.text()
        languages.set_language("nl")

        # the register questions: every draft answer proposed, none replaced by the form's defaults
        assert window.open_algorithm(started.algorithm.id, "register")
        wizard = window.wizard
        c = wizard.controller
        assert c.form.id == "register" and c.viewing == "name" and c.status_of("name") == "prefilled"
        assert "vooraf ingevuld" in wizard._notice_for("name")
        stored = window.repo.answers(started.algorithm.id, "register")
        assert {q: a.answers[0] for q, a in stored.items() if q in drafts[0].answers} == \
            {q: v for q, v in drafts[0].answers.items() if q != "oude-vraag"}
        assert wizard.current_page().answer() == ("Aanvragen voorsorteren",)
        wizard.go_next()  # confirmed one by one
        stored = window.repo.answers(started.algorithm.id, "register")
        assert stored["name"].status == "confirmed" and stored["description-short"].status == "prefilled"
        assert c.viewing == "description-short"
        assert not wizard.current_page().hints.isVisibleTo(wizard.current_page())  # the hint is for AI-Act questions only
        assert not message_boxes(window)
    finally:
        close_window(window)
