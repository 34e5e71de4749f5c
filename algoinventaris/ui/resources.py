"""Where the app's icons, translations and style sheet are: under config.bundle_root() / "resources"."""

from __future__ import annotations

from pathlib import Path

from algoinventaris import config


def resources_dir() -> Path:
    """The resources folder, from the source checkout or the frozen bundle."""
    return config.bundle_root() / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def app_icon_path() -> Path:
    return resources_dir() / "icons" / "algoinventaris.svg"


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon_files() -> list[Path]:
    """The icon as PNG files, one per size, made from the SVG (loading them needs no SVG support, ~2.5 MB less).

    Empty when they are missing; the caller then uses the SVG.
    """
    files = [resources_dir() / "icons" / f"algoinventaris-{size}.png" for size in ICON_SIZES]
    return files if all(f.exists() for f in files) else []


def style_sheet_path(name: str) -> Path:
    return resources_dir() / "styles" / name


def read_style_sheet(name: str) -> str:
    """A style sheet's text ('' when the file is missing, so the app still starts)."""
    try:
        return style_sheet_path(name).read_text(encoding="utf-8")
    except OSError:
        return ""
