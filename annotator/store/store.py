"""The project store: one SQLite file per project, reached only through this class.

Every public write runs in one transaction and leaves a `history` row per changed record
(who, when, what, before, after), in the same transaction, so the audit trail and
undo/redo can never disagree with the data.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from annotator.core.model import EVENT_FIELDS, ArticleRecord, ArticleState, SpanStatus
from annotator.errors import OffsetError, StoreError
from annotator.store import schema

BUSY_TIMEOUT_SECONDS = 10.0
_JSON_COLUMNS = {"meta", "flags", "normalized", "before", "after", "reasons"}
_INSERT_CHUNK = 500


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def content_hash(text: str) -> str:
    """Identity of an article: the SHA-256 of the text annotations point into."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for key in _JSON_COLUMNS & row.keys():
        if isinstance(row[key], str):
            row[key] = json.loads(row[key])
    return row


class Store:
    """A project file. Open with `Store(path)`; migrations run (after a backup) on open."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            self.db = Database(conn)
            self.db.enable_wal()
            self.backup_path: Path | None = None
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable annotator project ({exc})") from None
        self._batch: str | None = None
        self._annotator_ids: dict[str, int] = {}

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        known = set(schema.migration_names())
        applied = [m.name for m in schema.migrations.applied(self.db)]
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise StoreError(
                f"{self.path}: made by a newer annotator (schema {len(applied)}, this version "
                f"knows {len(known)}); upgrade annotator to open it"
            )
        pending = schema.migrations.pending(self.db)
        if not pending:
            return
        if self.db.table_names():
            self.backup_path = self._backup()
        schema.migrations.apply(self.db)
        with self.db.atomic():
            self.db["schema_version"].insert(
                {"id": 1, "version": schema.schema_version(), "applied_at": now()},
                pk="id",
                replace=True,
            )

    def _backup(self) -> Path:
        """Copy the whole database (WAL included) before a migration touches it."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.path.name}.{stamp}.backup")
        with sqlite3.connect(target) as copy:
            self.db.conn.backup(copy)
        copy.close()
        return target

    @property
    def schema_version(self) -> int:
        rows = list(self.db["schema_version"].rows) if self.db["schema_version"].exists() else []
        return int(rows[0]["version"]) if rows else 0

    # -- transactions and history ----------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[str]:
        """Group several writes into one transaction and one undo step."""
        outer = self._batch
        self._batch = outer or uuid.uuid4().hex
        try:
            with self.db.atomic():
                yield self._batch
        except BaseException:
            self._annotator_ids.clear()  # ids created in the rolled-back batch are gone
            raise
        finally:
            self._batch = outer

    def _log(
        self,
        annotator_id: int | None,
        action: str,
        entity: str,
        entity_id: int,
        article_id: int | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        self.db["history"].insert(
            {
                "at": now(),
                "annotator_id": annotator_id,
                "batch": self._batch or uuid.uuid4().hex,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "article_id": article_id,
                "before": _dumps(before),
                "after": _dumps(after),
                "undone": 0,
            }
        )

    def history(
        self, *, article_id: int | None = None, annotator: str | None = None
    ) -> list[dict[str, Any]]:
        where, params = [], []
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        if annotator is not None:
            where.append("annotator_id = ?")
            params.append(self.annotator_id(annotator))
        rows = self.db["history"].rows_where(" and ".join(where) or None, params, order_by="id")
        return [_decode(row) for row in rows]

    # -- annotators ------------------------------------------------------------------------
    def annotator_id(self, name: str, *, kind: str = "human") -> int:
        """Id of annotator `name`, created on first use."""
        name = name.strip()
        if not name:
            raise StoreError("an annotator needs a name")
        if name in self._annotator_ids:
            return self._annotator_ids[name]
        rows = list(self.db["annotators"].rows_where("name = ?", [name]))
        if rows:
            ident = int(rows[0]["id"])
        else:
            with self.db.atomic():
                ident = int(
                    self.db["annotators"]
                    .insert({"name": name, "kind": kind, "created_at": now()})
                    .last_pk
                )
                self._log(
                    ident, "insert", "annotators", ident, None, None, {"name": name, "kind": kind}
                )
        self._annotator_ids[name] = ident
        return ident

    def annotators(self) -> list[dict[str, Any]]:
        return list(self.db["annotators"].rows_where(order_by="name"))

    # -- articles --------------------------------------------------------------------------
    def add_articles(self, records: Iterable[ArticleRecord]) -> list[tuple[int, bool]]:
        """Store articles not already present (by content hash) in one transaction.

        RETURNS (list[tuple[int, bool]]): per record, its article id and whether it is new.
        """
        records = list(records)
        hashes = [content_hash(r.text) for r in records]
        stamp = now()
        with self.db.atomic():
            known = self._ids_for_hashes(hashes)
            fresh: dict[str, dict[str, Any]] = {}
            for record, digest in zip(records, hashes, strict=True):
                if digest not in known and digest not in fresh:
                    fresh[digest] = self._article_row(record, digest, stamp)
            self.db["articles"].insert_all(fresh.values(), batch_size=_INSERT_CHUNK)
            known.update(self._ids_for_hashes(list(fresh)))
            self.db["history"].insert_all(
                {
                    "at": stamp,
                    "annotator_id": None,
                    "batch": self._batch or uuid.uuid4().hex,
                    "action": "insert",
                    "entity": "articles",
                    "entity_id": known[digest],
                    "article_id": known[digest],
                    "before": None,
                    "after": _dumps(
                        {"content_hash": digest, "title": row["title"], "origin": row["origin"]}
                    ),
                    "undone": 0,
                }
                for digest, row in fresh.items()
            )
        first_seen: set[str] = set()
        result = []
        for digest in hashes:
            result.append((known[digest], digest in fresh and digest not in first_seen))
            first_seen.add(digest)
        return result

    def _ids_for_hashes(self, hashes: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        unique = list(dict.fromkeys(hashes))
        for i in range(0, len(unique), _INSERT_CHUNK):
            chunk = unique[i : i + _INSERT_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"select content_hash, id from articles where content_hash in ({marks})", chunk
            ).fetchall()
            found.update({h: int(ident) for h, ident in rows})
        return found

    @staticmethod
    def _article_row(record: ArticleRecord, digest: str, stamp: str) -> dict[str, Any]:
        return {
            "content_hash": digest,
            "title": record.title,
            "source": record.source,
            "url": record.url,
            "published_at": record.published_at,
            "raw_text": record.raw_text,
            "text": record.text,
            "meta": _dumps(record.meta or {}),
            "flags": _dumps(record.flags),
            "origin": record.origin,
            "imported_at": stamp,
        }

    def article(self, article_id: int) -> dict[str, Any]:
        try:
            return _decode(self.db["articles"].get(article_id))
        except NotFoundError:
            raise StoreError(f"no article with id {article_id} in {self.path}") from None

    def article_count(self) -> int:
        return self.db["articles"].count

    def article_ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("select id from articles order by id")]

    def articles_without_date(self) -> list[dict[str, Any]]:
        rows = self.db["articles"].rows_where(
            "published_at is null", select="id, title, origin, flags", order_by="id"
        )
        return [_decode(row) for row in rows]

    def set_published_at(self, article_id: int, published_at: str | None, annotator: str) -> None:
        """The analyst sets (or clears) a publication date the importer could not find."""
        before = self.article(article_id)
        flags = [f for f in before["flags"] if f != "no_publication_date"]
        if published_at is None:
            flags.append("no_publication_date")
        change = {"published_at": published_at, "flags": _dumps(flags)}
        with self.db.atomic():
            self.db["articles"].update(article_id, change)
            self._log(
                self.annotator_id(annotator),
                "update",
                "articles",
                article_id,
                article_id,
                {"published_at": before["published_at"], "flags": before["flags"]},
                {"published_at": published_at, "flags": flags},
            )

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
        with self.db.atomic():
            span_id = int(self.db["spans"].insert(row).last_pk)
            self._log(
                annotator_id, "insert", "spans", span_id, article_id, None, self.span(span_id)
            )
        return span_id

    def _check_offsets(self, article_id: int, start: int, end: int) -> None:
        length = self.db.execute(
            "select length(text) from articles where id = ?", [article_id]
        ).fetchone()
        if length is None:
            raise StoreError(f"no article with id {article_id} in {self.path}")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length[0]):
            raise OffsetError(
                f"article {article_id}: span [{start}, {end}) is outside its text "
                f"(0..{length[0]} characters)"
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
    ) -> list[dict[str, Any]]:
        where, params = ["article_id = ?"], [article_id]
        if annotator is not None:
            where.append("annotator_id = ?")
            params.append(self.annotator_id(annotator))
        if statuses is not None:
            wanted = [str(SpanStatus(s)) for s in statuses]
            where.append(f"status in ({','.join('?' * len(wanted))})")
            params.extend(wanted)
        rows = self.db["spans"].rows_where(" and ".join(where), params, order_by="start, end, id")
        return [_decode(row) for row in rows]

    def update_span(self, span_id: int, annotator: str, **changes: Any) -> None:
        """Change a span's label, status, offsets or normalised value."""
        allowed = {"start", "end", "label", "status", "origin", "score", "normalized"}
        unknown = set(changes) - allowed
        if unknown:
            raise StoreError(
                f"cannot change span field(s) {sorted(unknown)}; allowed: {sorted(allowed)}"
            )
        before = self.span(span_id)
        if "status" in changes:
            changes["status"] = str(SpanStatus(changes["status"]))
        if "start" in changes or "end" in changes:
            self._check_offsets(
                before["article_id"],
                changes.get("start", before["start"]),
                changes.get("end", before["end"]),
            )
        stored = {k: _dumps(v) if k == "normalized" else v for k, v in changes.items()}
        stored["updated_at"] = now()
        with self.db.atomic():
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
        before = self.span(span_id)
        annotator_id = self.annotator_id(annotator)
        with self.db.atomic():
            for argument in self.db["event_arguments"].rows_where("span_id = ?", [span_id]):
                self._delete_argument_row(argument, annotator_id, before["article_id"])
            self.db["spans"].delete(span_id)
            self._log(annotator_id, "delete", "spans", span_id, before["article_id"], before, None)

    # -- events ---------------------------------------------------------------------------
    def add_event(self, article_id: int, annotator: str, fields: dict[str, Any]) -> int:
        self._check_event_fields(fields)
        self.article(article_id)
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
        with self.db.atomic():
            event_id = int(self.db["events"].insert(row).last_pk)
            self._log(
                annotator_id, "insert", "events", event_id, article_id, None, self.event(event_id)
            )
        return event_id

    @staticmethod
    def _check_event_fields(fields: dict[str, Any]) -> None:
        unknown = set(fields) - set(EVENT_FIELDS)
        if unknown:
            raise StoreError(
                f"unknown event field(s) {sorted(unknown)}; known: {', '.join(EVENT_FIELDS)}"
            )
        for name, value in fields.items():
            kind = EVENT_FIELDS[name]
            ok = (
                value is None
                or (isinstance(value, kind) and not isinstance(value, bool))
                or (kind is float and isinstance(value, int) and not isinstance(value, bool))
            )
            if not ok:
                raise StoreError(f"event field '{name}' must be {kind.__name__}, got {value!r}")

    def event(self, event_id: int) -> dict[str, Any]:
        try:
            return _decode(dict(self.db["events"].get(event_id)))
        except NotFoundError:
            raise StoreError(f"no event with id {event_id}") from None

    def events(self, article_id: int, *, annotator: str | None = None) -> list[dict[str, Any]]:
        where, params = ["article_id = ?"], [article_id]
        if annotator is not None:
            where.append("annotator_id = ?")
            params.append(self.annotator_id(annotator))
        return [
            _decode(r)
            for r in self.db["events"].rows_where(" and ".join(where), params, order_by="id")
        ]

    def update_event(self, event_id: int, annotator: str, **fields: Any) -> None:
        self._check_event_fields(fields)
        if "status" in fields:
            fields["status"] = str(SpanStatus(fields["status"]))
        before = self.event(event_id)
        with self.db.atomic():
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
        before = self.event(event_id)
        annotator_id = self.annotator_id(annotator)
        with self.db.atomic():
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
            self._log(
                annotator_id, "delete", "events", event_id, before["article_id"], before, None
            )

    def add_argument(self, event_id: int, role: str, span_id: int, annotator: str) -> int:
        """Link a span to a role of a frame (both must belong to the same article)."""
        event, span = self.event(event_id), self.span(span_id)
        if event["article_id"] != span["article_id"]:
            raise StoreError(f"span {span_id} and event {event_id} belong to different articles")
        row = {"event_id": event_id, "role": role, "span_id": span_id}
        annotator_id = self.annotator_id(annotator)
        with self.db.atomic():
            try:
                argument_id = int(self.db["event_arguments"].insert(row).last_pk)
            except sqlite3.IntegrityError:
                raise StoreError(
                    f"span {span_id} is already the {role} of event {event_id}"
                ) from None
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
        with self.db.atomic():
            self._delete_argument_row(row, self.annotator_id(annotator), article_id)

    def _delete_argument_row(self, row: dict[str, Any], annotator_id: int, article_id: int) -> None:
        self.db["event_arguments"].delete(row["id"])
        self._log(annotator_id, "delete", "event_arguments", row["id"], article_id, dict(row), None)

    def arguments(self, event_id: int) -> list[dict[str, Any]]:
        return list(
            self.db["event_arguments"].rows_where("event_id = ?", [event_id], order_by="id")
        )

    # -- machine suggestions --------------------------------------------------------------
    def suggestion_version(self, article_id: int) -> str | None:
        row = self.db.execute(
            "select version from suggestion_runs where article_id = ?", [article_id]
        ).fetchone()
        return row[0] if row else None

    def articles_needing_suggestions(
        self, version: str, article_ids: Iterable[int] | None = None
    ) -> list[int]:
        """Ids of articles whose suggestions were not made by `version`."""
        rows = self.db.execute(
            "select a.id from articles a left join suggestion_runs r on r.article_id = a.id "
            "where r.version is null or r.version != ? order by a.id",
            [version],
        ).fetchall()
        ids = [row[0] for row in rows]
        if article_ids is not None:
            wanted = set(article_ids)
            ids = [i for i in ids if i in wanted]
        return ids

    def article_texts(self, article_ids: Sequence[int]) -> list[tuple[int, str, str | None]]:
        """(id, text, published_at) of the given articles, in the given order."""
        marks = ",".join("?" * len(article_ids))
        rows = self.db.execute(
            f"select id, text, published_at from articles where id in ({marks})", list(article_ids)
        ).fetchall()
        by_id = {row[0]: (row[0], row[1], row[2]) for row in rows}
        return [by_id[i] for i in article_ids if i in by_id]

    def replace_suggestions(
        self,
        article_id: int,
        suggester: str,
        version: str,
        model: str,
        spans: list[dict[str, Any]],
        frames: list[dict[str, Any]],
    ) -> None:
        """Swap the suggester's pending suggestions on an article for a new set, atomically.

        Only rows of `suggester` still in status 'suggested' are replaced: nobody's
        accepted, rejected or manual work is touched. `frames` hold `fields`, `reasons` and
        `roles` (role -> indices into `spans`).
        """
        annotator_id = self.annotator_id(suggester, kind="model")
        stamp = now()
        with self.db.atomic():
            old_events = [
                r[0]
                for r in self.db.execute(
                    "select id from events where article_id = ? and annotator_id = ? "
                    "and status = 'suggested'",
                    [article_id, annotator_id],
                )
            ]
            # A suggestion someone's frame links to stays: their work must not lose a role.
            old_spans = [
                r[0]
                for r in self.db.execute(
                    "select s.id from spans s where s.article_id = ? and s.annotator_id = ? "
                    "and s.status = 'suggested' and not exists (select 1 from event_arguments a "
                    "join events e on e.id = a.event_id "
                    "where a.span_id = s.id and e.annotator_id != ?)",
                    [article_id, annotator_id, annotator_id],
                )
            ]
            self._delete_ids("event_arguments", "event_id", old_events)
            self._delete_ids("events", "id", old_events)
            self._delete_ids("spans", "id", old_spans)
            span_ids = self._insert_suggested_spans(article_id, annotator_id, spans, stamp)
            for frame in frames:
                self._insert_suggested_frame(article_id, annotator_id, frame, span_ids, stamp)
            self.db["suggestion_runs"].upsert(
                {
                    "article_id": article_id,
                    "version": version,
                    "model": model,
                    "ran_at": stamp,
                    "spans": len(spans),
                    "frames": len(frames),
                },
                pk="article_id",
            )
            self._log(
                annotator_id,
                "replace",
                "suggestions",
                article_id,
                article_id,
                {"spans": len(old_spans), "events": len(old_events)},
                {"spans": len(spans), "events": len(frames), "version": version},
            )

    def _delete_ids(self, table: str, column: str, ids: list[int]) -> None:
        for i in range(0, len(ids), _INSERT_CHUNK):
            chunk = ids[i : i + _INSERT_CHUNK]
            self.db.execute(
                f"delete from [{table}] where [{column}] in ({','.join('?' * len(chunk))})", chunk
            )

    def _insert_suggested_spans(
        self, article_id: int, annotator_id: int, spans: list[dict[str, Any]], stamp: str
    ) -> list[int]:
        length = self.db.execute(
            "select length(text) from articles where id = ?", [article_id]
        ).fetchone()[0]
        ids = []
        for span in spans:
            if not 0 <= span["start"] < span["end"] <= length:
                raise OffsetError(
                    f"article {article_id}: suggested span [{span['start']}, {span['end']}) "
                    f"is outside its text (0..{length} characters)"
                )
            row = {
                "article_id": article_id,
                "annotator_id": annotator_id,
                "start": span["start"],
                "end": span["end"],
                "label": span["label"],
                "status": str(SpanStatus.SUGGESTED),
                "origin": span.get("origin"),
                "score": span.get("score"),
                "normalized": _dumps(span.get("normalized")),
                "created_at": stamp,
                "updated_at": stamp,
            }
            ids.append(int(self.db["spans"].insert(row).last_pk))
        return ids

    def _insert_suggested_frame(
        self,
        article_id: int,
        annotator_id: int,
        frame: dict[str, Any],
        span_ids: list[int],
        stamp: str,
    ) -> None:
        fields = {**frame["fields"], "status": str(SpanStatus.SUGGESTED)}
        self._check_event_fields(fields)
        row = {
            **fields,
            "article_id": article_id,
            "annotator_id": annotator_id,
            "reasons": _dumps(frame.get("reasons")),
            "created_at": stamp,
            "updated_at": stamp,
        }
        event_id = int(self.db["events"].insert(row).last_pk)
        self.db["event_arguments"].insert_all(
            {"event_id": event_id, "role": role, "span_id": span_ids[index]}
            for role, indices in frame.get("roles", {}).items()
            for index in dict.fromkeys(indices)
        )

    # -- article status -------------------------------------------------------------------
    def set_status(
        self,
        article_id: int,
        annotator: str,
        status: ArticleState | str,
        *,
        add_seconds: float = 0.0,
    ) -> None:
        status = ArticleState(status)
        self.article(article_id)
        annotator_id = self.annotator_id(annotator)
        key = (article_id, annotator_id)
        table = self.db["article_status"]
        try:
            before: dict[str, Any] | None = dict(table.get(key))
        except NotFoundError:
            before = None
        seconds = (before["seconds"] if before else 0.0) + max(0.0, add_seconds)
        after = {
            "article_id": article_id,
            "annotator_id": annotator_id,
            "status": str(status),
            "seconds": seconds,
            "updated_at": now(),
        }
        with self.db.atomic():
            table.upsert(after, pk=("article_id", "annotator_id"))
            self._log(
                annotator_id,
                "update" if before else "insert",
                "article_status",
                article_id,
                article_id,
                before,
                after,
            )

    def status(self, article_id: int, annotator: str) -> str:
        row = self.db.execute(
            "select status from article_status where article_id = ? and annotator_id = ?",
            [article_id, self.annotator_id(annotator)],
        ).fetchone()
        return row[0] if row else str(ArticleState.TODO)

    def status_counts(self) -> dict[str, dict[str, int]]:
        """Articles per status per annotator; articles an annotator never touched count as todo."""
        total = self.article_count()
        counts: dict[str, dict[str, int]] = {}
        rows = self.db.execute(
            "select a.name, s.status, count(*) from annotators a "
            "join article_status s on s.annotator_id = a.id group by a.name, s.status"
        ).fetchall()
        for name, status, count in rows:
            counts.setdefault(name, {})[status] = count
        for name in (a["name"] for a in self.annotators() if a["kind"] == "human"):
            per = counts.setdefault(name, {})
            per[str(ArticleState.TODO)] = total - sum(
                n for s, n in per.items() if s != str(ArticleState.TODO)
            )
        return counts

    # -- settings -------------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("select value from settings where key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.db["settings"].upsert({"key": key, "value": value}, pk="key")
