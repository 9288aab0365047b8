"""Two writers wait for each other, they never fail: importers, a suggest run and an annotator's
session write to one project file at once and every row arrives; a lock held past the busy
timeout is one plain error with nothing written."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.codebook import load_codebook
from annotator.core.errors import StoreError
from annotator.core.model import ArticleRecord
from annotator.paths import default_codebook_path
from annotator.store import Store, base
from annotator.workspace.session import Session

ARTICLES_PER_IMPORTER = 300
# the importer as a user runs it, with batches small enough that the writers interleave
IMPORTER = (
    "import sys; import annotator.services.importing as importing; importing.BATCH_SIZE = 10; "
    "from annotator.cli import main; sys.argv = ['annotator', *sys.argv[1:]]; main()"
)


def _articles(path: Path, prefix: str) -> Path:
    lines = (
        json.dumps(
            {"title": f"{prefix} {i}", "text": f"{prefix} report {i}: clashes in Kabul killed {i} people."}
        )
        for i in range(ARTICLES_PER_IMPORTER)
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _start(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    _, err = process.communicate(timeout=120)
    return process.returncode, err


@pytest.mark.slow
def test_two_imports_a_suggest_run_and_a_session_at_once_all_arrive(tmp_path: Path, project: Path) -> None:
    first = _articles(tmp_path / "first.jsonl", "North")
    second = _articles(tmp_path / "second.jsonl", "South")
    with Store(project) as store:
        before = store.article_count()
    importers = [
        _start("-c", IMPORTER, "import", str(path), "--db", str(project), cwd=tmp_path)
        for path in (first, second)
    ]
    with Store(project) as store:
        while store.article_count() == before and all(p.poll() is None for p in importers):
            time.sleep(0.02)  # the imports have begun writing
        suggest = _start(
            "-m", "annotator", "suggest", "--model", "rules-only", "--db", str(project), cwd=tmp_path
        )
        session = Session(store, "ana", load_codebook(default_codebook_path()))
        decided = []
        for article_id in store.article_ids()[:before]:
            session.open(article_id)
            assert session.state is not None
            suggestion = next((s for s in session.state.spans if s.is_suggestion), None)
            if suggestion is None:
                continue
            decided.append((article_id, session.state.text[suggestion.start : suggestion.end]))
            session.accept(suggestion.key)
            session.mark_done()
    assert len(decided) >= 3
    results = [_finish(p) for p in [*importers, suggest]]
    assert [code for code, _ in results] == [0, 0, 0], [err for _, err in results]
    with Store(project) as store:
        assert store.article_count() == before + 2 * ARTICLES_PER_IMPORTER
        titles = {row["title"] for row in store.db["articles"].rows}
        assert {f"{p} {i}" for p in ("North", "South") for i in range(ARTICLES_PER_IMPORTER)} <= titles
        for article_id, text in decided:
            mine = [s for s in store.spans(article_id, annotator="ana") if s["status"] == "accepted"]
            assert text in {store.article(article_id)["text"][s["start"] : s["end"]] for s in mine}
            assert store.status(article_id, "ana") == "done"


@pytest.mark.slow
def test_two_imports_of_one_file_store_each_article_once(tmp_path: Path) -> None:
    project = tmp_path / "p.db"
    Store(project).close()
    same = _articles(tmp_path / "same.jsonl", "Same")
    importers = [
        _start("-c", IMPORTER, "import", str(same), "--db", str(project), cwd=tmp_path) for _ in range(2)
    ]
    assert [_finish(p)[0] for p in importers] == [0, 0]
    with Store(project) as store:
        assert store.article_count() == ARTICLES_PER_IMPORTER
        assert store.db.execute("select count(*) from history where entity = 'articles'").fetchone()[0] == (
            ARTICLES_PER_IMPORTER
        )


LOCKED = (
    "{path}: another process holds the project's write lock (still after 0.2 s), so nothing was "
    "changed; run the command again when that process (an import, a suggest run or another annotator "
    "window on this project) has finished"
)


def _held_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("insert into settings (key, value) values ('held', 'by another process')")
    return other


def test_a_write_blocked_past_the_timeout_is_one_error_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "BUSY_TIMEOUT_SECONDS", 0.2)
    path = tmp_path / "p.db"
    with Store(path) as store:
        [(article_id, _)] = store.add_articles([ArticleRecord(raw_text="Kabul.", text="Kabul.")])
        store.annotator_id("ana")
        other = _held_write_lock(path)
        try:
            assert store.article_count() == 1  # reads go on during the other process's write
            started = time.monotonic()
            with pytest.raises(StoreError) as raised, store.batch():  # two writes: neither may stay
                store.add_span(article_id, "ana", 0, 5, "LOCATION")
                store.set_status(article_id, "ana", "done")
            assert time.monotonic() - started >= 0.2  # it waited first
            assert str(raised.value) == LOCKED.format(path=path)
            for write in (
                lambda: store.add_articles([ArticleRecord(raw_text="Herat.", text="Herat.")]),
                lambda: store.set_setting("model", "rules-only"),
                lambda: store.annotator_id("bo"),
            ):
                with pytest.raises(StoreError, match="another process holds the project's write lock"):
                    write()
        finally:
            other.rollback()
            other.close()
        assert store.spans(article_id) == []
        assert store.status(article_id, "ana") == "todo"
        assert store.article_count() == 1 and store.setting("model") is None
        assert [a["name"] for a in store.annotators()] == ["ana"]
        store.add_span(article_id, "ana", 0, 5, "LOCATION")  # once the lock is free, writes go through
        assert len(store.spans(article_id)) == 1


def test_a_nested_batch_is_a_savepoint_of_the_outer_transaction(store: Store) -> None:
    [(article_id, _)] = store.add_articles([ArticleRecord(raw_text="Kabul.", text="Kabul.")])
    with store.batch():
        store.add_span(article_id, "ana", 0, 5, "LOCATION")
        with pytest.raises(StoreError), store.batch():
            store.add_span(article_id, "ana", 0, 1, "LOCATION")
            store.add_span(article_id, "ana", 0, 99, "LOCATION")  # outside the text: refused
        assert store.db.conn.in_transaction  # still the outer one
    assert [(s["start"], s["end"]) for s in store.spans(article_id)] == [(0, 5)]


def test_changes_read_the_row_they_log_under_the_write_lock(store: Store, monkeypatch) -> None:
    """The history's `before` of an update or delete is read inside the write transaction, so
    another writer cannot change the row between the read and the write (undo would restore a
    value that was never there)."""
    text = "Rebels shelled Aleppo."
    [(article, _)] = store.add_articles([ArticleRecord(raw_text=text, text=text)])
    first = store.add_span(article, "ana", 0, 6, "ACTOR")
    second = store.add_span(article, "ana", 15, 21, "LOCATION")
    event = store.add_event(article, "ana", {"event_type": "Battles", "status": "accepted"})
    second_event = store.add_event(article, "ana", {"event_type": "Battles", "status": "accepted"})
    reads: list[bool] = []
    span, event_of = type(store).span, type(store).event

    def spy_span(self, ident):
        reads.append(self.db.conn.in_transaction)
        return span(self, ident)

    def spy_event(self, ident):
        reads.append(self.db.conn.in_transaction)
        return event_of(self, ident)

    monkeypatch.setattr(type(store), "span", spy_span)
    monkeypatch.setattr(type(store), "event", spy_event)
    store.update_span(first, "ana", label="LOCATION")
    store.delete_span(second, "ana")
    store.update_event(event, "ana", fatalities=3)
    store.delete_event(second_event, "ana")
    assert reads and all(reads), reads
