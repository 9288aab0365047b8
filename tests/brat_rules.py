"""brat's own rules for a project folder, ported for the tests from nlplab/brat at commit
44ecd825810167eed2a5d8ad875d832218e734e8 (server/src/projectconfig.py, annotation.py and
verify_annotations.py; "pc:N", "an:N" and "va:N" below are their line numbers there).

What a brat server does with a project, kept to what decides whether it accepts ours:
- `parse_conf` reads `annotation.conf` as `projectconfig.get_configs` does. Where brat gives up
  on the file (an exception in `__parse_configs`, after which `get_configs` falls back to its
  minimal default, pc:713-722) it raises `ConfigRejected` with brat's message; what brat only
  warns about (`Messager.warning`) is kept in `Conf.warnings`.
- `read_ann` reads a .ann against its text as `annotation.TextAnnotations` does: lines it cannot
  parse are `Document.failed_lines` (the server shows "Unable to parse the following
  line(s)", document.py:800-810); `_sanity`'s checks (an:568-628) are failures too.
- `verify` runs `verify_annotations.verify_annotation` (va:472-497): each issue is
  (annotation ID, AnnotationError | AnnotationIncomplete | AnnotationWarning, message).

`Conf` has the method names of `projectconfig.ProjectConfiguration`, and `verify` uses only
what brat's own objects offer, so `verify` runs as well on brat's own parser's objects
(`bratsubset`, the copy of brat's server code bratiaa ships).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# pc:153-170, pc:174
# fmt: off
RESERVED = [f"<{n}>" for n in (
    "ANY", "ENTITY", "RELATION", "EVENT", "NONE", "EMPTY", "REL-TYPE", "URL", "URLBASE", "UNICODE",
    "GLYPH-POS", "DEFAULT", "NORM", "OVERLAP", "OVL-TYPE", "INHERIT",
)]
# fmt: on
SPECIAL_RELATION_TYPES = {"ENTITY-NESTING", "<OVERLAP>"}  # pc:89-94
SEPARATOR = "SEPARATOR"  # pc:177
SECTIONS = ("entities", "relations", "events", "attributes")  # pc:38-53
SECTION_ALIAS = {"spans": "entities"}  # pc:46-48
ERROR, INCOMPLETE, WARNING = "AnnotationError", "AnnotationIncomplete", "AnnotationWarning"  # va:13-15
DISCONT_SEP = " "  # an:183


class ConfigRejected(Exception):
    """brat cannot parse the conf and falls back to its minimal default (pc:713-722)."""


def storage_form(term: str) -> str:
    """pc:189-212 `normalize_to_storage_form` (its NFKD line has no effect: its result is
    dropped)."""
    return re.sub(r"[^a-zA-Z0-9_-]", "_", term.replace(" ", "_"))


@dataclass
class Node:
    """pc:218-437 `TypeHierarchyNode`: a type, its arguments and how often each may appear."""

    terms: list[str]
    args: list[str]
    warnings: list[str]
    unused: bool = False
    arguments: dict[str, list[str]] = field(default_factory=dict)
    special_arguments: dict[str, list[str]] = field(default_factory=dict)
    arg_list: list[str] = field(default_factory=list)
    arg_min_count: dict[str, int] = field(default_factory=dict)
    arg_max_count: dict[str, int] = field(default_factory=dict)
    keys_by_type: dict[str, list[str]] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.terms or "" in self.terms:  # pc:237-239
            raise ConfigRejected("Empty term in configuration")
        for i, term in enumerate(self.terms):  # pc:242-246
            if term[0] == "!":
                self.terms[i], self.unused = term[1:], True
        if self.terms[0] not in SPECIAL_RELATION_TYPES:  # pc:252-263
            primary = storage_form(self.terms[0])
            if primary != self.terms[0]:
                self.warnings.append(
                    f"Note: in configuration, term '{self.terms[0]}' is not appropriate for storage "
                    f"(should match '^[a-zA-Z0-9_-]*$'), using '{primary}' instead."
                )
                self.terms[0] = primary
        for a in self.args:
            self._argument(a.strip())

    def _argument(self, a: str) -> None:
        m = re.match(r"^(\S*?):(\S*)$", a)  # pc:273-278
        if not m:
            raise ConfigRejected(f"Project configuration: Failed to parse argument '{a}' (args: {self.args})")
        key, atypes = m.groups()
        if key in RESERVED:  # pc:283-301
            if key == "<REL-TYPE>":
                self.special_arguments[key] = atypes.split("-")
            elif key == "<NORM>":
                self.special_arguments[key] = atypes.split("|")
            else:
                self.special_arguments[key] = [atypes]
            return
        m = re.match(r"^(\S+?)(\{\S+\}|\?|\*|\+|)$", key)  # pc:310-315
        if not m:
            raise ConfigRejected(f"Project configuration: error parsing argument '{key}'.")
        key, rep = m.groups()
        low, high = _repetition(key, rep)
        if high > 1 and key[-1].isdigit():  # pc:362-373
            raise ConfigRejected(
                "Project configuration: error parsing: arguments ending with a digit cannot be "
                f"repeated: '{key + rep}'"
            )
        if key in self.arguments:  # pc:375-379
            raise ConfigRejected(
                f"Project configuration: error parsing: argument '{key}' appears multiple times."
            )
        self.arg_min_count[key], self.arg_max_count[key] = low, high
        self.arg_list.append(key)
        for atype in atypes.split("|"):  # pc:386-409
            if atype.strip() == "":
                raise ConfigRejected(f"Project configuration: error parsing: empty type for argument '{a}'.")
            self.arguments.setdefault(key, []).append(atype)
            self.keys_by_type.setdefault(atype, []).append(key)

    def storage_form(self) -> str:
        return self.terms[0]

    def mandatory_arguments(self) -> list[str]:  # pc:421-424
        return [a for a in self.arg_list if self.arg_min_count[a] > 0]

    def multiple_allowed_arguments(self) -> list[str]:  # pc:426-429
        return [a for a in self.arg_list if self.arg_max_count[a] > 1]


def _repetition(key: str, rep: str) -> tuple[int, int]:
    """pc:303-360: '' one, '?' at most one, '*' any, '+' one or more, '{N}', '{N-M}'."""
    fixed = {"": (1, 1), "?": (0, 1), "*": (0, sys.maxsize), "+": (1, sys.maxsize)}
    if rep in fixed:
        return fixed[rep]
    m = re.match(r"\{(\d+)(?:-(\d+))?\}$", rep)
    if not m:
        raise ConfigRejected(
            f"Project configuration: error parsing range '{rep}' in argument '{key + rep}' "
            "(syntax is '{MIN-MAX}')."
        )
    low = int(m[1])
    if m[2] is None:
        if low == 0:
            raise ConfigRejected(
                f"Project configuration: cannot have exactly 0 repetitions of argument '{key + rep}'."
            )
        return low, low
    high = int(m[2])
    if low > high:
        raise ConfigRejected(f"Project configuration: invalid range {low}-{high} for argument '{key + rep}'.")
    return low, high


def _hierarchy(lines: list[str], warnings: list[str]) -> list[Node | str]:
    """pc:450-561 `__read_term_hierarchy` for the annotation sections (any-space separator)."""
    roots: list[Node | str] = []
    last_node: dict[int, Node] = {}
    last_args: dict[int, list[str]] = {}
    macros: dict[str, str] = {}
    for line in lines:
        if line.strip() == "" or re.match(r"^\s*#", line):
            continue
        if re.match(r"^\s*-+\s*$", line):
            roots.append(SEPARATOR)
            continue
        m = re.match(r"^<([a-zA-Z_-]+)>=\s*(.*?)\s*$", line)
        if m:
            if f"<{m[1]}>" in RESERVED:
                raise ConfigRejected(f"Cannot redefine <{m[1]}> in configuration, it is a reserved name.")
            macros[f"<{m[1]}>"] = m[2]
            continue
        for name, value in macros.items():
            line = line.replace(name, value)
        for m in re.finditer(r"(<.*?>)", line):
            if m[1] not in RESERVED:
                raise ConfigRejected(f"Error: undefined macro {m[1]} in configuration.")
        m = re.match(r"^(\s*)(\S+)(?:\s+(.*))?$", line)
        if not m:
            raise ConfigRejected(f"Error parsing line: '{line}'")
        indent, terms_text, args_text = m.groups()
        if args_text is not None and "\t" in line and re.search(r"\s", ",".join(_split(args_text))):
            # pc:506-531: an older config with spaces in terms, re-read at the tab (a warning)
            m = re.match(r"^(\s*)([^\t]+)(?:\t(.*))?$", line)
            assert m
            indent, terms_text, args_text = m.groups()
            warnings.append(f'Space in term name(s) on line "{line}" in config (deprecated).')
        terms = [t.strip() for t in terms_text.split("|") if t.strip() != ""]
        args = _split(args_text)
        depth = len(indent)
        expanded: list[str] = []
        for a in args:  # pc:538-546 <INHERIT>
            if a != "<INHERIT>":
                expanded.append(a)
            elif depth - 1 in last_args:
                expanded.extend(last_args[depth - 1])
            else:
                raise ConfigRejected(f"Error no parent for '{line}'")
        node = Node(terms, expanded, warnings)
        if depth == 0:
            roots.append(node)
        elif depth - 1 in last_node:
            last_node[depth - 1].children.append(node)
        else:
            raise ConfigRejected(f"Error: no parent for '{line}'")
        last_node[depth], last_args[depth] = node, expanded
    return roots


def _split(args: str | None) -> list[str]:
    return (
        [] if args is None or args.strip() == "" else [a.strip() for a in args.split(",") if a.strip() != ""]
    )


def _flatten(roots: list[Node | str]) -> list[Node]:
    """pc:965-986: the nodes of a hierarchy in depth-first order, separators left out."""
    out: list[Node] = []

    def walk(node: Node) -> None:
        out.append(node)
        for child in node.children:
            walk(child)

    for root in roots:
        if isinstance(root, Node):
            walk(root)
    return out


def unique(items: list[str]) -> list[str]:  # pc:1370-1377
    return list(dict.fromkeys(items))


class Conf:
    """pc:1380-1926 `ProjectConfiguration`, for an annotation.conf's text."""

    def __init__(self, sections: dict[str, list[Node]], warnings: list[str]) -> None:
        self.sections, self.warnings = sections, warnings
        self._nodes: dict[str, Node] = {}
        for node in sections["entities"] + sections["events"]:  # pc:1077-1094
            if node.storage_form() in self._nodes:
                warnings.append(f"Project configuration: term {node.storage_form()} appears multiple times")
            self._nodes[node.storage_form()] = node

    def get_entity_types(self) -> list[str]:
        return [n.storage_form() for n in self.sections["entities"]]

    def get_event_types(self) -> list[str]:
        return [n.storage_form() for n in self.sections["events"]]

    def get_relation_types(self) -> list[str]:
        return [n.storage_form() for n in self.sections["relations"]]

    def get_attribute_types(self) -> list[str]:
        return [n.storage_form() for n in self.sections["attributes"]]

    def preferred_display_form(self, t: str) -> str:  # no visual.conf: the type itself
        return t

    def _node(self, atype: str) -> Node | None:
        node = self._nodes.get(atype)
        if node is None:
            self.warnings.append(f"Project configuration: unknown event type {atype}.")
        return node

    def mandatory_arguments(self, atype: str) -> list[str]:  # pc:1389-1398
        node = self._node(atype)
        return node.mandatory_arguments() if node else []

    def multiple_allowed_arguments(self, atype: str) -> list[str]:  # pc:1400-1409
        node = self._node(atype)
        return node.multiple_allowed_arguments() if node else []

    def argument_maximum_count(self, atype: str, arg: str) -> int:  # pc:1411-1420, pc:416-419
        node = self._node(atype)
        return node.arg_max_count.get(arg, 0) if node else 0

    def argument_minimum_count(self, atype: str, arg: str) -> int:  # pc:1422-1431, pc:411-414
        node = self._node(atype)
        return node.arg_min_count.get(arg, 0) if node else 0

    def _relations_by_arg(self, num: int, atype: str, include_special: bool = False) -> list[Node]:
        """pc:1240-1279 `__directory_relations_by_arg_num`."""
        entities, events = set(self.get_entity_types()), set(self.get_event_types())
        rels = []
        for r in self.sections["relations"]:
            if r.storage_form() in SPECIAL_RELATION_TYPES and not include_special:
                continue
            if len(r.arg_list) != 2:
                continue
            for type_ in r.arguments[r.arg_list[num]]:
                if (
                    type_ == atype
                    or "<ANY>" in (type_, atype)
                    or (type_ in entities and atype == "<ENTITY>")
                    or (type_ in events and atype == "<EVENT>")
                    or (atype in entities and type_ == "<ENTITY>")
                    or (atype in events and type_ == "<EVENT>")
                ):
                    rels.append(r)
        return rels

    def relation_types_from_to(self, from_ann: str, to_ann: str, include_special: bool = False) -> list[str]:
        """pc:1451-1463."""
        second = self._relations_by_arg(1, to_ann, include_special)
        return [r.storage_form() for r in self._relations_by_arg(0, from_ann, include_special) if r in second]

    def get_relations_by_type(self, rtype: str) -> list[Node]:  # pc:1306-1323
        return [r for r in self.sections["relations"] if r.storage_form() == rtype and not r.unused]

    def overlap_types(self, inner: str, outer: str) -> set[str]:
        """pc:1465-1521 (new-style <OVERLAP> only: the old ENTITY-NESTING is read as 'contain')."""
        second = self._relations_by_arg(1, outer, True)
        types = [
            r for r in self._relations_by_arg(0, inner, True) if r.storage_form() in SPECIAL_RELATION_TYPES
        ]
        types = [r for r in types if r in second]
        overlaps = [r for r in types if r.storage_form() == "<OVERLAP>"]
        found: set[str] = set()
        for r in overlaps:
            for value in r.special_arguments.get("<OVL-TYPE>", []):
                found |= set(value.split("|"))
        if not overlaps and any(r.storage_form() == "ENTITY-NESTING" for r in types):
            found = {"contain"}
        return found

    def span_can_contain(self, inner: str, outer: str) -> bool:  # pc:1523-1533
        return bool({"contain", "<ANY>"} & self.overlap_types(inner, outer)) or "<ANY>" in self.overlap_types(
            outer, inner
        )

    def spans_can_be_equal(self, t1: str, t2: str) -> bool:  # pc:1535-1544
        return bool({"equal", "<ANY>"} & (self.overlap_types(t1, t2) | self.overlap_types(t2, t1)))

    def spans_can_cross(self, t1: str, t2: str) -> bool:  # pc:1546-1555
        return bool({"cross", "<ANY>"} & (self.overlap_types(t1, t2) | self.overlap_types(t2, t1)))

    def arc_types_from(self, from_ann: str) -> list[str]:  # pc:1433-1434
        return self.arc_types_from_to(from_ann)

    def arc_types_from_to(self, from_ann: str, to_ann: str = "<ANY>") -> list[str]:
        """pc:1642-1686."""
        node = self._nodes.get(from_ann)
        if node is None:
            self.warnings.append(f"Project configuration: unknown textbound/event type {from_ann}.")
            return []
        if to_ann == "<ANY>":
            return unique(
                list(node.arguments) + [r.storage_form() for r in self._relations_by_arg(0, from_ann)]
            )
        types = list(node.keys_by_type.get(to_ann, []))
        types += node.keys_by_type.get("<ANY>", [])
        if self.is_event_type(to_ann):
            types += node.keys_by_type.get("<EVENT>", [])
        if self.is_physical_entity_type(to_ann):
            types += node.keys_by_type.get("<ENTITY>", [])
        types += self.relation_types_from_to(from_ann, to_ann)
        return unique(types)

    def attributes_for(self, ann_type: str) -> list[str]:
        """pc:1688-1712."""
        attrs = []
        for attr in self.sections["attributes"]:
            if "Arg" not in attr.arguments:
                self.warnings.append(f"attribute '{attr.storage_form()}' lacks 'Arg:' specification.")
                continue
            types = attr.arguments["Arg"]
            if (
                ann_type in types
                or "<ANY>" in types
                or (self.is_event_type(ann_type) and "<EVENT>" in types)
                or (self.is_physical_entity_type(ann_type) and "<ENTITY>" in types)
                or (self.is_relation_type(ann_type) and "<RELATION>" in types)
            ):
                attrs.append(attr.storage_form())
        return attrs

    def is_physical_entity_type(self, t: str) -> bool:  # pc:1890-1896 (without its Protein hack)
        return t in self.get_entity_types()

    def is_event_type(self, t: str) -> bool:
        return t in self.get_event_types()

    def is_relation_type(self, t: str) -> bool:
        return t in self.get_relation_types()

    def is_equiv_type(self, t: str) -> bool:  # pc:1760-1767
        return any(
            r.storage_form() == t
            and {"symmetric", "transitive"} <= set(r.special_arguments.get("<REL-TYPE>", []))
            for r in self.sections["relations"]
        )


