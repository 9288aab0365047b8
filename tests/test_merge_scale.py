"""`annotator merge` does work linear in the pairs it merges, and writes what the one-row
merge it replaced wrote, row for row (`tests/merge_reference.py`).

The work is counted on every connection the merge opens: SQL statements (the trace
callback, once per executed statement and per row of an executemany) and SQLite VM
instructions (the progress handler), so a per-row statement whose cost grows with the
project (the old merge's `update history ... where annotator_id = ?` after every row)
shows as superlinear without timing anything.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from merge_reference import reference_merge

from annotator.core.errors import OffsetError
from annotator.core.model import ArticleRecord
from annotator.store import Store, opening
from annotator.team.merge import MergeSummary, merge

STEP = 1000  # VM instructions per progress-handler call
LABELS = ["ACTOR", "LOCATION", "DATE", "CASUALTY", "PERSON"]
WORDS = ["militants", "attacked", "a", "checkpoint", "near", "the", "district", "centre", "on", "Monday"]


def article_text(n: int) -> str:
    rng = random.Random(n)
    return f"Report {n}: " + " ".join(rng.choice(WORDS) for _ in range(60)) + "."


def words(text: str) -> list[tuple[int, int]]:
    found, at = [], 0
    for word in text.split(" "):
        found.append((at, at + len(word)))
        at += len(word) + 1
    return found


def code_article(store: Store, article_id: int, name: str, rng: random.Random, *, spans: int) -> None:
    """One analyst's work on one article through the store's one-row API, with edits."""
    text = store.article(article_id)["text"]
    with store.batch():
        ids = [
            store.add_span(article_id, name, start, end, rng.choice(LABELS), score=rng.choice([None, 0.5]))
            for start, end in sorted(rng.sample(words(text), spans))
        ]
        store.update_span(ids[0], name, label="DATE", normalized={"value": "2021-07-05"})
        store.delete_span(ids.pop(), name)
        for frame in range(2):
            event = store.add_event(
                article_id,
                name,
                {
                    "trigger_start": 0,
                    "trigger_end": 6,
                    "event_type": "Battles",
                    "event_date": "2021-07-05",
                    "fatalities": rng.randint(0, 9),
                    "status": rng.choice(["accepted", "manual"]),
                },
            )
            for role, span in zip(("actor1", "location", "date"), ids[frame::2], strict=False):
                store.add_argument(event, role, span, name)
        if rng.random() < 0.8:
            store.set_status(
                article_id, name, rng.choice(["done", "in_progress"]), add_seconds=rng.random() * 90
            )


def analyst_file(path: Path, name: str, articles: range, *, spans: int = 8, seed: int = 0) -> Path:
    rng = random.Random(f"{name}-{seed}")
    with Store(path) as store:
        ids = store.add_articles(
            ArticleRecord(raw_text=article_text(n), text=article_text(n), title=f"Report {n}")
            for n in articles
        )
        for article_id, _ in ids:
            code_article(store, article_id, name, rng, spans=spans)
    return path


def two_analysts(folder: Path, pairs: int) -> list[Path]:
    folder.mkdir()
    half = range(pairs // 2)
    return [analyst_file(folder / "ana.db", "ana", half), analyst_file(folder / "bo.db", "bo", half)]


@pytest.fixture
def count_work(monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[Any, dict[str, int]]]:
    """Run a function: its result, and the statements and VM instructions of every connection
    opened since this fixture began (the team's, opened before, and the sources' in the merge)."""
    counts = {"statements": 0, "steps": 0}
    real = opening.connect

    def tick() -> int:
        counts["steps"] += STEP
        return 0

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real(*args, **kwargs)
        conn.set_trace_callback(lambda _sql: counts.__setitem__("statements", counts["statements"] + 1))
        conn.set_progress_handler(tick, STEP)
        return conn

    monkeypatch.setattr(opening, "connect", connect)

    def run(work: Callable[..., Any], *args: Any) -> tuple[Any, dict[str, int]]:
        counts.update(statements=0, steps=0)
        result = work(*args)
        return result, dict(counts)

    return run


def rows_written(team: Path) -> int:
    with sqlite3.connect(team) as conn:
        tables = ("articles", "spans", "events", "event_arguments", "article_status", "history")
        return sum(conn.execute(f"select count(*) from {t}").fetchone()[0] for t in tables)


def test_merge_work_grows_linearly_with_the_pairs(tmp_path: Path, count_work) -> None:
    measured = {}
    for pairs in (20, 40):
        sources = two_analysts(tmp_path / f"sources-{pairs}", pairs)
        with Store(tmp_path / f"team-{pairs}.db") as team:
            summary, measured[pairs] = count_work(merge, team, sources)
        assert summary.merged == pairs and not summary.conflicts
        measured[pairs]["rows"] = rows_written(tmp_path / f"team-{pairs}.db")
    small, large = measured[20], measured[40]
    assert large["steps"] <= 2 * small["steps"] + 50 * STEP, measured
    assert large["statements"] <= 2 * small["statements"] + 50, measured
    # about one statement per row written (an executemany counts once per row), not one per lookup
    assert large["statements"] - small["statements"] <= 1.5 * (large["rows"] - small["rows"]), measured


# -- the same rows as the one-row merge -----------------------------------------------------------
def _without_times(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if k not in {"created_at", "updated_at"}}
    return value


def _history(conn: sqlite3.Connection) -> dict[Any, list[dict[str, Any]]]:
    """Each annotator's history in order, batches numbered by first appearance; the time kept
    only where it comes from a source (merged rows); rows without an annotator (articles
    added) per article, without their batch, which no undo reads."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    batches: dict[Any, dict[str, int]] = {}
    for row in conn.execute("select * from history order by id"):
        entry = {k: v for k, v in dict(row).items() if k not in {"id", "at", "batch", "before", "after"}}
        entry.update(
            before=_without_times(json.loads(row["before"] or "null")),
            after=_without_times(json.loads(row["after"] or "null")),
        )
        if row["action"].startswith("merged:"):
            entry["at"] = row["at"]
        key = row["annotator_id"] if row["annotator_id"] is not None else ("article", row["article_id"])
        if row["annotator_id"] is not None:
            numbers = batches.setdefault(key, {})
            entry["batch"] = numbers.setdefault(row["batch"], len(numbers))
        groups.setdefault(key, []).append(entry)
    return groups


