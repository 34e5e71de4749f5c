"""The CDO dashboard of one round: A/B/C per unit, units that have not delivered, high-risk systems without a
human-rights test, A/B not (yet) published and why, and what changed since the previous round.

An algorithm carried over into a new round has a new id on the owner's side; its package names last
year's submission (`previous` in the manifest), so changes are matched along that link, else by the
same algorithm id. For a category or AI-Act conclusion that changed while the questionnaire version
changed too, cdo/rounds.py tells whether the new tree explains it (`Change.cause`, `Dashboard.tree_changes`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from algoinventaris.cdo.records import CATEGORY_KEYS, CategoryCount, SubmissionInfo, name_key
from algoinventaris.cdo.texts import not_published_text


@dataclass(frozen=True)
class Change:
    """One difference with the previous round for one algorithm."""

    kind: str  # "new" | "gone" | "category" | "conclusion"
    algorithm_id: str
    algorithm: str
    unit: str
    before: str | None = None
    after: str | None = None
    row_id: int | None = None
    cause: str | None = None  # with a new tree version: "tree", "answers", "tree-and-answers" or "unknown"

    def describe(self, lang: str = "nl") -> str:
        en = lang == "en"
        if self.kind == "new":
            return "new this round" if en else "nieuw in deze ronde"
        if self.kind == "gone":
            return "not delivered again this round" if en else "deze ronde niet opnieuw ingediend"
        names = {"category": ("categorie", "category"), "conclusion": ("conclusie AI-verordening", "AI Act conclusion")}
        what = names[self.kind][1 if en else 0]
        text = f"{what}: {self.before or '-'} → {self.after or '-'}"
        if self.cause is not None:
            from algoinventaris.cdo.rounds import cause_text

            text += f" ({cause_text(self.cause, lang)})"
        return text


@dataclass
class Dashboard:
    """Everything the dashboard of one round shows."""

    round: str
    previous: str | None
    units: list[CategoryCount] = field(default_factory=list)
    not_delivered: list[str] = field(default_factory=list)
    high_risk_without_test: list[SubmissionInfo] = field(default_factory=list)
    unpublished: list[SubmissionInfo] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    submissions: list[SubmissionInfo] = field(default_factory=list)
    tree_changes: list[Any] = field(default_factory=list)  # cdo.rounds.TreeChange: outcome changes with the tree version

    @property
    def totals(self) -> dict[str, int]:
        out = {k: 0 for k in (*CATEGORY_KEYS, "?")}
        for row in self.units:
            for key, count in row.counts.items():
                out[key] = out.get(key, 0) + count
        out["total"] = sum(v for k, v in out.items() if k != "total")
        return out

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        return {
            "round": self.round,
            "previous_round": self.previous,
            "units": [{"unit": c.unit, **{k: c.get(k) for k in CATEGORY_KEYS}, "unknown": c.get("?"), "total": c.total}
                      for c in self.units],
            "totals": {**{k: self.totals[k] for k in CATEGORY_KEYS}, "unknown": self.totals["?"], "total": self.totals["total"]},
            "not_delivered": list(self.not_delivered),
            "high_risk_without_human_rights_test": [
                {"submission_id": s.submission_id, "algorithm": s.algorithm_name, "unit": s.unit, "human_rights_test": s.human_rights_test}
                for s in self.high_risk_without_test],
            "not_published": [
                {"submission_id": s.submission_id, "algorithm": s.algorithm_name, "unit": s.unit, "category": s.category,
                 "exclusion_ground": s.exclusion_ground, "reason": not_published_text(s.not_published_reason, lang)}
                for s in self.unpublished],
            "changes": [{"kind": c.kind, "algorithm": c.algorithm, "unit": c.unit, "before": c.before, "after": c.after,
                         "cause": c.cause, "text": c.describe(lang)} for c in self.changes],
            "outcome_changes": [t.to_json(lang) for t in self.tree_changes],
        }


def build_dashboard(repo: Any, round_name: str, *, organisation: str | None = None) -> Dashboard:
    """Assemble the dashboard of a round from the CDO repository (NotFound when the round is unknown).

    With `organisation` (a department) only its submissions and units count.
    """
    info = repo.get_round(round_name)
    previous = repo.previous_round(info.name)
    expected = repo.expected_units(info.name)
    subs = repo.list_submissions(info.name, organisation=organisation)
    if organisation is None:
        counts = repo.category_counts(info.name)
    else:
        table: dict[str, dict[str, int]] = {}
        for sub in subs:
            per = table.setdefault(sub.unit, {})
            per[sub.category or "?"] = per.get(sub.category or "?", 0) + 1
        counts = [CategoryCount(info.name, unit, c) for unit, c in table.items()]
        orgs = {name_key(u.name): u.organisation for u in repo.list_units()}
        expected = [u for u in expected if name_key(orgs.get(name_key(u)) or "") == name_key(organisation)]
    delivered = {name_key(c.unit) for c in counts}
    rows = list(counts)
    rows += [CategoryCount(info.name, unit, {}) for unit in expected if name_key(unit) not in delivered]
    rows.sort(key=lambda c: name_key(c.unit))
    dash = Dashboard(info.name, previous.name if previous else None, rows, submissions=subs)
    dash.not_delivered = [u for u in expected if name_key(u) not in delivered]
    dash.high_risk_without_test = [s for s in subs if (s.high_risk or s.category == "A") and s.human_rights_test != "done"]
    dash.unpublished = [s for s in subs if s.category in ("A", "B") and not s.publishable]
    if previous is not None:
        from algoinventaris.cdo.rounds import lineage_map, tree_changes

        lineage = lineage_map(repo, info.name, previous.name, subs)
        dash.changes = changes_between(repo.list_submissions(previous.name, organisation=organisation), subs, lineage=lineage)
        dash.tree_changes = tree_changes(repo, info.name, organisation=organisation)
        causes = {t.row_id: t.cause for t in dash.tree_changes if t.tree_changed}
        dash.changes = [Change(c.kind, c.algorithm_id, c.algorithm, c.unit, c.before, c.after, c.row_id, causes.get(c.row_id or -1))
                        if c.kind in ("category", "conclusion") else c for c in dash.changes]
    return dash


def changes_between(before: list[SubmissionInfo], after: list[SubmissionInfo], *,
                    lineage: Mapping[str, str] | None = None) -> list[Change]:
    """New and missing algorithms, changed categories and AI-Act conclusions, by algorithm id.

    `lineage` maps an algorithm id of this round to the id its record has in the previous round (an algorithm
    carried over into a new round gets a new id); without an entry the same id is looked for.
    """
    old = {s.algorithm_id: s for s in before}
    new = {s.algorithm_id: s for s in after}
    links = lineage or {}
    matched: set[str] = set()
    out: list[Change] = []
    for alg_id, sub in new.items():
        prev = old.get(links.get(alg_id, alg_id))
        if prev is None:
            out.append(Change("new", alg_id, sub.algorithm_name, sub.unit, None, sub.category, sub.id))
            continue
        matched.add(prev.algorithm_id)
        if prev.category != sub.category:
            out.append(Change("category", alg_id, sub.algorithm_name, sub.unit, prev.category, sub.category, sub.id))
        if (prev.conclusion_ref or prev.conclusion) != (sub.conclusion_ref or sub.conclusion):
            out.append(Change("conclusion", alg_id, sub.algorithm_name, sub.unit, prev.conclusion_title or prev.conclusion,
                              sub.conclusion_title or sub.conclusion, sub.id))
    for alg_id, prev in old.items():
        if alg_id not in matched:
            out.append(Change("gone", alg_id, prev.algorithm_name, prev.unit, prev.category, None, prev.id))
    order = {"gone": 0, "category": 1, "conclusion": 2, "new": 3}
    return sorted(out, key=lambda c: (order[c.kind], name_key(c.unit), c.algorithm.casefold()))


def status(repo: Any, round_name: str | None = None) -> dict[str, Any]:
    """`cdo status --json`: per round the counts per unit and category (A, B, C), totals, units not delivered."""
    rounds = [repo.get_round(round_name)] if round_name else repo.list_rounds()
    out: list[dict[str, Any]] = []
    for info in rounds:
        counts = repo.category_counts(info.name)
        expected = repo.expected_units(info.name)
        have = {name_key(c.unit) for c in counts}
        units = [{"unit": c.unit, **{k: c.get(k) for k in CATEGORY_KEYS}, "unknown": c.get("?"), "total": c.total} for c in counts]
        units += [{"unit": u, "A": 0, "B": 0, "C": 0, "unknown": 0, "total": 0} for u in expected if name_key(u) not in have]
        units.sort(key=lambda u: name_key(str(u["unit"])))
        totals = {k: sum(int(u[k]) for u in units) for k in (*CATEGORY_KEYS, "unknown", "total")}
        entry: dict[str, Any] = {"round": info.name, "units": units, "totals": totals,
                                 "not_delivered": [u for u in expected if name_key(u) not in have]}
        previous = repo.previous_round(info.name)
        if previous is not None:
            from algoinventaris.cdo.rounds import tree_changes

            entry["previous_round"] = previous.name
            entry["outcome_changes"] = [t.to_json() for t in tree_changes(repo, info.name)]
        out.append(entry)
    return {"database": repo.display, "rounds": out, "quarantine_waiting": repo.counts()["quarantine"]}
