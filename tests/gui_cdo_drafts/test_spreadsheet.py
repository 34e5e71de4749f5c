"""Last year's spreadsheet through the Concepten tab: the proposed mapping, a correction that changes the preview, a
field chosen twice refused, the mapping saved and found again, and only "Overnemen" writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from algoinventaris.domain import sheet_import as si
from tests.gui_cdo_drafts.conftest import ROUND, written
from tests.sheet_import.conftest import MINISTRY_HEADINGS, MINISTRY_ROWS
from tests.table_files import write_xlsx

pytestmark = pytest.mark.gui


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "inventaris-2025.xlsx", [MINISTRY_HEADINGS, *MINISTRY_ROWS])


def _open(qtbot: Any, page: Any, path: Path) -> Any:
    with qtbot.waitSignal(page.mapping_shown, timeout=60_000) as shown:
        assert page.import_spreadsheet(path)
    return shown.args[0]


def _preview(qtbot: Any, dialog: Any) -> Any:
    with qtbot.waitSignal(dialog.preview_ready, timeout=60_000) as ready:
        dialog.preview_button.click()
    return ready.args[0]


def _cell(dialog: Any, sheet_row: int, col: int) -> str:
    for row in range(dialog.model.rowCount()):
        if dialog.model.index(row, 0).data() == str(sheet_row):
            return str(dialog.model.index(row, col).data())
    raise AssertionError(f"row {sheet_row} not in the preview")


def test_mapping_correct_refuse_save_reopen_take(qtbot: Any, window: Any, cdo: Any, sheet: Path) -> None:
    page = window.drafts_page
    before = written(cdo)
    dialog = _open(qtbot, page, sheet)
    # the proposal, from the Dutch headings
    assert [dialog.target_of(h) for h in ("Naam algoritme", "Directie", "Omschrijving", "Doel", "Leverancier")] == \
        ["name", "unit", "description_short", "goal", "provider"]
    assert dialog.target_of("Conclusie AI-verordening") == si.TARGET_NOT_MAPPED
    assert "nooit een registerantwoord" in dialog.columns.item(MINISTRY_HEADINGS.index("Categorie"), 4).text()
    assert [dialog.columns.item(0, c).text() for c in (0, 1, 2)] == \
        ["Naam algoritme", "Parkeervergunningen toekennen", "Fraudesignalen toeslagen"]
    assert dialog.combos[MINISTRY_HEADINGS.index("Directie")].currentText() == "Onderdeel"
    assert not dialog.found_saved

    pv = _preview(qtbot, dialog)
    assert dialog.tabs.currentIndex() == 1
    counts = pv.counts()
    assert (counts["rows"], counts["unusable"], counts["blank"]) == (4, 1, 1)
    assert dialog.counts.text() == (f"Regels: 4 ({counts['ok']} ok, {counts['remarks']} met opmerkingen, 1 niet te gebruiken); "
                                    "1 lege regel overgeslagen.")
    assert "Korte omschrijving" in _cell(dialog, 2, 4) and "Omschrijving" not in _cell(dialog, 2, 6)
    assert _cell(dialog, 2, 2) == "Directie Mobiliteit"
    assert _cell(dialog, 5, 3) == "niet te gebruiken"
    dialog.only_remarks.setChecked(True)
    remarks = [r.number for r in pv.rows if r.status != "ok"]
    assert dialog.visible_rows() == remarks and 3 in remarks and 5 in remarks and 2 not in remarks
    dialog.only_remarks.setChecked(False)
    assert len(dialog.visible_rows()) == 4
    dialog.rows.selectRow(0)
    assert "Overgenomen:" in dialog.detail.toPlainText() and "Korte omschrijving = Beoordeelt aanvragen" in dialog.detail.toPlainText()

    # correcting one target changes the preview
    assert dialog.set_target("Omschrijving", si.TARGET_IGNORE)
    assert dialog.columns.item(MINISTRY_HEADINGS.index("Omschrijving"), 4).text() == "door jou gekozen"
    assert dialog.stale.isVisibleTo(dialog) and "veranderd" in dialog.stale.text()
    _preview(qtbot, dialog)
    assert "Korte omschrijving" not in _cell(dialog, 2, 4) and _cell(dialog, 2, 6) == "Omschrijving"
    assert not dialog.stale.isVisibleTo(dialog)

    # a field chosen twice is refused, with the reason, and the column keeps its target
    assert not dialog.set_target("Doel", "name")
    assert dialog.target_of("Doel") == "goal" and dialog.combos[MINISTRY_HEADINGS.index("Doel")].currentData() == "goal"
    assert "Naam algoritme" in dialog.message.text() and "één kolom" in dialog.message.text()
    assert not dialog.set_target("Omschrijving", si.TARGET_UNIT)          # the unit too comes from one column
    assert dialog.set_target("Opmerkingen", si.TARGET_IGNORE) and dialog.message.text() == ""

    assert dialog.save_mapping() and "bewaard" in dialog.saved_note.text()
    assert cdo.get_setting(si.setting_key(si.headings_signature(MINISTRY_HEADINGS))) is not None
    dialog.reject()                                                       # Annuleren: no drafts written
    assert cdo.list_drafts(include_deleted=True) == before[0]

    # reopened: the saved mapping is found
    dialog = _open(qtbot, page, sheet)
    assert dialog.found_saved and "bewaarde koppeling" in dialog.origin.text()
    assert dialog.target_of("Omschrijving") == si.TARGET_IGNORE and dialog.target_of("Opmerkingen") == si.TARGET_IGNORE
    assert dialog.columns.item(0, 4).text() == "opgeslagen koppeling"
    assert dialog.set_target("Omschrijving", "description_short")

    # "Overnemen…": the preview again (the mapping changed), then the plan; cancelling the plan writes nothing
    with qtbot.waitSignal(dialog.plan_shown, timeout=60_000) as shown:
        dialog.take_button.click()
    plan_dialog = shown.args[0]
    assert plan_dialog.counts.text() == "3 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 dubbel."
    plan_dialog.reject()
    assert cdo.list_drafts() == [] and dialog.isVisible()
    dialog.default_unit.setCurrentText("Directie Toeslagen")             # for the row that names no unit
    with qtbot.waitSignal(dialog.plan_shown, timeout=60_000) as shown:
        dialog.take_button.click()
    with qtbot.waitSignal(page.drafts_changed, timeout=60_000):
        shown.args[0].take_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = {d.name: d for d in cdo.list_drafts(ROUND)}
    assert sorted(stored) == ["Chatbot burgerzaken", "Fraudesignalen toeslagen", "Parkeervergunningen toekennen"]
    assert {d.source for d in stored.values()} == {"spreadsheet"}
    assert stored["Parkeervergunningen toekennen"].unit == "Directie Mobiliteit"
    assert stored["Chatbot burgerzaken"].unit == "Directie Toeslagen"
    assert stored["Fraudesignalen toeslagen"].not_mapped["Conclusie AI-verordening"] == "Hoog-risico-AI-systeem"
    assert page.table.rowCount() == 3
    saved = si.saved_mapping(cdo, MINISTRY_HEADINGS)
    assert saved is not None and saved.target_of("Omschrijving") == "description_short"


def test_cancel_while_the_rows_are_read_writes_nothing(qtbot: Any, window: Any, cdo: Any, tmp_path: Path) -> None:
    rows = [MINISTRY_HEADINGS] + [[f"Algoritme {n}", "Directie Toeslagen", "Doet iets.", *[None] * 8] for n in range(3000)]
    dialog = _open(qtbot, window.drafts_page, write_xlsx(tmp_path / "groot.xlsx", rows))
    before = written(cdo)
    dialog.make_preview()
    assert dialog.busy and not dialog.preview_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)             # Esc = Annuleren: the worker stops at its next report
    assert not dialog.isVisible()
    assert dialog.runner.wait(0) and dialog.sheet_preview is None   # the worker thread has ended
    assert written(cdo) == before

    # closing the window while a sheet is read stops that work first (no thread is left running)
    dialog = _open(qtbot, window.drafts_page, tmp_path / "groot.xlsx")
    dialog.make_preview()
    runner = dialog.runner
    window.close()
    assert runner.wait(0) and written(cdo) == before
