"""Importer for the official beslishulp decision-tree YAML: converts it to our form format, keeping official ids as refs.

Conditions are Jexl-style (`"x" in labels`, `!`, `&&`, `||`, parentheses). In Jexl `&&` and `||`
have the same precedence and group left to right, so `a || b && c` means `(a || b) && c`; the
importer builds that tree and writes it back in our language with explicit parentheses.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from algoinventaris.formengine import expr as ex
from algoinventaris.formengine.errors import FormLoadError, ImportFormatError
from algoinventaris.formengine.loader import FORM_FILE, LineDict, LineList, build_form, load_form, parse_yaml, read_yaml
from algoinventaris.formengine.model import Form

FORM_ID = "beslishulp"

# Facts carried over from the Algoritmekader's mapping of beslishulp labels to its dimensions.
LABEL_FACTS: dict[str, dict[str, str]] = {
    "geen algoritme": {"soort-toepassing": "geen-algoritme"},
    "AI-systeem": {"soort-toepassing": "ai-systeem"},
    "AI-systeem voor algemene doeleinden": {"soort-toepassing": "ai-systeem-voor-algemene-doeleinden"},
    "AI-model voor algemene doeleinden": {"soort-toepassing": "ai-model-voor-algemene-doeleinden"},
    "aanbieder": {"rol-ai-act": "aanbieder"},
    "gebruiksverantwoordelijke": {"rol-ai-act": "gebruiksverantwoordelijke"},
    "importeur": {"rol-ai-act": "importeur"},
    "distributeur": {"rol-ai-act": "distributeur"},
    "uitzondering van toepassing": {"risicogroep": "uitzondering-van-toepassing"},
    "verboden AI": {"risicogroep": "verboden-ai"},
    "hoog-risico AI": {"risicogroep": "hoog-risico-ai-systeem"},
    "geen hoog-risico AI": {"risicogroep": "geen-hoog-risico-ai-systeem"},
    "transparantieverplichting": {"transparantieverplichting": "transparantieverplichting"},
    "geen transparantieverplichting": {"transparantieverplichting": "geen-transparantieverplichting"},
    "systeemrisico": {"systeemrisico": "systeemrisico"},
    "geen systeemrisico": {"systeemrisico": "geen-systeemrisico"},
    "open-source": {"open-source": "open-source"},
    "geen open-source": {"open-source": "geen-open-source"},
}


def label_id(official: str) -> str:
    """Our id for an official label text: lower case, words joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", official.lower()).strip("-")
    return slug or "label"


# --- Jexl condition translation ------------------------------------------------------------

_JEXL_TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<op>&&|\|\||!|\(|\))|(?P<word>[A-Za-z_]+))')


@dataclass
class _JTok:
    kind: str
    text: str
    column: int


def _jexl_tokens(source: str) -> list[_JTok]:
    pos = 0
    out: list[_JTok] = []
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        m = _JEXL_TOKEN.match(source, pos)
        if m is None:
            col = pos + 1 + (len(source[pos:]) - len(source[pos:].lstrip()))
            raise ImportFormatError(f"condition {source!r}: unexpected text at column {col}")
        if m.group("str") is not None:
            raw = m.group("str")[1:-1]
            out.append(_JTok("str", raw.replace('\\"', '"').replace("\\\\", "\\"), m.start("str") + 1))
        elif m.group("op") is not None:
            out.append(_JTok(m.group("op"), m.group("op"), m.start("op") + 1))
        else:
            out.append(_JTok("word", m.group("word"), m.start("word") + 1))
        pos = m.end()
    out.append(_JTok("end", "", len(source) + 1))
    return out


class _JexlParser:
    def __init__(self, source: str, labels: dict[str, str]) -> None:
        self.source = source
        self.toks = _jexl_tokens(source)
        self.i = 0
        self.labels = labels

    def fail(self, message: str) -> ImportFormatError:
        tok = self.toks[self.i]
        return ImportFormatError(f"condition {self.source!r}: {message} at column {tok.column}")

    def parse(self) -> ex.Expr:
        e = self.binary()
        if self.toks[self.i].kind != "end":
            raise self.fail(f"unexpected {self.toks[self.i].text!r}")
        return e

    def binary(self) -> ex.Expr:
        # && and || share one precedence level and associate to the left.
        left = self.unary()
        while self.toks[self.i].kind in ("&&", "||"):
            op = self.toks[self.i].kind
            self.i += 1
            right = self.unary()
            left = ex.And((left, right)) if op == "&&" else ex.Or((left, right))
        return left

    def unary(self) -> ex.Expr:
        tok = self.toks[self.i]
        if tok.kind == "!":
            self.i += 1
            if self.toks[self.i].kind == "str":
                raise self.fail("'!' before a bare string negates the string, not the membership; unsupported")
            return ex.Not(self.unary())
        if tok.kind == "(":
            self.i += 1
            inner = self.binary()
            if self.toks[self.i].kind != ")":
                raise self.fail("expected ')'")
            self.i += 1
            return inner
        if tok.kind == "str":
            self.i += 1
            if not (self.toks[self.i].kind == "word" and self.toks[self.i].text == "in"):
                raise self.fail("expected 'in labels' after a label")
            self.i += 1
            if not (self.toks[self.i].kind == "word" and self.toks[self.i].text == "labels"):
                raise self.fail("expected 'labels'")
            self.i += 1
            return ex.HasLabel(self.labels.setdefault(tok.text, label_id(tok.text)))
        raise self.fail("expected a label test, '!' or '('")


