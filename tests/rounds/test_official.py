"""Migration into a new round with the real official decision trees (skipped when ../shared/reference is absent).

Last year's answers were given under the tree of 2026-01-06 or of 2025-01-22; this year's round uses the
current tree and carries the two official maps (2025 -> 2026 -> current) with the earlier trees. What the
trees changed is documented in tests/migration/test_official_maps.py; here it is checked through the
owner's own path: a real signed bundle, a real owner database, `start_from_last_year`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.formengine.beslishulp import import_to_dir
from algoinventaris.formengine.model import Form
from algoinventaris.formengine.paths import WalkedPath, explore
from algoinventaris.package.keys import Ed25519Signer
from algoinventaris.package.rounds import FormLibrary, open_bundle, start_from_last_year, year_changes
from algoinventaris.storage import open_owner_db
from tests.conftest import FORMS, OFFICIAL_TREES, reference_file, run_cli
from tests.migration.test_official_maps import RENUMBERED, expected_flags
from tests.rounds.conftest import LAST_ROUND, ORG, ROUND, make_bundle

MAPS = [FORMS / "migrations" / "beslishulp-2025-01-22-to-2026-01-06.yaml", FORMS / "migrations" / "beslishulp-2026-01-06-to-current.yaml"]


class World:
    """One owner with this year's round opened: the trees as installed forms, the database, a shared form library."""

    def __init__(self, folder: Path, repo: Any, trees: dict[str, Form]) -> None:
        self.folder = folder
        self.repo = repo
        self.trees = trees
        self.library = FormLibrary(repo)

    def last_year(self, form: Form, path: WalkedPath, number: int) -> Any:
        alg = self.repo.create_algorithm(f"Algoritme {number}", ORG, "Directie A", LAST_ROUND)
        for qid, answers in path.steps:
            self.repo.save_answer(alg.id, form, qid, answers)
        return alg


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, cdo_signer: Ed25519Signer) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("official-world")
    trees: dict[str, Form] = {}
    texts: dict[str, str] = {}
    for name, file in OFFICIAL_TREES.items():
        target, form = import_to_dir(reference_file(file), folder / "trees" / name)
        trees[name], texts[name] = form, target.read_text(encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ALGOINVENTARIS_DATA_DIR", str(folder / "data"))
        repo = open_owner_db(folder / "owner.sqlite3")
        repo.trust_cdo_key(cdo_signer.public_raw, cdo_signer.fingerprint, organisation=ORG)
        bundle = make_bundle(cdo_signer, folder / "bundle", forms=[texts["current"]],
                             previous=[texts["2026-01-06"], texts["2025-01-22"]],
                             maps=[(m.name, m.read_text(encoding="utf-8")) for m in MAPS])
        result = open_bundle(repo, bundle)
        assert result.status == "installed" and result.warnings == []
        yield World(folder, repo, trees)
        repo.close()


@pytest.fixture
def owner_world(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setenv("ALGOINVENTARIS_DATA_DIR", str(world.folder / "data"))
    return world


def sample(paths: list[WalkedPath], step: int, must: list[WalkedPath]) -> list[WalkedPath]:
    chosen = {p.steps: p for p in paths[::step]}
    chosen.update({p.steps: p for p in must})
    return list(chosen.values())


def test_answers_of_the_2026_tree_carry_into_the_current_tree_without_review(owner_world: World) -> None:
    w = owner_world
    old, new = w.trees["2026-01-06"], w.trees["current"]
    paths = explore(old).paths
    assert len(paths) == 3140
    for number, path in enumerate(sample(paths, 60, [])):
        last = w.last_year(old, path, number)
        started = start_from_last_year(w.repo, last.id, ROUND, library=w.library)
        assert started.review == (), (path.steps, started.review)
        carry = started.carry.forms[0]
        assert (carry.how, carry.from_sha256, carry.to_sha256) == ("migrated", old.content_hash, new.content_hash)
        assert started.carry.old_conclusion_ref == started.carry.new_conclusion_ref == path.end[1:]
        assert started.algorithm.conclusion_ref == path.end[1:]
        stored = w.repo.answers(started.algorithm.id, "beslishulp")
        assert {q: a.answers for q, a in stored.items()} == dict(path.steps)
        assert {(a.status, a.form_hash) for a in stored.values()} == {("prefilled", new.content_hash)}


def test_answers_of_the_2025_tree_get_review_flags_and_never_a_silent_conclusion_change(owner_world: World) -> None:
    w = owner_world
    old = w.trees["2025-01-22"]
    paths = explore(old).paths
    flagged_q16 = next(p for p in paths if "q1.6" in dict(p.steps))
    flagged_q211 = next(p for p in paths if "q2.11" in expected_flags(p))
    renumbered = next(p for p in paths if p.end[1:] in RENUMBERED and not expected_flags(p))
    seen = {"review": 0, "changed": 0, "same": 0, "renumbered": 0}
    for number, path in enumerate(sample(paths, 45, [flagged_q16, flagged_q211, renumbered])):
        last = w.last_year(old, path, 10_000 + number)
        started = start_from_last_year(w.repo, last.id, ROUND, library=w.library)
        review = started.review
        on = {r.old_question for r in review} | {r.question for r in review}
        assert expected_flags(path) <= on, (path.steps, [r.to_json() for r in review])
        assert started.carry.forms[0].maps and len(started.carry.forms[0].maps) == 2  # through 2026 to the current tree
        old_ref = path.end[1:]
        assert started.carry.old_conclusion_ref == old_ref
        new_ref = started.carry.new_conclusion_ref
        changed = [r for r in review if r.kind == "conclusion_changed"]
        if new_ref != RENUMBERED.get(old_ref, old_ref):
            # a different (or no) conclusion is always flagged, naming both
            assert changed, (path.steps, old_ref, new_ref)
            assert old_ref in changed[0].text("nl") and "conclusie gewijzigd van" in changed[0].text("nl")
            seen["changed"] += 1
        else:
            assert not changed
            seen["renumbered" if old_ref in RENUMBERED else "same"] += 1
        if review:
            seen["review"] += 1
        assert started.algorithm.conclusion_ref == new_ref  # the recomputed outcome, not last year's
        changes = year_changes(w.repo, started.algorithm.id, w.library)
        assert changes is not None and not changes.ready
    assert all(seen.values()), seen


def test_round_start_on_the_command_line_shows_old_and_new_conclusion(owner_world: World) -> None:
    w = owner_world
    old = w.trees["2025-01-22"]
    path = next(p for p in explore(old).paths if "q2.11" in expected_flags(p))
    last = w.last_year(old, path, 99_999)
    env = {"ALGOINVENTARIS_DB": str(w.repo.path), "ALGOINVENTARIS_DATA_DIR": str(w.folder / "data")}
    done = run_cli("round", "start", last.id[:8], "--round", ROUND.lower(), env=env)
    assert done.returncode == 4, done.stderr
    assert f"Conclusie: vorig jaar {path.end[1:]}, nu nog geen conclusie — GEWIJZIGD" in done.stdout
    assert "[new_question] beslishulp/q2.11" in done.stdout
    new_id = done.stdout.split(": ", 1)[1].splitlines()[0].strip()
    status = run_cli("round", "status", new_id, "--json", env={**env, "ALGOINVENTARIS_LANG": "en"})
    assert status.returncode == 4, status.stderr
    import json

    data = json.loads(status.stdout)
    assert data["conclusion"] == {"last_year": path.end[1:], "this_year": None, "changed": True}
    # the walk stops at the new question 2.11: the answers after it wait, prefilled, until it is answered
    counts = data["counts"]
    assert counts["unconfirmed"] > 0 and counts["unconfirmed"] + counts["dropped"] == len(path.steps)
    assert any(r["question"] == "q2.11" and "new on your path" in r["text"] for r in data["needs_review"])
