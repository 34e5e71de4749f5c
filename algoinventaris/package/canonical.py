"""Canonical JSON for packages: re-exports the domain implementation (RFC 8785 / JCS for the values we use)."""

from __future__ import annotations

from algoinventaris.domain.canonical import CanonicalJSONError, canonical_json, sha256_hex

__all__ = ["CanonicalJSONError", "canonical_json", "sha256_hex"]
