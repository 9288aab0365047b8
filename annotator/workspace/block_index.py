"""Which spans lie in which paragraph block of the text, as a text view lays it out: a view
paints the spans of the blocks on screen only, whatever the length of the article.

Blocks are what `QTextDocument.setPlainText` makes of a text: a new block after every line
feed, carriage return and paragraph separator (U+2029); a line separator (U+2028) stays inside
its block. (Qt reads "\r\n" as one break of one character; stored texts have none, import
cleaning turns them into "\n".)
Positions in a block are UTF-16 units, as Qt counts them; spans arrive in code points, sorted
by start (`ArticleState.spans`), and are found by bisection over that order: O(log n + k) for
the k spans of a block, nothing rebuilt when an action changes a few spans."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Protocol

from annotator.core.offsets import Utf16Map

BLOCK_BREAK = re.compile("[\r\n\u2029]")


class Ranged(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


Piece = tuple[Ranged, int, int]  # a span and the UTF-16 range it covers in a block, block-relative


class BlockIndex:
    def __init__(self, text: str, offsets: Utf16Map | None = None) -> None:
        self.length = len(text)
        self.offsets = offsets or Utf16Map(text)
        #: code-point offset where each block starts
        self.starts = [0, *(m.end() for m in BLOCK_BREAK.finditer(text))]

    @property
    def count(self) -> int:
        return len(self.starts)

    def block_of(self, offset: int) -> int:
        """The block holding code point `offset` (a block break belongs to the block it ends)."""
        return bisect_right(self.starts, offset) - 1

    def bounds(self, block: int) -> tuple[int, int]:
        """(start, end) of a block's text in code points, its break excluded."""
        start = self.starts[block]
        end = self.starts[block + 1] - 1 if block + 1 < len(self.starts) else self.length
        return start, end

    def position(self, block: int) -> int:
        """Where the block starts in UTF-16 units (`QTextBlock.position()`)."""
        return self.offsets.to_utf16(self.starts[block])

    def pieces(self, spans: Sequence[Ranged], longest: int, block: int) -> list[Piece]:
        """The spans sharing a character with `block`, each with the UTF-16 range [start, end)
        it covers there, relative to the block's start. `longest` is at least the length of
        the longest span (`ArticleState.longest`)."""
        start, end = self.bounds(block)
        base = self.position(block)
        pieces = []
        for span in overlapping(spans, longest, start, end):
            left, right = max(span.start, start), min(span.end, end)
            if left < right:
                pieces.append((span, self.offsets.to_utf16(left) - base, self.offsets.to_utf16(right) - base))
        return pieces


def overlapping(spans: Sequence[Ranged], longest: int, start: int, end: int) -> list[Ranged]:
    """The spans (sorted by start; none longer than `longest`) sharing a character with
    [start, end), in their order: only those starting in [start - longest, end) are looked at."""
    low = bisect_left(spans, start - longest, key=_start)
    high = bisect_left(spans, end, key=_start)
    return [s for s in spans[low:high] if s.end > start and s.start < end]


def _start(span: Ranged) -> int:
    return span.start
