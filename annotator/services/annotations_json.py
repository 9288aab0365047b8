"""Annotations JSON: one annotator's spans and event frames for articles matched by file name.

Layout (the gold fixture of the seed articles uses it)::

    {"annotator": "gold",
     "articles": [{"file": "000_x.txt",
                   "spans": [{"start": 0, "end": 5, "label": "LOCATION", "text": "KABUL",
                              "normalized": {...}}],
                   "events": [{"trigger": {"start": .., "end": .., "text": ..},
                               "event_type": .., "sub_event_type": .., <frame fields>,
                               "roles": {"actor1": [{"start": .., "end": ..}], ...}}]}]}

Offsets are code points into the article's cleaned text; every span's `text` must equal
the text at its offsets, or the whole file is refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import EVENT_FIELDS
from annotator.store import Store


def load_annotations(
    store: Store, path: Path, *, annotator: str | None = None, status: str = "accepted"
) -> int:
    """Store the file's annotations under `annotator` (default: the file's own); returns
    the number of articles annotated. All or nothing: one transaction."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON ({exc.msg})", line=exc.lineno) from None
    name = annotator or data.get("annotator")
    if not name or not isinstance(data.get("articles"), list):
        raise InputError(path, "needs 'annotator' (or --annotator) and a list 'articles'")
    by_file = {Path(str(store.article(i)["origin"]).split(":")[0]).name: i for i in store.article_ids()}
    with store.batch():
        for number, article in enumerate(data["articles"]):
            article_id = by_file.get(article["file"])
            if article_id is None:
                raise InputError(path, f"article {number}: no imported article from file '{article['file']}'")
            try:
                _load_article(store, path, article_id, name, article, status)
                store.set_status(article_id, name, "done")  # annotations from a file are finished work
            except (KeyError, TypeError) as exc:
                raise InputError(path, f"{article['file']}: malformed entry ({exc!r})") from None
    return len(data["articles"])


def _load_article(
    store: Store, path: Path, article_id: int, name: str, article: dict[str, Any], status: str
) -> None:
    text = store.article(article_id)["text"]
    ids: dict[tuple[int, int], int] = {}
    for span in article.get("spans", []):
        if text[span["start"] : span["end"]] != span.get("text", text[span["start"] : span["end"]]):
            raise InputError(path, f"{article['file']}: span {span} does not match the article text")
        ids[(span["start"], span["end"])] = store.add_span(
            article_id,
            name,
            span["start"],
            span["end"],
            span["label"],
            status=status,
            origin="annotations-json",
            normalized=span.get("normalized"),
        )
    for event in article.get("events", []):
        fields = {k: v for k, v in event.items() if k in EVENT_FIELDS}
        if isinstance(fields.get("civilian_targeting"), bool):
            fields["civilian_targeting"] = int(fields["civilian_targeting"])
        trigger = event.get("trigger") or {}
        fields.update(
            {
                "trigger_start": trigger.get("start"),
                "trigger_end": trigger.get("end"),
                "trigger_text": trigger.get("text"),
                "status": status,
            }
        )
        event_id = store.add_event(article_id, name, fields)
        for role, refs in event.get("roles", {}).items():
            for ref in refs:
                key = (ref["start"], ref["end"]) if "end" in ref else _find(ids, text, ref)
                if key not in ids:
                    raise InputError(path, f"{article['file']}: role {role} points at no span: {ref}")
                store.add_argument(event_id, role, ids[key], name)


def _find(ids: dict[tuple[int, int], int], text: str, ref: dict[str, Any]) -> tuple[int, int]:
    start = ref["start"]
    return (start, start + len(ref.get("text", "")))
