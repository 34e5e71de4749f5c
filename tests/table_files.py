"""CSV and XLSX files for the import tests (register files and last year's spreadsheet), hostile ones included."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, title: str = "Algoritmes", merge: str | None = None) -> Path:
    """A workbook with one sheet holding these rows; `merge` (e.g. "A3:B3") merges those cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(list(row))
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, delimiter: str = ";", encoding: str = "utf-8") -> Path:
    """A CSV file of these rows (None as an empty cell)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows([["" if v is None else v for v in r] for r in rows])
    return path


def zip_without_workbook(path: Path) -> Path:
    """A zip file (as a workbook is) that holds no workbook, only a text file."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    return path
