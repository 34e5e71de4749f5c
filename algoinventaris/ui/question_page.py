"""One page class for every question: text, explanation, sources, glossary and the field widget for its type."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QCursor, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QTextBrowser, QToolButton, QToolTip, QVBoxLayout, QWidget

from algoinventaris.formengine.model import Form, Question, text_in
from algoinventaris.ui.controller import Progress
from algoinventaris.ui.fields import FieldWidget, create_field, show
from algoinventaris.ui.richtext import Glossary, GlossaryEntry, glossary_for, paragraphs, sources_inline, term_style
from algoinventaris.ui.widgets import Box, ErrorLabel, FocusLabel, NoticeLabel, TextLabel, bold

translate = QCoreApplication.translate

LINK_FLAGS = Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard


def keep_readable(widget: QWidget, max_chars: int, margin: int = 24) -> None:
    """Widen the side margins of a page so that lines stay readable (about max_chars wide) on wide windows."""
    layout = widget.layout()
    if layout is None:
        return
    limit = widget.fontMetrics().averageCharWidth() * max_chars
    # Measure against the space the page is given (the scroll area's viewport), never against the page's own
    # width: that width includes these margins, and a wide line would then widen the margins without end.
    holder = widget.parentWidget()
    room = holder.width() if holder is not None and holder.objectName() == "qt_scrollarea_viewport" else widget.width()
    side = max(margin, (room - limit) // 2)
    old = layout.contentsMargins()
    if old.left() != side:
        layout.setContentsMargins(side, old.top(), side, old.bottom())


def rich_label(parent: QWidget, object_name: str = "", focusable: bool = False) -> QLabel:
    """A wrapping rich-text label whose links can be reached with mouse and keyboard."""
    label = FocusLabel(parent) if focusable else TextLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(LINK_FLAGS)
    if object_name:
        label.setObjectName(object_name)
    return label


class GlossaryLinks:
    """Shows a term's definition when its link is hovered or activated (mouse or keyboard); other links open."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary

    def attach(self, label: QLabel) -> None:
        label.setOpenExternalLinks(False)
        label.linkHovered.connect(lambda href, lab=label: self.hovered(lab, href))
        label.linkActivated.connect(lambda href, lab=label: self.activated(lab, href))

    def hovered(self, label: QLabel, href: str) -> None:
        entry = self.glossary.definition(href)
        if entry is not None:
            QToolTip.showText(QCursor.pos(), definition_html(entry), label)
        else:
            QToolTip.hideText()

    def activated(self, label: QLabel, href: str) -> None:
        entry = self.glossary.definition(href)
        if entry is not None:
            # Keyboard users activate the term: show the definition below the label.
            QToolTip.showText(label.mapToGlobal(QPoint(0, label.height())), definition_html(entry), label)
            label.setProperty("lastDefinition", entry.id)
        else:
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl(href))


def definition_html(entry: GlossaryEntry) -> str:
    return f"<b>{html.escape(entry.term)}</b><br>{html.escape(entry.definition)}"


