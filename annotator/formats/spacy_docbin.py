"""spaCy DocBin (`train.spacy`, `dev.spacy`): the whole annotation of each article.

Per Doc:
- `doc.ents`: one non-overlapping layer. Overlaps are resolved by spaCy's `filter_spans`
  rule: the longest span wins, and of equal lengths the one starting first; every span
  left out is counted in the report.
- `doc.spans["sc"]`: every span, overlaps included (spancat's key).
- `doc.spans["events"]`: each frame's trigger, labelled with its event type.
- `doc.cats`: 1.0 for each codebook event type present in the article, else 0.0.
- `doc.user_data["annotator"]`: {"article": meta, "spans": [...with normalised values...],
  "frames": [{"fields": {...}, "roles": {role: [span index]}}]} — plain JSON-able data.
Spans not on token boundaries are aligned with `char_span(alignment_mode="expand")` and
counted; a span that cannot be aligned at all is listed in the report, never dropped silently
(`token_spans`, the rule the Prodigy export shares).
Articles are split between train and dev by a seeded shuffle of their content hashes.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span, SpanGroup
from spacy.util import filter_spans

from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import Codebook
from annotator.formats.registry import ArticleExporter, ExportJob, exporter
from annotator.formats.token_spans import aligned, token_span

USER_DATA_KEY = "annotator"


def split(articles: list[AnnotatedArticle], dev_ratio: float, seed: int) -> tuple[list, list]:
    """Deterministic split by article: the same project, ratio and seed give the same split."""
    ordered = sorted(articles, key=lambda a: a.key)
    random.Random(seed).shuffle(ordered)
    n_dev = round(len(ordered) * dev_ratio)
    if dev_ratio > 0 and len(ordered) > 1:
        n_dev = min(max(n_dev, 1), len(ordered) - 1)
    return ordered[n_dev:], ordered[:n_dev]


def build_doc(
    nlp: Language, article: AnnotatedArticle, codebook: Codebook, counts: Counter[str], notes: list[str]
) -> Doc:
    doc = nlp.tokenizer(article.text)  # not make_doc: no max_length (only whole pipelines need one)
    spans: list[Span] = []
    for record in article.spans:
        span = token_span(doc, article, record.start, record.end, record.label, counts, notes)
        if span is not None:
            spans.append(span)
    counts["spans"] += len(spans)
    doc.spans["sc"] = SpanGroup(doc, name="sc", spans=spans)
    ents = filter_spans(spans)
    counts["overlapping_spans_left_out_of_ents"] += len(spans) - len(ents)
    doc.ents = ents
    counts["ents"] += len(ents)
    triggers = []
    for frame in article.frames:
        fields = frame.fields
        if fields.get("trigger_start") is None or not fields.get("event_type"):
            counts["frames_without_trigger_or_type"] += 1
            continue
        span = aligned(doc, fields["trigger_start"], fields["trigger_end"], fields["event_type"], counts)
        if span is not None:
            triggers.append(span)
    doc.spans["events"] = SpanGroup(doc, name="events", spans=triggers)
    present = {f.fields.get("event_type") for f in article.frames}
    doc.cats = {e.name: float(e.name in present) for e in codebook.event_types}
    counts["frames"] += len(article.frames)
    doc.user_data[USER_DATA_KEY] = user_data(article)
    return doc


def user_data(article: AnnotatedArticle) -> dict[str, Any]:
    return {
        "article": article.meta,
        "spans": [
            {
                "start": s.start,
                "end": s.end,
                "label": s.label,
                "normalized": s.normalized,
                "status": s.status,
                "origin": s.origin,
            }
            for s in article.spans
        ],
        "frames": [{"fields": f.fields, "roles": f.roles} for f in article.frames],
    }


def article_from_doc(doc: Doc) -> AnnotatedArticle:
    """The annotation a Doc of this format carries (the inverse of `build_doc`)."""
    from annotator.core.annotated import FrameRecord, SpanRecord

    data = doc.user_data[USER_DATA_KEY]
    spans = [
        SpanRecord(s["start"], s["end"], s["label"], s["normalized"], s["status"], s["origin"])
        for s in data["spans"]
    ]
    frames = [
        FrameRecord(dict(f["fields"]), {k: list(v) for k, v in f["roles"].items()}) for f in data["frames"]
    ]
    return AnnotatedArticle(doc.text, spans, frames, dict(data["article"]))


@dataclass
class _Split:
    nlp: Language
    n_train: int  # the first n_train articles (in `order`) are train, the rest dev
    docbins: dict[str, DocBin] = field(
        default_factory=lambda: {name: DocBin(store_user_data=True) for name in ("train", "dev")}
    )


@exporter
class SpacyExporter(ArticleExporter[_Split]):
    """Options: `dev_ratio` (default 0.2) and `seed` (default 0) of the train/dev split."""

    name = "spacy"
    description = "spaCy DocBin train.spacy / dev.spacy"

    def order(self, articles: list[AnnotatedArticle], job: ExportJob) -> list[AnnotatedArticle]:
        train, dev = split(articles, job.options.get("dev_ratio", 0.2), job.options.get("seed", 0))
        job.report.counts.update({"train_articles": len(train), "dev_articles": len(dev)})
        return train + dev

    def begin(self, job: ExportJob) -> _Split:
        return _Split(spacy.blank("en"), job.report.counts["train_articles"])

    def write(self, job: ExportJob, state: _Split, number: int, article: AnnotatedArticle) -> None:
        docbin = state.docbins["train" if number <= state.n_train else "dev"]
        docbin.add(build_doc(state.nlp, article, job.codebook, job.report.counts, job.report.notes))

    def finish(self, job: ExportJob, state: _Split) -> None:
        for name, docbin in state.docbins.items():
            path = job.out / f"{name}.spacy"
            docbin.to_disk(path)
            job.report.files.append(path)
