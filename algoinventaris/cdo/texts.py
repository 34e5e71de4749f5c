"""Words for the CDO workspace in Dutch and English: results, refusal reasons, statuses, column names."""

from __future__ import annotations

from collections.abc import Mapping

RESULT_TEXT: dict[str, dict[str, str]] = {
    "imported": {"nl": "geïmporteerd", "en": "imported"},
    "duplicate": {"nl": "dubbel", "en": "duplicate"},
    "superseded": {"nl": "vervangt eerdere", "en": "supersedes earlier"},
    "quarantined": {"nl": "in quarantaine", "en": "quarantined"},
    "refused": {"nl": "geweigerd", "en": "refused"},
}

# Every reason a package can be refused, quarantined or reported as duplicate: code -> short name.
REASON_NAMES: dict[str, dict[str, str]] = {
    "unreadable": {"nl": "bestand onleesbaar", "en": "file unreadable"},
    "unsafe-zip": {"nl": "geen of onveilige zip", "en": "not a zip or an unsafe zip"},
    "manifest": {"nl": "manifest ongeldig", "en": "manifest invalid"},
    "signature": {"nl": "handtekening klopt niet", "en": "signature does not hold"},
    "unknown-unit": {"nl": "geen sleutel aangemeld voor dit onderdeel", "en": "no key enrolled for this unit"},
    "untrusted-signer": {"nl": "ondertekenaar niet vertrouwd voor dit onderdeel", "en": "signer not trusted for this unit"},
    "revoked-key": {"nl": "sleutel ingetrokken", "en": "key revoked"},
    "hash-mismatch": {"nl": "bestand gewijzigd na ondertekening", "en": "file changed after signing"},
    "files": {"nl": "bestand ontbreekt of is te veel", "en": "file missing or extra"},
    "unknown-form": {"nl": "onbekende versie van een vragenlijst", "en": "unknown questionnaire version"},
    "answers-invalid": {"nl": "antwoorden passen niet bij de vragenlijst", "en": "answers do not fit the questionnaire"},
    "outcome-mismatch": {"nl": "uitkomst wijkt af van herberekening", "en": "outcome differs from recomputation"},
    "conflicting-id": {"nl": "zelfde inzending-id, andere inhoud", "en": "same submission id, other content"},
    "same-bytes": {"nl": "al geïmporteerd", "en": "already imported"},
    "repacked": {"nl": "al geïmporteerd, anders ingepakt", "en": "already imported, packed differently"},
    "waiting": {"nl": "wacht al in quarantaine", "en": "already waiting in quarantine"},
    "storage": {"nl": "database weigerde de gegevens", "en": "database refused the data"},
}

CATEGORY_NAMES = {
    "A": {"nl": "A (hoog-risico-AI)", "en": "A (high-risk AI)"},
    "B": {"nl": "B (impactvol)", "en": "B (impactful)"},
    "C": {"nl": "C (overig)", "en": "C (other)"},
    "?": {"nl": "onbekend", "en": "unknown"},
}

HRT_STATUS: dict[str, dict[str, str]] = {
    "done": {"nl": "afgerond", "en": "completed"},
    "in-progress": {"nl": "wordt uitgevoerd", "en": "in progress"},
    "planned": {"nl": "gepland", "en": "planned"},
    "not-started": {"nl": "niet gestart", "en": "not started"},
    "not-needed": {"nl": "niet nodig", "en": "not needed"},
}

REGISTER_STATUS = {
    "complete": {"nl": "compleet", "en": "complete"},
    "incomplete": {"nl": "onvolledig", "en": "incomplete"},
    "not-filled": {"nl": "niet ingevuld", "en": "not filled in"},
}

EXCLUSION_LEVEL = {
    "none": {"nl": "niet uitgesloten", "en": "not excluded"},
    "partial": {"nl": "gedeeltelijk uitgesloten", "en": "partly excluded"},
    "full": {"nl": "geheel uitgesloten", "en": "fully excluded"},
}


def pick(table: Mapping[str, Mapping[str, str]], key: str | None, lang: str = "nl", default: str = "") -> str:
    """The word for key in the language (Dutch unless 'en'), or default / the key itself."""
    if key is None:
        return default
    entry = table.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry.get("nl") or key


def ground_text(ground: str | None, lang: str = "nl") -> str:
    """An exclusion ground in words (the register engineer's list when present, else the code)."""
    if not ground:
        return ""
    try:
        from algoinventaris.domain.category import EXCLUSION_GROUNDS
    except ImportError:  # pragma: no cover - the category module is part of the app
        return ground
    entry = EXCLUSION_GROUNDS.get(ground)
    if entry is None:
        return ground
    return entry.get(lang) or entry.get("nl") or ground


def not_published_text(code: str | None, lang: str = "nl") -> str:
    """Why an A/B algorithm is not (yet) published, from the stored code ('excluded:<ground>', 'register:<status>')."""
    if not code:
        return ""
    kind, _, value = code.partition(":")
    en = lang == "en"
    if kind == "excluded":
        ground = ground_text(value, lang) if value else ("no ground given" if en else "geen grond opgegeven")
        return f"excluded from publication: {ground}" if en else f"uitgesloten van publicatie: {ground}"
    if kind == "register":
        status = pick(REGISTER_STATUS, value, lang)
        return f"register description {status}" if en else f"registerbeschrijving {status}"
    return code
