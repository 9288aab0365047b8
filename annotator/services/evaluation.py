"""Evaluate suggestions (or one annotator) against a gold annotator stored in the project:
spans per label, places' normalised country and admin1, casualty values, event frames and
their fields, and (optionally) plain spaCy's spans on the same articles as a baseline."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from annotator.agreement.events import EventComparison, FieldAgreement, compare_events, field_agreement
from annotator.agreement.spans import EXACT, OVERLAP, Score, span_scores
from annotator.core.model import SUGGESTER_ANNOTATOR
from annotator.store import Store

SUGGESTIONS = "suggestions"
DECIDED = ("accepted", "manual")
PLACE_KEYS = ("country", "admin1")


@dataclass
class Evaluation:
    articles: int
    exact: dict[str, Score]
    overlap: dict[str, Score]
    events: EventComparison
    fields: dict[str, FieldAgreement] = field(default_factory=dict)
    #: normalised place keys (country, admin1) on LOCATION spans found with gold's boundaries
    places: dict[str, FieldAgreement] = field(default_factory=dict)
    #: outcome and fatalities on CASUALTY spans found with gold's boundaries
    casualties: dict[str, FieldAgreement] = field(default_factory=dict)
    baseline_exact: dict[str, Score] | None = None
    baseline_overlap: dict[str, Score] | None = None


@dataclass
class Side:
    """One side's decided spans (with normalised values) and frames, article by article."""

    spans: list[tuple[int, int, int, str]] = field(default_factory=list)
    values: dict[tuple[int, int, int, str], dict[str, Any]] = field(default_factory=dict)
    events: dict[int, list[dict[str, Any]]] = field(default_factory=dict)


def evaluate(store: Store, gold: str, against: str = SUGGESTIONS, *, baseline: bool = False) -> Evaluation:
    """Compare `against` ("suggestions" or an annotator name) with annotator `gold` on the
    articles gold has annotated; with `baseline`, plain spaCy on the same texts too.

    RAISES (UnknownAnnotatorError): `gold` or `against` names no annotator of the project;
    (ModelNotFoundError): `baseline` without a pretrained pipeline installed.
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
    reference = _side(store, articles, gold, DECIDED)
    compared = _side(store, articles, other, statuses) if ran else _side(store, [], other, statuses)
    for article in articles:
        compared.events.setdefault(article, [])
    evaluation = Evaluation(
        len(articles),
        span_scores(reference.spans, compared.spans, EXACT),
        span_scores(reference.spans, compared.spans, OVERLAP),
        compare_events(reference.events, compared.events),
        field_agreement(reference.events, compared.events),
        _value_agreement(reference, compared, "LOCATION", PLACE_KEYS, _place_value),
        _value_agreement(reference, compared, "CASUALTY", ("outcome", "fatalities"), _plain_value),
    )
    if baseline:
        _add_baseline(store, articles, reference, evaluation)
    return evaluation


def _side(store: Store, articles: list[int], annotator: str, statuses: tuple[str, ...]) -> Side:
    side = Side()
    for article in articles:
        for span in store.spans(article, annotator=annotator, statuses=statuses):
            key = (article, span["start"], span["end"], span["label"])
            side.spans.append(key)
            side.values[key] = span["normalized"] or {}
        side.events[article] = [
            e for e in store.events(article, annotator=annotator) if e["status"] in statuses
        ]
    return side


def _value_agreement(
    reference: Side, compared: Side, label: str, keys: tuple[str, ...], value_of: Any
) -> dict[str, FieldAgreement]:
    """Per key, of the gold `label` spans giving it that the other side found with the same
    boundaries, how many carry the same normalised value."""
    agreement = {}
    for key in keys:
        matches = total = 0
        for span in reference.spans:
            gold_value = value_of(reference.values[span], key)
            if span[3] != label or gold_value is None or span not in compared.values:
                continue
            total += 1
            matches += value_of(compared.values[span], key) == gold_value
        agreement[key] = FieldAgreement(matches, total)
    return agreement


def _plain_value(normalized: dict[str, Any], key: str) -> Any:
    return normalized.get(key)


def _place_value(normalized: dict[str, Any], key: str) -> str | None:
    """A place key compared without case; a country by its ISO code whether given as a
    name or a code ("Nigeria", "NG", "NGA")."""
    value = normalized.get(key)
    if not isinstance(value, str) or not value.strip():
        return None
    if key == "country":
        return country_code(value)
    return value.strip().casefold()


@lru_cache(maxsize=1024)
def country_code(value: str) -> str:
    """ISO alpha-2 of a country given by name or code (pycountry's lookup scans every
    country, so each value is looked up once); else the value without case."""
    import pycountry

    try:
        return pycountry.countries.lookup(value.strip()).alpha_2
    except LookupError:
        return value.strip().casefold()


def _add_baseline(store: Store, articles: list[int], reference: Side, evaluation: Evaluation) -> None:
    from annotator.nlp.baseline import baseline_spans

    texts = [store.article(a)["text"] for a in articles]
    predicted = [
        (article, start, end, label)
        for article, spans in zip(articles, baseline_spans(texts), strict=True)
        for start, end, label in spans
    ]
    evaluation.baseline_exact = span_scores(reference.spans, predicted, EXACT)
    evaluation.baseline_overlap = span_scores(reference.spans, predicted, OVERLAP)
