"""What the values of an imported record (one article's annotations) must be before any of it
is stored: each check returns the problems it finds, in words, so that an importer reports
every one of them (with the record's file and line) and stores nothing of the record.

Offsets are whole numbers (the readers refuse 0.9, true and "5") with
`0 <= start < end <= len(text)`; a span's label, a frame's event type, sub-event type and
roles are the codebook's; a span's or trigger's text, when the file gives it, is the text at
its offsets; a role points at a span of the record; a frame's fields have the types the store
keeps (`core.model.EVENT_FIELDS`) and meet its data rules (`core.frame_fields`: an event date
is a real YYYY-MM-DD day); text holds no NUL or lone surrogate and has a visible character.
"""

from __future__ import annotations

import json
import math
from typing import Any

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.cleaning import is_blank
from annotator.core.codebook import Codebook
from annotator.core.errors import FormatError
from annotator.core.frame_fields import field_value_problem
from annotator.core.model import EVENT_FIELDS
from annotator.formats.base import check_storable
from annotator.formats.shapes import kind_of

#: Fields an import sets itself (the status from --status or the record's answer) or drops
#: (a link to another frame of the source project): their values in the file are not kept.
IMPORT_SETS = frozenset({"status", "same_as"})
TYPE_WORDS = {int: "a whole number", float: "a number", str: "text"}
SQLITE_INT = range(-(2**63), 2**63)
META_TEXT = ("title", "source", "url", "published_at")


def text_problem(text: str) -> str | None:
    """Why `text` cannot be an article's text (NUL, lone surrogate, nothing visible), or None."""
    try:
        check_storable(text, "the text")
    except FormatError as exc:
        return str(exc)
    if is_blank(text):
        return "the text is empty (no visible character): an annotated article needs its text"
    return None


def record_problems(
    article: AnnotatedArticle, text: str, codebook: Codebook, *, skip: set[int] | None = None
) -> list[str]:
    """Every problem of `article`'s spans, frames and meta, whose offsets point into `text`
    (the spans numbered in `skip` are not checked: their problem is known already)."""
    problems = []
    for i, span in enumerate(article.spans):
        problem = None if skip and i in skip else span_problem(span, text, codebook)
        if problem:
            problems.append(f"span {i if span.number is None else span.number} {problem}")
    for n, frame in enumerate(article.frames):
        problems += frame_problems(frame, n, text, len(article.spans), codebook)
    return problems + meta_problems(article.meta)


def span_problem(span: SpanRecord, text: str, codebook: Codebook) -> str | None:
    offsets = offsets_problem(span.start, span.end, text)
    if offsets:
        return offsets
    if span.label not in codebook.label_names:
        return f"label '{span.label}' is not in the codebook; known: {', '.join(codebook.label_names)}"
    if span.text is not None and text[span.start : span.end] != span.text:
        return f"text {span.text!r} does not match the article text {text[span.start : span.end]!r}"
    return json_problem(span.normalized, "value 'normalized'")


def offsets_problem(start: int, end: int, text: str) -> str | None:
    """Why [start, end) cannot be offsets into `text`, or None."""
    if start >= end:
        return f"[{start}, {end}) is empty or reversed: its end must be after its start"
    if start < 0 or end > len(text):
        return f"[{start}, {end}) is outside the text (0..{len(text)} characters)"
    return None


def frame_problems(frame: FrameRecord, n: int, text: str, n_spans: int, codebook: Codebook) -> list[str]:
    """Every problem of frame `n` (its fields, trigger, event type and roles), each
    `event n: <problem>`."""
    fields = frame.fields
    typed = [p for key, value in fields.items() if (p := field_type_problem(key, value))]
    problems = typed or [p for p in (_trigger_problem(fields, text), field_value_problem(fields)) if p]
    if not typed:
        problems += _type_problems(fields, codebook)
    problems += _role_problems(frame.roles, n_spans, codebook)
    return [f"event {n}: {problem}" for problem in problems]


