"""The welcome on the very first start: what the app is for, and Beginnen, Rondebestand openen… or Sleutel maken.

app.py reads SHOWN_KEY before the first paint, so importing this module loads no more than that
needs: `Qt` and the widgets module are imported when the dialog is made.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

translate = QCoreApplication.translate

SHOWN_KEY = "app/welcome_shown"


class WelcomeDialog(QDialog):
    """Two sentences on the app and three ways to begin; shown once (the flag is kept in the preferences)."""

    start_requested = Signal()
    key_requested = Signal()
    round_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        from algoinventaris.ui.widgets import bold

        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        self.title = bold(QLabel(self))
        self.title.setObjectName("welcomeTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4 if font.pointSizeF() > 0 else 14)
        self.title.setFont(font)
        self.text = QLabel(self)
        self.text.setObjectName("welcomeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("startButton")
        self.start_button.setDefault(True)
        self.round_button = QPushButton(self)
        self.round_button.setObjectName("roundFileButton")
        self.key_button = QPushButton(self)
        self.key_button.setObjectName("makeKeyButton")
        row.addWidget(self.start_button)
        row.addWidget(self.round_button)
        row.addWidget(self.key_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.start_button.clicked.connect(self._start)
        self.key_button.clicked.connect(self.key_requested.emit)
        self.round_button.clicked.connect(self._round)
        self.retranslate()
        self.resize(max(self.sizeHint().width(), 600), self.sizeHint().height())
        self.start_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _start(self) -> None:
        self.accept()
        self.start_requested.emit()

    def _round(self) -> None:
        self.accept()
        self.round_requested.emit()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("WelcomeDialog", "Welkom"))
        self.title.setText(translate("WelcomeDialog", "Welkom bij Algoritme-inventaris"))
        self.text.setText(translate(
            "WelcomeDialog",
            "Met deze app zoek je per algoritme of AI-toepassing uit welke regels van de AI-verordening gelden, in "
            "welke categorie het valt en wat er in het Algoritmeregister komt. Je werkt op je eigen computer, elk "
            "antwoord wordt meteen bewaard, en aan het eind stuur je een ondertekend pakket naar de CDO van je "
            "organisatie."))
        self.text.setAccessibleName(self.text.text())
        self.start_button.setText(translate("WelcomeDialog", "&Beginnen"))
        self.start_button.setAccessibleName(translate("WelcomeDialog", "Beginnen met een nieuw algoritme"))
        self.round_button.setText(translate("WelcomeDialog", "&Rondebestand openen…"))
        self.round_button.setToolTip(translate("WelcomeDialog", "Het rondebestand openen dat je van de CDO kreeg"))
        self.round_button.setAccessibleName(translate("WelcomeDialog", "Rondebestand openen"))
        self.round_button.setAccessibleDescription(translate("WelcomeDialog", "Het rondebestand openen dat je van de CDO kreeg"))
        self.key_button.setText(translate("WelcomeDialog", "&Sleutel maken"))
        self.key_button.setAccessibleName(translate("WelcomeDialog", "Ondertekensleutel maken"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
