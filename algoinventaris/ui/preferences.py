"""The owner's preferences (language, contrast, text size, last choices) in settings.ini in the data folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from algoinventaris import config

SETTINGS_FILE = "settings.ini"


class Preferences:
    """A thin typed layer over QSettings kept next to the database, so ALGOINVENTARIS_DATA_DIR moves it too."""

    def __init__(self, path: Path | None = None) -> None:
        path = path if path is not None else config.data_dir() / SETTINGS_FILE
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, key: str, default: Any = None) -> Any:
        return self._settings.value(key, default)

    def get_str(self, key: str, default: str = "") -> str:
        value = self._settings.value(key, default)
        return str(value) if value is not None else default

    def get_bool(self, key: str, default: bool = False) -> bool:
        value = self._settings.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)

    def get_float(self, key: str, default: float) -> float:
        try:
            return float(str(self._settings.value(key, default)))
        except (TypeError, ValueError):
            return default

    def set(self, key: str, value: Any) -> None:
        if value is None:
            self._settings.remove(key)
        else:
            self._settings.setValue(key, value)

    def sync(self) -> None:
        self._settings.sync()

    @property
    def language(self) -> str:
        return self.get_str("language", "nl") or "nl"

    @language.setter
    def language(self, value: str) -> None:
        self.set("language", value)
