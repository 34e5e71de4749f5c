"""Look and readability: the Fusion style, an optional high-contrast palette, text size and the app's style sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from algoinventaris.ui.resources import read_style_sheet

ZOOM_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)


class Theme:
    """Applies style, palette and text size to the whole application; remembers the base font."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.base_font = QFont(app.font())
        self.base_palette = QPalette(app.palette())
        self.high_contrast = False
        self.zoom = 1.0
        self._sheet = read_style_sheet(HIGH_CONTRAST_SHEET)

    def apply(self, *, high_contrast: bool | None = None, zoom: float | None = None) -> None:
        if high_contrast is not None:
            self.high_contrast = high_contrast
        if zoom is not None:
            self.zoom = min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        self.app.setPalette(high_contrast_palette() if self.high_contrast else self.base_palette)
        font = QFont(self.base_font)
        size = self.base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * self.zoom)
        else:
            font.setPixelSize(max(1, round(self.base_font.pixelSize() * self.zoom)))
        self.app.setFont(font)
        # No style sheet in the normal look (it slows every widget down); high contrast needs a few rules.
        self.app.setStyleSheet(self._sheet if self.high_contrast else "")

    def zoom_in(self) -> None:
        self.apply(zoom=next((z for z in ZOOM_STEPS if z > self.zoom + 1e-6), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.apply(zoom=next((z for z in reversed(ZOOM_STEPS) if z < self.zoom - 1e-6), ZOOM_STEPS[0]))


def system_prefers_high_contrast() -> bool:
    """True when the desktop asks for more contrast (Qt 6.10+ exposes it; older Qt: never)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    try:
        pref = accessibility().contrastPreference()
        return bool(pref == Qt.ContrastPreference.HighContrast)
    except (AttributeError, RuntimeError):
        return False


def high_contrast_palette() -> QPalette:
    """Black background, white text, yellow selection and cyan links: readable for low vision."""
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
