"""annotator: conflict-event news articles annotated with entity spans and event frames."""

__version__ = "0.1.0"