def parse_conf(text: str) -> Conf:
    """pc:640-690 `__parse_configs` and pc:693-748 `get_configs`, for annotation.conf.
    RAISES (ConfigRejected): where brat falls back to its minimal default."""
    section = "general"
    lines: dict[str, list[str]] = {section: []}
    warnings: list[str] = []
    for line in text.split("\n"):
        m = re.match(r"^\s*\[(.*)\]\s*$", line)
        if m:
            section = SECTION_ALIAS.get(m[1], m[1])
            if section not in SECTIONS:
                warnings.append(f"Project configuration: unexpected section [{section}]. Ignoring contents.")
            lines.setdefault(section, [])
        else:
            lines[section].append(line)
    parsed = {s: _flatten(_hierarchy(sl, warnings)) for s, sl in lines.items()}
    for s in SECTIONS:
        if s not in parsed:
            warnings.append(f"Project configuration: missing section [{s}]. Configuration may be wrong.")
            parsed[s] = []
    for r in parsed["relations"]:  # pc:724-741: "Equiv" without <REL-TYPE> is an equivalence
        if r.storage_form() == "Equiv" and "<REL-TYPE>" not in r.special_arguments:
            r.special_arguments["<REL-TYPE>"] = ["symmetric", "transitive"]
    return Conf(parsed, warnings)


