"""The merge as it was before it was made linear (one store call per row), kept as the
reference its bulk replacement must equal row for row (`tests/test_merge_scale.py`).

It reads and writes through the store's one-row API: `add_span`, `add_event`,
`add_argument`, `set_status`, each logging its history row as every other writer does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.model import SUGGESTER_ANNOTATOR, ArticleRecord
from annotator.store import Store
from annotator.team.merge import EVENT_SKIP, MergeSummary
from annotator.team.merge import _difference as difference


def reference_merge(team: Store, sources: list[Path]) -> MergeSummary:
    summary = MergeSummary()
    for path in sources:
        with Store(path) as source:
            _merge_one(team, source, path, summary)
    return summary


def _merge_one(team: Store, source: Store, path: Path, summary: MergeSummary) -> None:
    people = [a for a in source.annotators() if a["name"] != SUGGESTER_ANNOTATOR]
    for article_id in source.article_ids():
        article = source.article(article_id)
        target = team.article_id_for_text(article["text"])
        for person in people:
            name = person["name"]
            incoming = _signature(source, article_id, name)
            if not incoming["spans"] and not incoming["events"] and incoming["status"] == "todo":
                continue
            if target is None:
                target = _add_article(team, article, summary)
            present = _signature(team, target, name)
            if present == incoming:
                summary.unchanged += 1
            elif not present["spans"] and not present["events"] and present["status"] == "todo":
                _copy(team, source, article_id, target, name, person["kind"], path)
                summary.merged += 1
            else:
                summary.conflicts.append(
                    f"{path}: {name}'s annotation of article '{article['title'] or article_id}' differs "
                    f"from the one already merged ({difference(present, incoming)}); kept the merged one"
                )


def _add_article(team: Store, article: dict[str, Any], summary: MergeSummary) -> int:
    fields = ("raw_text", "text", "title", "source", "url", "published_at", "meta", "flags")
    record = ArticleRecord(**{k: article[k] for k in fields}, origin=article["origin"] or "")
    [(article_id, _)] = team.add_articles([record])
    summary.new_articles += 1
    return article_id


def _signature(store: Store, article_id: int, name: str) -> dict[str, Any]:
    if name not in {a["name"] for a in store.annotators()}:
        return {"spans": [], "events": [], "status": "todo"}
    spans = store.spans(article_id, annotator=name)
    by_id = {s["id"]: (s["start"], s["end"], s["label"]) for s in spans}
    events = []
    for event in store.events(article_id, annotator=name):
        roles = sorted((a["role"], by_id.get(a["span_id"])) for a in store.arguments(event["id"]))
        fields = {k: v for k, v in event.items() if k not in EVENT_SKIP}
        events.append((sorted(fields.items(), key=lambda kv: kv[0]), roles))
    return {
        "spans": sorted((s["start"], s["end"], s["label"], s["status"]) for s in spans),
        "events": sorted(events, key=repr),
        "status": store.status(article_id, name),
    }


def _copy(team: Store, source: Store, article_id: int, target: int, name: str, kind: str, path: Path) -> None:
    team.annotator_id(name, kind=kind)
    with team.batch():
        ids = {}
        for span in source.spans(article_id, annotator=name):
            ids[span["id"]] = team.add_span(
                target,
                name,
                span["start"],
                span["end"],
                span["label"],
                status=span["status"],
                origin=span["origin"],
                score=span["score"],
                normalized=span["normalized"],
            )
        for event in source.events(article_id, annotator=name):
            fields = {k: v for k, v in event.items() if k not in EVENT_SKIP}
            event_id = team.add_event(target, name, fields)
            for argument in source.arguments(event["id"]):
                if argument["span_id"] in ids:
                    team.add_argument(event_id, argument["role"], ids[argument["span_id"]], name)
        if source.has_status(article_id, name):
            status, seconds = source.status_and_seconds(article_id, name)
            team.set_status(target, name, status, add_seconds=seconds)
        team.record_merged_history(
            target, name, source.history(article_id=article_id, annotator=name), str(path)
        )
