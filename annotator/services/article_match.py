"""Which stored article a peer tool's text annotates, and how its offsets map onto it.

Tried in turn:

1. the stored (cleaned) text exactly: offsets are used as given;
2. the raw text as it was imported, saved with or without a BOM, with CRLF or LF
   (`Store.article_id_for_raw_text`): a peer tool given the file before it was cleaned;
3. the text the peer's text cleans to (`content_hash` of `clean_article(text)`): a raw text
   with other headers or whitespace around the same article.

For 2 and 3 the offsets are mapped from the peer's text onto the stored one by
`core.raw_offsets`, from the record cleaning keeps of its edits; a span in what cleaning
removed (a header line, boilerplate) or across it is reported, never moved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from annotator.core.annotated import FrameRecord, SpanRecord
from annotator.core.cleaning import clean_article, normalise
from annotator.core.errors import FormatError
from annotator.core.raw_offsets import RawOffsets, raw_offsets
from annotator.formats.base import default_ingest_rules
from annotator.store import Store


@dataclass(frozen=True)
class Match:
    """The stored article a text annotates: its id, its stored text, and the map of the
    text's offsets onto the stored one (None: the same text, offsets as given)."""

    article_id: int
    text: str
    offsets: RawOffsets | None = None

    def place(self, span: SpanRecord) -> SpanRecord | str:
        """`span` with offsets into the stored text, or why it has none (a phrase that
        follows `span i` in a message)."""
        if self.offsets is None:
            return span
        raw = self.offsets.raw
        if not 0 <= span.start < span.end <= len(raw):
            return f"[{span.start}, {span.end}) is outside the text (0..{len(raw)} characters)"
        if span.text is not None and raw[span.start : span.end] != span.text:
            return f"text {span.text!r} does not match the article text {raw[span.start : span.end]!r}"
        mapped = self.offsets.span(span.start, span.end)
        if isinstance(mapped, str):
            return f"[{span.start}, {span.end}) {raw[span.start : span.end]!r} {mapped}"
        text = None if span.text is None else normalise(span.text)
        return replace(span, start=mapped[0], end=mapped[1], text=text)

    def place_trigger(self, frame: FrameRecord, n: int) -> FrameRecord | str:
        """Frame `n` with its trigger's offsets into the stored text, or why it has none."""
        start, end = frame.fields.get("trigger_start"), frame.fields.get("trigger_end")
        if self.offsets is None or not isinstance(start, int) or not isinstance(end, int):
            return frame
        placed = self.place(SpanRecord(start, end, "trigger"))
        if isinstance(placed, str):
            return f"event {n}: trigger {placed}"
        fields = {**frame.fields, "trigger_start": placed.start, "trigger_end": placed.end}
        return replace(frame, fields=fields)


def match_article(store: Store, text: str) -> Match | None:
    """The stored article `text` annotates (None: no article has it, cleaned or raw).

    RAISES (FormatError) when `text` is the raw text of an article cleaned on import but
    cleaning it no longer gives that article's text (the cleaning rules changed since), so its
    offsets cannot be mapped: importing it as a new article would duplicate the article. (An
    article a peer's file created keeps its text as given, uncleaned: a copy of it with other
    line ends is not refused.)"""
    article_id = store.article_id_for_text(text)
    if article_id is not None:
        return Match(article_id, text)
    rules = default_ingest_rules()
    article_id = store.article_id_for_raw_text(text)
    if article_id is not None:
        stored = store.article(article_id)
        offsets = raw_offsets(text, stored["text"], rules)
        if offsets is not None:
            return Match(article_id, stored["text"], offsets)
        if stored["raw_text"] != stored["text"]:  # cleaned on import, by other rules than today's
            raise FormatError(
                f"the text is the raw text of article {article_id}, but cleaning it with the current "
                "rules (ingest.toml) no longer gives that article's text, so its offsets cannot be "
                "mapped; annotate the article's cleaned text (export it from the project) instead"
            )
    cleaned = clean_article(text, rules)
    article_id = store.article_id_for_text(cleaned.text)
    return None if article_id is None else Match(article_id, cleaned.text, RawOffsets(text, cleaned))
