"""Evaluate suggestions (or one annotator) against a gold annotator stored in the project:
spans per label, places' normalised country and admin1, casualty values, event frames and
their fields, and (optionally) plain spaCy's spans on the same articles as a baseline."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from annotator.agreement.events import (
    EventComparison,
    FieldAgreement,
    article_type_scores,
    compare_events,
    field_agreement,
)
from annotator.agreement.spans import EXACT, OVERLAP, Score, span_scores
from annotator.core.model import SUGGESTER_ANNOTATOR
from annotator.store import Store

SUGGESTIONS = "suggestions"
DECIDED = ("accepted", "manual")
PLACE_KEYS = ("country", "admin1")
Keyed = tuple[int, int, int, str]  # article, start, end, label


@dataclass(frozen=True)
class Found:
    """How much of one gold subset the other side found (among all its spans of the label),
    and how much of the other side's subset is right (among all of gold's)."""

    found: int
    gold: int
    right: int
    predicted: int

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @classmethod
    def of(cls, recall: Score, precision: Score) -> Found:
        return cls(recall.tp, recall.tp + recall.fn, precision.tp, precision.tp + precision.fp)


@dataclass
class Targets:
    """The measures issue 12 names, each in exact and overlapping boundaries: named
    organisations (gold ACTOR spans marked `generic: false`; the other side's ACTOR spans
    not marked generic) and attackers (gold actor1 arguments; recall only) found as ACTOR."""

    named_actors: dict[str, Found]
    attackers: dict[str, Found]


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
    #: each article's set of event types against the other side's set
    article_types: Score = field(default_factory=lambda: Score(0, 0, 0))
    targets: Targets | None = None
    baseline_exact: dict[str, Score] | None = None
    baseline_overlap: dict[str, Score] | None = None
    baseline_targets: Targets | None = None


@dataclass
class Side:
    """One side's decided spans (with normalised values) and frames, article by article."""

    spans: list[Keyed] = field(default_factory=list)
    values: dict[Keyed, dict[str, Any]] = field(default_factory=dict)
    events: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    #: spans linked as actor1 of one of the side's frames
    attackers: list[Keyed] = field(default_factory=list)

    def actors(self) -> list[Keyed]:
        return [s for s in self.spans if s[3] == "ACTOR"]

    def marked_named(self) -> list[Keyed]:
        """ACTOR spans marked `generic: false`: gold's mark of a named organisation."""
        return [s for s in self.actors() if self.values[s].get("generic") is False]

    def named_actors(self) -> list[Keyed]:
        """ACTOR spans the side does not call generic (a suggester marks generic agents)."""
        return [s for s in self.actors() if self.values[s].get("generic") is not True]


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
        article_type_scores(reference.events, compared.events),
        _targets(reference, compared.actors(), compared.named_actors()),
    )
    if baseline:
        _add_baseline(store, articles, reference, evaluation)
    return evaluation


def _side(store: Store, articles: list[int], annotator: str, statuses: tuple[str, ...]) -> Side:
    side = Side()
    for article in articles:
        by_id = {}
        for span in store.spans(article, annotator=annotator, statuses=statuses):
            key = by_id[span["id"]] = (article, span["start"], span["end"], span["label"])
            side.spans.append(key)
            side.values[key] = span["normalized"] or {}
        side.events[article] = [
            e for e in store.events(article, annotator=annotator) if e["status"] in statuses
        ]
        links = store.arguments_of([e["id"] for e in side.events[article]])
        side.attackers += [
            (*by_id[a["span_id"]][:3], "ACTOR")
            for arguments in links.values()
            for a in arguments
            if a["role"] == "actor1" and a["span_id"] in by_id
        ]
    return side


def _targets(reference: Side, actors: list[Keyed], named: list[Keyed]) -> Targets:
    """Issue 12's measures of one side whose ACTOR spans are `actors`, `named` of them not
    generic."""
    gold_actors, gold_named = reference.actors(), reference.marked_named()
    return Targets(
        {
            mode: Found.of(
                span_scores(gold_named, actors, mode)["*"], span_scores(gold_actors, named, mode)["*"]
            )
            for mode in (EXACT, OVERLAP)
        },
        {
            mode: Found.of(span_scores(reference.attackers, actors, mode)["*"], Score(0, 0, 0))
            for mode in (EXACT, OVERLAP)
        },
    )


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
    actors = [s for s in predicted if s[3] == "ACTOR"]
    evaluation.baseline_targets = _targets(reference, actors, actors)  # spaCy's ORG/NORP are names
