"""Guards against a PySide6 defect: 6.12.0 drops references to None and True that it hands back to Python.

Measured here with PySide6-Essentials 6.12.0 on Python 3.11: every call of a void Qt method (such as
label.setText(...) or widget.update()) lowers None's reference count by one, and every
`signal.emit()` lowers True's by one (6.11.3 does neither). After some thousands of calls (a few
hundred wizard steps) a count reaches zero and Python aborts with "Fatal Python error: none_dealloc"
or "bool_dealloc". From Python 3.12 on these objects are immortal and the defect is harmless.

`protect_singletons()` checks whether the running PySide6 has the defect and, only then, raises the
reference counts of None, True and False by 2**40 once, so that they cannot reach zero in any
session. These objects are never freed anyway, so nothing else changes. The real fix belongs in
PySide6 (or a version pin that skips 6.12.0); this keeps the app alive in the meantime.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)

RESERVE = 1 << 40
_applied = False


KNOWN_AFFECTED = ("6.12.0",)
# Measured here without the defect; these skip the probe (about 4 ms of every start). Others are probed.
KNOWN_UNAFFECTED = ("6.11.3",)


def drops_references(calls: int = 2000) -> bool:
    """True when void Qt calls lower None's count or signal emits lower True's (the PySide6 6.12.0 defect).

    Versions measured already are answered from the lists above; any other version is probed.
    """
    from PySide6 import __version__ as pyside_version

    if pyside_version in KNOWN_AFFECTED:
        return True
    if pyside_version in KNOWN_UNAFFECTED:
        return False
    return probe_drops(calls)


def probe_drops(calls: int = 2000) -> bool:
    """Measure it: many void calls and emits, and see whether None's or True's reference count falls.

    Other threads may take and release references meanwhile, so the probe makes many calls and asks
    for a loss of at least half of them, up to three times.
    """
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    for _ in range(3):
        none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
        for _ in range(calls):
            probe.setObjectName("probe")
            probe.ping.emit()
        if sys.getrefcount(None) <= none_before - calls // 2 or sys.getrefcount(True) <= true_before - calls // 2:
            return True
    return False


def protect_singletons() -> bool:
    """Apply the guard when needed; returns True when it is in place (applied now or before)."""
    global _applied
    if _applied:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False
    if not drops_references():
        return False
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += RESERVE
    _applied = True
    from PySide6 import __version__ as pyside_version

    log.info("PySide6 %s drops references to None and True; guard applied (algoinventaris/ui/qtfix.py)", pyside_version)
    return True
