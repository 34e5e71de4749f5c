"""Field widgets for question pages, one per question type, found through a registry keyed by type.

A question page never knows which widget it holds: it asks `create_field(question, lang)` and talks to
the result through the FieldWidget interface (value, set_value, problems, focus_first, set_language).
Choice questions store answer ids; value questions store one text (JSON for list and group), checked
and cleaned by algoinventaris.formengine.fields so the wizard and the exporter agree on every rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from algoinventaris.formengine.model import Question, text_in
from algoinventaris.ui.widgets import draw_focus_frame, enter_button

translate = QCoreApplication.translate

FIELD_TYPES: dict[str, type[FieldWidget]] = {}


def register_field(*types: str) -> Callable[[type[FieldWidget]], type[FieldWidget]]:
    """Class decorator: this widget class edits questions of these types."""
    def deco(cls: type[FieldWidget]) -> type[FieldWidget]:
        for t in types:
            FIELD_TYPES[t] = cls
        return cls
    return deco


def create_field(question: Question, lang: str, parent: QWidget | None = None) -> FieldWidget:
    """The widget for a question's type (an explanatory placeholder for a type no widget knows)."""
    cls = FIELD_TYPES.get(question.type, UnsupportedField)
    return cls(question, lang, parent)


class FieldWidget(QWidget):
    """The interface every field widget offers to the question page."""

    changed = Signal()

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.lang = lang

    def value(self) -> tuple[str, ...]:
        """The answer as stored: answer ids for a choice, one text for a value field."""
        raise NotImplementedError

    def set_value(self, values: Sequence[str]) -> None:
        raise NotImplementedError

    def problems(self) -> list[str]:
        """What keeps the answer from being saved, for a person (empty: it may be saved)."""
        return []

    def notes(self) -> list[str]:
        """What cleaning the value changed (shown after saving; empty for most fields)."""
        return []

    def focus_first(self) -> None:
        self.focusNextChild()

    def show_question(self, question: Question) -> bool:
        """Take another question of the same kind, reusing the widgets; False when a new widget is needed."""
        return False

    def focus_order(self) -> list[QWidget]:
        """The widgets Tab visits, in reading order (default: the keyboard-reachable descendants)."""
        return [w for w in self.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(self)]

    def set_language(self, lang: str) -> None:
        """Show the form's texts in another language, keeping the value."""
        self.lang = lang

    def choose_number(self, number: int) -> bool:
        """Pick answer `number` (1-based) by keyboard; False when this field has no numbered answers."""
        return False

    def takes_enter(self) -> bool:
        """True when Enter types a new line here (then Ctrl+Enter moves on)."""
        return False


# -- choices -----------------------------------------------------------------------------------

def show(widget: QWidget, visible: bool) -> None:
    """Show or hide a widget only when that changes anything (setVisible is not free)."""
    if widget.isHidden() == visible:
        widget.setVisible(visible)


class AnswerRadioButton(QRadioButton):
    """A radio button that asks its answer row to repaint its focus frame."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        repaint_row(self)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        repaint_row(self)


class AnswerCheckBox(QCheckBox):
    """A check box that asks its answer row to repaint its focus frame."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        repaint_row(self)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        repaint_row(self)


def repaint_row(button: QWidget) -> None:
    row = button.parentWidget()
    if row is not None:
        row.update()


