"""What one annotator sees of one article: their own spans and frames, plus the machine's
suggestions they have not decided on yet. Plain data, read in one go (also off the GUI thread)."""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, chain
from typing import Any, NamedTuple

from annotator.core.decisions import undecided_frames
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


class SpanItem(NamedTuple):
    """A span on screen. `key` is stable within an article view: ('mine'|'suggestion', id).
    A named tuple, not a dataclass: an open article builds thousands, at a tenth of the cost."""

    owner: str
    id: int
    start: int
    end: int
    label: str
    status: str
    origin: str | None
    score: float | None
    normalized: dict[str, Any] | None

    key = _Owned.key  # a named tuple cannot inherit them: the same properties
    is_suggestion = _Owned.is_suggestion

    @property
    def place(self) -> tuple[int, int, str]:
        """Where the span is, in the order the article's spans are listed: (start, -end, label)."""
        return (self.start, -self.end, self.label)


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
        return self._spans_by_key.get(key)

    def frame(self, key: tuple[str, int]) -> FrameItem | None:
        return self._frames_by_key.get(key)

    def suggestion_near(
        self, anchor: tuple[int, int, str] | None, *, forward: bool = True, wrap: bool = True
    ) -> SpanItem | None:
        """The first suggestion after the place `anchor` (`SpanItem.place`) in text order, or
        before it going backward; from the start (or the end) when `anchor` is None, and round
        again past the end when `wrap`. Found by bisection, not by a scan of every span."""
        spans, size = self.spans, len(self.spans)
        if forward:
            cut = 0 if anchor is None else bisect_right(spans, anchor, key=_place)
            order = chain(range(cut, size), range(cut) if wrap else ())
        else:
            cut = size if anchor is None else bisect_left(spans, anchor, key=_place)
            order = chain(range(cut - 1, -1, -1), range(size - 1, cut - 1, -1) if wrap else ())
        return next((spans[i] for i in order if spans[i].is_suggestion), None)

    def replaced(self, **changes: Any) -> ArticleState:
        """This state with `changes` (status, seconds, frames), keeping what was computed from
        the spans when they stay the same (an index built once per read, not once per change)."""
        new = dataclasses.replace(self, **changes)
        kept = () if "spans" in changes else SPAN_CACHES
        kept += () if "frames" in changes else ("_frames_by_key",)
        new.__dict__.update({k: v for k, v in self.__dict__.items() if k in kept})
        return new

    def indexed(self) -> ArticleState:
        """This state with its indexes built (where it is read: a worker thread)."""
        for name in (*SPAN_CACHES, "_frames_by_key"):
            getattr(self, name)
        return self

    @cached_property
    def suggested_spans(self) -> int:
        """How many of the spans shown are suggestions (undecided)."""
        return sum(1 for s in self.spans if s.is_suggestion)

    @cached_property
    def longest(self) -> int:
        """An upper bound of the spans' lengths (their longest, or more after an update)."""
        return max((s.end - s.start for s in self.spans), default=0)

    @cached_property
    def _spans_by_key(self) -> dict[tuple[str, int], SpanItem]:
        return {s.key: s for s in reversed(self.spans)}  # the first of a key wins, as a scan would

    @cached_property
    def _frames_by_key(self) -> dict[tuple[str, int], FrameItem]:
        return {f.key: f for f in reversed(self.frames)}


SPAN_CACHES = ("suggested_spans", "longest", "_spans_by_key")  # ArticleState's, from its spans


def read_state(store: Store, article_id: int, annotator: str) -> ArticleState:
    """Everything the workspace shows of one article for `annotator`."""
    article = store.article(article_id)
    known = {a["name"] for a in store.annotators()}
    spans = sorted(_visible(store, article_id, annotator, known), key=_order)
    frames = _frames(store, article_id, annotator, known)
    status, seconds = store.status_and_seconds(article_id, annotator)
    return ArticleState(article, spans, frames, status, seconds)


def reread_spans(
    store: Store, state: ArticleState, annotator: str, touched: Iterable[tuple[int, int]], *, frames: bool
) -> ArticleState:
    """`state` after writes that changed only the annotator's spans lying in `touched` (the old
    and new (start, end) of each): what overlaps those ranges is read again, the rest is kept,
    equal to `read_state` (whether a suggestion shows depends only on the annotator's spans
    overlapping it). `frames`: the writes changed role links, read the frames again too."""
    ranges = list(touched)
    known = {a["name"] for a in store.annotators()}
    shown_frames = _frames(store, state.article["id"], annotator, known) if frames else state.frames
    if not ranges:
        return state.replaced(frames=shown_frames)
    window = (min(start for start, _ in ranges), max(end for _, end in ranges))
    fresh = _visible(store, state.article["id"], annotator, known, window)
    return _spliced(state, window, fresh, shown_frames)


