"""Signing keys: the owner's Ed25519 key pair or an imported PKCS#12 identity, stored encrypted in the data folder.

Layout of `config.data_dir()/keys`:

- `ed25519-private.pem`  PKCS#8, encrypted with the owner's passphrase (BestAvailableEncryption)
- `ed25519-public.pem`   SubjectPublicKeyInfo, for enrolment with the CDO (openssl reads it)
- `signer.json`          the signer's name as printed in packages and reports
- `pki-private.pem`      an imported organisation key (PKCS#8, encrypted with the owner's passphrase)
- `pki-certificates.pem` its certificate, then the chain that came with it

A fingerprint is "SHA256:" + hex SHA-256 of the raw 32-byte Ed25519 public key, or of the DER
certificate for a PKI identity. Signers made here sign the exact manifest bytes: Ed25519 gives 64
raw bytes (`manifest.sig`), CMS gives a detached DER SignedData (`manifest.p7s`).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12

from algoinventaris import config
from algoinventaris.package.errors import KeyStoreError, NoKey, WrongPassphrase

ED_PRIVATE = "ed25519-private.pem"
ED_PUBLIC = "ed25519-public.pem"
SIGNER_FILE = "signer.json"
PKI_PRIVATE = "pki-private.pem"
PKI_CERTS = "pki-certificates.pem"
MIN_PASSPHRASE = 8
METHODS = ("ed25519", "cms")
SIGNATURE_FILES = {"ed25519": "manifest.sig", "cms": "manifest.p7s"}


def fingerprint_raw(raw_public_key: bytes) -> str:
    """Fingerprint of a raw Ed25519 public key: 'SHA256:' + 64 hex digits."""
    return "SHA256:" + hashlib.sha256(raw_public_key).hexdigest()


def fingerprint_certificate(cert: x509.Certificate) -> str:
    """Fingerprint of a certificate: 'SHA256:' + hex SHA-256 of its DER bytes."""
    return "SHA256:" + cert.fingerprint(hashes.SHA256()).hex()


def group_fingerprint(fingerprint: str, size: int = 4) -> str:
    """The fingerprint in groups of four hex digits, easier to read aloud and compare."""
    prefix, _, digits = fingerprint.partition(":")
    if not digits:
        prefix, digits = "", fingerprint
    groups = " ".join(digits[i:i + size] for i in range(0, len(digits), size))
    return f"{prefix}:{groups}" if prefix else groups


def raw_public_key(key: Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of an Ed25519 public key."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_pem(key: Ed25519PublicKey) -> bytes:
    """An Ed25519 public key as PEM SubjectPublicKeyInfo (what `openssl pkeyutl -pubin` reads)."""
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase that is too short to protect a key."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyStoreError(
            f"Kies een wachtwoordzin van minstens {MIN_PASSPHRASE} tekens.",
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")


class Signer(ABC):
    """Something that signs manifest bytes and describes itself for the manifest."""

    method: str
    name: str
    fingerprint: str

    @property
    def signature_file(self) -> str:
        """The name of the signature member in the package."""
        return SIGNATURE_FILES[self.method]

    @abstractmethod
    def manifest_block(self) -> dict[str, Any]:
        """The manifest's "signer" object."""

    @abstractmethod
    def sign(self, data: bytes) -> bytes:
        """A detached signature over exactly these bytes."""


class Ed25519Signer(Signer):
    """Signs with an Ed25519 private key; the signature is 64 raw bytes."""

    method = "ed25519"

    def __init__(self, private_key: Ed25519PrivateKey, name: str) -> None:
        self._key = private_key
        self.name = name
        self.public_raw = raw_public_key(private_key.public_key())
        self.fingerprint = fingerprint_raw(self.public_raw)

    def manifest_block(self) -> dict[str, Any]:
        return {
            "method": "ed25519",
            "name": self.name,
            "fingerprint": self.fingerprint,
            "public_key": base64.b64encode(self.public_raw).decode("ascii"),
        }

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)


