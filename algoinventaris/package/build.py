"""Builds a signed submission package (a zip) from a Submission: Qt-free, with a progress callback, written atomically.

Members, always in this order and with a fixed timestamp (1980-01-01 00:00), so that the same
input gives the same zip: manifest.json, the signature (manifest.sig or manifest.p7s),
answers.json, outcome.json, register.json, report.pdf.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import tempfile
import unicodedata
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from algoinventaris.domain.submission import Submission
from algoinventaris.package.canonical import CanonicalJSONError, canonical_json
from algoinventaris.package.documents import (
    ANSWERS,
    MANIFEST,
    OUTCOME,
    REGISTER,
    REPORT,
    answers_document,
    content_digest,
    content_documents,
    manifest_document,
    outcome_document,
    register_document,
)
from algoinventaris.package.errors import PackageError, WriteError
from algoinventaris.package.keys import Signer

Progress = Callable[[int, int, str], None]
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 6
TOTAL_STEPS = 5
STEP_TEXTS = {
    "nl": ["Antwoorden en uitkomst vastleggen", "Rapport (PDF) opmaken", "Manifest ondertekenen",
           "Pakket wegschrijven", "Klaar"],
    "en": ["Recording answers and outcome", "Laying out the report (PDF)", "Signing the manifest",
           "Writing the package", "Done"],
}


@dataclass(frozen=True)
class PackageContents:
    """Everything that goes into one package, before it is zipped."""

    submission_id: str
    corrects: str | None
    created_at: dt.datetime
    content_digest: str
    file_hashes: dict[str, str]
    manifest: dict[str, Any]
    members: list[tuple[str, bytes]]  # in zip order


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe ASCII version of a name: 'Gemeente Ödam' -> 'gemeente-odam'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return cleaned[:limit].rstrip("-")


def package_filename(sub: Submission, created_at: dt.datetime) -> str:
    """'<organisation>-<algorithm>-<date>.zip' with safe characters only."""
    org = slug(sub.algorithm.organisation) or "organisatie"
    name = slug(sub.algorithm.name) or "algoritme"
    return f"{org}-{name}-{created_at.astimezone():%Y-%m-%d}.zip"  # the date on the owner's calendar


def _noop(done: int, total: int, what: str) -> None:
    return None


def prepare_contents(submission: Submission, signer: Signer, *, submission_id: str | None = None,
                     corrects: str | None = None, created_at: dt.datetime | None = None,
                     progress: Progress | None = None, previous: str | None = None) -> PackageContents:
    """Make the canonical JSON, the PDF, the manifest and the signature (no file is written)."""
    from algoinventaris.report.submission_pdf import ReportSeal, render_submission_pdf

    report = progress or _noop
    texts = STEP_TEXTS.get(submission.language, STEP_TEXTS["nl"])
    sid = submission_id or str(uuid.uuid4())
    moment = (created_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    report(0, TOTAL_STEPS, texts[0])
    try:
        documents = content_documents(submission)
    except (CanonicalJSONError, UnicodeEncodeError) as err:
        where = _bad_text(answers_document(submission)) or _bad_text(outcome_document(submission)) \
            or _bad_text(register_document(submission)) or str(err)
        raise PackageError(f"De inzending bevat een teken dat niet kan worden vastgelegd ({where}); pas die tekst aan.",
                           f"The submission holds a character that cannot be recorded ({where}); change that text.") from err
    digest, hashes = content_digest(documents)
    report(1, TOTAL_STEPS, texts[1])
    seal = ReportSeal(submission_id=sid, created_at=moment, signer_name=signer.name, signer_method=signer.method,
                      fingerprint=signer.fingerprint, content_digest=digest, file_hashes=hashes, corrects=corrects)
    pdf = render_submission_pdf(submission, seal)
    report(2, TOTAL_STEPS, texts[2])
    files = [(ANSWERS, documents[ANSWERS]), (OUTCOME, documents[OUTCOME]), (REGISTER, documents[REGISTER]),
             (REPORT, pdf)]
    manifest = manifest_document(sub=submission, submission_id=sid, corrects=corrects, created_at=moment,
                                 signer=signer.manifest_block(), digest=digest, files=files, previous=previous)
    manifest_bytes = canonical_json(manifest)
    signature = signer.sign(manifest_bytes)
    members = [(MANIFEST, manifest_bytes), (signer.signature_file, signature), *files]
    return PackageContents(sid, corrects, moment, digest, hashes, manifest, members)


def _bad_text(value: Any, path: str = "") -> str | None:
    """The place of the first text that is not valid Unicode (e.g. a lone surrogate), or None."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path or "text"
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _bad_text(item, f"{path}.{key}" if path else key)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _bad_text(item, f"{path}[{index}]")
            if found:
                return found
    return None


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """A deterministic zip of the members: fixed order, timestamps, permissions and compression."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL)
    return buffer.getvalue()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(out_dir: Path, filename: str, data: bytes) -> Path:
    """Write data to out_dir/filename completely or not at all; never overwrite (adds -2, -3, ... instead)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WriteError(f"De map {out_dir} kan niet worden aangemaakt: {err.strerror or err}",
                         f"The folder {out_dir} cannot be created: {err.strerror or err}") from err
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".algoinventaris-", suffix=".zip.part", dir=out_dir)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        stem, suffix = os.path.splitext(filename)
        for number in range(1, 1000):
            target = out_dir / (filename if number == 1 else f"{stem}-{number}{suffix}")
            if _place(tmp, target):
                tmp = None
                _fsync_dir(out_dir)
                return target
        raise WriteError(f"Te veel pakketten met de naam {filename} in {out_dir}.",
                         f"Too many packages named {filename} in {out_dir}.")
    except OSError as err:
        raise WriteError(f"Het pakket kan niet worden geschreven in {out_dir}: {err.strerror or err}",
                         f"The package cannot be written to {out_dir}: {err.strerror or err}") from err
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _place(tmp: str, target: Path) -> bool:
    """Move tmp to target unless target exists; True when placed."""
    try:
        os.link(tmp, target)  # fails when the target exists: no race, no overwrite
    except FileExistsError:
        return False
    except OSError:
        # file systems without hard links (FAT on a USB stick): check, then rename
        if target.exists():
            return False
        os.replace(tmp, target)
        return True
    os.unlink(tmp)
    return True


