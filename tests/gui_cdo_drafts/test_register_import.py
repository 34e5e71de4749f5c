"""The Concepten tab with the 27 real register records: read in a worker thread, preview, cancel writes nothing,
"Overnemen" writes 27, a second import previews 27 unchanged; a file that cannot be read names itself, nothing written."""

from __future__ import annotations

import csv
import dataclasses
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui_cdo_drafts.conftest import ROUND, written
from tests.register_import.conftest import table

pytestmark = pytest.mark.gui


def _column(tree: Any, col: int) -> list[str]:
    return [tree.topLevelItem(i).text(col) for i in range(tree.topLevelItemCount())]


def _preview(qtbot: Any, page: Any, files: list[Path]) -> Any:
    with qtbot.waitSignal(page.plan_shown, timeout=60_000) as shown:
        assert page.import_register_files(files)
        # the files are read in the worker thread: the window is free and the import buttons wait
        assert page.busy and not page.register_button.isEnabled() and page.progress.isVisible()
    return shown.args[0]


def test_preview_cancel_take_and_reimport(qtbot: Any, window: Any, cdo: Any, record_files: list[Path]) -> None:
    page = window.drafts_page
    before = written(cdo)
    dialog = _preview(qtbot, page, record_files)
    assert dialog.counts.text() == "27 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 dubbel."
    assert dialog.tree.topLevelItemCount() == 27 and set(_column(dialog.tree, 1)) == {"nieuw"}
    assert set(_column(dialog.tree, 3)) == {"nog niet toegewezen"}
    assert all(int(n) > 0 for n in _column(dialog.tree, 4))              # every record has its deviations counted
    assert dialog.take_button.isEnabled()
    assert dialog.warnings.isVisible() and "zelfde organisatie en naam" in dialog.warnings.toPlainText()
    first = dialog.tree.topLevelItem(0)
    assert first.childCount() == 0                                        # filled when opened
    dialog.tree.expandItem(first)
    children = [first.child(i).text(0) for i in range(first.childCount())]
    assert "aangepast: Taal: 'NLD' is geschreven als 'nld'" in children
    assert any(c.startswith("niet overgenomen: id:") and "'bm-dataprotector'" in c for c in children)

    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)                        # Enter opens a record, it takes nothing over
    assert dialog.tree.topLevelItem(1).isExpanded() and dialog.isVisible() and cdo.list_drafts() == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)                             # Esc = Annuleren: nothing written
    assert not dialog.isVisible()
    assert cdo.list_drafts() == [] and written(cdo) == before
    assert page.table.rowCount() == 0

    dialog = _preview(qtbot, page, record_files)
    with qtbot.waitSignal(page.drafts_changed, timeout=60_000):
        dialog.take_button.click()
    qtbot.waitUntil(lambda: not page.busy)
    stored = cdo.list_drafts(ROUND)
    assert len(stored) == 27 and {d.source for d in stored} == {"register"}
    assert page.table.rowCount() == 27
    assert {page.table.item(r, 1).text() for r in range(27)} == {"nog niet toegewezen"}
    assert "27 concepten in ronde 'Inventarisatie 2027', waarvan 27 nog niet toegewezen" in page.summary.text()
    assert "27 nieuw" in window.statusBar().currentMessage()

    after_first = written(cdo)
    dialog = _preview(qtbot, page, record_files)
    assert dialog.counts.text() == "0 nieuw, 0 bijgewerkt, 27 ongewijzigd, 0 dubbel."
    assert set(_column(dialog.tree, 1)) == {"ongewijzigd"}
    assert "gevonden op bron-id Dataprotector" in _column(dialog.tree, 2)
    assert not dialog.take_button.isEnabled() and "niets nieuw of veranderd" in dialog.note.text()
    dialog.reject()
    assert written(cdo) == after_first


