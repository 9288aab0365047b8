"""Spans as the store's suggestion writes take them, from any object with their fields."""

from __future__ import annotations

from typing import Any


def suggestion_row(span: Any) -> dict[str, Any]:
    """A suggested span (the suggester's candidate, or a record read from a file) as
    `Store.replace_suggestions` takes it."""
    return {
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "origin": span.origin,
        "score": span.score,
        "normalized": span.normalized,
    }
