"""Yearly rounds in the owner app: open the CDO's round bundle (checked off the UI thread) and start from last year."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from algoinventaris.ui.export_dialog import error_text
from algoinventaris.ui.widgets import start_worker

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

ENROL_COMMAND = "algoinventaris round trust-cdo --key cdo.pem"


def opened_text(result: Any) -> str:
    """The success message: which round was opened (or updated) and which questionnaires it brings."""
    r = result.round
    forms = ", ".join(translate("RoundOpenDialog", "{form} (versie {version})").format(form=f.id, version=f.version)
                      for f in r.forms)
    if result.status == "unchanged":
        head = translate("RoundOpenDialog", "De ronde ‘{round}’ was al geopend met dit bestand; er is niets veranderd.")
    elif result.status == "updated":
        head = translate("RoundOpenDialog", "De ronde ‘{round}’ is bijgewerkt met een nieuwere bundel (nummer {n}).")
    else:
        head = translate("RoundOpenDialog", "De ronde ‘{round}’ is geopend.")
    lines = [head.format(round=r.name, n=r.sequence),
             translate("RoundOpenDialog", "Organisatie: {org}").format(org=r.organisation),
             translate("RoundOpenDialog", "Vragenlijsten: {forms}").format(forms=forms)]
    if r.deadline:
        lines.append(translate("RoundOpenDialog", "Inleveren uiterlijk: {date}").format(date=r.deadline))
    return "\n".join(lines)


class OpenWorker(QObject):
    """Runs package.rounds.open_bundle off the UI thread; reports progress, the result or the refusal."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, repo: Any, path: Path) -> None:
        super().__init__()
        self.repo = repo
        self.path = path

    def run(self) -> None:
        try:
            from algoinventaris.package.rounds import open_bundle

            result = open_bundle(self.repo, self.path, progress=self.progress.emit)
        except Exception as err:  # every refusal goes back to the dialog, which shows the reason
            log.warning("round bundle %s refused: %s", self.path, err)
            self.failed.emit(err)
        else:
            self.succeeded.emit(result)