class AnswerRow(QFrame):
    """One answer: a radio button or check box, its text (wrapping) and its explanation; a click anywhere picks it.

    The row shows the chosen answer on the alternate background and keyboard focus with a frame in
    the highlight colour, painted from the palette.
    """

    def __init__(self, button: QAbstractButton, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = button
        self.number = number
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.text_label = QLabel(self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation_label = QLabel(self)
        self.explanation_label.setWordWrap(True)
        self.explanation_label.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation_label.setIndent(0)
        texts.addWidget(self.text_label)
        texts.addWidget(self.explanation_label)
        layout.addLayout(texts, 1)
        button.toggled.connect(lambda _checked: self.update())
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def set_texts(self, text: str, explanation: str) -> None:
        self.text_label.setText(f"{self.number}.  {text}")
        self.explanation_label.setText(explanation)
        show(self.explanation_label, bool(explanation))
        self.button.setAccessibleName(text)
        self.button.setAccessibleDescription(explanation)
        self.button.setToolTip(explanation)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        pal = self.palette()
        if self.button.isChecked():
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1.0))
            painter.setBrush(pal.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(rect, 4, 4)
        if self.button.hasFocus():
            draw_focus_frame(self, painter, 2.0, 4.0)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.button.click()
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
            event.accept()
            return
        super().mouseReleaseEvent(event)


@register_field("single", "multiple")
class ChoiceField(FieldWidget):
    """Radio buttons (single) or check boxes (multiple), one row per answer, numbered for the keyboard.

    Rows are kept and reused when the page moves on to another question of the same kind, so that a
    step in the wizard changes texts instead of building widgets.
    """

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.multiple = question.type == "multiple"
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(2)
        self.rows: list[AnswerRow] = []
        self.count = 0
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())
        self.show_question(question)

    def show_question(self, question: Question) -> bool:
        if question.type != ("multiple" if self.multiple else "single"):
            return False
        self.question = question
        self.set_value(())
        while len(self.rows) < len(question.answers):
            button: QAbstractButton = AnswerCheckBox(self) if self.multiple else AnswerRadioButton(self)
            self.group.addButton(button, len(self.rows))
            row = AnswerRow(button, len(self.rows) + 1, self)
            self.rows.append(row)
            self.layout_.addWidget(row)
        self.count = len(question.answers)
        for index, row in enumerate(self.rows):
            active = index < self.count
            if active:
                answer = question.answers[index]
                row.button.setObjectName(f"answer-{answer.id}")
                row.button.setProperty("answerId", answer.id)
            show(row, active)
        self.set_language(self.lang)
        return True

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        for row, answer in zip(self.rows, self.question.answers, strict=False):
            row.set_texts(text_in(answer.text, lang), text_in(answer.explanation, lang))

    def buttons(self) -> list[QAbstractButton]:
        """The buttons of the answers on screen, in order."""
        return [row.button for row in self.rows[: self.count]]

    def focus_order(self) -> list[QWidget]:
        return list(self.buttons())

    def value(self) -> tuple[str, ...]:
        return tuple(str(b.property("answerId")) for b in self.buttons() if b.isChecked())

    def set_value(self, values: Sequence[str]) -> None:
        wanted = set(values)
        # An exclusive group cannot be emptied button by button.
        self.group.setExclusive(False)
        for index, row in enumerate(self.rows):
            row.button.setChecked(index < self.count and str(row.button.property("answerId")) in wanted)
        self.group.setExclusive(not self.multiple)

    def problems(self) -> list[str]:
        if self.value():
            return []
        if self.multiple:
            return [translate("ChoiceField", "Kies ten minste één antwoord.")]
        return [translate("ChoiceField", "Kies een antwoord.")]

    def focus_first(self) -> None:
        buttons = self.buttons()
        if not buttons:
            return
        chosen = next((b for b in buttons if b.isChecked()), buttons[0])
        chosen.setFocus(Qt.FocusReason.TabFocusReason)

    def choose_number(self, number: int) -> bool:
        buttons = self.buttons()
        if not 1 <= number <= len(buttons):
            return False
        button = buttons[number - 1]
        if self.multiple:
            button.toggle()
        else:
            button.setChecked(True)
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True


# -- value fields ------------------------------------------------------------------------------

def _spec(question: Question) -> Any:
    return getattr(question, "field", None)


def _field_label(question: Question, lang: str) -> str:
    spec = _spec(question)
    label = text_in(spec.label, lang) if spec is not None else ""
    return label or text_in(question.text, lang)


