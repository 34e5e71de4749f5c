"""The summary page: the conclusion in plain words, obligations, sources, the route with a Change button per answer."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from algoinventaris.formengine.model import text_in
from algoinventaris.ui.controller import PREFILLED, WizardController
from algoinventaris.ui.fields import show
from algoinventaris.ui.flow import NotTakenView, Overview
from algoinventaris.ui.question_page import Expander, GlossaryLinks, keep_readable, rich_label
from algoinventaris.ui.richtext import bullet_list, glossary_for, paragraphs, sources_inline, term_style
from algoinventaris.ui.widgets import Box, ErrorLabel, FocusLabel, TextLabel, bold, enter_button

translate = QCoreApplication.translate


push_button = enter_button


def short_title(title: str, limit: int = 36) -> str:
    """A form title cut at its first colon, or at a word before `limit` characters (with an ellipsis)."""
    head = title.split(":", 1)[0].strip()
    if head and len(head) <= limit:
        return head
    if len(title) <= limit:
        return title
    cut = title[:limit].rsplit(" ", 1)[0]
    return cut + "…"


class RouteRow:
    """The widgets of one answered question on the summary, kept and refilled as the route changes."""

    def __init__(self, page: SummaryPage, index: int) -> None:
        parent = page.route_widget
        grid = page.route_grid
        row = index + 1  # row 0 holds the "no answers yet" line
        self.qid = ""
        self.number = QLabel(f"{index + 1}.", parent)
        self.question = QLabel(parent)
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.answer = QLabel(parent)
        self.answer.setWordWrap(True)
        self.answer.setTextFormat(Qt.TextFormat.PlainText)
        font = self.answer.font()
        font.setBold(True)
        self.answer.setFont(font)
        self.button = push_button(parent)
        self.button.clicked.connect(lambda: page.change_requested.emit(self.qid))
        grid.addWidget(self.number, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.question, row, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.answer, row, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.button, row, 3, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)

    def show_answer(self, qid: str, question: str, answer: str) -> None:
        self.qid = qid
        self.question.setText(question)
        self.answer.setText(answer)
        self.button.setObjectName(f"change-{qid}")
        self.button.setText(translate("SummaryPage", "Wijzig"))
        self.button.setAccessibleName(translate("SummaryPage", "Wijzig antwoord op: {question}").format(question=question))
        self.button.setAccessibleDescription(translate("SummaryPage", "Huidig antwoord: {answer}").format(answer=answer))
        self.set_visible(True)

    def set_visible(self, visible: bool) -> None:
        for widget in (self.number, self.question, self.answer, self.button):
            show(widget, visible)


class SummaryPage(QWidget):
    """Everything decided so far, with ways back into the questions; also shown before the route is complete."""

    change_requested = Signal(str)
    continue_requested = Signal()
    discard_requested = Signal()
    next_form_requested = Signal()
    previous_form_requested = Signal()
    export_requested = Signal()

    def __init__(self, controller: WizardController, lang: str, algorithm_name: str = "",
                 next_form_title: str = "", previous_form_title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.lang = lang
        self.algorithm_name = algorithm_name
        self.next_form_title = next_form_title
        self.previous_form_title = previous_form_title
        self.setObjectName("summaryPage")
        self.change_buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)

        self.title_label = FocusLabel(self)
        self.title_label.setObjectName("summaryTitle")
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)

        self.conclusion_box = Box(self)
        self.conclusion_box.setObjectName("conclusionBox")
        box = QVBoxLayout(self.conclusion_box)
        self.conclusion_title = rich_label(self.conclusion_box, "conclusionTitle")
        self.conclusion_text = rich_label(self.conclusion_box, "conclusionText")
        self.labels_text = rich_label(self.conclusion_box, "labelsText")
        self.obligations_title = bold(TextLabel(self.conclusion_box))
        self.obligations_title.setObjectName("obligationsTitle")
        # Plain text: a summary can list twenty obligations, and rich text takes over twice as long to lay out.
        self.obligations_text = TextLabel(self.conclusion_box)
        self.obligations_text.setObjectName("obligationsText")
        self.obligations_text.setTextFormat(Qt.TextFormat.PlainText)
        self.obligations_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sources_text = rich_label(self.conclusion_box, "conclusionSources")
        for w in (self.conclusion_title, self.conclusion_text, self.labels_text, self.obligations_title,
                  self.obligations_text, self.sources_text):
            box.addWidget(w)
        self.continue_button = push_button(self.conclusion_box, "continueButton")
        self.continue_button.clicked.connect(self.continue_requested.emit)
        box.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.conclusion_box)

        # What changed since last year (an algorithm started from last year's): conclusion, answers, review items.
        self.year_lines: list[str] | None = None
        self.changes_box, self.changes_title, self.changes_text = self._titled_box(layout, "yearChanges")

        # An algorithm started from a CDO draft: where it came from, what of it was not taken, the deviations.
        self.not_taken: NotTakenView | None = None
        self.not_taken_box, self.not_taken_title, self.not_taken_text = self._titled_box(layout, "notTaken")
        self.not_taken_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                    | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.not_taken_text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        # The algorithm as a whole (all questionnaires): category, publication, assessments, requirements, export.
        self.overview: Overview | None = None
        self.overview_box = Box(self)
        self.overview_box.setObjectName("overviewBox")
        obox = QVBoxLayout(self.overview_box)
        self.category_title = rich_label(self.overview_box, "categoryTitle")
        self.category_text = rich_label(self.overview_box, "categoryText")
        self.override_text = ErrorLabel(self.overview_box)
        self.override_text.setObjectName("overrideFlag")
        self.publication_text = rich_label(self.overview_box, "publicationText")
        self.requirements = Expander(self.overview_box)
        self.requirements.setObjectName("requirementsExpander")
        self.requirements.body.setObjectName("requirementsText")
        self.requirements.button.toggled.connect(lambda _on: self._fill_requirements())
        self.export_text = rich_label(self.overview_box, "exportText")
        self.export_button = push_button(self.overview_box, "exportButton")
        self.export_button.clicked.connect(self.export_requested.emit)
        parts: list[QWidget] = [self.category_title, self.category_text, self.override_text, self.publication_text,
                                self.requirements, self.export_text]
        for part in parts:
            obox.addWidget(part)
        obox.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        show(self.overview_box, False)
        layout.addWidget(self.overview_box)

        self.route_title = QLabel(self)
        self.route_title.setObjectName("routeTitle")
        layout.addWidget(self.route_title)
        self.route_widget = QWidget(self)
        self.route_grid = QGridLayout(self.route_widget)
        self.route_grid.setContentsMargins(0, 0, 0, 0)
        self.route_grid.setColumnStretch(1, 3)
        self.route_grid.setColumnStretch(2, 2)
        self.route_rows: list[RouteRow] = []
        self.empty_route = QLabel(self.route_widget)
        self.route_grid.addWidget(self.empty_route, 0, 0, 1, 4)
        layout.addWidget(self.route_widget)

        self.aside_box = Box(self, dashed=True)
        self.aside_box.setObjectName("asideBox")
        aside = QVBoxLayout(self.aside_box)
        self.aside_title = QLabel(self.aside_box)
        self.aside_title.setWordWrap(True)
        self.aside_text = rich_label(self.aside_box, "asideText")
        self.discard_button = push_button(self.aside_box, "discardButton")
        self.discard_button.clicked.connect(self.discard_requested.emit)
        aside.addWidget(self.aside_title)
        aside.addWidget(self.aside_text)
        aside.addWidget(self.discard_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.aside_box)

        row = QHBoxLayout()
        self.previous_form_button = push_button(self, "previousFormButton")
        self.previous_form_button.clicked.connect(self.previous_form_requested.emit)
        self.next_form_button = push_button(self, "nextFormButton")
        self.next_form_button.clicked.connect(self.next_form_requested.emit)
        row.addWidget(self.previous_form_button)
        row.addStretch(1)
        row.addWidget(self.next_form_button)
        layout.addLayout(row)
        layout.addStretch(1)

        self.glossary_links = GlossaryLinks(glossary_for(controller.form, lang))
        for label in (self.conclusion_title, self.conclusion_text, self.sources_text):
            self.glossary_links.attach(label)
        self.refresh_texts()

    def _titled_box(self, layout: QVBoxLayout, name: str) -> tuple[Box, QLabel, QLabel]:
        """A hidden box (object name `name`Box) with a bold title (`name`Title) over a rich text (`name`Text), added to layout."""
        box = Box(self)
        box.setObjectName(f"{name}Box")
        inner = QVBoxLayout(box)
        title = bold(TextLabel(box))
        title.setObjectName(f"{name}Title")
        text = rich_label(box, f"{name}Text")
        inner.addWidget(title)
        inner.addWidget(text)
        show(box, False)
        layout.addWidget(box)
        return box, title, text

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.refresh_texts()

    # -- since last year -----------------------------------------------------------------------
    def set_year_changes(self, lines: list[str] | None) -> None:
        """Show "Veranderd sinds vorig jaar" with these lines (package.rounds.year_changes); None hides the block."""
        self.year_lines = lines
        self._render_year_changes()

    def _render_year_changes(self) -> None:
        lines = self.year_lines
        show(self.changes_box, lines is not None)
        if lines is None:
            return
        title = translate("SummaryPage", "Veranderd sinds vorig jaar")
        self.changes_title.setText(title)
        self.changes_text.setText(bullet_list(html.escape(line) for line in lines))
        self.changes_text.setAccessibleName(" ".join([title, *lines]))

    # -- started from a CDO draft ---------------------------------------------------------------
    def set_not_taken(self, view: NotTakenView | None) -> None:
        """Show "Niet overgenomen uit het register" for an algorithm started from a draft; None hides the block."""
        self.not_taken = view
        self._render_not_taken()

    def _render_not_taken(self) -> None:
        view = self.not_taken
        show(self.not_taken_box, view is not None)
        if view is None:
            return
        esc = html.escape
        title = (translate("SummaryPage", "Niet overgenomen uit het register") if view.source == "register" else
                 translate("SummaryPage", "Niet overgenomen uit de inventarisatie van vorig jaar"))
        self.not_taken_title.setText(title)
        parts = [f"<p>{esc(view.origin)}</p>"]
        if view.fields:
            parts.append("<p>" + esc(translate("SummaryPage", "Deze gegevens staan niet in je antwoorden; ze zijn bewaard "
                                               "zodat je ze kunt nalezen of zelf kunt overnemen:")) + "</p>")
            parts.append(bullet_list(f"<b>{esc(label)}:</b> {esc(' '.join(value.split()))} <i>({esc(why)})</i>"
                                     for label, value, why in view.fields))
        else:
            parts.append("<p>" + esc(translate("SummaryPage", "Alle gegevens zijn als voorstel in je antwoorden "
                                               "overgenomen.")) + "</p>")
        if view.deviations:
            parts.append("<p><b>" + esc(translate("SummaryPage", "Afwijkingen in de bron ({n}):").format(n=len(view.deviations)))
                         + "</b></p>")
            parts.append(bullet_list(esc(d) for d in view.deviations))
        self.not_taken_text.setText("".join(parts))
        lines = [view.origin, *(f"{label}: {value} ({why})" for label, value, why in view.fields), *view.deviations]
        self.not_taken_text.setAccessibleName(title)
        self.not_taken_text.setAccessibleDescription("\n".join(lines))

    # -- the algorithm as a whole --------------------------------------------------------------
    def set_overview(self, overview: Overview | None, *, visible: bool = False) -> None:
        """Show the category, publication, assessments, requirements and export (None hides the block).

        The block shows once the AI-Act questions are concluded; `visible` shows it anyway (to lay it out ahead).
        """
        self.overview = overview
        self._render_overview(visible)

    def _render_overview(self, visible: bool = False) -> None:
        o = self.overview
        if o is None:
            show(self.overview_box, False)
            return
        esc = html.escape
        if o.has_impact_form:
            word = translate("SummaryPage", "Categorie")
            if o.category is not None:
                self.category_title.setText(f"<h2>{esc(o.category_title)}</h2>")
                self.category_title.setAccessibleName(o.category_title)
                why = translate("SummaryPage", "Waarom:")
                self.category_text.setText(f"<p><b>{esc(why)}</b></p>" + bullet_list(esc(r) for r in o.reasons)
                                           + "".join(f"<p>⚠ {esc(w)}</p>" for w in o.warnings))
                self.category_text.setAccessibleName(" ".join([why, *o.reasons, *o.warnings]))
            else:
                undecided = translate("SummaryPage", "nog niet bepaald")
                self.category_title.setText(f"<h2>{esc(word)}: {esc(undecided)}</h2>")
                self.category_title.setAccessibleName(f"{word}: {undecided}")
                later = translate("SummaryPage", "De categorie volgt uit de vragen over impact, publicatie en toetsen.")
                self.category_text.setText(f"<p>{esc(later)}</p>")
                self.category_text.setAccessibleName(later)
            if o.overridden:
                flag = translate(
                    "SummaryPage", "⚑ Afwijkende keuze: je koos categorie {chosen}, de app stelt {proposed} voor. "
                    "De CDO ziet deze keuze en je toelichting.").format(chosen=o.category, proposed=o.proposed)
                if o.override_reason:
                    flag += "\n" + translate("SummaryPage", "Toelichting: {reason}").format(reason=o.override_reason)
                self.override_text.set_message(flag)
            show(self.override_text, o.overridden)
            if o.category is not None:
                rows = [(translate("SummaryPage", "Publicatie"), o.exclusion),
                        (translate("SummaryPage", "Mensenrechtentoets"), o.human_rights_test),
                        (translate("SummaryPage", "DPIA"), o.dpia)]
                self.publication_text.setText("<p>" + "<br>".join(f"<b>{esc(k)}:</b> {esc(v)}" for k, v in rows) + "</p>")
                self.publication_text.setAccessibleName("; ".join(f"{k}: {v}" for k, v in rows))
            show(self.publication_text, o.category is not None)
        for w in (self.category_title, self.category_text):
            show(w, o.has_impact_form)
        if not o.has_impact_form:
            show(self.override_text, False)
            show(self.publication_text, False)
        count = len(o.requirements)
        title = translate("SummaryPage", "Vereisten uit het Algoritmekader ({n})").format(n=count)
        self.requirements.button.setText(title)
        self.requirements.button.setAccessibleName(title)
        self.requirements.body.setAccessibleName(title)
        self._fill_requirements()
        notes = list(o.incomplete)
        intro = translate("SummaryPage", "Klaar om te exporteren: één ondertekend pakket voor de CDO.") if not notes else \
            translate("SummaryPage", "Je kunt al exporteren, maar het pakket is dan nog niet volledig:")
        self.export_text.setText(f"<p>{esc(intro)}</p>" + (bullet_list(esc(n) for n in notes) if notes else ""))
        self.export_text.setAccessibleName(" ".join([intro, *notes]))
        self.export_button.setText(translate("SummaryPage", "&Exporteren…"))
        self.export_button.setAccessibleName(translate("SummaryPage", "Exporteren als ondertekend pakket"))
        show(self.requirements, count > 0 or visible)
        show(self.overview_box, o.ai_act_done or visible)

    def _fill_requirements(self) -> None:
        """The requirement list is laid out only while it is open (a long list costs time on every summary)."""
        o = self.overview
        if o is None or not self.requirements.button.isChecked():
            return
        items = [f"<b>{html.escape(code)}</b> — {html.escape(title)}" for code, title in o.requirements]
        self.requirements.body.setText(bullet_list(items))

    def refresh_texts(self) -> None:
        c, lang = self.controller, self.lang
        form = c.form
        glossary = glossary_for(form, lang)
        self.glossary_links.glossary = glossary
        heading = translate("SummaryPage", "Samenvatting") if c.done else translate("SummaryPage", "Overzicht")
        name = f" — {html.escape(self.algorithm_name)}" if self.algorithm_name else ""
        self.title_label.setText(f"<h1>{heading}{name}</h1>")
        self.title_label.setAccessibleName(f"{heading} {self.algorithm_name}".strip())

        style = term_style(self.palette().color(QPalette.ColorRole.WindowText).name())
        conclusion = c.conclusion
        esc = html.escape
        if conclusion is not None:
            title = text_in(conclusion.title, lang)
            word = translate("SummaryPage", "Conclusie")
            self.conclusion_title.setText(f"<h2>{esc(word)}: {glossary.mark(title, style)}</h2>")
            self.conclusion_title.setAccessibleName(f"{word}: {title}")
            self.conclusion_text.setText(paragraphs(text_in(conclusion.text, lang), glossary, style))
            self.conclusion_text.setAccessibleName(text_in(conclusion.text, lang))
            todo = translate("SummaryPage", "Wat je moet doen")
            obligations = [text_in(o, lang) for o in conclusion.obligations]
            none = translate("SummaryPage", "Geen verplichtingen uit de AI-verordening.")
            self.obligations_title.setText(todo)
            self.obligations_text.setText("\n".join(f"•  {o}" for o in obligations) if obligations else none)
            self.obligations_text.setAccessibleName(todo)
            self.obligations_text.setAccessibleDescription("\n".join(obligations) or none)
            show_obligations = bool(obligations) or c.records_outcome
            sources_word = translate("SummaryPage", "Bronnen")
            sources = sources_inline(conclusion.sources, lang)
            self.sources_text.setText(f"<p><b>{esc(sources_word)}:</b> {sources}</p>" if sources else "")
            self.sources_text.setAccessibleName(sources_word)
            show(self.sources_text, bool(sources))
            labels = [text_in(form.label_map[lab].text, lang) for lab in c.labels if lab in form.label_map]
            traits = translate("SummaryPage", "Kenmerken")
            self.labels_text.setText(f"<b>{esc(traits)}:</b> {esc(' · '.join(labels))}" if labels else "")
            self.labels_text.setAccessibleName(traits)
            show(self.labels_text, bool(labels))
            show(self.obligations_title, show_obligations)
            show(self.obligations_text, show_obligations)
            show(self.continue_button, False)
        else:
            open_title = translate("SummaryPage", "Nog geen conclusie")
            self.conclusion_title.setText(f"<h2>{esc(open_title)}</h2>")
            self.conclusion_title.setAccessibleName(open_title)
            pending = len(c.pending)
            answered = len(c.on_path) - pending
            progress_text = (translate("SummaryPage", "Je hebt 1 vraag beantwoord.") if answered == 1 else
                             translate("SummaryPage", "Je hebt {n} vragen beantwoord.").format(n=answered))
            if pending:
                progress_text += " " + translate("SummaryPage", "Vooraf ingevuld en nog te bevestigen: {n}.").format(n=pending)
            progress_text += " " + translate("SummaryPage", "Beantwoord de open vraag om tot een conclusie te komen.")
            self.conclusion_text.setText(f"<p>{esc(progress_text)}</p>")
            self.conclusion_text.setAccessibleName(progress_text)
            for w in (self.labels_text, self.obligations_title, self.obligations_text, self.sources_text):
                show(w, False)
            self.continue_button.setText(translate("SummaryPage", "&Verder met de open vraag"))
            show(self.continue_button, c.frontier is not None)

        answers_title = translate("SummaryPage", "Je antwoorden")
        self.route_title.setText(f"<h2>{esc(answers_title)}</h2>")
        self.route_title.setAccessibleName(answers_title)
        self._render_route()

        aside = c.set_aside
        if aside:
            self.aside_title.setText(
                "<h3>" + html.escape(translate("SummaryPage", "Apart gezet ({n})").format(n=len(aside))) + "</h3>"
                + "<p>" + html.escape(translate(
                    "SummaryPage",
                    "Deze antwoorden horen niet meer bij je route, omdat je een eerder antwoord hebt gewijzigd. "
                    "Ze tellen niet mee. Ze blijven bewaard tot je ze verwijdert; wijzig je het antwoord terug, "
                    "dan worden ze weer gebruikt.")) + "</p>")
            items = []
            for qid in aside:
                q = form.question(qid)
                qtext = text_in(q.text, lang) if q is not None else qid
                items.append(f"{html.escape(qtext)} — <i>{html.escape(', '.join(c.answer_texts(qid, lang)))}</i>")
            self.aside_text.setText(bullet_list(items))
            self.aside_text.setAccessibleName(translate("SummaryPage", "Apart gezette antwoorden"))
            self.discard_button.setText(translate("SummaryPage", "&Apart gezette antwoorden verwijderen…"))
        show(self.aside_box, bool(aside))

        # Form titles can be long: the buttons show the start (both must fit side by side), the full text is
        # their tool tip and accessible name.
        next_full = translate("SummaryPage", "Verder met: {title} ▶").format(title=self.next_form_title)
        self.next_form_button.setText(translate("SummaryPage", "Verder met: {title} ▶").format(
            title=short_title(self.next_form_title)) if self.next_form_title else "")
        self.next_form_button.setToolTip(next_full)
        self.next_form_button.setAccessibleName(next_full.replace(" ▶", ""))
        show(self.next_form_button, bool(self.next_form_title) and c.done)
        previous_full = translate("SummaryPage", "◀ Terug naar: {title}").format(title=self.previous_form_title)
        self.previous_form_button.setText(translate("SummaryPage", "◀ Terug naar: {title}").format(
            title=short_title(self.previous_form_title)) if self.previous_form_title else "")
        self.previous_form_button.setToolTip(previous_full)
        self.previous_form_button.setAccessibleName(previous_full.replace("◀ ", ""))
        show(self.previous_form_button, bool(self.previous_form_title))

    def _render_route(self) -> None:
        """One row per answered question: number, question, answer and a Change button (rows are reused)."""
        c, lang = self.controller, self.lang
        path = c.on_path
        while len(self.route_rows) < len(path):
            self.route_rows.append(RouteRow(self, len(self.route_rows)))
        self.change_buttons = {}
        for index, row in enumerate(self.route_rows):
            if index >= len(path):
                row.set_visible(False)
                continue
            qid = path[index]
            q = c.form.question(qid)
            answer = ", ".join(c.answer_texts(qid, lang))
            if c.status_of(qid) == PREFILLED:
                answer += " " + translate("SummaryPage", "(vooraf ingevuld, nog niet bevestigd)")
            row.show_answer(qid, text_in(q.text, lang) if q is not None else qid, answer)
            self.change_buttons[qid] = row.button
        self.empty_route.setText(translate("SummaryPage", "Nog geen antwoorden."))
        show(self.empty_route, not path)

    def reserve_rows(self, count: int) -> None:
        """Make (hidden) rows for a route of `count` questions ahead of time, so showing the summary only fills them."""
        while len(self.route_rows) < count:
            self.route_rows.append(RouteRow(self, len(self.route_rows)))

    def focus_order(self) -> list[QWidget]:
        """The keyboard-reachable widgets in reading order (for the wizard's Tab order)."""
        order: list[QWidget] = [self.title_label]
        for label in (self.conclusion_title, self.conclusion_text, self.sources_text):
            if label.isVisibleTo(self) and "<a " in label.text():
                order.append(label)
        if self.continue_button.isVisibleTo(self):
            order.append(self.continue_button)
        if self.not_taken_box.isVisibleTo(self):
            order.append(self.not_taken_text)
        order.extend(self.change_buttons.values())
        if self.aside_box.isVisibleTo(self):
            order.append(self.discard_button)
        if self.overview_box.isVisibleTo(self):
            if self.requirements.isVisibleTo(self):
                order.append(self.requirements.button)
            order.append(self.export_button)
        order.extend(b for b in (self.previous_form_button, self.next_form_button) if b.isVisibleTo(self))
        return order

    def resizeEvent(self, event: QResizeEvent) -> None:
        keep_readable(self, 140)
        super().resizeEvent(event)

    def focus_title(self) -> None:
        self.title_label.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self.refresh_texts()
        super().changeEvent(event)
