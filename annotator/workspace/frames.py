"""Event-frame rules of the workspace: which fields a linked span fills (and empties when it is
replaced or unlinked), and what the codebook demands of a frame (shown inline, never blocking
the save; `core.frame_checks`, which exports use too)."""

from __future__ import annotations

from typing import Any

from annotator.core.codebook import Codebook
from annotator.core.frame_checks import problems as frame_problems
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
FATALITY_FIELDS = ("fatalities", "fatalities_low", "fatalities_high", "fatalities_rule")
#: Fields filled by the spans of the roles that are not actors.
DERIVED = {
    "location": ("location", *LOCATION_FIELDS),
    "date": ("event_date", "time_precision"),
    "fatalities": FATALITY_FIELDS,
    "injuries": ("injuries",),
}
#: The form's field of a role, typed as text: emptying it removes the role's links.
ROLE_FIELDS = {**{role: role for role in ACTOR_ROLES}, "location": "location", "event_date": "date"}


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


def derived_fields(role: str) -> tuple[str, ...]:
    """Every frame field that the spans linked to `role` fill (and that go when they go)."""
    if role in ACTOR_ROLES:
        return (role, ACTOR_ROLES[role])
    return DERIVED.get(role, ())


def role_of_field(field: str) -> str | None:
    """The role whose links a field stands for (clearing it clears the role), or None."""
    return ROLE_FIELDS.get(field)


def filled_from(role: str, spans: list[dict[str, Any]], text: str) -> dict[str, Any]:
    """All fields `role` fills, from `spans`: what the spans give, and None for the rest, so a
    replaced span leaves nothing of its own behind (a province has no admin2)."""
    return {**dict.fromkeys(derived_fields(role)), **fields_from_spans(role, spans, text)}


def problems(fields: dict[str, Any], roles: dict[str, list[int]], codebook: Codebook) -> list[str]:
    """What the codebook says is missing or wrong in a frame (`core.frame_checks`)."""
    return frame_problems(fields, roles, codebook)
