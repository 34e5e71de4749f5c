"""Fixtures for migration tests: the three official trees imported once, their paths, and the real maps."""

from __future__ import annotations

from pathlib import Path

import pytest

from algoinventaris.formengine.beslishulp import import_file
from algoinventaris.formengine.migration import MigrationMap, Migrator, load_map
from algoinventaris.formengine.model import Form
from algoinventaris.formengine.paths import WalkedPath, explore
from tests.conftest import FORMS, OFFICIAL_TREES, reference_file

MIGRATIONS = FORMS / "migrations"
MAP_2025_2026 = MIGRATIONS / "beslishulp-2025-01-22-to-2026-01-06.yaml"
MAP_2026_CURRENT = MIGRATIONS / "beslishulp-2026-01-06-to-current.yaml"


@pytest.fixture(scope="session")
def trees() -> dict[str, Form]:
    """The official trees of 2025-01-22, 2026-01-06 and now, imported as three versions of form 'beslishulp'."""
    return {name: import_file(reference_file(file))[1] for name, file in OFFICIAL_TREES.items()}


@pytest.fixture(scope="session")
def tree_paths(trees: dict[str, Form]) -> dict[str, list[WalkedPath]]:
    """Every path of every tree (walked by the form engine's explorer, independent of migration)."""
    return {name: explore(form).paths for name, form in trees.items()}


@pytest.fixture(scope="session")
def map_2025_2026() -> MigrationMap:
    return load_map(MAP_2025_2026)


@pytest.fixture(scope="session")
def map_2026_current() -> MigrationMap:
    return load_map(MAP_2026_CURRENT)


@pytest.fixture(scope="session")
def migrator_2025(trees: dict[str, Form], map_2025_2026: MigrationMap) -> Migrator:
    return Migrator(trees["2025-01-22"], trees["2026-01-06"], map_2025_2026)


@pytest.fixture(scope="session")
def migrator_2026(trees: dict[str, Form], map_2026_current: MigrationMap) -> Migrator:
    return Migrator(trees["2026-01-06"], trees["current"], map_2026_current)


def stored_of(path: WalkedPath) -> dict[str, list[str]]:
    """A walked path as stored answers (question id -> answer ids), the way the owner database holds them."""
    return {qid: list(answers) for qid, answers in path.steps}


def write_map(tmp_path: Path, text: str, name: str = "map.yaml") -> Path:
    """Write a migration map file and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
