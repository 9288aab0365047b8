"""The article queue with 100,000 articles: opening it, scrolling page by page, filtering,
searching and sorting, against a naive baseline (loading every row at once) in the same run.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/bench_queue.py [--articles 100000]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex

from annotator.core.model import ArticleRecord
from annotator.gui.qt_queue import QueueModel
from annotator.store import Store

PLACES = ["Kabul", "Kunduz", "Faryab", "Ghor", "Balkh", "Badghis", "Takhar", "Helmand"]


def fill(store: Store, count: int) -> None:
    batch = []
    for n in range(count):
        text = f"Report {n}: clashes in {PLACES[n % len(PLACES)]} district, officials said."
        batch.append(
            ArticleRecord(
                raw_text=text,
                text=text,
                title=f"Report {n}",
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    QCoreApplication.instance() or QCoreApplication([])
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "q.db") as store:
        fill(store, args.articles)
        naive = timed(
            lambda: store.db.execute("select id, title, source, published_at from articles").fetchall()
        )
        holder: dict[str, QueueModel] = {}
        open_time = timed(lambda: holder.setdefault("model", QueueModel(store, "ana")))
        model = holder["model"]
        pages = []
        while model.canFetchMore(QModelIndex()):
            pages.append(timed(lambda: model.fetchMore(QModelIndex())))

        def refilter(**options: str | None) -> None:
            for key, value in options.items():
                setattr(model, key, value)
            model.reload()

        status = timed(lambda: refilter(status="todo", search=None, sort="id"))
        search = timed(lambda: refilter(status=None, search="Takhar", sort="id"))
        by_date = timed(lambda: refilter(status=None, search=None, sort="date"))
    print(f"{args.articles} articles in the queue")
    print(f"  naive baseline, every row loaded at once: {naive * 1000:7.1f} ms")
    print(f"  open the queue (count + first page):      {open_time * 1000:7.1f} ms")
    print(
        f"  one page while scrolling (500 rows): median {statistics.median(pages) * 1000:.1f} ms, "
        f"worst {max(pages) * 1000:.1f} ms over {len(pages)} pages"
    )
    print(
        f"  filter by status: {status * 1000:.1f} ms; full-text search: {search * 1000:.1f} ms; "
        f"sort by date: {by_date * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
