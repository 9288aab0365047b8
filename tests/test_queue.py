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


def test_offsets_without_a_row_to_seek_after_follow_the_same_order(tmp_path: Path) -> None:
    """`offset` (used when the previous page's last article is gone) counts across the parts
    of an order: sources A-Z, then the articles without a source."""
    sources = ["B", None, "A"]
    with Store(tmp_path / "q.db") as store:
        store.add_articles(
            [
                ArticleRecord(raw_text=f"R {i}.", text=f"R {i}.", source=sources[i % 3], published_at=None)
                for i in range(12)
            ]
        )
        for sort in ("id", "date", "source"):
            whole = [r["id"] for r in store.queue("ana", sort=sort, limit=100)]
            for offset in range(0, 12, 5):
                page = store.queue("ana", sort=sort, offset=offset, limit=5)
                assert [r["id"] for r in page] == whole[offset : offset + 5], (sort, offset)
            gone = store.queue("ana", sort=sort, offset=5, limit=5, after=999)
            assert [r["id"] for r in gone] == whole[5:10]


def _plans(store: Store, call) -> list[str]:  # type: ignore[no-untyped-def]
    """The query plans of the article selects `call` runs (with their parameters bound)."""
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        store.db.conn.set_trace_callback(None)
    selects = [s for s in statements if s.startswith("select a.id")]
    assert selects
    return [" | ".join(row[-1] for row in store.db.execute(f"explain query plan {s}")) for s in selects]


def test_every_page_of_every_order_is_a_range_of_an_index(tmp_path: Path) -> None:
    """No page sorts the articles or reads them from the start of an order: the first page
    and a page after any row are each one or more index ranges (migration 8)."""
    dates = [None, "2021-03-01", "2020-12-31"]
    with Store(tmp_path / "q.db") as store:
        store.add_articles(
            [
                ArticleRecord(
                    raw_text=f"R {i}.",
                    text=f"R {i}.",
                    source=None if i % 5 == 0 else f"S{i % 3}",
                    published_at=dates[i % 3],
                )
                for i in range(30)
            ]
        )
        index = {"id": "PRIMARY KEY", "date": "INDEX articles_by_date", "source": "INDEX articles_by_source"}
        for sort, used in index.items():
            for after in (None, 1, 2, 5, 7):
                plans = _plans(store, lambda: store.queue("ana", sort=sort, limit=3, after=after))  # noqa: B023
                for plan in plans:
                    first = plan.split(" | ")[0]
                    assert "TEMP B-TREE" not in plan, (sort, after, plan)
                    if after is not None or sort != "id":  # (the first page by id: the table itself)
                        assert first.startswith(("SEARCH a USING", "SCAN a USING")), (sort, plan)
                        assert used in first, (sort, plan)
                    if after is not None:
                        assert first.startswith("SEARCH a"), (sort, after, plan)


def test_counts_match_the_rows_listed(tmp_path: Path) -> None:
    """The count, read from the status rows and the search index, is the number of rows the
    queue lists, for every status and search, someone with no statuses and an unknown name."""
    with Store(tmp_path / "q.db") as store:
        texts = ["Kabul shelled.", "Clashes in Takhar.", "Kabul and Takhar.", "Quiet day."] * 5
        store.add_articles([ArticleRecord(raw_text=f"{t} {i}", text=f"{t} {i}") for i, t in enumerate(texts)])
        for article, status in ((1, "done"), (2, "in_progress"), (3, "todo"), (6, "done"), (7, "skipped")):
            store.set_status(article, "ana", status)
        store.annotator_id("bo")
        for who in ("ana", "bo", "nobody"):
            for status in (None, "todo", "in_progress", "done", "skipped"):
                for search in (None, "Kabul", "takhar kabul", "absent"):
                    listed = store.queue(who, status=status, search=search, limit=1000)
                    assert store.queue_count(who, status=status, search=search) == len(listed), (
                        who,
                        status,
                        search,
                    )


def test_migration_8_keeps_a_project_and_its_queue_order(tmp_path: Path) -> None:
    """A project at schema 7 gets the order indexes, loses the one-column ones, and lists its
    articles in the order it did."""
    import sqlite_utils

    from annotator.store import schema

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    schema.apply(db, upto=7)
    for n, (source, date) in enumerate([("B", "2021-01-02"), (None, "2021-01-03"), ("A", None), ("B", None)]):
        row = {"content_hash": str(n), "raw_text": "x", "text": "x", "imported_at": "t"}
        db["articles"].insert({**row, "source": source, "published_at": date})
    db.close()
    with Store(path) as store:
        assert store.schema_version == 8
        indexes = {index.name for index in store.db["articles"].indexes}
        assert {"articles_by_date", "articles_by_source"} <= indexes
        assert not {"idx_articles_published_at", "idx_articles_source"} & indexes
        assert [r["id"] for r in store.queue("ana", sort="date")] == [2, 1, 3, 4]
        assert [r["id"] for r in store.queue("ana", sort="source")] == [3, 1, 4, 2]


