"""Review: resolving the annotators' disagreements into the `gold` annotator.

An article's spans are grouped into regions (spans of any annotator that overlap); a
region on which every annotator has exactly the same spans is agreed, and so is a frame
every annotator has with the same fields. Agreed items are pre-accepted into gold when the
article is opened; for the others the reviewer takes one annotator's version (or edits
gold in the workspace). Every decision is recorded with who was taken, who reviewed, when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.agreement.measures import clusters
from annotator.core.annotated import AnnotatedArticle, FrameRecord
from annotator.core.model import GOLD
from annotator.services.collect import collect
from annotator.store import Store
from annotator.team.agreement import agreement, team

FRAME_FIELDS = (
    "event_type",
    "sub_event_type",
    "event_date",
    "time_precision",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "location",
    "admin1",
    "admin2",
    "geo_precision",
    "fatalities",
    "injuries",
    "civilian_targeting",
)
SpanKey = tuple[int, int, str]


@dataclass
class Region:
    kind = "region"  # with `item`, the key of its decision
    start: int
    end: int
    versions: dict[str, list[SpanKey]]  # annotator -> their spans in the region

    @property
    def agreed(self) -> bool:
        values = list(self.versions.values())
        return all(v == values[0] for v in values)

    @property
    def item(self) -> str:
        return f"{self.start}-{self.end}"


@dataclass
class FrameGroup:
    kind = "frame"  # with `item`, the key of its decision
    versions: dict[str, FrameRecord]  # annotator -> their frame (missing: they have none)
    annotators: list[str]
    spans: dict[str, list[SpanKey]] = field(default_factory=dict)  # annotator -> their spans (for roles)

    @property
    def agreed(self) -> bool:
        if set(self.versions) != set(self.annotators):
            return False
        values = [tuple(f.fields.get(k) for k in FRAME_FIELDS) for f in self.versions.values()]
        return all(v == values[0] for v in values)

    def differing_fields(self) -> list[str]:
        return [k for k in FRAME_FIELDS if len({f.fields.get(k) for f in self.versions.values()}) > 1]

    number: int = 0  # position among the article's frame groups: ids the item with the trigger

    @property
    def item(self) -> str:
        first = next(iter(self.versions.values())).fields
        return f"frame{self.number}@{first.get('trigger_start')}:{first.get('event_type')}"


@dataclass
class ReviewArticle:
    article_id: int
    text: str
    annotators: list[str]
    regions: list[Region]
    frames: list[FrameGroup]


class Review:
    def __init__(self, store: Store, reviewer: str) -> None:
        self.store = store
        self.reviewer = reviewer
        self.annotators = team(store)
        store.annotator_id(GOLD, kind="gold")

    def queue(self) -> list[dict[str, Any]]:
        """Articles at least two annotators finished, most disagreement first."""
        return agreement(self.store, self.annotators)["per_article"]

    def open(self, article_id: int) -> ReviewArticle:
        versions = {name: _one(self.store, name, article_id) for name in self.annotators}
        present = {name: art for name, art in versions.items() if art is not None}
        text = self.store.article(article_id)["text"]
        review = ReviewArticle(article_id, text, sorted(present), _regions(present), _frames(present))
        self._pre_accept(review)
        return review

    # -- decisions --------------------------------------------------------------------------
    def take_region(
        self, review: ReviewArticle, region: Region, annotator: str, agreed_by: list[str] | None = None
    ) -> None:
        """Gold's spans in the region become `annotator`'s."""
        with self.store.batch():
            roles = []  # gold frames' links into the region survive the swap where the label does
            for span in self._gold_spans(review.article_id, (region.start, region.end)):
                links = self.store.arguments_of_span(span["id"])
                roles += [(a["event_id"], a["role"], span["label"]) for a in links]
                self.store.delete_span(span["id"], GOLD)
            chosen = region.versions.get(annotator, [])
            new_ids: dict[str, int] = {}
            for start, end, label in chosen:
                span_id = self.store.add_span(
                    review.article_id,
                    GOLD,
                    start,
                    end,
                    label,
                    status="accepted",
                    origin=f"review:{annotator}",
                    normalized=_normalized(self.store, review, annotator, (start, end, label)),
                )
                new_ids.setdefault(label, span_id)
            for event_id, role, label in roles:
                if label in new_ids:
                    self.store.add_argument(event_id, role, new_ids[label], GOLD)
            self.store.record_decision(
                review.article_id,
                region.kind,
                region.item,
                agreed_by or [annotator],
                self.reviewer,
                {"spans": chosen},
            )

    def take_frame(
        self, review: ReviewArticle, group: FrameGroup, annotator: str, agreed_by: list[str] | None = None
    ) -> None:
        """Gold's frame for this group becomes `annotator`'s (roles linked to gold's spans)."""
        frame = group.versions.get(annotator)
        with self.store.batch():
            for event in self.store.events(review.article_id, annotator=GOLD):
                if event.get("origin") == f"review:{group.item}":
                    self.store.delete_event(event["id"], GOLD)
            if frame is not None:
                self._copy_frame(review, group, annotator, frame)
            self.store.record_decision(
                review.article_id,
                group.kind,
                group.item,
                agreed_by or [annotator],
                self.reviewer,
                {"fields": frame.fields if frame else None},
            )

    def take_all(self, review: ReviewArticle, annotator: str) -> None:
        """`annotator`'s version for every item still undecided in the article."""
        decided = {(d["kind"], d["item"]) for d in self.store.decisions(review.article_id)}
        with self.store.batch():
            for region in review.regions:
                if (region.kind, region.item) not in decided:
                    self.take_region(review, region, annotator)
            for group in review.frames:
                if (group.kind, group.item) not in decided:
                    self.take_frame(review, group, annotator)

    def decided(self, review: ReviewArticle) -> dict[tuple[str, str], list[str]]:
        return {(d["kind"], d["item"]): d["taken_from"] for d in self.store.decisions(review.article_id)}

    def finish(self, review: ReviewArticle) -> None:
        self.store.set_status(review.article_id, GOLD, "done")

    def _pre_accept(self, review: ReviewArticle) -> None:
        decided = self.decided(review)
        everyone = review.annotators
        with self.store.batch():
            for region in review.regions:
                if region.agreed and (region.kind, region.item) not in decided:
                    self.take_region(review, region, everyone[0], agreed_by=everyone)
            for group in review.frames:
                if group.agreed and (group.kind, group.item) not in decided:
                    self.take_frame(review, group, everyone[0], agreed_by=everyone)

    def _gold_spans(self, article_id: int, within: tuple[int, int]) -> list[dict[str, Any]]:
        """Gold's spans overlapping `within` (read by offsets, not the whole article's: a
        decision in a 5,000-region article costs what it costs in a short one)."""
        return self.store.spans(article_id, annotator=GOLD, overlapping=within)

    def _copy_frame(
        self, review: ReviewArticle, group: FrameGroup, annotator: str, frame: FrameRecord
    ) -> None:
        fields = {k: v for k, v in frame.fields.items() if k not in {"status", "origin", "same_as"}}
        event_id = self.store.add_event(
            review.article_id, GOLD, {**fields, "status": "accepted", "origin": f"review:{group.item}"}
        )
        own_spans = group.spans.get(annotator, [])
        linked = [own_spans[i] for indices in frame.roles.values() for i in indices]
        within = (min(k[0] for k in linked), max(k[1] for k in linked)) if linked else (0, 0)
        near = self._gold_spans(review.article_id, within)
        gold = {(s["start"], s["end"], s["label"]): s["id"] for s in near}
        for role, indices in frame.roles.items():
            for index in indices:
                key = own_spans[index]
                if key not in gold:
                    gold[key] = self.store.add_span(
                        review.article_id, GOLD, *key, status="accepted", origin=f"review:{annotator}"
                    )
                self.store.add_argument(event_id, role, gold[key], GOLD)


def _one(store: Store, annotator: str, article_id: int) -> AnnotatedArticle | None:
    if store.status(article_id, annotator) != "done":
        return None
    return next(collect(store, annotator, only_done=False, articles=[article_id]), None)


def _regions(versions: dict[str, AnnotatedArticle]) -> list[Region]:
    spans = sorted({(s.start, s.end, s.label, name) for name, art in versions.items() for s in art.spans})
    regions: list[Region] = []
    for start, end, label, name in spans:
        if regions and start < regions[-1].end:
            region = regions[-1]
            region.end = max(region.end, end)
        else:
            region = Region(start, end, {})
            regions.append(region)
        region.versions.setdefault(name, []).append((start, end, label))
    for region in regions:
        for name in versions:
            region.versions.setdefault(name, [])
    return regions


def _frames(versions: dict[str, AnnotatedArticle]) -> list[FrameGroup]:
    names = sorted(versions)
    frames = {name: [f.fields for f in versions[name].frames] for name in names}
    spans = {name: [(s.start, s.end, s.label) for s in versions[name].spans] for name in names}  # shared
    groups = []
    for group in clusters(frames):
        groups.append(FrameGroup({name: versions[name].frames[i] for name, i in group.items()}, names, spans))
    groups.sort(key=lambda g: next(iter(g.versions.values())).fields.get("trigger_start") or 0)
    for number, group in enumerate(groups):
        group.number = number
    return groups


def _normalized(store: Store, review: ReviewArticle, annotator: str, key: SpanKey) -> dict[str, Any] | None:
    for span in store.spans(review.article_id, annotator=annotator, overlapping=(key[0], key[1])):
        if (span["start"], span["end"], span["label"]) == key:
            return span["normalized"]
    return None
