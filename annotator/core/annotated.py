"""One article with one annotator's annotations, as plain data: what exports write and
imports read, independent of the store and of any file format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SpanRecord:
    start: int  # code points into `AnnotatedArticle.text`, end exclusive
    end: int
    label: str
    normalized: dict[str, Any] | None = None
    status: str = "accepted"
    origin: str | None = None
    text: str | None = None  # the surface text the source claims, checked on import
    score: float | None = field(default=None, compare=False)  # a suggestion's confidence
    #: Its position among the spans its source listed (messages name it so when a reader
    #: left a malformed span before it out); None: its index in `AnnotatedArticle.spans`.
    number: int | None = field(default=None, compare=False)


@dataclass
class FrameRecord:
    fields: dict[str, Any]  # event-frame fields (see core.model.EVENT_FIELDS)
    roles: dict[str, list[int]] = field(default_factory=dict)  # role -> indices into spans


@dataclass
class AnnotatedArticle:
    text: str
    spans: list[SpanRecord] = field(default_factory=list)
    frames: list[FrameRecord] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # id, title, source, published_at, hash ...
    answer: str = "accept"  # Prodigy's accept / reject / ignore
    origin: str = ""  # file and line it was read from
    #: The name of the file the article was imported from, for sources that name the article
    #: instead of carrying its text (annotations JSON): `text` is then "" and the article is
    #: matched by this name; its offsets point into the stored article's text.
    file: str | None = None
    #: The annotator the source names for this record when it holds several annotators' work
    #: (Prodigy's `_annotator_id` of a multi-user `db-out`, as a session name; Label Studio's
    #: `completed_by`; a prediction's suggester): the importer files it under that name
    #: (prefixed by its own --annotator when given); None: the importing annotator's. In an
    #: export of several annotators (Label Studio), whose work the record is.
    annotator: str | None = None

    @property
    def key(self) -> str:
        return str(self.meta.get("content_hash") or self.meta.get("id") or "")