class ValueField(FieldWidget):
    """Base for value questions: one stored text, checked with formengine.fields.validate."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self._notes: list[str] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.layout_.addWidget(self.caption)

    def text_value(self) -> str:
        raise NotImplementedError

    def set_text_value(self, text: str) -> None:
        raise NotImplementedError

    def value(self) -> tuple[str, ...]:
        from algoinventaris.formengine import fields as checks

        raw = self.text_value()
        cleaned = checks.clean(self.question, raw, self.lang)
        self._notes = list(cleaned.notes)
        return (cleaned.value,)

    def set_value(self, values: Sequence[str]) -> None:
        spec = _spec(self.question)
        if values:
            self.set_text_value(values[0])
        elif spec is not None and getattr(spec, "default", None):
            self.set_text_value(str(spec.default))

    def problems(self) -> list[str]:
        from algoinventaris.formengine import fields as checks

        (value,) = self.value()
        return list(checks.validate(self.question, value, self.lang))

    def notes(self) -> list[str]:
        return list(self._notes)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        spec = _spec(self.question)
        label = _field_label(self.question, lang)
        required = bool(spec is not None and spec.required)
        self.caption.setText(label + (" " + translate("ValueField", "(verplicht)") if required else ""))
        example = text_in(spec.example, lang) if spec is not None and spec.example else ""
        self.apply_texts(label, example)

    def apply_texts(self, label: str, example: str) -> None:
        """Set accessible names and placeholders of the editor(s)."""


@register_field("text", "number", "email", "url", "month", "date")
class LineField(ValueField):
    """One line of text; a drop-down when the field has allowed values; suggestions complete as you type."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        spec = _spec(question)
        self.combo: QComboBox | None = None
        self.edit: QLineEdit | None = None
        if spec is not None and spec.values:
            self.combo = QComboBox(self)
            self.combo.currentIndexChanged.connect(lambda *_: self.changed.emit())
            self.layout_.addWidget(self.combo)
            self.caption.setBuddy(self.combo)
        else:
            self.edit = QLineEdit(self)
            if spec is not None and spec.max_length:
                self.edit.setMaxLength(max(spec.max_length * 2, spec.max_length + 50))  # too long shows a message
            if spec is not None and spec.suggestions:
                completer = QCompleter(list(spec.suggestions), self.edit)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                self.edit.setCompleter(completer)
            self.edit.textChanged.connect(lambda *_: self.changed.emit())
            self.layout_.addWidget(self.edit)
            self.caption.setBuddy(self.edit)
        self.set_language(lang)

    def apply_texts(self, label: str, example: str) -> None:
        spec = _spec(self.question)
        if self.combo is not None and spec is not None:
            current = self.text_value()
            self.combo.blockSignals(True)
            self.combo.clear()
            self.combo.addItem(translate("ValueField", "— kies —"), "")
            for item in spec.values:
                self.combo.addItem(text_in(item.text, self.lang) or item.value, item.value)
            self.combo.blockSignals(False)
            self.set_text_value(current)
            self.combo.setAccessibleName(label)
        if self.edit is not None:
            translated = {
                "date": translate("ValueField", "JJJJ-MM-DD"),
                "month": translate("ValueField", "JJJJ-MM"),
                "email": translate("ValueField", "naam@organisatie.nl"),
                "url": "https://",
            }
            self.edit.setPlaceholderText(example or translated.get(self.question.type, ""))
            self.edit.setAccessibleName(label)

    def text_value(self) -> str:
        if self.combo is not None:
            return str(self.combo.currentData() or "")
        assert self.edit is not None
        return self.edit.text()

    def set_text_value(self, text: str) -> None:
        if self.combo is not None:
            index = self.combo.findData(text)
            self.combo.setCurrentIndex(max(index, 0))
        elif self.edit is not None:
            self.edit.setText(text)

    def focus_first(self) -> None:
        target = self.combo if self.combo is not None else self.edit
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)


