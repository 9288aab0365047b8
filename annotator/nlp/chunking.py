"""Long texts through spaCy in pieces: a pipeline refuses a text past its `max_length`
(1,000,000 characters by default, for the parser's and NER's memory), so longer articles
go through in chunks of whole paragraphs and their offsets are shifted back."""

from __future__ import annotations

from collections.abc import Iterator


def chunks(text: str, limit: int) -> Iterator[tuple[int, str, bool]]:
    """(offset, chunk, last) for `text` cut into chunks of at most `limit` characters, each
    ending at a paragraph break (else a line break, else whitespace) where there is one."""
    base = 0
    while len(text) - base > limit:
        window = text[base : base + limit]
        cut = next((i for sep in ("\n\n", "\n", " ") if (i := window.rfind(sep)) > 0), limit)
        yield base, window[:cut], False
        base += cut
    yield base, text[base:], True
