"""Domain records shared by the layers: statuses, articles, spans and event-frame fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

#: The annotator under which the suggester's spans and draft frames are stored.
SUGGESTER_ANNOTATOR = "suggester"
#: The annotator holding the reviewed gold standard (review writes it, `export --gold` reads it).
GOLD = "gold"
#: The origin of an annotator's frame taken from a suggested one: SUGGESTION_ORIGIN + its event id
SUGGESTION_ORIGIN = "suggestion:"


class SpanStatus(StrEnum):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    MANUAL = "manual"


class ArticleState(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


class ArticleFlag(StrEnum):
    """Why an article needs the analyst's attention before coding."""

    NO_PUBLICATION_DATE = "no_publication_date"


#: The ACLED-style event frame, in codebook order. Types are the store's column types.
EVENT_FIELDS: dict[str, type] = {
    "trigger_start": int,
    "trigger_end": int,
    "trigger_text": str,
    "event_type": str,
    "sub_event_type": str,
    "event_date": str,
    "time_precision": int,
    "actor1": str,
    "inter1": int,
    "assoc_actor_1": str,
    "assoc_inter_1": int,
    "actor2": str,
    "inter2": int,
    "assoc_actor_2": str,
    "assoc_inter_2": int,
    "civilian_targeting": int,
    "country": str,
    "admin1": str,
    "admin2": str,
    "admin3": str,
    "location": str,
    "latitude": float,
    "longitude": float,
    "geo_precision": int,
    "fatalities": int,
    "fatalities_low": int,
    "fatalities_high": int,
    "fatalities_rule": str,
    "fatalities_override_reason": str,
    "injuries": int,
    "notes": str,
    "source": str,
    "status": str,
    "same_as": int,
    "origin": str,
    "confidence": float,
}


@dataclass
class ArticleRecord:
    """One article as read from an input file, before it is stored.

    `text` is the cleaned text annotations point into; `raw_text` is the input, whole.
    `origin` names the file (and line) it came from, for error messages.
    """

    raw_text: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published_at: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    origin: str = ""
