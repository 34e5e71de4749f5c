"""Dialogs: the new-algorithm form and non-blocking message and question boxes (readable, testable)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from algoinventaris.ui.widgets import ErrorLabel

translate = QCoreApplication.translate


def show_message(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, details: str = "",
                 on_close: Callable[[], None] | None = None) -> QMessageBox:
    """Show a message without blocking the event loop (window-modal); returns the box."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("messageBox")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if details:
        box.setDetailedText(details)
    box.setAccessibleName(title)
    box.setAccessibleDescription(text)
    if on_close is not None:
        box.finished.connect(lambda _result: on_close())
    box.open()
    return box


def ask(parent: QWidget, title: str, text: str, yes_text: str, on_yes: Callable[[], None],
        no_text: str = "") -> QMessageBox:
    """Ask a yes/no question without blocking; `on_yes` runs only when the owner confirms. No is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("questionBox")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(no_text or translate("Dialogs", "Annuleren"), QMessageBox.ButtonRole.RejectRole)
    yes.setObjectName("yesButton")
    no.setObjectName("noButton")
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setAccessibleName(title)
    box.setAccessibleDescription(text)

    def done(_result: int) -> None:
        if box.clickedButton() is yes:
            on_yes()

    box.finished.connect(done)
    box.open()
    return box


def default_round(today: date | None = None) -> str:
    """The inventory round most owners are in: 'Inventarisatie <this year>'."""
    year = (today or date.today()).year
    return translate("NewAlgorithmDialog", "Inventarisatie {year}").format(year=year)


class NewAlgorithmDialog(QDialog):
    """Asks name, organisation, unit and round for a new algorithm; OK only once a name is given."""

    def __init__(self, parent: QWidget | None = None, organisation: str = "", unit: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("newAlgorithmDialog")
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(200)
        self.organisation_edit = QLineEdit(organisation, self)
        self.organisation_edit.setObjectName("organisationEdit")
        self.organisation_edit.setMaxLength(200)
        self.unit_edit = QLineEdit(unit, self)
        self.unit_edit.setObjectName("unitEdit")
        self.unit_edit.setMaxLength(200)
        self.round_edit = QLineEdit(default_round(), self)
        self.round_edit.setObjectName("roundEdit")
        self.round_edit.setMaxLength(100)
        self.name_label = QLabel(self)
        self.organisation_label = QLabel(self)
        self.unit_label = QLabel(self)
        self.round_label = QLabel(self)
        for label, edit in ((self.name_label, self.name_edit), (self.organisation_label, self.organisation_edit),
                            (self.unit_label, self.unit_edit), (self.round_label, self.round_edit)):
            label.setBuddy(edit)
            form.addRow(label, edit)
        layout.addLayout(form)
        self.hint = ErrorLabel(self)
        self.hint.setObjectName("fieldError")
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.name_edit, self.organisation_edit, self.unit_edit, self.round_edit):
            edit.textChanged.connect(self._update)
        self.retranslate()
        self._update()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(max(self.sizeHint().width(), 480), self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(translate("NewAlgorithmDialog", "Nieuw algoritme"))
        self.intro.setText(translate(
            "NewAlgorithmDialog",
            "Geef het algoritme of de AI-toepassing een naam die collega's herkennen. "
            "Organisatie, eenheid en ronde worden onthouden voor het volgende algoritme."))
        self.name_label.setText(translate("NewAlgorithmDialog", "&Naam:"))
        self.organisation_label.setText(translate("NewAlgorithmDialog", "&Organisatie:"))
        self.unit_label.setText(translate("NewAlgorithmDialog", "&Eenheid:"))
        self.round_label.setText(translate("NewAlgorithmDialog", "&Ronde:"))
        self.name_edit.setPlaceholderText(translate("NewAlgorithmDialog", "bijvoorbeeld: Toewijzing parkeervergunningen"))
        self.name_edit.setAccessibleName(translate("NewAlgorithmDialog", "Naam"))
        self.organisation_edit.setAccessibleName(translate("NewAlgorithmDialog", "Organisatie"))
        self.unit_edit.setAccessibleName(translate("NewAlgorithmDialog", "Eenheid"))
        self.round_edit.setAccessibleName(translate("NewAlgorithmDialog", "Ronde"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(translate("NewAlgorithmDialog", "&Aanmaken"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(translate("NewAlgorithmDialog", "Annuleren"))
        self._update()

    def missing(self) -> list[str]:
        """The names of the fields that are still empty (all four are needed)."""
        fields = ((self.name_edit, translate("NewAlgorithmDialog", "Naam")),
                  (self.organisation_edit, translate("NewAlgorithmDialog", "Organisatie")),
                  (self.unit_edit, translate("NewAlgorithmDialog", "Eenheid")),
                  (self.round_edit, translate("NewAlgorithmDialog", "Ronde")))
        return [label for edit, label in fields if not edit.text().strip()]

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        missing = self.missing()
        ok.setEnabled(not missing)
        self.hint.set_message(translate("NewAlgorithmDialog", "Nog in te vullen: {fields}.").format(
            fields=", ".join(missing)) if missing else "")

    def values(self) -> dict[str, str]:
        """The cleaned-up values: surrounding spaces removed."""
        return {
            "name": " ".join(self.name_edit.text().split()),
            "organisation": " ".join(self.organisation_edit.text().split()),
            "unit": " ".join(self.unit_edit.text().split()),
            "round_name": " ".join(self.round_edit.text().split()),
        }

    def accept(self) -> None:
        for edit in (self.name_edit, self.organisation_edit, self.unit_edit, self.round_edit):
            if not edit.text().strip():
                edit.setFocus()
                return
        super().accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
