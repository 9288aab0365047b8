"""The article text with its spans drawn over it.

Accepted and manual spans get a solid fill in their label's colour, suggestions a light
fill and a dashed underline; the selected span a strong outline colour. Overlapping spans
stack their fills, so nested spans stay readable. Offsets arrive in code points and are
converted to Qt's UTF-16 positions through `Utf16Map`.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.core.codebook import Codebook
from annotator.core.offsets import Utf16Map
from annotator.workspace.state import ArticleState, SpanItem

Key = tuple[str, int]


class QtArticleView(QPlainTextEdit):
    """Read-only text; emits `span_clicked` and reports selections in code points."""

    span_clicked = Signal(object)  # Key

    def __init__(self, codebook: Codebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codebook = codebook
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setMouseTracking(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSize(max(font.pointSize(), 11))
        self.setFont(font)
        self.state: ArticleState | None = None
        self.offsets = Utf16Map("")
        self.selected: Key | None = None
        self.armed = False  # a role field waits for a click on a span
        self._text_id: int | None = None

    # -- showing --------------------------------------------------------------------------
    def show_state(self, state: ArticleState, selected: Key | None) -> None:
        if self._text_id != state.article["id"] or self.state is None or self.state.text != state.text:
            self.setPlainText(state.text)
            self.offsets = Utf16Map(state.text)
            self._text_id = state.article["id"]
        self.state = state
        self.selected = selected if selected and state.span(selected) else None
        self._paint()

    def select(self, key: Key | None) -> None:
        self.selected = key
        self._paint()
        span = self.state.span(key) if (self.state and key) else None
        if span is not None:
            cursor = self.textCursor()
            cursor.setPosition(self.offsets.to_utf16(span.start))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def _paint(self) -> None:
        if self.state is None:
            return
        selections = [self._selection(span) for span in self.state.spans]
        self.setExtraSelections(selections)

    def _selection(self, span: SpanItem) -> QTextEdit.ExtraSelection:
        colour = QColor(self.codebook.label(span.label).color)
        chosen = span.key == self.selected
        fmt = QTextCharFormat()
        fill = QColor(colour)
        fill.setAlpha(200 if chosen else (45 if span.is_suggestion else 110))
        fmt.setBackground(fill)
        fmt.setUnderlineColor(colour)
        if span.is_suggestion:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        elif chosen:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        if chosen:
            fmt.setForeground(QColor("white"))
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(span.start))
        cursor.setPosition(self.offsets.to_utf16(span.end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    # -- reading the user's selection and clicks ------------------------------------------
    def selection_range(self) -> tuple[int, int] | None:
        """The selected text in code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (
            self.offsets.to_codepoint(cursor.selectionStart()),
            self.offsets.to_codepoint(cursor.selectionEnd()),
        )

    def select_range(self, start: int, end: int) -> None:
        """Select text by code points (what a mouse drag does), for keyboard users and tests."""
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def spans_at(self, offset: int) -> list[SpanItem]:
        if self.state is None:
            return []
        hits = [s for s in self.state.spans if s.start <= offset < s.end]
        return sorted(hits, key=lambda s: s.end - s.start)  # innermost first

    def offset_at(self, point: QPoint) -> int:
        return self.offsets.to_codepoint(self.cursorForPosition(point).position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        hits = self.spans_at(self.offset_at(event.position().toPoint()))
        if hits:
            self.span_clicked.emit(hits[0].key)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        hits = self.spans_at(self.offset_at(event.position().toPoint()))
        if hits:
            QToolTip.showText(event.globalPosition().toPoint(), tooltip(hits), self)
        else:
            QToolTip.hideText()


def tooltip(spans: list[SpanItem]) -> str:
    """Label, status, origin and normalised value of the spans under the pointer."""
    parts = []
    for span in spans:
        kind = "suggestion" if span.is_suggestion else span.status
        value = json.dumps(span.normalized, ensure_ascii=False, indent=1) if span.normalized else "—"
        score = f", score {span.score:.2f}" if span.score is not None else ""
        parts.append(
            f"<b>{span.label}</b> ({kind}{score})<br>origin: {span.origin or 'annotator'}<pre>{value}</pre>"
        )
    return "<hr>".join(parts)
