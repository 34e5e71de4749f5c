"""Fuzzing with hypothesis: whatever goes in, only our own error types come out.

Targets: the condition language (ExpressionError), the form loader and validator (FormLoadError, and a
Report for any form that loads), the beslishulp importer (ImportFormatError / FormLoadError), the
package reader (verify_bytes never raises; the CDO import always gives a named outcome), the CMS
reader (CmsError), strict JSON (ValueError) and the register fields' validation (messages, never an
exception). ALGOINVENTARIS_FUZZ_SCALE scales every target (default: a few hundred inputs each, so
the whole file stays within seconds).
"""

from __future__ import annotations

import copy
import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from algoinventaris import config
from algoinventaris.cdo.pipeline import Importer
from algoinventaris.formengine import expr as ex
from algoinventaris.formengine.beslishulp import import_file
from algoinventaris.formengine.errors import DecisionError, FormEngineError, FormLoadError
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.runner import Step, run
from algoinventaris.formengine.validator import check_form
from algoinventaris.package.cms import CmsError, verify_detached
from algoinventaris.package.verify import EXIT_CODES, parse_json_strict, verify_bytes
from algoinventaris.storage.cdo import open_cdo_db
from tests.conftest import reference_file
from tests.hostile.corpus import ANSWERS, OUTCOME, REGISTER, World, members, reseal
from tests.hostile.summary import record_fuzz
from tests.package.conftest import FORM

SCALE = float(os.environ.get("ALGOINVENTARIS_FUZZ_SCALE", "1"))
CHECKS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large,
          HealthCheck.filter_too_much]
RESULTS = {"imported", "superseded", "duplicate", "quarantined", "refused"}
CODES = {None, "same-bytes", "repacked", "waiting", "unreadable", "unsafe-zip", "manifest", "signature", "unknown-unit", "untrusted-signer",
         "revoked-key", "hash-mismatch", "files", "answers-invalid", "storage", "unknown-form", "outcome-mismatch",
         "conflicting-id"}


def examples(n: int) -> settings:
    return settings(max_examples=max(10, int(n * SCALE)), deadline=None, suppress_health_check=CHECKS, database=None)


# -- values to throw at things ------------------------------------------------------------------------------

SPECIAL = list("\x00\x07\x1b\u202e\ufeff\u2028\"'\\&<>{}[]:#*!|%@`")
WEIRD_TEXT = st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIAL)), max_size=40)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True),
                    WEIRD_TEXT, st.sampled_from(["yes", "no", "~", "1.10", "true", "start", "end", "a0", "q1.1", "c11.1"]))
JSONISH = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(WEIRD_TEXT, inner, max_size=4)), max_leaves=12)


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nodes(item, (*path, index))


@st.composite
def mutated(draw: st.DrawFn, base: Any, rounds: int = 3) -> Any:
    """The base document with a few random changes: a node replaced, a key removed or added, an item doubled."""
    value = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, rounds))):
        paths = list(_nodes(value))
        path = draw(st.sampled_from(paths))
        kind = draw(st.sampled_from(["replace", "delete", "add", "double"]))
        if not path:
            if kind == "replace":
                value = draw(JSONISH)
            continue
        parent = value
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        if kind == "replace":
            parent[last] = draw(JSONISH)
        elif kind == "delete":
            del parent[last]
        elif kind == "add" and isinstance(parent[last], dict):
            parent[last][draw(WEIRD_TEXT)] = draw(JSONISH)
        elif kind == "double" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
    return value


# -- 1. the condition language -----------------------------------------------------------------------------

TOKENS = st.sampled_from(["a", "b", "not", "and", "or", "(", ")", "true", "false", '"x y"', "'", '"', "answer(", "answer(q)",
                          "==", "!=", "=", "!", "&&", "||", "\\", "\x00", "\u202e", "é", "0", " ", "\t", "\n"])


@examples(400)
@given(st.one_of(WEIRD_TEXT, st.lists(TOKENS, max_size=30).map("".join),
                 st.integers(1, 400).map(lambda n: "(" * n + "a" + ")" * n),
                 st.integers(1, 400).map(lambda n: "not " * n + "a")),
       st.sets(st.sampled_from(["a", "b", "x y"])))
def test_conditions_parse_or_raise_expression_error(source: str, labels: set[str]) -> None:
    try:
        tree = ex.parse(source)
    except ex.ExpressionError:
        record_fuzz("fuzz: condition language", 1)
        return
    assert isinstance(tree.evaluate(ex.Context(frozenset(labels), {"q": "x"})), bool)
    assert ex.parse(tree.to_source()).to_source() == tree.to_source()
    record_fuzz("fuzz: condition language", 1)


# -- 2. the form loader and validator --------------------------------------------------------------------

BASE_FORM = yaml.safe_load(FORM)


