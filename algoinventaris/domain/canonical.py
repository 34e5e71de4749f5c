"""Canonical JSON bytes (RFC 8785 / JCS subset) and their SHA-256, used for form hashes and packages."""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any


class CanonicalJSONError(ValueError):
    """A value cannot be written as canonical JSON (a NaN, an infinity or a non-JSON type)."""


def _check(value: Any, depth: int = 0) -> None:
    if depth > 200:
        raise CanonicalJSONError("value nests deeper than 200 levels")
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, int):
        if abs(value) > 2**53 - 1:
            raise CanonicalJSONError(f"integer {value} is outside the range JSON numbers keep exactly")
        return
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise CanonicalJSONError("NaN and infinity have no JSON form")
        if not value.is_integer():
            raise CanonicalJSONError("fractional numbers are not used in canonical documents; write them as text")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalJSONError(f"object key {key!r} is not text")
            _check(item, depth + 1)
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            _check(item, depth + 1)
        return
    raise CanonicalJSONError(f"{type(value).__name__} is not a JSON value")


def _normalise(value: Any) -> Any:
    if isinstance(value, float):
        return int(value)
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalise(v) for v in value]
    return value


def canonical_json(value: Any) -> bytes:
    """Serialise to canonical bytes: keys sorted by UTF-16 code units, no whitespace, UTF-8.

    Numbers are restricted to integers (as JCS writes whole numbers), which is all our documents use.
    """
    _check(value)
    text = json.dumps(
        _sort(_normalise(value)),
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
    )
    return text.encode("utf-8")


def _sort(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sort(value[k]) for k in sorted(value, key=lambda s: s.encode("utf-16-be"))}
    if isinstance(value, list):
        return [_sort(v) for v in value]
    return value


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256 of the bytes."""
    return hashlib.sha256(data).hexdigest()
