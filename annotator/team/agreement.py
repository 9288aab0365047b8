"""Agreement of the project's annotators, read from the store (pure measures in `agreement`)."""

from __future__ import annotations

from typing import Any

from annotator.agreement.measures import compute, tokenize
from annotator.core.annotated import AnnotatedArticle
from annotator.core.errors import InputError
from annotator.core.model import GOLD, SUGGESTER_ANNOTATOR
from annotator.services.collect import collect
from annotator.store import Store

NOT_ANNOTATORS = {SUGGESTER_ANNOTATOR, GOLD}


def team(store: Store) -> list[str]:
    """The human annotators whose work is compared (not the suggester, not the gold)."""
    return sorted(
        a["name"] for a in store.annotators() if a["kind"] == "human" and a["name"] not in NOT_ANNOTATORS
    )


def versions(store: Store, annotators: list[str] | None = None) -> dict[str, dict[str, AnnotatedArticle]]:
    """annotator -> article id (as text) -> their finished annotation of it; annotators who
    have finished no article are left out (they have nothing to agree on)."""
    finished = {
        name: {str(a.meta["id"]): a for a in collect(store, name)} for name in annotators or team(store)
    }
    return {name: articles for name, articles in finished.items() if articles}


def agreement(store: Store, annotators: list[str] | None = None) -> dict[str, Any]:
    data = versions(store, annotators)
    if len(data) < 2:
        raise InputError(
            store.path,
            f"agreement needs two annotators with finished articles, this project has "
            f"{', '.join(data) or 'none'}; merge the annotators' project files into it "
            "with `annotator merge`",
        )
    texts = {key: article.text for arts in data.values() for key, article in arts.items()}
    report = compute(data, {key: tokenize(text) for key, text in texts.items()})
    titles = article_titles(data)
    for row in report["per_article"]:
        row["title"] = titles.get(row["article"])
    return report


def article_titles(data: dict[str, dict[str, AnnotatedArticle]]) -> dict[str, str | None]:
    """Article id (as text) -> its title, from the first annotator who has the article: one
    pass over every annotator's articles (a scan per article made the report quadratic)."""
    titles: dict[str, str | None] = {}
    for arts in data.values():
        for key, article in arts.items():
            titles.setdefault(key, article.meta.get("title"))
    return titles
