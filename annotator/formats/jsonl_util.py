"""Reading JSON Lines of annotation tools: one object per line, bad lines reported by number."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from annotator.core.annotated import AnnotatedArticle
from annotator.core.errors import FormatError
from annotator.formats.base import ReadFailure, read_text, record_lines
from annotator.formats.shapes import Problems


def parse_json(line: str) -> Any:
    """The JSON value of one line. RAISES (FormatError): not JSON, a number Python refuses
    (over 4,300 digits), or nesting too deep to parse (`[` x 200,000)."""
    try:
        return json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise FormatError(json_problem(exc)) from None


def json_problem(exc: ValueError | RecursionError) -> str:
    """What `json.loads` raising `exc` means, in words."""
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON ({exc.msg} at column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "invalid JSON (nested too deeply to read)"
    return f"invalid JSON ({exc})"


def json_document(path: Path) -> tuple[str, Any] | ReadFailure:
    """`(text, value)` of a whole JSON file (decoded as `json_text`), or its failure, at the
    line the JSON breaks on when that is known."""
    text = json_text(path)
    if isinstance(text, ReadFailure):
        return text
    try:
        return text, json.loads(text)
    except json.JSONDecodeError as exc:  # its line is the failure's: no column needed
        return ReadFailure(str(path), f"invalid JSON ({exc.msg})", exc.lineno)
    except (ValueError, RecursionError) as exc:
        return ReadFailure(str(path), json_problem(exc))


def sniffed_json(path: Path) -> Any | None:
    """The value of a `.json` file, for a reader deciding whether the file is its format;
    None when it is no readable JSON file (the reader that takes it says why)."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return None
    document = json_document(path)
    return None if isinstance(document, ReadFailure) else document[1]


JSON_ENCODINGS = ("utf-8", "utf-16")


def json_text(path: Path) -> str | ReadFailure:
    """The text of a JSON or JSON Lines file: UTF-8 (with or without a BOM) or UTF-16 with
    a BOM, as JSON is written; a file that reads only as another encoding is refused, since
    its offsets would point into mis-decoded text."""
    decoded = read_text(path)
    if isinstance(decoded, ReadFailure):
        return decoded
    text, encoding = decoded
    if encoding not in JSON_ENCODINGS:
        return ReadFailure(
            str(path), f"not UTF-8 text (it reads only as {encoding}): JSON files are UTF-8; save it as UTF-8"
        )
    return text


def json_values(path: Path) -> Iterator[tuple[int, Any] | ReadFailure]:
    """`(line number, value)` of each non-blank line of a JSON Lines file, lines split at
    "\n" only (`record_lines`); a file or line that cannot be read is its failure."""
    text = json_text(path)
    if isinstance(text, ReadFailure):
        yield text
        return
    for number, line in record_lines(text):
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


Task = Callable[[dict[str, Any], str, Problems], AnnotatedArticle]


def read_tasks(path: Path, task: Task) -> Iterator[AnnotatedArticle | ReadFailure]:
    """Each line's object made an article by `task(object, "path:LINE", problems)`.

    A line that is not such an object, or whose `task` raises FormatError, is that line's
    failure alone. A `task` that adds to `problems` (a malformed span, a frame of the wrong
    shape) makes the line a `RecordFailure` holding them all: its record is not imported."""
    for item in json_lines(path):
        if isinstance(item, ReadFailure):
            yield item
            continue
        number, obj = item
        problems = Problems()
        try:
            article = task(obj, f"{path}:{number}", problems)
        except FormatError as exc:
            yield ReadFailure(str(path), str(exc), number)
            continue
        yield problems.outcome(str(path), number, article)


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
