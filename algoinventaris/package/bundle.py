"""Round bundles: the CDO's signed zip with a round's metadata, questionnaires and migration maps; made and checked here.

A bundle is an ordinary zip:

- `round.json`   canonical JSON (RFC 8785): format, organisation, round name, deadline, the units expected,
                 when it was made, a sequence number (higher = newer; an owner's app refuses an older one),
                 the signer, the forms of the round (id, version, content SHA-256, path in the zip), the
                 earlier forms the migration maps start from, the maps (path, from, to), and the SHA-256
                 and size of every other member;
- `round.sig`    64 raw bytes: the Ed25519 signature by the CDO key over the exact bytes of round.json;
- `forms/<id>/form.yaml`, `previous/<id>-<version>/form.yaml`, `maps/<name>.yaml`;
- `drafts.json`  (only when the CDO hands out prefilled drafts) canonical JSON made by
                 domain/drafts.py's `drafts_document`: every draft of the round, whatever its unit
                 (unit "" = not yet assigned). round.json names it under `drafts` with the number of
                 drafts, and lists its hash and size like every other member. One member for all
                 drafts, since a round may have hundreds and a bundle holds at most MAX_BUNDLE_MEMBERS.

Checking, in this order, stops at the first failure with a reason code and a message in Dutch and
English: the zip is safe (package/verify.py's reader); round.json is there, canonical and fits the
schema; round.sig is there (else "unsigned"); the signature holds for the key round.json names and that
key is the trusted CDO key; every member has the hash and size round.json gives, none is missing or
extra; every form loads, is the form round.json says (id, version, content hash) and passes `forms
check` without errors; every map loads, connects two forms of the bundle and passes check_map. When
round.json names drafts, drafts.json must be there (hash-checked with the other members), parse as a
drafts document, hold as many drafts as round.json says, each of the bundle's organisation and round
(else code "drafts"); read_bundle does this, so RoundBundle.drafts is checked data. The
owner side (package/rounds.py) then checks the organisation and that the bundle is not older than the
newest one opened, and only then installs anything.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import hashlib
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from algoinventaris import __version__
from algoinventaris.domain.drafts import Draft, DraftFormatError, drafts_document, parse_drafts_document
from algoinventaris.domain.rounds import ROUND_FORMAT, ROUND_FORMAT_VERSION, RoundForm
from algoinventaris.formengine.model import Form
from algoinventaris.package.canonical import canonical_json
from algoinventaris.package.errors import PackageError
from algoinventaris.package.keys import Ed25519Signer, fingerprint_raw, group_fingerprint
from algoinventaris.package.schema import errors as schema_errors
from algoinventaris.package.verify import MAX_MEMBER_BYTES

if TYPE_CHECKING:  # the migration module is loaded when a bundle is checked
    from algoinventaris.formengine.migration import MigrationMap

ROUND_JSON = "round.json"
ROUND_SIG = "round.sig"
DRAFTS_JSON = "drafts.json"
MAX_DRAFTS = 100_000
MAX_DRAFTS_BYTES = MAX_MEMBER_BYTES  # the largest member a bundle may hold
MAX_BUNDLE_MEMBERS = 80
MAX_ROUND_JSON = 1024 * 1024
FORM_FILE = "form.yaml"
SHA256 = r"^[0-9a-f]{64}$"
FORM_ID = r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$"
TEXT = {"type": "string", "minLength": 1, "maxLength": 500}
MEMBER = (r"^(forms/[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}/form\.yaml"
          r"|previous/[A-Za-z0-9_][A-Za-z0-9_.+-]{0,120}/form\.yaml"
          r"|maps/[A-Za-z0-9_][A-Za-z0-9_.+-]{0,120}\.yaml)$")
FILE_MEMBER = MEMBER[:-2] + r"|drafts\.json)$"   # the members round.json lists: MEMBER or drafts.json

_FORM_ENTRY = {
    "type": "object",
    "required": ["id", "version", "sha256", "path"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": FORM_ID},
        "version": {"type": "string", "minLength": 1, "maxLength": 80},
        "sha256": {"type": "string", "pattern": SHA256},
        "path": {"type": "string", "pattern": MEMBER},
    },
}
_IDENTITY = {
    "type": "object",
    "required": ["form", "version", "sha256"],
    "additionalProperties": False,
    "properties": {"form": {"type": "string", "pattern": FORM_ID}, "version": {"type": "string", "minLength": 1, "maxLength": 80},
                   "sha256": {"type": "string", "pattern": SHA256}},
}

ROUND_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "algoinventaris round bundle (round.json)",
    "type": "object",
    "required": ["format", "format_version", "organisation", "round", "deadline", "units", "created_at", "sequence", "app",
                 "signer", "forms", "previous_forms", "maps", "files"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": ROUND_FORMAT},
        "format_version": {"const": ROUND_FORMAT_VERSION},
        "organisation": TEXT,
        "round": TEXT,
        "deadline": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "units": {"type": "array", "maxItems": 1000, "items": TEXT},
        "created_at": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"},
        "sequence": {"type": "integer", "minimum": 1, "maximum": 2**53},
        "app": {"type": "object", "required": ["name", "version"], "additionalProperties": False,
                "properties": {"name": {"const": "algoinventaris"}, "version": {"type": "string", "maxLength": 40}}},
        "signer": {
            "type": "object",
            "required": ["method", "name", "fingerprint", "public_key"],
            "additionalProperties": False,
            "properties": {
                "method": {"const": "ed25519"},
                "name": {"type": "string", "maxLength": 200},
                "fingerprint": {"type": "string", "pattern": r"^SHA256:[0-9a-f]{64}$"},
                "public_key": {"type": "string", "pattern": r"^[A-Za-z0-9+/]+={0,2}$", "minLength": 44, "maxLength": 44},
            },
        },
        "forms": {"type": "array", "minItems": 1, "maxItems": 20, "items": _FORM_ENTRY},
        "previous_forms": {"type": "array", "maxItems": 30, "items": _FORM_ENTRY},
        "maps": {"type": "array", "maxItems": 30, "items": {
            "type": "object", "required": ["path", "from", "to"], "additionalProperties": False,
            "properties": {"path": {"type": "string", "pattern": MEMBER}, "from": _IDENTITY, "to": _IDENTITY}}},
        "drafts": {"type": "object", "required": ["path", "count"], "additionalProperties": False,
                   "properties": {"path": {"const": DRAFTS_JSON}, "count": {"type": "integer", "minimum": 1, "maximum": MAX_DRAFTS}}},
        "files": {"type": "array", "minItems": 1, "maxItems": MAX_BUNDLE_MEMBERS - 2, "items": {
            "type": "object", "required": ["name", "sha256", "size"], "additionalProperties": False,
            "properties": {"name": {"type": "string", "pattern": FILE_MEMBER}, "sha256": {"type": "string", "pattern": SHA256},
                           "size": {"type": "integer", "minimum": 0, "maximum": MAX_MEMBER_BYTES}}}},
    },
}

# Reason codes of a refused bundle (BundleError.code).
REASONS = ("unreadable", "unsafe-zip", "round-json", "unsigned", "signature", "untrusted-signer", "files", "hash-mismatch",
           "form-check", "form-mismatch", "map-check", "drafts", "no-cdo-key", "organisation", "older", "conflict", "install")


class BundleError(PackageError):
    """A round bundle is refused; `code` names the failing check (see REASONS), the message says why."""

    def __init__(self, code: str, nl: str, en: str) -> None:
        super().__init__(nl, en)
        self.code = code


# --- making a bundle (CDO) -------------------------------------------------------------------------


@dataclass(frozen=True)
class BundleForm:
    """A questionnaire to put in a bundle: its form.yaml bytes and its id, version and content hash."""

    data: bytes
    id: str
    version: str
    sha256: str

    @classmethod
    def of(cls, form: Form, data: bytes) -> BundleForm:
        return cls(data, form.id, form.version, form.content_hash)


@dataclass(frozen=True)
class BundleMap:
    """A migration map to put in a bundle: its file name, its bytes and the two forms it connects (form, version, sha256)."""

    name: str
    data: bytes
    source: tuple[str, str, str]
    target: tuple[str, str, str]

    @classmethod
    def of(cls, name: str, mapping: MigrationMap, data: bytes) -> BundleMap:
        src, dst = mapping.source, mapping.target
        return cls(name, data, (src.form, src.version, src.sha256), (dst.form, dst.version, dst.sha256))


@dataclass(frozen=True)
class BundleSpec:
    """What the CDO puts in a round bundle."""

    organisation: str
    round: str
    deadline: str | None
    units: tuple[str, ...]
    sequence: int
    forms: tuple[BundleForm, ...]
    previous_forms: tuple[BundleForm, ...] = ()
    maps: tuple[BundleMap, ...] = ()
    created_at: dt.datetime | None = None
    drafts: tuple[Draft, ...] = ()        # prefilled drafts handed out with the round (member drafts.json)


def slug(text: str, limit: int = 60) -> str:
    """A safe file-name part: 'Inventarisatie 2027' -> 'inventarisatie-2027'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    cleaned = re.sub(r"[^a-z0-9.+]+", "-", ascii_text).strip("-.")
    return cleaned[:limit].rstrip("-.") or "x"


