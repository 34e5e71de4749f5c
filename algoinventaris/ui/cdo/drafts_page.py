"""The Concepten tab: a round's prefilled drafts, importing register files and last year's spreadsheet, assign, delete, undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from algoinventaris.ui.cdo.common import fill, inform, labelled_combo, note, show_rounds, table
from algoinventaris.ui.cdo.worker import Cancelled, Report, RunsWork, TaskRunner, Work, error_text

ACTION_COLOURS = {"new": "#2e7d32", "update": "#1d5fa8", "unchanged": "#5a5a5a", "duplicate": "#b26a00"}
UNASSIGNED_COLOUR = "#8a5a00"


# --- small helpers ---------------------------------------------------------------------------------------


def register_labels(lang: str) -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    """Our register form's field labels: by question id, by register field name, and the questions' order."""
    from algoinventaris.domain.register_import import default_form
    from algoinventaris.formengine.fields import label_of

    form = default_form()
    by_qid: dict[str, str] = {}
    by_field: dict[str, str] = {}
    order: dict[str, int] = {}
    for n, q in enumerate(form.questions):
        order[q.id] = n
        if q.field is not None:
            label = label_of(q.field, lang, q.id)
            by_qid[q.id] = label
            if q.field.register_field:
                by_field[q.field.register_field] = label
                order.setdefault(q.field.register_field, n)
    return by_qid, by_field, order


def local_time(moment: dt.datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def deviation_text(dev: Any) -> str:
    """A deviation's message on one line, with the value found when the message does not show it."""
    message = _one_line(dev.message, 300)
    value = _one_line(dev.value, 80)
    if value and value not in message:
        message += f" — '{value}'"
    return message


class _Texts(QObject):
    """Texts shared by the dialogs of this tab (one place for their translations)."""

    def kind(self, kind: str) -> str:
        return {"normalised": self.tr("aangepast"), "invalid": self.tr("ongeldig"), "missing": self.tr("ontbreekt"),
                "not_mapped": self.tr("niet overgenomen"), "formula": self.tr("formule")}.get(kind, kind)

    def source(self, source: str) -> str:
        return {"register": self.tr("register"), "spreadsheet": self.tr("spreadsheet")}.get(source, source)

    def action(self, action: str) -> str:
        return {"new": self.tr("nieuw"), "update": self.tr("bijgewerkt"), "unchanged": self.tr("ongewijzigd"),
                "duplicate": self.tr("dubbel")}.get(action, action)

    def unit(self, unit: str) -> str:
        return unit or self.tr("nog niet toegewezen")


TEXTS = _Texts()


# --- the preview of an import ------------------------------------------------------------------------------