@register_field("longtext")
class LongTextField(ValueField):
    """Several lines of text; Enter types a new line, Ctrl+Enter goes on."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.textChanged.connect(self.changed.emit)
        self.edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.layout_.addWidget(self.edit)
        self.caption.setBuddy(self.edit)
        self.set_language(lang)

    def apply_texts(self, label: str, example: str) -> None:
        self.edit.setAccessibleName(label)
        self.edit.setPlaceholderText(example)

    def text_value(self) -> str:
        return self.edit.toPlainText()

    def set_text_value(self, text: str) -> None:
        self.edit.setPlainText(text)

    def focus_first(self) -> None:
        self.edit.setFocus(Qt.FocusReason.TabFocusReason)

    def takes_enter(self) -> bool:
        return True


@register_field("list")
class ListField(ValueField):
    """A list of texts: check boxes when the field has allowed values, else one item per line."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        spec = _spec(question)
        self.boxes: list[QCheckBox] = []
        self.edit: QPlainTextEdit | None = None
        if spec is not None and spec.values:
            for item in spec.values:
                box = QCheckBox(self)
                box.setProperty("value", item.value)
                box.toggled.connect(lambda *_: self.changed.emit())
                self.boxes.append(box)
                self.layout_.addWidget(box)
        else:
            self.edit = QPlainTextEdit(self)
            self.edit.setTabChangesFocus(True)
            self.edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
            self.edit.textChanged.connect(self.changed.emit)
            self.layout_.addWidget(self.edit)
            self.caption.setBuddy(self.edit)
        self.set_language(lang)

    def apply_texts(self, label: str, example: str) -> None:
        spec = _spec(self.question)
        for box, item in zip(self.boxes, spec.values if spec is not None else (), strict=False):
            box.setText(text_in(item.text, self.lang) or item.value)
        if self.edit is not None:
            self.edit.setAccessibleName(label)
            self.edit.setAccessibleDescription(translate("ValueField", "Eén item per regel."))
            self.edit.setPlaceholderText(translate("ValueField", "Eén item per regel"))

    def items(self) -> list[str]:
        if self.edit is None:
            return [str(b.property("value")) for b in self.boxes if b.isChecked()]
        return [line.strip() for line in self.edit.toPlainText().split("\n") if line.strip()]

    def text_value(self) -> str:
        from algoinventaris.formengine import fields as checks

        return checks.encode(self.question, self.items())

    def set_text_value(self, text: str) -> None:
        from algoinventaris.formengine import fields as checks

        try:
            items = checks.decode(self.question, text)
        except ValueError:
            items = []
        values = [str(i) for i in items] if isinstance(items, list) else []
        if self.edit is not None:
            self.edit.setPlainText("\n".join(values))
        for box in self.boxes:
            box.setChecked(str(box.property("value")) in values)

    def takes_enter(self) -> bool:
        return self.edit is not None

    def focus_first(self) -> None:
        target: QWidget | None = self.edit if self.edit is not None else (self.boxes[0] if self.boxes else None)
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)