def test_a_search_pages_in_id_order_through_the_search_index(tmp_path: Path) -> None:
    """A search in id order reads ranges of the search index: the same rows as one query,
    with a status filter that drops most matches and a word in every article."""
    with Store(tmp_path / "q.db") as store:
        texts = [f"Report {i}: {'clashes in Takhar' if i % 3 else 'a quiet day'}." for i in range(60)]
        store.add_articles([ArticleRecord(raw_text=t, text=t) for t in texts])
        for article in range(1, 61, 4):
            store.set_status(article, "ana", "done")
        for search in ("Takhar", "report", "absent"):
            for status in (None, "done", "todo"):
                done = lambda i: i % 4 == 0  # noqa: E731
                expected = [
                    i + 1
                    for i, text in enumerate(texts)
                    if search.lower() in text.lower() and (status is None or done(i) == (status == "done"))
                ]
                paged: list[int] = []
                while True:
                    after = paged[-1] if paged else None
                    page = store.queue("ana", search=search, status=status, limit=4, after=after)
                    if not page:
                        break
                    paged += [r["id"] for r in page]
                assert paged == expected, (search, status)
                assert store.queue_count("ana", search=search, status=status) == len(expected)
        plans = _plans(store, lambda: store.queue("ana", search="Takhar", limit=4, after=8))
        assert all("TEMP B-TREE" not in plan and "LIST SUBQUERY" not in plan for plan in plans), plans


def test_a_search_in_every_order_pages_like_one_query_and_sees_new_articles(tmp_path: Path) -> None:
    """A search by date or source pages through the matches' ids read once: the pages equal one
    query, also with a status filter, and an article added (here or by another process) or a
    status changed since is seen on the next page."""
    dates = [None, "2021-03-01", "2020-12-31", "2021-03-01"]
    sources = ["B", None, "A"]
    with Store(tmp_path / "q.db") as store:
        store.add_articles(
            [
                ArticleRecord(
                    raw_text=f"Report {i}: {'clashes in Takhar' if i % 3 else 'a quiet day'}.",
                    text=f"Report {i}: {'clashes in Takhar' if i % 3 else 'a quiet day'}.",
                    published_at=dates[i % 4],
                    source=sources[i % 3],
                )
                for i in range(45)
            ]
        )
        for article in range(1, 46, 4):
            store.set_status(article, "ana", "done")
        for sort in ("date", "source"):
            for status in (None, "todo", "done"):
                whole = store.queue("ana", sort=sort, status=status, search="Takhar", limit=1000, offset=0)
                one = [r["id"] for r in store._queue_rows(*_one_query(store, sort, status))]
                assert [r["id"] for r in whole] == one, (sort, status)
                paged: list[int] = []
                while True:
                    after = paged[-1] if paged else None
                    page = store.queue("ana", sort=sort, status=status, search="Takhar", limit=4, after=after)
                    if not page:
                        break
                    paged += [r["id"] for r in page]
                assert paged == one, (sort, status)
        first = store.queue("ana", sort="date", search="Takhar", limit=3)
        [(new, _)] = store.add_articles([ArticleRecord(raw_text="Takhar again.", text="Takhar again.")])
        rest = store.queue("ana", sort="date", search="Takhar", limit=1000, after=first[-1]["id"])
        assert new in [r["id"] for r in rest]  # undated: last
        store.set_status(new, "ana", "done")
        assert new in [r["id"] for r in store.queue("ana", sort="date", status="done", search="Takhar")]
        with Store(tmp_path / "q.db") as other:
            [(theirs, _)] = other.add_articles(
                [ArticleRecord(raw_text="Takhar, theirs.", text="Takhar, theirs.")]
            )
        rest = store.queue("ana", sort="date", search="Takhar", limit=1000, after=first[-1]["id"])
        assert theirs in [r["id"] for r in rest]


def _one_query(store: Store, sort: str, status: str | None) -> tuple[str, list, str, int]:
    """The search as one query over the whole order (the reference the pages must equal)."""
    from annotator.store.queue import QUEUE_ORDERS

    where, params = store._queue_filter("ana", status, "Takhar")
    return where, [store.annotator_id_if_known("ana"), *params], QUEUE_ORDERS[sort].order_by(whole=True), 1000
