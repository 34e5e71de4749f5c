"""Verification of a detached CMS signature (manifest.p7s): structure read here, all cryptography by `cryptography`.

`cryptography` can make CMS signatures but has no public API to check them, so this module reads
the DER structure (RFC 5652 SignedData) with a small, bounds-checked TLV reader, and hands the
hashing, the signature check and the certificate signature checks to `cryptography`. Only what a
package needs is accepted: one signer, signed attributes with content type `data` and the message
digest, SHA-256/384/512 with RSA (PKCS#1 v1.5) or ECDSA.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from algoinventaris.package.errors import PackageError

OID_SIGNED_DATA = "1.2.840.113549.1.7.2"
OID_DATA = "1.2.840.113549.1.7.1"
OID_CONTENT_TYPE = "1.2.840.113549.1.9.3"
OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
DIGESTS: dict[str, type[hashes.HashAlgorithm]] = {
    "2.16.840.1.101.3.4.2.1": hashes.SHA256,
    "2.16.840.1.101.3.4.2.2": hashes.SHA384,
    "2.16.840.1.101.3.4.2.3": hashes.SHA512,
}
RSA_SIGNATURES = {"1.2.840.113549.1.1.1", "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13"}
EC_SIGNATURES = {"1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4"}
MAX_CHAIN = 8


class CmsError(PackageError):
    """The CMS signature is malformed, does not match, or its certificate is not trusted."""


class CertificateRefused(CmsError):
    """The signer's certificate may not sign at that moment: not valid then, or not meant for signing."""


@dataclass(frozen=True)
class Tlv:
    """One DER element: its tag byte, its content bytes and its complete encoding."""

    tag: int
    content: bytes
    raw: bytes


def _bad(what: str) -> CmsError:
    return CmsError(f"manifest.p7s is geen geldige CMS-handtekening: {what}.",
                    f"manifest.p7s is not a valid CMS signature: {what}.")


def read_tlv(data: bytes, pos: int = 0) -> tuple[Tlv, int]:
    """Read one DER element at pos; returns it and the position after it."""
    if pos + 2 > len(data):
        raise _bad("the data ends inside an element")
    tag = data[pos]
    if tag & 0x1F == 0x1F:
        raise _bad("multi-byte tags are not used in CMS")
    length = data[pos + 1]
    cursor = pos + 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4:
            raise _bad("an element has an indefinite or oversized length (not DER)")
        if cursor + count > len(data):
            raise _bad("the data ends inside a length")
        length = int.from_bytes(data[cursor:cursor + count], "big")
        cursor += count
    end = cursor + length
    if end > len(data):
        raise _bad("an element is longer than the data")
    return Tlv(tag, data[cursor:end], data[pos:end]), end


def children(content: bytes) -> list[Tlv]:
    """All elements inside a constructed element's content."""
    out: list[Tlv] = []
    pos = 0
    while pos < len(content):
        item, pos = read_tlv(content, pos)
        out.append(item)
    return out


