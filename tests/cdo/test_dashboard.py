"""Dashboard and status counts against SQLite and PostgreSQL: A/B/C per unit, not delivered, no human-rights test,
not published and why, changes since the previous round."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from algoinventaris.cdo.dashboard import build_dashboard, status
from algoinventaris.cdo.pipeline import Importer
from algoinventaris.cdo.samples import Sample
from tests.cdo.conftest import MOMENT, PREVIOUS, ROUND, UNIT_A, UNIT_B, UNIT_C, Packages, enrol

LAST_YEAR = MOMENT - dt.timedelta(days=365)


def _load(repo: Any, packages: Packages, signer_a: Any, signer_b: Any, signer_c: Any) -> None:
    for unit, signer in ((UNIT_A, signer_a), (UNIT_B, signer_b), (UNIT_C, signer_c)):
        enrol(repo, unit, signer)
    repo.add_round(PREVIOUS, [UNIT_A, UNIT_B], actor="cdo")
    repo.add_round(ROUND, [UNIT_A, UNIT_B, UNIT_C], actor="cdo")
    this_year = [
        (Sample("Risicoscan bijstand", UNIT_A, kind="high-risk", impact={"iama-status": "in-progress"}), signer_a),
        (Sample("Fraudesignalen", UNIT_A, kind="high-risk"), signer_a),
        (Sample("Chatbot", UNIT_A, kind="low-risk", impact={"publication-excluded": "fully",
                                                            "exclusion-ground": "investigation-enforcement"}), signer_a),
        (Sample("Parkeertarief", UNIT_A, kind="not-ai"), signer_a),
        (Sample("Vergunningcheck", UNIT_B, kind="low-risk", register_complete=False), signer_b),
    ]
    last_year = [
        (dataclasses.replace(Sample("Risicoscan bijstand", UNIT_A, kind="low-risk"), round=PREVIOUS), signer_a),
        (dataclasses.replace(Sample("Oude rekenregel", UNIT_B, kind="not-ai"), round=PREVIOUS), signer_b),
    ]
    importer = Importer(repo, actor="cdo")
    for sample, signer in last_year:
        assert importer.import_bytes(packages.make(sample, signer, created_at=LAST_YEAR), sample.name).ok
    for sample, signer in this_year:
        out = importer.import_bytes(packages.make(sample, signer), sample.name)
        assert out.ok, out.reason_en


def test_dashboard_of_a_round(repo: Any, packages: Packages, signer_a: Any, signer_b: Any, signer_c: Any) -> None:
    _load(repo, packages, signer_a, signer_b, signer_c)
    dash = build_dashboard(repo, "inventarisatie 2026")  # names match regardless of case
    assert dash.round == ROUND and dash.previous == PREVIOUS
    assert [(u.unit, u.counts, u.total) for u in dash.units] == [
        (UNIT_C, {}, 0), (UNIT_A, {"A": 2, "B": 1, "C": 1}, 4), (UNIT_B, {"B": 1}, 1)]
    assert dash.totals == {"A": 2, "B": 2, "C": 1, "?": 0, "total": 5}
    assert dash.not_delivered == [UNIT_C]
    assert [(s.algorithm_name, s.human_rights_test) for s in dash.high_risk_without_test] == [("Risicoscan bijstand", "in-progress")]
    unpublished = {s.algorithm_name: (s.exclusion_level, s.exclusion_ground, s.not_published_reason) for s in dash.unpublished}
    assert unpublished == {"Chatbot": ("full", "investigation-enforcement", "excluded:investigation-enforcement"),
                           "Vergunningcheck": ("none", None, "register:incomplete")}
    changes = {(c.kind, c.algorithm, c.before, c.after) for c in dash.changes}
    assert ("category", "Risicoscan bijstand", "B", "A") in changes
    assert ("gone", "Oude rekenregel", "C", None) in changes
    assert ("new", "Fraudesignalen", None, "A") in changes
    assert any(c.kind == "conclusion" and c.algorithm == "Risicoscan bijstand" for c in dash.changes)
    data = dash.to_json("nl")
    assert data["not_published"][0]["reason"].startswith("uitgesloten van publicatie: opsporing")
    previous = build_dashboard(repo, PREVIOUS)
    assert previous.previous is None and previous.changes == [] and previous.not_delivered == []


def test_status_counts_per_round_unit_and_category(repo: Any, packages: Packages, signer_a: Any, signer_b: Any,
                                                     signer_c: Any) -> None:
    _load(repo, packages, signer_a, signer_b, signer_c)
    data = status(repo)
    assert [r["round"] for r in data["rounds"]] == [PREVIOUS, ROUND]
    now = data["rounds"][1]
    assert now["totals"] == {"A": 2, "B": 2, "C": 1, "unknown": 0, "total": 5}
    assert {u["unit"]: (u["A"], u["B"], u["C"]) for u in now["units"]} == {UNIT_A: (2, 1, 1), UNIT_B: (0, 1, 0), UNIT_C: (0, 0, 0)}
    assert now["not_delivered"] == [UNIT_C]
    assert status(repo, PREVIOUS)["rounds"][0]["totals"]["total"] == 2


def test_units_learned_from_the_trust_store(repo: Any, packages: Packages, signer_a: Any, signer_b: Any) -> None:
    enrol(repo, UNIT_A, signer_a)
    enrol(repo, UNIT_B, signer_b)
    assert Importer(repo, actor="cdo").import_bytes(packages.make(Sample("Parkeertarief", UNIT_A, kind="not-ai"), signer_a),
                                                    "p.zip").ok
    dash = build_dashboard(repo, ROUND)
    assert dash.not_delivered == [UNIT_B]
    repo.revoke_trust(signer_b.fingerprint, actor="cdo")
    assert build_dashboard(repo, ROUND).not_delivered == []


def test_department_filter(repo: Any, packages: Packages, signer_a: Any, signer_b: Any) -> None:
    enrol(repo, UNIT_A, signer_a)
    enrol(repo, UNIT_B, signer_b, organisation="Ministerie van Andere Zaken")
    importer = Importer(repo, actor="cdo")
    importer.import_bytes(packages.make(Sample("Parkeertarief", UNIT_A, kind="not-ai"), signer_a), "a.zip")
    other = Sample("Vergunningcheck", UNIT_B, kind="low-risk", organisation="Ministerie van Andere Zaken")
    assert importer.import_bytes(packages.make(other, signer_b), "b.zip").ok
    dash = build_dashboard(repo, ROUND, organisation="ministerie van andere zaken")
    assert [(u.unit, u.counts) for u in dash.units] == [(UNIT_B, {"B": 1})]
    assert [s.algorithm_name for s in dash.submissions] == ["Vergunningcheck"]
