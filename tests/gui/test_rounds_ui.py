"""Yearly rounds in the owner window: open a real signed round bundle, start from last year, round forms, changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from algoinventaris import config
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.paths import explore
from algoinventaris.formengine.session import resolve
from algoinventaris.package.keys import Ed25519Signer
from algoinventaris.package.rounds import rounds_dir
from algoinventaris.storage import open_owner_db
from algoinventaris.ui.round_dialogs import RoundOpenDialog, StartFromLastYearDialog
from algoinventaris.ui.summary_page import SummaryPage
from tests.gui.helpers import close_window, message_boxes, start_window
from tests.rounds.conftest import (  # noqa: F401  (fixtures, reused as the round tests make them)
    LAST_ROUND,
    ORG,
    ROUND,
    cdo_pem,
    cdo_signer,
    folder_listing,
    make_bundle,
    stranger_signer,
)

AI_ACT_TEXT = config.form_path("ai-act").joinpath("form.yaml").read_text("utf-8")


def _bundle_file(tmp_path: Path, signer: Ed25519Signer, forms: list[str] | None = None, name: str = "ronde.zip") -> Path:
    data = make_bundle(signer, tmp_path / f"build-{name}", forms=forms or [AI_ACT_TEXT])
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _open(qtbot: Any, window: Any, path: Path) -> RoundOpenDialog:
    dialog = window.open_round_file(path)
    assert isinstance(dialog, RoundOpenDialog)
    qtbot.waitUntil(lambda: not dialog.running() and dialog.buttons.isEnabled(), timeout=30000)
    return dialog


def test_open_bundle_without_key_explains_enrolment_then_opens_after_picking_cdo_pem(
        qtbot: Any, tmp_path: Path, languages: Any, cdo_signer: Ed25519Signer, cdo_pem: Path) -> None:  # noqa: F811
    bundle = _bundle_file(tmp_path, cdo_signer)
    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    try:
        assert window.round_action.text() == "&Rondebestand openen…"
        assert window.round_action in window.file_menu.actions()
        dialog = _open(qtbot, window, bundle)
        text = dialog.message.text()
        assert "niet geopend" in text and "algoinventaris round trust-cdo --key cdo.pem" in text
        assert dialog.trust_button.isVisible()
        assert window.repo.installed_rounds() == [] and folder_listing(rounds_dir()) == set()

        bad_key = tmp_path / "geen-sleutel.pem"
        bad_key.write_text("dit is geen sleutel", encoding="utf-8")
        assert not dialog.trust_key_file(bad_key)
        assert "niet ingesteld" in dialog.message.text() and window.repo.cdo_keys() == []

        assert dialog.trust_key_file(cdo_pem)
        qtbot.waitUntil(lambda: not dialog.running() and dialog.buttons.isEnabled(), timeout=30000)
        assert dialog.error is None and dialog.result_value.status == "installed"
        text = dialog.message.text()
        assert f"‘{ROUND}’ is geopend" in text and "ai-act (versie 2026.1)" in text and ORG in text
        assert dialog.progress.value() == dialog.progress.maximum()
        assert [r.name for r in window.repo.installed_rounds()] == [ROUND]
        dialog.close()
        # the same file again: said so, nothing changes
        again = _open(qtbot, window, bundle)
        assert again.result_value.status == "unchanged" and "al geopend" in again.message.text()
        again.close()
    finally:
        close_window(window)


def test_a_refused_bundle_shows_the_reason_and_installs_nothing(
        qtbot: Any, tmp_path: Path, languages: Any, cdo_signer: Ed25519Signer,  # noqa: F811
        stranger_signer: Ed25519Signer, cdo_pem: Path) -> None:  # noqa: F811
    db = tmp_path / "owner.sqlite3"
    with_key = open_owner_db(db)
    with_key.trust_cdo_key(cdo_signer.public_raw, cdo_signer.fingerprint)
    with_key.close()
    forged = _bundle_file(tmp_path, stranger_signer, name="vals.zip")
    window = start_window(qtbot, db, languages=languages)
    try:
        dialog = _open(qtbot, window, forged)
        assert dialog.error is not None and dialog.result_value is None
        assert dialog.message.text().startswith("Het rondebestand is niet geopend; er is niets veranderd.")
        assert dialog.error.text("nl") in dialog.message.text()  # the reason, in the owner's words
        assert not dialog.trust_button.isVisible()
        assert window.repo.installed_rounds() == []
        assert {p for p in folder_listing(rounds_dir()) if not p.startswith(".")} == set()
        dialog.close()
    finally:
        close_window(window)


def test_welcome_round_button_is_enabled_and_asks_for_the_file(qtbot: Any, tmp_path: Path, languages: Any) -> None:
    from PySide6.QtWidgets import QFileDialog

    from algoinventaris.ui.welcome import WelcomeDialog

    window = start_window(qtbot, tmp_path / "owner.sqlite3", languages=languages)
    try:
        welcome = window.show_welcome()
        assert isinstance(welcome, WelcomeDialog) and welcome.round_button.isEnabled()
        welcome.round_button.click()
        qtbot.waitUntil(lambda: window.findChild(QFileDialog, "roundFileDialog") is not None)
        picker = window.findChild(QFileDialog, "roundFileDialog")
        assert picker is not None and picker.fileMode() == QFileDialog.FileMode.ExistingFile
        picker.reject()
        window.language_actions["en"].trigger()
        qtbot.waitUntil(lambda: window.round_action.text() == "Open &round file…")
        assert window.list_page.carry_button.text() == "Start from last &year…"
        window.language_actions["nl"].trigger()
        qtbot.waitUntil(lambda: window.round_action.text() == "&Rondebestand openen…")
    finally:
        close_window(window)


def _last_year(db: Path, cdo_signer: Ed25519Signer) -> tuple[str, list[Any]]:  # noqa: F811
    """Last year's concluded algorithm on the real ai-act form, in a database that trusts the CDO key."""
    form = load_form(config.form_path("ai-act"))
    path = next(p for p in explore(form).paths if p.end_kind == "conclusion" and len(p.steps) >= 6)
    repo = open_owner_db(db)
    try:
        repo.trust_cdo_key(cdo_signer.public_raw, cdo_signer.fingerprint)
        alg = repo.create_algorithm("Toeslagen toekennen", ORG, "Directie A", LAST_ROUND)
        for qid, answers in path.steps:
            repo.save_answer(alg.id, form, qid, answers)
        decision = resolve(form, dict(path.steps)).decision
        assert decision.conclusion is not None
        repo.set_outcome(alg.id, decision.conclusion.id, decision.conclusion.ref, state="complete")
    finally:
        repo.close()
    return alg.id, list(path.steps)