def decode_oid(tlv: Tlv) -> str:
    """Dotted text of an OBJECT IDENTIFIER element."""
    if tlv.tag != 0x06 or not tlv.content:
        raise _bad("an object identifier was expected")
    parts: list[int] = []
    value = 0
    for byte in tlv.content:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(value)
            value = 0
    if not parts or tlv.content[-1] & 0x80:
        raise _bad("an object identifier is cut off")
    first = min(parts[0] // 40, 2)
    return ".".join(str(p) for p in [first, parts[0] - 40 * first, *parts[1:]])


def _expect(tlv: Tlv, tag: int, what: str) -> Tlv:
    if tlv.tag != tag:
        raise _bad(f"{what} was expected")
    return tlv


@dataclass(frozen=True)
class CmsResult:
    """What a verified CMS signature tells: the signer's certificate and whether it chains to a trusted CA."""

    certificate: x509.Certificate
    chain_checked: bool


def verify_detached(p7s: bytes, content: bytes, *, trusted: list[x509.Certificate] | None = None,
                    at: dt.datetime | None = None) -> CmsResult:
    """Check a detached DER SignedData over `content`; with `trusted` CAs also the certificate path at time `at`.

    Whatever the bytes, the only error is CmsError: `cryptography` reads certificates lazily, so a damaged
    certificate can fail only when its key or extensions are used; that is reported as unreadable too.
    """
    try:
        return _verify_detached(p7s, content, trusted, at)
    except CmsError:
        raise
    except (ValueError, TypeError, IndexError, UnsupportedAlgorithm) as err:
        raise _bad(f"a certificate or value in it cannot be used ({type(err).__name__}: {err})") from err


def _verify_detached(p7s: bytes, content: bytes, trusted: list[x509.Certificate] | None,
                     at: dt.datetime | None) -> CmsResult:
    top, end = read_tlv(p7s)
    if end != len(p7s) or top.tag != 0x30:
        raise _bad("the file is not one DER structure")
    info = children(top.content)
    if len(info) != 2 or decode_oid(info[0]) != OID_SIGNED_DATA or info[1].tag != 0xA0:
        raise _bad("it is not SignedData")
    signed_data = children(info[1].content)
    if len(signed_data) != 1:
        raise _bad("SignedData is malformed")
    parts = children(_expect(signed_data[0], 0x30, "SignedData").content)
    if len(parts) < 4:
        raise _bad("SignedData is incomplete")
    encap = children(_expect(parts[2], 0x30, "the encapsulated content info").content)
    if not encap or decode_oid(encap[0]) != OID_DATA:
        raise _bad("the signed content type is not 'data'")
    if len(encap) > 1:
        raise _bad("the signature is not detached (it carries content)")
    certs: list[x509.Certificate] = []
    rest = parts[3:]
    if rest and rest[0].tag == 0xA0:
        for item in children(rest[0].content):
            try:
                certs.append(x509.load_der_x509_certificate(item.raw))
            except ValueError as err:
                raise _bad("a certificate in it cannot be read") from err
        rest = rest[1:]
    if rest and rest[0].tag == 0xA1:
        rest = rest[1:]
    if len(rest) != 1:
        raise _bad("the signer information is missing")
    signer_infos = children(_expect(rest[0], 0x31, "the set of signers").content)
    if len(signer_infos) != 1:
        raise _bad(f"it has {len(signer_infos)} signers instead of one")
    si = children(_expect(signer_infos[0], 0x30, "the signer information").content)
    if len(si) >= 4 and si[3].tag != 0xA0:
        raise _bad("it has no signed attributes")
    if len(si) < 6:
        raise _bad("the signer information is incomplete")
    cert = _find_signer(si[1], certs)
    digest_oid = decode_oid(children(_expect(si[2], 0x30, "the digest algorithm").content)[0])
    if digest_oid not in DIGESTS:
        raise _bad(f"digest algorithm {digest_oid} is not accepted (SHA-256, -384 or -512)")
    algorithm = DIGESTS[digest_oid]()
    attrs_tlv = si[3]
    sig_alg = decode_oid(children(_expect(si[4], 0x30, "the signature algorithm").content)[0])
    signature = _expect(si[5], 0x04, "the signature value").content
    _check_attributes(attrs_tlv, content, algorithm)
    signed_bytes = b"\x31" + attrs_tlv.raw[1:]
    key = cert.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey) and sig_alg in RSA_SIGNATURES:
            key.verify(signature, signed_bytes, padding.PKCS1v15(), algorithm)
        elif isinstance(key, ec.EllipticCurvePublicKey) and sig_alg in EC_SIGNATURES:
            key.verify(signature, signed_bytes, ec.ECDSA(algorithm))
        else:
            raise _bad(f"signature algorithm {sig_alg} does not fit the certificate's key")
    except InvalidSignature as err:
        raise CmsError("De CMS-handtekening klopt niet bij manifest.json.",
                       "The CMS signature does not match manifest.json.") from err
    if trusted is None:
        return CmsResult(cert, False)
    check_chain(cert, certs, trusted, at or dt.datetime.now(dt.UTC))
    return CmsResult(cert, True)


