"""Round trip, tampering, wrong keys, unsafe zips and atomic writing of submission packages."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import zipfile
from pathlib import Path

import pytest

from algoinventaris.domain.submission import Submission
from algoinventaris.formengine.model import Form
from algoinventaris.package.build import build_package, package_filename, zip_bytes
from algoinventaris.package.canonical import canonical_json
from algoinventaris.package.documents import content_digest
from algoinventaris.package.errors import PackageError, WriteError
from algoinventaris.package.keys import Ed25519Signer, KeyStore
from algoinventaris.package.verify import (
    EXIT_CONTENT,
    EXIT_FILES,
    EXIT_MANIFEST,
    EXIT_SIGNATURE,
    EXIT_UNREADABLE,
    EXIT_VALID,
    EXIT_ZIP,
    verify_bytes,
    verify_package,
)
from tests.package.conftest import PASSPHRASE, Pki, make_submission
from tests.package.helpers import flip_byte, manifest_of, members, replace_member, resign, rezip, zip_raw

MOMENT = dt.datetime(2026, 3, 12, 14, 3, 5, tzinfo=dt.UTC)


@pytest.fixture
def package(submission: Submission, ed_signer: Ed25519Signer, tmp_path: Path) -> Path:
    return build_package(submission, ed_signer, tmp_path / "out", created_at=MOMENT)


@pytest.fixture(scope="session")
def other_signer(tmp_path_factory: pytest.TempPathFactory) -> Ed25519Signer:
    return KeyStore(tmp_path_factory.mktemp("other-keys")).create_ed25519(PASSPHRASE, "Mallory")


def test_round_trip_valid_with_expected_members(package: Path, ed_signer: Ed25519Signer) -> None:
    assert package.name == "gemeente-eendracht-belgie-grens-toeslagenrisicoscan-voor-aanvragen-2026-03-12.zip"
    result = verify_package(package, trusted_keys=[ed_signer.public_raw])
    assert result.code == EXIT_VALID, result.reason_en
    assert result.trusted
    names = [n for n, _ in members(package)]
    assert names == ["manifest.json", "manifest.sig", "answers.json", "outcome.json", "register.json", "report.pdf"]
    manifest = manifest_of(members(package))
    assert manifest["signer"]["fingerprint"] == ed_signer.fingerprint
    assert manifest["created_at"] == "2026-03-12T14:03:05Z"
    assert manifest["forms"][0]["id"] == "ai-act" and len(manifest["forms"][0]["sha256"]) == 64
    assert manifest["organisation"] == {"name": "Gemeente Één\u00addracht (België-grens)",
                                        "unit": "Afdeling Coöperatie & Zorg <test>"}
    by_name = dict(members(package))
    for entry in manifest["files"]:
        assert hashlib.sha256(by_name[entry["name"]]).hexdigest() == entry["sha256"]
        assert len(by_name[entry["name"]]) == entry["size"]
    assert result.content_digest == manifest["content_digest"]


def test_content_digest_is_sha256sum_of_sha256sum_lines(package: Path) -> None:
    files = dict(members(package))
    lines = "".join(f"{hashlib.sha256(files[n]).hexdigest()}  {n}\n" for n in ("answers.json", "outcome.json", "register.json"))
    assert hashlib.sha256(lines.encode()).hexdigest() == manifest_of(members(package))["content_digest"]


def test_zip_is_deterministic_with_fixed_order_and_times(submission: Submission, ed_signer: Ed25519Signer,
                                                         tmp_path: Path) -> None:
    sid = "6b0c3a51-3c2f-4d7e-9a55-0e0d1c2b3a49"
    first = build_package(submission, ed_signer, tmp_path / "a", created_at=MOMENT, submission_id=sid)
    second = build_package(submission, ed_signer, tmp_path / "b", created_at=MOMENT, submission_id=sid)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_two_exports_of_unchanged_submission_have_identical_json(submission: Submission, ed_signer: Ed25519Signer,
                                                                 tmp_path: Path) -> None:
    first = dict(members(build_package(submission, ed_signer, tmp_path)))
    second = dict(members(build_package(submission, ed_signer, tmp_path)))
    for name in ("answers.json", "outcome.json", "register.json"):
        assert first[name] == second[name]
        assert first[name] == canonical_json(__import__("json").loads(first[name]))
    assert manifest_of(list(first.items()))["submission_id"] != manifest_of(list(second.items()))["submission_id"]


def test_never_overwrites_an_existing_package(package: Path, submission: Submission, ed_signer: Ed25519Signer) -> None:
    before = package.read_bytes()
    again = build_package(submission, ed_signer, package.parent, created_at=MOMENT)
    assert again.name == package.name.replace(".zip", "-2.zip")
    assert package.read_bytes() == before
    assert not [p for p in package.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user for permissions")
def test_unwritable_folder_raises_and_leaves_nothing(submission: Submission, ed_signer: Ed25519Signer,
                                                     tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(WriteError, match="locked"):
            build_package(submission, ed_signer, folder)
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_failure_while_writing_leaves_nothing_behind(submission: Submission, ed_signer: Ed25519Signer,
                                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("algoinventaris.package.build.os.fsync", full_disk)
    with pytest.raises(WriteError, match="No space left on device"):
        build_package(submission, ed_signer, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_write_error_when_out_is_a_file(submission: Submission, ed_signer: Ed25519Signer, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WriteError) as err:
        build_package(submission, ed_signer, blocker / "sub")
    assert str(blocker) in str(err.value)


def test_progress_reports_every_step_in_order(submission: Submission, ed_signer: Ed25519Signer, tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    build_package(submission, ed_signer, tmp_path, progress=lambda d, t, w: seen.append((d, t, w)))
    assert [d for d, _, _ in seen] == [0, 1, 2, 3, 5]
    assert all(t == 5 for _, t, _ in seen)
    assert seen[1][2] == "Rapport (PDF) opmaken" and seen[-1][2] == "Klaar"


def test_invalid_text_is_named_not_a_crash(form: Form, ed_signer: Ed25519Signer, tmp_path: Path) -> None:
    sub = make_submission(form, name="lone \ud800 surrogate")
    with pytest.raises(PackageError, match=r"algorithm\.name"):
        build_package(sub, ed_signer, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_cancel_from_progress_writes_nothing(submission: Submission, ed_signer: Ed25519Signer, tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    def progress(done: int, total: int, what: str) -> None:
        if done == 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        build_package(submission, ed_signer, tmp_path / "out", progress=progress)
    assert not (tmp_path / "out").exists()


def test_filename_is_safe() -> None:
    from algoinventaris.domain.submission import AiActOutcome, AlgorithmInfo, FormInfo

    info = FormInfo("ai-act", "1", "0" * 64)
    sub = Submission(AlgorithmInfo("x", "../../etc/passwd ☃", "Ministerie van Binnenlandse Zaken/BZK", "", "R"),
                     AiActOutcome(info, "c", "T", "t"), ())
    assert package_filename(sub, MOMENT) == "ministerie-van-binnenlandse-zaken-bzk-etc-passwd-2026-03-12.zip"


# -- tampering ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("member", "code", "named"), [
    ("manifest.sig", EXIT_SIGNATURE, "signature"),
    ("answers.json", EXIT_CONTENT, "answers.json"),
    ("outcome.json", EXIT_CONTENT, "outcome.json"),
    ("register.json", EXIT_CONTENT, "register.json"),
    ("report.pdf", EXIT_CONTENT, "report.pdf"),
])
def test_one_changed_byte_in_each_member_gives_the_right_reason(package: Path, member: str, code: int,
                                                                named: str) -> None:
    items = members(package)
    changed = rezip(package, replace_member(items, member, flip_byte(dict(items)[member])))
    result = verify_package(changed)
    assert result.code == code, result.reason_en
    assert named in result.reason_en


def test_changed_byte_in_manifest_value_breaks_the_signature(package: Path) -> None:
    items = members(package)
    raw = dict(items)["manifest.json"]
    at = raw.index(b"Toeslagen")
    changed = rezip(package, replace_member(items, "manifest.json", raw[:at] + b"U" + raw[at + 1:]))
    result = verify_package(changed)
    assert result.code == EXIT_SIGNATURE
    assert "manifest.json was changed" in result.reason_en
    assert "manifest.json is na ondertekening gewijzigd" in result.reason_nl


def test_changed_byte_that_breaks_manifest_json_is_a_manifest_error(package: Path) -> None:
    items = members(package)
    raw = dict(items)["manifest.json"]
    changed = rezip(package, replace_member(items, "manifest.json", raw.replace(b'{"algorithm"', b'["algorithm"', 1)))
    result = verify_package(changed)
    assert result.code == EXIT_MANIFEST and "not valid JSON" in result.reason_en


def test_flipped_byte_in_the_zip_itself_is_a_damaged_member(package: Path) -> None:
    data = package.read_bytes()
    with zipfile.ZipFile(package) as archive:
        info = archive.getinfo("report.pdf")
    # inside report.pdf's compressed data: after its local header (30 bytes + name)
    at = info.header_offset + 30 + len("report.pdf") + info.compress_size // 2
    result = verify_bytes(flip_byte(data, at))
    assert result.code == EXIT_ZIP
    assert "report.pdf" in result.reason_en


def test_manifest_schema_and_canonical_form(package: Path, ed_signer: Ed25519Signer) -> None:
    items = members(package)
    manifest = manifest_of(items)
    wrong = dict(manifest, format_version=2)
    result = verify_bytes(zip_bytes(resign(items, wrong, ed_signer)))
    assert result.code == EXIT_MANIFEST and "format_version" in result.reason_en
    extra = dict(manifest, note="hello")
    result = verify_bytes(zip_bytes(resign(items, extra, ed_signer)))
    assert result.code == EXIT_MANIFEST and "unknown key 'note'" in result.reason_en
    bad_hash = dict(manifest, files=[dict(manifest["files"][0], sha256="XYZ"), *manifest["files"][1:]])
    result = verify_bytes(zip_bytes(resign(items, bad_hash, ed_signer)))
    assert result.code == EXIT_MANIFEST and "files[0].sha256" in result.reason_en
    pretty = __import__("json").dumps(manifest, indent=2).encode()
    result = verify_bytes(zip_bytes(replace_member(items, "manifest.json", pretty)))
    assert result.code == EXIT_MANIFEST and "canonical" in result.reason_en
    result = verify_bytes(zip_bytes([i for i in items if i[0] != "manifest.json"]))
    assert result.code == EXIT_MANIFEST and "no manifest.json" in result.reason_en


def test_wrong_trusted_key_is_refused(package: Path, other_signer: Ed25519Signer) -> None:
    result = verify_package(package, trusted_keys=[other_signer.public_raw])
    assert result.code == EXIT_SIGNATURE
    assert "not the expected" in result.reason_en


def test_signature_by_another_key_than_the_manifest_names(package: Path, other_signer: Ed25519Signer) -> None:
    items = members(package)
    changed = resign(items, manifest_of(items), other_signer, keep_signer_block=True)
    result = verify_bytes(zip_bytes(changed))
    assert result.code == EXIT_SIGNATURE
    assert "another key" in result.reason_en


def test_package_resigned_by_another_key_after_changing_content(package: Path, ed_signer: Ed25519Signer,
                                                               other_signer: Ed25519Signer) -> None:
    items = members(package)
    answers = dict(items)["answers.json"].replace(b'"develop"', b'"buy"')
    items = replace_member(items, "answers.json", answers)
    manifest = manifest_of(items)
    files = [dict(f, sha256=hashlib.sha256(answers).hexdigest(), size=len(answers)) if f["name"] == "answers.json" else f
             for f in manifest["files"]]
    digest, _ = content_digest(dict(items))
    forged = resign(items, dict(manifest, files=files, content_digest=digest), other_signer)
    # against the enrolled key: refused as the wrong signer
    trusted = verify_bytes(zip_bytes(forged), trusted_keys=[ed_signer.public_raw])
    assert trusted.code == EXIT_SIGNATURE and "not the expected" in trusted.reason_en
    # without a trusted key the signature holds, but the report no longer matches the content
    alone = verify_bytes(zip_bytes(forged))
    assert alone.code == EXIT_CONTENT and "report.pdf" in alone.reason_en


def test_missing_and_extra_files(package: Path) -> None:
    items = members(package)
    result = verify_bytes(zip_bytes([i for i in items if i[0] != "register.json"]))
    assert result.code == EXIT_FILES and "register.json" in result.reason_en
    result = verify_bytes(zip_bytes([*items, ("notes.txt", b"hi")]))
    assert result.code == EXIT_FILES and "notes.txt" in result.reason_en
    result = verify_bytes(zip_bytes([i for i in items if i[0] != "manifest.sig"]))
    assert result.code == EXIT_SIGNATURE and "manifest.sig" in result.reason_en


# -- unsafe or unreadable files ----------------------------------------------------------------------------


def _info(name: str, mode: int = 0o100644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.external_attr = mode << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


@pytest.mark.parametrize(("entries", "expect"), [
    ([(_info("/etc/passwd"), b"x")], "absolute path"),
    ([(_info("../evil.json"), b"x")], "'..'"),
    ([(_info("C:\\evil.json"), b"x")], "absolute path"),
    ([(_info("sub/answers.json"), b"x")], "folders"),
    ([(_info("link.json", 0o120777), b"/etc/passwd")], "link"),
    ([(_info("answers.json"), b"x"), (_info("ANSWERS.json"), b"y")], "appears twice"),
    ([(_info("bomb.json"), b"\0" * (8 * 1024 * 1024))], "zip bomb"),
])
def test_unsafe_zips_are_refused(entries: list[tuple[zipfile.ZipInfo, bytes]], expect: str) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name we make on purpose
        data = zip_raw(list(entries))
    result = verify_bytes(data)
    assert result.code == EXIT_ZIP
    assert expect in result.reason_en


def test_data_hidden_before_the_zip_is_refused(package: Path) -> None:
    result = verify_bytes(b"MZ hidden program " * 10 + package.read_bytes())
    assert result.code == EXIT_ZIP and "before the first member" in result.reason_en


def test_not_a_zip_and_unreadable(tmp_path: Path) -> None:
    text = tmp_path / "package.zip"
    text.write_text("this is not a zip")
    result = verify_package(text)
    assert result.code == EXIT_ZIP and "not a zip" in result.reason_en
    missing = verify_package(tmp_path / "nothing.zip")
    assert missing.code == EXIT_UNREADABLE and "nothing.zip" in missing.reason_en


# -- CMS ---------------------------------------------------------------------------------------------------


def test_cms_round_trip_with_ca_and_failures(submission: Submission, pki: Pki, tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    signer = store.import_p12(pki.p12.read_bytes(), pki.p12_password, PASSPHRASE)
    package = build_package(submission, signer, tmp_path / "out")
    names = [n for n, _ in members(package)]
    assert "manifest.p7s" in names and "manifest.sig" not in names
    result = verify_package(package, trusted_cas=[pki.ca])
    assert result.code == EXIT_VALID and result.trusted, result.reason_en
    assert manifest_of(members(package))["signer"]["name"] == "Jan Jansen"
    # another CA does not vouch for it
    stranger = Pki(tmp_path)
    other = verify_package(package, trusted_cas=[stranger.ca])
    assert other.code == EXIT_SIGNATURE and "trusted CA" in other.reason_en
    # an Ed25519 key given as trust for a CMS package
    key_only = verify_package(package, trusted_keys=[b"\0" * 32])
    assert key_only.code == EXIT_SIGNATURE and "--ca" in key_only.reason_en
    # a changed manifest no longer matches the CMS message digest
    items = members(package)
    raw = dict(items)["manifest.json"]
    at = raw.index(b"Toeslagen")
    changed = verify_bytes(zip_bytes(replace_member(items, "manifest.json", raw[:at] + b"U" + raw[at + 1:])))
    assert changed.code == EXIT_SIGNATURE and "other content" in changed.reason_en
    # a damaged signature file
    broken = verify_bytes(zip_bytes(replace_member(items, "manifest.p7s", dict(items)["manifest.p7s"][:-40])))
    assert broken.code == EXIT_SIGNATURE


def test_cms_with_ec_key(submission: Submission, tmp_path: Path) -> None:
    ec_pki = Pki(tmp_path, key_kind="ec")
    signer = KeyStore(tmp_path / "keys").import_p12(ec_pki.p12.read_bytes(), ec_pki.p12_password, PASSPHRASE)
    package = build_package(submission, signer, tmp_path / "out")
    assert verify_package(package, trusted_cas=[ec_pki.ca]).code == EXIT_VALID


def test_ed25519_package_with_ca_only_is_refused(package: Path, pki: Pki, ed_signer: Ed25519Signer) -> None:
    result = verify_package(package, trusted_cas=[pki.ca])
    assert result.code == EXIT_SIGNATURE
    assert verify_package(package, trusted_keys=[ed_signer.public_raw]).code == EXIT_VALID
