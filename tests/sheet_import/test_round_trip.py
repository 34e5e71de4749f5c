"""The CDO export read back through the spreadsheet import: every name, unit and register field exactly as stored.

A CDO database gets the demo's 21 submissions (`algoinventaris demo`, `export package --all`, enrolled and
imported as a CDO does) plus submissions whose names, unit and register texts start like a formula or with an
apostrophe. The inventory is exported as CSV and XLSX (Dutch and English headings), read back with
propose_mapping + preview, and compared with the database. The texts the export's docstring says cannot come
back unchanged (control characters, outer spaces, a CR in XLSX, a text longer than a cell) are checked to come
back exactly as documented. (The over-long text is put into the export's input directly: a package with a register
text that long cannot be made, since the auditor's PDF does not lay it out.)
"""

from __future__ import annotations

import dataclasses
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from algoinventaris.cdo.exports import CUT_NOTE, MAX_CELL, csv_bytes, export_file, neutralise, register_record, xlsx_bytes
from algoinventaris.cdo.pipeline import Importer
from algoinventaris.cdo.samples import Sample, build_sample, package_bytes
from algoinventaris.cdo.trust import read_key
from algoinventaris.domain.demo_data import ORGANISATION, ROUND
from algoinventaris.domain.register import build_record
from algoinventaris.domain.register_import import NORMALISED, unescape_cell
from algoinventaris.domain.sheet_import import STATUS_UNUSABLE, RowReport, preview, propose_mapping, read_table
from algoinventaris.domain.submission import RegisterField, Submission
from algoinventaris.formengine.model import Form
from algoinventaris.package.keys import Ed25519Signer
from algoinventaris.report.safetext import visible
from algoinventaris.storage.cdo import open_cdo_db
from tests.conftest import run_cli

HOSTILE_UNIT = "'s-Hertogenbosch, kantoor"
HOSTILE = {  # name -> register texts (besides the sample's own)
    '=HYPERLINK("x")': {"description_short": "+31 70 123 4567 is ons nummer", "goal": "-", "provider": "@home"},
    "+31 70 123": {"description_short": "'quoted", "goal": "''twee", "tags": "'", "source_id": "-ALG-1"},
    "-": {"description_short": "=cmd|' /C calc'!A0", "provider": "+Plus BV", "goal": "@SUM(A1)"},
    "@home": {"description_short": "gewoon", "goal": "'=niet een formule"},
    "'quoted": {"description_short": "'s-Hertogenbosch", "goal": "Gewoon doel.\nTweede regel."},
}
EDGE = "Grensgevallen"
LONG = "lang " * 8000
EDGE_TEXTS = {"description_short": "bel \x07 en \u202e omgekeerd", "goal": "  spaties eromheen  ",
              "provider": "regel\r\nmet CR"}


NO_REGISTER_NAME = "Zonder registernaam"


def _with_register(values: dict[str, str | None]) -> Any:
    def tamper(sub: Submission) -> Submission:
        fields = {f.key: f for f in sub.register.fields}
        for key, value in values.items():
            if value is None:
                fields.pop(key, None)
            else:
                fields[key] = RegisterField(key, key, value)
        return dataclasses.replace(sub, register=dataclasses.replace(sub.register, fields=tuple(fields.values())))
    return tamper


@pytest.fixture(scope="module")
def cdo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A CDO database with the demo's 21 submissions and the hostile ones."""
    data = tmp_path_factory.mktemp("demo")
    env = {"ALGOINVENTARIS_DATA_DIR": str(data), "ALGOINVENTARIS_KEY_PASSPHRASE": "een lange geheime zin voor de test"}
    for args in (("demo", "--quiet"), ("export", "package", "--all", "--out", str(data / "packages")),
                 ("keys", "export-public", "--out", str(data / "owner.pem"))):
        done = run_cli(*args, env=env)
        assert done.returncode == 0, done.stderr
    repo = open_cdo_db(data / "cdo.sqlite3")
    kind, fingerprint, raw, label = read_key(data / "owner.pem")
    packages = sorted((data / "packages").glob("*.zip"))
    assert len(packages) == 21
    units = set()
    for path in packages:
        with zipfile.ZipFile(path) as zf:
            units.add(json.loads(zf.read("answers.json"))["algorithm"]["unit"])
    for unit in sorted(units):
        repo.add_trust(unit, kind, fingerprint, raw, actor="cdo", label=label, organisation=ORGANISATION)
    signer = Ed25519Signer(Ed25519PrivateKey.generate(), "Tester")
    repo.add_trust(HOSTILE_UNIT, "ed25519", signer.fingerprint, signer.public_raw, actor="cdo", organisation=ORGANISATION)
    importer = Importer(repo, actor="cdo")
    outcomes = list(importer.import_paths(packages))
    assert [o.result for o in outcomes] == ["imported"] * 21, [o.reason_en for o in outcomes if not o.ok]
    cases: list[tuple[str, dict[str, str | None]]] = [(n, {**t}) for n, t in [*HOSTILE.items(), (EDGE, EDGE_TEXTS)]]
    cases.append((NO_REGISTER_NAME, {"name": None}))
    for name, texts in cases:
        sample = Sample(name, HOSTILE_UNIT, organisation=ORGANISATION, round=ROUND, kind="low-risk")
        package, _ = package_bytes(build_sample(sample), signer, tamper=_with_register(texts))
        out = importer.import_bytes(package, f"{name}.zip")
        assert out.ok, out.reason_en
    yield repo
    repo.close()


