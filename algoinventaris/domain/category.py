"""Publication category A/B/C with reasons in words, exclusion from publication and impact assessments.

Category A is a high-risk AI system under the AI Act; B an impactful algorithm (legal effects for citizens
or businesses, or it influences how the government classifies or approaches them, including risk selection
and profiling); C an algorithm published for other reasons. `derive` proposes a category from the AI-Act
outcome facts and the impact questions of forms/impact; when in doubt it proposes B. `decide` records the
owner's choice: another category than the proposal needs a written reason and is flagged for the CDO.
`assess` reads everything forms/impact holds (category, exclusion ground, human-rights test, DPIA, EU
database) into one plain object for the summary, the package, the PDF and the CDO's yearly report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Text = Mapping[str, str]
CATEGORIES = ("A", "B", "C")

# The register's publication_category value for each category (standard 1.0 permitted values).
PUBLICATION_CATEGORY = {"A": "Hoog-risico AI-systeem", "B": "Impactvolle algoritmes", "C": "Overige algoritmes"}
CATEGORY_OF_PUBLICATION = {v: k for k, v in PUBLICATION_CATEGORY.items()}

CATEGORY_TITLES: dict[str, Text] = {
    "A": {"nl": "Categorie A: hoog-risico-AI-systeem", "en": "Category A: high-risk AI system"},
    "B": {"nl": "Categorie B: impactvol algoritme", "en": "Category B: impactful algorithm"},
    "C": {"nl": "Categorie C: overig algoritme", "en": "Category C: other algorithm"},
}

# Question ids in forms/impact (tests check that the form has them).
IMPACT_QUESTIONS = ("legal-effects", "decisions-about-persons", "risk-selection", "judged-impactful")
Q_CATEGORY = "category"
Q_CATEGORY_REASON = "category-reason"
Q_EXCLUDED = "publication-excluded"
Q_GROUND = "exclusion-ground"
Q_GROUND_BASIS = "exclusion-legal-basis"
Q_GROUND_EXPLANATION = "exclusion-explanation"
Q_INTERNAL_FIELDS = "internal-fields"
Q_IAMA = "iama-status"
Q_DPIA = "dpia-status"
Q_EU_DB = "eu-database"
Q_EU_DB_ID = "eu-database-id"
CHOICE_OF_CATEGORY = {"A": "a", "B": "b", "C": "c"}
CATEGORY_OF_CHOICE = {v: k for k, v in CHOICE_OF_CATEGORY.items()}
MIN_REASON_LENGTH = 20

EXCLUSION_GROUNDS: dict[str, Text] = {
    "investigation-enforcement": {"nl": "opsporing en handhaving", "en": "investigation and enforcement"},
    "national-security": {"nl": "nationale veiligheid", "en": "national security"},
    "defence": {"nl": "defensie", "en": "defence"},
    "intelligence-services": {"nl": "inlichtingen- en veiligheidsdiensten", "en": "intelligence and security services"},
    "other": {"nl": "een andere grond", "en": "another ground"},
}

TEST_STATUS: dict[str, Text] = {
    "done": {"nl": "afgerond", "en": "completed"},
    "in-progress": {"nl": "wordt uitgevoerd", "en": "in progress"},
    "planned": {"nl": "gepland", "en": "planned"},
    "not-started": {"nl": "niet gestart", "en": "not started"},
    "not-needed": {"nl": "niet nodig", "en": "not needed"},
}
EU_DB_STATUS: dict[str, Text] = {
    "registered": {"nl": "geregistreerd", "en": "registered"},
    "in-progress": {"nl": "registratie loopt", "en": "registration in progress"},
    "not-registered": {"nl": "niet geregistreerd", "en": "not registered"},
}


def _t(text: Text, lang: str) -> str:
    return text.get(lang) or text.get("nl") or ""


@dataclass(frozen=True)
class Reason:
    """One reason for (or a warning about) a category, with a stable code and words in nl and en."""

    code: str
    text: Text

    def in_lang(self, lang: str) -> str:
        return _t(self.text, lang)


_IMPACT_REASONS: dict[str, Text] = {
    "legal-effects": {"nl": "De uitkomst heeft rechtsgevolgen voor burgers of bedrijven.",
                      "en": "The result has legal effects for citizens or businesses."},
    "decisions-about-persons": {
        "nl": "Het algoritme wordt gebruikt bij beslissingen over burgers of bedrijven, "
              "of bepaalt mee hoe de overheid hen indeelt of benadert.",
        "en": "The algorithm is used in decisions about citizens or businesses, "
              "or helps decide how the government classifies or approaches them."},
    "risk-selection": {"nl": "Het algoritme selecteert, rangschikt of profileert burgers of bedrijven (risicoselectie).",
                       "en": "The algorithm selects, ranks or profiles citizens or businesses (risk selection)."},
    "judged-impactful": {"nl": "De organisatie vindt het algoritme impactvol.",
                         "en": "The organisation considers the algorithm impactful."},
}
_IMPACT_DOUBT: dict[str, Text] = {
    "legal-effects": {"nl": "Het is niet zeker of de uitkomst rechtsgevolgen heeft.",
                      "en": "It is not certain whether the result has legal effects."},
    "decisions-about-persons": {"nl": "Het is niet zeker of het algoritme bij beslissingen over personen of bedrijven wordt gebruikt.",
                                "en": "It is not certain whether the algorithm is used in decisions about persons or businesses."},
    "risk-selection": {"nl": "Het is niet zeker of het algoritme burgers of bedrijven selecteert of profileert.",
                       "en": "It is not certain whether the algorithm selects or profiles citizens or businesses."},
    "judged-impactful": {"nl": "De organisatie weet niet zeker of het algoritme impactvol is.",
                         "en": "The organisation is not sure whether the algorithm is impactful."},
}


@dataclass(frozen=True)
class Derivation:
    """The category the app proposes, why, whether doubt decided it, and warnings for the owner and the CDO."""

    category: str
    reasons: tuple[Reason, ...]
    doubt: bool = False
    warnings: tuple[Reason, ...] = ()

    def reason_texts(self, lang: str = "nl") -> list[str]:
        return [r.in_lang(lang) for r in self.reasons]

    def title(self, lang: str = "nl") -> str:
        return _t(CATEGORY_TITLES[self.category], lang)


def _first(facts: Mapping[str, Sequence[str]] | None, dim: str) -> set[str]:
    if not facts:
        return set()
    return set(facts.get(dim, ()))


def derive(ai_act_facts: Mapping[str, Sequence[str]] | None, impact: Mapping[str, str], *,
           ai_act_concluded: bool = True) -> Derivation:
    """Propose a category from the AI-Act outcome facts (Decision.facts()) and the impact answers.

    `impact` maps the impact question ids to "yes", "no" or "unsure" (missing = not answered yet).
    A high-risk outcome gives A. Otherwise any "yes" gives B; any "unsure", a missing answer or an AI-Act
    outcome that is not known yet gives B as well (when in doubt: B); only four times "no" gives C.
    """
    reasons: list[Reason] = []
    warnings: list[Reason] = []
    risk = _first(ai_act_facts, "risicogroep")
    applies = _first(ai_act_facts, "ai-verordening")
    kind = _first(ai_act_facts, "soort-toepassing")
    known = ai_act_concluded and ai_act_facts is not None
    if known and "hoog-risico-ai-systeem" in risk:
        reasons.append(Reason("high-risk", {
            "nl": "Volgens de vragen over de AI-verordening is het een hoog-risico-AI-systeem.",
            "en": "According to the AI Act questions it is a high-risk AI system."}))
        return Derivation("A", tuple(reasons), False, tuple(warnings))
    if known and "verboden-ai" in risk:
        warnings.append(Reason("prohibited", {
            "nl": "Volgens de vragen over de AI-verordening is dit een verboden AI-praktijk: die mag niet worden gebruikt. "
                  "Meld dit direct aan de CDO.",
            "en": "According to the AI Act questions this is a prohibited AI practice: it may not be used. "
                  "Report this to the CDO at once."}))
    doubt = False
    if not known:
        doubt = True
        reasons.append(Reason("ai-act-open", {
            "nl": "De vragen over de AI-verordening zijn nog niet afgerond, dus hoog risico is niet uitgesloten.",
            "en": "The AI Act questions are not finished yet, so high risk cannot be ruled out."}))
    elif "geen-algoritme" in kind:
        reasons.append(Reason("no-algorithm", {
            "nl": "Volgens de vragen over de AI-verordening gebruikt de toepassing geen algoritme in de zin van die vragen.",
            "en": "According to the AI Act questions the application does not use an algorithm in the sense of those questions."}))
    elif "niet-van-toepassing" in applies or risk & {"geen-hoog-risico-ai-systeem", "uitzondering-van-toepassing"}:
        reasons.append(Reason("not-high-risk", {
            "nl": "Volgens de vragen over de AI-verordening is het geen hoog-risico-AI-systeem.",
            "en": "According to the AI Act questions it is not a high-risk AI system."}))
    yes = [q for q in IMPACT_QUESTIONS if impact.get(q) == "yes"]
    unsure = [q for q in IMPACT_QUESTIONS if impact.get(q) == "unsure"]
    missing = [q for q in IMPACT_QUESTIONS if impact.get(q) not in ("yes", "no", "unsure")]
    reasons.extend(Reason(q, _IMPACT_REASONS[q]) for q in yes)
    if yes:
        return Derivation("B", tuple(reasons), doubt, tuple(warnings))
    if known and "verboden-ai" in risk:
        reasons.append(Reason("prohibited-impact", {
            "nl": "Een verboden AI-praktijk raakt mensen per definitie: de app stelt minstens B voor.",
            "en": "A prohibited AI practice affects people by definition: the app proposes at least B."}))
        return Derivation("B", tuple(reasons), False, tuple(warnings))
    if unsure or missing or doubt:
        reasons.extend(Reason(f"{q}-unsure", _IMPACT_DOUBT[q]) for q in unsure)
        if missing:
            reasons.append(Reason("impact-open", {
                "nl": f"Nog niet alle impactvragen zijn beantwoord ({len(missing)} open).",
                "en": f"Not all impact questions have been answered ({len(missing)} open)."}))
        reasons.append(Reason("doubt", {
            "nl": "Bij twijfel geldt categorie B, zodat het algoritme wordt gepubliceerd.",
            "en": "When in doubt, category B applies, so that the algorithm is published."}))
        return Derivation("B", tuple(reasons), True, tuple(warnings))
    reasons.append(Reason("no-impact", {
        "nl": "Geen rechtsgevolgen, geen beslissingen over personen of bedrijven, geen risicoselectie "
              "en niet impactvol volgens de organisatie.",
        "en": "No legal effects, no decisions about persons or businesses, no risk selection, "
              "and not impactful in the organisation's view."}))
    return Derivation("C", tuple(reasons), False, tuple(warnings))


@dataclass(frozen=True)
class CategoryDecision:
    """The proposal, the owner's choice and the written reason; a different choice is flagged for the CDO."""

    derived: Derivation
    chosen: str | None
    reason: str = ""

    @property
    def category(self) -> str:
        """The category in force: the owner's choice, else the proposal."""
        return self.chosen or self.derived.category

    @property
    def overridden(self) -> bool:
        return self.chosen is not None and self.chosen != self.derived.category

    @property
    def flagged(self) -> bool:
        """True when the CDO must look at the choice (the owner deviated from the proposal)."""
        return self.overridden

    def problems(self, lang: str = "nl") -> list[str]:
        """What must be fixed before the choice counts (an override without a sufficient reason)."""
        if not self.overridden:
            return []
        if len(self.reason.strip()) < MIN_REASON_LENGTH:
            if lang == "en":
                return [f"Category: you chose {self.chosen} where the app proposes {self.derived.category}; "
                        f"explain why in at least {MIN_REASON_LENGTH} characters"]
            return [f"Categorie: je kiest {self.chosen} terwijl de app {self.derived.category} voorstelt; "
                    f"licht dat toe in minstens {MIN_REASON_LENGTH} tekens"]
        return []

    def describe(self, lang: str = "nl") -> str:
        """One line for lists and reports."""
        if self.overridden:
            if lang == "en":
                return f"{self.category} (owner's choice; the app proposes {self.derived.category})"
            return f"{self.category} (keuze eigenaar; de app stelt {self.derived.category} voor)"
        return self.category


