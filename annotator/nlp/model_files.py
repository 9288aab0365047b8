"""A pipeline's identity by its files: a stable hash over a model folder, cached by the files'
sizes and modification times.

`files_digest(folder)` is SHA-256 over every file under `folder` in the order of its relative
path (POSIX form): for each, the path, a NUL, the size, a NUL, and the bytes. Left out:
`meta.json` (its name, version and scores do not change a prediction; the name and version
are in the suggester's version key already, and `annotator train` writes its version from
this digest), hidden files and folders, and `__pycache__`. Two folders have the same digest
exactly when they hold the same files with the same bytes, wherever they are.

Hashing reads each file once more, just after spaCy has read it (so from the OS cache). The
digest is cached in `model-digests.json` of the user cache folder, keyed by the folder and a
fingerprint of its files' relative paths, sizes and modification times (nanoseconds): a
folder whose files were rewritten is hashed again; a cache that cannot be read or written
only costs the hashing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from annotator.paths import user_cache_dir

LEFT_OUT = {"meta.json"}
CACHE_NAME = "model-digests.json"
_CHUNK = 1 << 20
_memory: dict[tuple[str, str], str] = {}


def model_files(folder: Path) -> list[tuple[str, Path]]:
    """(relative POSIX path, path) of the files that make the model, in path order."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        if path.is_file() and relative.as_posix() not in LEFT_OUT:
            found.append((relative.as_posix(), path))
    return sorted(found)


def _fingerprint(files: list[tuple[str, Path]]) -> str:
    digest = hashlib.sha256()
    for name, path in files:
        stat = path.stat()
        digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _hash(files: list[tuple[str, Path]]) -> str:
    digest = hashlib.sha256()
    for name, path in files:
        digest.update(f"{name}\0{path.stat().st_size}\0".encode())
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def files_digest(folder: Path, cache_dir: Path | None = None) -> str:
    """The SHA-256 hex digest of the model files under `folder` (see the module docstring),
    from the cache when its files have not changed since it was hashed."""
    folder = folder.resolve()
    files = model_files(folder)
    key = (str(folder), _fingerprint(files))
    if key in _memory:
        return _memory[key]
    cache_file = (cache_dir or user_cache_dir()) / CACHE_NAME
    cached = _read_cache(cache_file)
    digest = _cached(cached.get(key[0]), key[1])
    if digest is None:
        digest = _hash(files)
        cached[key[0]] = {"fingerprint": key[1], "digest": digest}
        _write_cache(cache_file, cached)
    _memory[key] = digest
    return digest


def _cached(entry: object, fingerprint: str) -> str | None:
    """The digest of a cache entry made for these files, else None."""
    if isinstance(entry, dict) and entry.get("fingerprint") == fingerprint:
        digest = entry.get("digest")
        return digest if isinstance(digest, str) else None
    return None


def _read_cache(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_cache(path: Path, data: dict[str, object]) -> None:
    """Replace the cache file whole (a reader never sees half of it); failures are ignored."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".model-digests-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(temporary, path)
    except OSError:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
