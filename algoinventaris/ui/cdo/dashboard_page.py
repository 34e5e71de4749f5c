"""The Dashboard tab: per round A/B/C per unit, units not delivered, high-risk without human-rights test,
A/B not published and why, changes since the previous round; double-click opens the submission."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from algoinventaris.cdo.records import CATEGORY_KEYS
from algoinventaris.cdo.texts import HRT_STATUS, not_published_text, pick
from algoinventaris.ui.cdo.common import fill, labelled_combo, row_data, show_rounds, table


class DashboardPage(QWidget):
    """One round at a glance."""

    open_submission = Signal(int)  # row id

    def __init__(self, repo: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.lang = "nl"
        self.dashboard: Any = None
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        label, self.round_box = labelled_combo(self.tr("&Ronde:"), "roundBox", 24)
        self.round_box.currentTextChanged.connect(self._show_round)
        top.addWidget(label)
        top.addWidget(self.round_box)
        self.totals = QLabel("")
        self.totals.setObjectName("dashboardTotals")
        top.addWidget(self.totals, 1)
        outer.addLayout(top)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        grid = QGridLayout(body)
        self.units = table([self.tr("Onderdeel"), "A", "B", "C", "?", self.tr("Totaal")], "unitCounts")
        self.not_delivered = table([self.tr("Onderdeel")], "notDelivered")
        self.no_test = table([self.tr("Algoritme"), self.tr("Onderdeel"), self.tr("Mensenrechtentoets")], "noHumanRightsTest")
        self.unpublished = table([self.tr("Algoritme"), self.tr("Onderdeel"), self.tr("Cat."), self.tr("Waarom niet")], "unpublished")
        self.changes = table([self.tr("Algoritme"), self.tr("Onderdeel"), self.tr("Verandering")], "changes")
        self.changes_box = QGroupBox(self.tr("Veranderingen sinds de vorige ronde"))
        boxes = [
            (QGroupBox(self.tr("Categorieën per onderdeel")), self.units, 0, 0),
            (QGroupBox(self.tr("Niet aangeleverd")), self.not_delivered, 0, 1),
            (QGroupBox(self.tr("Hoog risico zonder afgeronde mensenrechtentoets")), self.no_test, 1, 0),
            (QGroupBox(self.tr("Categorie A/B niet gepubliceerd")), self.unpublished, 1, 1),
            (self.changes_box, self.changes, 2, 0),
        ]
        for box, widget, row, col in boxes:
            inner = QVBoxLayout(box)
            inner.addWidget(widget)
            widget.setMinimumHeight(150)
            grid.addWidget(box, row, col, 1, 2 if box is self.changes_box else 1)
        for widget in (self.no_test, self.unpublished, self.changes):
            widget.doubleClicked.connect(lambda _index, w=widget: self._open(w))
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

    def refresh(self) -> None:
        """Reload the rounds (keeping the chosen one when it is still there) and the figures."""
        names = [r.name for r in self.repo.list_rounds()]
        show_rounds(self.round_box, names)
        if names:
            self._show_round(self.round_box.currentText())
        else:
            self.totals.setText(self.tr("Nog geen rondes: importeer pakketten of leg een ronde vast (cdo round add)."))

    def _show_round(self, name: str) -> None:
        from algoinventaris.cdo.dashboard import build_dashboard

        if not name:
            return
        dash = build_dashboard(self.repo, name)
        self.dashboard = dash
        totals = dash.totals
        self.totals.setText(self.tr("%1 algoritmes: %2 A, %3 B, %4 C, %5 onbekend")
                            .replace("%1", str(totals["total"])).replace("%2", str(totals["A"]))
                            .replace("%3", str(totals["B"])).replace("%4", str(totals["C"])).replace("%5", str(totals["?"])))
        fill(self.units, [[c.unit, *[c.get(k) for k in (*CATEGORY_KEYS, "?")], c.total] for c in dash.units])
        fill(self.not_delivered, [[u] for u in dash.not_delivered])
        fill(self.no_test, [[s.algorithm_name, s.unit, pick(HRT_STATUS, s.human_rights_test, self.lang, self.tr("niet opgegeven"))]
                            for s in dash.high_risk_without_test], [s.id for s in dash.high_risk_without_test])
        fill(self.unpublished, [[s.algorithm_name, s.unit, s.category, not_published_text(s.not_published_reason, self.lang)]
                                for s in dash.unpublished], [s.id for s in dash.unpublished])
        if dash.previous:
            self.changes_box.setTitle(self.tr("Veranderingen sinds %1").replace("%1", dash.previous))
        else:
            self.changes_box.setTitle(self.tr("Veranderingen sinds de vorige ronde (er is geen vorige ronde)"))
        fill(self.changes, [[c.algorithm, c.unit, c.describe(self.lang)] for c in dash.changes], [c.row_id for c in dash.changes])

    def _open(self, widget: QTableWidget) -> None:
        row_id = row_data(widget)
        if isinstance(row_id, int):
            self.open_submission.emit(row_id)