class PlanDialog(QDialog):
    """What an import will do, per record, before anything is written: accept = "Overnemen", reject = "Annuleren"."""

    def __init__(self, plan: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from algoinventaris.cdo.drafts import match_text

        self.plan = plan
        self.lang = lang
        self._match_text = match_text
        _by_qid, self._labels, _order = register_labels(lang)
        self._qid_labels = _by_qid
        self.setObjectName("planDialog")
        self.setWindowTitle(self.tr("Voorbeeld: concepten voor %1").replace("%1", plan.round))
        self.resize(1120, 680)
        layout = QVBoxLayout(self)
        files = ", ".join(plan.files) if plan.files else "—"
        self.header = note(self.tr("Ronde '%1' (%2). Gelezen: %3.").replace("%1", plan.round)
                           .replace("%2", plan.organisation).replace("%3", files))
        layout.addWidget(self.header)
        self.counts = QLabel(plan.counts_text(lang) + ".")
        self.counts.setObjectName("planCounts")
        font = self.counts.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.counts.setFont(font)
        layout.addWidget(self.counts)
        self.warnings = QPlainTextEdit()
        self.warnings.setObjectName("planWarnings")
        self.warnings.setReadOnly(True)
        self.warnings.setTabChangesFocus(True)
        self.warnings.setPlainText("\n".join(plan.warnings))
        self.warnings.setMaximumHeight(96)
        warn_label = QLabel(self.tr("&Let op (%1):").replace("%1", str(len(plan.warnings))))
        warn_label.setBuddy(self.warnings)
        warn_label.setVisible(bool(plan.warnings))
        self.warnings.setVisible(bool(plan.warnings))
        layout.addWidget(warn_label)
        layout.addWidget(self.warnings)
        items_label = QLabel(self.tr("&Per record (klap open voor de afwijkingen):"))
        layout.addWidget(items_label)
        self.tree = QTreeWidget()
        self.tree.setObjectName("planTree")
        items_label.setBuddy(self.tree)
        self.tree.setHeaderLabels([self.tr("Naam"), self.tr("Wat er gebeurt"), self.tr("Herkend op"), self.tr("Onderdeel"),
                                   self.tr("Afwijkingen"), self.tr("Niet overgenomen"), self.tr("Herkomst")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAccessibleName(self.tr("Per record"))
        self.tree.itemExpanded.connect(self._expand)
        self.tree.itemActivated.connect(lambda row, _col: row.setExpanded(not row.isExpanded()))
        self._fill()
        layout.addWidget(self.tree, 1)
        self.note = note(name="planNote")
        if not plan.writes:
            self.note.setText(self.tr("Er is niets nieuw of veranderd: er valt niets over te nemen."))
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox()
        self.take_button = QPushButton(self.tr("&Overnemen"))
        self.take_button.setObjectName("planTake")
        self.take_button.setEnabled(bool(plan.writes))
        self.take_button.setAutoDefault(False)
        self.cancel_button = QPushButton(self.tr("&Annuleren"))
        self.cancel_button.setAutoDefault(False)
        # no default button: Enter in the list opens a record, it never takes the import over by accident
        self.buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.take_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.tree.setFocus()

    def _match(self, item: Any) -> str:
        if item.action == "duplicate":
            return self.tr("zelfde sleutel als %1").replace("%1", item.duplicate_of or "?")
        if item.matched_by:
            return self.tr("gevonden op %1").replace("%1", self._match_text(item.matched_by, item.match_value, self.lang))
        return "—"

    def _fill(self) -> None:
        rows: list[QTreeWidgetItem] = []
        for n, item in enumerate(self.plan.items):
            record = item.record
            action = TEXTS.action(item.action)
            if item.action == "update":
                n = len(item.changes) + len(item.other_changes)
                action += " " + (self.tr("(1 veld anders)") if n == 1 else self.tr("(%1 velden anders)").replace("%1", str(n)))
            unit = "" if item.action == "duplicate" else TEXTS.unit(item.unit)
            row = QTreeWidgetItem([item.name, action, self._match(item), unit, str(len(record.deviations)),
                                   str(len(record.not_mapped)), record.source])
            row.setData(0, Qt.ItemDataRole.UserRole, n)
            row.setForeground(1, QBrush(QColor(ACTION_COLOURS.get(item.action, "#000000"))))
            if not item.unit and item.action != "duplicate":
                row.setForeground(3, QBrush(QColor(UNASSIGNED_COLOUR)))
            for col in (4, 5):
                row.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row.setToolTip(0, item.describe(self.lang))
            row.setToolTip(2, self._match(item))
            if record.deviations or item.changes or item.other_changes or record.not_mapped:
                row.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            rows.append(row)
        self.tree.addTopLevelItems(rows)
        header = self.tree.header()
        header.setStretchLastSection(True)
        widths = (380, 200, 300, 170, 90, 120)
        for col, width in enumerate(widths):
            self.tree.resizeColumnToContents(col)
            self.tree.setColumnWidth(col, min(max(self.tree.columnWidth(col), 60), width))

    def _expand(self, row: QTreeWidgetItem) -> None:
        """Fill an item's children when it is opened first (a plan may have thousands of records)."""
        if row.childCount() or row.parent() is not None:
            return
        item = self.plan.items[int(row.data(0, Qt.ItemDataRole.UserRole))]
        lines: list[tuple[str, str]] = []
        if item.changes or item.other_changes:
            names = [self._qid_labels.get(q, q) for q in item.changes]
            names += [{"name": self.tr("naam"), "not_mapped": self.tr("niet-overgenomen waarden")}.get(x, x) for x in item.other_changes]
            lines.append(("changes", self.tr("Anders dan opgeslagen: %1").replace("%1", ", ".join(names))))
        for dev in item.record.deviations:
            lines.append((dev.kind, f"{TEXTS.kind(dev.kind)}: {deviation_text(dev)}"))
        for kind, text in lines:
            child = QTreeWidgetItem(row, [text])
            child.setFirstColumnSpanned(True)
            child.setToolTip(0, text)
            if kind == "invalid":
                child.setForeground(0, QBrush(QColor("#b3261e")))
            elif kind == "changes":
                child.setForeground(0, QBrush(QColor(ACTION_COLOURS["update"])))


# --- one draft in full ----------------------------------------------------------------------------------------


class DraftDialog(QDialog):
    """One draft: where it came from, its answers with our form's labels, the values not taken and every deviation."""

    def __init__(self, repo: Any, draft_id: str, lang: str = "nl", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from algoinventaris.cdo.drafts import match_text

        self.draft = draft = repo.get_draft(draft_id)
        meta = repo.draft_meta(draft_id)
        by_qid, by_field, order = register_labels(lang)
        self.setObjectName("draftDialog")
        self.setWindowTitle(self.tr("Concept: %1").replace("%1", draft.name))
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        facts = [
            (self.tr("Naam"), draft.name),
            (self.tr("Ronde"), f"{draft.round} ({draft.organisation})"),
            (self.tr("Onderdeel"), TEXTS.unit(draft.unit)),
            (self.tr("Bron"), f"{TEXTS.source(draft.source)}: {draft.origin}"),
            (self.tr("Herkend op"), match_text(draft.match_kind, draft.match_value, lang)),
            (self.tr("Versie"), str(draft.revision)),
            (self.tr("Laatst gewijzigd"), f"{local_time(meta.updated_at)} ({meta.updated_by})"),
        ]
        if meta.deleted_at is not None:
            facts.append((self.tr("Verwijderd"), local_time(meta.deleted_at)))
        for label, value in facts:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            form.addRow(label + ":", text)
        layout.addLayout(form)
        self.tabs = QTabWidget()
        self.answers = table([self.tr("Veld"), self.tr("Waarde")], "draftAnswers")
        answers = sorted(draft.answers.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
        fill(self.answers, [[by_qid.get(q, q), v] for q, v in answers], [q for q, _ in answers], sort=False)
        self.not_mapped = table([self.tr("Veld of kolom"), self.tr("Waarde")], "draftNotMapped")
        fill(self.not_mapped, [[k, v] for k, v in draft.not_mapped.items()], sort=False)
        self.deviations = table([self.tr("Soort"), self.tr("Veld"), self.tr("Waarde"), self.tr("Melding")], "draftDeviations")

        def field_text(name: str) -> str:
            base = name.split("[", 1)[0]
            return f"{by_field[base]} ({name})" if base in by_field else name

        fill(self.deviations, [[TEXTS.kind(d.kind), field_text(d.field), d.value, d.message] for d in draft.deviations], sort=False)
        for widget in (self.answers, self.not_mapped, self.deviations):
            widget.setWordWrap(True)
            widget.setColumnWidth(widget.columnCount() - 1, 120)   # the last column takes the room that is left
            widget.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)   # long texts wrap
            for row in range(widget.rowCount()):
                for col in range(widget.columnCount()):
                    cell = widget.item(row, col)
                    if cell is not None:
                        cell.setToolTip(cell.text())
                        cell.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.tabs.addTab(self.answers, self.tr("&Antwoorden (%1)").replace("%1", str(len(draft.answers))))
        self.tabs.addTab(self.not_mapped, self.tr("&Niet overgenomen (%1)").replace("%1", str(len(draft.not_mapped))))
        self.tabs.addTab(self.deviations, self.tr("A&fwijkingen (%1)").replace("%1", str(len(draft.deviations))))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.answers.setFocus()


# --- assigning a unit -------------------------------------------------------------------------------------------


class AssignDialog(QDialog):
    """Choose (or type) the unit for one or more drafts; empty = not yet assigned."""

    def __init__(self, units: Sequence[str], round_units: Sequence[str], current: str, count: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._round_units = {" ".join(u.split()).casefold() for u in round_units}
        self.setWindowTitle(self.tr("Onderdeel toewijzen"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Het onderdeel waarvan de eigenaren %n concept(en) oppakken. Leeg laten = nog niet toegewezen.",
                               "", count))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.unit = QComboBox()
        self.unit.setObjectName("assignUnit")
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.addItems(list(units))
        self.unit.setCurrentText(current)
        self.unit.setMinimumContentsLength(30)
        form.addRow(self.tr("&Onderdeel:"), self.unit)
        layout.addLayout(form)
        self.note = note(name="assignNote", colour=UNASSIGNED_COLOUR)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.unit.currentTextChanged.connect(self._check)
        self._check(current)

    def _check(self, text: str) -> None:
        key = " ".join(text.split()).casefold()
        if key and self._round_units and key not in self._round_units:
            self.note.setText(self.tr("Dit onderdeel hoort (nog) niet bij de onderdelen van deze ronde; het kan wel."))
        else:
            self.note.setText("")

    def chosen(self) -> str:
        return " ".join(self.unit.currentText().split())


# --- the tab ---------------------------------------------------------------------------------------------------


class RoundDrafts:
    """A round's drafts as the tab shows them: the drafts, when each changed, the round's units and organisation."""

    def __init__(self, round_name: str, drafts: list[Any], meta: dict[str, Any], units: tuple[str, ...],
                 organisation: str | None) -> None:
        self.round = round_name
        self.drafts = drafts
        self.meta = meta
        self.units = units
        self.organisation = organisation

    @classmethod
    def read(cls, repo: Any, round_name: str) -> RoundDrafts:
        from algoinventaris.storage.errors import NotFound

        if not round_name:
            return cls(round_name, [], {}, (), None)
        drafts = repo.list_drafts(round_name)
        meta = repo.list_draft_meta(round_name)
        try:
            details = repo.round_details(round_name)
        except NotFound:
            return cls(round_name, drafts, meta, (), None)
        return cls(round_name, drafts, meta, tuple(details.units), details.organisation)


class DraftsPage(RunsWork, QWidget):
    """The round's prefilled drafts; imports from register files and last year's spreadsheet; assign, delete and undo."""

    drafts_changed = Signal()
    plan_shown = Signal(object)       # the PlanDialog, open
    mapping_shown = Signal(object)    # the MappingDialog, open
    draft_shown = Signal(object)      # the DraftDialog, open
    status_message = Signal(str)

    def __init__(self, repo: Any, actor: str, *, lang: str = "nl", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.actor = actor
        self.lang = lang
        self._drafts: list[Any] = []
        self._meta: dict[str, Any] = {}
        self._round_units: tuple[str, ...] = ()
        self._undo: list[tuple[str, list[tuple[str, str, str]]]] = []   # (kind, [(draft id, name, unit before)])
        self.last_message: QMessageBox | None = None
        self.runner = TaskRunner(self)
        self.runner.failed.connect(self._on_failed)
        self.runner.finished.connect(self._on_finished)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        round_label, self.round_box = labelled_combo(self.tr("&Ronde:"), "draftsRound", 22)
        unit_label, self.unit_box = labelled_combo(self.tr("&Filter op onderdeel:"), "draftsUnit", 22)
        self.register_button = QPushButton(self.tr("Re&gisterbestanden importeren…"))
        self.register_button.setObjectName("importRegisterFiles")
        self.register_button.setToolTip(self.tr("Registerbestanden in JSON, of de CSV- of Excel-download van het register; "
                                                "meerdere bestanden tegelijk kan"))
        self.sheet_button = QPushButton(self.tr("&Spreadsheet van vorig jaar importeren…"))
        self.sheet_button.setObjectName("importSpreadsheet")
        self.sheet_button.setToolTip(self.tr("De inventarisatie van vorig jaar als Excel- of CSV-bestand, met een stap om de "
                                             "kolommen te koppelen"))
        for widget in (round_label, self.round_box, unit_label, self.unit_box):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.register_button)
        top.addWidget(self.sheet_button)
        layout.addLayout(top)
        self.summary = note(name="draftsSummary")
        layout.addWidget(self.summary)
        busy = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("draftsProgress")
        self.progress.setFormat(self.tr("%v van %m"))
        self.current = QLabel("")
        self.current.setObjectName("draftsCurrent")
        self.stop_button = QPushButton(self.tr("Afbre&ken"))
        self.stop_button.setObjectName("draftsStop")
        self.stop_button.clicked.connect(self.cancel)
        busy.addWidget(self.progress, 2)
        busy.addWidget(self.current, 3)
        busy.addWidget(self.stop_button)
        layout.addLayout(busy)
        self.runner.show_progress(self.progress, self.current)
        self._show_busy(False)
        self.table = table([self.tr("Naam"), self.tr("Onderdeel"), self.tr("Bron"), self.tr("Herkomst"), self.tr("Herkend op"),
                            self.tr("Versie"), self.tr("Afwijkingen"), self.tr("Niet overgenomen"), self.tr("Laatst gewijzigd")],
                           "draftsTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setAccessibleName(self.tr("Concepten van de ronde"))
        self.table.activated.connect(lambda _index: self.open_current())
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Concept &openen…"))
        self.assign_button = QPushButton(self.tr("Onderdeel &toewijzen…"))
        self.delete_button = QPushButton(self.tr("Ver&wijderen"))
        self.open_button.setObjectName("draftOpen")
        self.assign_button.setObjectName("draftAssign")
        self.delete_button.setObjectName("draftDelete")
        self.open_button.clicked.connect(self.open_current)
        self.assign_button.clicked.connect(self.ask_assign)
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.open_button, self.assign_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        # the table's context menu (and Delete on the keyboard)
        for text, slot, key in ((self.tr("Openen"), self.open_current, None),
                                (self.tr("Onderdeel toewijzen…"), self.ask_assign, None),
                                (self.tr("Verwijderen"), self.delete_selected, QKeySequence(QKeySequence.StandardKey.Delete))):
            action = QAction(text, self.table)
            if key is not None:
                action.setShortcut(key)
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)
        # undo: Ctrl+Z while the tab is shown, and a button the window puts in its status bar
        self.undo_action = QAction(self.tr("Ongedaan maken"), self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.undo_action.triggered.connect(self.undo)
        self.addAction(self.undo_action)
        self.undo_button = QPushButton(self.tr("Ongedaan &maken"))
        self.undo_button.setObjectName("draftsUndo")
        self.undo_button.setToolTip(self.tr("Zet de laatste wijziging aan de concepten terug (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        self.round_box.currentTextChanged.connect(lambda _t: self._load())
        self.unit_box.currentIndexChanged.connect(lambda _i: self._show())
        self._enable()

    # --- state ---------------------------------------------------------------------------------------------

    def current_round(self) -> str:
        return self.round_box.currentText()

    def refresh(self) -> None:
        """Reload the rounds (keeping the chosen one, else the newest) and the round's drafts."""
        show_rounds(self.round_box, [r.name for r in self.repo.list_rounds()])
        self._load()

    def _load(self, read: RoundDrafts | None = None) -> None:
        """Show the chosen round's drafts (`read`: read already, e.g. in the worker thread after storing)."""
        name = self.current_round()
        if read is None or read.round != name:
            read = RoundDrafts.read(self.repo, name)
        self._drafts, self._meta, self._round_units, organisation = read.drafts, read.meta, read.units, read.organisation
        units = sorted({*self._round_units, *(d.unit for d in self._drafts if d.unit)}, key=str.casefold)
        chosen = self.unit_box.currentData()
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        self.unit_box.addItem(self.tr("(alle onderdelen)"), None)
        self.unit_box.addItem(self.tr("nog niet toegewezen"), "")
        for unit in units:
            self.unit_box.addItem(unit, unit)
        index = self.unit_box.findData(chosen) if chosen is not None else 0
        self.unit_box.setCurrentIndex(max(index, 0))
        self.unit_box.blockSignals(False)
        for button in (self.register_button, self.sheet_button):
            button.setEnabled(bool(name) and not self.runner.busy)
        if not name:
            self.summary.setText(self.tr("Nog geen rondes: maak eerst een ronde met 'algoinventaris cdo round create'."))
        else:
            unassigned = sum(1 for d in self._drafts if not d.unit)
            text = self.tr("%1 concepten in ronde '%2', waarvan %3 nog niet toegewezen.").replace("%1", str(len(self._drafts))) \
                .replace("%2", name).replace("%3", str(unassigned))
            if not organisation:
                text += " " + self.tr("Deze ronde heeft nog geen organisatie; geef die met 'cdo round create' voordat je "
                                      "concepten importeert.")
            self.summary.setText(text)
        self._show()

    def _show(self) -> None:
        """Fill the table with the round's drafts of the chosen unit (sorting off while filling: thousands stay quick)."""
        from algoinventaris.cdo.drafts import match_text

        keep = set(self.selected_ids())
        unit = self.unit_box.currentData()
        key = " ".join(unit.split()).casefold() if isinstance(unit, str) else None
        drafts = [d for d in self._drafts if key is None or " ".join(d.unit.split()).casefold() == key]
        italic = QFont(self.table.font())
        italic.setItalic(True)
        unassigned = QBrush(QColor(UNASSIGNED_COLOUR))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        view = self.table
        view.setUpdatesEnabled(False)
        view.setSortingEnabled(False)
        view.clearContents()
        view.setRowCount(len(drafts))
        for row, d in enumerate(drafts):
            meta = self._meta.get(d.id)
            full_match = match_text(d.match_kind, d.match_value, self.lang)
            match = self.tr("organisatie + naam") if d.match_kind == "organisation+name" else full_match
            values: list[Any] = [d.name, TEXTS.unit(d.unit), TEXTS.source(d.source), d.origin, match, d.revision,
                                 len(d.deviations), len(d.not_mapped), local_time(meta.updated_at) if meta is not None else ""]
            cells = []
            for col, value in enumerate(values):
                item = QTableWidgetItem()
                if isinstance(value, int):
                    item.setData(Qt.ItemDataRole.DisplayRole, value)
                    item.setTextAlignment(right)
                else:
                    item.setText(value)
                if col in (0, 3):
                    item.setToolTip(value)
                elif col == 4:
                    item.setToolTip(full_match)
                elif col == 8 and meta is not None:
                    item.setToolTip(self.tr("%1, door %2").replace("%1", value).replace("%2", meta.updated_by))
                view.setItem(row, col, item)
                cells.append(item)
            cells[0].setData(Qt.ItemDataRole.UserRole, d.id)
            if not d.unit:
                cells[1].setForeground(unassigned)
                cells[1].setFont(italic)
        view.setSortingEnabled(True)
        view.horizontalHeader().setResizeContentsPrecision(300)
        view.resizeColumnsToContents()
        for col, width in enumerate((250, 170, 90, 180, 150, 70, 100, 130, 140)):
            view.setColumnWidth(col, min(view.columnWidth(col), width))
        view.setUpdatesEnabled(True)
        self.select([d.id for d in drafts if d.id in keep])

    def selected_ids(self) -> list[str]:
        """The ids of the selected drafts, in the table's order."""
        model = self.table.selectionModel()
        if model is None:
            return []
        out = []
        for index in sorted(model.selectedRows(), key=lambda i: i.row()):
            item = self.table.item(index.row(), 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole):
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def select(self, draft_ids: Sequence[str]) -> None:
        """Select these drafts in the table (the first of them becomes the current row)."""

        wanted = set(draft_ids)
        model = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        model.clearSelection()
        first = True
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is None or item.data(Qt.ItemDataRole.UserRole) not in wanted:
                continue
            index = self.table.model().index(row, 0)
            if first:
                model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                first = False
            model.select(index, flags)
        self._enable()

    def _enable(self) -> None:
        chosen = bool(self.selected_ids())
        for button in (self.open_button, self.assign_button, self.delete_button):
            button.setEnabled(chosen)
        self.undo_action.setEnabled(bool(self._undo))
        self.undo_button.setVisible(bool(self._undo) and self.isVisible() and self.undo_button.parent() is not None)

    def _say(self, text: str) -> None:
        self.status_message.emit(text)

    def _inform(self, title: str, text: str, *, error: bool = False, details: str = "") -> QMessageBox:
        self.last_message = inform(self, title, text, error=error, details=details)
        return self.last_message

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._enable()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.undo_button.hide()

    # --- open, assign, delete, undo -----------------------------------------------------------------------------

    def open_current(self) -> DraftDialog | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        draft_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not draft_id:
            ids = self.selected_ids()
            if not ids:
                return None
            draft_id = ids[0]
        return self.open_draft(str(draft_id))

    def open_draft(self, draft_id: str) -> DraftDialog | None:
        from algoinventaris.storage.errors import StorageError

        try:
            dialog = DraftDialog(self.repo, draft_id, self.lang, self)
        except StorageError as err:
            self._inform(self.tr("Concept niet te openen"), str(err), error=True)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.draft_shown.emit(dialog)
        return dialog

    def ask_assign(self) -> AssignDialog | None:
        ids = self.selected_ids()
        if not ids:
            return None
        by_id = {d.id: d for d in self._drafts}
        currents = {by_id[i].unit for i in ids if i in by_id}
        units = sorted({*self._round_units, *(d.unit for d in self._drafts if d.unit)}, key=str.casefold)
        dialog = AssignDialog(units, self._round_units, currents.pop() if len(currents) == 1 else "", len(ids), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.assign(ids, dialog.chosen()))
        dialog.open()
        return dialog

    def assign(self, draft_ids: Sequence[str], unit: str) -> bool:
        """Assign the drafts to a unit ("" = not yet assigned), with undo."""
        from algoinventaris.storage.errors import StorageError

        by_id = {d.id: d for d in self._drafts}
        done: list[tuple[str, str, str]] = []
        try:
            for draft_id in draft_ids:
                before = by_id[draft_id].unit if draft_id in by_id else self.repo.get_draft(draft_id).unit
                draft = self.repo.assign_draft(draft_id, unit, actor=self.actor)
                done.append((draft_id, draft.name, before))
        except StorageError as err:
            self._inform(self.tr("Niet toegewezen"), str(err), error=True)
        if done:
            self._undo.append(("assign", done))
            what = f"'{done[0][1]}'" if len(done) == 1 else self.tr("%1 concepten").replace("%1", str(len(done)))
            self._say(self.tr("%1 toegewezen aan %2. Ongedaan maken: Ctrl+Z.").replace("%1", what).replace("%2", TEXTS.unit(unit)))
        self._load()
        self.drafts_changed.emit()
        return len(done) == len(draft_ids)

    def delete_selected(self) -> bool:
        ids = self.selected_ids()
        return self.delete(ids) if ids else False

    def delete(self, draft_ids: Sequence[str]) -> bool:
        """Delete the drafts (soft: restore_draft brings them back), with undo."""
        from algoinventaris.storage.errors import StorageError

        done: list[tuple[str, str, str]] = []
        try:
            for draft_id in draft_ids:
                draft = self.repo.delete_draft(draft_id, actor=self.actor)
                done.append((draft_id, draft.name, draft.unit))
        except StorageError as err:
            self._inform(self.tr("Niet verwijderd"), str(err), error=True)
        if done:
            self._undo.append(("delete", done))
            what = f"'{done[0][1]}'" if len(done) == 1 else self.tr("%1 concepten").replace("%1", str(len(done)))
            self._say(self.tr("%1 verwijderd. Ongedaan maken: Ctrl+Z.").replace("%1", what))
        self._load()
        self.drafts_changed.emit()
        return len(done) == len(draft_ids)

    def undo(self) -> bool:
        """Take the last assignment or deletion back."""
        from algoinventaris.storage.errors import StorageError

        if not self._undo:
            return False
        kind, done = self._undo.pop()
        try:
            for draft_id, _name, before in done:
                if kind == "delete":
                    self.repo.restore_draft(draft_id, actor=self.actor)
                else:
                    self.repo.assign_draft(draft_id, before, actor=self.actor)
        except StorageError as err:
            self._inform(self.tr("Niet ongedaan gemaakt"), str(err), error=True)
            self._load()
            return False
        what = f"'{done[0][1]}'" if len(done) == 1 else self.tr("%1 concepten").replace("%1", str(len(done)))
        self._say((self.tr("%1 teruggezet.") if kind == "delete" else self.tr("Toewijzing van %1 teruggedraaid.")).replace("%1", what))
        self._load()
        self.select([draft_id for draft_id, _n, _b in done])
        self.drafts_changed.emit()
        return True

    # --- work in the background ----------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """The window closes: stop background work here and in open spreadsheet dialogs, and wait for it to end."""
        for dialog in self.findChildren(QDialog):
            runner = getattr(dialog, "runner", None)
            if isinstance(runner, TaskRunner):
                runner.stop()
        self.runner.stop()

    def cancel(self) -> None:
        if self.runner.busy:
            self.runner.cancel()
            self.current.setText(self.tr("Afbreken…"))

    def _start(self, work: Work, text: str, then: Callable[[Any], object]) -> bool:
        if self.runner.busy:
            self._inform(self.tr("Even wachten"), self.tr("Er loopt nog een import; wacht tot die klaar is of breek hem af."))
            return False
        self._show_busy(True)
        for button in (self.register_button, self.sheet_button):
            button.setEnabled(False)
        return self.runner.start(work, then, text)

    def _show_busy(self, busy: bool) -> None:
        for widget in (self.progress, self.current, self.stop_button):
            widget.setVisible(busy)
        self.stop_button.setEnabled(busy)

    def _on_failed(self, err: Any) -> None:
        from algoinventaris.cdo.drafts import DraftReadError
        from algoinventaris.domain.register_import import RegisterImportError

        if isinstance(err, Cancelled):
            self._say(self.tr("Afgebroken; er is niets opgeslagen."))
        elif isinstance(err, DraftReadError):
            self._inform(self.tr("Bestand niet te lezen"),
                         self.tr("Er is niets opgeslagen, want niet elk bestand is te lezen:") + "\n\n"
                         + "\n".join(f"• {p}" for p in err.problems), error=True)
        elif isinstance(err, RegisterImportError):
            self._inform(self.tr("Bestand niet te lezen"), error_text(err, self.lang) + "\n\n" + self.tr("Er is niets opgeslagen."),
                         error=True)
        else:
            self._inform(self.tr("Niet gelukt"), error_text(err, self.lang) + "\n\n" + self.tr("Er is niets opgeslagen."),
                         error=True)

    def _on_finished(self) -> None:
        self._show_busy(False)
        name = self.current_round()
        for button in (self.register_button, self.sheet_button):
            button.setEnabled(bool(name))

    # --- register files ----------------------------------------------------------------------------------------------

    def choose_register_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Registerbestanden kiezen"), "",
                                                self.tr("Registerbestanden (*.json *.csv *.xlsx);;Alle bestanden (*)"))
        if files:
            self.import_register_files(files)

    def _need_round(self) -> str | None:
        name = self.current_round()
        if not name:
            self._inform(self.tr("Geen ronde"), self.tr("Maak eerst een ronde met 'algoinventaris cdo round create'; concepten horen "
                                                        "altijd bij een ronde."))
            return None
        return name

    def import_register_files(self, paths: Sequence[str | Path]) -> bool:
        """Read register files in the background, then show the preview; nothing is written before "Overnemen"."""
        round_name = self._need_round()
        if round_name is None:
            return False
        repo, lang, files = self.repo, self.lang, [Path(p) for p in paths]
        reading = self.tr("Lezen: %1 (%2 van %3)")

        def work(report: Report) -> Any:
            from algoinventaris.cdo.drafts import import_register_files

            def read(done: int, total: int, name: str) -> None:
                report(done, total, reading.replace("%1", name).replace("%2", str(done + 1)).replace("%3", str(total)) if name else "")

            return import_register_files(repo, files, round_name=round_name, lang=lang, progress=read)

        return self._start(work, self.tr("Registerbestanden lezen…"), self.show_plan)

    def show_plan(self, plan: Any) -> PlanDialog:
        """The preview of a register import; "Overnemen" stores it."""
        dialog = PlanDialog(plan, self.lang, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply(plan))
        dialog.rejected.connect(lambda: self._say(self.tr("Geannuleerd; er is niets opgeslagen.")))
        dialog.open()
        self.plan_shown.emit(dialog)
        return dialog

    def apply(self, plan: Any) -> bool:
        """Store a plan (one transaction, in the background); the table refreshes afterwards."""
        repo, actor = self.repo, self.actor

        def work(_report: Report) -> Any:
            from algoinventaris.cdo.drafts import apply_plan

            counts = apply_plan(repo, plan, actor=actor)
            return counts, RoundDrafts.read(repo, plan.round)   # read here too: thousands of drafts take a while

        return self._start(work, self.tr("Concepten opslaan…"), lambda result: self.stored(plan, *result))

    def stored(self, plan: Any, counts: dict[str, int], read: RoundDrafts | None = None) -> None:
        """After a plan was stored: show the round, refresh, say what happened."""
        if plan.round != self.current_round():
            self.round_box.blockSignals(True)
            self.round_box.setCurrentText(plan.round)
            self.round_box.blockSignals(False)
        self._load(read)
        self._say(self.tr("Overgenomen in ronde '%1': %2 nieuw, %3 bijgewerkt, %4 ongewijzigd.").replace("%1", plan.round)
                  .replace("%2", str(counts.get("new", 0))).replace("%3", str(counts.get("update", 0)))
                  .replace("%4", str(counts.get("unchanged", 0))))
        self.drafts_changed.emit()

    # --- last year's spreadsheet ---------------------------------------------------------------------------------------

    def choose_spreadsheet(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Spreadsheet van vorig jaar kiezen"), "",
                                              self.tr("Spreadsheets (*.xlsx *.csv);;Alle bestanden (*)"))
        if name:
            self.import_spreadsheet(name)

    def import_spreadsheet(self, path: str | Path) -> bool:
        """Read the sheet in the background, then open the mapping step; nothing is written before "Overnemen"."""
        round_name = self._need_round()
        if round_name is None:
            return False
        repo, lang, file = self.repo, self.lang, Path(path)

        def work(_report: Report) -> Any:
            from algoinventaris.cdo.drafts import plan_import
            from algoinventaris.domain import sheet_import as si
            from algoinventaris.domain.drafts import SOURCE_SPREADSHEET

            form = si.default_form()
            plan_import(repo, [], round_name=round_name, source=SOURCE_SPREADSHEET, lang=lang, form=form)  # the round is usable
            return si.read_table(file, lang)

        return self._start(work, self.tr("Lezen: %1").replace("%1", file.name), lambda t: self.show_mapping(t, round_name))

    def show_mapping(self, sheet: Any, round_name: str) -> QDialog:
        from algoinventaris.ui.cdo.mapping_dialog import MappingDialog

        dialog = MappingDialog(self.repo, sheet, round_name, self.actor, lang=self.lang, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.stored.connect(lambda plan, counts: self.stored(plan, counts))
        dialog.rejected.connect(lambda: self._say(self.tr("Geannuleerd; er is niets opgeslagen.")))
        dialog.open()
        self.mapping_shown.emit(dialog)
        return dialog

