"""Fixtures for the owner-side drafts tests: real CDO key, real signed round bundles with drafts, a real owner database."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from algoinventaris import config
from algoinventaris.domain.drafts import Draft, DraftDeviation
from algoinventaris.package.keys import Ed25519Signer
from algoinventaris.package.rounds import open_bundle
from tests.rounds.conftest import (  # noqa: F401  (the CDO key made for real, an owner database that trusts it)
    ORG,
    ROUND,
    cdo_pem,
    cdo_signer,
    make_bundle,
    owner,
    trusting,
)

AI_ACT_TEXT = config.form_path("ai-act").joinpath("form.yaml").read_text("utf-8")
REGISTER_TEXT = config.form_path("register").joinpath("form.yaml").read_text("utf-8")
UNIT = "Directie A"


def make_draft(name: str, *, unit: str = UNIT, answers: Mapping[str, str] | None = None,
               not_mapped: Mapping[str, str] | None = None, deviations: Sequence[DraftDeviation] = (),
               revision: int = 1, source: str = "register", origin: str = "Centric.json, record 3",
               match: tuple[str, str] = ("lars", "1234567"), draft_id: str | None = None) -> Draft:
    """A draft as the CDO hands it out (answers keyed by forms/register question ids)."""
    given = {"name": name, "organization": ORG,
             "description-short": f"{name} sorteert binnenkomende aanvragen op volledigheid.",
             "goal": "Sneller beslissen over aanvragen; een medewerker beoordeelt elke aanvraag zelf.",
             "methods-and-models": "Een beslisboom met vaste regels, <b>geen</b> zelflerend model.",
             "provider": "Centric", "lang": "nld", "contact-email": "algoritmes@voorbeeld.nl"}
    return Draft(id=draft_id or str(uuid.uuid4()), organisation=ORG, unit=unit, round=ROUND, name=name, source=source,
                 origin=origin, match_kind=match[0], match_value=match[1], revision=revision,
                 answers=dict(given if answers is None else answers), not_mapped=dict(not_mapped or {}),
                 deviations=tuple(deviations))


def draft_bundle(signer: Ed25519Signer, tmp: Path, drafts: Sequence[Draft], *, sequence: int = 1,
                 forms: Sequence[str] = (AI_ACT_TEXT, REGISTER_TEXT), units: Sequence[str] = (UNIT, "Directie B")) -> bytes:
    """A round bundle with these drafts and the bundled forms, signed with the CDO key (as the CDO makes it)."""
    return make_bundle(signer, tmp, forms=forms, units=units, sequence=sequence, drafts=drafts)


@pytest.fixture
def drafts() -> list[Draft]:
    """Two drafts for Directie A (one with legacy fields and an answer the form has no question for), one unassigned."""
    return [
        make_draft("Aanvragen voorsorteren", not_mapped={"type": "Beslisboom", "iama_description": "IAMA in 2024 gedaan"},
                   answers={**make_draft("x").answers, "name": "Aanvragen voorsorteren", "oude-vraag": "oud antwoord"},
                   deviations=[DraftDeviation("normalised", "lang", "NLD", "lang: 'NLD' is als 'nld' overgenomen")]),
        make_draft("Parkeerscan", origin="inventaris-2025.xlsx, rij 7", source="spreadsheet",
                   match=("organisation+name", f"{ORG} / Parkeerscan")),
        make_draft("Chatbot", unit="", match=("source_id", "CB-1")),
    ]


@pytest.fixture
def opened(trusting: Any, drafts: list[Draft], cdo_signer: Ed25519Signer, tmp_path: Path) -> Any:  # noqa: F811
    """The owner database with a round bundle opened that brings the drafts."""
    open_bundle(trusting, draft_bundle(cdo_signer, tmp_path / "bundle", drafts))
    return trusting
