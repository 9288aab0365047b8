"""Every migration is atomic: a process killed at any gap of the migration process (before a
migration's body, after it, after its record, after the schema version, after the commit)
leaves a project that the next process opens, brings to the current schema and keeps whole —
when creating a new project and when upgrading an old one."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from annotator.store import Store, schema

ROOT = Path(__file__).resolve().parent
NAMES = schema.migration_names()
STEPS = ("before body", "after body", "after record", "after schema version")


def _points(first: int) -> list[tuple[str, str]]:
    """Every gap from migration number `first` (0-based) on, and the one after the last commit."""
    return [(name, step) for name in NAMES[first:] for step in STEPS] + [("", "after the last commit")]


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _open_and_die_at(path: Path, name: str, step: str) -> None:
    """In the child: open the project with SIGKILL wired into the gap (`name`, `step`)."""
    current: list[str] = []

    def wrap(migration: Any) -> None:
        body = migration.fn

        def run(db: sqlite_utils.Database) -> None:
            current[:] = [migration.name]
            if (migration.name, step) == (name, "before body"):
                _die()
            body(db)
            if (migration.name, step) == (name, "after body"):
                _die()

        migration.fn = run

    for migration in schema.migrations._migrations:
        wrap(migration)
    record_applied = schema.migrations._record_applied
    record_version = getattr(schema, "record_version", lambda db: None)

    def record(db: sqlite_utils.Database, applied: str) -> None:
        record_applied(db, applied)
        if (applied, step) == (name, "after record"):
            _die()

    def version(db: sqlite_utils.Database) -> None:
        record_version(db)
        if current == [name] and step == "after schema version":
            _die()

    schema.migrations._record_applied = record  # type: ignore[method-assign]
    schema.record_version = version
    Store(path).close()
    _die()  # after the last commit


def _killed_at(path: Path, name: str, step: str) -> None:
    child = multiprocessing.get_context("fork").Process(target=_open_and_die_at, args=(path, name, step))
    child.start()
    child.join(timeout=60)
    assert child.exitcode == -signal.SIGKILL, (name, step, child.exitcode)


def _schema_of(path: Path) -> list[list[str | None]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("select type, name, tbl_name, sql from sqlite_master order by type, name")
        return [list(row) for row in rows]


def _old_project(path: Path) -> None:
    """A project at the first schema, with an article, annotators, a frame with a role, a status
    and their history."""
    db = sqlite_utils.Database(path)
    schema.migrations.apply(db, stop_before=NAMES[1])
    at = "2020-01-01T00:00:00"
    db["articles"].insert({"content_hash": "x", "raw_text": "Kabul.", "text": "Kabul.", "imported_at": at})
    db["annotators"].insert({"name": "ana", "kind": "human", "created_at": at})
    place = {"start": 0, "end": 5, "label": "LOCATION", "status": "accepted"}
    db["spans"].insert({"article_id": 1, "annotator_id": 1, **place, "created_at": at})
    db["events"].insert({"article_id": 1, "annotator_id": 1, "status": "accepted", "created_at": at})
    db["event_arguments"].insert({"event_id": 1, "role": "location", "span_id": 1})
    db["article_status"].insert({"article_id": 1, "annotator_id": 1, "status": "done"})
    db["history"].insert(
        {"at": at, "annotator_id": 1, "batch": "b", "action": "insert", "entity": "spans", "entity_id": 7}
    )
    db.close()


def _rows(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = ("articles", "annotators", "spans", "events", "event_arguments", "article_status", "history")
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}


def test_a_new_project_has_the_schema_the_shipped_migrations_made(tmp_path: Path) -> None:
    Store(tmp_path / "p.db").close()
    assert _schema_of(tmp_path / "p.db") == json.loads((ROOT / "fixtures" / "schema_v8.json").read_text())


def test_the_first_seven_migrations_still_make_schema_7(tmp_path: Path) -> None:
    """Migration 8 changed nothing the shipped ones make: they still give the schema of version 7."""
    db = sqlite_utils.Database(tmp_path / "p.db")
    schema.apply(db, upto=7)
    db.close()
    assert _schema_of(tmp_path / "p.db") == json.loads((ROOT / "fixtures" / "schema_v7.json").read_text())


@pytest.mark.slow
@pytest.mark.parametrize(("name", "step"), _points(0))
def test_a_kill_while_creating_a_project_leaves_one_that_opens(tmp_path: Path, name: str, step: str) -> None:
    path = tmp_path / "new.db"
    _killed_at(path, name, step)
    with Store(path) as store:
        assert store.schema_version == len(NAMES)
        assert [m.name for m in schema.migrations.applied(store.db)] == NAMES
        store.add_articles([])  # and it takes writes
    assert _schema_of(path) == _schema_of_fresh(tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "step"), _points(1))
def test_a_kill_while_upgrading_a_project_leaves_it_whole(tmp_path: Path, name: str, step: str) -> None:
    path = tmp_path / "old.db"
    _old_project(path)
    rows = _rows(path)
    _killed_at(path, name, step)
    with Store(path) as store:
        assert store.schema_version == len(NAMES)
        assert [m.name for m in schema.migrations.applied(store.db)] == NAMES
        assert store.article(1)["text"] == "Kabul."
        new_span = store.add_span(1, "ana", 0, 1, "LOCATION")
    assert new_span == 8  # ids already used (7, in the history) are never handed out again
    assert _rows(path) == {**rows, "spans": 2, "history": rows["history"] + 1}
    assert _schema_of(path) == _schema_of_fresh(tmp_path)


def _schema_of_fresh(tmp_path: Path) -> list[list[str | None]]:
    fresh = tmp_path / "fresh.db"
    Store(fresh).close()
    return _schema_of(fresh)
