"""Work in a worker thread for the CDO window: the package import, and any other job with progress, cancel and an outcome."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar

Report = Callable[..., None]   # report(done, total, text="") from inside a job; raises Cancelled when stopped
Work = Callable[[Report], Any]


class Cancelled(Exception):
    """The person stopped the work; nothing was written."""


def _thread_for(worker: QObject, parent: QObject) -> QThread:
    """A new thread (not started yet) with the worker moved into it; starting the thread runs `worker.run`."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)  # type: ignore[attr-defined]
    return thread


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
    thread = _thread_for(worker, parent)
    worker.finished.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread


class _Job(QObject):
    """One function run in a worker thread; reports through signals (delivered in the window's thread)."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, work: Work, cancelled: Callable[[], bool]) -> None:
        super().__init__()
        self._work = work
        self._cancelled = cancelled

    def _report(self, done: int, total: int, text: str = "") -> None:
        if self._cancelled():
            raise Cancelled()
        self.progress.emit(done, total, text)

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self._report)
        except Exception as err:  # handed to the window, which says what went wrong
            self.failed.emit(err)
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class TaskRunner(QObject):
    """Runs one piece of work at a time in a worker thread so the window keeps responding.

    Once the worker thread has ended, in the window's thread (so a handler may start the next piece of work right
    away): on success the `then` given to start() is called with the result and `succeeded(result)` is emitted, on
    failure `failed(exception)`; then `finished()`. With show_progress() a progress bar and a label follow the work.
    """

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._job: _Job | None = None
        self._cancel = False
        self._outcome: tuple[bool, Any] | None = None
        self._then: Callable[[Any], object] | None = None
        self._bar: QProgressBar | None = None
        self._label: QLabel | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def show_progress(self, bar: QProgressBar, label: QLabel) -> None:
        """Show the work's progress in `bar` (moving to and fro until it reports a total) and its texts in `label`."""
        self._bar, self._label = bar, label

    def start(self, work: Work, then: Callable[[Any], object] | None = None, text: str = "") -> bool:
        """Run work(report) in a new thread, then `then(result)` when it succeeded; False when work is still running.

        `text` says what is being done (in the label given to show_progress) until the work reports its own texts.
        """
        if self.busy:
            return False
        self._cancel = False
        self._outcome = None
        self._then = then
        if self._bar is not None:
            self._bar.setRange(0, 0)
        if self._label is not None:
            self._label.setText(text)
        job = _Job(work, lambda: self._cancel)
        thread = _thread_for(job, self)
        job.progress.connect(self._on_progress)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)  # also while the window thread waits
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._job = thread, job
        thread.start()
        return True

    def cancel(self) -> None:
        """Ask the work to stop at its next report (it then fails with Cancelled)."""
        self._cancel = True

    def wait(self, ms: int = 60000) -> bool:
        """Block until the worker thread has ended (closing, tests); True when it has."""
        return self._thread.wait(ms) if self._thread is not None else True

    def stop(self) -> None:
        """Cancel the work, if there is any, and wait until its thread has ended."""
        if self.busy:
            self.cancel()
            self.wait()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0 and self._bar is not None:
            self._bar.setRange(0, total)
            self._bar.setValue(done)
        if text and self._label is not None:
            self._label.setText(text)
        self.progress.emit(done, total, text)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._outcome = (True, result)

    @Slot(object)
    def _on_failed(self, err: object) -> None:
        self._outcome = (False, err)

    @Slot()
    def _on_thread_finished(self) -> None:
        thread, job = self._thread, self._job
        self._thread = self._job = None
        if thread is not None:
            thread.wait()
            thread.deleteLater()
        if job is not None:
            job.deleteLater()
        outcome, self._outcome = self._outcome, None
        then, self._then = self._then, None
        if outcome is not None:
            if outcome[0] and then is not None:
                then(outcome[1])
            (self.succeeded if outcome[0] else self.failed).emit(outcome[1])
        self.finished.emit()


class RunsWork:
    """Mixin for a part of the window that runs its work with a TaskRunner in `self.runner`."""

    runner: TaskRunner

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def wait(self, ms: int = 60000) -> None:
        """Closing and tests: wait until background work has ended."""
        self.runner.wait(ms)


def error_text(err: BaseException, lang: str) -> str:
    """An exception from the import code as a message for a person, in the language when it has one."""
    from algoinventaris.package.errors import PackageError

    if isinstance(err, PackageError):
        return err.text(lang)
    if isinstance(err, (OSError, ValueError, LookupError)) or type(err).__module__.startswith("algoinventaris"):
        return str(err)
    return f"{type(err).__name__}: {err}"
