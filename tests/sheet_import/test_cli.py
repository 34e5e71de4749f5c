"""`cdo drafts import-sheet`: mapping and preview shown, nothing written without confirmation, drafts written with --yes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.cli.main import main
from algoinventaris.domain.sheet_import import headings_signature
from algoinventaris.storage.cdo import open_cdo_db
from tests.conftest import run_cli
from tests.sheet_import.conftest import MINISTRY_HEADINGS

ROUND = "Inventarisatie 2026"
ORG = "Ministerie van Voorbeeldzaken"


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CDO database with the round (made once: `cdo round create` checks every questionnaire)."""
    path = tmp_path_factory.mktemp("cdo") / "cdo.sqlite3"
    assert main(["cdo", "--db", str(path), "round", "create", ROUND, "--organisation", ORG, "--units",
                 "Directie Mobiliteit,Directie Toeslagen"]) == 0
    return path


@pytest.fixture
def db(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cdo.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def repo(db: Path) -> Iterator[Any]:
    repository = open_cdo_db(db)
    yield repository
    repository.close()


def sheet(db: Path, *args: str) -> list[str]:
    return ["cdo", "drafts", "import-sheet", *args, "--db", str(db), "--round", ROUND]


def test_without_confirmation_nothing_is_written(db: Path, repo: Any, ministry_xlsx: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    audit_before = len(repo.audit_log())
    assert main(sheet(db, str(ministry_xlsx), "--map", "Opmerkingen=negeren")) == 0
    out = capsys.readouterr().out
    assert "inventaris-2025.xlsx: werkblad 'Algoritmes' gelezen, 4 regels" in out
    mapping = {line.split()[0]: line for line in out.splitlines() if line.startswith("  ") and "  " in line.strip()}
    assert "onderdeel (unit)" in mapping["Directie"] and "bekende kop" in mapping["Directie"]
    assert "Directie Mobiliteit" in mapping["Directie"]  # the sample value
    assert "genegeerd" in mapping["Opmerkingen"] and "door jou gekozen" in mapping["Opmerkingen"]
    assert "nooit een registerantwoord" in out
    assert "regel 3     met opmerkingen" in out
    assert "niet begrepen: Contactgegevens: 'jan at ministerie' is geen e-mailadres" in out
    assert "niet te gebruiken: geen naam: kolom 'Naam algoritme' is leeg" in out
    assert "Regels: 4 (1 ok, 2 met opmerkingen, 1 niet te gebruiken); 1 lege regels overgeslagen." in out
    assert "3 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 dubbel" in out
    assert out.rstrip().endswith("Er is niets opgeslagen. Voeg --yes toe om over te nemen.")
    assert repo.list_drafts(ROUND) == []
    assert len(repo.audit_log()) == audit_before
    assert repo.get_setting(f"sheet-mapping:{headings_signature(MINISTRY_HEADINGS)}") is None


def test_with_yes_the_drafts_are_written_and_the_mapping_kept(db: Path, repo: Any, ministry_xlsx: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(sheet(db, str(ministry_xlsx), "--map", "Opmerkingen=ignore", "--unit", "Directie Toeslagen", "--yes")) == 0
    out = capsys.readouterr().out
    assert "Opgeslagen: 3 nieuw, 0 bijgewerkt (ronde 'Inventarisatie 2026')" in out
    drafts = {d.name: d for d in repo.list_drafts(ROUND)}
    assert sorted(drafts) == ["Chatbot burgerzaken", "Fraudesignalen toeslagen", "Parkeervergunningen toekennen"]
    parking = drafts["Parkeervergunningen toekennen"]
    assert (parking.source, parking.unit, parking.organisation) == ("spreadsheet", "Directie Mobiliteit", ORG)
    assert parking.origin == "inventaris-2025.xlsx, werkblad 'Algoritmes', regel 2"
    assert parking.answers["status"] == "In gebruik" and parking.not_mapped["Categorie"] == "B"
    assert "Opmerkingen" not in drafts["Fraudesignalen toeslagen"].not_mapped
    assert drafts["Chatbot burgerzaken"].unit == "Directie Toeslagen"  # no unit in its row: the --unit default
    saved = repo.get_setting(f"sheet-mapping:{headings_signature(MINISTRY_HEADINGS)}")
    assert saved is not None and {"heading": "Opmerkingen", "target": "ignore"} in json.loads(saved)["columns"]
    audit = len(repo.audit_log())
    # Again, without --map: the saved mapping is used, and nothing is new or changed.
    assert main(sheet(db, str(ministry_xlsx), "--yes")) == 0
    again = capsys.readouterr().out
    assert "Koppeling van de kolommen (opgeslagen in de CDO-database):" in again and "opgeslagen koppeling" in again
    assert "0 nieuw, 0 bijgewerkt, 3 ongewijzigd" in again and "Er is niets nieuw of veranderd" in again
    assert len(repo.audit_log()) == audit and len(repo.list_drafts(ROUND)) == 3


def test_save_mapping_to_a_file_and_use_it(db: Path, repo: Any, ministry_xlsx: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "koppeling.json"
    assert main(["cdo", "drafts", "import-sheet", f"--save-mapping={target}", str(ministry_xlsx), "--db", str(db),
                 "--round", ROUND, "--map", "Status=not_mapped"]) == 0
    out = capsys.readouterr().out
    assert f"Koppeling opgeslagen in de CDO-database en {target}." in out and "Er is niets opgeslagen." in out
    assert repo.list_drafts(ROUND) == []
    assert {"heading": "Status", "target": "not_mapped"} in json.loads(target.read_text(encoding="utf-8"))["columns"]
    repo.set_setting(f"sheet-mapping:{headings_signature(MINISTRY_HEADINGS)}", "{}")  # a damaged saved mapping
    assert main(sheet(db, str(ministry_xlsx), "--mapping", str(target), "--json", "--lang", "en")) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mapping_source"] == f"from {target}" and data["written"] is False
    status = next(c for c in data["preview"]["mapping"] if c["heading"] == "Status")
    assert (status["target"], status["why"]) == ("not_mapped", "saved mapping")
    assert data["plan"]["counts"]["new"] == 3 and data["message"] == "Nothing was stored. Add --yes to take them over."
    assert repo.list_drafts(ROUND) == []
    assert main(sheet(db, str(ministry_xlsx), "--json")) == 0
    broken = json.loads(capsys.readouterr().out)
    assert broken["notes"] and "niet te gebruiken" in broken["notes"][0]


def test_wrong_map_file_and_round_are_named(db: Path, repo: Any, ministry_xlsx: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(sheet(db, str(ministry_xlsx), "--map", "Afdeling=unit")) == 2
    assert "kolom 'Afdeling' staat niet in het bestand" in capsys.readouterr().err
    assert main(sheet(db, str(ministry_xlsx), "--map", "Doel=doelstelling", "--lang", "en")) == 2
    assert "column 'Doel': 'doelstelling' is not a target" in capsys.readouterr().err
    fake = tmp_path / "vorig-jaar.xlsx"
    fake.write_text("Naam;Directie\nParkeren;Directie A\n", encoding="utf-8")
    assert main(sheet(db, str(fake), "--yes")) == 3
    assert "vorig-jaar.xlsx: is geen Excel-werkmap (.xlsx), ook al heet het zo" in capsys.readouterr().err
    assert main(["cdo", "drafts", "import-sheet", str(ministry_xlsx), "--db", str(db), "--round", "Inventarisatie 2030", "--yes"]) == 1
    assert "Er is geen ronde 'Inventarisatie 2030'" in capsys.readouterr().err
    nameless = tmp_path / "zonder-naam.csv"
    nameless.write_text("Omschrijving;Directie\nIets;Directie A\n", encoding="utf-8")
    assert main(sheet(db, str(nameless), "--yes")) == 1
    assert "Geen enkele regel is te gebruiken; er is niets opgeslagen." in capsys.readouterr().out
    assert repo.list_drafts(ROUND) == []


def test_the_real_command_without_a_terminal_writes_nothing(db: Path, repo: Any, ministry_xlsx: Path) -> None:
    done = run_cli(*sheet(db, str(ministry_xlsx), "--lang", "en"), stdin="")
    assert done.returncode == 0, done.stderr
    assert "Column mapping (proposed):" in done.stdout and "3 new, 0 updated" in done.stdout
    assert done.stdout.rstrip().endswith("Nothing was stored. Add --yes to take them over.")
    assert repo.list_drafts(ROUND) == []
    done = run_cli(*sheet(db, str(ministry_xlsx), "--yes", "--json"), stdin="")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["written"] is True and data["result"]["new"] == 3
    assert len(repo.list_drafts(ROUND)) == 3
