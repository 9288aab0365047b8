"""A .ann as brat reads it: a port of nlplab/brat's server/src/annotation.py at commit
44ecd825810167eed2a5d8ad875d832218e734e8 ("an:N" is its line N). See `brat_rules`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

DISCONT_SEP = " "  # an:183


@dataclass(eq=False)
class Ann:
    id: str
    type: str
    line: int
    spans: list[tuple[int, int]] = field(default_factory=list)  # T
    trigger: str = ""  # E
    args: list[tuple[str, str]] = field(default_factory=list)  # E: (role, id); R: (label, id)
    target: str = ""  # A, M, #, N
    value: Any = None  # A
    entities: list[str] = field(default_factory=list)  # *

    def first_start(self) -> int:  # an:1738-1740
        return min(start for start, _ in self.spans)

    def last_end(self) -> int:  # an:1742-1744
        return max(end for _, end in self.spans)

    def same_span(self, other: Ann) -> bool:  # an:1753-1761
        return set(self.spans) == set(other.spans)

    def contains(self, other: Ann) -> bool:  # an:1763-1779: each fragment inside one of ours
        return all(any(s <= os and oe <= e for s, e in self.spans) for os, oe in other.spans)

    @property
    def arg1(self) -> str:
        return self.args[0][1]

    @property
    def arg2(self) -> str:
        return self.args[1][1]

    @property
    def arg1l(self) -> str:
        return self.args[0][0]

    @property
    def arg2l(self) -> str:
        return self.args[1][0]


_ID = re.compile(r"^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$")  # an:370-375


@dataclass
class Document:
    """What `annotation.TextAnnotations` makes of a .ann and its text (an:1280-1396)."""

    text: str
    anns: list[Ann] = field(default_factory=list)
    by_id: dict[str, Ann] = field(default_factory=dict)
    failed_lines: list[int] = field(default_factory=list)  # from 0, as brat counts them
    errors: list[str] = field(default_factory=list)

    def get_ann_by_id(self, ident: str) -> Ann:
        return self.by_id[ident]

    def _kind(self, prefix: str) -> list[Ann]:
        return [a for a in self.anns if a.id[0] == prefix]

    def get_textbounds(self) -> list[Ann]:
        return self._kind("T")

    def get_events(self) -> list[Ann]:
        return self._kind("E")

    def get_attributes(self) -> list[Ann]:
        return self._kind("A") + self._kind("M")

    def get_relations(self) -> list[Ann]:
        return self._kind("R")

    def get_equivs(self) -> list[Ann]:
        return self._kind("*")


def read_ann(content: str, text: str) -> Document:
    """an:1074-1150 `_parse_ann_lines` over the file's lines as `codecs` reads them
    (`str.splitlines`), then an:568-628 `_sanity`."""
    doc = Document(text)
    for number, line in enumerate(content.splitlines(keepends=True)):
        try:
            ann = _line(doc, number, line)
        except ValueError as exc:
            doc.failed_lines.append(number)
            doc.errors.append(f"line {number + 1}: {exc}: {line!r}")
            continue
        if ann.id != "*":
            doc.by_id[ann.id] = ann
        doc.anns.append(ann)
    _sanity(doc)
    return doc


def _line(doc: Document, number: int, line: str) -> Ann:
    if "\t" not in line:  # an:1087-1091
        raise ValueError("no tab after the ID")
    ident, tail = line.split("\t", 1)
    if ident in doc.by_id and ident != "*":  # an:1095-1097
        raise ValueError(f"duplicate ID {ident}")
    if ident != "*" and not _ID.match(ident):  # an:1099-1104, an:389-398
        raise ValueError(f"invalid ID {ident}")
    data, data_tail = (tail.split("\t", 1)[0], "\t" + tail.split("\t", 1)[1]) if "\t" in tail else (tail, "")
    kind = ident[0]
    if kind == "T":
        return _textbound(doc, ident, number, data, data_tail)
    if kind == "E":  # an:915-944
        head, _, rest = data.partition(" ")
        parts = head.rstrip("\r\n").split(":")
        if len(parts) != 2:
            raise ValueError("event type:trigger")
        args = [tuple(arg.split(":")) for arg in rest.split()]
        if any(len(a) != 2 for a in args):
            raise ValueError("event argument is not ROLE:ID")
        return Ann(ident, parts[0], number, trigger=parts[1], args=args)  # type: ignore[arg-type]
    if kind in "AM":  # an:889-913, an:993-1001
        m = re.match(r"(.+?) (.+?) (.+?)$", data) or re.match(r"(.+?) (.+?)$", data)
        if m is None or not _ID.match(m[2]):
            raise ValueError("attribute")
        return Ann(ident, m[1], number, target=m[2], value=m[3] if m.lastindex == 3 else True)
    if kind == "R":  # an:946-976
        kind_, _, rest = data.partition(" ")
        args = [tuple(arg.split(":")) for arg in rest.split()]
        if len(args) != 2 or args[0][0] == args[1][0]:
            raise ValueError("relation")
        return Ann(ident, kind_, number, args=args)  # type: ignore[arg-type]
    if kind == "*":  # an:978-991
        parts = data.split(None, 1)
        if len(parts) != 2:
            raise ValueError("equivalence")
        return Ann(ident, parts[0], number, entities=parts[1].split())
    if kind == "#":  # an:1065-1072
        parts = data.split()
        if len(parts) != 2:
            raise ValueError("note")
        return Ann(ident, parts[0], number, target=parts[1])
    if kind == "N":  # an:1039-1063
        m = re.match(r"(\S+) (\S+) (\S+?):(\S+)", data)
        if m is None:
            raise ValueError("normalization")
        return Ann(ident, m[1], number, target=m[2])
    raise ValueError(f"no annotation kind {kind}")


def _textbound(doc: Document, ident: str, number: int, data: str, data_tail: str) -> Ann:
    """an:1003-1031 `_split_textbound_data` and an:1303-1396."""
    kind, rest = data.split(" ", 1)
    spans = []
    for piece in rest.split(";"):
        start_text, end_text = piece.split(" ", 2)
        end_text = end_text.rstrip()
        if any(c.isspace() for c in end_text):
            raise ValueError("space instead of tab")
        spans.append((int(start_text), int(end_text)))
    seen: list[tuple[int, int]] = []
    for start, end in spans:
        if start > end or start < 0 or end > len(doc.text):
            raise ValueError(f"offsets {start} {end} outside the text or reversed")
        if any(end >= s and start < e for s, e in seen):
            raise ValueError("Text-bound annotation spans overlap")
        seen.append((start, end))
    spanlen = sum(e - s for s, e in spans) + (len(spans) - 1) * len(DISCONT_SEP)
    if data_tail.strip() == "" and spanlen > 0:
        doc.errors.append(f"{ident}: Text-bound annotation missing text")  # filled in by brat
    elif data_tail[0] != "\t":
        raise ValueError("missing tab before text")
    elif spanlen > len(data_tail) - 1:
        raise ValueError("text shorter than the marked spans")
    else:
        written, after = data_tail[1 : spanlen + 1], data_tail[spanlen + 1 :]
        reference = DISCONT_SEP.join(doc.text[s:e] for s, e in spans)
        if written != reference:
            raise ValueError(f"text {written!r} does not match the document's {reference!r}")
        if after != "" and not after[0].isspace():
            raise ValueError("text not separated from the rest of the line")
    return Ann(ident, kind, number, spans=spans)


def _sanity(doc: Document) -> None:
    """an:568-628: referenced IDs exist, each event's trigger is a T of its type, nothing but
    an event refers to a trigger."""
    for ann in doc.anns:
        for ref in _deps(ann):
            if ref not in doc.by_id:
                doc.errors.append(f"ID {ref} not defined, referenced from annotation {ann.id}")
    for event in doc.get_events():
        trigger = doc.by_id.get(event.trigger)
        if trigger is None or trigger.id[0] != "T" or trigger.type != event.type:
            doc.errors.append(
                f"{event.id}: its trigger {event.trigger} is no text-bound annotation of its type"
            )
    triggers = {e.trigger for e in doc.get_events()}
    for ann in doc.anns:
        if ann.id[0] not in "ER" and triggers & set(_deps(ann)):  # BIONLP_ST_2013: relations may
            doc.errors.append(f"{ann.id} refers to a trigger")


def _deps(ann: Ann) -> list[str]:
    if ann.id[0] == "E":
        return [ann.trigger, *(i for _, i in ann.args)]
    if ann.id[0] == "R":
        return [i for _, i in ann.args]
    if ann.id[0] == "*":
        return ann.entities
    return [ann.target] if ann.target else []
