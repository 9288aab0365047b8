"""Offsets in code points (Python, SQLite, spaCy) against offsets in UTF-16 units (Qt).

Characters outside the Basic Multilingual Plane (emoji, some scripts) take two UTF-16 units
but one code point; everything else (Pashto, Dari, combining marks) takes one of each.
"""

from __future__ import annotations

import re
from bisect import bisect_left

ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts offsets of one text between code points and UTF-16 units in O(log n)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        #: code-point index of every astral character
        self._astral = [m.start() for m in ASTRAL.finditer(text)]  # a C scan: long texts
        #: UTF-16 index of every astral character
        self._astral16 = [cp + k for k, cp in enumerate(self._astral)]

    def to_utf16(self, offset: int) -> int:
        """UTF-16 offset of code-point offset `offset`."""
        return offset + bisect_left(self._astral, offset)

    def to_codepoint(self, offset16: int) -> int:
        """Code-point offset of UTF-16 offset `offset16` (inside a surrogate pair: its start)."""
        before = bisect_left(self._astral16, offset16)
        if before and self._astral16[before - 1] + 1 == offset16:
            return self._astral[before - 1]  # between the two halves of a pair
        return offset16 - before

    @property
    def utf16_length(self) -> int:
        return self.to_utf16(self.length)
