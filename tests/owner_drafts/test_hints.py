"""The hint beside an open AI-Act question: register texts as plain text, labelled, never answers."""

from __future__ import annotations

import datetime as dt

from algoinventaris import config
from algoinventaris.domain.drafts import NOT_IN_STANDARD, DraftOrigin, NotTaken
from algoinventaris.domain.register import register_questions
from algoinventaris.formengine.loader import load_form
from algoinventaris.package.drafts import register_hints


def test_html_register_texts_become_plain_lines_and_legacy_type_is_named() -> None:
    register = load_form(config.form_path("register"))
    q = register_questions(register)
    answers = {q["methods_and_models"].id: "<div><p>Modelmatige vergelijking.</p><ul><li>Grond &amp; opstal</li>"
                                            "<li>Bouwjaar</li></ul></div>",
               q["description_short"].id: "Taxatie van de WOZ-waarde <geen markup> & meer"}
    origin = DraftOrigin(algorithm_id="a", draft_id="d", round="R", revision=1, source="register", origin="x.json, record 1",
                         match_kind="lars", match_value="1234567", answers=answers,
                         not_mapped=(NotTaken("type", "Op regels gebaseerd", NOT_IN_STANDARD),), deviations=(),
                         started_at=dt.datetime(2026, 11, 25, tzinfo=dt.UTC))
    hints = dict(register_hints(origin, register, "nl"))
    short = next(v for k, v in hints.items() if "omschrijving" in k.lower())
    assert short == "Taxatie van de WOZ-waarde <geen markup> & meer"  # plain text stays as it is (escaped on display)
    methods = next(v for k, v in hints.items() if v.startswith("Modelmatige"))
    assert methods.splitlines() == ["Modelmatige vergelijking.", "Grond & opstal", "Bouwjaar"]
    assert hints["type (ouder registerveld)"] == "Op regels gebaseerd"
