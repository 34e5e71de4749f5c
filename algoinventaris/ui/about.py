"""Help → Over: the version, every bundled questionnaire (id, version, short SHA-256), where the files are, Python and Qt."""

from __future__ import annotations

import html
import platform
from dataclasses import dataclass
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QEvent, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from algoinventaris import __version__, config
from algoinventaris.ui.form_cache import FormCache, FormUnavailable

translate = QCoreApplication.translate


@dataclass(frozen=True)
class FormLine:
    """One bundled questionnaire as the About box lists it (problem set when it does not load)."""

    name: str
    form_id: str = ""
    version: str = ""
    sha256: str = ""
    problem: str = ""

    @property
    def short_sha(self) -> str:
        return self.sha256[:12]


def bundled_forms(cache: FormCache) -> list[FormLine]:
    """Every folder with a form.yaml in the bundled forms folder, loaded through the cache."""
    lines = []
    for name in cache.bundled_names():
        try:
            form = cache.get(name)
        except FormUnavailable as err:
            lines.append(FormLine(name, problem=str(err).splitlines()[0] if str(err) else "does not load"))
            continue
        lines.append(FormLine(name, form.id, form.version, form.content_hash))
    return lines


def where_things_are(db_path: Path) -> list[tuple[str, Path]]:
    """(label, path) of the data folder, database, log file and settings file."""
    from algoinventaris.logsetup import log_file

    data = config.data_dir()
    return [
        (translate("AboutDialog", "Gegevensmap"), data),
        (translate("AboutDialog", "Database"), db_path),
        (translate("AboutDialog", "Logbestand"), log_file()),
        (translate("AboutDialog", "Instellingen"), data / "settings.ini"),
    ]


def versions() -> str:
    return translate("AboutDialog", "Python {python}, Qt {qt} (PySide6 {pyside}), {system}").format(
        python=platform.python_version(), qt=qVersion(), pyside=pyside_version,
        system=f"{platform.system()} {platform.release()}".strip())


class AboutDialog(QDialog):
    """What this installation is and where it keeps things; the text can be copied for a support request."""

    def __init__(self, parent: QWidget | None, db_path: Path, forms: FormCache) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.db_path = db_path
        self.forms = bundled_forms(forms)
        layout = QVBoxLayout(self)
        self.text = QLabel(self)
        self.text.setObjectName("aboutText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setWidget(self.text)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text itself takes the keyboard
        layout.addWidget(area, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button: QPushButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("copyAboutButton")
        self.copy_button.clicked.connect(self.copy)
        self.folder_button: QPushButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button.setObjectName("openDataFolderButton")
        self.folder_button.clicked.connect(self.open_data_folder)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(max(self.sizeHint().width(), 680), min(max(self.sizeHint().height(), 520), 760))

    def plain_text(self) -> str:
        """Everything the box says, as plain text (for the clipboard and a support request)."""
        lines = [f"Algoritme-inventaris {__version__}", "", translate("AboutDialog", "Vragenlijsten:")]
        for f in self.forms:
            lines.append(f"  {f.name}: {f.problem}" if f.problem else
                         f"  {f.form_id} {f.version} sha256:{f.short_sha}")
        lines += ["", translate("AboutDialog", "Waar je gegevens staan:")]
        lines += [f"  {label}: {path}" for label, path in where_things_are(self.db_path)]
        lines += ["", versions()]
        return "\n".join(lines)

    def retranslate(self) -> None:
        esc = html.escape
        self.setWindowTitle(translate("AboutDialog", "Over Algoritme-inventaris"))
        rows = "".join(
            f"<tr><td><b>{esc(f.name)}</b></td><td colspan='2'>{esc(f.problem)}</td></tr>" if f.problem else
            f"<tr><td><b>{esc(f.form_id)}</b></td><td>{esc(f.version)}</td><td><code>{esc(f.short_sha)}</code></td></tr>"
            for f in self.forms)
        places = "".join(f"<tr><td>{esc(label)}</td><td><code>{esc(str(path))}</code></td></tr>"
                         for label, path in where_things_are(self.db_path))
        purpose = translate("AboutDialog", "Voor de jaarlijkse inventarisatie van algoritmes en AI-systemen: welke regels "
                                           "van de AI-verordening gelden, in welke categorie een algoritme valt en wat er "
                                           "in het Algoritmeregister komt.")
        forms_title = translate("AboutDialog", "Vragenlijsten")
        id_word = translate("AboutDialog", "Id")
        version_word = translate("AboutDialog", "Versie")
        sha_word = translate("AboutDialog", "SHA-256 (begin)")
        places_title = translate("AboutDialog", "Waar je gegevens staan")
        versions_title = translate("AboutDialog", "Versies")
        self.text.setText(
            f"<h2>Algoritme-inventaris {esc(__version__)}</h2><p>{esc(purpose)}</p>"
            f"<h3>{esc(forms_title)}</h3>"
            f"<table cellspacing='0' cellpadding='3'><tr><th align='left'>{esc(id_word)}</th>"
            f"<th align='left'>{esc(version_word)}</th><th align='left'>{esc(sha_word)}</th></tr>{rows}</table>"
            f"<h3>{esc(places_title)}</h3><table cellspacing='0' cellpadding='3'>{places}</table>"
            f"<h3>{esc(versions_title)}</h3><p>{esc(versions())}</p>")
        self.text.setAccessibleName(translate("AboutDialog", "Over Algoritme-inventaris"))
        self.text.setAccessibleDescription(self.plain_text())
        self.copy_button.setText(translate("AboutDialog", "&Kopiëren"))
        self.copy_button.setAccessibleName(translate("AboutDialog", "Deze gegevens kopiëren"))
        self.folder_button.setText(translate("AboutDialog", "&Gegevensmap openen"))
        self.folder_button.setAccessibleName(translate("AboutDialog", "De gegevensmap openen"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(translate("AboutDialog", "Sluiten"))

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.plain_text())

    def open_data_folder(self) -> None:
        from algoinventaris.ui.export_dialog import open_folder

        folder = config.data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        open_folder(folder)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