def _flatten(e: ex.Expr) -> ex.Expr:
    """Merge nested And/Or of the same kind (same meaning, shorter text)."""
    if isinstance(e, ex.Not):
        return ex.Not(_flatten(e.operand))
    if isinstance(e, (ex.And, ex.Or)):
        kind = type(e)
        ops: list[ex.Expr] = []
        for op in e.operands:
            f = _flatten(op)
            if isinstance(f, kind):
                ops.extend(f.operands)
            else:
                ops.append(f)
        return kind(tuple(ops))
    return e


def translate_condition(source: str, labels: dict[str, str]) -> str:
    """Translate one Jexl condition into our condition language, keeping Jexl's grouping."""
    if not isinstance(source, str) or not source.strip():
        raise ImportFormatError(f"condition {source!r} is empty or not text")
    tree = _flatten(_JexlParser(source, labels).parse())
    return tree.to_source()


# --- tree conversion ------------------------------------------------------------------------


def _need(cond: bool, message: str) -> None:
    if not cond:
        raise ImportFormatError(message)


def _nl(value: Any) -> dict[str, str]:
    return {"nl": str(value).strip()} if value not in (None, "") else {}


def _sources(items: Any, where: str) -> list[dict[str, Any]]:
    if items is None:
        return []
    _need(isinstance(items, list), f"{where}: 'sources' is not a list")
    out = []
    for s in items:
        _need(isinstance(s, dict) and "source" in s, f"{where}: a source lacks 'source'")
        entry: dict[str, Any] = {"title": {"nl": str(s["source"])}}
        if s.get("url"):
            entry["url"] = str(s["url"])
        out.append(entry)
    return out


