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

    try:
        return cli_main()
    except BrokenPipeError:
        # The reader went away (e.g. `algoinventaris list | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
