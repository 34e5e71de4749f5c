"""Exporteren: the signed package of one algorithm, written in a worker thread with progress; and the signing-key dialog.

The dialog asks a folder (the last one used, else Documents), the signer's name and the key's
passphrase. Without a key yet it asks the passphrase twice and says that this export makes the
owner's personal signing key, whose public half goes to the CDO ("Publieke sleutel opslaan…", the
same PEM as `algoinventaris keys export-public`). `package.export.export_algorithm` runs in a QThread;
its progress callback feeds the progress bar through a signal. Afterwards the dialog shows the file
written, the key's fingerprint in groups of four and an "Open map" button.

A wrong passphrase is said next to the field and the dialog stays; an open question (NotReady)
closes the dialog and the wizard jumps to that question; any other problem is shown in the
owner's language, and nothing is half-written (the package is written atomically).
"""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStandardPaths, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from algoinventaris.ui.fields import show
from algoinventaris.ui.widgets import ErrorLabel, NoticeLabel, enter_button, start_worker

if TYPE_CHECKING:
    from algoinventaris.formengine.model import Form
    from algoinventaris.package.export import ExportResult
    from algoinventaris.ui.preferences import Preferences

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

FOLDER_KEY = "export/folder"


def system_user_name() -> str:
    """The person's full name from the system account when known, else the login name ('' when neither)."""
    try:
        import pwd

        full = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        if full:
            return full
    except (ImportError, KeyError, AttributeError):
        pass
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def default_folder(prefs: Preferences | None) -> Path:
    """The folder last exported to, else the owner's Documents folder, else the home folder."""
    if prefs is not None:
        last = prefs.get_str(FOLDER_KEY)
        if last and Path(last).is_dir():
            return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def key_store() -> Any:
    """The owner's key store in the data folder (cryptography is loaded only now)."""
    from algoinventaris.package.keys import KeyStore

    return KeyStore()


def grouped(fingerprint: str) -> str:
    from algoinventaris.package.keys import group_fingerprint

    return group_fingerprint(fingerprint)


def error_text(err: BaseException, lang: str) -> str:
    """A package-layer error in the owner's language, else the error's own text."""
    text = getattr(err, "text", None)
    if callable(text):
        return str(text(lang))
    return str(err) or type(err).__name__