def _utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _map_path(name: str, used: set[str]) -> str:
    stem = slug(Path(name).stem, 100)
    candidate, number = f"maps/{stem}.yaml", 2
    while candidate in used:
        candidate, number = f"maps/{stem}-{number}.yaml", number + 1
    return candidate


def build_bundle(spec: BundleSpec, signer: Ed25519Signer) -> bytes:
    """The signed bundle as zip bytes (deterministic for the same spec, time and key)."""
    from algoinventaris.package.build import zip_bytes

    if not isinstance(signer, Ed25519Signer):
        raise BundleError("signature", "Een rondebundel wordt ondertekend met de Ed25519-sleutel van de CDO.",
                          "A round bundle is signed with the CDO's Ed25519 key.")
    members: list[tuple[str, bytes]] = []
    used: set[str] = set()
    forms: list[dict[str, Any]] = []
    for item in spec.forms:
        path = f"forms/{item.id}/{FORM_FILE}"
        if path in used:
            raise BundleError("conflict", f"De ronde noemt vragenlijst {item.id} twee keer.",
                              f"The round names questionnaire {item.id} twice.")
        used.add(path)
        members.append((path, item.data))
        forms.append({"id": item.id, "version": item.version, "sha256": item.sha256, "path": path})
    previous: list[dict[str, Any]] = []
    for item in spec.previous_forms:
        path = f"previous/{slug(item.id, 60)}-{slug(item.version, 40)}-{item.sha256[:8]}/{FORM_FILE}"
        if path in used:
            continue
        used.add(path)
        members.append((path, item.data))
        previous.append({"id": item.id, "version": item.version, "sha256": item.sha256, "path": path})
    maps: list[dict[str, Any]] = []
    for m in spec.maps:
        path = _map_path(m.name, used)
        used.add(path)
        members.append((path, m.data))
        maps.append({"path": path, "from": dict(zip(("form", "version", "sha256"), m.source, strict=True)),
                     "to": dict(zip(("form", "version", "sha256"), m.target, strict=True))})
    organisation = " ".join(spec.organisation.split())
    round_name = " ".join(spec.round.split())
    if spec.drafts:
        _check_drafts(spec.drafts, organisation, round_name)
        drafts = [dataclasses.replace(d, organisation=organisation, round=round_name) for d in spec.drafts]
        drafts_raw = canonical_json(drafts_document(organisation, round_name, drafts))
        if len(drafts_raw) > MAX_DRAFTS_BYTES:
            raise BundleError("drafts", f"De {len(drafts)} concepten zijn samen {len(drafts_raw) // 2**20} MB; in een bundel past "
                              f"hooguit {MAX_DRAFTS_BYTES // 2**20} MB. Verwijder concepten die niet nodig zijn.",
                              f"The {len(drafts)} drafts take {len(drafts_raw) // 2**20} MB together; a bundle holds at most "
                              f"{MAX_DRAFTS_BYTES // 2**20} MB. Delete drafts that are not needed.")
        members.append((DRAFTS_JSON, drafts_raw))
    document: dict[str, Any] = {
        "format": ROUND_FORMAT,
        "format_version": ROUND_FORMAT_VERSION,
        "organisation": organisation,
        "round": round_name,
        "deadline": spec.deadline,
        "units": [" ".join(u.split()) for u in spec.units],
        "created_at": _utc_text(spec.created_at or dt.datetime.now(dt.UTC)),
        "sequence": int(spec.sequence),
        "app": {"name": "algoinventaris", "version": __version__},
        "signer": signer.manifest_block(),
        "forms": forms,
        "previous_forms": previous,
        "maps": maps,
        "files": [{"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in members],
    }
    if spec.drafts:
        document["drafts"] = {"path": DRAFTS_JSON, "count": len(spec.drafts)}
    problem = next(schema_errors(document, ROUND_SCHEMA), None)
    if problem is not None:
        raise BundleError("round-json", f"De rondegegevens passen niet in het formaat: {problem}.",
                          f"The round data do not fit the format: {problem}.")
    raw = canonical_json(document)
    data = zip_bytes([(ROUND_JSON, raw), (ROUND_SIG, signer.sign(raw)), *members])
    if spec.drafts:  # many near-identical drafts compress very well: make sure the owners' zip checks will take it
        from algoinventaris.package.verify import _Fail, _open_zip

        try:
            _open_zip(data, max_members=MAX_BUNDLE_MEMBERS, folders=True)
        except _Fail as fail:
            raise BundleError("drafts", f"Met deze {len(spec.drafts)} concepten zou de bundel bij de eigenaren worden geweigerd: "
                              f"{fail.nl} Verwijder concepten die niet nodig zijn.",
                              f"With these {len(spec.drafts)} drafts the owners' apps would refuse the bundle: {fail.en} Delete "
                              "drafts that are not needed.") from fail
    return data


def _check_drafts(drafts: Sequence[Draft], organisation: str, round_name: str) -> None:
    """Before a bundle is made: every draft is of the bundle's organisation and round, no id twice."""
    for d in drafts:
        for what_nl, what_en, have, want in (("organisatie", "organisation", d.organisation, organisation),
                                             ("ronde", "round", d.round, round_name)):
            if " ".join(have.split()) != want:
                raise BundleError("drafts", f"Concept '{d.name}' ({d.id}) hoort bij {what_nl} '{have}', niet bij '{want}' van "
                                  "de bundel.",
                                  f"Draft '{d.name}' ({d.id}) belongs to {what_en} '{have}', not to the bundle's '{want}'.")
    ids = [d.id for d in drafts]
    if len(set(ids)) != len(ids):
        twice = next(i for i in ids if ids.count(i) > 1)
        raise BundleError("drafts", f"Concept {twice} staat twee keer in de bundel.", f"Draft {twice} is in the bundle twice.")


def bundle_filename(organisation: str, round_name: str, sequence: int) -> str:
    """'<organisation>-<round>-<sequence>.zip' with safe characters only."""
    return f"{slug(organisation, 40)}-{slug(round_name, 40)}-{sequence}.zip"


# --- reading a bundle (owner) ----------------------------------------------------------------------


@dataclass
class RoundBundle:
    """A bundle whose zip, round.json, signature and member hashes have been checked."""

    round_json: bytes
    signature: bytes
    document: dict[str, Any]
    members: dict[str, bytes]
    sha256: str
    trusted_key: bytes
    checked_drafts: tuple[Draft, ...] = ()    # read and checked from drafts.json by read_bundle

    @property
    def drafts(self) -> tuple[Draft, ...]:
        """The prefilled drafts handed out with the round (empty when the bundle has none), every unit's."""
        return self.checked_drafts

    @property
    def organisation(self) -> str:
        return str(self.document["organisation"])

    @property
    def name(self) -> str:
        return str(self.document["round"])

    @property
    def sequence(self) -> int:
        return int(self.document["sequence"])

    @property
    def deadline(self) -> str | None:
        value = self.document.get("deadline")
        return str(value) if value is not None else None

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(str(u) for u in self.document["units"])

    @property
    def created_at(self) -> dt.datetime:
        return dt.datetime.strptime(self.document["created_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)

    @property
    def fingerprint(self) -> str:
        return str(self.document["signer"]["fingerprint"])

    @property
    def signer_name(self) -> str:
        return str(self.document["signer"].get("name") or "")

    @staticmethod
    def _refs(items: Sequence[dict[str, Any]]) -> tuple[RoundForm, ...]:
        return tuple(RoundForm(str(f["id"]), str(f["version"]), str(f["sha256"]), str(f["path"])) for f in items)

    @property
    def forms(self) -> tuple[RoundForm, ...]:
        return self._refs(self.document["forms"])

    @property
    def previous_forms(self) -> tuple[RoundForm, ...]:
        return self._refs(self.document["previous_forms"])

    @property
    def map_paths(self) -> tuple[str, ...]:
        return tuple(str(m["path"]) for m in self.document["maps"])

    def describe(self, lang: str = "nl") -> str:
        en = lang == "en"
        deadline = self.deadline or ("none" if en else "geen")
        return (f"{self.name} ({self.organisation}), {'bundle' if en else 'bundel'} {self.sequence}, "
                f"deadline {deadline}, {len(self.forms)} {'questionnaires' if en else 'vragenlijsten'}")


def _parse_round_json(raw: bytes) -> dict[str, Any]:
    from algoinventaris.package.verify import parse_json_strict

    if len(raw) > MAX_ROUND_JSON:
        raise BundleError("round-json", "round.json is te groot.", "round.json is too large.")
    try:
        document: dict[str, Any] = parse_json_strict(raw)
    except (UnicodeDecodeError, ValueError) as err:
        raise BundleError("round-json", f"round.json is geen geldige JSON: {err}.", f"round.json is not valid JSON: {err}.") from err
    problem = next(schema_errors(document, ROUND_SCHEMA), None)
    if problem is not None:
        raise BundleError("round-json", f"round.json past niet in het schema: {problem}.",
                          f"round.json does not fit the schema: {problem}.")
    try:
        canonical = canonical_json(document)
    except ValueError as err:
        raise BundleError("round-json", f"round.json bevat een waarde zonder canonieke vorm: {err}.",
                          f"round.json holds a value without canonical form: {err}.") from err
    if canonical != raw:
        raise BundleError("round-json", "round.json is niet in canonieke vorm (RFC 8785).",
                          "round.json is not in canonical form (RFC 8785).")
    names = [f["name"] for f in document["files"]]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise BundleError("round-json", f"round.json noemt {twice[0]} twee keer.", f"round.json lists {twice[0]} twice.")
    listed = set(names)
    for key in ("forms", "previous_forms", "maps"):
        for entry in document[key]:
            if entry["path"] not in listed:
                raise BundleError("round-json", f"round.json noemt {entry['path']}, maar niet in de lijst met bestanden.",
                                  f"round.json names {entry['path']} but not in its list of files.")
    if "drafts" in document and DRAFTS_JSON not in listed:
        raise BundleError("round-json", f"round.json noemt concepten in {DRAFTS_JSON}, maar niet in de lijst met bestanden.",
                          f"round.json names drafts in {DRAFTS_JSON} but not in its list of files.")
    if DRAFTS_JSON in listed and "drafts" not in document:
        raise BundleError("round-json", f"round.json noemt {DRAFTS_JSON} als bestand, maar geen concepten.",
                          f"round.json lists {DRAFTS_JSON} as a file but names no drafts.")
    ids = [f["id"] for f in document["forms"]]
    if len(set(ids)) != len(ids):
        raise BundleError("round-json", "round.json noemt een vragenlijst twee keer.", "round.json names a questionnaire twice.")
    for entry in document["forms"]:
        if entry["path"] != f"forms/{entry['id']}/{FORM_FILE}":
            raise BundleError("round-json", f"round.json: vragenlijst {entry['id']} staat niet in forms/{entry['id']}/.",
                              f"round.json: questionnaire {entry['id']} is not in forms/{entry['id']}/.")
    if document["deadline"] is not None:
        try:
            dt.date.fromisoformat(document["deadline"])
        except ValueError as err:
            raise BundleError("round-json", f"round.json: de deadline {document['deadline']} is geen datum.",
                              f"round.json: the deadline {document['deadline']} is not a date.") from err
    return document


def read_bundle(data: bytes, *, trusted_keys: Sequence[bytes]) -> RoundBundle:
    """Check a bundle's zip, round.json, signature (against the trusted CDO keys) and member hashes.

    Raises BundleError with the first failing check. Forms and maps are checked by check_contents.
    """
    from algoinventaris.package.verify import _Fail, _open_zip

    try:
        members = _open_zip(data, max_members=MAX_BUNDLE_MEMBERS, folders=True)
    except _Fail as fail:
        raise BundleError("unsafe-zip", fail.nl, fail.en) from fail
    raw = members.get(ROUND_JSON)
    if raw is None:
        raise BundleError("round-json", "De bundel heeft geen round.json; dit is geen rondebundel.",
                          "The bundle has no round.json; this is not a round bundle.")
    document = _parse_round_json(raw)
    signature = members.get(ROUND_SIG)
    if signature is None:
        raise BundleError("unsigned", "De bundel is niet ondertekend (round.sig ontbreekt); alleen een door de CDO "
                          "ondertekende bundel wordt geopend.",
                          "The bundle is not signed (round.sig is missing); only a bundle signed by the CDO is opened.")
    signer = document["signer"]
    try:
        public = base64.b64decode(signer["public_key"], validate=True)
    except (binascii.Error, ValueError) as err:
        raise BundleError("signature", "De publieke sleutel in round.json is onleesbaar.",
                          "The public key in round.json cannot be read.") from err
    if len(public) != 32 or fingerprint_raw(public) != signer["fingerprint"]:
        raise BundleError("signature", "De vingerafdruk in round.json hoort niet bij de sleutel die erin staat.",
                          "The fingerprint in round.json does not belong to the key it names.")
    if len(signature) != 64:
        raise BundleError("signature", f"round.sig is geen Ed25519-handtekening (64 bytes), maar {len(signature)} bytes.",
                          f"round.sig is not an Ed25519 signature (64 bytes) but {len(signature)} bytes.")
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, raw)
    except (InvalidSignature, ValueError) as err:
        raise BundleError("signature", "De handtekening klopt niet: round.json is na het ondertekenen gewijzigd, of round.sig "
                          "is met een andere sleutel gezet.",
                          "The signature does not hold: round.json was changed after signing, or round.sig was made "
                          "with another key.") from err
    if public not in trusted_keys:
        raise BundleError("untrusted-signer",
                          f"De bundel is ondertekend met sleutel {group_fingerprint(signer['fingerprint'])}; dat is niet de "
                          "CDO-sleutel waarmee deze app is ingericht. Vraag de CDO om de juiste bundel of sleutel.",
                          f"The bundle is signed with key {group_fingerprint(signer['fingerprint'])}, which is not the CDO key "
                          "this app was set up with. Ask the CDO for the right bundle or key.")
    for entry in document["files"]:
        content = members.get(entry["name"])
        if content is None:
            raise BundleError("files", f"De bundel mist {entry['name']}.", f"The bundle lacks {entry['name']}.")
        if len(content) != entry["size"] or hashlib.sha256(content).hexdigest() != entry["sha256"]:
            raise BundleError("hash-mismatch", f"{entry['name']} wijkt af van round.json: het bestand is na ondertekening gewijzigd.",
                              f"{entry['name']} differs from round.json: the file was changed after signing.")
    extra = sorted(set(members) - {ROUND_JSON, ROUND_SIG, *(f["name"] for f in document["files"])})
    if extra:
        raise BundleError("files", f"De bundel bevat een bestand dat er niet in hoort: {', '.join(extra)}.",
                          f"The bundle holds a file that does not belong in it: {', '.join(extra)}.")
    drafts = _read_drafts(document, members)
    return RoundBundle(raw, signature, document, members, hashlib.sha256(raw).hexdigest(), public, drafts)


def _read_drafts(document: dict[str, Any], members: dict[str, bytes]) -> tuple[Draft, ...]:
    """The drafts of drafts.json (hash already checked), each of the bundle's organisation and round; BundleError "drafts"."""
    from algoinventaris.package.verify import parse_json_strict

    entry = document.get("drafts")
    if entry is None:
        return ()
    organisation, round_name = str(document["organisation"]), str(document["round"])
    try:
        data = parse_json_strict(members[DRAFTS_JSON])
    except (UnicodeDecodeError, ValueError) as err:
        raise BundleError("drafts", f"{DRAFTS_JSON} in de bundel is geen geldige JSON: {err}.",
                          f"{DRAFTS_JSON} in the bundle is not valid JSON: {err}.") from err
    try:
        drafts = parse_drafts_document(data)
    except DraftFormatError as err:
        raise BundleError("drafts", f"{DRAFTS_JSON} in de bundel heeft niet de verwachte vorm: {err}.",
                          f"{DRAFTS_JSON} in the bundle does not have the expected shape: {err}.") from err
    for what_nl, what_en, key, want in (("organisatie", "organisation", "organisation", organisation),
                                        ("ronde", "round", "round", round_name)):
        if data.get(key) != want:
            raise BundleError("drafts", f"{DRAFTS_JSON} is voor {what_nl} '{data.get(key)}', maar de bundel voor '{want}'.",
                              f"{DRAFTS_JSON} is for {what_en} '{data.get(key)}', but the bundle for '{want}'.")
    for number, d in enumerate(drafts, start=1):
        for what_nl, what_en, have, want in (("organisatie", "organisation", d.organisation, organisation),
                                             ("ronde", "round", d.round, round_name)):
            if have != want:
                raise BundleError("drafts", f"{DRAFTS_JSON}, concept {number} ('{d.name}', {d.id}): {what_nl} is '{have}', "
                                  f"maar de bundel is voor '{want}'.",
                                  f"{DRAFTS_JSON}, draft {number} ('{d.name}', {d.id}): {what_en} is '{have}', but the bundle "
                                  f"is for '{want}'.")
    if len(drafts) != entry["count"]:
        raise BundleError("drafts", f"round.json zegt {entry['count']} concepten, maar {DRAFTS_JSON} heeft er {len(drafts)}.",
                          f"round.json says {entry['count']} drafts, but {DRAFTS_JSON} holds {len(drafts)}.")
    return tuple(drafts)


@dataclass
class CheckedBundle:
    """A bundle whose forms and maps loaded and passed their checks, unpacked in a folder."""

    bundle: RoundBundle
    folder: Path
    forms: dict[str, Form]                      # by form id: the round's forms
    previous_forms: list[Form]
    maps: list[tuple[str, MigrationMap]]        # (member path, map)
    warnings: list[str] = field(default_factory=list)

    def all_forms(self) -> list[Form]:
        return [*self.forms.values(), *self.previous_forms]


def unpack(bundle: RoundBundle, folder: Path) -> None:
    """Write every member below folder (the names were checked: no absolute or '..' paths)."""
    for name, content in bundle.members.items():
        target = folder / name if name in (ROUND_JSON, ROUND_SIG) else folder.joinpath(*name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _first(items: Sequence[str], limit: int = 5) -> str:
    shown = list(items[:limit])
    more = len(items) - len(shown)
    return "; ".join(shown) + (f" (+{more})" if more > 0 else "")


Progress = Callable[[int, int, str], None]


def check_contents(bundle: RoundBundle, folder: Path, progress: Progress | None = None) -> CheckedBundle:
    """Unpack the bundle into folder and check its forms (`forms check`) and maps (check_map against the bundle's forms).

    progress(done, total, what) is called before each form and map is checked (`what` names it).
    """
    from algoinventaris.formengine.errors import FormLoadError
    from algoinventaris.formengine.loader import load_form
    from algoinventaris.formengine.migration import MigrationMapError, check_map, load_map
    from algoinventaris.formengine.validator import check_form

    unpack(bundle, folder)
    loaded: dict[str, Form] = {}
    previous: list[Form] = []
    warnings: list[str] = []
    total = len(bundle.forms) + len(bundle.previous_forms) + len(bundle.map_paths)
    done = 0

    def step(what: str) -> None:
        nonlocal done
        if progress is not None:
            progress(done, total, what)
        done += 1

    for kind, refs in (("forms", bundle.forms), ("previous_forms", bundle.previous_forms)):
        for ref in refs:
            step(f"{ref.id} {ref.version}")
            file = folder.joinpath(*ref.path.split("/"))
            try:
                form = load_form(file)
            except FormLoadError as err:
                shown = _first([p.replace(str(folder) + "/", "") for p in err.problems])
                raise BundleError("form-check", f"De vragenlijst {ref.path} in de bundel laadt niet: {shown}",
                                  f"The questionnaire {ref.path} in the bundle does not load: {shown}") from err
            if (form.id, form.version, form.content_hash) != (ref.id, ref.version, ref.sha256):
                raise BundleError("form-mismatch",
                                  f"{ref.path} is {form.id} {form.version} ({form.content_hash[:12]}), maar round.json zegt "
                                  f"{ref.id} {ref.version} ({ref.sha256[:12]}).",
                                  f"{ref.path} is {form.id} {form.version} ({form.content_hash[:12]}), but round.json says "
                                  f"{ref.id} {ref.version} ({ref.sha256[:12]}).")
            report = check_form(form)
            if report.errors:
                shown = _first([f"{f.where.replace(str(folder) + '/', '')}: {f.message}" for f in report.errors])
                raise BundleError("form-check",
                                  f"De vragenlijst {ref.id} {ref.version} in de bundel slaagt niet voor 'forms check' "
                                  f"({len(report.errors)} fouten): {shown}",
                                  f"The questionnaire {ref.id} {ref.version} in the bundle fails 'forms check' "
                                  f"({len(report.errors)} errors): {shown}")
            if kind == "forms":
                loaded[form.id] = form
            else:
                previous.append(form)
    everything = [*loaded.values(), *previous]
    maps: list[tuple[str, MigrationMap]] = []
    for entry in bundle.document["maps"]:
        path = entry["path"]
        step(path)
        file = folder.joinpath(*path.split("/"))
        try:
            mapping = load_map(file)
        except MigrationMapError as err:
            shown = _first([p.replace(str(folder) + "/", "") for p in err.problems])
            raise BundleError("map-check", f"De migratietabel {path} in de bundel laadt niet: {shown}",
                              f"The migration map {path} in the bundle does not load: {shown}") from err
        source = next((f for f in everything if not mapping.source.mismatches(f)), None)
        target = next((f for f in everything if not mapping.target.mismatches(f)), None)
        if source is None or target is None:
            side = mapping.source if source is None else mapping.target
            raise BundleError("map-check",
                              f"De migratietabel {path} verwijst naar {side.form} {side.version}, maar die vragenlijst zit niet "
                              "in de bundel.",
                              f"The migration map {path} refers to {side.form} {side.version}, but that questionnaire is not "
                              "in the bundle.")
        map_report = check_map(mapping, source, target)
        if map_report.errors:
            shown = _first([f"{f.where.replace(str(folder) + '/', '')}: {f.message}" for f in map_report.errors])
            raise BundleError("map-check", f"De migratietabel {path} past niet bij de vragenlijsten ({len(map_report.errors)} "
                              f"fouten): {shown}",
                              f"The migration map {path} does not fit the questionnaires ({len(map_report.errors)} errors): "
                              f"{shown}")
        warnings.extend(f"{path}: {f.message}" for f in map_report.warnings)
        maps.append((path, mapping))
    if progress is not None:
        progress(total, total, "")
    return CheckedBundle(bundle, folder, loaded, previous, maps, warnings)


def read_and_check(data: bytes, *, trusted_keys: Sequence[bytes], workdir: Path | None = None) -> CheckedBundle:
    """read_bundle and check_contents in one go, unpacking into a new temporary folder (under workdir when given)."""
    bundle = read_bundle(data, trusted_keys=trusted_keys)
    if workdir is not None:
        workdir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".bundle-", dir=workdir))
    try:
        return check_contents(bundle, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
