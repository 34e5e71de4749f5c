"""Fixtures for the GUI tests: a tiny bilingual form, the real forms/ai-act, a real owner database and the app pieces."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from tests.conftest import FORMS, write_form

TINY_FORM = """
id: tiny
version: "1"
languages: [nl, en]
title: {nl: Kleine vragenlijst, en: Small questionnaire}
start: uses-ai
labels:
  - id: ai
    text: {nl: AI, en: AI}
  - id: decides
    text: {nl: Beslist, en: Decides}
glossary:
  - id: ai-system
    term: {nl: AI-systeem, en: AI system}
    definition: {nl: Een systeem dat zelf leert van voorbeelden., en: A system that learns from examples by itself.}
  - id: ai-system-gp
    term: {nl: AI-systeem voor alles, en: AI system for everything}
    definition: {nl: Een AI-systeem dat overal voor dient., en: An AI system that serves every purpose.}
questions:
  - id: uses-ai
    section: {nl: Soort toepassing, en: Kind of application}
    text: {nl: Gebruikt de toepassing een AI-systeem?, en: Does the application use an AI system?}
    explanation: {nl: "Een ai-systeem leert van voorbeelden <en> regels.", en: "An AI system learns from examples <and> rules."}
    sources:
      - title: {nl: AI-verordening, en: AI Act}
        article: "art. 3(1)"
        url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
    answers:
      - id: "yes"
        text: {nl: Ja, en: "Yes"}
        labels: [ai]
        next: [{question: purpose}]
      - id: "no"
        text: {nl: Nee, en: "No"}
        explanation: {nl: Dan zijn we snel klaar., en: Then we are done quickly.}
        next: [{conclusion: no-ai}]
  - id: purpose
    type: multiple
    text: {nl: Waarvoor gebruikt u het?, en: What do you use it for?}
    answers:
      - id: decisions
        text: {nl: Besluiten, en: Decisions}
        labels: [decides]
      - id: advice
        text: {nl: Advies, en: Advice}
      - id: other
        text: {nl: Iets anders, en: Something else}
    next:
      - if: decides
        question: impact
      - conclusion: low
  - id: impact
    text: {nl: Raakt het besluit mensen?, en: Does the decision affect people?}
    answers:
      - id: "yes"
        text: {nl: Ja, en: "Yes"}
        next: [{conclusion: high}]
      - id: "no"
        text: {nl: Nee, en: "No"}
        next: [{conclusion: low}]
conclusions:
  - id: no-ai
    ref: "1.0"
    title: {nl: Geen AI, en: No AI}
    text: {nl: De AI-verordening geldt niet., en: The AI Act does not apply.}
  - id: low
    ref: "2.0"
    title: {nl: Laag risico, en: Low risk}
    text: {nl: Er gelden weinig regels., en: Few rules apply.}
    obligations:
      - {nl: Zorg voor AI-geletterdheid., en: Ensure AI literacy.}
    sources:
      - title: {nl: AI-verordening, en: AI Act}
        article: "art. 4"
  - id: high
    ref: "3.0"
    title: {nl: Hoog risico, en: High risk}
    text: {nl: Er gelden veel regels voor dit AI-systeem., en: Many rules apply to this AI system.}
    obligations:
      - {nl: Voer een risicobeheersysteem in., en: Set up a risk management system.}
      - {nl: Registreer het systeem in de EU-databank., en: Register the system in the EU database.}
    sources:
      - title: {nl: AI-verordening, en: AI Act}
        article: "art. 9"
        url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
"""

VALUE_FORM = """
id: values
version: "1"
languages: [nl, en]
title: {nl: Velden, en: Fields}
start: name
questions:
  - id: name
    type: text
    text: {nl: Hoe heet het?, en: What is it called?}
    field: {label: {nl: Naam, en: Name}, required: true, max_length: 10}
    next: [{question: contact}]
  - id: contact
    type: email
    text: {nl: Wie is het aanspreekpunt?, en: Who is the contact?}
    field: {label: {nl: E-mail, en: E-mail}, required: true}
    next: [{question: about}]
  - id: about
    type: longtext
    text: {nl: Beschrijf het., en: Describe it.}
    field: {label: {nl: Beschrijving, en: Description}}
    next: [{question: tags}]
  - id: tags
    type: list
    text: {nl: Trefwoorden?, en: Keywords?}
    field: {label: {nl: Trefwoorden, en: Keywords}, max_items: 3}
    next: [{question: links}]
  - id: links
    type: group
    text: {nl: Welke links?, en: Which links?}
    field:
      label: {nl: Links, en: Links}
      fields:
        - {id: title, type: text, label: {nl: Titel, en: Title}, required: true}
        - {id: url, type: url, label: {nl: Adres, en: Address}, required: true}
    next: [{question: started}]
  - id: started
    type: date
    text: {nl: Sinds wanneer?, en: Since when?}
    field: {label: {nl: Startdatum, en: Start date}}
    next: [{conclusion: done}]
conclusions:
  - id: done
    title: {nl: Klaar, en: Done}
    text: {nl: Alles is ingevuld., en: Everything is filled in.}
"""


@pytest.fixture
def tiny_form(tmp_path: Path) -> Any:
    """The tiny bilingual form above, loaded by the real loader."""
    from algoinventaris.formengine.loader import load_form

    return load_form(write_form(tmp_path / "tiny", TINY_FORM))


@pytest.fixture
def value_form(tmp_path: Path) -> Any:
    """A form with every kind of value field."""
    from algoinventaris.formengine.loader import load_form

    return load_form(write_form(tmp_path / "values", VALUE_FORM))


@pytest.fixture(scope="session")
def ai_act_form() -> Any:
    """The real forms/ai-act."""
    from algoinventaris.formengine.loader import load_form

    return load_form(FORMS / "ai-act")


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Any]:
    """A real owner database in a temporary folder (skips while the storage layer is not there yet)."""
    storage = pytest.importorskip("algoinventaris.storage")
    if not hasattr(storage, "open_owner_db"):
        pytest.skip("algoinventaris.storage.open_owner_db is not implemented yet")
    repository = storage.open_owner_db(tmp_path / "owner.sqlite3")
    try:
        yield repository
    finally:
        repository.close()


@pytest.fixture
def theme(qapp: Any) -> Iterator[Any]:
    """The app's theme on the shared QApplication, reset afterwards (font size, palette, style sheet)."""
    from algoinventaris.ui.theme import Theme

    qapp.setStyle("Fusion")
    t = Theme(qapp)
    t.apply(high_contrast=False, zoom=1.0)
    yield t
    t.apply(high_contrast=False, zoom=1.0)


@pytest.fixture
def languages(qapp: Any) -> Iterator[Any]:
    """The language switcher, back to Dutch afterwards."""
    from algoinventaris.ui.i18n import Languages

    langs = Languages(qapp)
    langs.set_language("nl")
    yield langs
    langs.set_language("nl")
    langs.deleteLater()
