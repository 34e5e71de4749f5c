"""`algoinventaris migrate answers` and `migrate check-map`: JSON report, exit codes, readable refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from algoinventaris.cli.main import main
from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_OPEN
from algoinventaris.formengine.beslishulp import import_to_dir
from tests.conftest import OFFICIAL_TREES, reference_file, run_cli
from tests.migration.conftest import MAP_2025_2026, MAP_2026_CURRENT, write_map
from tests.migration.demo_forms import BUILT, demo_map_text, write_demo_forms

# A 2025 path through the removed impact questions (official ids: question id, answer position).
IMPACT_PATH = [("1.1", 0), ("1.2", 5), ("1.3", 0), ("1.4.1", 2), ("1.8.1", 0), ("1.6", 0), ("1.7", 1)]


def steps_file(tmp_path: Path, steps: list[tuple[str, int]]) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"steps": [{"question": q, "answer": a} for q, a in steps]}), encoding="utf-8")
    return path


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_migrate_answers_through_two_maps_from_official_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trees = {name: str(reference_file(file)) for name, file in OFFICIAL_TREES.items()}
    # The middle version as an imported form folder, the others straight from the official files.
    import_to_dir(trees["2026-01-06"], tmp_path / "2026")
    code, out, err = call(capsys, "migrate", "answers", "--from", trees["2025-01-22"], "--via", str(tmp_path / "2026"),
                          "--to", trees["current"], "--map", str(MAP_2025_2026), "--map", str(MAP_2026_CURRENT),
                          "--answers", str(steps_file(tmp_path, IMPACT_PATH)), "--by-ref")
    assert code == EXIT_OPEN, err
    report = json.loads(out)
    assert report["status"] == "needs_review"
    assert report["counts"] == {"carried": 4, "mapped": 1, "needs_review": 2, "dropped": 0}
    assert [r["question"] for r in report["review"]] == ["q1.6", "q1.7"]
    assert report["old_conclusion"] == {"id": "c11.3", "ref": "11.3"}
    assert report["new_conclusion"] == {"id": "c11.1", "ref": "11.1"}
    assert report["conclusion_changed"] is False
    assert report["answers"]["q1.6.1"] == ["a0"] and report["answers"]["q1.2"] == ["a4"]
    assert report["to"]["official_sha256"] == "d20f300dc58511c1fc615163477e1d1bb15995355b594f59fb4f574c86ed6b71"
    assert report["maps"] == [str(MAP_2025_2026), str(MAP_2026_CURRENT)]


def test_migrate_clean_answers_exit_0_and_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = str(reference_file(OFFICIAL_TREES["2026-01-06"])), str(reference_file(OFFICIAL_TREES["current"]))
    answers = tmp_path / "stored.json"
    answers.write_text(json.dumps({"answers": {"q1.1": "a0", "q1.2": ["a0"], "q1.3": "a0", "q1.4.1": "a0",
                                               "q1.5": "a0"}}), encoding="utf-8")
    code, out, err = call(capsys, "migrate", "answers", "--from", old, "--to", new, "--map", str(MAP_2026_CURRENT),
                          "--answers", str(answers), "--lang", "en")
    assert code == EXIT_OK, out + err
    report = json.loads(out)
    assert report["status"] == "clean" and report["review"] == []
    assert report["new_conclusion"]["ref"] == "11.2"
    assert any("clarification" in n["text"] for n in report["notes"])


def test_migrate_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old_form, new_form = write_demo_forms(tmp_path)
    good = write_map(tmp_path, demo_map_text(old_form, new_form), "good.yaml")
    bad = write_map(tmp_path, demo_map_text(old_form, new_form).replace("to: actor", "to: actress"), "bad.yaml")
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"answers": BUILT}), encoding="utf-8")
    before = answers.read_bytes()
    base = ["migrate", "answers", "--from", str(tmp_path / "old"), "--to", str(tmp_path / "new"), "--answers", str(answers)]
    code, out, _ = call(capsys, *base, "--map", str(bad))
    assert code == EXIT_FAILED
    report = json.loads(out)
    assert "nothing was migrated" in report["error"]
    assert any(p.startswith(f"{bad}:") and "'actress'" in p for p in report["problems"])
    # A map for other forms (the old and the new form swapped) is refused too.
    code, out, _ = call(capsys, "migrate", "answers", "--from", str(tmp_path / "new"), "--to", str(tmp_path / "old"),
                        "--answers", str(answers), "--map", str(good))
    assert code == EXIT_FAILED and "does not match the old form" in json.loads(out)["problems"][0]
    # Answers that were not given under the old form.
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"answers": {"kind": "maybe"}}), encoding="utf-8")
    code, out, _ = call(capsys, *base[:-1], str(wrong), "--map", str(good))
    assert code == EXIT_FAILED and "no answer 'maybe'" in json.loads(out)["error"]
    # Unreadable input: exit 3 with a message for a person.
    broken = write_map(tmp_path, "migration: 1\nfrom: [\n", "broken.yaml")
    code, out, err = call(capsys, *base, "--map", str(broken))
    assert code == EXIT_INPUT and f"{broken}:" in err and out == ""
    code, _, err = call(capsys, *base[:-1], str(tmp_path / "missing.json"), "--map", str(good))
    assert code == EXIT_INPUT and "cannot read" in err
    code, _, err = call(capsys, *base, "--map", str(good), "--map", str(good))
    assert code == EXIT_INPUT and "need 1 --map" in err
    assert answers.read_bytes() == before


def test_check_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old_form, new_form = write_demo_forms(tmp_path)
    good = write_map(tmp_path, demo_map_text(old_form, new_form), "good.yaml")
    bad = write_map(tmp_path, demo_map_text(old_form, new_form).replace("{tool: rules}", "{tool: rulez}"), "bad.yaml")
    folders = ["--from", str(tmp_path / "old"), "--to", str(tmp_path / "new")]
    code, out, _ = call(capsys, "migrate", "check-map", str(good), *folders)
    assert code == EXIT_OK and "OK: 0 errors, 0 warnings" in out
    code, out, _ = call(capsys, "migrate", "check-map", str(bad), *folders, "--json")
    assert code == EXIT_FAILED
    data = json.loads(out)
    assert data["ok"] is False
    assert data["findings"][0]["code"] == "unknown-id" and "'rulez'" in data["findings"][0]["message"]
    assert data["findings"][0]["where"].startswith(f"{bad}:")
    code, _, err = call(capsys, "migrate", "check-map", str(tmp_path / "none.yaml"), *folders)
    assert code == EXIT_INPUT and "no such migration map" in err
    code, _, err = call(capsys, "migrate", "check-map", str(good), "--from", str(tmp_path / "nowhere"), "--to", str(tmp_path))
    assert code == EXIT_INPUT and "does not load" in err


def test_real_maps_check_through_the_installed_command() -> None:
    result = run_cli("migrate", "check-map", str(MAP_2025_2026), "--strict",
                     "--from", str(reference_file(OFFICIAL_TREES["2025-01-22"])),
                     "--to", str(reference_file(OFFICIAL_TREES["2026-01-06"])))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: 0 errors, 0 warnings" in result.stdout
