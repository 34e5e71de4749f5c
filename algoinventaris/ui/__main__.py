"""`python -m algoinventaris.ui`: start the desktop app directly, without building the command-line parser."""

from __future__ import annotations

import sys


def main() -> int:
    from algoinventaris.ui.app import run_app

    return run_app(sys.argv[1:])  # sets up logging after the first paint


if __name__ == "__main__":
    sys.exit(main())
