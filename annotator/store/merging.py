"""Reading and writing annotators' work in bulk, for merging project files.

A merge reads a page of articles and everything stored on them with one query per table,
and writes what it copies with one executemany per table, in one transaction: the work
is linear in the rows, whatever the size of either project. The rows written, history
included, are those the one-row API (`add_span`, `add_event`, `add_argument`,
`set_status`, `record_merged_history`) writes for the same copy, and each (annotator,
article) copied is one undo step, as it was when merge called that API.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import OffsetError, StoreError
from annotator.core.model import ArticleState, SpanStatus
from annotator.store.annotations import AnnotationsMixin
from annotator.store.articles import ArticlesMixin
from annotator.store.base import _INSERT_CHUNK, _decode, _dumps, now
from annotator.store.history import merged_history_row

SPAN_COLUMNS = (
    "id",
    "article_id",
    "annotator_id",
    "start",
    "end",
    "label",
    "status",
    "origin",
    "score",
    "normalized",
    "created_at",
    "updated_at",
)
HISTORY_COLUMNS = (
    "at",
    "annotator_id",
    "batch",
    "action",
    "entity",
    "entity_id",
    "article_id",
    "before",
    "after",
    "undone",
)
ARGUMENT_COLUMNS = ("id", "event_id", "role", "span_id")
STATUS_COLUMNS = ("article_id", "annotator_id", "status", "seconds", "updated_at")
_NUMBERED = ("spans", "events", "event_arguments")


@dataclass
class PairRows:
    """One annotator's work on one article, as stored."""

    spans: list[dict[str, Any]] = field(default_factory=list)  # by start, end, id
    events: list[dict[str, Any]] = field(default_factory=list)  # by id
    arguments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # event id -> links, by id
    status: dict[str, Any] | None = None  # its article_status row, if the article was opened
    history: list[dict[str, Any]] = field(default_factory=list)  # by id


@dataclass
class MergedCopy:
    """What to write for one (annotator, article): the source's span rows, its frames as event
    fields with role links by index into `spans`, the status and seconds spent (None: never
    opened) and the source's history rows."""

    article_id: int
    annotator: str
    kind: str
    spans: list[dict[str, Any]]
    frames: list[tuple[dict[str, Any], list[tuple[str, int]]]]
    status: tuple[str, float] | None
    history: list[dict[str, Any]]


