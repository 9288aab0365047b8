"""Bringing a peer tool's annotations in as one annotator's finished work.

Articles are matched by their exact text (created when new, the text kept as given since
the offsets point into it), or by the raw text they were imported from, their offsets mapped
onto the cleaned text (`services.article_match`), or, for a record that names the file its
article was imported from instead of carrying the text (annotations JSON), by that file name.

Each record (one article's annotations: a line of Prodigy or doccano JSONL, an article of an
annotations JSON file, a brat document) is imported whole or not at all. A record with any
problem is refused: every problem is reported as `path:line: message`, none of its spans or
frames is stored, its article is not marked done (nor created), and the summary counts it as
failed; the other records import, and `annotator import` exits 1. Problems are:

- what the reader finds (`formats.shapes.RecordFailure`): a line that is not JSON, 'spans'
  or 'events' not a list, a span or frame of the wrong shape, an offset that is not a whole
  number (0.9, true, "5"), a role pointing at no span of the record;
- what the values break (`services.annotation_checks`): an empty text or one with a NUL;
  offsets negative, empty, reversed or outside the text, a span's or trigger's text other
  than the text at its offsets, a label, event type, sub-event type or role not in the
  codebook, a field of the wrong type, an event date that is not a YYYY-MM-DD day;
- a named file never imported; the store refusing a write (the record's transaction rolls
  back: what was stored before is intact); an unexpected error in one record.

A span the annotator already has as rejected stays rejected and is reported (the record's
other annotations import). Should the reader itself fail mid-file, what was imported before
stays and the summary says where reading stopped.

Spans and frames the annotator already has are not added twice. The article is marked done
for the annotator unless the record says reject or ignore (ignore: nothing is imported).

A record of a file that holds several annotators' work names its annotator
(`AnnotatedArticle.annotator`: a Prodigy `db-out` of a multi-user session); it is filed as
`<annotator>-<that name>` (`--annotator team`: `team-ana`, `team-bo`), each created on its first
record, and the summary counts each text once however many annotators' records it had.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.codebook import Codebook
from annotator.core.errors import AnnotatorError, FormatError, StoreError
from annotator.core.model import EVENT_FIELDS, SUGGESTER_ANNOTATOR, SUGGESTION_ORIGIN, ArticleRecord
from annotator.formats.base import ReadFailure, origin_file
from annotator.formats.registry import ANNOTATION_READERS
from annotator.formats.shapes import RecordFailure
from annotator.services.annotation_checks import IMPORT_SETS, record_problems, text_problem
from annotator.services.article_match import Match, match_article
from annotator.services.span_rows import suggestion_row
from annotator.store import Store

Progress = Callable[[int, int], None]


@dataclass
class AnnotationImportSummary:
    articles: list[int] = field(default_factory=list)  # the article of each record imported
    annotators: list[str] = field(default_factory=list)  # whose work was imported, in order met
    counts: Counter[str] = field(default_factory=Counter)
    #: Every problem reported, each `path:line: message`: those of the records refused, and
    #: each span kept rejected.
    failures: list[ReadFailure] = field(default_factory=list)
    failed: int = 0  # records refused: nothing of them stored, their articles not marked done

    def refuse(self, problems: list[ReadFailure]) -> None:
        """One record refused for `problems`."""
        self.failures.extend(problems)
        self.failed += 1

    def line(self) -> str:
        c = self.counts
        kept = c["kept_rejected"]
        who = (
            f" for {len(self.annotators)} annotators ({', '.join(self.annotators)})"
            if len(self.annotators) > 1
            else ""
        )
        return (
            f"imported {c['spans']} spans and {c['frames']} frames into {len(set(self.articles))} "
            f"articles{who} ({c['new_articles']} new, {c['marked_done']} marked done, "
            f"{c['ignored']} ignored); "
            f"failed {self.failed}"
            + (f"; {kept} span{'s' * (kept > 1)} kept rejected" if kept else "")
            + (
                f"; {c['suggested_spans']} suggested spans and {c['suggested_frames']} suggested frames"
                if c["suggested_spans"] or c["suggested_frames"]
                else ""
            )
        )


def import_annotations(
    store: Store,
    path: Path,
    *,
    annotator: str,
    codebook: Codebook,
    fmt: str,
    progress: Progress | None = None,
) -> AnnotationImportSummary:
    """Import each record of `path` (read by format `fmt`) whole or not at all, as
    `annotator`'s work (or, for a record naming its own annotator, `annotator-NAME`'s); never
    raises for what a file holds: every problem is in the summary."""
    summary = AnnotationImportSummary()
    files = ArticlesByFile(store)
    for n, item in enumerate(_items(ANNOTATION_READERS[fmt].read(path, codebook), path, summary), start=1):
        try:
            _import_item(store, item, annotator, codebook, summary, files)
        except Exception as exc:  # this record's failure alone: its transaction rolled back
            where, line = (
                _where(item.origin) if isinstance(item, AnnotatedArticle) else (item.path, item.line)
            )
            summary.refuse([ReadFailure(where, f"not imported: {_reason(exc)}", line)])
        if progress:
            progress(n, 0)
    if not summary.annotators and annotator:  # a write: the annotator exists after its import
        store.annotator_id(annotator)
    return summary


def _items(
    items: Iterator[AnnotatedArticle | ReadFailure], path: Path, summary: AnnotationImportSummary
) -> Iterator[AnnotatedArticle | ReadFailure]:
    """The reader's items; should the reader raise, reading stops there and the summary
    says so (what was imported before stays)."""
    try:
        yield from items
    except Exception as exc:  # a reader's bug: reported, never a traceback without a summary
        problem = f"reading stopped here ({_reason(exc)}); the rest of the file was not imported"
        summary.refuse([ReadFailure(str(path), problem)])


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, AnnotatorError) else f"{type(exc).__name__}: {exc}"


class ArticlesByFile:
    """The stored articles by the name of the file each was imported from (read on first use).

    An origin is `path` or `path:LINE`; only the file name counts, so a project imported on
    another machine (`C:\\data\\000_x.txt`) still matches `000_x.txt`.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._ids: dict[str, int] | None = None

    def get(self, name: str) -> int | None:
        if self._ids is None:
            self._ids = {
                origin_file(str(self._store.article(i)["origin"] or "")): i for i in self._store.article_ids()
            }
        return self._ids.get(name)


