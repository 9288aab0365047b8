"""The article queue with 100,000 news-length articles (3-6 KB of text each, one in ten
without a title, so shown by its opening): opening it, scrolling page by page in each order,
with a status filter and with a search, and the first page after each change, in the real
`QueueModel`.

Baseline in the same run, rounds alternating which runs first: the least any store could do
for a page, a bare keyset select of the shown columns of the next 500 rows in id order.
Scrolling is timed over every page, `--rounds` times: the median page of each round and its
worst page, each the median over rounds. The target for every page is 16 ms (one frame).

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/bench_queue.py [--articles 100000] [--rounds 3]
      [--keep FILE]  (build the project once into FILE and reuse it on later runs)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex

from annotator.core.model import ArticleRecord
from annotator.gui.qt_queue import QueueModel
from annotator.store import Store

PLACES = ["Kabul", "Kunduz", "Faryab", "Ghor", "Balkh", "Badghis", "Takhar", "Helmand"]
SENTENCES = [
    "Taliban fighters attacked a checkpoint in {place} district late on Sunday, officials said.",
    "At least {k} members of the security forces were killed and {w} wounded in the clashes.",
    "A roadside bomb struck a police vehicle on the main road to {place}, killing {k} people.",
    "Government troops launched an operation to recapture the district, the ministry said.",
    "The provincial governor said reinforcements had arrived and the fighting continued.",
    "Residents said dozens of families had fled to the provincial capital over the weekend.",
    "A spokesman for the group claimed responsibility in a statement posted online.",
]


def news_text(n: int, rng: random.Random) -> str:
    """A news-length article: paragraphs of 2-4 sentences until 3-6 KB."""
    size, paragraphs, length = rng.randint(3000, 6000), [], 0
    while length < size:
        paragraph = " ".join(
            rng.choice(SENTENCES).format(place=rng.choice(PLACES), k=rng.randint(1, 60), w=rng.randint(1, 90))
            for _ in range(rng.randint(2, 4))
        )
        paragraphs.append(paragraph)
        length += len(paragraph) + 1
    return f"Report {n}: " + "\n".join(paragraphs)


def fill(store: Store, count: int) -> None:
    rng = random.Random(5)
    batch = []
    for n in range(count):
        text = news_text(n, rng)
        batch.append(
            ArticleRecord(
                raw_text=text,
                text=text,
                title=None if n % 10 == 9 else f"Report {n}",
                source=f"S{n % 37}",
                published_at=f"2021-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            )
        )
        if len(batch) == 5000:
            store.add_articles(batch)
            batch.clear()
    store.add_articles(batch)
    for article in range(1, count, 3):
        store.db["article_status"].insert(
            {
                "article_id": article,
                "annotator_id": store.annotator_id("ana"),
                "status": "done",
                "seconds": 0.0,
            }
        )


def timed(function) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def bare_pages(store: Store) -> list[float]:
    """Seconds per page of the least a store can do: a keyset select of the shown columns."""
    pages, last = [], 0
    while True:
        start = time.perf_counter()
        rows = store.db.execute(
            "select id, title, source, published_at from articles where id > ? order by id limit 500", [last]
        ).fetchall()
        pages.append(time.perf_counter() - start)
        if not rows:
            return pages
        last = rows[-1][0]


#: What is scrolled: a name and the queue's filters.
SCROLLS = {
    "by number": {"sort": "id"},
    "by date": {"sort": "date"},
    "todo only, by source": {"status": "todo", "sort": "source"},
    "search 'Takhar' (85% of articles), by number": {"search": "Takhar", "sort": "id"},
    "search 'Takhar', by date": {"search": "Takhar", "sort": "date"},
}


def scroll(model: QueueModel, filters: dict[str, str]) -> tuple[float, list[float]]:
    """Seconds of the first page after the filter change (count included), and per page after
    it while scrolling the whole queue."""
    first = timed(lambda: model.reload(**{"status": None, "search": None, **filters}))
    pages = []
    while model.canFetchMore(QModelIndex()):
        pages.append(timed(lambda: model.fetchMore(QModelIndex())))
    return first, pages


def ms(seconds: float) -> float:
    return seconds * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="project file to build once and reuse")
    args = parser.parse_args()
    QCoreApplication.instance() or QCoreApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "q.db"
        fresh = not path.exists()
        with Store(path) as store:
            if fresh:
                fill(store, args.articles)
            count = store.article_count()
            rows = run(store, args.rounds)
    print(f"{count} news-length articles, pages of 500 rows, median of {args.rounds} rounds; times in ms")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    print(table(rows))


def run(store: Store, rounds: int) -> list[tuple[str, float, float, str]]:
    holder: dict[str, QueueModel] = {}
    bare_first = timed(
        lambda: store.db.execute(
            "select id, title, source, published_at from articles order by id limit 500"
        ).fetchall()
    )
    open_time = timed(lambda: holder.setdefault("model", QueueModel(store, "ana")))
    model = holder["model"]
    firsts: dict[str, list[float]] = {name: [] for name in SCROLLS}
    medians: dict[str, list[float]] = {name: [] for name in SCROLLS}
    worsts: dict[str, list[float]] = {name: [] for name in SCROLLS}
    bare_medians: list[float] = []
    bare_worsts: list[float] = []
    for round_ in range(rounds):
        if round_ % 2 == 0:  # alternate which runs first
            bare = bare_pages(store)
        for name, filters in SCROLLS.items():
            # a write, as opening an article makes one: nothing the store keeps between
            # pages (a search's ordered matches) outlives it, so each first page is read afresh
            store.set_setting("bench_queue_round", f"{round_} {name}")
            first, pages = scroll(model, filters)
            firsts[name].append(first)
            medians[name].append(statistics.median(pages))
            worsts[name].append(max(pages))
        if round_ % 2:
            bare = bare_pages(store)
        bare_medians.append(statistics.median(bare))
        bare_worsts.append(max(bare))
    bare_median, bare_worst = statistics.median(bare_medians), statistics.median(bare_worsts)
    rows = [("open the queue (count + first page)", ms(open_time), ms(bare_first), "< 16 ms")]
    for name in SCROLLS:
        rows += [
            (
                f"{name}: first page after the change (count + page)",
                ms(statistics.median(firsts[name])),
                ms(bare_first),
                "< 16 ms",
            ),
            (f"{name}: one page, median", ms(statistics.median(medians[name])), ms(bare_median), "< 16 ms"),
            (f"{name}: worst page", ms(statistics.median(worsts[name])), ms(bare_worst), "< 16 ms"),
        ]
    return rows


def table(rows: list[tuple[str, float, float, str]]) -> str:
    lines = ["| measure | annotator | baseline | ratio | target |", "|---|---:|---:|---:|---|"]
    for name, value, base, target in rows:
        met = "met" if value < 16 else "missed"
        lines.append(f"| {name} | {value:.1f} | {base:.1f} | {value / base:.1f}× | {target} ({met}) |")
    lines.append("")
    lines.append(
        "baseline: a bare keyset select of the shown columns of 500 rows in id order "
        "(first page: of the first 500)"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
