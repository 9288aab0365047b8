"""Output folders that appear whole or not at all.

An export writes into a hidden sibling folder (`.NAME.partial-XXXX`, on the same file system)
and only when every file is written and flushed to disk is that folder renamed to NAME. A
kill leaves at most the hidden partial folder, which no one mistakes for a finished export
and which the next export to NAME removes; an error removes it at once. A non-empty NAME is
kept unless `force` is given, and then it is replaced only once the new folder is complete.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.core.errors import ExportError

PARTIAL_MARK = ".partial-"


def check_target(out: Path, *, force: bool = False) -> None:
    """Refuse an output folder that cannot be written or would mix with an earlier export.

    RAISES (ExportError): `out` is a file; its nearest existing folder is not writable; or it
    is a non-empty folder and `force` is not given.
    """
    if out.exists() and not out.is_dir():
        raise ExportError(f"--out {out}: is a file, not a folder; give a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise ExportError(
            f"--out {out}: the folder is not empty (an earlier export?); give an empty or new "
            "folder, or add --force to replace its contents"
        )
    problem = unwritable(out.parent)  # the export is written beside `out`, then renamed
    if problem:
        raise ExportError(f"--out {out}: {problem}")


def unwritable(folder: Path) -> str | None:
    """Why `folder` cannot be made or written in (its nearest existing part is a file, or not
    writable), or None when it can."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is a file, not a folder; give a folder"
    if not os.access(existing, os.W_OK):
        return f"cannot write in {existing}; give a folder you can write to"
    return None


@contextmanager
def staged_folder(out: Path, *, force: bool = False) -> Iterator[Path]:
    """A fresh hidden folder to write the export into; renamed to `out` when the block ends
    without an error, removed when it raises (see the module's docstring)."""
    check_target(out, force=force)
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{PARTIAL_MARK}", dir=out.parent))
    try:
        yield staging
        _sync_tree(staging)
        _move_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _remove_stale_partials(out: Path) -> None:
    """Partial folders a killed export to `out` left behind."""
    for stale in out.parent.glob(f".{out.name}{PARTIAL_MARK}*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)


def _sync_tree(folder: Path) -> None:
    """Flush every file (and the folders naming them) to disk before the rename makes them visible."""
    for path in sorted(folder.rglob("*"), reverse=True):
        _fsync(path)
    _fsync(folder)


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if path.is_dir() else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return  # a folder cannot be opened for syncing on this system (Windows)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync folders; the files themselves were synced
    finally:
        os.close(fd)


def _move_into_place(staging: Path, out: Path) -> None:
    """Rename `staging` to `out`; an existing `out` (empty, or replaced under --force) is moved
    aside first and removed only after the new folder is in place."""
    if not out.exists():
        staging.rename(out)
        return
    old = out.with_name(f".{out.name}.replaced-{uuid.uuid4().hex[:8]}")
    out.rename(old)
    try:
        staging.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