def snapshot(path: Path) -> dict[str, Any]:
    """Every row a merge writes, without the times and batch ids that differ between runs."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:

        def table(name: str, order: str, skip: set[str] = set()) -> list[dict[str, Any]]:  # noqa: B006
            rows = conn.execute(f"select * from {name} order by {order}")
            return [
                {k: v for k, v in dict(row).items() if k not in skip | {"created_at", "updated_at"}}
                for row in rows
            ]

        return {
            "articles": table("articles", "id", {"imported_at"}),
            "annotators": table("annotators", "id"),
            "spans": table("spans", "id"),
            "events": table("events", "id"),
            "event_arguments": table("event_arguments", "id"),
            "article_status": table("article_status", "article_id, annotator_id"),
            "history": _history(conn),
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def merge_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """A team project holding work already and 200 incoming pairs, with every case:
    new articles, articles the team has, unchanged pairs, conflicts, pairs without status,
    a team status row with seconds already banked, a role linked to a suggester's span."""
    folder = tmp_path_factory.mktemp("merge-case")
    ana = analyst_file(folder / "ana.db", "ana", range(100))
    bo = analyst_file(folder / "bo.db", "bo", range(50, 155))
    with Store(bo) as store:  # bo's frame on article 1 links a suggestion, which merge leaves out
        store.replace_suggestions(
            1, "suggester", "v1", "rules", [{"start": 0, "end": 6, "label": "ACTOR"}], []
        )
        suggested = store.spans(1, annotator="suggester")[0]["id"]
        store.add_argument(store.events(1, annotator="bo")[0]["id"], "actor2", suggested, "bo")
    laptop = analyst_file(folder / "laptop.db", "ana", range(90, 100), seed=1)  # ana elsewhere: conflicts
    team = folder / "team.db"
    with Store(team) as store:
        earlier = [
            analyst_file(folder / "cy.db", "cy", range(95, 100)),
            analyst_file(folder / "ana-5.db", "ana", range(5)),
        ]
        merge(store, earlier)  # ana's first five articles, as in ana.db: unchanged
        store.set_status(store.article_id_for_text(article_text(96)), "bo", "todo", add_seconds=12.5)
    return team, [ana, bo, laptop]


def merged_by(method: Callable[[Store, list[Path]], MergeSummary], case, folder: Path) -> Iterator[Any]:
    team, sources = case
    copy = folder / "team.db"
    shutil.copy(team, copy)
    with Store(copy) as store:
        first = method(store, sources)
    yield (first.line(), first.conflicts), snapshot(copy)
    with Store(copy) as store:
        again = method(store, sources[:2])
        store.undo("ana")  # the latest pair ana's merge copied, as one step
    yield (again.line(), again.conflicts), snapshot(copy)


def test_merge_writes_the_rows_the_one_row_merge_wrote(merge_case, tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    expected = list(merged_by(reference_merge, merge_case, tmp_path / "old"))
    actual = list(merged_by(merge, merge_case, tmp_path / "new"))
    (summary, rows), (again, _) = expected
    assert (
        summary[0] == "merged 200 annotator-article pairs (145 new articles), 5 already there, 10 conflicts"
    )
    # bo's article 1 again: its role on the suggester's span was not copied, so it differs (as it did)
    assert again[0] == "merged 0 annotator-article pairs (0 new articles), 204 already there, 1 conflicts"
    assert len(rows["articles"]) == 155 and len(rows["spans"]) > 1400
    for (want_summary, want), (got_summary, got) in zip(expected, actual, strict=True):
        assert got_summary == want_summary
        for table in want:
            assert got[table] == want[table], table


@pytest.mark.parametrize(
    ("table", "column", "what"), [("spans", "end", "span"), ("events", "trigger_end", "the frame's trigger")]
)
def test_a_page_with_a_bad_span_is_refused_whole_and_names_it(
    tmp_path: Path, table: str, column: str, what: str
) -> None:
    """A span or trigger a damaged or foreign source holds outside its article's text: the
    error names the article and the text's length, and nothing of that page is written (the
    one-row merge had committed the pairs before it and added the article)."""
    source = analyst_file(tmp_path / "ana.db", "ana", range(3))
    length = len(article_text(2))
    with sqlite3.connect(source) as conn:  # what no annotator command can store
        conn.execute(
            f"update {table} set [{column}] = ? where id = (select max(id) from {table})", [length + 5]
        )
    with Store(tmp_path / "team.db") as team:
        before = snapshot(tmp_path / "team.db")
        with pytest.raises(OffsetError) as error:
            merge(team, [source])
    assert str(error.value).startswith(f"article 3: {what} [")
    assert str(error.value).endswith(f", {length + 5}) is outside its text (0..{length} characters)")
    assert snapshot(tmp_path / "team.db") == before
