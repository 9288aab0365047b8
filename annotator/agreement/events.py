"""Aligning event frames between two annotations, and how well they agree.

Frames of one article are matched one-to-one, best first, on trigger overlap, then
trigger proximity, then agreeing type, date and location."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.agreement.spans import Score

NEAR_CHARS = 200  # triggers this close may describe the same incident


def pair_score(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
    """How strongly two frames of one article look like the same event (0: not at all)."""
    a_start, a_end, b_start, b_end = (
        a.get("trigger_start"),
        a.get("trigger_end"),
        b.get("trigger_start"),
        b.get("trigger_end"),
    )
    if None in (a_start, a_end, b_start, b_end):
        anchor = 0.5
    elif a_start < b_end and b_start < a_end:
        anchor = 3.0
    else:
        gap = max(a_start, b_start) - min(a_end, b_end)
        anchor = 1.0 - gap / NEAR_CHARS if gap < NEAR_CHARS else 0.0
    if anchor == 0.0:
        return 0.0
    agree = sum(
        0.5
        for key in ("event_type", "event_date", "location")
        if a.get(key) is not None and a.get(key) == b.get(key)
    )
    return anchor + agree


def _same_trigger(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return a.get("trigger_start") is not None and (a.get("trigger_start"), a.get("trigger_end")) == (
        b.get("trigger_start"),
        b.get("trigger_end"),
    )


def align(first: Sequence[Mapping[str, Any]], second: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """Optimal one-to-one pairs (i, j) maximising the total pair score (Hungarian method)."""
    if not first or not second:
        return []
    if len(first) == len(second) and all(_same_trigger(a, b) for a, b in zip(first, second, strict=True)):
        return [(i, i) for i in range(len(first))]  # the same frames in the same order
    from scipy.optimize import linear_sum_assignment

    weights = [[pair_score(a, b) for b in second] for a in first]
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if weights[i][j] > 0]


@dataclass(frozen=True)
class EventComparison:
    detection: Score
    type_matches: int
    sub_type_matches: int
    pairs: int

    @property
    def type_accuracy(self) -> float:
        return self.type_matches / self.pairs if self.pairs else 0.0

    @property
    def sub_type_accuracy(self) -> float:
        return self.sub_type_matches / self.pairs if self.pairs else 0.0


Frames = Sequence[Mapping[str, Any]]


def aligned(
    gold: Mapping[object, Frames], predicted: Mapping[object, Frames]
) -> Iterator[tuple[Frames, Frames, list[tuple[int, int]]]]:
    """Article by article: gold's frames, the predicted ones and their aligned pairs."""
    for key in set(gold) | set(predicted):
        g, p = gold.get(key, []), predicted.get(key, [])
        yield g, p, align(g, p)


def article_type_scores(
    gold: Mapping[object, Sequence[Mapping[str, Any]]],
    predicted: Mapping[object, Sequence[Mapping[str, Any]]],
) -> Score:
    """Event types article by article, as a reader of the article would count them: each
    article's set of gold types against its set of predicted types (frames left aside)."""
    tp = fp = fn = 0
    for key in set(gold) | set(predicted):
        wanted = {e.get("event_type") for e in gold.get(key, ())} - {None, ""}
        found = {e.get("event_type") for e in predicted.get(key, ())} - {None, ""}
        tp, fp, fn = tp + len(wanted & found), fp + len(found - wanted), fn + len(wanted - found)
    return Score(tp, fp, fn)


def compare_events(
    gold: Mapping[object, Sequence[Mapping[str, Any]]],
    predicted: Mapping[object, Sequence[Mapping[str, Any]]],
) -> EventComparison:
    """Detection P/R/F1 and type accuracy over aligned frames, article by article."""
    tp = fp = fn = types = subs = 0
    for g, p, pairs in aligned(gold, predicted):
        tp += len(pairs)
        fn += len(g) - len(pairs)
        fp += len(p) - len(pairs)
        types += sum(g[i].get("event_type") == p[j].get("event_type") for i, j in pairs)
        subs += sum(g[i].get("sub_event_type") == p[j].get("sub_event_type") for i, j in pairs)
    return EventComparison(Score(tp, fp, fn), types, subs, tp)


#: Frame fields compared between aligned frames: who, where, when, how many.
COMPARED_FIELDS = (
    "event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "event_date",
    "fatalities",
)


#: What an empty field means: a frame without a death count codes 0 fatalities (ACLED).
EMPTY_MEANS = {"fatalities": 0}


@dataclass(frozen=True)
class FieldAgreement:
    """Of the aligned frame pairs whose gold frame gives the field, how many agree on it."""

    matches: int
    compared: int

    @property
    def accuracy(self) -> float:
        return self.matches / self.compared if self.compared else 0.0


def field_agreement(
    gold: Mapping[object, Sequence[Mapping[str, Any]]],
    predicted: Mapping[object, Sequence[Mapping[str, Any]]],
    fields: Sequence[str] = COMPARED_FIELDS,
) -> dict[str, FieldAgreement]:
    """Per field, agreement on aligned frames where gold has a value (a missing prediction
    is a miss, except where `EMPTY_MEANS` says what empty codes); text compared without case
    and surrounding space, actors by identity (`actor_names`), numbers as numbers."""
    matches = dict.fromkeys(fields, 0)
    compared = dict.fromkeys(fields, 0)
    for g, p, pairs in aligned(gold, predicted):
        for i, j in pairs:
            for name in fields:
                if g[i].get(name) in (None, ""):
                    continue
                compared[name] += 1
                predicted_value = p[j].get(name)
                if predicted_value is None:
                    predicted_value = EMPTY_MEANS.get(name)
                matches[name] += _same_value(
                    g[i].get(name), predicted_value, name, (g[i].get("country"), p[j].get("country"))
                )
    return {name: FieldAgreement(matches[name], compared[name]) for name in fields}


#: Fields naming an actor: compared by the actor's identity (`actor_names`), not its spelling.
ACTOR_FIELDS = frozenset({"actor1", "actor2", "assoc_actor_1", "assoc_actor_2"})

#: ACLED's period of a state force ("Military Forces of Mali (2021-)") and what follows it
#: (a unit: "... (2022-) Police Service of Northern Ireland").
_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\).*$")
_ALIAS = re.compile(r"^(?P<name>[^()]+)\((?P<alias>[^()]+)\)$")


def actor_names(name: str, country: str | None = None) -> frozenset[str]:
    """The names one ACLED actor string gives its actor, without case or apostrophes: the
    whole name before a state force's period, each part of "ACRONYM: Full name" ("RSF: Rapid
    Support Forces" is also "rsf" and "rapid support forces") and of "Name (alias)" unless
    the brackets hold the frame's `country` ("Civilians (Mali)" stays one name)."""
    base = _PERIOD.sub("", name).replace("'", "").replace("\u2019", "").casefold().strip()
    names = {base}
    names.update(part.strip() for part in base.split(":") if part.strip())
    alias = _ALIAS.match(base)
    if alias and alias["alias"].strip() != (country or "").casefold().strip():
        names.update({alias["name"].strip(), alias["alias"].strip()})
    return frozenset(names)


def _same_value(a: Any, b: Any, name: str = "", countries: tuple[Any, Any] = (None, None)) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        if name in ACTOR_FIELDS:
            return bool(actor_names(a, countries[0]) & actor_names(b, countries[1]))
        return a.strip().casefold() == b.strip().casefold()
    return a == b
