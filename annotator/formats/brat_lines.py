"""The lines of one brat `.ann`, read against its text by brat's rules, and what they name.

`Reading` parses each line (`ID<TAB>DATA[<TAB>TAIL]`; the first letter of an ID is its kind)
and `resolve` checks what the lines name; each problem is a `ReadFailure` of the .ann's path
and line. The rules, kind by kind, are in `annotator.formats.brat_reader`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from annotator.core.codebook import Codebook
from annotator.core.errors import FormatError
from annotator.formats.base import ReadFailure, record_lines
from annotator.formats.brat_conf import safe_name

_ID = re.compile(r"(?:[A-Za-z]+|#[A-Za-z]*)[0-9]+\S*")  # brat's __split_annotation_id, no spaces
_OFFSETS = re.compile(r"([0-9]+) ([0-9]+) *")
_NORMALISATION = re.compile(r"\S+ \S+ \S+?:\S+\s*")
KINDS = {
    "T": "text-bound",
    "E": "event",
    "A": "attribute",
    "M": "modifier",
    "N": "normalisation",
    "R": "relation",
    "*": "equivalence",
    "#": "note",
}
SYNTAX = {
    "T": "ID<TAB>LABEL START END<TAB>TEXT",
    "E": "ID<TAB>TYPE:TRIGGER ROLE:ID ...",
    "A": "ID<TAB>NAME TARGET [VALUE]",
    "M": "ID<TAB>NAME TARGET",
    "N": "ID<TAB>TYPE TARGET DB:KEY<TAB>TEXT",
    "R": "ID<TAB>TYPE ROLE:ID ROLE:ID",
    "*": "*<TAB>TYPE ID ID ...",
    "#": "#ID<TAB>TYPE TARGET<TAB>NOTE",
}
#: What a project cannot keep, by kind: (what the lines are, why they are left out).
LEFT_OUT = {
    "A": ("attribute", "a project keeps no attribute but an event's SubEventType"),
    "M": ("modifier", "a project keeps no attribute but an event's SubEventType"),
    "N": ("normalisation", "a project keeps normalised values only as AnnotatorNotes JSON"),
    "R": ("relation", "a project has no relations"),
    "*": ("equivalence", "a project has no relations"),
    "#": ("note", "only an AnnotatorNotes JSON object on an entity span or an event is read"),
}


def _short(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "...")


@dataclass
class Bound:
    """A T line, its fragments read as one contiguous span."""

    line: int
    label: str
    start: int
    end: int


@dataclass
class Event:
    line: int
    type: str
    trigger: str
    args: list[tuple[str, str]]


@dataclass
class Other:
    """An A, M, N, R, * or # line: its kind and name, the IDs it names, its value or note."""

    line: int
    ident: str
    name: str
    targets: list[str]
    value: str = ""

    @property
    def kind(self) -> str:
        return self.ident[0]