class CmsSigner(Signer):
    """Signs with an organisation certificate and key; the signature is a detached CMS SignedData (DER)."""

    method = "cms"

    def __init__(self, private_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, certificate: x509.Certificate,
                 chain: list[x509.Certificate], name: str) -> None:
        self._key = private_key
        self.certificate = certificate
        self.chain = list(chain)
        self.name = name
        self.fingerprint = fingerprint_certificate(certificate)

    def manifest_block(self) -> dict[str, Any]:
        return {
            "method": "cms",
            "name": self.name,
            "fingerprint": self.fingerprint,
            "certificate": base64.b64encode(self.certificate.public_bytes(serialization.Encoding.DER)).decode("ascii"),
        }

    def sign(self, data: bytes) -> bytes:
        builder = pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(self.certificate, self._key, hashes.SHA256())
        for cert in self.chain:
            builder = builder.add_certificate(cert)
        return builder.sign(serialization.Encoding.DER,
                            [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary])


def certificate_name(cert: x509.Certificate) -> str:
    """The common name of a certificate's subject, else the whole subject."""
    names = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    if names:
        value = names[0].value
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    return cert.subject.rfc4514_string()


def write_file_atomic(path: Path, data: bytes, private: bool = False) -> None:
    """Write a file completely or not at all (temp file in the same folder, fsync, rename); private = mode 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if private:
            os.chmod(tmp, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class KeyStore:
    """The owner's keys in the data folder (see the module docstring for the files)."""

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else config.data_dir() / "keys"

    def _prepare_folder(self) -> None:
        """Create the key folder, readable by the owner only."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self.folder, 0o700)

    # -- what is there -----------------------------------------------------------------------------

    def has_ed25519(self) -> bool:
        """Whether an Ed25519 key pair has been created."""
        return (self.folder / ED_PRIVATE).exists()

    def has_pki(self) -> bool:
        """Whether a PKCS#12 identity has been imported."""
        return (self.folder / PKI_PRIVATE).exists() and (self.folder / PKI_CERTS).exists()

    def default_method(self) -> str:
        """'cms' when an organisation identity was imported, else 'ed25519'."""
        return "cms" if self.has_pki() else "ed25519"

    def _signer_file(self) -> dict[str, Any]:
        path = self.folder / SIGNER_FILE
        if not path.exists():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError) as err:
            raise KeyStoreError(f"Het bestand {path} is onleesbaar: {err}", f"The file {path} cannot be read: {err}") from err
        return data if isinstance(data, dict) else {}

    def signer_name(self, method: str = "ed25519") -> str | None:
        """The signer's name recorded for the Ed25519 key (or, with method 'cms', for the PKI identity)."""
        name = self._signer_file().get("pki_name" if method == "cms" else "name")
        return name if isinstance(name, str) and name.strip() else None

    def set_signer_name(self, name: str, method: str = "ed25519") -> None:
        """Record the name printed as signer for the Ed25519 key (or the PKI identity)."""
        name = name.strip()
        if not name:
            raise KeyStoreError("De naam van de ondertekenaar mag niet leeg zijn.", "The signer's name must not be empty.")
        data = self._signer_file()
        data["pki_name" if method == "cms" else "name"] = name
        self._prepare_folder()
        write_file_atomic(self.folder / SIGNER_FILE, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    # -- Ed25519 ------------------------------------------------------------------------------------

    def create_ed25519(self, passphrase: str, name: str) -> Ed25519Signer:
        """Create the key pair; refuses when one exists (a key is never overwritten)."""
        if self.has_ed25519():
            raise KeyStoreError(
                f"Er is al een sleutel in {self.folder}; die wordt niet overschreven.",
                f"A key already exists in {self.folder}; it is never overwritten.")
        check_new_passphrase(passphrase)
        if not name.strip():
            raise KeyStoreError("De naam van de ondertekenaar mag niet leeg zijn.", "The signer's name must not be empty.")
        key = Ed25519PrivateKey.generate()
        private_pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
        # public key and name first: a private key file without them would look complete but is not
        self._prepare_folder()
        write_file_atomic(self.folder / ED_PUBLIC, public_key_pem(key.public_key()))
        self.set_signer_name(name)
        write_file_atomic(self.folder / ED_PRIVATE, private_pem, private=True)
        return Ed25519Signer(key, name.strip())

    def ed25519_public_key(self) -> Ed25519PublicKey:
        """The stored public key (no passphrase needed)."""
        path = self.folder / ED_PUBLIC
        if not path.exists():
            raise NoKey(
                "Er is nog geen sleutel. Die wordt gemaakt bij de eerste export, of met 'algoinventaris keys create'.",
                "There is no key yet. It is created on the first export, or with 'algoinventaris keys create'.")
        return load_public_key_file(path)

    def ed25519_fingerprint(self) -> str:
        """Fingerprint of the stored public key."""
        return fingerprint_raw(raw_public_key(self.ed25519_public_key()))

    def load_ed25519(self, passphrase: str) -> Ed25519Signer:
        """Open the private key with the passphrase; WrongPassphrase when it does not open."""
        path = self.folder / ED_PRIVATE
        if not path.exists():
            raise NoKey(
                "Er is nog geen sleutel. Die wordt gemaakt bij de eerste export, of met 'algoinventaris keys create'.",
                "There is no key yet. It is created on the first export, or with 'algoinventaris keys create'.")
        key = _load_private(path, passphrase)
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyStoreError(f"{path} bevat geen Ed25519-sleutel.", f"{path} does not hold an Ed25519 key.")
        public = self.ed25519_public_key()
        if raw_public_key(public) != raw_public_key(key.public_key()):
            raise KeyStoreError(
                f"De publieke sleutel {self.folder / ED_PUBLIC} hoort niet bij de privésleutel {path}.",
                f"The public key {self.folder / ED_PUBLIC} does not belong to the private key {path}.")
        return Ed25519Signer(key, self.signer_name() or "")

    # -- organisation PKI (PKCS#12) ---------------------------------------------------------------------

    def import_p12(self, data: bytes, p12_password: bytes | None, passphrase: str, name: str | None = None, *,
                   replace: bool = False) -> CmsSigner:
        """Import a PKCS#12 identity; its key is stored encrypted with the owner's passphrase.

        An identity imported earlier is only replaced with replace=True.
        """
        if self.has_pki() and not replace:
            raise KeyStoreError(
                f"Er is al een PKI-identiteit in {self.folder}; vervangen kan alleen uitdrukkelijk (--replace).",
                f"A PKI identity exists already in {self.folder}; it is only replaced on request (--replace).")
        check_new_passphrase(passphrase)
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, p12_password)
        except ValueError as err:
            raise WrongPassphrase(
                "Het PKCS#12-bestand gaat niet open: het wachtwoord klopt niet of het bestand is geen PKCS#12.",
                "The PKCS#12 file does not open: the password is wrong or the file is not PKCS#12.") from err
        if key is None or cert is None:
            raise KeyStoreError("Het PKCS#12-bestand bevat geen sleutel met certificaat.",
                                "The PKCS#12 file holds no key with a certificate.")
        if not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
            raise KeyStoreError("Alleen RSA- en EC-sleutels kunnen CMS-handtekeningen zetten.",
                                "Only RSA and EC keys can make CMS signatures.")
        private_pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
        chain = [c for c in (extra or []) if c != cert]
        certs_pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in [cert, *chain])
        signer_name = (name or "").strip() or certificate_name(cert)
        self._prepare_folder()
        write_file_atomic(self.folder / PKI_CERTS, certs_pem)
        self.set_signer_name(signer_name, "cms")
        write_file_atomic(self.folder / PKI_PRIVATE, private_pem, private=True)
        return CmsSigner(key, cert, chain, signer_name)

    def pki_certificates(self) -> list[x509.Certificate]:
        """The imported certificate followed by its chain."""
        path = self.folder / PKI_CERTS
        if not path.exists():
            raise NoKey("Er is geen PKI-identiteit geïmporteerd ('algoinventaris keys import-p12').",
                        "No PKI identity has been imported ('algoinventaris keys import-p12').")
        try:
            certs = x509.load_pem_x509_certificates(path.read_bytes())
        except (OSError, ValueError) as err:
            raise KeyStoreError(f"{path} is geen leesbaar certificatenbestand: {err}",
                                f"{path} is not a readable certificate file: {err}") from err
        return certs

    def load_cms(self, passphrase: str, name: str | None = None) -> CmsSigner:
        """Open the imported identity with the passphrase."""
        certs = self.pki_certificates()
        path = self.folder / PKI_PRIVATE
        key = _load_private(path, passphrase)
        if not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
            raise KeyStoreError(f"{path} bevat geen RSA- of EC-sleutel.", f"{path} holds no RSA or EC key.")
        cert = certs[0]
        if cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo) != \
                key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo):
            raise KeyStoreError(f"Het certificaat in {self.folder / PKI_CERTS} hoort niet bij de sleutel {path}.",
                                f"The certificate in {self.folder / PKI_CERTS} does not belong to the key {path}.")
        return CmsSigner(key, cert, certs[1:], (name or "").strip() or self.signer_name("cms") or certificate_name(cert))

    # -- passphrase -----------------------------------------------------------------------------------

    def change_passphrase(self, old: str, new: str) -> list[str]:
        """Encrypt every private key again under a new passphrase; returns the methods changed.

        The old passphrase must open every stored private key before anything is written (WrongPassphrase
        otherwise); the new files are written next to the old ones and only then put in place.
        """
        check_new_passphrase(new)
        present = [(method, self.folder / name) for method, name in (("ed25519", ED_PRIVATE), ("cms", PKI_PRIVATE))
                   if (self.folder / name).exists()]
        if not present:
            raise NoKey("Er is nog geen sleutel, dus ook geen wachtwoordzin om te wijzigen.",
                        "There is no key yet, so there is no passphrase to change.")
        opened = [(method, path, _load_private(path, old)) for method, path in present]
        staged: list[tuple[str, Path]] = []
        try:
            for _method, path, key in opened:
                pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.BestAvailableEncryption(new.encode("utf-8")))
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=self.folder)
                staged.append((tmp, path))
                os.chmod(tmp, 0o600)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(pem)
                    handle.flush()
                    os.fsync(handle.fileno())
            for tmp, path in staged:
                os.replace(tmp, path)
        finally:
            for tmp, _path in staged:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        return [method for method, _path, _key in opened]

    # -- one entry point ----------------------------------------------------------------------------

    def signer(self, passphrase: str, method: str | None = None, *, create_name: str | None = None) -> Signer:
        """The signer for `method` (default: default_method()).

        With `create_name` an Ed25519 key pair is created on first use, under that signer name.
        """
        method = method or self.default_method()
        if method not in METHODS:
            raise KeyStoreError(f"Onbekende ondertekenmethode '{method}' (kies ed25519 of cms).",
                                f"Unknown signing method '{method}' (choose ed25519 or cms).")
        if method == "cms":
            return self.load_cms(passphrase)
        if not self.has_ed25519() and create_name is not None:
            return self.create_ed25519(passphrase, create_name)
        return self.load_ed25519(passphrase)


