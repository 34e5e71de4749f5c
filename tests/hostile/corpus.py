"""The hostile package corpus, generated from real signed packages on every run (nothing binary is checked in).

Every case is a function that makes the bytes (or the file) of one hostile package from the session's
`World` (signers, a test PKI, cached real packages), with the result and reason code the CDO import
must give and a text its English reason must contain. The groups follow the issue: damaged members,
members added/removed/renamed, signatures by the wrong key, CMS certificates, unsafe zips, hostile
manifests, hostile content signed by an enrolled owner ("the owner is the attacker"), replays, and
outcomes or questionnaire versions that do not fit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import shutil
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from algoinventaris.cdo.samples import Sample, build_sample, package_bytes
from algoinventaris.domain.submission import FormAnswers, Submission
from algoinventaris.package.build import zip_bytes
from algoinventaris.package.canonical import canonical_json
from algoinventaris.package.documents import ANSWERS, CONTENT_FILES, MANIFEST, OUTCOME, REGISTER, REPORT, content_digest
from algoinventaris.package.keys import CmsSigner, Ed25519Signer, Signer
from algoinventaris.package.verify import parse_json_strict
from tests.cdo.conftest import MOMENT, ROUND, UNIT_A, UNIT_B, Packages, replace_ai
from tests.package.conftest import Pki
from tests.package.helpers import flip_byte, zip_raw

UNIT_CMS = "Directie Certificaten"
UNIT_CMS_REVOKED = "Directie Ingetrokken CA"
UNIT_NONE = "Directie Zonder Sleutel"
MB = 1024 * 1024

GOOD = Sample("Fraudedetectie subsidies", UNIT_A, kind="high-risk")
HIGH = Sample("Risicoscan bijstand", UNIT_A, kind="high-risk")
LOW = Sample("Chatbot vragen burgers", UNIT_A, kind="low-risk")
LOW_LATER = dataclasses.replace(LOW, impact={"category": "b", "iama-status": "done"})
NONE = Sample("Rekenregel parkeertarief", UNIT_A, kind="not-ai")
NONE_LATER = dataclasses.replace(NONE, register_complete=False)
CMS_SAMPLE = Sample("Toezichtmodel", UNIT_CMS, kind="low-risk")

# Submission ids of the baseline database (see World.baseline)
S_HIGH = "33333333-3333-4333-8333-333333333333"
S_LOW_1 = "44444444-4444-4444-8444-444444444441"
S_LOW_2 = "44444444-4444-4444-8444-444444444442"
S_NONE_1 = "55555555-5555-4555-8555-555555555551"
S_NONE_2 = "55555555-5555-4555-8555-555555555552"

Items = list[tuple[str, bytes]]


# -- small tools -------------------------------------------------------------------------------------------


def members(data: bytes) -> Items:
    """The members of a zip in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def replace(items: Items, name: str, data: bytes) -> Items:
    return [(n, data if n == name else d) for n, d in items]


def without(items: Items, name: str) -> Items:
    return [(n, d) for n, d in items if n != name]


def renamed(items: Items, old: str, new: str) -> Items:
    return [(new if n == old else n, d) for n, d in items]


def doc(items: Items, name: str) -> Any:
    return parse_json_strict(dict(items)[name])


def resign_raw(items: Items, manifest_raw: bytes, signer: Signer) -> Items:
    """Put exactly these manifest bytes in, signed by `signer` (whatever they hold)."""
    out = [(n, d) for n, d in items if n not in ("manifest.sig", "manifest.p7s")]
    out = replace(out, MANIFEST, manifest_raw)
    out.insert(1, (signer.signature_file, signer.sign(manifest_raw)))
    return out


def reseal(items: Items, signer: Signer, *, manifest: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
           carry_digest: bool = True) -> bytes:
    """A package that verifies again after its content was changed: new hashes, digest and signature.

    This is what an owner with an enrolled key can do: sign anything. The report gets the new content
    digest appended (verify only asks that report.pdf carries it).
    """
    docs = dict(items)
    digest, _ = content_digest(docs)
    pdf = docs[REPORT]
    if carry_digest and digest.encode("ascii") not in pdf:
        pdf = pdf + b"\n%" + digest.encode("ascii") + b"\n"
    docs[REPORT] = pdf
    value = parse_json_strict(docs[MANIFEST])
    value["signer"] = signer.manifest_block()
    value["content_digest"] = digest
    value["files"] = [{"name": n, "sha256": _sha(docs[n]), "size": len(docs[n])} for n in CONTENT_FILES]
    if manifest is not None:
        value = manifest(value)
    raw = canonical_json(value)
    return zip_bytes([(MANIFEST, raw), (signer.signature_file, signer.sign(raw)), *((n, docs[n]) for n in CONTENT_FILES)])


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def edited(items: Items, name: str, change: Callable[[Any], Any]) -> Items:
    """The items with one JSON document changed (and written canonically)."""
    value = doc(items, name)
    return replace(items, name, canonical_json(change(value)))


