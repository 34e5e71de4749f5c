"""The CDO's prefilled drafts: plan an import of register entries or spreadsheet rows against the stored drafts, then confirm.

`plan_import(repo, records, round_name=..., source=...)` reads only: per record (domain/register_import.py's
ImportedRecord, from a register file or a spreadsheet row) whether it becomes a new draft, updates the
draft it matches, leaves it unchanged, or repeats an earlier record of the same import (the same LARS or
source id, or the same organisation + name with the same content: not written). A stored draft of the
round matches when both have a LARS id and they are equal; else when both have a source id and they are
equal; else when organisation and name are equal (case and spacing ignored). The match is shown.
Records that share organisation + name but differ (the register's templates of two vendors do) both
become drafts, with a warning; on a re-import each pairs with the stored draft of the same content, else
the one read from the same place. `apply_plan(repo, plan, actor=...)` writes the new and updated drafts
in one transaction, and refuses when the round's drafts changed after the plan was made (the CDO
previews again). `import_register_files` reads register files (JSON, CSV, XLSX) and plans them; a file
that cannot be read stops it before anything is planned.

A re-import of unchanged records plans only "unchanged" and writes nothing: no revision, no time, no
audit line. An updated draft keeps its id and unit and gets the next revision.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from algoinventaris.cdo.records import name_key
from algoinventaris.domain.drafts import SOURCE_REGISTER, SOURCES, Draft, DraftDeviation
from algoinventaris.domain.register_import import ImportedRecord
from algoinventaris.package.errors import PackageError

if TYPE_CHECKING:
    from algoinventaris.domain.rounds import RoundDetails
    from algoinventaris.formengine.model import Form

NEW, UPDATE, UNCHANGED, DUPLICATE = "new", "update", "unchanged", "duplicate"
ACTIONS = (NEW, UPDATE, UNCHANGED, DUPLICATE)
MAX_TWIN_WARNINGS = 20

ACTION_TEXT = {
    NEW: ("nieuw", "new"),
    UPDATE: ("bijgewerkt", "updated"),
    UNCHANGED: ("ongewijzigd", "unchanged"),
    DUPLICATE: ("dubbel", "duplicate"),
}
MATCH_TEXT = {
    "lars": ("LARS-id", "LARS id"),
    "source_id": ("bron-id", "source id"),
    "organisation+name": ("organisatie + naam", "organisation + name"),
}


class DraftError(PackageError):
    """Drafts cannot be planned or stored as asked (unknown round, changed since the preview, ...); in Dutch and English."""


class DraftReadError(DraftError):
    """One or more files cannot be read; `problems` names each file and what is wrong (nothing was planned)."""

    def __init__(self, problems: Sequence[str]) -> None:
        text = "; ".join(problems)
        super().__init__(text, text)
        self.problems = list(problems)


def _say(lang: str, nl: str, en: str) -> str:
    return en if lang == "en" else nl


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def match_text(kind: str | None, value: str, lang: str = "nl") -> str:
    """'LARS-id 12345678', 'bron-id X', "organisatie + naam 'Org / Naam'" for a person."""
    if kind is None:
        return ""
    label = _pick(MATCH_TEXT.get(kind, (kind, kind)), lang)
    return f"{label} '{value}'" if kind == "organisation+name" else f"{label} {value}"


# --- keys -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Keys:
    """What a record or draft is recognised by: LARS id, source id, organisation + name (case and spacing folded)."""

    lars: str
    source_id: str
    name: str           # name_key(organisation) + " / " + name_key(name)
    shown: dict[str, str]

    def value(self, kind: str) -> str:
        return self.shown.get(kind, "")


class _KeyFields:
    """The register question ids of the key fields (question ids differ from the standard's field names)."""

    def __init__(self, form: Form) -> None:
        from algoinventaris.domain.register import register_questions

        by_field = register_questions(form)
        self.order = [q.id for q in form.questions]

        def qid(name: str) -> str:
            q = by_field.get(name)
            return q.id if q is not None else name

        self.lars, self.source_id, self.organisation, self.name = (qid("lars"), qid("source_id"), qid("organization"),
                                                                     qid("name"))

    def keys(self, answers: Mapping[str, str], name: str, organisation: str) -> _Keys:
        lars = answers.get(self.lars, "").strip()
        source_id = answers.get(self.source_id, "").strip()
        org = " ".join(answers.get(self.organisation, "").split()) or " ".join(organisation.split())
        shown_name = " ".join(answers.get(self.name, "").split()) or " ".join(name.split())
        return _Keys(lars.casefold(), source_id, f"{name_key(org)} / {name_key(shown_name)}",
                     {"lars": lars, "source_id": source_id, "organisation+name": f"{org} / {shown_name}"})

    def ordered(self, ids: set[str]) -> tuple[str, ...]:
        position = {q: n for n, q in enumerate(self.order)}
        return tuple(sorted(ids, key=lambda q: (position.get(q, len(position)), q)))


def _match(a: _Keys, b: _Keys) -> str | None:
    """How two keys match (the issue's rule), or None."""
    if a.lars and b.lars:
        return "lars" if a.lars == b.lars else None
    if a.source_id and b.source_id:
        return "source_id" if a.source_id == b.source_id else None
    return "organisation+name" if a.name == b.name else None


class _Index:
    """Items (stored drafts, or the records of this import) by their keys, so that matching is no comparison of all pairs."""

    def __init__(self) -> None:
        self.strong: dict[tuple[str, str], list[tuple[_Keys, Any]]] = {}      # ("lars" | "source_id", value)
        self.by_content: dict[tuple[str, str], list[tuple[_Keys, Any]]] = {}  # (name key, content)
        self.by_origin: dict[tuple[str, str], list[tuple[_Keys, Any]]] = {}   # (name key, where it was read)
        self.by_name: dict[str, list[tuple[_Keys, Any]]] = {}
        self.skip: dict[str, int] = {}      # per name key: how many leading items of by_name are taken for good

    def add(self, keys: _Keys, item: Any, content: str, origin: str) -> None:
        entry = (keys, item)
        for kind, value in (("lars", keys.lars), ("source_id", keys.source_id)):
            if value:
                self.strong.setdefault((kind, value), []).append(entry)
        self.by_content.setdefault((keys.name, content), []).append(entry)
        self.by_origin.setdefault((keys.name, origin), []).append(entry)
        self.by_name.setdefault(keys.name, []).append(entry)

    def find_strong(self, keys: _Keys) -> list[tuple[str, Any]]:
        """The items matching on LARS id, then those matching on source id (the issue's rule), in the order added."""
        out: list[tuple[str, Any]] = []
        for kind, value in (("lars", keys.lars), ("source_id", keys.source_id)):
            for other, item in self.strong.get((kind, value), []) if value else []:
                if _match(keys, other) == kind:
                    out.append((kind, item))
        return out

    def _named(self, entries: list[tuple[_Keys, Any]], keys: _Keys) -> list[Any]:
        return [item for other, item in entries if _match(keys, other) is not None]

    def with_content(self, keys: _Keys, content: str) -> list[Any]:
        """The items with the same organisation + name and the same content (so the same ids, if any)."""
        return self._named(self.by_content.get((keys.name, content), []), keys)

    def with_origin(self, keys: _Keys, origin: str) -> list[Any]:
        """The items matching on organisation + name that were read from the same place."""
        return [item for other, item in self.by_origin.get((keys.name, origin), []) if _match(keys, other) == "organisation+name"]

    def first_named(self, keys: _Keys, taken: Callable[[Any], bool] = lambda _: False) -> Any:
        """The first item matching on organisation + name that is not taken (None when there is none)."""
        entries = self.by_name.get(keys.name, [])
        start = self.skip.get(keys.name, 0)
        while start < len(entries) and taken(entries[start][1]):
            start += 1                      # taken items stay taken: later calls start after them
        self.skip[keys.name] = start
        for other, item in entries[start:]:
            if not taken(item) and _match(keys, other) == "organisation+name":
                return item
        return None


# --- the plan ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedDraft:
    """What will happen to one record: a new draft, an update of the draft it matches, nothing (unchanged), or not at all."""

    record: ImportedRecord
    action: str                       # one of ACTIONS
    matched_by: str | None            # "lars" | "source_id" | "organisation+name" when a stored draft matched
    existing: Draft | None            # the stored draft it matched
    unit: str                         # the unit it will have ("" = not yet assigned)
    changes: tuple[str, ...]          # register question ids whose value changes (action "update")
    draft: Draft | None               # the draft as it will be stored (None for "duplicate")
    duplicate_of: str | None = None   # action "duplicate": where the earlier record of this import with the same key was read
    match_value: str = ""             # the value the match was found on, as the stored draft has it
    other_changes: tuple[str, ...] = ()   # besides answers: "name", "not_mapped" when those change

    @property
    def name(self) -> str:
        return self.draft.name if self.draft is not None else (self.record.name or self.record.source)

    def describe(self, lang: str = "nl") -> str:
        """E.g. 'bijgewerkt — gevonden op LARS-id 12345678 (3 velden anders)'."""
        action = _pick(ACTION_TEXT[self.action], lang)
        if self.action == DUPLICATE:
            return _say(lang, f"{action} — zelfde sleutel als {self.duplicate_of}; niet overgenomen",
                        f"{action} — same key as {self.duplicate_of}; not taken")
        if self.action == NEW:
            return action
        found = _say(lang, "gevonden op ", "found on ") + match_text(self.matched_by, self.match_value, lang)
        if self.action == UNCHANGED:
            return f"{action} — {found}"
        parts = []
        if self.changes:
            n = len(self.changes)
            parts.append(_say(lang, f"{n} {'veld' if n == 1 else 'velden'} anders", f"{n} field{'' if n == 1 else 's'} differ"))
        if "name" in self.other_changes:
            parts.append(_say(lang, "naam anders", "name differs"))
        if "not_mapped" in self.other_changes:
            parts.append(_say(lang, "niet-overgenomen waarden anders", "not-mapped values differ"))
        return f"{action} — {found}" + (f" ({', '.join(parts)})" if parts else "")

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        d = self.draft
        return {
            "origin": self.record.source, "name": self.name, "action": self.action, "text": self.describe(lang),
            "matched_by": self.matched_by, "match_value": self.match_value or None,
            "existing": self.existing.id if self.existing is not None else None,
            "id": d.id if d is not None else None, "revision": d.revision if d is not None else None, "unit": self.unit,
            "changes": list(self.changes), "other_changes": list(self.other_changes), "duplicate_of": self.duplicate_of,
            "deviations": len(self.record.deviations), "not_mapped": len(self.record.not_mapped),
        }


@dataclass
class DraftPlan:
    """The preview of an import: one PlannedDraft per record, in the order read, and warnings (e.g. unknown units)."""

    round: str
    organisation: str
    source: str
    items: list[PlannedDraft]
    warnings: list[str] = field(default_factory=list)
    state: str = ""                                       # the round's drafts_state when planned (apply_plan checks it)
    files: list[str] = field(default_factory=list)       # the files read (import_register_files)

    def counts(self) -> dict[str, int]:
        """How many records per action (every action named, 0 when none)."""
        out = dict.fromkeys(ACTIONS, 0)
        for item in self.items:
            out[item.action] += 1
        return out

    @property
    def writes(self) -> bool:
        """Whether confirming would store anything (a new or updated draft)."""
        return any(i.action in (NEW, UPDATE) for i in self.items)

    def counts_text(self, lang: str = "nl") -> str:
        counts = self.counts()
        return ", ".join(f"{counts[a]} {_pick(ACTION_TEXT[a], lang)}" for a in ACTIONS)

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        return {"round": self.round, "organisation": self.organisation, "source": self.source, "files": list(self.files),
                "counts": self.counts(), "warnings": list(self.warnings), "items": [i.to_json(lang) for i in self.items]}


def _round_of(repo: Any, round_name: str) -> RoundDetails:
    """The round's details; DraftError naming the round and the command when it is unknown or has no organisation."""
    from algoinventaris.storage.errors import NotFound

    try:
        details: RoundDetails = repo.round_details(round_name)
    except NotFound as err:
        known = ", ".join(r.name for r in repo.list_rounds()) or "-"
        raise DraftError(f"Er is geen ronde '{round_name}' in de CDO-database (bekend: {known}). Maak die eerst met "
                         f"'cdo round create \"{round_name}\" --organisation NAAM --units ...'.",
                         f"There is no round '{round_name}' in the CDO database (known: {known}). Create it first with "
                         f"'cdo round create \"{round_name}\" --organisation NAME --units ...'.") from err
    if not details.organisation:
        raise DraftError(f"Ronde '{details.name}' heeft nog geen organisatie; geef die met "
                         f"'cdo round create \"{details.name}\" --organisation NAAM'.",
                         f"Round '{details.name}' has no organisation yet; give it with "
                         f"'cdo round create \"{details.name}\" --organisation NAME'.")
    return details


def _deviations(record: ImportedRecord, name_qid: str, lang: str) -> tuple[DraftDeviation, ...]:
    devs = [DraftDeviation(d.kind, d.field, d.value, d.message) for d in record.deviations]
    if not record.name.strip() and not any(d.field in ("name", name_qid) and d.kind == "missing" for d in devs):
        devs.append(DraftDeviation("missing", "name", "", _say(lang, f"Naam: ontbreekt; het concept heet naar waar het "
                                                                     f"gelezen is ({record.source})",
                                                               f"Name: missing; the draft is named after where it was "
                                                               f"read ({record.source})")))
    return tuple(devs)


@dataclass(frozen=True)
class _Read:
    """What one record would become: its name, keys, answers, not-mapped values, deviations and unit."""

    record: ImportedRecord
    origin: str
    name: str
    keys: _Keys
    kind: str
    answers: dict[str, str]
    not_mapped: dict[str, str]
    deviations: tuple[DraftDeviation, ...]
    unit: str
    content: str             # name, answers and not-mapped values as one text, to compare with a stored draft

    @classmethod
    def of(cls, record: ImportedRecord, keyf: _KeyFields, organisation: str, lang: str) -> _Read:
        name = " ".join(record.name.split()) or record.source
        keys = keyf.keys(record.draft, name, organisation)
        kind = "lars" if keys.lars else "source_id" if keys.source_id else "organisation+name"
        answers, not_mapped = dict(record.draft), dict(record.not_mapped)
        return cls(record, record.source, name, keys, kind, answers, not_mapped, _deviations(record, keyf.name, lang),
                   " ".join((record.unit or "").split()), _content_of(name, answers, not_mapped))


def _content_of(name: str, answers: Mapping[str, str], not_mapped: Mapping[str, str]) -> str:
    return json.dumps([name, dict(answers), dict(not_mapped)], sort_keys=True, ensure_ascii=False)


def _content(d: Draft) -> str:
    return _content_of(d.name, d.answers, d.not_mapped)


def _planned(read: _Read, matched_by: str, existing: Draft, keyf: _KeyFields, organisation: str, round_name: str,
             source: str, existing_content: str) -> PlannedDraft:
    """The plan for a record that matched a stored draft: unchanged, or an update keeping id and unit."""
    found_on = keyf.keys(existing.answers, existing.name, existing.organisation or organisation).value(matched_by)
    if read.content == existing_content:
        return PlannedDraft(read.record, UNCHANGED, matched_by, existing, existing.unit, (), existing, match_value=found_on)
    changed = {q for q in set(read.answers) | set(existing.answers) if read.answers.get(q, "") != existing.answers.get(q, "")}
    other = tuple(x for x, differs in (("name", read.name != existing.name),
                                       ("not_mapped", read.not_mapped != dict(existing.not_mapped))) if differs)
    draft = Draft(id=existing.id, organisation=organisation, unit=existing.unit, round=round_name, name=read.name, source=source,
                  origin=read.origin, match_kind=read.kind, match_value=read.keys.value(read.kind), revision=existing.revision + 1,
                  answers=read.answers, not_mapped=read.not_mapped, deviations=read.deviations)
    return PlannedDraft(read.record, UPDATE, matched_by, existing, existing.unit, keyf.ordered(changed), draft,
                        match_value=found_on, other_changes=other)


def plan_import(repo: Any, records: Sequence[ImportedRecord], *, round_name: str, source: str, unit: str | None = None,
                lang: str = "nl", form: Form | None = None) -> DraftPlan:
    """Plan drafts from records for a round (reads only); DraftError when the round is unknown or has no organisation.

    A new draft gets the record's unit, else `unit`, else "" (not yet assigned); a stored draft keeps its unit.
    `form` is the register questionnaire (default: the bundled forms/register).
    """
    from algoinventaris.domain.register_import import default_form

    if source not in SOURCES:
        raise DraftError(f"Onbekende bron '{source}' (kan: {', '.join(SOURCES)}).", f"Unknown source '{source}' "
                         f"(possible: {', '.join(SOURCES)}).")
    details = _round_of(repo, round_name)
    organisation = " ".join((details.organisation or "").split())
    keyf = _KeyFields(form if form is not None else default_form())
    state = repo.drafts_state(details.name)                 # read before the drafts: a change in between is caught
    stored = _Index()
    contents: dict[str, str] = {}                     # stored draft id -> its content
    for d in repo.list_drafts(details.name):
        contents[d.id] = _content(d)
        stored.add(keyf.keys(d.answers, d.name, d.organisation or organisation), d, contents[d.id], d.origin)
    known_units = {name_key(u): u for u in details.units}
    warnings: list[str] = []
    default_unit = " ".join((unit or "").split())
    if default_unit and known_units and name_key(default_unit) not in known_units:
        warnings.append(_say(lang, f"Onderdeel '{default_unit}' hoort niet bij de onderdelen van ronde '{details.name}' "
                                   f"({', '.join(details.units)}).",
                             f"Unit '{default_unit}' is not one of the units of round '{details.name}' "
                             f"({', '.join(details.units)})."))
    unknown_units: dict[str, tuple[str, list[str]]] = {}  # unit key -> (the unit as written, the new drafts naming it)
    twins: list[str] = []
    seen = _Index()                                   # the records of this import taken so far (items: where read)
    claimed: dict[str, str] = {}                      # stored draft id -> where the record that matched it was read
    slots: list[PlannedDraft | None] = []
    deferred: list[tuple[int, _Read]] = []
    # Pass 1: repeats within this import; matches on LARS or source id; records identical to a stored draft of the
    # same organisation + name. Pass 2 (below) pairs the remaining records with stored drafts on organisation + name.
    for record in records:
        read = _Read.of(record, keyf, organisation, lang)
        strong = stored.find_strong(read.keys)
        repeat = seen.find_strong(read.keys) or [("", o) for o in seen.with_content(read.keys, read.content)]
        first = repeat[0][1] if repeat else claimed.get(strong[0][1].id) if strong else None
        if first is not None:
            existing = strong[0][1] if strong else None
            slots.append(PlannedDraft(record, DUPLICATE, strong[0][0] if strong else None, existing,
                                      existing.unit if existing else "", (), None, duplicate_of=first))
            continue
        twin = seen.first_named(read.keys)
        if twin is not None:
            twins.append(_say(lang, f"{read.origin}: zelfde organisatie en naam als {twin}, maar een andere inhoud; beide "
                                    "worden een concept. Geef ze een LARS-id of bron-id om ze zeker uit elkaar te houden.",
                              f"{read.origin}: same organisation and name as {twin}, but other content; both become drafts. "
                              "Give them a LARS id or source id to keep them apart for certain."))
        seen.add(read.keys, read.origin, read.content, read.origin)
        if strong:
            if len(strong) > 1:
                warnings.append(_say(lang, f"{read.origin}: past bij {len(strong)} opgeslagen concepten; het eerste "
                                           f"('{strong[0][1].name}', {strong[0][1].id}) wordt gebruikt.",
                                     f"{read.origin}: matches {len(strong)} stored drafts; the first "
                                     f"('{strong[0][1].name}', {strong[0][1].id}) is used."))
            claimed[strong[0][1].id] = read.origin
            slots.append(_planned(read, strong[0][0], strong[0][1], keyf, organisation, details.name, source, contents[strong[0][1].id]))
            continue
        same = next((d for d in stored.with_content(read.keys, read.content) if d.id not in claimed), None)
        if same is not None:
            claimed[same.id] = read.origin
            slots.append(_planned(read, "organisation+name", same, keyf, organisation, details.name, source, contents[same.id]))
            continue
        deferred.append((len(slots), read))
        slots.append(None)
    for position, read in deferred:
        existing = next((d for d in stored.with_origin(read.keys, read.origin) if d.id not in claimed), None)
        if existing is None:
            existing = stored.first_named(read.keys, lambda d: d.id in claimed)
        if existing is not None:
            claimed[existing.id] = read.origin
            slots[position] = _planned(read, "organisation+name", existing, keyf, organisation, details.name, source,
                                       contents[existing.id])
            continue
        new_unit = read.unit or default_unit
        if read.unit and known_units and name_key(read.unit) not in known_units:  # (an update keeps its stored unit)
            unknown_units.setdefault(name_key(read.unit), (read.unit, []))[1].append(read.origin)
        draft = Draft(id=str(uuid.uuid4()), organisation=organisation, unit=new_unit, round=details.name, name=read.name,
                      source=source, origin=read.origin, match_kind=read.kind, match_value=read.keys.value(read.kind),
                      revision=1, answers=read.answers, not_mapped=read.not_mapped, deviations=read.deviations)
        slots[position] = PlannedDraft(read.record, NEW, None, None, new_unit, (), draft)
    items = [item for item in slots if item is not None]
    for shown, origins in unknown_units.values():
        more = len(origins) - 1
        warnings.append(_say(lang, f"Onderdeel '{shown}' ({origins[0]}" + (f" en {more} andere" if more else "") + ") hoort niet "
                                   f"bij de onderdelen van ronde '{details.name}'; de concepten worden toch zo gepland.",
                             f"Unit '{shown}' ({origins[0]}" + (f" and {more} more" if more else "") + ") is not one of "
                             f"the units of round '{details.name}'; the drafts are planned with it all the same."))
    warnings.extend(twins[:MAX_TWIN_WARNINGS])
    if len(twins) > MAX_TWIN_WARNINGS:
        more = len(twins) - MAX_TWIN_WARNINGS
        warnings.append(_say(lang, f"... en nog {more} records met dezelfde organisatie en naam als een eerder record.",
                             f"... and {more} more records with the same organisation and name as an earlier one."))
    return DraftPlan(details.name, organisation, source, items, warnings, state)


def apply_plan(repo: Any, plan: DraftPlan, *, actor: str) -> dict[str, int]:
    """Store the plan's new and updated drafts in one transaction; returns the counts per action.

    Writes nothing when there is nothing new or changed. DraftError (nothing stored) when the round's drafts
    changed after the plan was made: preview again.
    """
    from algoinventaris.storage.cdo.repository import Conflict

    new = [i.draft for i in plan.items if i.action == NEW and i.draft is not None]
    updated = [i.draft for i in plan.items if i.action == UPDATE and i.draft is not None]
    counts = plan.counts()
    if not new and not updated:
        return counts
    detail = {"round": plan.round, "source": plan.source, "files": plan.files, "counts": counts,
              "new_ids": [d.id for d in new], "updated_ids": [d.id for d in updated]}
    try:
        repo.save_drafts(new, updated, actor=actor, audit_detail=detail, expect_state=(plan.round, plan.state))
    except Conflict as err:
        raise DraftError(f"De concepten van ronde '{plan.round}' zijn veranderd sinds dit voorbeeld is gemaakt; er is niets "
                         "opgeslagen. Bekijk het voorbeeld opnieuw en bevestig dan.",
                         f"The drafts of round '{plan.round}' changed after this preview was made; nothing was stored. "
                         "Preview again, then confirm.") from err
    return counts


def import_register_files(repo: Any, paths: Sequence[str | Path], *, round_name: str, unit: str | None = None,
                          lang: str = "nl", progress: Callable[[int, int, str], object] | None = None) -> DraftPlan:
    """Read register files (.json, .csv, .xlsx) and plan them as drafts of the round (reads only).

    DraftError when the round is unknown; DraftReadError naming every file that cannot be read (then nothing is planned).
    `progress(done, total, file name)` is called before each file is read, and with (total, total, "") before planning;
    an exception it raises (e.g. the person cancelled) stops the import.
    """
    from algoinventaris.domain.register_import import RegisterImportError, default_form, read_records
    from algoinventaris.formengine.errors import FormLoadError

    _round_of(repo, round_name)
    try:
        form = default_form()
    except (FormLoadError, OSError) as err:
        raise DraftError(f"Het registerformulier laadt niet: {err}", f"The register form does not load: {err}") from err
    records: list[ImportedRecord] = []
    problems: list[str] = []
    for n, path in enumerate(paths):
        if progress is not None:
            progress(n, len(paths), Path(path).name)
        try:
            records.extend(read_records(path, form=form, lang=lang))
        except RegisterImportError as err:
            problems.append(str(err))
    if problems:
        raise DraftReadError(problems)
    if progress is not None:
        progress(len(paths), len(paths), "")
    plan = plan_import(repo, records, round_name=round_name, source=SOURCE_REGISTER, unit=unit, lang=lang, form=form)
    plan.files = [Path(p).name for p in paths]
    return plan
