"""Schema of a project file, as forward migrations (sqlite-utils `Migrations`).

Migrations run through `apply` here, not `Migrations.apply`: each one, the record that it
ran (`_sqlite_migrations`) and the `schema_version` row are one transaction, so a process
killed at any moment leaves the project before or after that migration, never between.
Foreign keys are switched off around each transaction (SQLite ignores the pragma inside
one), so a migration may rebuild a table that others reference; it checks them itself.
The `schema_version` table holds the number of applied migrations, which is what a user sees.
Never edit what a migration that has shipped produces: add a new one.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from annotator.core.cleaning import raw_form
from annotator.core.model import EVENT_FIELDS
from annotator.store.opening import APPLICATION_ID

migrations = Migrations("annotator")


@migrations()
def m001_core_tables(db: Database) -> None:
    db["articles"].create(
        {
            "id": int,
            "content_hash": str,
            "title": str,
            "source": str,
            "url": str,
            "published_at": str,
            "raw_text": str,
            "text": str,
            "meta": str,
            "flags": str,
            "origin": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"content_hash", "raw_text", "text", "imported_at"},
        defaults={"meta": "{}", "flags": "[]"},
    )
    db["articles"].create_index(["content_hash"], unique=True)
    db["annotators"].create(
        {"id": int, "name": str, "kind": str, "created_at": str},
        pk="id",
        not_null={"name", "kind", "created_at"},
        defaults={"kind": "human"},
    )
    db["annotators"].create_index(["name"], unique=True)
    db["spans"].create(
        {
            "id": int,
            "article_id": int,
            "annotator_id": int,
            "start": int,
            "end": int,
            "label": str,
            "status": str,
            "origin": str,
            "score": float,
            "normalized": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"article_id", "annotator_id", "start", "end", "label", "status", "created_at"},
        foreign_keys=[("article_id", "articles", "id"), ("annotator_id", "annotators", "id")],
    )
    db["spans"].create_index(["article_id", "annotator_id"])
    event_columns: dict[str, type] = {"id": int, "article_id": int, "annotator_id": int}
    event_columns.update(EVENT_FIELDS)
    event_columns.update({"created_at": str, "updated_at": str})
    db["events"].create(
        event_columns,
        pk="id",
        not_null={"article_id", "annotator_id", "status", "created_at"},
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("annotator_id", "annotators", "id"),
            ("same_as", "events", "id"),
        ],
    )
    db["events"].create_index(["article_id", "annotator_id"])
    db["event_arguments"].create(
        {"id": int, "event_id": int, "role": str, "span_id": int},
        pk="id",
        not_null={"event_id", "role", "span_id"},
        foreign_keys=[("event_id", "events", "id"), ("span_id", "spans", "id")],
    )
    db["event_arguments"].create_index(["event_id", "role", "span_id"], unique=True)
    db["event_arguments"].create_index(["span_id"])
    db["article_status"].create(
        {
            "article_id": int,
            "annotator_id": int,
            "status": str,
            "seconds": float,
            "updated_at": str,
        },
        pk=("article_id", "annotator_id"),
        not_null={"status"},
        defaults={"seconds": 0.0},
        foreign_keys=[("article_id", "articles", "id"), ("annotator_id", "annotators", "id")],
    )
    db["history"].create(
        {
            "id": int,
            "at": str,
            "annotator_id": int,
            "batch": str,
            "action": str,
            "entity": str,
            "entity_id": int,
            "article_id": int,
            "before": str,
            "after": str,
            "undone": int,
        },
        pk="id",
        not_null={"at", "action", "entity", "batch"},
        defaults={"undone": 0},
        foreign_keys=[("annotator_id", "annotators", "id")],
    )
    db["history"].create_index(["annotator_id", "id"])
    db["history"].create_index(["article_id"])
    db["settings"].create({"key": str, "value": str}, pk="key")


@migrations()
def m002_queue_indexes_and_search(db: Database) -> None:
    """Indexes the article queue sorts by, and full-text search over title and text."""
    db["articles"].create_index(["published_at"])
    db["articles"].create_index(["source"])
    db["article_status"].create_index(["annotator_id", "status"])
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61")


@migrations()
def m003_suggestion_runs(db: Database) -> None:
    """Which suggester version last ran on each article; why each draft frame was proposed."""
    db["suggestion_runs"].create(
        {
            "article_id": int,
            "version": str,
            "model": str,
            "ran_at": str,
            "spans": int,
            "frames": int,
        },
        pk="article_id",
        not_null={"version", "ran_at"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["events"].add_column("reasons", str)


@migrations()
def m004_review_decisions(db: Database) -> None:
    """Provenance of the gold standard: for each reviewed item, whose version was taken, by whom, when."""
    db["decisions"].create(
        {
            "id": int,
            "article_id": int,
            "kind": str,
            "item": str,
            "taken_from": str,
            "reviewer": str,
            "at": str,
            "gold": str,
        },
        pk="id",
        not_null={"article_id", "kind", "item", "reviewer", "at"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["decisions"].create_index(["article_id", "kind", "item"])


@migrations()
def m005_ids_never_reused(db: Database) -> None:
    """spans, events and event_arguments get AUTOINCREMENT ids: undo re-inserts deleted rows
    with their old ids, so an id freed by a delete must never be handed out again. The tables
    are rebuilt under their references: `apply` runs this with foreign keys off."""
    for table in ("spans", "events", "event_arguments"):
        _rebuild_with_autoincrement(db, table)
    if db.execute("PRAGMA foreign_key_check").fetchall():
        raise RuntimeError("foreign keys broken while rebuilding tables; nothing was changed")


@migrations()
def m006_raw_text_hash(db: Database) -> None:
    """`raw_hash` of every article, indexed: a peer tool's file made on the raw text (before
    the headers, BOM and CRLF were cleaned away) finds its article by it."""
    db["articles"].add_column("raw_hash", str)
    db.register_function(raw_text_hash, deterministic=True, replace=True)
    db.execute("update articles set raw_hash = raw_text_hash(raw_text)")
    db["articles"].create_index(["raw_hash"])


@migrations()
def m007_redo_index(db: Database) -> None:
    """Every undoable write empties its annotator's redo stack (`undone > 0`); without an index
    that statement reads all their history, so each action got slower as a project aged."""
    db.execute("create index history_redo on history (annotator_id) where undone > 0")


@migrations()
def m008_queue_order_indexes(db: Database) -> None:
    """An index per queue order (`store.queue.QUEUE_ORDERS`): by date, newest first, and by
    source, then newest first; the article id, last in every index, breaks ties. Each page of
    the queue is then a range of one of them, not a sort of every article. They replace the
    one-column indexes of migration 2, which serve no lookup these do not."""
    db.execute("create index articles_by_date on articles (published_at desc)")
    db.execute("create index articles_by_source on articles (source, published_at desc)")
    db.execute('drop index if exists "idx_articles_published_at"')
    db.execute('drop index if exists "idx_articles_source"')


def raw_text_hash(raw: str) -> str:
    """The SHA-256 of `raw` in its `raw_form` (no BOM, LF line ends): one value for a file
    saved with or without a BOM, with CRLF or LF."""
    return hashlib.sha256(raw_form(raw).encode("utf-8")).hexdigest()


def _rebuild_with_autoincrement(db: Database, table: str) -> None:
    sql = db.execute("select sql from sqlite_master where type = 'table' and name = ?", [table]).fetchone()[0]
    indexes = [
        row[0]
        for row in db.execute(
            "select sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null", [table]
        )
    ]
    rebuilt = sql.replace('"id" INTEGER PRIMARY KEY', '"id" INTEGER PRIMARY KEY AUTOINCREMENT', 1)
    rebuilt = rebuilt.replace(f'CREATE TABLE "{table}"', f'CREATE TABLE "{table}_rebuilt"', 1)
    db.execute(rebuilt)
    db.execute(f'insert into "{table}_rebuilt" select * from "{table}"')
    db.execute(f'drop table "{table}"')
    db.execute(f'alter table "{table}_rebuilt" rename to "{table}"')
    for index in indexes:
        db.execute(index)
    # ids already used by deleted rows (still in the history) are never given again
    highest = db.execute(
        f'select max(coalesce((select max(id) from "{table}"), 0), '
        "coalesce((select max(entity_id) from history where entity = ?), 0))",
        [table],
    ).fetchone()[0]
    db.execute("delete from sqlite_sequence where name = ?", [table])
    db.execute("insert into sqlite_sequence (name, seq) values (?, ?)", [table, highest])


def apply(db: Database, *, upto: int | None = None) -> None:
    """Apply the pending migrations (only the first `upto` of all, when given), each in one
    transaction with its record and the schema version. A migration another process applied
    meanwhile is skipped: whether it ran is read again once the write lock is held."""
    for migration in migrations._migrations[:upto]:
        _apply_one(db, migration)


def _apply_one(db: Database, migration: Migrations._Migration) -> None:
    enforced = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            if _is_applied(db, migration.name):
                return
            migrations.ensure_migrations_table(db)
            stamp_application_id(db)
            migration.fn(db)
            migrations._record_applied(db, migration.name)
            record_version(db)
    finally:
        db.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")


def stamp_application_id(db: Database) -> None:
    """Mark the file as an annotator project in its header (`PRAGMA application_id`), so it
    is recognised before any table is read; inside a transaction it commits with it."""
    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _is_applied(db: Database, name: str) -> bool:
    return any(m.name == name for m in migrations.applied(db))


def record_version(db: Database) -> None:
    """The `schema_version` row: how many migrations the file has had."""
    db["schema_version"].insert(
        {
            "id": 1,
            "version": len(migrations.applied(db)),
            "applied_at": datetime.now(UTC).isoformat(timespec="milliseconds"),
        },
        pk="id",
        replace=True,
    )


def schema_version() -> int:
    """The version this code writes: the number of migrations it knows."""
    return len(migrations._migrations)


def migration_names() -> list[str]:
    return [m.name for m in migrations._migrations]
