"""Small shared pieces of the CDO window: read-only tables, round choosers, coloured results, message boxes, a reason dialog."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from algoinventaris.ui.tables import read_only_rows

RESULT_COLOURS = {
    "imported": "#2e7d32", "superseded": "#2e7d32", "duplicate": "#5a5a5a", "quarantined": "#b26a00", "refused": "#b3261e",
}


def table(headers: Sequence[str], name: str) -> QTableWidget:
    """A read-only, row-selecting, sortable table with the given column headings."""
    widget = read_only_rows(QTableWidget(0, len(headers)))
    widget.setObjectName(name)
    widget.setHorizontalHeaderLabels(list(headers))
    widget.horizontalHeader().setStretchLastSection(True)
    widget.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return widget


def fill(widget: QTableWidget, rows: Sequence[Sequence[Any]], data: Sequence[Any] | None = None, *, sort: bool = True) -> None:
    """Replace the table's rows; `data` (one per row) is kept on the first cell (Qt.UserRole); sort=False keeps the order."""
    widget.setSortingEnabled(False)
    widget.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int) and not isinstance(value, bool):
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c == 0 and data is not None:
                item.setData(Qt.ItemDataRole.UserRole, data[r])
            widget.setItem(r, c, item)
    widget.setSortingEnabled(sort)
    widget.resizeColumnsToContents()
    for c in range(widget.columnCount()):
        widget.setColumnWidth(c, min(widget.columnWidth(c), 420))


def note(text: str = "", name: str = "", colour: str = "") -> QLabel:
    """A label for a line of explanation that wraps; `name` its object name, `colour` (e.g. "#b3261e") its text colour."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    if colour:
        label.setStyleSheet(f"color: {colour};")
    return label


def labelled_combo(label_text: str, name: str, width: int = 0) -> tuple[QLabel, QComboBox]:
    """A combo box (object name `name`, room for at least `width` characters) and its label, with the box as buddy."""
    label = QLabel(label_text)
    box = QComboBox()
    box.setObjectName(name)
    if width:
        box.setMinimumContentsLength(width)
    label.setBuddy(box)
    return label, box


def show_rounds(box: QComboBox, names: Sequence[str]) -> None:
    """Put the round names in the box, keeping the chosen round when it is still there, else the newest (the last).

    The box emits no signals meanwhile: the caller shows the chosen round afterwards.
    """
    current = box.currentText()
    box.blockSignals(True)
    box.clear()
    box.addItems(list(names))
    if names:
        box.setCurrentText(current if current in names else names[-1])
    box.blockSignals(False)


def colour_result(item: QTableWidgetItem | None, result: str) -> None:
    if item is not None and result in RESULT_COLOURS:
        item.setForeground(QColor(RESULT_COLOURS[result]))


def row_data(widget: QTableWidget) -> Any:
    """The data kept on the first cell of the selected row, or None."""
    row = widget.currentRow()
    if row < 0:
        return None
    item = widget.item(row, 0)
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def inform(parent: QWidget, title: str, text: str, *, error: bool = False, details: str = "") -> QMessageBox:
    """A window-modal message that does not block the event loop."""
    box = QMessageBox(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if details:
        box.setDetailedText(details)
    box.open()
    return box


class ReasonDialog(QDialog):
    """Asks for a reason (required when `required`), e.g. for accepting or rejecting a quarantined package."""

    def __init__(self, parent: QWidget, title: str, text: str, *, required: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.required = required
        layout = QVBoxLayout(self)
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("reasonEdit")
        self.edit.setAccessibleName(title)
        self.edit.setTabChangesFocus(True)
        label.setBuddy(self.edit)
        layout.addWidget(self.edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(not self.required or bool(self.text()))

    def text(self) -> str:
        return self.edit.toPlainText().strip()
