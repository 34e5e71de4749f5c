"""Languages: Dutch by default, English at run time (Qt Linguist .qm for the UI; forms bring their own texts)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from algoinventaris.ui.resources import translations_dir

log = logging.getLogger(__name__)

# The UI source strings are Dutch; English comes from resources/translations/algoinventaris_en.qm.
SOURCE_LANGUAGE = "nl"
LANGUAGES = {"nl": "Nederlands", "en": "English"}
CATALOG = "algoinventaris"


class Languages(QObject):
    """Installs and removes translators; Qt then sends every widget a LanguageChange event."""

    changed = Signal(str)

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self._current = SOURCE_LANGUAGE
        self._translators: list[QTranslator] = []

    @property
    def current(self) -> str:
        return self._current

    def set_language(self, lang: str) -> bool:
        """Switch the whole UI; returns False (and stays) when the language is unknown or its file is missing."""
        if lang not in LANGUAGES:
            return False
        fresh: list[QTranslator] = []
        if lang != SOURCE_LANGUAGE:
            ours = QTranslator(self)
            if not ours.load(f"{CATALOG}_{lang}", str(translations_dir())):
                log.warning("translation %s_%s.qm not found in %s", CATALOG, lang, translations_dir())
                return False
            fresh.append(ours)
        # Qt's own texts (OK, Cancel, Yes, No in standard dialogs) come in English; Dutch needs qtbase_nl.
        if lang != "en":
            base = QTranslator(self)
            if base.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                fresh.append(base)
        for old in self._translators:
            self._app.removeTranslator(old)
        self._translators = fresh
        for item in fresh:
            self._app.installTranslator(item)
        QLocale.setDefault(QLocale(QLocale.Language.Dutch if lang == "nl" else QLocale.Language.English,
                                   QLocale.Country.Netherlands if lang == "nl" else QLocale.Country.UnitedKingdom))
        changed = lang != self._current
        self._current = lang
        if changed:
            self.changed.emit(lang)
        return True
