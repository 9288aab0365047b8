"""One undoable write (a relabel) in a project whose annotator already has a long history,
beside the same write in a new project, with and without the redo-stack index (migration 7).

Every undoable write empties the annotator's redo stack (`undone > 0`); without the index
that statement reads all the annotator's history, so an action slowed as a project aged.

Run:  python benchmarks/bench_history_write.py [--history 200000] [--writes 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from annotator.core.model import ArticleRecord
from annotator.store import Store


def project(path: Path, history: int) -> tuple[Store, int]:
    store = Store(path)
    text = "Gunmen attacked a convoy near Gao. " * 20
    [(article, _)] = store.add_articles([ArticleRecord(raw_text=text, text=text)])
    span = store.add_span(article, "ana", 0, 6, "ACTOR")
    annotator = store.annotator_id("ana")
    rows = (
        ("x", annotator, f"b{n}", "update", "spans", span, article, "{}", "{}", 0) for n in range(history)
    )
    with store.batch():
        store.db.conn.executemany(
            "insert into history (at, annotator_id, batch, action, entity, entity_id, article_id, before, "
            "after, undone) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return store, span


def per_write_ms(store: Store, span: int, writes: int) -> float:
    times = []
    for n in range(writes):
        start = time.perf_counter()
        store.update_span(span, "ana", label="ACTOR" if n % 2 else "PERSON")
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--history", type=int, default=200_000)
    parser.add_argument("--writes", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    fresh, fresh_span = project(folder / "new.db", 0)
    aged, aged_span = project(folder / "aged.db", args.history)
    print(f"one relabel, median of {args.writes} (ms)")
    print(f"  new project (no history):           {per_write_ms(fresh, fresh_span, args.writes):7.3f}")
    print(f"  {args.history:,} history rows, index:     {per_write_ms(aged, aged_span, args.writes):7.3f}")
    aged.db.execute("drop index history_redo")
    print(f"  {args.history:,} history rows, no index:  {per_write_ms(aged, aged_span, args.writes):7.3f}")


if __name__ == "__main__":
    main()
