"""The first start (welcome, data folder, signing key), Help → Over, and the dialog for an unexpected error."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer, qVersion
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from algoinventaris import __version__, config
from algoinventaris.ui.about import AboutDialog
from algoinventaris.ui.app import install_error_hook, is_first_run
from algoinventaris.ui.export_dialog import KeyDialog
from algoinventaris.ui.main_window import MainWindow
from algoinventaris.ui.preferences import Preferences
from algoinventaris.ui.welcome import SHOWN_KEY, WelcomeDialog
from tests.conftest import FORMS
from tests.gui.helpers import message_boxes, start_window

pytestmark = pytest.mark.gui


def test_first_start_shows_the_welcome_once(qtbot: Any, tmp_path: Path, languages: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "nieuw" / "gegevens"
    monkeypatch.setenv("ALGOINVENTARIS_DATA_DIR", str(data))
    prefs = Preferences()
    assert is_first_run(prefs)
    window = MainWindow(languages=languages, prefs=prefs, first_run=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.findChild(WelcomeDialog, "welcomeDialog") is not None)
    welcome = window.findChild(WelcomeDialog, "welcomeDialog")
    assert welcome is not None
    qtbot.waitUntil(welcome.isVisible)
    assert welcome.text.text().startswith("Met deze app ")
    assert welcome.text.text().count(". ") + 1 == 2  # two sentences
    assert welcome.start_button.text() == "&Beginnen" and welcome.start_button.isEnabled()
    assert welcome.round_button.isEnabled() and welcome.round_button.toolTip() != "volgt"
    assert welcome.key_button.isEnabled()
    assert data.is_dir()  # the data folder is made
    assert Preferences().get_bool(SHOWN_KEY)  # and the welcome is never shown again
    assert not is_first_run(Preferences())
    # Sleutel maken: the same key dialog as the first export
    welcome.key_button.click()
    keys = welcome.findChild(KeyDialog, "keyDialog")
    assert keys is not None and keys.isVisible()
    assert "persoonlijke ondertekensleutel" in keys.intro.text()
    keys.fields.name_edit.setText("Fatima de Vries")
    keys.fields.passphrase_edit.setText("correct paard batterij")
    keys.fields.repeat_edit.setText("correct paard batterij")
    assert keys.create_key()
    from algoinventaris.package.keys import KeyStore, group_fingerprint

    store = KeyStore()
    assert store.has_ed25519() and store.signer_name() == "Fatima de Vries"
    assert group_fingerprint(store.ed25519_fingerprint()) in keys.result_label.text()
    assert keys.save_public_button.isVisible() and not keys.create_button.isVisible()
    keys.reject()
    # Beginnen: on to a new algorithm
    welcome.start_button.click()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QDialog, "newAlgorithmDialog")))
    for dialog in window.findChildren(QDialog, "newAlgorithmDialog"):
        dialog.reject()
    window.close()


def test_an_existing_database_is_no_first_start(qtbot: Any, tmp_path: Path) -> None:
    from algoinventaris.storage import open_owner_db

    open_owner_db(config.default_db_path()).close()
    assert not is_first_run(Preferences())


def test_about_names_version_forms_files_and_versions(qtbot: Any, tmp_path: Path, languages: Any) -> None:
    from algoinventaris.formengine.loader import load_form
    from algoinventaris.logsetup import log_file

    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    about = window.show_about()
    assert isinstance(about, AboutDialog) and about.isVisible()
    text = about.plain_text()
    assert text.startswith(f"Algoritme-inventaris {__version__}")
    for name in ("ai-act", "impact", "register"):
        form = load_form(FORMS / name)
        assert f"{form.id} {form.version} sha256:{form.content_hash[:12]}" in text
    assert str(config.data_dir()) in text and str(tmp_path / "owner.sqlite3") in text and str(log_file()) in text
    assert f"Python {sys.version.split()[0]}" in text and f"Qt {qVersion()}" in text
    assert "<code>" in about.text.text()
    about.copy()
    clipboard = QApplication.clipboard()
    assert clipboard is not None and clipboard.text() == text
    about.reject()


def test_an_unexpected_error_is_logged_shown_and_the_app_goes_on(qtbot: Any, tmp_path: Path, languages: Any,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    from algoinventaris.logsetup import log_file

    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    previous = sys.excepthook
    install_error_hook(window)
    try:
        try:
            raise ValueError("iets onverwachts in een knop")
        except ValueError as err:
            with caplog.at_level(logging.ERROR):
                sys.excepthook(type(err), err, err.__traceback__)
    finally:
        hook = sys.excepthook
        sys.excepthook = previous
    assert hook is not previous
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Traceback" in logged and "iets onverwachts in een knop" in logged
    boxes = [b for b in message_boxes(window) if b.icon() == QMessageBox.Icon.Critical]
    assert len(boxes) == 1
    box = boxes[0]
    assert "ValueError: iets onverwachts in een knop" in box.text()
    assert "Je antwoorden zijn bewaard" in box.text() and str(log_file()) in box.text()
    assert "Traceback" in box.detailedText()
    box.accept()
    # the window is still there and works
    assert window.isVisible() and window.repo is not None


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_reaches_the_dialog(qtbot: Any, tmp_path: Path, languages: Any) -> None:
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    previous = sys.excepthook
    install_error_hook(window)
    try:
        def broken() -> None:
            raise RuntimeError("kapot in een slot")

        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: any(b.isVisible() for b in message_boxes(window)), timeout=5000)
    finally:
        sys.excepthook = previous
    box = message_boxes(window)[0]
    assert "kapot in een slot" in box.text()
    box.accept()
    assert window.isVisible()


def test_the_new_dialogs_name_every_control(qtbot: Any, tmp_path: Path, languages: Any) -> None:
    from algoinventaris.ui.export_dialog import ExportDialog
    from tests.gui.test_accessibility import unnamed_controls

    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    alg = window.repo.create_algorithm("Parkeren", "Gemeente", "Team", "Inventarisatie 2026")
    export = ExportDialog(window, window.repo, alg, lang="nl", prefs=window.prefs, notes=["Nog niet af."])
    qtbot.addWidget(export)
    welcome = WelcomeDialog(window)
    qtbot.addWidget(welcome)
    keys = KeyDialog(window, "nl", tmp_path)
    qtbot.addWidget(keys)
    about = AboutDialog(window, tmp_path / "owner.sqlite3", window.forms)
    qtbot.addWidget(about)
    for dialog in (export, welcome, keys, about):
        dialog.show()
        assert unnamed_controls(dialog) == [], dialog.objectName()
        dialog.reject()
