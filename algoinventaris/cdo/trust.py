"""Reading what the CDO enrols: an owner's Ed25519 public key (PEM) or a CA certificate, with its fingerprint."""

from __future__ import annotations

import re
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from algoinventaris.package.errors import KeyStoreError, PackageError
from algoinventaris.package.keys import fingerprint_certificate, fingerprint_raw, load_public_key_file, raw_public_key


class TrustFileError(PackageError):
    """The key or certificate file cannot be used (the message names the file)."""


def read_key(path: str | Path) -> tuple[str, str, bytes, str]:
    """(kind, fingerprint, raw key, label) of an Ed25519 public key file."""
    try:
        key = load_public_key_file(path)
    except KeyStoreError as err:
        raise TrustFileError(err.nl, err.en) from err
    raw = raw_public_key(key)
    return "ed25519", fingerprint_raw(raw), raw, Path(path).name


def read_ca(path: str | Path) -> tuple[str, str, bytes, str]:
    """(kind, fingerprint, DER, label) of a CA certificate (PEM or DER); refuses a certificate that is no CA."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        why = err.strerror or str(err)
        raise TrustFileError(f"{path} is onleesbaar: {why}", f"{path} cannot be read: {why}") from err
    try:
        cert = x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)
    except ValueError as err:
        raise TrustFileError(f"{path} bevat geen certificaat (PEM of DER).", f"{path} holds no certificate (PEM or DER).") from err
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        is_ca = constraints.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if not is_ca:
        raise TrustFileError(f"{path} is geen CA-certificaat (BasicConstraints CA ontbreekt); meld de CA aan, niet het certificaat "
                             f"van de ondertekenaar.",
                             f"{path} is not a CA certificate (BasicConstraints CA is missing); enrol the CA, "
                             f"not the signer's certificate.")
    der = cert.public_bytes(serialization.Encoding.DER)
    subject = cert.subject.rfc4514_string()
    return "ca", fingerprint_certificate(cert), der, subject


def normalise_fingerprint(text: str) -> str:
    """'SHA256:ab cd ...' in any spacing or case to the stored form 'SHA256:abcd...'."""
    raw = text.strip()
    prefix = "SHA256:"
    body = raw[len(prefix):] if raw.upper().startswith(prefix) else raw
    return prefix + re.sub(r"[\s:]", "", body).lower()
