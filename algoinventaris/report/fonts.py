"""TrueType fonts for the reports, registered once and embedded (subset) in every PDF.

DejaVu Sans is used when the system has it (wide coverage: every European script); otherwise
Bitstream Vera, which ships inside the reportlab package and is therefore always there. Both
cover Dutch diacritics. Hashes are set in DejaVu Sans Mono when present.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_ENV = "ALGOINVENTARIS_FONT_DIR"
DEJAVU_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
)
VERA_DIR = Path(reportlab.__file__).resolve().parent / "fonts"


@dataclass(frozen=True)
class FontSet:
    """The registered font names: regular, bold, italic, bold italic and monospace."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    mono: str


_LOCK = threading.Lock()
_REGISTERED: FontSet | None = None


def _candidates() -> list[tuple[str, Path, dict[str, str]]]:
    dejavu = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "italic": "DejaVuSans-Oblique.ttf",
              "bold_italic": "DejaVuSans-BoldOblique.ttf", "mono": "DejaVuSansMono.ttf"}
    vera = {"regular": "Vera.ttf", "bold": "VeraBd.ttf", "italic": "VeraIt.ttf", "bold_italic": "VeraBI.ttf",
            "mono": "Vera.ttf"}
    dirs: list[Path] = []
    override = os.environ.get(FONTS_ENV)
    if override:
        dirs.append(Path(override))
    dirs.extend(DEJAVU_DIRS)
    found = [("AIDejaVu", d, dejavu) for d in dirs]
    found.append(("AIVera", VERA_DIR, vera))
    return found


def register_fonts() -> FontSet:
    """Register the report fonts with reportlab (once per process) and return their names."""
    global _REGISTERED
    with _LOCK:
        if _REGISTERED is not None:
            return _REGISTERED
        for family, folder, files in _candidates():
            paths = {role: folder / name for role, name in files.items()}
            if not all(p.is_file() for p in paths.values()):
                continue
            names = {role: f"{family}-{role}" for role in paths}
            if files["mono"] == files["regular"]:
                names["mono"] = names["regular"]
            for role, path in paths.items():
                if names[role] not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(names[role], str(path)))
            addMapping(family, 0, 0, names["regular"])
            addMapping(family, 1, 0, names["bold"])
            addMapping(family, 0, 1, names["italic"])
            addMapping(family, 1, 1, names["bold_italic"])
            _REGISTERED = FontSet(family, names["regular"], names["bold"], names["italic"], names["bold_italic"],
                                  names["mono"])
            return _REGISTERED
    raise RuntimeError(f"no TrueType font found (not even {VERA_DIR / 'Vera.ttf'}); reinstall reportlab")
