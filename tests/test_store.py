import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from annotator.core.errors import OffsetError, StoreError, UnknownAnnotatorError
from annotator.core.model import ArticleRecord
from annotator.store import Store, content_hash, schema


def record(text: str, **kw) -> ArticleRecord:
    return ArticleRecord(raw_text=text, text=text, **kw)


@pytest.fixture
def article(store: Store) -> int:
    [(article_id, _)] = store.add_articles(
        [record("Taliban fighters seized Qaisar district of Faryab on Sunday.", title="t")]
    )
    return article_id


def test_connection_settings(store: Store) -> None:
    assert store.db.execute("pragma foreign_keys").fetchone()[0] == 1
    assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("pragma busy_timeout").fetchone()[0] >= 5000
    assert store.schema_version == 8
    tables = set(store.db.table_names())
    assert {
        "articles",
        "annotators",
        "spans",
        "events",
        "event_arguments",
        "article_status",
        "history",
        "schema_version",
    } <= tables


def test_articles_are_deduplicated_by_content_hash(store: Store) -> None:
    first = store.add_articles([record("One."), record("Two."), record("One.")])
    assert [new for _, new in first] == [True, True, False]
    assert first[0][0] == first[2][0]
    again = store.add_articles([record("Two.")])
    assert again == [(first[1][0], False)]
    assert store.article_count() == 2
    assert store.article(first[0][0])["content_hash"] == content_hash("One.")


def test_span_round_trip_with_history(store: Store, article: int) -> None:
    span_id = store.add_span(
        article,
        "ana",
        24,
        37,
        "LOCATION",
        status="suggested",
        origin="rule:gazetteer",
        score=0.9,
        normalized={"admin1": "Faryab", "geo_precision": 2},
    )
    span = store.span(span_id)
    assert store.article(article)["text"][span["start"] : span["end"]] == "Qaisar distri"
    assert span["normalized"] == {"admin1": "Faryab", "geo_precision": 2}
    store.update_span(span_id, "ana", status="accepted", end=31)
    assert store.span(span_id)["status"] == "accepted"
    assert store.spans(article, annotator="ana", statuses=["accepted"])[0]["end"] == 31
    store.delete_span(span_id, "ana")
    assert store.spans(article) == []
    actions = [
        (h["action"], h["entity"]) for h in store.history(article_id=article) if h["entity"] == "spans"
    ]
    assert actions == [("insert", "spans"), ("update", "spans"), ("delete", "spans")]
    update = next(h for h in store.history(article_id=article) if h["action"] == "update")
    assert update["before"]["status"] == "suggested"
    assert update["after"]["status"] == "accepted"
    assert update["annotator_id"] == store.annotator_id("ana")


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 5), (10, 4), (0, 10_000)])
def test_offsets_outside_the_text_are_refused_and_nothing_is_written(
    store: Store, article: int, start: int, end: int
) -> None:
    history_before = len(store.history())
    with pytest.raises(OffsetError, match=f"article {article}: span"):
        store.add_span(article, "ana", start, end, "DATE")
    assert store.spans(article) == []
    assert len(store.history()) == history_before


def test_event_frame_round_trip(store: Store, article: int) -> None:
    actor = store.add_span(article, "ana", 0, 7, "ACTOR")
    place = store.add_span(article, "ana", 24, 30, "LOCATION")
    event_id = store.add_event(
        article,
        "ana",
        {
            "event_type": "Battles",
            "sub_event_type": "Non-state actor overtakes territory",
            "event_date": "2021-06-06",
            "time_precision": 1,
            "actor1": "Taliban",
            "inter1": 2,
            "actor2": "Military Forces of Afghanistan (2014-2021)",
            "inter2": 1,
            "country": "Afghanistan",
            "admin1": "Faryab",
            "admin2": "Qaisar",
            "location": "Qaisar",
            "latitude": 35.68,
            "longitude": 64.28,
            "geo_precision": 2,
            "fatalities": 12,
            "fatalities_low": 12,
            "fatalities_high": 12,
            "fatalities_rule": "dozens",
            "trigger_start": 17,
            "trigger_end": 23,
            "trigger_text": "seized",
            "status": "accepted",
        },
    )
    store.add_argument(event_id, "actor1", actor, "ana")
    store.add_argument(event_id, "location", place, "ana")
    with pytest.raises(StoreError, match="already the actor1"):
        store.add_argument(event_id, "actor1", actor, "ana")
    event = store.event(event_id)
    assert event["sub_event_type"] == "Non-state actor overtakes territory"
    assert event["latitude"] == pytest.approx(35.68)
    assert {a["role"] for a in store.arguments(event_id)} == {"actor1", "location"}
    store.update_event(event_id, "ana", fatalities=3, fatalities_rule="several")
    assert store.event(event_id)["fatalities"] == 3
    store.delete_span(place, "ana")  # its role link goes with it
    assert [a["role"] for a in store.arguments(event_id)] == ["actor1"]
    store.delete_event(event_id, "ana")
    assert store.events(article) == []
    assert store.db["event_arguments"].count == 0


