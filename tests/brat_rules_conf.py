"""`annotation.conf` as brat reads it: a port of nlplab/brat's server/src/projectconfig.py at
commit 44ecd825810167eed2a5d8ad875d832218e734e8 ("pc:N" is its line N). See `brat_rules`."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

# pc:162-178, pc:181
# fmt: off
RESERVED = [f"<{n}>" for n in (
    "ANY", "ENTITY", "RELATION", "EVENT", "NONE", "EMPTY", "REL-TYPE", "URL", "URLBASE", "UNICODE",
    "GLYPH-POS", "DEFAULT", "NORM", "OVERLAP", "OVL-TYPE", "INHERIT",
)]
# fmt: on
SPECIAL_RELATION_TYPES = {"ENTITY-NESTING", "<OVERLAP>"}  # pc:89-94
SEPARATOR = "SEPARATOR"  # pc:184
SECTIONS = ("entities", "relations", "events", "attributes")  # pc:40-54
SECTION_ALIAS = {"spans": "entities"}  # pc:46-48


class ConfigRejected(Exception):
    """brat cannot parse the conf and falls back to its minimal default (pc:714-722)."""


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
        if high > 1 and key[-1].isdigit():  # pc:365-373
            raise ConfigRejected(
                "Project configuration: error parsing: arguments ending with a digit cannot be "
                f"repeated: '{key + rep}'"
            )
        if key in self.arguments:  # pc:375-380 (brat's message there is mis-formatted and raises a
            # TypeError instead: the same fallback to the default configuration)
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
    """pc:302-360: '' one, '?' at most one, '*' any, '+' one or more, '{N}', '{N-M}'."""
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

    def is_equiv_type(self, t: str) -> bool:  # pc:1733-1740, pc:1904-1905
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
