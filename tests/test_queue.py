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
