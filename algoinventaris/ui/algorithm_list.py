"""The "Mijn algoritmes" page: a table of the owner's algorithms (name, unit, round, state, last change) and its buttons.

The page is what the first paint shows, so this module names nothing from Qt's `Qt` namespace: the
first use of `Qt` makes PySide6 build every enum in it (about 90, some 25 ms on the project's
machine, a fifth of a bare window's start). The table, its model and everything that needs `Qt`
are in algorithm_table.py, loaded with the first rows after the first paint; the two settings the
page needs before that are made through Qt's property system with the enums' values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QSortFilterProxyModel

    # the names that moved to algorithm_table.py, re-exported (see __getattr__ below)
    from algoinventaris.ui.algorithm_table import ID_ROLE as ID_ROLE
    from algoinventaris.ui.algorithm_table import SORT_ROLE as SORT_ROLE
    from algoinventaris.ui.algorithm_table import AlgorithmTable as AlgorithmTable
    from algoinventaris.ui.algorithm_table import AlgorithmTableModel as AlgorithmTableModel
    from algoinventaris.ui.algorithm_table import ModelIndex as ModelIndex
    from algoinventaris.ui.algorithm_table import state_text as state_text
    from algoinventaris.ui.algorithm_table import when_text as when_text

translate = QCoreApplication.translate

# Values of Qt.AlignmentFlag.AlignCenter and Qt.TextFormat.PlainText (see the module's docstring).
ALIGN_CENTER = 0x0084
PLAIN_TEXT = 0

# Names that moved to algorithm_table.py, still importable from here (loading that module when asked for).
_TABLE_NAMES = frozenset({"ID_ROLE", "SORT_ROLE", "ModelIndex", "AlgorithmTable", "AlgorithmTableModel", "state_text",
                          "when_text"})


def __getattr__(name: str) -> Any:
    if name in _TABLE_NAMES:
        from algoinventaris.ui import algorithm_table

        return getattr(algorithm_table, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        self._heading_font()
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
        self.message.setProperty("alignment", ALIGN_CENTER)
        self.message.setProperty("textFormat", PLAIN_TEXT)
        self.retry_button = self._button("retryButton")
        msg_page = QWidget(self.stack)
        msg_layout = QVBoxLayout(msg_page)
        msg_layout.addStretch(1)
        msg_layout.addWidget(self.message)
        retry_row = QHBoxLayout()  # the button centred under the message
        retry_row.addStretch(1)
        retry_row.addWidget(self.retry_button)
        retry_row.addStretch(1)
        msg_layout.addLayout(retry_row)
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
        from algoinventaris.ui.algorithm_table import AlgorithmTableModel, make_table

        self._model = AlgorithmTableModel(self)
        self._proxy, table = make_table(self.stack, self._model)
        self._table = table
        table.doubleClicked.connect(lambda _index: self._emit_open())
        table.open_requested.connect(self._emit_open)
        table.delete_requested.connect(self._emit_delete)
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
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
        from algoinventaris.ui.algorithm_table import row_id

        for row in range(self.proxy.rowCount()):
            if row_id(self.proxy.index(row, 0)) == algorithm_id:
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
        from algoinventaris.ui.algorithm_table import row_id

        index = self._table.currentIndex()
        if not index.isValid() or not self._table.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return row_id(index)

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
        from algoinventaris.ui.algorithm_table import focus

        focus(self.table if self._state == self.TABLE else self.new_button)

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(translate("AlgorithmList", "Mijn algoritmes"))
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

    def _heading_font(self) -> None:
        """The title as a heading: bold, twice the page's text size (as <h1> would make it), following the text size.

        Plain text with a font rather than <h1>: the first rich text label costs about 5 ms (Qt's text
        document and its HTML reader), which the first paint need not pay.
        """
        font = QFont(self.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 2)
        else:
            font.setPixelSize(max(1, font.pixelSize() * 2))
        self.title.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._heading_font()
        super().changeEvent(event)
