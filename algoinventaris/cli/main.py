"""The `algoinventaris` command: parses arguments and dispatches to sub-commands (no args starts the app)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from algoinventaris import __version__

# Each module in algoinventaris/cli/ named here has register(subparsers). Modules import heavy
# libraries (SQLAlchemy, reportlab, cryptography, Qt) inside their handlers, never at the top,
# so that building the parser stays cheap and the GUI starts fast.
COMMAND_MODULES = [
    "forms",
    "decide",
    "keys",
    "package",
    "owner",
    "cdo",
    "register",
    "demo",
    "migrate",
    "rounds",
    "register_import",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="algoinventaris",
        description="Inventory of algorithms and AI systems. Without a command the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"algoinventaris {__version__}")
    parser.add_argument("--db", metavar="PATH", help="use this database file instead of the default")
    parser.add_argument("--self-test", action="store_true",
                        help="check that forms, database and window work in this installation, then exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="start the desktop app (the default)")
    gui.set_defaults(handler=None)
    for name in COMMAND_MODULES:
        importlib.import_module(f"algoinventaris.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list in ([], ["gui"]):
        # Fast path to the first window: building the full parser would import every command module, and
        # run_app sets up logging itself once the window has painted.
        from algoinventaris.ui.app import run_app

        return run_app([])
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.db:
        os.environ["ALGOINVENTARIS_DB"] = args.db
    from algoinventaris.logsetup import setup_logging

    setup_logging()
    if args.self_test:
        from algoinventaris.cli.selftest import run_self_test

        return run_self_test()
    handler = getattr(args, "handler", None)
    if handler is None:
        from algoinventaris.ui.app import run_app

        return run_app(args_list)
    result: int = handler(args)
    return result
