"""End to end: demo data → signed package with AI-Act, impact and register answers → verify VALID."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo")
    result = run_cli("demo", env={"ALGOINVENTARIS_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    return data


def test_package_of_a_high_risk_demo_algorithm(demo_dir: Path, tmp_path: Path) -> None:
    env = {"ALGOINVENTARIS_DATA_DIR": str(demo_dir), "ALGOINVENTARIS_KEY_PASSPHRASE": "een lange geheime zin"}
    listing = json.loads(run_cli("list", "--json", env=env).stdout)
    high_risk = next(a for a in listing if a["category"] == "A")
    out = run_cli("export", "package", high_risk["id"], "--out", str(tmp_path), env=env)
    assert out.returncode == 0, out.stderr
    package = Path(out.stdout.strip().splitlines()[-1])
    assert package.exists()
    with zipfile.ZipFile(package) as zf:
        answers = json.loads(zf.read("answers.json"))
        outcome = json.loads(zf.read("outcome.json"))
        register = json.loads(zf.read("register.json"))
    assert [f["form"]["id"] for f in answers["forms"]] == ["ai-act", "impact", "register"]
    assert outcome["category"]["category"] == "A"
    assert register["status"] in ("complete", "incomplete")
    assert register["fields"]["name"] == high_risk["name"]
    verified = run_cli("verify", str(package), env=env)
    assert verified.returncode == 0 and "VALID" in verified.stdout
    state = json.loads(run_cli("list", "--json", env=env).stdout)
    assert next(a for a in state if a["id"] == high_risk["id"])["state"] == "exported"
