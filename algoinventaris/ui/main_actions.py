"""What the main window does once the owner acts: new, delete with undo, the wizard, rounds, drafts, export, keys, Help.

Split from main_window.py so that the first window imports only what it paints: this module (and,
inside its functions, the dialogs, the wizard, the form engine and the storage layer it needs) is
loaded at the owner's first action. Every function takes the window; MainWindow keeps a method of
the same name for each (tests, signals and menus use those).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from algoinventaris import config
from algoinventaris.ui.form_cache import AI_ACT, FormCache
from algoinventaris.ui.main_window import OPEN_ALGORITHM_KEY, show_message

if TYPE_CHECKING:
    from algoinventaris.ui.main_window import MainWindow

translate = QCoreApplication.translate
log = logging.getLogger(__name__)


class DeleteCommand(QUndoCommand):
    """A soft delete that Undo restores; the first redo already happened when the command was pushed."""

    def __init__(self, window: MainWindow, algorithm_id: str, name: str) -> None:
        super().__init__(translate("MainWindow", "‘{name}’ verwijderen").format(name=name))
        self.window = window
        self.algorithm_id = algorithm_id
        self.name = name
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.window.run_storage(lambda repo: repo.delete_algorithm(self.algorithm_id),
                                translate("MainWindow", "Het algoritme is niet verwijderd."))
        self.window.refresh_list()

    def undo(self) -> None:
        ok = self.window.run_storage(lambda repo: repo.restore_algorithm(self.algorithm_id),
                                     translate("MainWindow", "Het algoritme is niet teruggezet."))
        self.window.refresh_list(select_id=self.algorithm_id if ok else None)
        if ok:
            self.window.statusBar().showMessage(
                translate("MainWindow", "‘{name}’ is teruggezet.").format(name=self.name), 8000)


def new_algorithm(window: MainWindow) -> None:
    """Nieuw algoritme…: ask name, organisation, unit and round, create it and open it in the wizard."""
    if window.repo is None:
        return
    from algoinventaris.ui.dialogs import NewAlgorithmDialog

    dialog = NewAlgorithmDialog(window, window.prefs.get_str("last/organisation"), window.prefs.get_str("last/unit"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def create() -> None:
        values = dialog.values()
        window.prefs.set("last/organisation", values["organisation"])
        window.prefs.set("last/unit", values["unit"])
        created: list[Any] = []
        if window.run_storage(lambda repo: created.append(repo.create_algorithm(**values)),
                            translate("MainWindow", "Het algoritme is niet aangemaakt.")):
            window.refresh_list(select_id=created[0].id)
            window.open_algorithm(created[0].id)

    dialog.accepted.connect(create)
    dialog.finished.connect(lambda _result: window.activateWindow())  # give the keyboard back to this window
    dialog.open()
    dialog.activateWindow()


def delete_algorithm(window: MainWindow, algorithm_id: str) -> None:
    """Remove an algorithm (a soft delete); Ctrl+Z or the status bar's button brings it back."""
    if window.repo is None:
        return
    name = next((r.name for r in window.list_page.model.rows if r.id == algorithm_id), algorithm_id)
    if not window.run_storage(lambda repo: repo.delete_algorithm(algorithm_id),
                            translate("MainWindow", "Het algoritme is niet verwijderd.")):
        return
    window.undo_stack.push(DeleteCommand(window, algorithm_id, name))
    window.refresh_list()
    window.statusBar().showMessage(
        translate("MainWindow", "‘{name}’ is verwijderd. Ongedaan maken: Ctrl+Z.").format(name=name), 15000)
    window.list_page.focus_table()


def forms_for(window: MainWindow, alg: Any) -> FormCache:
    """The questionnaires for this algorithm: its opened round's versions over the app's own (cached per round)."""
    from algoinventaris.package.rounds import round_forms_for
    from algoinventaris.ui.form_cache import RoundForms

    key = (" ".join(alg.round.split()).casefold(), " ".join(alg.organisation.split()).casefold())
    cached = window._round_forms.get(key)
    if cached is None:
        overrides = round_forms_for(window.repo, alg)
        cached = RoundForms(window.forms, overrides, alg.round) if overrides else window.forms
        window._round_forms[key] = cached
    return cached


