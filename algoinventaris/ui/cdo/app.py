"""Starts the CDO workspace as its own window (`algoinventaris cdo`), or opens it from the start screen ("CDO-modus")."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from algoinventaris.ui.cdo.window import CdoMainWindow


def open_cdo_window(db: str | None = None, *, actor: str | None = None, lang: str = "nl",
                    parent: QWidget | None = None) -> CdoMainWindow | None:
    """Open the CDO database (default: ALGOINVENTARIS_CDO_DB or cdo.sqlite3 in the data folder) in a new window.

    Returns the window (shown), or None after telling the person why the database cannot be opened.
    """
    from algoinventaris.cdo.pipeline import default_actor
    from algoinventaris.storage.cdo import StorageError, open_cdo_db

    try:
        repo = open_cdo_db(db)
    except StorageError as err:
        box = QMessageBox(QMessageBox.Icon.Critical, "Algoritme-inventaris",
                          QApplication.translate("CdoApp", "De CDO-database kan niet worden geopend."),
                          QMessageBox.StandardButton.Ok, parent)
        box.setInformativeText(str(err))
        box.exec()
        return None
    window = CdoMainWindow(repo, actor or default_actor(), lang=lang, parent=parent)
    window.destroyed.connect(lambda *_args: repo.close())
    window.show()
    return window


def run_cdo_app(db: str | None = None, *, actor: str | None = None) -> int:
    """`algoinventaris cdo`: the QApplication with the CDO window as its main window."""
    existing = QApplication.instance()
    app: Any = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0] if sys.argv else "algoinventaris"])
    app.setApplicationName("Algoritme-inventaris")
    app.setOrganizationName("algoinventaris")
    app.setStyle("Fusion")
    lang = "nl"
    try:
        from algoinventaris.ui.i18n import Languages
        from algoinventaris.ui.preferences import Preferences

        lang = Preferences().language
        Languages(app).set_language(lang)
    except ImportError:  # pragma: no cover - part of the app
        pass
    window = open_cdo_window(db, actor=actor, lang=lang)
    if window is None:
        return 3
    return int(app.exec())