def _find_signer(sid: Tlv, certs: list[x509.Certificate]) -> x509.Certificate:
    if sid.tag == 0x30:
        issuer_serial = children(sid.content)
        if len(issuer_serial) != 2 or issuer_serial[1].tag != 0x02:
            raise _bad("the signer identifier is malformed")
        issuer_der = issuer_serial[0].raw
        serial = int.from_bytes(issuer_serial[1].content, "big", signed=True)
        for cert in certs:
            if cert.serial_number == serial and cert.issuer.public_bytes() == issuer_der:
                return cert
    elif sid.tag == 0x80:
        for cert in certs:
            try:
                ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
            except x509.ExtensionNotFound:
                continue
            if ski == sid.content:
                return cert
    raise _bad("the signer's certificate is not included")


def _check_attributes(attrs_tlv: Tlv, content: bytes, algorithm: hashes.HashAlgorithm) -> None:
    seen: dict[str, list[Tlv]] = {}
    for attr in children(attrs_tlv.content):
        items = children(_expect(attr, 0x30, "an attribute").content)
        if len(items) != 2:
            raise _bad("an attribute is malformed")
        oid = decode_oid(items[0])
        if oid in seen:
            raise _bad(f"attribute {oid} appears twice")
        seen[oid] = children(_expect(items[1], 0x31, "attribute values").content)
    ctype = seen.get(OID_CONTENT_TYPE)
    if not ctype or len(ctype) != 1 or decode_oid(ctype[0]) != OID_DATA:
        raise _bad("the signed content type attribute is missing or not 'data'")
    digest_values = seen.get(OID_MESSAGE_DIGEST)
    if not digest_values or len(digest_values) != 1 or digest_values[0].tag != 0x04:
        raise _bad("the message digest attribute is missing")
    h = hashes.Hash(algorithm)
    h.update(content)
    if h.finalize() != digest_values[0].content:
        raise CmsError("De CMS-handtekening hoort bij andere inhoud dan deze manifest.json.",
                       "The CMS signature was made over other content than this manifest.json.")


def _valid_at(cert: x509.Certificate, at: dt.datetime) -> None:
    if not cert.not_valid_before_utc <= at <= cert.not_valid_after_utc:
        name = cert.subject.rfc4514_string()
        raise CertificateRefused(
            f"Het certificaat '{name}' was niet geldig op {at:%Y-%m-%d %H:%M} UTC "
            f"(geldig van {cert.not_valid_before_utc:%Y-%m-%d} tot {cert.not_valid_after_utc:%Y-%m-%d}).",
            f"The certificate '{name}' was not valid on {at:%Y-%m-%d %H:%M} UTC "
            f"(valid from {cert.not_valid_before_utc:%Y-%m-%d} to {cert.not_valid_after_utc:%Y-%m-%d}).")


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def check_chain(cert: x509.Certificate, pool: list[x509.Certificate], trusted: list[x509.Certificate],
                at: dt.datetime) -> None:
    """The certificate must lead, through certificates from the signature, to a trusted one; valid at `at`."""
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if not (usage.digital_signature or usage.content_commitment):
            raise CertificateRefused("Het certificaat van de ondertekenaar mag niet ondertekenen (key usage).",
                           "The signer's certificate may not be used for signing (key usage).")
    except x509.ExtensionNotFound:
        pass
    current = cert
    for _ in range(MAX_CHAIN):
        _valid_at(current, at)
        if any(current == t for t in trusted):
            return
        anchor = next((t for t in trusted if _is_ca(t) and _issued_by(current, t)), None)
        if anchor is not None:
            _valid_at(anchor, at)
            return
        step = next((c for c in pool if c != current and _is_ca(c) and _issued_by(current, c)), None)
        if step is None:
            break
        current = step
    raise CmsError(
        f"Het certificaat '{cert.subject.rfc4514_string()}' is niet uitgegeven door een vertrouwde CA.",
        f"The certificate '{cert.subject.rfc4514_string()}' was not issued by a trusted CA.")
