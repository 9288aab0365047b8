"""Reading JSON Lines of annotation tools: one object per line, bad lines reported by number."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from annotator.core.annotated import AnnotatedArticle
from annotator.core.errors import FormatError
from annotator.formats.base import ReadFailure, read_text, record_lines


def parse_json(line: str) -> Any:
    """The JSON value of one line. RAISES (FormatError): not JSON, a number Python refuses
    (over 4,300 digits), or nesting too deep to parse (`[` x 200,000)."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise FormatError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except ValueError as exc:
        raise FormatError(f"invalid JSON ({exc})") from None
    except RecursionError:
        raise FormatError("invalid JSON (nested too deeply to read)") from None


def json_values(path: Path) -> Iterator[tuple[int, Any] | ReadFailure]:
    """`(line number, value)` of each non-blank line of a JSON Lines file, lines split at
    "\n" only (`record_lines`); a file or line that cannot be read is its failure."""
    decoded = read_text(path)
    if isinstance(decoded, ReadFailure):
        yield decoded
        return
    for number, line in record_lines(decoded[0]):
        if not line.strip():
            continue
        try:
            yield number, parse_json(line)
        except FormatError as exc:
            yield ReadFailure(str(path), str(exc), number)


def json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]] | ReadFailure]:
    for item in json_values(path):
        if isinstance(item, ReadFailure):
            yield item
            continue
        number, obj = item
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield ReadFailure(str(path), "each line must be an object with a 'text'", number)
            continue
        yield number, obj


Task = Callable[[dict[str, Any], str], AnnotatedArticle | tuple[AnnotatedArticle, list[str]]]


def read_tasks(path: Path, task: Task) -> Iterator[AnnotatedArticle | ReadFailure]:
    """Each line's object made an article by `task(object, "path:LINE")`; a line that is not
    such an object, or whose `task` raises FormatError, is that line's failure alone.

    `task` may also return the article with the problems of the parts it left out of it (a
    malformed span): each is a failure of that line, reported before the article."""
    for item in json_lines(path):
        if isinstance(item, ReadFailure):
            yield item
            continue
        number, obj = item
        try:
            made = task(obj, f"{path}:{number}")
        except FormatError as exc:
            yield ReadFailure(str(path), str(exc), number)
            continue
        article, problems = made if isinstance(made, tuple) else (made, [])
        for problem in problems:
            yield ReadFailure(str(path), problem, number)
        yield article


def first_object(path: Path) -> dict[str, Any] | None:
    """The first JSON object of a .jsonl file, for format detection; the file is decoded as
    every reader decodes it (`read_text`: a UTF-8 BOM, UTF-16), so what a reader reads is
    also detected."""
    if path.suffix.lower() not in {".jsonl", ".ndjson", ".json"} or not path.is_file():
        return None
    decoded = read_text(path)
    if isinstance(decoded, ReadFailure):
        return None
    for _, line in record_lines(decoded[0]):
        if line.strip():
            try:
                obj = parse_json(line)
            except FormatError:
                return None
            return obj if isinstance(obj, dict) else None
    return None


def write_json_line(handle: TextIO, row: dict[str, Any]) -> None:
    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
