"""Output folders that appear whole or not at all.

An export writes into a hidden sibling folder `.NAME.partial-PID-XXXXXXXX` (on the same file
system; PID is the exporting process, X random) and only when every file is written and flushed
to disk is that folder renamed to NAME.

- A kill leaves at most the hidden partial folder, which no one mistakes for a finished export.
  The next export to NAME removes the partial folders whose process is dead (`os.kill(pid, 0)`),
  never one of an export still running, in another process or in this one.
- An error removes the partial folder at once, and the parent folders of NAME this export made
  (never ones that were there before). A write error (disk full, no permission) is one
  ExportError naming the folder and the reason.
- A non-empty NAME is kept unless `force` is given, and then it is replaced only once the new
  folder is complete. This is checked before writing and again by the rename itself: when
  another export finished NAME meanwhile, this one fails and removes its own files, so the two
  never mix (with `force` the last export to finish wins, whole).
- Folders get the mode `mkdir` gives (0777 less the umask), as the user would expect of a folder
  they asked for.
- A NAME that is a symlink is followed: the export is staged beside the folder the link points
  to (the rename needs the same file system) and takes that folder's place, so the link stays
  and shows the new export. A non-empty target is refused unless `force`, as any folder.

On Windows no process can be checked without ending it (`os.kill`), so there partial folders of
other processes are kept; they are hidden and harmless.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from annotator.core.errors import ExportError

PARTIAL_MARK = ".partial-"
REPLACED_MARK = ".replaced-"  # an earlier export moved aside under --force, removed once replaced
_RENAME_ATTEMPTS = 5  # renames retried when other exports keep taking the folder's place
_NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
_NO_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)
# what follows the mark in the names made here; older annotators used tempfile's 8 characters
_SUFFIX = re.compile(r"(?P<pid>[0-9]{1,10})-[0-9a-f]{8}|[a-z0-9_]{8}")


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
    problem = unwritable(out.resolve().parent)  # the export is written beside `out`, then renamed
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


def partial_folders(out: Path) -> list[Path]:
    """The hidden folders beside `out` that exports to it are writing or left behind."""
    return list(_partials(out))


def _partials(out: Path) -> dict[Path, int | None]:
    """`partial_folders` with the pid in each name (None: named by an older annotator)."""
    if not out.parent.is_dir():
        return {}
    prefixes = [f".{out.name}{mark}" for mark in (PARTIAL_MARK, REPLACED_MARK)]
    found: dict[Path, int | None] = {}
    for path in out.parent.iterdir():
        for prefix in prefixes:
            match = _SUFFIX.fullmatch(path.name[len(prefix) :]) if path.name.startswith(prefix) else None
            if match:
                found[path] = int(match["pid"]) if match["pid"] else None
    return found


@contextmanager
def staged_folder(out: Path, *, force: bool = False) -> Iterator[Path]:
    """A fresh hidden folder to write the export into; renamed to `out` when the block ends
    without an error, removed (with the parents it made) when it raises. See the module's
    docstring; it is the one place `out` is checked (`check_target`).

    RAISES (ExportError): what `check_target` refuses; another export finished `out` first (and
    no `force`); an OSError while writing, as one sentence naming `out` and the reason.
    """
    check_target(out, force=force)
    target = out.resolve()  # a symlinked `out` is followed (module docstring)
    try:
        made = _make_folders(target.parent)
    except OSError as exc:
        raise ExportError(_write_failed(out, target, exc)) from None
    _remove_stale_partials(target)
    staging = target.with_name(f".{target.name}{PARTIAL_MARK}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        staging.mkdir()  # the umask's mode, unlike tempfile.mkdtemp's 0700
        yield staging
        _sync_tree(staging)
        _move_into_place(staging, target, out, force=force)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_made(made)
        if isinstance(exc, OSError):
            raise ExportError(_write_failed(out, staging, exc)) from None
        raise


def _make_folders(folder: Path) -> list[Path]:
    """Make `folder` and its missing parents. RETURNS the folders made here, deepest first.

    RAISES (OSError): one cannot be made; those made before it are removed."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    made: list[Path] = []
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            continue  # made meanwhile by another export: not this one's to remove
        except OSError:
            _remove_made(made[::-1])
            raise
        made.append(path)
    return made[::-1]