def open_algorithm(window: MainWindow, algorithm_id: str, form_name: str | None = None, question: str | None = None) -> bool:
    """Open an algorithm in the wizard where the owner left off (or at `question`); False (with a message) on failure."""
    repo = window.repo
    if repo is None:
        return False
    from algoinventaris.ui.controller import WizardController
    from algoinventaris.ui.flow import AlgorithmFlow
    from algoinventaris.ui.wizard import WizardView

    try:
        alg = repo.get_algorithm(algorithm_id)
    except Exception as err:
        window.report_error(err, translate("MainWindow", "Het algoritme kan niet worden geopend."))
        window.refresh_list()
        return False
    try:
        forms = window.forms_for(alg)
    except Exception as err:  # a damaged round folder: say which questionnaire and how to repair it
        window.report_error(err, translate("MainWindow", "Het algoritme kan niet worden geopend."))
        return False
    if form_name is None:
        form_name = alg.current_form if alg.current_form and forms.available(alg.current_form) else AI_ACT
    from algoinventaris.ui.form_cache import FormUnavailable

    flow = AlgorithmFlow(repo, forms, algorithm_id)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        form = forms.get(form_name)
        controller = WizardController(repo, algorithm_id, form, records_outcome=form_name == AI_ACT)
        flow.prefill(controller)  # the register's name, organisation, category and defaults, to be confirmed
        controller.resume()
        if question is not None:
            if question in controller.reachable():
                controller.show_question(question)
            else:
                controller.jump_to_end()
    except FormUnavailable as err:
        QApplication.restoreOverrideCursor()
        show_message(window, QMessageBox.Icon.Critical, translate("MainWindow", "Vragenlijst ontbreekt"),
                     translate("MainWindow", "De vragenlijst kan niet worden gelezen. Installeer de app opnieuw "
                               "of neem contact op met je functioneel beheerder."), details=str(err))
        return False
    except Exception as err:
        QApplication.restoreOverrideCursor()
        window.report_error(err, translate("MainWindow", "Het algoritme kan niet worden geopend."))
        return False
    if window.wizard is not None:
        window.stack.removeWidget(window.wizard)
        window.wizard.deleteLater()
    wizard = WizardView(controller, window.languages.current, alg.name, window.report_error,
                        next_form=forms.next_after(form_name), previous_form=forms.previous_before(form_name),
                        parent=window.stack, flow=flow)
    wizard.back_to_list.connect(window.show_list)
    wizard.open_form.connect(lambda name: window.open_algorithm(algorithm_id, name))
    wizard.export_requested.connect(window.export_algorithm)
    window.wizard = wizard
    window.stack.addWidget(wizard)
    window.stack.setCurrentWidget(wizard)
    wizard.show_current()
    QTimer.singleShot(0, wizard.prepare_summary)
    QTimer.singleShot(0, window.forms.preload)  # the other questionnaires and the requirements, off the UI thread
    QTimer.singleShot(800, wizard, wizard.prepare_overview)  # by then they are loaded (dropped with the wizard)
    QApplication.restoreOverrideCursor()
    window.prefs.set(OPEN_ALGORITHM_KEY, algorithm_id)
    window.prefs.sync()  # the app may be killed any moment; tomorrow it reopens here
    window._update_undo_actions()
    return True


def open_round_file(window: MainWindow, path: str | Path | None = None) -> QDialog | None:
    """Bestand → Rondebestand openen: pick the CDO's bundle, check and install it off the UI thread."""
    if window.repo is None:
        return None
    if path is None:
        from PySide6.QtWidgets import QFileDialog

        picker = QFileDialog(window, translate("MainWindow", "Rondebestand openen"),
                             window.prefs.get_str("last/round_folder") or str(Path.home()),
                             translate("MainWindow", "Rondebestand (*.zip);;Alle bestanden (*)"))
        picker.setObjectName("roundFileDialog")
        picker.setFileMode(QFileDialog.FileMode.ExistingFile)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.fileSelected.connect(lambda chosen: window.open_round_file(chosen) if chosen else None)
        picker.open()
        return picker
    from algoinventaris.ui.round_dialogs import RoundOpenDialog

    window.prefs.set("last/round_folder", str(Path(path).parent))
    dialog = RoundOpenDialog(window, window.repo, path, window.languages.current)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.opened.connect(lambda result: round_opened(window, result))
    dialog.open()
    dialog.start()
    return dialog


def round_opened(window: MainWindow, result: Any) -> None:
    """A round bundle was installed: its forms and drafts may differ from what the window had."""
    window._round_forms.clear()  # a newer bundle may bring other versions
    window.update_drafts()  # and other drafts
    window.statusBar().showMessage(
        translate("MainWindow", "Ronde ‘{round}’ geopend.").format(round=result.round.name), 15000)


