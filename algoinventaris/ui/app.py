"""Starts the Qt application: style, language, contrast and text size from the preferences, then the main window."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Sequence
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from algoinventaris import __version__
from algoinventaris.ui.i18n import Languages
from algoinventaris.ui.main_window import MainWindow
from algoinventaris.ui.preferences import Preferences
from algoinventaris.ui.resources import app_icon_files, app_icon_path
from algoinventaris.ui.theme import Theme, start_high_contrast

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

# bench/startup.py sets this: the app then prints when it first painted and when the list showed data,
# its memory once idle, and quits (see that file).
STARTUP_PROBE_ENV = "ALGOINVENTARIS_STARTUP_PROBE"


def create_app(argv: Sequence[str] = ()) -> tuple[QApplication, MainWindow]:
    """The QApplication (created if needed) set up from the owner's preferences, and the main window (not shown).

    Everything here comes before the first paint, so it avoids what a bare Qt window does not load
    (see bench/startup.py): the Fusion style is asked for on the command line Qt reads, because
    `app.style()` would make PySide6 load QStyle and its enums (about 10 ms), and the theme changes
    nothing when the owner uses the normal look.
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
    else:  # the same look everywhere; most Linux desktops have it already
        app = QApplication([sys.argv[0] if sys.argv else "algoinventaris", "-style", "Fusion", *argv])
    app.setApplicationName("Algoritme-inventaris")
    app.setOrganizationName("algoinventaris")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    prefs = Preferences()
    first_run = is_first_run(prefs)
    languages = Languages(app)
    languages.set_language(prefs.language)
    theme = Theme(app)
    theme.apply(high_contrast=start_high_contrast(prefs), zoom=prefs.get_float("view/zoom", 1.0))
    window = MainWindow(languages=languages, theme=theme, prefs=prefs, first_run=first_run)
    return app, window


def app_icon() -> QIcon:
    """The app's icon: the PNG sizes when present, else the SVG."""
    icon = QIcon()
    for path in app_icon_files():
        icon.addFile(str(path))
    return icon if not icon.isNull() else QIcon(str(app_icon_path()))


def is_first_run(prefs: Preferences) -> bool:
    """The very first start: the welcome was never shown and there is no owner database yet."""
    from algoinventaris import config
    from algoinventaris.ui.welcome import SHOWN_KEY

    return not prefs.get_bool(SHOWN_KEY, False) and not config.default_db_path().exists()


def run_app(argv: Sequence[str] = ()) -> int:
    """Create the QApplication, show the main window and run the event loop.

    Logging to the file (algoinventaris.logsetup) is set up right after the first paint, unless the
    caller did so already: `logging.handlers` and what it imports take about as long as building
    the window. What is logged before then is kept and written to the file at that moment (or when
    the app ends without having painted).
    """
    held = HeldRecords.install()
    try:
        app, window = create_app(argv)
        install_error_hook(window)
        if os.environ.get(STARTUP_PROBE_ENV):
            attach_startup_probe(window)
        window.first_painted.connect(held.deliver)
        window.show()
        return int(app.exec())
    finally:
        held.deliver()


