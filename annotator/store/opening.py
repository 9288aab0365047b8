"""Recognising a project file before anything is written to it, and the connection that turns
SQLite's damage and read-only errors into `StoreError`s naming the project.

`inspect(path, create=...)` looks at the file with a read-only connection: a missing file (unless
`create`), a 0-byte file, a file that is not SQLite and an SQLite file of another program (tables,
but no annotator migrations) are refused with a `StoreError` and the file is left byte for byte as
it was. Only then does `connect` open it for the store, read-only when asked or when the file or
its folder cannot be written.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from annotator.core.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "annotator"
# `PRAGMA application_id` of every project file: "ANNO" read as a big-endian 32-bit integer.
# A project made before it was set has 0 there and is recognised by its migration records.
APPLICATION_ID = int.from_bytes(b"ANNO", "big")
# Errors that mean the file itself is damaged; every other sqlite3 error passes through unchanged
# (a locked database is the transactions' business, a bug stays a bug).
_DAMAGE = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CORRUPT_INDEX", "SQLITE_CORRUPT_SEQUENCE"}


@dataclass(frozen=True)
class Opening:
    """What `inspect` found: whether the file is new (to be created) and opens read-only."""

    new: bool
    read_only: bool


def missing_message(path: Path) -> str:
    return (
        f"no project at {path}; create it with `annotator new {path}` "
        "(import, gui and merge also take --create)"
    )


def inspect(path: Path, *, create: bool, read_only: bool | None) -> Opening:
    """Refuse what is not an annotator project, reading only. RAISES (StoreError)."""
    if not path.exists():
        if not create:
            raise StoreError(missing_message(path))
        if read_only:
            raise StoreError(f"{path}: cannot create a project read-only")
        return Opening(new=True, read_only=False)
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a project file; give the project's .db file")
    ro = not writable(path) if read_only is None else read_only
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header:
        raise StoreError(
            f"{path}: an empty file (0 bytes), not an annotator project; nothing was written to it. "
            f"Delete it and run `annotator new {path}`, or give the right --db"
        )
    if header != SQLITE_HEADER:
        raise StoreError(f"{path}: not a usable annotator project (file is not a database)")
    tables = _tables(path)
    application_id = _query(path, "PRAGMA application_id")[0][0]
    if application_id not in (0, APPLICATION_ID):
        raise StoreError(
            f"{path}: an SQLite database of another program (application id {application_id:#010x}), "
            "not an annotator project; nothing was written to it"
        )
    if tables and application_id != APPLICATION_ID and not _has_our_migrations(path, tables):
        shown = ", ".join(sorted(tables)[:5])
        raise StoreError(
            f"{path}: an SQLite database of another program (tables: {shown}), not an annotator "
            "project; nothing was written to it"
        )
    return Opening(new=not tables, read_only=ro)


def writable(path: Path) -> bool:
    """Whether SQLite can write the project: the file and its folder (for -wal, -shm, journals)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only_uri(path: Path) -> str:
    """A read-only URI. Without a -wal file, `immutable=1`, so no -shm has to be made in a folder
    that may not be writable; with one, `mode=ro` so the WAL's committed pages are read."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not (wal.exists() and wal.stat().st_size > 0):
        uri += "&immutable=1"
    return uri


def _query(path: Path, sql: str) -> list[Any]:
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a usable annotator project ({exc})") from None


def _tables(path: Path) -> set[str]:
    return {row[0] for row in _query(path, "select name from sqlite_master where type = 'table'")}


def _has_our_migrations(path: Path, tables: set[str]) -> bool:
    if MIGRATIONS_TABLE not in tables:
        return False
    rows = _query(path, f"select count(*) from {MIGRATIONS_TABLE} where migration_set = '{MIGRATION_SET}'")
    return bool(rows[0][0])


def connect(path: Path, opening: Opening, timeout: float) -> sqlite3.Connection:
    """The store's connection: read-only by URI when `opening.read_only`, else read-write."""
    if opening.read_only:
        conn = sqlite3.connect(
            _read_only_uri(path), uri=True, factory=GuardedConnection, check_same_thread=False
        )
    else:
        # IMMEDIATE: a write transaction takes the write lock when it begins, so a second
        # writer waits out the busy timeout instead of failing on a lock upgrade
        conn = sqlite3.connect(
            path,
            timeout=timeout,
            factory=GuardedConnection,
            check_same_thread=False,
            isolation_level="IMMEDIATE",
        )
    conn.project = path
    conn.read_only = opening.read_only
    return conn


def translate(exc: sqlite3.Error, path: Path, read_only: bool) -> Exception:
    """The `StoreError` a damaged or read-only file's sqlite3 error means, else `exc` itself."""
    name = getattr(exc, "sqlite_errorname", "")
    if name.startswith("SQLITE_READONLY") or (read_only and "readonly" in str(exc)):
        return StoreError(
            f"{path}: opened read-only (no write permission on the file or its folder); nothing was "
            "changed. Copy the project somewhere you can write, or ask for write permission"
        )
    if name in _DAMAGE or "malformed" in str(exc) or "Could not decode" in str(exc):
        return damaged_error(path, str(exc))
    return exc


def damaged_error(path: Path, detail: str) -> StoreError:
    """A damaged project: what SQLite or the check found, and the way back to the latest backup."""
    from annotator.store.backups import newest_backup  # backups imports this module

    backup = newest_backup(path)
    fix = (
        f"restore the latest backup ({backup.name}) with `annotator restore --db {path}`"
        if backup
        else "no backup of it exists; restore a copy you have"
    )
    return StoreError(f"{path}: the project file is damaged ({detail}); {fix}")


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """`method` of a cursor, with damage and read-only errors raised as StoreErrors."""

    @functools.wraps(method)
    def guarded(self: GuardedCursor, *args: Any) -> Any:
        try:
            return method(self, *args)
        except sqlite3.Error as exc:
            conn = self.connection
            raise translate(exc, conn.project, conn.read_only) from None  # type: ignore[attr-defined]

    return guarded


class GuardedCursor(sqlite3.Cursor):
    """A cursor whose damage and read-only errors, on execute or while fetching, are StoreErrors."""

    execute = _guarded(sqlite3.Cursor.execute)
    executemany = _guarded(sqlite3.Cursor.executemany)
    executescript = _guarded(sqlite3.Cursor.executescript)
    fetchone = _guarded(sqlite3.Cursor.fetchone)
    fetchmany = _guarded(sqlite3.Cursor.fetchmany)
    fetchall = _guarded(sqlite3.Cursor.fetchall)
    __next__ = _guarded(sqlite3.Cursor.__next__)


class GuardedConnection(sqlite3.Connection):
    """A connection whose statements run on `GuardedCursor`s, commits included."""

    project: Path
    read_only: bool

    def cursor(self, factory: Any = GuardedCursor) -> Any:  # type: ignore[override]
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> Any:  # type: ignore[override]
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> Any:  # type: ignore[override]
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script: str, /) -> Any:  # type: ignore[override]
        return self.cursor().executescript(script)

    def commit(self) -> None:
        try:
            super().commit()
        except sqlite3.Error as exc:
            raise translate(exc, self.project, self.read_only) from None


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """`PRAGMA quick_check`: RAISES (StoreError) naming the project and its latest backup."""
    rows = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        raise damaged_error(path, "; ".join(rows[:3]))
