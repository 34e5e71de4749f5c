"""Reading migration maps: YAML and schema errors name file and line; check_map names every bad id."""

from __future__ import annotations

from pathlib import Path

import pytest

from algoinventaris.formengine.errors import FormEngineError
from algoinventaris.formengine.migration import MapValidationError, MigrationMapError, Migrator, check_map, load_map
from algoinventaris.formengine.model import Form
from tests.migration.conftest import write_map
from tests.migration.demo_forms import demo_map_text, write_demo_forms

LEGACY = "  - from: legacy\n    removed: drop\n    reason: {nl: niet meer nodig, en: no longer needed}\n"


@pytest.fixture
def demo(tmp_path: Path) -> tuple[Form, Form]:
    return write_demo_forms(tmp_path)


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = write_map(tmp_path, text)
    with pytest.raises(MigrationMapError) as info:
        load_map(path)
    assert isinstance(info.value, FormEngineError)
    return info.value.problems


def test_demo_map_loads(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    old, new = demo
    mapping = load_map(write_map(tmp_path, demo_map_text(*demo)))
    assert mapping.source.form == "demo" and mapping.source.sha256 == old.content_hash
    assert mapping.target.version == "2"
    assert mapping.questions["role"].to == "actor"
    assert mapping.questions["data"].answers["none"].choose == ("anonymous", "aggregated")
    assert mapping.questions["phase"].values["dev"].to == ("development",)
    assert mapping.questions["impact"].removed == "review"
    assert mapping.title == {"nl": "Demo 1 naar 2", "en": "Demo 1 to 2"}
    report = check_map(mapping, old, new)
    assert report.findings == [], report.render()
    assert "OK: 0 errors, 0 warnings" in report.render()


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "migration: 1\nfrom: {form: demo\nto: x\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'map.yaml'}:")
    assert "YAML syntax" in problems[0]


@pytest.mark.parametrize(("text", "line", "message"), [
    ("migration: 1\nfrom: {form: a, version: '1', sha256: %s}\nto: {form: a, version: '2', sha256: %s}\nextra: 1\n",
     4, "unknown key 'extra'"),
    ("migration: 2\nfrom: {form: a, version: '1', sha256: %s}\nto: {form: a, version: '2', sha256: %s}\n",
     1, "map format 1"),
    ("migration: 1\nfrom: {form: a, version: '1', sha256: abc}\nto: {form: a, version: '2', sha256: %s}\n",
     2, "64 lower-case hex digits"),
    ("migration: 1\nfrom: {form: a, version: '1', sha256: %s}\nto: {form: a, version: '2', sha256: %s}\n"
     "questions:\n  - from: q\n    removed: maybe\n", 6, "say 'review'"),
    ("migration: 1\nfrom: {form: a, version: '1', sha256: %s}\nto: {form: a, version: '2', sha256: %s}\n"
     "questions:\n  - from: q\n    to: r\n  - from: q\n    to: s\n", 7, "named twice (first at line 5)"),
    ("migration: 1\nfrom: {form: a, version: '1', sha256: %s}\nto: {form: a, version: '2', sha256: %s}\n"
     "questions:\n  - from: q\n    removed: drop\n    to: r\n", 7, "a removed question has no 'to'"),
    ("migration: 1\nfrom: {form: a, version: '1', sha256: %s}\nto: {form: a, version: '2', sha256: %s}\n"
     "questions:\n  - from: q\n    answers:\n      a: {choose: [b]}\n", 7, "at least two answers"),
    ("migration: 1\nfrom: {form: a, version: '1', sha256: %s}\nto: {form: a, version: '2', sha256: %s}\n"
     "conclusions:\n  - from: c\n    to: d\n    removed: true\n", 5, "a removed conclusion has no 'to'"),
    ("migration: 1\nfrom: {form: a, version: '1', sha256: %s}\nto: {form: a, version: '2', sha256: %s}\n"
     "notes:\n  - text: hallo\n", 5, "name the 'questions' and/or 'conclusions'"),
    ("migration: 1\nfrom: {form: a, version: '1', sha256: %s}\nto: {form: a, version: '2', sha256: %s}\n"
     "notes:\n  - questions: [q]\n    text: {en: only English}\n", 6, "the Dutch text (nl) is missing"),
    ("migration: 1\nfrom: {form: a, version: '1', sha256: %s}\nto: {form: a, version: '2', sha256: %s}\n"
     "questions:\n  - from: yes\n", 5, "put it in quotes"),
    ("migration: 1\nfrom: {form: a, version: '1', sha256: %s}\n", 1, "missing required key 'to'"),
])
def test_schema_errors_name_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    sha = "0" * 64
    problems = problems_of(tmp_path, text.replace("%s", sha))
    where = f"{tmp_path / 'map.yaml'}:{line}: "
    assert any(p.startswith(where) and message in p for p in problems), problems


def test_missing_empty_and_folder_maps(tmp_path: Path) -> None:
    with pytest.raises(MigrationMapError, match="no such migration map"):
        load_map(tmp_path / "nope.yaml")
    with pytest.raises(MigrationMapError, match="is a folder"):
        load_map(tmp_path)
    with pytest.raises(MigrationMapError, match="file is empty"):
        load_map(write_map(tmp_path, ""))
    with pytest.raises(MigrationMapError, match="expected a mapping"):
        load_map(write_map(tmp_path, "- just\n- a list\n"))


