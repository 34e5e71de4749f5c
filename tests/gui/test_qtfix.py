"""The guard against PySide6 6.12.0 dropping references to None and True keeps long sessions alive."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

import algoinventaris.ui  # noqa: F401 - importing the UI applies the guard
from algoinventaris.ui import qtfix


class Pinger(QObject):
    """A QObject with a signal, to emit many times."""

    ping = Signal()


def test_singletons_cannot_run_out_of_references() -> None:
    if sys.version_info >= (3, 12):
        pytest.skip("None, True and False are immortal from Python 3.12 on")
    if not qtfix.drops_references():
        pytest.skip("this PySide6 does not drop references; nothing to guard")
    assert qtfix.protect_singletons()
    probe = Pinger()
    for _ in range(50_000):  # far more calls than a long working day of clicking
        probe.setObjectName("x")
        probe.ping.emit()
    for singleton in (None, True, False):
        assert sys.getrefcount(singleton) > qtfix.RESERVE // 2


def test_the_versions_that_skip_the_probe_really_are_unaffected() -> None:
    from PySide6 import __version__ as pyside_version

    if sys.version_info >= (3, 12) or pyside_version not in qtfix.KNOWN_UNAFFECTED + qtfix.KNOWN_AFFECTED:
        pytest.skip(f"PySide6 {pyside_version} is probed at start-up; no list to check")
    assert qtfix.probe_drops() is (pyside_version in qtfix.KNOWN_AFFECTED)
