"""Dates again once an article's publication date is set: its relative DATE spans (the
suggester's undecided ones and the analyst's own) are resolved anew with the suggester's own
normaliser (`nlp.normalise.dates.resolve_date`, plain Python, no spaCy), and the frames that
use them follow. A suggested frame that found no resolvable date takes the first one now
resolvable in its trigger's sentence or the one before, as the drafter does."""

from __future__ import annotations

import re
from typing import Any

from annotator.nlp.normalise.dates import local_publication_date, resolve_date
from annotator.store import Store
from annotator.workspace import frames as frame_rules
from annotator.workspace.state import ArticleState

#: the suggester's future markers (`nlp.suggester.FUTURE_MARKERS`): weekdays then resolve forwards
FUTURE = re.compile(r"\b(?:will|shall)\b|['’]ll\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+|\n+")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds by punctuation and line breaks (the drafter's doc is not at hand)."""
    bounds, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds or [(0, len(text))]


def _sentence_of(bounds: list[tuple[int, int]], offset: int) -> int:
    return next((i for i, (_, end) in enumerate(bounds) if offset < end), len(bounds) - 1)


def redate(store: Store, state: ArticleState, annotator: str, published_at: str | None) -> None:
    """Write the re-resolved DATE values and the frames' dates (inside the caller's batch)."""
    text = state.text
    bounds = sentences(text)
    for span in state.spans:
        if span.label != "DATE":
            continue
        start, end = bounds[_sentence_of(bounds, span.start)]
        future = bool(FUTURE.search(text[start:end]))
        old = span.normalized or {}
        value = resolve_date(text[span.start : span.end], published_at, future=future).as_json()
        if old.get("rule") == "unrecognised" or (not old and value["rule"] == "unrecognised"):
            continue  # nothing the normaliser knows: leave what the analyst has
        new = {**old, **value}
        if new != old:
            store.update_span(span.id, annotator, normalized=new)
    latest = local_publication_date(published_at)
    for frame in state.frames:
        if frame.roles.get("date"):
            linked = [store.span(i) for i in frame.roles["date"]]
        elif frame.is_suggestion and frame.fields.get("trigger_start") is not None:
            found = _nearest_date(store, state, bounds, frame.fields["trigger_start"], latest)
            if found is None:
                continue
            store.add_argument(frame.id, "date", found["id"], annotator)
            linked = [found]
        else:
            continue
        values = frame_rules.filled_from("date", linked, text)
        if any(frame.fields.get(k) != v for k, v in values.items()):
            store.update_event(frame.id, annotator, **values)


def _nearest_date(
    store: Store, state: ArticleState, bounds: list[tuple[int, int]], trigger: int, latest: Any
) -> dict[str, Any] | None:
    """The first resolved suggested DATE in the trigger's sentence, else the one before, never
    after publication (`nlp.events._date`)."""
    here = _sentence_of(bounds, trigger)
    for index in (here, here - 1):
        if index < 0:
            continue
        start, end = bounds[index]
        for span in state.spans:
            if span.label != "DATE" or not span.is_suggestion or not start <= span.start < end:
                continue
            row = store.span(span.id)
            iso = (row.get("normalized") or {}).get("iso")
            if iso and (latest is None or iso <= latest.isoformat()):
                return row
    return None
