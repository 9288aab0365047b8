"""Gazetteer hits (from the SpanRulers) as candidates, with names shared by several places
resolved: the word after the name ("province", "district", "city") decides, then a province
named in the article, then the more precise kind of place."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span

from annotator.nlp.candidates import PRIORITY_GAZETTEER, Candidate, candidate
from annotator.nlp.gazetteer import Entry, Gazetteer
from annotator.nlp.pipeline import GAZETTEER_KEY

_KIND_WORDS = {
    "province": "province",
    "provinces": "province",
    "district": "district",
    "districts": "district",
    "city": "city",
    "town": "town",
    "village": "village",
    "capital": "city",
}
_PREFERENCE = {
    "city": 0,
    "town": 0,
    "village": 0,
    "site": 0,
    "district": 1,
    "province": 2,
    "country": 3,
}


def from_gazetteer(doc: Doc, gazetteer: Gazetteer) -> list[Candidate]:
    hits: dict[tuple[int, int], list[tuple[Span, Entry]]] = defaultdict(list)
    for span in doc.spans.get(GAZETTEER_KEY, []):
        entry = gazetteer.entry(span.id_)
        if entry is not None and _case_fits(span, entry) and _context_fits(span, entry):
            hits[(span.start, span.end)].append((span, entry))
    provinces_named = {
        e.data.get("admin1") for group in hits.values() for _, e in group if e.data.get("type") == "province"
    }
    found = []
    for group in hits.values():
        span, entry = min(group, key=lambda hit: _rank(hit, provinces_named))
        found.append(
            candidate(
                span,
                span.label_,
                f"gazetteer:{span.id_}",
                PRIORITY_GAZETTEER,
                1.0,
                entry.normalised(),
            )
        )
    return found


def _case_fits(span: Span, entry: Entry) -> bool:
    """Names written with a capital in the gazetteer must start with one in the text;
    generic agents ('Protesters', 'Civilians') are common nouns, written either way."""
    if entry.data.get("generic"):
        return True
    forms = [form for form, _ in entry.names() if form.lower() == span.text.lower()]
    if not forms:
        return True
    return any(not form[:1].isupper() or span.text[:1].isupper() for form in forms)


def _context_fits(span: Span, entry: Entry) -> bool:
    """Names that are also ordinary words ('Reg', 'Farsi') need a place context."""
    if not entry.data.get("ambiguous"):
        return True
    doc = span.doc
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    preceding = doc[span.start - 1].lower_ if span.start > 0 else ""
    return following in _KIND_WORDS or preceding in {"in", "near", "of", "from", "to", "at"}


def _rank(hit: tuple[Span, Entry], provinces_named: set[str | None]) -> tuple[int, int, int]:
    span, entry = hit
    kind = entry.data.get("type", "")
    following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    stated = _KIND_WORDS.get(following)
    kind_mismatch = 0 if stated is None or stated == kind or (stated == "city" and kind == "town") else 1
    province_unnamed = 0 if entry.data.get("admin1") in provinces_named else 1
    return kind_mismatch, province_unnamed, _PREFERENCE.get(kind, 4)
