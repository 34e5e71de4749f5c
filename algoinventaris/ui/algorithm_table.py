"""The table of "Mijn algoritmes": its model (name, unit, round, state, last change) and the view; made with the first rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from algoinventaris.ui.tables import read_only_rows

translate = QCoreApplication.translate

ModelIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_TEXT_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole.value), int(Qt.ItemDataRole.AccessibleTextRole.value)})
_ROLES = _TEXT_ROLES | {int(SORT_ROLE), int(ID_ROLE), int(Qt.ItemDataRole.ToolTipRole.value)}


def state_text(state: str) -> str:
    """The algorithm's state in words."""
    return {
        "draft": translate("AlgorithmList", "Concept"),
        "complete": translate("AlgorithmList", "Afgerond"),
        "exported": translate("AlgorithmList", "Geëxporteerd"),
    }.get(state, state)


def when_text(moment: datetime | None) -> str:
    """A moment in local time, written the way the chosen language writes dates."""
    if moment is None:
        return ""
    ms = int(moment.timestamp() * 1000)
    local = QDateTime.fromMSecsSinceEpoch(ms, QTimeZone.systemTimeZone())
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


class AlgorithmTableModel(QAbstractTableModel):
    """Rows of AlgorithmSummary; the columns the owner sees plus the id under ID_ROLE."""

    COLUMNS = ("name", "unit", "round", "state", "updated_at")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        # The texts of every cell, worked out once per change: the view asks data() thousands of times
        # while it lays out a list, and formatting a date each time would cost more than the whole list.
        self._cells: list[tuple[str, ...]] = []
        self._sort: list[tuple[Any, ...]] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts()
        self.endResetModel()

    def _texts(self) -> None:
        self._cells = [(alg.name, alg.unit, alg.round, state_text(alg.state), when_text(alg.updated_at)) for alg in self.rows]
        self._sort = [(c[0].lower(), c[1].lower(), c[2].lower(), c[3].lower(),
                       alg.updated_at.timestamp() if alg.updated_at else 0.0)
                      for alg, c in zip(self.rows, self._cells, strict=True)]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            translate("AlgorithmList", "Naam"),
            translate("AlgorithmList", "Eenheid"),
            translate("AlgorithmList", "Ronde"),
            translate("AlgorithmList", "Status"),
            translate("AlgorithmList", "Laatst gewijzigd"),
        )[section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:  # most of what the view asks (font, colours, alignment, ...) is the default
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self.rows) or not 0 <= column < len(self.COLUMNS):
            return None
        if role in _TEXT_ROLES:
            return self._cells[row][column]
        if role == SORT_ROLE:
            return self._sort[row][column]
        if role == ID_ROLE:
            return self.rows[row].id
        if column == 0:  # the tool tip of the name
            alg = self.rows[row]
            return " — ".join(p for p in (alg.name, alg.organisation) if p)
        return None

    def retranslate(self) -> None:
        self._texts()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.COLUMNS) - 1))


class AlgorithmTable(QTableView):
    """The table; Enter opens the selected algorithm and Delete removes it."""

    open_requested = Signal()
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            event.accept()
            self.open_requested.emit()
            return
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            event.accept()
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


def make_table(parent: QWidget, model: AlgorithmTableModel) -> tuple[QSortFilterProxyModel, AlgorithmTable]:
    """The sorted, filterable view on the model: whole rows, one at a time, newest change first."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    table = AlgorithmTable(parent)
    table.setObjectName("algorithmTable")
    table.setModel(proxy)
    read_only_rows(table).setWordWrap(True)  # a long name may wrap in the owner's list
    table.setSortingEnabled(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for col in range(1, len(AlgorithmTableModel.COLUMNS)):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(0)  # measure the rows on screen, not all of them (a long list stays quick)
    header.setSortIndicator(len(AlgorithmTableModel.COLUMNS) - 1, Qt.SortOrder.DescendingOrder)
    table.setAccessibleName(translate("AlgorithmList", "Lijst van algoritmes"))
    return proxy, table


def row_id(index: QModelIndex) -> str | None:
    """The algorithm id of the row an index is in (None when there is none)."""
    value = index.siblingAtColumn(0).data(ID_ROLE)
    return str(value) if value else None


def focus(widget: QWidget) -> None:
    """Give a widget the keyboard focus (the table, or New when the list is empty)."""
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
