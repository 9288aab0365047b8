"""The connection, migrations, transactions, history log, annotators and settings of a
project file; the other store modules add their tables' operations as mixins."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from sqlite_utils import Database

from annotator.core.errors import StoreError, UnknownAnnotatorError
from annotator.store import backups, schema
from annotator.store import opening as opening_checks

BUSY_TIMEOUT_SECONDS = 10.0  # how long a write waits for another process's write lock
_RETRY_PAUSE_SECONDS = 0.05
_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_JSON_COLUMNS = {"meta", "flags", "normalized", "before", "after", "reasons"}
_INSERT_CHUNK = 500
UNDOABLE_ENTITIES = ("spans", "events", "event_arguments", "article_status", "articles")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def content_hash(text: str) -> str:
    """Identity of an article: the SHA-256 of the text annotations point into."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def insert_rows(db: Database, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys, values SQLite stores as they are) in as few
    multi-row INSERT statements as SQLite's variable limit allows. Few statements matter for
    `articles`: FTS5 writes its pending terms out at every statement of its triggers (one
    per 83 rows through sqlite-utils' `insert_all`), which cost as much as the insert."""
    if not rows:
        return
    columns = list(rows[0])
    per_statement = max(1, db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(columns))
    names = ", ".join(f'"{column}"' for column in columns)
    marks = "(" + ", ".join("?" * len(columns)) + ")"
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        db.execute(
            f'insert into "{table}" ({names}) values {", ".join([marks] * len(chunk))}',
            [row[column] for row in chunk for column in columns],
        )


#: `json.dumps(value, ensure_ascii=False, sort_keys=True)` without building an encoder per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _dumps(value: Any) -> str | None:
    return None if value is None else _ENCODE(value)


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for key in _JSON_COLUMNS & row.keys():
        if isinstance(row[key], str):
            row[key] = json.loads(row[key])
    return row


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _BUSY_CODES


def locked_error(path: Path) -> StoreError:
    return StoreError(
        f"{path}: another process holds the project's write lock (still after {BUSY_TIMEOUT_SECONDS:g} s), "
        "so nothing was changed; run the command again when that process (an import, a suggest run "
        "or another annotator window on this project) has finished"
    )


class ProjectDatabase(Database):
    """A sqlite-utils `Database` whose transactions take the write lock when they begin.

    A deferred `BEGIN` that reads before it writes cannot wait for another writer: SQLite
    refuses the lock upgrade at once with "database is locked", whatever the busy timeout. So
    every outermost `atomic()` (ours and sqlite-utils' own, in `insert_all`, `upsert` …) starts
    with `BEGIN IMMEDIATE`, which waits up to the busy timeout and is retried until
    `BUSY_TIMEOUT_SECONDS` have passed; nested blocks stay savepoints of the outer one. A lock
    held longer is a `StoreError` with the transaction rolled back.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        super().__init__(conn)
        self.path = path

    @contextmanager
    def atomic(self) -> Iterator[Self]:
        if self.conn.in_transaction:
            with super().atomic():  # a savepoint inside the outer transaction
                yield self
            return
        self._begin_immediate()
        try:
            yield self
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self.rollback()
            if _is_busy(exc):
                raise locked_error(self.path) from None
            raise
        except BaseException:
            self.rollback()
            raise

    def _begin_immediate(self) -> None:
        """BEGIN IMMEDIATE, again after a busy answer (SQLite may give one before its busy
        timeout, e.g. while another connection recovers the WAL) until the timeout is spent."""
        deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise locked_error(self.path) from None
            time.sleep(_RETRY_PAUSE_SECONDS)


class StoreBase:
    """Connection, schema, transactions and the history log."""

    def __init__(self, path: str | Path, *, create: bool = True, read_only: bool | None = None) -> None:
        """Open the project at `path`, refusing what is not one before writing anything.

        `create`: make a new project when `path` does not exist (the CLI asks for it explicitly).
        `read_only`: None opens read-only when the file or its folder cannot be written.
        RAISES (StoreError): no such project, an empty, foreign or damaged file, a read-only
        project that needs a migration, a project made by a newer annotator.
        """
        self.path = Path(path)
        opening = opening_checks.inspect(self.path, create=create, read_only=read_only)
        self.read_only = opening.read_only
        self.backup_path: Path | None = None
        if opening.new:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = opening_checks.connect(self.path, opening, BUSY_TIMEOUT_SECONDS)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            self.db = ProjectDatabase(conn, self.path)
            if not opening.new:
                opening_checks.quick_check(conn, self.path)
            if self.read_only:
                self._check_current()
            else:
                self.db.enable_wal()
                self._migrate()
                self.backup_if_due()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable annotator project ({exc})") from None
        self._batch: str | None = None
        self._annotator_ids: dict[str, int] = {}
        self._lengths: dict[int, int] = {}  # article id -> its text's length (texts never change)

    def _check_current(self) -> None:
        """A read-only project is read as it is: refuse one whose schema needs a migration."""
        if schema.migrations.pending(self.db):
            raise StoreError(
                f"{self.path}: opened read-only, and this annotator must upgrade its schema first; "
                "open it once where you can write to it"
            )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
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
        if not schema.migrations.pending(self.db):
            schema.stamp_application_id(self.db)  # a project made before the id was set
            return
        if self.db.table_names():
            self.backup_path = self._backup()
        schema.apply(self.db)

    def _backup(self) -> Path:
        """Copy the whole database (WAL included) beside it, keeping the newest `backup_keep`."""
        target = backups.take_backup(self.db.conn, self.path)
        backups.prune(self.path, self._backup_keep())
        return target

    def _backup_keep(self) -> int:
        if not self.db["settings"].exists():
            return backups.DEFAULT_KEEP
        return int(self.setting(backups.KEEP_SETTING) or backups.DEFAULT_KEEP)

    def backup_if_due(self) -> Path | None:
        """Take the scheduled backup when the newest is older than `backup_every_hours`."""
        every = self.setting(backups.EVERY_SETTING)
        if every is None or not backups.due(self.path, float(every)):
            return None
        return self._backup()

    def backup_schedule(self) -> str:
        """The schedule in words, for a user."""
        every = self.setting(backups.EVERY_SETTING)
        when = f"a backup on open every {every} hours" if every else "no scheduled backups"
        return f"{when}, keeping the newest {self._backup_keep()}"

    def backup(self, *, every_hours: float | None = None, keep: int | None = None) -> Path:
        """Take a backup now, after storing the schedule and how many to keep when given."""
        if every_hours is not None:
            self.set_setting(backups.EVERY_SETTING, f"{every_hours:g}")
        if keep is not None:
            self.set_setting(backups.KEEP_SETTING, str(keep))
        return self._backup()

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
            self._lengths.clear()  # and so are its articles: their ids may be given again
            raise
        finally:
            self._batch = outer

    def _text_length(self, article_id: int) -> int | None:
        """The length of an article's text in code points (None: no such article), without
        copying the text out: SQL's length() is exact unless the text holds a NUL, where it
        stops (old projects), and then the text is read. Kept per article: an article's text is
        never changed or deleted, and length() reads all of it (a millisecond at 300 kB, once per
        span written)."""
        if article_id in self._lengths:
            return self._lengths[article_id]
        row = self.db.execute(
            "select length(text), instr(text, char(0)) from articles where id = ?", [article_id]
        ).fetchone()
        if row is None:
            return None
        if row[1]:
            [text] = self.db.execute("select text from articles where id = ?", [article_id]).fetchone()
            length = len(text)
        else:
            length = int(row[0])
        self._lengths[article_id] = length
        return length

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
        if (
            annotator_id is not None
            and entity in UNDOABLE_ENTITIES
            and action in {"insert", "update", "delete"}
        ):
            # a new action: what was undone before can no longer be redone
            self.db.execute(
                "update history set undone = -1 where annotator_id = ? and undone > 0",
                [annotator_id],
            )

    def history(self, *, article_id: int | None = None, annotator: str | None = None) -> list[dict[str, Any]]:
        where, params = [], []
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        if annotator is not None:
            where.append("annotator_id = ?")
            params.append(self.known_annotator_id(annotator))
        rows = self.db["history"].rows_where(" and ".join(where) or None, params, order_by="id")
        return [_decode(row) for row in rows]

    # -- annotators ------------------------------------------------------------------------
    def annotator_id(self, name: str, *, kind: str = "human") -> int:
        """Id of annotator `name`, created on first use: for writes only."""
        name = name.strip()
        if not name:
            raise StoreError("an annotator needs a name")
        if name in self._annotator_ids:
            return self._annotator_ids[name]
        ident = self.annotator_id_if_known(name) or self._create_annotator(name, kind)
        self._annotator_ids[name] = ident
        return ident

    def _create_annotator(self, name: str, kind: str) -> int:
        with self.db.atomic():  # looked up again under the write lock: another process may have made it
            row = self.db.execute("select id from annotators where name = ?", [name]).fetchone()
            if row is not None:
                return int(row[0])
            row = {"name": name, "kind": kind, "created_at": now()}
            ident = int(self.db["annotators"].insert(row).last_pk)
            self._log(ident, "insert", "annotators", ident, None, None, {"name": name, "kind": kind})
            return ident

    def known_annotator_id(self, name: str) -> int:
        """Id of an annotator the project has: for reads, which never create one.

        RAISES (UnknownAnnotatorError): no annotator is called `name`; its message lists those known.
        """
        ident = self.annotator_id_if_known(name)
        if ident is None:
            raise UnknownAnnotatorError(name.strip(), (a["name"] for a in self.annotators()), self.path)
        return ident

    def annotator_id_if_known(self, name: str) -> int | None:
        """Id of annotator `name`, or None when the project has none of that name (never creates)."""
        name = name.strip()
        if name in self._annotator_ids:
            return self._annotator_ids[name]
        row = self.db.execute("select id from annotators where name = ?", [name]).fetchone()
        if row is None:
            return None
        self._annotator_ids[name] = int(row[0])
        return self._annotator_ids[name]

    def annotators(self) -> list[dict[str, Any]]:
        return list(self.db["annotators"].rows_where(order_by="name"))

    # -- settings -------------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("select value from settings where key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.db["settings"].upsert({"key": key, "value": value}, pk="key")