def info(name: str, mode: int = 0o100644, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.external_attr = mode << 16
    entry.compress_type = compress
    entry.create_system = 3
    return entry


def raw_zip(items: Items, *extra: tuple[zipfile.ZipInfo | str, bytes]) -> bytes:
    """A zip of the items plus extra entries, with no checks at all (duplicates allowed)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names we make on purpose
        return zip_raw([*((info(n), d) for n, d in items), *extra])


def data_offset(data: bytes, name: str) -> int:
    """Where a member's compressed data starts in the zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entry = archive.getinfo(name)
    name_len, extra_len = struct.unpack("<HH", data[entry.header_offset + 26:entry.header_offset + 30])
    return entry.header_offset + 30 + name_len + extra_len


def central_entry(data: bytes, name: str) -> int:
    """Where a member's entry in the central directory starts."""
    needle = b"PK\x01\x02"
    pos = data.find(needle)
    encoded = name.encode()
    while pos != -1:
        name_len = struct.unpack("<H", data[pos + 28:pos + 30])[0]
        if data[pos + 46:pos + 46 + name_len] == encoded:
            return pos
        pos = data.find(needle, pos + 4)
    raise AssertionError(f"{name} not in the central directory")


def patch_central_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with the uncompressed size of one member changed in the central directory (a lying header)."""
    pos = central_entry(data, name)
    return data[:pos + 24] + struct.pack("<I", size) + data[pos + 28:]


def bomb_member(path: Path, name: str, size: int, *, random_every: int) -> None:
    """Stream `size` bytes into a deflated member: zeros with `random_every` random bytes per 64 kB block."""
    with zipfile.ZipFile(path, "a" if path.exists() else "w", zipfile.ZIP_DEFLATED) as archive:
        entry = info(name)
        with archive.open(entry, "w", force_zip64=True) as handle:
            block = 64 * 1024
            zeros = bytes(block - random_every)
            left = size
            while left > 0:
                chunk = os.urandom(random_every) + zeros
                handle.write(chunk[:left])
                left -= block


# -- the world the cases are made in -----------------------------------------------------------------------


def issue(ca: Pki, name: str, *, valid_from: dt.datetime, valid_until: dt.datetime, signing: bool = True,
          ca_key: Any = None, ca_name: x509.Name | None = None) -> CmsSigner:
    """A signer certificate issued by the test CA (or by another key under the CA's name: a forgery)."""
    key = ec.generate_private_key(ec.SECP256R1())
    issuer = ca_name or ca.ca.subject
    subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Gemeente Testdam"),
                         x509.NameAttribute(NameOID.COMMON_NAME, name)])
    usage = x509.KeyUsage(digital_signature=signing, content_commitment=signing, key_encipherment=not signing,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(valid_from).not_valid_after(valid_until)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .sign(ca_key or ca.ca_key, hashes.SHA256()))
    return CmsSigner(key, cert, [ca.ca], name)


@dataclass
class World:
    """Signers, CAs and cached real packages for one test session."""

    folder: Path
    a: Ed25519Signer  # enrolled for UNIT_A
    b: Ed25519Signer  # enrolled for UNIT_B
    revoked: Ed25519Signer  # enrolled for UNIT_A, revoked from a day before MOMENT
    outsider: Ed25519Signer  # enrolled nowhere
    pki: Pki  # CA enrolled for UNIT_CMS
    pki_revoked: Pki  # CA enrolled for UNIT_CMS_REVOKED, revoked
    pki_other: Pki  # a CA nobody enrolled
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))
    packages: Packages = field(default_factory=Packages)
    _big: dict[str, Path] = field(default_factory=dict)

    def make(self, sample: Sample, signer: Signer, **kwargs: Any) -> bytes:
        return self.packages.make(sample, signer, **kwargs)

    def good(self) -> bytes:
        """A valid package that the baseline database does not hold yet (tampered below)."""
        return self.make(GOOD, self.a)

    def good_items(self) -> Items:
        return members(self.good())

    def cms(self, signer: CmsSigner, sample: Sample = CMS_SAMPLE) -> bytes:
        return self.make(sample, signer, created_at=self.now - dt.timedelta(minutes=5))

    def cms_signer(self, pki: Pki | None = None) -> CmsSigner:
        pki = pki or self.pki
        return CmsSigner(pki.key, pki.cert, [pki.ca], "Jan Jansen")

    def big(self, name: str, build: Callable[[Path], None]) -> Path:
        """A large hostile file, built once per session into the session folder."""
        if name not in self._big:
            path = self.folder / f"{name}.zip"
            path.unlink(missing_ok=True)
            build(path)
            self._big[name] = path
        return self._big[name]

    def baseline(self, repo: Any) -> None:
        """What the CDO database holds before every case: keys, a round, and a few real submissions with history."""
        from algoinventaris.cdo.pipeline import Importer
        from algoinventaris.cdo.trust import read_ca
        from tests.cdo.conftest import enrol

        enrol(repo, UNIT_A, self.a)
        enrol(repo, UNIT_B, self.b)
        enrol(repo, UNIT_A, self.revoked)
        repo.revoke_trust(self.revoked.fingerprint, actor="beheerder", revoked_from=MOMENT - dt.timedelta(days=1),
                          reason="laptop gestolen")
        repo.add_trust(UNIT_CMS, *read_ca(self.pki.ca_pem)[:3], actor="beheerder", label="Test CA")
        repo.add_trust(UNIT_CMS_REVOKED, *read_ca(self.pki_revoked.ca_pem)[:3], actor="beheerder", label="Ingetrokken CA")
        repo.revoke_trust(read_ca(self.pki_revoked.ca_pem)[1], actor="beheerder", revoked_from=self.now - dt.timedelta(days=1),
                          reason="CA gecompromitteerd")
        repo.add_round(ROUND, [UNIT_A, UNIT_B, UNIT_CMS], actor="beheerder")
        importer = Importer(repo, actor="baseline")
        later = MOMENT + dt.timedelta(days=3)
        for data in (self.make(HIGH, self.a, submission_id=S_HIGH),
                     self.make(LOW, self.a, submission_id=S_LOW_1),
                     self.make(LOW_LATER, self.a, submission_id=S_LOW_2, corrects=S_LOW_1, created_at=later),
                     self.make(NONE_LATER, self.a, submission_id=S_NONE_2, corrects=S_NONE_1, created_at=later)):
            out = importer.import_bytes(data, "baseline.zip")
            assert out.result in ("imported", "superseded"), out.reason_en