class HeldRecords(logging.Handler):
    """Keeps the records logged before the log file is set up, and writes them there once it is (`deliver`)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.delivered = False

    @classmethod
    def install(cls) -> HeldRecords:
        """Hold records on the root logger from now on; when logging is set up already there is nothing to hold."""
        held = cls()
        root = logging.getLogger()
        if root.handlers:
            held.delivered = True
        else:
            root.addHandler(held)
            root.setLevel(logging.INFO)  # what setup_logging will set: INFO records are kept too
        return held

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def deliver(self) -> None:
        """Set up the log file and write the held records to it (and to stderr, as setup_logging decides); once.

        (Not `release`: logging.Handler has that name for its lock.)
        """
        if self.delivered:
            return
        self.delivered = True
        root = logging.getLogger()
        root.removeHandler(self)
        from algoinventaris.logsetup import setup_logging

        setup_logging()
        for record in self.records:
            root.handle(record)
        self.records.clear()


def install_error_hook(window: MainWindow) -> None:
    """Unexpected errors are logged with their traceback and shown in a readable dialog; the app goes on.

    Every answer is saved when it is given, so nothing the owner entered is lost; the dialog says what
    happened and where the log file with the details is.
    """
    showing = [False]

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error:\n%s", details)
        if showing[0] or issubclass(kind, KeyboardInterrupt):
            return
        showing[0] = True
        try:
            from PySide6.QtWidgets import QMessageBox

            from algoinventaris.logsetup import log_file
            from algoinventaris.ui.dialogs import show_message

            what = f"{kind.__name__}: {value}" if str(value) else kind.__name__
            show_message(window, QMessageBox.Icon.Critical, translate("App", "Er ging iets mis"),
                         translate("App", "Er ging iets onverwachts mis in de app: {what}\n\n"
                                          "Je antwoorden zijn bewaard: elk antwoord wordt opgeslagen zodra je het geeft. "
                                          "Je kunt gewoon verder werken. Blijft het misgaan, stuur dan het logbestand "
                                          "naar je functioneel beheerder:\n{log}").format(what=what, log=log_file()),
                         details=details, on_close=lambda: showing.__setitem__(0, False))
        except Exception:
            log.exception("the error dialog could not be shown")
            showing[0] = False

    sys.excepthook = hook


def attach_startup_probe(window: MainWindow) -> None:
    """For bench/startup.py: report the first paint, the first data and the idle memory on stdout, then quit.

    With ALGOINVENTARIS_STARTUP_PROBE=input the probe acts as the owner's first key press once the list
    shows, and reports when the full repository is open ("repository-open") and the memory after that.
    """
    first_input = os.environ.get(STARTUP_PROBE_ENV) == "input"
    shown: list[bool] = []

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    def idle() -> None:
        say(f"idle-rss-kb {rss_kb()}")
        window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def data_shown() -> None:
        loaded = sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "alembic", "reportlab", "yaml"})
        say(f"data-shown rows={window.list_page.model.rowCount()} heavy={','.join(loaded) or '-'}")
        shown.append(True)
        if first_input and window._repo is None:
            QTimer.singleShot(0, window.warm_up)
        elif first_input:
            repository_open()
        else:
            QTimer.singleShot(1500, idle)

    def repository_open() -> None:
        if first_input and shown:
            say("repository-open")
            QTimer.singleShot(1500, idle)

    def failed(text: str) -> None:
        say(f"database-failed {text!r}")
        QTimer.singleShot(0, idle)

    window.first_painted.connect(lambda: say("first-painted"))
    window.data_shown.connect(data_shown)
    window.repository_opened.connect(repository_open)
    window.database_failed.connect(failed)


def rss_kb() -> int:
    """Resident memory of this process in kB (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def self_test_window(timeout_ms: int = 20000) -> str:
    """For `algoinventaris --self-test`: open the window on a temporary database and wait until its list shows.

    Also checks that the English catalogue and the icon are in the bundle. Touches none of the owner's
    data or settings (the database and the settings file live in a temporary folder).
    """
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import QEventLoop

    from algoinventaris.ui.algorithm_list import AlgorithmListPage

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0] if sys.argv else "algoinventaris"])
    icon = QIcon(str(app_icon_path()))
    if icon.isNull() or not app_icon_path().exists():
        raise RuntimeError(f"the app icon is missing: {app_icon_path()}")
    languages = Languages(app)
    if not languages.set_language("en"):
        raise RuntimeError("the English translation (resources/translations/algoinventaris_en.qm) does not load")
    languages.set_language("nl")
    with tempfile.TemporaryDirectory() as tmp:
        prefs = Preferences(Path(tmp) / "settings.ini")
        window = MainWindow(Path(tmp) / "selftest.sqlite3", languages=languages, prefs=prefs, auto_open=False)
        outcome: list[str] = []
        loop = QEventLoop()
        def finish(result: str) -> None:
            outcome.append(result)
            loop.quit()

        window.data_shown.connect(lambda: finish("ok"))
        window.database_failed.connect(finish)
        QTimer.singleShot(timeout_ms, loop.quit)
        window.show()
        loop.exec()
        state = window.list_page.state
        window.close()
        window.deleteLater()
    if not outcome:
        raise RuntimeError(f"the window did not show its list within {timeout_ms / 1000:.0f} s")
    if outcome[0] != "ok":
        raise RuntimeError(outcome[0])
    if state != AlgorithmListPage.EMPTY:
        raise RuntimeError("the list of a new database is not shown as empty")
    return "window painted, list shown from a temporary database; English catalogue and icon present"
