"""The CDO window offscreen: import a folder in the worker thread, read the results, the dashboard, the detail with its
PDF, a quarantine decision, enrolment and revocation, and the export actions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from algoinventaris.cdo.samples import Sample
from algoinventaris.package.keys import public_key_pem
from tests.cdo.conftest import ROUND, UNIT_A, UNIT_C, Packages, enrol, replace_ai, write

pytestmark = pytest.mark.gui


def _cells(widget: Any, column: int) -> list[str]:
    return [widget.item(r, column).text() for r in range(widget.rowCount())]


def test_import_folder_then_dashboard(qtbot: Any, sqlite_repo: Any, packages: Packages, signer_a: Any, signer_b: Any,
                                      tmp_path: Path) -> None:
    from algoinventaris.ui.cdo.window import CdoMainWindow

    repo = sqlite_repo
    enrol(repo, UNIT_A, signer_a)
    repo.add_round(ROUND, [UNIT_A, UNIT_C], actor="cdo")
    inbox = tmp_path / "inbox"
    write(inbox, "1.zip", packages.make(Sample("Risicoscan bijstand", UNIT_A, kind="high-risk",
                                               impact={"iama-status": "planned"}), signer_a))
    write(inbox, "2.zip", packages.make(Sample("Chatbot", UNIT_A, kind="low-risk"), signer_a))
    write(inbox, "3.zip", packages.make(Sample("Vreemd", UNIT_A, kind="low-risk"), signer_b))
    write(inbox, "4.zip", packages.make(Sample("Parkeren", UNIT_A, kind="not-ai"), signer_a, key="gui-mismatch",
                                        tamper=lambda s: replace_ai(s, conclusion_id="not-ai")))
    window = CdoMainWindow(repo, "Carla CDO")
    qtbot.addWidget(window)
    window.show()
    page = window.import_page
    with qtbot.waitSignal(page.import_finished, timeout=60000) as finished:
        assert page.start_import([str(inbox)])
        assert page.busy and not page.folder_button.isEnabled()
    assert [o.result for o in finished.args[0]] == ["imported", "imported", "refused", "quarantined"]
    assert _cells(page.results, 1) == ["geïmporteerd", "geïmporteerd", "geweigerd", "in quarantaine"]
    assert "niet aangemeld" in page.results.item(2, 5).text()
    assert page.summary.text() == "2 geïmporteerd, 0 dubbel, 1 in quarantaine, 1 geweigerd."
    assert not page.progress.isVisible() and page.folder_button.isEnabled()

    dash = window.dashboard_page
    window.tabs.setCurrentWidget(dash)
    assert dash.round_box.currentText() == ROUND
    units = {dash.units.item(r, 0).text(): [dash.units.item(r, c).text() for c in range(1, 6)] for r in range(dash.units.rowCount())}
    assert units == {UNIT_A: ["1", "1", "0", "0", "2"], UNIT_C: ["0", "0", "0", "0", "0"]}
    assert _cells(dash.not_delivered, 0) == [UNIT_C]
    assert _cells(dash.no_test, 0) == ["Risicoscan bijstand"] and _cells(dash.no_test, 2) == ["gepland"]
    assert "Quarantaine (1)" in window.tabs.tabText(window.tabs.indexOf(window.quarantine_page)).replace("&", "")

    dash.no_test.setCurrentCell(0, 0)
    with qtbot.waitSignal(dash.open_submission) as opened:
        dash._open(dash.no_test)
    dialog = window.show_submission(opened.args[0])
    qtbot.addWidget(dialog)
    assert dialog.info.algorithm_name == "Risicoscan bijstand"
    pdf = dialog.write_pdf()
    assert pdf.read_bytes().startswith(b"%PDF-") and dialog.history.rowCount() == 1
    dialog.close()

    quarantine = window.quarantine_page
    assert quarantine.table.rowCount() == 1
    item_id = quarantine.table.item(0, 0).data(256)
    assert quarantine.decide(item_id, False, "uitkomst wijkt af").status == "rejected"
    assert quarantine.table.rowCount() == 0
    assert window.tabs.tabText(window.tabs.indexOf(window.quarantine_page)).replace("&", "") == "Quarantaine"

    key = tmp_path / "b.pem"
    key.write_bytes(public_key_pem(Ed25519PublicKey.from_public_bytes(signer_b.public_raw)))
    trust = window.trust_page
    assert trust.enrol(UNIT_C, str(key), "Ministerie van Voorbeeldzaken", "Bram")
    assert sorted(_cells(trust.table, 0)) == sorted([UNIT_A, UNIT_C])
    assert trust.revoke(signer_b.fingerprint, dt.datetime(2020, 1, 1, tzinfo=dt.UTC), "test")
    assert any(e.revoked_from is not None for e in repo.list_trust(UNIT_C))

    summary = window.export("xlsx", tmp_path / "inventaris.xlsx", ROUND)
    assert summary is not None and summary["rows"] == 2
    assert window.report(tmp_path / "rapport.pdf", ROUND)
    assert (tmp_path / "rapport.pdf").read_bytes().startswith(b"%PDF-")
    window.tabs.setCurrentWidget(window.audit_page)
    assert "reject" in _cells(window.audit_page.table, 2)
    window.submissions_page.filter.setText("chat")
    assert _cells(window.submissions_page.table, 0) == ["Chatbot"]


def test_every_window_text_has_english() -> None:
    import ast

    from algoinventaris.ui.cdo.english import EN

    root = Path(__file__).resolve().parents[2] / "algoinventaris" / "ui" / "cdo"
    texts: set[str] = set()
    for file in root.glob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
                index = {"tr": 0, "translate": 1}.get(node.func.attr)
                if index is not None and len(node.args) > index and isinstance(node.args[index], ast.Constant):
                    texts.add(node.args[index].value)
    assert len(texts) > 100
    assert sorted(texts - set(EN)) == []


def test_english_window(qtbot: Any, sqlite_repo: Any) -> None:
    from algoinventaris.ui.cdo.window import CdoMainWindow

    window = CdoMainWindow(sqlite_repo, "Carla CDO", lang="en")
    qtbot.addWidget(window)
    assert [window.tabs.tabText(i).replace("&", "") for i in range(4)] == ["Import", "Drafts", "Dashboard", "Submissions"]
    assert window.windowTitle() == "Algorithm inventory — CDO workspace"
    assert window.import_page.folder_button.text() == "Choose a &folder…"
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QProgressBar", "%p%") == "%p%"  # texts we do not know stay as they are
    window.close()
    dutch = CdoMainWindow(sqlite_repo, "Carla CDO")
    qtbot.addWidget(dutch)
    assert dutch.tabs.tabText(0) == "&Importeren"