# -- the cases ---------------------------------------------------------------------------------------------

Build = Callable[[World], "bytes | Path"]


@dataclass(frozen=True)
class Case:
    """One hostile input and what the CDO import must do with it."""

    name: str
    group: str
    result: str  # refused | quarantined | duplicate | imported
    code: str | None  # the reason code
    named: str  # a text the English reason contains
    build: Build
    note: str = ""


CASES: list[Case] = []


def case(name: str, group: str, result: str, code: str | None, named: str, note: str = "") -> Callable[[Build], Build]:
    def register(build: Build) -> Build:
        CASES.append(Case(name, group, result, code, named, build, note))
        return build
    return register


# 1. one flipped byte in each member (and in the zip itself) ------------------------------------------------

@case("flip-manifest.json", "integrity", "refused", "signature", "signature does not hold")
def _flip_manifest(w: World) -> bytes:
    items = w.good_items()
    raw = dict(items)[MANIFEST]
    at = raw.index(b"Fraudedetectie")  # a letter of the name: still canonical JSON, no longer what was signed
    return zip_bytes(replace(items, MANIFEST, flip_byte(raw, at)))


for _member, _code, _named in (("manifest.sig", "signature", "signature does not hold"),
                               (ANSWERS, "hash-mismatch", "SHA-256 of answers.json"),
                               (OUTCOME, "hash-mismatch", "SHA-256 of outcome.json"),
                               (REGISTER, "hash-mismatch", "SHA-256 of register.json"),
                               (REPORT, "hash-mismatch", "SHA-256 of report.pdf")):
    def _flip(w: World, member: str = _member) -> bytes:
        items = w.good_items()
        return zip_bytes(replace(items, member, flip_byte(dict(items)[member])))
    case(f"flip-{_member}", "integrity", "refused", _code, _named)(_flip)


@case("flip-manifest.p7s", "integrity", "refused", "signature", "CMS signature does not match")
def _flip_p7s(w: World) -> bytes:
    items = members(w.cms(w.cms_signer()))
    p7s = dict(items)["manifest.p7s"]
    return zip_bytes(replace(items, "manifest.p7s", flip_byte(p7s, len(p7s) - 5)))  # inside the signature value


@case("flip-zip-data", "integrity", "refused", "unsafe-zip", "damaged")
def _flip_zip(w: World) -> bytes:
    data = w.good()
    return flip_byte(data, data_offset(data, ANSWERS) + 20)


@case("zip-size-lie", "integrity", "refused", "unsafe-zip", "report.pdf")
def _size_lie(w: World) -> bytes:
    data = w.good()
    report = dict(members(data))[REPORT]
    return patch_central_size(data, REPORT, len(report) - 1000)  # the directory says less than the member holds


# 2. members added, removed, renamed ----------------------------------------------------------------------

@case("member-added", "members", "refused", "files", "does not belong in it: readme.txt")
def _added(w: World) -> bytes:
    return zip_bytes([*w.good_items(), ("readme.txt", b"open mij")])


@case("member-added-second-signature", "members", "refused", "files", "manifest.p7s")
def _added_sig(w: World) -> bytes:
    return zip_bytes([*w.good_items(), ("manifest.p7s", b"0\x80")])


