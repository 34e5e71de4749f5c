"""Benchmark: last year's spreadsheet of 10,000 rows read and previewed, against a bare openpyxl read of the same file.

A workbook like a ministry's inventory (10,000 rows, twelve columns: name, unit, description, purpose, contact,
supplier, status, themes, start month, last year's category and conclusion, remarks) is written once. Then,
alternating, a bare read-only openpyxl pass over every cell, and the import's steps: read_table (the shared
reader: sheet choice, merged-cell check, headings), propose_mapping and preview (every row through the register
converter with validation, normalisation and the per-row report). Also the same for a CSV file against csv.reader.
Prints the medians and the ratios. Target (issue 11): well under a minute for 10,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from algoinventaris.domain.sheet_import import default_form, preview, propose_mapping, read_table  # noqa: E402
from algoinventaris.formengine.model import Form  # noqa: E402

HEADINGS = ["Naam algoritme", "Directie", "Omschrijving", "Doel", "Contactpersoon e-mail", "Leverancier", "Status",
            "Thema", "Begindatum", "Categorie", "Conclusie AI-verordening", "Opmerkingen"]
TARGET_S = 60.0


def sheet_rows(count: int) -> list[list[str]]:
    statuses = ["In gebruik", "in gebruik", "In ontwikkeling", "Experiment"]
    return [[f"Algoritme {n}", f"Directie {n % 17}", f"Het algoritme {n} helpt bij het werk van de directie.",
             "Sneller en zorgvuldiger beslissen.", "info@ministerie.example" if n % 50 else "onbekend",
             "Leverancier BV", statuses[n % 4], "Werk; Economie", f"20{10 + n % 15}-0{1 + n % 9}", "ABC"[n % 3],
             "Geen AI-systeem", "" if n % 3 else "navragen"] for n in range(count)]


def bare_xlsx(path: Path) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    cells = 0
    for row in wb.worksheets[0].iter_rows(values_only=True):
        cells += sum(1 for v in row if v is not None)
    wb.close()
    return cells


def bare_csv(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for row in csv.reader(handle, delimiter=";") for v in row if v)


def ours(path: Path, form: Form) -> int:
    table = read_table(path)
    pv = preview(table, propose_mapping(table.headings, form), form)
    return len(pv.rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import openpyxl

    form = default_form()
    rows = sheet_rows(args.rows)
    with tempfile.TemporaryDirectory(prefix="bench-sheet-") as tmp:
        xlsx = Path(tmp) / "inventaris.xlsx"
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("Inventaris")
        ws.append(HEADINGS)
        for row in rows:
            ws.append(row)
        wb.save(xlsx)
        csv_path = Path(tmp) / "inventaris.csv"
        with csv_path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows([HEADINGS, *rows])
        assert ours(xlsx, form) == args.rows  # warm-up (imports, form, known headings)
        for label, path, bare in (("XLSX", xlsx, bare_xlsx), ("CSV", csv_path, bare_csv)):
            base: list[float] = []
            full: list[float] = []
            for _ in range(args.runs):
                start = time.perf_counter()
                bare(path)
                base.append(time.perf_counter() - start)
                start = time.perf_counter()
                ours(path, form)
                full.append(time.perf_counter() - start)
            b, f = statistics.median(base), statistics.median(full)
            print(f"{label}, {args.rows:,} rows: bare read {b:.2f} s, read + mapping + preview {f:.2f} s, "
                  f"ratio {f / b:.1f} (target: well under {TARGET_S:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