class RoundOpenDialog(QDialog):
    """Bestand → Rondebestand openen: progress while the bundle is checked, then what was opened or why not.

    Without a trusted CDO key the dialog says how to enrol one and offers to pick the CDO's cdo.pem.
    """

    opened = Signal(object)  # OpenResult

    def __init__(self, parent: QWidget | None, repo: Any, path: str | Path, lang: str) -> None:
        super().__init__(parent)
        self.setObjectName("roundOpenDialog")
        self.repo = repo
        self.path = Path(path)
        self.lang = lang
        self.result_value: Any = None
        self.error: BaseException | None = None
        self._thread: QThread | None = None
        self._worker: OpenWorker | None = None
        self.setWindowTitle(translate("RoundOpenDialog", "Rondebestand openen"))
        layout = QVBoxLayout(self)
        self.file_label = QLabel(str(self.path), self)
        self.file_label.setObjectName("roundFile")
        self.file_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("roundProgress")
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(translate("RoundOpenDialog", "Voortgang van de controle"))
        self.message = QLabel(self)
        self.message.setObjectName("roundMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trust_button = QPushButton(translate("RoundOpenDialog", "CDO-sleutel &kiezen…"), self)
        self.trust_button.setObjectName("trustCdoButton")
        self.trust_button.setVisible(False)
        self.trust_button.clicked.connect(self.pick_cdo_key)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setEnabled(False)
        for w in (self.file_label, self.progress, self.message, self.trust_button):
            layout.addWidget(w)
        layout.addWidget(self.buttons)
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

    # -- running -------------------------------------------------------------------------------
    def start(self) -> None:
        """Check and install the bundle in a QThread."""
        self.error = None
        self.trust_button.setVisible(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.buttons.setEnabled(False)
        self.message.setText(translate("RoundOpenDialog", "Het rondebestand wordt gecontroleerd…"))
        worker = OpenWorker(self.repo, self.path)
        self._worker = worker
        self._thread = start_worker(self, worker, "roundOpenThread", on_progress=self._on_progress, on_success=self._on_success,
                                    on_failure=self._on_failure, on_finished=self._on_thread_finished)

    def running(self) -> bool:
        return self._thread is not None

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        if what:
            self.message.setText(translate("RoundOpenDialog", "Controleren: {what}").format(what=what))

    def _on_success(self, result: Any) -> None:
        self.result_value = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.message.setText(opened_text(result))
        self.opened.emit(result)

    def _on_failure(self, err: BaseException) -> None:
        self.error = err
        self.progress.setVisible(False)
        text = translate("RoundOpenDialog", "Het rondebestand is niet geopend; er is niets veranderd.") + "\n\n" + \
            error_text(err, self.lang)
        if getattr(err, "code", None) == "no-cdo-key":
            text += "\n\n" + translate(
                "RoundOpenDialog", "Kies hieronder het bestand cdo.pem dat je van de CDO kreeg, of stel de sleutel in "
                "met: {command}").format(command=ENROL_COMMAND)
            self.trust_button.setVisible(True)
        self.message.setText(text)

    def _on_thread_finished(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
        self.buttons.setEnabled(True)
        if self.trust_button.isVisible():
            self.trust_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.buttons.setFocus(Qt.FocusReason.OtherFocusReason)

    def wait(self, timeout_ms: int = 30000) -> None:
        """Block until the check is done (tests; closing the dialog)."""
        if self._thread is not None:
            self._thread.wait(timeout_ms)

    # -- the CDO key ---------------------------------------------------------------------------
    def pick_cdo_key(self) -> None:
        """Ask for cdo.pem (without blocking), enrol it, and try the bundle again."""
        dialog = QFileDialog(self, translate("RoundOpenDialog", "CDO-sleutel kiezen"), str(self.path.parent),
                             translate("RoundOpenDialog", "Publieke sleutel (*.pem);;Alle bestanden (*)"))
        dialog.setObjectName("cdoKeyFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.trust_key_file)
        dialog.open()

    def trust_key_file(self, key_file: str | Path) -> bool:
        """Enrol the CDO key from this PEM file; then open the bundle again. False (reason shown) when refused."""
        from algoinventaris.package.rounds import trust_cdo

        try:
            trust_cdo(self.repo, key_file)
        except Exception as err:
            self.message.setText(translate("RoundOpenDialog", "De CDO-sleutel is niet ingesteld.") + "\n\n"
                                 + error_text(err, self.lang))
            return False
        self.start()
        return True

    def reject(self) -> None:
        if self.running():
            return  # the check is short and leaves nothing half-installed; let it finish
        super().reject()


class StartFromLastYearDialog(QDialog):
    """Begin vanuit vorig jaar: choose the opened round this year's copy belongs to."""

    def __init__(self, parent: QWidget | None, algorithm: Any, rounds: list[Any]) -> None:
        super().__init__(parent)
        self.setObjectName("startFromLastYearDialog")
        self.algorithm = algorithm
        self.setWindowTitle(translate("StartFromLastYearDialog", "Begin vanuit vorig jaar"))
        layout = QVBoxLayout(self)
        intro = QLabel(translate(
            "StartFromLastYearDialog", "Er komt een nieuw algoritme in de gekozen ronde, met de antwoorden van ‘{name}’ "
            "({round}) als voorstel. Je bevestigt of wijzigt ze daarna zelf; het algoritme van vorig jaar blijft zoals "
            "het is.").format(name=algorithm.name, round=algorithm.round), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.combo = QComboBox(self)
        self.combo.setObjectName("roundCombo")
        for r in rounds:
            self.combo.addItem(r.name, r.name)
        label = QLabel(translate("StartFromLastYearDialog", "&Ronde:"), self)
        label.setBuddy(self.combo)
        form.addRow(label, self.combo)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(translate("StartFromLastYearDialog", "&Beginnen"))
        ok.setEnabled(self.combo.count() > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def round_name(self) -> str | None:
        value = self.combo.currentData()
        return str(value) if value else None


def other_rounds(repo: Any, algorithm: Any) -> list[Any]:
    """The opened rounds of the algorithm's organisation other than its own round (newest first)."""
    key = " ".join(algorithm.round.split()).casefold()
    return [r for r in repo.installed_rounds(algorithm.organisation) if " ".join(r.name.split()).casefold() != key]
