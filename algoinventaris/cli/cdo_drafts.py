"""`algoinventaris cdo drafts ...`: prefilled drafts from register entries and last year's spreadsheet."""

from __future__ import annotations

import argparse


def register(cmds: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    drafts = cmds.add_parser("drafts", parents=[common], help="prefilled drafts from the register and last year's spreadsheet")
    drafts_sub = drafts.add_subparsers(dest="drafts_command", metavar="COMMAND", required=True)
    from algoinventaris.cli import cdo_sheet

    cdo_sheet.register(drafts_sub, common)