class GroupEntry(QGroupBox):
    """One entry of a repeating group: its sub-fields and a button that removes it."""

    removed = Signal(object)
    changed = Signal()

    def __init__(self, subfields: Sequence[Any], lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subfields = list(subfields)
        layout = QVBoxLayout(self)
        self.captions: dict[str, QLabel] = {}
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        for sub in self.subfields:
            caption = QLabel(self)
            caption.setWordWrap(True)
            editor: QLineEdit | QPlainTextEdit
            if sub.type == "longtext":
                editor = QPlainTextEdit(self)
                editor.setTabChangesFocus(True)
                editor.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
                editor.textChanged.connect(self.changed.emit)
            else:
                editor = QLineEdit(self)
                editor.textChanged.connect(lambda *_: self.changed.emit())
            caption.setBuddy(editor)
            layout.addWidget(caption)
            layout.addWidget(editor)
            self.captions[sub.id] = caption
            self.editors[sub.id] = editor
        self.remove_button = enter_button(self)
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        self.set_language(lang, 1)

    def set_language(self, lang: str, number: int) -> None:
        self.setTitle(translate("GroupField", "Regel {n}").format(n=number))
        for sub in self.subfields:
            label = text_in(sub.field.label, lang) or sub.id
            self.captions[sub.id].setText(label)
            self.editors[sub.id].setAccessibleName(translate("GroupField", "{label}, regel {n}").format(label=label, n=number))
        self.remove_button.setText(translate("GroupField", "Regel {n} verwijderen").format(n=number))

    def data(self) -> dict[str, str]:
        out = {}
        for key, editor in self.editors.items():
            out[key] = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
        return out

    def set_data(self, data: dict[str, str]) -> None:
        for key, editor in self.editors.items():
            text = str(data.get(key, ""))
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(text)
            else:
                editor.setText(text)


@register_field("group")
class GroupField(ValueField):
    """A repeating group: entries of sub-fields, added and removed with buttons; stored as a JSON list."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        spec = _spec(question)
        self.subfields = list(spec.fields) if spec is not None else []
        self.entries: list[GroupEntry] = []
        self.entries_box = QVBoxLayout()
        self.layout_.addLayout(self.entries_box)
        self.add_button = enter_button(self)
        self.add_button.clicked.connect(lambda: self.add_entry(focus=True))
        self.layout_.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.set_language(lang)

    def add_entry(self, data: dict[str, str] | None = None, focus: bool = False) -> GroupEntry:
        entry = GroupEntry(self.subfields, self.lang, self)
        entry.removed.connect(self.remove_entry)
        entry.changed.connect(self.changed.emit)
        if data:
            entry.set_data(data)
        self.entries.append(entry)
        self.entries_box.addWidget(entry)
        self._renumber()
        if focus and entry.editors:
            next(iter(entry.editors.values())).setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()
        return entry

    def remove_entry(self, entry: GroupEntry) -> None:
        if entry in self.entries:
            self.entries.remove(entry)
            entry.hide()
            entry.deleteLater()
            self._renumber()
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
            self.changed.emit()

    def _renumber(self) -> None:
        for number, entry in enumerate(self.entries, start=1):
            entry.set_language(self.lang, number)

    def apply_texts(self, label: str, example: str) -> None:
        self.add_button.setText(translate("GroupField", "Regel toevoe&gen"))
        self.add_button.setAccessibleName(translate("GroupField", "Regel toevoegen aan {label}").format(label=label))
        self._renumber()

    def text_value(self) -> str:
        from algoinventaris.formengine import fields as checks

        return checks.encode(self.question, [e.data() for e in self.entries])

    def set_text_value(self, text: str) -> None:
        from algoinventaris.formengine import fields as checks

        for entry in list(self.entries):
            self.remove_entry(entry)
        try:
            items = checks.decode(self.question, text)
        except ValueError:
            items = []
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                self.add_entry({str(k): str(v) for k, v in item.items()})

    def focus_order(self) -> list[QWidget]:
        out: list[QWidget] = []
        for entry in self.entries:
            out.extend(entry.editors.values())
            out.append(entry.remove_button)
        out.append(self.add_button)
        return out

    def focus_first(self) -> None:
        if self.entries and self.entries[0].editors:
            next(iter(self.entries[0].editors.values())).setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.add_button.setFocus(Qt.FocusReason.TabFocusReason)


class UnsupportedField(FieldWidget):
    """Shown for a question type no widget is registered for: says so instead of failing."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        layout = QVBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        self.label.setText(translate(
            "UnsupportedField", "Deze versie van de app kan vragen van het type '{type}' nog niet tonen. "
            "Werk de app bij om deze vraag te beantwoorden.").format(type=self.question.type))

    def value(self) -> tuple[str, ...]:
        return ()

    def set_value(self, values: Sequence[str]) -> None:
        pass

    def problems(self) -> list[str]:
        return [translate("UnsupportedField", "Deze vraag kan in deze versie niet worden beantwoord.")]
