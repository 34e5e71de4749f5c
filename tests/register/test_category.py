"""Category A/B/C: derivation with reasons, 'when in doubt B', overrides with a reason, exclusion and tests."""

from __future__ import annotations

import json

import pytest

from algoinventaris.domain import category as C
from algoinventaris.domain.register import REQUIRED_FIELDS
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.runner import Step, run
from tests.conftest import FORMS

HIGH_RISK = {"ai-verordening": ["van-toepassing"], "risicogroep": ["hoog-risico-ai-systeem"],
             "rol-ai-act": ["gebruiksverantwoordelijke"], "soort-toepassing": ["ai-systeem"]}
NOT_HIGH = {"ai-verordening": ["van-toepassing"], "risicogroep": ["geen-hoog-risico-ai-systeem"],
            "soort-toepassing": ["ai-systeem"]}
NO_AI = {"ai-verordening": ["niet-van-toepassing"]}
NO_IMPACT = {q: "no" for q in C.IMPACT_QUESTIONS}


def test_high_risk_is_a_whatever_the_impact_answers() -> None:
    d = C.derive(HIGH_RISK, NO_IMPACT)
    assert d.category == "A" and not d.doubt
    assert d.reason_texts("nl") == ["Volgens de vragen over de AI-verordening is het een hoog-risico-AI-systeem."]
    assert d.reason_texts("en") == ["According to the AI Act questions it is a high-risk AI system."]


@pytest.mark.parametrize("question", C.IMPACT_QUESTIONS)
def test_any_yes_gives_b_with_that_reason(question: str) -> None:
    impact = dict(NO_IMPACT, **{question: "yes"})
    for facts in (NOT_HIGH, NO_AI):
        d = C.derive(facts, impact)
        assert d.category == "B" and not d.doubt
        assert question in [r.code for r in d.reasons]


def test_all_no_gives_c() -> None:
    d = C.derive(NO_AI, NO_IMPACT)
    assert d.category == "C" and not d.doubt
    assert "no-impact" in [r.code for r in d.reasons]


@pytest.mark.parametrize("impact, facts, concluded, code", [
    (dict(NO_IMPACT, **{"risk-selection": "unsure"}), NOT_HIGH, True, "risk-selection-unsure"),
    ({"legal-effects": "no"}, NOT_HIGH, True, "impact-open"),
    (NO_IMPACT, None, False, "ai-act-open"),
    (NO_IMPACT, {"risicogroep": ["hoog-risico-ai-systeem"]}, False, "ai-act-open"),  # not concluded: facts not trusted
])
def test_doubt_gives_b(impact: dict[str, str], facts: dict[str, list[str]] | None, concluded: bool, code: str) -> None:
    d = C.derive(facts, impact, ai_act_concluded=concluded)
    assert d.category == "B" and d.doubt
    codes = [r.code for r in d.reasons]
    assert code in codes and codes[-1] == "doubt"
    assert "Bij twijfel geldt categorie B" in d.reason_texts("nl")[-1]


def test_prohibited_practice_is_b_with_a_warning() -> None:
    d = C.derive({"ai-verordening": ["van-toepassing"], "risicogroep": ["verboden-ai"]}, NO_IMPACT)
    assert d.category == "B"
    assert [w.code for w in d.warnings] == ["prohibited"]


def test_override_needs_reason_and_is_flagged() -> None:
    d = C.derive(NOT_HIGH, dict(NO_IMPACT, **{"legal-effects": "yes"}))
    same = C.decide(d, "B")
    assert not same.overridden and not same.flagged and same.problems() == []
    bare = C.decide(d, "C", "")
    assert bare.overridden and bare.flagged and bare.category == "C"
    assert bare.problems() == ["Categorie: je kiest C terwijl de app B voorstelt; licht dat toe in minstens 20 tekens"]
    assert bare.problems("en")[0].startswith("Category: you chose C where the app proposes B")
    argued = C.decide(d, "C", "Het juridisch advies van 3 maart (kenmerk JZ-2026-12) zegt dat er geen rechtsgevolg is.")
    assert argued.problems() == [] and argued.flagged
    assert argued.describe() == "C (keuze eigenaar; de app stelt B voor)"
    with pytest.raises(ValueError):
        C.decide(d, "D")