@dataclass
class Checked:
    """An article placed in the store and checked against its text, ready to be written."""

    article_id: int | None  # None: a new article, created from the record's text
    spans: list[SpanRecord]  # what to write: offsets into the stored article's text
    frames: list[FrameRecord]  # their roles index `spans`
    failures: list[ReadFailure]  # every problem found, by file and line: then nothing is written


def check_article(
    store: Store, article: AnnotatedArticle, codebook: Codebook, files: ArticlesByFile
) -> Checked | ReadFailure:
    """Find the stored article `article` annotates and check its spans and frames against it.

    Matched by exact text or raw text (`match_article`: offsets on a raw text are mapped onto
    the cleaned text), or by file name when the record names its file instead of carrying
    the text (annotations JSON). A ReadFailure when a named file was never imported, when
    the record's text cannot be an article's (empty, a NUL), or when its raw text can no
    longer be mapped.
    """
    path, line = _where(article.origin)
    match: Match | None = None
    if article.file is not None and not article.text:
        article_id = files.get(article.file)
        if article_id is None:
            return ReadFailure(path, f"no imported article from file '{article.file}'", line)
        text = store.article(article_id)["text"]
    else:
        problem = text_problem(article.text)
        if problem:
            return ReadFailure(path, problem, line)
        try:
            match = match_article(store, article.text)
        except FormatError as exc:
            return ReadFailure(path, str(exc), line)
        article_id, text = (match.article_id, match.text) if match else (None, article.text)
    placed, unplaced, problems = _placed(article, match)
    problems += record_problems(placed, text, codebook, skip=unplaced)
    failures = [ReadFailure(path, problem, line) for problem in problems]
    return Checked(article_id, placed.spans, placed.frames, failures)


def _placed(article: AnnotatedArticle, match: Match | None) -> tuple[AnnotatedArticle, set[int], list[str]]:
    """`article` with its spans' and triggers' offsets moved onto the stored text (when it
    was matched by its raw text), the indices of the spans that cannot be moved (kept as
    given, not checked further) and why each span or trigger cannot."""
    if match is None:
        return article, set(), []
    spans, unplaced, problems = [], set(), []
    for i, span in enumerate(article.spans):
        moved = match.place(span)
        if isinstance(moved, str):
            unplaced.add(i)
            problems.append(f"span {i if span.number is None else span.number} {moved}")
        spans.append(span if isinstance(moved, str) else moved)
    frames = []
    for n, frame in enumerate(article.frames):
        moved = match.place_trigger(frame, n)
        if isinstance(moved, str):  # reported; the trigger is not checked further
            problems.append(moved)
            moved = replace(frame, fields={**frame.fields, "trigger_start": None, "trigger_end": None})
        frames.append(moved)
    return replace(article, spans=spans, frames=frames), unplaced, problems