def _spliced(
    state: ArticleState, window: tuple[int, int], fresh: list[SpanItem], frames: list[FrameItem]
) -> ArticleState:
    """`state` with the spans overlapping `window` replaced by `fresh` (those overlapping it
    now). Only the slice of the sorted spans that can overlap the window is looked at and
    sorted again, and the index by key is updated, not rebuilt: an action in a 20,000-span
    article costs what it costs in a short one."""
    spans = state.spans
    reach = max([state.longest, *(s.end - s.start for s in fresh)])
    low = bisect_left(spans, window[0] - reach, key=_start)  # those before cannot reach the window
    high = bisect_left(spans, window[1], key=_start)  # those from here start after it
    gone: list[SpanItem] = []
    middle = list(fresh)
    for span in spans[low:high]:
        (gone if span.start < window[1] and window[0] < span.end else middle).append(span)
    middle.sort(key=_order)
    new = dataclasses.replace(state, spans=[*spans[:low], *middle, *spans[high:]], frames=frames)
    by_key = dict(state._spans_by_key)
    for span in gone:
        del by_key[span.key]
    by_key.update((span.key, span) for span in fresh)
    suggested = (
        state.suggested_spans + sum(s.is_suggestion for s in fresh) - sum(s.is_suggestion for s in gone)
    )
    new.__dict__.update(_spans_by_key=by_key, longest=reach, suggested_spans=suggested)  # cached
    return new


def _start(span: SpanItem) -> int:
    return span.start


def _place(span: SpanItem) -> tuple[int, int, str]:
    return span.place


def _visible(
    store: Store, article_id: int, annotator: str, known: set[str], window: tuple[int, int] | None = None
) -> list[SpanItem]:
    """The annotator's spans (but the rejected) and the suggestions they have not decided on,
    of the whole article or of those overlapping `window`. Rows are `Store.span_rows` tuples:
    (id, start, end, label, status, origin, score, normalized)."""
    suggested = (
        store.span_rows(article_id, annotator=SUGGESTER_ANNOTATOR, statuses=["suggested"], overlapping=window)
        if SUGGESTER_ANNOTATOR in known
        else []
    )
    reach = window and (  # the annotator's spans that can decide the suggestions read
        min([window[0], *(s[1] for s in suggested)]),
        max([window[1], *(s[2] for s in suggested)]),
    )
    mine = store.span_rows(article_id, annotator=annotator, overlapping=reach)
    decided = {(s[1], s[2]) for s in mine}
    copies = Copies((s[1], s[2], s[5]) for s in mine if s[5])
    spans = [
        SpanItem(MINE, *s)
        for s in mine
        if s[4] != "rejected" and (window is None or (s[1] < window[1] and window[0] < s[2]))
    ]
    spans += [
        SpanItem(SUGGESTION, *s)
        for s in suggested
        if (s[1], s[2]) not in decided and not copies.overlap(s[5], s[1], s[2])
    ]
    return spans


def _order(span: SpanItem) -> tuple[int, int, str, bool, int]:
    """Text order, the longer first; at one place the annotator's before the suggestions."""
    return (span.start, -span.end, span.label, span.owner != MINE, span.id)


class Copies:
    """The annotator's copies of suggestions, by origin: whether one overlaps a suggestion
    (the annotator adjusted it) in O(log n). Per origin the copies are sorted by start, with
    the largest end of each prefix: a copy starting before `end` that ends after `start`
    exists iff the prefix of copies starting before `end` reaches past `start`."""

    def __init__(self, copies: Iterable[tuple[int, int, str]]) -> None:
        by_origin: dict[str, list[tuple[int, int]]] = {}
        for start, end, origin in copies:
            by_origin.setdefault(origin, []).append((start, end))
        self._index: dict[str, tuple[list[int], list[int]]] = {}
        for origin, ranges in by_origin.items():
            ranges.sort()
            self._index[origin] = ([s for s, _ in ranges], list(accumulate((e for _, e in ranges), max)))

    def overlap(self, origin: str | None, start: int, end: int) -> bool:
        """A copy with this origin overlaps [start, end)."""
        starts, reach = self._index.get(origin, ((), ())) if origin else ((), ())
        before = bisect_left(starts, end)  # copies starting before `end`
        return before > 0 and reach[before - 1] > start


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
    shown = [(MINE, e) for e in mine if e["status"] != "rejected"]
    if SUGGESTER_ANNOTATOR in known:
        pending = undecided_frames(mine, store.events(article_id, annotator=SUGGESTER_ANNOTATOR))
        shown += [(SUGGESTION, e) for e in pending]
    links = store.arguments_of([e["id"] for _, e in shown])  # one query, not one per frame
    frames = [_frame(owner, e, links[e["id"]]) for owner, e in shown]
    return sorted(frames, key=lambda f: (f.fields.get("trigger_start") or 0, f.owner))


def _frame(owner: str, row: dict[str, Any], arguments: list[dict[str, Any]]) -> FrameItem:
    roles: dict[str, list[int]] = {}
    for argument in arguments:
        roles.setdefault(argument["role"], []).append(argument["span_id"])
    fields = {k: v for k, v in row.items() if k not in {"reasons"}}
    return FrameItem(owner, row["id"], fields, roles, row.get("reasons") or {})
