"""The safe condition language of our forms: a tokenizer, a recursive-descent parser and an evaluator.

Grammar (keywords are lower case; ``not`` binds tighter than ``and``, ``and`` tighter than ``or``)::

    condition  := or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := unary ("and" unary)*
    unary      := "not" unary | atom
    atom       := "(" or_expr ")" | "true" | "false" | comparison | label
    comparison := "answer" "(" NAME ")" ("==" | "!=") (NAME | STRING)
    label      := NAME | STRING          -- true when that label has been collected

NAME is ``[A-Za-z_][A-Za-z0-9_.-]*`` (not a keyword); STRING is a double-quoted text with ``\\"``
and ``\\\\`` escapes. Nothing is ever handed to Python's ``eval``: the parser builds a small tree
of frozen dataclasses, and evaluation walks that tree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Union

from algoinventaris.formengine.errors import ExpressionError

KEYWORDS = frozenset({"and", "or", "not", "true", "false", "answer"})
MAX_LENGTH = 10_000
MAX_DEPTH = 100

AnswerValue = Union[str, Sequence[str], None]


@dataclass(frozen=True)
class Context:
    """What a condition can look at: the collected labels and the answers given so far."""

    labels: frozenset[str]
    answers: Mapping[str, AnswerValue]


# --- tree -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Const:
    """``true`` or ``false``."""

    value: bool

    def evaluate(self, ctx: Context) -> bool:
        return self.value

    def to_source(self) -> str:
        return "true" if self.value else "false"


@dataclass(frozen=True)
class HasLabel:
    """True when the label has been collected."""

    label: str

    def evaluate(self, ctx: Context) -> bool:
        return self.label in ctx.labels

    def to_source(self) -> str:
        return _name_or_string(self.label)


@dataclass(frozen=True)
class AnswerIs:
    """``answer(q) == a`` (or ``!=``): the answer of question q is a, or, for a multiple choice, includes a."""

    question: str
    value: str
    negated: bool = False

    def evaluate(self, ctx: Context) -> bool:
        given = ctx.answers.get(self.question)
        if given is None:
            hit = False
        elif isinstance(given, str):
            hit = given == self.value
        else:
            hit = self.value in given
        return hit != self.negated

    def to_source(self) -> str:
        op = "!=" if self.negated else "=="
        return f"answer({self.question}) {op} {_name_or_string(self.value)}"


@dataclass(frozen=True)
class Not:
    """Logical negation."""

    operand: Expr

    def evaluate(self, ctx: Context) -> bool:
        return not self.operand.evaluate(ctx)

    def to_source(self) -> str:
        inner = self.operand.to_source()
        if isinstance(self.operand, (And, Or)):
            inner = f"({inner})"
        return f"not {inner}"


@dataclass(frozen=True)
class And:
    """All operands hold."""

    operands: tuple[Expr, ...]

    def evaluate(self, ctx: Context) -> bool:
        return all(op.evaluate(ctx) for op in self.operands)

    def to_source(self) -> str:
        return " and ".join(f"({o.to_source()})" if isinstance(o, Or) else o.to_source() for o in self.operands)


@dataclass(frozen=True)
class Or:
    """At least one operand holds."""

    operands: tuple[Expr, ...]

    def evaluate(self, ctx: Context) -> bool:
        return any(op.evaluate(ctx) for op in self.operands)

    def to_source(self) -> str:
        return " or ".join(o.to_source() for o in self.operands)


Expr = Union[Const, HasLabel, AnswerIs, Not, And, Or]


def referenced_labels(expr: Expr) -> set[str]:
    """Every label name the condition tests."""
    if isinstance(expr, HasLabel):
        return {expr.label}
    if isinstance(expr, Not):
        return referenced_labels(expr.operand)
    if isinstance(expr, (And, Or)):
        found: set[str] = set()
        for op in expr.operands:
            found |= referenced_labels(op)
        return found
    return set()


def referenced_answers(expr: Expr) -> set[tuple[str, str]]:
    """Every (question, answer) pair the condition compares with."""
    if isinstance(expr, AnswerIs):
        return {(expr.question, expr.value)}
    if isinstance(expr, Not):
        return referenced_answers(expr.operand)
    if isinstance(expr, (And, Or)):
        found: set[tuple[str, str]] = set()
        for op in expr.operands:
            found |= referenced_answers(op)
        return found
    return set()


def _name_or_string(text: str) -> str:
    if _is_name(text) and text not in KEYWORDS:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _is_name(text: str) -> bool:
    if not text or not (text[0].isascii() and (text[0].isalpha() or text[0] == "_")):
        return False
    return all(ch.isascii() and (ch.isalnum() or ch in "_.-") for ch in text)


# --- tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """One lexical unit with its 1-based column."""

    kind: str  # NAME, STRING, LPAREN, RPAREN, EQ, NE, KEYWORD, END
    text: str
    column: int


def tokenize(source: str) -> list[Token]:
    """Split a condition into tokens; raise ExpressionError on anything unexpected."""
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"condition is longer than {MAX_LENGTH} characters", source[:80], 1)
    tokens: list[Token] = []
    i = 0
    n = len(source)
    while i < n:
        ch = source[i]
        col = i + 1
        if ch in " \t\r\n":
            i += 1
        elif ch == "(":
            tokens.append(Token("LPAREN", ch, col))
            i += 1
        elif ch == ")":
            tokens.append(Token("RPAREN", ch, col))
            i += 1
        elif source.startswith("==", i):
            tokens.append(Token("EQ", "==", col))
            i += 2
        elif source.startswith("!=", i):
            tokens.append(Token("NE", "!=", col))
            i += 2
        elif ch == '"':
            text, i = _read_string(source, i)
            tokens.append(Token("STRING", text, col))
        elif ch.isascii() and (ch.isalpha() or ch == "_"):
            j = i + 1
            while j < n and source[j].isascii() and (source[j].isalnum() or source[j] in "_.-"):
                j += 1
            word = source[i:j]
            tokens.append(Token("KEYWORD" if word in KEYWORDS else "NAME", word, col))
            i = j
        else:
            hint = ""
            if ch in "&|!":
                hint = " (write 'and', 'or', 'not')"
            raise ExpressionError(f"unexpected character {ch!r}{hint}", source, col)
    tokens.append(Token("END", "", n + 1))
    return tokens


def _read_string(source: str, start: int) -> tuple[str, int]:
    out: list[str] = []
    i = start + 1
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            if i + 1 >= len(source) or source[i + 1] not in '"\\':
                raise ExpressionError("only \\\" and \\\\ may follow a backslash", source, i + 1)
            out.append(source[i + 1])
            i += 2
        elif ch == '"':
            return "".join(out), i + 1
        else:
            out.append(ch)
            i += 1
    raise ExpressionError("string is not closed", source, start + 1)


# --- parser ---------------------------------------------------------------------------------


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.pos = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def fail(self, message: str, tok: Token) -> ExpressionError:
        return ExpressionError(message, self.source, tok.column)

    def expect(self, kind: str, what: str) -> Token:
        tok = self.peek()
        if tok.kind != kind:
            found = "end of condition" if tok.kind == "END" else repr(tok.text)
            raise self.fail(f"expected {what}, found {found}", tok)
        return self.take()

    def parse(self) -> Expr:
        if self.peek().kind == "END":
            raise self.fail("condition is empty", self.peek())
        expr = self.or_expr()
        tok = self.peek()
        if tok.kind != "END":
            raise self.fail(f"unexpected {tok.text!r} (missing 'and' or 'or'?)", tok)
        return expr

    def _enter(self, tok: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(f"condition nests deeper than {MAX_DEPTH} levels", tok)

    def or_expr(self) -> Expr:
        self._enter(self.peek())
        parts = [self.and_expr()]
        while self.peek().kind == "KEYWORD" and self.peek().text == "or":
            self.take()
            parts.append(self.and_expr())
        self.depth -= 1
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_expr(self) -> Expr:
        parts = [self.unary()]
        while self.peek().kind == "KEYWORD" and self.peek().text == "and":
            self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self) -> Expr:
        tok = self.peek()
        if tok.kind == "KEYWORD" and tok.text == "not":
            self.take()
            self._enter(tok)
            operand = self.unary()
            self.depth -= 1
            return Not(operand)
        return self.atom()

    def atom(self) -> Expr:
        tok = self.take()
        if tok.kind == "LPAREN":
            inner = self.or_expr()
            self.expect("RPAREN", "')'")
            return inner
        if tok.kind == "KEYWORD" and tok.text in ("true", "false"):
            return Const(tok.text == "true")
        if tok.kind == "KEYWORD" and tok.text == "answer":
            self.expect("LPAREN", "'(' after 'answer'")
            question = self.expect("NAME", "a question id")
            self.expect("RPAREN", "')'")
            op = self.peek()
            if op.kind not in ("EQ", "NE"):
                raise self.fail("expected '==' or '!=' after answer(...)", op)
            self.take()
            value = self.peek()
            if value.kind not in ("NAME", "STRING"):
                raise self.fail("expected an answer id after the comparison", value)
            self.take()
            return AnswerIs(question.text, value.text, op.kind == "NE")
        if tok.kind in ("NAME", "STRING"):
            if tok.kind == "STRING" and not tok.text:
                raise self.fail("a label name cannot be empty", tok)
            return HasLabel(tok.text)
        found = "end of condition" if tok.kind == "END" else repr(tok.text)
        raise self.fail(f"expected a label, 'not' or '(', found {found}", tok)


def parse(source: str) -> Expr:
    """Parse a condition; raise ExpressionError naming the column on any mistake."""
    if not isinstance(source, str):
        raise ExpressionError("condition must be text", repr(source)[:80], 1)
    return _Parser(source).parse()


def evaluate(expr: Expr, labels: frozenset[str] | set[str], answers: Mapping[str, AnswerValue] | None = None) -> bool:
    """Evaluate a parsed condition against collected labels and given answers."""
    return expr.evaluate(Context(frozenset(labels), answers or {}))
