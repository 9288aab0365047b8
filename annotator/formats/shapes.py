"""Shape checks of the JSON that annotation files hold: each returns the value in the shape
asked for, or raises `FormatError` naming the part at fault, which the reader reports with
its file and line.

A record (one article's annotations) is used whole or not at all: a reader collects every
problem of a record (`Problems`) and yields the record as a `RecordFailure` when it found
any, so that no importer stores part of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from annotator.core.annotated import AnnotatedArticle, SpanRecord
from annotator.core.errors import FormatError
from annotator.formats.base import ReadFailure

T = TypeVar("T")


@dataclass(frozen=True)
class RecordFailure(ReadFailure):
    """A record a reader found problems in: `problems` holds every one of them (`message` is
    the first), `article` what could be read of the rest, for an importer to check further
    and report its problems too. The record is refused whole: nothing of it is stored."""

    problems: tuple[str, ...] = ()
    article: AnnotatedArticle | None = field(default=None, compare=False)


class Problems(list[str]):
    """The problems found in one record, collected so that each is reported, not the first."""

    def attempt(self, check: Callable[[], T]) -> T | None:
        """`check()`, or None with its FormatError's message added to the problems."""
        try:
            return check()
        except FormatError as exc:
            self.append(str(exc))
            return None

    def outcome(
        self, path: str, line: int | None, article: AnnotatedArticle
    ) -> AnnotatedArticle | RecordFailure:
        """`article` when no problem was found, else the record's failure carrying them all."""
        if not self:
            return article
        return RecordFailure(path, self[0], line, tuple(self), article)


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


def expect_object(value: Any, what: str, *, optional: bool = True) -> dict[str, Any]:
    """`value` as a JSON object (absent: empty, when `optional`). RAISES (FormatError) naming
    `what` otherwise."""
    if value is None and optional:
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
