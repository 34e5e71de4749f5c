"""What the first paint loads and what waits (Qt namespace, QStyle, logging, the table, the actions), and that it still works."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from algoinventaris.ui.algorithm_list import AlgorithmListPage
from algoinventaris.ui.main_window import MainWindow
from algoinventaris.ui.preferences import Preferences
from tests.conftest import ROOT

pytestmark = pytest.mark.gui

# The real start (run_app, as `python -m algoinventaris.ui` runs it) in a process of its own. At the first paint
# it notes what is loaded; a record logged before the paint must reach the log file afterwards.
FIRST_PAINT = textwrap.dedent("""
    import json, logging, sys
    import PySide6.QtCore as core

    lazy = "Qt" not in vars(core)  # PySide6 makes its types (and their enums) on first use
    import PySide6.QtWidgets as widgets
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from algoinventaris.ui import app

    seen = {}

    def at_first_paint():
        seen.update(lazy=lazy, qt_namespace="Qt" in vars(core), qstyle="QStyle" in vars(widgets),
                    modules=sorted(m for m in ("logging.handlers", "algoinventaris.ui.main_actions",
                                               "algoinventaris.ui.algorithm_table", "algoinventaris.ui.widgets",
                                               "algoinventaris.storage", "sqlalchemy", "yaml")
                                   if m in sys.modules))
        QTimer.singleShot(0, QApplication.instance().quit)

    create = app.create_app

    def create_app(argv):
        logging.getLogger("algoinventaris.test").warning("logged before the first paint")
        return create(argv)

    app.create_app = create_app
    app.attach_startup_probe = lambda window: window.first_painted.connect(at_first_paint)
    code = app.run_app([])
    seen["after_exit"] = "logging.handlers" in sys.modules
    print(json.dumps(seen))
    sys.exit(code)
