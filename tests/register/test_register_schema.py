"""Register records against a JSON Schema made at test time from the official standard v1.0 file.

The schema is derived from ../shared/reference/algoritmeregister-standard-v1_0.json: types, required flags
(including the quirk `"required": "false"` as text), maximum lengths, permitted values and the three repeating
groups. Like the register, lengths of fields that allow HTML are counted over the text only, and only the
allowed tags may appear; both are checked here by keywords of our own with an implementation independent of
algoinventaris.formengine.fields. 500 generated answer sets (hypothesis) and hand-written edge cases must give
records with 0 schema errors.
"""

from __future__ import annotations

import html
import json
import re
import string
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from algoinventaris.domain.register import STANDARD_FIELDS, build_record
from algoinventaris.formengine import fields as F
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.model import FieldSpec, Question
from algoinventaris.formengine.runner import Step, choose, run
from tests.conftest import FORMS, reference_file

REGISTER = load_form(FORMS / "register")

# --- the schema, made from the official file -------------------------------------------------------------


def _is_required(flag: Any) -> bool:
    """The standard's required flag; one field gives it as the text "false" (a quirk: text, not a boolean)."""
    if isinstance(flag, bool):
        return flag
    if isinstance(flag, str) and flag.strip().lower() in ("true", "false"):
        return flag.strip().lower() == "true"
    raise AssertionError(f"unexpected required flag {flag!r}")


def _property(spec: dict[str, Any], required: bool) -> dict[str, Any]:
    kind = spec["type"]
    out: dict[str, Any]
    if kind == "string":
        out = {"type": "string"}
        if spec.get("allowed_html_tags"):
            out["x-allowed-tags"] = list(spec["allowed_html_tags"])
            if spec.get("max_length"):
                out["x-max-text-length"] = spec["max_length"]
        else:
            out["x-no-markup"] = True
            if spec.get("max_length"):
                out["maxLength"] = spec["max_length"]
    elif kind == "enum":
        out = {"enum": list(spec["permitted_values"])}
    elif kind == "array" and spec.get("permitted_values"):
        out = {"type": "array", "items": {"enum": list(spec["permitted_values"])}, "uniqueItems": True}
    elif kind == "array" and spec.get("items"):
        items = spec["items"]
        out = {"type": "array", "items": {
            "type": "object",
            "properties": {k: _property(v, _is_required(v.get("required", False))) for k, v in items.items()},
            "required": [k for k, v in items.items() if _is_required(v.get("required", False))],
            "additionalProperties": False,
        }}
    else:
        raise AssertionError(f"type {kind!r} not handled")
    return out if required else {"anyOf": [out, {"type": "null"}]}


def schema_from_standard(standard: dict[str, Any]) -> dict[str, Any]:
    props = standard["properties"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Algoritmeregister record, standard 1.0 (derived at test time)",
        "type": "object",
        "properties": {name: _property(spec, _is_required(spec.get("required", False))) for name, spec in props.items()},
        "required": [name for name, spec in props.items() if _is_required(spec.get("required", False))],
        "additionalProperties": False,
    }


_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)([^>]*)>")


def _text_length(value: str) -> int:
    """Independent of our fields module: split on tags, unescape entities, join the text nodes with one space."""
    nodes = [html.unescape(part) for part in re.split(r"<[^>]*>", value) if part != ""]
    return len(" ".join(nodes))


def _check_max_text(validator: Any, limit: int, instance: Any, schema: dict[str, Any]) -> Iterator[jsonschema.ValidationError]:
    if isinstance(instance, str) and _text_length(instance) > limit:
        yield jsonschema.ValidationError(f"text of {_text_length(instance)} characters is longer than {limit}")


def _check_tags(validator: Any, allowed: list[str], instance: Any, schema: dict[str, Any]) -> Iterator[jsonschema.ValidationError]:
    if not isinstance(instance, str):
        return
    for _, name, attrs in _TAG.findall(instance):
        if name.lower() not in allowed:
            yield jsonschema.ValidationError(f"tag <{name}> is not allowed")
        if attrs.strip() not in ("", "/"):
            yield jsonschema.ValidationError(f"tag <{name}> has attributes")


def _check_no_markup(validator: Any, flag: bool, instance: Any, schema: dict[str, Any]) -> Iterator[jsonschema.ValidationError]:
    if flag and isinstance(instance, str) and _TAG.search(instance):
        yield jsonschema.ValidationError("markup in a plain-text field")


RegisterValidator = jsonschema.validators.extend(
    Draft202012Validator,
    {"x-max-text-length": _check_max_text, "x-allowed-tags": _check_tags, "x-no-markup": _check_no_markup},
)


