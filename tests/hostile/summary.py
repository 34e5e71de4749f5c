"""The tally of the hostile-input and fault suite, printed as a table at the end of the run (tests/hostile/conftest.py).

Tests record here what they tried: each hostile package (refused with the right reason, or shown
safely), each series of SIGKILL trials and each fuzz target, with the data lost (which must be 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    """One line of the summary: what was tried, how often, how it ended."""

    area: str
    tried: int = 0
    refused_right: int = 0
    shown_safely: int = 0
    wrong: int = 0
    data_lost: int = 0
    notes: list[str] = field(default_factory=list)


ROWS: dict[str, Row] = {}


def _row(area: str) -> Row:
    return ROWS.setdefault(area, Row(area))


def record_case(area: str, name: str, *, refused_right: bool = False, shown_safely: bool = False, data_lost: int = 0) -> None:
    """One hostile input: refused with the reason expected, or shown safely; otherwise it counts as wrong."""
    row = _row(area)
    row.tried += 1
    if refused_right:
        row.refused_right += 1
    elif shown_safely:
        row.shown_safely += 1
    else:
        row.wrong += 1
        row.notes.append(name)
    row.data_lost += data_lost


def record_trials(area: str, trials: int, *, checked: int, data_lost: int = 0, note: str = "") -> None:
    """A series of crash or concurrency trials: how many, how many facts were checked afterwards, what was lost."""
    row = _row(area)
    row.tried += trials
    row.shown_safely += trials if not data_lost else 0
    row.data_lost += data_lost
    row.notes.append(f"{checked} checked" + (f", {note}" if note else ""))


def record_fuzz(area: str, examples: int, *, escaped: int = 0) -> None:
    """A fuzz target: how many generated inputs, how many ended in an error type that is not ours (must be 0)."""
    row = _row(area)
    row.tried += examples
    row.refused_right += examples - escaped
    row.wrong += escaped


def table() -> list[str]:
    """The summary as text lines (empty when nothing was recorded)."""
    if not ROWS:
        return []
    head = ("area", "tried", "refused (right reason)", "shown safely", "wrong", "data lost")
    order = ("hostile", "markup", "SIGKILL", "concurrency", "fuzz")
    rows = sorted(ROWS.values(), key=lambda r: (next((i for i, p in enumerate(order) if r.area.startswith(p)), len(order)), r.area))
    lines = [[r.area, str(r.tried), str(r.refused_right), str(r.shown_safely), str(r.wrong), str(r.data_lost)] for r in rows]
    total = [sum(int(line[i]) for line in lines) for i in range(1, 6)]
    lines.append(["total", *map(str, total)])
    widths = [max(len(head[i]), *(len(line[i]) for line in lines)) for i in range(len(head))]

    def fmt(cells: list[str] | tuple[str, ...]) -> str:
        return "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))

    out = [fmt(head), "  ".join("-" * w for w in widths)]
    out += [fmt(line) for line in lines[:-1]]
    out += ["  ".join("-" * w for w in widths), fmt(lines[-1])]
    notes = [f"  {r.area}: {'; '.join(r.notes)}" for r in rows if r.notes]
    if notes:
        out += ["", "notes:", *notes]
    return out
