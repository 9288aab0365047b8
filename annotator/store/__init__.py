"""The project store: SQLite through sqlite-utils, the only layer that speaks SQL."""

from annotator.store.store import Store, content_hash

__all__ = ["Store", "content_hash"]
