"""Accessibility: accessible names on every control, focus on the question, 200 % text size and high contrast stay usable."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from algoinventaris.ui.question_page import QuestionPage
from algoinventaris.ui.theme import high_contrast_palette

pytestmark = pytest.mark.gui


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def unnamed_controls(root: QWidget) -> list[str]:
    """Visible keyboard-reachable controls (and buttons) whose accessible name is empty."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        reachable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or isinstance(widget, QAbstractButton)
        if not reachable or widget.inherits("QScrollBar") or widget.inherits("QMenuBar"):
            continue
        if not accessible_name(widget):
            missing.append(f"{type(widget).__name__} '{widget.objectName()}'")
    return missing


def relative_luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_question_page_controls_are_named(qtbot: Any, tiny_form: Any, theme: Any) -> None:
    for qid in ("uses-ai", "purpose"):
        page = QuestionPage(tiny_form, tiny_form.question(qid), "nl")
        qtbot.addWidget(page)
        page.show()
        assert unnamed_controls(page) == [], qid


def test_value_field_pages_are_named(qtbot: Any, value_form: Any, theme: Any) -> None:
    for question in value_form.questions:
        page = QuestionPage(value_form, question, "en")
        qtbot.addWidget(page)
        page.show()
        if question.type == "group":
            page.field.add_entry()  # type: ignore[attr-defined]
        assert unnamed_controls(page) == [], question.id


def test_high_contrast_palette_is_readable(theme: Any) -> None:
    pal = high_contrast_palette()
    for fg, bg in ((QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
                   (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
                   (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
                   (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
                   (QPalette.ColorRole.Link, QPalette.ColorRole.Base)):
        assert contrast(pal.color(fg), pal.color(bg)) >= 7.0, (fg, bg)
    theme.apply(high_contrast=True)
    assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor("#000000")


def test_double_text_size_keeps_the_page_usable(qtbot: Any, tiny_form: Any, theme: Any) -> None:
    from algoinventaris.ui.summary_page import push_button

    normal_page = QuestionPage(tiny_form, tiny_form.question("purpose"), "nl")
    qtbot.addWidget(normal_page)
    normal_height = normal_page.question_label.fontMetrics().height()
    theme.apply(zoom=2.0)
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.resize(1000, 700)
    from PySide6.QtWidgets import QScrollArea, QVBoxLayout

    layout = QVBoxLayout(holder)
    scroll = QScrollArea(holder)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    page = QuestionPage(tiny_form, tiny_form.question("purpose"), "nl")
    scroll.setWidget(page)
    layout.addWidget(scroll)
    next_button = push_button(holder)
    next_button.setText("&Volgende ▶")
    layout.addWidget(next_button)
    holder.show()
    qtbot.waitExposed(holder)
    assert page.question_label.fontMetrics().height() >= 1.8 * normal_height
    # nothing is cut off sideways: the page fits the visible width, long texts wrap
    assert page.minimumSizeHint().width() <= scroll.viewport().width()
    for row in page.field.rows:  # type: ignore[attr-defined]
        assert row.text_label.width() >= row.text_label.fontMetrics().horizontalAdvance(row.text_label.text()[:10])
    # the button stays on screen and shows its whole text
    corner = next_button.mapTo(holder, QPoint(next_button.width(), next_button.height()))
    assert holder.rect().contains(corner)
    assert next_button.width() >= next_button.fontMetrics().horizontalAdvance("Volgende ▶")