@dataclass
class Reading:
    """One .ann read against its text: what each line says, and what was wrong, by line."""

    ann: Path
    txt: Path
    text: str
    lines: dict[str, int] = field(default_factory=dict)  # every ID given, and its line
    bounds: dict[str, Bound] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    others: list[Other] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)

    def fail(self, line: int, message: str) -> None:
        self.failures.append(ReadFailure(str(self.ann), message, line))

    def read(self, lines: list[tuple[int, str]]) -> Reading:
        for number, line in lines:
            try:
                self.read_line(number, line)
            except FormatError as exc:
                self.fail(number, str(exc))
        return self

    def read_line(self, number: int, line: str) -> None:
        ident, tab, rest = line.partition("\t")
        if not tab:
            raise FormatError(f"a brat line is 'ID<TAB>...'; this one has no tab: {_short(line)}")
        if ident != "*" and not _ID.fullmatch(ident):
            raise FormatError(f"{_short(ident)} is not a brat ID (letters and a number: T1, E1, A1, R1, #1)")
        if ident[0] not in SYNTAX:
            raise FormatError(f"{ident}: brat has no annotation kind '{ident[0]}' (T, E, A, M, N, R, *, #)")
        if ident != "*" and ident in self.lines:
            raise FormatError(f"{ident}: duplicate ID (the first on line {self.lines[ident]})")
        self.lines.setdefault(ident, number)
        data, _, tail = rest.partition("\t")
        PARSERS[ident[0]](self, number, ident, data, tail)

    def text_bound(self, number: int, ident: str, data: str, tail: str) -> None:
        label, space, offsets = data.partition(" ")
        if not label or not space:
            raise _syntax("T", ident, data)
        fragments = [self._fragment(ident, offsets, part) for part in offsets.split(";")]
        for (_, end), (start, _) in pairwise(fragments):
            if end > start:
                raise FormatError(f"{ident}: fragments '{offsets}' overlap or are out of order")
        expected = " ".join(self.text[s:e] for s, e in fragments)
        if tail and tail != expected:  # no text at all: brat fills it in from the .txt
            raise FormatError(
                f"{ident}: text {_short(tail)} is not the text of {self.txt.name} at '{offsets}': "
                f"{_short(expected)}; offsets count the characters of the .txt as stored"
            )
        for (_, end), (start, _) in pairwise(fragments):
            if self.text[end:start].strip():
                raise FormatError(
                    f"{ident}: discontinuous span '{offsets}' is not supported: a project's spans are "
                    "contiguous, so fragments may be apart only by line breaks or spaces; "
                    "annotate each part as a span of its own"
                )
        start, end = fragments[0][0], fragments[-1][1]
        if start == end:
            raise FormatError(f"{ident}: span '{offsets}' is empty (no characters)")
        self.bounds[ident] = Bound(number, label, start, end)

    def _fragment(self, ident: str, offsets: str, part: str) -> tuple[int, int]:
        match = _OFFSETS.fullmatch(part)
        if match is None:
            raise FormatError(
                f"{ident}: offsets {_short(offsets)} are not 'START END' whole numbers "
                "(fragments joined by ';')"
            )
        start, end = int(match[1]), int(match[2])
        if start > end:
            raise FormatError(f"{ident}: fragment '{start} {end}' ends before it starts")
        if end > len(self.text):
            raise FormatError(
                f"{ident}: fragment '{start} {end}' is outside {self.txt.name} ({len(self.text)} characters)"
            )
        return start, end

    def event(self, number: int, ident: str, data: str, tail: str) -> None:
        head, _, rest = data.partition(" ")
        kind, trigger = _pair(head) or ("", "")
        if not kind:
            raise _syntax("E", ident, data)
        args = []
        for arg in rest.split():
            pair = _pair(arg)
            if pair is None:
                raise FormatError(f"{ident}: argument {_short(arg)} is not ROLE:ID")
            args.append(pair)
        self.events[ident] = Event(number, kind, trigger, args)

    def other(self, number: int, ident: str, data: str, tail: str) -> None:
        kind = ident[0]
        parts = data.split()
        targets = _targets(kind, parts, data)
        if targets is None:
            raise _syntax(kind, ident, data)
        value = tail if kind == "#" else " ".join(parts[2:])
        self.others.append(Other(number, ident, parts[0], targets, value))


def _syntax(kind: str, ident: str, data: str) -> FormatError:
    return FormatError(f"{ident}: a brat {KINDS[kind]} line is '{SYNTAX[kind]}', got {_short(data)}")


def _pair(value: str) -> tuple[str, str] | None:
    """`ROLE:ID` (exactly one colon, both sides given) as (role, id)."""
    role, colon, ident = value.partition(":")
    return (role, ident) if colon and role and ident and ":" not in ident else None


def _targets(kind: str, parts: list[str], data: str) -> list[str] | None:
    """The IDs an A, M, N, R, * or # line names, or None when its data is malformed."""
    if kind in "A#M":
        ok = len(parts) == 2 or (kind == "A" and len(parts) == 3)
        return [parts[1]] if ok else None
    if kind == "N":
        return [parts[1]] if _NORMALISATION.fullmatch(data) else None
    if kind == "R":
        pairs = [_pair(p) for p in parts[1:]]
        return [p[1] for p in pairs if p] if len(pairs) == 2 and all(pairs) else None
    return parts[1:] if len(parts) >= 3 else None  # "*": an equivalence of two IDs or more


PARSERS: dict[str, Callable[[Reading, int, str, str, str], None]] = {
    "T": Reading.text_bound,
    "E": Reading.event,
    **dict.fromkeys("AMNR*#", Reading.other),
}


@dataclass
class Resolved:
    """What the lines of a Reading come to, once each ID they name is looked up."""

    subs: dict[str, str] = field(default_factory=dict)  # event ID -> sub-event type
    notes: dict[str, dict[str, Any]] = field(default_factory=dict)  # T or E ID -> JSON note
    left_out: dict[str, list[int]] = field(default_factory=dict)  # kind -> lines


