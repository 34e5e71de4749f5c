"""The three questionnaires in a row on the real forms: AI-Act → impact (category proposal, override, reason) → register (pre-filled).

Also the summary's block about the algorithm as a whole: category with reasons, the override flag,
exclusion, human-rights test, the Algoritmekader requirements and what export will say is incomplete.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from algoinventaris.ui.question_page import QuestionPage
from algoinventaris.ui.summary_page import SummaryPage
from algoinventaris.ui.wizard import WizardView
from tests.gui.helpers import answer_route, long_route, start_window, walk_to_summary

pytestmark = pytest.mark.gui


@pytest.fixture
def concluded(tmp_path: Path, ai_act_form: Any) -> tuple[Path, str]:
    """A database with one algorithm whose AI-Act questions end in a high-risk conclusion."""
    from algoinventaris.storage import open_owner_db

    db = tmp_path / "owner.sqlite3"
    with open_owner_db(db) as repo:
        alg = repo.create_algorithm("Fraudesignalen bijstand", "Gemeente Voorbeeld", "Werk en Inkomen", "Inventarisatie 2026")
        controller = answer_route(repo, alg.id, ai_act_form, long_route(ai_act_form))
        assert controller.done and controller.conclusion is not None
    return db, alg.id


def wizard_on(window: Any, form_id: str) -> WizardView:
    wizard = window.wizard
    assert wizard is not None and wizard.controller.form.id == form_id, form_id
    return wizard


def press_next_with(wizard: WizardView, answer: list[str]) -> None:
    page = wizard.current_page()
    assert isinstance(page, QuestionPage)
    page.set_answer(answer)
    wizard.go_next()


def test_ai_act_impact_register_in_a_row(qtbot: Any, languages: Any, concluded: tuple[Path, str]) -> None:
    db, alg_id = concluded
    window = start_window(qtbot, db, languages=languages, auto_open=False)
    assert window.open_algorithm(alg_id)
    wizard = wizard_on(window, "ai-act")
    summary = wizard.current_page()
    assert isinstance(summary, SummaryPage)
    # the AI-Act summary: requirements known, category not yet, export possible with a note
    assert summary.overview_box.isVisibleTo(summary)
    assert "nog niet bepaald" in summary.category_title.text()
    assert summary.requirements.isVisibleTo(summary)
    count = int(summary.requirements.button.text().rsplit("(", 1)[1].rstrip(")"))
    assert count > 10
    assert not summary.requirements.body.isVisibleTo(summary)
    summary.requirements.button.click()  # collapsible: opens with code and short title per requirement
    assert summary.requirements.body.isVisibleTo(summary) and "aia-03" in summary.requirements.body.text()
    assert summary.export_button.isVisibleTo(summary)
    assert "impact, publicatie en toetsen zijn nog niet af" in summary.export_text.text()
    assert summary.next_form_button.text() == "Verder met: Impact, publicatie en toetsen ▶"

    summary.next_form_button.click()
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.controller.form.id == "impact")
    wizard = wizard_on(window, "impact")
    for answer in ("no", "no", "no", "no"):  # no impact at all: the proposal would be C, were it not high risk
        press_next_with(wizard, [answer])
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "category"
    assert page.answer() == ("a",)  # the proposal, pre-selected
    assert "De app stelt voor: Categorie A: hoog-risico-AI-systeem." in page.notice.text()
    assert "hoog-risico-AI-systeem" in page.notice.text().splitlines()[1]
    assert "category" not in window.repo.answers(alg_id, "impact")  # a proposal, not an answer, until Next
    # the owner chooses C instead: the reason is then required (at least 20 characters)
    press_next_with(wizard, ["c"])
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "category-reason"
    press_next_with(wizard, ["te kort"])
    assert wizard.controller.viewing == "category-reason"
    assert page.error_label.isVisible() and "minstens 20 tekens" in page.error_label.message
    press_next_with(wizard, ["Juridisch advies 2026-03: het systeem valt onder de uitzondering van art. 6(3)."])
    summary = wizard.current_page()
    assert isinstance(summary, SummaryPage)  # C has no publication questions
    assert window.repo.get_algorithm(alg_id).category == "C"
    assert summary.category_title.accessibleName() == "Categorie C: overig algoritme"
    assert summary.override_text.isVisibleTo(summary)
    assert "je koos categorie C, de app stelt A voor" in summary.override_text.message
    assert "Juridisch advies 2026-03" in summary.override_text.message
    assert "hoog-risico-AI-systeem" in summary.category_text.text()  # the reasons in words
    assert "Publicatie:" in summary.publication_text.text() and "Mensenrechtentoets:" in summary.publication_text.text()

    # back to the category: choosing the proposal again removes the flag, and the assessments are asked
    wizard.change_answer("category")
    press_next_with(wizard, ["a"])
    walk_to_summary(wizard)
    summary = wizard.current_page()
    assert isinstance(summary, SummaryPage)
    assert window.repo.get_algorithm(alg_id).category == "A"
    assert not summary.override_text.isVisibleTo(summary)
    assert "afgerond (2026-01-15" in summary.publication_text.text()  # the human-rights test, done with a date
    assert "niet uitgesloten" in summary.publication_text.text()
    assert "Algoritmeregister" in summary.next_form_button.text()

    # the register: name, organisation and publication category pre-filled, to be confirmed one by one
    summary.next_form_button.click()
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.controller.form.id == "register")
    wizard = wizard_on(window, "register")
    stored = window.repo.answers(alg_id, "register")
    assert stored["name"].answers == ("Fraudesignalen bijstand",) and stored["name"].status == "prefilled"
    assert stored["organization"].answers == ("Gemeente Voorbeeld",)
    assert stored["publication-category"].answers == ("Hoog-risico AI-systeem",)
    assert stored["publication-category"].status == "prefilled"
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "name" and page.answer() == ("Fraudesignalen bijstand",)
    wizard.go_next()  # Next on a pre-filled answer confirms it
    assert window.repo.answers(alg_id, "register")["name"].status == "confirmed"
    page = wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == "description-short"
    # the summary before the register is done lists the confirmed answer and says what is still open
    wizard.show_overview()
    overview = wizard.current_page()
    assert isinstance(overview, SummaryPage)
    assert "Algoritmeregister is nog niet compleet" in overview.export_text.text()
    assert "Publicatie:" in overview.publication_text.text()


def test_a_prefilled_answer_waits_on_the_route_and_is_never_set_aside(repo: Any, tiny_form: Any) -> None:
    from algoinventaris.ui.controller import WizardController

    alg = repo.create_algorithm("Parkeren", "Gemeente", "Team", "Inventarisatie 2026")
    c = WizardController(repo, alg.id, tiny_form)
    assert c.prefill({"uses-ai": ["yes"], "impact": ["no"]}) == ["uses-ai", "impact"]
    c.resume()
    assert c.frontier == "uses-ai" and c.viewing == "uses-ai"  # the first proposal on the route
    assert c.pending == ["uses-ai"] and c.set_aside == []  # "impact" is not reached yet: waiting, not set aside
    assert not c.done and c.conclusion is None
    assert c.answer(["yes"]) == "purpose"  # confirming it goes on
    assert repo.answers(alg.id, "tiny")["uses-ai"].status == "confirmed"
    assert c.answer(["decisions"]) == "impact"  # the route reaches the proposal: the owner sees it
    assert c.status_of("impact") == "prefilled" and c.answer_of("impact") == ("no",)
    assert not c.done
    assert repo.get_algorithm(alg.id).conclusion is None  # an unconfirmed proposal gives no conclusion
    assert c.answer(["no"]) is None
    assert c.done and c.conclusion is not None and c.conclusion.id == "low"
    assert repo.get_algorithm(alg.id).conclusion == "low"
    # a second prefill never overwrites confirmed answers
    assert c.prefill({"uses-ai": ["no"], "impact": ["yes"]}) == []
    assert repo.answers(alg.id, "tiny")["uses-ai"].answers == ("yes",)
