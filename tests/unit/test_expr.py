"""Tests of the condition language: parsing, precedence, evaluation, errors and fuzzing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from algoinventaris.formengine import expr as ex
from algoinventaris.formengine.errors import ExpressionError


def ev(source: str, *labels: str, answers: dict[str, object] | None = None) -> bool:
    return ex.evaluate(ex.parse(source), frozenset(labels), answers)  # type: ignore[arg-type]


def test_label_membership_and_quoted_names() -> None:
    assert ev("provider", "provider")
    assert not ev("provider", "deployer")
    assert ev('"hoog-risico AI"', "hoog-risico AI")
    assert ev('"a \\"quoted\\" label"', 'a "quoted" label')


def test_precedence_not_and_or() -> None:
    # a or b and c == a or (b and c)
    assert ev("a or b and c", "a")
    assert not ev("(a or b) and c", "a")
    assert ev("not a and b", "b")
    assert not ev("not (a and b) and a", "a", "b")
    assert ev("not not a", "a")
    assert ev("true") and not ev("false")


def test_answer_comparison() -> None:
    assert ev("answer(role) == develop", answers={"role": "develop"})
    assert ev("answer(role) != develop", answers={"role": "buy"})
    assert ev("answer(kinds) == text", answers={"kinds": ["text", "image"]})
    assert not ev("answer(missing) == x")


@pytest.mark.parametrize(
    ("source", "column", "fragment"),
    [
        ("", 1, "empty"),
        ("a and", 6, "expected a label"),
        ("a && b", 3, "write 'and'"),
        ("(a or b", 8, "expected ')'"),
        ("a b", 3, "missing 'and' or 'or'"),
        ('"open', 1, "not closed"),
        ("answer(q) x", 11, "'==' or '!='"),
        ("answer(q) > x", 11, "unexpected character '>'"),
        ('""', 1, "cannot be empty"),
    ],
)
def test_errors_name_the_column(source: str, column: int, fragment: str) -> None:
    with pytest.raises(ExpressionError) as info:
        ex.parse(source)
    assert info.value.column == column
    assert fragment in info.value.message


def test_deep_nesting_is_refused_cleanly() -> None:
    with pytest.raises(ExpressionError, match="deeper"):
        ex.parse("(" * 500 + "a" + ")" * 500)
    with pytest.raises(ExpressionError, match="deeper"):
        ex.parse("not " * 500 + "a")


def test_referenced_labels() -> None:
    tree = ex.parse('a and (not b or "c d") and answer(q) == x')
    assert ex.referenced_labels(tree) == {"a", "b", "c d"}
    assert ex.referenced_answers(tree) == {("q", "x")}


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_fuzz_any_text_parses_or_raises_our_error(source: str) -> None:
    try:
        tree = ex.parse(source)
    except ExpressionError:
        return
    assert isinstance(ex.evaluate(tree, frozenset()), bool)


TOKENS = st.sampled_from(["a", "b", "c", "not", "and", "or", "(", ")", "true", "false", '"x y"', "answer(q)", "==", "!="])


@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, max_size=14))
def test_fuzz_token_soup(tokens: list[str]) -> None:
    source = " ".join(tokens)
    try:
        tree = ex.parse(source)
    except ExpressionError:
        return
    # to_source must parse back to a condition with the same meaning on every label set
    again = ex.parse(tree.to_source())
    names = ["a", "b", "c", "x y"]
    for mask in range(16):
        labels = frozenset(n for i, n in enumerate(names) if mask & (1 << i))
        for answer in ("x", "y"):
            ctx = ex.Context(labels, {"q": answer})
            assert again.evaluate(ctx) == tree.evaluate(ctx)


LEAVES = st.sampled_from(["a", "b", "c", "d"]).map(ex.HasLabel)
TREES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        inner.map(ex.Not),
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: ex.And(tuple(xs))),
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: ex.Or(tuple(xs))),
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(TREES, st.sets(st.sampled_from(["a", "b", "c", "d"])))
def test_written_source_keeps_meaning(tree: ex.Expr, labels: set[str]) -> None:
    again = ex.parse(tree.to_source())
    assert again.evaluate(ex.Context(frozenset(labels), {})) == tree.evaluate(ex.Context(frozenset(labels), {}))