def _load(folder: Path, text: bytes) -> Any:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "form.yaml").write_bytes(text)
    return load_form(folder)


@examples(200)
@given(st.one_of(st.binary(max_size=400), WEIRD_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.sampled_from([b"", b"---\n", b"- a\n- b\n", b"id: [\n", b"{a: 1, a: 2}", b"!!python/object:os.system {}",
                                  b"a: &x 1\nb: *x\n", b"\xef\xbb\xbfid: x\n", b"\t- bad indent\n"])))
def test_form_loader_refuses_garbage_with_its_own_error(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("garbage")
    try:
        _load(folder, data)
    except FormLoadError as err:
        assert str(err)
    record_fuzz("fuzz: form loader (bytes)", 1)


@examples(250)
@given(mutated(BASE_FORM), st.lists(st.tuples(st.sampled_from(["is-algorithm", "role", "is-ai", "high-risk", "x"]),
                                              st.lists(st.sampled_from(["yes", "no", "develop", "buy", "?"]), max_size=2)),
                                    max_size=5))
def test_form_loader_and_validator_on_changed_forms(tmp_path_factory: pytest.TempPathFactory, data: Any,
                                                    steps: list[tuple[str, list[str]]]) -> None:
    folder = tmp_path_factory.mktemp("mutated")
    try:
        text = yaml.safe_dump(data, allow_unicode=True).encode("utf-8", "surrogatepass")
    except (yaml.YAMLError, ValueError):
        return  # not writable as YAML at all
    try:
        form = _load(folder, text)
    except FormLoadError:
        record_fuzz("fuzz: form loader and validator (changed forms)", 1)
        return
    report = check_form(form)
    assert isinstance(report.errors, list)
    try:
        run(form, [Step(q, tuple(a)) for q, a in steps])
    except DecisionError:
        pass
    record_fuzz("fuzz: form loader and validator (changed forms)", 1)


# -- 3. the beslishulp importer --------------------------------------------------------------------------

TREE = {
    "name": "Beslishulp test",
    "version": "1.0",
    "questions": [
        {"questionId": "1.1", "question": "Is het een algoritme?", "subcategory": "Soort",
         "sources": [{"source": "AI-verordening", "url": "https://example.org"}],
         "answers": [{"answer": "Ja", "labels": ["AI-systeem"], "nextQuestionId": "1.2"},
                     {"answer": "Nee", "nextConclusionId": "11.1"}]},
        {"questionId": "1.2", "question": "Hoog risico?",
         "answers": [{"answer": "Ja", "labels": ["hoog-risico AI"],
                      "redirects": [{"if": '"AI-systeem" in labels && "hoog-risico AI" in labels', "nextConclusionId": "12.1"},
                                    {"if": '!("AI-systeem" in labels) || "verboden AI" in labels', "nextConclusionId": "11.1"}]},
                     {"answer": "Nee", "subresult": "Geen hoog risico", "nextConclusionId": "13.1"}]},
    ],
    "conclusions": [{"conclusionId": "11.1", "conclusion": "Niet van toepassing"},
                    {"conclusionId": "12.1", "conclusion": "Hoog risico", "obligation": "Doe iets"},
                    {"conclusionId": "13.1", "conclusion": "Laag risico"}],
}
CONDITIONS = st.lists(st.sampled_from(['"AI-systeem"', "in", "labels", "&&", "||", "!", "(", ")", "==", '"x"', "'y'", "true",
                                       "labels[0]", ".", "[", "]", "\u202e", '"']), max_size=12).map(" ".join)


def _import(folder: Path, tree: Any) -> None:
    path = folder / "tree.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8", errors="surrogatepass")
    try:
        import_file(path)
    except FormEngineError as err:
        assert str(err)


@examples(250)
@given(mutated(TREE), CONDITIONS)
def test_beslishulp_importer_on_changed_trees(tmp_path_factory: pytest.TempPathFactory, tree: Any, condition: str) -> None:
    folder = tmp_path_factory.mktemp("tree")
    if isinstance(tree, dict) and isinstance(tree.get("questions"), list) and tree["questions"] \
            and isinstance(tree["questions"][-1], dict) and isinstance(tree["questions"][-1].get("answers"), list) \
            and tree["questions"][-1]["answers"] and isinstance(tree["questions"][-1]["answers"][0], dict):
        tree["questions"][-1]["answers"][0]["redirects"] = [{"if": condition, "nextConclusionId": "12.1"}]
    try:
        yaml.safe_dump(tree)
    except (yaml.YAMLError, ValueError):
        return
    _import(folder, tree)
    record_fuzz("fuzz: beslishulp importer", 1)


@pytest.fixture(scope="module")
def official_tree() -> Any:
    return yaml.safe_load(reference_file("beslishulp-decision-tree.yaml").read_text(encoding="utf-8"))


