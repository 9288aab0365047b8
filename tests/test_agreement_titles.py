"""The agreement report names every article by its title, looked up once per article (the
lookup was a scan of every annotator's articles per article: quadratic)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from annotator.core.annotated import AnnotatedArticle
from annotator.core.model import ArticleRecord
from annotator.store import Store
from annotator.team.agreement import agreement, article_titles


class CountingArticles(dict[str, AnnotatedArticle]):
    """One annotator's articles, counting how many (key, article) pairs are read."""

    reads = 0

    def items(self) -> Iterator[tuple[str, AnnotatedArticle]]:  # type: ignore[override]
        for pair in super().items():
            CountingArticles.reads += 1
            yield pair


def test_titles_are_read_once_per_article_and_annotator() -> None:
    articles = 300
    data = {
        name: CountingArticles(
            {str(n): AnnotatedArticle("x", [], [], {"id": n, "title": f"title {n}"}) for n in range(articles)}
        )
        for name in ("ana", "bo", "cy")
    }
    CountingArticles.reads = 0
    titles = article_titles(data)
    assert titles == {str(n): f"title {n}" for n in range(articles)}
    assert CountingArticles.reads <= 3 * articles  # linear; the scan per article read 270,000


def test_titles_come_from_whichever_annotator_has_the_article() -> None:
    def one(n: int, title: str | None) -> AnnotatedArticle:
        return AnnotatedArticle("x", [], [], {"id": n, "title": title})

    data: dict[str, Any] = {
        "ana": {"1": one(1, "Kabul"), "2": one(2, None)},
        "bo": {"2": one(2, None), "3": one(3, "Takhar")},
    }
    assert article_titles(data) == {"1": "Kabul", "2": None, "3": "Takhar"}


def test_every_row_of_the_report_carries_its_articles_title(store: Store) -> None:
    texts = [f"Fighters seized district number {n} on Sunday." for n in range(12)]
    ids = [
        i
        for i, _ in store.add_articles(
            [ArticleRecord(raw_text=t, text=t, title=f"Report {n}") for n, t in enumerate(texts)]
        )
    ]
    for name in ("ana", "bo", "cy"):
        for n, article_id in enumerate(ids):
            if name == "cy" and n % 2:
                continue  # cy finished only half of them
            store.add_span(article_id, name, 0, 8, "ACTOR" if name != "bo" or n % 3 else "LOCATION")
            store.set_status(article_id, name, "done")
    report = agreement(store)
    rows = {row["article"]: row["title"] for row in report["per_article"]}
    assert rows == {str(article_id): f"Report {n}" for n, article_id in enumerate(ids)}