def start_from_last_year(window: MainWindow, algorithm_id: str) -> QDialog | None:
    """Begin vanuit vorig jaar: choose an opened round; a new algorithm with last year's answers as proposals."""
    repo = window.repo
    if repo is None:
        return None
    from algoinventaris.ui.round_dialogs import StartFromLastYearDialog, other_rounds

    try:
        alg = repo.get_algorithm(algorithm_id)
        rounds = other_rounds(repo, alg)
    except Exception as err:
        window.report_error(err, translate("MainWindow", "Het algoritme kan niet worden overgenomen."))
        return None
    if not rounds:
        show_message(window, QMessageBox.Icon.Information, translate("MainWindow", "Nog geen nieuwe ronde"),
                     translate("MainWindow", "Er is nog geen andere ronde geopend dan ‘{round}’. Open eerst het "
                               "rondebestand van de CDO (Bestand → Rondebestand openen…).").format(round=alg.round))
        return None
    dialog = StartFromLastYearDialog(window, alg, rounds)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: window.carry_into(algorithm_id, dialog.round_name() or ""))
    dialog.open()
    return dialog


def carry_into(window: MainWindow, algorithm_id: str, round_name: str) -> Any:
    """start_from_last_year, then open the new algorithm in the wizard; None (reason shown) when refused."""
    from algoinventaris.package.rounds import start_from_last_year

    result = _start_or_say_why(window, lambda: start_from_last_year(window.repo, algorithm_id, round_name),
                               translate("MainWindow", "Niet overgenomen"),
                               translate("MainWindow", "Het algoritme is niet overgenomen; er is niets veranderd."))
    if result is None:
        return None
    window.refresh_list(select_id=result.algorithm.id)
    window.open_algorithm(result.algorithm.id)
    prefilled = sum(len(f.answers) for f in result.forms)
    window.statusBar().showMessage(translate(
        "MainWindow", "{n} antwoorden van vorig jaar staan klaar als voorstel; {r} punten om na te kijken.").format(
            n=prefilled, r=len(result.review)), 20000)
    return result


def _key_unreadable(window: MainWindow, err: Exception, lang: str) -> None:
    """The signing key's file cannot be read: say which and why (nothing is changed)."""
    from algoinventaris.ui.export_dialog import error_text

    log.error("the signing key cannot be read: %s", err)
    show_message(window, QMessageBox.Icon.Critical, translate("MainWindow", "Ondertekensleutel onleesbaar"),
                 translate("MainWindow", "De ondertekensleutel kan niet worden gelezen.") + "\n\n"
                 + error_text(err, lang), details=f"{type(err).__name__}: {err}")


def _start_or_say_why(window: MainWindow, start: Callable[[], Any], title: str, lead: str) -> Any:
    """Run a start (last year's, a draft) under a wait cursor; on a refusal say why and return None."""
    from algoinventaris.ui.export_dialog import error_text

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = start()
    except Exception as err:
        QApplication.restoreOverrideCursor()
        log.warning("%s: %s", title, err)
        show_message(window, QMessageBox.Icon.Warning, title, lead + "\n\n" + error_text(err, window.languages.current),
                     details=f"{type(err).__name__}: {err}")
        return None
    QApplication.restoreOverrideCursor()
    return result


def open_drafts(window: MainWindow) -> QDialog | None:
    """Begin vanuit concept van de CDO: choose a draft of an opened round, then start it and open the wizard."""
    repo = window.repo
    if repo is None or window.stack.currentWidget() is not window.list_page:
        return None
    from algoinventaris.package.drafts import available_drafts
    from algoinventaris.ui.draft_dialog import DraftDialog
    from algoinventaris.ui.export_dialog import error_text

    try:
        items = available_drafts(repo)
        algorithms = repo.list_algorithms()
    except Exception as err:
        log.warning("the drafts cannot be listed: %s", err)
        show_message(window, QMessageBox.Icon.Warning, translate("MainWindow", "Concepten niet te lezen"),
                     error_text(err, window.languages.current), details=f"{type(err).__name__}: {err}")
        return None
    if not any(i.started is None for i in items):
        window.update_drafts()
        show_message(window, QMessageBox.Icon.Information, translate("MainWindow", "Geen concepten"), translate(
            "MainWindow", "De geopende rondes hebben geen concepten van de CDO die nog niet begonnen zijn."))
        return None
    names = {a.id: a.name for a in algorithms}
    newest = max(algorithms, key=lambda a: a.created_at, default=None)
    last_unit = newest.unit if newest is not None else (window.prefs.get_str("last/unit") or "")
    dialog = DraftDialog(window, items, names, unit_filter=last_unit, unit=window.prefs.get_str("last/unit") or last_unit)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: window.start_draft(*dialog.chosen) if dialog.chosen else None)
    dialog.finished.connect(lambda _result: window.activateWindow())
    dialog.open()
    return dialog


