"""Running the suggester over a project: only articles whose suggestions are missing or
were made by another model/gazetteer/rules version, streamed in chunks so memory stays flat."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from annotator.core.codebook import Codebook
from annotator.core.errors import AnnotatorError
from annotator.core.model import SUGGESTER_ANNOTATOR
from annotator.nlp.suggester import ArticleSuggestions, Suggester
from annotator.services.span_rows import suggestion_row
from annotator.store import Store

CHUNK = 256

Progress = Callable[[int, int], None]


Text = tuple[int, str, "str | None"]


@dataclass(frozen=True)
class SuggestFailure:
    """An article the suggester could not do; nothing of it was stored, so a re-run tries again."""

    article_id: int
    title: str
    reason: str

    def line(self) -> str:
        return f"article #{self.article_id} ({self.title or 'untitled'}): {self.reason}"


@dataclass
class SuggestSummary:
    updated: list[int] = field(default_factory=list)
    unchanged: int = 0
    spans: int = 0
    frames: int = 0
    flagged: dict[int, list[str]] = field(default_factory=dict)
    failed: list[SuggestFailure] = field(default_factory=list)
    pipeline: str = ""  # what suggested: the model and its version, or "rules only"

    def line(self) -> str:
        return (
            f"suggested {self.spans} spans and {self.frames} draft frames in "
            f"{len(self.updated)} articles; {self.unchanged} already up to date"
            + (f"; {len(self.failed)} failed" if self.failed else "")
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
        for text, result in _isolated(suggester, texts, batch_size):
            if isinstance(result, ArticleSuggestions):
                result = _saved(store, suggester, result)
            if isinstance(result, ArticleSuggestions):
                summary.updated.append(result.article_id)
                summary.spans += len(result.spans)
                summary.frames += len(result.frames)
                if result.flags:
                    summary.flagged[result.article_id] = result.flags
            else:
                summary.failed.append(_failure(store, text[0], result))
            done += 1
            if progress:
                progress(done, len(todo))
    return summary


def _isolated(
    suggester: Suggester, texts: list[Text], batch_size: int
) -> Iterator[tuple[Text, ArticleSuggestions | Exception]]:
    """Each text with its suggestions, or with the exception the pipeline raised on it.

    The chunk goes through the pipeline in batches; when that raises, the texts it had not
    yet yielded are run one at a time, so one bad article fails alone.
    """
    finished = 0
    try:
        for result in suggester.suggest(texts, batch_size=batch_size):
            yield texts[finished], result
            finished += 1
        return
    except Exception:  # isolated below, article by article
        pass
    for text in texts[finished:]:
        try:
            yield text, next(iter(suggester.suggest([text], batch_size=1)))
        except Exception as error:  # reported as this article's failure
            yield text, error


def _saved(store: Store, suggester: Suggester, result: ArticleSuggestions) -> ArticleSuggestions | Exception:
    """`result` once stored, or the error storing it raised (the article's writes are rolled back)."""
    try:
        save(store, suggester, result)
    except Exception as error:  # reported as this article's failure
        return error
    return result


def _failure(store: Store, article_id: int, error: Exception) -> SuggestFailure:
    reason = str(error) if isinstance(error, AnnotatorError) else f"{type(error).__name__}: {error}"
    try:
        title = store.article(article_id).get("title") or ""
    except AnnotatorError:
        title = ""
    return SuggestFailure(article_id, title, reason)


def save(store: Store, suggester: Suggester, result: ArticleSuggestions) -> None:
    spans = [suggestion_row(s) for s in result.spans]
    frames = [{"fields": f.fields, "roles": f.roles, "reasons": f.reasons} for f in result.frames]
    store.replace_suggestions(
        result.article_id,
        SUGGESTER_ANNOTATOR,
        suggester.version,
        suggester.pipeline.label,
        spans,
        frames,
    )
