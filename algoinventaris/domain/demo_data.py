"""Demo inventory of a fictional ministry: 21 algorithms (2 in category A, 10 in B, 9 in C) with complete answers.

The Ministerie van Kust en Platteland does not exist; every name, address, text and number here is made up
for demonstrations, screenshots and benchmarks. Each algorithm has a full path through forms/ai-act (found
by walking the form towards the intended conclusion, so the demo follows the form when its wording changes),
forms/impact and forms/register. `build_demo` checks every walk with the decision runner and checks that the
category the app derives (or the owner's reasoned choice) is the intended one, so a demo that no longer fits
the forms fails loudly instead of writing half-right data.

Among them: one algorithm fully excluded from publication (investigation and enforcement), one partly
excluded, one high-risk system whose human-rights assessment is not finished, one category chosen by the
owner against the app's proposal (with a reason, flagged for the CDO), and one algorithm no longer in use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from algoinventaris.formengine import fields
from algoinventaris.formengine.errors import DecisionError
from algoinventaris.formengine.model import Form
from algoinventaris.formengine.paths import WalkedPath, explore
from algoinventaris.formengine.runner import Step, run

ORGANISATION = "Ministerie van Kust en Platteland"
ROUND = "Inventarisatie 2026"
DOMAIN = "kustenplatteland.example"
CONTACT = f"algoritmes@{DOMAIN}"
SITE = f"https://www.{DOMAIN}"

AWB = {"title": "Algemene wet bestuursrecht", "link": "https://wetten.overheid.nl/BWBR0005537"}
WATERWET = {"title": "Waterwet", "link": "https://wetten.overheid.nl/BWBR0025458"}
MESTSTOFFENWET = {"title": "Meststoffenwet", "link": "https://wetten.overheid.nl/BWBR0004054"}
AVG = {"title": "Algemene verordening gegevensbescherming", "link": "https://eur-lex.europa.eu/eli/reg/2016/679/oj"}
WOO = {"title": "Wet open overheid", "link": "https://wetten.overheid.nl/BWBR0045754"}
OMGEVINGSWET = {"title": "Omgevingswet", "link": "https://wetten.overheid.nl/BWBR0037885"}
KADERWET_SUBSIDIES = {"title": "Kaderwet EZK- en LNV-subsidies", "link": "https://wetten.overheid.nl/BWBR0034692"}
ONTEIGENINGSWET = {"title": "Omgevingswet, hoofdstuk 11 (onteigening)", "link": "https://wetten.overheid.nl/BWBR0037885"}
ARCHIEFWET = {"title": "Archiefwet 1995", "link": "https://wetten.overheid.nl/BWBR0007376"}
DPIA = "Data Protection Impact Assessment (DPIA)"
IAMA = "Impact Assessment Mensenrechten en Algoritmes (IAMA)"


class DemoError(ValueError):
    """The demo data no longer fits the forms (a walk fails, or a category comes out differently)."""


def p(*paragraphs: str) -> str:
    """Paragraphs as the register's simple HTML."""
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def lars(first_seven: str) -> str:
    """A register id with its check digit."""
    return first_seven + str(fields.lars_check_digit(first_seven))


@dataclass(frozen=True)
class DemoAlgorithm:
    """One algorithm of the demo: its unit, the intended category, and the answers per form."""

    key: str
    unit: str
    name: str
    category: str
    ai_act_target: str
    ai_act_prefer: Mapping[str, str]
    impact: Mapping[str, str]
    register: Mapping[str, Any]


NO_IMPACT = {"legal-effects": "no", "decisions-about-persons": "no", "risk-selection": "no", "judged-impactful": "no"}
TESTS_NOT_NEEDED = {"iama-status": "not-needed",
                    "iama-why-not": "Het algoritme neemt geen besluiten over mensen en raakt geen grondrechten.",
                    "dpia-status": "not-needed",
                    "dpia-why-not": "Het algoritme verwerkt geen persoonsgegevens."}


def _impact(category: str, answers: Mapping[str, str], **extra: str) -> dict[str, str]:
    out = dict(answers)
    out["category"] = category.lower()
    out.setdefault("category-reason", "")
    out.update(extra)
    return out


def _c(**extra: str) -> dict[str, str]:
    return _impact("C", NO_IMPACT, **extra)


# The AI-Act answers we prefer on the way to each conclusion (realistic choices where a form offers several).
PREFER_RULES = {"is-algorithm": "yes", "in-use": "in-use", "exclusion": "no", "prohibited-practice": "no"}
PREFER_NOT_AI = {**PREFER_RULES, "is-ai-system": "unsure", "ai-definition-rules": "yes"}
PREFER_AI = {**PREFER_RULES, "is-ai-system": "yes", "annex-i": "neither", "open-source": "no"}


