"""Submission packages: canonical JSON, manifest, signing and verification.

Modules: `documents` (the JSON files and the content digest), `keys` (key store and signers),
`build` (build_package), `verify` (verify_package), `cms` (checking CMS signatures), `schema`
(the manifest schema), `assemble` (form + answers -> Submission), `export` (from the owner
database). The names below are imported lazily, so importing this package stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "build_package": "algoinventaris.package.build",
    "write_package": "algoinventaris.package.build",
    "verify_package": "algoinventaris.package.verify",
    "KeyStore": "algoinventaris.package.keys",
    "export_algorithm": "algoinventaris.package.export",
    "PackageError": "algoinventaris.package.errors",
    "NotReady": "algoinventaris.package.errors",
    "WrongPassphrase": "algoinventaris.package.errors",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'algoinventaris.package' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