def test_assess_reads_exclusion_tests_and_flags() -> None:
    answers = {
        "legal-effects": ["yes"], "decisions-about-persons": ["yes"], "risk-selection": ["yes"], "judged-impactful": ["yes"],
        "category": ["a"], "category-reason": [""],
        "publication-excluded": ["partly"], "exclusion-ground": ["investigation-enforcement"],
        "exclusion-explanation": ["Openbaarheid van de selectieregels helpt overtreders de controle te ontlopen."],
        "internal-fields": [json.dumps(["methods_and_models", "source_data"])],
        "iama-status": ["planned"], "iama-expected": ["2026-09"],
        "dpia-status": ["done"], "dpia-date": ["2025-05-01"], "dpia-reference": ["KP/2025/1"],
        "eu-database": ["not-registered"],
    }
    a = C.assess(HIGH_RISK, answers)
    assert a.category.category == "A" and not a.category.overridden
    assert a.exclusion.level == "partial" and a.exclusion.internal_fields == ("methods_and_models", "source_data")
    assert a.exclusion.describe() == "gedeeltelijk uitgesloten: opsporing en handhaving"
    assert a.publishable
    assert a.human_rights_test.describe() == "gepland (verwacht 2026-09)"
    assert a.dpia.describe("en") == "completed (2025-05-01, KP/2025/1)"
    flags = a.flags()
    assert "Hoog-risico-AI-systeem zonder afgeronde mensenrechtentoets" in flags
    assert "Hoog-risico-AI-systeem (nog) niet geregistreerd in de EU-databank" in flags
    full = C.assess(NOT_HIGH, dict(answers, **{"category": ["b"], "publication-excluded": ["fully"],
                                               "exclusion-ground": ["other"], "exclusion-legal-basis": ["Woo art. 5.1"]}))
    assert full.exclusion.full and not full.publishable
    assert full.exclusion.ground_text("en") == "another ground (Woo art. 5.1)"
    assert full.exclusion.internal_fields == ()


def test_impact_form_has_the_ids_the_domain_uses() -> None:
    form = load_form(FORMS / "impact")
    for qid in (*C.IMPACT_QUESTIONS, C.Q_CATEGORY, C.Q_CATEGORY_REASON, C.Q_EXCLUDED, C.Q_GROUND, C.Q_GROUND_BASIS,
                C.Q_GROUND_EXPLANATION, C.Q_INTERNAL_FIELDS, C.Q_IAMA, C.Q_DPIA, C.Q_EU_DB, C.Q_EU_DB_ID,
                "iama-date", "iama-reference", "iama-expected", "iama-why-not", "dpia-date", "dpia-reference",
                "dpia-expected", "dpia-why-not"):
        assert form.question(qid) is not None, qid
    for qid in C.IMPACT_QUESTIONS:
        assert {a.id for a in form.question_map[qid].answers} == {"yes", "no", "unsure"}
    assert {a.id for a in form.question_map[C.Q_CATEGORY].answers} == set(C.CATEGORY_OF_CHOICE)
    assert {a.id for a in form.question_map[C.Q_GROUND].answers} == set(C.EXCLUSION_GROUNDS)
    internal = form.question_map[C.Q_INTERNAL_FIELDS].field
    assert internal is not None
    required = {*REQUIRED_FIELDS, "standard_version", "publication_category"}
    assert not {v.value for v in internal.values} & required  # required register fields can never stay internal


def test_impact_form_routes_by_chosen_category() -> None:
    form = load_form(FORMS / "impact")
    impact = [Step.of(q, "no") for q in C.IMPACT_QUESTIONS]
    c = run(form, [*impact, Step.of("category", "c"), Step.of("category-reason", "")], complete=True)
    assert c.conclusion is not None and c.conclusion.id == "category-c"
    b = run(form, [*impact, Step.of("category", "b"), Step.of("category-reason", ""), Step.of("publication-excluded", "no"),
                   Step.of("iama-status", "not-started"), Step.of("dpia-status", "not-started")], complete=True)
    assert b.conclusion is not None and b.conclusion.id == "category-b"
    a = run(form, [*impact, Step.of("category", "a"), Step.of("category-reason", "x" * 30),
                   Step.of("publication-excluded", "fully"), Step.of("exclusion-ground", "national-security"),
                   Step.of("exclusion-explanation", "Het systeem beschermt vitale infrastructuur tegen sabotage."),
                   Step.of("iama-status", "done"), Step.of("iama-date", "2025-10-14"), Step.of("iama-reference", "KP/1"),
                   Step.of("dpia-status", "not-needed"), Step.of("dpia-why-not", "Er worden geen persoonsgegevens verwerkt."),
                   Step.of("eu-database", "registered"), Step.of("eu-database-id", "")], complete=True)
    assert a.conclusion is not None and a.conclusion.id == "category-a"
