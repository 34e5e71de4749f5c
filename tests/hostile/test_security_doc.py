"""SECURITY.md held against the code: one page, every command it names exists, and its claims about keys and revocation hold.

The replay claims (same bytes, repacked, older version after its correction, same id with other
content) are cases of the hostile corpus (test_corpus.py); the claims about what is refused are the
corpus as a whole. Key files (0600, folder 0700, never overwritten) are tested in tests/package/test_keys.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from algoinventaris.cdo.pipeline import Importer
from algoinventaris.cli.main import build_parser
from tests.cdo.conftest import MOMENT
from tests.conftest import ROOT
from tests.hostile.corpus import GOOD, World

DOC = ROOT / "SECURITY.md"


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], set[str]]:
    """Every command path of the CLI with its option strings."""
    out = {path: {o for action in parser._actions for o in action.option_strings}}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out.update(_commands(sub, (*path, name)))
    return out


def test_security_md_fits_on_one_page() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 90 and len(text.split()) <= 1100, "SECURITY.md should stay one page"
    for heading in ("What a valid package proves", "Who could forge what", "Where keys live", "What the CDO must check on enrolment",
                    "Report a problem"):
        assert heading in text


def test_every_command_and_option_it_names_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    commands = _commands(build_parser())
    named = [(("keys", "export-public"), None), (("keys", "show"), None), (("cdo", "trust", "add"), None),
             (("cdo", "trust", "revoke"), "--from"), (("keys", "import-p12"), "--replace"), (("verify",), "--key"),
             (("verify",), "--ca"), (("cdo", "audit"), None), (("cdo", "export", "csv"), None),
             (("keys", "create"), "--passphrase-file")]
    for path, option in named:
        assert " ".join(path[-2:]) in text or path[-1] in text, f"SECURITY.md no longer names {' '.join(path)}"
        assert path in commands, f"SECURITY.md names `{' '.join(path)}`, which the CLI does not have"
        if option is not None:
            assert option in text and option in commands[path], f"`{' '.join(path)} {option}` does not exist"
    assert "ALGOINVENTARIS_KEY_PASSPHRASE" in text and "ALGOINVENTARIS_DATA_DIR" in text


def test_no_command_takes_a_passphrase_on_the_command_line() -> None:
    """'Passphrases are never taken from the command line': no option carries one, only the name of a file."""
    for path, options in _commands(build_parser()).items():
        for option in options:
            lowered = option.lower()
            if "pass" in lowered or "secret" in lowered or lowered.strip("-") == "pin":
                assert lowered.endswith("-file"), f"`{' '.join(path)} {option}` would put a secret in the process list"


def test_a_revoked_key_signing_with_an_earlier_date_is_imported_with_a_warning(world: World, cdo_db: tuple[Any, Path]) -> None:
    """The limit SECURITY.md states: created_at is the signer's clock, so a thief can date a package before the revocation."""
    repo, _ = cdo_db
    importer = Importer(repo, actor="hostile")
    backdated = importer.import_bytes(world.make(GOOD, world.revoked, created_at=MOMENT - dt.timedelta(days=2)), "backdated.zip")
    assert backdated.result == "imported"
    assert "revoked" in backdated.reason_en and "before that" in backdated.reason_en
    assert any(a.reason and "revoked" in a.reason for a in repo.audit_log(5)), "the warning is in the audit trail"
    honest = importer.import_bytes(world.make(GOOD, world.revoked, created_at=MOMENT), "after.zip")
    assert (honest.result, honest.reason_code) == ("refused", "revoked-key")