def field_type_problem(key: str, value: Any) -> str | None:
    """Why `value` cannot be frame field `key` as the store keeps it, or None (a key the store
    does not keep is left out on import, whatever its value)."""
    kind = EVENT_FIELDS.get(key)
    if kind is None or key in IMPORT_SETS or value is None:
        return None
    if kind is int and isinstance(value, bool) and key == "civilian_targeting":
        return None  # yes/no: stored as 1/0
    number = isinstance(value, int) and not isinstance(value, bool)
    fits = isinstance(value, str) if kind is str else number or (kind is float and isinstance(value, float))
    if not fits:
        return f"'{key}' must be {TYPE_WORDS[kind]}, got {kind_of(value)}"
    if kind is str:
        return _storable_problem(value, f"'{key}'")
    if isinstance(value, float) and not math.isfinite(value):
        return f"'{key}' must be a finite number, got {value!r}"
    if number and value not in SQLITE_INT:
        return f"'{key}' is too large a number to store ({kind_of(value)})"
    return None


def _trigger_problem(fields: dict[str, Any], text: str) -> str | None:
    start, end = fields.get("trigger_start"), fields.get("trigger_end")
    if start is None and end is None:
        return None
    if start is None or end is None:
        return "a trigger needs both its start and its end ('trigger_start', 'trigger_end')"
    problem = offsets_problem(start, end, text)
    if problem:
        return f"trigger {problem}"
    given = fields.get("trigger_text")
    if given is not None and given != text[start:end]:
        return f"trigger text {given!r} does not match the article text {text[start:end]!r}"
    return None


def _type_problems(fields: dict[str, Any], codebook: Codebook) -> list[str]:
    event_type, sub = fields.get("event_type"), fields.get("sub_event_type")
    if not event_type:
        return [f"sub-event type '{sub}' needs an event type"] if sub else []
    definition = codebook.event_type(event_type)
    if definition is None:
        return [f"event type '{event_type}' is not in the codebook"]
    if sub and definition.sub_event(sub) is None:
        return [f"'{sub}' is not a sub-event type of {definition.name}"]
    return []


def _role_problems(roles: dict[str, list[int]], n_spans: int, codebook: Codebook) -> list[str]:
    problems = []
    for role, indices in roles.items():
        if codebook.role(role) is None:
            known = ", ".join(r.name for r in codebook.roles)
            problems.append(f"role '{role}' is not in the codebook; roles: {known}")
        outside = [i for i in indices if not 0 <= i < n_spans]
        if outside:
            problems.append(f"role '{role}' points at span {outside[0]}; the record has {n_spans} spans")
    return problems


def meta_problems(meta: dict[str, Any]) -> list[str]:
    """Problems of the metadata a new article is stored with: its title, source, url and
    publication date are text, and the whole can be stored as JSON."""
    problems = []
    for key in META_TEXT:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"'meta' {key} must be text, got {kind_of(value)}")
        elif value is not None and (problem := _storable_problem(value, f"'meta' {key}")):
            problems.append(problem)
    whole = json_problem(meta, "'meta'")
    return problems + ([whole] if whole else [])


def json_problem(value: Any, what: str) -> str | None:
    """Why `value` cannot be stored as JSON (nested too deeply, a lone surrogate in it), or
    None. (A NUL is escaped in JSON, so it is stored exactly.)"""
    try:
        dumped = json.dumps(value, ensure_ascii=False)
    except RecursionError:  # the values were read from JSON: nothing else can fail to dump
        return f"{what} is nested too deeply to store"
    try:
        dumped.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"{what} holds a lone surrogate (U+{ord(dumped[exc.start]):04X}), which is not Unicode text"
    return None


def _storable_problem(value: str, what: str) -> str | None:
    try:
        check_storable(value, what)
    except FormatError as exc:
        return str(exc)
    return None
