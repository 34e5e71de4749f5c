"""`algoinventaris cdo drafts import-sheet`: last year's inventory spreadsheet, through a column mapping, into drafts."""

from __future__ import annotations

import argparse


def register(drafts_sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    """Add the spreadsheet commands to `cdo drafts`."""