# -- the .ann, as annotation.TextAnnotations reads it -------------------------------------


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


# -- verify_annotations.py ----------------------------------------------------------------


def nonum(role: str) -> str:
    """va:38-66: an argument without its trailing digits ('Theme2' -> 'Theme')."""
    m = re.match(r"^(.*?)\d*$", role)
    return m[1] if m else role


def nonum_args(e: Any) -> dict[str, list[str]]:  # va:38-51
    out: dict[str, list[str]] = {}
    for arg, aid in e.args:
        out.setdefault(nonum(arg), []).append(aid)
    return out


def verify(doc: Any, conf: Any) -> list[tuple[str, str, str]]:
    """va:472-497 `verify_annotation` (all but `verify_equivs`: an export writes no `*` line)."""
    issues: list[tuple[str, str, str]] = []
    events, textbounds = list(doc.get_events()), list(doc.get_textbounds())
    event_types = conf.get_event_types()
    for e in events:  # va:184-225 verify_annotation_types
        if e.type not in event_types:
            issues.append((e.id, ERROR, f"Error: {e.type} is not a known event type (check configuration?)"))
    for t in textbounds:
        if t.type not in event_types + conf.get_entity_types():
            issues.append(
                (t.id, ERROR, f"Error: {t.type} is not a known textbound type (check configuration?)")
            )
    for r in doc.get_relations():
        if r.type not in conf.get_relation_types():
            issues.append(
                (r.id, ERROR, f"Error: {r.type} is not a known relation type (check configuration?)")
            )
    physical = [t for t in textbounds if conf.is_physical_entity_type(t.type)]  # va:135-181
    for a1 in physical:
        for a2 in physical:
            if a1 is a2 or not (a2.first_start() < a1.last_end() and a2.last_end() > a1.first_start()):
                continue
            if a1.same_span(a2):
                if not conf.spans_can_be_equal(a1.type, a2.type):
                    issues.append(
                        (a1.id, ERROR, f"Error: {a1.type} cannot have identical span with {a2.type} {a2.id}")
                    )
            elif a2.contains(a1):
                if not conf.span_can_contain(a1.type, a2.type):
                    issues.append(
                        (a1.id, ERROR, f"Error: {a1.type} cannot be contained in {a2.type} ({a2.id})")
                    )
            elif a1.contains(a2):
                if not conf.span_can_contain(a2.type, a1.type):
                    issues.append((a1.id, ERROR, f"Error: {a1.type} cannot contain {a2.type} ({a2.id})"))
            elif not conf.spans_can_cross(a1.type, a2.type):
                issues.append((a1.id, ERROR, f"Error: annotation cannot have crossing span with {a2.id}"))
    by_trigger: dict[str, list[Any]] = {}  # va:228-285 verify_triggers
    for e in events:
        by_trigger.setdefault(e.trigger, []).append(e)
    same: dict[tuple[Any, ...], list[Any]] = {}
    for t in textbounds:
        if not conf.is_event_type(t.type):
            continue
        if t.id not in by_trigger:
            issues.append((t.id, INCOMPLETE, f"Warning: trigger {t.id} is not referenced from any event"))
        same.setdefault((*sorted(set(t.spans)), t.type), []).append(t)
    for trigs in same.values():
        if len(trigs) > 1:
            for t in trigs:
                where = by_trigger[t.id][0].id if t.id in by_trigger else t.id
                ids = ",".join(x.id for x in trigs)
                issues.append((where, WARNING, f"Warning: triggers {ids} have identical span and type"))
    for r in doc.get_relations():  # va:288-338 verify_relations
        a1, a2 = doc.get_ann_by_id(r.arg1), doc.get_ann_by_id(r.arg2)
        ok = any(
            r.type in conf.relation_types_from_to(x.type, y.type)
            and any(
                len(c.arg_list) == 2 and (lx, ly) == tuple(c.arg_list)
                for c in conf.get_relations_by_type(r.type)
            )
            for (x, lx), (y, ly) in (((a1, r.arg1l), (a2, r.arg2l)), ((a2, r.arg2l), (a1, r.arg1l)))
        )
        if not ok:
            issues.append(
                (r.id, ERROR, f"Error: {r.type} relation {r.arg1l}:{a1.type} {r.arg2l}:{a2.type} not allowed")
            )
    for e in events:
        counts = {arg: len(ids) for arg, ids in nonum_args(e).items()}
        for m in conf.mandatory_arguments(e.type):  # va:341-373 verify_missing_arguments
            low = conf.argument_minimum_count(e.type, m)
            if counts.get(m, 0) < low:
                issues.append(
                    (e.id, INCOMPLETE, f"Incomplete: at least {low} {m} argument(s) required for event")
                )
        allowed = conf.arc_types_from(e.type)  # va:376-408 verify_disallowed_arguments
        for a, ids in nonum_args(e).items():
            if a not in allowed:
                issues.append((e.id, ERROR, f"Error: {e.type} cannot take a {a} argument"))
                continue
            for rid in ids:
                target = doc.get_ann_by_id(rid)
                if a not in conf.arc_types_from_to(e.type, target.type):
                    issues.append(
                        (e.id, ERROR, f"Error: {e.type} argument {a} cannot be of type {target.type}")
                    )
        multiple = conf.multiple_allowed_arguments(e.type)  # va:411-444 verify_extra_arguments
        for a in [m for m, n in counts.items() if n > 1]:
            if a not in multiple:
                issues.append((e.id, ERROR, f"Error: {e.type} cannot take multiple {a} arguments"))
            elif counts[a] > conf.argument_maximum_count(e.type, a):
                issues.append((e.id, ERROR, f"Error: {e.type} can take at most ... {a} arguments"))
    for a in doc.get_attributes():  # va:447-469 verify_attributes
        target = doc.get_ann_by_id(a.target)
        if a.type not in conf.attributes_for(target.type):
            issues.append((target.id, ERROR, f"Error: {target.type} cannot take a {a.type} attribute"))
    return issues


