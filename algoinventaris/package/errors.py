"""Errors of the package layer, each with a message for a person in Dutch and in English."""

from __future__ import annotations


class PackageError(Exception):
    """Base class: `str(err)` is the Dutch message; `err.text("en")` gives the English one."""

    def __init__(self, nl: str, en: str | None = None) -> None:
        super().__init__(nl)
        self.nl = nl
        self.en = en or nl

    def text(self, language: str = "nl") -> str:
        """The message in the asked language (Dutch unless 'en')."""
        return self.en if language == "en" else self.nl


class KeyStoreError(PackageError):
    """A key file is missing, unreadable or not what it should be."""


class NoKey(KeyStoreError):
    """There is no signing key yet (create one first)."""


class WrongPassphrase(KeyStoreError):
    """The passphrase does not open the private key."""


class PassphraseMissing(KeyStoreError):
    """No passphrase was given and none can be asked for (no terminal)."""


class NotReady(PackageError):
    """The algorithm cannot be exported yet: a question is still open or an answer is not confirmed."""

    def __init__(self, nl: str, en: str | None = None, question_id: str | None = None, form_id: str | None = None) -> None:
        super().__init__(nl, en)
        self.question_id = question_id
        self.form_id = form_id  # the questionnaire of question_id (None: the AI-Act questions)


class WriteError(PackageError):
    """The package could not be written; nothing was left behind in the target folder."""
