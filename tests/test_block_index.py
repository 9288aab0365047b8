"""The per-block span index gives what comparing every span with every block gives, its blocks
are Qt's, and the view paints the spans on screen (and only those) under the text."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QColor, QTextDocument

from annotator.core.offsets import Utf16Map
from annotator.workspace.block_index import BlockIndex, overlapping

CHARS = st.sampled_from(["a", "b", " ", "\n", "\r", "\u2029", "\u2028", "😀", "𝔸", "é", "ب"])
TEXT = st.lists(CHARS, max_size=60).map("".join).filter(lambda t: "\r\n" not in t)  # cleaned away


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def spans_of(text: str, data: st.DataObject) -> list[Span]:
    if not text:
        return []
    pairs = data.draw(st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, 12)), max_size=20))
    return sorted({Span(s, min(len(text), s + n)) for s, n in pairs}, key=lambda x: (x.start, -x.end))


def naive_pieces(text: str, spans: list[Span], block: int) -> list[tuple[Span, int, int]]:
    """Every span against the block, counted in UTF-16 units from the block's first one."""
    lines = text.replace("\u2029", "\n").replace("\r", "\n").split("\n")
    start = sum(len(line) + 1 for line in lines[:block])
    end = start + len(lines[block])
    base = len(text[:start].encode("utf-16-le")) // 2
    out = []
    for span in spans:
        left, right = max(span.start, start), min(span.end, end)
        if left < right:
            u16 = [len(text[:i].encode("utf-16-le")) // 2 - base for i in (left, right)]
            out.append((span, *u16))
    return out


@given(TEXT, st.data())
def test_the_pieces_of_each_block_equal_comparing_every_span_with_it(text, data) -> None:
    spans = spans_of(text, data)
    index = BlockIndex(text)
    longest = max((s.end - s.start for s in spans), default=0)
    assert index.count == sum(text.count(c) for c in "\n\r\u2029") + 1
    for block in range(index.count):
        assert index.pieces(spans, longest, block) == naive_pieces(text, spans, block)


@given(TEXT, st.data())
def test_overlapping_equals_a_scan_and_an_upper_bound_of_lengths_is_enough(text, data) -> None:
    spans = spans_of(text, data)
    longest = max((s.end - s.start for s in spans), default=0) + data.draw(st.integers(0, 5))
    start = data.draw(st.integers(0, max(0, len(text))))
    end = data.draw(st.integers(start, len(text) + 1))
    assert overlapping(spans, longest, start, end) == [s for s in spans if s.start < end and start < s.end]


@given(TEXT)
def test_the_blocks_are_the_ones_qt_makes(qapp, text) -> None:
    document = QTextDocument()
    document.setPlainText(text)
    index = BlockIndex(text, Utf16Map(text))
    block, positions = document.begin(), []
    while block.isValid():
        positions.append(block.position())
        block = block.next()
    assert [index.position(b) for b in range(index.count)] == positions


def test_the_view_paints_the_spans_on_screen_under_the_text_and_only_those(qtbot, window) -> None:
    view = window.view
    state = window.session.state
    first, last = view.visible_range()
    shown = view.highlighted(first, last)
    assert shown and all(s.start < last and first < s.end for s in shown)
    span = next(s for s in shown if s.is_suggestion and s.key != view.selected)
    rect = view.text_rects(span.start, span.end)[0]
    image = view.viewport().grab().toImage()
    colour = QColor(window.codebook.label(span.label).color)
    line = [
        image.pixelColor(int(rect.left()) + x, int(rect.bottom()) - 1)
        for x in range(2, int(rect.width()) - 2)
    ]
    assert any(abs(p.hue() - colour.hue()) < 25 and p.saturation() > 40 for p in line)  # the dashed underline
    assert len(view.extraSelections()) <= 1  # the selected span only: no text format per span
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    later = view.visible_range()
    assert view.highlighted(*later) == [s for s in state.spans if s.start < later[1] and later[0] < s.end]
