"""Exporteren from the wizard: a real key, a real package in a worker thread with progress, verified; and its failures.

The passphrase is typed into the dialog (ALGOINVENTARIS_KEY_PASSPHRASE is never used here).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from algoinventaris.package.keys import KeyStore, public_key_pem
from algoinventaris.package.verify import EXIT_VALID, verify_package
from algoinventaris.ui.export_dialog import ExportDialog
from algoinventaris.ui.question_page import QuestionPage
from algoinventaris.ui.summary_page import SummaryPage
from tests.gui.helpers import answer_route, long_route, message_boxes, start_window

pytestmark = pytest.mark.gui

PASSPHRASE = "correct paard batterij"


@pytest.fixture(autouse=True)
def _no_passphrase_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALGOINVENTARIS_KEY_PASSPHRASE", raising=False)


@pytest.fixture
def concluded(tmp_path: Path, ai_act_form: Any) -> tuple[Path, str]:
    """One algorithm whose AI-Act questions are concluded (high risk); impact and register not started."""
    from algoinventaris.storage import open_owner_db

    db = tmp_path / "owner.sqlite3"
    with open_owner_db(db) as repo:
        alg = repo.create_algorithm("Toeslagen risicoscan", "Gemeente Ééndracht", "Zorg", "Inventarisatie 2026")
        answer_route(repo, alg.id, ai_act_form, long_route(ai_act_form))
    return db, alg.id


def open_dialog_from_summary(qtbot: Any, window: Any, alg_id: str) -> ExportDialog:
    assert window.open_algorithm(alg_id)
    assert window.wizard is not None
    summary = window.wizard.current_page()
    assert isinstance(summary, SummaryPage) and summary.export_button.isVisibleTo(summary)
    summary.export_button.click()
    dialog = window.findChild(ExportDialog, "exportDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def run_export(qtbot: Any, dialog: ExportDialog) -> Any:
    """Click Exporteren and wait for the worker to finish; returns the result or the failure."""
    outcome: list[Any] = []
    dialog.exported.connect(outcome.append)
    dialog.not_ready.connect(lambda qid: outcome.append(("not-ready", qid)))
    assert dialog.export_button.isEnabled()
    dialog.export_button.click()

    def finished() -> bool:
        try:
            return not dialog.running()
        except RuntimeError:  # the dialog closed itself (and is gone)
            return True

    qtbot.waitUntil(finished, timeout=60000)
    return outcome[0] if outcome else None


def test_first_export_makes_the_key_and_writes_a_verified_package(qtbot: Any, tmp_path: Path, languages: Any,
                                                                   concluded: tuple[Path, str]) -> None:
    db, alg_id = concluded
    window = start_window(qtbot, db, languages=languages, auto_open=False)
    dialog = open_dialog_from_summary(qtbot, window, alg_id)
    # the first time: no key yet, so the passphrase is asked twice and the dialog says what happens
    assert dialog.new_key and dialog.fields.repeat_edit.isVisibleTo(dialog)
    assert "persoonlijke ondertekensleutel" in dialog.sign_text.text() and "keys export-public" in dialog.sign_text.text()
    assert "nog niet af" in dialog.notes_label.text()  # impact and register are not done: said, export still allowed
    out = tmp_path / "uitvoer"
    dialog.folder_edit.setText(str(out))
    dialog.fields.name_edit.setText("Fatima de Vries")
    dialog.fields.passphrase_edit.setText(PASSPHRASE)
    dialog.fields.repeat_edit.setText(PASSPHRASE + "x")
    assert not dialog.start()
    assert dialog.error.message == "De twee wachtwoordzinnen zijn niet gelijk."
    dialog.fields.repeat_edit.setText("kort")
    dialog.fields.passphrase_edit.setText("kort")
    assert not dialog.start() and "minstens 8 tekens" in dialog.error.message
    assert not KeyStore().has_ed25519()  # nothing made yet
    dialog.fields.passphrase_edit.setText(PASSPHRASE)
    dialog.fields.repeat_edit.setText(PASSPHRASE)
    steps: list[tuple[int, int]] = []
    dialog.progress_bar.valueChanged.connect(lambda v: steps.append((v, dialog.progress_bar.maximum())))

    result = run_export(qtbot, dialog)
    assert result is not None and not isinstance(result, tuple), dialog.error.message
    # progress was shown step by step up to the end
    assert steps[-1] == (5, 5) and len(steps) >= 4
    path = Path(result.path)
    assert path.parent == out and path.name.startswith("gemeente-eendracht-toeslagen-risicoscan-") and path.suffix == ".zip"
    store = KeyStore()
    signer_key = store.ed25519_public_key()
    from algoinventaris.package.keys import group_fingerprint, raw_public_key

    assert result.fingerprint == store.ed25519_fingerprint()
    verified = verify_package(path, trusted_keys=[raw_public_key(signer_key)])
    assert verified.code == EXIT_VALID, verified.reason("en")
    assert verified.signer["name"] == "Fatima de Vries"
    with zipfile.ZipFile(path) as zf:
        register = json.loads(zf.read("register.json"))
    assert register["status"] == "not-filled"  # the register description was not started: the package says so
    # the dialog shows the file, the fingerprint in groups and Open map; the passphrase is gone
    assert str(path) in dialog.result_label.text()
    assert group_fingerprint(result.fingerprint) in dialog.result_label.text()
    assert dialog.open_folder_button.isVisibleTo(dialog) and dialog.save_public_button.isVisibleTo(dialog)
    assert dialog.fields.passphrase_edit.text() == ""
    assert dialog.cancel_button.text() == "Sluiten"
    # the public key for the CDO, the same PEM as `keys export-public`
    pem = tmp_path / "sleutel.pem"
    assert dialog.saver.save(str(pem))
    assert pem.read_bytes() == public_key_pem(signer_key)
    assert "Publieke sleutel opgeslagen" in dialog.result_label.text()
    # the algorithm is exported, the list says so, the folder is remembered
    assert window.repo.get_algorithm(alg_id).state == "exported"
    assert window.prefs.get_str("export/folder") == str(out)
    dialog.cancel_button.click()
    window.show_list()
    row = next(r for r in range(window.list_page.proxy.rowCount())
               if window.list_page.proxy.index(r, 0).data() == "Toeslagen risicoscan")
    assert window.list_page.proxy.index(row, 3).data() == "Geëxporteerd"


def test_a_wrong_passphrase_is_asked_again_and_the_menu_exports_too(qtbot: Any, tmp_path: Path, languages: Any,
                                                                     concluded: tuple[Path, str]) -> None:
    db, alg_id = concluded
    KeyStore().create_ed25519(PASSPHRASE, "Fatima de Vries")
    window = start_window(qtbot, db, languages=languages, auto_open=False)
    assert window.list_page.select(alg_id)
    assert window.export_action.isEnabled()  # concluded: Bestand → Exporteren works from the list
    window.export_action.trigger()
    dialog = window.findChild(ExportDialog, "exportDialog")
    assert dialog is not None and dialog.isVisible()
    assert not dialog.new_key and not dialog.fields.repeat_edit.isVisibleTo(dialog)
    assert dialog.fields.name_edit.text() == "Fatima de Vries"
    assert "vingerafdruk SHA256:" in dialog.sign_text.text()
    out = tmp_path / "pakketten"
    dialog.folder_edit.setText(str(out))
    dialog.fields.passphrase_edit.setText("niet de goede zin")
    assert run_export(qtbot, dialog) is None
    assert dialog.isVisible()  # the dialog stays
    assert "wachtwoordzin opent de sleutel" in dialog.error.message
    assert dialog.fields.passphrase_edit.text() == "" and dialog.fields.passphrase_edit.isEnabled()
    assert not out.exists() or not list(out.iterdir())  # nothing written
    assert window.repo.get_algorithm(alg_id).state == "complete"
    dialog.fields.passphrase_edit.setText(PASSPHRASE)
    outcome: list[Any] = []
    dialog.exported.connect(outcome.append)
    assert dialog.start()
    window.close()  # while the package is written with this database, the window stays (and says so)
    assert window.isVisible() and window._repo is not None
    dialog.reject()  # the dialog too
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=60000)
    assert outcome and verify_package(outcome[0].path).code == EXIT_VALID
    dialog.reject()
    window.close()
    assert not window.isVisible() and window._repo is None


def test_an_open_question_closes_the_dialog_and_shows_that_question(qtbot: Any, tmp_path: Path, languages: Any,
                                                                    concluded: tuple[Path, str], ai_act_form: Any) -> None:
    db, alg_id = concluded
    KeyStore().create_ed25519(PASSPHRASE, "Fatima de Vries")
    window = start_window(qtbot, db, languages=languages, auto_open=False)
    dialog = open_dialog_from_summary(qtbot, window, alg_id)
    # meanwhile (another window, a migration) the third answer became a proposal that was never confirmed
    third = window.wizard.controller.on_path[2]  # type: ignore[union-attr]
    window.repo.save_answer(alg_id, ai_act_form, third, window.repo.answers(alg_id, "ai-act")[third].answers,
                            status="prefilled")
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.fields.passphrase_edit.setText(PASSPHRASE)
    assert run_export(qtbot, dialog) == ("not-ready", third)
    qtbot.waitUntil(lambda: not [d for d in window.findChildren(ExportDialog) if d.isVisible()])
    assert window.wizard is not None and window.wizard.controller.form.id == "ai-act"
    page = window.wizard.current_page()
    assert isinstance(page, QuestionPage) and page.question.id == third
    assert "vooraf ingevuld" in page.notice.text()
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_folder_that_cannot_be_made_is_explained_and_nothing_is_left(qtbot: Any, tmp_path: Path, languages: Any,
                                                                        concluded: tuple[Path, str]) -> None:
    db, alg_id = concluded
    KeyStore().create_ed25519(PASSPHRASE, "Fatima de Vries")
    window = start_window(qtbot, db, languages=languages, auto_open=False)
    dialog = open_dialog_from_summary(qtbot, window, alg_id)
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map", encoding="utf-8")
    dialog.folder_edit.setText(str(blocker))
    dialog.fields.passphrase_edit.setText(PASSPHRASE)
    assert not dialog.start() and "is geen map" in dialog.error.message
    dialog.folder_edit.setText(str(blocker / "pakketten"))
    assert run_export(qtbot, dialog) is None
    boxes = [b for b in message_boxes(dialog) if b.icon() == QMessageBox.Icon.Critical]
    assert boxes and "niets half weggeschreven" in boxes[0].text() and "pakketten" in boxes[0].text()
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    assert blocker.read_text(encoding="utf-8") == "geen map"
    assert window.repo.get_algorithm(alg_id).state == "complete"
    boxes[0].accept()


def test_export_is_refused_before_a_conclusion(qtbot: Any, tmp_path: Path, languages: Any, storage_repo: Any) -> None:
    db, alg_id = storage_repo
    window = start_window(qtbot, db, languages=languages, auto_open=False)
    assert window.list_page.select(alg_id)
    assert not window.export_action.isEnabled()
    assert window.export_algorithm(alg_id) is None
    boxes = message_boxes(window)
    assert boxes and "nog geen conclusie" in boxes[0].text()
    assert window.findChild(ExportDialog, "exportDialog") is None


@pytest.fixture
def storage_repo(tmp_path: Path) -> tuple[Path, str]:
    from algoinventaris.storage import open_owner_db

    db = tmp_path / "owner.sqlite3"
    with open_owner_db(db) as repo:
        alg = repo.create_algorithm("Nog niet af", "Gemeente", "Team", "Inventarisatie 2026")
    return db, alg.id


def test_a_damaged_key_file_is_named_and_left_alone(qtbot: Any, tmp_path: Path, languages: Any,
                                                    concluded: tuple[Path, str]) -> None:
    db, alg_id = concluded
    store = KeyStore()
    store.create_ed25519(PASSPHRASE, "Fatima de Vries")
    public = store.folder / "ed25519-public.pem"
    public.write_bytes(b"geen sleutel")
    window = start_window(qtbot, db, languages=languages, auto_open=False)
    assert window.export_algorithm(alg_id) is None
    boxes = [b for b in message_boxes(window) if b.icon() == QMessageBox.Icon.Critical]
    assert boxes and boxes[0].windowTitle() == "Ondertekensleutel onleesbaar"
    assert str(public) in boxes[0].text()
    assert public.read_bytes() == b"geen sleutel"
    assert window.findChild(ExportDialog, "exportDialog") is None
    boxes[0].accept()