class MergingMixin(AnnotationsMixin, ArticlesMixin):
    # -- bulk reads ------------------------------------------------------------------------
    def article_pages(self, size: int = _INSERT_CHUNK) -> Iterator[list[dict[str, Any]]]:
        """All articles in id order, `size` at a time (one query a page)."""
        last = 0
        while True:
            rows = self.db["articles"].rows_where("id > ?", [last], order_by="id", limit=size)
            page = [_decode(row) for row in rows]
            if not page:
                return
            yield page
            last = page[-1]["id"]

    def article_ids_for_hashes(self, hashes: Sequence[str]) -> dict[str, int]:
        """Content hash -> article id, for those of `hashes` the project has."""
        return self._ids_for_hashes(hashes)

    def pair_rows(
        self, article_ids: Sequence[int], annotators: Sequence[str], *, history: bool = False
    ) -> dict[tuple[int, str], PairRows]:
        """What the named annotators stored on the articles, per (article id, name), with one
        query per table per 500 articles; `history`: their history rows of them too."""
        names = {row["id"]: row["name"] for row in self.annotators() if row["name"] in set(annotators)}
        found: dict[tuple[int, str], PairRows] = {}
        for start in range(0, len(article_ids) if names else 0, _INSERT_CHUNK):
            self._read_pairs(found, list(article_ids[start : start + _INSERT_CHUNK]), names, history)
        return found

    def _read_pairs(
        self,
        found: dict[tuple[int, str], PairRows],
        article_ids: list[int],
        names: dict[int, str],
        history: bool,
    ) -> None:
        def pair(row: dict[str, Any]) -> PairRows:
            return found.setdefault((row["article_id"], names[row["annotator_id"]]), PairRows())

        where = f"article_id in ({_marks(article_ids)}) and annotator_id in ({_marks(names)})"
        params = [*article_ids, *names]
        for span in self._select("spans", where, params, "start, end, id"):
            pair(span).spans.append(span)
        owner: dict[int, PairRows] = {}
        for event in self._select("events", where, params, "id"):
            owner[event["id"]] = pair(event)
            owner[event["id"]].events.append(event)
        links = self.db.execute(
            f"select {', '.join(ARGUMENT_COLUMNS)} from event_arguments "
            f"where event_id in (select id from events where {where}) order by id",
            params,
        )
        for link in links.fetchall():
            argument = dict(zip(ARGUMENT_COLUMNS, link, strict=True))
            owner[argument["event_id"]].arguments.setdefault(argument["event_id"], []).append(argument)
        for status in self._select("article_status", where, params, "article_id"):
            pair(status).status = status
        for row in self._select("history", where, params, "id") if history else []:
            pair(row).history.append(row)

    def _select(self, table: str, where: str, params: list[Any], order: str) -> list[dict[str, Any]]:
        return [_decode(row) for row in self.db[table].rows_where(where, params, order_by=order)]

    # -- bulk writes -----------------------------------------------------------------------
    def add_merged(self, copies: Sequence[MergedCopy], source: str, *, redo_emptied: set[str]) -> None:
        """Write merged work in one transaction: per copy its spans, frames, role links and
        status, each with the history row the one-row API logs (one batch per copy, so one
        undo step), and the source's history of it marked 'merged:<action>'.

        A new action empties its annotator's redo stack, which takes a pass over all their
        history: done once per merge, for the annotators not yet in `redo_emptied` (which
        the caller keeps over the whole merge and this adds to), so the cost stays linear.

        RAISES (StoreError): a span outside its article's text, an empty label, an unknown
        status or event field; nothing is written then.
        """
        if not copies:
            return
        with self.batch():
            who = {c.annotator: self.annotator_id(c.annotator, kind=c.kind) for c in copies}
            staged = _Staged(self, source, [c.article_id for c in copies], list(who.values()))
            for copy in copies:
                staged.add(copy, who[copy.annotator])
            self._insert("spans", SPAN_COLUMNS, staged.rows["spans"])
            self._insert("events", staged.event_columns, staged.rows["events"])
            self._insert("event_arguments", ARGUMENT_COLUMNS, staged.rows["event_arguments"])
            self.db.conn.executemany(
                f"insert into article_status ({', '.join(STATUS_COLUMNS)}) values ({_marks(STATUS_COLUMNS)}) "
                "on conflict (article_id, annotator_id) do update set "
                "status = excluded.status, seconds = excluded.seconds, updated_at = excluded.updated_at",
                staged.rows["article_status"],
            )
            self._insert("history", HISTORY_COLUMNS, staged.rows["history"])
            for name in who.keys() - redo_emptied:
                self.db.execute(
                    "update history set undone = -1 where annotator_id = ? and undone > 0", [who[name]]
                )
            redo_emptied.update(who)

    def _insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        names = ", ".join(f"[{c}]" for c in columns)
        self.db.conn.executemany(f"insert into [{table}] ({names}) values ({_marks(columns)})", rows)

    def _next_ids(self) -> dict[str, int]:
        """The next id of each AUTOINCREMENT table (read under the write lock)."""
        highest = (
            "select max(coalesce((select seq from sqlite_sequence where name = ?), 0), "
            "coalesce((select max(id) from [{table}]), 0))"
        )
        return {t: 1 + self.db.execute(highest.format(table=t), [t]).fetchone()[0] for t in _NUMBERED}

    def _text_lengths(self, article_ids: Sequence[int]) -> dict[int, int]:
        # len() of the Python string, not SQL length(), which stops at a NUL in old projects.
        unique = list(dict.fromkeys(article_ids))
        rows = self.db.execute(f"select id, text from articles where id in ({_marks(unique)})", unique)
        lengths = {ident: len(text) for ident, text in rows.fetchall()}
        for ident in unique:
            if ident not in lengths:
                raise StoreError(f"no article with id {ident} in {self.path}")
        return lengths

    def _status_rows(
        self, article_ids: Sequence[int], annotator_ids: Sequence[int]
    ) -> dict[tuple[int, int], dict[str, Any]]:
        unique = list(dict.fromkeys(article_ids))
        where = f"article_id in ({_marks(unique)}) and annotator_id in ({_marks(annotator_ids)})"
        rows = self.db["article_status"].rows_where(where, [*unique, *annotator_ids])
        return {(row["article_id"], row["annotator_id"]): dict(row) for row in rows}


