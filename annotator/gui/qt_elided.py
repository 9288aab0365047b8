"""A one-line label that never widens its window: a text longer than the room it is given is
drawn cut with "…" and shown whole in its tooltip (`text()` is always the whole text)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MINIMUM_CHARACTERS = 6  # what the label still shows when squeezed: a start and "…"


class ElidedLabel(QLabel):
    """Plain text, one line, elided at the right; asks for its whole width but needs little."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, wants: int | None = None) -> None:
        """`wants`: at most this many characters' width asked for (more if the layout gives it)."""
        super().__init__(parent)
        self.wants = wants
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.wants is None:
            return hint
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * self.wants), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        room = self.fontMetrics().averageCharWidth() * MINIMUM_CHARACTERS
        margins = self.contentsMargins()
        return QSize(min(hint.width(), room + margins.left() + margins.right()), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )


HEADING_CHARACTERS = 120


def heading(title: str | None, text: str | None) -> str:
    """What an article is called on screen: its title, else its first line of text (trimmed
    and cut with "…"), never "(untitled)"."""
    if title and title.strip():
        return title.strip()
    first = next((line.strip() for line in (text or "").splitlines() if line.strip()), "")
    if len(first) > HEADING_CHARACTERS:
        first = first[: HEADING_CHARACTERS - 1].rstrip() + "…"
    return first or "(empty article)"