for _gone, _code, _named in ((ANSWERS, "files", "lacks answers.json"), (OUTCOME, "files", "lacks outcome.json"),
                             (REGISTER, "files", "lacks register.json"), (REPORT, "files", "lacks report.pdf"),
                             ("manifest.sig", "signature", "no signature"), (MANIFEST, "manifest", "no manifest.json")):
    def _removed(w: World, gone: str = _gone) -> bytes:
        return zip_bytes(without(w.good_items(), gone))
    case(f"member-removed-{_gone}", "members", "refused", _code, _named)(_removed)


@case("member-renamed-case", "members", "refused", "files", "lacks answers.json")
def _renamed_case(w: World) -> bytes:
    return zip_bytes(renamed(w.good_items(), ANSWERS, "Answers.json"))


@case("member-renamed-other", "members", "refused", "files", "lacks report.pdf")
def _renamed_other(w: World) -> bytes:
    return zip_bytes(renamed(w.good_items(), REPORT, "report.pdf.exe"))


# 3. valid signatures by the wrong key ---------------------------------------------------------------------

@case("sig-unknown-key", "signature", "refused", "untrusted-signer", "not enrolled for unit")
def _unknown_key(w: World) -> bytes:
    return w.make(GOOD, w.outsider)


@case("sig-unknown-unit", "signature", "refused", "unknown-unit", UNIT_NONE)
def _unknown_unit(w: World) -> bytes:
    return w.make(Sample("Zonder sleutel", UNIT_NONE), w.a)


@case("sig-other-units-key", "signature", "refused", "untrusted-signer", f"enrolled for {UNIT_B}")
def _other_unit(w: World) -> bytes:
    return w.make(GOOD, w.b)


@case("sig-revoked-key", "signature", "refused", "revoked-key", "was revoked from 2026-03-11")
def _revoked(w: World) -> bytes:
    return w.make(GOOD, w.revoked)


@case("sig-by-other-key-than-named", "signature", "refused", "signature", "another key than the one the manifest names")
def _other_than_named(w: World) -> bytes:
    items = w.good_items()
    return zip_bytes(replace(items, "manifest.sig", w.outsider.sign(dict(items)[MANIFEST])))


@case("sig-from-another-package", "signature", "refused", "signature", "signature does not hold")
def _sig_elsewhere(w: World) -> bytes:
    other = dict(members(w.make(HIGH, w.a, submission_id=S_HIGH)))["manifest.sig"]
    return zip_bytes(replace(w.good_items(), "manifest.sig", other))


@case("sig-resigned-by-outsider", "signature", "refused", "untrusted-signer", "not enrolled for unit")
def _resigned(w: World) -> bytes:
    return reseal(w.good_items(), w.outsider,
                  manifest=lambda m: {**m, "algorithm": {**m["algorithm"], "name": "Onschuldig rekenmodel"}})


# 4. CMS certificates ---------------------------------------------------------------------------------------

@case("cms-expired-certificate", "cms", "refused", "untrusted-signer", "was not valid on")
def _expired(w: World) -> bytes:
    signer = issue(w.pki, "Verlopen Certificaat", valid_from=w.now - dt.timedelta(days=60), valid_until=w.now - dt.timedelta(days=1))
    return w.cms(signer)


@case("cms-subject-with-control-characters", "cms", "refused", "untrusted-signer", "[U+001B]")
def _subject_controls(w: World) -> bytes:
    signer = issue(w.pki, "Jan \x1b[2J\x1b[31mJansen \u202eTNEMEGAHC", valid_from=w.now - dt.timedelta(days=60),
                   valid_until=w.now - dt.timedelta(days=1))
    return w.cms(signer)


@case("cms-not-yet-valid-certificate", "cms", "refused", "untrusted-signer", "was not valid on")
def _not_yet(w: World) -> bytes:
    signer = issue(w.pki, "Toekomstig Certificaat", valid_from=w.now + dt.timedelta(days=2), valid_until=w.now + dt.timedelta(days=60))
    return w.cms(signer)


@case("cms-wrong-ca", "cms", "refused", "untrusted-signer", "not issued by a trusted CA")
def _wrong_ca(w: World) -> bytes:
    return w.cms(w.cms_signer(w.pki_other))


@case("cms-forged-ca-same-name", "cms", "refused", "untrusted-signer", "not issued by a trusted CA")
def _forged_ca(w: World) -> bytes:
    forger = ec.generate_private_key(ec.SECP256R1())
    signer = issue(w.pki, "Jan Jansen", valid_from=w.now - dt.timedelta(days=1), valid_until=w.now + dt.timedelta(days=30),
                   ca_key=forger)
    return w.cms(signer)


@case("cms-certificate-not-for-signing", "cms", "refused", "untrusted-signer", "may not be used for signing")
def _not_signing(w: World) -> bytes:
    signer = issue(w.pki, "Alleen Versleutelen", valid_from=w.now - dt.timedelta(days=1),
                   valid_until=w.now + dt.timedelta(days=30), signing=False)
    return w.cms(signer)