class _Staged:
    """The rows of many copies, per table, in the order the one-row API would write them,
    with ids handed out from where each table's sequence stands."""

    def __init__(
        self, store: MergingMixin, source: str, article_ids: list[int], annotator_ids: list[int]
    ) -> None:
        self.store, self.source = store, source
        self.next = store._next_ids()
        self.lengths = store._text_lengths(article_ids)
        self.statuses = store._status_rows(article_ids, annotator_ids)
        self.event_columns = list(store.db["events"].columns_dict)
        self.rows: dict[str, list[tuple[Any, ...]]] = {
            t: [] for t in (*_NUMBERED, "article_status", "history")
        }
        self.article, self.who, self.stamp, self.batch = 0, 0, "", ""  # of the copy being staged

    def add(self, copy: MergedCopy, annotator_id: int) -> None:
        self.article, self.who = copy.article_id, annotator_id
        self.stamp, self.batch = now(), uuid.uuid4().hex  # one batch per copy: one undo step
        span_ids = [self._span(span) for span in copy.spans]
        for fields, roles in copy.frames:
            event_id = self._event(fields)
            for role, index in roles:
                self._argument(event_id, role, span_ids[index])
        if copy.status is not None:
            self._status(*copy.status)
        for row in copy.history:
            merged = merged_history_row(row, copy.article_id, annotator_id, self.source)
            self.rows["history"].append(tuple(merged[c] for c in HISTORY_COLUMNS))

    def _take_id(self, table: str) -> int:
        self.next[table] += 1
        return self.next[table] - 1

    def _log(self, action: str, entity: str, ident: int, before: Any, after: dict[str, Any]) -> None:
        who, article = self.who, self.article
        self.rows["history"].append(
            (self.stamp, who, self.batch, action, entity, ident, article, _dumps(before), _dumps(after), 0)
        )

    def _span(self, span: dict[str, Any]) -> int:
        article, start, end = self.article, span["start"], span["end"]
        length = self.lengths[article]
        if not _inside(start, end, length):
            raise OffsetError(
                f"article {article}: span [{start}, {end}) is outside its text (0..{length} characters)"
            )
        if not span["label"]:
            raise StoreError("a span needs a label")
        ident = self._take_id("spans")
        after = {
            "id": ident,
            "article_id": article,
            "annotator_id": self.who,
            "start": start,
            "end": end,
            "label": span["label"],
            "status": str(SpanStatus(span["status"])),
            "origin": span["origin"],
            "score": span["score"],
            "normalized": span["normalized"],
            "created_at": self.stamp,
            "updated_at": self.stamp,
        }
        stored = {**after, "normalized": _dumps(span["normalized"])}
        self.rows["spans"].append(tuple(stored[c] for c in SPAN_COLUMNS))
        self._log("insert", "spans", ident, None, after)
        return ident

    def _event(self, fields: dict[str, Any]) -> int:
        self.store._check_event_fields(fields)
        start, end, length = (
            fields.get("trigger_start"),
            fields.get("trigger_end"),
            self.lengths[self.article],
        )
        if not (start is None and end is None) and not _inside(start, end, length):  # as `add_event`
            raise OffsetError(
                f"article {self.article}: the frame's trigger [{start}, {end}) is outside its text "
                f"(0..{length} characters)"
            )
        ident = self._take_id("events")
        row = {"status": str(SpanStatus.MANUAL), **fields}
        row.update(id=ident, article_id=self.article, annotator_id=self.who)
        row.update(status=str(SpanStatus(row["status"])), created_at=self.stamp, updated_at=self.stamp)
        after = {column: row.get(column) for column in self.event_columns}
        self.rows["events"].append(tuple(after.values()))
        self._log("insert", "events", ident, None, after)
        return ident

    def _argument(self, event_id: int, role: str, span_id: int) -> None:
        ident = self._take_id("event_arguments")
        values = (ident, event_id, role, span_id)
        self.rows["event_arguments"].append(values)
        self._log("insert", "event_arguments", ident, None, dict(zip(ARGUMENT_COLUMNS, values, strict=True)))

    def _status(self, status: str, seconds: float) -> None:
        key = (self.article, self.who)
        before = self.statuses.get(key)
        after = {
            "article_id": key[0],
            "annotator_id": key[1],
            "status": str(ArticleState(status)),
            "seconds": (before["seconds"] if before else 0.0) + max(0.0, seconds),
            "updated_at": self.stamp,
        }
        self.statuses[key] = after
        self.rows["article_status"].append(tuple(after[c] for c in STATUS_COLUMNS))
        self._log("update" if before else "insert", "article_status", key[0], before, after)


def _inside(start: Any, end: Any, length: int) -> bool:
    """Whether [start, end) are whole offsets of a non-empty piece of a text of `length`."""
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def _marks(values: Sequence[Any] | dict[Any, Any]) -> str:
    return ",".join("?" * len(values))