@dataclass(frozen=True)
class WrittenPackage:
    """A package on disk and what went into it."""

    path: Path
    contents: PackageContents


def write_package(submission: Submission, signer: Signer, out_dir: str | Path, *,
                  progress: Progress | None = None, submission_id: str | None = None,
                  corrects: str | None = None, created_at: dt.datetime | None = None,
                  previous: str | None = None) -> WrittenPackage:
    """Like build_package, but also returns the submission id, content digest and manifest."""
    report = progress or _noop
    contents = prepare_contents(submission, signer, submission_id=submission_id, corrects=corrects,
                                created_at=created_at, progress=report, previous=previous)
    texts = STEP_TEXTS.get(submission.language, STEP_TEXTS["nl"])
    report(3, TOTAL_STEPS, texts[3])
    data = zip_bytes(contents.members)
    path = write_atomic(Path(out_dir), package_filename(submission, contents.created_at), data)
    report(TOTAL_STEPS, TOTAL_STEPS, texts[4])
    return WrittenPackage(path, contents)


def build_package(submission: Submission, signer: Signer, out_dir: str | Path, *,
                  progress: Progress | None = None, submission_id: str | None = None,
                  corrects: str | None = None, created_at: dt.datetime | None = None) -> Path:
    """Build, sign and write one package into out_dir; returns the path of the zip written.

    progress(done, total, what) is called before each step and once at the end (done == total);
    `what` is a short text in the submission's language. An exception raised by progress before
    the end cancels the build, and nothing is written. Raises WriteError (nothing left behind)
    when the folder cannot be written, PackageError when a text cannot be recorded.
    """
    return write_package(submission, signer, out_dir, progress=progress, submission_id=submission_id,
                         corrects=corrects, created_at=created_at).path
