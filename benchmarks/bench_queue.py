"""The article queue with 100,000 news-length articles (3-6 KB of text each, one in ten
without a title, so shown by its opening): opening it, scrolling page by page, filtering,
searching and sorting, in the real `QueueModel`.

Baselines in the same run: loading every row's shown columns at once (naive), and per page
the least any store could do, a bare keyset select of the shown columns of 500 rows.
Scrolling is timed over every page, `--rounds` times; medians over rounds, and the worst page.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/bench_queue.py [--articles 100000] [--rounds 3]
      [--keep FILE]  (build the project once into FILE and reuse it on later runs)
"""

from __future__ import annotations

import argparse
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


def scroll(model: QueueModel) -> list[float]:
    """Seconds per page while scrolling the whole queue from its first page."""
    model.reload()
    pages = []
    while model.canFetchMore(QModelIndex()):
        pages.append(timed(lambda: model.fetchMore(QModelIndex())))
    return pages


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


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
            run(store, count, args.rounds)


def run(store: Store, count: int, rounds: int) -> None:
    naive = timed(lambda: store.db.execute("select id, title, source, published_at from articles").fetchall())
    holder: dict[str, QueueModel] = {}
    open_time = timed(lambda: holder.setdefault("model", QueueModel(store, "ana")))
    model = holder["model"]
    ours: list[list[float]] = []
    bare: list[list[float]] = []
    for round_ in range(rounds):  # alternate which runs first
        if round_ % 2:
            ours.append(scroll(model))
            bare.append(bare_pages(store))
        else:
            bare.append(bare_pages(store))
            ours.append(scroll(model))

    def refilter(**options: str | None) -> None:
        for key, value in options.items():
            setattr(model, key, value)
        model.reload()

    status = timed(lambda: refilter(status="todo", search=None, sort="id"))
    search = timed(lambda: refilter(status=None, search="Takhar", sort="id"))
    by_date = timed(lambda: refilter(status=None, search=None, sort="date"))
    median = statistics.median(statistics.median(p) for p in ours)
    worst = statistics.median(max(p) for p in ours)
    bare_median = statistics.median(statistics.median(p) for p in bare)
    bare_worst = statistics.median(max(p) for p in bare)
    print(f"{count} news-length articles in the queue, {len(ours[0])} pages of 500 rows, {rounds} rounds")
    print(f"  {'':36s} {'measured':>10s} {'baseline':>10s} {'ratio':>7s}")
    print(f"  {'one page, median (< 16 ms)':36s} {ms(median)} {ms(bare_median)} {median / bare_median:6.1f}x")
    print(f"  {'worst page (target < 16 ms)':36s} {ms(worst)} {ms(bare_worst)} {worst / bare_worst:6.1f}x")
    print(f"  {'open the queue (count + first page)':36s} {ms(open_time)} {ms(naive)} (naive: all rows)")
    print(f"  filter by status {ms(status)}; full-text search {ms(search)}; sort by date {ms(by_date)}")
    print(f"  worst page per round: {', '.join(ms(max(p)).strip() for p in ours)}")


if __name__ == "__main__":
    main()
