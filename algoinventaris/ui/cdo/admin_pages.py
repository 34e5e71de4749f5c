"""The Quarantine, Trust and Audit tabs: decide on held packages, enrol and revoke keys, read the audit trail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from algoinventaris.ui.cdo.common import ReasonDialog, colour_result, fill, inform, row_data, table


class QuarantinePage(QWidget):
    """Packages waiting for a decision: accept (import as it is) or reject, each with a reason in the audit trail."""

    changed = Signal()

    def __init__(self, repo: Any, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.actor = actor
        self.lang = "nl"
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Deze pakketten zijn in orde ondertekend, maar vragen een beslissing: bijvoorbeeld een onbekende "
                               "versie van een vragenlijst, een uitkomst die afwijkt van onze herberekening, of een bekende "
                               "inzending-id met andere inhoud."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = table([self.tr("Nr."), self.tr("Bestand"), self.tr("Algoritme"), self.tr("Onderdeel"), self.tr("Reden"),
                            self.tr("Ontvangen")], "quarantineTable")
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("&Accepteren…"))
        self.reject_button = QPushButton(self.tr("A&fwijzen…"))
        self.accept_button.clicked.connect(lambda: self._ask(True))
        self.reject_button.clicked.connect(lambda: self._ask(False))
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._enable)
        self._enable()

    def refresh(self) -> None:
        items = self.repo.list_quarantine()
        fill(self.table, [[i.id, i.file_name, i.algorithm_name or "?", i.unit_name or "?", i.reason(self.lang),
                           i.received_at.strftime("%Y-%m-%d %H:%M")] for i in items], [i.id for i in items])
        self._enable()

    def _enable(self) -> None:
        chosen = row_data(self.table) is not None
        self.accept_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen)

    def _ask(self, accept: bool) -> None:
        item_id = row_data(self.table)
        if not isinstance(item_id, int):
            return
        if accept:
            dialog = ReasonDialog(self, self.tr("Accepteren"), self.tr("Het pakket wordt geïmporteerd zoals het is. Waarom? "
                                                                      "(komt in het logboek)"), required=False)
        else:
            dialog = ReasonDialog(self, self.tr("Afwijzen"), self.tr("Waarom wijs je dit pakket af? (verplicht; komt in het logboek)"),
                                  required=True)
        dialog.accepted.connect(lambda: self.decide(item_id, accept, dialog.text()))
        dialog.open()

    def decide(self, item_id: int, accept: bool, note: str) -> Any:
        """Accept or reject one item; returns the import outcome (accept) or the item (reject)."""
        from algoinventaris.cdo.pipeline import Importer
        from algoinventaris.storage.errors import StorageError

        try:
            importer = Importer(self.repo, actor=self.actor)
            result = importer.accept(item_id, note) if accept else importer.reject(item_id, note)
        except (StorageError, ValueError) as err:
            inform(self, self.tr("Niet gelukt"), str(err), error=True)
            return None
        if accept and not result.ok:
            inform(self, self.tr("Niet geïmporteerd"), result.reason(self.lang), error=True)
        self.refresh()
        self.changed.emit()
        return result


class EnrolDialog(QDialog):
    """Enrol an owner's public key or an organisation CA for a unit."""

    def __init__(self, parent: QWidget, units: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sleutel aanmelden"))
        form = QFormLayout(self)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(units)
        self.unit.setCurrentText("")
        self.organisation = QLineEdit()
        self.file = QLineEdit()
        browse = QPushButton(self.tr("&Kiezen…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.label = QLineEdit()
        form.addRow(self.tr("&Onderdeel:"), self.unit)
        form.addRow(self.tr("&Departement (optioneel):"), self.organisation)
        form.addRow(self.tr("&Bestand (.pem):"), row)
        form.addRow(self.tr("&Notitie:"), self.label)
        hint = QLabel(self.tr("De publieke sleutel maakt de eigenaar met 'algoinventaris keys export-public'. Een CA-certificaat "
                              "vertrouwt alle ondertekenaars die die CA uitgaf."))
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Sleutel of CA-certificaat"), "", self.tr("PEM-bestanden (*.pem *.crt *.cer)"))
        if name:
            self.file.setText(name)


class TrustPage(QWidget):
    """Enrolled keys and CAs per unit; enrol new ones and revoke from a date."""

    changed = Signal()

    def __init__(self, repo: Any, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.actor = actor
        self._entries: list[Any] = []
        layout = QVBoxLayout(self)
        self.table = table([self.tr("Onderdeel"), self.tr("Soort"), self.tr("Vingerafdruk"), self.tr("Notitie"),
                            self.tr("Aangemeld"), self.tr("Ingetrokken per")], "trustTable")
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Sleutel &aanmelden…"))
        self.revoke_button = QPushButton(self.tr("&Intrekken…"))
        add.clicked.connect(self._ask_enrol)
        self.revoke_button.clicked.connect(self._ask_revoke)
        buttons.addWidget(add)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        self._entries = self.repo.list_trust()
        fill(self.table, [[e.unit, self.tr("sleutel") if e.kind == "ed25519" else self.tr("CA"), e.fingerprint, e.label,
                           f"{e.added_at:%Y-%m-%d} ({e.added_by})",
                           f"{e.revoked_from:%Y-%m-%d %H:%M}" if e.revoked_from else ""] for e in self._entries],
             [e.fingerprint for e in self._entries])

    def _ask_enrol(self) -> None:
        dialog = EnrolDialog(self, [u.name for u in self.repo.list_units()])
        dialog.accepted.connect(lambda: self.enrol(dialog.unit.currentText(), dialog.file.text(), dialog.organisation.text(),
                                                   dialog.label.text()))
        dialog.open()

    def enrol(self, unit: str, path: str, organisation: str = "", label: str = "") -> bool:
        """Enrol the key or CA in the file for the unit (the kind is found from the file)."""
        from algoinventaris.cdo.trust import TrustFileError, read_ca, read_key
        from algoinventaris.storage.errors import StorageError

        if not unit.strip() or not path.strip():
            inform(self, self.tr("Niet aangemeld"), self.tr("Vul het onderdeel en het bestand in."), error=True)
            return False
        try:
            text = Path(path).read_bytes()
            kind, fingerprint, material, default_label = read_ca(path) if b"CERTIFICATE" in text else read_key(path)
            self.repo.add_trust(unit.strip(), kind, fingerprint, material, actor=self.actor, label=label or default_label,
                                organisation=organisation.strip() or None)
        except TrustFileError as err:
            inform(self, self.tr("Niet aangemeld"), err.nl, error=True)
            return False
        except (OSError, StorageError, ValueError) as err:
            inform(self, self.tr("Niet aangemeld"), str(err), error=True)
            return False
        self.refresh()
        self.changed.emit()
        return True

    def _ask_revoke(self) -> None:
        fingerprint = row_data(self.table)
        if not isinstance(fingerprint, str):
            inform(self, self.tr("Intrekken"), self.tr("Kies eerst een sleutel in de lijst."))
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Sleutel intrekken"))
        form = QFormLayout(dialog)
        date = QDateEdit(QDate.currentDate())
        date.setCalendarPopup(True)
        reason = QLineEdit()
        form.addRow(QLabel(self.tr("Pakketten die vanaf deze datum zijn gemaakt, worden geweigerd.")))
        form.addRow(self.tr("&Vanaf:"), date)
        form.addRow(self.tr("&Reden:"), reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        dialog.accepted.connect(lambda: self.revoke(fingerprint, dt.datetime(date.date().year(), date.date().month(),
                                                                             date.date().day(), tzinfo=dt.UTC), reason.text()))
        dialog.open()

    def revoke(self, fingerprint: str, moment: dt.datetime, reason: str) -> bool:
        from algoinventaris.storage.errors import StorageError

        try:
            self.repo.revoke_trust(fingerprint, actor=self.actor, revoked_from=moment, reason=reason)
        except StorageError as err:
            inform(self, self.tr("Niet ingetrokken"), str(err), error=True)
            return False
        self.refresh()
        self.changed.emit()
        return True


class AuditPage(QWidget):
    """The audit trail, newest first."""

    def __init__(self, repo: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        layout = QVBoxLayout(self)
        self.table = table([self.tr("Moment"), self.tr("Wie"), self.tr("Handeling"), self.tr("Resultaat"), self.tr("Bestand of inzending"),
                            self.tr("Reden")], "auditTable")
        layout.addWidget(self.table)

    def refresh(self) -> None:
        entries = self.repo.audit_log(500)
        fill(self.table, [[f"{e.at:%Y-%m-%d %H:%M:%S}", e.actor, e.action, e.result or "", e.file_name or e.submission_id or "",
                           e.reason or ""] for e in entries], sort=False)
        for row, entry in enumerate(entries):
            colour_result(self.table.item(row, 3), entry.result or "")
