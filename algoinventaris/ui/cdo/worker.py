"""Runs an import in a worker thread and reports progress and each package's outcome to the window through signals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot


class ImportWorker(QObject):
    """Imports paths with the CDO pipeline; lives in its own QThread; cancel() stops after the current package."""

    progress = Signal(int, int, str)
    outcome = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, repo: Any, paths: Sequence[str], actor: str) -> None:
        super().__init__()
        self._repo = repo
        self._paths = list(paths)
        self._actor = actor
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    @Slot()
    def run(self) -> None:
        from algoinventaris.cdo.pipeline import Importer
        from algoinventaris.storage.errors import StorageError

        try:
            importer = Importer(self._repo, actor=self._actor)
            for result in importer.import_paths(self._paths, progress=self.progress.emit, cancelled=lambda: self._cancel):
                self.outcome.emit(result)
        except StorageError as err:
            self.failed.emit(str(err))
        except Exception as err:
            self.failed.emit(f"{type(err).__name__}: {err}")
        finally:
            self.finished.emit()


def start_worker(worker: ImportWorker, parent: QObject) -> QThread:
    """Move the worker to a new thread, start it, and clean both up when it finishes."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread
