"""Spans, event frames and the role links between them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from sqlite_utils.db import NotFoundError

from annotator.core.errors import FieldValueError, OffsetError, StoreError
from annotator.core.frame_fields import field_value_problem
from annotator.core.model import EVENT_FIELDS, SpanStatus
from annotator.store.base import _INSERT_CHUNK, StoreBase, _decode, _dumps, now

SPAN_ROW = ("id", "start", "end", "label", "status", "origin", "score", "normalized")
SPAN_ROW_SQL = ", ".join(f'"{column}"' for column in SPAN_ROW)
SpanRow = tuple[Any, ...]  # the SPAN_ROW columns of one span


class AnnotationsMixin(StoreBase):
    # -- spans ----------------------------------------------------------------------------
    def add_span(
        self,
        article_id: int,
        annotator: str,
        start: int,
        end: int,
        label: str,
        *,
        status: SpanStatus | str = SpanStatus.MANUAL,
        origin: str | None = None,
        score: float | None = None,
        normalized: dict[str, Any] | None = None,
    ) -> int:
        status = SpanStatus(status)
        self._check_offsets(article_id, start, end)
        if not label:
            raise StoreError("a span needs a label")
        annotator_id = self.annotator_id(annotator)
        stamp = now()
        row = {
            "article_id": article_id,
            "annotator_id": annotator_id,
            "start": start,
            "end": end,
            "label": label,
            "status": str(status),
            "origin": origin,
            "score": score,
            "normalized": _dumps(normalized),
            "created_at": stamp,
            "updated_at": stamp,
        }
        with self.batch():
            span_id = int(self.db["spans"].insert(row).last_pk)
            self._log(annotator_id, "insert", "spans", span_id, article_id, None, self.span(span_id))
        return span_id

    def _check_offsets(self, article_id: int, start: int, end: int) -> None:
        length = self._text_length(article_id)
        if length is None:
            raise StoreError(f"no article with id {article_id} in {self.path}")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length):
            raise OffsetError(
                f"article {article_id}: span [{start}, {end}) is outside its text (0..{length} characters)"
            )

    def span(self, span_id: int) -> dict[str, Any]:
        try:
            return _decode(self.db["spans"].get(span_id))
        except NotFoundError:
            raise StoreError(f"no span with id {span_id}") from None

    def spans(
        self,
        article_id: int,
        *,
        annotator: str | None = None,
        statuses: Iterable[str] | None = None,
        overlapping: tuple[int, int] | None = None,
    ) -> list[dict[str, Any]]:
        """The article's spans in (start, end, id) order; `overlapping` (start, end): only those
        sharing a character with that range."""
        cursor = self._select_spans("*", article_id, annotator, statuses, overlapping)
        names = [column[0] for column in cursor.description]
        return [_decode(dict(zip(names, values, strict=True))) for values in cursor.fetchall()]

    def span_rows(
        self,
        article_id: int,
        *,
        annotator: str,
        statuses: Iterable[str] | None = None,
        overlapping: tuple[int, int] | None = None,
    ) -> list[SpanRow]:
        """`spans` as tuples of the `SPAN_ROW` columns (normalized decoded): what a view of
        the article shows, without building a dict per span (an open article reads thousands)."""
        cursor = self._select_spans(SPAN_ROW_SQL, article_id, annotator, statuses, overlapping)
        rows: list[SpanRow] = cursor.fetchall()
        return [row if row[-1] is None else (*row[:-1], json.loads(row[-1])) for row in rows]

    def _select_spans(
        self,
        columns: str,
        article_id: int,
        annotator: str | None,
        statuses: Iterable[str] | None,
        overlapping: tuple[int, int] | None,
    ) -> sqlite3.Cursor:
        where, params = ["article_id = ?"], [article_id]
        if annotator is not None:
            where.append("annotator_id = ?")
            params.append(self.known_annotator_id(annotator))
        if statuses is not None:
            wanted = [str(SpanStatus(s)) for s in statuses]
            where.append(f"status in ({','.join('?' * len(wanted))})")
            params.extend(wanted)
        if overlapping is not None:
            where.append('start < ? and "end" > ?')
            params.extend([overlapping[1], overlapping[0]])
        sql = f'select {columns} from spans where {" and ".join(where)} order by start, "end", id'
        return self.db.execute(sql, params)

    def update_span(self, span_id: int, annotator: str, **changes: Any) -> None:
        """Change a span's label, status, offsets or normalised value."""
        allowed = {"start", "end", "label", "status", "origin", "score", "normalized"}
        unknown = set(changes) - allowed
        if unknown:
            raise StoreError(f"cannot change span field(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
        if "status" in changes:
            changes["status"] = str(SpanStatus(changes["status"]))
        with self.batch():  # read under the write lock: the logged `before` is what is replaced
            before = self.span(span_id)
            self._check_moved(before, changes, ("start", "end"), self._check_offsets)
            stored = {k: _dumps(v) if k == "normalized" else v for k, v in changes.items()}
            stored["updated_at"] = now()
            self.db["spans"].update(span_id, stored)
            self._log(
                self.annotator_id(annotator),
                "update",
                "spans",
                span_id,
                before["article_id"],
                before,
                self.span(span_id),
            )

    def delete_span(self, span_id: int, annotator: str) -> None:
        """Delete a span and the event arguments that point at it."""
        with self.batch():  # read under the write lock: the logged `before` is what is deleted
            before = self.span(span_id)
            annotator_id = self.annotator_id(annotator)
            for argument in self.db["event_arguments"].rows_where("span_id = ?", [span_id]):
                self._delete_argument_row(argument, annotator_id, before["article_id"])
            self.db["spans"].delete(span_id)
            self._log(annotator_id, "delete", "spans", span_id, before["article_id"], before, None)

    # -- events ---------------------------------------------------------------------------
    def add_event(self, article_id: int, annotator: str, fields: dict[str, Any]) -> int:
        self._check_event_fields(fields)
        self.article(article_id)
        self._check_trigger(article_id, fields.get("trigger_start"), fields.get("trigger_end"))
        annotator_id = self.annotator_id(annotator)
        stamp = now()
        row = {
            "status": str(SpanStatus.MANUAL),
            **fields,
            "article_id": article_id,
            "annotator_id": annotator_id,
            "created_at": stamp,
            "updated_at": stamp,
        }
        row["status"] = str(SpanStatus(row["status"]))
        with self.batch():
            event_id = int(self.db["events"].insert(row).last_pk)
            self._log(annotator_id, "insert", "events", event_id, article_id, None, self.event(event_id))
        return event_id

    @staticmethod
    def _check_moved(
        before: dict[str, Any], changes: dict[str, Any], keys: tuple[str, str], check: Any
    ) -> None:
        """`check(article_id, start, end)` of the offsets `changes` gives a row (the row's
        own where only one of the two changes); nothing when neither changes."""
        start, end = keys
        if start in changes or end in changes:
            check(before["article_id"], changes.get(start, before[start]), changes.get(end, before[end]))

    def _check_trigger(self, article_id: int, start: int | None, end: int | None) -> None:
        """A frame's trigger is no trigger (both offsets empty) or a span inside the text."""
        if start is None and end is None:
            return
        try:
            self._check_offsets(article_id, start, end)  # type: ignore[arg-type]
        except OffsetError:
            length = len(self.article(article_id)["text"])
            raise OffsetError(
                f"article {article_id}: the frame's trigger [{start}, {end}) is outside its text "
                f"(0..{length} characters)"
            ) from None

    @staticmethod
    def _check_event_fields(fields: dict[str, Any]) -> None:
        unknown = set(fields) - set(EVENT_FIELDS)
        if unknown:
            raise StoreError(f"unknown event field(s) {sorted(unknown)}; known: {', '.join(EVENT_FIELDS)}")
        for name, value in fields.items():
            kind = EVENT_FIELDS[name]
            ok = (
                value is None
                or (isinstance(value, kind) and not isinstance(value, bool))
                or (kind is float and isinstance(value, int) and not isinstance(value, bool))
            )
            if not ok:
                raise StoreError(f"event field '{name}' must be {kind.__name__}, got {value!r}")
        problem = field_value_problem(fields)  # the data rules, the same for every writer
        if problem:
            raise FieldValueError(problem)

    def event(self, event_id: int) -> dict[str, Any]:
        try:
            return _decode(dict(self.db["events"].get(event_id)))
        except NotFoundError:
            raise StoreError(f"no event with id {event_id}") from None

    def events(self, article_id: int, *, annotator: str | None = None) -> list[dict[str, Any]]:
        where, params = ["article_id = ?"], [article_id]
        if annotator is not None:
            where.append("annotator_id = ?")
            params.append(self.known_annotator_id(annotator))
        return [_decode(r) for r in self.db["events"].rows_where(" and ".join(where), params, order_by="id")]

    def update_event(self, event_id: int, annotator: str, **fields: Any) -> None:
        self._check_event_fields(fields)
        if "status" in fields:
            fields["status"] = str(SpanStatus(fields["status"]))
        with self.batch():  # read under the write lock: the logged `before` is what is replaced
            before = self.event(event_id)
            self._check_moved(before, fields, ("trigger_start", "trigger_end"), self._check_trigger)
            self.db["events"].update(event_id, {**fields, "updated_at": now()})
            self._log(
                self.annotator_id(annotator),
                "update",
                "events",
                event_id,
                before["article_id"],
                before,
                self.event(event_id),
            )

    def delete_event(self, event_id: int, annotator: str) -> None:
        """Delete a frame, its role links, and `same_as` references to it."""
        with self.batch():  # read under the write lock: the logged `before` is what is deleted
            before = self.event(event_id)
            annotator_id = self.annotator_id(annotator)
            for argument in self.db["event_arguments"].rows_where("event_id = ?", [event_id]):
                self._delete_argument_row(argument, annotator_id, before["article_id"])
            for other in self.db["events"].rows_where("same_as = ?", [event_id]):
                self.db["events"].update(other["id"], {"same_as": None})
                self._log(
                    annotator_id,
                    "update",
                    "events",
                    other["id"],
                    other["article_id"],
                    dict(other),
                    self.event(other["id"]),
                )
            self.db["events"].delete(event_id)
            self._log(annotator_id, "delete", "events", event_id, before["article_id"], before, None)

    def add_argument(self, event_id: int, role: str, span_id: int, annotator: str) -> int:
        """Link a span to a role of a frame (both must belong to the same article)."""
        event, span = self.event(event_id), self.span(span_id)
        if event["article_id"] != span["article_id"]:
            raise StoreError(f"span {span_id} and event {event_id} belong to different articles")
        row = {"event_id": event_id, "role": role, "span_id": span_id}
        annotator_id = self.annotator_id(annotator)
        with self.batch():
            try:
                argument_id = int(self.db["event_arguments"].insert(row).last_pk)
            except sqlite3.IntegrityError:
                raise StoreError(f"span {span_id} is already the {role} of event {event_id}") from None
            self._log(
                annotator_id,
                "insert",
                "event_arguments",
                argument_id,
                event["article_id"],
                None,
                {"id": argument_id, **row},
            )
        return argument_id

    def remove_argument(self, argument_id: int, annotator: str) -> None:
        try:
            row = dict(self.db["event_arguments"].get(argument_id))
        except NotFoundError:
            raise StoreError(f"no event argument with id {argument_id}") from None
        article_id = self.event(row["event_id"])["article_id"]
        with self.batch():
            self._delete_argument_row(row, self.annotator_id(annotator), article_id)

    def _delete_argument_row(self, row: dict[str, Any], annotator_id: int, article_id: int) -> None:
        self.db["event_arguments"].delete(row["id"])
        self._log(annotator_id, "delete", "event_arguments", row["id"], article_id, dict(row), None)

    def arguments_of(self, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        """Role links of many events in one query: event id -> its arguments."""
        found: dict[int, list[dict[str, Any]]] = {i: [] for i in event_ids}
        for start in range(0, len(event_ids), _INSERT_CHUNK):
            chunk = event_ids[start : start + _INSERT_CHUNK]
            for row in self.db["event_arguments"].rows_where(
                f"event_id in ({','.join('?' * len(chunk))})", chunk, order_by="id"
            ):
                found[row["event_id"]].append(row)
        return found

    def arguments_of_span(self, span_id: int) -> list[dict[str, Any]]:
        return list(self.db["event_arguments"].rows_where("span_id = ?", [span_id], order_by="id"))

    def arguments(self, event_id: int) -> list[dict[str, Any]]:
        return list(self.db["event_arguments"].rows_where("event_id = ?", [event_id], order_by="id"))

    # -- review decisions (provenance of the gold standard) -------------------------------
    def record_decision(
        self,
        article_id: int,
        kind: str,
        item: str,
        taken_from: list[str],
        reviewer: str,
        gold: dict[str, Any],
    ) -> None:
        """Why the gold standard holds what it holds for one item of an article."""
        with self.batch():
            self.db["decisions"].insert(
                {
                    "article_id": article_id,
                    "kind": kind,
                    "item": item,
                    "taken_from": _dumps(taken_from),
                    "reviewer": reviewer,
                    "at": now(),
                    "gold": _dumps(gold),
                }
            )

    def decisions(self, article_id: int) -> list[dict[str, Any]]:
        rows = self.db["decisions"].rows_where("article_id = ?", [article_id], order_by="id")
        return [
            {
                **row,
                "taken_from": json.loads(row["taken_from"] or "[]"),
                "gold": json.loads(row["gold"] or "{}"),
            }
            for row in rows
        ]
