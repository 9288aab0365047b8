"""Annotations JSON: one annotator's spans and event frames for articles named by file.

Layout (the gold fixture of the seed articles uses it)::

    {"annotator": "gold",
     "articles": [{"file": "000_x.txt",
                   "spans": [{"start": 0, "end": 5, "label": "LOCATION", "text": "KABUL",
                              "normalized": {...}}],
                   "events": [{"trigger": {"start": .., "end": .., "text": ..},
                               "event_type": .., "sub_event_type": .., <frame fields>,
                               "roles": {"actor1": [{"start": .., "end": ..}], ...}}]}]}

Offsets are code points into the cleaned text of the article imported from `file`; a
span's `text`, when given, must equal the text at its offsets. The file carries no article
text, so each `AnnotatedArticle` read has `text` "" and `file` set: whoever stores it matches
it by that file name (see `annotator.services.annotations_json`). A role points at a span of
the same article by its offsets (`start` and `end`, or `start` and the span's `text`).
Problems are reported per article, at the line its object starts on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.codebook import Codebook
from annotator.core.errors import FormatError
from annotator.core.model import EVENT_FIELDS
from annotator.formats.base import ReadFailure
from annotator.formats.jsonl_util import json_document, sniffed_json
from annotator.formats.registry import annotation_reader
from annotator.formats.shapes import (
    Problems,
    RecordFailure,
    expect_int,
    expect_list,
    expect_object,
    kind_of,
    span_record,
)

ORIGIN = "annotations-json"


@dataclass
class AnnotationsFile:
    """What an annotations JSON file holds: its annotator's name and its articles, in order."""

    annotator: str | None = None
    items: list[AnnotatedArticle | ReadFailure] = field(default_factory=list)


def parse(path: Path) -> AnnotationsFile:
    """Read `path`; a problem of the whole file or of one article is a `ReadFailure` item (an
    article with problems: a `RecordFailure` listing each)."""
    document = json_document(path)
    if isinstance(document, ReadFailure):
        return AnnotationsFile(items=[document])
    content, data = document
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        got = kind_of(data.get("articles")) if isinstance(data, dict) else kind_of(data)
        problem = f"needs an object with a list 'articles', got {got}"
        return AnnotationsFile(items=[ReadFailure(str(path), problem)])
    annotator = data.get("annotator")
    parsed = AnnotationsFile(annotator if isinstance(annotator, str) and annotator.strip() else None)
    lines = article_lines(content)
    for n, entry in enumerate(data["articles"]):
        line = lines[n] if n < len(lines) else None
        parsed.items.append(_entry(entry, n, str(path), line))
    return parsed


@annotation_reader
class AnnotationsJsonReader:
    name = "annotations-json"

    def sniff(self, path: Path) -> bool:
        data = sniffed_json(path)
        return isinstance(data, dict) and isinstance(data.get("articles"), list)

    def read(self, path: Path, codebook: Codebook) -> Iterator[AnnotatedArticle | ReadFailure]:
        yield from parse(path).items


def _entry(entry: Any, n: int, path: str, line: int | None) -> AnnotatedArticle | ReadFailure:
    """Article `n` of the file, or its failure naming it (`article n (file): problem`)."""
    prefix = f"article {n}{_named(entry)}: "
    if not isinstance(entry, dict):
        return ReadFailure(path, f"{prefix}the entry must be an object, got {kind_of(entry)}", line)
    name = entry.get("file")
    if not isinstance(name, str) or not name.strip():
        problem = f"needs a 'file' (the name it was imported from), got {kind_of(name)}"
        return ReadFailure(path, prefix + problem, line)
    problems = Problems()
    article = _article(entry, name, f"{path}:{line}" if line else path, problems)
    if not problems:
        return article
    named = tuple(prefix + problem for problem in problems)
    return RecordFailure(path, named[0], line, named, article)


def _named(entry: Any) -> str:
    name = entry.get("file") if isinstance(entry, dict) else None
    return f" ({name})" if isinstance(name, str) else ""


