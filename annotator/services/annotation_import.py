"""Bringing a peer tool's annotations in as one annotator's finished work.

Articles are matched by their exact text (created when new, the text kept as given since
the offsets point into it). Each article's spans and frames are written in one
transaction; a bad span (outside the text, text mismatch, unknown label) or a bad line is
reported with file and line and left out, the rest is imported. The article is marked done
for the annotator unless the record says reject or ignore.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.annotated import AnnotatedArticle, SpanRecord
from annotator.core.codebook import Codebook
from annotator.core.errors import StoreError
from annotator.core.model import EVENT_FIELDS, ArticleRecord
from annotator.formats.base import ReadFailure
from annotator.formats.registry import ANNOTATION_READERS
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
    for n, item in enumerate(reader.read(path, codebook), start=1):
        if isinstance(item, ReadFailure):
            summary.failures.append(item)
        else:
            _import_article(store, item, annotator, codebook, summary)
        if progress:
            progress(n, 0)
    return summary


def _where(origin: str) -> tuple[str, int | None]:
    head, _, tail = origin.rpartition(":")
    return (head, int(tail)) if head and tail.isdigit() else (origin, None)


def _import_article(
    store: Store,
    article: AnnotatedArticle,
    annotator: str,
    codebook: Codebook,
    summary: AnnotationImportSummary,
) -> None:
    path, line = _where(article.origin)
    if article.answer == "ignore":
        summary.counts["ignored"] += 1
        return
    keep: dict[int, SpanRecord] = {}
    for i, span in enumerate(article.spans):
        problem = _span_problem(span, article.text, codebook)
        if problem:
            summary.failures.append(ReadFailure(path, f"span {i} {problem}", line))
        else:
            keep[i] = span
    frames = []
    for frame in article.frames:
        event_type = frame.fields.get("event_type")
        if event_type and codebook.event_type(event_type) is None:
            summary.failures.append(
                ReadFailure(path, f"event type '{event_type}' is not in the codebook", line)
            )
            continue
        frames.append(frame)
    try:
        _write(store, article, keep, frames, annotator, summary)
    except StoreError as exc:  # the article's transaction rolled back; the others go on
        summary.failures.append(ReadFailure(path, f"not imported: {exc}", line))
        return


def _write(
    store: Store,
    article: AnnotatedArticle,
    keep: dict[int, SpanRecord],
    frames: list,
    annotator: str,
    summary: AnnotationImportSummary,
) -> None:
    status = "rejected" if article.answer == "reject" else "accepted"
    counts = Counter()
    with store.batch():
        article_id = store.article_id_for_text(article.text)
        if article_id is None:
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
            counts["new_articles"] += 1
        existing = {
            (s["start"], s["end"], s["label"]): s["id"] for s in store.spans(article_id, annotator=annotator)
        }
        ids: dict[int, int] = {}
        for i, span in keep.items():
            key = (span.start, span.end, span.label)
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
        for frame in frames:
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
    summary.articles.append(article_id)


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
