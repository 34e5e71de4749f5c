"""The CDO database as the hostile tests compare it: every data table's rows (the audit trail left out), read with sqlite3."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

NOT_DATA = {"audit"}  # a refusal is audit-logged by design; every other table must stay as it was

Tables = dict[str, list[tuple[Any, ...]]]


def data_tables(db: Path) -> Tables:
    """Every table but the audit trail, each as its rows in rowid order (blobs and texts exactly as stored)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {name: conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall() for name in names if name not in NOT_DATA}
    finally:
        conn.close()


def fingerprint(tables: Tables) -> str:
    """A short digest of the data tables (for messages)."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        digest.update(name.encode())
        for row in tables[name]:
            digest.update(repr(row).encode())
    return digest.hexdigest()[:16]


def differences(before: Tables, after: Tables) -> dict[str, tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Per table the rows that went and the rows that came (empty when nothing changed)."""
    out = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, []), after.get(name, [])
        if old != new:
            out[name] = ([r for r in old if r not in new], [r for r in new if r not in old])
    return out


def columns(db: Path, table: str) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    finally:
        conn.close()
