"""Import speed: `annotator import` of N articles against a plain sqlite-utils `insert_all`.

The baseline inserts the very rows our importer stores (already parsed, cleaned and
hashed) into a bare table in one call: the raw insert cost. Our figures include reading
and decoding files, header parsing, boilerplate removal, hashing, the duplicate check,
the indexes, the full-text index and the history rows. Two more rows split our import in
its two halves, each timed alone in the same round: reading and cleaning the files (no
store), and storing the records they gave (`Store.add_articles` in the importer's batches).
Rounds alternate which of baseline and import runs first; each figure is the median.

Run:  python benchmarks/bench_import.py [--articles 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

import sqlite_utils

from annotator.formats.base import build_record, reader_for
from annotator.services.importing import BATCH_SIZE, collect_files, import_paths
from annotator.store import Store, content_hash

HEADERS = [
    "News ID: {n}\nPublish Date : {d:%d %B %Y} - 21:44\n",
    " date {d:%Y-%m-%d} ",
    "Published 04:20 IST, {d:%B} {d.day}th {d:%Y}\n",
    "",
]
SENTENCES = [
    "Taliban fighters attacked a checkpoint in {place} district late on Sunday, officials said.",
    "At least {k} members of the Afghan security forces were killed and {w} wounded.",
    "A car bomb exploded near the police headquarters in {place}, killing {k} people.",
    "Government troops launched an operation to recapture the district, the ministry said.",
    "The provincial governor said reinforcements had arrived and the fighting continued.",
    "Residents said dozens of families had fled to the provincial capital.",
]
PLACES = ["Qaisar", "Shahrak", "Khas Balkh", "Nerkh", "Baharak", "Qala-e-Naw", "Kunduz"]


def synthetic_article(n: int, rng: random.Random) -> str:
    day = time.strptime(f"2021-{rng.randint(1, 12)}-{rng.randint(1, 28)}", "%Y-%m-%d")
    from datetime import date

    header = rng.choice(HEADERS).format(n=n, d=date(day.tm_year, day.tm_mon, day.tm_mday))
    paragraphs = []
    for _ in range(rng.randint(8, 16)):
        sentence = rng.choice(SENTENCES).format(
            place=rng.choice(PLACES), k=rng.randint(1, 60), w=rng.randint(1, 90)
        )
        paragraphs.append(f"{sentence} (report {n})")
        if rng.random() < 0.15:
            paragraphs.append("Advertisement")
    return header + "\n".join(paragraphs) + "\n\nLeave a Reply\nBack to top button\n"


def write_corpus(folder: Path, count: int) -> list[Path]:
    rng = random.Random(7)
    paths = []
    for n in range(count):
        path = folder / f"{n:05d}.txt"
        path.write_text(synthetic_article(n, rng), encoding="utf-8")
        paths.append(path)
    return paths


def baseline_rows(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        record = build_record(path.read_text(encoding="utf-8"), str(path))
        rows.append(
            {
                "content_hash": content_hash(record.text),
                "title": record.title,
                "source": record.source,
                "url": record.url,
                "published_at": record.published_at,
                "raw_text": record.raw_text,
                "text": record.text,
                "meta": json.dumps(record.meta),
                "flags": json.dumps(record.flags),
                "origin": record.origin,
                "imported_at": "now",
            }
        )
    return rows


def time_baseline(rows: list[dict], folder: Path, run: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of the plain insert (which commits every 90 rows, as
    sqlite-utils keeps each statement within 999 variables: its wall-clock time grows with the
    disk's sync latency, its CPU time does not)."""
    db = sqlite_utils.Database(folder / f"baseline-{run}.db")
    start, cpu = time.perf_counter(), time.process_time()
    db["articles"].insert_all(rows, pk="id", batch_size=500)
    db.close()
    return time.perf_counter() - start, time.process_time() - cpu


def time_import(corpus: Path, folder: Path, run: int) -> tuple[float, float, int]:
    start, cpu = time.perf_counter(), time.process_time()
    with Store(folder / f"ours-{run}.db") as store:
        summary = import_paths(store, [corpus])
    return time.perf_counter() - start, time.process_time() - cpu, len(summary.imported)


def time_halves(corpus: Path, folder: Path, run: int) -> tuple[float, float]:
    """Seconds to read and clean every file (no store), and to store the records they gave."""
    start = time.perf_counter()
    files, _ = collect_files([corpus])
    records = [item for path in files for item in reader_for(path).read(path)]  # type: ignore[union-attr]
    read = time.perf_counter() - start
    start = time.perf_counter()
    with Store(folder / f"halves-{run}.db") as store:
        for first in range(0, len(records), BATCH_SIZE):
            store.add_articles(records[first : first + BATCH_SIZE])
    return read, time.perf_counter() - start


def machine() -> str:
    sqlite = ".".join(map(str, sqlite_utils.Database(memory=True).sqlite_version))
    return (
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs ({platform.machine()}), "
        f"Linux {platform.release()}, "
        f"Python {platform.python_version()}, SQLite {sqlite}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )


def table(rows: list[tuple[str, float, float, str]]) -> str:
    lines = ["| measure | annotator s | baseline s | ratio | target |", "|---|---:|---:|---:|---|"]
    for name, value, base, target in rows:
        lines.append(f"| {name} | {value:.2f} | {base:.2f} | {value / base:.2f}× | {target} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        corpus.mkdir()
        paths = write_corpus(corpus, args.articles)
        rows = baseline_rows(paths)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        base: list[tuple[float, float]] = []
        ours, ours_cpu, reads, stores = [], [], [], []
        for run in range(args.repeat):
            if run % 2 == 0:
                base.append(time_baseline(rows, folder, run))
            seconds, cpu, imported = time_import(corpus, folder, run)
            assert imported == args.articles, imported
            ours.append(seconds)
            ours_cpu.append(cpu)
            if run % 2:
                base.append(time_baseline(rows, folder, run))
            read, stored = time_halves(corpus, folder, run)
            reads.append(read)
            stores.append(stored)
    b, o = statistics.median(wall for wall, _ in base), statistics.median(ours)
    b_cpu, o_cpu = statistics.median(cpu for _, cpu in base), statistics.median(ours_cpu)
    target = "≤ 3×, " + ("met" if o / b <= 3 else "missed")
    print(f"{machine()}")
    print(f"{args.articles} articles ({megabytes:.1f} MB of .txt), median of {args.repeat} rounds\n")
    print(
        table(
            [
                ("import from files (read, clean, store, index, history)", o, b, target),
                ("  of it alone: reading and cleaning the files", statistics.median(reads), b, "–"),
                ("  of it alone: storing the records (add_articles)", statistics.median(stores), b, "–"),
                ("the import's CPU time (beside the insert's)", o_cpu, b_cpu, "–"),
            ]
        )
    )
    print("\nbaseline: sqlite-utils insert_all of the same stored rows into a bare table, same run")


if __name__ == "__main__":
    main()
