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

Before the first paint this module loads only what the window shows: no `Qt` namespace (its first
use builds about 90 enums, see algorithm_list.py), no message boxes, dialogs or wizard. What the
window does once the owner acts is in main_actions.py, loaded at the first action; each of those
functions has a method of the same name here.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QPushButton, QStackedWidget

from algoinventaris import config
from algoinventaris.ui.algorithm_list import AlgorithmListPage
from algoinventaris.ui.form_cache import FormCache
from algoinventaris.ui.i18n import LANGUAGES, Languages
from algoinventaris.ui.preferences import Preferences

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

    from algoinventaris.ui.theme import Theme
    from algoinventaris.ui.wizard import WizardView

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

OPEN_ALGORITHM_KEY = "session/open_algorithm"


def show_message(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> QMessageBox:
    """A non-blocking message box (the dialogs module is loaded only when a message is needed)."""
    from algoinventaris.ui.dialogs import show_message as show

    return show(parent, icon, title, text, details)


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
            # setShortcuts, not setShortcut: PySide6 weighs setShortcut's overloads against Qt.Key, which
            # builds the whole Qt enum namespace before the first paint (see algorithm_list.py)
            action.setShortcuts([QKeySequence(shortcut)])
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
        QTimer.singleShot(0, self._follow_system_contrast)
        if self.first_run:
            QTimer.singleShot(0, self.show_welcome)

    def _follow_system_contrast(self) -> None:
        """The desktop's wish for high contrast, asked now rather than before the first paint (see theme.py)."""
        if self.theme is None or self._closing:
            return
        from algoinventaris.ui.theme import follow_system_contrast

        if follow_system_contrast(self.prefs, self.theme):
            self.contrast_action.setChecked(self.theme.high_contrast)

    @property
    def repo(self) -> Any:
        """The full repository, opened now if the list came from quick_list (None when the database cannot be used)."""
        return self.ensure_repo()

    def ensure_repo(self) -> Any:
        """Open the full repository when it is not open yet; on failure the owner is told, and None is returned."""
        if self._repo is None and not self._failed and not self._closing:
            from PySide6.QtCore import Qt

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
        from PySide6.QtCore import QLockFile

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
            from PySide6.QtWidgets import QMessageBox

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
        from PySide6.QtWidgets import QMessageBox

        from algoinventaris.ui.main_actions import describe_storage_error

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
        from PySide6.QtWidgets import QMessageBox

        from algoinventaris.ui.main_actions import describe_storage_error

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
        """Nieuw algoritme…: ask name, organisation, unit and round, create it and open it in the wizard."""
        from algoinventaris.ui import main_actions

        main_actions.new_algorithm(self)

    def delete_algorithm(self, algorithm_id: str) -> None:
        """Remove an algorithm (a soft delete); Ctrl+Z or the status bar's button brings it back."""
        from algoinventaris.ui import main_actions

        main_actions.delete_algorithm(self, algorithm_id)

    # -- the wizard --------------------------------------------------------------------------------
    def forms_for(self, alg: Any) -> FormCache:
        """The questionnaires for this algorithm: its opened round's versions over the app's own (cached per round)."""
        from algoinventaris.ui import main_actions

        return main_actions.forms_for(self, alg)

    def open_algorithm(self, algorithm_id: str, form_name: str | None = None, question: str | None = None) -> bool:
        """Open an algorithm in the wizard where the owner left off (or at `question`); False (with a message) on failure."""
        from algoinventaris.ui import main_actions

        return main_actions.open_algorithm(self, algorithm_id, form_name, question)

    # -- yearly rounds -----------------------------------------------------------------------------
    def open_round_file(self, path: str | Path | None = None) -> QDialog | None:
        """Bestand → Rondebestand openen: pick the CDO's bundle, check and install it off the UI thread."""
        from algoinventaris.ui import main_actions

        return main_actions.open_round_file(self, path)

    def carry_selected(self) -> None:
        alg = self.list_page.selected_id()
        if alg is not None and self.stack.currentWidget() is self.list_page:
            self.start_from_last_year(alg)

    def start_from_last_year(self, algorithm_id: str) -> QDialog | None:
        """Begin vanuit vorig jaar: choose an opened round; a new algorithm with last year's answers as proposals."""
        from algoinventaris.ui import main_actions

        return main_actions.start_from_last_year(self, algorithm_id)

    def carry_into(self, algorithm_id: str, round_name: str) -> Any:
        """start_from_last_year, then open the new algorithm in the wizard; None (reason shown) when refused."""
        from algoinventaris.ui import main_actions

        return main_actions.carry_into(self, algorithm_id, round_name)

    # -- drafts from the CDO -------------------------------------------------------------------------
    def open_drafts(self) -> QDialog | None:
        """Begin vanuit concept van de CDO: choose a draft of an opened round, then start it and open the wizard."""
        from algoinventaris.ui import main_actions

        return main_actions.open_drafts(self)

    def start_draft(self, draft_id: str, unit: str | None = None) -> Any:
        """start_from_draft, then open the new algorithm on its first AI-Act question; None (reason shown) when refused."""
        from algoinventaris.ui import main_actions

        return main_actions.start_draft(self, draft_id, unit)

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
        from algoinventaris.ui import main_actions

        return main_actions.show_about(self)

    # -- export, keys, first run -------------------------------------------------------------------
    def export_current(self) -> None:
        """Bestand → Exporteren: the algorithm open in the wizard, else the one chosen in the list."""
        target = self._export_target()
        if target is not None:
            self.export_algorithm(target)

    def export_algorithm(self, algorithm_id: str) -> QDialog | None:
        """Open the export dialog for one algorithm (after saying why not, when its AI-Act questions are open)."""
        from algoinventaris.ui import main_actions

        return main_actions.export_algorithm(self, algorithm_id)

    def show_key_dialog(self, parent: QWidget | None = None) -> QDialog | None:
        """Bestand → Ondertekensleutel: make the signing key, or see its fingerprint and save the public key."""
        from algoinventaris.ui import main_actions

        return main_actions.show_key_dialog(self, parent)

    def show_welcome(self) -> QDialog:
        """The first start: what the app is for, and how to begin; shown once (a flag in the preferences)."""
        from algoinventaris.ui import main_actions

        return main_actions.show_welcome(self)

    def show_keys(self) -> None:
        """Help → Sneltoetsen: every keyboard shortcut of the app."""
        from algoinventaris.ui import main_actions

        main_actions.show_keys(self)

    # -- closing -----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        export = sys.modules.get("algoinventaris.ui.export_dialog")  # not loaded: no package is being written
        if export is not None and any(d.running() for d in self.findChildren(export.ExportDialog)):
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
