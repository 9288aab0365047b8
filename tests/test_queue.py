"""The queue query: one annotator's statuses shown and filtered, the worker's own alongside."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import ArticleRecord
from annotator.store import Store


def test_the_queue_shows_one_annotators_statuses_with_the_workers_own_beside(store: Store) -> None:
    store.add_articles([ArticleRecord(raw_text=f"Report {i}.", text=f"Report {i}.") for i in range(3)])
    store.set_status(1, "bo", "done")
    store.set_status(2, "ana", "in_progress")
    rows = store.queue("bo", own="ana")
    assert [(r["id"], r["status"], r["own_status"]) for r in rows] == [
        (1, "done", "todo"),
        (2, "todo", "in_progress"),
        (3, "todo", "todo"),
    ]
    assert [r["id"] for r in store.queue("bo", status="done", own="ana")] == [1]
    assert [r["own_status"] for r in store.queue("ana")] == ["todo", "in_progress", "todo"]
    assert store.queue_count("bo", status="todo") == 2


def test_queue_of_someone_not_started_is_all_todo_and_creates_nobody(tmp_path: Path) -> None:
    with Store(tmp_path / "q.db") as store:
        store.add_articles([ArticleRecord(raw_text=f"Report {i}.", text=f"Report {i}.") for i in range(3)])
        rows = store.queue("newcomer", own="other")
        assert [(r["status"], r["own_status"]) for r in rows] == [("todo", "todo")] * 3
        assert store.queue_count("newcomer", status="todo") == 3
        assert store.annotators() == []


def test_keyset_pages_follow_the_same_order_as_one_query_in_every_sort(tmp_path: Path) -> None:
    """Paging by `after` (the last id shown) gives exactly the rows of one big query, with
    missing dates and sources (NULLs sort first ascending, last descending) and ties."""
    dates = [None, "2021-03-01", "2021-03-01", "2020-12-31", None, "2022-01-05"]
    sources = ["B", None, "A", "A", None, "B"]
    with Store(tmp_path / "q.db") as store:
        store.add_articles(
            [
                ArticleRecord(
                    raw_text=f"Report {i}.",
                    text=f"Report {i}.",
                    title=None if i % 4 == 0 else f"T{i}",
                    published_at=dates[i % len(dates)],
                    source=sources[i % len(sources)],
                )
                for i in range(40)
            ]
        )
        for article in range(1, 41, 3):
            store.set_status(article, "ana", "done")
        for sort in ("id", "date", "source"):
            for status in (None, "todo"):
                whole = store.queue("ana", sort=sort, status=status, limit=1000)
                paged: list[dict] = []
                while True:
                    after = paged[-1]["id"] if paged else None
                    page = store.queue("ana", sort=sort, status=status, limit=7, after=after)
                    if not page:
                        break
                    paged += page
                assert [r["id"] for r in paged] == [r["id"] for r in whole], (sort, status)
        untitled = store.queue("ana", limit=1)[0]
        assert untitled["title"] is None and untitled["opening"] == "Report 0."
