"""brat names and the `annotation.conf` of an export, by brat's own rules
(`server/src/projectconfig.py` and `server/src/verify_annotations.py` of nlplab/brat).

`annotation.conf` sections, each line `TYPE<TAB>ARG:TYPE|TYPE, ...`:
- `[entities]` the codebook's labels;
- `[relations]` only `<OVERLAP>`: entity spans may nest, cross and coincide;
- `[events]` each event type (`safe_name`), taking every role `ROLE*:LABEL|LABEL` under its
  brat name (`brat_role`);
- `[attributes]` `SubEventType` on events, its values every sub-event type (`safe_name`).
Whatever an export's .ann files use beyond the codebook (a label, an event type, a role, a
role filled by another label, a sub-event type from an older codebook) is declared as well,
so that brat knows every type it reads; `Declared` collects it and the report names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import Codebook
from annotator.core.errors import ExportError

# fmt: off
_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# fmt: on
_TRAILING_NUMBER = re.compile(r"(.*?)([0-9]+)")


def safe_name(name: str) -> str:
    """A brat storage form (`[A-Za-z0-9_-]`, as `projectconfig.normalize_to_storage_form`
    demands): each run of other characters becomes one "_"."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_")


def _number_words(digits: str) -> str:
    """'1' -> 'one', '21' -> 'twenty_one'; a leading zero or more than two digits are spelled
    digit by digit ('01' -> 'zero_one'), so that different numbers never meet."""
    if len(digits) > 2 or (len(digits) == 2 and digits[0] == "0"):
        return "_".join(_UNITS[int(d)] for d in digits)
    n = int(digits)
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens - 2] + (f"_{_UNITS[unit]}" if unit else "")


def brat_role(name: str) -> str:
    """The name a codebook role has in brat: its storage form with a trailing number spelled
    out, `actor1` -> `actor_one`, `assoc_actor_2` -> `assoc_actor_two`.

    brat reads a number at the end of an argument as the count of a repeated role (the second
    `Theme` is `Theme2`): `verify_annotations.event_nonum_args` strips `\\d*$` from every
    argument, so `actor1` and `actor2` would both be read as `actor`, and
    `projectconfig.TypeHierarchyNode` refuses a repeatable argument ending in a digit
    ("arguments ending with a digit cannot be repeated: 'actor1*'") and falls back to its
    default configuration. Spelling the number keeps the codebook's (and ACLED's) own name,
    "Actor 1", readable on brat's arcs and in the codebook's snake_case, without a letter
    code (Actor-A) the codebook never uses. The reader maps these names back, and still reads
    the old ones (`actor1`, `actor12` for a second actor1).
    """
    safe = safe_name(name) or "role"
    match = _TRAILING_NUMBER.fullmatch(safe)
    if match is None:
        return safe
    stem, digits = match.groups()
    joint = "" if not stem or stem.endswith(("_", "-")) else "_"
    return f"{stem}{joint}{_number_words(digits)}"


def brat_roles(codebook: Codebook) -> dict[str, str]:
    """Each codebook role's brat name (`brat_role`), by role.

    RAISES (ExportError): two roles come to the same brat name.
    """
    names: dict[str, str] = {}
    taken: dict[str, str] = {}
    for role in codebook.roles:
        brat = brat_role(role.name)
        if brat in taken:
            raise ExportError(
                f"the roles '{taken[brat]}' and '{role.name}' would both be '{brat}' in brat "
                "(brat names hold letters, digits, '_' and '-' and end in no digit); "
                "rename one of them in the codebook"
            )
        taken[brat], names[role.name] = role.name, brat
    return names


@dataclass
class Declared:
    """What the .ann files of an export use that the codebook does not declare (brat names)."""

    labels: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=dict)  # brat role -> labels it takes
    values: list[str] = field(default_factory=list)

    def add(self, article: AnnotatedArticle, codebook: Codebook, names: dict[str, str]) -> None:
        """Note the labels, event types, role fillers and sub-event types of `article`'s spans
        and of the frames the exporter writes (those with a trigger and a type)."""
        known = set(codebook.label_names)
        events = {safe_name(e.name) for e in codebook.event_types}
        values = {safe_name(s.name) for e in codebook.event_types for s in e.sub_event_types}
        takes = {names[r.name]: set(r.labels) for r in codebook.roles}
        _extend(self.labels, (s.label for s in article.spans), known)
        for frame in article.frames:
            fields = frame.fields
            if fields.get("trigger_start") is None or not fields.get("event_type"):
                continue
            _extend(self.events, [safe_name(fields["event_type"])], events)
            if fields.get("sub_event_type"):
                _extend(self.values, [safe_name(fields["sub_event_type"])], values)
            for role, indexes in frame.roles.items():
                brat = names.get(role) or brat_role(role)
                labels = [article.spans[i].label for i in indexes]
                _extend(self.roles.setdefault(brat, []), labels, takes.get(brat, set()))
        self.roles = {role: labels for role, labels in self.roles.items() if labels}

    def notes(self) -> list[str]:
        found = [
            ("label", self.labels),
            ("event type", self.events),
            ("sub-event type", self.values),
            ("role filler", [f"{role}:{'|'.join(labels)}" for role, labels in self.roles.items()]),
        ]
        return [
            f"annotation.conf also declares the {what}(s) {', '.join(names)} the .ann files use: "
            "not in the codebook"
            for what, names in found
            if names
        ]


def _extend(into: list[str], names: Iterable[str], known: set[str]) -> None:
    for name in names:
        if name not in known and name not in into:
            into.append(name)


def annotation_conf(codebook: Codebook, declared: Declared | None = None) -> str:
    """The `annotation.conf` of the codebook (and of what `declared` adds): its labels as
    entities, its event types as events taking every role (`ROLE*:LABEL|LABEL`: any number of
    spans, since a role holds each mention of its filler, and none required, since
    annotator's own frame checks report a missing role), overlaps of any kind between
    entities, and the sub-event type as an event attribute whose values are every sub-event
    type.

    RAISES (ExportError): two roles come to the same brat name (`brat_roles`).
    """
    declared = declared or Declared()
    entities = "\n".join([*codebook.label_names, *declared.labels])
    roles = brat_roles(codebook)
    takes = {roles[r.name]: list(r.labels) for r in codebook.roles}
    for role, labels in declared.roles.items():
        takes[role] = [*takes.get(role, []), *labels]
    args = ", ".join(f"{role}*:{'|'.join(labels)}" for role, labels in takes.items())
    kinds = [*(safe_name(e.name) for e in codebook.event_types), *declared.events]
    events = "\n".join(f"{kind}\t{args}" for kind in kinds)
    subs = [safe_name(s.name) for e in codebook.event_types for s in e.sub_event_types]
    values = "|".join(dict.fromkeys([*subs, *declared.values]))
    return (
        f"# generated by annotator from the codebook '{codebook.name}' {codebook.version}\n"
        f"[entities]\n{entities}\n\n"
        "[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n"
        f"[events]\n{events}\n\n[attributes]\nSubEventType\tArg:<EVENT>, Value:{values}\n"
    )
