"""Fixtures for the spreadsheet import tests: the register form and a ministry-like inventory (sheet writers: tests/table_files.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from algoinventaris.domain.register_import import default_form
from algoinventaris.formengine.model import Form
from tests.register_import.conftest import raw_records, record_files, titles  # noqa: F401  (the 27 real register records)
from tests.table_files import write_xlsx


@pytest.fixture(scope="session")
def form() -> Form:
    """The bundled register questionnaire."""
    return default_form()


# Last year's inventory of a fictional ministry, as its own Excel sheet had it: Dutch headings of its own,
# last year's AI-Act outcomes, a remarks column, an empty row, a row without a name.
MINISTRY_HEADINGS = ["Naam algoritme", "Directie", "Omschrijving", "Doel", "Contactpersoon e-mail", "Leverancier", "Status",
                     "Hoog risico", "Categorie", "Conclusie AI-verordening", "Opmerkingen"]
MINISTRY_ROWS: list[list[Any]] = [
    ["Parkeervergunningen toekennen", "Directie Mobiliteit", "Beoordeelt aanvragen voor een parkeervergunning.",
     "Sneller beslissen.", "parkeren@ministerie.example", "Intern", "in gebruik", "nee", "B", "Geen AI-systeem", ""],
    ["Fraudesignalen toeslagen", "Directie Toeslagen", "Zoekt patronen in aanvragen.", "Misbruik voorkomen.",
     "jan at ministerie", "Leverancier BV", "In gebruik", "ja", "A", "Hoog-risico-AI-systeem", "navragen bij Jan"],
    [None, None, None, None, None, None, None, None, None, None, None],
    [None, "Directie Toeslagen", "Een regel zonder naam.", None, None, None, None, None, None, None, "onvolledig"],
    ["  Chatbot burgerzaken ", "", "Beantwoordt vragen.", None, None, None, "Experiment", None, "C", None, None],
]


@pytest.fixture
def ministry_xlsx(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "inventaris-2025.xlsx", [MINISTRY_HEADINGS, *MINISTRY_ROWS])
