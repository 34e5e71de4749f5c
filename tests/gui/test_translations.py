"""The English catalogue: every UI text translated, the compiled .qm current, and the app speaking English on request."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from tests.conftest import ROOT

TS = ROOT / "resources" / "translations" / "algoinventaris_en.ts"
QM = ROOT / "resources" / "translations" / "algoinventaris_en.qm"
TOOLS = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(TOOLS)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def test_every_ui_text_has_an_english_translation(tmp_path: Path) -> None:
    copy = tmp_path / "check.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "algoinventaris" / "ui").glob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", str(copy), "-source-language", "nl",
                    "-target-language", "en", "-no-obsolete"], check=True, capture_output=True, timeout=120)
    missing = []
    for context in ET.parse(copy).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("unfinished", "vanished", "obsolete") or not (translation.text or "").strip():
                missing.append(f"{name}: {message.findtext('source')!r}")
    assert missing == [], "UI texts without an English translation (run pyside6-lupdate, translate, pyside6-lrelease)"


def test_compiled_catalogue_matches_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(fresh)], check=True, capture_output=True, timeout=120)
    assert fresh.read_bytes() == QM.read_bytes(), "resources/translations/algoinventaris_en.qm is stale: run pyside6-lrelease"


def test_placeholders_survive_translation() -> None:
    import re

    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        assert sorted(re.findall(r"\{\w+\}", source)) == sorted(re.findall(r"\{\w+\}", translation)), source
        assert source.count("&") == translation.count("&") or "&" not in source, source


def test_switching_language_at_run_time(qapp: Any, languages: Any) -> None:
    assert QCoreApplication.translate("WizardView", "&Volgende ▶") == "&Volgende ▶"
    assert languages.set_language("en")
    assert QCoreApplication.translate("WizardView", "&Volgende ▶") == "&Next ▶"
    assert QCoreApplication.translate("MainWindow", "&Bestand") == "&File"
    assert languages.set_language("nl")
    assert QCoreApplication.translate("WizardView", "&Volgende ▶") == "&Volgende ▶"
    assert not languages.set_language("fr")
    assert languages.current == "nl"
