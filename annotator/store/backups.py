"""Backups of a project file beside it: `<name>.<UTC stamp>.backup`, copied with SQLite's backup
API (WAL included), taken before migrations and on the schedule the project's settings give
(`backup_every_hours`), pruned to the newest `backup_keep` (default 5). The stamp in the name is
the time of the backup, so the schedule needs no write to the project to be checked.

`restore` puts a backup back over a damaged project after moving the damaged file (and its
-wal/-shm) aside as `<name>.<stamp>.damaged`, so nothing is lost.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from annotator.core.errors import StoreError

DEFAULT_KEEP = 5
EVERY_SETTING = "backup_every_hours"
KEEP_SETTING = "backup_keep"
_STAMP = "%Y%m%dT%H%M%S%fZ"
_SIDE_FILES = ("-wal", "-shm")


def _stamp(at: datetime | None = None) -> str:
    return (at or datetime.now(UTC)).strftime(_STAMP)


def backup_path(project: Path, at: datetime | None = None) -> Path:
    return project.with_name(f"{project.name}.{_stamp(at)}.backup")


def backups(project: Path) -> list[Path]:
    """The project's backups, oldest first (the stamps sort as the times do)."""
    return sorted(p for p in project.parent.glob(f"{project.name}.*.backup") if _taken_at(project, p))


def newest_backup(project: Path) -> Path | None:
    found = backups(project)
    return found[-1] if found else None


def _taken_at(project: Path, backup: Path) -> datetime | None:
    stamp = backup.name[len(project.name) + 1 : -len(".backup")]
    try:
        return datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def take_backup(conn: sqlite3.Connection, project: Path) -> Path:
    """Copy the whole database into a new backup file beside the project."""
    target = backup_path(project)
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target


def prune(project: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups; the deleted ones, oldest first."""
    old = backups(project)[:-keep] if keep > 0 else []
    for path in old:
        path.unlink()
    return old


def due(project: Path, every_hours: float, now: datetime | None = None) -> bool:
    """Whether the newest backup is older than `every_hours` (or there is none)."""
    newest = newest_backup(project)
    taken = _taken_at(project, newest) if newest else None
    return taken is None or (now or datetime.now(UTC)) - taken >= timedelta(hours=every_hours)


def restore(project: Path, backup: Path | None = None) -> tuple[Path, Path | None]:
    """Copy `backup` (default: the newest) over `project`, the damaged file saved aside first.

    RETURNS: the backup restored and where the damaged project went (None if it was missing).
    RAISES (StoreError): no backup, or the backup is not a readable SQLite file.
    """
    source = backup or newest_backup(project)
    if source is None:
        raise StoreError(f"{project}: no backup to restore (none named {project.name}.*.backup beside it)")
    if not source.is_file():
        raise StoreError(f"{source}: no such backup file")
    _check_readable(source)
    aside = _save_aside(project)
    src = sqlite3.connect(f"file:{source.resolve()}?mode=ro", uri=True)
    dst = sqlite3.connect(project)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return source, aside


def _check_readable(source: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{source.resolve()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{source}: not a usable backup ({exc}); give another with --backup") from None
    if result != "ok":
        raise StoreError(f"{source}: the backup is damaged too ({result}); give another with --backup")


def _save_aside(project: Path) -> Path | None:
    if not project.exists():
        return None
    aside = project.with_name(f"{project.name}.{_stamp()}.damaged")
    project.rename(aside)
    for suffix in _SIDE_FILES:
        side = project.with_name(project.name + suffix)
        if side.exists():
            side.rename(aside.with_name(aside.name + suffix))
    return aside