@examples(15)
@given(data=st.data())
def test_beslishulp_importer_on_changed_official_tree(tmp_path_factory: pytest.TempPathFactory, official_tree: Any,
                                                      data: st.DataObject) -> None:
    tree = copy.deepcopy(official_tree)
    question = data.draw(st.sampled_from(tree["questions"]))
    target = data.draw(st.sampled_from(["question", "answers", "redirect", "top"]))
    if target == "question":
        question[data.draw(st.sampled_from(["questionId", "question", "answers", "sources"]))] = data.draw(JSONISH)
    elif target == "answers" and question.get("answers"):
        answer = data.draw(st.sampled_from(question["answers"]))
        answer[data.draw(st.sampled_from(["answer", "labels", "nextQuestionId", "nextConclusionId", "redirects"]))] = data.draw(JSONISH)
    elif target == "redirect":
        redirects = [r for a in question.get("answers", []) for r in a.get("redirects") or []]
        if redirects:
            data.draw(st.sampled_from(redirects))["if"] = data.draw(CONDITIONS)
    else:
        tree[data.draw(st.sampled_from(["questions", "conclusions", "version"]))] = data.draw(JSONISH)
    _import(tmp_path_factory.mktemp("official"), tree)
    record_fuzz("fuzz: beslishulp importer (official tree)", 1)


# -- 4. the package reader and the CDO import ------------------------------------------------------------

@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """Package bytes with random damage: flipped bytes, a cut, an insertion, or a piece copied elsewhere."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "flip-tail", "cut", "insert", "splice"]))
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        if kind == "flip":
            out[at] ^= draw(st.integers(1, 255))
        elif kind == "flip-tail":  # the central directory and its end record live in the last bytes
            tail = draw(st.integers(1, min(len(out), 700)))
            out[-tail] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del out[at:at + draw(st.integers(1, 64))]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=16))
        else:
            start = draw(st.integers(0, len(out) - 1))
            out[at:at] = out[start:start + draw(st.integers(1, 46))]
    return bytes(out)


@pytest.fixture(scope="module")
def fuzz_repo(world: World, baseline_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.hostile.conftest import copy_database

    path = copy_database(baseline_db, tmp_path_factory.mktemp("fuzz") / "cdo.sqlite3")
    repo = open_cdo_db(path)
    yield repo
    repo.close()
    from tests.storage.helpers import integrity

    assert integrity(path) == ["ok"]


def _check_import(repo: Any, data: bytes) -> Any:
    out = Importer(repo, actor="fuzz").import_bytes(data, "fuzz.zip")
    assert out.result in RESULTS and out.reason_code in CODES, (out.result, out.reason_code)
    assert out.result not in ("refused", "quarantined") or (out.reason_nl and out.reason_en)
    return out


@examples(300)
@given(data=st.data())
def test_damaged_packages_give_a_named_result_never_an_exception(world: World, fuzz_repo: Any, data: st.DataObject) -> None:
    package = data.draw(st.sampled_from([world.good(), world.cms(world.cms_signer())]))
    bad = data.draw(damaged(package))
    result = verify_bytes(bad)
    assert result.code in EXIT_CODES
    assert result.ok or (result.reason_nl and result.reason_en)
    _check_import(fuzz_repo, bad)
    record_fuzz("fuzz: package reader (damaged bytes)", 1)


@examples(150)
@given(data=st.data())
def test_documents_signed_by_an_enrolled_owner_give_a_named_result(world: World, fuzz_repo: Any, data: st.DataObject) -> None:
    items = members(world.good())
    name = data.draw(st.sampled_from([ANSWERS, OUTCOME, REGISTER]))
    document = parse_json_strict(dict(items)[name])
    changed = data.draw(mutated(document))
    from algoinventaris.package.canonical import canonical_json

    try:
        raw = canonical_json(changed)
    except ValueError:
        raw = repr(changed).encode("utf-8", "surrogatepass")  # not JSON at all: signed all the same
    items = [(n, raw if n == name else d) for n, d in items]
    _check_import(fuzz_repo, reseal(items, world.a))
    record_fuzz("fuzz: CDO import (documents signed by an enrolled owner)", 1)


@examples(200)
@given(data=st.data())
def test_cms_reader_raises_only_cms_errors(world: World, data: st.DataObject) -> None:
    items = dict(members(world.cms(world.cms_signer())))
    p7s = data.draw(damaged(items["manifest.p7s"]))
    try:
        verify_detached(p7s, items["manifest.json"], trusted=[world.pki.ca])
    except CmsError as err:
        assert err.nl and err.en
    record_fuzz("fuzz: CMS signature reader", 1)


@examples(300)
@given(st.one_of(st.binary(max_size=300), JSONISH.map(lambda v: repr(v).encode("utf-8", "surrogatepass")),
                 st.integers(1, 5000).map(lambda n: b"[" * n), st.integers(1, 5000).map(lambda n: b'{"a":' * n)))
def test_strict_json_raises_only_value_error(data: bytes) -> None:
    try:
        parse_json_strict(data)
    except ValueError:
        pass
    record_fuzz("fuzz: strict JSON", 1)


def test_every_member_of_a_real_package_survives_random_zip_entries(world: World, fuzz_repo: Any) -> None:
    """A zip whose entries are the package's, in a random order with random flags, never crashes the reader."""
    import random

    rng = random.Random(7)
    items = members(world.good())
    for _ in range(int(60 * SCALE)):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, content in rng.sample(items, len(items)):
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
                info.external_attr = rng.choice([0o100644, 0o100755, 0o120777, 0o040755, 0]) << 16
                info.flag_bits |= rng.choice([0, 0, 0x8, 0x800])
                archive.writestr(info, content)
        _check_import(fuzz_repo, buffer.getvalue())
        record_fuzz("fuzz: package reader (zip entries)", 1)


