"""What a frame field's value must be, whoever writes it: the data rules of event frames.

One place for them: the store checks every `add_event`/`update_event` against them (so the
workspace, the importers and load-annotations all meet the same rule with the same words),
and an importer asks them first to leave out one frame instead of its whole article.

Today's one rule: `event_date` is a real day written YYYY-MM-DD, or empty (None or "").
The codebook's time and geo precision codes are offered by the workspace but not enforced
on the data, so there is no rule for them here.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def event_date_problem(value: Any) -> str | None:
    """Why `value` cannot be an event date (a sentence naming it and the fix), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and DAY.fullmatch(value):
        try:
            date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return f"event date '{value}' is not a date: write it as YYYY-MM-DD"


def field_value_problem(fields: dict[str, Any]) -> str | None:
    """The first data rule the frame fields `fields` break, in words, or None."""
    if "event_date" in fields:
        return event_date_problem(fields["event_date"])
    return None
