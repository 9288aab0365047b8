"""Token boundaries for snapping a selection to whole tokens (spaCy's English tokenizer)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """spaCy's blank English tokenizer, imported on first use: importing the workspace must
    not cost spaCy's import time."""
    import spacy

    return spacy.blank("en")


class TokenBounds:
    """Start and end offsets (code points) of the tokens of a text."""

    def __init__(self, text: str) -> None:
        doc = _tokenizer().make_doc(text)
        self.starts = [t.idx for t in doc if not t.is_space]
        self.ends = [t.idx + len(t.text) for t in doc if not t.is_space]

    def snap(self, start: int, end: int) -> tuple[int, int] | None:
        """The smallest run of whole tokens covering [start, end); None if it covers none."""
        if not self.starts or end <= start:
            return None
        first = bisect_right(self.ends, start)  # first token ending after start
        last = bisect_left(self.starts, end) - 1  # last token starting before end
        if first > last:
            return None
        return self.starts[first], self.ends[last]

    def next_boundary(self, offset: int, *, forward: bool, ends: bool) -> int:
        """The nearest token start (or end) after/before `offset`, for boundary adjustment."""
        points = self.ends if ends else self.starts
        if forward:
            index = bisect_right(points, offset)
            return points[index] if index < len(points) else offset
        index = bisect_left(points, offset) - 1
        return points[index] if index >= 0 else offset