def _load_private(path: Path, passphrase: str) -> Any:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise KeyStoreError(f"Het sleutelbestand {path} is onleesbaar: {err.strerror or err}",
                            f"The key file {path} cannot be read: {err.strerror or err}") from err
    if b"-----BEGIN ENCRYPTED PRIVATE KEY-----" not in data:
        raise KeyStoreError(f"{path} is geen versleutelde privésleutel (PEM); het bestand is beschadigd of vervangen.",
                            f"{path} is not an encrypted private key (PEM); the file is damaged or was replaced.")
    try:
        return serialization.load_pem_private_key(data, passphrase.encode("utf-8"))
    except (ValueError, TypeError) as err:
        raise WrongPassphrase(
            f"De wachtwoordzin opent de sleutel in {path} niet. Controleer de wachtwoordzin en probeer het opnieuw.",
            f"The passphrase does not open the key in {path}. Check the passphrase and try again.") from err


def load_public_key_file(path: str | Path) -> Ed25519PublicKey:
    """Read an Ed25519 public key from PEM (SubjectPublicKeyInfo), naming the file when that fails."""
    path = Path(path)
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except OSError as err:
        raise KeyStoreError(f"{path} is onleesbaar: {err.strerror or err}", f"{path} cannot be read: {err.strerror or err}") from err
    except ValueError as err:
        raise KeyStoreError(f"{path} is geen publieke sleutel in PEM-formaat.", f"{path} is not a PEM public key.") from err
    if not isinstance(key, Ed25519PublicKey):
        raise KeyStoreError(f"{path} is geen Ed25519-sleutel.", f"{path} is not an Ed25519 key.")
    return key