def _where(origin: str) -> tuple[str, int | None]:
    head, _, tail = origin.rpartition(":")
    return (head, int(tail)) if head and tail.isdigit() else (origin, None)


def _import_item(
    store: Store,
    item: AnnotatedArticle | ReadFailure,
    annotator: str,
    codebook: Codebook,
    summary: AnnotationImportSummary,
    files: ArticlesByFile,
) -> None:
    """Import one record whole, or refuse it with every problem the reader and the checks found."""
    if isinstance(item, AnnotatedArticle) and item.answer == "ignore":
        summary.counts["ignored"] += 1
        return
    suggested = isinstance(item, AnnotatedArticle) and item.annotator == SUGGESTER_ANNOTATOR
    if isinstance(item, AnnotatedArticle) and not suggested:
        annotator = record_annotator(annotator, item)
    if annotator and not suggested:  # a write: importing creates the annotator its reads then name
        store.annotator_id(annotator)
    ready = check_record(store, item, codebook, files)
    if isinstance(ready, list):
        summary.refuse(ready)
        return
    article, checked = ready
    try:
        if suggested:  # a peer tool's predictions: the suggester's pending suggestions
            write_suggestions(store, article, checked, summary)
        else:
            write_article(store, article, checked, annotator, summary)
    except StoreError as exc:  # the record's transaction rolled back; the others go on
        path, line = _where(article.origin)
        summary.refuse([ReadFailure(path, f"not imported: {exc}", line)])


def record_annotator(annotator: str, article: AnnotatedArticle) -> str:
    """Whose work a record is: `annotator`, or `annotator-NAME` for a record that names its
    own annotator among several of its file (`AnnotatedArticle.annotator`), or NAME itself
    when no `annotator` is given (a format whose records all name theirs: Label Studio)."""
    if not article.annotator:
        return annotator
    return f"{annotator}-{article.annotator}" if annotator else article.annotator


def check_record(
    store: Store, item: AnnotatedArticle | ReadFailure, codebook: Codebook, files: ArticlesByFile
) -> tuple[AnnotatedArticle, Checked] | list[ReadFailure]:
    """A record ready to write, or every problem found in it: the reader's (a `RecordFailure`
    also holds what it could read, which `check_article` checks further) and the checks'."""
    if isinstance(item, RecordFailure):
        found, article = [ReadFailure(item.path, p, item.line) for p in item.problems], item.article
    elif isinstance(item, ReadFailure):
        return [item]
    else:
        found, article = [], item
    if article is None:
        return found
    checked = check_article(store, article, codebook, files)
    if isinstance(checked, ReadFailure):
        return [*found, checked]
    found += checked.failures
    return found or (article, checked)


