"""Prodigy JSONL: one task per article.

    {"text": ..., "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "label", "token_start", "token_end"}],   # token_end inclusive
     "answer": "accept", "meta": {...}, "_input_hash": int, "_task_hash": int,
     "events": [{"fields": {...}, "roles": {role: [span index]}}]}          # annotator's extension

Import reads `spans` (character offsets; `text` checked when present), `answer` and `meta`,
and `events` when the file came from annotator. A line is read whole or not at all: every
problem of its shape (a span that is not an object, an offset that is not a whole number, no
label; 'spans' or 'events' not a list, a frame, its 'fields' or 'roles' of the wrong shape, a
role pointing at no span of the line; a bad 'answer' or 'meta') is reported as
`file:line: <problem>` and the line is a `RecordFailure`: none of its spans or frames is
imported. The importer adds the problems of the values (offsets outside the text, labels,
roles and event types not in the codebook...).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import spacy
from spacy.language import Language

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.codebook import Codebook
from annotator.core.errors import FormatError
from annotator.formats.base import ReadFailure
from annotator.formats.jsonl_util import first_object, read_tasks, write_json_line
from annotator.formats.registry import ArticleExporter, ExportJob, ExportReport, annotation_reader, exporter
from annotator.formats.shapes import Problems, expect_int, expect_list, expect_object, kind_of, span_record


def prodigy_hash(value: Any) -> int:
    """A stable signed 32-bit hash, the shape of Prodigy's `_input_hash`/`_task_hash`."""
    digest = hashlib.sha1(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


@exporter
class ProdigyExporter(ArticleExporter[tuple[TextIO, Language]]):
    name = "prodigy"
    description = "Prodigy JSONL (spans with token indices)"

    def begin(self, job: ExportJob) -> tuple[TextIO, Language]:
        return job.open("annotations.prodigy.jsonl"), spacy.blank("en")

    def write(
        self, job: ExportJob, state: tuple[TextIO, Language], number: int, article: AnnotatedArticle
    ) -> None:
        handle, nlp = state
        write_json_line(handle, task(nlp, article, job.report))
        job.report.counts["tasks"] += 1


def task(nlp: Any, article: AnnotatedArticle, report: ExportReport) -> dict[str, Any]:
    doc = nlp.tokenizer(article.text)  # not make_doc: no max_length (only whole pipelines need one)
    tokens = [
        {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
        for t in doc
    ]
    spans = []
    for record in article.spans:
        span = doc.char_span(record.start, record.end, alignment_mode="expand")
        entry = {
            "start": record.start,
            "end": record.end,
            "label": record.label,
            "text": article.text[record.start : record.end],
        }
        if record.normalized:
            entry["normalized"] = record.normalized  # annotator's extension: kept on import
        if span is not None:
            entry.update(token_start=span.start, token_end=span.end - 1)
        else:
            report.counts["spans_without_tokens"] += 1
        spans.append(entry)
    report.counts["spans"] += len(spans)
    input_hash = prodigy_hash({"text": article.text})
    row = {
        "text": article.text,
        "tokens": tokens,
        "spans": spans,
        "answer": article.answer,
        "meta": {k: v for k, v in article.meta.items() if v is not None},
        "_input_hash": input_hash,
        "_task_hash": prodigy_hash({"input": input_hash, "spans": spans}),
    }
    if article.frames:
        row["events"] = [{"fields": f.fields, "roles": f.roles} for f in article.frames]
        report.counts["frames"] += len(article.frames)
    return row


@annotation_reader
class ProdigyReader:
    name = "prodigy"

    def sniff(self, path: Path) -> bool:
        first = first_object(path)
        return bool(first) and ("spans" in first or "tokens" in first or "_input_hash" in first)

    def read(self, path: Path, codebook: Codebook) -> Iterator[AnnotatedArticle | ReadFailure]:
        origin = f"prodigy:{path.name}"
        yield from read_tasks(path, lambda obj, where, problems: _article(obj, where, origin, problems))


def _article(obj: dict[str, Any], origin: str, span_origin: str, problems: Problems) -> AnnotatedArticle:
    """The task of one line, with what its parts of the wrong shape leave of it; each such
    part adds its problem to `problems` (the line is then refused whole)."""
    given = problems.attempt(lambda: expect_list(obj.get("spans"), "'spans'")) or []
    spans: list[SpanRecord] = []
    kept: dict[int, int] = {}  # a span's number on the line -> its index among the spans read
    for n, value in enumerate(given):
        record = problems.attempt(lambda n=n, value=value: span_record(value, f"span {n}", span_origin))
        if record is not None:
            record.number = n
            kept[n] = len(spans)
            spans.append(record)
    events = problems.attempt(lambda: expect_list(obj.get("events"), "'events'")) or []
    frames = [_frame(e, n, len(given), kept, problems) for n, e in enumerate(events)]
    answer = obj.get("answer", "accept")
    if answer not in ("accept", "reject", "ignore"):
        problems.append(f"'answer' must be accept, reject or ignore, got {kind_of(answer)}")
        answer = "accept"
    meta = problems.attempt(lambda: expect_object(obj.get("meta"), "'meta'")) or {}
    return AnnotatedArticle(obj["text"], spans, frames, dict(meta), answer, origin)


def _frame(value: Any, n: int, n_spans: int, kept: dict[int, int], problems: Problems) -> FrameRecord:
    """Event `n`, its role links renumbered to the spans read; what is of the wrong shape
    adds its problem (and is left out of what the importer checks further)."""
    event = problems.attempt(lambda: expect_object(value, f"event {n}", optional=False)) or {}
    fields = problems.attempt(lambda: expect_object(event.get("fields"), f"'fields' of event {n}")) or {}
    roles: dict[str, list[int]] = {}
    given = problems.attempt(lambda: expect_object(event.get("roles"), f"'roles' of event {n}")) or {}
    for role, refs in given.items():
        indices = problems.attempt(lambda role=role, refs=refs: _links(role, refs, n, n_spans))
        if indices is not None:
            roles[role] = [kept[i] for i in indices if i in kept]
    return FrameRecord(dict(fields), roles)


def _links(role: str, refs: Any, n: int, n_spans: int) -> list[int]:
    """The span indices of role `role` of event `n`. RAISES (FormatError) for a reference
    that is not a whole number or points at no span of the line."""
    what = f"role '{role}' of event {n}"
    indices = [expect_int(ref, f"{what}: a span index") for ref in expect_list(refs, what)]
    outside = [i for i in indices if not 0 <= i < n_spans]
    if outside:
        raise FormatError(f"{what} points at span {outside[0]}; the line has {n_spans} spans")
    return indices
