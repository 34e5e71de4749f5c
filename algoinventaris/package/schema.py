"""The manifest's JSON Schema (as data) and a small validator for the subset of JSON Schema it uses.

`algoinventaris verify --schema` prints the schema, so others can check manifests with any JSON
Schema tool. The validator here understands exactly the keywords the schema uses: type, const,
enum, pattern, minLength, maxLength, minimum, maximum, properties, required,
additionalProperties (false), items, minItems, maxItems and oneOf (of object schemas).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from algoinventaris.package.documents import CONTENT_FILES, FORMAT_VERSION, PACKAGE_FORMAT

UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
SHA256 = r"^[0-9a-f]{64}$"
FINGERPRINT = r"^SHA256:[0-9a-f]{64}$"
BASE64 = r"^[A-Za-z0-9+/]+={0,2}$"
TEXT = {"type": "string", "minLength": 1, "maxLength": 1000}

_FORM = {
    "type": "object",
    "required": ["id", "version", "sha256"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$"},
        "version": {"type": "string", "minLength": 1, "maxLength": 40},
        "sha256": {"type": "string", "pattern": SHA256},
    },
}

_SIGNER_ED25519 = {
    "type": "object",
    "required": ["method", "name", "fingerprint", "public_key"],
    "additionalProperties": False,
    "properties": {
        "method": {"const": "ed25519"},
        "name": {"type": "string", "maxLength": 200},
        "fingerprint": {"type": "string", "pattern": FINGERPRINT},
        "public_key": {"type": "string", "pattern": BASE64, "minLength": 44, "maxLength": 44},
    },
}

_SIGNER_CMS = {
    "type": "object",
    "required": ["method", "name", "fingerprint", "certificate"],
    "additionalProperties": False,
    "properties": {
        "method": {"const": "cms"},
        "name": {"type": "string", "maxLength": 200},
        "fingerprint": {"type": "string", "pattern": FINGERPRINT},
        "certificate": {"type": "string", "pattern": BASE64, "minLength": 8, "maxLength": 20000},
    },
}

MANIFEST_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "algoinventaris submission package manifest",
    "type": "object",
    "required": ["format", "format_version", "submission_id", "corrects", "created_at", "app", "language",
                 "algorithm", "organisation", "forms", "signer", "content_digest", "files"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": PACKAGE_FORMAT},
        "format_version": {"const": FORMAT_VERSION},
        "submission_id": {"type": "string", "pattern": UUID},
        "corrects": {"type": ["string", "null"], "pattern": UUID},
        # optional (yearly rounds): last year's submission this one continues; packages without it stay valid
        "previous": {"type": "string", "pattern": UUID},
        "created_at": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"},
        "app": {
            "type": "object",
            "required": ["name", "version"],
            "additionalProperties": False,
            "properties": {"name": {"const": "algoinventaris"}, "version": {"type": "string", "maxLength": 40}},
        },
        "language": {"enum": ["nl", "en"]},
        "algorithm": {
            "type": "object",
            "required": ["id", "name", "round"],
            "additionalProperties": False,
            "properties": {"id": {"type": "string", "minLength": 1, "maxLength": 100}, "name": TEXT, "round": TEXT},
        },
        "organisation": {
            "type": "object",
            "required": ["name", "unit"],
            "additionalProperties": False,
            "properties": {"name": TEXT, "unit": {"type": "string", "maxLength": 1000}},
        },
        "forms": {"type": "array", "minItems": 1, "maxItems": 20, "items": _FORM},
        "signer": {"oneOf": [_SIGNER_ED25519, _SIGNER_CMS]},
        "content_digest": {"type": "string", "pattern": SHA256},
        "files": {
            "type": "array",
            "minItems": len(CONTENT_FILES),
            "maxItems": len(CONTENT_FILES),
            "items": {
                "type": "object",
                "required": ["name", "sha256", "size"],
                "additionalProperties": False,
                "properties": {
                    "name": {"enum": list(CONTENT_FILES)},
                    "sha256": {"type": "string", "pattern": SHA256},
                    "size": {"type": "integer", "minimum": 0, "maximum": 2**40},
                },
            },
        },
    },
}

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
}


def _is_type(value: Any, name: str) -> bool:
    if name == "integer" and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[name])


def _where(path: str) -> str:
    return path or "(the manifest itself)"


def errors(value: Any, schema: dict[str, Any] = MANIFEST_SCHEMA, path: str = "") -> Iterator[str]:
    """Every way `value` breaks `schema`, each naming the place (e.g. 'files[2].sha256')."""
    if "oneOf" in schema:
        fits = [b for b in schema["oneOf"] if not any(True for _ in errors(value, b, path))]
        if len(fits) != 1:
            # report the problems of the branch that names the value's method, else of the first
            branch = schema["oneOf"][0]
            if isinstance(value, dict):
                branch = next((b for b in schema["oneOf"] if b["properties"]["method"]["const"] == value.get("method")),
                              branch)
            yield from errors(value, branch, path)
        return
    if "const" in schema and value != schema["const"]:
        yield f"{_where(path)}: must be {schema['const']!r}, not {value!r}"
        return
    if "enum" in schema and value not in schema["enum"]:
        yield f"{_where(path)}: must be one of {', '.join(map(repr, schema['enum']))}, not {value!r}"
        return
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else list(types)
        if not any(_is_type(value, n) for n in names):
            yield f"{_where(path)}: must be {' or '.join(names)}, not {type(value).__name__}"
            return
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            yield f"{_where(path)}: {value[:80]!r} does not have the required form"
        if len(value) < schema.get("minLength", 0):
            yield f"{_where(path)}: is too short"
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            yield f"{_where(path)}: is longer than {schema['maxLength']} characters"
    if _is_type(value, "integer"):
        if "minimum" in schema and value < schema["minimum"]:
            yield f"{_where(path)}: is below {schema['minimum']}"
        if "maximum" in schema and value > schema["maximum"]:
            yield f"{_where(path)}: is above {schema['maximum']}"
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                yield f"{_where(path)}: '{key}' is missing"
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            for key in value:
                if key not in props:
                    yield f"{_where(path)}: unknown key '{key}'"
        for key, sub in props.items():
            if key in value:
                yield from errors(value[key], sub, f"{path}.{key}" if path else key)
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            yield f"{_where(path)}: needs at least {schema['minItems']} entries"
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            yield f"{_where(path)}: has more than {schema['maxItems']} entries"
        if "items" in schema:
            for index, item in enumerate(value):
                yield from errors(item, schema["items"], f"{path}[{index}]")


def first_error(value: Any) -> str | None:
    """The first schema problem of a manifest, or None when it fits the schema."""
    return next(errors(value), None)