# -- 5. the register fields' validation -------------------------------------------------------------------

@pytest.fixture(scope="module")
def register_forms() -> list[Any]:
    return [load_form(config.forms_dir() / name) for name in ("register", "impact")]


LIST_TEXT = st.lists(st.one_of(WEIRD_TEXT, st.integers(), st.none()), max_size=4).map(lambda v: __import__("json").dumps(v))
GROUP_TEXT = st.lists(st.dictionaries(WEIRD_TEXT, st.one_of(WEIRD_TEXT, st.integers()), max_size=3), max_size=3).map(
    lambda v: __import__("json").dumps(v))


@examples(400)
@given(data=st.data())
def test_register_validation_gives_messages_never_exceptions(register_forms: list[Any], data: st.DataObject) -> None:
    from algoinventaris.domain.register import build_record, record_problems, replay
    from algoinventaris.formengine import fields

    form = data.draw(st.sampled_from(register_forms))
    values = [q for q in form.questions if q.is_value]
    question = data.draw(st.sampled_from(values))
    value = data.draw(st.one_of(WEIRD_TEXT, LIST_TEXT, GROUP_TEXT, st.sampled_from(["", " ", "[]", "{}", "[{}]", "null", "2026-13",
                                                                                     "2026-02-30", "1e999", "x@", "http://"])))
    for lang in ("nl", "en"):
        messages = fields.validate(question, value, lang)
        assert isinstance(messages, list) and all(isinstance(m, str) and m for m in messages)
    cleaned = fields.clean(question, value)
    assert isinstance(cleaned.value, str)
    assert isinstance(fields.is_empty(question, value), bool)
    answers = {question.id: (value,)}
    assert isinstance(record_problems(form, answers), dict)
    if form.id == "register" and not fields.validate(question, value):
        state = replay(form, answers)
        assert isinstance(build_record(form, state.answers), dict)
    record_fuzz("fuzz: register validation", 1)


# -- 6. YAML tricks, by hand -----------------------------------------------------------------------------

LAUGHS = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 9)).replace("*l0", "lol")


@pytest.mark.parametrize(("name", "text", "says"), [
    ("billion-laughs", LAUGHS + "id: *l8\n", "alias"),
    ("deep-flow", "id: x\nquestions: " + "[" * 50_000 + "]" * 50_000 + "\n", "nest"),
    ("deep-block", "id: x\n" + "".join("  " * i + f"k{i}:\n" for i in range(3000)) + "  " * 3000 + "v\n", ""),
    ("python-object", "id: !!python/object/apply:os.system ['echo pwned']\n", ""),
])
def test_yaml_tricks_in_a_form_are_refused_quickly(tmp_path: Path, name: str, text: str, says: str) -> None:
    import time

    started = time.monotonic()
    with pytest.raises(FormLoadError) as caught:
        _load(tmp_path / name, text.encode())
    assert says in str(caught.value)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(("name", "text", "says"), [
    ("billion-laughs", LAUGHS + "questions:\n  - questionId: 1\n    answers: [{answer: *l8, nextConclusionId: 1}]\nconclusions: []\n",
     "alias"),
    ("deep-flow", "questions: " + "[" * 50_000 + "]" * 50_000 + "\nconclusions: []\n", "nest"),
    ("labels-not-a-list", yaml.safe_dump({**TREE, "questions": [{**TREE["questions"][0], "answers": [
        {"answer": "Ja", "labels": True, "nextConclusionId": "11.1"}]}]}), "labels"),
])
def test_yaml_tricks_in_an_official_tree_are_refused_quickly(tmp_path: Path, name: str, text: str, says: str) -> None:
    import time

    from algoinventaris.formengine.errors import ImportFormatError

    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ImportFormatError) as caught:
        import_file(path)
    assert says in str(caught.value)
    assert time.monotonic() - started < 5
