"""House rule check: every module in algoinventaris/, tests/ and bench/ starts with a one-line docstring."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOTS = ("algoinventaris", "tests", "bench", "tools")


def main() -> int:
    bad: list[str] = []
    top = Path(__file__).resolve().parent.parent
    for root in ROOTS:
        for path in sorted((top / root).rglob("*.py")):
            if "migrations/versions" in path.as_posix() and path.name.startswith("_"):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            doc = ast.get_docstring(tree, clean=False)
            first = doc.strip().splitlines()[0] if doc and doc.strip() else ""
            if not first:
                bad.append(f"{path.relative_to(top)}: no module docstring")
            elif not first.rstrip().endswith((".", ")", ":")) and len(doc.strip().splitlines()) == 1:
                bad.append(f"{path.relative_to(top)}: docstring should be one sentence ending in '.'")
    for line in bad:
        print(line)
    if bad:
        print(f"{len(bad)} module(s) break the docstring rule")
        return 1
    print("docstrings: every module starts with a one-line docstring")
    return 0


if __name__ == "__main__":
    sys.exit(main())