def decide(derived: Derivation, chosen: str | None, reason: str | None = None) -> CategoryDecision:
    """Record the owner's choice ("A", "B", "C" or None for 'not chosen yet')."""
    if chosen is not None and chosen not in CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(CATEGORIES)}, not {chosen!r}")
    return CategoryDecision(derived, chosen, reason or "")


@dataclass(frozen=True)
class Exclusion:
    """Whether publication is excluded: level none, partial or full; the ground; which fields stay internal."""

    level: str = "none"  # "none" | "partial" | "full"
    ground: str | None = None
    legal_basis: str = ""
    explanation: str = ""
    internal_fields: tuple[str, ...] = ()

    @property
    def full(self) -> bool:
        return self.level == "full"

    def ground_text(self, lang: str = "nl") -> str:
        if self.ground is None:
            return ""
        text = _t(EXCLUSION_GROUNDS.get(self.ground, {"nl": self.ground}), lang)
        if self.ground == "other" and self.legal_basis:
            return f"{text} ({self.legal_basis})"
        return text

    def describe(self, lang: str = "nl") -> str:
        if self.level == "none":
            return "not excluded" if lang == "en" else "niet uitgesloten"
        what = {"partial": {"nl": "gedeeltelijk uitgesloten", "en": "partly excluded"},
                "full": {"nl": "geheel uitgesloten", "en": "fully excluded"}}[self.level]
        ground = self.ground_text(lang)
        return f"{_t(what, lang)}: {ground}" if ground else _t(what, lang)


