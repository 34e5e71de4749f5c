"""`forms check`: finds structural errors and logic defects in a form, by static checks and an exhaustive walk."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from algoinventaris.formengine.errors import FormLoadError
from algoinventaris.formengine.expr import referenced_answers, referenced_labels
from algoinventaris.formengine.fields import field_texts
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.model import Form, Rule, Text
from algoinventaris.formengine.paths import Exploration, explore


@dataclass(frozen=True)
class Finding:
    """One problem: severity, a short code, where (file:line) and a readable message."""

    severity: str  # "error" | "warning"
    code: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity.upper():7} {self.code:18} {self.where}: {self.message}"


class FindingsSummary:
    """Errors, warnings and the closing lines of a check report (shared by form and migration-map checks)."""

    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def findings_lines(self) -> list[str]:
        """The errors and warnings, one per line, and the verdict."""
        lines: list[str] = []
        for title, items in (("Errors", self.errors), ("Warnings", self.warnings)):
            if items:
                lines.append("")
                lines.append(f"{title} ({len(items)}):")
                lines.extend(f"  {item.where}: [{item.code}] {item.message}" for item in items)
        lines.append("")
        verdict = "OK" if self.ok else "FAILED"
        lines.append(f"{verdict}: {len(self.errors)} errors, {len(self.warnings)} warnings")
        return lines


@dataclass
class Report(FindingsSummary):
    """The result of checking one form."""

    path: str
    form: Form | None = None
    findings: list[Finding] = field(default_factory=list)
    exploration: Exploration | None = None

    def render(self) -> str:
        lines = [f"Form check: {self.path}"]
        if self.form is not None:
            f = self.form
            lines.append(f"  form      {f.id} version {f.version}")
            lines.append(f"  sha256    {f.content_hash}")
            lines.append(f"  languages {', '.join(f.languages)}")
            lines.append(f"  contents  {len(f.questions)} questions, {len(f.conclusions)} conclusions, {len(f.labels)} labels")
        if self.exploration is not None:
            ex = self.exploration
            kinds = Counter(p.end_kind for p in ex.paths)
            more = " (stopped early: too many paths)" if ex.truncated else ""
            lines.append(
                f"  paths     {len(ex.paths)} walked{more}: {kinds.get('conclusion', 0)} end in a conclusion, "
                f"{kinds.get('stuck', 0)} stuck, {kinds.get('cycle', 0)} loop")
        lines.extend(self.findings_lines())
        return "\n".join(lines)


def check_path(path: str | Path) -> Report:
    """Load and check a form folder or file."""
    report = Report(str(path))
    try:
        form = load_form(path)
    except FormLoadError as err:
        for problem in err.problems:
            where, _, msg = problem.rpartition(": ") if ": " in problem else ("", "", problem)
            report.findings.append(Finding("error", "schema", where or str(path), msg))
        return report
    return check_form(form, report)


def check_form(form: Form, report: Report | None = None) -> Report:
    """Run every check on a loaded form."""
    report = report or Report(form.path)
    report.form = form
    add = report.findings.append
    file = form.path

    def at(line: int) -> str:
        return f"{file}:{line}" if line else file

    # duplicates
    for kind, items in (("question", form.questions), ("conclusion", form.conclusions), ("label", form.labels),
                        ("glossary term", form.glossary)):
        counts = Counter(i.id for i in items)
        for item in items:
            if counts[item.id] > 1:
                add(Finding("error", "duplicate-id", at(item.line), f"{kind} id '{item.id}' is used {counts[item.id]} times"))
                counts[item.id] = 0
    for q in form.questions:
        counts = Counter(a.id for a in q.answers)
        refs = Counter(a.ref for a in q.answers if a.ref is not None)
        for a in q.answers:
            if counts[a.id] > 1:
                add(Finding("error", "duplicate-id", at(a.line), f"question '{q.id}': answer id '{a.id}' is used twice"))
                counts[a.id] = 0
            if a.ref is not None and refs[a.ref] > 1:
                add(Finding("error", "duplicate-ref", at(a.line), f"question '{q.id}': answer ref '{a.ref}' is used twice"))
                refs[a.ref] = 0
    for kind, items in (("question", form.questions), ("conclusion", form.conclusions)):
        refs = Counter(i.ref for i in items if i.ref is not None)
        for item in items:
            if item.ref is not None and refs[item.ref] > 1:
                add(Finding("error", "duplicate-ref", at(item.line), f"{kind} ref '{item.ref}' is used twice"))
                refs[item.ref] = 0

    # dangling references
    if form.question(form.start) is None:
        add(Finding("error", "dangling-id", file, f"start question '{form.start}' does not exist"))
    declared = set(form.label_map)
    set_labels: set[str] = set()
    tested_labels: set[str] = set()
    for q in form.questions:
        all_rules: list[tuple[str, Rule]] = [(f"question '{q.id}'", r) for r in q.rules]
        for a in q.answers:
            for lab in a.labels:
                set_labels.add(lab)
                if lab not in declared:
                    add(Finding("error", "unknown-label", at(a.line), f"question '{q.id}' answer '{a.id}' sets undeclared label '{lab}'"))
            all_rules.extend((f"question '{q.id}' answer '{a.id}'", r) for r in a.rules)
        for owner, rule in all_rules:
            table = form.question_map if rule.target_kind == "question" else form.conclusion_map
            if rule.target not in table:
                add(Finding("error", "dangling-id", at(rule.line), f"{owner}: rule leads to unknown {rule.target_kind} '{rule.target}'"))
            if rule.condition is not None:
                for lab in referenced_labels(rule.condition):
                    tested_labels.add(lab)
                    if lab not in declared:
                        add(Finding("error", "unknown-label", at(rule.line), f"{owner}: condition tests undeclared label '{lab}'"))
                for qid, aid in referenced_answers(rule.condition):
                    target_q = form.question(qid)
                    if target_q is not None and target_q.is_value and target_q.field is not None:
                        if aid not in {v.value for v in target_q.field.values}:
                            add(Finding("error", "dangling-id", at(rule.line),
                                        f"{owner}: condition compares question '{qid}' with '{aid}', "
                                        "which is not one of its allowed values"))
                        continue
                    if target_q is None or target_q.answer(aid) is None:
                        add(Finding("error", "dangling-id", at(rule.line), f"{owner}: condition compares with unknown answer {qid}={aid}"))
    for ldef in form.labels:
        if ldef.id not in set_labels:
            what = "is tested by a condition but no answer sets it" if ldef.id in tested_labels else "is declared but no answer sets it"
            add(Finding("warning", "label-never-set", at(ldef.line), f"label '{ldef.id}' {what}"))
    for name in sorted(set_labels - tested_labels):
        found = form.label_map.get(name)
        if found is not None and not found.facts:
            add(Finding("warning", "label-not-tested", at(found.line),
                        f"label '{name}' is set but no condition tests it and it carries no outcome fact"))

    # translations
    _check_translations(form, add, at)

    if report.errors:
        return report

    # exhaustive walk
    exploration = explore(form)
    report.exploration = exploration
    for q in form.questions:
        if q.id not in exploration.reached_questions:
            add(Finding("warning", "unreachable", at(q.line), f"no path reaches question '{q.id}'"))
    for c in form.conclusions:
        if c.id not in exploration.reached_conclusions:
            add(Finding("warning", "unreachable", at(c.line), f"no path reaches conclusion '{c.id}'"))
    for (qid, aid), labels in sorted(exploration.stuck.items()):
        owner = f"question '{qid}'" + (f" answer '{aid}'" if aid else "")
        add(Finding("error", "stuck", at(form.question_map[qid].line),
                    f"{owner}: no rule holds with labels [{', '.join(labels)}]"))
    for src, dst in sorted(exploration.cycles):
        add(Finding("error", "cycle", at(form.question_map[src].line), f"a path from question '{src}' returns to '{dst}'"))
    for q in form.questions:
        if q.id not in exploration.reached_questions:
            continue
        owners: list[tuple[str, tuple[Rule, ...]]] = [(a.id, a.rules) for a in q.answers] if q.type == "single" else [("", q.rules)]
        for aid, rules in owners:
            won = exploration.first_matches.get((q.id, aid), set())
            owner = f"question '{q.id}'" + (f" answer '{aid}'" if aid else "")
            for i, rule in enumerate(rules):
                if i not in won:
                    add(Finding("warning", "dead-rule", at(rule.line),
                                f"{owner}: rule {i + 1} ({rule.describe()}) is never the first to hold"))
    for (qid, aid, first, other), labels in sorted(exploration.overlaps.items()):
        q = form.question_map[qid]
        rules = q.answer(aid).rules if aid and q.answer(aid) else q.rules  # type: ignore[union-attr]
        owner = f"question '{qid}'" + (f" answer '{aid}'" if aid else "")
        add(Finding("warning", "overlap", at(rules[other].line),
                    f"{owner}: rule {other + 1} ({rules[other].describe()}) also holds where rule {first + 1} "
                    f"wins, e.g. with [{', '.join(labels)}]"))
    return report


def _check_translations(form: Form, add: Callable[[Finding], None], at: Callable[[int], str]) -> None:
    langs = form.languages
    missing: list[tuple[int, str]] = []

    def need(text: Text | None, line: int, what: str, optional: bool = False) -> None:
        if text is None or (optional and not text):
            return
        gaps = [lang for lang in langs if not (text.get(lang) or "").strip()]
        if gaps:
            missing.append((line, f"{what}: no text in {', '.join(gaps)}"))

    need(form.title, 0, "form title")
    for q in form.questions:
        need(q.text, q.line, f"question '{q.id}' text")
        need(q.explanation, q.line, f"question '{q.id}' explanation", optional=True)
        need(q.section, q.line, f"question '{q.id}' section", optional=True)
        for a in q.answers:
            need(a.text, a.line, f"question '{q.id}' answer '{a.id}' text")
            need(a.explanation, a.line, f"question '{q.id}' answer '{a.id}' explanation", optional=True)
        for s in q.sources:
            need(s.title, q.line, f"question '{q.id}' source title")
        if q.field is not None:
            for name, text in field_texts(q.field):
                need(text, q.field.line or q.line, f"question '{q.id}' field {name}", optional=name != "label")
    for c in form.conclusions:
        need(c.title, c.line, f"conclusion '{c.id}' title")
        need(c.text, c.line, f"conclusion '{c.id}' text")
        for ob in c.obligations:
            need(ob, c.line, f"conclusion '{c.id}' obligation")
    for lab in form.labels:
        need(lab.text, lab.line, f"label '{lab.id}' text")
    for t in form.glossary:
        need(t.term, t.line, f"glossary '{t.id}' term")
        need(t.definition, t.line, f"glossary '{t.id}' definition")
    for line, msg in missing:
        add(Finding("error", "translation", at(line), msg))
