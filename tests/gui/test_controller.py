"""The wizard controller on a real owner database: answer, Back, change an earlier answer, set aside, resume, outcome."""

from __future__ import annotations

from typing import Any

import pytest

from algoinventaris.ui.controller import AnswerRejected, Progress, WizardController


def new_controller(repo: Any, form: Any, alg_id: str | None = None) -> WizardController:
    if alg_id is None:
        alg_id = repo.create_algorithm("Parkeren", "Gemeente Voorbeeld", "Team Vergunningen", "Inventarisatie 2026").id
    c = WizardController(repo, alg_id, form)
    c.resume()
    return c


def test_walk_to_a_conclusion_saves_every_step(repo: Any, tiny_form: Any) -> None:
    c = new_controller(repo, tiny_form)
    assert c.viewing == "uses-ai"
    assert c.progress() is not None and c.progress().number == 1  # type: ignore[union-attr]
    assert c.answer(["yes"]) == "purpose"
    stored = repo.answers(c.algorithm_id, "tiny")
    assert stored["uses-ai"].answers == ("yes",)
    assert stored["uses-ai"].form_hash == tiny_form.content_hash
    assert repo.get_algorithm(c.algorithm_id).current_question == "purpose"
    assert c.answer(["decisions", "advice"]) == "impact"
    assert c.progress().number == 3  # type: ignore[union-attr]
    assert c.answer(["yes"]) is None
    assert c.done and c.conclusion is not None and c.conclusion.id == "high"
    alg = repo.get_algorithm(c.algorithm_id)
    assert (alg.state, alg.conclusion, alg.conclusion_ref) == ("complete", "high", "3.0")
    assert alg.current_question is None


def test_back_shows_the_previous_answer_and_resume_reopens_the_same_question(repo: Any, tiny_form: Any) -> None:
    c = new_controller(repo, tiny_form)
    c.answer(["yes"])
    c.answer(["decisions"])
    assert c.viewing == "impact"
    assert c.back() == "purpose"
    assert c.answer_of("purpose") == ("decisions",)
    assert c.back() == "uses-ai"
    assert not c.can_go_back()
    # a new controller on the same database (the app was killed) opens where the last answer sent the owner
    again = new_controller(repo, tiny_form, c.algorithm_id)
    assert again.viewing == "impact"
    assert again.on_path == ["uses-ai", "purpose"]


def test_changing_an_earlier_answer_sets_later_answers_aside_until_discarded(repo: Any, tiny_form: Any) -> None:
    c = new_controller(repo, tiny_form)
    c.answer(["yes"])
    c.answer(["decisions"])
    c.answer(["no"])
    assert c.conclusion is not None and c.conclusion.id == "low"
    c.show_question("uses-ai")
    assert c.answer(["no"]) is None
    assert c.conclusion is not None and c.conclusion.id == "no-ai"
    assert c.set_aside == ["purpose", "impact"]
    stored = repo.answers(c.algorithm_id, "tiny")
    assert stored["purpose"].status == "set_aside" and stored["impact"].status == "set_aside"
    assert repo.get_algorithm(c.algorithm_id).conclusion == "no-ai"
    # changing back brings the kept answers onto the route again
    c.show_question("uses-ai")
    assert c.answer(["yes"]) == "purpose"
    assert c.answer_of("purpose") == ("decisions",)
    assert c.set_aside == []
    assert c.done and c.conclusion is not None and c.conclusion.id == "low"
    assert repo.answers(c.algorithm_id, "tiny")["impact"].status == "confirmed"
    # away again, then discard for good
    c.show_question("uses-ai")
    c.answer(["no"])
    assert c.discard_set_aside() == 2
    assert c.set_aside == []
    assert set(repo.answers(c.algorithm_id, "tiny")) == {"uses-ai"}


def test_changing_a_middle_answer_keeps_answers_still_on_the_route(repo: Any, tiny_form: Any) -> None:
    c = new_controller(repo, tiny_form)
    c.answer(["yes"])
    c.answer(["decisions"])
    c.answer(["yes"])
    c.show_question("purpose")
    # still via 'decisions', so 'impact' stays on the route and the next page shows it with its answer
    assert c.answer(["decisions", "other"]) == "impact"
    assert c.answer_of("impact") == ("yes",)
    assert c.set_aside == []
    assert c.done


def test_impossible_answers_are_refused_and_nothing_is_written(repo: Any, tiny_form: Any) -> None:
    c = new_controller(repo, tiny_form)
    with pytest.raises(AnswerRejected):
        c.answer([])
    with pytest.raises(AnswerRejected):
        c.answer(["maybe"])
    with pytest.raises(AnswerRejected):
        c.answer(["yes", "no"])
    assert repo.answers(c.algorithm_id, "tiny") == {}
    assert c.viewing == "uses-ai"


def test_unchanged_answer_moves_on_without_writing(repo: Any, tiny_form: Any) -> None:
    c = new_controller(repo, tiny_form)
    c.answer(["yes"])
    before = repo.get_algorithm(c.algorithm_id).updated_at
    c.back()
    assert c.answer(["yes"]) == "purpose"
    assert repo.get_algorithm(c.algorithm_id).updated_at == before


def test_becoming_undecided_again_clears_the_conclusion(repo: Any, tiny_form: Any) -> None:
    c = new_controller(repo, tiny_form)
    c.answer(["no"])
    assert repo.get_algorithm(c.algorithm_id).state == "complete"
    c.show_question("uses-ai")
    c.answer(["yes"])
    alg = repo.get_algorithm(c.algorithm_id)
    assert (alg.state, alg.conclusion, alg.conclusion_ref) == ("draft", None, None)


def test_answers_in_words(repo: Any, tiny_form: Any) -> None:
    c = new_controller(repo, tiny_form)
    c.answer(["yes"])
    c.answer(["decisions", "other"])
    assert c.answer_texts("purpose", "en") == ["Decisions", "Something else"]
    assert c.answer_texts("uses-ai", "nl") == ["Ja"]


def test_progress_counts_the_routes_that_fit_the_answers_so_far(repo: Any, tiny_form: Any, ai_act_form: Any) -> None:
    from algoinventaris.formengine.session import resolve
    from algoinventaris.ui.controller import questions_after

    c = new_controller(repo, tiny_form)
    # from the start most known routes go through 'purpose' and 'impact'
    assert c.progress() == Progress(number=1, remaining=2, answered=0)
    c.answer(["yes"])
    c.answer(["advice"])
    assert c.done and c.progress() is None
    c.show_question("uses-ai")
    assert c.progress() == Progress(number=1, remaining=1, answered=2)
    # the real form: a whole route is about 14 questions; each answer on the way leaves fewer
    at_start = questions_after(ai_act_form, resolve(ai_act_form, {}))
    assert 8 <= at_start <= 18
    first = ai_act_form.question(ai_act_form.start)
    going_on = next(a.id for a in first.answers if not any(r.target_kind == "conclusion" for r in a.rules))
    assert questions_after(ai_act_form, resolve(ai_act_form, {first.id: (going_on,)})) == at_start - 1