""")


def first_paint(data: Path) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ALGOINVENTARIS_DATA_DIR=str(data),
               ALGOINVENTARIS_STARTUP_PROBE="1")
    env.pop("ALGOINVENTARIS_DB", None)
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=60, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    seen: dict[str, Any] = json.loads(out.stdout.splitlines()[-1])
    return seen


def test_the_first_paint_loads_only_what_it_shows(tmp_path: Path) -> None:
    # The very first start asks the desktop about high contrast before it paints (see theme.py); later ones need not.
    first = first_paint(tmp_path)
    assert first["modules"] == [], first
    seen = first_paint(tmp_path)
    # neither the storage layer, the table, the owner's actions, the widgets nor the log file's handlers
    assert seen["modules"] == [], seen
    # the log file was set up after the paint, with what was logged before it
    assert seen["after_exit"]
    log = (tmp_path / "logs" / "algoinventaris.log").read_text(encoding="utf-8")
    assert log.count("WARNING algoinventaris.test: logged before the first paint") == 2
    if not seen["lazy"]:
        pytest.skip("this PySide6 makes every type at import; which enums the first paint builds cannot be seen")
    # the Qt namespace (about 90 enums) and QStyle (its enums) are made after the first paint, not before
    assert not seen["qt_namespace"] and not seen["qstyle"], seen


def test_the_list_page_looks_as_before(qtbot: Any, theme: Any) -> None:
    """The settings made without naming Qt (see algorithm_list.py) took effect; the title is a heading that grows."""
    page = AlgorithmListPage()
    qtbot.addWidget(page)
    assert page.message.alignment() == Qt.AlignmentFlag.AlignCenter
    assert page.message.textFormat() == Qt.TextFormat.PlainText
    page.set_error("<b>not bold</b>")
    assert page.message.text() == "<b>not bold</b>" and page.retry_button.isVisibleTo(page)
    title = page.title.font()
    assert title.bold() and title.pointSizeF() == pytest.approx(page.font().pointSizeF() * 2)
    theme.apply(zoom=2.0)
    assert page.title.font().pointSizeF() == pytest.approx(page.font().pointSizeF() * 2)
    theme.apply(zoom=1.0)
    assert page.title.font().pointSizeF() == pytest.approx(title.pointSizeF())


def test_names_moved_to_the_table_module_are_still_importable() -> None:
    from algoinventaris.ui import algorithm_list, algorithm_table
    from algoinventaris.ui.algorithm_list import ID_ROLE, AlgorithmTable, ModelIndex

    assert AlgorithmTable is algorithm_table.AlgorithmTable and ID_ROLE == algorithm_table.ID_ROLE
    assert ModelIndex is algorithm_table.ModelIndex
    with pytest.raises(AttributeError):
        _ = algorithm_list.NoSuchName  # type: ignore[attr-defined]


def test_menus_and_shortcuts_are_complete_before_any_action(qtbot: Any, tmp_path: Path, languages: Any) -> None:
    window = MainWindow(tmp_path / "owner.sqlite3", languages=languages, prefs=Preferences(tmp_path / "settings.ini"),
                        auto_open=False)
    qtbot.addWidget(window)
    shortcuts = {a.objectName(): a.shortcut() for a in window.actions() if not a.shortcut().isEmpty()}
    assert shortcuts["newAction"] == QKeySequence(QKeySequence.StandardKey.New)
    assert shortcuts["listAction"] == QKeySequence("Ctrl+L")
    assert shortcuts["exportAction"] == QKeySequence("Ctrl+E")
    assert shortcuts["undoAction"] == QKeySequence(QKeySequence.StandardKey.Undo)
    assert shortcuts["contrastAction"] == QKeySequence("Ctrl+Alt+H")
    assert shortcuts["keysAction"] == QKeySequence(QKeySequence.StandardKey.HelpContents)
    menus = {m.title().replace("&", ""): [a.objectName() for a in m.actions() if not a.isSeparator()]
             for m in (window.file_menu, window.edit_menu, window.view_menu, window.language_menu, window.help_menu)}
    assert menus == {
        "Bestand": ["newAction", "openAction", "listAction", "carryAction", "draftAction", "roundAction", "exportAction",
                    "keyAction", "quitAction"],
        "Bewerken": ["undoAction", "redoAction", "deleteAction"],
        "Beeld": ["contrastAction", "zoomInAction", "zoomOutAction", "zoomResetAction"],
        "Taal": ["language-nl", "language-en"],
        "Help": ["keysAction", "aboutAction"],
    }
    window.close()


def test_high_contrast_from_the_desktop_is_remembered_and_followed(tmp_path: Path, theme: Any,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from algoinventaris.ui import theme as theme_module
    from algoinventaris.ui.theme import HIGH_CONTRAST_KEY, SYSTEM_CONTRAST_KEY, follow_system_contrast, start_high_contrast

    desktop = [True]
    monkeypatch.setattr(theme_module, "system_prefers_high_contrast", lambda: desktop[0])
    prefs = Preferences(tmp_path / "settings.ini")
    # the very first start asks the desktop before the first paint, and remembers the answer
    assert start_high_contrast(prefs) is True and prefs.get_bool(SYSTEM_CONTRAST_KEY) is True
    theme.apply(high_contrast=True)
    # the desktop changed its mind before the next start: that start paints as before, then follows it
    desktop[0] = False
    assert start_high_contrast(prefs) is True
    assert follow_system_contrast(prefs, theme) is True
    assert theme.high_contrast is False and prefs.get_bool(SYSTEM_CONTRAST_KEY) is False
    assert follow_system_contrast(prefs, theme) is False  # nothing changed since
    # the owner's own choice wins over the desktop's, then and later
    prefs.set(HIGH_CONTRAST_KEY, True)
    theme.apply(high_contrast=True)
    desktop[0] = True
    assert start_high_contrast(prefs) is True
    desktop[0] = False
    prefs.set(SYSTEM_CONTRAST_KEY, True)
    assert follow_system_contrast(prefs, theme) is False
    assert theme.high_contrast is True and prefs.get_bool(SYSTEM_CONTRAST_KEY) is False


def test_held_records_reach_the_log_once_it_is_set_up(monkeypatch: pytest.MonkeyPatch) -> None:
    from algoinventaris.ui.app import HeldRecords

    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    set_up: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            set_up.append(record)

    monkeypatch.setattr("algoinventaris.logsetup.setup_logging", lambda: root.addHandler(Collect()))
    monkeypatch.setattr(root, "level", root.level)
    held = HeldRecords.install()
    assert root.handlers == [held]
    logging.getLogger("algoinventaris.test").info("before")
    assert set_up == [] and [r.getMessage() for r in held.records] == ["before"]
    held.deliver()
    logging.getLogger("algoinventaris.test").warning("after")
    assert [r.getMessage() for r in set_up] == ["before", "after"]
    assert held not in root.handlers
    held.deliver()  # once only
    assert len(set_up) == 2
    # when logging is set up already, nothing is held
    assert HeldRecords.install().delivered
