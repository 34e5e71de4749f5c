"""The main window: the first screen an algorithm owner sees."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from algoinventaris import __version__


class MainWindow(QMainWindow):
    """Top-level window of the app."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Algoritme-inventaris")
        self.resize(960, 640)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        title = QLabel("<h1>Algoritme-inventaris</h1>", central)
        intro = QLabel(
            "Met deze app inventariseert u de algoritmes en AI-systemen van uw organisatie: "
            "welke regels van de AI-verordening gelden, en wat in het Algoritmeregister komt.",
            central,
        )
        intro.setWordWrap(True)
        version = QLabel(f"Versie {__version__}", central)
        version.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addStretch(1)
        layout.addWidget(version)
        self.setCentralWidget(central)
