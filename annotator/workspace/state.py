"""What one annotator sees of one article: their own spans and frames, plus the machine's
suggestions they have not decided on yet. Plain data, read in one go (also off the GUI thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.model import SUGGESTER_ANNOTATOR
from annotator.store import Store

SUGGESTION = "suggestion"
MINE = "mine"


class _Owned:
    """Key and kind shared by spans and frames on screen: ('mine'|'suggestion', id)."""

    owner: str
    id: int

    @property
    def key(self) -> tuple[str, int]:
        return (self.owner, self.id)

    @property
    def is_suggestion(self) -> bool:
        return self.owner == SUGGESTION


@dataclass(frozen=True)
class SpanItem(_Owned):
    """A span on screen. `key` is stable within an article view: ('mine'|'suggestion', id)."""

    owner: str
    id: int
    start: int
    end: int
    label: str
    status: str
    origin: str | None
    score: float | None
    normalized: dict[str, Any] | None


@dataclass(frozen=True)
class FrameItem(_Owned):
    owner: str
    id: int
    fields: dict[str, Any]
    roles: dict[str, list[int]]  # role -> span ids (of this frame's owner, or suggestions)
    reasons: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleState:
    article: dict[str, Any]
    spans: list[SpanItem]
    frames: list[FrameItem]
    status: str
    seconds: float

    @property
    def text(self) -> str:
        return self.article["text"]

    def span(self, key: tuple[str, int]) -> SpanItem | None:
        return next((s for s in self.spans if s.key == key), None)

    def frame(self, key: tuple[str, int]) -> FrameItem | None:
        return next((f for f in self.frames if f.key == key), None)


def read_state(store: Store, article_id: int, annotator: str) -> ArticleState:
    """Everything the workspace shows of one article for `annotator`."""
    article = store.article(article_id)
    mine = store.spans(article_id, annotator=annotator)
    decided = {(s["start"], s["end"]) for s in mine}
    copies = [(s["start"], s["end"], s["origin"]) for s in mine if s["origin"]]
    known = {a["name"] for a in store.annotators()}
    suggested = (
        store.spans(article_id, annotator=SUGGESTER_ANNOTATOR, statuses=["suggested"])
        if SUGGESTER_ANNOTATOR in known
        else []
    )
    spans = [span_item(MINE, s) for s in mine if s["status"] != "rejected"]
    spans += [
        span_item(SUGGESTION, s)
        for s in suggested
        if (s["start"], s["end"]) not in decided and not _copied(s, copies)
    ]
    spans.sort(key=lambda s: (s.start, -s.end, s.label))
    frames = _frames(store, article_id, annotator, known)
    status, seconds = store.status_and_seconds(article_id, annotator)
    return ArticleState(article, spans, frames, status, seconds)


def _copied(suggestion: dict[str, Any], copies: list[tuple[int, int, str]]) -> bool:
    """The annotator holds a copy of this suggestion (same origin, overlapping: adjusted)."""
    return any(
        origin == suggestion["origin"] and start < suggestion["end"] and suggestion["start"] < end
        for start, end, origin in copies
    )


def span_item(owner: str, row: dict[str, Any]) -> SpanItem:
    return SpanItem(
        owner,
        row["id"],
        row["start"],
        row["end"],
        row["label"],
        row["status"],
        row["origin"],
        row["score"],
        row["normalized"],
    )


def _frames(store: Store, article_id: int, annotator: str, known: set[str]) -> list[FrameItem]:
    mine = store.events(article_id, annotator=annotator)
    taken = {
        int(e["origin"].split(":", 1)[1]) for e in mine if (e.get("origin") or "").startswith("suggestion:")
    }
    # a suggested frame is decided once the annotator has a frame (kept or rejected) with its
    # trigger: ids change when suggestions are re-run, trigger offsets do not
    triggers = {(e["trigger_start"], e["trigger_end"]) for e in mine if e.get("trigger_start") is not None}
    frames = [_frame(MINE, e, store) for e in mine if e["status"] != "rejected"]
    if SUGGESTER_ANNOTATOR in known:
        frames += [
            _frame(SUGGESTION, e, store)
            for e in store.events(article_id, annotator=SUGGESTER_ANNOTATOR)
            if e["status"] == "suggested"
            and e["id"] not in taken
            and (e["trigger_start"], e["trigger_end"]) not in triggers
        ]
    return sorted(frames, key=lambda f: (f.fields.get("trigger_start") or 0, f.owner))


def _frame(owner: str, row: dict[str, Any], store: Store) -> FrameItem:
    roles: dict[str, list[int]] = {}
    for argument in store.arguments(row["id"]):
        roles.setdefault(argument["role"], []).append(argument["span_id"])
    fields = {k: v for k, v in row.items() if k not in {"reasons"}}
    return FrameItem(owner, row["id"], fields, roles, row.get("reasons") or {})