def attribute_values(doc: Any, conf: Any) -> list[str]:
    """Beyond verify_annotations: an attribute's value is one its `Value:` argument lists (what
    `TypeHierarchyNode` parses, pc:386-409, and what brat's attribute menu offers)."""
    declared = (
        {n.storage_form(): n for n in conf.get_attribute_type_hierarchy()}
        if hasattr(conf, "get_attribute_type_hierarchy")
        else {n.storage_form(): n for n in conf.sections["attributes"]}
    )
    wrong = []
    for a in doc.get_attributes():
        node = declared.get(a.type)
        values = node.arguments.get("Value") if node else None
        if values is not None and a.value not in values:
            wrong.append(f"{a.id}: {a.type} value {a.value!r} is not one of its Value: list")
    return wrong


def check_project(folder: Path) -> tuple[Conf, dict[str, list[str]]]:
    """The conf of `folder` and, by .ann file name, every failure brat's rules find there:
    lines it cannot parse, `_sanity` errors, AnnotationError and AnnotationIncomplete issues
    and warnings of `verify`, undeclared attribute values. RAISES (ConfigRejected)."""
    conf = parse_conf((folder / "annotation.conf").read_text(encoding="utf-8"))
    problems: dict[str, list[str]] = {}
    for ann in sorted(folder.rglob("*.ann")):
        # as brat's codecs.open reads them (an:360-367): bytes decoded, no newline translation
        text = ann.with_suffix(".txt").read_bytes().decode("utf-8")
        doc = read_ann(ann.read_bytes().decode("utf-8"), text)
        found = [*doc.errors]
        if not doc.failed_lines and not doc.errors:
            found += [f"{i}: {kind}: {message}" for i, kind, message in verify(doc, conf)]
            found += attribute_values(doc, conf)
        if found:
            problems[ann.name] = found
    return conf, problems