def write_article(
    store: Store,
    article: AnnotatedArticle,
    checked: Checked,
    annotator: str,
    summary: AnnotationImportSummary,
    *,
    status: str = "accepted",
) -> None:
    """Write the checked spans and frames as `annotator`'s (with `status`, or rejected when
    the record says reject; a span the record says was drawn by hand, status 'manual', stays
    manual) in one transaction, and mark the article done unless rejected.
    Spans and frames the annotator already has are not added twice; a span they rejected
    stays rejected, and each such span is added to `summary.failures` (not silently kept)."""
    status = "rejected" if article.answer == "reject" else status
    counts = Counter()
    path, line = _where(article.origin)
    kept_rejected: list[ReadFailure] = []
    with store.batch():
        article_id = checked.article_id
        if article_id is None:
            article_id = _add_article(store, article)
            counts["new_articles"] += 1
        stored = store.spans(article_id, annotator=annotator)
        existing = {(s["start"], s["end"], s["label"]): s["id"] for s in stored}
        rejected = {(s["start"], s["end"], s["label"]) for s in stored if s["status"] == "rejected"}
        ids: dict[int, int] = {}
        for i, span in enumerate(checked.spans):
            key = (span.start, span.end, span.label)
            if key in rejected and status != "rejected":  # their decision stands, said aloud
                number = i if span.number is None else span.number
                kept_rejected.append(
                    ReadFailure(
                        path,
                        f"span {number} [{span.start}, {span.end}) {span.label} was rejected by "
                        f"{annotator} already: accept it in the workspace first, or load under "
                        "another --annotator",
                        line,
                    )
                )
            if key not in existing:
                existing[key] = store.add_span(
                    article_id,
                    annotator,
                    span.start,
                    span.end,
                    span.label,
                    status=_span_status(span, status),
                    origin=span.origin,
                    normalized=span.normalized,
                )
                counts["spans"] += 1
            ids[i] = existing[key]
        known_frames = {
            (e["trigger_start"], e["trigger_end"], e["event_type"])
            for e in store.events(article_id, annotator=annotator)
        }
        for frame in checked.frames:
            fields = {k: v for k, v in frame.fields.items() if k in EVENT_FIELDS and k not in IMPORT_SETS}
            if isinstance(fields.get("civilian_targeting"), bool):
                fields["civilian_targeting"] = int(fields["civilian_targeting"])
            fields["status"] = status
            if str(fields.get("origin") or "").startswith(SUGGESTION_ORIGIN):
                del fields["origin"]  # names a suggested frame of the project the file came from
            key = (fields.get("trigger_start"), fields.get("trigger_end"), fields.get("event_type"))
            if key in known_frames:
                continue
            event_id = store.add_event(article_id, annotator, fields)
            for role, indices in frame.roles.items():
                for span_id in dict.fromkeys(ids[i] for i in indices):  # a span listed twice: once
                    store.add_argument(event_id, role, span_id, annotator)
            counts["frames"] += 1
        if article.answer != "reject":
            store.set_status(article_id, annotator, "done")
            counts["marked_done"] += 1
    counts["kept_rejected"] = len(kept_rejected)
    summary.counts.update(counts)  # counted only once the article's transaction is in
    summary.failures.extend(kept_rejected)
    summary.articles.append(article_id)
    if annotator not in summary.annotators:
        summary.annotators.append(annotator)


def _span_status(span: SpanRecord, status: str) -> str:
    """A span's stored status: `status`, but a span its source records as the annotator's own
    (`manual`, as the CAS XMI export writes it) stays manual when imported as accepted work."""
    return "manual" if status == "accepted" and span.status == "manual" else status


def write_suggestions(
    store: Store, article: AnnotatedArticle, checked: Checked, summary: AnnotationImportSummary
) -> None:
    """Store the checked spans and frames as the suggester's pending suggestions on the
    article (a peer tool's predictions), replacing those it had there, as `annotator suggest`
    does; `meta['model_version']` becomes the suggestion run's version (so a later `annotator
    suggest` with its own model sees them as out of date and replaces them). Nobody's
    decisions are touched and no article is marked done."""
    counts = Counter()
    with store.batch():
        article_id = checked.article_id
        if article_id is None:
            article_id = _add_article(store, article)
            counts["new_articles"] += 1
        spans = [suggestion_row(s) for s in checked.spans]
        frames = [
            {
                "fields": {k: v for k, v in f.fields.items() if k in EVENT_FIELDS and k not in IMPORT_SETS},
                "roles": f.roles,
                "reasons": None,
            }
            for f in checked.frames
        ]
        for frame in frames:
            if isinstance(frame["fields"].get("civilian_targeting"), bool):
                frame["fields"]["civilian_targeting"] = int(frame["fields"]["civilian_targeting"])
        version = str(article.meta.get("model_version") or "imported")
        store.replace_suggestions(article_id, SUGGESTER_ANNOTATOR, version, "imported", spans, frames)
    counts["suggested_spans"] += len(spans)
    counts["suggested_frames"] += len(frames)
    summary.counts.update(counts)
    summary.articles.append(article_id)


def _add_article(store: Store, article: AnnotatedArticle) -> int:
    meta = {k: v for k, v in article.meta.items() if k not in {"id", "content_hash"}}
    [(article_id, _)] = store.add_articles(
        [
            ArticleRecord(
                raw_text=article.text,
                text=article.text,
                title=meta.get("title"),
                source=meta.get("source"),
                url=meta.get("url"),
                published_at=meta.get("published_at"),
                meta=meta,
                origin=article.origin,
            )
        ]
    )
    return article_id


def import_annotation_files(
    store: Store, formats: dict[Path, str], *, annotator: str, codebook: Codebook
) -> list[tuple[Path, str, AnnotationImportSummary]]:
    """Each file's annotations (path -> format name) in turn: (path, format, summary) each."""
    return [
        (path, fmt, import_annotations(store, path, annotator=annotator, codebook=codebook, fmt=fmt))
        for path, fmt in formats.items()
    ]