def open_folder(folder: Path) -> bool:
    """Open a folder in the desktop's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class PublicKeySaver(QObject):
    """"Publieke sleutel opslaan…": asks where (without blocking) and writes the public key as PEM."""

    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QWidget, folder: Path, lang: str) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.folder = folder
        self.lang = lang

    def ask(self) -> QFileDialog:
        dialog = QFileDialog(self.parent_widget, translate("KeyDialog", "Publieke sleutel opslaan"),
                             str(self.folder / "publieke-sleutel.pem"),
                             translate("KeyDialog", "Publieke sleutel (*.pem)"))
        dialog.setObjectName("publicKeyFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pem")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.save)
        dialog.open()
        return dialog

    def save(self, path: str) -> bool:
        """Write the stored public key (PEM, SubjectPublicKeyInfo) to path, completely or not at all."""
        from algoinventaris.package.errors import PackageError
        from algoinventaris.package.keys import public_key_pem, write_file_atomic

        try:
            pem = public_key_pem(key_store().ed25519_public_key())
            write_file_atomic(Path(path), pem)
        except PackageError as err:
            self.failed.emit(err.text(self.lang))
            return False
        except OSError as err:
            self.failed.emit(translate("KeyDialog", "{path} kan niet worden geschreven: {reason}").format(
                path=path, reason=err.strerror or err))
            return False
        self.saved.emit(path)
        return True


class KeyFields(QWidget):
    """Name and passphrase (twice when a new key is made), with their labels, for the key and export dialogs."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, new_key: bool, name: str = "", name_editable: bool = True) -> None:
        super().__init__(parent)
        self.new_key = new_key
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.name_label = QLabel(self)
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setObjectName("signerNameEdit")
        self.name_edit.setMaxLength(200)
        self.name_edit.setReadOnly(not name_editable)
        self.passphrase_label = QLabel(self)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphraseEdit")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_label = QLabel(self)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setObjectName("passphraseRepeatEdit")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        for label, edit in ((self.name_label, self.name_edit), (self.passphrase_label, self.passphrase_edit),
                            (self.repeat_label, self.repeat_edit)):
            label.setBuddy(edit)
            form.addRow(label, edit)
            edit.textChanged.connect(lambda *_: self.changed.emit())
        self.form_layout = form
        self.set_new_key(new_key)

    def set_new_key(self, new_key: bool) -> None:
        """Ask the passphrase twice (a key is made) or once (an existing key is opened)."""
        self.new_key = new_key
        self.form_layout.setRowVisible(self.repeat_edit, new_key)
        self.retranslate()

    def retranslate(self) -> None:
        self.name_label.setText(translate("KeyDialog", "&Naam ondertekenaar:"))
        self.name_edit.setAccessibleName(translate("KeyDialog", "Naam ondertekenaar"))
        self.name_edit.setToolTip(translate("KeyDialog", "Staat in het pakket en op het rapport als wie ondertekende"))
        self.passphrase_label.setText(translate("KeyDialog", "&Wachtwoordzin:"))
        self.passphrase_edit.setAccessibleName(translate("KeyDialog", "Wachtwoordzin van je sleutel"))
        self.repeat_label.setText(translate("KeyDialog", "&Herhaal wachtwoordzin:"))
        self.repeat_edit.setAccessibleName(translate("KeyDialog", "Herhaal de wachtwoordzin"))
        self.passphrase_edit.setPlaceholderText(translate("KeyDialog", "minstens 8 tekens") if self.new_key else "")

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def problem(self, lang: str) -> str:
        """What keeps the fields from being used ('' when they may be)."""
        if not self.name():
            return translate("KeyDialog", "Vul je naam in als ondertekenaar.")
        if not self.passphrase():
            return translate("KeyDialog", "Vul de wachtwoordzin van je sleutel in.")
        if self.new_key:
            from algoinventaris.package.errors import KeyStoreError
            from algoinventaris.package.keys import check_new_passphrase

            try:
                check_new_passphrase(self.passphrase())
            except KeyStoreError as err:
                return err.text(lang)
            if self.passphrase() != self.repeat_edit.text():
                return translate("KeyDialog", "De twee wachtwoordzinnen zijn niet gelijk.")
        return ""

    def clear_passphrase(self) -> None:
        self.passphrase_edit.clear()
        self.repeat_edit.clear()
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_enabled(self, on: bool) -> None:
        for edit in (self.name_edit, self.passphrase_edit, self.repeat_edit):
            edit.setEnabled(on)


def first_key_text() -> str:
    return translate(
        "KeyDialog", "Hiermee maak je je persoonlijke ondertekensleutel, beveiligd met je wachtwoordzin; stuur daarna je "
        "publieke sleutel naar de CDO (met ‘Publieke sleutel opslaan…’ of met algoinventaris keys export-public).")


