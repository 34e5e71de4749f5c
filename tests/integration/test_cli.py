"""End-to-end tests of the command line: forms check, decide (single, batch, by-ref), import-beslishulp."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import FORMS, run_cli


def test_forms_check_ai_act_passes() -> None:
    result = run_cli("forms", "check", str(FORMS / "ai-act"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: 0 errors" in result.stdout
    assert "paths" in result.stdout


def test_forms_check_broken_form_fails(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "form.yaml").write_text("id: x\nversion: 1\nlanguages: [nl]\ntitle: {nl: X}\nstart: q\n", encoding="utf-8")
    result = run_cli("forms", "check", str(folder))
    assert result.returncode == 1
    assert "missing required key 'questions'" in result.stdout
    as_json = run_cli("forms", "check", "--json", str(folder))
    data = json.loads(as_json.stdout)
    assert data[0]["ok"] is False and data[0]["findings"][0]["severity"] == "error"


def test_decide_by_our_ids(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"steps": [{"question": "is-algorithm", "answer": "no"}]}), encoding="utf-8")
    result = run_cli("decide", "--form", str(FORMS / "ai-act"), "--answers", str(answers))
    assert result.returncode == 0, result.stdout + result.stderr
    out = json.loads(result.stdout)
    assert out["conclusion_ref"] == "11.0"
    assert out["status"] == "concluded"


def test_decide_by_ref_open_and_error(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"steps": [{"question": "1.1", "answer": 0}]}), encoding="utf-8")
    result = run_cli("decide", "--form", str(FORMS / "ai-act"), "--answers", str(answers), "--by-ref")
    assert result.returncode == 4
    assert json.loads(result.stdout)["next_question_ref"] == "1.2"
    answers.write_text(json.dumps({"steps": [{"question": "1.2", "answer": 0}]}), encoding="utf-8")
    bad = run_cli("decide", "--form", str(FORMS / "ai-act"), "--answers", str(answers), "--by-ref")
    assert bad.returncode == 1
    assert "step 1" in json.loads(bad.stdout)["error"]
    answers.write_text("{not json", encoding="utf-8")
    broken = run_cli("decide", "--form", str(FORMS / "ai-act"), "--answers", str(answers))
    assert broken.returncode == 3 and "not valid JSON" in broken.stderr


def test_decide_batch(tmp_path: Path) -> None:
    lines = [
        {"steps": [{"question": "1.1", "answer": 1}]},
        {"steps": [{"question": "1.1", "answer": 0}, {"question": "1.2", "answer": 8}]},
        {"steps": [{"question": "1.1", "answer": 0}]},
    ]
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = run_cli("decide", "--form", str(FORMS / "ai-act"), "--batch", str(batch), "--by-ref")
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r.get("conclusion_ref") for r in rows[:2]] == ["11.0", "11.3"]
    assert set(rows[0]) == {"conclusion", "conclusion_ref", "labels", "path"}
    assert "error" in rows[2] and "line 3" in rows[2]["error"]
    assert result.returncode == 1
    batch.write_text("\n".join(json.dumps(x) for x in lines[:2]) + "\n", encoding="utf-8")
    assert run_cli("decide", "--form", str(FORMS / "ai-act"), "--batch", str(batch), "--by-ref").returncode == 0


def test_import_beslishulp_cli(tmp_path: Path) -> None:
    from tests.conftest import reference_file

    source = reference_file("beslishulp-decision-tree.yaml")
    result = run_cli("forms", "import-beslishulp", str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "3140 paths" in result.stdout
    assert (tmp_path / "out" / "form.yaml").exists()
    check = run_cli("forms", "check", str(tmp_path / "out"))
    assert check.returncode == 0 and "dead-rule" in check.stdout and "overlap" in check.stdout
    bad = tmp_path / "x.yaml"
    bad.write_text("hello: world\n", encoding="utf-8")
    refused = run_cli("forms", "import-beslishulp", str(bad), "-o", str(tmp_path / "o2"))
    assert refused.returncode == 3 and "not a beslishulp decision tree" in refused.stderr
    assert not (tmp_path / "o2" / "form.yaml").exists()