def test_start_from_last_year_opens_prefilled_and_summary_shows_the_changes(
        qtbot: Any, tmp_path: Path, languages: Any, cdo_signer: Ed25519Signer) -> None:  # noqa: F811
    db = tmp_path / "owner.sqlite3"
    last_id, steps = _last_year(db, cdo_signer)
    window = start_window(qtbot, db, languages=languages)
    try:
        # no other round opened yet: said so, nothing created
        assert window.start_from_last_year(last_id) is None
        boxes = message_boxes(window)
        assert boxes and "Open eerst het rondebestand" in boxes[-1].text()
        boxes[-1].close()
        assert len(window.repo.list_algorithms()) == 1

        dialog = _open(qtbot, window, _bundle_file(tmp_path, cdo_signer))
        assert dialog.result_value is not None
        dialog.close()
        window.list_page.select(last_id)
        assert window.carry_action.isEnabled() and window.list_page.carry_button.isEnabled()
        start = window.start_from_last_year(last_id)
        assert isinstance(start, StartFromLastYearDialog)
        assert [start.combo.itemText(i) for i in range(start.combo.count())] == [ROUND]
        start.accept()
        qtbot.waitUntil(lambda: window.wizard is not None)
        wizard = window.wizard
        assert wizard is not None
        new = window.repo.get_algorithm(wizard.controller.algorithm_id)
        assert new.id != last_id and new.round == ROUND
        first = steps[0][0]
        assert wizard.controller.status_of(first) == "prefilled"
        assert "vooraf ingevuld" in wizard._notice_for(first)
        assert "antwoorden van vorig jaar staan klaar" in window.statusBar().currentMessage()

        wizard.show_overview()
        page = wizard.current_page()
        assert isinstance(page, SummaryPage)
        assert not page.changes_box.isHidden()
        assert page.changes_title.text() == "Veranderd sinds vorig jaar"
        assert "Conclusie:" in page.changes_text.text() and "gelijk aan vorig jaar" in page.changes_text.text()
        languages.set_language("en")
        assert "the same as last year" in page.changes_text.text()
        languages.set_language("nl")

        # a second time into the same round is refused with the reason; nothing new is made
        window.show_list()
        count = len(window.repo.list_algorithms())
        assert window.carry_into(last_id, ROUND) is None
        boxes = message_boxes(window)
        assert boxes and "al overgenomen" in boxes[-1].text()
        boxes[-1].close()
        assert len(window.repo.list_algorithms()) == count
    finally:
        close_window(window)


def test_an_algorithm_of_an_opened_round_uses_the_rounds_form_version(
        qtbot: Any, tmp_path: Path, languages: Any, cdo_signer: Ed25519Signer) -> None:  # noqa: F811
    db = tmp_path / "owner.sqlite3"
    repo = open_owner_db(db)
    repo.trust_cdo_key(cdo_signer.public_raw, cdo_signer.fingerprint)
    this_year = repo.create_algorithm("Parkeervergunningen", ORG, "Directie B", ROUND)
    elsewhere = repo.create_algorithm("Subsidies", ORG, "Directie B", LAST_ROUND)
    repo.close()
    newer = AI_ACT_TEXT.replace("version: '2026.1'", "version: '2027.1'", 1)
    assert newer != AI_ACT_TEXT
    window = start_window(qtbot, db, languages=languages)
    try:
        assert window.open_algorithm(this_year.id)  # before the round is opened: the app's own version
        assert window.wizard is not None and window.wizard.controller.form.version == "2026.1"
        window.show_list()
        dialog = _open(qtbot, window, _bundle_file(tmp_path, cdo_signer, forms=[newer]))
        assert dialog.result_value is not None, dialog.message.text()
        dialog.close()
        assert window.open_algorithm(this_year.id)
        assert window.wizard is not None and window.wizard.controller.form.version == "2027.1"
        assert window.wizard.summary_page is None or window.wizard.summary_page.changes_box.isHidden()
        window.show_list()
        assert window.open_algorithm(elsewhere.id)  # another round: the app's own questionnaire
        assert window.wizard is not None and window.wizard.controller.form.version == "2026.1"
    finally:
        close_window(window)
