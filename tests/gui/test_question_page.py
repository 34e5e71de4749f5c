"""The question page: texts, glossary on hover and keyboard, sources, progress, keys, language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolTip

from algoinventaris.ui.controller import Progress
from algoinventaris.ui.question_page import QuestionPage

pytestmark = pytest.mark.gui


def make_page(qtbot: Any, form: Any, qid: str, lang: str = "nl") -> QuestionPage:
    page = QuestionPage(form, form.question(qid), lang)
    qtbot.addWidget(page)
    page.resize(800, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_page_shows_question_explanation_sources_and_terms(qtbot: Any, tiny_form: Any) -> None:
    page = make_page(qtbot, tiny_form, "uses-ai")
    assert page.section_label.text() == "Soort toepassing"
    assert 'href="term:ai-system"' in page.question_label.text()
    assert page.question_label.accessibleName() == "Gebruikt de toepassing een AI-systeem?"
    # the explanation is escaped text, and the lower-case term is found too
    assert "&lt;en&gt;" in page.explanation_label.text()
    assert re.search(r'href="term:ai-system"[^>]*>ai-systeem</a>', page.explanation_label.text())
    assert "AI-verordening: <a href=" in page.sources_label.text() and ">art. 3(1)</a>" in page.sources_label.text()
    assert page.terms.isVisible()
    assert page.terms.button.text() == "Begrippen op deze pagina (1)"
    assert not page.terms.body.isVisible()
    page.terms.button.click()
    assert page.terms.body.isVisible()
    assert "Een systeem dat zelf leert van voorbeelden." in page.terms.body.text()


def test_glossary_definition_on_hover_and_keyboard(qtbot: Any, tiny_form: Any) -> None:
    page = make_page(qtbot, tiny_form, "uses-ai")
    page.glossary_links.hovered(page.question_label, "term:ai-system")
    assert "Een systeem dat zelf leert van voorbeelden." in QToolTip.text()
    QToolTip.hideText()
    page.glossary_links.activated(page.question_label, "term:ai-system")
    assert "Een systeem dat zelf leert van voorbeelden." in QToolTip.text()
    assert page.question_label.property("lastDefinition") == "ai-system"
    QToolTip.hideText()


def test_focus_starts_on_the_question_and_tab_reaches_the_answers(qtbot: Any, tiny_form: Any) -> None:
    page = make_page(qtbot, tiny_form, "impact")
    page.activateWindow()
    page.focus_question()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.question_label)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.field.buttons()[0]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert page.answer() == ("yes",)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert page.answer() == ("no",)


def test_enter_submits_and_digits_choose(qtbot: Any, tiny_form: Any) -> None:
    page = make_page(qtbot, tiny_form, "purpose")
    page.focus_question()
    qtbot.keyClick(page.question_label, Qt.Key.Key_2)
    qtbot.keyClick(page.question_label, Qt.Key.Key_3)
    assert page.answer() == ("advice", "other")
    with qtbot.waitSignal(page.submitted, timeout=1000):
        qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Return)


def test_progress_text(qtbot: Any, tiny_form: Any) -> None:
    page = make_page(qtbot, tiny_form, "purpose")
    page.set_progress(Progress(number=7, remaining=4, answered=6))
    assert page.progress_label.text() == "Vraag 7 — nog ongeveer 4"
    assert page.progress_bar.value() == 7 and page.progress_bar.maximum() == 11
    page.set_progress(Progress(number=2, remaining=0, answered=1))
    assert page.progress_label.text() == "Vraag 2 — waarschijnlijk de laatste"


def test_problems_are_shown_until_fixed(qtbot: Any, tiny_form: Any) -> None:
    page = make_page(qtbot, tiny_form, "purpose")
    page.show_problems(page.problems())
    assert page.error_label.isVisible()
    assert page.error_label.message == "Kies ten minste één antwoord."
    page.field.choose_number(1)
    assert not page.error_label.isVisible()


def test_form_texts_follow_the_language(qtbot: Any, tiny_form: Any) -> None:
    page = make_page(qtbot, tiny_form, "uses-ai")
    page.set_answer(["no"])
    page.set_language("en")
    assert page.question_label.accessibleName() == "Does the application use an AI system?"
    assert re.search(r'href="term:ai-system"[^>]*>AI system</a>', page.question_label.text())
    assert page.field.buttons()[1].accessibleName() == "No"
    assert page.answer() == ("no",)
    assert "AI Act: <a href=" in page.sources_label.text()


def test_real_form_question_renders_with_its_glossary(qtbot: Any, ai_act_form: Any) -> None:
    question = next(q for q in ai_act_form.questions if q.explanation and q.sources)
    page = make_page(qtbot, ai_act_form, question.id)
    assert page.sources_label.isVisible()
    assert len(page.field.buttons()) == len(question.answers)
