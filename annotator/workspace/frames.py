"""Event-frame rules of the workspace: which fields a linked span fills, and what the
codebook demands of a frame (shown inline, never blocking the save)."""

from __future__ import annotations

from typing import Any

from annotator.core.codebook import Codebook
from annotator.core.model import EVENT_FIELDS

#: Fields carried over when a suggested frame is accepted.
COPIED_FIELDS = frozenset(EVENT_FIELDS) - {"status", "origin", "same_as"}

ACTOR_ROLES = {
    "actor1": "inter1",
    "assoc_actor_1": "assoc_inter_1",
    "actor2": "inter2",
    "assoc_actor_2": "assoc_inter_2",
}
LOCATION_FIELDS = ("country", "admin1", "admin2", "latitude", "longitude", "geo_precision")


def fields_from_spans(role: str, spans: list[dict[str, Any]], text: str) -> dict[str, Any]:
    """Frame fields implied by the spans linked to `role` (their normalised values)."""
    if not spans:
        return {}
    first = spans[0]
    value = first.get("normalized") or {}
    surface = text[first["start"] : first["end"]]
    if role in ACTOR_ROLES:
        names = [(s.get("normalized") or {}).get("acled_name") or text[s["start"] : s["end"]] for s in spans]
        fields: dict[str, Any] = {role: "; ".join(dict.fromkeys(names))}
        if value.get("inter") is not None:
            fields[ACTOR_ROLES[role]] = value["inter"]
        return fields
    if role == "location":
        fields = {"location": value.get("name") or surface}
        fields.update({k: value[k] for k in LOCATION_FIELDS if value.get(k) is not None})
        return fields
    if role == "date":
        return {"event_date": value.get("iso"), "time_precision": value.get("time_precision")}
    if role == "fatalities":
        return fatalities(spans)
    if role == "injuries":
        return {"injuries": sum((s.get("normalized") or {}).get("low") or 0 for s in spans)}
    return {}


def fatalities(spans: list[dict[str, Any]]) -> dict[str, Any]:
    """ACLED fatalities from linked CASUALTY spans: death counts add up; casualties alone give 0."""
    values = [s.get("normalized") or {} for s in spans]
    deaths = [v for v in values if v.get("outcome") == "killed"]
    if not deaths:
        rule = values[0].get("rule") if values else None
        return {
            "fatalities": 0,
            "fatalities_low": 0,
            "fatalities_high": 0,
            "fatalities_rule": rule or "no reported deaths: 0",
        }
    highs = [v.get("high") for v in deaths]
    return {
        "fatalities": sum(v.get("fatalities", 0) for v in deaths),
        "fatalities_low": sum(v.get("low") or v.get("fatalities", 0) for v in deaths),
        "fatalities_high": sum(highs) if all(h is not None for h in highs) else None,
        "fatalities_rule": "; ".join(v.get("rule", "") for v in deaths),
    }


def problems(fields: dict[str, Any], roles: dict[str, list[int]], codebook: Codebook) -> list[str]:
    """What the codebook says is missing or wrong in a frame, in words an analyst reads."""
    found: list[str] = []
    event_type = codebook.event_type(fields.get("event_type") or "")
    if event_type is None:
        return ["choose an event type"]
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
    return found
