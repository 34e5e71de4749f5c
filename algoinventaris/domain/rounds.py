"""Yearly rounds as plain data: installed round bundles, the CDO key, carry-overs from last year and what changed since.

Nothing here touches a database, a file or Qt. The owner side (package/rounds.py) fills these records
from the owner database; the wizard and the CLI show them. `changes_since_last_year` compares what was
carried over from last year's submission (the proposals) with the answers stored now, so that the
summary can list per question: still unconfirmed, confirmed as it was, changed, new, dropped; plus the
review items the migration raised that are still open, and last year's conclusion next to this year's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from algoinventaris.domain.algorithm import iso_utc

ROUND_FORMAT = "algoinventaris-round"
ROUND_FORMAT_VERSION = 1

# How the answers of one form came into this year's algorithm.
CARRY_SAME = "same"            # same form version: every answer proposed as it was
CARRY_MIGRATED = "migrated"    # another version: answers carried through the round's migration maps
CARRY_NONE = "not-carried"     # no way from last year's version to this one: the owner answers again
CARRY_KINDS = (CARRY_SAME, CARRY_MIGRATED, CARRY_NONE)

# Per question, how this year's answer relates to what was carried over.
UNCONFIRMED = "unconfirmed"    # proposed from last year, not yet confirmed or changed
CONFIRMED = "confirmed"        # confirmed as it was proposed
CHANGED = "changed"            # the owner gave another answer than last year's
NEW = "new"                    # answered now, nothing was carried over for it
DROPPED = "dropped"            # carried over, but (now) not on the path: set aside, or after a question still open
QUESTION_STATES = (UNCONFIRMED, CONFIRMED, CHANGED, NEW, DROPPED)

# Review kinds that are about the outcome or a question that no longer exists: shown, never "answered".
INFORMATION_KINDS = ("removed", "conclusion_changed", "conclusion_review", "no_map", "form_dropped")


def text_of(text: Mapping[str, str] | None, lang: str) -> str:
    """A {nl, en} text in the language, else Dutch, else ''."""
    if not text:
        return ""
    return text.get(lang) or text.get("nl") or next(iter(text.values()), "")


@dataclass(frozen=True)
class RoundForm:
    """One questionnaire version of a round: id, version, content SHA-256 and where it is installed."""

    id: str
    version: str
    sha256: str
    path: str = ""   # the installed folder holding form.yaml (owner side), or the member path in the bundle

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "sha256": self.sha256, "path": self.path}

    def describe(self) -> str:
        return f"{self.id} {self.version} ({self.sha256[:12]})"


@dataclass(frozen=True)
class InstalledRound:
    """A round bundle the owner opened: the round's metadata as the CDO signed it, and where its files are."""

    id: int
    name: str
    organisation: str
    sequence: int
    created_at: datetime
    deadline: str | None
    units: tuple[str, ...]
    forms: tuple[RoundForm, ...]
    previous_forms: tuple[RoundForm, ...]
    maps: tuple[str, ...]        # installed map files
    signer_fingerprint: str
    bundle_sha256: str           # SHA-256 of the signed round.json
    installed_at: datetime
    folder: str                  # data_dir()/rounds/<slug>

    def form(self, form_id: str) -> RoundForm | None:
        """The round's version of a questionnaire, or None when the round does not carry it."""
        return next((f for f in self.forms if f.id == form_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "organisation": self.organisation, "sequence": self.sequence,
            "created_at": iso_utc(self.created_at), "deadline": self.deadline, "units": list(self.units),
            "forms": [f.to_json() for f in self.forms], "previous_forms": [f.to_json() for f in self.previous_forms],
            "maps": list(self.maps), "signer_fingerprint": self.signer_fingerprint, "bundle_sha256": self.bundle_sha256,
            "installed_at": iso_utc(self.installed_at), "folder": self.folder,
        }


@dataclass(frozen=True)
class TrustedCdoKey:
    """The CDO's public key the owner's app checks round bundles against, and the organisation it is for."""

    fingerprint: str
    public_key: bytes            # raw 32-byte Ed25519 key
    organisation: str | None     # pinned by enrolment or by the first bundle opened
    source: str                  # "enrolled" (round trust-cdo) or "installed" (file next to the app / environment)
    added_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, "organisation": self.organisation, "source": self.source,
                "added_at": iso_utc(self.added_at)}


