"""The main window on a real database: first paint before data, the list, new, delete with undo, bad files, two windows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from algoinventaris.ui.algorithm_list import AlgorithmListPage
from algoinventaris.ui.main_window import MainWindow
from algoinventaris.ui.wizard import WizardView
from tests.gui.helpers import focus, message_boxes, start_window

pytestmark = pytest.mark.gui


@pytest.fixture
def storage() -> Any:
    module = pytest.importorskip("algoinventaris.storage")
    if not hasattr(module, "open_owner_db"):
        pytest.skip("algoinventaris.storage.open_owner_db is not implemented yet")
    return module


def seed(storage: Any, db: Path, *names: str) -> list[str]:
    repo = storage.open_owner_db(db)
    try:
        return [repo.create_algorithm(n, "Gemeente Voorbeeld", "Team " + n[:3], "Inventarisatie 2026").id for n in names]
    finally:
        repo.close()


def test_window_paints_before_the_database_is_opened(qtbot: Any, tmp_path: Path, storage: Any, languages: Any) -> None:
    seed(storage, tmp_path / "owner.sqlite3", "Parkeren")
    window = MainWindow(tmp_path / "owner.sqlite3", languages=languages)
    qtbot.addWidget(window)
    seen: list[tuple[str, Any, int]] = []
    window.first_painted.connect(lambda: seen.append(("painted", window._repo, window.list_page.state)))
    window.data_shown.connect(lambda: seen.append(("data", window._repo, window.list_page.state)))
    with qtbot.waitSignal(window.data_shown, timeout=20000):
        window.show()
    assert [s[0] for s in seen] == ["painted", "data"]
    assert seen[0][1] is None and seen[0][2] == AlgorithmListPage.LOADING
    # the list comes from the quick sqlite3 read; the full repository is not opened for it
    assert seen[1][1] is None and seen[1][2] == AlgorithmListPage.TABLE
    assert window.list_page.proxy.index(0, 0).data() == "Parkeren"
    assert window.windowTitle() == "Algoritme-inventaris"
    # the first action opens it (here: asking for it), with the same list
    with qtbot.waitSignal(window.repository_opened, timeout=20000):
        repo = window.repo
    assert repo is not None and [a.name for a in repo.list_algorithms()] == ["Parkeren"]


def test_list_shows_name_unit_round_state_and_last_change(qtbot: Any, tmp_path: Path, storage: Any, languages: Any) -> None:
    seed(storage, tmp_path / "owner.sqlite3", "Parkeren", "Bijstand")
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    model = window.list_page.proxy
    assert model.rowCount() == 2
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Naam", "Eenheid", "Ronde", "Status", "Laatst gewijzigd"]
    first = [model.index(0, c).data() for c in range(5)]
    assert first[0] == "Bijstand"  # newest change first
    assert first[1:4] == ["Team Bij", "Inventarisatie 2026", "Concept"]
    assert first[4]  # a formatted local time
    window.list_page.filter_edit.setText("park")
    assert model.rowCount() == 1 and model.index(0, 0).data() == "Parkeren"


def test_new_algorithm_by_keyboard_opens_the_wizard(qtbot: Any, tmp_path: Path, storage: Any, languages: Any) -> None:
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    assert window.list_page.state == AlgorithmListPage.EMPTY
    assert "nog geen algoritmes" in window.list_page.message.text()
    window.new_action.trigger()
    dialog = window.findChild(QDialog, "newAlgorithmDialog")
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.buttons()[0]
    assert dialog.round_edit.text().startswith("Inventarisatie 20")
    ok_button = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok_button.isEnabled()
    assert dialog.hint.message == "Nog in te vullen: Naam, Organisatie, Eenheid."
    qtbot.keyClicks(focus(), "  Toeslagen   controle ")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focus(), "Gemeente Voorbeeld")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert not ok_button.isEnabled()
    assert dialog.hint.message == "Nog in te vullen: Eenheid."
    qtbot.keyClicks(focus(), "Team Toeslagen")
    assert ok is not None and ok_button.isEnabled()
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.current_view(), WizardView))
    alg = window.repo.list_algorithms()[0]
    assert (alg.name, alg.organisation, alg.unit) == ("Toeslagen controle", "Gemeente Voorbeeld", "Team Toeslagen")
    assert window.wizard is not None and window.wizard.controller.viewing == window.wizard.controller.form.start
    # the next new algorithm remembers the organisation
    window.show_list()
    window.new_action.trigger()
    dialog2 = next(d for d in window.findChildren(QDialog, "newAlgorithmDialog") if d.isVisible())
    assert dialog2.organisation_edit.text() == "Gemeente Voorbeeld"
    assert dialog2.unit_edit.text() == "Team Toeslagen"
    dialog2.reject()


def test_delete_and_undo(qtbot: Any, tmp_path: Path, storage: Any, languages: Any) -> None:
    seed(storage, tmp_path / "owner.sqlite3", "Parkeren", "Bijstand")
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    page = window.list_page
    assert page.select(window.repo.list_algorithms()[1].id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.proxy.rowCount() == 1
    assert "‘Parkeren’ is verwijderd" in window.statusBar().currentMessage()
    assert window.undo_button.isVisible()
    assert window.undo_action.text() == "&Ongedaan maken: ‘Parkeren’ verwijderen"
    assert [a.name for a in window.repo.list_algorithms(include_deleted=True) if a.deleted_at] == ["Parkeren"]
    window.undo_action.trigger()
    assert page.proxy.rowCount() == 2
    assert page.selected_id() == next(a.id for a in window.repo.list_algorithms() if a.name == "Parkeren")
    window.redo_action.trigger()
    assert page.proxy.rowCount() == 1


def test_corrupt_database_is_explained_and_never_overwritten(qtbot: Any, tmp_path: Path, storage: Any,
                                                             languages: Any) -> None:
    db = tmp_path / "owner.sqlite3"
    garbage = b"Dit is geen database, maar een tekstbestand.\n" * 200
    db.write_bytes(garbage)
    window = start_window(qtbot, db, languages=languages, expect_data=False)
    boxes = message_boxes(window)
    assert len(boxes) == 1
    assert str(db) in boxes[0].text()
    assert "niet gewijzigd" in boxes[0].text()
    assert window.list_page.state == AlgorithmListPage.ERROR
    assert str(db) in window.list_page.message.text()
    assert not window.list_page.new_button.isEnabled()
    assert window.repo is None
    boxes[0].accept()
    window.close()
    assert db.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("owner")) in (
        ["owner.sqlite3"], ["owner.sqlite3", "owner.sqlite3.lock"])


def test_unwritable_folder_is_explained(qtbot: Any, tmp_path: Path, storage: Any, languages: Any) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    db = blocker / "owner.sqlite3"
    window = start_window(qtbot, db, languages=languages, expect_data=False)
    boxes = message_boxes(window)
    assert boxes and str(db) in boxes[0].text()
    assert window.repo is None
    assert blocker.read_text(encoding="utf-8") == "a file where a folder should be"


def test_second_window_on_the_same_database_is_told_and_touches_nothing(qtbot: Any, tmp_path: Path, storage: Any,
                                                                        languages: Any) -> None:
    db = tmp_path / "owner.sqlite3"
    seed(storage, db, "Parkeren")
    first = start_window(qtbot, db, languages=languages)
    before = db.stat().st_mtime_ns, db.read_bytes()
    second = start_window(qtbot, db, languages=languages, expect_data=False)
    boxes = message_boxes(second)
    assert boxes and "al geopend" in boxes[0].text() and str(db) in boxes[0].text()
    assert second.repo is None
    assert (db.stat().st_mtime_ns, db.read_bytes()) == before
    boxes[0].accept()
    # once the first window closes, "try again" works
    first.close()
    second.list_page.retry_button.click()
    assert second.repo is not None
    assert second.list_page.proxy.rowCount() == 1
    second.close()


def test_language_switch_retranslates_the_window(qtbot: Any, tmp_path: Path, storage: Any, languages: Any) -> None:
    seed(storage, tmp_path / "owner.sqlite3", "Parkeren")
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    assert window.list_page.new_button.text() == "&New…"
    assert window.list_page.proxy.headerData(4, Qt.Orientation.Horizontal) == "Last changed"
    assert window.list_page.proxy.index(0, 3).data() == "Draft"
    assert window.prefs.language == "en"
    window.language_actions["nl"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&Bestand")
    assert window.list_page.proxy.index(0, 3).data() == "Concept"


def test_every_control_has_an_accessible_name(qtbot: Any, tmp_path: Path, storage: Any, languages: Any) -> None:
    from tests.gui.test_accessibility import unnamed_controls

    seed(storage, tmp_path / "owner.sqlite3", "Parkeren")
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    assert unnamed_controls(window) == []
    window.new_action.trigger()
    dialog = window.findChild(QDialog, "newAlgorithmDialog")
    assert dialog is not None
    assert unnamed_controls(dialog) == []
    dialog.reject()


def test_self_test_window(qtbot: Any, storage: Any, tmp_path: Path) -> None:
    from algoinventaris import config
    from algoinventaris.ui.app import self_test_window

    assert "list shown" in self_test_window()
    # the owner's folder is left alone: no database, no settings
    assert not config.default_db_path().exists()
    assert not (config.data_dir() / "settings.ini").exists()


def test_the_first_list_needs_no_sqlalchemy(tmp_path: Path, storage: Any) -> None:
    """The real app in a process of its own: the list shows data before SQLAlchemy, Alembic or the forms load."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    data = tmp_path / "data"
    seed(storage, data / "owner.sqlite3", "Parkeren", "Bijstand", "Verkeer")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ALGOINVENTARIS_DATA_DIR=str(data),
               ALGOINVENTARIS_STARTUP_PROBE="1")
    env.pop("ALGOINVENTARIS_DB", None)
    out = subprocess.run([sys.executable, "-m", "algoinventaris.ui"], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=60, check=False)
    lines = out.stdout.splitlines()
    assert lines[:2] == ["first-painted", "data-shown rows=3 heavy=-"], out.stdout + out.stderr
    assert lines[2].startswith("idle-rss-kb ")


def test_first_input_loads_the_repository_in_the_background(qtbot: Any, tmp_path: Path, storage: Any,
                                                            languages: Any) -> None:
    seed(storage, tmp_path / "owner.sqlite3", "Parkeren")
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    assert window._repo is None  # the quick list
    with qtbot.waitSignal(window.repository_opened, timeout=20000):
        qtbot.keyClick(window.list_page.table, Qt.Key.Key_Down)  # any key or mouse movement will do
    assert window._repo is not None
    assert window.list_page.state == AlgorithmListPage.TABLE and window.list_page.proxy.rowCount() == 1
