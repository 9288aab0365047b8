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

from annotator.nlp.organisations import ACTING_SCORE, UNKNOWN_SCORE, acts, is_institution
from annotator.nlp.place_context import kind_follows

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
#: Words before a name that make it a place rather than an organisation that acts.
PLACE_PREPOSITIONS = frozenset(
    {"in", "near", "at", "outside", "into", "across", "towards", "toward", "around"}
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
#: A mapper gives the codebook label and span, and optionally a score other than MODEL_SCORE.
ModelMapper = Callable[[Span], tuple[str, Span] | tuple[str, Span, float] | None]
MODEL_SCORE = 0.6
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
    """A person, unless a place's kind word follows the name or a settlement's precedes it
    ('in Bannang Sata district', 'the village of Tegh'), which the small model calls PERSON."""
    core = trimmed(span)
    if core is None or len(core) > 5 or not core.text[:1].isupper():
        return None
    return ("LOCATION" if kind_follows(core) else "PERSON"), core


@maps("DATE", "TIME")
def _date(span: Span) -> tuple[str, Span] | None:
    core = trimmed(span)
    return ("DATE", core) if core is not None else None


@maps("ORG")
def _organisation(span: Span) -> tuple[str, Span] | tuple[str, Span, float] | None:
    """An organisation is an ACTOR when its name ends in a force ('... Army'), a force
    follows it ('ELN fighters'), or else with a lower score, lowest when nothing in the
    context says it acts; an institution (a ministry, a news agency, a company) is none."""
    core = trimmed(span)
    if core is None:
        return None
    if core[-1].lower_ in FORCE_NOUNS:
        return "ACTOR", core
    if is_institution(core):
        return None
    doc = core.doc
    if core.end < len(doc) and doc[core.end].lower_ in FORCE_NOUNS:
        return "ACTOR", doc[core.start : core.end + 1]
    if acts(core):
        return "ACTOR", core, ACTING_SCORE
    if core.start > 0 and doc[core.start - 1].lower_ in PLACE_PREPOSITIONS:
        return None  # "in Arauca": a place the model took for an organisation
    return "ACTOR", core, UNKNOWN_SCORE


@maps("NORP")
def _group(span: Span) -> tuple[str, Span] | tuple[str, Span, float] | None:
    """'Afghan' alone is an adjective; 'Afghan troops' is an actor, and so are 'the Fulani'
    when they attack."""
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
    core = trimmed(span)
    if core is not None and acts(core, as_modifier=False):
        return "ACTOR", core, ACTING_SCORE
    return None


def from_model(doc: Doc, model_label: str, codebook_labels: frozenset[str] = frozenset()) -> list[Candidate]:
    """Entities of the statistical model: OntoNotes labels mapped, other codebook labels (a
    model trained on annotator's exports) taken as they are; PERSON and DATE, in both, are
    mapped ('in X district' is a place whatever the model calls it)."""
    found = []
    for ent in doc.ents:
        if ent.label_ in codebook_labels and ent.label_ not in MODEL_LABELS:
            found.append(candidate(ent, ent.label_, f"model:{model_label}", PRIORITY_MODEL, 0.7))
            continue
        mapper = MODEL_LABELS.get(ent.label_)
        mapped = mapper(ent) if mapper else None
        if mapped:
            label, span, *score = mapped
            origin = f"model:{model_label}:{ent.label_}"
            found.append(candidate(span, label, origin, PRIORITY_MODEL, score[0] if score else MODEL_SCORE))
    return _acting_elsewhere(found)


def _acting_elsewhere(found: list[Candidate]) -> list[Candidate]:
    """An organisation whose context says nothing is kept only when the same name acts
    elsewhere in the article ('The ELN attacked …; talks with the ELN stalled')."""
    acting = {c.text.lower() for c in found if c.label == "ACTOR" and c.score > UNKNOWN_SCORE}
    return [c for c in found if c.score != UNKNOWN_SCORE or c.text.lower() in acting]


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
