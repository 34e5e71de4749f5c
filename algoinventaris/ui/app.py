"""Starts the Qt application and shows the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from algoinventaris.ui.main_window import MainWindow


def run_app(argv: Sequence[str] = ()) -> int:
    """Create the QApplication, show the main window and run the event loop."""
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("Algoritme-inventaris")
    app.setOrganizationName("algoinventaris")
    window = MainWindow()
    window.show()
    return int(app.exec())
