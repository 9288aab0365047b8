"""Running the suggester over a project: only articles whose suggestions are missing or
were made by another model/gazetteer/rules version, streamed in chunks so memory stays flat."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from annotator.core.codebook import Codebook
from annotator.core.model import SUGGESTER_ANNOTATOR
from annotator.nlp.suggester import ArticleSuggestions, Suggester
from annotator.store import Store

CHUNK = 256

Progress = Callable[[int, int], None]


@dataclass
class SuggestSummary:
    updated: list[int] = field(default_factory=list)
    unchanged: int = 0
    spans: int = 0
    frames: int = 0
    flagged: dict[int, list[str]] = field(default_factory=dict)
    pipeline: str = ""  # what suggested: the model and its version, or "rules only"

    def line(self) -> str:
        return (
            f"suggested {self.spans} spans and {self.frames} draft frames in "
            f"{len(self.updated)} articles; {self.unchanged} already up to date"
        )


def suggest_project(
    store: Store,
    codebook: Codebook,
    *,
    model: str | None = None,
    article_ids: Iterable[int] | None = None,
    progress: Progress | None = None,
) -> SuggestSummary:
    """Suggest for the project's articles with `model`, else the project's model setting.
    A model given is remembered as the project's setting once it has loaded."""
    suggester = Suggester.load(codebook, model=model or store.setting("model"))
    if model:
        store.set_setting("model", model)
    summary = suggest_articles(store, suggester, article_ids, progress=progress)
    summary.pipeline = suggester.pipeline.message
    return summary


def suggest_articles(
    store: Store,
    suggester: Suggester,
    article_ids: Iterable[int] | None = None,
    *,
    progress: Progress | None = None,
    batch_size: int = 64,
) -> SuggestSummary:
    wanted = None if article_ids is None else list(article_ids)
    todo = store.articles_needing_suggestions(suggester.version, wanted)
    total = len(wanted) if wanted is not None else store.article_count()
    summary = SuggestSummary(unchanged=total - len(todo))
    done = 0
    for start in range(0, len(todo), CHUNK):
        texts = store.article_texts(todo[start : start + CHUNK])
        for result in suggester.suggest(texts, batch_size=batch_size):
            save(store, suggester, result)
            summary.updated.append(result.article_id)
            summary.spans += len(result.spans)
            summary.frames += len(result.frames)
            if result.flags:
                summary.flagged[result.article_id] = result.flags
            done += 1
            if progress:
                progress(done, len(todo))
    return summary


def save(store: Store, suggester: Suggester, result: ArticleSuggestions) -> None:
    spans: list[dict[str, Any]] = [
        {
            "start": s.start,
            "end": s.end,
            "label": s.label,
            "origin": s.origin,
            "score": s.score,
            "normalized": s.normalized,
        }
        for s in result.spans
    ]
    frames = [{"fields": f.fields, "roles": f.roles, "reasons": f.reasons} for f in result.frames]
    store.replace_suggestions(
        result.article_id,
        SUGGESTER_ANNOTATOR,
        suggester.version,
        suggester.pipeline.label,
        spans,
        frames,
    )