@dataclass(frozen=True)
class TestState:
    """The state of one assessment (human-rights test or DPIA): status, date, reference, expected month, reason."""

    status: str | None = None
    date: str = ""
    reference: str = ""
    expected: str = ""
    why_not: str = ""

    @property
    def finished(self) -> bool:
        return self.status == "done"

    def describe(self, lang: str = "nl") -> str:
        if self.status is None:
            return "not answered" if lang == "en" else "niet ingevuld"
        text = _t(TEST_STATUS.get(self.status, {"nl": self.status}), lang)
        if self.status == "done":
            parts = [p for p in (self.date, self.reference) if p]
            return f"{text} ({', '.join(parts)})" if parts else text
        if self.expected:
            return f"{text} ({'expected' if lang == 'en' else 'verwacht'} {self.expected})"
        return text


@dataclass(frozen=True)
class ImpactAssessment:
    """Everything forms/impact says, in plain data: category decision, exclusion, assessments, EU database."""

    category: CategoryDecision
    impact: Mapping[str, str] = field(default_factory=dict)
    exclusion: Exclusion = field(default_factory=Exclusion)
    human_rights_test: TestState = field(default_factory=TestState)
    dpia: TestState = field(default_factory=TestState)
    eu_database: str | None = None
    eu_database_id: str = ""
    complete: bool = False

    @property
    def publishable(self) -> bool:
        """True when a register record may be published (not fully excluded)."""
        return not self.exclusion.full

    def flags(self, lang: str = "nl") -> list[str]:
        """Points the CDO must look at, in words."""
        en = lang == "en"
        out = [w.in_lang(lang) for w in self.category.derived.warnings]
        if self.category.overridden:
            out.append(f"Category changed by the owner: {self.category.describe('en')}" if en
                       else f"Categorie gewijzigd door de eigenaar: {self.category.describe('nl')}")
        cat = self.category.category
        if cat == "A" and not self.human_rights_test.finished:
            out.append("High-risk AI system without a completed human-rights assessment" if en
                       else "Hoog-risico-AI-systeem zonder afgeronde mensenrechtentoets")
        if cat == "A" and self.eu_database not in (None, "registered"):
            out.append("High-risk AI system not (yet) registered in the EU database" if en
                       else "Hoog-risico-AI-systeem (nog) niet geregistreerd in de EU-databank")
        if self.exclusion.level != "none":
            out.append(("Publication " if en else "Publicatie ") + self.exclusion.describe(lang))
        return out


