"""Markup and control characters in every text field of a package: shown literally on paper and in spreadsheets.

A package is built whose algorithm name, organisation, unit, round, signer and every register field
hold reportlab markup (`<b>`, `<font size=99>`, `</para>`), an entity (`&amp;`), spreadsheet formulas
(`=HYPERLINK(...)`, `@SUM`, `+`, `-`), a bell (U+0007), an escape sequence (U+001B) and a
right-to-left override (U+202E). It is imported like any other package (hostile text is not a reason
to refuse evidence), and then:

- the auditor's PDF in the package and the CDO's yearly report show every text literally (pdftotext):
  markup as the characters typed, and each control or direction character as the visible marker
  [U+0007], [U+001B], [U+202E] (report/safetext.py);
- CSV and XLSX hold every text as text: no cell is a formula (a text starting with =, +, -, @ gets an
  apostrophe in front), and the same markers stand for the control characters;
- the register file (JSON for machines) keeps the exact texts.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from algoinventaris.cdo.exports import csv_bytes, register_bytes, register_export, xlsx_bytes
from algoinventaris.cdo.pipeline import Importer
from algoinventaris.cdo.samples import Sample, build_sample, package_bytes
from algoinventaris.domain.submission import RegisterField, Submission
from algoinventaris.package.keys import Ed25519Signer
from algoinventaris.report.cdo_report import report_pdf
from algoinventaris.report.safetext import visible
from algoinventaris.storage.cdo import open_cdo_db
from tests.cdo.conftest import MOMENT, enrol
from tests.hostile.summary import record_case
from tests.package.helpers import pdftotext

NAME = '=HYPERLINK("http://x","klik") <b>vet</b> & <font size=99>groot</font>'
ORGANISATION = "@SUM(1+1) Ministerie &amp; \u202eLAVE"
UNIT = "<font size=99>Directie</font> \x07Zorg </para>"
ROUND = "+Inventarisatie 2026 <i>"
SIGNER = "-2+3 Anouk \x1b[31m<br/>"
REGISTER_TEXT = '<b>x</b> <font size=99> &amp; =HYPERLINK("http://x") \x07 \u202e einde'


def shown(text: str) -> str:
    """How a text must look on paper: markers for control and direction characters, whitespace collapsed."""
    return " ".join(visible(text).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def hostile_register(sub: Submission) -> Submission:
    fields = tuple(RegisterField(f.key, f.label, f"{REGISTER_TEXT} [{f.key}]") for f in sub.register.fields)
    return dataclasses.replace(sub, register=dataclasses.replace(sub.register, fields=fields))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The hostile package, imported into a fresh CDO database."""
    folder = tmp_path_factory.mktemp("markup")
    signer = Ed25519Signer(Ed25519PrivateKey.generate(), SIGNER)
    sample = Sample(NAME, UNIT, organisation=ORGANISATION, round=ROUND, kind="high-risk")
    data, contents = package_bytes(build_sample(sample), signer, created_at=MOMENT, tamper=hostile_register)
    repo = open_cdo_db(folder / "cdo.sqlite3")
    enrol(repo, UNIT, signer, organisation=ORGANISATION)
    out = Importer(repo, actor="cdo").import_bytes(data, "hostile.zip")
    return {"repo": repo, "data": data, "contents": contents, "outcome": out, "folder": folder}


def test_a_package_full_of_markup_is_imported_as_evidence(hostile: dict[str, Any]) -> None:
    out = hostile["outcome"]
    assert out.result == "imported", out.reason_en
    info = hostile["repo"].get_submission(out.submission_id)
    assert (info.algorithm_name, info.organisation, info.unit, info.round, info.signer_name) == (NAME, ORGANISATION, UNIT, ROUND, SIGNER)
    register = hostile["repo"].documents(info.id)["register"]["fields"]
    assert register and all(value.startswith(REGISTER_TEXT) for value in register.values())


