"""Screenshots of the CDO window's Concepten tab for the README, on the 27 real register records (reference data).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.gui_cdo_drafts.screenshots docs/screenshots

Writes cdo-drafts.png (the tab with the records imported), cdo-drafts-preview.png (the preview of the import)
and cdo-mapping.png (the column mapping of a CDO inventory export). Everything lives in a temporary folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ORG = "Ministerie van Voorbeelden"
ROUND = "Inventarisatie 2027"
UNITS = ["Directie Digitale Dienstverlening", "Directie Handhaving", "Directie Toeslagen", "Directie Vergunningen"]


def wait_until(app: Any, done: Callable[[], bool], seconds: float = 120.0) -> None:
    end = time.monotonic() + seconds
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the window did not finish in time")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def opened_by(app: Any, shown: Any, start: Callable[[], object]) -> Any:
    """start(), then wait for the signal `shown` that hands over the dialog (or preview) it opens; that object."""
    got: list[Any] = []
    shown.connect(got.append)
    start()
    wait_until(app, lambda: bool(got))
    return got[0]


def save(app: Any, widget: Any, path: Path) -> None:
    """Let the window settle, then save the widget as a PNG."""
    wait_until(app, lambda: True)
    widget.grab().save(str(path))


def reference_records() -> tuple[list[Path], list[dict[str, Any]]]:
    from tests.conftest import REFERENCE

    folder = REFERENCE / "register-records"
    files = sorted(folder.glob("*.json"))
    if not files:
        raise SystemExit(f"reference data not found: {folder}")
    records: list[dict[str, Any]] = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        records.extend(data if isinstance(data, list) else [data])
    return files, records


def cdo_export_xlsx(path: Path, records: list[dict[str, Any]]) -> Path:
    """The CDO's own inventory export (cdo/exports.py) of last year's round, one submission per register record."""
    from algoinventaris.cdo.exports import xlsx_bytes
    from algoinventaris.cdo.records import SubmissionInfo

    moment = dt.datetime(2026, 3, 12, 14, 0, tzinfo=dt.UTC)
    template = SubmissionInfo(
        id=0, submission_id="", algorithm_id="", algorithm_name="", organisation=ORG, unit="", round="Inventarisatie 2026",
        created_at=moment, imported_at=moment, imported_by="Carla CDO", language="nl", signer_method="ed25519",
        signer_name="Anouk de Vries", signer_fingerprint="SHA256:3f9a…", content_digest="", corrects=None, superseded_by=None,
        is_current=True, conclusion="no-ai", conclusion_ref=None, conclusion_title="Geen AI-systeem", high_risk=False,
        prohibited=False, category="C", category_source="owner", exclusion_level="none", exclusion_ground=None,
        human_rights_test=None, register_status="complete", publishable=True, not_published_reason=None, from_quarantine=False,
        package_sha256="")
    subs = [dataclasses.replace(template, id=n, submission_id=f"sub-{n:04d}", algorithm_id=f"alg-{n:04d}",
                                algorithm_name=str(rec.get("name") or f"Algoritme {n}"), unit=UNITS[n % len(UNITS)],
                                content_digest=f"{n:064x}") for n, rec in enumerate(records, start=1)]
    path.write_bytes(xlsx_bytes(subs, "nl", title="Inventarisatie 2026", records=records))
    return path


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="algoinventaris-shots-"))
    os.environ["ALGOINVENTARIS_DATA_DIR"] = str(work / "data")
    from PySide6.QtWidgets import QApplication

    from algoinventaris.storage.cdo import open_cdo_db
    from algoinventaris.ui.cdo.window import CdoMainWindow

    app = QApplication.instance() or QApplication(["screenshots"])
    app.setStyle("Fusion")
    files, records = reference_records()
    repo = open_cdo_db(work / "cdo.sqlite3")
    repo.set_round_details(ROUND, organisation=ORG, deadline="2027-04-01", units=UNITS, files=[], actor="Carla CDO")
    window = CdoMainWindow(repo, "Carla CDO")
    window.resize(1280, 800)
    window.show()
    page = window.drafts_page
    window.tabs.setCurrentWidget(page)
    preview = opened_by(app, page.plan_shown, lambda: page.import_register_files(files))
    preview.resize(1240, 760)
    first = preview.tree.topLevelItem(0)
    preview.tree.expandItem(first)
    preview.tree.setCurrentItem(first)
    save(app, preview, out / "cdo-drafts-preview.png")
    changed: list[bool] = []
    page.drafts_changed.connect(lambda: changed.append(True))
    preview.accept()
    wait_until(app, lambda: bool(changed) and not page.busy)
    drafts = repo.list_drafts(ROUND)
    for n, draft in enumerate(drafts[:12]):
        page.assign([draft.id], UNITS[n % len(UNITS)])
    page.refresh()
    page.table.sortItems(0)
    page.table.selectRow(2)
    save(app, window, out / "cdo-drafts.png")
    sheet = cdo_export_xlsx(work / "inventaris-2026.xlsx", records)
    dialog = opened_by(app, page.mapping_shown, lambda: page.import_spreadsheet(sheet))
    dialog.resize(1240, 780)
    # show where the CDO's own columns end and the register fields begin
    first_field = next(n for n, c in enumerate(dialog.mapping.columns) if c.target not in ("not_mapped", "ignore", "unit"))
    dialog.columns.scrollToItem(dialog.columns.item(max(first_field - 4, 0), 0),
                                dialog.columns.ScrollHint.PositionAtTop)
    dialog.columns.selectRow(first_field)
    save(app, dialog, out / "cdo-mapping.png")
    if "--preview-too" in argv:
        opened_by(app, dialog.preview_ready, dialog.make_preview)
        dialog.rows.selectRow(0)
        save(app, dialog, out / "cdo-mapping-preview.png")
    dialog.reject()
    window.close()
    repo.close()
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
