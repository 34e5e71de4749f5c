"""Shared helpers for CLI output: JSON printing, error lines and exit codes."""

from __future__ import annotations

import json
import sys
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1  # the check or decision did not succeed
EXIT_USAGE = 2  # wrong command-line use (argparse uses 2 as well)
EXIT_INPUT = 3  # an input file is missing, unreadable or not in the expected format
EXIT_OPEN = 4  # the answers are valid but do not reach a conclusion yet


def print_json(value: Any, *, compact: bool = False) -> None:
    """Print one JSON value to stdout (UTF-8, not escaped)."""
    if compact:
        sys.stdout.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")
    else:
        sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def error(message: str) -> None:
    """Print an error line for a person to stderr."""
    sys.stderr.write(f"algoinventaris: {message}\n")


_GROUPS: dict[tuple[int, str], Any] = {}


def command_group(sub: Any, name: str, help_text: str) -> Any:
    """The sub-command group `name` (e.g. "export"), created once and shared by several CLI modules.

    Usage in a module's register(sub): `command_group(sub, "export", "...").add_parser("package", ...)`.
    """
    key = (id(sub), name)
    if key not in _GROUPS:
        parser = sub.add_parser(name, help=help_text)
        _GROUPS[key] = parser.add_subparsers(dest=f"{name}_command", required=True, metavar="WHAT")
    return _GROUPS[key]