def _comparable(form: Form, row: RowReport) -> dict[str, Any]:
    """The register record the imported draft would give (the same builder as register_record)."""
    return build_record(form, {qid: [text] for qid, text in row.record.draft.items()})


@pytest.mark.parametrize(("kind", "lang"), [("csv", "nl"), ("xlsx", "nl"), ("xlsx", "en"), ("csv", "en")])
def test_every_name_unit_and_register_field_comes_back(cdo: Any, form: Form, tmp_path: Path, kind: str, lang: str) -> None:
    out = tmp_path / f"inventaris.{kind}"
    export_file(kind, cdo, out, round_name=ROUND, lang=lang)
    _assert_guarded(out, kind)
    table = read_table(out, lang)
    mapping = propose_mapping(table.headings, form)
    pv = preview(table, mapping, form, lang)
    subs = cdo.list_submissions(ROUND)
    assert len(subs) == 21 + len(HOSTILE) + 2 == len(pv.rows)
    algorithm_column = "Algoritme" if lang == "nl" else "Algorithm"
    checked = 0
    for sub, row in zip(subs, pv.rows, strict=True):  # the export keeps the database's order
        assert row.status != STATUS_UNUSABLE
        expected = register_record(sub, cdo.documents(sub.id))
        got = _comparable(form, row)
        assert row.record.not_mapped[algorithm_column] == sub.algorithm_name
        assert row.unit == sub.unit and row.record.unit == sub.unit
        if sub.algorithm_name == EDGE:
            _check_edge_row(expected, got, row, kind, lang)
            continue
        if sub.algorithm_name == NO_REGISTER_NAME:  # no register name: the draft is named after the CDO's column
            assert expected["name"] is None and row.name == NO_REGISTER_NAME
            assert {k: v for k, v in got.items() if k != "name"} == {k: v for k, v in expected.items() if k != "name"}
            continue
        assert row.name == sub.algorithm_name == expected["name"]
        for name in sorted(set(expected) | set(got)):
            assert got.get(name) == expected.get(name), (sub.algorithm_name, name)
            checked += 1
        assert not [d for d in row.record.deviations if d.kind == NORMALISED], sub.algorithm_name
    assert checked > 26 * 29
    names = {r.name for r in pv.rows}
    assert set(HOSTILE) <= names


def _assert_guarded(path: Path, kind: str) -> None:
    """The file itself holds the hostile texts behind one apostrophe, and no cell a spreadsheet would run."""
    if kind == "csv":
        import csv
        import io

        cells = [c for row in csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";") for c in row]
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(path).active
        assert sheet is not None
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
        cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    for text in ('=HYPERLINK("x")', "+31 70 123", "-", "@home", "'quoted", "''twee", HOSTILE_UNIT):
        assert "'" + text in cells, text


def _check_edge_row(expected: dict[str, Any], got: dict[str, Any], row: RowReport, kind: str, lang: str) -> None:
    """The texts that cannot come back unchanged come back as the export's docstring says."""
    assert got["description_short"] == visible(expected["description_short"]) == "bel [U+0007] en [U+202E] omgekeerd"
    assert got["goal"] == expected["goal"].strip()
    assert any(d.kind == NORMALISED and d.field == "goal" for d in row.record.deviations)
    assert got["provider"] == ("regel\nmet CR" if kind == "xlsx" else "regel\r\nmet CR")
    for name in set(expected) - {"description_short", "goal", "provider"}:
        assert got.get(name) == expected.get(name), name


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_text_longer_than_a_cell_comes_back_cut_as_documented(cdo: Any, form: Form, tmp_path: Path, kind: str) -> None:
    sub = next(s for s in cdo.list_submissions(ROUND) if s.algorithm_name == EDGE)
    record = dict(register_record(sub, cdo.documents(sub.id)), methods_and_models=LONG)
    data = csv_bytes([sub], records=[record]) if kind == "csv" else xlsx_bytes([sub], records=[record])
    path = tmp_path / f"lang.{kind}"
    path.write_bytes(data)
    table = read_table(path)
    (row,) = preview(table, propose_mapping(table.headings, form), form).rows
    note = CUT_NOTE["nl"]
    assert _comparable(form, row)["methods_and_models"] == LONG[: MAX_CELL - len(note)] + note


@pytest.mark.parametrize("text", ["=HYPERLINK(\"x\")", "+31 70 123", "-", "@home", "'quoted", "''", "'", "\tx", "\rx",
                                  "'=", "gewoon", "", "'s-Hertogenbosch"])
def test_the_apostrophe_guard_is_reversible(text: str) -> None:
    cell = neutralise(text)
    assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unescape_cell(cell) == text
