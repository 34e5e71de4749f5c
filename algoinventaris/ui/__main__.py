"""`python -m algoinventaris.ui`: start the desktop app directly, without building the command-line parser."""

from __future__ import annotations

import sys


def main() -> int:
    from algoinventaris.logsetup import setup_logging
    from algoinventaris.ui.app import run_app

    setup_logging()
    return run_app(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
