"""The CDO window's TaskRunner: progress in a bar and a label, `then` with the result, failures and cancel."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QProgressBar

from algoinventaris.ui.cdo.worker import Cancelled, TaskRunner

pytestmark = pytest.mark.gui


def test_progress_is_shown_and_then_runs_before_succeeded_and_finished(qtbot: Any) -> None:
    bar, label = QProgressBar(), QLabel()
    qtbot.addWidget(bar)
    qtbot.addWidget(label)
    runner = TaskRunner()
    runner.show_progress(bar, label)
    events: list[Any] = []
    runner.succeeded.connect(lambda result: events.append(("succeeded", result)))
    runner.finished.connect(lambda: events.append("finished"))
    go_on = threading.Event()

    def work(report: Any) -> int:
        report(2, 5, "stap 2")
        assert go_on.wait(30)
        return 42

    def then(result: int) -> None:
        events.append(("then", result))
        assert not runner.busy and runner.start(lambda _report: 7)   # the next piece of work may start right here

    assert runner.start(work, then, "beginnen…")
    assert (bar.minimum(), bar.maximum()) == (0, 0) and label.text() == "beginnen…"   # busy until the work reports
    assert not runner.start(work)                                                      # one piece of work at a time
    qtbot.waitUntil(lambda: label.text() == "stap 2", timeout=30_000)
    assert (bar.maximum(), bar.value()) == (5, 2)
    with qtbot.waitSignal(runner.succeeded, timeout=30_000):
        go_on.set()
    assert events == [("then", 42), ("succeeded", 42), "finished"]
    qtbot.waitUntil(lambda: events[-1] == "finished" and len(events) == 5, timeout=30_000)
    assert events[3] == ("succeeded", 7) and not runner.busy


def test_a_failure_or_cancel_skips_then(qtbot: Any) -> None:
    runner = TaskRunner()
    failures: list[Any] = []
    called: list[Any] = []
    runner.failed.connect(failures.append)
    with qtbot.waitSignal(runner.finished, timeout=30_000):
        runner.start(lambda _report: 1 / 0, called.append)
    assert isinstance(failures[-1], ZeroDivisionError) and called == []

    started = threading.Event()

    def endless(report: Any) -> None:
        started.set()
        while True:
            report(0, 0, "")
            time.sleep(0.005)

    with qtbot.waitSignal(runner.finished, timeout=30_000):
        runner.start(endless, called.append)
        assert started.wait(30)
        runner.cancel()
    assert isinstance(failures[-1], Cancelled) and called == [] and runner.wait(0)
