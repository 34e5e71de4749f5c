"""Small widgets that draw their emphasis from the palette (no style sheet): focus marks, boxes, error text.

The app sets no style sheet in its normal look: Qt's style-sheet engine makes every widget slower to
polish and paint, and a wizard step has to fit in one frame. Everything here follows the palette,
so the high-contrast palette and dark desktops work without extra rules.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QThread
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget


def is_dark(palette: QPalette) -> bool:
    """True for a dark window background (then light accents are used)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def focus_colour(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Highlight)


def draw_focus_frame(widget: QWidget, painter: QPainter, width: float = 2.0, radius: float = 4.0) -> None:
    """A clear frame in the highlight colour around the widget (for keyboard focus)."""
    pen = QPen(focus_colour(widget.palette()), width)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = width / 2
    painter.drawRoundedRect(QRectF(widget.rect()).adjusted(inset, inset, -inset, -inset), radius, radius)


class TextLabel(QLabel):
    """A word-wrapping label that remembers its height per width until its text changes.

    Qt's layouts ask a wrapping label for its height at the same width several times while laying out
    a page, and each question lays out the whole text again; long texts (a summary with twenty
    obligations) then cost several milliseconds per page.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[int, int] = {}
        self._hints: dict[str, QSize] = {}
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        if text != self.text():
            self._forget()
            super().setText(text)

    def setWordWrap(self, on: bool) -> None:
        self._forget()
        super().setWordWrap(on)

    def setTextFormat(self, fmt: Qt.TextFormat) -> None:
        self._forget()
        super().setTextFormat(fmt)

    def _forget(self) -> None:
        self._heights.clear()
        self._hints.clear()

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def sizeHint(self) -> QSize:
        # QLabel looks for a "nice" width by laying the text out at trial widths; for a long wrapping text a
        # line of about 80 characters is the nice width, and the height follows from it (cached like the rest).
        hint = self._hints.get("size")
        if hint is None:
            if not self.wordWrap() or len(self.text()) < 80:
                hint = super().sizeHint()
            else:
                margins = self.contentsMargins()
                width = self.fontMetrics().averageCharWidth() * 80 + margins.left() + margins.right()
                hint = QSize(width, self.heightForWidth(width))
            self._hints["size"] = hint
        return hint

    def minimumSizeHint(self) -> QSize:
        # QLabel lays a wrapping text out at its narrowest (one word a line) to find its minimum; for a
        # long text 20 characters by one line is minimum enough (the height comes from heightForWidth).
        hint = self._hints.get("minimum")
        if hint is None:
            if not self.wordWrap() or len(self.text()) < 80:
                hint = super().minimumSizeHint()
            else:
                margins = self.contentsMargins()
                metrics = self.fontMetrics()
                hint = QSize(metrics.averageCharWidth() * 20 + margins.left() + margins.right(),
                             metrics.lineSpacing() + margins.top() + margins.bottom())
            self._hints["minimum"] = hint
        return hint

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange):
            self._forget()
        super().changeEvent(event)


class FocusLabel(TextLabel):
    """A label that can take keyboard focus (the question, a page title) and shows it with a frame."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw_focus_frame(self, painter, 1.5, 3.0)


class Box(QFrame):
    """A framed block on a slightly different background (conclusion, set-aside answers, notices)."""

    def __init__(self, parent: QWidget | None = None, dashed: bool = False) -> None:
        super().__init__(parent)
        self.dashed = dashed
        self.setAutoFillBackground(not dashed)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        colour = pal.color(QPalette.ColorRole.WindowText if is_dark(pal) else QPalette.ColorRole.Mid)
        pen = QPen(colour, 2.0 if is_dark(pal) else 1.0)
        if self.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)


class NoticeLabel(QLabel):
    """A remark above a question: text on the alternate background with a bar in the highlight colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setContentsMargins(12, 6, 6, 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.fillRect(0, 0, 4, self.height(), focus_colour(self.palette()))


class ErrorLabel(TextLabel):
    """A message about what is wrong: bold, dark red on light backgrounds, yellow on dark ones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.message = ""

    def set_message(self, text: str) -> None:
        """Show a plain-text message ('' empties the label)."""
        self.message = text
        colour = "#ffff00" if is_dark(self.palette()) else "#a4000f"
        lines = "<br>".join(html.escape(line) for line in text.split("\n"))
        self.setText(f'<b style="color: {colour}">{lines}</b>' if text else "")
        self.setAccessibleName(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self.message:
            self.set_message(self.message)
        super().changeEvent(event)


def bold(label: QLabel) -> QLabel:
    """Make a label's text bold (keeps following the application's text size)."""
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def enter_button(parent: QWidget, name: str = "") -> QPushButton:
    """A push button that Enter activates when it has focus (also outside dialogs)."""
    button = QPushButton(parent)
    button.setAutoDefault(True)
    if name:
        button.setObjectName(name)
    return button


def start_worker(owner: QObject, worker: QObject, name: str, *, on_progress: Callable[..., None],
                 on_success: Callable[..., None], on_failure: Callable[..., None],
                 on_finished: Callable[[], None]) -> QThread:
    """Run `worker.run` in a new QThread owned by `owner`; the worker has progress/succeeded/failed signals.

    The thread quits when the worker succeeds or fails; `on_finished` runs when the thread has ended.
    """
    thread = QThread(owner)
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)  # type: ignore[attr-defined]
    worker.progress.connect(on_progress)  # type: ignore[attr-defined]
    worker.succeeded.connect(on_success)  # type: ignore[attr-defined]
    worker.failed.connect(on_failure)  # type: ignore[attr-defined]
    worker.succeeded.connect(thread.quit)  # type: ignore[attr-defined]
    worker.failed.connect(thread.quit)  # type: ignore[attr-defined]
    thread.finished.connect(on_finished)
    thread.start()
    return thread
