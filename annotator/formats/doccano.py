"""doccano JSONL for sequence labelling: {"id", "text", "label": [[start, end, label], ...]}.

Import also reads doccano's newer shape, {"entities": [{"start_offset", "end_offset", "label"}]}.
A line is read whole or not at all: each label or entity of the wrong shape is reported as
`file:line: <problem>` and the line is a `RecordFailure` (see `formats.shapes`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from annotator.core.annotated import AnnotatedArticle, SpanRecord
from annotator.core.codebook import Codebook
from annotator.core.errors import FormatError
from annotator.formats.base import ReadFailure
from annotator.formats.jsonl_util import first_object, read_tasks, write_json_line
from annotator.formats.registry import ArticleExporter, ExportJob, annotation_reader, exporter
from annotator.formats.shapes import Problems, expect_int, expect_label, expect_list, expect_object

NO_FRAMES = "doccano has no event frames: they are not in this file"


@exporter
class DoccanoExporter(ArticleExporter[TextIO]):
    name = "doccano"
    description = "doccano JSONL (text, label: [[start, end, label]])"

    def begin(self, job: ExportJob) -> TextIO:
        return job.open("annotations.doccano.jsonl")

    def write(self, job: ExportJob, state: TextIO, number: int, article: AnnotatedArticle) -> None:
        row = {
            "id": article.meta.get("id"),
            "text": article.text,
            "label": [[s.start, s.end, s.label] for s in article.spans],
            "meta": {k: v for k, v in article.meta.items() if v is not None},
        }
        write_json_line(state, row)
        job.report.counts["spans"] += len(article.spans)
        job.report.counts["documents"] += 1
        if article.frames and NO_FRAMES not in job.report.notes:
            job.report.notes.append(NO_FRAMES)


@annotation_reader
class DoccanoReader:
    name = "doccano"

    def sniff(self, path: Path) -> bool:
        first = first_object(path)
        return (
            bool(first)
            and "spans" not in first
            and (isinstance(first.get("label"), list) or isinstance(first.get("entities"), list))
        )

    def read(self, path: Path, codebook: Codebook) -> Iterator[AnnotatedArticle | ReadFailure]:
        origin = f"doccano:{path.name}"
        yield from read_tasks(path, lambda obj, where, problems: _article(obj, where, origin, problems))


def _article(obj: dict[str, Any], origin: str, span_origin: str, problems: Problems) -> AnnotatedArticle:
    """The task of one line; each label of the wrong shape adds its problem to `problems`."""
    if isinstance(obj.get("entities"), list):
        make, given, what = _entity, obj["entities"], "entity"
    else:
        make, what = _triple, "label"
        given = problems.attempt(lambda: expect_list(obj.get("label"), "'label'")) or []
    spans = []
    for n, value in enumerate(given):
        span = problems.attempt(lambda n=n, value=value: make(value, f"{what} {n}", span_origin))
        if span is not None:
            span.number = n
            spans.append(span)
    meta = problems.attempt(lambda: expect_object(obj.get("meta"), "'meta'")) or {}
    return AnnotatedArticle(obj["text"], spans, [], dict(meta), origin=origin)


def _entity(value: Any, what: str, origin: str) -> SpanRecord:
    entity = expect_object(value, what)
    start = expect_int(entity.get("start_offset"), f"{what}: 'start_offset'")
    end = expect_int(entity.get("end_offset"), f"{what}: 'end_offset'")
    return SpanRecord(start, end, expect_label(entity.get("label"), what), origin=origin)


def _triple(value: Any, what: str, origin: str) -> SpanRecord:
    triple = expect_list(value, what)
    if len(triple) != 3:
        raise FormatError(f"{what} must be [start, end, label], got {len(triple)} items")
    start, end = expect_int(triple[0], f"{what}: start"), expect_int(triple[1], f"{what}: end")
    return SpanRecord(start, end, expect_label(triple[2], what), origin=origin)
