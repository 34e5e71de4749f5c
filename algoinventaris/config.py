"""Where things live: the per-user data folder, database, logs and the bundled forms (environment-overridable)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "algoinventaris"
APP_AUTHOR = "algoinventaris"
DATA_DIR_ENV = "ALGOINVENTARIS_DATA_DIR"
DB_ENV = "ALGOINVENTARIS_DB"
FORMS_DIR_ENV = "ALGOINVENTARIS_FORMS_DIR"


def data_dir() -> Path:
    """The per-user data folder (database, keys, logs); ALGOINVENTARIS_DATA_DIR moves all of it."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    """Where the rotating log files are written."""
    return data_dir() / "logs"


def default_db_path() -> Path:
    """The owner's database: ALGOINVENTARIS_DB, else owner.sqlite3 in the data folder."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    return data_dir() / "owner.sqlite3"


def bundle_root() -> Path:
    """The folder holding forms/ and resources: the frozen bundle, or the source checkout."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def forms_dir() -> Path:
    """The folder with the bundled questionnaires (ALGOINVENTARIS_FORMS_DIR overrides)."""
    override = os.environ.get(FORMS_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return bundle_root() / "forms"


def form_path(name: str) -> Path:
    """A bundled form folder by name, e.g. form_path('ai-act')."""
    return forms_dir() / name
