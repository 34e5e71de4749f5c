"""The "Mijn algoritmes" page: a table of the owner's algorithms (name, unit, round, state, last change) and its buttons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

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


class AlgorithmListPage(QWidget):
    """The first screen: loading / error / empty / table states, a filter and New, Open, Delete."""

    new_requested = Signal()
    open_requested = Signal(str)
    delete_requested = Signal(str)
    carry_requested = Signal(str)  # Begin vanuit vorig jaar…
    drafts_requested = Signal()    # Begin vanuit concept van de CDO…
    retry_requested = Signal()
    selection_changed = Signal()

    LOADING, ERROR, EMPTY, TABLE = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("algorithmListPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.title = QLabel(self)
        self.title.setObjectName("listTitle")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)

        bar = QHBoxLayout()
        self.new_button = self._button("newButton")
        self.open_button = self._button("openButton")
        self.delete_button = self._button("deleteButton")
        self.carry_button = self._button("carryButton")
        self.draft_button = self._button("draftButton")
        self._drafts_available = False
        self.filter_label = QLabel(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_label.setBuddy(self.filter_edit)
        for b in (self.new_button, self.open_button, self.delete_button, self.carry_button, self.draft_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.filter_label)
        bar.addWidget(self.filter_edit)
        layout.addLayout(bar)

        self.stack = QStackedWidget(self)
        self.message = QLabel(self.stack)
        self.message.setObjectName("listMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.retry_button = self._button("retryButton")
        msg_page = QWidget(self.stack)
        msg_layout = QVBoxLayout(msg_page)
        msg_layout.addStretch(1)
        msg_layout.addWidget(self.message)
        msg_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignCenter)
        msg_layout.addStretch(2)
        self.stack.addWidget(msg_page)
        layout.addWidget(self.stack, 1)
        # The table, its model and filter are made when the first rows arrive (after the first paint).
        self._table: AlgorithmTable | None = None
        self._model: AlgorithmTableModel | None = None
        self._proxy: QSortFilterProxyModel | None = None

        self.new_button.clicked.connect(self.new_requested.emit)
        self.open_button.clicked.connect(self._emit_open)
        self.delete_button.clicked.connect(self._emit_delete)
        self.carry_button.clicked.connect(self._emit_carry)
        self.draft_button.clicked.connect(self.drafts_requested.emit)
        self.retry_button.clicked.connect(self.retry_requested.emit)
        self.filter_edit.textChanged.connect(lambda text: self.proxy.setFilterFixedString(text))
        self._state = self.LOADING
        self._error = ""
        self.retranslate()
        self.set_loading()

    # -- the table, made on first use ----------------------------------------------------------------
    @property
    def model(self) -> AlgorithmTableModel:
        self._ensure_table()
        assert self._model is not None
        return self._model

    @property
    def proxy(self) -> QSortFilterProxyModel:
        self._ensure_table()
        assert self._proxy is not None
        return self._proxy

    @property
    def table(self) -> AlgorithmTable:
        self._ensure_table()
        assert self._table is not None
        return self._table

    def _ensure_table(self) -> None:
        if self._table is not None:
            return
        self._model = AlgorithmTableModel(self)
        proxy = self._proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self._model)
        proxy.setSortRole(SORT_ROLE)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        proxy.setFilterKeyColumn(-1)
        table = self._table = AlgorithmTable(self.stack)
        table.setObjectName("algorithmTable")
        table.setModel(proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setSortingEnabled(True)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # measure the rows on screen, not all of them (a long list stays quick)
        header.setSortIndicator(4, Qt.SortOrder.DescendingOrder)
        table.doubleClicked.connect(lambda _index: self._emit_open())
        table.open_requested.connect(self._emit_open)
        table.delete_requested.connect(self._emit_delete)
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        table.setAccessibleName(translate("AlgorithmList", "Lijst van algoritmes"))
        self.stack.addWidget(table)

    def _button(self, name: str) -> QPushButton:
        b = QPushButton(self)
        b.setObjectName(name)
        b.setAutoDefault(True)
        return b

    # -- states --------------------------------------------------------------------------------
    def set_loading(self) -> None:
        self._state = self.LOADING
        self._show_message()

    def set_error(self, text: str) -> None:
        self._state = self.ERROR
        self._error = text
        self._show_message()

    def set_rows(self, rows: Sequence[Any], select_id: str | None = None) -> None:
        keep = select_id or self.selected_id()
        self.model.set_rows(rows)
        self._state = self.TABLE if rows else self.EMPTY
        if rows:
            self.stack.setCurrentWidget(self.table)
            if not self.select(keep):
                self.table.selectRow(0)
        else:
            self._show_message()
        self._update_buttons()

    def select(self, algorithm_id: str | None) -> bool:
        if algorithm_id is None:
            return False
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) == algorithm_id:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                return True
        return False

    def _show_message(self) -> None:
        if self._state == self.LOADING:
            text = translate("AlgorithmList", "Je algoritmes worden geladen…")
        elif self._state == self.ERROR:
            text = self._error
        else:
            text = translate("AlgorithmList", "Je hebt nog geen algoritmes. Kies ‘Nieuw’ om het eerste toe te voegen.")
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.retry_button.setVisible(self._state == self.ERROR)
        self.stack.setCurrentIndex(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self._state in (self.TABLE, self.EMPTY)
        selected = self.selected_id() is not None and self._state == self.TABLE
        self.new_button.setEnabled(ready)
        self.open_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.carry_button.setEnabled(selected)
        self.draft_button.setEnabled(ready and self._drafts_available)
        self.filter_edit.setEnabled(self._state == self.TABLE)
        self.selection_changed.emit()

    def set_drafts_available(self, available: bool) -> None:
        """Whether an opened round has drafts from the CDO that nobody started yet (enables the draft button)."""
        self._drafts_available = available
        self._update_buttons()

    @property
    def state(self) -> int:
        return self._state

    def selected_id(self) -> str | None:
        if self._table is None:
            return None
        index = self._table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        value = index.siblingAtColumn(0).data(ID_ROLE)
        return str(value) if value else None

    def _emit_open(self) -> None:
        alg = self.selected_id()
        if alg is not None:
            self.open_requested.emit(alg)

    def _emit_delete(self) -> None:
        alg = self.selected_id()
        if alg is not None:
            self.delete_requested.emit(alg)

    def _emit_carry(self) -> None:
        alg = self.selected_id()
        if alg is not None:
            self.carry_requested.emit(alg)

    def focus_table(self) -> None:
        if self._state == self.TABLE:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.new_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText("<h1>" + translate("AlgorithmList", "Mijn algoritmes") + "</h1>")
        self.title.setAccessibleName(translate("AlgorithmList", "Mijn algoritmes"))
        self.intro.setText(translate(
            "AlgorithmList",
            "Per algoritme of AI-toepassing beantwoord je de vragen over de AI-verordening. "
            "Elk antwoord wordt meteen bewaard; je kunt altijd stoppen en later verdergaan."))
        self.new_button.setText(translate("AlgorithmList", "&Nieuw…"))
        self.new_button.setAccessibleName(translate("AlgorithmList", "Nieuw algoritme"))
        self.open_button.setText(translate("AlgorithmList", "&Openen"))
        self.open_button.setAccessibleName(translate("AlgorithmList", "Gekozen algoritme openen"))
        self.delete_button.setText(translate("AlgorithmList", "&Verwijderen"))
        self.delete_button.setAccessibleName(translate("AlgorithmList", "Gekozen algoritme verwijderen"))
        self.carry_button.setText(translate("AlgorithmList", "Begin vanuit vorig &jaar…"))
        self.carry_button.setAccessibleName(
            translate("AlgorithmList", "Nieuw algoritme beginnen vanuit het gekozen algoritme van vorig jaar"))
        self.carry_button.setToolTip(
            translate("AlgorithmList", "Een nieuwe ronde beginnen met de antwoorden van het gekozen algoritme als voorstel"))
        self.draft_button.setText(translate("AlgorithmList", "Begin vanuit &concept van de CDO…"))
        self.draft_button.setAccessibleName(translate("AlgorithmList", "Nieuw algoritme beginnen vanuit een concept van de CDO"))
        self.draft_button.setToolTip(translate(
            "AlgorithmList", "Een algoritme beginnen dat de CDO al klaarzette, met gegevens uit het register of de "
            "inventarisatie van vorig jaar"))
        self.filter_label.setText(translate("AlgorithmList", "&Zoeken:"))
        self.filter_edit.setPlaceholderText(translate("AlgorithmList", "naam, eenheid, ronde…"))
        self.filter_edit.setAccessibleName(translate("AlgorithmList", "Zoeken in de lijst"))
        self.retry_button.setText(translate("AlgorithmList", "Opnieuw &proberen"))
        if self._table is not None and self._model is not None:
            self._table.setAccessibleName(translate("AlgorithmList", "Lijst van algoritmes"))
            self._model.retranslate()
        if self._state != self.TABLE:
            self._show_message()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
