"""Fixtures for the register import tests: the real register records and files in the download layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REFERENCE

RECORDS_DIR = REFERENCE / "register-records"
STANDARD = REFERENCE / "algoritmeregister-standard-v1_0.json"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"reference data not found: {path} (../shared/reference is absent on this machine)")
    return path


@pytest.fixture(scope="session")
def record_files() -> list[Path]:
    """The JSON files with real register records."""
    files = sorted(_need(RECORDS_DIR).glob("*.json"))
    if not files:
        pytest.skip(f"no register records in {RECORDS_DIR}")
    return files


@pytest.fixture(scope="session")
def raw_records(record_files: list[Path]) -> list[dict[str, Any]]:
    """Every real record as found in the files, in file order."""
    out: list[dict[str, Any]] = []
    for path in record_files:
        data = json.loads(path.read_text(encoding="utf-8"))
        out.extend(data if isinstance(data, list) else [data])
    return out


@pytest.fixture(scope="session")
def titles() -> dict[str, str]:
    """Field name -> title in the register standard (the column headings of its download files)."""
    props = json.loads(_need(STANDARD).read_text(encoding="utf-8"))["properties"]
    return {name: spec["title"] for name, spec in props.items()}


def table(records: list[dict[str, Any]], titles: dict[str, str]) -> list[list[Any]]:
    """The records as a download-layout table: a heading row (titles; field name when no title), then rows."""
    keys: list[str] = []
    for rec in records:
        keys.extend(k for k in rec if k not in keys)
    rows: list[list[Any]] = [[titles.get(k, k) for k in keys]]
    for rec in records:
        row: list[Any] = []
        for k in keys:
            v = rec.get(k)
            row.append(json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
        rows.append(row)
    return rows
