"""The import pipeline against SQLite and PostgreSQL: happy path, every refusal reason, duplicates, history, quarantine."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.cdo.pipeline import Importer
from algoinventaris.cdo.samples import Sample
from algoinventaris.domain.submission import FormAnswers, Submission
from algoinventaris.package.build import zip_bytes
from tests.cdo.conftest import MOMENT, ROUND, UNIT_A, UNIT_B, Packages, enrol, replace_ai, write

HIGH = Sample("Risicoscan bijstand", UNIT_A, kind="high-risk")
LOW = Sample("Chatbot vragen burgers", UNIT_A, kind="low-risk")
NONE = Sample("Rekenregel parkeertarief", UNIT_A, kind="not-ai")
OTHER_UNIT = Sample("Vergunningcheck", UNIT_B, kind="low-risk")


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


def rezip(data: bytes, name: str, new: bytes) -> bytes:
    return zip_bytes([(n, new if n == name else d) for n, d in members(data)])


def test_happy_path_imports_a_folder(repo: Any, packages: Packages, signer_a: Any, tmp_path: Path) -> None:
    enrol(repo, UNIT_A, signer_a)
    folder = tmp_path / "in"
    for sample in (HIGH, LOW, NONE):
        write(folder, f"{sample.name}.zip", packages.make(sample, signer_a))
    (folder / "notes.txt").write_text("not a package", encoding="utf-8")
    steps: list[tuple[int, int]] = []
    outcomes = list(Importer(repo, actor="Carla CDO").import_paths([folder], progress=lambda d, t, n: steps.append((d, t))))
    assert [o.result for o in outcomes] == ["imported"] * 3
    assert sorted(o.category or "" for o in outcomes) == ["A", "B", "C"]
    assert steps[0] == (0, 3) and steps[-1] == (3, 3)
    counts = repo.category_counts(ROUND)
    assert [(c.unit, c.counts) for c in counts] == [(UNIT_A, {"A": 1, "B": 1, "C": 1})]
    high = next(o for o in outcomes if o.category == "A")
    info = repo.get_submission(high.submission_id)
    assert info.high_risk and info.human_rights_test == "done" and info.publishable and info.is_current
    assert info.imported_by == "Carla CDO" and info.signer_fingerprint == signer_a.fingerprint
    assert repo.package_bytes(info.id) == packages.make(HIGH, signer_a)
    docs = repo.documents(info.id)
    assert docs["manifest"]["submission_id"] == high.submission_id
    assert {f["form"]["id"] for f in docs["answers"]["forms"]} == {"ai-act", "impact"}
    audit = repo.audit_log()
    assert sum(1 for a in audit if a.action == "import" and a.result == "imported" and a.actor == "Carla CDO") == 3


def test_duplicate_changes_nothing(repo: Any, packages: Packages, signer_a: Any) -> None:
    enrol(repo, UNIT_A, signer_a)
    data = packages.make(HIGH, signer_a)
    importer = Importer(repo, actor="cdo")
    first = importer.import_bytes(data, "a.zip")
    before = (repo.counts(), [s.id for s in repo.list_submissions(current_only=False)])
    second = importer.import_bytes(data, "a-copy.zip")
    assert first.result == "imported"
    assert second.result == "duplicate" and second.reason_code == "same-bytes"
    assert first.submission_id in second.reason_nl and second.submission_id == first.submission_id
    assert (repo.counts(), [s.id for s in repo.list_submissions(current_only=False)]) == before


def test_correction_supersedes_and_keeps_history(repo: Any, packages: Packages, signer_a: Any) -> None:
    enrol(repo, UNIT_A, signer_a)
    first_id = "11111111-1111-4111-8111-111111111111"
    v1 = packages.make(LOW, signer_a, submission_id=first_id)
    later = dataclasses.replace(LOW, impact={"category": "b", "iama-status": "done"})
    v2 = packages.make(later, signer_a, corrects=first_id, created_at=MOMENT + dt.timedelta(days=3))
    importer = Importer(repo, actor="cdo")
    assert importer.import_bytes(v1, "v1.zip").result == "imported"
    out = importer.import_bytes(v2, "v2.zip")
    assert out.result == "superseded" and out.superseded == (first_id,)
    assert first_id in out.reason_nl
    current = repo.list_submissions(ROUND)
    assert [s.submission_id for s in current] == [out.submission_id]
    assert current[0].human_rights_test == "done"
    history = repo.history(current[0].algorithm_id)
    assert [h.submission_id for h in history] == [out.submission_id, first_id]
    assert history[1].superseded_by == history[0].id and not history[1].is_current
    assert [(c.unit, c.counts) for c in repo.category_counts(ROUND)] == [(UNIT_A, {"B": 1})]


def test_older_package_arriving_late_is_kept_as_history(repo: Any, packages: Packages, signer_a: Any) -> None:
    enrol(repo, UNIT_A, signer_a)
    old = packages.make(NONE, signer_a, created_at=MOMENT - dt.timedelta(days=30))
    new = packages.make(NONE, signer_a, created_at=MOMENT)
    importer = Importer(repo, actor="cdo")
    newest = importer.import_bytes(new, "new.zip")
    late = importer.import_bytes(old, "old.zip")
    assert late.result == "imported" and "history" in late.reason_en
    assert [s.submission_id for s in repo.list_submissions(ROUND)] == [newest.submission_id]


def test_same_id_other_content_goes_to_quarantine_and_can_be_accepted(repo: Any, packages: Packages, signer_a: Any) -> None:
    enrol(repo, UNIT_A, signer_a)
    sid = "22222222-2222-4222-8222-222222222222"
    original = packages.make(LOW, signer_a, submission_id=sid)
    other = packages.make(dataclasses.replace(LOW, impact={"iama-status": "in-progress"}), signer_a, submission_id=sid,
                          created_at=MOMENT + dt.timedelta(hours=1))
    importer = Importer(repo, actor="cdo")
    assert importer.import_bytes(original, "a.zip").result == "imported"
    held = importer.import_bytes(other, "b.zip")
    assert held.result == "quarantined" and held.reason_code == "conflicting-id" and held.quarantine_id is not None
    waiting = repo.list_quarantine()
    assert [(q.id, q.reason_code, q.submission_id) for q in waiting] == [(held.quarantine_id, "conflicting-id", sid)]
    again = importer.import_bytes(other, "b-again.zip")
    assert again.result == "duplicate" and again.reason_code == "waiting"
    accepted = Importer(repo, actor="Dirk Beslisser").accept(held.quarantine_id, "de tweede versie klopt")
    assert accepted.ok and accepted.result == "superseded"
    assert repo.list_quarantine() == []
    assert repo.list_quarantine(None)[0].status == "accepted"
    current = repo.list_submissions(ROUND)
    assert len(current) == 1 and current[0].from_quarantine and current[0].human_rights_test == "in-progress"
    assert any(a.action == "accept" and a.actor == "Dirk Beslisser" for a in repo.audit_log())


def test_outcome_mismatch_goes_to_quarantine_and_can_be_rejected(repo: Any, packages: Packages, signer_a: Any) -> None:
    enrol(repo, UNIT_A, signer_a)
    data = packages.make(NONE, signer_a, key="wrong-conclusion",
                         tamper=lambda s: replace_ai(s, conclusion_id="not-ai", conclusion_ref="11.2"))
    importer = Importer(repo, actor="cdo")
    out = importer.import_bytes(data, "wrong.zip")
    assert out.result == "quarantined" and out.reason_code == "outcome-mismatch"
    assert "not-ai" in out.reason_en and "no-algorithm" in out.reason_en
    assert repo.list_submissions() == []
    with pytest.raises(ValueError):
        importer.reject(out.quarantine_id, "  ")
    item = importer.reject(out.quarantine_id, "uitkomst klopt niet; eigenaar maakt een nieuw pakket")
    assert item.status == "rejected" and item.decided_by == "cdo"
    assert repo.list_quarantine() == [] and repo.list_submissions() == []


def test_category_recomputed_from_impact_answers(repo: Any, packages: Packages, signer_a: Any) -> None:
    enrol(repo, UNIT_A, signer_a)

    def claim_c(sub: Submission) -> Submission:
        assert sub.category is not None
        return dataclasses.replace(sub, category=dataclasses.replace(sub.category, category="C"))

    out = Importer(repo, actor="cdo").import_bytes(packages.make(LOW, signer_a, key="claims-c", tamper=claim_c), "c.zip")
    assert out.result == "quarantined" and out.reason_code == "outcome-mismatch"
    assert "(C)" in out.reason_en and "(B)" in out.reason_en


def test_unknown_form_version_goes_to_quarantine(repo: Any, packages: Packages, signer_a: Any) -> None:
    enrol(repo, UNIT_A, signer_a)
    unknown = "0" * 64

    def other_form(sub: Submission) -> Submission:
        info = dataclasses.replace(sub.ai_act.form, sha256=unknown, version="2099.1")
        answers = tuple(FormAnswers(info, fa.steps) if fa.form.id == "ai-act" else fa for fa in sub.answers)
        return dataclasses.replace(replace_ai(sub, form=info), answers=answers)

    out = Importer(repo, actor="cdo").import_bytes(packages.make(HIGH, signer_a, key="unknown-form", tamper=other_form), "f.zip")
    assert out.result == "quarantined" and out.reason_code == "unknown-form"
    assert "2099.1" in out.reason_nl


REFUSALS = ["unreadable", "unsafe-zip", "manifest", "signature", "unknown-unit", "untrusted-signer", "revoked-key",
            "hash-mismatch", "files", "answers-invalid"]


def _bad_package(case: str, packages: Packages, signer_a: Any, signer_b: Any, repo: Any) -> bytes | None:
    good = packages.make(HIGH, signer_a)
    if case == "unreadable":
        return None
    if case == "unsafe-zip":
        return b"PK\x03\x04 this is not really a zip"
    if case == "manifest":
        manifest = dict(members(good))["manifest.json"]
        return rezip(good, "manifest.json", manifest.replace(b'{"algorithm"', b'{ "algorithm"', 1))
    if case == "signature":
        sig = dict(members(good))["manifest.sig"]
        return rezip(good, "manifest.sig", bytes([sig[0] ^ 1]) + sig[1:])
    if case == "unknown-unit":
        return packages.make(Sample("Zonder sleutel", "Directie Onbekend"), signer_a)
    if case == "untrusted-signer":
        return packages.make(HIGH, signer_b)
    if case == "revoked-key":
        repo.revoke_trust(signer_a.fingerprint, actor="beheerder", revoked_from=MOMENT - dt.timedelta(days=1),
                          reason="laptop gestolen")
        return good
    if case == "hash-mismatch":
        pdf = dict(members(good))["report.pdf"]
        return rezip(good, "report.pdf", pdf[:-20] + b"%% changed        \n")
    if case == "files":
        return zip_bytes([*members(good), ("extra.txt", b"hello")])
    if case == "answers-invalid":
        def bad_answer(sub: Submission) -> Submission:
            fa = sub.answers[0]
            first = dataclasses.replace(fa.steps[0], answer_ids=("misschien",))
            return dataclasses.replace(sub, answers=(FormAnswers(fa.form, (first, *fa.steps[1:])), *sub.answers[1:]))
        return packages.make(HIGH, signer_a, key="bad-answer", tamper=bad_answer)
    raise AssertionError(case)


@pytest.mark.parametrize("case", REFUSALS)
def test_every_refusal_has_a_named_reason(case: str, repo: Any, packages: Packages, signer_a: Any, signer_b: Any,
                                          tmp_path: Path) -> None:
    enrol(repo, UNIT_A, signer_a)
    enrol(repo, UNIT_B, signer_b)
    data = _bad_package(case, packages, signer_a, signer_b, repo)
    importer = Importer(repo, actor="cdo")
    out = importer.import_file(tmp_path / "missing.zip") if data is None else importer.import_bytes(data, f"{case}.zip")
    assert (out.result, out.reason_code) == ("refused", case), out.reason_en
    assert out.reason_nl and out.reason_en and out.reason_nl != out.reason_en
    assert repo.list_submissions(current_only=False) == [] and repo.list_quarantine() == []
    assert repo.audit_log()[0].result == "refused" and repo.audit_log()[0].reason_code == case
    if case == "untrusted-signer":
        assert UNIT_B in out.reason_nl  # names the unit the key does belong to
    if case == "revoked-key":
        assert "2026-03-11" in out.reason_nl


def test_key_revoked_after_the_package_was_made_still_counts(repo: Any, packages: Packages, signer_a: Any) -> None:
    enrol(repo, UNIT_A, signer_a)
    repo.revoke_trust(signer_a.fingerprint, actor="beheerder", revoked_from=MOMENT + dt.timedelta(days=10))
    out = Importer(repo, actor="cdo").import_bytes(packages.make(HIGH, signer_a), "a.zip")
    assert out.result == "imported" and "revoked" in out.reason_en
    later = packages.make(LOW, signer_a, created_at=MOMENT + dt.timedelta(days=11))
    assert Importer(repo, actor="cdo").import_bytes(later, "b.zip").reason_code == "revoked-key"


def test_nothing_is_half_imported_when_the_database_refuses(repo: Any, packages: Packages, signer_a: Any) -> None:
    """A name longer than the CDO database allows passes the package checks, then violates a CHECK constraint mid-transaction."""
    enrol(repo, UNIT_A, signer_a)
    long_name = Sample("Risicoscan " + "x" * 600, UNIT_A, kind="high-risk")
    data = packages.make(long_name, signer_a)
    before = repo.counts()
    out = Importer(repo, actor="cdo").import_bytes(data, "long.zip")
    assert (out.result, out.reason_code) == ("refused", "storage")
    assert repo.package_status(out.sha256) is None  # the package row inserted first was rolled back too
    assert repo.counts() == before and repo.list_submissions(current_only=False) == []
    assert repo.list_units() == [u for u in repo.list_units() if u.name == UNIT_A]
    assert repo.audit_log()[0].reason_code == "storage"
    ok = Importer(repo, actor="cdo").import_bytes(packages.make(HIGH, signer_a), "ok.zip")
    assert ok.result == "imported"


def test_cms_signed_package_needs_the_units_ca(repo: Any, packages: Packages, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization

    from algoinventaris.cdo.trust import read_ca
    from algoinventaris.package.keys import CmsSigner
    from tests.package.conftest import Pki

    pki = Pki(tmp_path)
    signer = CmsSigner(pki.key, pki.cert, [pki.ca], "Jan Jansen")
    data = packages.make(Sample("Toezichtmodel", UNIT_B, kind="low-risk"), signer, created_at=None)
    importer = Importer(repo, actor="cdo")
    kind, fingerprint, der, label = read_ca(pki.ca_pem)
    assert der == pki.ca.public_bytes(serialization.Encoding.DER)
    (tmp_path / "other").mkdir()
    other = Pki(tmp_path / "other")
    repo.add_trust(UNIT_B, "ca", *read_ca(other.ca_pem)[1:3], actor="beheerder")
    refused = importer.import_bytes(data, "cms.zip")
    assert (refused.result, refused.reason_code) == ("refused", "untrusted-signer")
    repo.add_trust(UNIT_B, kind, fingerprint, der, actor="beheerder", label=label)
    assert Importer(repo, actor="cdo").import_bytes(data, "cms.zip").result == "imported"