@dataclass(frozen=True)
class ReviewEntry:
    """Something the owner must look at in this year's algorithm, raised when it was carried over."""

    form_id: str
    kind: str                                  # a migration review kind, or "no_map" / "form_dropped"
    reason: Mapping[str, str]                  # {nl, en}
    question: str | None = None                # the question in this year's form (None: about the outcome / removed)
    old_question: str | None = None            # the question in last year's form
    old_answers: tuple[str, ...] = ()
    proposed: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    options: tuple[tuple[str, str | None], ...] = ()

    @property
    def informational(self) -> bool:
        """True when there is nothing to answer for it (a removed question, the outcome): it is shown, not resolved."""
        return self.question is None or self.kind in INFORMATION_KINDS

    def text(self, lang: str = "nl") -> str:
        return text_of(self.reason, lang)

    def to_json(self) -> dict[str, Any]:
        return {
            "form": self.form_id, "kind": self.kind, "reason": dict(self.reason), "question": self.question,
            "old_question": self.old_question, "old_answers": list(self.old_answers), "proposed": list(self.proposed),
            "choices": list(self.choices), "options": [[a, c] for a, c in self.options],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReviewEntry:
        return cls(
            form_id=str(data["form"]), kind=str(data["kind"]),
            reason={str(k): str(v) for k, v in dict(data.get("reason") or {}).items()},
            question=data.get("question"), old_question=data.get("old_question"),
            old_answers=tuple(data.get("old_answers") or ()), proposed=tuple(data.get("proposed") or ()),
            choices=tuple(data.get("choices") or ()),
            options=tuple((str(a), None if c is None else str(c)) for a, c in data.get("options") or ()),
        )


@dataclass(frozen=True)
class FormCarry:
    """How one questionnaire's answers came over: from which version to which, and how."""

    form_id: str
    how: str                      # CARRY_SAME | CARRY_MIGRATED | CARRY_NONE
    from_version: str | None
    from_sha256: str | None
    to_version: str | None
    to_sha256: str | None
    carried: int = 0              # answers placed in this year's algorithm
    maps: tuple[str, ...] = ()    # the map files used, in order

    def to_json(self) -> dict[str, Any]:
        return {"form": self.form_id, "how": self.how, "from": {"version": self.from_version, "sha256": self.from_sha256},
                "to": {"version": self.to_version, "sha256": self.to_sha256}, "carried": self.carried,
                "maps": list(self.maps)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FormCarry:
        src, dst = dict(data.get("from") or {}), dict(data.get("to") or {})
        return cls(str(data["form"]), str(data["how"]), src.get("version"), src.get("sha256"), dst.get("version"),
                   dst.get("sha256"), int(data.get("carried") or 0), tuple(data.get("maps") or ()))


Answers = Mapping[str, Mapping[str, Sequence[str]]]   # form id -> question id -> answers


@dataclass(frozen=True)
class CarryOver:
    """The link from this year's algorithm to last year's, with what was carried over and what needs review."""

    algorithm_id: str
    previous_id: str | None              # last year's algorithm in this database (None once it is purged)
    previous_submission: str | None      # last year's submission id (the package's), when it was exported here
    round: str
    started_at: datetime
    previous_answers: Answers            # last year's answers as given (old question ids)
    proposed: Answers                    # what was prefilled this year (new question ids)
    forms: tuple[FormCarry, ...]
    review: tuple[ReviewEntry, ...]
    old_conclusion: str | None = None
    old_conclusion_ref: str | None = None
    old_category: str | None = None
    new_conclusion: str | None = None      # recomputed when it was carried over (before the owner changed anything)
    new_conclusion_ref: str | None = None

    @property
    def conclusion_changed_by_migration(self) -> bool:
        return any(r.kind == "conclusion_changed" for r in self.review)

    def to_json(self) -> dict[str, Any]:
        return {
            "algorithm_id": self.algorithm_id, "previous_id": self.previous_id,
            "previous_submission": self.previous_submission, "round": self.round, "started_at": iso_utc(self.started_at),
            "forms": [f.to_json() for f in self.forms], "review": [r.to_json() for r in self.review],
            "old_conclusion": self.old_conclusion, "old_conclusion_ref": self.old_conclusion_ref,
            "old_category": self.old_category, "new_conclusion": self.new_conclusion,
            "new_conclusion_ref": self.new_conclusion_ref,
        }


# --- what changed since last year ------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionChange:
    """One question of this year's algorithm compared with what was carried over."""

    form_id: str
    question: str
    state: str                        # one of QUESTION_STATES
    proposed: tuple[str, ...] = ()    # carried over from last year
    current: tuple[str, ...] = ()     # stored now

    def to_json(self) -> dict[str, Any]:
        return {"form": self.form_id, "question": self.question, "state": self.state, "proposed": list(self.proposed),
                "current": list(self.current)}


@dataclass
class YearChanges:
    """What changed since last year for one algorithm: per question, open review items, the two conclusions."""

    algorithm_id: str
    previous_id: str | None
    questions: list[QuestionChange] = field(default_factory=list)
    open_review: list[ReviewEntry] = field(default_factory=list)
    information: list[ReviewEntry] = field(default_factory=list)
    old_conclusion: str | None = None
    old_conclusion_ref: str | None = None
    new_conclusion: str | None = None
    new_conclusion_ref: str | None = None
    old_category: str | None = None
    new_category: str | None = None

    def _with(self, state: str) -> list[QuestionChange]:
        return [q for q in self.questions if q.state == state]

    @property
    def unconfirmed(self) -> list[QuestionChange]:
        return self._with(UNCONFIRMED)

    @property
    def changed(self) -> list[QuestionChange]:
        return self._with(CHANGED)

    @property
    def conclusion_changed(self) -> bool:
        return (self.old_conclusion_ref or self.old_conclusion) != (self.new_conclusion_ref or self.new_conclusion)

    @property
    def category_changed(self) -> bool:
        return self.old_category != self.new_category

    @property
    def ready(self) -> bool:
        """True when nothing carried over waits for the owner (no unconfirmed answer, no open review item)."""
        return not self.unconfirmed and not self.open_review

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        return {
            "algorithm_id": self.algorithm_id, "previous_id": self.previous_id,
            "counts": {s: len(self._with(s)) for s in QUESTION_STATES} | {"needs_review": len(self.open_review)},
            "questions": [q.to_json() for q in self.questions],
            "needs_review": [r.to_json() | {"text": r.text(lang)} for r in self.open_review],
            "information": [r.to_json() | {"text": r.text(lang)} for r in self.information],
            "conclusion": {"last_year": self.old_conclusion_ref or self.old_conclusion,
                           "this_year": self.new_conclusion_ref or self.new_conclusion, "changed": self.conclusion_changed},
            "category": {"last_year": self.old_category, "this_year": self.new_category, "changed": self.category_changed},
            "ready": self.ready,
        }

    def lines(self, lang: str = "nl") -> list[str]:
        """A short report for a terminal or the summary page, in Dutch or English."""
        en = lang == "en"
        out: list[str] = []
        old_c = self.old_conclusion_ref or self.old_conclusion or "-"
        new_c = self.new_conclusion_ref or self.new_conclusion or ("not decided yet" if en else "nog niet bepaald")
        if self.conclusion_changed:
            out.append(f"Conclusion: last year {old_c}, now {new_c}" if en else f"Conclusie: vorig jaar {old_c}, nu {new_c}")
        else:
            out.append(f"Conclusion: {new_c}, the same as last year" if en else f"Conclusie: {new_c}, gelijk aan vorig jaar")
        if self.category_changed:
            out.append(f"Category: last year {self.old_category or '-'}, now {self.new_category or '-'}" if en else
                        f"Categorie: vorig jaar {self.old_category or '-'}, nu {self.new_category or '-'}")
        counts = {s: len(self._with(s)) for s in QUESTION_STATES}
        if en:
            out.append(f"Answers: {counts[UNCONFIRMED]} still to confirm, {counts[CONFIRMED]} confirmed unchanged, "
                       f"{counts[CHANGED]} changed, {counts[NEW]} new, {counts[DROPPED]} not on the path (now)")
        else:
            out.append(f"Antwoorden: {counts[UNCONFIRMED]} nog te bevestigen, {counts[CONFIRMED]} ongewijzigd bevestigd, "
                       f"{counts[CHANGED]} gewijzigd, {counts[NEW]} nieuw, {counts[DROPPED]} (nu) niet op het pad")
        for q in self.changed:
            out.append(f"  {'changed' if en else 'gewijzigd'} {q.form_id}/{q.question}: "
                       f"{', '.join(q.proposed) or '-'} → {', '.join(q.current) or '-'}")
        if self.open_review:
            out.append("To review:" if en else "Te beoordelen:")
            out.extend(f"  {r.form_id}/{r.question}: {r.text(lang)}" for r in self.open_review)
        if self.information:
            out.append("For your information:" if en else "Ter informatie:")
            out.extend(f"  {r.form_id}{'/' + r.old_question if r.old_question else ''}: {r.text(lang)}" for r in self.information)
        return out


@dataclass(frozen=True)
class CurrentAnswer:
    """An answer as stored now (what the storage layer's StoredAnswer carries that matters here)."""

    answers: tuple[str, ...]
    status: str


def changes_since_last_year(carry: CarryOver, current: Mapping[str, Mapping[str, Any]], *,
                            on_path: Mapping[str, Sequence[str]] | None = None,
                            conclusion: str | None = None, conclusion_ref: str | None = None,
                            category: str | None = None) -> YearChanges:
    """Compare the carried-over proposals with the answers stored now.

    `current` maps form id -> question id -> an object with `answers` and `status` (StoredAnswer or
    CurrentAnswer). `on_path` (form id -> the question ids on the path now, plus the open question)
    tells which answers and review items still matter; without it every stored answer that is not set
    aside counts. `conclusion`, `conclusion_ref` and `category` are this year's as the algorithm holds them now.
    """
    out = YearChanges(carry.algorithm_id, carry.previous_id, old_conclusion=carry.old_conclusion,
                      old_conclusion_ref=carry.old_conclusion_ref, new_conclusion=conclusion,
                      new_conclusion_ref=conclusion_ref, old_category=carry.old_category, new_category=category)
    form_ids = list(dict.fromkeys([*carry.proposed.keys(), *current.keys()]))
    for form_id in form_ids:
        proposed = carry.proposed.get(form_id, {})
        stored = current.get(form_id, {})
        path = set(on_path[form_id]) if on_path is not None and form_id in on_path else None
        order = list(dict.fromkeys([*proposed.keys(), *stored.keys()]))
        for qid in order:
            given = stored.get(qid)
            counts = given is not None and given.status != "set_aside" and (path is None or qid in path)
            now = tuple(given.answers) if counts and given is not None else ()
            was = tuple(proposed.get(qid, ()))
            if qid in proposed:
                if not counts:
                    state = DROPPED
                elif given is not None and given.status == "prefilled":
                    state = UNCONFIRMED
                elif now == was:
                    state = CONFIRMED
                else:
                    state = CHANGED
            elif counts:
                state = NEW
            else:
                continue
            out.questions.append(QuestionChange(form_id, qid, state, was, now))
    for item in carry.review:
        if item.informational:
            out.information.append(item)
            continue
        if on_path is not None and item.form_id in on_path and item.question not in set(on_path[item.form_id]):
            continue  # the path no longer passes this question: nothing to review there
        given = current.get(item.form_id, {}).get(item.question or "")
        if given is None or given.status != "confirmed":
            out.open_review.append(item)
    return out


# --- the CDO side: a round's files, exported bundles, links between submissions ----------------------


@dataclass(frozen=True)
class RoundFile:
    """A file of a round as the CDO database keeps it: a form of the round, an earlier form a map starts from, or a map."""

    role: str                # "form" | "previous" | "map"
    name: str                # the file it came from
    form_id: str | None
    version: str | None
    sha256: str              # forms: content hash; maps: SHA-256 of the file
    data: bytes


@dataclass(frozen=True)
class RoundDetails:
    """What the CDO declared about a round: organisation, deadline, units, files, and the bundles exported."""

    name: str
    organisation: str | None
    deadline: str | None
    units: tuple[str, ...]
    files: tuple[RoundFile, ...]
    bundles: tuple[BundleRecord, ...] = ()

    def with_role(self, role: str) -> list[RoundFile]:
        return [f for f in self.files if f.role == role]

    def to_json(self) -> dict[str, Any]:
        return {
            "round": self.name, "organisation": self.organisation, "deadline": self.deadline, "units": list(self.units),
            "forms": [{"id": f.form_id, "version": f.version, "sha256": f.sha256, "file": f.name} for f in self.with_role("form")],
            "previous_forms": [{"id": f.form_id, "version": f.version, "sha256": f.sha256, "file": f.name}
                               for f in self.with_role("previous")],
            "maps": [{"file": f.name, "form": f.form_id, "sha256": f.sha256} for f in self.with_role("map")],
            "bundles": [b.to_json() for b in self.bundles],
        }


@dataclass(frozen=True)
class BundleRecord:
    """A round bundle the CDO exported."""

    round: str
    sequence: int
    sha256: str
    fingerprint: str
    created_at: datetime
    created_by: str

    def to_json(self) -> dict[str, Any]:
        return {"round": self.round, "sequence": self.sequence, "sha256": self.sha256, "fingerprint": self.fingerprint,
                "created_at": iso_utc(self.created_at), "created_by": self.created_by}


@dataclass(frozen=True)
class SubmissionLink:
    """What a stored submission says about its lineage and questionnaire: last year's submission, the AI-Act form."""

    row_id: int
    previous: str | None
    ai_form_id: str | None
    ai_form_version: str | None
    ai_form_sha256: str | None
