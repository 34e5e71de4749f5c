"""Algoritmekader requirement selection: our data file against the reference, hand-checked profiles, every AI-Act path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from algoinventaris.domain.requirements import (
    DIMENSIONS,
    RequirementsError,
    RequirementSet,
    applicable,
    load_requirements,
    parse_requirements,
    profile_from_facts,
)
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.paths import explore
from algoinventaris.formengine.runner import Step, run
from tests.conftest import FORMS, reference_file


@pytest.fixture(scope="module")
def reqs() -> RequirementSet:
    return load_requirements(FORMS / "requirements.yaml")


def codes(facts: dict[str, list[str]], reqs: RequirementSet, **kw: bool) -> list[str]:
    return [r.code for r in applicable(facts, reqs, **kw)]


def test_data_file_carries_the_reference_ids_and_tags(reqs: RequirementSet) -> None:
    ref = json.loads(reference_file("algoritmekader-requirements.json").read_text(encoding="utf-8"))
    assert [r.id for r in reqs.requirements] == [r["id"] for r in ref["requirements"]]
    assert reqs.source["commit"] == ref["source"]["commit"]
    for ours, theirs in zip(reqs.requirements, ref["requirements"], strict=True):
        for dim in DIMENSIONS:
            assert ours.tags[dim] == frozenset(theirs[dim]), (ours.id, dim)
        # our own short titles, in both languages, never the reference's long title
        assert ours.title["nl"] and ours.title["en"] and ours.title["nl"] != theirs["title"]


def test_hand_checked_profiles(reqs: RequirementSet) -> None:
    # provider of a high-risk AI system with a transparency duty: 48, as the site's manual form gives
    provider_hr = {"rol-ai-act": ["aanbieder"], "soort-toepassing": ["ai-systeem"],
                   "risicogroep": ["hoog-risico-ai-systeem"], "transparantieverplichting": ["transparantieverplichting"]}
    got = codes(provider_hr, reqs)
    assert len(got) == 48
    assert {"aia-03", "aia-11", "aia-16", "aia-17", "aia-28", "bzk-01", "grw-02"} <= set(got)
    assert not {"aia-00", "aia-02", "aia-20", "aia-27", "aia-29"} & set(got)  # prohibited, not-high-risk, deployer, GPAI
    # deployer of a high-risk AI system without transparency duty: the deployer duties, not the provider's
    deployer_hr = {"rol-ai-act": ["gebruiksverantwoordelijke"], "soort-toepassing": ["ai-systeem"],
                   "risicogroep": ["hoog-risico-ai-systeem"], "transparantieverplichting": ["geen-transparantieverplichting"]}
    got = codes(deployer_hr, reqs)
    assert [c for c in got if c.startswith("aia")] == [
        "aia-01", "aia-20", "aia-21", "aia-22", "aia-23", "aia-24", "aia-25", "aia-26", "aia-27", "aia-33", "aia-36"]
    assert len(got) == 11 + 23
    # the AI Act does not apply: only the 23 general-law requirements
    got = codes({"ai-verordening": ["niet-van-toepassing"]}, reqs)
    assert len(got) == 23 and not [c for c in got if c.startswith("aia")]
    assert codes({"soort-toepassing": ["geen-algoritme"]}, reqs) == got
    # nothing known: nothing excluded
    assert len(codes({}, reqs)) == 63
    # prohibited practice
    assert "aia-00" in codes({"risicogroep": ["verboden-ai"], "soort-toepassing": ["ai-systeem"]}, reqs)


def test_not_applicable_dimensions_are_filled_in() -> None:
    model = profile_from_facts({"soort-toepassing": ["ai-model-voor-algemene-doeleinden"]})
    assert model["risicogroep"] == {"niet-van-toepassing"} and model["transparantieverplichting"] == {"niet-van-toepassing"}
    assert model["systeemrisico"] == frozenset()
    system = profile_from_facts({"soort-toepassing": ["ai-systeem"], "risicogroep": ["hoog-risico-ai-systeem"]})
    assert system["systeemrisico"] == {"niet-van-toepassing"} and system["risicogroep"] == {"hoog-risico-ai-systeem"}


def test_gpai_model_provider(reqs: RequirementSet) -> None:
    got = codes({"soort-toepassing": ["ai-model-voor-algemene-doeleinden"], "systeemrisico": ["systeemrisico"],
                 "rol-ai-act": ["aanbieder"]}, reqs)
    assert {"aia-29", "aia-30", "aia-31", "aia-32", "aia-39"} <= set(got)
    assert "aia-03" not in got


def test_open_source_exception_is_honoured_on_explicit_values(reqs: RequirementSet) -> None:
    facts = {"soort-toepassing": ["ai-systeem"], "risicogroep": ["geen-hoog-risico-ai-systeem"], "rol-ai-act": ["aanbieder"],
             "transparantieverplichting": ["geen-transparantieverplichting"], "open-source": ["open-source"]}
    with_exc = set(codes(facts, reqs))
    without = set(codes(facts, reqs, honour_exceptions=False))
    assert without - with_exc == {"aia-01", "aia-02", "aia-33", "aia-36", "aia-37"}
    # the same profile without the explicit open-source value: the exception does not hold
    facts.pop("open-source")
    assert {"aia-01", "aia-02"} <= set(codes(facts, reqs))


def test_every_ai_act_path_gives_a_sensible_selection(reqs: RequirementSet) -> None:
    form = load_form(FORMS / "ai-act")
    seen = 0
    for path in explore(form).paths:
        if path.end_kind != "conclusion":
            continue
        decision = run(form, [Step(q, a) for q, a in path.steps], complete=True)
        facts = decision.facts()
        got = set(codes(facts, reqs))
        seen += 1
        if "niet-van-toepassing" in facts.get("ai-verordening", ()):
            assert not [c for c in got if c.startswith("aia")] and len(got) == 23
            continue
        risk = set(facts.get("risicogroep", ()))
        roles = set(facts.get("rol-ai-act", ()))
        if "hoog-risico-ai-systeem" in risk and "aanbieder" in roles:
            assert "aia-03" in got, facts
        if "hoog-risico-ai-systeem" in risk and "gebruiksverantwoordelijke" in roles:
            assert "aia-27" in got, facts
        if "verboden-ai" in risk:
            assert "aia-00" in got, facts
        if risk and not risk & {"hoog-risico-ai-systeem"}:
            assert "aia-03" not in got, facts
    assert seen > 1000


def test_bad_data_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(RequirementsError, match="expected a mapping with a 'requirements' list"):
        parse_requirements([1, 2])
    with pytest.raises(RequirementsError, match="unknown dimension 'kleur'"):
        parse_requirements({"requirements": [{"id": "x", "tags": {"kleur": ["rood"]}}]})
    with pytest.raises(RequirementsError, match="appears twice"):
        parse_requirements({"requirements": [{"id": "x"}, {"id": "x"}]})
    broken = tmp_path / "r.yaml"
    broken.write_text("requirements: [\n", encoding="utf-8")
    with pytest.raises(RequirementsError, match="not valid YAML"):
        load_requirements(broken)
    with pytest.raises(RequirementsError, match="cannot read"):
        load_requirements(tmp_path / "missing.yaml")
