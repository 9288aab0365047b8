"""Undo and redo from the history log, across articles and reopened projects."""

from pathlib import Path

from annotator.core.model import ArticleRecord
from annotator.store import Store


def two_articles(store: Store) -> tuple[int, int]:
    rows = store.add_articles(
        [
            ArticleRecord(raw_text=t, text=t)
            for t in ("Kabul was shelled on Monday.", "Taliban seized Qaisar.")
        ]
    )
    return rows[0][0], rows[1][0]


def test_undo_and_redo_each_kind_of_change(store: Store) -> None:
    first, _ = two_articles(store)
    span = store.add_span(first, "ana", 0, 5, "LOCATION", status="suggested")
    store.update_span(span, "ana", status="accepted")
    event = store.add_event(first, "ana", {"event_type": "Explosions/Remote violence"})
    store.add_argument(event, "location", span, "ana")
    store.set_status(first, "ana", "done")

    assert store.undo("ana").entity == "article_status"
    assert store.status(first, "ana") == "todo"
    assert store.undo("ana").entity == "event_arguments"
    assert store.arguments(event) == []
    store.undo("ana")  # the event
    assert store.events(first) == []
    store.undo("ana")  # the status change of the span
    assert store.span(span)["status"] == "suggested"
    store.undo("ana")  # the span itself
    assert store.spans(first) == []
    assert store.undo("ana") is None

    for _ in range(5):
        store.redo("ana")
    assert store.span(span)["status"] == "accepted"
    assert [a["role"] for a in store.arguments(event)] == ["location"]
    assert store.status(first, "ana") == "done"
    assert store.redo("ana") is None


def test_deleting_a_span_with_its_role_links_is_one_step(store: Store) -> None:
    first, _ = two_articles(store)
    span = store.add_span(first, "ana", 0, 5, "LOCATION")
    event = store.add_event(first, "ana", {"event_type": "Battles"})
    store.add_argument(event, "location", span, "ana")
    store.delete_span(span, "ana")
    change = store.undo("ana")
    assert change.rows == 2
    assert store.span(span)["label"] == "LOCATION"
    assert [a["span_id"] for a in store.arguments(event)] == [span]


def test_a_new_action_empties_the_redo_stack(store: Store) -> None:
    first, _ = two_articles(store)
    store.add_span(first, "ana", 0, 5, "LOCATION")
    store.undo("ana")
    assert store.can_redo("ana")
    store.add_span(first, "ana", 6, 9, "WEAPON")
    assert not store.can_redo("ana")
    assert store.redo("ana") is None


def test_undo_crosses_articles_and_annotators_stay_apart(store: Store) -> None:
    first, second = two_articles(store)
    store.add_span(first, "ana", 0, 5, "LOCATION")
    store.add_span(second, "ana", 0, 7, "ACTOR")
    store.add_span(second, "bo", 15, 21, "LOCATION")
    change = store.undo("ana")
    assert change.article_id == second
    assert [s["label"] for s in store.spans(second)] == ["LOCATION"]  # bo's span stays
    assert store.undo("ana").article_id == first
    assert store.spans(first) == []


def test_undo_after_reopening_the_project(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        first, _ = two_articles(store)
        span = store.add_span(first, "ana", 0, 5, "LOCATION", status="suggested")
        store.update_span(span, "ana", label="ACTOR")
    with Store(tmp_path / "p.db") as store:
        store.undo("ana")
        assert store.span(span)["label"] == "LOCATION"
        audit = [h["undone"] for h in store.history(annotator="ana") if h["entity"] == "spans"]
        assert audit == [0, 1]  # the undone change stays in the audit trail


def test_setting_a_publication_date_can_be_undone(store: Store) -> None:
    [(article, _)] = store.add_articles(
        [ArticleRecord(raw_text="x", text="x", flags=["no_publication_date"])]
    )
    store.set_published_at(article, "2021-07-07", "ana")
    store.undo("ana")
    assert store.article(article)["published_at"] is None
    assert store.article(article)["flags"] == ["no_publication_date"]


def test_an_id_freed_by_a_delete_is_never_reused_so_undo_always_works(store: Store) -> None:
    first, second = two_articles(store)
    span = store.add_span(first, "ana", 0, 5, "LOCATION", status="manual")
    store.delete_span(span, "ana")
    other = store.add_span(second, "suggester", 0, 7, "ACTOR", status="suggested")  # a background run
    assert other != span
    assert store.undo("ana").entity == "spans"  # the delete is undone: span comes back with its id
    assert store.span(span)["label"] == "LOCATION"


def test_redo_of_a_first_status_after_reopening(store: Store) -> None:
    first, _ = two_articles(store)
    store.set_status(first, "ana", "done")  # inserts the status row
    store.undo("ana")
    store.set_status(first, "ana", "in_progress", automatic=True)  # opening the article again
    store.redo("ana")
    assert store.status(first, "ana") == "done"


def test_migrating_to_autoincrement_keeps_data_and_links(tmp_path: Path) -> None:
    import sqlite_utils

    from annotator.store import schema

    path = tmp_path / "v4.db"
    db = sqlite_utils.Database(path)
    schema.migrations.apply(db, stop_before="m005_ids_never_reused")
    db.close()
    with Store(path) as store:  # v4 → v5 with a backup first
        pass
    with Store(tmp_path / "fresh.db") as fresh:
        fresh_sql = fresh.db.execute("select sql from sqlite_master where name = 'spans'").fetchone()[0]
    assert "AUTOINCREMENT" in fresh_sql
    path2 = tmp_path / "v4b.db"
    db = sqlite_utils.Database(path2)
    schema.migrations.apply(db, stop_before="m005_ids_never_reused")
    db["articles"].insert({"content_hash": "h", "raw_text": "Kabul", "text": "Kabul", "imported_at": "x"})
    db["annotators"].insert({"name": "ana", "kind": "human", "created_at": "x"})
    db["spans"].insert(
        {
            "article_id": 1,
            "annotator_id": 1,
            "start": 0,
            "end": 5,
            "label": "LOCATION",
            "status": "manual",
            "created_at": "x",
        }
    )
    db["events"].insert({"article_id": 1, "annotator_id": 1, "status": "manual", "created_at": "x"})
    db["event_arguments"].insert({"event_id": 1, "role": "location", "span_id": 1})
    db.close()
    with Store(path2) as store:
        assert store.backup_path is not None
        assert store.schema_version == 8
        assert [a["span_id"] for a in store.arguments(1)] == [1]
        assert store.db.execute("pragma foreign_keys").fetchone()[0] == 1
        new = store.add_span(1, "ana", 0, 5, "PERSON")
        assert new == 2
