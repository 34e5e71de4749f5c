"""Error types of the form engine; every failure the engine reports is one of these."""

from __future__ import annotations


class FormEngineError(Exception):
    """Base class of every error the form engine raises on purpose."""


class ExpressionError(FormEngineError):
    """A condition could not be parsed or evaluated; carries the 1-based column."""

    def __init__(self, message: str, source: str, column: int) -> None:
        self.message = message
        self.source = source
        self.column = column
        super().__init__(f"{message} (column {column}): {source!r}")


class FormLoadError(FormEngineError):
    """A form file could not be read or does not follow the form schema."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class DecisionError(FormEngineError):
    """An answer sequence does not fit the form (unknown id, off-path question, incomplete, stuck)."""

    def __init__(self, message: str, step: int | None = None) -> None:
        self.step = step
        prefix = f"step {step}: " if step is not None else ""
        super().__init__(prefix + message)


class ImportFormatError(FormEngineError):
    """A file given to an importer is not in the format that importer reads."""
