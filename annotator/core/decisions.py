"""Which of the suggester's frames an annotator has decided on, from the stored rows alone:
the workspace shows the others as suggestions, an export `--include suggested` writes them."""

from __future__ import annotations

from typing import Any

from annotator.core.model import SUGGESTION_ORIGIN

Row = dict[str, Any]


def undecided_frames(mine: list[Row], suggested: list[Row]) -> list[Row]:
    """The rows of `suggested` (the suggester's events) still pending for the annotator whose
    events are `mine`: in status 'suggested', not taken into one of `mine` (origin
    `suggestion:<id>`), and with no frame of `mine` (kept or rejected) on its trigger: ids
    change when suggestions are run again, trigger offsets do not."""
    origins = [e.get("origin") or "" for e in mine]
    taken = {int(o.removeprefix(SUGGESTION_ORIGIN)) for o in origins if o.startswith(SUGGESTION_ORIGIN)}
    triggers = {(e["trigger_start"], e["trigger_end"]) for e in mine if e.get("trigger_start") is not None}
    return [
        e
        for e in suggested
        if e["status"] == "suggested"
        and e["id"] not in taken
        and (e["trigger_start"], e["trigger_end"]) not in triggers
    ]