def _remove_made(made: list[Path]) -> None:
    """Remove the folders an export made (deepest first) unless something else is in them now."""
    for path in made:
        try:
            path.rmdir()
        except OSError:
            return  # not empty: another export (or a user) writes there too


def _remove_stale_partials(target: Path) -> None:
    """The partial folders of exports to `target` whose process is dead (killed); one named by
    an older annotator, which put no pid in its names, counts as dead."""
    for stale, pid in _partials(target).items():
        if stale.is_dir() and not (pid and _alive(pid)):
            shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    if os.name == "nt":
        return True  # os.kill(pid, 0) would end the process there (module docstring)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a process of another user
    except OverflowError:
        return False  # no process has such a number
    return True


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


def _move_into_place(staging: Path, target: Path, out: Path, *, force: bool) -> None:
    """Rename `staging` to `target`. The rename itself replaces an empty folder and refuses a
    non-empty one, so an export that another finished meanwhile is refused, or under `force`
    moved aside and removed only once the new folder is in place."""
    aside: list[Path] = []
    try:
        for _ in range(_RENAME_ATTEMPTS):
            if _renamed(staging, target):
                break
            if _is_empty_folder(target):
                _rmdir_if_empty(target)  # Windows renames onto no folder, even an empty one
            elif not force:
                raise ExportError(
                    f"--out {out}: another export finished into this folder while this one was "
                    "running; its files were kept and nothing of this export was written; give "
                    "another folder, or add --force to replace them"
                )
            else:
                aside += _moved_aside(target)
        else:
            raise ExportError(
                f"--out {out}: other exports keep writing to this folder; wait until they are done "
                "and export again"
            )
    except BaseException:
        _put_back(aside, target)
        raise
    for old in aside:
        shutil.rmtree(old, ignore_errors=True)


def _renamed(source: Path, target: Path) -> bool:
    """Rename; False when a non-empty folder (or, on Windows, any folder) is in the way."""
    try:
        source.rename(target)
    except OSError as exc:
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
            return False
        raise
    return True


def _is_empty_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and not any(path.iterdir())


def _rmdir_if_empty(path: Path) -> None:
    with suppress(OSError):  # gone or filled meanwhile: the next rename attempt tells which
        path.rmdir()


def _moved_aside(target: Path) -> list[Path]:
    """Move the folder at `target` to a hidden name beside it; [] when it is gone meanwhile."""
    old = target.with_name(f".{target.name}{REPLACED_MARK}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        target.rename(old)
    except FileNotFoundError:
        return []
    return [old]


def _put_back(aside: list[Path], target: Path) -> None:
    """After a failed replacement: the folder last moved aside goes back if nothing took its place."""
    if aside and not target.exists():
        with suppress(OSError):  # else it stays hidden beside `target`, as a kill would leave it
            aside.pop().rename(target)
    for old in aside:
        shutil.rmtree(old, ignore_errors=True)


def _write_failed(out: Path, staging: Path, exc: OSError) -> str:
    """One sentence for an OSError while an export was written: which file, why, what to do."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    where = _failed_file(exc, staging)
    if exc.errno in _NO_SPACE:
        fix = "free some disk space, or give a folder on another disk"
    elif exc.errno in _NO_PERMISSION:
        fix = "give a folder you can write to"
    else:
        fix = "export again once that is fixed"
    return f"--out {out}: writing {where} failed: {reason}; nothing was kept; {fix}"


def _failed_file(exc: OSError, staging: Path) -> str:
    """The file an OSError names, as it would have been named inside `out`."""
    if not exc.filename:
        return "the folder"
    failed = Path(os.fsdecode(exc.filename))
    if failed == staging:
        return "the folder"
    return failed.relative_to(staging).as_posix() if failed.is_relative_to(staging) else str(failed)