def _article(entry: dict[str, Any], name: str, origin: str, problems: Problems) -> AnnotatedArticle:
    """The article named `name`, with what its parts of the wrong shape (each added to
    `problems`) leave of it."""
    spans: list[SpanRecord] = []
    given = problems.attempt(lambda: expect_list(entry.get("spans"), "'spans'")) or []
    for i, value in enumerate(given):
        span = problems.attempt(lambda i=i, value=value: span_record(value, f"span {i}", ORIGIN))
        if span is not None:
            span.number = i
            spans.append(span)
    index = {(s.start, s.end): i for i, s in enumerate(spans)}
    events = problems.attempt(lambda: expect_list(entry.get("events"), "'events'")) or []
    frames = [_frame(e, i, index, problems) for i, e in enumerate(events)]
    return AnnotatedArticle("", spans, frames, {"file": name}, origin=origin, file=name)


def _frame(value: Any, i: int, index: dict[tuple[int, int], int], problems: Problems) -> FrameRecord:
    event = problems.attempt(lambda: expect_object(value, f"event {i}", optional=False)) or {}
    fields = {k: v for k, v in event.items() if k in EVENT_FIELDS}
    trigger = problems.attempt(lambda: expect_object(event.get("trigger"), f"event {i}: 'trigger'")) or {}
    for key in ("start", "end"):
        what = f"event {i}: trigger '{key}'"
        fields[f"trigger_{key}"] = problems.attempt(
            lambda key=key, what=what: _optional_int(trigger.get(key), what)
        )
    fields["trigger_text"] = trigger.get("text")
    roles: dict[str, list[int]] = {}
    given = problems.attempt(lambda: expect_object(event.get("roles"), f"event {i}: 'roles'")) or {}
    for role, refs in given.items():
        what = f"event {i}: role '{role}'"
        listed = problems.attempt(lambda what=what, refs=refs: expect_list(refs, what)) or []
        found = [problems.attempt(lambda what=what, ref=ref: _ref(ref, what, index)) for ref in listed]
        roles[role] = [ref for ref in found if ref is not None]
    return FrameRecord(fields, roles)


def _ref(value: Any, what: str, index: dict[tuple[int, int], int]) -> int:
    ref = expect_object(value, f"{what}: each reference", optional=False)
    start = expect_int(ref.get("start"), f"{what}: 'start'")
    if "end" in ref:
        end = expect_int(ref.get("end"), f"{what}: 'end'")
    elif isinstance(ref.get("text"), str):
        end = start + len(ref["text"])
    else:
        raise FormatError(f"{what}: a reference needs 'start' and 'end' (or 'text')")
    if (start, end) not in index:
        raise FormatError(f"{what} points at no span of the article: [{start}, {end})")
    return index[(start, end)]


def _optional_int(value: Any, what: str) -> int | None:
    return None if value is None else expect_int(value, what)


_SPACE = re.compile(r"[ \t\n\r]*")


def _skip(content: str, i: int) -> int:
    """The index of the first non-space character from `i` on."""
    match = _SPACE.match(content, i)
    return match.end() if match else i


def article_lines(content: str) -> list[int]:
    """The line (from 1) each element of the top-level 'articles' list starts on; [] when the
    layout is other than expected (the articles are then named by their index alone)."""
    decoder = json.JSONDecoder()
    try:
        i = _skip(content, 0)
        if content[i : i + 1] != "{":
            return []
        i = _skip(content, i + 1)
        while content[i : i + 1] == '"':
            key, i = decoder.raw_decode(content, i)
            i = _skip(content, i)
            i = _skip(content, i + 1)  # past ':'
            if key == "articles" and content[i : i + 1] == "[":
                return _element_lines(content, i + 1, decoder)
            _, i = decoder.raw_decode(content, i)
            i = _skip(content, i)
            if content[i : i + 1] != ",":
                return []
            i = _skip(content, i + 1)
    except (ValueError, RecursionError):  # not the layout expected, or nested too deeply
        return []
    return []


def _element_lines(content: str, i: int, decoder: json.JSONDecoder) -> list[int]:
    lines: list[int] = []
    line, counted = 1, 0
    i = _skip(content, i)
    while content[i : i + 1] not in ("]", ""):
        line += content.count("\n", counted, i)
        counted = i
        lines.append(line)
        _, i = decoder.raw_decode(content, i)
        i = _skip(content, i)
        if content[i : i + 1] != ",":
            break
        i = _skip(content, i + 1)
    return lines