@pytest.fixture(scope="module")
def standard() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(reference_file("algoritmeregister-standard-v1_0.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def validator(standard: dict[str, Any]) -> Any:
    schema = schema_from_standard(standard)
    Draft202012Validator.check_schema(schema)
    return RegisterValidator(schema)


def errors(validator: Any, record: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]


# --- the standard and our form agree --------------------------------------------------------------------


def test_schema_reflects_the_standard_and_its_quirks(standard: dict[str, Any]) -> None:
    props = standard["properties"]
    assert len(props) == 31 and len(STANDARD_FIELDS) == 29
    assert set(props) == {*STANDARD_FIELDS, "lars", "publication_dt"}
    assert props["source_data_grouping"]["required"] == "false"  # text, not a boolean
    schema = schema_from_standard(standard)
    assert "source_data_grouping" not in schema["required"]
    assert sorted(schema["required"]) == sorted(["name", "description_short", "organization", "status",
                                                 "contact_email", "publication_category", "lang"])


def test_form_fields_are_at_least_as_strict_as_the_standard(standard: dict[str, Any]) -> None:
    by_field = {q.field.register_field: q for q in REGISTER.questions if q.field is not None and q.field.register_field}
    assert set(by_field) == {*STANDARD_FIELDS, "lars"}

    def same_or_stricter(spec: FieldSpec, theirs: dict[str, Any], name: str) -> None:
        if _is_required(theirs.get("required", False)):
            assert spec.required, name
        if theirs.get("max_length"):
            assert spec.max_length is not None and spec.max_length <= theirs["max_length"], name
        if theirs.get("permitted_values"):
            assert {v.value for v in spec.values} <= set(theirs["permitted_values"]), name
        assert set(spec.html or ()) <= set(theirs.get("allowed_html_tags") or ()), name

    for name, question in by_field.items():
        theirs = standard["properties"][name]
        assert question.field is not None
        same_or_stricter(question.field, theirs, name)
        if theirs.get("items"):
            subs = {s.field.register_field: s for s in question.field.fields}
            assert set(subs) == set(theirs["items"]), name
            for sub_name, sub in subs.items():
                same_or_stricter(sub.field, theirs["items"][sub_name], f"{name}.{sub_name}")


# --- generating valid answers from our field specs --------------------------------------------------------

PLAIN = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="<>&")
WORDS = st.text(alphabet=string.ascii_letters + "áéëïóöüÀ€ ,.-'0123456789", min_size=1, max_size=30)


def _label() -> st.SearchStrategy[str]:
    return st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)


EMAILS = st.builds(lambda local, host, tld: f"{local}@{host}.{tld}",
                   st.from_regex(r"[a-z0-9]+(?:[._+-][a-z0-9]+){0,2}", fullmatch=True), _label(),
                   st.sampled_from(["nl", "eu", "org", "frl", "amsterdam"]))
URLS = st.builds(lambda scheme, host, tld, path: f"{scheme}://{host}.{tld}{path}",
                 st.sampled_from(["https", "http"]), _label(), st.sampled_from(["nl", "overheid.nl", "eu", "org"]),
                 st.from_regex(r"(?:/[A-Za-z0-9._~%-]{1,12}){0,4}(?:\?[a-z]=[0-9]{1,3})?", fullmatch=True))


def texts(max_size: int, alphabet: st.SearchStrategy[str] = PLAIN) -> st.SearchStrategy[str]:
    """Short random texts, and cheap long ones up to exactly max_size (a short text repeated)."""
    short = st.text(alphabet, min_size=1, max_size=min(max_size, 60))
    long = st.builds(lambda unit, n: (unit * max_size)[: max(1, max_size - n)], st.text(alphabet, min_size=1, max_size=6),
                     st.integers(0, 3))
    return st.one_of(short, long)


