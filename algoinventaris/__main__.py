"""Console entry point: `python -m algoinventaris` and the `algoinventaris` script."""

from __future__ import annotations

import os
import sys


def main() -> int:
    # A windowed build has no console; give print() somewhere harmless to go.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    from algoinventaris.cli.main import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
