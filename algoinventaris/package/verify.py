"""Verification of a submission package: zip safety, manifest schema, signature, hashes, members, content digest.

The checks run in this order and stop at the first failure, whose reason names what is wrong:

1. the file can be read (exit code 3) and is a safe zip (10): no absolute or `..` paths, no
   folders or links, no duplicate names, no encryption, size and compression-ratio limits (also per
   member: a signature or JSON document larger than any real one is refused before it is unpacked;
   a manifest.json that is too large is a manifest error, 11);
2. manifest.json is canonical JSON and fits the schema (11);
3. the signature over the exact bytes of manifest.json holds, for the key or certificate the
   manifest names, and (when trust anchors are given) that key or certificate is trusted (12);
4. every file listed has the SHA-256 and size the manifest gives (13);
5. no file is missing and there is no extra file (14);
6. the content digest recomputed from answers.json, outcome.json and register.json equals the
   manifest's, those files are canonical JSON about the same algorithm, and report.pdf carries it (13).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io
import json
import stat
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from algoinventaris.package.canonical import canonical_json
from algoinventaris.package.cms import CmsError, verify_detached
from algoinventaris.package.documents import (
    ANSWERS,
    DIGEST_FILES,
    MANIFEST,
    OUTCOME,
    REGISTER,
    REPORT,
    content_digest,
)
from algoinventaris.package.keys import SIGNATURE_FILES, fingerprint_certificate, fingerprint_raw, group_fingerprint
from algoinventaris.package.schema import first_error
from algoinventaris.report.safetext import visible

EXIT_VALID = 0
EXIT_UNREADABLE = 3
EXIT_ZIP = 10
EXIT_MANIFEST = 11
EXIT_SIGNATURE = 12
EXIT_CONTENT = 13
EXIT_FILES = 14
EXIT_CODES = {
    EXIT_VALID: "VALID",
    EXIT_UNREADABLE: "the file cannot be read",
    EXIT_ZIP: "not a zip file, or an unsafe zip",
    EXIT_MANIFEST: "manifest.json missing, not canonical or not fitting the schema",
    EXIT_SIGNATURE: "signature invalid, or signer not trusted",
    EXIT_CONTENT: "a file's hash or size differs from the manifest, or the content digest does not match",
    EXIT_FILES: "a file is missing or there is an extra file",
}

MAX_PACKAGE_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 16
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 128 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # the ratio limit applies to members that unpack to more than this
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024  # answers.json, outcome.json, register.json (real ones are a few kB)
MAX_SIGNATURE_BYTES = 256 * 1024  # manifest.p7s with its certificate chain; manifest.sig is 64 bytes
# Checked on the sizes the zip declares, before anything is unpacked.
PACKAGE_MEMBER_LIMITS = {MANIFEST: MAX_MANIFEST_BYTES, ANSWERS: MAX_DOCUMENT_BYTES, OUTCOME: MAX_DOCUMENT_BYTES,
                         REGISTER: MAX_DOCUMENT_BYTES, **{name: MAX_SIGNATURE_BYTES for name in SIGNATURE_FILES.values()}}


@dataclass
class VerifyResult:
    """The outcome of verifying one package; `code` is the exit code (0 when VALID)."""

    path: str
    code: int
    reason_nl: str = ""
    reason_en: str = ""
    manifest: dict[str, Any] | None = None
    content_digest: str | None = None
    trusted: bool = False
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.code == EXIT_VALID

    def reason(self, lang: str = "nl") -> str:
        return self.reason_en if lang == "en" else self.reason_nl

    @property
    def signer(self) -> dict[str, Any]:
        value = (self.manifest or {}).get("signer")
        return value if isinstance(value, dict) else {}

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        """A summary for scripts (`verify --json`)."""
        m = self.manifest or {}
        return {
            "file": self.path,
            "valid": self.ok,
            "code": self.code,
            "reason": None if self.ok else self.reason(lang),
            "submission_id": m.get("submission_id"),
            "corrects": m.get("corrects"),
            "created_at": m.get("created_at"),
            "organisation": m.get("organisation"),
            "algorithm": m.get("algorithm"),
            "signer": {k: v for k, v in self.signer.items() if k in ("method", "name", "fingerprint")} or None,
            "signer_trusted": self.trusted,
            "content_digest": self.content_digest,
            "notes": [en if lang == "en" else nl for nl, en in self.notes],
        }


class _Fail(Exception):
    def __init__(self, code: int, nl: str, en: str) -> None:
        super().__init__(en)
        self.code, self.nl, self.en = code, nl, en


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key '{key}' appears twice")
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def parse_json_strict(data: bytes) -> Any:
    """Parse UTF-8 JSON, refusing duplicate keys, NaN/Infinity and absurd nesting (ValueError)."""
    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=_unique_object, parse_constant=_no_constants)
    except RecursionError as err:  # the C parser refuses to nest deeper than the interpreter's limit
        raise ValueError("the JSON nests too deeply") from err


def shown_name(name: str, limit: int = 120) -> str:
    """A member name as a message may show it: hidden characters marked, cut when very long."""
    text = visible(name, keep_layout=False)
    return text if len(text) <= limit else text[:limit] + "…"


# -- step 1: the zip ---------------------------------------------------------------------------------------


def _check_name(name: str, folders: bool = False) -> None:
    problem_nl = problem_en = ""
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        problem_nl, problem_en = "een absoluut pad", "an absolute path"
    elif ".." in parts:
        problem_nl, problem_en = "een pad met '..'", "a path with '..'"
    elif folders and ("\\" in name or any(part in ("", ".") for part in parts)):
        problem_nl, problem_en = "een pad met een lege map, '.' of '\\'", "a path with an empty folder, '.' or '\\'"
    elif not folders and ("\\" in name or "/" in name):
        problem_nl, problem_en = "een pad met mappen (het pakket is plat)", "a path with folders (a package is flat)"
    elif not name or any(ord(ch) < 32 for ch in name):
        problem_nl, problem_en = "een lege naam of stuurtekens", "an empty name or control characters"
    if problem_nl:
        raise _Fail(EXIT_ZIP, f"Onveilige zip: het onderdeel '{shown_name(name)}' heeft {problem_nl}.",
                    f"Unsafe zip: the member '{shown_name(name)}' has {problem_en}.")


def _open_zip(data: bytes, *, max_members: int = MAX_MEMBERS, folders: bool = False,
              limits: dict[str, int] | None = None) -> dict[str, bytes]:
    """The members of a safe zip by name; _Fail(EXIT_ZIP) names what is unsafe (folders: names may hold '/').

    limits: the largest size each named member may declare (checked before unpacking); a manifest.json
    above its limit fails with EXIT_MANIFEST, any other member with EXIT_ZIP.
    """
    if len(data) > MAX_PACKAGE_BYTES:
        raise _Fail(EXIT_ZIP, f"Het bestand is groter dan {MAX_PACKAGE_BYTES // 2**20} MB; geen geldig pakket.",
                    f"The file is larger than {MAX_PACKAGE_BYTES // 2**20} MB; not a valid package.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
        # NotImplementedError: a member claims a zip version newer than any this reader knows
        raise _Fail(EXIT_ZIP, f"Het bestand is geen zip-bestand ({err}).", f"The file is not a zip file ({err}).") from err
    with archive:
        infos = archive.infolist()
        if infos and min(i.header_offset for i in infos) != 0:
            raise _Fail(EXIT_ZIP, "Onveilige zip: er staan gegevens vóór het eerste onderdeel.",
                        "Unsafe zip: there is data before the first member.")
        if len(infos) > max_members:
            raise _Fail(EXIT_ZIP, f"Onveilige zip: {len(infos)} onderdelen (hooguit {max_members}).",
                        f"Unsafe zip: {len(infos)} members (at most {max_members}).")
        seen: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            _check_name(name, folders)
            shown = shown_name(name)
            if name.lower() in seen:
                raise _Fail(EXIT_ZIP, f"Onveilige zip: de naam '{shown}' komt twee keer voor.",
                            f"Unsafe zip: the name '{shown}' appears twice.")
            seen.add(name.lower())
            mode = info.external_attr >> 16
            if info.is_dir() or stat.S_ISDIR(mode):
                raise _Fail(EXIT_ZIP, f"Onveilige zip: '{shown}' is een map.", f"Unsafe zip: '{shown}' is a folder.")
            if stat.S_ISLNK(mode):
                raise _Fail(EXIT_ZIP, f"Onveilige zip: '{shown}' is een koppeling (link).",
                            f"Unsafe zip: '{shown}' is a link.")
            if info.flag_bits & 0x1:
                raise _Fail(EXIT_ZIP, f"Onveilige zip: '{shown}' is versleuteld.", f"Unsafe zip: '{shown}' is encrypted.")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _Fail(EXIT_ZIP, f"Onveilige zip: '{shown}' gebruikt een onbekende compressie.",
                            f"Unsafe zip: '{shown}' uses an unsupported compression.")
            if info.file_size > MAX_MEMBER_BYTES:
                raise _Fail(EXIT_ZIP, f"Onveilige zip: '{shown}' pakt uit tot {info.file_size} bytes (te groot).",
                            f"Unsafe zip: '{shown}' unpacks to {info.file_size} bytes (too large).")
            limit = (limits or {}).get(name)
            if limit is not None and info.file_size > limit:
                raise _Fail(EXIT_MANIFEST if name == MANIFEST else EXIT_ZIP,
                            f"{'' if name == MANIFEST else 'Onveilige zip: '}'{shown}' pakt uit tot {info.file_size} bytes; "
                            f"voor dit onderdeel is {limit} bytes de grens (een echt pakket blijft daar ver onder).",
                            f"{'' if name == MANIFEST else 'Unsafe zip: '}'{shown}' unpacks to {info.file_size} bytes; "
                            f"the limit for this member is {limit} bytes (a real package stays far below it).")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise _Fail(EXIT_ZIP, f"Onveilige zip: '{shown}' is verdacht sterk gecomprimeerd (zip-bom).",
                            f"Unsafe zip: '{shown}' is suspiciously highly compressed (zip bomb).")
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _Fail(EXIT_ZIP, "Onveilige zip: de onderdelen samen zijn te groot.",
                        "Unsafe zip: the members together are too large.")
        members: dict[str, bytes] = {}
        for info in infos:
            try:
                with archive.open(info) as handle:
                    content = handle.read(info.file_size + 1)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as err:
                raise _Fail(EXIT_ZIP, f"Het onderdeel '{shown_name(info.filename)}' is beschadigd ({err}).",
                            f"The member '{shown_name(info.filename)}' is damaged ({err}).") from err
            if len(content) != info.file_size:
                raise _Fail(EXIT_ZIP, f"Het onderdeel '{shown_name(info.filename)}' is niet zo groot als de zip zegt.",
                            f"The member '{shown_name(info.filename)}' is not the size the zip says.")
            members[info.filename] = content
        return members


# -- step 2: the manifest ----------------------------------------------------------------------------------


def _manifest(members: dict[str, bytes]) -> tuple[bytes, dict[str, Any]]:
    raw = members.get(MANIFEST)
    if raw is None:
        raise _Fail(EXIT_MANIFEST, "Het pakket heeft geen manifest.json.", "The package has no manifest.json.")
    if len(raw) > MAX_MANIFEST_BYTES:
        raise _Fail(EXIT_MANIFEST, "manifest.json is te groot.", "manifest.json is too large.")
    try:
        manifest = parse_json_strict(raw)
    except (UnicodeDecodeError, ValueError) as err:
        raise _Fail(EXIT_MANIFEST, f"manifest.json is geen geldige JSON: {err}.",
                    f"manifest.json is not valid JSON: {err}.") from err
    problem = first_error(manifest)
    if problem is not None:
        raise _Fail(EXIT_MANIFEST, f"manifest.json past niet in het schema: {problem}.",
                    f"manifest.json does not fit the schema: {problem}.")
    names = [f["name"] for f in manifest["files"]]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise _Fail(EXIT_MANIFEST, f"manifest.json noemt {twice[0]} twee keer.", f"manifest.json lists {twice[0]} twice.")
    try:
        canonical = canonical_json(manifest)
    except ValueError as err:
        raise _Fail(EXIT_MANIFEST, f"manifest.json bevat een waarde die geen canonieke JSON kent: {err}.",
                    f"manifest.json holds a value without canonical JSON form: {err}.") from err
    if canonical != raw:
        raise _Fail(EXIT_MANIFEST, "manifest.json is niet in canonieke vorm (RFC 8785).",
                    "manifest.json is not in canonical form (RFC 8785).")
    return raw, manifest


# -- step 3: the signature ---------------------------------------------------------------------------------


def _created_at(manifest: dict[str, Any]) -> dt.datetime:
    return dt.datetime.strptime(manifest["created_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def _signature(members: dict[str, bytes], raw: bytes, manifest: dict[str, Any], trusted_keys: Sequence[bytes],
               trusted_cas: Sequence[x509.Certificate], result: VerifyResult) -> None:
    signer = manifest["signer"]
    method = signer["method"]
    sig_name = SIGNATURE_FILES[method]
    signature = members.get(sig_name)
    if signature is None:
        raise _Fail(EXIT_SIGNATURE, f"Het pakket heeft geen handtekening ({sig_name}).",
                    f"The package has no signature ({sig_name}).")
    anchors = bool(trusted_keys) or bool(trusted_cas)
    if method == "ed25519":
        try:
            public_raw = base64.b64decode(signer["public_key"], validate=True)
        except (binascii.Error, ValueError) as err:
            raise _Fail(EXIT_SIGNATURE, "De publieke sleutel in manifest.json is onleesbaar.",
                        "The public key in manifest.json cannot be read.") from err
        if len(public_raw) != 32 or fingerprint_raw(public_raw) != signer["fingerprint"]:
            raise _Fail(EXIT_SIGNATURE, "De vingerafdruk in manifest.json hoort niet bij de sleutel die erin staat.",
                        "The fingerprint in manifest.json does not belong to the key it names.")
        if len(signature) != 64:
            raise _Fail(EXIT_SIGNATURE, f"{sig_name} is geen Ed25519-handtekening (64 bytes), maar {len(signature)} bytes.",
                        f"{sig_name} is not an Ed25519 signature (64 bytes) but {len(signature)} bytes.")
        try:
            Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, raw)
        except (InvalidSignature, ValueError) as err:
            raise _Fail(EXIT_SIGNATURE,
                        "De handtekening klopt niet: manifest.json is na ondertekening gewijzigd, of "
                        f"{sig_name} is met een andere sleutel gezet dan de sleutel in het manifest.",
                        "The signature does not hold: manifest.json was changed after signing, or "
                        f"{sig_name} was made with another key than the one the manifest names.") from err
        if anchors:
            if public_raw not in trusted_keys:
                raise _Fail(EXIT_SIGNATURE,
                            f"Ondertekend met sleutel {group_fingerprint(signer['fingerprint'])}; dat is niet "
                            "de verwachte (vertrouwde) sleutel.",
                            f"Signed with key {group_fingerprint(signer['fingerprint'])}, which is not the expected "
                            "(trusted) key.")
            result.trusted = True
        return
    try:
        cert = x509.load_der_x509_certificate(base64.b64decode(signer["certificate"], validate=True))
    except (binascii.Error, ValueError) as err:
        raise _Fail(EXIT_SIGNATURE, "Het certificaat in manifest.json is onleesbaar.",
                    "The certificate in manifest.json cannot be read.") from err
    if fingerprint_certificate(cert) != signer["fingerprint"]:
        raise _Fail(EXIT_SIGNATURE, "De vingerafdruk in manifest.json hoort niet bij het certificaat dat erin staat.",
                    "The fingerprint in manifest.json does not belong to the certificate it names.")
    if anchors and not trusted_cas:
        raise _Fail(EXIT_SIGNATURE, "Dit pakket is ondertekend met een certificaat; geef de CA op (--ca) om het te vertrouwen.",
                    "This package is signed with a certificate; give the CA (--ca) to trust it.")
    try:
        outcome = verify_detached(signature, raw, trusted=list(trusted_cas) if trusted_cas else None,
                                  at=_created_at(manifest))
    except CmsError as err:
        raise _Fail(EXIT_SIGNATURE, err.nl, err.en) from err
    if outcome.certificate != cert:
        raise _Fail(EXIT_SIGNATURE, "manifest.p7s is gezet met een ander certificaat dan manifest.json noemt.",
                    "manifest.p7s was made with another certificate than the one manifest.json names.")
    result.trusted = outcome.chain_checked


# -- steps 4 to 6 ------------------------------------------------------------------------------------------


def _hashes(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    for entry in manifest["files"]:
        data = members.get(entry["name"])
        if data is None:
            continue  # reported as missing in the next step
        if len(data) != entry["size"]:
            raise _Fail(EXIT_CONTENT,
                        f"{entry['name']} is {len(data)} bytes, het manifest zegt {entry['size']}: het bestand is gewijzigd.",
                        f"{entry['name']} is {len(data)} bytes, the manifest says {entry['size']}: the file was changed.")
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise _Fail(EXIT_CONTENT,
                        f"De SHA-256 van {entry['name']} wijkt af van het manifest: het bestand is na ondertekening gewijzigd.",
                        f"The SHA-256 of {entry['name']} differs from the manifest: the file was changed after signing.")


def _members(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    expected = {MANIFEST, SIGNATURE_FILES[manifest["signer"]["method"]], *(f["name"] for f in manifest["files"])}
    missing = sorted(expected - set(members))
    if missing:
        raise _Fail(EXIT_FILES, f"Het pakket mist {', '.join(missing)}.", f"The package lacks {', '.join(missing)}.")
    extra = ", ".join(shown_name(n) for n in sorted(set(members) - expected))
    if extra:
        raise _Fail(EXIT_FILES, f"Het pakket bevat een bestand dat er niet in hoort: {extra}.",
                    f"The package holds a file that does not belong in it: {extra}.")


def _content(members: dict[str, bytes], manifest: dict[str, Any], result: VerifyResult) -> None:
    parsed: dict[str, Any] = {}
    for name in DIGEST_FILES:
        try:
            parsed[name] = parse_json_strict(members[name])
            canonical = canonical_json(parsed[name]) == members[name]
        except (UnicodeDecodeError, ValueError):
            canonical = False
        if not canonical:
            raise _Fail(EXIT_CONTENT, f"{name} is geen canonieke JSON.", f"{name} is not canonical JSON.")
    digest, _ = content_digest(members)
    result.content_digest = digest
    if digest != manifest["content_digest"]:
        raise _Fail(EXIT_CONTENT, "De inhoudsdigest klopt niet met het manifest.",
                    "The content digest does not match the manifest.")
    alg = parsed[ANSWERS].get("algorithm") if isinstance(parsed[ANSWERS], dict) else None
    if not isinstance(alg, dict) or alg.get("id") != manifest["algorithm"]["id"] \
            or alg.get("organisation") != manifest["organisation"]["name"]:
        raise _Fail(EXIT_CONTENT, "answers.json gaat over een ander algoritme of een andere organisatie dan het manifest.",
                    "answers.json is about another algorithm or organisation than the manifest.")
    pdf = members[REPORT]
    if not pdf.startswith(b"%PDF-"):
        raise _Fail(EXIT_CONTENT, "report.pdf is geen PDF.", "report.pdf is not a PDF.")
    if digest.encode("ascii") not in pdf:
        raise _Fail(EXIT_CONTENT, "report.pdf draagt niet de inhoudsdigest van dit pakket: het rapport hoort bij andere inhoud.",
                    "report.pdf does not carry this package's content digest: the report belongs to other content.")


def verify_bytes(data: bytes, *, path: str = "", trusted_keys: Sequence[bytes] = (),
                 trusted_cas: Sequence[x509.Certificate] = ()) -> VerifyResult:
    """Verify package bytes. trusted_keys are raw Ed25519 public keys; trusted_cas are CA certificates."""
    result = VerifyResult(path=path, code=EXIT_VALID)
    try:
        members = _open_zip(data, limits=PACKAGE_MEMBER_LIMITS)
        raw, manifest = _manifest(members)
        result.manifest = manifest
        _signature(members, raw, manifest, trusted_keys, trusted_cas, result)
        _hashes(members, manifest)
        _members(members, manifest)
        _content(members, manifest, result)
    except _Fail as fail:
        # reasons quote names from the package (members, certificate subjects): never a control character
        result.code = fail.code
        result.reason_nl, result.reason_en = visible(fail.nl, keep_layout=False), visible(fail.en, keep_layout=False)
        return result
    if not result.trusted:
        result.notes.append((
            "De ondertekenaar is niet vergeleken met een vertrouwde sleutel of CA; vergelijk de vingerafdruk "
            "met de aangemelde sleutel (of gebruik --key / --ca).",
            "The signer was not compared with a trusted key or CA; compare the fingerprint with the enrolled "
            "key (or use --key / --ca)."))
    return result


def verify_package(path: str | Path, *, trusted_keys: Sequence[bytes] = (),
                   trusted_cas: Sequence[x509.Certificate] = ()) -> VerifyResult:
    """Verify a package file (see the module docstring for the checks and their exit codes)."""
    try:
        if Path(path).stat().st_size > MAX_PACKAGE_BYTES:
            return VerifyResult(str(path), EXIT_ZIP,
                                f"Het bestand is groter dan {MAX_PACKAGE_BYTES // 2**20} MB; geen geldig pakket.",
                                f"The file is larger than {MAX_PACKAGE_BYTES // 2**20} MB; not a valid package.")
        data = Path(path).read_bytes()
    except OSError as err:
        shown = visible(str(path), keep_layout=False)
        return VerifyResult(str(path), EXIT_UNREADABLE, f"{shown} is onleesbaar: {err.strerror or err}",
                            f"{shown} cannot be read: {err.strerror or err}")
    return verify_bytes(data, path=str(path), trusted_keys=trusted_keys, trusted_cas=trusted_cas)
