"""CSV (`.csv`): a header row with a `text` column and optional `title`, `published_at`,
`source`, `url` and `meta` (JSON object) columns; other columns go into meta."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from annotator.core.model import ArticleRecord
from annotator.formats.base import ReadFailure, TextFileReader, record_or_failure, register_reader

KNOWN_COLUMNS = ("text", "title", "published_at", "source", "url", "meta")
csv.field_size_limit(sys.maxsize)


@register_reader
class CsvReader(TextFileReader):
    suffixes: ClassVar[tuple[str, ...]] = (".csv",)

    def read_decoded(self, path: Path, content: str, encoding: str) -> Iterator[ArticleRecord | ReadFailure]:
        # strict: a quote left open is an error where it shows (a quote followed by text, or
        # the end of the file inside quotes), not rows merged silently into one field.
        reader = csv.DictReader(io.StringIO(content, newline=""), strict=True)
        try:
            header = reader.fieldnames or []
        except csv.Error as exc:
            yield ReadFailure(str(path), f"unreadable CSV header ({exc})", 1)
            return
        if "text" not in header:
            yield ReadFailure(str(path), f"no 'text' column (columns: {', '.join(header)})", 1)
            return
        lines = reader.reader  # DictReader.line_num is stale after an error
        while True:
            start = lines.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield _malformed(path, start, lines.line_num, exc)
                if lines.line_num < start:  # nothing consumed: do not read the same line again
                    return
                continue
            yield _record(path, start, row)


def _malformed(path: Path, start: int, end: int, exc: csv.Error) -> ReadFailure:
    """The failure of lines `start`..`end`, which the csv module could not read as a row."""
    if end <= start:
        return ReadFailure(str(path), f"malformed CSV ({exc}); this row was not imported", start)
    return ReadFailure(
        str(path),
        f"malformed CSV ({exc}) in the row starting here and running to line {end}, "
        "likely a quote left open; none of these lines was imported",
        start,
    )


def _record(path: Path, line: int, row: dict[str, Any]) -> ArticleRecord | ReadFailure:
    text = row.get("text")
    if not text or not text.strip():
        return ReadFailure(str(path), "empty 'text'", line)
    fields: dict[str, Any] = {k: row.get(k) for k in KNOWN_COLUMNS if k != "meta"}
    extra = {k: v for k, v in row.items() if k not in KNOWN_COLUMNS and k and v not in (None, "")}
    try:
        meta = json.loads(row["meta"]) if row.get("meta") else {}
    except json.JSONDecodeError as exc:
        return ReadFailure(str(path), f"'meta' is not valid JSON ({exc.msg})", line)
    if not isinstance(meta, dict):
        return ReadFailure(str(path), "'meta' must be a JSON object", line)
    fields["meta"] = {**extra, **meta}
    return record_or_failure(text, path, line, fields=fields)
