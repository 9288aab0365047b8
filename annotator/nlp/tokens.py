"""Token boundaries for snapping a selection to whole tokens (spaCy's English tokenizer).

The text is cut into blocks at whitespace and a block is tokenized only when a boundary in
it is asked for: spaCy splits on whitespace before anything else, so no token crosses a
block's edge and the offsets are those of tokenizing the whole text, at any length (no
`max_length`) and without a whole-text pass on opening."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

BLOCK = 4096  # characters a block reaches before it ends at the next line break or whitespace
SPACE = re.compile(r"\s")
Token = tuple[int, int]


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """spaCy's blank English tokenizer, imported on first use: importing the workspace must
    not cost spaCy's import time."""
    import spacy

    return spacy.blank("en").tokenizer


def block_starts(text: str, size: int = BLOCK) -> list[int]:
    """Where the blocks start: 0, then a whitespace character at least `size` further on (a
    line break within another `size` if there is one)."""
    starts = [0]
    while (target := starts[-1] + size) < len(text):
        cut = text.find("\n", target, target + size)
        if cut == -1:
            space = SPACE.search(text, target)
            if space is None:
                break
            cut = space.start()
        starts.append(cut)
    return starts


class TokenBounds:
    """Start and end offsets (code points) of the tokens of a text, block by block."""

    def __init__(self, text: str, *, block: int = BLOCK) -> None:
        self.text = text
        self.blocks = block_starts(text, block)
        self._tokens: dict[int, tuple[list[int], list[int]]] = {}
        _tokenizer()  # spaCy's import on opening the first article, not on the first key press

    def block_tokens(self, index: int) -> tuple[list[int], list[int]]:
        """(starts, ends) of the tokens of block `index`, tokenized on first use."""
        found = self._tokens.get(index)
        if found is None:
            base = self.blocks[index]
            end = self.blocks[index + 1] if index + 1 < len(self.blocks) else len(self.text)
            doc = _tokenizer()(self.text[base:end])
            found = (
                [base + t.idx for t in doc if not t.is_space],
                [base + t.idx + len(t.text) for t in doc if not t.is_space],
            )
            self._tokens[index] = found
        return found

    def _block_of(self, offset: int) -> int:
        return max(0, min(bisect_right(self.blocks, offset) - 1, len(self.blocks) - 1))

    def _after(self, offset: int, *, ends: bool) -> Token | None:
        """The first token whose end (or start) is after `offset`."""
        for index in range(self._block_of(offset), len(self.blocks)):
            starts, stops = self.block_tokens(index)
            at = bisect_right(stops if ends else starts, offset)
            if at < len(starts):
                return starts[at], stops[at]
        return None

    def _before(self, offset: int, *, ends: bool) -> Token | None:
        """The last token whose end (or start) is before `offset`."""
        for index in range(self._block_of(offset), -1, -1):
            starts, stops = self.block_tokens(index)
            at = bisect_left(stops if ends else starts, offset) - 1
            if at >= 0:
                return starts[at], stops[at]
        return None

    def snap(self, start: int, end: int) -> tuple[int, int] | None:
        """The smallest run of whole tokens covering [start, end); None if it covers none."""
        if end <= start:
            return None
        first = self._after(start, ends=True)  # first token ending after start
        last = self._before(end, ends=False)  # last token starting before end
        if first is None or last is None or first[0] > last[0]:
            return None
        return first[0], last[1]

    def next_boundary(self, offset: int, *, forward: bool, ends: bool) -> int:
        """The nearest token start (or end) after/before `offset`, for boundary adjustment."""
        token = self._after(offset, ends=ends) if forward else self._before(offset, ends=ends)
        if token is None:
            return offset
        return token[1] if ends else token[0]


def doc_text(doc: Doc) -> str:
    """The doc's text, joined once: spaCy joins `Doc.text` from the tokens on every access,
    which per candidate of a long article is quadratic."""
    if _TEXT_KEY not in doc.user_data:
        doc.user_data[_TEXT_KEY] = doc.text
    return doc.user_data[_TEXT_KEY]


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """The doc's entities, built once: spaCy makes new Span objects on every `Doc.ents`."""
    if _ENTS_KEY not in doc.user_data:
        doc.user_data[_ENTS_KEY] = tuple(doc.ents)
    return doc.user_data[_ENTS_KEY]


_TEXT_KEY = "annotator.text"
_ENTS_KEY = "annotator.ents"
