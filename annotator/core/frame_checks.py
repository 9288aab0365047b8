"""What the codebook demands of an event frame, in words an analyst reads.

One check for everyone: the workspace's form shows these problems, accepting a frame that has
some asks first, and exports report the frames that still have them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from annotator.core.codebook import Codebook

#: The actor roles of a frame, each with the field of its ACLED inter code.
ACTOR_INTERS = {
    "actor1": "inter1",
    "assoc_actor_1": "assoc_inter_1",
    "actor2": "inter2",
    "assoc_actor_2": "assoc_inter_2",
}


def problems(fields: dict[str, Any], roles: Mapping[str, Sequence[int]], codebook: Codebook) -> list[str]:
    """What the codebook says is missing or wrong in a frame, in words an analyst reads."""
    found: list[str] = []
    event_type = codebook.event_type(fields.get("event_type") or "")
    if event_type is None:
        return ["choose an event type", *actor_problems(fields, roles)]
    sub = fields.get("sub_event_type")
    if not sub:
        found.append("choose a sub-event type")
    elif event_type.sub_event(sub) is None:
        found.append(f"'{sub}' is not a sub-event type of {event_type.name}")
    for role in event_type.requires:
        if not fields.get(role) and not roles.get(role):
            found.append(f"{event_type.name} needs {role.replace('_', ' ')}")
    inter2 = fields.get("inter2")
    if event_type.actor2_types and fields.get("actor2") and inter2 not in event_type.actor2_types:
        wanted = ", ".join(a.name for a in codebook.actor_types if a.inter in event_type.actor2_types)
        found.append(f"{event_type.name}: actor2 must be {wanted} (the target)")
    if not fields.get("event_date"):
        found.append("no event date")
    if not fields.get("location"):
        found.append("no location")
    if (
        fields.get("fatalities_override_reason") is None
        and fields.get("fatalities") is not None
        and fields.get("fatalities_rule") == "override"
    ):
        found.append("an overridden fatality count needs a reason")
    return found + actor_problems(fields, roles)


def actor_problems(fields: dict[str, Any], roles: Mapping[str, Sequence[int]]) -> list[str]:
    """An actor named without an inter code, and one span filling two actor roles."""
    found = [
        f"{role} '{fields[role]}' has no inter code: choose its actor type"
        for role, inter in ACTOR_INTERS.items()
        if fields.get(role) and fields.get(inter) is None
    ]
    return found + shared_actor_spans(fields, roles)


def shared_actor_spans(fields: dict[str, Any], roles: Mapping[str, Sequence[int]]) -> list[str]:
    """One span linked to two (or more) actor roles of the same frame, in words."""
    holders: dict[int, list[str]] = {}
    for role in ACTOR_INTERS:
        for span_id in dict.fromkeys(roles.get(role) or ()):
            holders.setdefault(span_id, []).append(role)
    found = []
    for held in holders.values():
        if len(held) > 1:
            name = next((fields[r] for r in held if fields.get(r)), None)
            which = (
                f"both {held[0]} and {held[1]}"
                if len(held) == 2
                else f"{', '.join(held[:-1])} and {held[-1]}"
            )
            quoted = f" ('{name}')" if name else ""
            found.append(f"one span{quoted} fills {which}")
    return found
