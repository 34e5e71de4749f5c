"""Fixtures for the yearly-round tests: real CDO and owner keys, small forms and maps, bundles built and signed for real."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from algoinventaris.domain.drafts import Draft
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.migration import load_map
from algoinventaris.package.bundle import BundleForm, BundleMap, BundleSpec, build_bundle
from algoinventaris.package.keys import Ed25519Signer, KeyStore, public_key_pem
from algoinventaris.storage import open_owner_db
from tests.cdo.conftest import pg_server, repo  # noqa: F401  (the CDO database on SQLite and PostgreSQL)
from tests.storage.helpers import chain_form_yaml

PASSPHRASE = "geheim-genoeg-123"
ORG = "Ministerie van Voorbeelden"
ROUND = "Inventarisatie 2027"
LAST_ROUND = "Inventarisatie 2026"


@pytest.fixture(scope="session")
def cdo_signer(tmp_path_factory: pytest.TempPathFactory) -> Ed25519Signer:
    """The CDO's key, made the way `cdo key create` makes it (encrypted KeyStore)."""
    store = KeyStore(tmp_path_factory.mktemp("cdo-keys"))
    signer = store.create_ed25519(PASSPHRASE, "CDO Ministerie van Voorbeelden")
    assert isinstance(signer, Ed25519Signer)
    return signer


@pytest.fixture(scope="session")
def stranger_signer(tmp_path_factory: pytest.TempPathFactory) -> Ed25519Signer:
    """Another key (not the CDO's)."""
    signer = KeyStore(tmp_path_factory.mktemp("other-keys")).create_ed25519(PASSPHRASE, "Iemand anders")
    assert isinstance(signer, Ed25519Signer)
    return signer


@pytest.fixture(scope="session")
def owner_signer(tmp_path_factory: pytest.TempPathFactory) -> Ed25519Signer:
    """An algorithm owner's package key."""
    signer = KeyStore(tmp_path_factory.mktemp("owner-keys")).create_ed25519(PASSPHRASE, "Eigenaar")
    assert isinstance(signer, Ed25519Signer)
    return signer


@pytest.fixture
def cdo_pem(tmp_path: Path, cdo_signer: Ed25519Signer) -> Path:
    """The CDO public key as the owners receive it (cdo key export-public)."""
    path = tmp_path / "cdo.pem"
    path.write_bytes(public_key_pem(Ed25519PublicKey.from_public_bytes(cdo_signer.public_raw)))
    return path


@pytest.fixture
def owner(tmp_path: Path) -> Iterator[Any]:
    """An empty owner database."""
    repository = open_owner_db(tmp_path / "owner.sqlite3")
    yield repository
    repository.close()


@pytest.fixture
def trusting(owner: Any, cdo_signer: Ed25519Signer) -> Any:
    """An owner database that trusts the CDO key (organisation not pinned yet)."""
    owner.trust_cdo_key(cdo_signer.public_raw, cdo_signer.fingerprint)
    return owner


def form_text(version: str, questions: int = 3, form_id: str = "chain") -> str:
    """A small valid form (questions q0, q1, ... with answers a, b, c) in the given version."""
    return chain_form_yaml(questions, form_id=form_id, version=version)


def _loaded_form(tmp: Path, text: str, number: int) -> BundleForm:
    folder = tmp / f"f{number}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "form.yaml").write_text(text, encoding="utf-8")
    form = load_form(folder)
    return BundleForm.of(form, text.encode("utf-8"))


def make_bundle(signer: Ed25519Signer, tmp: Path, *, forms: Sequence[str] = (), previous: Sequence[str] = (),
                maps: Sequence[tuple[str, str]] = (), organisation: str = ORG, round_name: str = ROUND, sequence: int = 1,
                deadline: str | None = "2027-04-01", units: Sequence[str] = ("Directie A", "Directie B"),
                drafts: Sequence[Draft] = ()) -> bytes:
    """A signed round bundle with the given form texts, earlier form texts, (name, text) maps and drafts."""
    tmp.mkdir(parents=True, exist_ok=True)
    numbered = iter(range(1000))
    built_forms = tuple(_loaded_form(tmp, t, next(numbered)) for t in (forms or [form_text("2")]))
    built_previous = tuple(_loaded_form(tmp, t, next(numbered)) for t in previous)
    built_maps = []
    for name, text in maps:
        file = tmp / f"m{next(numbered)}-{name}"
        file.write_text(text, encoding="utf-8")
        built_maps.append(BundleMap.of(name, load_map(file), text.encode("utf-8")))
    spec = BundleSpec(organisation=organisation, round=round_name, deadline=deadline, units=tuple(units), sequence=sequence,
                      forms=built_forms, previous_forms=built_previous, maps=tuple(built_maps), drafts=tuple(drafts))
    return build_bundle(spec, signer)


def map_text(old_version: str, new_version: str, old_sha: str, new_sha: str, body: str = "", form_id: str = "chain") -> str:
    """A migration map between two versions of a form."""
    return (f"migration: 1\nfrom: {{form: {form_id}, version: \"{old_version}\", sha256: {old_sha}}}\n"
            f"to: {{form: {form_id}, version: \"{new_version}\", sha256: {new_sha}}}\n" + body)


def sha_of(tmp: Path, text: str) -> str:
    """The content hash of a form text."""
    return _loaded_form(tmp, text, 999).sha256


def zip_members(data: bytes) -> dict[str, bytes]:
    """The members of a zip (for tampering in tests)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(members: dict[str, bytes]) -> bytes:
    """A zip of these members, in this order."""
    from algoinventaris.package.build import zip_bytes

    return zip_bytes(list(members.items()))


def folder_listing(folder: Path) -> set[str]:
    """Every path below a folder (to prove that nothing was installed)."""
    if not folder.exists():
        return set()
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}
