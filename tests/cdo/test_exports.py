"""CSV, XLSX and register exports read back; formulas neutralised; the yearly report's text holds the counts."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.cdo.exports import export_file, neutralise, register_bytes, register_export
from algoinventaris.cdo.pipeline import Importer
from algoinventaris.cdo.samples import Sample
from algoinventaris.report.cdo_report import report_pdf
from tests.cdo.conftest import ROUND, UNIT_A, UNIT_B, Packages, enrol
from tests.package.helpers import need_tool

EVIL = "=HYPERLINK(\"http://example.invalid\",\"klik\")"


@pytest.fixture
def loaded(sqlite_repo: Any, packages: Packages, signer_a: Any, signer_b: Any) -> Any:
    enrol(sqlite_repo, UNIT_A, signer_a)
    enrol(sqlite_repo, UNIT_B, signer_b)
    sqlite_repo.add_round(ROUND, [UNIT_A, UNIT_B, "Directie Zonder Inzending"], actor="cdo")
    importer = Importer(sqlite_repo, actor="cdo")
    for sample, signer in (
        (Sample("Risicoscan bijstand", UNIT_A, kind="high-risk", impact={"iama-status": "planned"}), signer_a),
        (Sample(EVIL, UNIT_A, kind="low-risk"), signer_a),
        (Sample("Opsporingsmodel", UNIT_A, kind="low-risk", impact={"publication-excluded": "fully",
                                                                    "exclusion-ground": "national-security"}), signer_a),
        (Sample("@Parkeertarief", UNIT_B, kind="not-ai"), signer_b),
        (Sample("Vergunningcheck", UNIT_B, kind="low-risk", register_complete=False), signer_b),
    ):
        out = importer.import_bytes(packages.make(sample, signer), sample.name)
        assert out.ok, out.reason_en
    return sqlite_repo


def test_neutralise() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+31 6") == "'+31 6"
    assert neutralise("-5") == "'-5"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("gewoon") == "gewoon"
    assert neutralise(5) == 5


def test_csv_round_trip(loaded: Any, tmp_path: Path) -> None:
    out = tmp_path / "inventaris.csv"
    summary = export_file("csv", loaded, out, round_name=ROUND)
    assert summary["rows"] == 5
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 5
    names = {r["Algoritme"] for r in rows}
    assert "'" + EVIL in names and "'@Parkeertarief" in names
    high = next(r for r in rows if r["Algoritme"] == "Risicoscan bijstand")
    assert (high["Categorie"], high["Hoog risico (AI-verordening)"], high["Mensenrechtentoets"]) == ("A", "ja", "gepland")
    assert high["Onderdeel"] == UNIT_A and len(high["Inhoudsdigest"]) == 64


def test_xlsx_round_trip(loaded: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "inventaris.xlsx"
    export_file("xlsx", loaded, out, round_name=ROUND, lang="en")
    sheet = load_workbook(out).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}6"
    head = [c.value for c in sheet[1]]
    assert head[:5] == ["Round", "Organisation", "Unit", "Algorithm", "Category"]
    col = head.index("Algorithm") + 1
    values = [sheet.cell(r, col).value for r in range(2, sheet.max_row + 1)]
    assert "'" + EVIL in values and "'@Parkeertarief" in values
    for r in range(2, sheet.max_row + 1):
        cell = sheet.cell(r, col)
        assert cell.data_type == "s" and not str(cell.value).startswith(("=", "+", "-", "@"))
    cats = sorted(sheet.cell(r, head.index("Category") + 1).value or "" for r in range(2, sheet.max_row + 1))
    assert cats == ["A", "B", "B", "B", "C"]


def test_register_export_holds_only_publishable_a_and_b(loaded: Any, tmp_path: Path) -> None:
    from algoinventaris.domain.register import STANDARD_FIELDS

    out = tmp_path / "register.json"
    summary = export_file("register", loaded, out, round_name=ROUND)
    records = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(r["name"] for r in records) == sorted(["Risicoscan bijstand", EVIL])
    assert summary["records"] == 2
    skipped = {s["algorithm"]: s["reason"] for s in summary["skipped"]}
    assert set(skipped) == {"Opsporingsmodel", "Vergunningcheck"}
    assert "nationale veiligheid" in skipped["Opsporingsmodel"] and "onvolledig" in skipped["Vergunningcheck"]
    for record in records:
        assert set(record) <= {*STANDARD_FIELDS, "lars"} and set(STANDARD_FIELDS) <= set(record)
        assert record["publication_category"] in ("Hoog-risico AI-systeem", "Impactvolle algoritmes")
        assert record["category"] == ["Organisatie en bedrijfsvoering"]
        assert record["standard_version"] == "1.0"
    high = next(r for r in records if r["name"] == "Risicoscan bijstand")
    assert high["publication_category"] == "Hoog-risico AI-systeem"


def test_register_export_leaves_out_internal_fields(loaded: Any) -> None:
    from algoinventaris.cdo.exports import register_record

    sub = next(s for s in loaded.list_submissions(ROUND) if s.algorithm_name == "Risicoscan bijstand")
    docs = loaded.documents(sub.id)
    docs["register"]["internal_fields"] = ["goal", "contact_email"]
    record = register_record(sub, docs)
    assert "goal" not in record and "contact_email" not in record and record["name"] == "Risicoscan bijstand"


def test_report_pdf_text_has_the_counts(loaded: Any, tmp_path: Path) -> None:
    tool = need_tool("pdftotext")
    pdf = report_pdf(loaded, ROUND)
    assert pdf.startswith(b"%PDF-")
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    text = subprocess.run([tool, "-layout", str(source), "-"], capture_output=True, check=True, timeout=60).stdout.decode()
    assert "Voortgangsrapportage" in text and ROUND in text
    lines = {" ".join(line.split()) for line in text.splitlines()}
    assert "Algoritmes aangeleverd 5" in lines
    assert "Categorie A: hoog-risico-AI-systemen 1" in lines
    assert "Categorie B: impactvolle algoritmes 3" in lines
    assert "waarvan mensenrechtentoets afgerond 0" in lines
    assert "Onderdelen die niet aanleverden 1" in lines
    assert "Directie Zonder Inzending" in text
    assert "Risicoscan bijstand" in text and "gepland" in text
    assert "nationale veiligheid" in text
    english = report_pdf(loaded, ROUND, department="Ministerie van Voorbeeldzaken", lang="en")
    source.write_bytes(english)
    text_en = subprocess.run([tool, str(source), "-"], capture_output=True, check=True, timeout=60).stdout.decode()
    assert "Progress report" in text_en and "Ministerie van Voorbeeldzaken" in text_en


def test_partial_exclusion_in_the_impact_answers_hides_fields(sqlite_repo: Any, packages: Packages, signer_a: Any) -> None:
    enrol(sqlite_repo, UNIT_A, signer_a)
    sample = Sample("Toezicht op aanvragen", UNIT_A, kind="low-risk",
                    impact={"publication-excluded": "partly", "exclusion-ground": "investigation-enforcement",
                            "internal-fields": json.dumps(["goal", "category"])})
    out = Importer(sqlite_repo, actor="cdo").import_bytes(packages.make(sample, signer_a), "p.zip")
    assert out.ok, out.reason_en
    sub = sqlite_repo.list_submissions(ROUND)[0]
    assert sub.exclusion_level == "partial" and sub.publishable
    records = json.loads(register_bytes(register_export(sqlite_repo, ROUND)))
    assert len(records) == 1 and "goal" not in records[0] and "category" not in records[0]
    assert records[0]["name"] == "Toezicht op aanvragen"


def test_documents_of_many_submissions_in_one_read(loaded: Any) -> None:
    subs = loaded.list_submissions(ROUND)
    many = loaded.documents_of([s.id for s in subs] + [subs[0].id, 999_999])
    assert set(many) == {s.id for s in subs}  # repeated ids once, unknown ids left out
    assert all(many[s.id] == loaded.documents(s.id) for s in subs)
    assert loaded.documents_of([]) == {}
