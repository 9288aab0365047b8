"""Bringing a peer tool's annotations in as one annotator's finished work.

Articles are matched by their exact text (created when new, the text kept as given since
the offsets point into it), or by the raw text they were imported from, their offsets mapped
onto the cleaned text (`services.article_match`), or, for a record that names the file its
article was imported from instead of carrying the text (annotations JSON), by that file name. Each article's
spans and frames are written in one transaction. What is wrong is reported with file and
line and left out, the rest imported:

- a line (or article) the reader cannot use at all (not JSON, 'spans' or 'events' not a
  list, a frame of the wrong shape) fails alone; the other lines import;
- a span that is malformed (Prodigy: not an object, a non-integer offset, no label; the
  reader leaves it out, and each role link to it) or does not fit (outside the text, text
  mismatch, label not in the codebook) is left out as `span i <problem>`, `i` its number
  on the line; the article's other spans and frames import;
- a frame is left out when its event type is not in the codebook, its sub-event type is
  not one of its event type's, or a value breaks the data rules the store enforces
  (`annotator.core.frame_fields`: an event date that is not a YYYY-MM-DD day);
- a role not in the codebook loses that role's links; the frame is kept with its others;
- a span the annotator already has as rejected stays rejected and is reported;
- should the store still refuse a write (a field of the wrong type), the article's
  transaction rolls back: that article is "not imported", what was stored before is intact.

Spans and frames the annotator already has are not added twice. The article is marked done
for the annotator unless the record says reject or ignore.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.codebook import Codebook
from annotator.core.errors import FormatError, StoreError
from annotator.core.frame_fields import field_value_problem
from annotator.core.model import EVENT_FIELDS, ArticleRecord
from annotator.formats.base import ReadFailure, origin_file
from annotator.formats.registry import ANNOTATION_READERS
from annotator.services.article_match import Match, match_article
from annotator.store import Store

Progress = Callable[[int, int], None]


@dataclass
class AnnotationImportSummary:
    articles: list[int] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[ReadFailure] = field(default_factory=list)

    def line(self) -> str:
        c = self.counts
        return (
            f"imported {c['spans']} spans and {c['frames']} frames into {len(self.articles)} articles "
            f"({c['new_articles']} new, {c['marked_done']} marked done, {c['ignored']} ignored); "
            f"failed {len(self.failures)}"
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
    reader = ANNOTATION_READERS[fmt]
    summary = AnnotationImportSummary()
    store.annotator_id(annotator)  # a write: importing creates the annotator its reads then name
    files = ArticlesByFile(store)
    for n, item in enumerate(reader.read(path, codebook), start=1):
        if isinstance(item, ReadFailure):
            summary.failures.append(item)
        else:
            _import_article(store, item, annotator, codebook, summary, files)
        if progress:
            progress(n, 0)
    return summary


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
    spans: dict[int, SpanRecord]  # the usable spans by their index in the record
    frames: list[FrameRecord]
    failures: list[ReadFailure]  # the spans and frames left out, by file and line


def check_article(
    store: Store, article: AnnotatedArticle, codebook: Codebook, files: ArticlesByFile
) -> Checked | ReadFailure:
    """Find the stored article `article` annotates and check its spans and frames against it.

    Matched by exact text or raw text (`match_article`: offsets on a raw text are mapped onto
    the cleaned text), or by file name when the record names its file instead of carrying
    the text (annotations JSON). A ReadFailure when a named file was never imported.
    """
    path, line = _where(article.origin)
    match: Match | None = None
    if article.file is not None and not article.text:
        article_id = files.get(article.file)
        if article_id is None:
            return ReadFailure(path, f"no imported article from file '{article.file}'", line)
        text = store.article(article_id)["text"]
    else:
        try:
            match = match_article(store, article.text)
        except FormatError as exc:
            return ReadFailure(path, str(exc), line)
        article_id, text = (match.article_id, match.text) if match else (None, article.text)
    checked = Checked(article_id, {}, [], [])
    for i, span in enumerate(article.spans):
        placed = match.place(span) if match else span
        problem = placed if isinstance(placed, str) else _span_problem(placed, text, codebook)
        if isinstance(placed, SpanRecord) and problem is None:
            checked.spans[i] = placed
        else:
            number = i if span.number is None else span.number
            checked.failures.append(ReadFailure(path, f"span {number} {problem}", line))
    for n, frame in enumerate(article.frames):
        problems: list[str] = []
        placed_frame = match.place_trigger(frame, n) if match else frame
        if isinstance(placed_frame, str):
            checked.failures.append(ReadFailure(path, placed_frame, line))
            continue
        usable = _check_frame(placed_frame, n, codebook, problems)
        checked.failures.extend(ReadFailure(path, problem, line) for problem in problems)
        if usable is not None:
            checked.frames.append(usable)
    return checked


def _check_frame(frame: FrameRecord, n: int, codebook: Codebook, problems: list[str]) -> FrameRecord | None:
    """Frame `n` as it can be written, or None when it is left out; what is wrong goes to
    `problems`. Left out: an event type not in the codebook, a sub-event type not under its
    event type, a value the data rules refuse (`core.frame_fields`, the store's own check).
    A role not in the codebook loses its links; the frame is kept."""
    event_type = frame.fields.get("event_type")
    definition = codebook.event_type(event_type) if event_type else None
    if event_type and definition is None:
        problems.append(f"event type '{event_type}' is not in the codebook")
        return None
    sub = frame.fields.get("sub_event_type")
    if definition is not None and sub and definition.sub_event(sub) is None:
        problems.append(f"event {n}: '{sub}' is not a sub-event type of {definition.name}")
        return None
    problem = field_value_problem(frame.fields)
    if problem:
        problems.append(f"event {n}: {problem}")
        return None
    unknown = [role for role in frame.roles if codebook.role(role) is None]
    for role in unknown:
        roles = ", ".join(r.name for r in codebook.roles)
        problems.append(f"event {n}: role '{role}' is not in the codebook; roles: {roles}")
    if not unknown:
        return frame
    return FrameRecord(frame.fields, {r: refs for r, refs in frame.roles.items() if r not in unknown})


def _where(origin: str) -> tuple[str, int | None]:
    head, _, tail = origin.rpartition(":")
    return (head, int(tail)) if head and tail.isdigit() else (origin, None)


def _import_article(
    store: Store,
    article: AnnotatedArticle,
    annotator: str,
    codebook: Codebook,
    summary: AnnotationImportSummary,
    files: ArticlesByFile,
) -> None:
    if article.answer == "ignore":
        summary.counts["ignored"] += 1
        return
    checked = check_article(store, article, codebook, files)
    if isinstance(checked, ReadFailure):
        summary.failures.append(checked)
        return
    summary.failures.extend(checked.failures)
    try:
        write_article(store, article, checked, annotator, summary)
    except StoreError as exc:  # the article's transaction rolled back; the others go on
        path, line = _where(article.origin)
        summary.failures.append(ReadFailure(path, f"not imported: {exc}", line))


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
    the record says reject) in one transaction, and mark the article done unless rejected.
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
        for i, span in checked.spans.items():
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
                    status=status,
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
            fields = {k: v for k, v in frame.fields.items() if k in EVENT_FIELDS and k != "same_as"}
            if isinstance(fields.get("civilian_targeting"), bool):
                fields["civilian_targeting"] = int(fields["civilian_targeting"])
            fields["status"] = status
            key = (fields.get("trigger_start"), fields.get("trigger_end"), fields.get("event_type"))
            if key in known_frames:
                continue
            event_id = store.add_event(article_id, annotator, fields)
            for role, indices in frame.roles.items():
                for index in dict.fromkeys(indices):
                    if index in ids:
                        store.add_argument(event_id, role, ids[index], annotator)
            counts["frames"] += 1
        if article.answer != "reject":
            store.set_status(article_id, annotator, "done")
            counts["marked_done"] += 1
    summary.counts.update(counts)  # counted only once the article's transaction is in
    summary.failures.extend(kept_rejected)
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


def _span_problem(span: SpanRecord, text: str, codebook: Codebook) -> str | None:
    if not (0 <= span.start < span.end <= len(text)):
        return f"[{span.start}, {span.end}) is outside the text (0..{len(text)} characters)"
    if span.label not in codebook.label_names:
        return f"label '{span.label}' is not in the codebook; known: {', '.join(codebook.label_names)}"
    if span.text is not None and text[span.start : span.end] != span.text:
        return f"text {span.text!r} does not match the article text {text[span.start : span.end]!r}"
    return None


def import_annotation_files(
    store: Store, formats: dict[Path, str], *, annotator: str, codebook: Codebook
) -> list[tuple[Path, str, AnnotationImportSummary]]:
    """Each file's annotations (path -> format name) in turn: (path, format, summary) each."""
    return [
        (path, fmt, import_annotations(store, path, annotator=annotator, codebook=codebook, fmt=fmt))
        for path, fmt in formats.items()
    ]
