"""GUI smoke test: the main window opens offscreen with its title."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from algoinventaris.ui.main_window import MainWindow


@pytest.mark.gui
def test_main_window_shows(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Algoritme-inventaris"