def _value(answers: Mapping[str, Sequence[str]], qid: str) -> str:
    given = answers.get(qid)
    if not given:
        return ""
    return given[0]


def assess(ai_act_facts: Mapping[str, Sequence[str]] | None, impact_answers: Mapping[str, Sequence[str]], *,
           ai_act_concluded: bool = True, impact_complete: bool = False) -> ImpactAssessment:
    """Read the on-path answers of forms/impact (question id -> answers) into an ImpactAssessment."""
    impact = {q: _value(impact_answers, q) for q in IMPACT_QUESTIONS if _value(impact_answers, q)}
    derived = derive(ai_act_facts, impact, ai_act_concluded=ai_act_concluded)
    chosen = CATEGORY_OF_CHOICE.get(_value(impact_answers, Q_CATEGORY))
    decision = decide(derived, chosen, _value(impact_answers, Q_CATEGORY_REASON))
    level = {"partly": "partial", "fully": "full"}.get(_value(impact_answers, Q_EXCLUDED), "none")
    internal: tuple[str, ...] = ()
    if level == "partial":
        raw = _value(impact_answers, Q_INTERNAL_FIELDS)
        try:
            parsed = json.loads(raw) if raw else []
        except ValueError:
            parsed = []
        internal = tuple(str(x) for x in parsed) if isinstance(parsed, list) else ()
    exclusion = Exclusion(
        level=level,
        ground=(_value(impact_answers, Q_GROUND) or None) if level != "none" else None,
        legal_basis=_value(impact_answers, Q_GROUND_BASIS) if level != "none" else "",
        explanation=_value(impact_answers, Q_GROUND_EXPLANATION) if level != "none" else "",
        internal_fields=internal,
    )

    def test(prefix: str) -> TestState:
        return TestState(
            status=_value(impact_answers, f"{prefix}-status") or None,
            date=_value(impact_answers, f"{prefix}-date"),
            reference=_value(impact_answers, f"{prefix}-reference"),
            expected=_value(impact_answers, f"{prefix}-expected"),
            why_not=_value(impact_answers, f"{prefix}-why-not"),
        )

    return ImpactAssessment(
        category=decision,
        impact=impact,
        exclusion=exclusion,
        human_rights_test=test("iama"),
        dpia=test("dpia"),
        eu_database=_value(impact_answers, Q_EU_DB) or None,
        eu_database_id=_value(impact_answers, Q_EU_DB_ID),
        complete=impact_complete,
    )


def proposed_choice(derived: Derivation) -> str:
    """The answer id of the `category` question that matches the proposal (for pre-filling the wizard)."""
    return CHOICE_OF_CATEGORY[derived.category]
