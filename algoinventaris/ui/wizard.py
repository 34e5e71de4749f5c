"""The wizard view: shows the page the controller names (a question or the summary) with Back, Overview and Next."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from algoinventaris.formengine.model import Form, text_in
from algoinventaris.ui.controller import PREFILLED, AnswerRejected, WizardController
from algoinventaris.ui.dialogs import ask
from algoinventaris.ui.flow import AlgorithmFlow, NotTakenView, Overview
from algoinventaris.ui.question_page import QuestionPage
from algoinventaris.ui.summary_page import SummaryPage, push_button

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

ErrorReporter = Callable[[BaseException, str], None]


class WizardView(QWidget):
    """Hosts one page at a time; every step goes through the controller, which saves before the page changes."""

    back_to_list = Signal()
    saved = Signal(str)
    page_shown = Signal()
    open_form = Signal(str)
    export_requested = Signal(str)

    def __init__(self, controller: WizardController, lang: str, algorithm_name: str,
                 report_error: ErrorReporter, next_form: tuple[str, Form] | None = None,
                 previous_form: tuple[str, Form] | None = None, parent: QWidget | None = None,
                 flow: AlgorithmFlow | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wizardView")
        self.controller = controller
        self.flow = flow
        self.lang = lang
        self.algorithm_name = algorithm_name
        self.report_error = report_error
        self.next_form_def = next_form
        self.previous_form_def = previous_form
        self.page: QuestionPage | SummaryPage | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        top = QHBoxLayout()
        top.setContentsMargins(12, 8, 12, 8)
        self.list_button = push_button(self, "listButton")
        self.list_button.clicked.connect(self.back_to_list.emit)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("algorithmTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.overview_button = push_button(self, "overviewButton")
        self.overview_button.clicked.connect(self.show_overview)
        top.addWidget(self.list_button)
        top.addSpacing(12)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.overview_button)
        layout.addLayout(top)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)

        # Two pages, each in its own scroll area, made once and reused: a step changes texts, not widgets.
        self.pages = QStackedWidget(self)
        self.question_scroll = self._scroll_area("questionScroll")
        self.summary_scroll = self._scroll_area("summaryScroll")
        self.pages.addWidget(self.question_scroll)
        self.pages.addWidget(self.summary_scroll)
        self.question_page: QuestionPage | None = None
        self.summary_page: SummaryPage | None = None
        layout.addWidget(self.pages, 1)

        line2 = QFrame(self)
        line2.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line2)
        nav = QHBoxLayout()
        nav.setContentsMargins(12, 8, 12, 8)
        self.back_button = push_button(self, "backButton")
        self.back_button.clicked.connect(self.go_back)
        self.next_button = push_button(self, "nextButton")
        self.next_button.setDefault(True)  # drawn as the main button; Enter already means Next on a question
        self.next_button.clicked.connect(self.go_next)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        layout.addLayout(nav)
        self.retranslate()

    def _scroll_area(self, name: str) -> QScrollArea:
        area = QScrollArea(self)
        area.setObjectName(name)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return area

    # -- pages ---------------------------------------------------------------------------------
    def show_current(self) -> None:
        """Show the page for where the controller stands (the question or the summary)."""
        c = self.controller
        qid = c.viewing
        if qid is None:
            page: QuestionPage | SummaryPage = self._show_summary()
        else:
            question = c.question(qid)
            if self.question_page is None:
                self.question_page = QuestionPage(c.form, question, self.lang)
                self.question_page.submitted.connect(self.go_next)
                self.question_scroll.setWidget(self.question_page)
            else:
                self.question_page.show_question(c.form, question)
            qpage = self.question_page
            qpage.set_progress(c.progress())
            answer = c.answer_of(qid)
            if not answer and self.flow is not None:
                answer = self._proposal(qid)
            qpage.set_answer(answer)
            qpage.set_notice(self._notice_for(qid))
            qpage.set_hints(self._hints_for(qid))
            if c.status_of(qid) == PREFILLED:
                # a proposal that no longer passes the field's checks shows why at once
                qpage.show_problems(qpage.problems())
            page = qpage
        self._install(page)

    def prepare_summary(self) -> None:
        """Build the summary page ahead of time (after the first question shows), so reaching it is only a refill."""
        if self.summary_page is None:
            page = self._show_summary(refresh=False)
            page.reserve_rows(min(len(self.controller.form.questions), 40))
            # Show it once, out of sight (no paint happens in between), so that creating, polishing and laying
            # out its widgets is done now and not when the owner reaches the summary.
            shown = self.pages.currentIndex()
            self.pages.setCurrentWidget(self.summary_scroll)
            layout = page.layout()
            if layout is not None:
                layout.activate()
            self.pages.setCurrentIndex(shown)
            page.refresh_texts()  # hides the rows the route does not use yet

    def prepare_overview(self) -> None:
        """Lay out the summary's block about the whole algorithm ahead of time (once the other forms are loaded)."""
        if self.flow is None or isinstance(self.page, SummaryPage):
            return
        self.prepare_summary()
        page = self.summary_page
        overview = self._overview()
        if page is None or overview is None:
            return
        page.set_overview(overview, visible=True)
        shown = self.pages.currentIndex()
        self.pages.setCurrentWidget(self.summary_scroll)
        layout = page.layout()
        if layout is not None:
            layout.activate()
        self.pages.setCurrentIndex(shown)
        page.set_overview(overview)  # hidden again until the AI-Act questions are concluded

    def _proposal(self, qid: str) -> tuple[str, ...]:
        assert self.flow is not None
        try:
            return self.flow.proposal(self.controller, qid) or ()
        except Exception:  # a proposal is a help, never a reason to stop
            log.exception("no proposal for %s", qid)
            return ()

    def _show_summary(self, refresh: bool = True) -> SummaryPage:
        page = self._summary_page(refresh)
        if refresh:
            page.set_overview(self._overview())
            page.set_year_changes(self._year_changes())
            page.set_not_taken(self._not_taken())
        return page

    def _hints_for(self, qid: str) -> list[tuple[str, str]]:
        """The register texts beside an unanswered AI-Act question of an algorithm started from a CDO draft."""
        if self.flow is None:
            return []
        try:
            return self.flow.hints(self.controller, qid, self.lang)
        except Exception:  # a hint is a help, never a reason to stop
            log.exception("no register hint for %s", qid)
            return []

    def _not_taken(self) -> NotTakenView | None:
        if self.flow is None:
            return None
        try:
            return self.flow.not_taken(self.lang)
        except Exception:
            log.exception("what was not taken from the draft of %s could not be shown", self.controller.algorithm_id)
            return None

    def _year_changes(self) -> list[str] | None:
        if self.flow is None:
            return None
        try:
            return self.flow.year_changes(self.lang)
        except Exception:  # the comparison is a help, never a reason to stop
            log.exception("the changes since last year of %s could not be made", self.controller.algorithm_id)
            return None

    def _overview(self) -> Overview | None:
        if self.flow is None:
            return None
        try:
            return self.flow.overview(self.lang, self.controller)
        except Exception:
            log.exception("the overview of %s could not be made", self.controller.algorithm_id)
            return None

    def _summary_page(self, refresh: bool) -> SummaryPage:
        if self.summary_page is None:
            after = text_in(self.next_form_def[1].title, self.lang) if self.next_form_def is not None else ""
            before = text_in(self.previous_form_def[1].title, self.lang) if self.previous_form_def is not None else ""
            page = SummaryPage(self.controller, self.lang, self.algorithm_name, after, before)
            page.change_requested.connect(self.change_answer)
            page.continue_requested.connect(self.continue_route)
            page.discard_requested.connect(self.confirm_discard)
            page.export_requested.connect(lambda: self.export_requested.emit(self.controller.algorithm_id))
            if self.next_form_def is not None:
                page.next_form_requested.connect(partial(self.open_form.emit, self.next_form_def[0]))
            if self.previous_form_def is not None:
                page.previous_form_requested.connect(partial(self.open_form.emit, self.previous_form_def[0]))
            self.summary_scroll.setWidget(page)
            self.summary_page = page
        elif refresh:
            self.summary_page.refresh_texts()
        return self.summary_page

    def _install(self, page: QuestionPage | SummaryPage) -> None:
        self.page = page
        scroll = self.question_scroll if isinstance(page, QuestionPage) else self.summary_scroll
        self.pages.setCurrentWidget(scroll)
        scroll.verticalScrollBar().setValue(0)
        self._update_nav()
        self._order_tabs(page.focus_order())
        if isinstance(page, QuestionPage):
            page.focus_question()
        else:
            page.focus_title()

    def _order_tabs(self, inside: list[QWidget]) -> None:
        """Tab goes: top buttons, then the page in reading order, then Back and Next."""
        chain = [self.list_button, self.overview_button, *inside, self.back_button, self.next_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _notice_for(self, qid: str) -> str:
        c = self.controller
        notes: list[str] = []
        if c.status_of(qid) == PREFILLED:
            notes.append(translate("WizardView", "Dit antwoord is vooraf ingevuld. Controleer het en kies Volgende."))
        elif c.problem is not None and c.frontier == qid and c.answer_of(qid):
            notes.append(translate(
                "WizardView", "Je eerdere antwoord op deze vraag past niet bij de huidige versie van de vragenlijst. "
                "Kies opnieuw."))
        if self.flow is not None:
            try:
                extra = self.flow.notice(c, qid, self.lang)
            except Exception:
                log.exception("no notice for %s", qid)
                extra = ""
            if extra:
                notes.append(extra)
        if c.set_aside:
            if len(c.set_aside) == 1:
                notes.append(translate("WizardView", "Een eerder antwoord hoort niet meer bij je route en staat apart. "
                                       "Je vindt het in het overzicht."))
            else:
                notes.append(translate("WizardView", "{n} eerdere antwoorden horen niet meer bij je route en staan apart. "
                                       "Je vindt ze in het overzicht.").format(n=len(c.set_aside)))
        if c.form_changed:
            notes.append(translate(
                "WizardView", "De vragenlijst is bijgewerkt sinds je begon. Loop je antwoorden na in het overzicht."))
        return "\n".join(notes)

    def _update_nav(self) -> None:
        on_summary = isinstance(self.page, SummaryPage)
        self.back_button.setEnabled(self.controller.can_go_back())
        self.next_button.setVisible(not on_summary)
        self.overview_button.setEnabled(not on_summary)

    # -- actions -------------------------------------------------------------------------------
    def go_next(self) -> None:
        """Take the answer on screen: check it, show the next page at once, then save (one transaction).

        The save runs right after the next page has been painted, before any further key or click is
        handled, so the owner never waits for the disk; if the save fails, the wizard goes back to
        this question with the choice still made and says that nothing was saved.
        """
        page = self.page
        if not isinstance(page, QuestionPage):
            return
        problems = page.problems()
        values = page.answer()
        controller = self.controller
        if not problems and self.flow is not None and controller.viewing is not None:
            try:
                problems = self.flow.problems(controller, controller.viewing, values, self.lang)
            except Exception:
                log.exception("checking %s across forms", controller.viewing)
        if problems:
            page.show_problems(problems)
            page.field.focus_first()
            return
        try:
            plan = controller.plan(values)
        except AnswerRejected as err:
            log.warning("answer rejected: %s", err)
            page.show_problems([translate("WizardView", "Dit antwoord kan hier niet: {reason}").format(reason=str(err))])
            return
        controller.apply(plan)
        self.show_current()
        self.repaint()
        self.page_shown.emit()
        try:
            controller.persist(plan)
        except Exception as err:
            controller.revert(plan)
            self.show_current()
            if isinstance(self.page, QuestionPage):
                self.page.set_answer(values)
            self.report_error(err, translate("WizardView", "Je antwoord is niet opgeslagen."))
            return
        controller.apply(plan)  # the stored rows as the database wrote them
        if self.flow is not None:
            try:
                self.flow.after_save(controller)
            except Exception as err:
                self.report_error(err, translate("WizardView", "De categorie is niet vastgelegd."))
        self.saved.emit(controller.algorithm_id)

    def refresh(self) -> None:
        """Re-read the stored answers and show the summary again (after a change made elsewhere, e.g. an export).

        A question page is left as it is, so that a choice the owner is making is not lost.
        """
        if isinstance(self.page, SummaryPage):
            self.controller.reload()
            self.show_current()

    def go_back(self) -> None:
        if self.controller.back() is not None:
            self.show_current()

    def show_overview(self) -> None:
        self.controller.show_summary()
        self.show_current()

    def change_answer(self, qid: str) -> None:
        try:
            self.controller.show_question(qid)
        except KeyError:
            return
        self.show_current()

    def go_to_question(self, qid: str | None) -> None:
        """Show a question (e.g. the one an export found open): that one when reachable, else the first open one."""
        if qid is not None and qid in self.controller.reachable():
            self.controller.show_question(qid)
        else:
            self.controller.jump_to_end()
        self.show_current()

    def continue_route(self) -> None:
        self.controller.jump_to_end()
        self.show_current()

    def confirm_discard(self) -> None:
        n = len(self.controller.set_aside)
        ask(self, translate("WizardView", "Apart gezette antwoorden verwijderen"),
            (translate("WizardView", "Het apart gezette antwoord wordt definitief verwijderd.") if n == 1 else
             translate("WizardView", "{n} apart gezette antwoorden worden definitief verwijderd.").format(n=n))
            + " " + translate("WizardView", "Je route en conclusie veranderen niet."),
            translate("WizardView", "Verwijderen"), self.discard_set_aside)

    def discard_set_aside(self) -> None:
        try:
            self.controller.discard_set_aside()
        except Exception as err:
            self.report_error(err, translate("WizardView", "De apart gezette antwoorden zijn niet verwijderd."))
            return
        self.saved.emit(self.controller.algorithm_id)
        self.show_current()

    # -- language and keys ---------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()
        if self.summary_page is not None:
            self.summary_page.next_form_title = text_in(self.next_form_def[1].title, lang) if self.next_form_def else ""
            self.summary_page.previous_form_title = (
                text_in(self.previous_form_def[1].title, lang) if self.previous_form_def else "")
            if self.page is not self.summary_page:
                self.summary_page.set_language(lang)
        if self.question_page is not None and self.page is not self.question_page:
            self.question_page.set_language(lang)
        if self.page is not None:
            self.page.set_language(lang)
            if isinstance(self.page, QuestionPage) and self.controller.viewing is not None:
                self.page.set_notice(self._notice_for(self.controller.viewing))
                self.page.set_hints(self._hints_for(self.controller.viewing))
            if isinstance(self.page, SummaryPage):
                self.page.set_overview(self._overview())
                self.page.set_year_changes(self._year_changes())
                self.page.set_not_taken(self._not_taken())

    def retranslate(self) -> None:
        self.list_button.setText(translate("WizardView", "← &Mijn algoritmes"))
        self.list_button.setAccessibleName(translate("WizardView", "Terug naar Mijn algoritmes"))
        self.overview_button.setText(translate("WizardView", "&Overzicht"))
        self.overview_button.setAccessibleName(translate("WizardView", "Overzicht van je antwoorden"))
        self.back_button.setText(translate("WizardView", "◀ Vo&rige"))
        self.back_button.setAccessibleName(translate("WizardView", "Vorige vraag"))
        self.next_button.setText(translate("WizardView", "&Volgende ▶"))
        self.next_button.setAccessibleName(translate("WizardView", "Volgende"))
        self.next_button.setToolTip(translate("WizardView", "Slaat je antwoord op en gaat verder (Enter)"))
        title = f"{self.algorithm_name} — {text_in(self.controller.form.title, self.lang)}"
        self.title_label.setText(title)
        self.title_label.setToolTip(title)
        self.title_label.setAccessibleName(title)
        if self.page is not None and isinstance(self.page, QuestionPage) and self.controller.viewing is not None:
            self.page.set_notice(self._notice_for(self.controller.viewing))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(self.page, QuestionPage):
            event.accept()
            self.go_next()
            return
        super().keyPressEvent(event)

    def current_page(self) -> QuestionPage | SummaryPage | None:
        return self.page

    def button(self, name: str) -> QPushButton:
        """A navigation button by object name (for tests and screenshots)."""
        found = self.findChild(QPushButton, name)
        assert found is not None, name
        return found
