"""Helpers for package tests: unpack, change and re-zip packages, re-sign manifests, run pdftotext."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from algoinventaris.package.build import zip_bytes
from algoinventaris.package.canonical import canonical_json
from algoinventaris.package.keys import Signer
from algoinventaris.package.verify import parse_json_strict


def members(path: Path) -> list[tuple[str, bytes]]:
    """The package's members in zip order."""
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def rezip(path: Path, changed: list[tuple[str, bytes]], target: Path | None = None) -> Path:
    """Write the members as a (well-formed) zip; returns the path written."""
    out = target or path.with_name("changed-" + path.name)
    out.write_bytes(zip_bytes(changed))
    return out


def flip_byte(data: bytes, index: int | None = None) -> bytes:
    """The data with one byte changed (by default one in the middle)."""
    i = len(data) // 2 if index is None else index
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]


def replace_member(items: list[tuple[str, bytes]], name: str, data: bytes) -> list[tuple[str, bytes]]:
    return [(n, data if n == name else d) for n, d in items]


def manifest_of(items: list[tuple[str, bytes]]) -> dict[str, Any]:
    result: dict[str, Any] = parse_json_strict(dict(items)["manifest.json"])
    return result


def resign(items: list[tuple[str, bytes]], manifest: dict[str, Any], signer: Signer,
           keep_signer_block: bool = False) -> list[tuple[str, bytes]]:
    """Replace manifest.json by `manifest` signed by `signer` (optionally keeping the old signer block)."""
    if not keep_signer_block:
        manifest = dict(manifest, signer=signer.manifest_block())
    raw = canonical_json(manifest)
    out = []
    for name, data in items:
        if name == "manifest.json":
            out.append((name, raw))
        elif name in ("manifest.sig", "manifest.p7s"):
            out.append((signer.signature_file, signer.sign(raw)))
        else:
            out.append((name, data))
    return out


def zip_raw(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    """A zip with exactly these entries (names and attributes as given, no checks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return buffer.getvalue()


def need_tool(name: str) -> str:
    """The path of a command-line tool, or skip the test with a clear message."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed on this machine (apt-get install poppler-utils / openssl)")
    return found


def pdftotext(pdf: bytes, tmp_path: Path, *extra: str) -> str:
    """The text pdftotext extracts from the PDF bytes."""
    tool = need_tool("pdftotext")
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    done = subprocess.run([tool, *extra, str(source), "-"], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")