def test_event_fields_are_checked(store: Store, article: int) -> None:
    with pytest.raises(StoreError, match="unknown event field"):
        store.add_event(article, "ana", {"colour": "red"})
    with pytest.raises(StoreError, match="'fatalities' must be int"):
        store.add_event(article, "ana", {"fatalities": "many"})
    assert store.events(article) == []


def test_article_status_and_counts(store: Store, article: int) -> None:
    store.add_articles([record("Another article.")])
    store.set_status(article, "ana", "in_progress", add_seconds=30)
    store.set_status(article, "ana", "done", add_seconds=12.5)
    store.set_status(article, "bo", "skipped")
    row = store.db["article_status"].get((article, store.annotator_id("ana")))
    assert row["status"] == "done"
    assert row["seconds"] == pytest.approx(42.5)
    assert store.status_counts() == {"ana": {"done": 1, "todo": 1}, "bo": {"skipped": 1, "todo": 1}}
    with pytest.raises(ValueError):
        store.set_status(article, "ana", "finished")


def test_setting_a_missing_publication_date_clears_the_flag(store: Store) -> None:
    [(article_id, _)] = store.add_articles([record("Undated.", flags=["no_publication_date"])])
    assert [a["id"] for a in store.articles_without_date()] == [article_id]
    store.set_published_at(article_id, "2021-07-07", "ana")
    assert store.articles_without_date() == []
    assert store.article(article_id)["flags"] == []


def test_a_failed_write_leaves_nothing_half_written(store: Store, article: int) -> None:
    spans_before = store.db["spans"].count
    history_before = store.db["history"].count
    with pytest.raises(StoreError), store.batch():
        store.add_span(article, "ana", 0, 7, "ACTOR")
        store.add_span(article, "ana", 0, 999, "ACTOR")  # out of range: the whole batch goes
    assert store.db["spans"].count == spans_before
    assert store.db["history"].count == history_before
    assert store.annotators() == []  # "ana" was created inside the failed batch
    store.add_span(article, "ana", 0, 7, "ACTOR")  # and is recreated cleanly afterwards
    assert store.db["spans"].count == spans_before + 1


def test_batch_groups_history_into_one_undo_step(store: Store, article: int) -> None:
    store.annotator_id("ana")
    with store.batch() as batch:
        store.add_span(article, "ana", 0, 7, "ACTOR")
        store.add_span(article, "ana", 24, 30, "LOCATION")
    rows = [h for h in store.history() if h["entity"] == "spans"]
    assert {h["batch"] for h in rows} == {batch}


def _old_project(path: Path) -> None:
    """A project file as the first released schema left it, with one article."""
    db = sqlite_utils.Database(path)
    schema.migrations.apply(db, stop_before="m002_queue_indexes_and_search")
    db["articles"].insert(
        {
            "content_hash": "x",
            "raw_text": "Old.",
            "text": "Old.",
            "imported_at": "2020-01-01T00:00:00",
        }
    )
    db.close()


def test_migration_backs_up_first_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_project(path)
    with Store(path) as store:
        assert store.schema_version == 8
        assert store.backup_path is not None and store.backup_path.exists()
        assert store.backup_path.name.startswith("old.db.") and store.backup_path.suffix == ".backup"
        assert store.article(1)["text"] == "Old."
        assert "articles_fts" in store.db.table_names()
    backup = sqlite3.connect(store.backup_path)
    assert backup.execute("select text from articles").fetchall() == [("Old.",)]
    assert "articles_fts" not in {r[0] for r in backup.execute("select name from sqlite_master")}
    with Store(path) as again:  # nothing pending: no new backup
        assert again.backup_path is None


def test_a_fresh_project_gets_no_backup(tmp_path: Path) -> None:
    with Store(tmp_path / "new.db") as store:
        assert store.backup_path is None
    assert list(tmp_path.glob("*.backup")) == []


