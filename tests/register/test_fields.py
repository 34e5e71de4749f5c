"""Value fields: the `field:` schema, checks with field-named messages, register length counting, HTML reduction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from algoinventaris.formengine import fields as F
from algoinventaris.formengine.errors import DecisionError, FormLoadError
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.model import Form, Question
from algoinventaris.formengine.paths import explore
from algoinventaris.formengine.runner import Step, parse_steps, run
from algoinventaris.formengine.session import resolve
from algoinventaris.formengine.validator import check_path
from tests.conftest import FORMS, write_form

REGISTER = load_form(FORMS / "register")


@pytest.fixture(scope="module")
def register() -> Form:
    return REGISTER


def q(form: Form, qid: str) -> Question:
    question = form.question(qid)
    assert question is not None, qid
    return question


# --- the example from the issue and the register's way of counting ---------------------------------------


def test_too_long_names_field_and_limit(register: Form) -> None:
    short = q(register, "description-short")
    assert F.validate(short, "x" * 431) == ["Korte omschrijving: 431 tekens, maximaal 400"]
    assert F.validate(short, "x" * 431, "en") == ["Short description: 431 characters, at most 400"]
    assert F.validate(short, "x" * 400) == []


def test_length_counts_code_points_not_bytes_or_utf16(register: Form) -> None:
    name = q(register, "name")
    assert F.validate(name, "é" * 100) == []  # 200 bytes in UTF-8, still 100 characters
    assert F.validate(name, "😀" * 100) == []  # 200 UTF-16 units, 100 code points as the register counts
    assert F.validate(name, "😀" * 101) == ["Naam: 101 tekens, maximaal 100"]


def test_html_field_counts_text_only_like_the_register(register: Form) -> None:
    goal = q(register, "goal")
    # 2500 characters of text inside markup: the tags do not count
    text = "<div>" + "".join(f"<p>{'a' * 499}</p>" for _ in range(5)) + "</div>"
    assert F.register_length(text, True) == 5 * 499 + 4  # text nodes joined by one space
    assert F.validate(goal, text) == []
    assert F.validate(goal, "<p>" + "a" * 2501 + "</p>") == ["Doel en impact: 2501 tekens, maximaal 2500"]
    # entities count as the character they stand for
    assert F.register_length("<p>a &amp; b</p>", True) == 5


def test_required_blank_is_empty(register: Form) -> None:
    name = q(register, "name")
    assert F.validate(name, "") == ["Naam: dit veld is verplicht"]
    assert F.validate(name, "   ") == ["Naam: dit veld is verplicht"]
    assert F.validate(q(register, "website"), "") == []


# --- allowed values, syntax ---------------------------------------------------------------------------------


def test_allowed_values(register: Form) -> None:
    status = q(register, "status")
    assert F.validate(status, "In gebruik") == []
    (msg,) = F.validate(status, "in gebruik")
    assert msg.startswith("Status: 'in gebruik' is geen toegestane waarde (kies uit: In ontwikkeling, In gebruik, Buiten gebruik")
    lang = q(register, "lang")
    assert F.validate(lang, "NLD")  # the real records' spelling is not allowed by the standard


@pytest.mark.parametrize("value, ok", [
    ("info@kustenplatteland.nl", True),
    ("team.algoritmes+register@sub.example.org", True),
    ("https://www.example.nl/contact", True),
    ("http://example.nl", True),
    ("Team Virtuele Assistent", False),
    ("info@", False),
    ("info@localhost", False),
    ("twee@adressen.nl, drie@adressen.nl", False),
    ("www.example.nl", False),
    ("ftp://example.nl/x", False),
    ("https://user:pw@example.nl/", False),
    ("https://exa mple.nl/", False),
])
def test_email_or_url(register: Form, value: str, ok: bool) -> None:
    msgs = F.validate(q(register, "contact-email"), value)
    assert (msgs == []) is ok, msgs
    if not ok:
        assert msgs[0].startswith("Contactgegevens: ")


@pytest.mark.parametrize("value, ok", [
    ("2023-01", True), ("1999-12", True), ("2023-13", False), ("2023-00", False), ("2023-1", False),
    ("23-01", False), ("2023/01", False), ("2023-01-05", False), ("1850-01", False),
])
def test_month(register: Form, value: str, ok: bool) -> None:
    assert (F.validate(q(register, "begin-date"), value) == []) is ok


def test_url_field(register: Form) -> None:
    website = q(register, "website")
    assert F.validate(website, "https://wetten.overheid.nl/BWBR0005537/2024-01-01#Hoofdstuk3") == []
    assert F.validate(website, "https://gemeente.nl/pad?x=1&y=2") == []
    (msg,) = F.validate(website, "Team Virtuele Assistent Gem Common Ground")
    assert msg.startswith("Link naar publiekspagina: 'Team Virtuele Assistent Gem Common Ground' is geen geldige webadres")
    assert F.validate(website, "https://xn--bcher-kva.example/") == []
    assert F.validate(website, "https://bücher.example/") == []
    assert F.validate(website, "https://example.nl:99999/") != []


def test_single_line_and_control_characters(register: Form) -> None:
    assert F.validate(q(register, "name"), "Naam\nmet regel") == ["Naam: dit veld is één regel; haal de regeleinden weg"]
    assert F.validate(q(register, "name"), "Naam\x00") == ["Naam: bevat een onzichtbaar stuurteken (positie 5)"]
    assert F.validate(q(register, "goal"), "<p>regel 1</p>\n<p>regel 2</p>") == []


# --- LARS ------------------------------------------------------------------------------------------------


def test_lars_check_digit_matches_register_rule() -> None:
    # (3 x digits 1,3,5,7 + digits 2,4,6) mod 10, computed by hand for two ids:
    # 1234567: 3*(1+3+5+7) + (2+4+6) = 60 -> 0;  8412935: 3*(8+1+9+5) + (4+2+3) = 78 -> 8
    assert F.lars_check_digit("1234567") == 0
    assert F.lars_check_digit("8412935") == 8
    assert F.is_valid_lars("12345670")
    assert F.is_valid_lars("84129358")
    assert not F.is_valid_lars("12345671")
    assert not F.is_valid_lars("1234567")
    assert not F.is_valid_lars("123456700")
    assert not F.is_valid_lars("１２３４５６７０")  # full-width digits are not ASCII digits
    with pytest.raises(ValueError):
        F.lars_check_digit("123")


@given(st.text(alphabet="0123456789", min_size=7, max_size=7), st.integers(0, 9))
@settings(max_examples=200, deadline=None)
def test_lars_single_digit_error_is_caught(first: str, wrong: int) -> None:
    code = first + str(F.lars_check_digit(first))
    assert F.is_valid_lars(code)
    for pos in range(8):
        if int(code[pos]) == wrong:
            continue
        changed = code[:pos] + str(wrong) + code[pos + 1:]
        assert not F.is_valid_lars(changed)


def test_lars_messages(register: Form) -> None:
    lars = q(register, "lars")
    assert F.validate(lars, "") == []
    assert F.validate(lars, "12345670") == []
    assert F.validate(lars, "12345671") == [
        "Algoritme-ID: het controlecijfer van '12345671' klopt niet (het laatste cijfer moet 0 zijn); "
        "controleer of je het nummer goed hebt overgenomen"]
    assert F.validate(lars, "ABC") == ["Algoritme-ID: 'ABC' is geen Algoritme-ID; dat zijn precies 8 cijfers"]


# --- HTML ---------------------------------------------------------------------------------------------------


def test_only_allowed_tags(register: Form) -> None:
    goal = q(register, "goal")
    assert F.validate(goal, "<div><p>Doel</p><ul><li>een</li><li>twee</li></ul>regel<br>regel<br/></div>") == []
    msgs = F.validate(goal, '<p>Dit is <b>vet</b> en <a href="x">een link</a></p>')
    assert msgs[0] == ("Doel en impact: de opmaak <a>, <b> is niet toegestaan; "
                       "wel toegestaan: <div>, <br>, <p>, <ul>, <ol>, <li>")
    assert "Doel en impact: opmaak mag geen attributen hebben (href)" in msgs
    assert F.validate(goal, "<p>open") == ["Doel en impact: <p> wordt niet afgesloten met </p>"]
    assert F.validate(goal, "tekst</p>") == ["Doel en impact: </p> sluit iets af dat niet geopend is"]
    assert F.validate(goal, "<!-- x --><p>a</p>")[0].startswith("Doel en impact: commentaar")
    # plain-text fields take no markup at all
    assert F.validate(q(register, "name"), "<p>Naam</p>") == ["Naam: dit veld is platte tekst; opmaak (<p>) is hier niet toegestaan"]
    # a lone '<' is text, not markup
    assert F.validate(q(register, "name"), "Score < 5 en > 2") == []


def test_reduce_keeps_all_text_and_says_what_changed(register: Form) -> None:
    goal = q(register, "goal")
    pasted = ('<h2 style="color:red">Doel</h2><p>Het <b>snelle</b> &amp; <span class="x">eerlijke</span> proces.</p>'
              '<table><tr><td>cel 1</td><td>cel 2</td></tr></table><script>alert(1)</script><p>Einde')
    cleaned = F.clean(goal, pasted)
    assert F.validate(goal, cleaned.value) == []
    text = F.scan_html(cleaned.value).text
    for word in ("Doel", "snelle", "&", "eerlijke", "proces", "cel 1", "cel 2", "Einde"):
        assert word in text
    assert "alert" not in cleaned.value
    joined = " | ".join(cleaned.notes)
    assert "<b>" in joined and "<span>" in joined and "alle tekst is bewaard" in joined
    assert "<h2>" in joined  # mapped to a paragraph
    assert "stijl" in joined
    assert "<script>" in joined


def test_reduce_plain_field(register: Form) -> None:
    name = q(register, "name")
    cleaned = F.clean(name, "<p>Aanvragen <b>sorteren</b></p>\n<p>voor subsidie</p>")
    assert cleaned.value == "Aanvragen sorteren voor subsidie"
    assert F.validate(name, cleaned.value) == []
    assert any("platte tekst" in n for n in cleaned.notes)
    assert any("regeleinden" in n for n in cleaned.notes)
    untouched = F.clean(name, "Gewone naam")
    assert untouched.value == "Gewone naam" and untouched.notes == []


@given(st.text(alphabet=st.sampled_from(list("ab <>/&;pdivulolibrspanh1\n\"=x")), max_size=80))
@settings(max_examples=300, deadline=None)
def test_clean_output_always_valid_markup(raw: str) -> None:
    goal = q(REGISTER, "goal")
    cleaned = F.clean(goal, raw)
    problems = [m for m in F.validate(goal, cleaned.value) if "tekens" not in m]
    assert problems == [], (raw, cleaned.value)


# --- list and group values -------------------------------------------------------------------------------


def test_list_values(register: Form) -> None:
    category = q(register, "category")
    assert F.validate(category, "") == []
    assert F.validate(category, json.dumps(["Verkeer", "Werk"])) == []
    msgs = F.validate(category, json.dumps(["Verkeer", "Vervoer", "Verkeer"]))
    assert msgs[0].startswith("Thema: 'Vervoer' is geen toegestane waarde")
    assert "Thema: 'Verkeer' staat er meer dan één keer in" in msgs
    assert F.validate(category, "not json") == ["Thema: de opgeslagen waarde is geen geldige lijst"]
    assert F.decode(category, '["Werk"]') == ["Werk"]
    assert F.encode(category, []) == ""
    assert F.is_empty(category, "[]")


def test_group_values(register: Form) -> None:
    group = q(register, "lawful-basis-grouping")
    good = [{"title": "Algemene wet bestuursrecht", "link": "https://wetten.overheid.nl/BWBR0005537"}]
    assert F.validate(group, F.encode(group, good)) == []
    bad = [{"title": "x" * 101, "link": "https://wetten.overheid.nl/"}, {"title": "Wet", "link": ""},
           {"title": "", "link": ""}, {"title": "Wet", "link": "https://a.nl/", "extra": "?"}]
    msgs = F.validate(group, F.encode(group, bad), "en")
    assert "References to the legal basis, line 1 – Title of the legal basis: 101 characters, at most 100" in msgs
    assert "References to the legal basis, line 2 – Link to the legal basis: this field is required" in msgs
    assert "References to the legal basis: line 3 is empty" in msgs
    assert "References to the legal basis: line 4 has an unknown field 'extra'" in msgs
    too_many = [{"title": f"Wet {i}", "link": f"https://wetten.overheid.nl/{i}"} for i in range(51)]
    assert F.validate(group, F.encode(group, too_many)) == ["Verwijzingen wettelijke basis: 51 regels, maximaal 50"]


# --- the schema of `field:` and the engine -----------------------------------------------------------------

VALUE_FORM = """\
id: v
version: "1"
languages: [nl, en]
title: {nl: V, en: V}
start: kind
labels:
  - {id: other, text: {nl: Anders, en: Other}}
