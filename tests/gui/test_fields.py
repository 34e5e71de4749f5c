"""The field-widget registry: every question type gets a widget with the same interface, values as the engine stores them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt

from algoinventaris.formengine.model import VALUE_TYPES
from algoinventaris.ui.fields import (
    FIELD_TYPES,
    ChoiceField,
    GroupField,
    ListField,
    LongTextField,
    UnsupportedField,
    create_field,
)

pytestmark = pytest.mark.gui


def test_every_question_type_has_a_widget() -> None:
    for qtype in ("single", "multiple", *VALUE_TYPES):
        assert qtype in FIELD_TYPES, qtype


def test_single_choice_takes_one_answer_by_number(qtbot: Any, tiny_form: Any) -> None:
    field = create_field(tiny_form.question("uses-ai"), "nl")
    qtbot.addWidget(field)
    assert isinstance(field, ChoiceField)
    assert field.value() == ()
    assert field.problems() == ["Kies een antwoord."]
    assert field.choose_number(2)
    assert field.value() == ("no",)
    assert field.choose_number(1)
    assert field.value() == ("yes",)
    assert not field.choose_number(3)
    field.set_value(())
    assert field.value() == ()


def test_multiple_choice_toggles_and_keeps_order(qtbot: Any, tiny_form: Any) -> None:
    field = create_field(tiny_form.question("purpose"), "en")
    qtbot.addWidget(field)
    assert field.problems() == ["Kies ten minste één antwoord."]
    field.set_value(["other", "decisions"])
    assert field.value() == ("decisions", "other")
    field.choose_number(1)
    assert field.value() == ("other",)
    assert [b.accessibleName() for b in field.buttons()] == ["Decisions", "Advice", "Something else"]
    field.set_language("nl")
    assert [b.accessibleName() for b in field.buttons()] == ["Besluiten", "Advies", "Iets anders"]


def test_answer_explanation_is_shown_and_described(qtbot: Any, tiny_form: Any) -> None:
    field = create_field(tiny_form.question("uses-ai"), "nl")
    qtbot.addWidget(field)
    field.show()
    row = field.rows[1]
    assert row.explanation_label.text() == "Dan zijn we snel klaar."
    assert row.button.accessibleDescription() == "Dan zijn we snel klaar."
    assert not field.rows[0].explanation_label.isVisible()
    qtbot.mouseClick(row.text_label, Qt.MouseButton.LeftButton)
    assert field.value() == ("no",)


def test_text_field_checks_with_the_engine(qtbot: Any, value_form: Any) -> None:
    field = create_field(value_form.question("name"), "nl")
    qtbot.addWidget(field)
    assert field.problems() == ["Naam: dit veld is verplicht"]
    field.set_value(["Een veel te lange naam"])
    assert field.problems() == ["Naam: 22 tekens, maximaal 10"]
    field.set_value(["  Kort  "])
    assert field.problems() == []
    assert field.value() == ("Kort",)


def test_email_field_names_the_problem(qtbot: Any, value_form: Any) -> None:
    field = create_field(value_form.question("contact"), "en")
    qtbot.addWidget(field)
    field.set_value(["not an address"])
    assert field.problems() == ["E-mail: 'not an address' is not a valid e-mail address (like name@organisation.nl)"]
    field.set_value(["a@example.nl"])
    assert field.problems() == []


def test_long_text_takes_enter(qtbot: Any, value_form: Any) -> None:
    field = create_field(value_form.question("about"), "nl")
    qtbot.addWidget(field)
    assert isinstance(field, LongTextField) and field.takes_enter()
    field.set_value(["regel 1\nregel 2"])
    assert field.value() == ("regel 1\nregel 2",)


def test_list_field_stores_json_one_item_per_line(qtbot: Any, value_form: Any) -> None:
    field = create_field(value_form.question("tags"), "nl")
    qtbot.addWidget(field)
    assert isinstance(field, ListField)
    assert field.edit is not None
    field.edit.setPlainText("zorg\n\nwonen\n")
    (value,) = field.value()
    assert json.loads(value) == ["zorg", "wonen"]
    field.edit.setPlainText("a\nb\nc\nd")
    assert field.problems() == ["Trefwoorden: 4 regels, maximaal 3"]
    field.set_value([json.dumps(["x", "y"])])
    assert field.edit.toPlainText() == "x\ny"


def test_group_field_adds_and_removes_entries(qtbot: Any, value_form: Any) -> None:
    field = create_field(value_form.question("links"), "nl")
    qtbot.addWidget(field)
    assert isinstance(field, GroupField)
    assert field.value() == ("",)
    entry = field.add_entry({"title": "Site", "url": "https://example.nl"})
    second = field.add_entry()
    assert second.title() == "Regel 2"
    (value,) = field.value()
    assert json.loads(value)[0] == {"title": "Site", "url": "https://example.nl"}
    assert any("regel 2" in p for p in field.problems())
    field.remove_entry(second)
    assert field.problems() == []
    assert entry.editors["url"].accessibleName() == "Adres, regel 1"
    (value,) = field.value()
    field.set_value([value])
    assert len(field.entries) == 1
    assert field.entries[0].data() == {"title": "Site", "url": "https://example.nl"}


def test_unknown_type_says_so(qtbot: Any, tiny_form: Any) -> None:
    from dataclasses import replace

    odd = replace(tiny_form.question("impact"), type="signature")
    field = create_field(odd, "nl")
    qtbot.addWidget(field)
    assert isinstance(field, UnsupportedField)
    assert field.problems()
    assert "signature" in field.label.text()
