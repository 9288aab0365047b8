"""Merging annotators' project files into one team project.

Articles are matched by content hash (added when new). For each annotator and article the
source's spans, frames with their role links, status and history come over as a whole.
Arriving again unchanged is a no-op; arriving different from what was merged before is a
conflict: reported, and the version already in the team project is kept.

The work is linear in the pairs: see `_merge_one` and `benchmarks/bench_merge.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.model import SUGGESTER_ANNOTATOR, ArticleRecord
from annotator.store import Store, content_hash
from annotator.store.merging import MergedCopy, PairRows

EMPTY: dict[str, Any] = {"spans": [], "events": [], "status": "todo"}  # nothing stored
EVENT_SKIP = {"id", "article_id", "annotator_id", "created_at", "updated_at", "reasons", "same_as"}


@dataclass
class MergeSummary:
    merged: int = 0  # (annotator, article) pairs copied
    unchanged: int = 0
    new_articles: int = 0
    conflicts: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"merged {self.merged} annotator-article pairs ({self.new_articles} new articles), "
            f"{self.unchanged} already there, {len(self.conflicts)} conflicts"
        )


def merge(team: Store, sources: list[Path]) -> MergeSummary:
    summary = MergeSummary()
    redo_emptied: set[str] = set()  # annotators whose redo stack this merge has emptied
    for path in sources:
        with Store(path) as source:
            _merge_one(team, source, path, summary, redo_emptied)
    return summary


def _merge_one(team: Store, source: Store, path: Path, summary: MergeSummary, redo_emptied: set[str]) -> None:
    """A page of the source's articles at a time: read with one query per table, then compared
    and written in one transaction of the team project, so the work is linear in the rows."""
    people = {a["name"]: a["kind"] for a in source.annotators() if a["name"] != SUGGESTER_ANNOTATOR}
    for articles in source.article_pages():
        page = _Page(
            path, people, articles, source.pair_rows([a["id"] for a in articles], list(people), history=True)
        )
        with team.batch():  # compared and written under the write lock: nobody writes in between
            _merge_page(team, page, summary, redo_emptied)


class _Page:
    """A page of a source's articles, with each annotator's work on them and its signature."""

    def __init__(
        self,
        path: Path,
        people: dict[str, str],
        articles: list[dict[str, Any]],
        rows: dict[tuple[int, str], PairRows],
    ) -> None:
        self.path, self.people, self.articles, self.rows = path, people, articles, rows
        self.hashes = [content_hash(a["text"]) for a in articles]
        self.incoming = {key: _signature(pair) for key, pair in rows.items()}

    def coded(self) -> Iterator[tuple[dict[str, Any], str, str, dict[str, Any]]]:
        """(article, its content hash, annotator, signature) of each pair with something stored,
        in the source's order of articles, then of annotators' names."""
        for article, digest in zip(self.articles, self.hashes, strict=True):
            for name in self.people:
                incoming = self.incoming.get((article["id"], name), EMPTY)
                if not _is_empty(incoming):
                    yield article, digest, name, incoming


def _merge_page(team: Store, page: _Page, summary: MergeSummary, redo_emptied: set[str]) -> None:
    targets = team.article_ids_for_hashes(page.hashes)
    present = team.pair_rows(list(targets.values()), list(page.people))
    _add_new_articles(team, page, targets, summary)
    copies, copied = [], {}
    for article, digest, name, incoming in page.coded():
        key = (targets[digest], name)
        current = copied.get(key) or _signature(present.get(key))
        if current == incoming:
            summary.unchanged += 1
        elif _is_empty(current):
            copies.append(_copy(key, page.people[name], page.rows[article["id"], name]))
            copied[key] = incoming
            summary.merged += 1
        else:
            summary.conflicts.append(
                f"{page.path}: {name}'s annotation of article '{article['title'] or article['id']}' "
                f"differs from the one already merged ({_difference(current, incoming)}); kept the merged one"
            )
    team.add_merged(copies, str(page.path), redo_emptied=redo_emptied)


def _add_new_articles(team: Store, page: _Page, targets: dict[str, int], summary: MergeSummary) -> None:
    """Add the articles someone coded that the team does not have yet, in the source's order."""
    wanted = {digest: article for article, digest, _, _ in page.coded() if digest not in targets}
    if not wanted:
        return
    added = team.add_articles(_record(article) for article in wanted.values())
    for digest, (article_id, new) in zip(wanted, added, strict=True):
        targets[digest] = article_id
        summary.new_articles += new


def _record(article: dict[str, Any]) -> ArticleRecord:
    return ArticleRecord(
        raw_text=article["raw_text"],
        text=article["text"],
        title=article["title"],
        source=article["source"],
        url=article["url"],
        published_at=article["published_at"],
        meta=article["meta"],
        flags=article["flags"],
        origin=article["origin"] or "",
    )


def _signature(rows: PairRows | None) -> dict[str, Any]:
    """What is compared: spans, frames with their role links (by span), status."""
    if rows is None:
        return EMPTY
    by_id = {s["id"]: (s["start"], s["end"], s["label"]) for s in rows.spans}
    events = []
    for event in rows.events:
        roles = sorted((a["role"], by_id.get(a["span_id"])) for a in rows.arguments.get(event["id"], []))
        events.append((sorted(_fields(event).items(), key=lambda kv: kv[0]), roles))
    return {
        "spans": sorted((s["start"], s["end"], s["label"], s["status"]) for s in rows.spans),
        "events": sorted(events, key=repr),
        "status": rows.status["status"] if rows.status else "todo",
    }


def _is_empty(signature: dict[str, Any]) -> bool:
    return not signature["spans"] and not signature["events"] and signature["status"] == "todo"


def _fields(event: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in event.items() if k not in EVENT_SKIP}


def _difference(present: dict[str, Any], incoming: dict[str, Any]) -> str:
    spans = len(set(present["spans"]) ^ set(incoming["spans"]))
    return (
        f"{spans} spans, {abs(len(present['events']) - len(incoming['events']))} frames in number, "
        f"status {present['status']} vs {incoming['status']}"
    )


def _copy(key: tuple[int, str], kind: str, rows: PairRows) -> MergedCopy:
    """The pair as a whole; a role linked to a span the annotator does not own is left out."""
    index = {span["id"]: n for n, span in enumerate(rows.spans)}
    frames = [
        (
            _fields(event),
            [
                (a["role"], index[a["span_id"]])
                for a in rows.arguments.get(event["id"], [])
                if a["span_id"] in index
            ],
        )
        for event in rows.events
    ]
    status = (rows.status["status"], float(rows.status["seconds"] or 0.0)) if rows.status else None
    return MergedCopy(key[0], key[1], kind, rows.spans, frames, status, rows.history)
