"""The article text with its spans and event frames drawn over it.

Accepted and manual spans get a solid fill in their label's colour, suggestions a light
fill and a dashed underline; the selected span a strong outline colour. Overlapping spans
stack their fills, so nested spans stay readable. The fills are painted under the text, for
the spans on screen only (found by bisection, `workspace.block_index`), so a 20,000-span
article paints what a short one does; only the selected span is a text format of Qt's.

Every frame's trigger has a style of its own, distinct from the entity fills: a box in the
trigger colour, bold for the annotator's frames, lighter and dashed for suggested ones. The
selected frame's trigger and role spans get a strong outline with a small tag under each
("trigger · Battles", "actor1", "location") drawn in the space left between lines; clicking a
trigger selects its frame, selecting a frame scrolls its trigger into view. Offsets arrive in
code points and are converted to Qt's UTF-16 positions through `Utf16Map`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from annotator.core.codebook import Codebook
from annotator.core.offsets import Utf16Map
from annotator.workspace.block_index import BlockIndex, overlapping
from annotator.workspace.state import ArticleState, FrameItem, SpanItem

Key = tuple[str, int]
Mark = tuple[str, int, int]  # role ('trigger' for the trigger), start, end in code points

TRIGGER_COLOUR = "#00838f"  # teal: no entity label uses it
TAG_SPACE = 13  # pixels left under every line for the role tags
TAG_POINT_SIZE = 7


class PreparedText(NamedTuple):
    """What showing a new text takes, built where `prepared_text` is called (a worker thread)."""

    text: str
    document: QTextDocument
    offsets: Utf16Map
    blocks: BlockIndex


def prepared_text(text: str, font: QFont) -> PreparedText:
    """The text as the view shows it, with room left under every line for the role tags, and
    its offset maps.

    The document is built in one insert with the spacing already in the cursor's block
    format, so every block is created with it (a later merge over the whole document costs as
    much again as the text), and without a layout, so a worker thread can build it while the
    GUI thread goes on; `QtArticleView.adopt` takes it over. Blocks split where
    `setPlainText`'s do."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setDefaultFont(font)
    spacing = QTextBlockFormat()
    spacing.setLineHeight(TAG_SPACE, QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value)
    cursor = QTextCursor(document)
    cursor.setBlockFormat(spacing)
    cursor.insertText(text)
    offsets = Utf16Map(text)
    return PreparedText(text, document, offsets, BlockIndex(text, offsets))


