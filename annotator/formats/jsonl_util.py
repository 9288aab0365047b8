"""Reading JSON Lines of annotation tools: one object per line, bad lines reported by number."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.formats.base import DecodeError, ReadFailure, decode_bytes


def json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]] | ReadFailure]:
    try:
        content, _ = decode_bytes(path.read_bytes())
    except (OSError, DecodeError) as exc:
        yield ReadFailure(str(path), getattr(exc, "strerror", None) or str(exc))
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(str(path), f"invalid JSON ({exc.msg} at column {exc.colno})", number)
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield ReadFailure(str(path), "each line must be an object with a 'text'", number)
            continue
        yield number, obj


def first_object(path: Path) -> dict[str, Any] | None:
    """The first JSON object of a .jsonl file, for format detection."""
    if path.suffix.lower() not in {".jsonl", ".ndjson", ".json"} or not path.is_file():
        return None
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    obj = json.loads(line)
                    return obj if isinstance(obj, dict) else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return None


def write_json_lines(path: Path, rows: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count
