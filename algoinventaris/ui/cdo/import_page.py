"""The Import tab: pick a folder or files, or drop them; a progress bar while the worker imports; a table of results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from algoinventaris.ui.cdo.common import colour_result, fill, inform, table
from algoinventaris.ui.cdo.worker import ImportWorker, start_worker


def _droppable(path: Path) -> bool:
    return path.is_dir() or path.suffix.lower() == ".zip"


class ImportPage(QWidget):
    """Starts imports and shows what became of each package."""

    import_finished = Signal(list)  # the ImportOutcome objects of the run

    def __init__(self, repo: Any, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.actor = actor
        self.outcomes: list[Any] = []
        self.lang = "nl"
        self._worker: ImportWorker | None = None
        self._thread: QThread | None = None
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        self.drop = QLabel(self.tr("Sleep een map met pakketten of losse zip-bestanden hierheen,\nof kies ze met de knoppen."))
        self.drop.setObjectName("dropZone")
        self.drop.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop.setMinimumHeight(70)
        self.drop.setStyleSheet("QLabel#dropZone { border: 2px dashed #8a9099; border-radius: 6px; padding: 12px; }")
        layout.addWidget(self.drop)
        buttons = QHBoxLayout()
        self.folder_button = QPushButton(self.tr("&Map kiezen…"))
        self.files_button = QPushButton(self.tr("&Bestanden kiezen…"))
        self.cancel_button = QPushButton(self.tr("&Stoppen"))
        self.cancel_button.setEnabled(False)
        self.folder_button.clicked.connect(self.choose_folder)
        self.files_button.clicked.connect(self.choose_files)
        self.cancel_button.clicked.connect(self.cancel)
        for button in (self.folder_button, self.files_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setVisible(False)
        self.progress.setFormat(self.tr("%v van %m"))
        layout.addWidget(self.progress)
        self.current = QLabel("")
        self.current.setObjectName("importCurrent")
        layout.addWidget(self.current)
        self.results = table([self.tr("Bestand"), self.tr("Resultaat"), self.tr("Algoritme"), self.tr("Onderdeel"),
                              self.tr("Categorie"), self.tr("Reden")], "importResults")
        self.results.setAccessibleName(self.tr("Resultaten van de import"))
        layout.addWidget(self.results, 1)
        self.summary = QLabel("")
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    # --- starting --------------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Map met pakketten kiezen"))
        if folder:
            self.start_import([folder])

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Pakketten kiezen"), "", self.tr("Pakketten (*.zip)"))
        if files:
            self.start_import(files)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() and _droppable(Path(u.toLocalFile())) for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def start_import(self, paths: list[str]) -> bool:
        """Import the paths in a worker thread; False when an import is already running."""
        if self.busy:
            inform(self, self.tr("Import loopt nog"), self.tr("Wacht tot de lopende import klaar is, of stop hem eerst."))
            return False
        self.outcomes = []
        fill(self.results, [])
        self.summary.setText("")
        self.progress.setRange(0, 0)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.current.setText(self.tr("Pakketten zoeken…"))
        for button in (self.folder_button, self.files_button):
            button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        worker = ImportWorker(self.repo, paths, self.actor)
        worker.progress.connect(self._on_progress)
        worker.outcome.connect(self._on_outcome)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        self._worker = worker
        self._thread = start_worker(worker, self)
        return True

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.current.setText(self.tr("Stoppen na het huidige pakket…"))

    def wait(self, ms: int = 30000) -> None:
        """For tests and closing: wait until the worker thread has ended."""
        if self._thread is not None:
            self._thread.wait(ms)

    # --- progress ----------------------------------------------------------------------------------------

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.current.setText(self.tr("Bezig met %1").replace("%1", name) if name else "")

    def _on_outcome(self, outcome: Any) -> None:
        self.outcomes.append(outcome)
        lang = self.lang
        row = self.results.rowCount()
        self.results.setSortingEnabled(False)
        self.results.insertRow(row)
        values = [Path(outcome.file).name, outcome.result_text(lang), outcome.algorithm or "", outcome.unit or "",
                  outcome.category or "", outcome.reason(lang)]
        for col, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(outcome.reason(lang) if col == 5 else value)
            self.results.setItem(row, col, item)
        colour_result(self.results.item(row, 1), outcome.result)
        self.results.scrollToBottom()

    def _on_failed(self, message: str) -> None:
        inform(self, self.tr("Import afgebroken"), self.tr("De import is afgebroken; wat al was geïmporteerd blijft bewaard."),
               error=True, details=message)

    def _on_finished(self) -> None:
        self._worker = None
        self.progress.setVisible(False)
        self.current.setText("")
        for button in (self.folder_button, self.files_button):
            button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.results.resizeColumnsToContents()
        for c in range(self.results.columnCount()):
            self.results.setColumnWidth(c, min(self.results.columnWidth(c), 420))
        counts: dict[str, int] = {}
        for outcome in self.outcomes:
            counts[outcome.result] = counts.get(outcome.result, 0) + 1
        imported = counts.get("imported", 0) + counts.get("superseded", 0)
        if not self.outcomes:
            self.summary.setText(self.tr("Geen pakketten (*.zip) gevonden."))
        else:
            parts = [self.tr("%n geïmporteerd", "", imported), self.tr("%n dubbel", "", counts.get("duplicate", 0)),
                     self.tr("%n in quarantaine", "", counts.get("quarantined", 0)),
                     self.tr("%n geweigerd", "", counts.get("refused", 0))]
            self.summary.setText(", ".join(parts) + ".")
        self.import_finished.emit(list(self.outcomes))