@case("cms-revoked-ca", "cms", "refused", "revoked-key", "was revoked from")
def _revoked_ca(w: World) -> bytes:
    return w.cms(w.cms_signer(w.pki_revoked), Sample("Toezichtmodel", UNIT_CMS_REVOKED, kind="low-risk"))


@case("cms-unit-without-ca", "cms", "refused", "untrusted-signer", "no CA is enrolled")
def _no_ca(w: World) -> bytes:
    return w.cms(w.cms_signer(), Sample("Toezichtmodel", UNIT_A, kind="low-risk"))


# 5. unsafe zips ---------------------------------------------------------------------------------------------

for _name, _path, _named in (("zip-slip", "../../.bashrc", "'..'"), ("zip-slip-backslash", "..\\..\\evil.dll", "'..'"),
                             ("zip-absolute-path", "/etc/cron.d/algoinventaris", "absolute path"),
                             ("zip-windows-drive", "C:\\Windows\\evil.dll", "absolute path"),
                             ("zip-folder-path", "docs/answers.json", "folders")):
    def _unsafe_path(w: World, path: str = _path) -> bytes:
        return raw_zip(w.good_items(), (info(path), b"#!/bin/sh\necho pwned\n"))
    case(_name, "zip", "refused", "unsafe-zip", _named)(_unsafe_path)


@case("zip-symlink", "zip", "refused", "unsafe-zip", "is a link")
def _symlink(w: World) -> bytes:
    items = without(w.good_items(), ANSWERS)
    return raw_zip(items, (info(ANSWERS, 0o120777), b"/etc/passwd"))


@case("zip-folder-entry", "zip", "refused", "unsafe-zip", "folders")
def _folder(w: World) -> bytes:
    return raw_zip(w.good_items(), (info("forms/", 0o040755), b""))


@case("zip-duplicate-name", "zip", "refused", "unsafe-zip", "appears twice")
def _duplicate(w: World) -> bytes:
    return raw_zip(w.good_items(), (info(ANSWERS), b'{"forged":true}'))


@case("zip-duplicate-name-case", "zip", "refused", "unsafe-zip", "appears twice")
def _duplicate_case(w: World) -> bytes:
    return raw_zip(w.good_items(), (info("ANSWERS.JSON"), b'{"forged":true}'))


@case("zip-control-characters-in-name", "zip", "refused", "unsafe-zip", "[U+001B]")
def _control_name(w: World) -> bytes:
    return raw_zip(w.good_items(), (info("answers\x1b[2J\x1b[31m.json"), b"{}"))


@case("zip-bidi-name", "zip", "refused", "files", "[U+202E]")
def _bidi_name(w: World) -> bytes:
    return raw_zip(w.good_items(), (info("rapport\u202efdp.exe"), b"MZ"))


@case("zip-encrypted-member", "zip", "refused", "unsafe-zip", "encrypted")
def _encrypted(w: World) -> bytes:
    data = bytearray(w.good())
    pos = central_entry(bytes(data), REPORT)
    data[pos + 8] |= 0x01  # the "encrypted" bit of the general purpose flags
    return bytes(data)


@case("zip-unsupported-compression", "zip", "refused", "unsafe-zip", "unsupported compression")
def _bzip2(w: World) -> bytes:
    items = without(w.good_items(), OUTCOME)
    return raw_zip(items, (info(OUTCOME, compress=zipfile.ZIP_BZIP2), dict(w.good_items())[OUTCOME]))


@case("zip-too-many-members", "zip", "refused", "unsafe-zip", "at most 16")
def _many(w: World) -> bytes:
    return raw_zip(w.good_items(), *((info(f"extra-{i}.txt"), b"x") for i in range(14)))


@case("zip-data-before-first-member", "zip", "refused", "unsafe-zip", "before the first member")
def _prepended(w: World) -> bytes:
    return b"MZ\x90\x00 a program could hide here " * 20 + w.good()