@pytest.mark.parametrize(("old_text", "new_text", "code", "message"), [
    ("  - from: kind\n", "  - from: kinds\n", "unknown-id", "question 'kinds' does not exist in the old form"),
    ("    to: actor\n", "    to: actors\n", "unknown-id", "question 'actors' does not exist in the new form"),
    ("{tool: rules}", "{tools: rules}", "unknown-id", "answer 'tools' does not exist in question 'kind' of the old form"),
    ("{tool: rules}", "{tool: rule}", "unknown-id", "answer 'rule' does not exist in question 'kind' of the new form"),
    ("{buy: use}", "{buy: [use, build]}", "split", "use 'choose: [...]'"),
    ("{buy: use}", "{buy: use, \"yes\": use}", "unknown-id", "answer 'yes' does not exist in question 'role'"),
    ("{dev: development, live: in-use}", "{dev: development, live: live}", "unknown-id", "value 'live' is not an allowed value"),
    ("  - from: c-old\n    removed: true\n", "  - from: c-gone\n    removed: true\n", "unknown-id",
     "conclusion 'c-gone' does not exist in the old form"),
    ("  - id: open\n", "  - id: opened\n", "unknown-id", "new question 'opened' does not exist in the new form"),
    ("    answers: {tool: rules}\n", "", "incomplete", "answer 'tool' of question 'kind' has no answer with the same id"),
    (LEGACY, "  - from: legacy\n    to: legacy\n", "unknown-id",
     "question 'legacy' does not exist in the new form"),
    ("  - from: phase\n    values: {dev: development, live: in-use}\n",
     "  - from: phase\n    answers: {dev: development}\n", "wrong-kind", "map its values with 'values'"),
    ("  - from: c-old\n    removed: true\n", "", "incomplete", "conclusion 'c-old' of the old form"),
])
def test_ids_that_do_not_exist_are_refused_with_the_reason(tmp_path: Path, demo: tuple[Form, Form],
                                                           old_text: str, new_text: str, code: str, message: str) -> None:
    old, new = demo
    text = demo_map_text(old, new)
    assert text.count(old_text) == 1, old_text
    mapping = load_map(write_map(tmp_path, text.replace(old_text, new_text)))
    report = check_map(mapping, old, new)
    assert not report.ok
    assert any(f.code == code and message in f.message and f.where.startswith(f"{tmp_path / 'map.yaml'}:")
               for f in report.errors), report.render()
    with pytest.raises(MapValidationError) as info:
        Migrator(old, new, mapping)
    assert message in str(info.value)


def test_identity_mismatch_is_refused(tmp_path: Path, demo: tuple[Form, Form]) -> None:
    old, new = demo
    text = demo_map_text(old, new).replace(old.content_hash, "f" * 64).replace('version: "2"', 'version: "3"')
    report = check_map(load_map(write_map(tmp_path, text)), old, new)
    messages = [f"{f.where}: {f.message}" for f in report.errors]
    assert [f.code for f in report.errors] == ["identity", "identity"]
    assert f"{tmp_path / 'map.yaml'}:2: " in messages[0] and "sha256 " + "f" * 64 in messages[0]
    assert f"{tmp_path / 'map.yaml'}:3: " in messages[1] and "version is '2', the map expects '3'" in messages[1]


def test_author_warnings(tmp_path: Path) -> None:
    """A changed text the map does not mention, and an implicit merge, are warned about; a type change is an error."""
    from tests.migration.demo_forms import NEW, OLD

    new_text = NEW.replace("text: {nl: Hoe heet het?, en: What is it called?}", "text: {nl: Hoe noem je het?, en: Name?}")
    old, new = write_demo_forms(tmp_path, OLD, new_text)
    text = demo_map_text(old, new).replace("  - from: phase\n", "  - from: phase\n    to: name\n")
    report = check_map(load_map(write_map(tmp_path, text)), old, new)
    assert sorted(f.code for f in report.warnings) == ["merge", "text-changed"], report.render()
    assert report.ok
    text = demo_map_text(old, new).replace(LEGACY, "  - from: legacy\n    to: name\n")
    report = check_map(load_map(write_map(tmp_path, text)), old, new)
    # 'legacy' (a choice question) cannot land on 'name' (a value question)
    assert [f.code for f in report.errors] == ["type-changed"]


def test_real_map_needs_its_label_note(tmp_path: Path) -> None:
    """Without its entry for q2.2 (whose answer sets other labels now) the 2025 map draws a warning."""
    from algoinventaris.formengine.beslishulp import import_file
    from tests.conftest import OFFICIAL_TREES, reference_file
    from tests.migration.conftest import MAP_2025_2026

    old = import_file(reference_file(OFFICIAL_TREES["2025-01-22"]))[1]
    new = import_file(reference_file(OFFICIAL_TREES["2026-01-06"]))[1]
    text = MAP_2025_2026.read_text(encoding="utf-8")
    start, end = text.index("  - from: q2.2\n"), text.index("new_questions:")
    report = check_map(load_map(write_map(tmp_path, text[:start] + "\n" + text[end:])), old, new)
    assert report.ok
    assert sorted((f.code, "'q2.2'" in f.message) for f in report.warnings) == [("labels-changed", True), ("text-changed", True)]
