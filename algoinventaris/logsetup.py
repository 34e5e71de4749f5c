"""Logging: a rotating log file in the per-user log folder, and stderr only when there is a console."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from algoinventaris import config

LOG_FILE = "algoinventaris.log"
_configured: Path | None = None


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Configure logging once; return the log file path (None when the folder cannot be written)."""
    global _configured
    if _configured is not None:
        return _configured
    root = logging.getLogger()
    root.setLevel(level)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    path: Path | None = config.log_dir() / LOG_FILE
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(fmt)
        root.addHandler(handler)
    except OSError:
        path = None
    # A windowed (frozen) build has no console: sys.stderr may be None there.
    if sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream.setFormatter(fmt)
        root.addHandler(stream)
    _configured = path
    return path


def log_file() -> Path:
    """Where the log file is (or would be) written."""
    return config.log_dir() / LOG_FILE