def test_the_auditors_pdf_shows_every_text_literally(hostile: dict[str, Any], tmp_path: Path) -> None:
    pdf = dict(hostile["contents"].members)["report.pdf"]
    text = flat(pdftotext(pdf, tmp_path))
    for value in (NAME, ORGANISATION, UNIT, ROUND):
        assert shown(value) in text, f"{value!r} is not shown literally"
    fields = hostile["contents"].manifest and dict(hostile["contents"].members)
    register = json.loads(fields["register.json"])["fields"]
    for key in register:
        assert shown(f"{REGISTER_TEXT} [{key}]") in text, f"register field {key} is not shown literally"
    for marker in ("[U+0007]", "[U+202E]", "[U+001B]"):
        assert marker in text
    assert "\x07" not in text and "\u202e" not in text and "\x1b" not in text
    record_case("markup and control characters", "auditor PDF", shown_safely=True)


def test_the_cdo_report_shows_unit_and_round_literally(hostile: dict[str, Any], tmp_path: Path) -> None:
    pdf = report_pdf(hostile["repo"], ROUND)
    text = flat(pdftotext(pdf, tmp_path))
    assert shown(ROUND) in text
    assert shown(UNIT) in text
    assert "\x07" not in text
    record_case("markup and control characters", "CDO report PDF", shown_safely=True)


def test_csv_cells_are_text_never_formulas(hostile: dict[str, Any]) -> None:
    subs = hostile["repo"].list_submissions(ROUND)
    rows = list(csv.reader(io.StringIO(csv_bytes(subs).decode("utf-8-sig")), delimiter=";"))
    head, row = rows[0], rows[1]
    cell = dict(zip(head, row, strict=True))
    assert cell["Algoritme"] == "'" + NAME
    assert cell["Organisatie"] == "'" + visible(ORGANISATION)
    assert cell["Onderdeel"] == visible(UNIT) and "[U+0007]" in cell["Onderdeel"]
    assert cell["Ronde"] == "'" + ROUND
    assert cell["Ondertekenaar"] == "'" + visible(SIGNER)
    for value in row:
        assert not value.startswith(("=", "+", "-", "@")), f"a cell could be read as a formula: {value!r}"
        assert visible(value) == value, f"a hidden character in a cell: {value!r}"
    record_case("markup and control characters", "CSV export", shown_safely=True)


def test_xlsx_cells_are_text_never_formulas(hostile: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    subs = hostile["repo"].list_submissions(ROUND)
    book = load_workbook(io.BytesIO(xlsx_bytes(subs)))
    sheet = book.active
    assert sheet is not None
    head = [c.value for c in sheet[1]]
    cells = {h: c for h, c in zip(head, sheet[2], strict=True)}
    assert cells["Algoritme"].value == "'" + NAME
    assert cells["Onderdeel"].value == visible(UNIT)
    assert cells["Organisatie"].value == "'" + visible(ORGANISATION)
    for row in sheet.iter_rows(min_row=2):
        for c in row:
            assert c.data_type != "f", f"{c.coordinate} is a formula: {c.value!r}"
            if isinstance(c.value, str):
                assert c.data_type == "s" and visible(c.value) == c.value
    record_case("markup and control characters", "XLSX export", shown_safely=True)


def test_a_text_longer_than_a_cell_is_cut_visibly(hostile: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    from algoinventaris.cdo.exports import MAX_CELL

    sub = dataclasses.replace(hostile["repo"].list_submissions(ROUND)[0], conclusion_title="lang " * 20_000)
    sheet = load_workbook(io.BytesIO(xlsx_bytes([sub]))).active
    assert sheet is not None
    values = [c.value for c in sheet[2] if isinstance(c.value, str)]
    cut = next(v for v in values if v.startswith("lang"))
    assert len(cut) == MAX_CELL and cut.endswith("[afgekapt]")


def test_the_register_file_keeps_the_exact_texts(hostile: dict[str, Any]) -> None:
    export = register_export(hostile["repo"], ROUND)
    assert len(export.records) == 1, export.skipped
    record = json.loads(register_bytes(export))[0]
    texts = [v for v in record.values() if isinstance(v, str) and v.startswith(REGISTER_TEXT)]
    assert texts, record
    assert all("\x07" in v and "\u202e" in v for v in texts)  # data for machines: exactly what the owner wrote
    record_case("markup and control characters", "register export", shown_safely=True)
