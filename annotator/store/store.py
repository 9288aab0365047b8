"""The project store: one SQLite file per project, reached only through this class.

Every public write runs in one transaction and leaves a `history` row per changed record
(who, when, what, before, after), in the same transaction, so the audit trail and
undo/redo can never disagree with the data.
"""

from __future__ import annotations

from annotator.store.annotations import AnnotationsMixin
from annotator.store.articles import ArticlesMixin
from annotator.store.base import content_hash, now
from annotator.store.history import HistoryMixin
from annotator.store.merging import MergingMixin
from annotator.store.queue import QueueMixin
from annotator.store.suggestions import SuggestionsMixin


class Store(HistoryMixin, SuggestionsMixin, MergingMixin, AnnotationsMixin, QueueMixin, ArticlesMixin):
    """A project file. Open with `Store(path)`; migrations run (after a backup) on open."""


__all__ = ["Store", "content_hash", "now"]
