"""The questionnaire versions the CDO knows, by content hash: every bundled forms/*/form.yaml, loaded once per process."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from pathlib import Path

from algoinventaris import config
from algoinventaris.formengine.errors import FormLoadError
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.model import Form

log = logging.getLogger(__name__)
_LOCK = threading.Lock()
_CACHE: dict[tuple[str, tuple[tuple[str, int], ...]], FormIndex] = {}


class FormIndex:
    """Forms by the SHA-256 of their canonical content (what packages name)."""

    def __init__(self, forms: Iterable[Form] = ()) -> None:
        self.by_hash: dict[str, Form] = {}
        for form in forms:
            self.add(form)

    def add(self, form: Form) -> None:
        self.by_hash[form.content_hash] = form

    def get(self, sha256: str) -> Form | None:
        return self.by_hash.get(sha256)

    def __len__(self) -> int:
        return len(self.by_hash)

    def describe(self) -> list[str]:
        return sorted(f"{f.id} {f.version} ({h[:12]})" for h, f in self.by_hash.items())


def bundled_index(folder: Path | None = None) -> FormIndex:
    """Every loadable forms/*/form.yaml under the forms folder (cached until a file changes)."""
    root = folder or config.forms_dir()
    files = sorted(root.glob("*/form.yaml"))
    stamp = tuple((str(f), f.stat().st_mtime_ns) for f in files)
    key = (str(root), stamp)
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None:
            return found
        index = FormIndex()
        for file in files:
            try:
                index.add(load_form(file.parent))
            except FormLoadError as err:
                log.warning("form %s does not load and is not known to the CDO import: %s", file, err)
        _CACHE.clear()
        _CACHE[key] = index
        return index