def resolve(reading: Reading, codebook: Codebook) -> Resolved:
    """Check each reference of the reading's lines (failures go to `reading.failures`) and
    collect the sub-event types, the notes and what is left out."""
    resolved = Resolved()
    triggers = {event.trigger for event in reading.events.values()}
    for ident, event in reading.events.items():
        _check_event(reading, ident, event, triggers)
    entities = {i for i in reading.bounds if i not in triggers}
    for other in reading.others:
        undefined = [t for t in other.targets if t not in reading.lines]
        if undefined:
            reading.fail(other.line, _undefined(other.ident, undefined[0], reading))
        elif other.kind == "A" and other.name == "SubEventType":
            _sub_event(reading, other, resolved)
        elif (
            other.kind == "#"
            and other.name == "AnnotatorNotes"
            and other.targets[0] in entities | set(reading.events)
        ):
            _note(reading, other, resolved)
        else:
            resolved.left_out.setdefault(other.kind, []).append(other.line)
    event_labels = {safe_name(e.name) for e in codebook.event_types} - set(codebook.label_names)
    for ident in entities if not reading.failures else ():  # a failed E line names no trigger
        bound = reading.bounds[ident]
        if bound.label in event_labels:
            reading.fail(
                bound.line,
                f"{ident}: typed as the event '{bound.label}' but no E line has it as its trigger",
            )
    return resolved


def _undefined(name: str, ident: str, reading: Reading) -> str:
    return f"{name} refers to {ident}, which no line of {reading.ann.name} defines"


def _check_event(reading: Reading, ident: str, event: Event, triggers: set[str]) -> None:
    """An ID's first letter is its kind (brat's rule): T lines are text-bound. A T line that
    failed is not in `bounds`; its own line is reported, not each use of it."""
    named = [event.trigger, *(target for _, target in event.args)]
    undefined = [t for t in named if t not in reading.lines]
    if undefined:
        reading.fail(event.line, _undefined(ident, undefined[0], reading))
        return
    if not event.trigger.startswith("T"):
        reading.fail(event.line, f"{ident}: its trigger {event.trigger} is not a T line")
    elif event.trigger in reading.bounds and reading.bounds[event.trigger].label != event.type:
        label = reading.bounds[event.trigger].label
        reading.fail(
            event.line, f"{ident}: its trigger {event.trigger} is typed '{label}', not '{event.type}'"
        )
    for role, target in event.args:
        if target in triggers or not target.startswith("T"):
            reading.fail(
                event.line,
                f"{ident}: {role}:{target} is not an entity span; "
                "roles link to T lines that are not triggers",
            )


def _sub_event(reading: Reading, other: Other, resolved: Resolved) -> None:
    target = other.targets[0]
    if not target.startswith("E"):
        message = f"SubEventType is an event's attribute; {target} is not an E line"
    elif not other.value:
        message = f"SubEventType of {target} has no value: '{other.ident}<TAB>SubEventType {target} VALUE'"
    elif target in resolved.subs:
        message = f"a second SubEventType for {target}"
    else:
        resolved.subs[target] = other.value
        return
    reading.fail(other.line, f"{other.ident}: {message}")


def _note(reading: Reading, other: Other, resolved: Resolved) -> None:
    """A note for a span or an event: a JSON object (what the exporter writes) is read; a note
    in brackets that is not one is a failure; free text is left out, with a warning."""
    target, note = other.targets[0], other.value.strip()
    if not note.startswith(("{", "[")):
        resolved.left_out.setdefault("#", []).append(other.line)
        return
    try:
        value = json.loads(note)
    except (ValueError, RecursionError) as exc:
        reading.fail(other.line, f"{other.ident}: the note of {target} is not JSON ({str(exc)[:80]})")
        return
    if not isinstance(value, dict):
        reading.fail(
            other.line,
            f"{other.ident}: the note of {target} must be a JSON object, got a {type(value).__name__}",
        )
    elif target in resolved.notes:
        reading.fail(other.line, f"{other.ident}: a second AnnotatorNotes note for {target}")
    else:
        resolved.notes[target] = value


def universal_newlines(text: str) -> tuple[str, list[int]]:
    """`text` with "\r\n" and "\r" read as "\n", and for each of its positions (and its end)
    the position in `text`."""
    out, where, i = [], [], 0
    while i < len(text):
        where.append(i)
        if text[i] == "\r":
            out.append("\n")
            i += 2 if text.startswith("\r\n", i) else 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out), [*where, len(text)]


def read_ann(ann: Path, txt: Path, text: str, content: str) -> Reading:
    """The .ann's lines read against `text`; when they fail there but fit the text with
    universal newlines, that reading with its offsets mapped back onto `text`."""
    lines = [(n, line) for n, line in record_lines(content) if line.strip()]
    reading = Reading(ann, txt, text).read(lines)
    if not reading.failures or "\r" not in text:
        return reading
    translated, where = universal_newlines(text)
    other = Reading(ann, txt, translated).read(lines)
    if other.failures:
        return reading
    for bound in other.bounds.values():
        bound.start, bound.end = where[bound.start], where[bound.end]
    other.text = text
    return other
