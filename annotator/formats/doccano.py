"""doccano JSONL for sequence labelling: {"id", "text", "label": [[start, end, label], ...]}.

Import also reads doccano's newer shape, {"entities": [{"start_offset", "end_offset", "label"}]}.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from annotator.core.annotated import AnnotatedArticle, SpanRecord
from annotator.core.codebook import Codebook
from annotator.formats.base import ReadFailure
from annotator.formats.jsonl_util import first_object, json_lines, write_json_line
from annotator.formats.registry import ArticleExporter, ExportJob, annotation_reader, exporter

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
        for item in json_lines(path):
            if isinstance(item, ReadFailure):
                yield item
                continue
            number, obj = item
            try:
                spans = _spans(obj, path.name)
            except (TypeError, ValueError, KeyError) as exc:
                yield ReadFailure(str(path), f"malformed labels ({exc})", number)
                continue
            meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
            yield AnnotatedArticle(obj["text"], spans, [], dict(meta), origin=f"{path}:{number}")


def _spans(obj: dict[str, Any], name: str) -> list[SpanRecord]:
    if isinstance(obj.get("entities"), list):
        return [
            SpanRecord(
                int(e["start_offset"]), int(e["end_offset"]), str(e["label"]), origin=f"doccano:{name}"
            )
            for e in obj["entities"]
        ]
    return [
        SpanRecord(int(start), int(end), str(label), origin=f"doccano:{name}")
        for start, end, label in obj.get("label", [])
    ]
