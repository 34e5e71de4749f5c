"""Begin vanuit concept van de CDO: choose a draft of an opened round (filter by unit, keyboard first) and start it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from algoinventaris.ui.algorithm_table import ID_ROLE, AlgorithmTable, ModelIndex
from algoinventaris.ui.fields import show
from algoinventaris.ui.tables import read_only_rows
from algoinventaris.ui.widgets import ErrorLabel

translate = QCoreApplication.translate



def source_text(source: str) -> str:
    """Where a draft was read, in words."""
    return {"register": translate("DraftDialog", "Algoritmeregister"),
            "spreadsheet": translate("DraftDialog", "Inventarisatie vorig jaar")}.get(source, source)


class DraftTableModel(QAbstractTableModel):
    """One row per draft (AvailableDraft): name, unit, source, origin, deviations, and whether it was started."""

    COLUMNS = ("name", "unit", "source", "origin", "deviations", "state")

    def __init__(self, items: Sequence[Any], names: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = list(items)
        self.names = dict(names)
        self._cells: list[tuple[str, ...]] = []
        self._texts()

    def _texts(self) -> None:
        unassigned = translate("DraftDialog", "nog niet toegewezen")
        cells: list[tuple[str, ...]] = []
        for item in self.items:
            d = item.draft
            if item.started:
                state = translate("DraftDialog", "al begonnen: {name}").format(name=self.names.get(item.started, item.started))
            else:
                state = translate("DraftDialog", "nog niet begonnen")
            cells.append((d.name, d.unit or unassigned, source_text(d.source), d.origin, str(len(d.deviations)), state))
        self._cells = cells

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (translate("DraftDialog", "Naam"), translate("DraftDialog", "Eenheid"), translate("DraftDialog", "Bron"),
                translate("DraftDialog", "Herkomst"), translate("DraftDialog", "Afwijkingen"),
                translate("DraftDialog", "Status"))[section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not 0 <= row < len(self.items) or not 0 <= column < len(self.COLUMNS):
            return None
        item = self.items[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cells[row][column]
        if role == ID_ROLE:
            return item.draft.id
        if role == Qt.ItemDataRole.ToolTipRole:
            d = item.draft
            lines = [d.name, f"{translate('DraftDialog', 'Ronde')}: {item.round.name}", d.origin]
            if item.started:
                lines.append(translate("DraftDialog", "Al begonnen als ‘{name}’; ga daar verder in Mijn algoritmes.").format(
                    name=self.names.get(item.started, item.started)))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.items[index.row()].started:
            return Qt.ItemFlag.NoItemFlags  # greyed: it cannot be started again
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def retranslate(self) -> None:
        self._texts()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, len(self.COLUMNS) - 1))


class DraftDialog(QDialog):
    """The drafts of the opened rounds; Enter or a double click starts the chosen one (an unassigned one asks the unit).

    `chosen` is (draft id, unit or None) once accepted; the main window then starts it.
    """

    def __init__(self, parent: QWidget | None, items: Sequence[Any], names: Mapping[str, str], *,
                 unit_filter: str = "", unit: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("draftDialog")
        self.chosen: tuple[str, str | None] | None = None
        self.items = list(items)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("draftIntro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        bar = QHBoxLayout()
        self.filter_label = QLabel(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("draftFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_label.setBuddy(self.filter_edit)
        self.hidden_label = QLabel(self)
        self.hidden_label.setObjectName("draftHidden")
        bar.addWidget(self.filter_label)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.hidden_label)
        layout.addLayout(bar)

        self.model = DraftTableModel(items, names, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = read_only_rows(AlgorithmTable(self))
        self.table.setObjectName("draftTable")
        self.table.setModel(self.proxy)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(DraftTableModel.COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # origin and status can be long ("al begonnen: <name>"): a fixed, adjustable width so the name keeps its room;
        # the full text is in the tooltip
        metrics = self.table.fontMetrics()
        for col, sample in ((3, "gemeente-voorbeeld.xlsx, rij 999"), (5, "nog niet begonnen")):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, metrics.horizontalAdvance(sample) + 24)
        self.table.open_requested.connect(self.start_selected)
        self.table.doubleClicked.connect(lambda _index: self.start_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        layout.addWidget(self.table, 1)

        form = QFormLayout()
        self.unit_label = QLabel(self)
        self.unit_edit = QLineEdit(unit, self)
        self.unit_edit.setObjectName("draftUnit")
        self.unit_edit.setMaxLength(200)
        self.unit_label.setBuddy(self.unit_edit)
        self.unit_edit.returnPressed.connect(self.start_selected)
        form.addRow(self.unit_label, self.unit_edit)
        layout.addLayout(form)
        self.message = ErrorLabel(self)
        self.message.setObjectName("draftMessage")
        show(self.message, False)
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setObjectName("draftStart")
        self.buttons.accepted.connect(self.start_selected)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.filter_edit.textChanged.connect(self._filter)
        self.retranslate()
        if unit_filter and any(unit_filter.casefold() in " ".join(c).casefold() for c in self.model._cells):
            self.filter_edit.setText(unit_filter)
        self._filter(self.filter_edit.text())
        self.resize(max(980, self.sizeHint().width()), 460)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- state -----------------------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        hidden = self.model.rowCount() - self.proxy.rowCount()
        self.hidden_label.setText(translate("DraftDialog", "{n} buiten het filter").format(n=hidden) if hidden else "")
        self.hidden_label.setAccessibleName(self.hidden_label.text())
        if not self.selected():
            self._select_first()
        self._selection_changed()

    def _select_first(self) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.table.setCurrentIndex(index)
                self.table.selectRow(row)
                return
        self.table.clearSelection()

    def selected(self) -> Any | None:
        """The AvailableDraft chosen in the table (None: nothing startable chosen)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        source = self.proxy.mapToSource(rows[0])
        item = self.model.items[source.row()]
        return None if item.started else item

    def select(self, draft_id: str) -> bool:
        """Choose a draft by id (tests, screenshots)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == draft_id and index.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.table.setCurrentIndex(index)
                self.table.selectRow(row)
                return True
        return False

    def _selection_changed(self) -> None:
        item = self.selected()
        needs_unit = item is not None and not item.draft.unit.strip()
        self.unit_label.setEnabled(needs_unit)
        self.unit_edit.setEnabled(needs_unit)
        self.start_button.setEnabled(item is not None)
        show(self.message, False)

    def start_selected(self) -> None:
        """Start the chosen draft: asks the unit first when the CDO did not assign it."""
        item = self.selected()
        if item is None:
            return
        unit: str | None = None
        if not item.draft.unit.strip():
            unit = " ".join(self.unit_edit.text().split())
            if not unit:
                self.message.set_message(translate("DraftDialog", "Dit concept is nog niet aan een eenheid toegewezen. "
                                                   "Vul in voor welke eenheid je het begint."))
                show(self.message, True)
                self.unit_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.chosen = (item.draft.id, unit)
        self.accept()

    # -- language --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(translate("DraftDialog", "Begin vanuit concept van de CDO"))
        open_count = sum(1 for i in self.items if not i.started)
        self.intro.setText(translate(
            "DraftDialog", "De CDO heeft deze algoritmes al klaargezet, met gegevens uit het Algoritmeregister of uit de "
            "inventarisatie van vorig jaar ({n} nog niet begonnen). Die gegevens komen als voorstel in de registervragen; "
            "je bevestigt ze één voor één. De vragen over de AI-verordening beantwoord je zelf.").format(n=open_count))
        self.filter_label.setText(translate("DraftDialog", "&Filter:"))
        self.filter_edit.setPlaceholderText(translate("DraftDialog", "eenheid, naam, bron…"))
        self.filter_edit.setAccessibleName(translate("DraftDialog", "Concepten filteren"))
        self.table.setAccessibleName(translate("DraftDialog", "Concepten van de CDO"))
        self.unit_label.setText(translate("DraftDialog", "&Eenheid (voor een concept zonder eenheid):"))
        self.start_button.setText(translate("DraftDialog", "&Beginnen"))
        self.start_button.setToolTip(translate("DraftDialog", "Een nieuw algoritme beginnen met de gegevens van dit concept "
                                               "(Enter)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(translate("DraftDialog", "Annuleren"))
        self.model.retranslate()
        # greyed rows: the disabled text colour of the palette, so they read as "not available"
        palette = self.table.palette()
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text,
                         palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText))
        self.table.setPalette(palette)
