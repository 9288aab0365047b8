"""Spans on spaCy's tokens, for the exports that need token boundaries (DocBin, Prodigy).

One rule and one report for both: a span is taken as written when it starts and ends on token
boundaries; else it is widened to the tokens it touches (`alignment_mode="expand"`) and counted
as `spans_expanded_to_token_boundaries`; a span that touches no token, or only whitespace
tokens (a line break), cannot be placed on tokens: it is counted as `spans_not_alignable` and
named in a note (`article ID: span [START, END) LABEL 'TEXT' covers no token`).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from annotator.core.annotated import AnnotatedArticle


def aligned(doc: Doc, start: int, end: int, label: str, counts: Counter[str]) -> Span | None:
    """The tokens of [start, end): exact, else widened to the tokens it touches (counted);
    None when it touches none."""
    span, expanded = _tokens(doc, start, end, label)
    counts["spans_expanded_to_token_boundaries"] += expanded and span is not None
    return span


def token_span(
    doc: Doc,
    article: AnnotatedArticle,
    start: int,
    end: int,
    label: str,
    counts: Counter[str],
    notes: list[str],
) -> Span | None:
    """`aligned`, or None for a span that covers no token but whitespace: counted as
    `spans_not_alignable` (and not as expanded) with a note naming the article and the span."""
    span, expanded = _tokens(doc, start, end, label)
    if span is None or all(token.is_space for token in span):
        counts["spans_not_alignable"] += 1
        notes.append(
            f"article {article.meta.get('id')}: span [{start}, {end}) "
            f"{label} {article.text[start:end]!r} covers no token"
        )
        return None
    counts["spans_expanded_to_token_boundaries"] += expanded
    return span


def _tokens(doc: Doc, start: int, end: int, label: str) -> tuple[Span | None, bool]:
    """The span on tokens and whether it had to be widened to reach their boundaries."""
    span = doc.char_span(start, end, label=label, alignment_mode="strict")
    if span is not None:
        return span, False
    return doc.char_span(start, end, label=label, alignment_mode="expand"), True
