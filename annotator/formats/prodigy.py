"""Prodigy JSONL: one task per article.

    {"text": ..., "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "label", "token_start", "token_end"}],   # token_end inclusive
     "answer": "accept", "meta": {...}, "_input_hash": int, "_task_hash": int,
     "events": [{"fields": {...}, "roles": {role: [span index]}}]}          # annotator's extension

Import reads `spans` (character offsets; `text` checked when present), `answer` and `meta`,
and `events` when the file came from annotator.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import spacy

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.codebook import Codebook
from annotator.formats.base import ReadFailure
from annotator.formats.jsonl_util import first_object, json_lines, write_json_lines
from annotator.formats.registry import ExportReport, Progress, annotation_reader, exporter


def prodigy_hash(value: Any) -> int:
    """A stable signed 32-bit hash, the shape of Prodigy's `_input_hash`/`_task_hash`."""
    digest = hashlib.sha1(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


@exporter
class ProdigyExporter:
    name = "prodigy"
    description = "Prodigy JSONL (spans with token indices)"

    def export(
        self,
        articles: list[AnnotatedArticle],
        out: Path,
        codebook: Codebook,
        progress: Progress | None = None,
        **_: Any,
    ) -> ExportReport:
        nlp = spacy.blank("en")
        report = ExportReport()
        out.mkdir(parents=True, exist_ok=True)
        path = out / "annotations.prodigy.jsonl"

        def rows() -> Iterator[dict[str, Any]]:
            for n, article in enumerate(articles, start=1):
                yield task(nlp, article, report)
                if progress:
                    progress(n, len(articles))

        report.counts["tasks"] = write_json_lines(path, rows())
        report.files.append(path)
        return report


def task(nlp: Any, article: AnnotatedArticle, report: ExportReport) -> dict[str, Any]:
    doc = nlp.make_doc(article.text)
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
        for item in json_lines(path):
            if isinstance(item, ReadFailure):
                yield item
                continue
            number, obj = item
            spans = obj.get("spans") or []
            if not isinstance(spans, list):
                yield ReadFailure(str(path), "'spans' must be a list", number)
                continue
            records = [
                SpanRecord(
                    _int(s.get("start")),
                    _int(s.get("end")),
                    str(s.get("label", "")),
                    origin=f"prodigy:{path.name}",
                    text=s.get("text"),
                    normalized=s.get("normalized") if isinstance(s.get("normalized"), dict) else None,
                )
                for s in spans
                if isinstance(s, dict)
            ]
            frames = [
                FrameRecord(dict(e.get("fields", {})), {k: list(v) for k, v in e.get("roles", {}).items()})
                for e in obj.get("events", [])
                if isinstance(e, dict)
            ]
            meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
            yield AnnotatedArticle(
                obj["text"], records, frames, meta, str(obj.get("answer", "accept")), f"{path}:{number}"
            )


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
