"""Fixtures for the owner-side drafts tests: real CDO key, real signed round bundles with drafts, a real owner database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from algoinventaris import config
from algoinventaris.domain.drafts import Draft, DraftDeviation
from algoinventaris.formengine.loader import load_form
from algoinventaris.package.bundle import BundleForm, BundleSpec, build_bundle
from algoinventaris.package.keys import Ed25519Signer
from algoinventaris.package.rounds import open_bundle
from algoinventaris.storage import open_owner_db
from tests.rounds.conftest import ORG, ROUND, cdo_pem, cdo_signer  # noqa: F401  (the CDO key, made for real)

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


def _form(tmp: Path, text: str, number: int) -> BundleForm:
    folder = tmp / f"form{number}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "form.yaml").write_text(text, encoding="utf-8")
    return BundleForm.of(load_form(folder), text.encode("utf-8"))


def draft_bundle(signer: Ed25519Signer, tmp: Path, drafts: Sequence[Draft], *, sequence: int = 1,
                 forms: Sequence[str] = (AI_ACT_TEXT, REGISTER_TEXT), units: Sequence[str] = (UNIT, "Directie B")) -> bytes:
    """A round bundle with these drafts, signed with the CDO key (package/bundle.build_bundle, as the CDO makes it)."""
    tmp.mkdir(parents=True, exist_ok=True)
    spec = BundleSpec(organisation=ORG, round=ROUND, deadline="2027-04-01", units=tuple(units), sequence=sequence,
                      forms=tuple(_form(tmp, text, n) for n, text in enumerate(forms)), drafts=tuple(drafts))
    return build_bundle(spec, signer)


@pytest.fixture
def owner(tmp_path: Path) -> Iterator[Any]:
    """An empty owner database that trusts the CDO key."""
    repository = open_owner_db(tmp_path / "owner.sqlite3")
    yield repository
    repository.close()


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
def opened(owner: Any, drafts: list[Draft], cdo_signer: Ed25519Signer, tmp_path: Path) -> Any:  # noqa: F811
    """The owner database with a round bundle opened that brings the drafts."""
    owner.trust_cdo_key(cdo_signer.public_raw, cdo_signer.fingerprint)
    open_bundle(owner, draft_bundle(cdo_signer, tmp_path / "bundle", drafts))
    return owner
