"""The main window: "Mijn algoritmes" first, the wizard for one algorithm, menus, undo, export, language and errors.

Start-up is built around the first screen. The window paints before the database is touched; right
after the first paint the list is filled by `storage.quick_list` (the standard sqlite3 module, read
only), because SQLAlchemy and Alembic cost more to load than a bare Qt window takes to start and
would double the app's memory while it only shows a list. The full repository (`open_owner_db`) is
opened when the owner opens, creates, deletes or exports something, and is loaded ahead in a
background thread as soon as the owner starts using the window (the first key press or mouse
movement), so that the first action rarely waits. When quick_list cannot vouch for the file (missing,
older, newer, damaged, busy) the database is opened the full way at once, which migrates, refuses
or explains.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QLockFile, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from algoinventaris import config
from algoinventaris.ui.algorithm_list import AlgorithmListPage
from algoinventaris.ui.form_cache import AI_ACT, FormCache
from algoinventaris.ui.i18n import LANGUAGES, Languages
from algoinventaris.ui.preferences import Preferences

if TYPE_CHECKING:
    from algoinventaris.ui.theme import Theme
    from algoinventaris.ui.wizard import WizardView


def show_message(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> QMessageBox:
    """A non-blocking message box (the dialogs module is loaded only when a message is needed)."""
    from algoinventaris.ui.dialogs import show_message as show

    return show(parent, icon, title, text, details)

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

OPEN_ALGORITHM_KEY = "session/open_algorithm"


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


class MainWindow(QMainWindow):
    """Top-level window of the app."""

    first_painted = Signal()
    data_shown = Signal()
    database_failed = Signal(str)
    repository_opened = Signal()
    _storage_loaded = Signal()  # from the warm-up thread: SQLAlchemy is imported, open the repository now

    def __init__(self, db_path: str | Path | None = None, *, languages: Languages | None = None,
                 theme: Theme | None = None, prefs: Preferences | None = None, auto_open: bool = True,
                 first_run: bool = False) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        app = QApplication.instance()
        assert isinstance(app, QApplication), "create the QApplication first"
        self.prefs = prefs or Preferences()
        self.languages = languages or Languages(app)
        self.theme = theme
        self.db_path = Path(db_path) if db_path is not None else config.default_db_path()
        self._repo: Any = None
        self._failed = False        # the last attempt to open the database failed (the list says why)
        self._quick_tried = False   # the first list came (or was tried) from storage.quick_list
        self._shown = False         # data_shown was emitted for the list on screen
        self._warming: threading.Thread | None = None
        self.first_run = first_run
        self.forms = FormCache()
        self._round_forms: dict[tuple[str, str], FormCache] = {}  # (round, organisation) -> its forms; cleared on open
        self.wizard: WizardView | None = None
        self.auto_open = auto_open
        self._painted = False
        self._lock: QLockFile | None = None
        self._closing = False
        self.undo_stack = QUndoStack(self)
        self._drafts_open = False  # an opened round has drafts from the CDO that nobody started yet

        self.resize(1000, 700)
        self.stack = QStackedWidget(self)
        self.list_page = AlgorithmListPage(self.stack)
        self.stack.addWidget(self.list_page)
        self.setCentralWidget(self.stack)
        self.list_page.new_requested.connect(self.new_algorithm)
        self.list_page.open_requested.connect(self.open_algorithm)
        self.list_page.delete_requested.connect(self.delete_algorithm)
        self.list_page.carry_requested.connect(self.start_from_last_year)
        self.list_page.drafts_requested.connect(self.open_drafts)
        self.list_page.retry_requested.connect(self.open_database)
        self.list_page.selection_changed.connect(self._update_actions)
        self._storage_loaded.connect(self._open_after_warm_up)

        self.undo_button = QPushButton(self)
        self.undo_button.setObjectName("statusUndoButton")
        self.undo_button.setFlat(True)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_button.setVisible(False)
        self.statusBar().addPermanentWidget(self.undo_button)
        self.db_label = QLabel(self)
        self.db_label.setObjectName("dbLabel")
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        self.languages.changed.connect(self._on_language_changed)
        self.undo_stack.canUndoChanged.connect(lambda _: self._update_undo_actions())
        self.undo_stack.canRedoChanged.connect(lambda _: self._update_undo_actions())
        self.undo_stack.indexChanged.connect(lambda _: self._update_undo_actions())
        self.retranslate()
        self.installEventFilter(self)  # removed again after the first paint

    # -- menus -----------------------------------------------------------------------------------
    def _action(self, name: str, slot: Any, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                checkable: bool = False) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.new_action = self._action("newAction", self.new_algorithm, QKeySequence.StandardKey.New)
        self.open_action = self._action("openAction", self.open_selected, QKeySequence.StandardKey.Open)
        self.list_action = self._action("listAction", self.show_list, "Ctrl+L")
        self.export_action = self._action("exportAction", self.export_current, "Ctrl+E")
        self.key_action = self._action("keyAction", lambda: self.show_key_dialog())
        self.round_action = self._action("roundAction", lambda: self.open_round_file())
        self.carry_action = self._action("carryAction", self.carry_selected)
        self.draft_action = self._action("draftAction", lambda: self.open_drafts())
        self.draft_action.setEnabled(False)
        self.quit_action = self._action("quitAction", self.close, QKeySequence.StandardKey.Quit)
        for a in (self.new_action, self.open_action, self.list_action):
            self.file_menu.addAction(a)
        self.file_menu.addAction(self.carry_action)
        self.file_menu.addAction(self.draft_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.round_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.key_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("")
        self.undo_action = self._action("undoAction", self.undo_stack.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("redoAction", self.undo_stack.redo, QKeySequence.StandardKey.Redo)
        self.delete_action = self._action("deleteAction", self.delete_selected)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.delete_action)

        self.view_menu = bar.addMenu("")
        self.contrast_action = self._action("contrastAction", self.toggle_high_contrast, "Ctrl+Alt+H", checkable=True)
        self.zoom_in_action = self._action("zoomInAction", self.zoom_in, QKeySequence.StandardKey.ZoomIn)
        self.zoom_out_action = self._action("zoomOutAction", self.zoom_out, QKeySequence.StandardKey.ZoomOut)
        self.zoom_reset_action = self._action("zoomResetAction", self.zoom_reset, "Ctrl+0")
        for a in (self.contrast_action, self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            self.view_menu.addAction(a)
        if self.theme is not None:
            self.contrast_action.setChecked(self.theme.high_contrast)

        self.language_menu = bar.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = self._action(f"language-{code}", lambda _=False, c=code: self.set_language(c), checkable=True)
            action.setText(name)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.language_actions[self.languages.current].setChecked(True)

        self.help_menu = bar.addMenu("")
        self.keys_action = self._action("keysAction", self.show_keys, QKeySequence.StandardKey.HelpContents)
        self.about_action = self._action("aboutAction", self.show_about)
        self.help_menu.addAction(self.keys_action)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.setWindowTitle(translate("MainWindow", "Algoritme-inventaris"))
        self.file_menu.setTitle(translate("MainWindow", "&Bestand"))
        self.new_action.setText(translate("MainWindow", "&Nieuw algoritme…"))
        self.open_action.setText(translate("MainWindow", "&Openen"))
        self.list_action.setText(translate("MainWindow", "&Mijn algoritmes"))
        self.export_action.setText(translate("MainWindow", "&Exporteren…"))
        self.export_action.setToolTip(translate("MainWindow", "Het gekozen algoritme opslaan als ondertekend pakket voor de CDO"))
        self.key_action.setText(translate("MainWindow", "Onderteken&sleutel…"))
        self.round_action.setText(translate("MainWindow", "&Rondebestand openen…"))
        self.round_action.setToolTip(translate(
            "MainWindow", "Het rondebestand van de CDO openen: de ronde, de termijn en de vragenlijsten van dit jaar"))
        self.carry_action.setText(translate("MainWindow", "Begin vanuit vorig &jaar…"))
        self.draft_action.setText(translate("MainWindow", "Begin vanuit &concept van de CDO…"))
        self.draft_action.setToolTip(translate(
            "MainWindow", "Een algoritme beginnen dat de CDO al klaarzette, met gegevens uit het register of de "
            "inventarisatie van vorig jaar"))
        self.quit_action.setText(translate("MainWindow", "&Afsluiten"))
        self.edit_menu.setTitle(translate("MainWindow", "Be&werken"))
        self.redo_action.setText(translate("MainWindow", "&Opnieuw"))
        self.delete_action.setText(translate("MainWindow", "&Verwijderen"))
        self.view_menu.setTitle(translate("MainWindow", "Beel&d"))
        self.contrast_action.setText(translate("MainWindow", "&Hoog contrast"))
        self.zoom_in_action.setText(translate("MainWindow", "Tekst &groter"))
        self.zoom_out_action.setText(translate("MainWindow", "Tekst &kleiner"))
        self.zoom_reset_action.setText(translate("MainWindow", "&Normale tekstgrootte"))
        self.language_menu.setTitle(translate("MainWindow", "&Taal"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.keys_action.setText(translate("MainWindow", "&Sneltoetsen"))
        self.about_action.setText(translate("MainWindow", "&Over Algoritme-inventaris"))
        self.db_label.setText(str(self.db_path))
        self.db_label.setToolTip(translate("MainWindow", "Je gegevens staan in dit bestand"))
        self.db_label.setAccessibleName(translate("MainWindow", "Databasebestand: {path}").format(path=self.db_path))
        self.undo_button.setText(translate("MainWindow", "Ongedaan &maken"))
        self._update_undo_actions()

    def _update_undo_actions(self) -> None:
        try:
            self._sync_undo_actions()
        except RuntimeError:  # the stack emits its last signals while the window is being destroyed
            pass

    def _sync_undo_actions(self) -> None:
        undo_text = self.undo_stack.undoText()
        redo_text = self.undo_stack.redoText()
        self.undo_action.setText(translate("MainWindow", "&Ongedaan maken") + (f": {undo_text}" if undo_text else ""))
        self.undo_action.setEnabled(self.undo_stack.canUndo())
        self.redo_action.setText(translate("MainWindow", "&Opnieuw") + (f": {redo_text}" if redo_text else ""))
        self.redo_action.setEnabled(self.undo_stack.canRedo())
        self.undo_button.setVisible(self.undo_stack.canUndo() and self.stack.currentWidget() is self.list_page)
        self.undo_button.setAccessibleName(self.undo_action.text().replace("&", ""))
        self._update_actions()

    def _update_actions(self) -> None:
        """Exporteren is possible for the open algorithm, or the chosen one once its AI-Act questions are concluded."""
        try:
            self.export_action.setEnabled(self._export_target() is not None)
            self.carry_action.setEnabled(self.list_page.selected_id() is not None
                                         and self.stack.currentWidget() is self.list_page)
            self.draft_action.setEnabled(self._drafts_open and self.stack.currentWidget() is self.list_page)
        except RuntimeError:
            pass

    def _export_target(self) -> str | None:
        if self.wizard is not None and self.stack.currentWidget() is self.wizard:
            return str(self.wizard.controller.algorithm_id)
        chosen = self.list_page.selected_id()
        if chosen is None or self.stack.currentWidget() is not self.list_page:
            return None
        row = next((r for r in self.list_page.model.rows if r.id == chosen), None)
        return chosen if row is not None and row.conclusion else None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            try:
                self.retranslate()
            except RuntimeError:  # a window being destroyed still gets the event; its menus are gone
                pass
        super().changeEvent(event)

    # -- first paint, then the database ---------------------------------------------------------
    INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                              QEvent.Type.Wheel, QEvent.Type.ShortcutOverride})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self and kind == QEvent.Type.Paint and not self._painted:
            # The first paint is under way; once it is done (the next turn of the event loop) fill the list.
            self._painted = True
            self.removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_paint)
        elif kind in self.INPUT_EVENTS and self._repo is None and self._warming is None:
            # the owner starts using the window: load the storage layer now, so the first action need not wait
            QTimer.singleShot(0, self.warm_up)
            self._disarm_warm_up()
        return False

    def _after_first_paint(self) -> None:
        self.first_painted.emit()
        QTimer.singleShot(0, self.open_database)
        if self.first_run:
            QTimer.singleShot(0, self.show_welcome)

    @property
    def repo(self) -> Any:
        """The full repository, opened now if the list came from quick_list (None when the database cannot be used)."""
        return self.ensure_repo()

    def ensure_repo(self) -> Any:
        """Open the full repository when it is not open yet; on failure the owner is told, and None is returned."""
        if self._repo is None and not self._failed and not self._closing:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._open_full(show_rows=False)
            finally:
                QApplication.restoreOverrideCursor()
        return self._repo

    def open_database(self) -> None:
        """Fill the list after the first paint: from quick_list when it can, else by opening the database.

        On failure the owner is told what is wrong with which file, and the file is left alone.
        """
        if self._repo is not None:
            self._rows_shown()
            return
        self._failed = False
        self.list_page.set_loading()
        if not self._acquire_lock():
            self._failed = True
            return
        rows = None
        if not self._quick_tried:
            self._quick_tried = True
            from algoinventaris.storage import quick_list

            rows = quick_list(self.db_path)
        if rows is not None:
            self.list_page.set_rows(rows)
            self._update_undo_actions()
            self._rows_shown()
            self._arm_warm_up()
            return
        self._open_full(show_rows=True)

    def _rows_shown(self) -> None:
        """The list shows the owner's algorithms for the first time (after a failure: again)."""
        if self._shown:
            return
        self._shown = True
        self.repaint()
        self.data_shown.emit()
        QTimer.singleShot(0, self._after_data)

    def _open_full(self, show_rows: bool) -> bool:
        """Open the database with the storage layer (migrating an older file); False after explaining a failure."""
        if self._lock is None and not self._acquire_lock():
            self._failed = True
            return False
        try:
            from algoinventaris.storage import open_owner_db

            repo = open_owner_db(self.db_path)
        except Exception as err:
            self._failed = True
            self._release_lock()
            self._database_error(err)
            return False
        self._repo = repo
        self._failed = False
        if show_rows or not self._shown:
            self.refresh_list()
        else:
            self._refresh_if_changed()
        self.repository_opened.emit()
        if not self._failed:
            self._rows_shown()
        return True

    def _refresh_if_changed(self) -> None:
        """After the quick list: show the repository's list only when it differs (keeps selection and scroll)."""
        try:
            rows = self._repo.list_algorithms()
        except Exception as err:
            self._database_error(err)
            return
        if rows != list(self.list_page.model.rows):
            self.list_page.set_rows(rows)
            self._update_undo_actions()
        self.update_drafts()

    # -- loading the storage layer ahead, once the owner starts using the window --------------------------
    def _arm_warm_up(self) -> None:
        app = QApplication.instance()
        if app is not None and self._repo is None:
            app.installEventFilter(self)

    def _disarm_warm_up(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def warm_up(self) -> None:
        """Import SQLAlchemy and the repository in a background thread, then open the repository on this thread."""
        self._disarm_warm_up()
        if self._repo is not None or self._warming is not None or self._failed:
            return

        def load() -> None:
            try:
                import algoinventaris.storage.repository  # noqa: F401 - the expensive import, off the UI thread
            except Exception:
                log.exception("loading the storage layer ahead failed; it is loaded when needed")
            try:
                self._storage_loaded.emit()
            except RuntimeError:  # the window is gone already
                pass

        self._warming = threading.Thread(target=load, name="storage-warm-up", daemon=True)
        self._warming.start()

    def _open_after_warm_up(self) -> None:
        self._warming = None
        if self._repo is None and not self._failed and not self._closing:
            self._open_full(show_rows=False)

    def _after_data(self) -> None:
        if self.auto_open:
            last = self.prefs.get_str(OPEN_ALGORITHM_KEY)
            if last and self.list_page.select(last):
                self.open_algorithm(last)
                return
        self.list_page.focus_table()

    def _acquire_lock(self) -> bool:
        """One app per database: a second window on the same file is told so and does not touch it."""
        try:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # opening the database will report the folder problem
        lock = QLockFile(str(self.db_path) + ".lock")
        lock.setStaleLockTime(0)  # only a lock whose process is gone is stale, however old it is
        if lock.tryLock(0):
            self._lock = lock
            return True
        if lock.error() == QLockFile.LockError.LockFailedError:
            text = translate(
                "MainWindow",
                "Algoritme-inventaris is al geopend met het bestand {path}.\n\n"
                "Werk verder in het andere venster. Wil je hier werken, sluit dan eerst het andere venster "
                "en kies Opnieuw proberen.").format(path=self.db_path)
            self.list_page.set_error(text)
            self.database_failed.emit(text)
            show_message(self, QMessageBox.Icon.Warning, translate("MainWindow", "Al geopend"), text)
            return False
        log.warning("no lock file next to %s (%s); continuing without", self.db_path, lock.error())
        return True

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _database_error(self, err: BaseException) -> None:
        log.error("cannot open %s: %s", self.db_path, err)
        self._failed = True
        self._shown = False
        title, text = describe_storage_error(err, self.db_path)
        self.list_page.set_error(text)
        self.database_failed.emit(text)
        show_message(self, QMessageBox.Icon.Critical, title, text, details=str(err))

    def run_storage(self, action: Any, failure: str) -> bool:
        """Run one repository call; a failure is shown as a dialog and nothing else happens."""
        repo = self.repo
        if repo is None:
            return False
        try:
            action(repo)
        except Exception as err:
            self.report_error(err, failure)
            return False
        return True

    def report_error(self, err: BaseException, what: str) -> None:
        """Tell the owner that something was not saved, what the file is and what to do."""
        log.error("%s %s", what, err)
        title, text = describe_storage_error(err, self.db_path)
        show_message(self, QMessageBox.Icon.Critical, title, f"{what}\n\n{text}", details=str(err))

    # -- the list ----------------------------------------------------------------------------------
    def refresh_list(self, select_id: str | None = None) -> None:
        if self._repo is None:
            return
        try:
            rows = self._repo.list_algorithms()
        except Exception as err:
            self._database_error(err)
            return
        self.list_page.set_rows(rows, select_id)
        self.update_drafts()
        self._update_undo_actions()

    def update_drafts(self) -> None:
        """Enable "Begin vanuit concept van de CDO…" when an opened round has drafts nobody started yet."""
        available = False
        if self._repo is not None:
            from algoinventaris.package.drafts import has_open_drafts

            try:
                available = has_open_drafts(self._repo)
            except Exception:  # the button is a help; the list must show anyway
                log.exception("the drafts of the opened rounds could not be read")
        self._drafts_open = available
        self.list_page.set_drafts_available(available)
        self._update_actions()

    def show_list(self) -> None:
        """Back to "Mijn algoritmes" (the wizard has saved everything already)."""
        if self.wizard is not None:
            self.stack.removeWidget(self.wizard)
            self.wizard.deleteLater()
            self.wizard = None
        self.prefs.set(OPEN_ALGORITHM_KEY, None)
        self.prefs.sync()
        self.stack.setCurrentWidget(self.list_page)
        self.refresh_list()
        self.list_page.focus_table()
        self._update_undo_actions()

    def open_selected(self) -> None:
        alg = self.list_page.selected_id()
        if alg is not None and self.stack.currentWidget() is self.list_page:
            self.open_algorithm(alg)

    def delete_selected(self) -> None:
        alg = self.list_page.selected_id()
        if alg is not None and self.stack.currentWidget() is self.list_page:
            self.delete_algorithm(alg)

    def new_algorithm(self) -> None:
        if self.repo is None:
            return
        from algoinventaris.ui.dialogs import NewAlgorithmDialog

        dialog = NewAlgorithmDialog(self, self.prefs.get_str("last/organisation"), self.prefs.get_str("last/unit"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def create() -> None:
            values = dialog.values()
            self.prefs.set("last/organisation", values["organisation"])
            self.prefs.set("last/unit", values["unit"])
            created: list[Any] = []
            if self.run_storage(lambda repo: created.append(repo.create_algorithm(**values)),
                                translate("MainWindow", "Het algoritme is niet aangemaakt.")):
                self.refresh_list(select_id=created[0].id)
                self.open_algorithm(created[0].id)

        dialog.accepted.connect(create)
        dialog.finished.connect(lambda _result: self.activateWindow())  # give the keyboard back to this window
        dialog.open()
        dialog.activateWindow()

    def delete_algorithm(self, algorithm_id: str) -> None:
        if self.repo is None:
            return
        name = next((r.name for r in self.list_page.model.rows if r.id == algorithm_id), algorithm_id)
        if not self.run_storage(lambda repo: repo.delete_algorithm(algorithm_id),
                                translate("MainWindow", "Het algoritme is niet verwijderd.")):
            return
        self.undo_stack.push(DeleteCommand(self, algorithm_id, name))
        self.refresh_list()
        self.statusBar().showMessage(
            translate("MainWindow", "‘{name}’ is verwijderd. Ongedaan maken: Ctrl+Z.").format(name=name), 15000)
        self.list_page.focus_table()

    # -- the wizard --------------------------------------------------------------------------------
    def forms_for(self, alg: Any) -> FormCache:
        """The questionnaires for this algorithm: its opened round's versions over the app's own (cached per round)."""
        from algoinventaris.package.rounds import round_forms_for
        from algoinventaris.ui.form_cache import RoundForms

        key = (" ".join(alg.round.split()).casefold(), " ".join(alg.organisation.split()).casefold())
        cached = self._round_forms.get(key)
        if cached is None:
            overrides = round_forms_for(self.repo, alg)
            cached = RoundForms(self.forms, overrides, alg.round) if overrides else self.forms
            self._round_forms[key] = cached
        return cached

    def open_algorithm(self, algorithm_id: str, form_name: str | None = None, question: str | None = None) -> bool:
        """Open an algorithm in the wizard where the owner left off (or at `question`); False (with a message) on failure."""
        repo = self.repo
        if repo is None:
            return False
        from algoinventaris.ui.controller import WizardController
        from algoinventaris.ui.flow import AlgorithmFlow
        from algoinventaris.ui.wizard import WizardView

        try:
            alg = repo.get_algorithm(algorithm_id)
        except Exception as err:
            self.report_error(err, translate("MainWindow", "Het algoritme kan niet worden geopend."))
            self.refresh_list()
            return False
        try:
            forms = self.forms_for(alg)
        except Exception as err:  # a damaged round folder: say which questionnaire and how to repair it
            self.report_error(err, translate("MainWindow", "Het algoritme kan niet worden geopend."))
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
            show_message(self, QMessageBox.Icon.Critical, translate("MainWindow", "Vragenlijst ontbreekt"),
                         translate("MainWindow", "De vragenlijst kan niet worden gelezen. Installeer de app opnieuw "
                                   "of neem contact op met je functioneel beheerder."), details=str(err))
            return False
        except Exception as err:
            QApplication.restoreOverrideCursor()
            self.report_error(err, translate("MainWindow", "Het algoritme kan niet worden geopend."))
            return False
        if self.wizard is not None:
            self.stack.removeWidget(self.wizard)
            self.wizard.deleteLater()
        wizard = WizardView(controller, self.languages.current, alg.name, self.report_error,
                            next_form=forms.next_after(form_name), previous_form=forms.previous_before(form_name),
                            parent=self.stack, flow=flow)
        wizard.back_to_list.connect(self.show_list)
        wizard.open_form.connect(lambda name: self.open_algorithm(algorithm_id, name))
        wizard.export_requested.connect(self.export_algorithm)
        self.wizard = wizard
        self.stack.addWidget(wizard)
        self.stack.setCurrentWidget(wizard)
        wizard.show_current()
        QTimer.singleShot(0, wizard.prepare_summary)
        QTimer.singleShot(0, self.forms.preload)  # the other questionnaires and the requirements, off the UI thread
        QTimer.singleShot(800, wizard, wizard.prepare_overview)  # by then they are loaded (dropped with the wizard)
        QApplication.restoreOverrideCursor()
        self.prefs.set(OPEN_ALGORITHM_KEY, algorithm_id)
        self.prefs.sync()  # the app may be killed any moment; tomorrow it reopens here
        self._update_undo_actions()
        return True

    # -- yearly rounds -----------------------------------------------------------------------------
    def open_round_file(self, path: str | Path | None = None) -> QDialog | None:
        """Bestand → Rondebestand openen: pick the CDO's bundle, check and install it off the UI thread."""
        if self.repo is None:
            return None
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            picker = QFileDialog(self, translate("MainWindow", "Rondebestand openen"),
                                 self.prefs.get_str("last/round_folder") or str(Path.home()),
                                 translate("MainWindow", "Rondebestand (*.zip);;Alle bestanden (*)"))
            picker.setObjectName("roundFileDialog")
            picker.setFileMode(QFileDialog.FileMode.ExistingFile)
            picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            picker.fileSelected.connect(lambda chosen: self.open_round_file(chosen) if chosen else None)
            picker.open()
            return picker
        from algoinventaris.ui.round_dialogs import RoundOpenDialog

        self.prefs.set("last/round_folder", str(Path(path).parent))
        dialog = RoundOpenDialog(self, self.repo, path, self.languages.current)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.opened.connect(self._round_opened)
        dialog.open()
        dialog.start()
        return dialog

    def _round_opened(self, result: Any) -> None:
        self._round_forms.clear()  # a newer bundle may bring other versions
        self.update_drafts()  # and other drafts
        self.statusBar().showMessage(
            translate("MainWindow", "Ronde ‘{round}’ geopend.").format(round=result.round.name), 15000)

    def carry_selected(self) -> None:
        alg = self.list_page.selected_id()
        if alg is not None and self.stack.currentWidget() is self.list_page:
            self.start_from_last_year(alg)

    def start_from_last_year(self, algorithm_id: str) -> QDialog | None:
        """Begin vanuit vorig jaar: choose an opened round; a new algorithm with last year's answers as proposals."""
        repo = self.repo
        if repo is None:
            return None
        from algoinventaris.ui.round_dialogs import StartFromLastYearDialog, other_rounds

        try:
            alg = repo.get_algorithm(algorithm_id)
            rounds = other_rounds(repo, alg)
        except Exception as err:
            self.report_error(err, translate("MainWindow", "Het algoritme kan niet worden overgenomen."))
            return None
        if not rounds:
            show_message(self, QMessageBox.Icon.Information, translate("MainWindow", "Nog geen nieuwe ronde"),
                         translate("MainWindow", "Er is nog geen andere ronde geopend dan ‘{round}’. Open eerst het "
                                   "rondebestand van de CDO (Bestand → Rondebestand openen…).").format(round=alg.round))
            return None
        dialog = StartFromLastYearDialog(self, alg, rounds)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.carry_into(algorithm_id, dialog.round_name() or ""))
        dialog.open()
        return dialog

    def carry_into(self, algorithm_id: str, round_name: str) -> Any:
        """start_from_last_year, then open the new algorithm in the wizard; None (reason shown) when refused."""
        from algoinventaris.package.rounds import start_from_last_year
        from algoinventaris.ui.export_dialog import error_text

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = start_from_last_year(self.repo, algorithm_id, round_name)
        except Exception as err:
            QApplication.restoreOverrideCursor()
            log.warning("start from last year refused: %s", err)
            show_message(self, QMessageBox.Icon.Warning, translate("MainWindow", "Niet overgenomen"),
                         translate("MainWindow", "Het algoritme is niet overgenomen; er is niets veranderd.") + "\n\n"
                         + error_text(err, self.languages.current), details=f"{type(err).__name__}: {err}")
            return None
        QApplication.restoreOverrideCursor()
        self.refresh_list(select_id=result.algorithm.id)
        self.open_algorithm(result.algorithm.id)
        prefilled = sum(len(f.answers) for f in result.forms)
        self.statusBar().showMessage(translate(
            "MainWindow", "{n} antwoorden van vorig jaar staan klaar als voorstel; {r} punten om na te kijken.").format(
                n=prefilled, r=len(result.review)), 20000)
        return result

    # -- drafts from the CDO -------------------------------------------------------------------------
    def open_drafts(self) -> QDialog | None:
        """Begin vanuit concept van de CDO: choose a draft of an opened round, then start it and open the wizard."""
        repo = self.repo
        if repo is None or self.stack.currentWidget() is not self.list_page:
            return None
        from algoinventaris.package.drafts import available_drafts
        from algoinventaris.ui.draft_dialog import DraftDialog
        from algoinventaris.ui.export_dialog import error_text

        try:
            items = available_drafts(repo)
            algorithms = repo.list_algorithms()
        except Exception as err:
            log.warning("the drafts cannot be listed: %s", err)
            show_message(self, QMessageBox.Icon.Warning, translate("MainWindow", "Concepten niet te lezen"),
                         error_text(err, self.languages.current), details=f"{type(err).__name__}: {err}")
            return None
        if not any(i.started is None for i in items):
            self.update_drafts()
            show_message(self, QMessageBox.Icon.Information, translate("MainWindow", "Geen concepten"), translate(
                "MainWindow", "De geopende rondes hebben geen concepten van de CDO die nog niet begonnen zijn."))
            return None
        names = {a.id: a.name for a in algorithms}
        newest = max(algorithms, key=lambda a: a.created_at, default=None)
        last_unit = newest.unit if newest is not None else (self.prefs.get_str("last/unit") or "")
        dialog = DraftDialog(self, items, names, unit_filter=last_unit, unit=self.prefs.get_str("last/unit") or last_unit)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.start_draft(*dialog.chosen) if dialog.chosen else None)
        dialog.finished.connect(lambda _result: self.activateWindow())
        dialog.open()
        return dialog

    def start_draft(self, draft_id: str, unit: str | None = None) -> Any:
        """start_from_draft, then open the new algorithm on its first AI-Act question; None (reason shown) when refused."""
        from algoinventaris.package.drafts import start_from_draft
        from algoinventaris.ui.export_dialog import error_text

        repo = self.repo
        if repo is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = start_from_draft(repo, draft_id, unit=unit)
        except Exception as err:
            QApplication.restoreOverrideCursor()
            log.warning("start from draft refused: %s", err)
            show_message(self, QMessageBox.Icon.Warning, translate("MainWindow", "Niet begonnen"),
                         translate("MainWindow", "Het concept is niet begonnen; er is niets veranderd.") + "\n\n"
                         + error_text(err, self.languages.current), details=f"{type(err).__name__}: {err}")
            self.refresh_list()
            return None
        QApplication.restoreOverrideCursor()
        if unit:
            self.prefs.set("last/unit", unit)
        self.refresh_list(select_id=result.algorithm.id)
        self.open_algorithm(result.algorithm.id)
        self.statusBar().showMessage(translate(
            "MainWindow", "{n} registergegevens staan klaar als voorstel; de vragen over de AI-verordening beantwoord je "
            "zelf.").format(n=len(result.prefilled)), 20000)
        return result

    # -- language, view, help ------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        if self.languages.set_language(lang):
            self.prefs.language = lang
        self.language_actions[self.languages.current].setChecked(True)

    def _on_language_changed(self, lang: str) -> None:
        if self.wizard is not None:
            self.wizard.set_language(lang)
        self.language_actions[lang].setChecked(True)

    def toggle_high_contrast(self, on: bool) -> None:
        if self.theme is not None:
            self.theme.apply(high_contrast=on)
            self.prefs.set("view/high_contrast", on)

    def zoom_in(self) -> None:
        if self.theme is not None:
            self.theme.zoom_in()
            self.prefs.set("view/zoom", self.theme.zoom)

    def zoom_out(self) -> None:
        if self.theme is not None:
            self.theme.zoom_out()
            self.prefs.set("view/zoom", self.theme.zoom)

    def zoom_reset(self) -> None:
        if self.theme is not None:
            self.theme.apply(zoom=1.0)
            self.prefs.set("view/zoom", 1.0)

    def show_about(self) -> QDialog:
        """Help → Over: version, questionnaires with their hashes, where the files are, Python and Qt."""
        from algoinventaris.ui.about import AboutDialog

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            dialog = AboutDialog(self, self.db_path, self.forms)
        finally:
            QApplication.restoreOverrideCursor()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- export, keys, first run -------------------------------------------------------------------
    def export_current(self) -> None:
        """Bestand → Exporteren: the algorithm open in the wizard, else the one chosen in the list."""
        target = self._export_target()
        if target is not None:
            self.export_algorithm(target)

    def export_algorithm(self, algorithm_id: str) -> QDialog | None:
        """Open the export dialog for one algorithm (after saying why not, when its AI-Act questions are open)."""
        repo = self.repo
        if repo is None:
            return None
        from algoinventaris.ui.export_dialog import ExportDialog
        from algoinventaris.ui.flow import AlgorithmFlow

        lang = self.languages.current
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            alg = repo.get_algorithm(algorithm_id)
            forms = self.forms_for(alg)
            overview = AlgorithmFlow(repo, forms, algorithm_id).overview(lang)
            form = forms.get(AI_ACT)
        except Exception as err:
            QApplication.restoreOverrideCursor()
            self.report_error(err, translate("MainWindow", "Het algoritme kan niet worden geëxporteerd."))
            return None
        QApplication.restoreOverrideCursor()
        if not overview.ai_act_done:
            show_message(self, QMessageBox.Icon.Information, translate("MainWindow", "Nog niet klaar om te exporteren"),
                         translate("MainWindow", "‘{name}’ heeft nog geen conclusie over de AI-verordening. Beantwoord "
                                   "eerst die vragen; daarna kun je exporteren.").format(name=alg.name))
            return None
        try:
            dialog = ExportDialog(self, repo, alg, lang=lang, prefs=self.prefs, notes=overview.incomplete, form=form)
        except Exception as err:  # a key file that cannot be read: say which and why
            from algoinventaris.ui.export_dialog import error_text

            log.error("the signing key cannot be read: %s", err)
            show_message(self, QMessageBox.Icon.Critical, translate("MainWindow", "Ondertekensleutel onleesbaar"),
                         translate("MainWindow", "De ondertekensleutel kan niet worden gelezen.") + "\n\n"
                         + error_text(err, lang), details=f"{type(err).__name__}: {err}")
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(lambda result: self._after_export(algorithm_id, result))
        dialog.not_ready.connect(lambda qid: self._show_open_question(algorithm_id, qid, dialog.not_ready_form))
        dialog.open()
        return dialog

    def _after_export(self, algorithm_id: str, result: Any) -> None:
        self.refresh_list(select_id=algorithm_id)
        self.statusBar().showMessage(translate("MainWindow", "Pakket opgeslagen: {path}").format(path=result.path), 20000)
        if self.wizard is not None and self.wizard.controller.algorithm_id == algorithm_id:
            self.wizard.refresh()

    def _show_open_question(self, algorithm_id: str, question_id: str | None, form_id: str | None = None) -> None:
        """After an export found a question open or an answer unconfirmed: go there (AI-Act questions unless named)."""
        self.open_algorithm(algorithm_id, form_id or AI_ACT, question=question_id)

    def show_key_dialog(self, parent: QWidget | None = None) -> QDialog | None:
        """Bestand → Ondertekensleutel: make the signing key, or see its fingerprint and save the public key."""
        from algoinventaris.ui.export_dialog import KeyDialog, default_folder, error_text

        lang = self.languages.current
        try:
            dialog = KeyDialog(parent or self, lang, default_folder(self.prefs))
        except Exception as err:  # an unreadable key file: say which and why, change nothing
            log.error("the signing key cannot be read: %s", err)
            show_message(self, QMessageBox.Icon.Critical, translate("MainWindow", "Ondertekensleutel onleesbaar"),
                         translate("MainWindow", "De ondertekensleutel kan niet worden gelezen.") + "\n\n"
                         + error_text(err, lang), details=f"{type(err).__name__}: {err}")
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_welcome(self) -> QDialog:
        """The first start: what the app is for, and how to begin; shown once (a flag in the preferences)."""
        from algoinventaris.ui.welcome import SHOWN_KEY, WelcomeDialog

        try:
            config.data_dir().mkdir(parents=True, exist_ok=True)
        except OSError as err:
            log.warning("cannot create the data folder %s: %s", config.data_dir(), err)
        self.first_run = False
        self.prefs.set(SHOWN_KEY, True)
        self.prefs.sync()
        dialog = WelcomeDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.start_requested.connect(lambda: QTimer.singleShot(0, self.new_algorithm))
        dialog.key_requested.connect(lambda: self.show_key_dialog(dialog))
        dialog.round_requested.connect(lambda: QTimer.singleShot(0, self.open_round_file))
        dialog.open()
        return dialog

    def show_keys(self) -> None:
        show_message(self, QMessageBox.Icon.Information, translate("MainWindow", "Sneltoetsen"), translate(
            "MainWindow",
            "Enter: volgende vraag (in een tekstvak met meerdere regels: Ctrl+Enter)\n"
            "Alt+R: vorige vraag · Alt+O: overzicht · Alt+M: Mijn algoritmes\n"
            "1–9: kies het antwoord met dat nummer · pijltjestoetsen: ander antwoord kiezen\n"
            "Tab / Shift+Tab: naar het volgende / vorige onderdeel; onderstreepte begrippen zijn ook met Tab "
            "te bereiken, Enter toont de uitleg\n"
            "Ctrl+N: nieuw algoritme · Ctrl+O: openen · Delete: verwijderen · Ctrl+Z: ongedaan maken\n"
            "Ctrl+E: exporteren als ondertekend pakket · Alt+E op het overzicht: exporteren\n"
            "Ctrl+plus / Ctrl+min / Ctrl+0: tekst groter / kleiner / normaal · Ctrl+Alt+H: hoog contrast"))

    # -- closing -----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        from algoinventaris.ui.export_dialog import ExportDialog

        if any(d.running() for d in self.findChildren(ExportDialog)):
            # a package is being written with this database: it finishes first (it takes a second or two)
            self.statusBar().showMessage(translate("MainWindow", "Het pakket wordt nog geschreven. Sluit de app als dat klaar is."), 5000)
            event.ignore()
            return
        self._closing = True
        self._disarm_warm_up()
        self.prefs.sync()
        if self._repo is not None:
            try:
                self._repo.close()
            except Exception:
                log.exception("closing the database")
            self._repo = None
        self._release_lock()
        super().closeEvent(event)

    def current_view(self) -> QWidget:
        widget = self.stack.currentWidget()
        assert widget is not None
        return widget


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
