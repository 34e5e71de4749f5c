"""Console entry point: `python -m algoinventaris` and the `algoinventaris` script."""

from __future__ import annotations

import sys


def main() -> int:
    from algoinventaris.cli.main import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
