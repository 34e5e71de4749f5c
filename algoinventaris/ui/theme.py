"""Look and readability: the Fusion style, an optional high-contrast palette, text size and the app's style sheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from algoinventaris.ui.resources import read_style_sheet

if TYPE_CHECKING:
    from PySide6.QtGui import QFont, QPalette
    from PySide6.QtWidgets import QApplication

    from algoinventaris.ui.preferences import Preferences

ZOOM_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
HIGH_CONTRAST_KEY = "view/high_contrast"  # the owner's own choice (Beeld → Hoog contrast)
SYSTEM_CONTRAST_KEY = "view/system_high_contrast"  # what the desktop asked for, as seen at the last start


class Theme:
    """Applies style, palette and text size to the whole application; remembers the base font.

    The application's own font and palette are the base; they are taken the first time something
    changes, so that the usual start (no high contrast, normal text size) changes nothing at all and
    loads nothing (QFont and QPalette are loaded here, not at import, for the same reason).
    """

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.high_contrast = False
        self.zoom = 1.0
        self._base: tuple[QFont, QPalette] | None = None
        self._sheet: str | None = None

    @property
    def base_font(self) -> QFont:
        return self._remember_base()[0]

    @property
    def base_palette(self) -> QPalette:
        return self._remember_base()[1]

    def _remember_base(self) -> tuple[QFont, QPalette]:
        if self._base is None:
            from PySide6.QtGui import QFont, QPalette

            self._base = (QFont(self.app.font()), QPalette(self.app.palette()))
        return self._base

    def is_default(self) -> bool:
        """Normal palette and text size: what the application shows without this theme."""
        return not self.high_contrast and self.zoom == 1.0

    def apply(self, *, high_contrast: bool | None = None, zoom: float | None = None) -> None:
        if high_contrast is not None:
            self.high_contrast = high_contrast
        if zoom is not None:
            self.zoom = min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        if self._base is None and self.is_default():
            return  # nothing was changed yet, and nothing is to be changed
        from PySide6.QtGui import QFont

        base_font, base_palette = self._remember_base()
        self.app.setPalette(high_contrast_palette() if self.high_contrast else base_palette)
        font = QFont(base_font)
        size = base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * self.zoom)
        else:
            font.setPixelSize(max(1, round(base_font.pixelSize() * self.zoom)))
        self.app.setFont(font)
        # No style sheet in the normal look (it slows every widget down); high contrast needs a few rules.
        if self.high_contrast and self._sheet is None:
            self._sheet = read_style_sheet(HIGH_CONTRAST_SHEET)
        self.app.setStyleSheet((self._sheet or "") if self.high_contrast else "")

    def zoom_in(self) -> None:
        self.apply(zoom=next((z for z in ZOOM_STEPS if z > self.zoom + 1e-6), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.apply(zoom=next((z for z in reversed(ZOOM_STEPS) if z < self.zoom - 1e-6), ZOOM_STEPS[0]))


def system_prefers_high_contrast() -> bool:
    """True when the desktop asks for more contrast (Qt 6.10+ exposes it; older Qt: never)."""
    from PySide6.QtCore import Qt  # builds the Qt enum namespace: see start_high_contrast
    from PySide6.QtGui import QGuiApplication

    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    try:
        pref = accessibility().contrastPreference()
        return bool(pref == Qt.ContrastPreference.HighContrast)
    except (AttributeError, RuntimeError):
        return False


def start_high_contrast(prefs: Preferences) -> bool:
    """High contrast for the first paint: the owner's own choice, else what the desktop asked for at the last start.

    Asking Qt what the desktop wants returns a value of the `Qt` namespace, and PySide6 builds all of
    that namespace's enums on its first use (about 25 ms, a fifth of a bare window's start). So the
    answer is remembered, and asked again just after the first paint (`follow_system_contrast`); only
    the very first start asks before it.
    """
    chosen = prefs.get(HIGH_CONTRAST_KEY)
    if chosen is not None:
        return prefs.get_bool(HIGH_CONTRAST_KEY)
    if prefs.get(SYSTEM_CONTRAST_KEY) is None:
        prefs.set(SYSTEM_CONTRAST_KEY, system_prefers_high_contrast())
        prefs.sync()  # written now: an app that is ended before it idles starts the quick way next time too
    return prefs.get_bool(SYSTEM_CONTRAST_KEY)


def follow_system_contrast(prefs: Preferences, theme: Theme) -> bool:
    """After the first paint: when the desktop's wish changed since the last start, remember it and, unless the owner
    chose for themselves, apply it. True when the palette changed."""
    wanted = system_prefers_high_contrast()
    if prefs.get(SYSTEM_CONTRAST_KEY) is not None and prefs.get_bool(SYSTEM_CONTRAST_KEY) == wanted:
        return False
    prefs.set(SYSTEM_CONTRAST_KEY, wanted)
    if prefs.get(HIGH_CONTRAST_KEY) is not None or theme.high_contrast == wanted:
        return False
    theme.apply(high_contrast=wanted)
    return True


def high_contrast_palette() -> QPalette:
    """Black background, white text, yellow selection and cyan links: readable for low vision."""
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    black, white = QColor("#000000"), QColor("#ffffff")
    yellow, cyan = QColor("#ffff00"), QColor("#00ffff")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        pal.setColor(group, QPalette.ColorRole.Window, black)
        pal.setColor(group, QPalette.ColorRole.WindowText, white)
        pal.setColor(group, QPalette.ColorRole.Base, black)
        pal.setColor(group, QPalette.ColorRole.AlternateBase, QColor("#1a1a1a"))
        pal.setColor(group, QPalette.ColorRole.Text, white)
        pal.setColor(group, QPalette.ColorRole.Button, black)
        pal.setColor(group, QPalette.ColorRole.ButtonText, white)
        pal.setColor(group, QPalette.ColorRole.BrightText, yellow)
        pal.setColor(group, QPalette.ColorRole.Highlight, yellow)
        pal.setColor(group, QPalette.ColorRole.HighlightedText, black)
        pal.setColor(group, QPalette.ColorRole.Link, cyan)
        pal.setColor(group, QPalette.ColorRole.LinkVisited, cyan)
        pal.setColor(group, QPalette.ColorRole.ToolTipBase, black)
        pal.setColor(group, QPalette.ColorRole.ToolTipText, white)
        pal.setColor(group, QPalette.ColorRole.PlaceholderText, QColor("#c0c0c0"))
        pal.setColor(group, QPalette.ColorRole.Light, white)
        pal.setColor(group, QPalette.ColorRole.Midlight, QColor("#c0c0c0"))
        pal.setColor(group, QPalette.ColorRole.Mid, QColor("#808080"))
        pal.setColor(group, QPalette.ColorRole.Dark, white)
        pal.setColor(group, QPalette.ColorRole.Shadow, white)
    grey = QColor("#a0a0a0")
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, grey)
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Window, black)
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, black)
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, black)
    return pal


HIGH_CONTRAST_SHEET = "high-contrast.qss"