ALGORITHMS: tuple[DemoAlgorithm, ...] = (
    # ---------------------------------------------------------------- category A: high-risk AI systems
    DemoAlgorithm(
        key="schade-tegemoetkoming", unit="Dienst Uitkeringen en Tegemoetkomingen",
        name="Recht op tegemoetkoming na overstromingsschade inschatten", category="A",
        ai_act_target="deployer-high-risk",
        ai_act_prefer={**PREFER_AI, "role": "use-as-is", "annex-iii": "yes", "third-party-annex-iii": "no",
                       "profiling": "no", "annex-iii-exception": "no", "transparency": "no"},
        impact=_impact("A", {"legal-effects": "yes", "decisions-about-persons": "yes", "risk-selection": "no",
                             "judged-impactful": "yes"},
                       **{"publication-excluded": "no", "iama-status": "done", "iama-date": "2025-06-19",
                          "iama-reference": "KP/DUT/2025/018842", "dpia-status": "done", "dpia-date": "2025-04-02",
                          "dpia-reference": "KP/DUT/2025/011207", "eu-database": "registered",
                          "eu-database-id": "EU-HR-2025-000417"}),
        register={
            "description-short": ("Na een overstroming vragen inwoners en bedrijven een tegemoetkoming in hun schade aan. "
                                  "Een model schat per aanvraag in of de schade waarschijnlijk onder de regeling valt, "
                                  "zodat eenvoudige aanvragen sneller worden afgehandeld. Een medewerker neemt altijd het besluit."),
            "category": ["Sociale zekerheid", "Natuur en milieu"], "status": "In gebruik", "begin-date": "2024-11",
            "website": f"{SITE}/tegemoetkoming-overstroming",
            "goal": p("Het doel is dat gedupeerden na een overstroming sneller weten waar ze aan toe zijn.",
                      "Het model sorteert aanvragen: aanvragen die duidelijk binnen de regeling vallen, gaan naar een "
                      "snelle behandelroute; twijfelgevallen krijgen een uitgebreide beoordeling. Aanvragers merken "
                      "dat zij eerder bericht krijgen. Niemand krijgt een afwijzing zonder beoordeling door een medewerker."),
            "proportionality": p("Na een grote overstroming komen in korte tijd duizenden aanvragen binnen. Zonder hulp "
                                 "wachten gedupeerden maanden op een besluit.",
                                 "Het model geeft alleen een volgorde en een toelichting; het besluit blijft bij een "
                                 "medewerker. Een handmatige triage is overwogen, maar bleek bij grote aantallen te traag."),
            "human-intervention": p("Een behandelaar ziet de inschatting met de belangrijkste redenen en beoordeelt elke "
                                    "aanvraag zelf. Behandelaars kunnen de inschatting negeren en doen dat ook geregeld.",
                                    "Een steekproef van tien procent van de snelle route wordt elke maand opnieuw beoordeeld."),
            "risks": p("Het belangrijkste risico is dat het model groepen aanvragers anders behandelt, bijvoorbeeld "
                       "eigenaren van oudere woningen.") + ul(
                "maandelijkse toets op verschillen tussen groepen (bias-toets);",
                "jaarlijkse hertraining met gecontroleerde gegevens;",
                "een noodprocedure waarbij alle aanvragen weer handmatig worden gesorteerd."),
            "lawful-basis": p("De Regeling tegemoetkoming waterschade geeft de minister de taak om schade te vergoeden "
                              "die niet verzekerbaar is. De Algemene wet bestuursrecht regelt hoe het besluit tot stand komt."),
            "lawful-basis-grouping": [AWB, WATERWET],
            "impacttoetsen-grouping": [{"title": IAMA, "link": f"{SITE}/documenten/iama-tegemoetkoming"},
                                       {"title": DPIA, "link": ""}],
            "source-data": p("Gegevens uit de aanvraag (adres, soort schade, geschat bedrag, verzekering), de "
                             "overstromingskaart van het waterschap en eerdere besluiten over vergelijkbare aanvragen."),
            "methods-and-models": p("Een gradient-boosting-model (beslisbomen) geeft per aanvraag een kans dat de schade onder "
                                    "de regeling valt, met de vijf kenmerken die het meest bijdragen. Het model is getraind op "
                                    "4.800 beoordeelde aanvragen uit 2021 tot 2023 en is niet zelflerend: nieuwe versies worden "
                                    "pas na toetsing in gebruik genomen."),
            "provider": "Deltadata Analytics B.V.", "source-id": "KP-ALG-0007", "tags": "overstroming, schade, tegemoetkoming",
            "lars": lars("3817264"),
        },
    ),
    DemoAlgorithm(
        key="werving-kustwacht", unit="Directie Personeel en Organisatie",
        name="Sollicitaties voor de kustwacht voorselecteren", category="A",
        ai_act_target="provider-deployer-high-risk",
        ai_act_prefer={**PREFER_AI, "role": "develop-and-use", "in-use": "in-development", "annex-iii": "yes",
                       "third-party-annex-iii": "no", "profiling": "yes", "transparency": "no"},
        impact=_impact("A", {"legal-effects": "no", "decisions-about-persons": "yes", "risk-selection": "yes",
                             "judged-impactful": "yes"},
                       **{"publication-excluded": "no", "iama-status": "in-progress", "iama-expected": "2026-06",
                          "dpia-status": "in-progress", "dpia-expected": "2026-05", "eu-database": "not-registered"}),
        register={
            "description-short": ("Voor vacatures bij de kustwacht komen veel sollicitaties binnen. Dit systeem, dat nog in "
                                  "ontwikkeling is, rangschikt sollicitaties op de gevraagde diploma's en ervaring, zodat "
                                  "selectiecommissies sneller de geschikte kandidaten vinden."),
            "category": ["Organisatie en bedrijfsvoering", "Werk"], "status": "In ontwikkeling",
            "website": f"{SITE}/werken-bij/kustwacht",
            "goal": p("Het doel is om bij grote wervingsrondes sneller te zien welke kandidaten aan de harde eisen voldoen, "
                      "zoals een vaarbewijs en een medische keuring.",
                      "Kandidaten merken dat ze eerder horen of ze worden uitgenodigd."),
            "proportionality": p("Werving is een beslissing met grote gevolgen voor mensen. Daarom wordt het systeem pas "
                                 "gebruikt na een afgeronde mensenrechtentoets en een proef waarin commissies alle "
                                 "sollicitaties ook zelf lezen."),
            "human-intervention": p("De selectiecommissie leest altijd alle sollicitaties van kandidaten die aan de harde eisen "
                                    "voldoen. De rangschikking is een hulpmiddel; niemand wordt afgewezen op grond van "
                                    "alleen de score."),
            "risks": p("Het grootste risico is indirecte discriminatie, bijvoorbeeld via opleidingsnamen of gaten in het cv.")
            + ul("geen gebruik van naam, leeftijd, geslacht of adres;", "toets op verschillen tussen groepen tijdens de proef;",
                 "bezwaar en uitleg voor kandidaten via de recruiter."),
            "lawful-basis": p("Het werven van personeel valt onder de bedrijfsvoering van het ministerie; voor de "
                              "verwerking van sollicitatiegegevens geldt de AVG."),
            "lawful-basis-grouping": [AVG],
            "impacttoetsen": p("De mensenrechtentoets en de DPIA lopen nog en worden afgerond voordat het systeem in "
                               "gebruik gaat."),
            "source-data": p("Cv's en motivatiebrieven van sollicitanten, en de functie-eisen van de vacature."),
            "methods-and-models": p("Een taalmodel haalt diploma's, certificaten en ervaring uit het cv. Een vaste set regels "
                                    "vergelijkt die met de functie-eisen en rangschikt de kandidaten. Het systeem leert niet "
                                    "van beslissingen van de commissie."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0021", "tags": "werving, kustwacht, sollicitatie",
        },
    ),
    # ---------------------------------------------------------------- category B: impactful algorithms
    DemoAlgorithm(
        key="subsidie-volledigheid", unit="Directie Subsidies en Regelingen",
        name="Aanvragen voor de kustsubsidie controleren op volledigheid", category="B",
        ai_act_target="not-ai", ai_act_prefer={**PREFER_NOT_AI, "role": "commissioned"},
        impact=_impact("B", {"legal-effects": "yes", "decisions-about-persons": "yes", "risk-selection": "no",
                             "judged-impactful": "no"},
                       **{"publication-excluded": "no", "iama-status": "not-needed",
                          "iama-why-not": "De regels controleren alleen of verplichte bijlagen aanwezig zijn; inhoudelijk "
                                          "beoordeelt een medewerker.",
                          "dpia-status": "done", "dpia-date": "2023-02-14", "dpia-reference": "KP/DSR/2023/004512"}),
        register={
            "description-short": ("Bij een aanvraag voor de kustsubsidie controleren vaste regels of alle verplichte "
                                  "gegevens en bijlagen er zijn. Ontbreekt er iets, dan krijgt de aanvrager direct "
                                  "een verzoek om dat aan te vullen."),
            "category": ["Economie", "Natuur en milieu"], "status": "In gebruik", "begin-date": "2023-03",
            "website": f"{SITE}/kustsubsidie",
            "goal": p("Aanvragers horen binnen een dag dat er iets ontbreekt, in plaats van na weken. Volledige aanvragen "
                      "gaan direct naar een behandelaar."),
            "proportionality": p("De controle is eenvoudig en voorspelbaar; een aanvraag wordt nooit afgewezen door de regels, "
                                 "alleen aangehouden tot hij compleet is."),
            "human-intervention": p("Een behandelaar beoordeelt elke aanvraag inhoudelijk en kan een verzoek om aanvulling "
                                    "intrekken."),
            "risks": p("Een fout in de regels kan ten onrechte om aanvulling vragen. Wijzigingen in de regels worden vooraf "
                       "getest met voorbeeldaanvragen."),
            "lawful-basis": p("De subsidieregeling is gebaseerd op de Kaderwet; de Algemene wet bestuursrecht regelt het "
                              "aanvullen van een aanvraag (artikel 4:5)."),
            "lawful-basis-grouping": [KADERWET_SUBSIDIES, AWB],
            "impacttoetsen-grouping": [{"title": DPIA, "link": ""}],
            "source-data": p("De ingevulde aanvraag en de lijst met bijlagen."),
            "methods-and-models": p("Een set beslisregels per onderdeel van de aanvraag. Geen zelflerend model."),
            "provider": "Formulierfabriek B.V.", "source-id": "KP-ALG-0002", "tags": "subsidie, kust, aanvraag",
            "lars": lars("5520418"),
        },
    ),
    DemoAlgorithm(
        key="mest-risicoselectie", unit="Inspectie Kust en Platteland",
        name="Agrarische bedrijven selecteren voor een mestcontrole", category="B",
        ai_act_target="not-ai", ai_act_prefer={**PREFER_NOT_AI, "role": "develop-and-use"},
        impact=_impact("B", {"legal-effects": "no", "decisions-about-persons": "yes", "risk-selection": "yes",
                             "judged-impactful": "yes"},
                       **{"publication-excluded": "fully", "exclusion-ground": "investigation-enforcement",
                          "exclusion-explanation": "Als de selectieregels bekend zijn, kunnen bedrijven hun administratie "
                                                   "daarop inrichten en ontlopen zij de controle. Het bestaan van de "
                                                   "risicoselectie wordt wel gemeld in het jaarverslag van de inspectie.",
                          "iama-status": "done", "iama-date": "2024-09-30", "iama-reference": "KP/IKP/2024/030077",
                          "dpia-status": "done", "dpia-date": "2024-08-12", "dpia-reference": "KP/IKP/2024/027115"}),
        register={
            "description-short": ("De inspectie kiest met vaste risicoregels welke agrarische bedrijven een controle op "
                                  "het gebruik van mest krijgen. Bedrijven met een hoger risico op overtreding worden "
                                  "vaker gecontroleerd."),
            "category": ["Natuur en milieu", "Openbare orde en veiligheid"], "status": "In gebruik", "begin-date": "2022-01",
            "goal": p("De inspectie kan niet alle bedrijven controleren. De risicoselectie richt de controles op bedrijven "
                      "waar overtredingen het meest waarschijnlijk zijn."),
            "proportionality": p("Willekeurige controles vinden minder overtredingen en belasten bedrijven die zich aan de "
                                 "regels houden. Een deel van de controles blijft daarom willekeurig, als toets op de regels."),
            "human-intervention": p("Een inspecteur bekijkt de selectie en kan bedrijven toevoegen of schrappen, met een reden."),
            "risks": p("Risico op een vertekende selectie; de regels worden jaarlijks getoetst met de uitkomsten van de "
                       "willekeurige controles."),
            "lawful-basis": p("De Meststoffenwet geeft de inspectie de taak om het gebruik van mest te controleren."),
            "lawful-basis-grouping": [MESTSTOFFENWET],
            "source-data": p("Mestboekhouding, perceelregistratie en eerdere controle-uitkomsten."),
            "methods-and-models": p("Beslisregels met drempelwaarden per risicofactor, samengevoegd tot een score."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0011", "tags": "mest, inspectie, risicoselectie",
        },
    ),
    DemoAlgorithm(
        key="kustbijdrage", unit="Directie Financiën",
        name="Hoogte van de kustbijdrage berekenen", category="B",
        ai_act_target="not-ai", ai_act_prefer={**PREFER_NOT_AI, "role": "develop-and-use"},
        impact=_impact("B", {"legal-effects": "yes", "decisions-about-persons": "yes", "risk-selection": "no",
                             "judged-impactful": "no"},
                       **{"publication-excluded": "no", "iama-status": "not-needed",
                          "iama-why-not": "De berekening volgt rechtstreeks uit de tarieven in de regeling; er is geen "
                                          "ruimte voor weging of selectie.",
                          "dpia-status": "done", "dpia-date": "2021-10-05", "dpia-reference": "KP/FIN/2021/019930"}),
        register={
            "description-short": ("Eigenaren van vastgoed in de kustzone betalen een jaarlijkse kustbijdrage. Een rekenregel "
                                  "bepaalt het bedrag uit de WOZ-waarde en de afstand tot de zeewering."),
            "category": ["Overheidsfinanciën", "Wonen"], "status": "In gebruik", "begin-date": "2021-01",
            "website": f"{SITE}/kustbijdrage",
            "goal": p("Het doel is een juiste en gelijke berekening van de kustbijdrage voor ongeveer 90.000 eigenaren."),
            "proportionality": p("Een vaste rekenregel is voorspelbaar en voor iedereen gelijk. Handmatig rekenen zou "
                                 "meer fouten geven."),
            "human-intervention": p("Medewerkers controleren afwijkende uitkomsten en behandelen bezwaren. Een eigenaar kan "
                                    "de berekening op de aanslag nalezen."),
            "risks": p("Fouten in de tarieven of in de afstandsgegevens. Elke nieuwe tarieventabel wordt dubbel ingevoerd "
                       "en vergeleken."),
            "lawful-basis": p("De Waterwet en de Regeling kustbijdrage bepalen wie betaalt en hoeveel."),
            "lawful-basis-grouping": [WATERWET, AWB],
            "source-data": p("WOZ-waarde, adres en perceelgrens uit de basisregistraties, en de ligging van de zeewering."),
            "methods-and-models": p("Een rekenregel: tarief per afstandsklasse maal de WOZ-waarde, met een minimum en een "
                                    "maximum."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0004", "tags": "kustbijdrage, heffing, woz",
            "lars": lars("6093381"),
        },
    ),
    DemoAlgorithm(
        key="ligplaatsen", unit="Dienst Havens en Visserij",
        name="Ligplaatsen in vissershavens toewijzen", category="B",
        ai_act_target="not-ai", ai_act_prefer={**PREFER_NOT_AI, "role": "use-as-is"},
        impact=_impact("B", {"legal-effects": "yes", "decisions-about-persons": "yes", "risk-selection": "no",
                             "judged-impactful": "no"},
                       **{"publication-excluded": "no", "iama-status": "planned", "iama-expected": "2026-10",
                          "dpia-status": "not-needed", "dpia-why-not": "De toewijzing gebruikt alleen gegevens over schepen "
                                                                      "en bedrijven, geen persoonsgegevens."}),
        register={
            "description-short": ("Vissersschepen vragen een vaste ligplaats aan in een van de vier rijkshavens. Een "
                                  "planningsprogramma wijst de plaatsen toe op grond van scheepslengte, wachttijd en "
                                  "thuishaven."),
            "category": ["Economie", "Verkeer"], "status": "In gebruik", "begin-date": "2019-05",
            "goal": p("Eerlijke en uitlegbare toewijzing van schaarse ligplaatsen."),
            "proportionality": p("De regels zijn vooraf bekend en vastgesteld met de vissersbonden."),
            "human-intervention": p("De havenmeester bevestigt elke toewijzing en kan in bijzondere gevallen afwijken."),
            "risks": p("Verouderde scheepsgegevens kunnen een verkeerde toewijzing geven; aanvragers controleren hun "
                       "gegevens bij de aanvraag."),
            "lawful-basis": p("Het havenreglement van de rijkshavens regelt de toewijzing van ligplaatsen."),
            "lawful-basis-grouping": [AWB],
            "source-data": p("Scheepsregister, wachtlijst en bezetting van de havens."),
            "methods-and-models": p("Een planningsalgoritme met vaste prioriteitsregels (wachttijd, thuishaven, lengte)."),
            "provider": "HavenSoft Nederland B.V.", "source-id": "KP-ALG-0009", "tags": "haven, visserij, ligplaats",
        },
    ),
    DemoAlgorithm(
        key="declaraties-natuurbeheer", unit="Directie Subsidies en Regelingen",
        name="Declaraties van agrarisch natuurbeheer op onregelmatigheden controleren", category="B",
        ai_act_target="provider-deployer-not-high-risk",
        ai_act_prefer={**PREFER_AI, "role": "develop-and-use", "annex-iii": "no", "open-source": "no", "transparency": "no"},
        impact=_impact("B", {"legal-effects": "no", "decisions-about-persons": "yes", "risk-selection": "yes",
                             "judged-impactful": "yes"},
                       **{"publication-excluded": "partly", "exclusion-ground": "investigation-enforcement",
                          "exclusion-explanation": "De kenmerken waarop het model let, helpen anders om onregelmatigheden "
                                                   "te verbergen. Het doel, de menselijke controle en de risico's worden "
                                                   "wel gepubliceerd.",
                          "internal-fields": '["methods_and_models","source_data_grouping"]',
                          "iama-status": "done", "iama-date": "2025-02-11", "iama-reference": "KP/DSR/2025/003318",
                          "dpia-status": "done", "dpia-date": "2025-01-20", "dpia-reference": "KP/DSR/2025/001906"}),
        register={
            "description-short": ("Agrarische natuurbeheerders declareren hun werk voor een vergoeding. Een model wijst "
                                  "declaraties aan die afwijken van wat gebruikelijk is, zodat een medewerker die als "
                                  "eerste nakijkt."),
            "category": ["Natuur en milieu", "Overheidsfinanciën"], "status": "In gebruik", "begin-date": "2025-03",
            "goal": p("Het doel is om fouten en misbruik eerder te vinden, zonder alle declaraties volledig na te lopen."),
            "proportionality": p("Volledige controle van alle 12.000 declaraties per jaar is niet haalbaar. De meeste "
                                 "declaraties worden direct uitbetaald; alleen aangewezen declaraties worden nagekeken."),
            "human-intervention": p("Een aangewezen declaratie wordt door een medewerker beoordeeld. De beheerder krijgt "
                                    "nooit een sanctie op grond van alleen de aanwijzing."),
            "risks": p("Het model kan kleine beheerders vaker aanwijzen. Elk kwartaal worden de aanwijzingen per groep "
                       "vergeleken en bijgesteld."),
            "lawful-basis": p("De subsidieregeling agrarisch natuurbeheer en de Kaderwet geven de grondslag voor controle."),
            "lawful-basis-grouping": [KADERWET_SUBSIDIES],
            "impacttoetsen-grouping": [{"title": IAMA, "link": ""}, {"title": DPIA, "link": ""}],
            "source-data": p("Declaraties, beheerplannen en perceelgegevens."),
            "source-data-grouping": [{"title": "Basisregistratie Percelen", "link": "https://www.pdok.nl/introductie/-/article/basisregistratie-gewaspercelen-brp-"}],
            "methods-and-models": p("Een isolation-forest-model dat afwijkende declaraties een score geeft."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0014", "tags": "natuurbeheer, declaratie, controle",
        },
    ),
    DemoAlgorithm(
        key="handhaving-duinen", unit="Inspectie Kust en Platteland",
        name="Meldingen over bouwen in de duinen prioriteren", category="B",
        ai_act_target="not-ai", ai_act_prefer={**PREFER_NOT_AI, "role": "develop-and-use"},
        impact=_impact("B", {"legal-effects": "no", "decisions-about-persons": "yes", "risk-selection": "yes",
                             "judged-impactful": "no"},
                       **{"publication-excluded": "no", "iama-status": "not-started", "dpia-status": "done",
                          "dpia-date": "2024-03-18", "dpia-reference": "KP/IKP/2024/008830"}),
        register={
            "description-short": ("Meldingen over illegaal bouwen in beschermde duingebieden krijgen een prioriteit op grond "
                                  "van de ligging, de ernst en eerdere meldingen op dezelfde plek."),
            "category": ["Natuur en milieu", "Ruimte en infrastructuur"], "status": "In gebruik", "begin-date": "2023-09",
            "goal": p("Ernstige gevallen in de kwetsbaarste gebieden als eerste onderzoeken."),
            "proportionality": p("Zonder prioriteit worden meldingen op volgorde van binnenkomst behandeld, ook als ze weinig "
                                 "schade doen."),
            "human-intervention": p("Een coördinator stelt elke week de lijst vast en kan de volgorde aanpassen."),
            "risks": p("Bekende adressen kunnen te vaak bovenaan komen. De coördinator let daarop en legt afwijkingen vast."),
            "lawful-basis": p("De Omgevingswet regelt de bescherming van de duinen en de handhaving daarvan."),
            "lawful-basis-grouping": [OMGEVINGSWET],
            "source-data": p("Meldingen van burgers en boswachters, natuurkaarten en eerdere handhavingszaken."),
            "methods-and-models": p("Een puntentelling met vaste gewichten per kenmerk."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0016", "tags": "duinen, handhaving, melding",
        },
    ),
    DemoAlgorithm(
        key="chatbot-vergunningen", unit="Dienst Vergunningen Platteland",
        name="Vragen over vergunningen beantwoorden met een chatbot", category="B",
        ai_act_target="deployer-not-high-risk-transparency",
        ai_act_prefer={**PREFER_AI, "role": "use-as-is", "annex-iii": "no", "transparency": "yes",
                       "transparency-exception": "no"},
        impact=_impact("B", {"legal-effects": "no", "decisions-about-persons": "unsure", "risk-selection": "no",
                             "judged-impactful": "unsure"},
                       **{"publication-excluded": "no", "iama-status": "planned", "iama-expected": "2026-04",
                          "dpia-status": "done", "dpia-date": "2025-05-27", "dpia-reference": "KP/DVP/2025/014421"}),
        register={
            "description-short": ("Op de website beantwoordt een chatbot vragen over vergunningen, zoals welke vergunning "
                                  "nodig is voor een schuur of een steiger. De chatbot verwijst naar de juiste pagina of "
                                  "naar een medewerker."),
            "category": ["Ruimte en infrastructuur", "Organisatie en bedrijfsvoering"], "status": "In gebruik",
            "begin-date": "2025-09", "website": f"{SITE}/vergunningen/chat",
            "goal": p("Inwoners krijgen ook buiten kantoortijden antwoord op eenvoudige vragen."),
            "proportionality": p("Het is niet zeker of de antwoorden van de chatbot mensen beïnvloeden bij het aanvragen "
                                 "van een vergunning. Daarom is het algoritme uit voorzorg als impactvol aangemerkt."),
            "human-intervention": p("De chatbot zegt aan het begin dat het een computer is. Bij twijfel verwijst hij naar een "
                                    "medewerker; gesprekken worden steekproefsgewijs nagelezen."),
            "risks": p("Onjuiste of verouderde antwoorden. De chatbot put alleen uit goedgekeurde teksten."),
            "lawful-basis": p("Het geven van informatie over vergunningen hoort bij de taak van de dienst onder de Omgevingswet."),
            "lawful-basis-grouping": [OMGEVINGSWET],
            "source-data": p("De vragen van bezoekers en een verzameling goedgekeurde antwoorden."),
            "methods-and-models": p("Een taalmodel van de leverancier zoekt het best passende goedgekeurde antwoord; het "
                                    "schrijft geen eigen teksten."),
            "provider": "Praatwijzer B.V.", "source-id": "KP-ALG-0019", "tags": "chatbot, vergunning, website",
        },
    ),
    DemoAlgorithm(
        key="wateroverlast-triage", unit="Dienst Water en Dijken",
        name="Meldingen van wateroverlast indelen naar urgentie", category="B",
        ai_act_target="exempt",
        ai_act_prefer={**PREFER_AI, "role": "develop-and-use", "annex-iii": "no", "open-source": "yes", "transparency": "no"},
        impact=_impact("B", {"legal-effects": "no", "decisions-about-persons": "yes", "risk-selection": "no",
                             "judged-impactful": "yes"},
                       **{"publication-excluded": "no", "iama-status": "done", "iama-date": "2024-12-03",
                          "iama-reference": "https://www.kustenplatteland.example/documenten/iama-wateroverlast",
                          "dpia-status": "done", "dpia-date": "2024-11-15", "dpia-reference": "KP/DWD/2024/033190"}),
        register={
            "description-short": ("Inwoners melden wateroverlast via een formulier. Een tekstmodel deelt de melding in naar "
                                  "urgentie, zodat de meldkamer ernstige situaties het eerst oppakt."),
            "category": ["Openbare orde en veiligheid", "Natuur en milieu"], "status": "In gebruik", "begin-date": "2024-10",
            "website": f"{SITE}/wateroverlast-melden", "publiccode": "https://code.kustenplatteland.example/triage-wateroverlast",
            "goal": p("Bij hevige regen komen honderden meldingen tegelijk binnen. Urgente meldingen moeten niet onderop de "
                      "stapel belanden."),
            "proportionality": p("Het model is open source en getest op meldingen uit drie eerdere stormen."),
            "human-intervention": p("De meldkamer ziet alle meldingen en kan de urgentie altijd aanpassen."),
            "risks": p("Meldingen in gebrekkig Nederlands kunnen lager worden ingedeeld. Woorden als 'kelder', 'stroom' en "
                       "'kind' verhogen altijd de urgentie.") + ul("wekelijkse steekproef in het stormseizoen;",
                                                                   "feedback van de meldkamer wordt gebruikt bij hertraining."),
            "lawful-basis": p("De Waterwet geeft de dienst de zorg voor het watersysteem."),
            "lawful-basis-grouping": [WATERWET],
            "impacttoetsen-grouping": [{"title": IAMA, "link": f"{SITE}/documenten/iama-wateroverlast"}],
            "source-data": p("De tekst van de melding, de locatie en de neerslagradar."),
            "methods-and-models": p("Een klein tekstclassificatiemodel (logistische regressie op woordkenmerken) met drie "
                                    "klassen: spoed, vandaag en later."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0012", "tags": "wateroverlast, melding, storm",
            "lars": lars("7240915"),
        },
    ),
    DemoAlgorithm(
        key="onteigening-schadeloosstelling", unit="Dienst Water en Dijken",
        name="Schadeloosstelling bij onteigening voor dijkversterking berekenen", category="B",
        ai_act_target="not-ai", ai_act_prefer={**PREFER_NOT_AI, "role": "develop-and-use"},
        impact=_impact("B", {"legal-effects": "yes", "decisions-about-persons": "yes", "risk-selection": "no",
                             "judged-impactful": "yes"},
                       **{"publication-excluded": "no", "iama-status": "not-needed",
                          "iama-why-not": "De berekening volgt de wettelijke regels voor schadeloosstelling; taxateurs "
                                          "stellen de waarde vast.",
                          "dpia-status": "done", "dpia-date": "2022-06-30", "dpia-reference": "KP/DWD/2022/015522"}),
        register={
            "description-short": ("Bij dijkversterking koopt of onteigent het ministerie grond. Een rekenmodel in een "
                                  "spreadsheet berekent de schadeloosstelling uit de getaxeerde waarde en de bijkomende "
                                  "kosten."),
            "category": ["Ruimte en infrastructuur", "Recht"], "status": "In gebruik", "begin-date": "2022-07",
            "goal": p("Eigenaren krijgen een volledige en goed onderbouwde schadeloosstelling."),
            "proportionality": p("Het rekenmodel maakt de berekening controleerbaar en gelijk voor alle eigenaren."),
            "human-intervention": p("Een jurist en een taxateur controleren elke berekening; de eigenaar krijgt de "
                                    "berekening te zien en kan reageren."),
            "risks": p("Rekenfouten in de spreadsheet. Elke versie wordt door een tweede medewerker gecontroleerd."),
            "lawful-basis": p("De Omgevingswet regelt onteigening en schadeloosstelling."),
            "lawful-basis-grouping": [ONTEIGENINGSWET],
            "source-data": p("Taxatierapporten, kadastrale gegevens en opgaven van de eigenaar."),
            "methods-and-models": p("Een rekenmodel met de posten uit de wet (waarde, waardevermindering, bijkomende schade)."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0005", "tags": "onteigening, dijk, schadeloosstelling",
        },
    ),
    DemoAlgorithm(
        key="vergoeding-natuurbeheer", unit="Directie Subsidies en Regelingen",
        name="Vergoeding voor agrarisch natuurbeheer berekenen", category="B",
        ai_act_target="not-ai", ai_act_prefer={**PREFER_NOT_AI, "role": "develop-and-use"},
        impact=_impact("B", {"legal-effects": "yes", "decisions-about-persons": "yes", "risk-selection": "no",
                             "judged-impactful": "no"},
                       **{"publication-excluded": "no", "iama-status": "not-needed",
                          "iama-why-not": "Het bedrag volgt uit vaste normbedragen per beheerpakket.",
                          "dpia-status": "done", "dpia-date": "2020-11-02", "dpia-reference": "KP/DSR/2020/022410"}),
        register={
            "description-short": ("Boeren die natuur beheren krijgen een vergoeding per beheerpakket. Een rekenregel "
                                  "bepaalt het bedrag uit de oppervlakte en de normbedragen."),
            "category": ["Natuur en milieu", "Economie"], "status": "In gebruik", "begin-date": "2020-01",
            "goal": p("Een juiste en snelle uitbetaling van de vergoeding."),
            "proportionality": p("Normbedragen zijn openbaar en de berekening is voor iedereen gelijk."),
            "human-intervention": p("Medewerkers controleren de beheerplannen en behandelen bezwaren."),
            "risks": p("Fouten in de oppervlakte uit de perceelregistratie; beheerders zien de oppervlakte vooraf."),
            "lawful-basis": p("De subsidieregeling agrarisch natuurbeheer is gebaseerd op de Kaderwet."),
            "lawful-basis-grouping": [KADERWET_SUBSIDIES, AWB],
            "source-data": p("Beheerplannen en perceelgegevens."),
            "methods-and-models": p("Oppervlakte maal normbedrag per beheerpakket, met kortingen uit de regeling."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0003", "tags": "natuurbeheer, vergoeding",
            "lars": lars("4418802"),
        },
    ),
    # ---------------------------------------------------------------- category C: published for other reasons
    DemoAlgorithm(
        key="waterstanden", unit="Dienst Water en Dijken",
        name="Waterstanden voorspellen voor de inzet van gemalen", category="C",
        ai_act_target="provider-deployer-not-high-risk",
        ai_act_prefer={**PREFER_AI, "role": "develop-and-use", "annex-iii": "no", "open-source": "no", "transparency": "no"},
        impact=_c(),
        register={
            "description-short": ("Een model voorspelt de waterstanden voor de komende 48 uur, zodat gemalen op tijd "
                                  "worden aangezet."),
            "category": ["Natuur en milieu"], "status": "In gebruik", "begin-date": "2018-04",
            "goal": p("Minder wateroverlast en lager energieverbruik van gemalen."),
            "human-intervention": p("Operators zien de voorspelling en besluiten zelf over de inzet van gemalen."),
            "risks": p("Een foute voorspelling bij extreme neerslag; operators houden dan de actuele metingen aan."),
            "source-data": p("Meetgegevens van peilschalen, weersverwachting en gemaalgegevens."),
            "methods-and-models": p("Een neuraal netwerk dat elke nacht opnieuw wordt getraind op de laatste meetgegevens."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0001", "tags": "waterstand, gemaal",
        },
    ),
    DemoAlgorithm(
        key="postclassificatie", unit="Directie Bedrijfsvoering",
        name="Binnenkomende post automatisch doorsturen naar de juiste afdeling", category="C",
        ai_act_target="deployer-not-high-risk",
        ai_act_prefer={**PREFER_AI, "role": "use-as-is", "annex-iii": "no", "transparency": "no"},
        impact=_c(),
        register={
            "description-short": ("Gescande brieven en e-mails worden door een model ingedeeld naar onderwerp en naar de "
                                  "afdeling gestuurd die erover gaat."),
            "category": ["Organisatie en bedrijfsvoering"], "status": "In gebruik", "begin-date": "2022-02",
            "goal": p("Post komt sneller bij de juiste medewerker."),
            "human-intervention": p("Medewerkers van de postkamer zien de indeling en sturen verkeerd ingedeelde post door."),
            "risks": p("Post kan bij de verkeerde afdeling belanden; die stuurt haar dan door."),
            "source-data": p("De tekst van de brief of e-mail."),
            "methods-and-models": p("Een tekstclassificatiemodel van de leverancier van het documentsysteem."),
            "provider": "DocuFlow Nederland B.V.", "source-id": "KP-ALG-0008", "tags": "post, documenten",
        },
    ),
    DemoAlgorithm(
        key="rooster-inspecteurs", unit="Inspectie Kust en Platteland",
        name="Roosters van inspecteurs maken", category="C",
        ai_act_target="not-ai", ai_act_prefer={**PREFER_NOT_AI, "role": "use-as-is"},
        impact=_c(),
        register={
            "description-short": ("Een planningsprogramma maakte de weekroosters van inspecteurs op grond van "
                                  "beschikbaarheid, regio en opleiding. Het is vervangen door een nieuw personeelssysteem."),
            "category": ["Organisatie en bedrijfsvoering"], "status": "Buiten gebruik", "begin-date": "2016-01",
            "end-date": "2025-06",
            "goal": p("Eerlijke verdeling van diensten en minder reistijd."),
            "human-intervention": p("Teamleiders stelden het rooster vast en konden het aanpassen."),
            "risks": p("Geen bijzondere risico's; het programma is buiten gebruik."),
            "source-data": p("Beschikbaarheid en kwalificaties van inspecteurs."),
            "methods-and-models": p("Een roosteralgoritme met vaste regels."),
            "provider": "Planwerk Software B.V.", "source-id": "KP-ALG-0006", "tags": "rooster, planning",
        },
    ),
    DemoAlgorithm(
        key="zwerfvuil", unit="Dienst Kust en Strand",
        name="Zwerfvuil op stranden tellen met camerabeelden", category="C",
        ai_act_target="provider-deployer-not-high-risk",
        ai_act_prefer={**PREFER_AI, "role": "develop-and-use", "annex-iii": "no", "transparency": "no"},
        impact=_c(),
        register={
            "description-short": ("Camera's op strandpalen maken elke ochtend een foto. Een beeldmodel telt het zwerfvuil, "
                                  "zodat de schoonmaakploegen weten waar ze het eerst moeten zijn."),
            "category": ["Natuur en milieu", "Cultuur en recreatie"], "status": "In gebruik", "begin-date": "2024-05",
            "goal": p("Schonere stranden met dezelfde inzet van schoonmaakploegen."),
            "human-intervention": p("De ploegleider bekijkt de telling en stelt de route vast."),
            "risks": p("Op de foto's kunnen mensen staan. Het model vervaagt personen voordat een beeld wordt opgeslagen."),
            "source-data": p("Foto's van vaste camera's, waarop personen onherkenbaar zijn gemaakt."),
            "methods-and-models": p("Een objectdetectiemodel dat plastic, glas en overig afval telt, getraind op 20.000 "
                                    "eigen foto's."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0015", "tags": "strand, zwerfvuil, camera",
        },
    ),
    DemoAlgorithm(
        key="vertalen", unit="Directie Communicatie",
        name="Publieksinformatie vertalen met een taalmodel", category="C",
        ai_act_target="deployer-gpai-system-not-high-risk",
        ai_act_prefer={**PREFER_RULES, "role": "use-as-is", "is-ai-system": "no", "gpai-kind": "gpai-system",
                       "annex-i": "neither", "annex-iii": "no", "open-source": "no", "transparency": "no"},
        impact=_impact("C", {"legal-effects": "no", "decisions-about-persons": "no", "risk-selection": "no",
                             "judged-impactful": "unsure"},
                       **{"category-reason": "Elke vertaling wordt vóór publicatie door een redacteur nagelezen en "
                                             "goedgekeurd; de vertaling neemt geen besluit en deelt niemand in. De directie "
                                             "Communicatie heeft dit besproken met de CDO."}),
        register={
            "description-short": ("Teksten op de website worden met een taalmodel vertaald naar het Engels, Duits en Pools. "
                                  "Een redacteur leest elke vertaling na voordat die online komt."),
            "category": ["Organisatie en bedrijfsvoering", "Internationaal"], "status": "In gebruik", "begin-date": "2025-01",
            "goal": p("Buitenlandse werknemers in de landbouw en de visserij kunnen de informatie in hun eigen taal lezen."),
            "human-intervention": p("Een redacteur controleert en verbetert elke vertaling."),
            "risks": p("Een vertaalfout kan iemand op het verkeerde been zetten. Daarom wordt alles nagelezen."),
            "source-data": p("De Nederlandse teksten van de website."),
            "methods-and-models": p("Een algemeen taalmodel van de leverancier, gebruikt via een afgeschermde omgeving."),
            "provider": "Lingua Cloud B.V.", "source-id": "KP-ALG-0018", "tags": "vertalen, website",
        },
    ),
    DemoAlgorithm(
        key="spamfilter", unit="Directie Bedrijfsvoering",
        name="Ongewenste e-mail tegenhouden", category="C",
        ai_act_target="deployer-not-high-risk",
        ai_act_prefer={**PREFER_AI, "role": "use-as-is", "annex-iii": "no", "transparency": "no"},
        impact=_c(),
        register={
            "description-short": ("Een filter houdt spam en phishing tegen voordat ze in de mailbox van medewerkers komen."),
            "category": ["Organisatie en bedrijfsvoering"], "status": "In gebruik", "begin-date": "2017-06",
            "goal": p("Minder ongewenste e-mail en minder kans op phishing."),
            "human-intervention": p("Medewerkers kunnen tegengehouden berichten zelf vrijgeven; de servicedesk helpt daarbij."),
            "risks": p("Een echt bericht kan worden tegengehouden; daarom is er een quarantaine die medewerkers zelf inzien."),
            "source-data": p("Kenmerken van binnenkomende e-mailberichten."),
            "methods-and-models": p("Een combinatie van regels en een lerend model van de leverancier."),
            "provider": "MailSchild B.V.", "source-id": "KP-ALG-0010", "tags": "e-mail, spam, beveiliging",
        },
    ),
    DemoAlgorithm(
        key="zandsuppletie", unit="Dienst Kust en Strand",
        name="Behoefte aan zandsuppletie voorspellen", category="C",
        ai_act_target="not-ai", ai_act_prefer={**PREFER_NOT_AI, "role": "develop-and-use"},
        impact=_c(),
        register={
            "description-short": ("Een rekenmodel schat hoeveel zand de komende jaren nodig is om de kustlijn op zijn "
                                  "plek te houden, als basis voor het suppletieprogramma."),
            "category": ["Ruimte en infrastructuur", "Natuur en milieu"], "status": "In gebruik", "begin-date": "2015-03",
            "goal": p("Een goed onderbouwd en betaalbaar programma voor het opspuiten van zand."),
            "human-intervention": p("Kustdeskundigen beoordelen de uitkomsten en stellen het programma vast."),
            "risks": p("Onzekerheid in de zeespiegelstijging; het model rekent met meerdere scenario's."),
            "source-data": p("Jaarlijkse kustmetingen en scenario's voor zeespiegelstijging."),
            "methods-and-models": p("Een natuurkundig rekenmodel voor zandtransport langs de kust."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0013", "tags": "kust, zand, suppletie",
        },
    ),
    DemoAlgorithm(
        key="dijkinspecties", unit="Dienst Water en Dijken",
        name="Volgorde van dijkinspecties bepalen met sensordata", category="C",
        ai_act_target="not-ai", ai_act_prefer={**PREFER_NOT_AI, "role": "develop-and-use"},
        impact=_c(),
        register={
            "description-short": ("Sensoren in de dijken meten vocht en beweging. Vaste regels bepalen welke dijkvakken "
                                  "deze week als eerste worden geïnspecteerd."),
            "category": ["Ruimte en infrastructuur"], "status": "In gebruik", "begin-date": "2021-09",
            "goal": p("Zwakke plekken in dijken eerder vinden."),
            "human-intervention": p("De dijkbeheerder stelt de inspectieplanning vast."),
            "risks": p("Een defecte sensor kan een dijkvak ten onrechte laag laten scoren; storingen worden dagelijks gemeld."),
            "source-data": p("Sensordata uit de dijken en eerdere inspectieverslagen."),
            "source-data-grouping": [{"title": "Dijksensoren meetnet", "link": "https://data.kustenplatteland.example/dijksensoren"}],
            "methods-and-models": p("Drempelwaarden per sensortype, gecombineerd tot een prioriteit per dijkvak."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0017", "tags": "dijk, inspectie, sensor",
        },
    ),
    DemoAlgorithm(
        key="dashboard-vergunningen", unit="Dienst Vergunningen Platteland",
        name="Kengetallen over vergunningverlening tonen in een dashboard", category="C",
        ai_act_target="no-algorithm", ai_act_prefer={"is-algorithm": "no"},
        impact=_c(),
        register={
            "description-short": ("Een dashboard toont het aantal aanvragen, de doorlooptijden en de uitkomsten van "
                                  "vergunningen per maand, voor sturing op de werkvoorraad."),
            "category": ["Organisatie en bedrijfsvoering"], "status": "In gebruik", "begin-date": "2023-01",
            "goal": p("Inzicht in werkvoorraad en doorlooptijden voor de leiding van de dienst."),
            "human-intervention": p("Het dashboard toont alleen tellingen; het neemt geen besluiten."),
            "risks": p("Geen bijzondere risico's."),
            "source-data": p("Zaakgegevens uit het vergunningensysteem, zonder persoonsgegevens."),
            "methods-and-models": p("Tellingen en gemiddelden; geen model."),
            "provider": "Intern ontwikkeld", "source-id": "KP-ALG-0020", "tags": "dashboard, vergunning",
        },
    ),
)


_PATHS: dict[str, tuple[WalkedPath, ...]] = {}


def _paths(form: Form) -> tuple[WalkedPath, ...]:
    if form.content_hash not in _PATHS:
        _PATHS[form.content_hash] = tuple(p for p in explore(form).paths if p.end_kind == "conclusion")
    return _PATHS[form.content_hash]


def ai_act_steps(form: Form, target: str, prefer: Mapping[str, str]) -> list[Step]:
    """A path through forms/ai-act that ends in `target`, with as many preferred answers as possible."""
    best: tuple[int, int, int] | None = None
    chosen: WalkedPath | None = None
    for path in _paths(form):
        if path.end != target:
            continue
        conflicts = sum(1 for q, a in path.steps if q in prefer and prefer[q] not in a)
        matches = sum(1 for q, a in path.steps if prefer.get(q) in a)
        score = (conflicts, -matches, len(path.steps))
        if best is None or score < best:
            best, chosen = score, path
    if chosen is None:
        raise DemoError(f"{form.id}: no path ends in conclusion '{target}'")
    return [Step(q, a) for q, a in chosen.steps]


def walk(form: Form, values: Mapping[str, Any]) -> list[Step]:
    """The steps through a form with the given answers per question (defaults for unnamed value questions)."""
    steps: list[Step] = []
    decision = run(form, [])
    while decision.next_question is not None:
        question = decision.next_question
        if question.id in values:
            raw = values[question.id]
            value = raw if isinstance(raw, str) else fields.encode(question, raw)
        elif question.is_value and question.field is not None:
            value = question.field.default or ""
        else:
            raise DemoError(f"{form.id}: the demo has no answer for question '{question.id}'")
        steps.append(Step(question.id, (value,)))
        try:
            decision = run(form, steps)
        except DecisionError as err:
            raise DemoError(f"{form.id}: {err}") from err
    return steps


@dataclass
class DemoRecord:
    """One demo algorithm ready to store: its identity and the checked steps per form."""

    algorithm: DemoAlgorithm
    steps: dict[str, list[Step]] = field(default_factory=dict)
    conclusions: dict[str, tuple[str, str | None]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.algorithm.name

    @property
    def unit(self) -> str:
        return self.algorithm.unit

    @property
    def category(self) -> str:
        return self.algorithm.category


def build_demo(forms: Mapping[str, Form], algorithms: Sequence[DemoAlgorithm] = ALGORITHMS) -> list[DemoRecord]:
    """Walk every demo algorithm through the three forms and check the outcome; DemoError when anything is off."""
    from algoinventaris.domain.category import PUBLICATION_CATEGORY
    from algoinventaris.domain.register import build_entry

    out: list[DemoRecord] = []
    for algo in algorithms:
        record = DemoRecord(algo)
        record.steps["ai-act"] = ai_act_steps(forms["ai-act"], algo.ai_act_target, algo.ai_act_prefer)
        record.steps["impact"] = walk(forms["impact"], algo.impact)
        register_values: dict[str, Any] = {
            "name": algo.name, "organization": ORGANISATION, "contact-email": CONTACT,
            "publication-category": PUBLICATION_CATEGORY[algo.category], **algo.register,
        }
        record.steps["register"] = walk(forms["register"], register_values)
        for fid, steps in record.steps.items():
            decision = run(forms[fid], steps, complete=True)
            assert decision.conclusion is not None
            record.conclusions[fid] = (decision.conclusion.id, decision.conclusion.ref)
        stored = {fid: {s.question: s.answers for s in steps} for fid, steps in record.steps.items()}
        entry = build_entry(algo.key, algo.name, ORGANISATION, forms, stored)
        if entry.category != algo.category:
            raise DemoError(f"demo '{algo.key}': category {entry.category}, intended {algo.category} "
                            f"({'; '.join(entry.assessment.category.derived.reason_texts('en'))})")
        if entry.problems:
            raise DemoError(f"demo '{algo.key}': {'; '.join(entry.problems)}")
        out.append(record)
    return out
