"""Reading one annotator's finished work out of the store for export."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.nlp.runner import SUGGESTER_ANNOTATOR
from annotator.store import Store

DECIDED = ("accepted", "manual")
GOLD = "gold"


def collect(
    store: Store, annotator: str, *, include: str = "accepted", only_done: bool = True
) -> Iterator[AnnotatedArticle]:
    """Articles with `annotator`'s accepted/manual spans and frames (plus, with include=
    'suggested', the suggestions they have not decided on). Only articles they marked done,
    unless `only_done` is False."""
    if include not in {"accepted", "suggested"}:
        raise ValueError(f"--include takes 'accepted' or 'suggested', not '{include}'")
    if annotator not in {a["name"] for a in store.annotators()}:
        raise ValueError(f"no annotator named '{annotator}' in {store.path}")
    for article_id in store.article_ids():
        if only_done and store.status(article_id, annotator) != "done":
            continue
        yield _article(store, article_id, annotator, include)


def _article(store: Store, article_id: int, annotator: str, include: str) -> AnnotatedArticle:
    row = store.article(article_id)
    own = store.spans(article_id, annotator=annotator, statuses=DECIDED)
    rows = list(own)
    if include == "suggested":
        decided = {(s["start"], s["end"]) for s in store.spans(article_id, annotator=annotator)}
        rows += [s for s in _suggestions(store, article_id) if (s["start"], s["end"]) not in decided]
    rows.sort(key=lambda s: (s["start"], s["end"], s["label"]))
    index = {s["id"]: i for i, s in enumerate(rows)}
    spans = [
        SpanRecord(s["start"], s["end"], s["label"], s["normalized"], s["status"], s["origin"]) for s in rows
    ]
    statuses = DECIDED + (("suggested",) if include == "suggested" else ())
    events = [e for e in store.events(article_id, annotator=annotator) if e["status"] in statuses]
    frames = [_frame(store, event, index) for event in events]
    meta = {
        "id": article_id,
        "content_hash": row["content_hash"],
        "title": row["title"],
        "source": row["source"],
        "url": row["url"],
        "published_at": row["published_at"],
    }
    return AnnotatedArticle(row["text"], spans, frames, meta)


def _suggestions(store: Store, article_id: int) -> list[dict[str, Any]]:
    if SUGGESTER_ANNOTATOR not in {a["name"] for a in store.annotators()}:
        return []
    return store.spans(article_id, annotator=SUGGESTER_ANNOTATOR, statuses=["suggested"])


def _frame(store: Store, event: dict[str, Any], index: dict[int, int]) -> FrameRecord:
    fields = {
        k: v
        for k, v in event.items()
        if k not in {"id", "article_id", "annotator_id", "created_at", "updated_at", "reasons"}
    }
    roles: dict[str, list[int]] = {}
    for argument in store.arguments(event["id"]):
        if argument["span_id"] in index:
            roles.setdefault(argument["role"], []).append(index[argument["span_id"]])
    return FrameRecord(fields, roles)
