"""Managing drafts in the Concepten tab: the table, the details dialog (Enter opens, Esc closes), assigning a unit,
deleting with undo (Ctrl+Z and the status bar's button), the unit filter, and the tab in English."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from PySide6.QtCore import Qt

from algoinventaris.domain.drafts import SOURCE_REGISTER, Draft, DraftDeviation
from algoinventaris.domain.register import register_questions
from algoinventaris.domain.register_import import default_form
from tests.gui_cdo_drafts.conftest import ORG, ROUND

pytestmark = pytest.mark.gui


def _draft(name: str, unit: str = "", lars: str = "") -> Draft:
    qids = {field: q.id for field, q in register_questions(default_form()).items()}
    answers = {qids["name"]: name, qids["description_short"]: f"Wat {name} doet."}
    if lars:
        answers[qids["lars"]] = lars
    return Draft(id=str(uuid.uuid4()), organisation=ORG, unit=unit, round=ROUND, name=name, source=SOURCE_REGISTER,
                 origin=f"register.json, record {name}", match_kind="lars" if lars else "organisation+name",
                 match_value=lars or f"{ORG} / {name}", revision=1, answers=answers,
                 not_mapped={"type": "Regelgebaseerd"},
                 deviations=(DraftDeviation("normalised", "lang", "NLD", "Taal: 'NLD' is geschreven als 'nld'"),))


@pytest.fixture
def stored(cdo: Any) -> list[Draft]:
    drafts = [_draft("Parkeervergunningen", "Directie Mobiliteit", lars="12345670"), _draft("Chatbot"), _draft("Fraudesignalen")]
    cdo.save_drafts(drafts, [], actor="cdo")
    return drafts


def _names(page: Any) -> list[str]:
    return sorted(page.table.item(r, 0).text() for r in range(page.table.rowCount()))


def _row(page: Any, name: str) -> int:
    return next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == name)


def test_table_details_assign_delete_undo(qtbot: Any, window: Any, cdo: Any, stored: list[Draft]) -> None:
    page = window.drafts_page
    window.refresh()
    assert _names(page) == ["Chatbot", "Fraudesignalen", "Parkeervergunningen"]
    row = _row(page, "Parkeervergunningen")
    assert [page.table.item(row, c).text() for c in (1, 2, 4, 5, 6, 7)] == \
        ["Directie Mobiliteit", "register", "LARS-id 12345670", "1", "1", "1"]
    assert page.table.item(_row(page, "Chatbot"), 1).text() == "nog niet toegewezen"
    assert page.round_box.currentText() == ROUND
    assert not page.delete_button.isEnabled()                           # nothing chosen yet

    # Enter on a row opens the details; Esc closes them
    page.table.setFocus()
    page.table.setCurrentCell(row, 0)
    with qtbot.waitSignal(page.draft_shown) as shown:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    details = shown.args[0]
    answers = {details.answers.item(r, 0).text(): details.answers.item(r, 1).text() for r in range(details.answers.rowCount())}
    assert answers["Naam"] == "Parkeervergunningen" and answers["Korte omschrijving"] == "Wat Parkeervergunningen doet."
    assert [details.not_mapped.item(0, c).text() for c in (0, 1)] == ["type", "Regelgebaseerd"]
    assert [details.deviations.item(0, c).text() for c in range(4)] == ["aangepast", "Taal (lang)", "NLD",
                                                                        "Taal: 'NLD' is geschreven als 'nld'"]
    qtbot.keyClick(details, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not details.isVisible())

    # assign through the dialog: the round's units, editable
    chatbot = next(d for d in stored if d.name == "Chatbot")
    page.select([chatbot.id])
    dialog = page.ask_assign()
    assert dialog is not None
    assert [dialog.unit.itemText(i) for i in range(dialog.unit.count())] == ["Directie Mobiliteit", "Directie Toeslagen"]
    dialog.unit.setCurrentText("Directie Nieuw")
    assert "hoort (nog) niet bij de onderdelen" in dialog.note.text()
    dialog.unit.setCurrentText("Directie Toeslagen")
    assert dialog.note.text() == ""
    dialog.accept()
    assert cdo.get_draft(chatbot.id).unit == "Directie Toeslagen"
    assert page.table.item(_row(page, "Chatbot"), 1).text() == "Directie Toeslagen"
    assert page.undo_button.isVisible() and "toegewezen aan Directie Toeslagen" in window.statusBar().currentMessage()
    assert page.undo()                                                  # the assignment is taken back too
    assert cdo.get_draft(chatbot.id).unit == ""

    # several at once, then the unit filter
    fraude = next(d for d in stored if d.name == "Fraudesignalen")
    assert page.assign([chatbot.id, fraude.id], "Directie Toeslagen")
    page.unit_box.setCurrentIndex(page.unit_box.findData("Directie Toeslagen"))
    assert _names(page) == ["Chatbot", "Fraudesignalen"]
    page.unit_box.setCurrentIndex(page.unit_box.findData(""))
    assert _names(page) == []
    page.unit_box.setCurrentIndex(0)

    # delete with the Delete key, undo with Ctrl+Z
    page.select([fraude.id])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert [d.name for d in cdo.list_drafts(ROUND)].count("Fraudesignalen") == 0
    assert cdo.draft_meta(fraude.id).deleted_at is not None
    assert _names(page) == ["Chatbot", "Parkeervergunningen"]
    assert "'Fraudesignalen' verwijderd" in window.statusBar().currentMessage() and page.undo_button.isVisible()
    window.activateWindow()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cdo.draft_meta(fraude.id).deleted_at is None and "Fraudesignalen" in _names(page)
    assert page.selected_ids() == [fraude.id]                          # the restored draft is chosen again

    # delete two with the button, undo with the status bar's button
    page.select([chatbot.id, fraude.id])
    page.delete_button.click()
    assert [d.name for d in cdo.list_drafts(ROUND)] == ["Parkeervergunningen"]
    page.undo_button.click()
    assert len(cdo.list_drafts(ROUND)) == 3
    assert page.undo() and cdo.get_draft(fraude.id).unit == "" and cdo.get_draft(chatbot.id).unit == ""
    assert not page.undo() and not page.undo_button.isVisible()
    actions = [e.action for e in cdo.audit_log(50)]
    assert actions.count("draft-delete") == 3 and actions.count("draft-restore") == 3

    # the undo button belongs to this tab
    page.select([chatbot.id])
    page.delete_selected()
    window.tabs.setCurrentWidget(window.dashboard_page)
    assert not page.undo_button.isVisible()
    window.tabs.setCurrentWidget(page)
    assert page.undo_button.isVisible()


def test_no_round_yet(qtbot: Any, sqlite_repo: Any) -> None:
    from algoinventaris.ui.cdo.window import CdoMainWindow

    window = CdoMainWindow(sqlite_repo, "Carla CDO")
    qtbot.addWidget(window)
    page = window.drafts_page
    assert not page.register_button.isEnabled() and not page.sheet_button.isEnabled()
    assert "Nog geen rondes" in page.summary.text()
    assert not page.import_register_files([]) and page.last_message is not None
    window.close()


def test_round_without_organisation_says_so(qtbot: Any, cdo: Any, record_files: Any) -> None:
    from algoinventaris.ui.cdo.window import CdoMainWindow

    cdo.add_round("Inventarisatie 2028", ["Directie Mobiliteit"], actor="cdo")
    window = CdoMainWindow(cdo, "Carla CDO")
    qtbot.addWidget(window)
    page = window.drafts_page
    assert [page.round_box.itemText(i) for i in range(page.round_box.count())] == [ROUND, "Inventarisatie 2028"]
    assert page.round_box.currentText() == "Inventarisatie 2028"        # the newest round first
    assert "nog geen organisatie" in page.summary.text()
    with qtbot.waitSignal(page.runner.finished, timeout=60_000):
        page.import_register_files(record_files[:1])
    assert page.last_message is not None and "heeft nog geen organisatie" in page.last_message.text()
    assert cdo.list_drafts() == []
    window.close()


def test_the_tab_in_english(qtbot: Any, cdo: Any, stored: list[Draft]) -> None:
    from algoinventaris.ui.cdo.window import CdoMainWindow

    window = CdoMainWindow(cdo, "Carla CDO", lang="en")
    qtbot.addWidget(window)
    page = window.drafts_page
    assert window.tabs.tabText(window.tabs.indexOf(page)) == "Dr&afts"
    assert page.register_button.text() == "Import re&gister files…"
    assert page.table.horizontalHeaderItem(4).text() == "Matched on"
    assert page.table.item(_row(page, "Chatbot"), 1).text() == "not yet assigned"
    assert page.table.item(_row(page, "Chatbot"), 4).text() == "organisation + name"
    assert page.table.item(_row(page, "Parkeervergunningen"), 4).text() == "LARS id 12345670"
    window.close()


def _mnemonics(window: Any) -> list[str]:
    """The Alt+letter keys a person can use on the Concepten tab: tabs, menus, and the tab's enabled buttons and labels."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    texts += [a.text() for a in window.menuBar().actions()]
    page = window.drafts_page
    texts += [b.text() for b in page.findChildren(QAbstractButton) if b.isVisibleTo(page) and b.isEnabled()]
    texts += [label.text() for label in page.findChildren(QLabel) if label.buddy() is not None]
    if page.undo_button.isVisible():
        texts.append(page.undo_button.text())
    keys = []
    for text in texts:
        at = text.replace("&&", "").find("&")
        if at >= 0:
            keys.append(text.replace("&&", "")[at + 1].casefold())
    return keys


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_alt_key_on_the_tab_does_one_thing(qtbot: Any, cdo: Any, stored: list[Draft], lang: str) -> None:
    from algoinventaris.ui.cdo.window import CdoMainWindow

    window = CdoMainWindow(cdo, "Carla CDO", lang=lang)
    qtbot.addWidget(window)
    window.show()
    page = window.drafts_page
    window.tabs.setCurrentWidget(page)
    page.select([stored[0].id])
    page.delete_selected()                                  # the status bar's undo button shows
    keys = _mnemonics(window)
    assert len(keys) >= 14 and sorted(k for k in set(keys) if keys.count(k) > 1) == []
    window.close()


def test_tab_reaches_the_table_and_the_buttons(qtbot: Any, window: Any, stored: list[Draft]) -> None:
    from PySide6.QtWidgets import QApplication

    page = window.drafts_page
    window.refresh()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.round_box.setFocus()
    seen = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen.index(page.unit_box) < seen.index(page.register_button) < seen.index(page.table)
    page.table.setCurrentCell(0, 0)
    page.table.selectRow(0)
    assert page.open_button.isEnabled()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.open_button   # Tab leaves the table for its buttons