def test_register_download_layout_csv(qtbot: Any, window: Any, cdo: Any, raw_records: list[dict[str, Any]],
                                      titles: dict[str, str], tmp_path: Path) -> None:
    """The register's CSV download (titles as headings) imports through the same tab, one draft per row."""
    path = tmp_path / "register-download.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([["" if v is None else v for v in row] for row in table(raw_records, titles)])
    page = window.drafts_page
    dialog = _preview(qtbot, page, [path])
    assert dialog.counts.text() == "27 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 dubbel."
    assert _column(dialog.tree, 6)[0] == "register-download.csv, regel 2"

    # someone else stores a draft of the round meanwhile: this preview is out of date, nothing of it is stored
    other = dataclasses.replace(dialog.plan.items[0].draft, id=str(uuid.uuid4()), name="Intussen toegevoegd")
    cdo.save_drafts([other], [], actor="iemand anders")
    with qtbot.waitSignal(page.runner.finished, timeout=60_000):
        dialog.take_button.click()
    assert page.last_message is not None and "veranderd sinds dit voorbeeld" in page.last_message.text()
    assert [d.name for d in cdo.list_drafts()] == ["Intussen toegevoegd"]
    page.last_message.close()


def test_the_file_menu_starts_an_import_on_the_drafts_tab(qtbot: Any, window: Any, record_files: list[Path],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(p) for p in record_files[:2]], ""))
    window.tabs.setCurrentWidget(window.dashboard_page)
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "register" in a.text())
    with qtbot.waitSignal(window.drafts_page.plan_shown, timeout=60_000) as shown:
        action.trigger()
    assert window.tabs.currentWidget() is window.drafts_page
    assert shown.args[0].plan.files == [record_files[0].name, record_files[1].name]
    shown.args[0].reject()


def test_a_file_that_cannot_be_read_names_itself_and_nothing_is_written(qtbot: Any, window: Any, cdo: Any,
                                                                         record_files: list[Path], tmp_path: Path) -> None:
    page = window.drafts_page
    broken = tmp_path / "inventaris.xlsx"
    broken.write_text("Dit is gewoon tekst, geen werkmap.\n", encoding="utf-8")
    before = written(cdo)
    shown: list[Any] = []
    page.plan_shown.connect(shown.append)
    with qtbot.waitSignal(page.runner.finished, timeout=60_000):
        assert page.import_register_files([record_files[0], broken])
    box = page.last_message
    assert box is not None and box.isVisible()
    assert "inventaris.xlsx" in box.text() and "niets opgeslagen" in box.text()
    assert not shown and written(cdo) == before and not page.busy
    assert page.register_button.isEnabled()
    box.close()

    mapped: list[Any] = []
    page.mapping_shown.connect(mapped.append)
    with qtbot.waitSignal(page.runner.finished, timeout=60_000):
        assert page.import_spreadsheet(broken)
    box = page.last_message
    assert box is not None and "inventaris.xlsx" in box.text() and "niets opgeslagen" in box.text()
    assert not mapped and written(cdo) == before
    box.close()


def test_reading_a_large_register_file_keeps_the_window_responding(qtbot: Any, window: Any, cdo: Any,
                                                                    raw_records: list[dict[str, Any]], titles: dict[str, str],
                                                                    tmp_path: Path) -> None:
    """2,000 rows are read in the worker thread: the window handles its events meanwhile, and "Afbreken" stops it."""
    from PySide6.QtCore import QTimer

    rows = table(raw_records, titles)
    name = rows[0].index("Naam")
    big = [rows[0]] + [[f"{v} {n}" if i == name else v for i, v in enumerate(rows[1 + n % 27])] for n in range(2000)]
    path = tmp_path / "groot.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([["" if v is None else v for v in row] for row in big])
    page = window.drafts_page
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    with qtbot.waitSignal(page.plan_shown, timeout=60_000) as shown:
        page.import_register_files([path])
    timer.stop()
    dialog = shown.args[0]
    assert dialog.tree.topLevelItemCount() == 2000
    assert len(ticks) >= 5                  # the event loop kept running while the rows were read and planned
    dialog.reject()
    assert cdo.list_drafts() == []

    with qtbot.waitSignal(page.runner.finished, timeout=60_000):
        page.import_register_files([path, path])
        page.stop_button.click()            # stops before the next file; nothing is planned or written
    assert "niets opgeslagen" in window.statusBar().currentMessage() and cdo.list_drafts() == []
