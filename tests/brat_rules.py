"""brat's own rules for a project folder, ported for the tests from nlplab/brat at commit
44ecd825810167eed2a5d8ad875d832218e734e8 (server/src/projectconfig.py, annotation.py and
verify_annotations.py; "pc:N", "an:N" and "va:N" are their line numbers there): the conf
in `brat_rules_conf`, the .ann in `brat_rules_ann`, verify_annotations here.

What a brat server does with a project, kept to what decides whether it accepts ours:
- `parse_conf` reads `annotation.conf` as `projectconfig.get_configs` does. Where brat gives up
  on the file (an exception in `__parse_configs`, after which `get_configs` falls back to its
  minimal default, pc:714-722) it raises `ConfigRejected` with brat's message; what brat only
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
from pathlib import Path
from typing import Any

from brat_rules_ann import Document, read_ann
from brat_rules_conf import Conf, ConfigRejected, parse_conf

__all__ = [
    "Conf",
    "ConfigRejected",
    "Document",
    "attribute_values",
    "check_project",
    "parse_conf",
    "read_ann",
    "verify",
]

ERROR, INCOMPLETE, WARNING = "AnnotationError", "AnnotationIncomplete", "AnnotationWarning"  # va:13-15


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
        # as brat's codecs.open reads them (an:362-367; its "U" has no effect on the binary file
        # codecs opens): bytes decoded, no newline translation
        text = ann.with_suffix(".txt").read_bytes().decode("utf-8")
        doc = read_ann(ann.read_bytes().decode("utf-8"), text)
        found = [*doc.errors]
        if not doc.failed_lines and not doc.errors:
            found += [f"{i}: {kind}: {message}" for i, kind, message in verify(doc, conf)]
            found += attribute_values(doc, conf)
        if found:
            problems[ann.name] = found
    return conf, problems
