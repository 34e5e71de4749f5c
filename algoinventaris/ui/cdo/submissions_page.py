"""The Submissions tab and the detail dialog: fields, history of superseded versions, "Open PDF" from the stored package."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
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

from algoinventaris.cdo.records import SubmissionInfo
from algoinventaris.cdo.texts import EXCLUSION_LEVEL, HRT_STATUS, REGISTER_STATUS, ground_text, not_published_text, pick
from algoinventaris.ui.cdo.common import fill, inform, labelled_combo, row_data, show_rounds, table


class SubmissionsPage(QWidget):
    """Every current submission of a round, filterable; double-click (or Enter) opens the detail."""

    open_submission = Signal(int)

    def __init__(self, repo: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.lang = "nl"
        self._subs: list[SubmissionInfo] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        label, self.round_box = labelled_combo(self.tr("&Ronde:"), "submissionsRound")
        self.filter = QLineEdit()
        self.filter.setObjectName("submissionsFilter")
        self.filter.setPlaceholderText(self.tr("Zoeken op algoritme, onderdeel of categorie"))
        self.filter.setClearButtonEnabled(True)
        self.round_box.currentTextChanged.connect(lambda _t: self._load())
        self.filter.textChanged.connect(lambda _t: self._show())
        top.addWidget(label)
        top.addWidget(self.round_box)
        top.addWidget(self.filter, 1)
        layout.addLayout(top)
        self.table = table([self.tr("Algoritme"), self.tr("Onderdeel"), self.tr("Cat."), self.tr("Conclusie AI-verordening"),
                            self.tr("Mensenrechtentoets"), self.tr("Publiceerbaar"), self.tr("Ingediend")], "submissionsTable")
        self.table.doubleClicked.connect(lambda _i: self._open())
        self.table.activated.connect(lambda _i: self._open())
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        show_rounds(self.round_box, [r.name for r in self.repo.list_rounds()])
        self._load()

    def _load(self) -> None:
        name = self.round_box.currentText()
        self._subs = self.repo.list_submissions(name) if name else []
        self._show()

    def _show(self) -> None:
        needle = self.filter.text().strip().casefold()
        subs = [s for s in self._subs
                if not needle or needle in f"{s.algorithm_name} {s.unit} {s.category or ''} {s.organisation}".casefold()]
        yes, no = self.tr("ja"), self.tr("nee")
        fill(self.table, [[s.algorithm_name, s.unit, s.category or "?", s.conclusion_title or s.conclusion or "",
                           pick(HRT_STATUS, s.human_rights_test, self.lang, "—"), yes if s.publishable else no,
                           s.created_at.strftime("%Y-%m-%d")] for s in subs], [s.id for s in subs])

    def _open(self) -> None:
        row_id = row_data(self.table)
        if isinstance(row_id, int):
            self.open_submission.emit(row_id)


class SubmissionDialog(QDialog):
    """One submission: its fields, the history of versions of the same algorithm, and its PDF."""

    def __init__(self, repo: Any, row_id: int, parent: QWidget | None = None, lang: str = "nl") -> None:
        super().__init__(parent)
        self.repo = repo
        self.lang = lang
        self.info: SubmissionInfo = repo.get_submission(row_id)
        self.pdf_path: Path | None = None
        info = self.info
        self.setWindowTitle(self.tr("Inzending: %1").replace("%1", info.algorithm_name))
        self.setObjectName("submissionDialog")
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        yes, no = self.tr("ja"), self.tr("nee")
        rows = [
            (self.tr("Algoritme"), info.algorithm_name), (self.tr("Organisatie"), info.organisation), (self.tr("Onderdeel"), info.unit),
            (self.tr("Ronde"), info.round), (self.tr("Categorie"), info.category or "?"),
            (self.tr("Conclusie AI-verordening"), f"{info.conclusion_title or info.conclusion or ''} ({info.conclusion_ref or '-'})"),
            (self.tr("Hoog risico"), yes if info.high_risk else no),
            (self.tr("Mensenrechtentoets"), pick(HRT_STATUS, info.human_rights_test, lang, "—")),
            (self.tr("Publicatie"), pick(EXCLUSION_LEVEL, info.exclusion_level, lang)
             + (f": {ground_text(info.exclusion_ground, lang)}" if info.exclusion_ground else "")),
            (self.tr("Registerbeschrijving"), pick(REGISTER_STATUS, info.register_status, lang)),
            (self.tr("Niet gepubliceerd omdat"), not_published_text(info.not_published_reason, lang) or "—"),
            (self.tr("Ingediend op"), info.created_at.strftime("%Y-%m-%d %H:%M UTC")),
            (self.tr("Geïmporteerd"), f"{info.imported_at:%Y-%m-%d %H:%M} UTC, {info.imported_by}"
             + (self.tr(" (uit quarantaine)") if info.from_quarantine else "")),
            (self.tr("Ondertekenaar"), f"{info.signer_name} — {info.signer_fingerprint}"),
            (self.tr("Inzending-id"), info.submission_id), (self.tr("Inhoudsdigest"), info.content_digest),
            (self.tr("Status"), self.tr("geldend") if info.is_current else self.tr("vervangen door een nieuwere inzending")),
        ]
        for label, value in rows:
            text = QLabel(value)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            text.setWordWrap(True)
            form.addRow(label + ":", text)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Geschiedenis van dit algoritme")))
        self.history = table([self.tr("Ronde"), self.tr("Ingediend"), self.tr("Cat."), self.tr("Status"), self.tr("Inzending-id")],
                             "historyTable")
        history = repo.history(info.algorithm_id)
        fill(self.history, [[h.round, h.created_at.strftime("%Y-%m-%d %H:%M"), h.category or "?",
                             self.tr("geldend") if h.is_current else self.tr("vervangen"), h.submission_id] for h in history],
             [h.id for h in history], sort=False)
        layout.addWidget(self.history, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.pdf_button = QPushButton(self.tr("&PDF openen"))
        self.pdf_button.setObjectName("openPdf")
        self.save_button = QPushButton(self.tr("Pakket &opslaan…"))
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.pdf_button.clicked.connect(self.open_pdf)
        self.save_button.clicked.connect(self.save_package)
        layout.addWidget(buttons)

    def write_pdf(self) -> Path:
        """Write report.pdf from the stored package to a temporary file and return its path."""
        data = self.repo.package_bytes(self.info.id)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            pdf = archive.read("report.pdf")
        folder = Path(tempfile.mkdtemp(prefix="algoinventaris-cdo-"))
        path = folder / f"inzending-{self.info.submission_id[:8]}.pdf"
        path.write_bytes(pdf)
        self.pdf_path = path
        return path

    def open_pdf(self) -> None:
        try:
            path = self.write_pdf()
        except (OSError, KeyError, zipfile.BadZipFile) as err:
            inform(self, self.tr("PDF niet te openen"), self.tr("Het rapport kan niet worden uitgepakt."), error=True, details=str(err))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            inform(self, self.tr("PDF opgeslagen"),
                   self.tr("Er is geen PDF-lezer gevonden. Het rapport staat in %1.").replace("%1", str(path)))

    def save_package(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Pakket opslaan"), f"{self.info.submission_id}.zip",
                                              self.tr("Pakketten (*.zip)"))
        if name:
            try:
                Path(name).write_bytes(self.repo.package_bytes(self.info.id))
            except OSError as err:
                inform(self, self.tr("Opslaan mislukt"), str(err), error=True)
