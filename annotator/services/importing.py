"""Importing articles: walk the given paths, read each file with its registered reader,
store what is new in batches, and report every failure by file and line.

Each batch of at most `BATCH_SIZE` articles is its own short transaction, so another process
writing to the project (a second import, a suggest run, an annotator) waits for one batch at
most, never for the whole import; a batch stores only articles whose content hash the project
does not have yet, read under the write lock, so two imports of one file store each article once."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import ArticleRecord
from annotator.formats.base import READERS, ReadFailure, ReadWarning, reader_for
from annotator.store import Store

Progress = Callable[[int, int], None]
BATCH_SIZE = 1000


@dataclass
class ImportSummary:
    imported: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Everything read exactly as written: no failure and no warning."""
        return not self.failures and not self.warnings

    def line(self) -> str:
        counts = (
            f"imported {len(self.imported)}, unchanged {len(self.unchanged)}, failed {len(self.failures)}"
        )
        return f"{counts}, warnings {len(self.warnings)}" if self.warnings else counts


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[ReadFailure]]:
    """Files to read: given files, and supported files found (recursively) in given folders."""
    files: list[Path] = []
    failures: list[ReadFailure] = []
    supported = ", ".join(sorted(READERS))
    for given in map(Path, paths):
        if given.is_dir():
            files.extend(_readable_files(given))
        elif not given.exists():
            failures.append(ReadFailure(str(given), "no such file or folder"))
        elif reader_for(given) is None:
            failures.append(
                ReadFailure(str(given), f"unsupported file type '{given.suffix}'; supported: {supported}")
            )
        else:
            files.append(given)
    return list(dict.fromkeys(files)), failures


def _readable_files(folder: Path) -> Iterator[Path]:
    """The files under `folder` a reader takes, outside hidden folders and not hidden
    themselves (one directory scan each: no stat per file); an unreadable folder is skipped,
    as `Path.rglob` skips it. In the order `sorted` gives their paths: each folder's entries
    by name (in the system's case rules), a subfolder's files where its name sorts, so no
    `Path` is compared."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: os.path.normcase(entry.name))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _readable_files(Path(entry.path))
        elif entry.is_file() and reader_for(path := Path(entry.path)):
            yield path


def import_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    progress: Progress | None = None,
    batch_size: int | None = None,
) -> ImportSummary:
    """Import every article under `paths`; a bad file or line never stops the others.
    `batch_size`: articles per transaction (default `BATCH_SIZE`)."""
    batch_size = batch_size or BATCH_SIZE
    files, failures = collect_files(paths)
    summary = ImportSummary(failures=failures)
    pending: list[ArticleRecord] = []
    for done, path in enumerate(files, start=1):
        reader = reader_for(path)
        assert reader is not None  # collect_files keeps only readable suffixes
        for item in reader.read(path):
            if isinstance(item, ReadWarning):
                summary.warnings.append(item)
            elif isinstance(item, ReadFailure):
                summary.failures.append(item)
            else:
                pending.append(item)
        if len(pending) >= batch_size:
            _flush(store, pending, summary, batch_size)
        if progress:
            progress(done, len(files))
    _flush(store, pending, summary, batch_size)
    return summary


def _flush(store: Store, pending: list[ArticleRecord], summary: ImportSummary, batch_size: int) -> None:
    """Store `pending` in transactions of `batch_size` articles each."""
    for start in range(0, len(pending), batch_size):
        for article_id, is_new in store.add_articles(pending[start : start + batch_size]):
            (summary.imported if is_new else summary.unchanged).append(article_id)
    pending.clear()