class KeyDialog(QDialog):
    """Makes the owner's signing key (name, passphrase twice) and offers to save the public key for the CDO."""

    created = Signal(str)  # the fingerprint

    def __init__(self, parent: QWidget | None, lang: str, folder: Path | None = None) -> None:
        store = key_store()  # read before the dialog exists: an unreadable key file leaves nothing half-made
        has_key = bool(store.has_ed25519())
        fingerprint = store.ed25519_fingerprint() if has_key else None
        name = store.signer_name() or system_user_name()
        super().__init__(parent)
        self.setObjectName("keyDialog")
        self.lang = lang
        self.folder = folder or Path.home()
        self.fingerprint: str | None = fingerprint
        self.has_key = has_key
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("keyIntro")
        layout.addWidget(self.intro)
        self.error = ErrorLabel(self)
        self.error.setObjectName("keyError")
        self.fields = KeyFields(self, new_key=True, name=name)
        self.fields.changed.connect(lambda: self.error.set_message(""))
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("keyResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)
        row = QHBoxLayout()
        self.save_public_button = enter_button(self, "savePublicKeyButton")
        self.save_public_button.clicked.connect(self.save_public_key)
        row.addWidget(self.save_public_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("createKeyButton")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.create_button.clicked.connect(self.create_key)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.saver = PublicKeySaver(self, self.folder, lang)
        self.saver.saved.connect(lambda path: self.result_label.setText(
            translate("KeyDialog", "Publieke sleutel opgeslagen in {path}. Stuur dit bestand naar de CDO.").format(path=path)))
        self.saver.failed.connect(self.error.set_message)
        self.retranslate()
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(translate("KeyDialog", "Ondertekensleutel"))
        self.fields.retranslate()
        self.save_public_button.setText(translate("KeyDialog", "&Publieke sleutel opslaan…"))
        self.save_public_button.setAccessibleName(translate("KeyDialog", "Publieke sleutel opslaan voor de CDO"))
        self.create_button.setText(translate("KeyDialog", "Sleutel &maken"))
        self.close_button.setText(translate("KeyDialog", "Sluiten"))
        if self.fingerprint is not None:
            self.intro.setText(translate("KeyDialog", "Je hebt al een ondertekensleutel. Stuur de publieke sleutel naar "
                                                      "de CDO als je dat nog niet deed."))
            self.result_label.setText(translate("KeyDialog", "Vingerafdruk: {fingerprint}").format(
                fingerprint=grouped(self.fingerprint)))
        else:
            self.intro.setText(first_key_text())
        show(self.fields, self.fingerprint is None)
        show(self.create_button, self.fingerprint is None)
        show(self.save_public_button, self.fingerprint is not None)
        self.intro.setAccessibleName(self.intro.text())

    def create_key(self) -> bool:
        """Make the key pair with the given name and passphrase; False (with a message) when that cannot be."""
        from PySide6.QtWidgets import QApplication

        from algoinventaris.package.errors import PackageError

        problem = self.fields.problem(self.lang)
        if problem:
            self.error.set_message(problem)
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            signer = key_store().create_ed25519(self.fields.passphrase(), self.fields.name())
        except PackageError as err:
            self.error.set_message(err.text(self.lang))
            return False
        except OSError as err:
            self.error.set_message(str(err))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.fingerprint = signer.fingerprint
        self.fields.clear_passphrase()
        self.error.set_message("")
        self.retranslate()
        self.save_public_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.created.emit(signer.fingerprint)
        return True

    def save_public_key(self) -> None:
        self.saver.ask()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ExportWorker(QObject):
    """Opens the signing key and writes the package, off the UI thread; reports through signals."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, repo: Any, algorithm_id: str, folder: Path, passphrase: str, *, create_name: str | None,
                 signer_name: str, language: str, form: Form | None) -> None:
        super().__init__()
        self.repo = repo
        self.algorithm_id = algorithm_id
        self.folder = folder
        self.passphrase = passphrase
        self.create_name = create_name
        self.signer_name = signer_name
        self.language = language
        self.form = form

    def run(self) -> None:
        try:
            from algoinventaris.package.export import export_algorithm

            store = key_store()
            signer = store.signer(self.passphrase, create_name=self.create_name)
            if signer.method == "ed25519" and self.signer_name and self.signer_name != signer.name:
                store.set_signer_name(self.signer_name)
                signer.name = self.signer_name
            result = export_algorithm(self.repo, self.algorithm_id, signer, self.folder, form=self.form,
                                      language=self.language, progress=self.progress.emit)
        except Exception as err:  # every failure goes back to the dialog, which explains it
            log.warning("export of %s failed: %s", self.algorithm_id, err)
            self.failed.emit(err)
        else:
            self.succeeded.emit(result)
        finally:
            self.passphrase = ""


class ExportDialog(QDialog):
    """Folder, signer and passphrase; then progress; then the file written, the fingerprint and "Open map"."""

    exported = Signal(object)   # ExportResult
    not_ready = Signal(object)  # the question id that is still open (or None)

    def __init__(self, parent: QWidget | None, repo: Any, algorithm: Any, *, lang: str, prefs: Preferences | None = None,
                 notes: Sequence[str] = (), form: Form | None = None) -> None:
        # The key files are read first: when they cannot be read, no half-made dialog is left behind.
        store = key_store()
        method = store.default_method()
        new_key = method == "ed25519" and not store.has_ed25519()
        fingerprint = None if new_key or method != "ed25519" else store.ed25519_fingerprint()
        if method == "cms":
            from algoinventaris.package.keys import certificate_name, fingerprint_certificate

            certs = store.pki_certificates()
            name = store.signer_name("cms") or certificate_name(certs[0])
            fingerprint = fingerprint_certificate(certs[0])
        else:
            name = store.signer_name() or system_user_name()
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.repo = repo
        self.algorithm = algorithm
        self.lang = lang
        self.prefs = prefs
        self.notes = list(notes)
        self.form = form
        self.export_result: ExportResult | None = None
        self._thread: QThread | None = None
        self._worker: ExportWorker | None = None
        self._close_after_thread = False
        self.method = method
        self.new_key = new_key
        self.fingerprint = fingerprint

        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("exportIntro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.notes_label = NoticeLabel(self)
        self.notes_label.setObjectName("exportNotes")
        layout.addWidget(self.notes_label)

        folder_row = QHBoxLayout()
        self.folder_label = QLabel(self)
        self.folder_edit = QLineEdit(str(default_folder(prefs)), self)
        self.folder_edit.setObjectName("folderEdit")
        self.folder_label.setBuddy(self.folder_edit)
        self.choose_button = QPushButton(self)
        self.choose_button.setObjectName("chooseFolderButton")
        self.choose_button.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder_label)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        layout.addLayout(folder_row)

        self.sign_box = QGroupBox(self)
        sign = QVBoxLayout(self.sign_box)
        self.sign_text = QLabel(self.sign_box)
        self.sign_text.setObjectName("signText")
        self.sign_text.setWordWrap(True)
        self.sign_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sign.addWidget(self.sign_text)
        self.error = ErrorLabel(self)
        self.error.setObjectName("exportError")
        self.fields = KeyFields(self.sign_box, new_key=self.new_key, name=name, name_editable=self.method == "ed25519")
        self.fields.changed.connect(lambda: self.error.set_message(""))
        sign.addWidget(self.fields)
        layout.addWidget(self.sign_box)
        layout.addWidget(self.error)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("exportStep")
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("exportProgress")
        self.progress_bar.setRange(0, 5)
        self.progress_bar.setValue(0)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        show(self.progress_label, False)
        show(self.progress_bar, False)

        self.result_label = QLabel(self)
        self.result_label.setObjectName("exportResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)
        result_row = QHBoxLayout()
        self.open_folder_button = enter_button(self, "openFolderButton")
        self.open_folder_button.clicked.connect(self.open_folder)
        self.save_public_button = enter_button(self, "savePublicKeyButton")
        self.save_public_button.clicked.connect(self.save_public_key)
        result_row.addWidget(self.open_folder_button)
        result_row.addWidget(self.save_public_button)
        result_row.addStretch(1)
        layout.addLayout(result_row)
        show(self.result_label, False)
        show(self.open_folder_button, False)
        show(self.save_public_button, False)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("startExportButton")
        self.export_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelExportButton")
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

        self.saver = PublicKeySaver(self, Path(self.folder_edit.text()), lang)
        self.saver.saved.connect(lambda path: self.set_result_note(
            translate("KeyDialog", "Publieke sleutel opgeslagen in {path}. Stuur dit bestand naar de CDO.").format(path=path)))
        self.saver.failed.connect(self.error.set_message)
        self._note = ""
        self.retranslate()
        (self.fields.passphrase_edit if name else self.fields.name_edit).setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(max(self.sizeHint().width(), 640), self.sizeHint().height())

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(translate("ExportDialog", "Exporteren"))
        self.intro.setText(translate(
            "ExportDialog", "‘{name}’ wordt opgeslagen als één ondertekend pakket (een zipbestand) dat je naar de CDO "
            "stuurt.").format(name=self.algorithm.name))
        self.intro.setAccessibleName(self.intro.text())
        self.notes_label.setText("\n".join(self.notes))
        self.notes_label.setAccessibleName("\n".join(self.notes))
        show(self.notes_label, bool(self.notes))
        self.folder_label.setText(translate("ExportDialog", "&Map:"))
        self.folder_edit.setAccessibleName(translate("ExportDialog", "Map waarin het pakket komt"))
        self.choose_button.setText(translate("ExportDialog", "&Kiezen…"))
        self.choose_button.setAccessibleName(translate("ExportDialog", "Map kiezen"))
        self.sign_box.setTitle(translate("ExportDialog", "Ondertekenen"))
        if self.new_key:
            self.sign_text.setText(first_key_text())
        elif self.method == "cms":
            self.sign_text.setText(translate(
                "ExportDialog", "Je ondertekent met het certificaat van je organisatie (vingerafdruk {fingerprint}).").format(
                fingerprint=grouped(self.fingerprint or "")))
        else:
            self.sign_text.setText(translate("ExportDialog", "Je ondertekent met je sleutel (vingerafdruk {fingerprint}).")
                                   .format(fingerprint=grouped(self.fingerprint or "")))
        self.sign_text.setAccessibleName(self.sign_text.text())
        self.fields.retranslate()
        self.export_button.setText(translate("ExportDialog", "&Exporteren"))
        self.cancel_button.setText(translate("ExportDialog", "Annuleren") if self.export_result is None
                                   else translate("ExportDialog", "Sluiten"))
        self.open_folder_button.setText(translate("ExportDialog", "Map &openen"))
        self.open_folder_button.setAccessibleName(translate("ExportDialog", "De map met het pakket openen"))
        self.save_public_button.setText(translate("KeyDialog", "&Publieke sleutel opslaan…"))
        self.save_public_button.setAccessibleName(translate("KeyDialog", "Publieke sleutel opslaan voor de CDO"))
        self.progress_bar.setAccessibleName(translate("ExportDialog", "Voortgang van de export"))
        if self.export_result is not None:
            self._show_result()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- actions -------------------------------------------------------------------------------
    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def choose_folder(self) -> QFileDialog:
        dialog = QFileDialog(self, translate("ExportDialog", "Map voor het pakket"), str(self.folder()))
        dialog.setObjectName("folderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.folder_edit.setText)
        dialog.open()
        return dialog

    def problem(self) -> str:
        """What keeps the export from starting ('' when it may start)."""
        if not self.folder_edit.text().strip():
            return translate("ExportDialog", "Kies een map voor het pakket.")
        folder = self.folder()
        if folder.exists() and not folder.is_dir():
            return translate("ExportDialog", "{path} is geen map.").format(path=folder)
        return self.fields.problem(self.lang)

    def start(self) -> bool:
        """Check the input and start the export in a worker thread (False: a message says what is missing)."""
        if self._thread is not None:
            return False
        problem = self.problem()
        if problem:
            self.error.set_message(problem)
            return False
        self.error.set_message("")
        self._set_running(True)
        self._note = ""
        worker = ExportWorker(self.repo, self.algorithm.id, self.folder(), self.fields.passphrase(),
                              create_name=self.fields.name() if self.new_key else None, signer_name=self.fields.name(),
                              language=self.lang, form=self.form)
        self._worker = worker
        self._thread = start_worker(self, worker, "exportThread", on_progress=self._on_progress, on_success=self._on_success,
                                    on_failure=self._on_failure, on_finished=self._on_thread_finished)
        return True

    def running(self) -> bool:
        return self._thread is not None

    def _set_running(self, on: bool) -> None:
        self.fields.set_enabled(not on)
        self.folder_edit.setEnabled(not on)
        self.choose_button.setEnabled(not on)
        self.export_button.setEnabled(not on)
        self.cancel_button.setEnabled(not on)
        show(self.progress_label, on or self.export_result is not None)
        show(self.progress_bar, on or self.export_result is not None)
        if on:
            self.progress_bar.setValue(0)
            self.progress_label.setText(translate("ExportDialog", "Bezig…"))

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_label.setText(what)
        self.progress_bar.setAccessibleDescription(what)

    def _on_thread_finished(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
        if self._close_after_thread:
            self.done(QDialog.DialogCode.Rejected)

    def _on_success(self, result: ExportResult) -> None:
        self.export_result = result
        self.fields.clear_passphrase()
        if self.prefs is not None:
            self.prefs.set(FOLDER_KEY, str(result.path.parent))
            self.prefs.sync()
        self.new_key = False
        self.fingerprint = result.fingerprint
        self._set_running(False)
        self.export_button.setEnabled(False)
        show(self.export_button, False)
        show(self.sign_box, False)
        self.fields.set_enabled(False)
        self.folder_edit.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.saver.folder = result.path.parent
        self.retranslate()
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.exported.emit(result)

    def _show_result(self) -> None:
        result = self.export_result
        assert result is not None
        lines = [translate("ExportDialog", "Het pakket is opgeslagen:"), str(result.path), "",
                 translate("ExportDialog", "Ondertekend met de sleutel met vingerafdruk:"), grouped(result.fingerprint)]
        if result.mark_error:
            lines += ["", translate("ExportDialog", "Let op: het pakket is geschreven, maar de status ‘geëxporteerd’ kon "
                                                    "niet worden opgeslagen: {reason}").format(reason=result.mark_error)]
        if self._note:
            lines += ["", self._note]
        text = "\n".join(lines)
        self.result_label.setText(text)
        self.result_label.setAccessibleName(text)
        self.progress_label.setText(translate("ExportDialog", "Klaar"))
        show(self.result_label, True)
        show(self.open_folder_button, True)
        show(self.save_public_button, self.method == "ed25519")

    def set_result_note(self, note: str) -> None:
        self._note = note
        if self.export_result is not None:
            self._show_result()

    def _on_failure(self, err: BaseException) -> None:
        from algoinventaris.package.errors import NotReady, WrongPassphrase

        self._set_running(False)
        show(self.progress_bar, False)
        show(self.progress_label, False)
        if self.new_key and key_store().has_ed25519():  # the key was made; only the export failed
            self.new_key = False
            self.fingerprint = key_store().ed25519_fingerprint()
            self.fields.set_new_key(False)
            self.retranslate()
        if isinstance(err, WrongPassphrase):
            self.fields.clear_passphrase()  # (clears the message too, so it comes after)
            self.error.set_message(err.text(self.lang))
            return
        if isinstance(err, NotReady):
            # closes once the worker thread has ended (a dialog never goes while its thread runs)
            self._close_after_thread = True
            self.error.set_message(err.text(self.lang))
            self.not_ready_form = err.form_id
            self.not_ready.emit(err.question_id)
            return
        from algoinventaris.ui.dialogs import show_message

        show_message(self, QMessageBox.Icon.Critical, translate("ExportDialog", "Exporteren is niet gelukt"),
                     translate("ExportDialog", "Het pakket is niet gemaakt; er is niets half weggeschreven.") + "\n\n"
                     + error_text(err, self.lang), details=f"{type(err).__name__}: {err}")
        self.error.set_message(error_text(err, self.lang))

    def open_folder(self) -> None:
        if self.export_result is not None:
            open_folder(self.export_result.path.parent)

    def save_public_key(self) -> None:
        self.saver.ask()

    def reject(self) -> None:
        if self._thread is not None:  # the package is being written: it finishes (atomically) first
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self._thread is not None:
            event.ignore()
            return
        super().closeEvent(event)
