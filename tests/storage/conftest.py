"""Fixtures of the storage tests: a small chain form and an open repository in the test's data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from algoinventaris.formengine.model import Form
from algoinventaris.storage import OwnerRepository, open_owner_db
from tests.storage.helpers import write_chain_form


@pytest.fixture
def forms_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A forms folder of our own, used by config.form_path (ALGOINVENTARIS_FORMS_DIR)."""
    folder = tmp_path / "forms"
    folder.mkdir()
    monkeypatch.setenv("ALGOINVENTARIS_FORMS_DIR", str(folder))
    return folder


@pytest.fixture
def form(forms_dir: Path) -> Form:
    return write_chain_form(forms_dir, 6)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[OwnerRepository]:
    repository = open_owner_db(tmp_path / "owner.sqlite3")
    try:
        yield repository
    finally:
        repository.close()