def test_a_project_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store(path).close()
    db = sqlite_utils.Database(path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "annotator", "name": "m999_future", "applied_at": "2030-01-01"}
    )
    db.close()
    with pytest.raises(StoreError, match="newer annotator"):
        Store(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="not a usable annotator project"):
        Store(path)
    assert path.read_text().startswith("these are my notes")


def test_reopening_finds_everything(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store(path) as store:
        [(article_id, _)] = store.add_articles([record("Kabul was shelled.")])
        span_id = store.add_span(article_id, "ana", 0, 5, "LOCATION", status="accepted")
        store.set_status(article_id, "ana", "done")
        store.annotator_id("bo")  # on the team, has not opened the article
    with Store(path) as store:
        assert store.span(span_id)["label"] == "LOCATION"
        assert store.status(article_id, "ana") == "done"
        assert store.status(article_id, "bo") == "todo"
        with pytest.raises(UnknownAnnotatorError):  # reads never create an annotator
            store.status(article_id, "nobody")


def test_queue_filters_search_and_sorts(store: Store) -> None:
    store.add_articles(
        [
            record("Kabul blast kills four.", title="Kabul", source="AFP", published_at="2021-06-07"),
            record("Clashes in Takhar.", title="Takhar", source="ANI", published_at="2020-10-22"),
            record("Undated report on Qala-e-Naw.", title="Badghis"),
        ]
    )
    store.set_status(2, "ana", "done")
    titles = lambda rows: [r["title"] for r in rows]  # noqa: E731
    assert titles(store.queue("ana", sort="date")) == ["Kabul", "Takhar", "Badghis"]
    assert titles(store.queue("ana", sort="source")) == ["Kabul", "Takhar", "Badghis"]
    assert titles(store.queue("ana", status="todo")) == ["Kabul", "Badghis"]
    assert store.queue("ana", status="done")[0]["status"] == "done"
    assert titles(store.queue("ana", search="qala-e-naw")) == ["Badghis"]
    assert titles(store.queue("ana", search='kills "four')) == ["Kabul"]
    assert store.queue_count("ana", status="todo") == 2
    assert titles(store.queue("ana", offset=1, limit=1)) == ["Takhar"]


@pytest.mark.parametrize(("start", "end"), [(0, 99), (-1, 3), (5, 5), (7, 2), (None, 4), (3, None)])
def test_a_frame_trigger_outside_the_text_is_refused(store: Store, start, end) -> None:
    [(article, _)] = store.add_articles([ArticleRecord(raw_text="Troops fired.", text="Troops fired.")])
    with pytest.raises(OffsetError) as caught:
        store.add_event(article, "ana", {"event_type": "Battles", "trigger_start": start, "trigger_end": end})
    assert str(caught.value) == (
        f"article {article}: the frame's trigger [{start}, {end}) is outside its text (0..13 characters)"
    )
    assert store.events(article) == []
    event = store.add_event(article, "ana", {"event_type": "Battles", "trigger_start": 7, "trigger_end": 12})
    with pytest.raises(OffsetError):
        store.update_event(event, "ana", trigger_end=40)
    assert store.event(event)["trigger_end"] == 12


def test_emptying_the_redo_stack_reads_only_the_redo_stack(store: Store) -> None:
    """Every undoable write runs this statement; through the partial index (migration 7) it
    costs the size of the redo stack, not of the annotator's whole history."""
    plan = store.db.execute(
        "explain query plan update history set undone = -1 where annotator_id = ? and undone > 0", [1]
    ).fetchall()
    assert any("USING INDEX history_redo" in row[-1] for row in plan), plan


def test_an_article_id_given_again_after_a_rolled_back_batch_checks_offsets_against_its_own_text(
    store: Store,
) -> None:
    """Text lengths are kept per article id; a rolled-back batch forgets those it read, since
    the ids of the articles it added are given again."""
    with pytest.raises(RuntimeError), store.batch():
        [(first, _)] = store.add_articles([ArticleRecord(raw_text="Short.", text="Short.")])
        store.add_span(first, "ana", 0, 5, "ACTOR")
        raise RuntimeError("the batch fails")
    longer = "A much longer text than the first one."
    [(again, _)] = store.add_articles([ArticleRecord(raw_text=longer, text=longer)])
    assert again == first
    store.add_span(again, "ana", 7, 13, "ACTOR")  # past the rolled-back text's end
    with pytest.raises(OffsetError) as caught:
        store.add_span(again, "ana", 30, 39, "ACTOR")
    assert str(caught.value) == f"article {again}: span [30, 39) is outside its text (0..38 characters)"