def start_draft(window: MainWindow, draft_id: str, unit: str | None = None) -> Any:
    """start_from_draft, then open the new algorithm on its first AI-Act question; None (reason shown) when refused."""
    from algoinventaris.package.drafts import start_from_draft

    repo = window.repo
    if repo is None:
        return None
    result = _start_or_say_why(window, lambda: start_from_draft(repo, draft_id, unit=unit),
                               translate("MainWindow", "Niet begonnen"),
                               translate("MainWindow", "Het concept is niet begonnen; er is niets veranderd."))
    if result is None:
        window.refresh_list()
        return None
    if unit:
        window.prefs.set("last/unit", unit)
    window.refresh_list(select_id=result.algorithm.id)
    window.open_algorithm(result.algorithm.id)
    window.statusBar().showMessage(translate(
        "MainWindow", "{n} registergegevens staan klaar als voorstel; de vragen over de AI-verordening beantwoord je "
        "zelf.").format(n=len(result.prefilled)), 20000)
    return result


def show_about(window: MainWindow) -> QDialog:
    """Help → Over: version, questionnaires with their hashes, where the files are, Python and Qt."""
    from algoinventaris.ui.about import AboutDialog

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        dialog = AboutDialog(window, window.db_path, window.forms)
    finally:
        QApplication.restoreOverrideCursor()
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def export_algorithm(window: MainWindow, algorithm_id: str) -> QDialog | None:
    """Open the export dialog for one algorithm (after saying why not, when its AI-Act questions are open)."""
    repo = window.repo
    if repo is None:
        return None
    from algoinventaris.ui.export_dialog import ExportDialog
    from algoinventaris.ui.flow import AlgorithmFlow

    lang = window.languages.current
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        alg = repo.get_algorithm(algorithm_id)
        forms = window.forms_for(alg)
        overview = AlgorithmFlow(repo, forms, algorithm_id).overview(lang)
        form = forms.get(AI_ACT)
    except Exception as err:
        QApplication.restoreOverrideCursor()
        window.report_error(err, translate("MainWindow", "Het algoritme kan niet worden geëxporteerd."))
        return None
    QApplication.restoreOverrideCursor()
    if not overview.ai_act_done:
        show_message(window, QMessageBox.Icon.Information, translate("MainWindow", "Nog niet klaar om te exporteren"),
                     translate("MainWindow", "‘{name}’ heeft nog geen conclusie over de AI-verordening. Beantwoord "
                               "eerst die vragen; daarna kun je exporteren.").format(name=alg.name))
        return None
    try:
        dialog = ExportDialog(window, repo, alg, lang=lang, prefs=window.prefs, notes=overview.incomplete, form=form)
    except Exception as err:  # a key file that cannot be read: say which and why
        _key_unreadable(window, err, lang)
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.exported.connect(lambda result: after_export(window, algorithm_id, result))
    dialog.not_ready.connect(lambda qid: show_open_question(window, algorithm_id, qid, dialog.not_ready_form))
    dialog.open()
    return dialog


def after_export(window: MainWindow, algorithm_id: str, result: Any) -> None:
    """A package was written: the list and the open summary show the new state."""
    window.refresh_list(select_id=algorithm_id)
    window.statusBar().showMessage(translate("MainWindow", "Pakket opgeslagen: {path}").format(path=result.path), 20000)
    if window.wizard is not None and window.wizard.controller.algorithm_id == algorithm_id:
        window.wizard.refresh()


def show_open_question(window: MainWindow, algorithm_id: str, question_id: str | None, form_id: str | None = None) -> None:
    """After an export found a question open or an answer unconfirmed: go there (AI-Act questions unless named)."""
    window.open_algorithm(algorithm_id, form_id or AI_ACT, question=question_id)


