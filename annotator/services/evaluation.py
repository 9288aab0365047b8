"""Evaluate suggestions (or one annotator) against a gold annotator stored in the project."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.agreement.events import EventComparison, compare_events
from annotator.agreement.spans import EXACT, OVERLAP, Score, span_scores
from annotator.core.model import SUGGESTER_ANNOTATOR
from annotator.store import Store

SUGGESTIONS = "suggestions"
DECIDED = ("accepted", "manual")


@dataclass
class Evaluation:
    articles: int
    exact: dict[str, Score]
    overlap: dict[str, Score]
    events: EventComparison


def evaluate(store: Store, gold: str, against: str = SUGGESTIONS) -> Evaluation:
    """Compare `against` ("suggestions" or an annotator name) with annotator `gold` on the
    articles gold has annotated.

    RAISES (UnknownAnnotatorError): `gold` or `against` names no annotator of the project.
    """
    store.known_annotator_id(gold)  # before any work; the message lists the known annotators
    other, statuses = (SUGGESTER_ANNOTATOR, ("suggested",)) if against == SUGGESTIONS else (against, DECIDED)
    if other != SUGGESTER_ANNOTATOR:
        store.known_annotator_id(other)
    # suggestions never run: an explicit empty side, every figure is zero
    ran = other in {a["name"] for a in store.annotators()}
    articles = [
        a for a in store.article_ids() if store.spans(a, annotator=gold) or store.events(a, annotator=gold)
    ]
    gold_spans, other_spans = [], []
    gold_events: dict[int, list[dict[str, Any]]] = {}
    other_events: dict[int, list[dict[str, Any]]] = {}
    for article in articles:
        gold_spans += [
            (article, s["start"], s["end"], s["label"])
            for s in store.spans(article, annotator=gold, statuses=DECIDED)
        ]
        gold_events[article] = [e for e in store.events(article, annotator=gold) if e["status"] in DECIDED]
        other_events[article] = []
        if ran:
            other_spans += [
                (article, s["start"], s["end"], s["label"])
                for s in store.spans(article, annotator=other, statuses=statuses)
            ]
            other_events[article] = [
                e for e in store.events(article, annotator=other) if e["status"] in statuses
            ]
    return Evaluation(
        len(articles),
        span_scores(gold_spans, other_spans, EXACT),
        span_scores(gold_spans, other_spans, OVERLAP),
        compare_events(gold_events, other_events),
    )