class QtArticleView(QTextEdit):
    """Read-only text; emits `span_clicked` and `trigger_clicked` and reports selections in
    code points. `locate(span_id)` gives (start, end) of a role's span that is not on screen
    (a suggestion the annotator has already decided on)."""

    span_clicked = Signal(object)  # Key of the span
    trigger_clicked = Signal(object)  # Key of the frame

    def __init__(
        self,
        codebook: Codebook,
        parent: QWidget | None = None,
        *,
        locate: Callable[[int], tuple[int, int] | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.codebook = codebook
        self.locate = locate
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setMouseTracking(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSize(max(font.pointSize(), 11))
        self.setFont(font)
        self.tag_font = QFont(font)
        self.tag_font.setPointSize(TAG_POINT_SIZE)
        self.state: ArticleState | None = None
        self.offsets = Utf16Map("")
        self.blocks = BlockIndex("", self.offsets)
        self.selected: Key | None = None
        self.frame_key: Key | None = None  # the selected frame
        self.armed = False  # a role field waits for a click on a span
        self._text_id: int | None = None
        self._bold: tuple[tuple[int, int], ...] = ()
        self._marks: tuple[FrameItem | None, list[Mark]] = (None, [])
        self._ready: PreparedText | None = None  # built off the GUI thread, not shown yet

    # -- showing --------------------------------------------------------------------------
    def show_state(self, state: ArticleState, selected: Key | None, frame: Key | None = None) -> None:
        if self._text_id != state.article["id"] or self.state is None or self.state.text != state.text:
            self._show_text(state.text)
            self._text_id = state.article["id"]
        self.state = state
        self.selected = selected if selected and state.span(selected) else None
        self.frame_key = frame if frame and state.frame(frame) else None
        self._paint()

    def select(self, key: Key | None) -> None:
        if key != self.selected:  # drawn selected already (show_state): only scroll to it
            self.selected = key
            self._paint()
        span = self.state.span(key) if (self.state and key) else None
        if span is not None:
            cursor = self.textCursor()
            cursor.setPosition(self.offsets.to_utf16(span.start))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def select_frame(self, key: Key | None) -> None:
        """Mark this frame's trigger and roles and scroll its trigger into view."""
        frame = self.state.frame(key) if (self.state and key) else None
        self.frame_key = frame.key if frame else None
        self.viewport().update()
        trigger = trigger_of(frame) if frame else None
        if trigger is not None:
            self.scroll_to(trigger[0])

    def scroll_to(self, offset: int) -> None:
        """Scroll (without moving the text cursor) so the text at `offset` and its tag show."""
        rect = self.cursorRect(self._cursor(offset))
        height = self.viewport().height()
        if rect.top() < 0 or rect.bottom() + TAG_SPACE > height:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.center().y() - height // 3)

    def adopt(self, prepared: PreparedText) -> None:
        """Show `prepared` (its document moved to the GUI thread) when its text is shown next;
        until then it waits, and a newer one replaces it."""
        if self._ready is not None:
            self._ready.document.deleteLater()
        prepared.document.setParent(self)
        self._ready = prepared

    def _show_text(self, text: str) -> None:
        ready, self._ready = self._ready, None
        if ready is None or ready.text != text:
            if ready is not None:
                ready.document.deleteLater()
            ready = prepared_text(text, self.font())
        shown = self.document()
        ours = shown.parent() is self  # setDocument deletes only the editor's own first one
        ready.document.setParent(self)
        self.setDocument(ready.document)
        if ours:
            shown.deleteLater()
        self.offsets, self.blocks = ready.offsets, ready.blocks
        self._bold = ()

    def _paint(self) -> None:
        """Redraw what is on screen; the selected span is the one text format (white text)."""
        if self.state is None:
            return
        chosen = self.state.span(self.selected) if self.selected else None
        self.setExtraSelections([self._selection(chosen)] if chosen else [])
        self._embolden()
        self.viewport().update()

    def highlighted(self, start: int = 0, end: int | None = None) -> list[SpanItem]:
        """The spans painted when the text [start, end) is on screen (all: the whole text)."""
        if self.state is None:
            return []
        end = self.offsets.length if end is None else end
        return overlapping(self.state.spans, self.state.longest, start, end)  # type: ignore[return-value]

    def visible_range(self) -> tuple[int, int]:
        """The text on screen, (start, end) in code points. The corner's hit is bounded by the
        blocks that reach the bottom of the screen: while Qt is still laying a long document
        out, a point below what it has laid out hits the end of the text."""
        corner = QPoint(self.viewport().width(), self.viewport().height())
        first = self.offset_at(QPoint(0, 0))
        return first, min(self.offsets.length, self.offset_at(corner) + 1, self._end_of_screen(first))

    def _end_of_screen(self, first: int) -> int:
        """Where the last block on screen ends, from the block at `first` down (code points)."""
        layout = self.document().documentLayout()
        bottom = self.verticalScrollBar().value() + self.viewport().height()
        block = self.document().findBlock(self.offsets.to_utf16(first))
        while block.next().isValid() and layout.blockBoundingRect(block).bottom() < bottom:
            block = block.next()
        if not block.isValid():
            return self.offsets.length
        return self.offsets.to_codepoint(min(block.position() + block.length(), self.offsets.utf16_length))

    def _embolden(self) -> None:
        """The annotator's own triggers in bold (a document format, not a span highlight);
        only the triggers that changed weight are formatted, never the whole document."""
        assert self.state is not None
        bold = tuple(
            sorted(t for f in self.state.frames if not f.is_suggestion and (t := trigger_of(f)) is not None)
        )
        if bold == self._bold:
            return
        bar = self.verticalScrollBar().value()
        gone = set(self._bold) - set(bold)
        weight = QTextCharFormat()
        weight.setFontWeight(QFont.Weight.Normal)
        for start, end in gone:
            self._cursor(start, end).mergeCharFormat(weight)
        weight.setFontWeight(QFont.Weight.Bold)
        for start, end in bold:  # new ones, and those sharing text with one no longer bold
            if (start, end) not in self._bold or any(s < end and start < e for s, e in gone):
                self._cursor(start, end).mergeCharFormat(weight)
        self._bold = bold
        self.verticalScrollBar().setValue(bar)

    def _cursor(self, start: int, end: int | None = None) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        if end is not None:
            cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

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
        selection.cursor = self._cursor(span.start, span.end)
        selection.format = fmt
        return selection

    # -- frames in the text ---------------------------------------------------------------
    def triggers(self) -> list[tuple[Key, int, int]]:
        """Every frame's trigger on screen: (frame key, start, end) in code points."""
        if self.state is None:
            return []
        return [(f.key, *t) for f in self.state.frames if (t := trigger_of(f)) is not None]

    def trigger_at(self, offset: int) -> Key | None:
        """The frame whose trigger holds `offset` (the selected frame first, then the shortest)."""
        hits = [
            (key != self.frame_key, end - start, key)
            for key, start, end in self.triggers()
            if start <= offset < end
        ]
        return min(hits)[2] if hits else None

    def marked_roles(self) -> list[Mark]:
        """What is marked for the selected frame: ('trigger', start, end) and (role, start, end)
        for each linked span, in code points, in text order."""
        frame = self.state.frame(self.frame_key) if (self.state and self.frame_key) else None
        if frame is None:
            return []
        if self._marks[0] is frame:  # painting asks often; the frame item is new on every change
            return list(self._marks[1])
        marks: list[Mark] = []
        trigger = trigger_of(frame)
        if trigger is not None:
            marks.append(("trigger", *trigger))
        for role, span_ids in frame.roles.items():
            for span_id in span_ids:
                where = self._span_range(span_id)
                if where is not None:
                    marks.append((role, *where))
        marks.sort(key=lambda m: (m[1], m[2], m[0]))
        self._marks = (frame, marks)
        return list(marks)

    def _span_range(self, span_id: int) -> tuple[int, int] | None:
        assert self.state is not None
        span = self.state.span(("mine", span_id)) or self.state.span(("suggestion", span_id))
        if span is not None:
            return span.start, span.end
        return self.locate(span_id) if self.locate else None

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.state is None:
            super().paintEvent(event)
            return
        first, last = self.visible_range()
        painter = QPainter(self.viewport())
        self._paint_spans(painter, first, last)  # under the text
        painter.end()
        super().paintEvent(event)
        if not self.state.frames:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(TRIGGER_COLOUR)
        for key, start, end in self.triggers():
            if key == self.frame_key or not (start < last and first < end):
                continue
            suggested = key[0] == "suggestion"
            pen = QPen(QColor(colour.red(), colour.green(), colour.blue(), 150 if suggested else 255))
            pen.setWidthF(1.2 if suggested else 1.6)
            pen.setStyle(Qt.PenStyle.DashLine if suggested else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect in self.text_rects(start, end):
                painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), 3, 3)
        self._paint_selected_frame(painter, colour)
        painter.end()

    def _paint_spans(self, painter: QPainter, first: int, last: int) -> None:
        """The fills and underlines of the spans on screen but the selected one (a text format)."""
        for span in self.highlighted(first, last):
            if span.key == self.selected:
                continue
            colour = QColor(self.codebook.label(span.label).color)
            fill = QColor(colour)
            fill.setAlpha(45 if span.is_suggestion else 110)
            rects = self.text_rects(span.start, span.end)
            for rect in rects:
                painter.fillRect(rect, fill)
            if span.is_suggestion:
                pen = QPen(colour)
                pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                for rect in rects:
                    painter.drawLine(
                        QPointF(rect.left(), rect.bottom() - 1), QPointF(rect.right(), rect.bottom() - 1)
                    )

    def _paint_selected_frame(self, painter: QPainter, colour: QColor) -> None:
        marks = self.marked_roles()
        frame = self.state.frame(self.frame_key) if (self.state and self.frame_key) else None
        if frame is None:
            return
        metrics = QFontMetricsF(self.tag_font)
        placed: list[QRectF] = []
        for role, start, end in marks:
            rects = self.text_rects(start, end)
            if not rects:
                continue
            pen = QPen(colour)
            pen.setWidthF(2.4)
            painter.setPen(pen)
            fill = QColor(colour)
            fill.setAlpha(40 if role == "trigger" else 0)
            painter.setBrush(fill)
            for rect in rects:
                painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)
            text = role
            if role == "trigger":
                kind = frame.fields.get("event_type")
                text = f"trigger · {kind}" if kind else "trigger"
                if frame.is_suggestion:
                    text += " (suggested)"
            first = rects[0]
            tag = QRectF(
                first.left() - 2, first.bottom() + 1.5, metrics.horizontalAdvance(text) + 8, TAG_SPACE - 3
            )
            while any(tag.intersects(other) for other in placed):
                tag.moveLeft(max(o.right() for o in placed if tag.intersects(o)) + 3)
            placed.append(tag)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(tag, 3, 3)
            painter.setPen(QColor("white"))
            painter.setFont(self.tag_font)
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)

    def text_rects(self, start: int, end: int) -> list[QRectF]:
        """The rectangles (one per line) the text [start, end) covers, in viewport pixels."""
        first, last = self.offsets.to_utf16(start), self.offsets.to_utf16(end)
        shift = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        rects: list[QRectF] = []
        block = self.document().findBlock(first)
        while block.isValid() and block.position() <= last:
            layout = block.layout()
            origin = layout.position() + shift
            base = block.position()
            for index in range(layout.lineCount()):
                line = layout.lineAt(index)
                line_start = base + line.textStart()
                line_end = line_start + line.textLength()
                left, right = max(first, line_start), min(last, line_end)
                if left >= right:
                    continue
                x1 = line.cursorToX(left - base)[0]
                x2 = line.cursorToX(right - base)[0]
                rects.append(QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height()))
            block = block.next()
        return rects

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
        hits = self.highlighted(offset, offset + 1)
        return sorted(hits, key=lambda s: s.end - s.start)  # innermost first

    def offset_at(self, point: QPoint) -> int:
        return self.offsets.to_codepoint(self.cursorForPosition(point).position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        offset = self.offset_at(event.position().toPoint())
        trigger = self.trigger_at(offset)
        if trigger is not None:
            self.trigger_clicked.emit(trigger)
        hits = self.spans_at(offset)
        if hits:
            self.span_clicked.emit(hits[0].key)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        offset = self.offset_at(event.position().toPoint())
        hits = self.spans_at(offset)
        trigger = self.trigger_at(offset)
        frame = self.state.frame(trigger) if (self.state and trigger) else None
        parts = ([trigger_tooltip(frame)] if frame else []) + ([tooltip(hits)] if hits else [])
        if parts:
            QToolTip.showText(event.globalPosition().toPoint(), "<hr>".join(parts), self)
        else:
            QToolTip.hideText()


def trigger_of(frame: FrameItem) -> tuple[int, int] | None:
    """A frame's trigger (start, end) in code points, or None if it has none."""
    start, end = frame.fields.get("trigger_start"), frame.fields.get("trigger_end")
    if start is None or end is None or not start < end:
        return None
    return int(start), int(end)


def trigger_tooltip(frame: FrameItem) -> str:
    kind = "suggested frame" if frame.is_suggestion else "frame"
    what = frame.fields.get("sub_event_type") or frame.fields.get("event_type") or "no type yet"
    return f"<b>trigger</b> of a {kind}: {html.escape(str(what))}<br>click to select the frame"


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