class Expander(QWidget):
    """A keyboard-reachable toggle button that shows or hides a block of text (e.g. the page's terms)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.button = QToolButton(self)
        self.button.setCheckable(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setArrowType(Qt.ArrowType.RightArrow)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.body = rich_label(self)
        show(self.body, False)
        self.body.setContentsMargins(18, 0, 0, 0)
        self.button.toggled.connect(self.set_open)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body)

    def set_open(self, open_: bool) -> None:
        self.button.setChecked(open_)
        self.button.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        show(self.body, open_)

    def set_texts(self, title: str, body_html: str) -> None:
        self.button.setText(title)
        self.button.setAccessibleName(title)
        self.body.setText(body_html)


class HintPanel(Box):
    """Register texts beside an unanswered AI-Act question ("Uit het register (alleen ter informatie)").

    Collapsible with its title button (open by default); the texts sit in a read-only text view of a few lines
    that scrolls by itself, so a long register text never pushes the answer choices out of sight. Both the
    button and the text view are reachable with Tab; the texts are user text and are shown escaped.
    """

    MAX_LINES = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hintPanel")
        self.items: list[tuple[str, str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        self.button = QToolButton(self)
        self.button.setObjectName("hintToggle")
        self.button.setCheckable(True)
        self.button.setChecked(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.button.setAutoRaise(True)
        font = self.button.font()
        font.setBold(True)
        self.button.setFont(font)
        self.note = TextLabel(self)
        self.note.setObjectName("hintNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.body = QTextBrowser(self)
        self.body.setObjectName("hintTexts")
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setOpenLinks(False)
        self.body.setTabChangesFocus(True)
        self.body.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.body.viewport().setAutoFillBackground(False)
        self.body.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.button.toggled.connect(self.set_open)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.note)
        layout.addWidget(self.body)

    def set_open(self, open_: bool) -> None:
        self.button.setChecked(open_)
        self.button.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        show(self.note, open_)
        show(self.body, open_)
        if open_:
            self._fit()

    def is_open(self) -> bool:
        return self.button.isChecked()

    def set_hints(self, items: Sequence[tuple[str, str]]) -> None:
        """Show these (label, text) pairs ([] hides the panel); texts are plain text and escaped here."""
        self.items = list(items)
        self.retranslate()
        show(self, bool(self.items))

    def retranslate(self) -> None:
        title = translate("QuestionPage", "Uit het register (alleen ter informatie)")
        self.button.setText(title)
        self.button.setAccessibleName(title)
        self.button.setToolTip(translate("QuestionPage", "Tonen of verbergen wat het register over dit algoritme zegt"))
        note = translate("QuestionPage", "De app beantwoordt de vragen over de AI-verordening nooit op basis van "
                                         "registertekst; kies zelf het antwoord dat past.")
        self.note.setText(note)
        parts = [f"<p style='margin: 0 0 6px 0'><b>{html.escape(label)}:</b> "
                 + "<br>".join(html.escape(line) for line in text.splitlines()) + "</p>" for label, text in self.items]
        self.body.setHtml("".join(parts))
        self.body.setAccessibleName(title)
        self.body.setAccessibleDescription(" ".join(f"{label}: {text}" for label, text in self.items))
        self._fit()

    def _fit(self) -> None:
        """As high as the texts need, at most MAX_LINES lines (then the view scrolls)."""
        document = self.body.document()
        width = max(self.body.viewport().width(), 200)
        document.setTextWidth(width)
        margins = self.body.contentsMargins()
        wanted = int(document.size().height()) + margins.top() + margins.bottom() + 2
        limit = self.body.fontMetrics().lineSpacing() * self.MAX_LINES + margins.top() + margins.bottom()
        self.body.setFixedHeight(max(min(wanted, limit), self.body.fontMetrics().lineSpacing() + 4))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class QuestionPage(QWidget):
    """A question on screen: built from the question's data and the field registry, never per question."""

    submitted = Signal()

    def __init__(self, form: Form, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.question = question
        self.lang = lang
        self.progress: Progress | None = None
        self.setObjectName("questionPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)

        self.section_label = bold(QLabel(self))
        self.section_label.setWordWrap(True)
        self.section_label.setObjectName("sectionText")
        self.progress_label = bold(QLabel(self))
        self.progress_label.setObjectName("progressText")
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(max(6, self.fontMetrics().height() // 3))
        self.question_label = rich_label(self, "questionText", focusable=True)
        self.notice = NoticeLabel(self)
        self.notice.setObjectName("notice")
        show(self.notice, False)
        self.explanation_label = rich_label(self, "explanationText")
        # register texts of an algorithm started from a CDO draft, beside an unanswered AI-Act question
        self.hints = HintPanel(self)
        show(self.hints, False)
        # created in reading order, so that Tab follows it: question, explanation, hints, answers, sources, terms
        self.field: FieldWidget = create_field(question, lang, self)
        self.field.changed.connect(self._on_field_changed)
        self.error_label = ErrorLabel(self)
        self.error_label.setObjectName("fieldError")
        show(self.error_label, False)
        self.sources_label = rich_label(self, "sourcesText")
        self.terms = Expander(self)
        self.terms.setObjectName("termsExpander")

        layout.addWidget(self.section_label)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.question_label)
        layout.addWidget(self.notice)
        layout.addWidget(self.explanation_label)
        layout.addWidget(self.hints)
        layout.addWidget(self.field)
        layout.addWidget(self.error_label)
        layout.addWidget(self.sources_label)
        layout.addWidget(self.terms)
        layout.addStretch(1)

        self.glossary_links = GlossaryLinks(glossary_for(form, lang))
        for label in (self.question_label, self.explanation_label, self.sources_label, self.terms.body):
            self.glossary_links.attach(label)
        self._notice_text = ""
        self.refresh_texts()

    def show_question(self, form: Form, question: Question) -> None:
        """Show another question on this page: texts change, the field is reused when it can take the new type."""
        self.form = form
        self.question = question
        if not self.field.show_question(question):
            old = self.field
            self.field = create_field(question, self.lang, self)
            self.field.changed.connect(self._on_field_changed)
            layout = self.layout()
            assert layout is not None
            layout.replaceWidget(old, self.field)
            old.hide()
            old.deleteLater()
        show(self.error_label, False)
        self.terms.set_open(False)
        self._notice_text = ""
        show(self.notice, False)
        self.refresh_texts()

    def focus_order(self) -> list[QWidget]:
        """The keyboard-reachable widgets of the page in reading order (for the wizard's Tab order)."""
        order: list[QWidget] = [self.question_label]
        if self.explanation_label.isVisibleTo(self):
            order.append(self.explanation_label)
        if self.hints.isVisibleTo(self):
            order.extend((self.hints.button, self.hints.body))  # Tab skips the texts while the panel is closed
        order.extend(self.field.focus_order())
        if self.sources_label.isVisibleTo(self):
            order.append(self.sources_label)
        if self.terms.isVisibleTo(self):
            order.append(self.terms.button)
        return order

    # -- texts ---------------------------------------------------------------------------------
    def refresh_texts(self) -> None:
        """(Re)write every text in the current language."""
        q, lang = self.question, self.lang
        glossary = glossary_for(self.form, lang)
        self.glossary_links.glossary = glossary
        section = text_in(q.section, lang) if q.section else ""
        self.section_label.setText(section)
        show(self.section_label, bool(section))
        style = term_style(self.palette().color(QPalette.ColorRole.WindowText).name())
        text = text_in(q.text, lang)
        self.question_label.setText(f"<h2>{glossary.mark(text, style)}</h2>")
        self.question_label.setAccessibleName(text)
        explanation = text_in(q.explanation, lang) if q.explanation else ""
        self.explanation_label.setText(paragraphs(explanation, glossary, style))
        show(self.explanation_label, bool(explanation))
        self.explanation_label.setAccessibleName(translate("QuestionPage", "Toelichting"))
        self.explanation_label.setAccessibleDescription(explanation)
        if q.sources:
            items = sources_inline(q.sources, lang)
            sources_word = translate("QuestionPage", "Bronnen")
            self.sources_label.setText(f"<b>{html.escape(sources_word)}:</b> {items}")
            self.sources_label.setAccessibleName(sources_word)
        show(self.sources_label, bool(q.sources))
        found = self.terms_on_page(glossary)
        if found:
            title = translate("QuestionPage", "Begrippen op deze pagina ({n})").format(n=len(found))
            body = "".join(f"<p><b>{html.escape(e.term)}</b> — {html.escape(e.definition)}</p>" for e in found)
            self.terms.set_texts(title, body)
            self.terms.body.setAccessibleName(title)
        show(self.terms, bool(found))
        self.field.set_language(lang)
        self._render_progress()
        if self.error_label.isVisible():
            self.show_problems(self.field.problems())
        self.setAccessibleName(text)

    def terms_on_page(self, glossary: Glossary) -> list[GlossaryEntry]:
        q, lang = self.question, self.lang
        parts = [text_in(q.text, lang), text_in(q.explanation, lang) if q.explanation else ""]
        for a in q.answers:
            parts.append(text_in(a.text, lang))
            if a.explanation:
                parts.append(text_in(a.explanation, lang))
        return glossary.find("\n".join(parts))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.refresh_texts()
        self.set_notice(self._notice_text)

    def set_progress(self, progress: Progress | None) -> None:
        self.progress = progress
        self._render_progress()

    def _render_progress(self) -> None:
        p = self.progress
        if p is None:
            show(self.progress_label, False)
            show(self.progress_bar, False)
            return
        if p.remaining > 0:
            text = translate("QuestionPage", "Vraag {number} — nog ongeveer {remaining}").format(
                number=p.number, remaining=p.remaining)
        else:
            text = translate("QuestionPage", "Vraag {number} — waarschijnlijk de laatste").format(number=p.number)
        self.progress_label.setText(text)
        show(self.progress_label, True)
        # QProgressBar repaints at once on every change; let it paint with the rest of the page instead.
        self.progress_bar.setUpdatesEnabled(False)
        self.progress_bar.setRange(0, p.number + p.remaining)
        self.progress_bar.setValue(p.number)
        self.progress_bar.setUpdatesEnabled(True)
        self.progress_bar.setAccessibleName(text)
        show(self.progress_bar, True)

    def set_hints(self, items: Sequence[tuple[str, str]]) -> None:
        """The register texts (label, text) to show beside this question; [] hides the panel."""
        self.hints.set_hints(items)

    def set_notice(self, text: str) -> None:
        """A remark above the question (e.g. that a stored answer no longer fits); '' hides it."""
        self._notice_text = text
        self.notice.setText(text)
        show(self.notice, bool(text))

    # -- answer ----------------------------------------------------------------------------------
    def set_answer(self, values: Sequence[str]) -> None:
        self.field.set_value(values)

    def answer(self) -> tuple[str, ...]:
        return self.field.value()

    def problems(self) -> list[str]:
        return self.field.problems()

    def show_problems(self, problems: Sequence[str]) -> None:
        self.error_label.set_message("\n".join(problems))
        show(self.error_label, bool(problems))

    def _on_field_changed(self) -> None:
        if self.error_label.isVisible():
            self.show_problems(self.field.problems())

    def focus_question(self) -> None:
        """Put keyboard focus on the question text, so a screen reader reads it first."""
        self.question_label.setFocus(Qt.FocusReason.OtherFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:
        keep_readable(self, 110)
        super().resizeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not (event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            focus = self.focusWidget()
            typing = (focus is not None and focus.inherits("QLineEdit")) or (focus is not None and focus.inherits("QPlainTextEdit"))
            if not typing and self.field.choose_number(key - Qt.Key.Key_0):
                event.accept()
                return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl or not self.field.takes_enter():
                event.accept()
                self.submitted.emit()
                return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self.refresh_texts()
        super().changeEvent(event)
