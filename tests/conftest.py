"""Shared pytest fixtures: project paths, the reference data folder (skipped when absent), small forms."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
REFERENCE = Path(os.environ.get("ALGOINVENTARIS_REFERENCE", ROOT.parent / "shared" / "reference"))
OFFICIAL_TREES = {
    "current": "beslishulp-decision-tree.yaml",
    "2026-01-06": "beslishulp-decision-tree-2026-01-06.yaml",
    "2025-01-22": "beslishulp-decision-tree-2025-01-22.yaml",
}

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own data folder, so no test touches a real user's data."""
    monkeypatch.setenv("ALGOINVENTARIS_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("ALGOINVENTARIS_DB", raising=False)


def reference_file(name: str) -> Path:
    """A file in ../shared/reference, or skip the test with a clear message when it is absent."""
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"reference data not found: {path} (../shared/reference is absent on this machine)")
    return path


@pytest.fixture(params=sorted(OFFICIAL_TREES))
def official_tree(request: pytest.FixtureRequest) -> Path:
    """Each of the three official decision trees."""
    return reference_file(OFFICIAL_TREES[request.param])


@pytest.fixture
def current_tree() -> Path:
    """The current official decision tree."""
    return reference_file(OFFICIAL_TREES["current"])


def write_form(tmp_path: Path, text: str) -> Path:
    """Write a form.yaml into a fresh folder and return the folder."""
    folder = tmp_path / "form"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "form.yaml").write_text(text, encoding="utf-8")
    return folder


def run_cli(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m algoinventaris ARGS` in a subprocess and capture its output."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "algoinventaris", *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, env=full_env, timeout=120, check=False,
    )
