"""Last year's spreadsheet into drafts: the column-mapping step, the per-row preview, then the plan and "Overnemen"."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from algoinventaris.ui.cdo.common import inform, note, table
from algoinventaris.ui.cdo.drafts_page import PlanDialog
from algoinventaris.ui.cdo.worker import Cancelled, Report, RunsWork, TaskRunner, error_text
from algoinventaris.ui.tables import read_only_rows

STATUS_COLOURS = {"ok": "#2e7d32", "remarks": "#b26a00", "unusable": "#b3261e"}
REFUSED_COLOUR = "#b3261e"
SAMPLES = 2

AnyIndex = QModelIndex | QPersistentModelIndex


def samples(sheet: Any, count: int = SAMPLES) -> list[list[str]]:
    """Per column the first `count` values with something in them, as one-line texts."""
    width = len(sheet.headings)
    found: list[list[str]] = [[] for _ in range(width)]
    missing = width
    for row in sheet.rows:
        for col, value in enumerate(row.values):
            if len(found[col]) < count and value is not None and str(value).strip():
                found[col].append(" ".join(str(value).split()))
                if len(found[col]) == count:
                    missing -= 1
        if missing <= 0:
            break
    return found


def field_targets(form: Any, lang: str) -> list[tuple[str, str]]:
    """(register field name, our form's label) of every field a column can be mapped to, in the form's order.

    The same choice as domain/sheet_import.py makes: every register field of the form except the ones the
    register assigns itself, the LARS id excepted (last year's sheet may know it).
    """
    from algoinventaris.domain.register import REGISTER_ASSIGNED, register_questions
    from algoinventaris.formengine.fields import label_of

    out = []
    for name, q in register_questions(form).items():
        if name in REGISTER_ASSIGNED and name != "lars":
            continue
        out.append((name, label_of(q.field, lang, name) if q.field is not None else name))
    labels = [label for _, label in out]
    return [(name, label if labels.count(label) == 1 else f"{label} ({name})") for name, label in out]


class RowsModel(QAbstractTableModel):
    """The per-row preview as a read-only table model (a sheet may have ten thousand rows)."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[str, ...]] = []
        self._status: list[str] = []

    def set_rows(self, rows: Sequence[tuple[str, ...]], status: Sequence[str]) -> None:
        self.beginResetModel()
        self._rows, self._status = list(rows), list(status)
        self.endResetModel()

    def status(self, row: int) -> str:
        return self._status[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return text or None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            return QBrush(QColor(STATUS_COLOURS.get(self._status[index.row()], "#000000")))
        if role == Qt.ItemDataRole.UserRole:
            return index.row()
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


class RemarksFilter(QSortFilterProxyModel):
    """Shows every row, or only the rows with remarks or that cannot be used."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.only_remarks = False

    def set_only_remarks(self, only: bool) -> None:
        self.beginFilterChange()
        self.only_remarks = only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not self.only_remarks or not isinstance(model, RowsModel):
            return True
        return model.status(source_row) != "ok"


class MappingDialog(RunsWork, QDialog):
    """The CDO maps the sheet's columns to our fields, sees per row what becomes of it, and only then takes it over.

    Nothing is written until "Overnemen" in the plan's preview, except a mapping saved with "Koppeling bewaren".
    """

    stored = Signal(object, object)      # the plan and apply_plan's counts, after "Overnemen"
    preview_ready = Signal(object)       # the SheetPreview shown
    plan_shown = Signal(object)          # the PlanDialog, open
    busy_changed = Signal(bool)

    def __init__(self, repo: Any, sheet: Any, round_name: str, actor: str, *, lang: str = "nl",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from algoinventaris.domain import sheet_import as si

        self.repo = repo
        self.sheet = sheet
        self.round_name = round_name
        self.actor = actor
        self.lang = lang
        self.form = si.default_form()
        self.sheet_preview: Any = None
        self._previewed: Any = None
        self._applying = False
        self.last_message: QMessageBox | None = None
        self.runner = TaskRunner(self)
        self.runner.failed.connect(self._on_failed)
        self.runner.finished.connect(lambda: self._busy(False))
        self.setObjectName("mappingDialog")
        self.setWindowTitle(self.tr("Spreadsheet van vorig jaar: %1").replace("%1", sheet.path.name))
        self.resize(1160, 720)
        self.found_saved = False
        notes: list[str] = []
        saved = None
        try:
            saved = si.saved_mapping(repo, sheet.headings, self.form)
        except si.MappingError as err:
            notes.append(self.tr("De bewaarde koppeling voor deze kolommen is niet te gebruiken (%1); hieronder staat een nieuw "
                                 "voorstel.").replace("%1", str(err)))
        self.found_saved = saved is not None
        self.mapping = si.propose_mapping(sheet.headings, self.form, saved)
        self._targets = [(si.TARGET_NOT_MAPPED, self.tr("Niet overnemen, wel bewaren")), (si.TARGET_IGNORE, self.tr("Negeren")),
                         (si.TARGET_UNIT, self.tr("Onderdeel")), *field_targets(self.form, lang)]

        layout = QVBoxLayout(self)
        self.read_label = note(sheet.describe(lang) + ".")
        layout.addWidget(self.read_label)
        origin = (self.tr("Er is een bewaarde koppeling voor deze kolomkoppen; die staat hieronder. Pas aan waar nodig.")
                  if self.found_saved else
                  self.tr("Voorstel op grond van de kolomkoppen. Kies per kolom wat hij wordt; een veld krijgt maar één kolom."))
        self.origin = note(" ".join([origin, *notes]), "mappingOrigin")
        layout.addWidget(self.origin)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # step 1: the columns
        columns_page = QWidget()
        columns_layout = QVBoxLayout(columns_page)
        self.columns = table([self.tr("Kolom"), self.tr("Voorbeeld 1"), self.tr("Voorbeeld 2"), self.tr("Wordt"), self.tr("Waarom")],
                             "mappingColumns")
        self.columns.setAccessibleName(self.tr("Kolommen van de spreadsheet"))
        self.columns.setSortingEnabled(False)
        self.columns.activated.connect(lambda index: self._focus_combo(index.row()))
        self.combos: list[QComboBox] = []
        self._fill_columns()
        columns_layout.addWidget(self.columns, 1)
        self.message = note(name="mappingMessage", colour=REFUSED_COLOUR)
        columns_layout.addWidget(self.message)
        unit_row = QFormLayout()
        self.default_unit = QComboBox()
        self.default_unit.setObjectName("mappingDefaultUnit")
        self.default_unit.setEditable(True)
        self.default_unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.default_unit.setMinimumContentsLength(28)
        try:
            round_units = list(repo.round_details(round_name).units)
        except Exception:  # the round was checked before the dialog opened; the list is only a help
            round_units = []
        self.default_unit.addItems(["", *round_units])
        self.default_unit.setCurrentText("")
        editor = self.default_unit.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(self.tr("nog niet toegewezen"))
        unit_box = QWidget()
        unit_line = QHBoxLayout(unit_box)
        unit_line.setContentsMargins(0, 0, 0, 0)
        unit_line.addWidget(self.default_unit)
        unit_line.addStretch(1)
        unit_row.addRow(self.tr("Onderdeel voor regels &zonder onderdeel:"), unit_box)
        columns_layout.addLayout(unit_row)
        self.tabs.addTab(columns_page, self.tr("&Kolommen koppelen"))

        # step 2: per row
        rows_page = QWidget()
        rows_layout = QVBoxLayout(rows_page)
        self.stale = note(name="previewStale", colour=STATUS_COLOURS["remarks"])
        rows_layout.addWidget(self.stale)
        self.counts = note(self.tr("Nog geen voorbeeld: klik op Voorbeeld."), "previewCounts")
        rows_layout.addWidget(self.counts)
        self.warnings = note(name="previewWarnings", colour=STATUS_COLOURS["remarks"])
        rows_layout.addWidget(self.warnings)
        self.only_remarks = QCheckBox(self.tr("Alleen regels met op&merkingen"))
        self.only_remarks.setObjectName("onlyRemarks")
        rows_layout.addWidget(self.only_remarks)
        self.model = RowsModel([self.tr("Regel"), self.tr("Naam"), self.tr("Onderdeel"), self.tr("Status"), self.tr("Overgenomen"),
                                self.tr("Niet begrepen"), self.tr("Genegeerd"), self.tr("Niet overgenomen")], self)
        self.proxy = RemarksFilter(self)
        self.proxy.setSourceModel(self.model)
        self.rows = read_only_rows(QTableView())
        self.rows.setObjectName("previewRows")
        self.rows.setModel(self.proxy)
        self.rows.setAccessibleName(self.tr("Voorbeeld per regel"))
        self.rows.horizontalHeader().setStretchLastSection(True)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("previewDetail")
        self.detail.setReadOnly(True)
        self.detail.setTabChangesFocus(True)
        self.detail.setAccessibleName(self.tr("Wat er met de gekozen regel gebeurt"))
        self.detail.setPlaceholderText(self.tr("Kies een regel om te zien wat ermee gebeurt."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.rows)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        rows_layout.addWidget(split, 1)
        self.tabs.addTab(rows_page, self.tr("Voorbeeld &per regel"))
        self.only_remarks.toggled.connect(self.proxy.set_only_remarks)
        self.rows.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_detail(current))

        busy = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("mappingProgress")
        self.progress.setFormat(self.tr("%v van %m"))
        self.current = QLabel("")
        busy.addWidget(self.progress, 2)
        busy.addWidget(self.current, 3)
        layout.addLayout(busy)
        self.runner.show_progress(self.progress, self.current)
        self.saved_note = note(name="mappingSavedNote")
        layout.addWidget(self.saved_note)
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("Koppeling &bewaren"))
        self.preview_button = QPushButton(self.tr("&Voorbeeld"))
        self.take_button = QPushButton(self.tr("&Overnemen…"))
        self.cancel_button = QPushButton(self.tr("&Annuleren"))
        self.save_button.setObjectName("mappingSave")
        self.preview_button.setObjectName("mappingPreview")
        self.take_button.setObjectName("mappingTake")
        self.save_button.setToolTip(self.tr("Een volgende spreadsheet met dezelfde kolomkoppen krijgt deze koppeling"))
        self.preview_button.setToolTip(self.tr("Laat per regel zien wat er wordt overgenomen, wat niet begrepen is en waarom"))
        self.take_button.setToolTip(self.tr("Laat zien welke concepten nieuw zijn of worden bijgewerkt; pas daarna wordt er iets "
                                            "opgeslagen"))
        for button in (self.save_button, self.preview_button, self.take_button, self.cancel_button):
            button.setAutoDefault(False)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save_mapping)
        self.preview_button.clicked.connect(lambda: self.make_preview())
        self.take_button.clicked.connect(self.take_over)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        chain: list[QWidget] = [self.columns, *self.combos, self.default_unit, self.save_button, self.preview_button,
                                self.take_button, self.cancel_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._busy(False)
        self._mark_stale()
        self.columns.setFocus()

    # --- the columns -----------------------------------------------------------------------------------------

    def _fill_columns(self) -> None:
        from algoinventaris.domain import sheet_import as si

        found = samples(self.sheet)
        self.columns.setRowCount(len(self.mapping.columns))
        codes = [code for code, _ in self._targets]
        for row, choice in enumerate(self.mapping.columns):
            values = [*found[row], "", ""][:SAMPLES]
            for col, text in enumerate([choice.heading, *values]):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.columns.setItem(row, col, item)
            combo = QComboBox()
            combo.setObjectName(f"mappingTarget{row}")
            combo.setAccessibleName(self.tr("Wordt, voor kolom %1").replace("%1", choice.heading))
            combo.setMinimumContentsLength(24)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            for n, (code, text) in enumerate(self._targets):
                combo.addItem(text, code)
                if code not in si.SPECIAL_TARGETS:
                    combo.setItemData(n, code, Qt.ItemDataRole.ToolTipRole)
                if n == len(si.SPECIAL_TARGETS) - 1:
                    combo.insertSeparator(combo.count())
            combo.setCurrentIndex(combo.findData(choice.target) if choice.target in codes else 0)
            combo.currentIndexChanged.connect(lambda _i, r=row: self._chosen(r))
            self.columns.setCellWidget(row, 3, combo)
            self.combos.append(combo)
            self._show_why(row)
        self.columns.resizeColumnsToContents()
        for col, cap in enumerate((230, 170, 170, 260)):
            self.columns.setColumnWidth(col, min(max(self.columns.columnWidth(col), 90), cap))
        self.columns.setColumnWidth(3, max(self.columns.columnWidth(3), 250))

    def _show_why(self, row: int) -> None:
        """The reason of a column's target, and its heading in bold when the column becomes a field or the unit."""
        from algoinventaris.domain import sheet_import as si

        choice = self.mapping.columns[row]
        why = choice.why(self.lang, self.form)
        item = QTableWidgetItem(why)
        item.setToolTip(why)
        self.columns.setItem(row, 4, item)
        heading = self.columns.item(row, 0)
        if heading is not None:
            font = heading.font()
            font.setBold(choice.target not in (si.TARGET_NOT_MAPPED, si.TARGET_IGNORE))
            heading.setFont(font)

    def _focus_combo(self, row: int) -> None:
        if 0 <= row < len(self.combos):
            self.combos[row].setFocus()

    def target_of(self, heading: str) -> str:
        return str(self.mapping.target_of(heading))

    def set_target(self, heading: str, target: str) -> bool:
        """Choose a column's target as the CDO does with its combo; False (and the reason shown) when refused."""
        row = self.mapping.headings.index(heading)
        combo = self.combos[row]
        index = combo.findData(target)
        if index < 0:
            raise ValueError(f"'{target}' is not a target")
        combo.setCurrentIndex(index)
        return self.mapping.columns[row].target == target

    def _chosen(self, row: int) -> None:
        from algoinventaris.domain import sheet_import as si

        combo = self.combos[row]
        target = str(combo.currentData())
        current = self.mapping.columns[row]
        if target == current.target:
            return
        if target not in (si.TARGET_NOT_MAPPED, si.TARGET_IGNORE):
            other = next((c for n, c in enumerate(self.mapping.columns) if n != row and c.target == target), None)
            if other is not None:
                label = combo.currentText()
                self.message.setText(self.tr("Kolom '%1' kan niet '%2' worden: dat komt al uit kolom '%3', en een veld krijgt maar "
                                             "één kolom. Zet kolom '%3' eerst op iets anders.")
                                     .replace("%1", current.heading).replace("%2", label).replace("%3", other.heading))
                combo.blockSignals(True)
                combo.setCurrentIndex(max(combo.findData(current.target), 0))
                combo.blockSignals(False)
                return
        columns = list(self.mapping.columns)
        columns[row] = si.ColumnChoice(current.heading, target, si.REASON_CHOSEN)
        self.mapping = si.ColumnMapping(tuple(columns))
        self.message.setText("")
        self.saved_note.setText("")
        self._show_why(row)
        self._mark_stale()

    def save_mapping(self) -> bool:
        """Keep the mapping in the CDO database for these headings (next year's sheet with them gets it back)."""
        from algoinventaris.domain import sheet_import as si
        from algoinventaris.storage.errors import StorageError

        try:
            si.store_mapping(self.repo, self.mapping)
        except (StorageError, OSError) as err:
            self.last_message = inform(self, self.tr("Koppeling niet bewaard"), str(err), error=True)
            return False
        self.saved_note.setText(self.tr("Koppeling bewaard: een spreadsheet met dezelfde kolomkoppen krijgt haar voortaan."))
        return True

    # --- the preview -------------------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.current.setVisible(busy)
        for widget in (self.save_button, self.preview_button, self.take_button, self.columns, self.default_unit):
            widget.setEnabled(not busy)
        for combo in self.combos:
            combo.setEnabled(not busy)
        self.busy_changed.emit(busy)

    def _start(self, work: Any, text: str, then: Any) -> bool:
        if self.runner.busy:
            return False
        self._busy(True)
        return self.runner.start(work, then, text)

    def _on_failed(self, err: Any) -> None:
        self._applying = False
        if isinstance(err, Cancelled):
            return
        self.last_message = inform(self, self.tr("Niet gelukt"), error_text(err, self.lang) + "\n\n" + self.tr("Er is niets opgeslagen."),
                                   error=True)

    def _mark_stale(self) -> None:
        stale = self.sheet_preview is not None and self._previewed != self.mapping
        self.stale.setText(self.tr("De koppeling is veranderd na dit voorbeeld; klik op Voorbeeld om het bij te werken.") if stale else "")
        self.stale.setVisible(stale)

    def make_preview(self, then: Any = None) -> bool:
        """Every row through the current mapping, in the background; then shown on the second tab."""
        from algoinventaris.domain import sheet_import as si

        sheet, mapping, form, lang = self.sheet, self.mapping, self.form, self.lang
        text = self.tr("Regels nalopen: %1 van %2")

        def work(report: Report) -> Any:
            report(0, len(sheet.rows), "")
            return si.preview(sheet, mapping, form, lang,
                              progress=lambda done, total: report(done, total, text.replace("%1", str(done)).replace("%2", str(total))))

        def shown(pv: Any) -> None:
            self.show_preview(pv)
            if then is not None:
                then(pv)

        return self._start(work, self.tr("Regels nalopen…"), shown)

    def show_preview(self, pv: Any) -> None:
        from algoinventaris.domain import sheet_import as si

        self.sheet_preview, self._previewed = pv, pv.mapping
        counts = pv.counts()
        text = (self.tr("Regels: %1 (%2 ok, %3 met opmerkingen, %4 niet te gebruiken)").replace("%1", str(counts["rows"]))
                .replace("%2", str(counts["ok"])).replace("%3", str(counts["remarks"])).replace("%4", str(counts["unusable"])))
        if counts["blank"]:
            text += (self.tr("; 1 lege regel overgeslagen") if counts["blank"] == 1 else
                     self.tr("; %1 lege regels overgeslagen").replace("%1", str(counts["blank"])))
        self.counts.setText(text + ".")
        self.warnings.setText("\n".join(self.tr("Let op: %1").replace("%1", w) for w in pv.warnings))
        self.warnings.setVisible(bool(pv.warnings))
        self.rows.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        labels = dict(field_targets(self.form, self.lang))
        unit_word = self.tr("onderdeel")

        def label(name: str) -> str:
            return unit_word if name == si.TARGET_UNIT else labels.get(name, name)

        rows: list[tuple[str, ...]] = []
        for r in pv.rows:
            taken = ", ".join(label(t.field) for t in r.taken)
            trouble = [n.why if n.why.startswith(label(n.field)) else f"{n.heading}: {n.why}" for n in r.not_understood]
            trouble += list(r.problems)
            trouble += [self.tr("%1: formule, als tekst overgenomen").replace("%1", h) for h, _ in r.formulas]
            rows.append((str(r.number), " ".join(r.name.split()), r.unit or "", si.status_text(r.status, self.lang),
                         f"{len(r.taken)}: {taken}" if r.taken else "0", "; ".join(trouble),
                         ", ".join(h for h, _ in r.ignored), ", ".join(r.not_mapped)))
        self.model.set_rows(rows, [r.status for r in pv.rows])
        self.rows.resizeColumnsToContents()
        for col, cap in enumerate((60, 260, 170, 130, 260, 320, 160)):
            self.rows.setColumnWidth(col, min(self.rows.columnWidth(col), cap))
        self.detail.setPlainText("")
        self._mark_stale()
        self.tabs.setCurrentIndex(1)
        self.preview_ready.emit(pv)

    def visible_rows(self) -> list[int]:
        """The sheet row numbers the preview table shows now (after the filter)."""
        out = []
        for row in range(self.proxy.rowCount()):
            out.append(int(self.proxy.index(row, 0).data()))
        return out

    def _show_detail(self, index: QModelIndex) -> None:
        if self.sheet_preview is None or not index.isValid():
            self.detail.setPlainText("")
            return
        source = self.proxy.mapToSource(index)
        self.detail.setPlainText(self.row_text(self.sheet_preview.rows[source.row()]))

    def row_text(self, r: Any) -> str:
        """Everything about one row, for the detail pane."""
        from algoinventaris.domain import sheet_import as si

        labels = dict(field_targets(self.form, self.lang))
        lines = [f"{r.source} — {si.status_text(r.status, self.lang)}"]

        def block(title: str, items: list[str]) -> None:
            if items:
                lines.append("")
                lines.append(title)
                lines.extend(f"  • {item}" for item in items)

        block(self.tr("Niet te gebruiken:"), list(r.problems))
        block(self.tr("Overgenomen:"), [f"{self.tr('onderdeel') if t.field == si.TARGET_UNIT else labels.get(t.field, t.field)} "
                                        f"= {' '.join(t.value.split())}" + (f"  ({t.note})" if t.note else "") for t in r.taken])
        block(self.tr("Niet begrepen (gaat mee voor de eigenaar om te verbeteren):"),
              [f"{n.heading} → {labels.get(n.field, n.field)}: '{n.value}' — {n.why}" for n in r.not_understood])
        block(self.tr("Formules (als gewone tekst overgenomen, niet uitgevoerd):"), [f"{h}: {v}" for h, v in r.formulas])
        block(self.tr("Niet overgenomen, wel bewaard bij het concept:"), [f"{k} = {v}" for k, v in r.not_mapped.items()])
        block(self.tr("Genegeerd:"), [f"{h} = {v}" for h, v in r.ignored])
        block(self.tr("Nog in te vullen door de eigenaar:"), [m for _, m in r.missing])
        return "\n".join(lines)

    # --- taking it over ----------------------------------------------------------------------------------------

    def take_over(self) -> bool:
        """The preview (made again when the mapping changed), then the plan; "Overnemen" there writes."""
        if self.sheet_preview is not None and self._previewed == self.mapping:
            self._plan(self.sheet_preview)
            return True
        return self.make_preview(then=self._plan)

    def _plan(self, pv: Any) -> None:
        records = pv.records()
        if not records:
            self.last_message = inform(self, self.tr("Niets over te nemen"),
                                       self.tr("Geen enkele regel is te gebruiken (elke regel heeft een naam nodig); er is niets "
                                               "opgeslagen."), error=True)
            return
        repo, round_name, form, lang = self.repo, self.round_name, self.form, self.lang
        unit = " ".join(self.default_unit.currentText().split()) or None
        name = self.sheet.path.name

        def work(_report: Report) -> Any:
            from algoinventaris.cdo.drafts import plan_import
            from algoinventaris.domain.drafts import SOURCE_SPREADSHEET

            plan = plan_import(repo, records, round_name=round_name, source=SOURCE_SPREADSHEET, unit=unit, lang=lang, form=form)
            plan.files = [name]
            return plan

        self._start(work, self.tr("Vergelijken met de opgeslagen concepten…"), self.show_plan)

    def show_plan(self, plan: Any) -> PlanDialog:
        dialog = PlanDialog(plan, self.lang, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply(plan))
        dialog.open()
        self.plan_shown.emit(dialog)
        return dialog

    def apply(self, plan: Any) -> bool:
        """Store the plan in one transaction and keep the mapping for next year; then the dialog closes."""
        repo, actor, mapping = self.repo, self.actor, self.mapping

        def work(_report: Report) -> Any:
            from algoinventaris.cdo.drafts import apply_plan
            from algoinventaris.domain import sheet_import as si

            counts = apply_plan(repo, plan, actor=actor)
            si.store_mapping(repo, mapping)  # next year's sheet with these headings gets this mapping back
            return counts

        def done(counts: Any) -> None:
            self._applying = False
            self.stored.emit(plan, counts)
            self.accept()

        self._applying = self._start(work, self.tr("Concepten opslaan…"), done)
        return self._applying

    def reject(self) -> None:
        """Cancel: stops reading the rows (nothing is written); while the drafts are being stored it waits for that."""
        if self._applying and self.runner.busy:
            self.current.setText(self.tr("Even wachten: de concepten worden opgeslagen."))
            return
        self.runner.stop()
        super().reject()
