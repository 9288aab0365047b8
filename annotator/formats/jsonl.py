"""JSON Lines (`.jsonl`): one object per line with `text` and optional `title`,
`published_at`, `source`, `url` and `meta` (an object)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from annotator.core.errors import FormatError
from annotator.core.model import ArticleRecord
from annotator.formats.base import (
    ReadFailure,
    TextFileReader,
    record_lines,
    record_or_failure,
    register_reader,
)
from annotator.formats.jsonl_util import parse_json


@register_reader
class JsonLinesReader(TextFileReader):
    suffixes: ClassVar[tuple[str, ...]] = (".jsonl", ".ndjson")

    def read_decoded(self, path: Path, content: str, encoding: str) -> Iterator[ArticleRecord | ReadFailure]:
        for number, line in record_lines(content):
            if line.strip():
                yield _record(path, number, line)


def _record(path: Path, number: int, line: str) -> ArticleRecord | ReadFailure:
    try:
        obj = parse_json(line)
    except FormatError as exc:
        return ReadFailure(str(path), str(exc), number)
    if not isinstance(obj, dict):
        return ReadFailure(str(path), "each line must be a JSON object", number)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadFailure(str(path), "missing or empty 'text'", number)
    return record_or_failure(text, path, number, fields=obj)
