"""Reading one annotator's finished work out of the store for export."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.decisions import undecided_frames
from annotator.core.errors import ExportError, UnknownAnnotatorError
from annotator.core.frame_fields import field_value_problem
from annotator.core.model import SUGGESTER_ANNOTATOR
from annotator.store import Store, content_hash
from annotator.store.opening import damaged_error

DECIDED = ("accepted", "manual")
INCLUDES = ("accepted", "suggested")


def collect(
    store: Store,
    annotator: str,
    *,
    include: str = "accepted",
    only_done: bool = True,
    articles: Iterable[int] | None = None,
) -> Iterator[AnnotatedArticle]:
    """Articles with `annotator`'s accepted/manual spans and frames (plus, with include=
    'suggested', the suggestions they have not decided on). Only articles they marked done,
    unless `only_done` is False; only those of `articles` (ids) when given.

    RAISES (ExportError): `include` is neither; (UnknownAnnotatorError): no such annotator;
    (StoreError): an article's text no longer matches its content hash (a damaged file).
    """
    if include not in INCLUDES:
        raise ExportError(f"include takes 'accepted' or 'suggested', not '{include}'")
    names = {a["name"] for a in store.annotators()}
    if annotator not in names:
        raise UnknownAnnotatorError(annotator, names, store.path)
    with_suggestions = include == "suggested" and SUGGESTER_ANNOTATOR in names
    wanted = store.article_ids() if articles is None else list(articles)
    chosen = [i for i in wanted if not only_done or store.status(i, annotator) == "done"]
    check_hashes(store, chosen)
    for article_id in chosen:
        yield _article(store, article_id, annotator, with_suggestions)


def check_hashes(store: Store, article_ids: list[int]) -> None:
    """Refuse to export text that changed under its annotations: flipped bytes in the file.

    RAISES (StoreError): naming the project, the damaged articles and the latest backup.
    """
    damaged = [i for i in article_ids if _damaged(store.article(i))]
    if damaged:
        listed = ", ".join(str(i) for i in damaged)
        raise damaged_error(store.path, f"the text of article {listed} no longer matches its content hash")


def _damaged(row: dict[str, Any]) -> bool:
    return content_hash(row["text"]) != row["content_hash"]


def collect_team(
    store: Store, annotator: str | None = None, *, only_done: bool = True
) -> Iterator[AnnotatedArticle]:
    """Every annotator's work, for formats that hold several annotators per article (Label
    Studio): per article (in id order), one `AnnotatedArticle` per annotator with decided
    (accepted/manual) spans and frames, `annotator` naming them, then the suggester's pending
    suggestions (status 'suggested', `annotator` the suggester, `meta['model_version']` the
    suggestion run's version) when it has any. Only `annotator`'s work when given (the
    suggester: only the suggestions). With
    `only_done`, an annotator's work only on articles they marked done, and only articles
    someone marked done; otherwise every article, one with no work at all as a bare article
    (`annotator` None, no spans).

    RAISES (UnknownAnnotatorError): `annotator` is not in the project; (StoreError): a damaged text.
    """
    rows = store.annotators()
    names = {a["name"] for a in rows}
    if annotator is not None and annotator not in names:
        raise UnknownAnnotatorError(annotator, names, store.path)
    people = [a["name"] for a in rows if a["name"] != SUGGESTER_ANNOTATOR]
    people = people if annotator is None else [] if annotator == SUGGESTER_ANNOTATOR else [annotator]
    ids = store.article_ids()
    check_hashes(store, ids)
    for article_id in ids:
        works = []
        for name in people:
            done = store.status(article_id, name) == "done"
            if only_done and not done:
                continue
            work = _article(store, article_id, name, False)
            if done or work.spans or work.frames:
                work.annotator = name
                works.append(work)
        if only_done and not works:
            continue
        if SUGGESTER_ANNOTATOR in names and annotator in (None, SUGGESTER_ANNOTATOR):
            suggested = _article(store, article_id, SUGGESTER_ANNOTATOR, False, statuses=("suggested",))
            if suggested.spans or suggested.frames:
                suggested.annotator = SUGGESTER_ANNOTATOR
                suggested.meta["model_version"] = store.suggestion_version(article_id)
                works.append(suggested)
        yield from works or [_article(store, article_id, "", False, statuses=())]


def _article(
    store: Store,
    article_id: int,
    annotator: str,
    with_suggestions: bool,
    *,
    statuses: tuple[str, ...] = DECIDED,
) -> AnnotatedArticle:
    row = store.article(article_id)
    everything = store.spans(article_id, annotator=annotator) if annotator else []
    rows = [s for s in everything if s["status"] in statuses]
    suggested = store.spans(article_id, annotator=SUGGESTER_ANNOTATOR) if with_suggestions else []
    if with_suggestions:
        statuses = (*DECIDED, "suggested")
        decided = {(s["start"], s["end"]) for s in everything if s["status"] != "suggested"}
        have = {r["id"] for r in rows}
        rows += [
            s
            for s in suggested
            if s["status"] == "suggested" and (s["start"], s["end"]) not in decided and s["id"] not in have
        ]
    rows.sort(key=lambda s: (s["start"], s["end"], s["label"]))
    index = {s["id"]: i for i, s in enumerate(rows)}
    spans = [
        SpanRecord(
            s["start"], s["end"], s["label"], s["normalized"], s["status"], s["origin"], score=s.get("score")
        )
        for s in rows
    ]
    mine = store.events(article_id, annotator=annotator) if annotator else []
    events = [e for e in mine if e["status"] in statuses]
    if with_suggestions:  # the suggester's frames not decided on, their roles on the spans written
        events += undecided_frames(mine, store.events(article_id, annotator=SUGGESTER_ANNOTATOR))
        place = {(s["start"], s["end"], s["label"]): i for i, s in enumerate(rows)}
        for s in suggested:  # a suggestion decided on: its role goes to the annotator's copy
            copy = place.get((s["start"], s["end"], s["label"]))
            if copy is not None:
                index.setdefault(s["id"], copy)
    problem = stored_problem(row["text"], rows, events)
    if problem:
        raise ExportError(
            f"{store.path}: article {article_id}: {problem}; an older annotator stored it without "
            "this check: reject it in the workspace (or re-import the article's annotations), then export"
        )
    arguments = store.arguments_of([e["id"] for e in events])
    frames = [_frame(event, arguments[event["id"]], index) for event in events]
    meta = {
        "id": article_id,
        "content_hash": row["content_hash"],
        "title": row["title"],
        "source": row["source"],
        "url": row["url"],
        "published_at": row["published_at"],
    }
    return AnnotatedArticle(row["text"], spans, frames, meta)


def stored_problem(text: str, spans: list[dict[str, Any]], events: list[dict[str, Any]]) -> str | None:
    """What the store's checks refuse today but a project written before them may hold: a span
    or trigger outside the text, an event date that is not a day. None when all is well."""
    for span in spans:
        if not _inside(span["start"], span["end"], text):
            return f"span {span['id']} [{span['start']}, {span['end']}) is outside the text (0..{len(text)})"
    for event in events:
        start, end = event["trigger_start"], event["trigger_end"]
        if (start is not None or end is not None) and not _inside(start, end, text):
            return f"frame {event['id']}: trigger [{start}, {end}) is outside the text (0..{len(text)})"
        problem = field_value_problem(event)
        if problem:
            return f"frame {event['id']}: {problem}"
    return None


def _inside(start: Any, end: Any, text: str) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def _frame(event: dict[str, Any], arguments: list[dict[str, Any]], index: dict[int, int]) -> FrameRecord:
    fields = {
        k: v
        for k, v in event.items()
        if k not in {"id", "article_id", "annotator_id", "created_at", "updated_at", "reasons"}
    }
    roles: dict[str, list[int]] = {}
    for argument in arguments:
        if argument["span_id"] in index:
            roles.setdefault(argument["role"], []).append(index[argument["span_id"]])
    return FrameRecord(fields, roles)