def convert(tree: Any, source_name: str, sha256: str) -> dict[str, Any]:
    """Convert parsed beslishulp data into our form data (a plain dict ready for YAML)."""
    _need(isinstance(tree, dict), "not a beslishulp decision tree: the top level is not a mapping")
    _need(isinstance(tree.get("questions"), list) and isinstance(tree.get("conclusions"), list),
          "not a beslishulp decision tree: it needs 'questions' and 'conclusions' lists")
    labels: dict[str, str] = {}
    questions = []
    for qi, q in enumerate(tree["questions"], start=1):
        _need(isinstance(q, dict) and "questionId" in q and "answers" in q,
              f"question #{qi}: a beslishulp question needs 'questionId' and 'answers'")
        qref = str(q["questionId"])
        where = f"question {qref}"
        _need(isinstance(q["answers"], list) and bool(q["answers"]), f"{where}: 'answers' must be a non-empty list")
        answers = []
        for pos, a in enumerate(q["answers"]):
            _need(isinstance(a, dict) and "answer" in a, f"{where} answer #{pos}: needs 'answer'")
            awhere = f"{where} answer #{pos}"
            alabels = []
            _need(isinstance(a.get("labels") or [], list), f"{awhere}: 'labels' must be a list")
            for lab in a.get("labels") or []:
                _need(isinstance(lab, str), f"{awhere}: labels must be text")
                alabels.append(labels.setdefault(lab, label_id(lab)))
            rules: list[dict[str, Any]] = []
            redirects = a.get("redirects")
            if redirects:
                _need(isinstance(redirects, list), f"{awhere}: 'redirects' must be a list")
                for ri, r in enumerate(redirects, start=1):
                    _need(isinstance(r, dict) and "if" in r, f"{awhere} redirect #{ri}: needs 'if'")
                    try:
                        cond = translate_condition(r["if"], labels)
                    except ImportFormatError as err:
                        raise ImportFormatError(f"{awhere} redirect #{ri}: {err}") from err
                    rules.append({"if": cond, **_target(r, f"{awhere} redirect #{ri}")})
            else:
                rules.append(_target(a, awhere))
            entry: dict[str, Any] = {"id": f"a{pos}", "ref": str(pos), "text": _nl(a["answer"])}
            if a.get("subresult"):
                entry["explanation"] = _nl(a["subresult"])
            if alabels:
                entry["labels"] = alabels
            entry["next"] = rules
            answers.append(entry)
        qentry: dict[str, Any] = {"id": f"q{qref}", "ref": qref, "text": _nl(q.get("question", ""))}
        if q.get("explanation"):
            qentry["explanation"] = _nl(q["explanation"])
        if q.get("subcategory"):
            qentry["section"] = _nl(q["subcategory"])
        srcs = _sources(q.get("sources"), where)
        if srcs:
            qentry["sources"] = srcs
        qentry["answers"] = answers
        questions.append(qentry)
    conclusions = []
    for ci, c in enumerate(tree["conclusions"], start=1):
        _need(isinstance(c, dict) and "conclusionId" in c, f"conclusion #{ci}: needs 'conclusionId'")
        cref = str(c["conclusionId"])
        text = str(c.get("conclusion", "")).strip()
        centry: dict[str, Any] = {
            "id": f"c{cref}",
            "ref": cref,
            "title": {"nl": f"Conclusie {cref}"},
            "text": {"nl": text or cref},
        }
        if c.get("obligation"):
            centry["obligations"] = [_nl(c["obligation"])]
        srcs = _sources(c.get("sources"), f"conclusion {cref}")
        if srcs:
            centry["sources"] = srcs
        centry["facts"] = {"ai-verordening": "niet-van-toepassing" if cref.startswith("11.") else "van-toepassing"}
        conclusions.append(centry)
    _need(bool(questions), "not a beslishulp decision tree: it has no questions")
    label_defs = []
    for official, lid in labels.items():
        ldef: dict[str, Any] = {"id": lid, "ref": official, "text": {"nl": official}}
        if official in LABEL_FACTS:
            ldef["facts"] = dict(LABEL_FACTS[official])
        label_defs.append(ldef)
    version = str(tree.get("version", "0"))
    return {
        "id": FORM_ID,
        "version": f"{version}+{sha256[:12]}",
        "languages": ["nl"],
        "title": {"nl": str(tree.get("name") or "Beslishulp AI-verordening")},
        "origin": {"kind": "beslishulp", "file": source_name, "sha256": sha256, "official_version": version},
        "start": f"q{questions[0]['ref']}",
        "labels": label_defs,
        "questions": questions,
        "conclusions": conclusions,
    }


def _target(item: dict[str, Any], where: str) -> dict[str, Any]:
    nq, nc = item.get("nextQuestionId"), item.get("nextConclusionId")
    _need((nq is None) != (nc is None), f"{where}: needs exactly one of nextQuestionId / nextConclusionId")
    return {"question": f"q{nq}"} if nq is not None else {"conclusion": f"c{nc}"}


def import_file(path: str | Path) -> tuple[dict[str, Any], Form]:
    """Read an official tree file; return our form data and the loaded Form (so it is checked)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"{p}: cannot read: {exc.strerror or exc}") from exc
    sha = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{p}: not UTF-8 text") from exc
    try:
        # The form loader's reader: one pass, duplicate keys and aliases (*name) refused, lines kept.
        tree = parse_yaml(text, str(p))
    except FormLoadError as err:
        raise ImportFormatError(f"not valid YAML: {err}") from err
    try:
        data = convert(tree, p.name, sha)
    except ImportFormatError as err:
        raise ImportFormatError(f"{p}: {err}") from err
    form = build_form(_relined(data), str(p))
    return data, form


def _relined(data: Any) -> Any:
    """Give converted data the line bookkeeping the form builder expects (line 0: generated)."""
    if isinstance(data, dict):
        d = LineDict({k: _relined(v) for k, v in data.items()})
        d.line = 0
        d.key_lines = {k: 0 for k in data}
        return d
    if isinstance(data, list):
        seq = LineList(_relined(v) for v in data)
        seq.line = 0
        seq.item_lines = [0] * len(data)
        return seq
    return data


def dump_form(data: dict[str, Any]) -> str:
    """Our form data as YAML text (readable: insertion order, unicode, wide lines)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)


def import_to_dir(path: str | Path, out_dir: str | Path) -> tuple[Path, Form]:
    """Import an official tree and write <out_dir>/form.yaml; return its path and the loaded form."""
    data, _ = import_file(path)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / FORM_FILE
    tmp = target.with_suffix(".yaml.tmp")
    tmp.write_text(dump_form(data), encoding="utf-8")
    tmp.replace(target)
    return target, load_form(target)


def read_official(path: str | Path) -> Any:
    """The official tree parsed as-is (for conformance tests that walk it independently)."""
    return read_yaml(Path(path))
