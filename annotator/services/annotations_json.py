"""Loading an annotations JSON file (see `annotator.formats.annotations_json`) as one
annotator's finished work on articles already imported, matched by file name.

All or nothing: the file is read and every article checked against the stored text (the
checks of `annotator.services.annotation_checks`: offsets inside it, labels, event types,
sub-event types and roles in the codebook, span and trigger text equal to the text at their
offsets, frame values the store's data rules accept) in one transaction; any problem refuses
the whole file, naming file, line and fix (the first problem, and how many more there are),
and nothing is stored. One unknown label or event type therefore refuses the file. A file
that is not an annotations JSON object (`[]`, `{}`, not UTF-8, nested too deeply) is refused
the same way.

Loading is idempotent: spans (offsets and label) and frames (trigger and event type) the
annotator already has are not added again, so loading the same file twice leaves the counts
as they were (the seed gold: 273 spans and 13 frames). A span the annotator already has as
*rejected* is not silently kept: the file is refused, naming that span (accept it in the
workspace first, or load under another annotator).
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.codebook import Codebook, load_codebook
from annotator.core.errors import InputError
from annotator.formats.annotations_json import parse
from annotator.formats.base import ReadFailure
from annotator.paths import codebook_path
from annotator.services.annotation_import import (
    AnnotationImportSummary,
    ArticlesByFile,
    check_record,
    write_article,
)
from annotator.store import Store


def load_annotations(
    store: Store,
    path: Path,
    *,
    annotator: str | None = None,
    status: str = "accepted",
    codebook: Codebook | None = None,
) -> int:
    """Store the file's annotations under `annotator` (default: the file's own) with `status`,
    each article marked done; returns the number of articles annotated. `codebook` defaults
    to the one in force. RAISES (InputError) for any problem; then nothing is stored."""
    parsed = parse(path)
    book = codebook or load_codebook(codebook_path())
    files = ArticlesByFile(store)
    ready, failures = [], []
    for item in parsed.items:
        checked = check_record(store, item, book, files)
        if isinstance(checked, list):
            failures += checked
        else:
            ready.append(checked)
    if failures:
        raise _refused(failures)
    name = annotator or parsed.annotator
    if not name:
        raise InputError(path, "names no 'annotator': add one to the file or give --annotator NAME")
    summary = AnnotationImportSummary()
    with store.batch():
        store.annotator_id(name)
        for article, checked in ready:
            write_article(store, article, checked, name, summary, status=status)
        if summary.failures:  # a span the annotator rejected: refused, not silently kept
            raise _refused(summary.failures)
    return len(ready)


def _refused(failures: list[ReadFailure]) -> InputError:
    """The error refusing the file: its first problem, and how many more there are."""
    first, more = failures[0], len(failures) - 1
    also = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return InputError(first.path, f"{first.message}{also}; nothing was loaded", first.line)