@case("zip-truncated-half", "zip", "refused", "unsafe-zip", "not a zip file")
def _truncated(w: World) -> bytes:
    data = w.good()
    return data[: len(data) // 2]


@case("zip-truncated-end", "zip", "refused", "unsafe-zip", "not a zip file")
def _truncated_end(w: World) -> bytes:
    return w.good()[:-30]


@case("not-a-zip", "zip", "refused", "unsafe-zip", "not a zip file")
def _not_zip(w: World) -> bytes:
    return dict(w.good_items())[REPORT]  # a PDF, named .zip


@case("empty-file", "zip", "refused", "unsafe-zip", "not a zip file")
def _empty(w: World) -> bytes:
    return b""


@case("zip-bomb-ratio", "zip", "refused", "unsafe-zip", "zip bomb")
def _bomb_ratio(w: World) -> Path:
    def build(path: Path) -> None:
        shutil.copyfile(_as_file(w, "good", w.good()), path)
        bomb_member(path, "filler.bin", 60 * MB, random_every=1)  # zeros: a ratio of about 1000
    return w.big("zip-bomb-ratio", build)


@case("zip-bomb-member-size", "zip", "refused", "unsafe-zip", "too large")
def _bomb_member(w: World) -> Path:
    def build(path: Path) -> None:
        shutil.copyfile(_as_file(w, "good", w.good()), path)
        bomb_member(path, "filler.bin", 70 * MB, random_every=900)  # a ratio below 100, but 70 MB
    return w.big("zip-bomb-member-size", build)


@case("zip-bomb-total-size", "zip", "refused", "unsafe-zip", "members together are too large")
def _bomb_total(w: World) -> Path:
    def build(path: Path) -> None:
        shutil.copyfile(_as_file(w, "good", w.good()), path)
        for i in range(3):
            bomb_member(path, f"filler-{i}.bin", 45 * MB, random_every=900)
    return w.big("zip-bomb-total-size", build)


@case("file-too-large", "zip", "refused", "unsafe-zip", "larger than 100 MB")
def _too_large(w: World) -> Path:
    def build(path: Path) -> None:
        with open(path, "wb") as handle:  # sparse: 101 MB on paper, nothing on disk
            handle.write(w.good())
            handle.truncate(101 * MB)
    return w.big("file-too-large", build)


@case("unreadable", "zip", "refused", "unreadable", "cannot be read")
def _unreadable(w: World) -> Path:
    def build(path: Path) -> None:
        path.mkdir()  # a folder named like a package
    return w.big("unreadable", build)


def _as_file(w: World, name: str, data: bytes) -> Path:
    path = w.folder / f"{name}.bin"
    if not path.exists():
        path.write_bytes(data)
    return path


# 6. hostile manifests (signed by the enrolled owner, so the signature is not what stops them) ---------------

def _manifest_case(name: str, named: str, make: Callable[[bytes], bytes]) -> None:
    def build(w: World) -> bytes:
        items = w.good_items()
        return zip_bytes(resign_raw(items, make(dict(items)[MANIFEST]), w.a))
    case(name, "manifest", "refused", "manifest", named)(build)


_manifest_case("manifest-invalid-utf8", "not valid JSON", lambda raw: raw.replace(b"Fraudedetectie", b"Fraude\xff\xfedetectie"))
_manifest_case("manifest-duplicate-keys", "appears twice",
               lambda raw: raw.replace(b'{"algorithm":', b'{"algorithm":{"id":"x","name":"y","round":"z"},"algorithm":', 1))
_manifest_case("manifest-number-too-long", "not valid JSON",
               lambda raw: raw.replace(b'"format_version":1', b'"format_version":1' + b"0" * 5000))
_manifest_case("manifest-number-infinite", "must be 1, not inf", lambda raw: raw.replace(b'"format_version":1', b'"format_version":1e400'))
_manifest_case("manifest-nan", "NaN is not allowed", lambda raw: raw.replace(b'"format_version":1', b'"format_version":NaN'))
_manifest_case("manifest-deep-nesting", "nests too deeply", lambda raw: b"[" * 100_000 + b"]" * 100_000)
_manifest_case("manifest-nesting-in-value", "must be string",
               lambda raw: raw.replace(b'"name":"Fraudedetectie subsidies"', b'"name":' + b"[" * 500 + b"]" * 500))
_manifest_case("manifest-not-canonical", "canonical form", lambda raw: json.dumps(json.loads(raw), indent=2).encode())
_manifest_case("manifest-byte-order-mark", "not valid JSON", lambda raw: b"\xef\xbb\xbf" + raw)
_manifest_case("manifest-unknown-key", "unknown key 'admin'", lambda raw: raw.replace(b'{"algorithm"', b'{"admin":true,"algorithm"', 1))
_manifest_case("manifest-lone-surrogate", "canonical JSON form", lambda raw: raw.replace(b"Fraudedetectie", b"Fraude\\ud800detectie"))
_manifest_case("manifest-not-an-object", "must be object", lambda raw: b'"manifest"')


def _huge_integer(raw: bytes) -> bytes:
    value = json.loads(raw)
    value["files"][0]["size"] = 10**400
    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode()


_manifest_case("manifest-huge-integer", "is above", _huge_integer)


@case("manifest-50-mb-string", "manifest", "refused", "manifest", "the limit for this member")
def _manifest_50mb(w: World) -> Path:
    def build(path: Path) -> None:
        import base64

        items = w.good_items()
        raw = dict(items)[MANIFEST]
        filler = base64.b64encode(os.urandom(50 * MB * 3 // 4))  # 50 MB of letters: no zip bomb, just big
        big = raw.replace(b'"name":"Fraudedetectie subsidies"', b'"name":"' + filler + b'"')
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
            for name, data in resign_raw(items, big, w.a):
                archive.writestr(info(name, compress=zipfile.ZIP_STORED), data)
    return w.big("manifest-50-mb-string", build)


# 7. hostile content signed by an enrolled owner ------------------------------------------------------------

def _content_case(name: str, code: str, named: str, change: Callable[[Items], Items], result: str = "refused",
                  carry_digest: bool = True) -> None:
    def build(w: World) -> bytes:
        return reseal(change(w.good_items()), w.a, carry_digest=carry_digest)
    case(name, "content", result, code, named)(build)


_content_case("answers-invalid-utf8", "hash-mismatch", "answers.json is not canonical JSON",
              lambda items: replace(items, ANSWERS, dict(items)[ANSWERS].replace(b"Fraudedetectie", b"Fraude\xc3\x28detectie")))
_content_case("answers-duplicate-keys", "hash-mismatch", "answers.json is not canonical JSON",
              lambda items: replace(items, ANSWERS, b'{"algorithm":{},' + dict(items)[ANSWERS][1:]))
_content_case("answers-deep-nesting", "hash-mismatch", "answers.json is not canonical JSON",
              lambda items: replace(items, ANSWERS, b"[" * 100_000 + b"]" * 100_000))
_content_case("answers-nesting-beyond-canonical", "hash-mismatch", "answers.json is not canonical JSON",
              lambda items: replace(items, ANSWERS, b'{"x":' + b"[" * 500 + b"]" * 500 + b"," + dict(items)[ANSWERS][1:]))
_content_case("answers-huge-integer", "hash-mismatch", "answers.json is not canonical JSON",
              lambda items: replace(items, ANSWERS, dict(items)[ANSWERS].replace(b'"format_version":1', b'"format_version":' + b"9" * 40)))
_content_case("answers-other-algorithm", "hash-mismatch", "another algorithm",
              lambda items: edited(items, ANSWERS, lambda v: {**v, "algorithm": {**v["algorithm"], "id": "iets-anders"}}))
_content_case("report-without-digest", "hash-mismatch", "does not carry this package's content digest",
              lambda items: replace(items, REPORT, b"%PDF-1.4\n% een ander rapport\n%%EOF\n"), carry_digest=False)
_content_case("report-not-a-pdf", "hash-mismatch", "report.pdf is not a PDF",
              lambda items: replace(items, REPORT, b"<html><script>alert(1)</script></html>"))
_content_case("answers-not-an-object", "hash-mismatch", "another algorithm", lambda items: replace(items, ANSWERS, b"[]"))
_content_case("answers-forms-not-a-list", "answers-invalid", "cannot be read",
              lambda items: edited(items, ANSWERS, lambda v: {**v, "forms": [7, "x"]}))
_content_case("answers-steps-wrong-types", "answers-invalid", "cannot be read",
              lambda items: edited(items, ANSWERS, lambda v: {**v, "forms": [{**v["forms"][0], "answers": [{"question": 1}]},
                                                                          *v["forms"][1:]]}))
_content_case("outcome-facts-wrong-type", "answers-invalid", "outcome.json",
              lambda items: edited(items, OUTCOME, lambda v: {**v, "ai_act": {**v["ai_act"], "facts": ["x", 1]}}))
_content_case("outcome-labels-wrong-type", "answers-invalid", "outcome.json",
              lambda items: edited(items, OUTCOME, lambda v: {**v, "ai_act": {**v["ai_act"], "labels": {"a": 1}}}))
_content_case("outcome-category-wrong-type", "answers-invalid", "outcome.json",
              lambda items: edited(items, OUTCOME, lambda v: {**v, "category": {**v["category"], "human_rights_test": ["done"]}}))
_content_case("outcome-not-an-object", "answers-invalid", "not a JSON object", lambda items: replace(items, OUTCOME, b'"A"'))
_content_case("register-fields-wrong-type", "answers-invalid", "register.json",
              lambda items: edited(items, REGISTER, lambda v: {**v, "fields": [1, 2, 3], "status": {"x": 1}}))


@case("answers-50-mb-string", "content", "refused", "unsafe-zip", "the limit for this member")
def _answers_50mb(w: World) -> Path:
    def build(path: Path) -> None:
        items = edited(w.good_items(), ANSWERS, lambda v: {**v, "note": "x" * (50 * MB)})
        path.write_bytes(reseal(items, w.a))
    return w.big("answers-50-mb-string", build)


# 8. replays and versions -----------------------------------------------------------------------------------

@case("replay-older-after-correction", "replay", "duplicate", "same-bytes", S_LOW_1)
def _replay_old(w: World) -> bytes:
    return w.make(LOW, w.a, submission_id=S_LOW_1)


@case("replay-current", "replay", "duplicate", "same-bytes", S_LOW_2)
def _replay_current(w: World) -> bytes:
    return w.make(LOW_LATER, w.a, submission_id=S_LOW_2, corrects=S_LOW_1, created_at=MOMENT + dt.timedelta(days=3))


@case("replay-repacked", "replay", "duplicate", "repacked", "only the zip was packed differently")
def _repacked(w: World) -> bytes:
    items = members(w.make(HIGH, w.a, submission_id=S_HIGH))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # the same files, stored instead of deflated
        for name, data in reversed(items):
            archive.writestr(info(name, compress=zipfile.ZIP_STORED), data)
        archive.comment = b"opnieuw ingepakt"
    return buffer.getvalue()


@case("replay-same-id-other-content", "replay", "quarantined", "conflicting-id", "should have a new submission id")
def _same_id(w: World) -> bytes:
    return w.make(dataclasses.replace(HIGH, impact={"iama-status": "in-progress"}), w.a, submission_id=S_HIGH,
                  created_at=MOMENT + dt.timedelta(hours=1))


@case("replay-older-version-arrives-late", "replay", "imported", None, "Kept as history",
      note="shown safely: an older version arriving after its correction is kept as history, never current")
def _late_older(w: World) -> bytes:
    return w.make(NONE, w.a, submission_id=S_NONE_1)


@case("outcome-mismatch", "outcome", "quarantined", "outcome-mismatch", "differs from what this app computes")
def _outcome(w: World) -> bytes:
    return w.make(GOOD, w.a, key="wrong-conclusion",
                  tamper=lambda s: replace_ai(s, conclusion_id="no-ai-system", conclusion_ref="11.2"))


@case("outcome-category-mismatch", "outcome", "quarantined", "outcome-mismatch", "category in the package (C)")
def _category(w: World) -> bytes:
    def claim_c(sub: Submission) -> Submission:
        assert sub.category is not None
        return dataclasses.replace(sub, category=dataclasses.replace(sub.category, category="C"))
    return w.make(GOOD, w.a, key="claims-c", tamper=claim_c)


@case("outcome-labels-added", "outcome", "quarantined", "outcome-mismatch", "labels")
def _labels(w: World) -> bytes:
    return w.make(GOOD, w.a, key="extra-label", tamper=lambda s: replace_ai(s, labels=(*s.ai_act.labels, "verboden-ai")))


def _other_form(sha: str, version: str) -> Callable[[Submission], Submission]:
    def change(sub: Submission) -> Submission:
        form = dataclasses.replace(sub.ai_act.form, sha256=sha, version=version)
        answers = tuple(FormAnswers(form, fa.steps) if fa.form.id == "ai-act" else fa for fa in sub.answers)
        return dataclasses.replace(replace_ai(sub, form=form), answers=answers)
    return change


@case("form-unknown-version", "outcome", "quarantined", "unknown-form", "2099.1")
def _unknown_form(w: World) -> bytes:
    return w.make(GOOD, w.a, key="unknown-form", tamper=_other_form("0" * 64, "2099.1"))


@case("form-version-label-forged", "outcome", "quarantined", "unknown-form", "2025.1")
def _forged_version(w: World) -> bytes:
    def change(sub: Submission) -> Submission:
        return _other_form(sub.ai_act.form.sha256, "2025.1")(sub)
    return w.make(GOOD, w.a, key="forged-version", tamper=change)


@case("form-downgraded-version", "outcome", "quarantined", "unknown-form", "ai-act 2025.1")
def _downgraded(w: World) -> bytes:
    from algoinventaris import config

    old = w.folder / "old-forms"
    if not old.exists():
        for name in ("ai-act", "impact"):
            (old / name).mkdir(parents=True)
            text = (config.forms_dir() / name / "form.yaml").read_text(encoding="utf-8")
            if name == "ai-act":
                text = text.replace("version: '2026.1'", "version: '2025.1'", 1)
            (old / name / "form.yaml").write_text(text, encoding="utf-8")
    data, _ = package_bytes(build_sample(GOOD, old), w.a, created_at=MOMENT)
    return data


@case("answers-not-in-form", "outcome", "refused", "answers-invalid", "do not fit questionnaire ai-act")
def _bad_answer(w: World) -> bytes:
    def change(sub: Submission) -> Submission:
        fa = sub.answers[0]
        first = dataclasses.replace(fa.steps[0], answer_ids=("misschien",))
        return dataclasses.replace(sub, answers=(FormAnswers(fa.form, (first, *fa.steps[1:])), *sub.answers[1:]))
    return w.make(GOOD, w.a, key="bad-answer", tamper=change)


@case("answers-stop-early", "outcome", "refused", "answers-invalid", "do not fit questionnaire ai-act")
def _stop_early(w: World) -> bytes:
    def change(sub: Submission) -> Submission:
        fa = sub.answers[0]
        return dataclasses.replace(sub, answers=(FormAnswers(fa.form, fa.steps[:1]), *sub.answers[1:]))
    return w.make(GOOD, w.a, key="stop-early", tamper=change)


def by_name() -> dict[str, Case]:
    return {c.name: c for c in CASES}


GROUP_ORDER = ("integrity", "members", "signature", "cms", "zip", "manifest", "content", "replay", "outcome")
assert len({c.name for c in CASES}) == len(CASES), "case names must be unique"
assert {c.group for c in CASES} <= set(GROUP_ORDER)