@st.composite
def html_text(draw: st.DrawFn, spec: FieldSpec) -> str:
    limit = spec.max_length or 2500
    blocks = draw(st.lists(st.tuples(st.sampled_from(["p", "div", "ul", "ol", "br", "text"]),
                                     st.lists(texts(limit // 3), min_size=1, max_size=3)),
                           min_size=1, max_size=4))
    parts: list[str] = []
    for tag, pieces in blocks:
        if tag in ("ul", "ol"):
            parts.append(f"<{tag}>" + "".join(f"<li>{t}</li>" for t in pieces) + f"</{tag}>")
        elif tag == "br":
            parts.append("<br>".join(pieces))
        elif tag == "text":
            parts.append(" ".join(pieces))
        else:
            parts.append(f"<{tag}>" + "<br/>".join(pieces) + f"</{tag}>")
    value = "".join(parts)
    for _ in range(100):  # too long: halve the longest text run until it fits
        if F.register_length(value, True) <= limit:
            break
        runs = [m for m in re.findall(r"[^<>]+(?=<|$)", value) if m.strip()]
        longest = max(runs, key=len)
        value = value.replace(longest, longest[: max(1, len(longest) // 2)], 1)
    assert F.register_length(value, True) <= limit
    return value


def scalar(qtype: str, spec: FieldSpec) -> st.SearchStrategy[str]:
    if spec.values:
        strategy: st.SearchStrategy[str] = st.sampled_from([v.value for v in spec.values])
    elif spec.format == "lars":
        strategy = st.text(alphabet="0123456789", min_size=7, max_size=7).map(lambda s: s + str(F.lars_check_digit(s)))
    elif spec.format == "email-or-url":
        strategy = st.one_of(EMAILS, URLS)
    elif qtype == "email":
        strategy = EMAILS
    elif qtype == "url":
        strategy = URLS
    elif qtype == "month":
        strategy = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1950, 2030), st.integers(1, 12))
    elif qtype == "date":
        strategy = st.dates().filter(lambda d: 1950 <= d.year <= 2030).map(lambda d: d.isoformat())
    elif qtype == "longtext" and spec.html is not None:
        strategy = html_text(spec)
    elif qtype == "longtext":
        strategy = texts(spec.max_length or 500, st.one_of(PLAIN, st.just("\n")))
    else:
        strategy = texts(spec.max_length or 500)
    if qtype == "text" and not spec.values and spec.format is None:
        strategy = strategy.filter(lambda v: v.strip() != "")
    if spec.max_length is not None and qtype not in ("longtext",):
        strategy = strategy.filter(lambda v: len(v) <= (spec.max_length or 0))
    if spec.required:
        return strategy.filter(lambda v: v.strip() != "")
    return st.one_of(st.just(""), strategy)


_STRATEGIES: dict[str, st.SearchStrategy[str]] = {}


def value_for(question: Question) -> st.SearchStrategy[str]:
    """The value strategy of a question, built once (hypothesis analyses every new filtered strategy)."""
    if question.id not in _STRATEGIES:
        _STRATEGIES[question.id] = _value_for(question)
    return _STRATEGIES[question.id]


def _value_for(question: Question) -> st.SearchStrategy[str]:
    spec = question.field
    assert spec is not None
    if question.type == "list":
        items = st.lists(st.sampled_from([v.value for v in spec.values]), unique=True, min_size=0, max_size=5)
        return items.map(lambda xs: F.encode(question, xs))
    if question.type == "group":
        item = st.fixed_dictionaries({sub.id: scalar(sub.type, sub.field) for sub in spec.fields}).filter(
            lambda d: any(v.strip() for v in d.values()))
        return st.lists(item, max_size=min(4, spec.max_items or 4)).map(lambda xs: F.encode(question, xs))
    return scalar(question.type, spec)


@st.composite
def answer_sets(draw: st.DrawFn) -> tuple[dict[str, tuple[str]], list[str]]:
    """A complete walk through the register form with generated values, and a random set of internal fields."""
    answers: dict[str, tuple[str]] = {}
    given: dict[str, Any] = {}
    question = REGISTER.question(REGISTER.start)
    while question is not None:
        value = draw(value_for(question))
        problems = F.validate(question, value, "en")
        assert problems == [], (question.id, value, problems)  # the generator makes only valid values
        answers[question.id] = (value,)
        _, _, rule = choose(REGISTER, question, (value,), [], given)
        given[question.id] = value
        question = REGISTER.question(rule.target) if rule.target_kind == "question" else None
    assert run(REGISTER, [Step(q, a) for q, a in answers.items()], complete=True).done
    optional = [f for f in STANDARD_FIELDS if f not in ("name", "description_short", "organization", "status",
                                                         "contact_email", "publication_category", "lang", "standard_version")]
    internal = draw(st.lists(st.sampled_from(optional), unique=True, max_size=4))
    return answers, internal


@given(answer_sets())
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                                                   HealthCheck.data_too_large])
def test_500_generated_records_validate(answers_and_internal: tuple[dict[str, tuple[str]], list[str]]) -> None:
    standard = json.loads(reference_file("algoritmeregister-standard-v1_0.json").read_text(encoding="utf-8"))
    validator = _cached_validator(standard)
    answers, internal = answers_and_internal
    record = build_record(REGISTER, answers, internal_fields=internal)
    assert errors(validator, record) == []
    for name in internal:
        assert name not in record  # internal fields never appear, not even as null


_VALIDATORS: dict[int, Any] = {}


def _cached_validator(standard: dict[str, Any]) -> Any:
    key = id(REGISTER)
    if key not in _VALIDATORS:
        _VALIDATORS[key] = RegisterValidator(schema_from_standard(standard))
    return _VALIDATORS[key]


# --- hand-written edge cases -------------------------------------------------------------------------------


def _walk(values: dict[str, str]) -> dict[str, tuple[str]]:
    """Answers for a full walk: the given values, else the field's default or empty."""
    steps: list[Step] = []
    answers: dict[str, tuple[str]] = {}
    decision = run(REGISTER, [])
    while decision.next_question is not None:
        q = decision.next_question
        assert q.field is not None
        value = values.get(q.id, q.field.default or "")
        steps.append(Step(q.id, (value,)))
        answers[q.id] = (value,)
        decision = run(REGISTER, steps)
    return answers


MINIMAL = {"name": "A", "description-short": "B", "organization": "C", "status": "In gebruik",
           "contact-email": "a@b.nl", "publication-category": "Overige algoritmes"}


@pytest.mark.parametrize("extra", [
    {},
    {"name": "n" * 100, "description-short": "d" * 400, "organization": "o" * 100, "provider": "p" * 200,
     "source-id": "s" * 100, "tags": "t" * 2500, "methods-and-models": "m" * 5000},
    {"name": "😀" * 100, "description-short": "é\n" * 200},
    {"goal": "<div>" + "<p>" + "x" * 2490 + "</p>" * 1 + "</div>", "risks": "<ul>" + "<li>r</li>" * 1200 + "</ul>"},
    {"goal": "<p>" + "a &amp; b " * 249 + "</p>"},
    {"status": "Buiten gebruik", "begin-date": "2019-04", "end-date": "2025-12"},
    {"status": "In ontwikkeling", "publication-category": "Hoog-risico AI-systeem"},
    {"category": json.dumps(["Verkeer", "Werk", "Zorg en gezondheid"]), "lars": "84129358",
     "website": "https://www.example.nl/a?b=1", "contact-email": "https://www.example.nl/contact"},
    {"lawful-basis-grouping": json.dumps([{"title": "t" * 100, "link": "https://wetten.overheid.nl/" + "x" * 470}] * 50),
     "impacttoetsen-grouping": json.dumps([{"title": "Data Protection Impact Assessment (DPIA)"}, {"title": "Eigen toets", "link": ""}]),
     "source-data-grouping": json.dumps([{"title": "BRP", "link": "https://www.rvig.nl/brp"}])},
])
def test_edge_cases_validate(validator: Any, extra: dict[str, str]) -> None:
    answers = _walk({**MINIMAL, **extra})
    for qid, (value,) in answers.items():
        assert F.validate(REGISTER.question_map[qid], value) == [], qid
    record = build_record(REGISTER, answers)
    assert errors(validator, record) == []
    assert list(record)[: len(STANDARD_FIELDS)] == list(STANDARD_FIELDS)


def test_internal_fields_are_absent_not_null(validator: Any) -> None:
    answers = _walk({**MINIMAL, "goal": "<p>Doel</p>", "methods-and-models": "<p>Geheim</p>"})
    record = build_record(REGISTER, answers, internal_fields=["methods_and_models", "source_data_grouping"])
    assert "methods_and_models" not in record and "source_data_grouping" not in record
    assert record["goal"] == "<p>Doel</p>"
    assert errors(validator, record) == []


def test_schema_is_not_vacuous(validator: Any) -> None:
    good = build_record(REGISTER, _walk(MINIMAL))
    assert errors(validator, good) == []
    for change, expect in [
        ({"lang": "NLD"}, "lang"),
        ({"name": None}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"category": ["Vervoer"]}, "category"),
        ({"goal": "<p>" + "x" * 2501 + "</p>"}, "goal"),
        ({"goal": "<b>vet</b>"}, "goal"),
        ({"goal": '<p class="x">a</p>'}, "goal"),
        ({"name": "<b>Naam</b>"}, "name"),
        ({"lawful_basis_grouping": [{"title": "Wet"}]}, "lawful_basis_grouping"),
        ({"unknown_field": "x"}, ""),
    ]:
        bad = {**good, **change}
        found = errors(validator, bad)
        assert found, change
        assert any(e.startswith(expect) for e in found), (change, found)
    missing = dict(good)
    del missing["contact_email"]
    assert errors(validator, missing)
