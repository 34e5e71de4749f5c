"""The `register-import` command: text and JSON output, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from algoinventaris.cli.main import main


def test_text_output_for_all_real_files(record_files: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["register-import", *map(str, record_files)]) == 0
    out = capsys.readouterr().out
    assert "Dataprotector" in out
    assert "herkend aan: Bron-ID = Dataprotector" in out
    assert "Taal: 'NLD' is geschreven als 'nld'" in out
    assert "waarde: bm-dataprotector" in out


def test_json_output(record_files: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["register-import", "--json", "--lang", "en", *map(str, record_files)]) == 0
    data = json.loads(capsys.readouterr().out)
    records = [r for f in data for r in f["records"]]
    assert len(records) == 27
    first = next(r for r in records if r["name"] == "Dataprotector")
    assert first["match"] == {"kind": "source_id", "value": "Dataprotector"}
    assert first["not_mapped"]["id"] == "bm-dataprotector"
    assert {"kind": "normalised", "field": "lang", "value": "NLD", "normalised": "nld",
            "message": "Language: 'NLD' was written as 'nld'"} in first["deviations"]


def test_unreadable_file_gives_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"name": "Parkeren", "organization": "Gemeente X"}), encoding="utf-8")
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    assert main(["register-import", str(good), str(bad)]) == 3
    captured = capsys.readouterr()
    assert "Parkeren" in captured.out
    assert "bad.xlsx" in captured.err and "geen Excel-werkmap" in captured.err
    assert list(tmp_path.iterdir()) == [good, bad] or sorted(tmp_path.iterdir()) == sorted([good, bad])
