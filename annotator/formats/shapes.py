"""Shape checks of the JSON that annotation files hold: each returns the value in the shape
asked for, or raises `FormatError` naming the part at fault, which the reader reports with
its file and line."""

from __future__ import annotations

from typing import Any

from annotator.core.annotated import SpanRecord
from annotator.core.errors import FormatError


def kind_of(value: Any) -> str:
    """How a user would name a JSON value's type: 'a list', 'an object', 'text'..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return f"text ({value!r})"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else type(value).__name__


def expect_list(value: Any, what: str) -> list[Any]:
    """`value` as a list (absent: empty). RAISES (FormatError) naming `what` otherwise."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise FormatError(f"{what} must be a list, got {kind_of(value)}")
    return value


def expect_object(value: Any, what: str) -> dict[str, Any]:
    """`value` as a JSON object (absent: empty). RAISES (FormatError) naming `what` otherwise."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FormatError(f"{what} must be an object, got {kind_of(value)}")
    return value


def expect_int(value: Any, what: str) -> int:
    """`value` as a whole number (true/false is not one). RAISES (FormatError) otherwise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise FormatError(f"{what} must be a whole number, got {kind_of(value)}")
    return value


def expect_label(value: Any, what: str) -> str:
    """A label: non-empty text. RAISES (FormatError) naming `what` (the span) otherwise."""
    if not isinstance(value, str) or not value:
        raise FormatError(f"{what} needs a 'label' (text), got {kind_of(value)}")
    return value


def span_record(value: Any, what: str, origin: str) -> SpanRecord:
    """A span object {start, end, label, text?, normalized?} as a record (`what` names it)."""
    span = expect_object(value, what)
    start = expect_int(span.get("start"), f"{what}: 'start'")
    end = expect_int(span.get("end"), f"{what}: 'end'")
    label, text = expect_label(span.get("label"), what), span.get("text")
    if text is not None and not isinstance(text, str):
        raise FormatError(f"{what}: 'text' must be text, got {kind_of(text)}")
    normalized = expect_object(span.get("normalized"), f"{what}: 'normalized'") or None
    return SpanRecord(start, end, label, normalized, origin=origin, text=text)
