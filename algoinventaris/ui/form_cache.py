"""Loads the bundled questionnaires once, in a background thread after the first screen, and hands them to the wizard."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from algoinventaris import config

if TYPE_CHECKING:
    from algoinventaris.formengine.model import Form

log = logging.getLogger(__name__)

AI_ACT = "ai-act"
IMPACT = "impact"
REGISTER = "register"
# The order in which an owner walks the forms: the AI-Act questions, then impact, publication and
# human-rights questions (which give the category A/B/C), then the register fields (when present).
FORM_SEQUENCE = (AI_ACT, IMPACT, REGISTER)


class FormUnavailable(Exception):
    """A form folder is missing or does not load; str() says which file and why."""


class FormCache:
    """Forms by name, loaded at most once; `preload` starts loading without blocking the window."""

    def __init__(self) -> None:
        self._forms: dict[str, Form] = {}
        self._errors: dict[str, str] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def preload(self, names: tuple[str, ...] = FORM_SEQUENCE) -> None:
        """Load the forms in a daemon thread (parsing YAML takes a moment); get() waits for it."""
        if self._thread is not None:
            return
        def load_all() -> None:
            for name in names:
                if self.exists(name):
                    self._load(name)
            # the summary's Algoritmekader requirements (forms/requirements.yaml, cached by the domain module)
            from algoinventaris.domain import requirements

            try:
                requirements.load_requirements()
            except requirements.RequirementsError:
                pass

        self._thread = threading.Thread(target=load_all, name="form-preload", daemon=True)
        self._thread.start()

    @staticmethod
    def bundled_names() -> list[str]:
        """The folder names of every form in the bundled forms folder, the walking order first."""
        try:
            found = sorted(p.parent.name for p in config.forms_dir().glob("*/form.yaml"))
        except OSError:
            return []
        return [n for n in FORM_SEQUENCE if n in found] + [n for n in found if n not in FORM_SEQUENCE]

    @staticmethod
    def exists(name: str) -> bool:
        path = config.form_path(name)
        return (Path(path) / "form.yaml").exists() or Path(path).is_file()

    def _load(self, name: str) -> None:
        from algoinventaris.formengine.errors import FormLoadError
        from algoinventaris.formengine.loader import load_form

        with self._lock:
            if name in self._forms or name in self._errors:
                return
            try:
                self._forms[name] = load_form(config.form_path(name))
            except FormLoadError as err:
                problems = getattr(err, "problems", None) or [str(err)]
                self._errors[name] = "\n".join(str(p) for p in problems[:5])
                log.error("form %s does not load: %s", name, self._errors[name])
            except Exception as err:
                self._errors[name] = f"{config.form_path(name)}: {err}"
                log.exception("form %s does not load", name)

    def get(self, name: str) -> Form:
        """The form, loading it now if needed; FormUnavailable names the folder and the problem."""
        if not self.exists(name):
            raise FormUnavailable(f"{config.form_path(name)}: no form.yaml in this folder")
        self._load(name)
        with self._lock:
            if name in self._forms:
                return self._forms[name]
            raise FormUnavailable(self._errors.get(name, f"{config.form_path(name)}: does not load"))

    def loaded(self, name: str) -> Form | None:
        """The form when it has been loaded already (never loads, never waits for the preloading thread)."""
        return self._forms.get(name)

    def available(self, name: str) -> Form | None:
        """The form when it exists and loads, else None (for optional forms like the register)."""
        if not self.exists(name):
            return None
        try:
            return self.get(name)
        except FormUnavailable:
            return None

    def next_after(self, name: str) -> tuple[str, Form] | None:
        """The form (folder name and form) that follows `name` in FORM_SEQUENCE, when it is there."""
        if name not in FORM_SEQUENCE:
            return None
        index = FORM_SEQUENCE.index(name)
        for later in FORM_SEQUENCE[index + 1:]:
            form = self.available(later)
            if form is not None:
                return later, form
        return None

    def previous_before(self, name: str) -> tuple[str, Form] | None:
        """The form (folder name and form) that comes before `name` in FORM_SEQUENCE, when it is there."""
        if name not in FORM_SEQUENCE:
            return None
        index = FORM_SEQUENCE.index(name)
        for earlier in reversed(FORM_SEQUENCE[:index]):
            form = self.available(earlier)
            if form is not None:
                return earlier, form
        return None


class RoundForms(FormCache):
    """The forms of one opened round laid over the bundled ones: the round's version where it has one, else the app's."""

    def __init__(self, base: FormCache, overrides: dict[str, Form], round_name: str = "") -> None:
        super().__init__()
        self.base = base
        self.overrides = dict(overrides)
        self.round_name = round_name

    def preload(self, names: tuple[str, ...] = FORM_SEQUENCE) -> None:
        self.base.preload(names)

    def exists(self, name: str) -> bool:  # type: ignore[override]
        return name in self.overrides or self.base.exists(name)

    def get(self, name: str) -> Form:
        found = self.overrides.get(name)
        return found if found is not None else self.base.get(name)

    def loaded(self, name: str) -> Form | None:
        found = self.overrides.get(name)
        return found if found is not None else self.base.loaded(name)