questions:
  - id: kind
    text: {nl: Soort?, en: Kind?}
    answers:
      - {id: a, text: {nl: A, en: A}, next: [{question: amount}]}
      - {id: b, text: {nl: B, en: B}, labels: [other], next: [{question: amount}]}
  - id: amount
    type: number
    text: {nl: Hoeveel?, en: How many?}
    field: {label: {nl: Aantal, en: Number}, required: true, min: 0, max: 1000, decimals: 1}
    next:
      - {if: other, question: status}
      - {if: not other, question: when}
  - id: status
    type: text
    text: {nl: Status?, en: Status?}
    field:
      label: {nl: Status, en: Status}
      required: true
      values:
        - {value: aan, text: {nl: Aan, en: 'On'}}
        - {value: uit, text: {nl: Uit, en: 'Off'}}
    next:
      - {if: answer(status) == aan, question: when}
      - {if: answer(status) != aan, conclusion: done}
  - id: when
    type: date
    text: {nl: Wanneer?, en: When?}
    field: {label: {nl: Datum, en: Date}}
    next: [{conclusion: done}]
conclusions:
  - {id: done, title: {nl: Klaar, en: Done}, text: {nl: Klaar, en: Done}}
"""


def test_value_questions_route_validate_and_resolve(tmp_path: Path) -> None:
    form = load_form(write_form(tmp_path, VALUE_FORM))
    decision = run(form, [Step.of("kind", "b"), Step.of("amount", "12.5"), Step.of("status", "aan"),
                          Step.of("when", "2025-02-28")], complete=True)
    assert decision.conclusion is not None and decision.conclusion.id == "done"
    trace = decision.to_json()["path"]
    assert trace[1]["answer"] == "12.5" and trace[2]["answer"] == "aan"
    decision = run(form, [Step.of("kind", "b"), Step.of("amount", "3"), Step.of("status", "uit")], complete=True)
    assert decision.done
    with pytest.raises(DecisionError, match="step 2: question 'amount': Number: 1001 is more than the maximum 1000"):
        run(form, [Step.of("kind", "a"), Step.of("amount", "1001")])
    with pytest.raises(DecisionError, match="more than 1 decimals"):
        run(form, [Step.of("kind", "a"), Step.of("amount", "1.25")])
    with pytest.raises(DecisionError, match="takes one value"):
        run(form, [Step.of("kind", "a"), Step("amount", ("1", "2"))])
    with pytest.raises(DecisionError, match="not a date"):
        run(form, [Step.of("kind", "a"), Step.of("amount", "1"), Step.of("when", "2025-02-30")])
    # optional empty value
    assert run(form, [Step.of("kind", "a"), Step.of("amount", "1"), Step.of("when", "")], complete=True).done
    # resolve: a stored value that no longer passes stops the walk there, with the reason
    state = resolve(form, {"kind": ["a"], "amount": ["-1"], "when": ["2025-01-01"]})
    assert state.current is not None and state.current.id == "amount"
    assert state.problem is not None and "Number: -1 is less than the minimum 0" in state.problem
    assert "when" in state.set_aside
    # decide-style JSON input: values as text, lists and groups as JSON
    steps = parse_steps({"steps": [{"question": "kind", "answer": "a"}, {"question": "amount", "answer": "7"}]}, False, form)
    assert steps[1] == Step("amount", ("7",))


def test_explore_enumerates_allowed_values_only(tmp_path: Path) -> None:
    form = load_form(write_form(tmp_path, VALUE_FORM))
    paths = explore(form).paths
    # kind a -> when; kind b -> status aan -> when, status uit -> done
    assert len(paths) == 3
    assert all(p.end_kind == "conclusion" for p in paths)
    for path in paths:  # every explored path replays through the runner (sample values pass the checks)
        assert run(form, [Step(qid, a) for qid, a in path.steps], complete=True).done
    report = check_path(form.path)
    assert report.ok and not report.warnings, report.render()


@pytest.mark.parametrize("field, message", [
    ("{label: {nl: X, en: X}, values: [{value: a, text: {nl: A, en: A}}]}", "only for type text or list, not date"),
    ("{label: {nl: X, en: X}, html: [p]}", "html: only for type longtext"),
    ("{label: {nl: X, en: X}, max_length: -1}", "max_length: expected a whole number of at least 1"),
    ("{label: {nl: X, en: X}, required: 'false'}", "required: expected true or false"),
    ("{label: {nl: X, en: X}, colour: red}", "unknown key 'colour'"),
    ("{required: true}", "label: text is missing"),
    ("{label: {nl: X, en: X}, pattern: '('}", "pattern: not a valid regular expression"),
])
def test_field_schema_errors(tmp_path: Path, field: str, message: str) -> None:
    text = VALUE_FORM.replace("field: {label: {nl: Datum, en: Date}}", f"field: {field}")
    with pytest.raises(FormLoadError) as err:
        load_form(write_form(tmp_path, text))
    assert message in str(err.value)
    assert "form.yaml:" in str(err.value)  # names file and line


def test_value_question_needs_field_and_no_answers(tmp_path: Path) -> None:
    text = VALUE_FORM.replace("    field: {label: {nl: Datum, en: Date}}\n", "    answers: [{id: x, text: {nl: X, en: X}}]\n")
    with pytest.raises(FormLoadError) as err:
        load_form(write_form(tmp_path, text))
    assert "missing required key 'field'" in str(err.value)
    assert "has no answers" in str(err.value)


def test_condition_on_unknown_value_is_an_error(tmp_path: Path) -> None:
    text = VALUE_FORM.replace("answer(status) == aan", "answer(status) == an")
    report = check_path(write_form(tmp_path, text))
    assert not report.ok
    assert any("not one of its allowed values" in f.message for f in report.errors)


def test_missing_translation_of_field_label(tmp_path: Path) -> None:
    text = VALUE_FORM.replace("field: {label: {nl: Datum, en: Date}}", "field: {label: {nl: Datum}}")
    report = check_path(write_form(tmp_path, text))
    assert any(f.code == "translation" and "field label" in f.message for f in report.errors)


def test_register_and_impact_forms_pass_check() -> None:
    for name in ("register", "impact"):
        report = check_path(FORMS / name)
        assert report.ok and not report.warnings, report.render()


def test_validate_cached_matches_validate(register: Form) -> None:
    short = q(register, "description-short")
    for value in ("x" * 401, "ok", "", "x" * 401):
        assert F.validate_cached(short, value) == F.validate(short, value)
    first = F.validate_cached(short, "x" * 401)
    first.append("changed by the caller")
    assert F.validate_cached(short, "x" * 401) == ["Korte omschrijving: 401 tekens, maximaal 400"]
