"""Span candidates from each source, and their merge into one stream per article.

Sources: the gazetteer rulers, the rule matchers for dates and casualties, and the
statistical NER (OntoNotes labels mapped to codebook labels by a small registry).
Where a rule and the model disagree on overlapping text, the rule wins; where they agree
exactly, the span's origin names both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

PRIORITY_MODEL = 0
PRIORITY_RULE = 1
PRIORITY_GAZETTEER = 2

#: Words that make an organisation or group name an armed/political actor.
FORCE_NOUNS = frozenset(
    [
        "forces",
        "force",
        "army",
        "police",
        "militia",
        "militias",
        "group",
        "network",
        "brigade",
        "corps",
        "taliban",
        "directorate",
        "guards",
        "guard",
        "commandos",
        "troops",
        "fighters",
        "insurgents",
        "rebels",
        "militants",
        "front",
        "movement",
        "soldiers",
        "gunmen",
        "jihadists",
        "mujahideen",
        "protesters",
        "demonstrators",
        "interpreters",
        "translators",
    ]
)
_LEADING_NOISE = frozenset(
    [
        "the",
        "a",
        "an",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
    ]
)
_TRAILING_NOISE = frozenset(
    [
        "province",
        "provinces",
        "district",
        "districts",
        "city",
        "town",
        "village",
        "region",
        "area",
        "'s",
        "’s",
    ]
)


@dataclass
class Candidate:
    start: int  # character offsets into doc.text
    end: int
    label: str
    origin: str
    priority: int
    score: float
    normalized: dict[str, Any] = field(default_factory=dict)
    token_start: int = 0
    token_end: int = 0
    text: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


def trimmed(span: Span) -> Span | None:
    """The span without leading articles/compass words and trailing 'province', 'district'..."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in _LEADING_NOISE:
        start += 1
    while end > start and span.doc[end - 1].lower_ in _TRAILING_NOISE:
        end -= 1
    return span.doc[start:end] if end > start else None


def candidate(
    span: Span,
    label: str,
    origin: str,
    priority: int,
    score: float,
    normalized: dict[str, Any] | None = None,
) -> Candidate:
    return Candidate(
        span.start_char,
        span.end_char,
        label,
        origin,
        priority,
        score,
        normalized or {},
        span.start,
        span.end,
        span.text,
    )


# -- the model's labels -----------------------------------------------------------------------
ModelMapper = Callable[[Span], tuple[str, Span] | None]
MODEL_LABELS: dict[str, ModelMapper] = {}


def maps(*labels: str) -> Callable[[ModelMapper], ModelMapper]:
    def register(function: ModelMapper) -> ModelMapper:
        for label in labels:
            MODEL_LABELS[label] = function
        return function

    return register


@maps("GPE", "LOC", "FAC")
def _location(span: Span) -> tuple[str, Span] | None:
    core = trimmed(span)
    if core is None or not core.text[:1].isupper():
        return None
    return "LOCATION", core


@maps("PERSON")
def _person(span: Span) -> tuple[str, Span] | None:
    core = trimmed(span)
    if core is None or len(core) > 5 or not core.text[:1].isupper():
        return None
    return "PERSON", core


@maps("DATE", "TIME")
def _date(span: Span) -> tuple[str, Span] | None:
    core = trimmed(span)
    return ("DATE", core) if core is not None else None


@maps("ORG")
def _organisation(span: Span) -> tuple[str, Span] | None:
    """An organisation is an ACTOR only when it names an armed or political force."""
    core = trimmed(span)
    if core is None or core[-1].lower_ not in FORCE_NOUNS:
        return None
    return "ACTOR", core


@maps("NORP")
def _group(span: Span) -> tuple[str, Span] | None:
    """'Afghan' alone is an adjective; 'Afghan troops' is an actor."""
    doc = span.doc
    end = span.end
    while (
        end < len(doc)
        and end - span.end < 3
        and doc[end].is_alpha
        and doc[end].lower_ not in FORCE_NOUNS
        and doc[end].pos_ in {"ADJ", "NOUN", "PROPN"}
    ):
        end += 1
    if end < len(doc) and doc[end].lower_ in FORCE_NOUNS:
        return "ACTOR", doc[span.start : end + 1]
    if span[-1].lower_ in FORCE_NOUNS:
        return "ACTOR", span
    return None


def from_model(doc: Doc, model_label: str, codebook_labels: frozenset[str] = frozenset()) -> list[Candidate]:
    """Entities of the statistical model: OntoNotes labels mapped, codebook labels (a model
    trained on annotator's exports) taken as they are."""
    found = []
    for ent in doc.ents:
        if ent.label_ in codebook_labels:
            found.append(candidate(ent, ent.label_, f"model:{model_label}", PRIORITY_MODEL, 0.7))
            continue
        mapper = MODEL_LABELS.get(ent.label_)
        mapped = mapper(ent) if mapper else None
        if mapped:
            label, span = mapped
            found.append(candidate(span, label, f"model:{model_label}:{ent.label_}", PRIORITY_MODEL, 0.6))
    return found


# -- merging ----------------------------------------------------------------------------------
#: Labels resolved in one layer (no overlaps among them); CASUALTY is a layer of its own,
#: since a count phrase contains its victims ("dozens of Afghan security forces").
LAYERS = ({"ACTOR", "PERSON", "LOCATION", "DATE", "WEAPON"}, {"CASUALTY"})


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """One stream: per layer, higher priority then longer spans win overlaps."""
    merged: list[Candidate] = []
    for layer in LAYERS:
        chosen: list[Candidate] = []
        ordered = sorted(
            (c for c in candidates if c.label in layer),
            key=lambda c: (-c.priority, -c.length, c.start),
        )
        for cand in ordered:
            clash = next((c for c in chosen if c.overlaps(cand)), None)
            if clash is None:
                chosen.append(cand)
            elif (clash.start, clash.end, clash.label) == (cand.start, cand.end, cand.label):
                _agree(clash, cand)
        merged.extend(chosen)
    return sorted(merged, key=lambda c: (c.start, c.end, c.label))


def _agree(kept: Candidate, other: Candidate) -> None:
    """Both a rule and the model found exactly this span: say so, raise the score."""
    sources = kept.origin.split("+")
    if other.origin not in sources:
        kept.origin = "+".join([*sources, other.origin])
        kept.score = max(kept.score, 0.95)
        for key, value in other.normalized.items():
            kept.normalized.setdefault(key, value)