def show_key_dialog(window: MainWindow, parent: QWidget | None = None) -> QDialog | None:
    """Bestand → Ondertekensleutel: make the signing key, or see its fingerprint and save the public key."""
    from algoinventaris.ui.export_dialog import KeyDialog, default_folder

    lang = window.languages.current
    try:
        dialog = KeyDialog(parent or window, lang, default_folder(window.prefs))
    except Exception as err:  # an unreadable key file: say which and why, change nothing
        _key_unreadable(window, err, lang)
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_welcome(window: MainWindow) -> QDialog:
    """The first start: what the app is for, and how to begin; shown once (a flag in the preferences)."""
    from algoinventaris.ui.welcome import SHOWN_KEY, WelcomeDialog

    try:
        config.data_dir().mkdir(parents=True, exist_ok=True)
    except OSError as err:
        log.warning("cannot create the data folder %s: %s", config.data_dir(), err)
    window.first_run = False
    window.prefs.set(SHOWN_KEY, True)
    window.prefs.sync()
    dialog = WelcomeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.start_requested.connect(lambda: QTimer.singleShot(0, window.new_algorithm))
    dialog.key_requested.connect(lambda: window.show_key_dialog(dialog))
    dialog.round_requested.connect(lambda: QTimer.singleShot(0, window.open_round_file))
    dialog.open()
    return dialog


def show_keys(window: MainWindow) -> None:
    """Help → Sneltoetsen: every keyboard shortcut of the app."""
    show_message(window, QMessageBox.Icon.Information, translate("MainWindow", "Sneltoetsen"), translate(
        "MainWindow",
        "Enter: volgende vraag (in een tekstvak met meerdere regels: Ctrl+Enter)\n"
        "Alt+R: vorige vraag · Alt+O: overzicht · Alt+M: Mijn algoritmes\n"
        "1–9: kies het antwoord met dat nummer · pijltjestoetsen: ander antwoord kiezen\n"
        "Tab / Shift+Tab: naar het volgende / vorige onderdeel; onderstreepte begrippen zijn ook met Tab "
        "te bereiken, Enter toont de uitleg\n"
        "Ctrl+N: nieuw algoritme · Ctrl+O: openen · Delete: verwijderen · Ctrl+Z: ongedaan maken\n"
        "Ctrl+E: exporteren als ondertekend pakket · Alt+E op het overzicht: exporteren\n"
        "Ctrl+plus / Ctrl+min / Ctrl+0: tekst groter / kleiner / normaal · Ctrl+Alt+H: hoog contrast"))


def describe_storage_error(err: BaseException, path: Path) -> tuple[str, str]:
    """A title and a message for a person: what is wrong with which file, and what to do about it."""
    kind = type(err).__name__
    names = {cls.__name__ for cls in type(err).__mro__}
    if "DatabaseCorrupt" in names:
        return translate("MainWindow", "Database beschadigd"), translate(
            "MainWindow",
            "Het bestand {path} is geen leesbare database van Algoritme-inventaris (het is beschadigd of van een "
            "ander programma).\n\nDe app heeft het bestand niet gewijzigd. Zet een reservekopie terug, of "
            "verplaats het bestand en start de app opnieuw om met een lege database te beginnen. Twijfel je, "
            "neem dan contact op met je functioneel beheerder.").format(path=path)
    if "DatabaseTooNew" in names:
        return translate("MainWindow", "Nieuwere database"), translate(
            "MainWindow",
            "Het bestand {path} is gemaakt met een nieuwere versie van Algoritme-inventaris. Deze versie opent "
            "het niet, zodat er niets verloren gaat.\n\nInstalleer de nieuwste versie van de app.").format(path=path)
    if "DatabaseLocked" in names:
        return translate("MainWindow", "Database bezet"), translate(
            "MainWindow",
            "Een ander programma gebruikt het bestand {path} op dit moment.\n\nSluit het andere programma "
            "(of wacht even) en probeer het opnieuw.").format(path=path)
    if "NotFound" in names:
        return translate("MainWindow", "Niet gevonden"), translate(
            "MainWindow", "Dit algoritme bestaat niet meer in {path}. Misschien is het verwijderd.").format(path=path)
    log.debug("storage error of kind %s", kind)
    return translate("MainWindow", "Database niet te gebruiken"), translate(
        "MainWindow",
        "Het bestand {path} kan niet worden geopend of bijgewerkt.\n\nControleer of de map bestaat, of er "
        "ruimte vrij is en of je er mag schrijven. Start de app daarna opnieuw. Het bestand is niet "
        "overschreven.").format(path=path)
