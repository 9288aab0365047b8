"""Merge speed: `annotator merge` of N (annotator, article) pairs against a plain copy of
the same rows (`INSERT INTO main.t SELECT * FROM src.t` through ATTACH, one transaction per
source file, into an empty project), in the same run. The merge must stay linear: the
time for 6,000 pairs is about 10 times the time for 600.

The sources are two analysts' project files over the same N/2 synthetic articles (about
1,200 characters each), every pair with 25 spans (2 of them edited once), 3 frames of
5 role links, a status with seconds spent and its history (about 60 rows): what a coded
article holds. They are written as rows (fast), not through the store's one-row API.
The merge's figures include matching articles by content hash, comparing each pair with
the team's version and writing the team's own history rows beside the merged ones.

Run:  python benchmarks/bench_merge.py [--pairs 600 6000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from annotator.core.model import ArticleRecord
from annotator.store import Store
from annotator.team.merge import merge

ANALYSTS = ("ana", "bo")
STAMP = "2026-01-05T10:00:00.000+00:00"
COPIED_TABLES = ("articles", "annotators", "spans", "events", "event_arguments", "article_status", "history")
SENTENCES = [
    "Taliban fighters attacked a checkpoint in {place} district late on Sunday, officials said.",
    "At least {k} members of the security forces were killed and {w} wounded in the clash.",
    "A car bomb exploded near the police headquarters in {place}, killing {k} people.",
    "Government troops launched an operation to recapture the district, the ministry said.",
    "Residents said dozens of families had fled from {place} to the provincial capital.",
]
PLACES = ["Qaisar", "Shahrak", "Khas Balkh", "Nerkh", "Baharak", "Qala-e-Naw", "Kunduz"]
LABELS = ["ACTOR", "LOCATION", "DATE", "CASUALTY", "PERSON", "WEAPON"]
ROLES = ["actor1", "actor2", "location", "date", "fatalities"]


def article_text(n: int) -> str:
    rng = random.Random(n)
    sentences = [
        rng.choice(SENTENCES).format(place=rng.choice(PLACES), k=rng.randint(1, 60), w=rng.randint(1, 90))
        for _ in range(14)
    ]
    return f"Report {n}.\n" + "\n".join(sentences)


def word_offsets(text: str) -> list[tuple[int, int]]:
    offsets, start = [], None
    for i, char in enumerate(text + " "):
        if char.isalnum() and start is None:
            start = i
        elif not char.isalnum() and start is not None:
            offsets.append((start, i))
            start = None
    return offsets


class PairRows:
    """The rows of one analyst's coding of one article, with ids continuing a counter."""

    def __init__(self, ids: dict[str, int], rows: dict[str, list[dict[str, Any]]]) -> None:
        self.ids, self.rows = ids, rows

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def log(
        self, who: int, action: str, entity: str, ident: int, article: int, after: dict[str, Any]
    ) -> None:
        self.rows["history"].append(
            {
                "at": STAMP,
                "annotator_id": who,
                "batch": uuid.uuid4().hex,
                "action": action,
                "entity": entity,
                "entity_id": ident,
                "article_id": article,
                "before": None,
                "after": json.dumps(after, sort_keys=True),
                "undone": 0,
            }
        )

    def add(self, article: int, who: int, text: str, rng: random.Random) -> None:
        words = word_offsets(text)
        spans = []
        for start, end in sorted(rng.sample(words, 25)):
            span = {
                "id": self.next_id("spans"),
                "article_id": article,
                "annotator_id": who,
                "start": start,
                "end": end,
                "label": rng.choice(LABELS),
                "status": rng.choice(["accepted", "manual", "rejected"]),
                "origin": "gazetteer" if rng.random() < 0.3 else None,
                "score": round(rng.random(), 3),
                "normalized": json.dumps({"value": text[start:end]}) if rng.random() < 0.2 else None,
                "created_at": STAMP,
                "updated_at": STAMP,
            }
            spans.append(span)
            self.log(who, "insert", "spans", span["id"], article, span)
        for span in spans[:2]:
            self.log(who, "update", "spans", span["id"], article, {"label": span["label"]})
        self.rows["spans"].extend(spans)
        for frame in range(3):
            self.add_frame(article, who, spans[frame * 8 : frame * 8 + 5], rng)
        status = {
            "article_id": article,
            "annotator_id": who,
            "status": "done",
            "seconds": 300.0 * rng.random(),
        }
        self.rows["article_status"].append({**status, "updated_at": STAMP})
        self.log(who, "insert", "article_status", article, article, status)

    def add_frame(self, article: int, who: int, spans: list[dict[str, Any]], rng: random.Random) -> None:
        trigger = spans[0]
        event = {
            "id": self.next_id("events"),
            "article_id": article,
            "annotator_id": who,
            "trigger_start": trigger["start"],
            "trigger_end": trigger["end"],
            "trigger_text": "attacked",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "event_date": "2021-07-05",
            "actor1": "Taliban",
            "location": rng.choice(PLACES),
            "fatalities": rng.randint(0, 40),
            "status": "accepted",
            "created_at": STAMP,
            "updated_at": STAMP,
        }
        self.rows["events"].append(event)
        self.log(who, "insert", "events", event["id"], article, event)
        for role, span in zip(ROLES, spans, strict=True):
            argument = {
                "id": self.next_id("event_arguments"),
                "event_id": event["id"],
                "role": role,
                "span_id": span["id"],
            }
            self.rows["event_arguments"].append(argument)
            self.log(who, "insert", "event_arguments", argument["id"], article, argument)


def build_source(path: Path, name: str, articles: int) -> None:
    """One analyst's project: the shared articles, each coded by `name`."""
    with Store(path) as store:
        texts = [article_text(n) for n in range(articles)]
        ids = [
            i
            for i, _ in store.add_articles(
                ArticleRecord(raw_text=t, text=t, title=f"Report {n}") for n, t in enumerate(texts)
            )
        ]
        who = store.annotator_id(name)
        rng = random.Random(name)
        pairs = PairRows(
            {t: 0 for t in ("spans", "events", "event_arguments")}, {t: [] for t in COPIED_TABLES[2:]}
        )
        for article, text in zip(ids, texts, strict=True):
            pairs.add(article, who, text, rng)
        with store.db.atomic():
            for table, rows in pairs.rows.items():
                store.db[table].insert_all(rows, batch_size=500)


def plain_copy(sources: list[Path], folder: Path) -> float:
    """Each source's rows copied as they are into an empty project of its own."""
    targets = []
    for n, _ in enumerate(sources):
        Store(folder / f"copy-{n}.db").close()
        targets.append(folder / f"copy-{n}.db")
    start = time.perf_counter()
    for source, target in zip(sources, targets, strict=True):
        conn = sqlite3.connect(target, isolation_level=None)
        conn.execute("ATTACH DATABASE ? AS src", [str(source)])
        conn.execute("BEGIN IMMEDIATE")
        for table in COPIED_TABLES:
            conn.execute(f"INSERT INTO main.[{table}] SELECT * FROM src.[{table}]")
        conn.execute("COMMIT")
        conn.close()
    return time.perf_counter() - start


def timed_merge(sources: list[Path], folder: Path, expected: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of the merge into a new team project."""
    with Store(folder / "team.db") as team:
        start, cpu = time.perf_counter(), time.process_time()
        summary = merge(team, sources)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert summary.merged == expected and not summary.conflicts, summary.line()
    return seconds, cpu


def measure(pairs: int, repeat: int, folder: Path) -> tuple[float, float, float]:
    """Medians of `repeat` rounds: merge seconds, plain copy seconds, merge CPU seconds."""
    sources = [folder / f"{name}.db" for name in ANALYSTS]
    for path, name in zip(sources, ANALYSTS, strict=True):
        build_source(path, name, pairs // len(ANALYSTS))
    merges, copies, cpus = [], [], []
    for run in range(repeat):
        work = folder / f"run-{run}"
        work.mkdir()
        copies.append(plain_copy(sources, work))
        seconds, cpu = timed_merge(sources, work, pairs)
        merges.append(seconds)
        cpus.append(cpu)
    return statistics.median(merges), statistics.median(copies), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, nargs="+", default=[600, 6000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results = []
    for pairs in args.pairs:
        with tempfile.TemporaryDirectory() as tmp:
            results.append((pairs, *measure(pairs, args.repeat, Path(tmp))))
    print(f"median of {args.repeat} rounds; plain copy = INSERT ... SELECT * of the sources' rows")
    print("| pairs | merge s | plain copy s | ratio | merge ms per pair | merge CPU s |")
    print("|---:|---:|---:|---:|---:|---:|")
    for pairs, ours, base, cpu in results:
        ms = 1000 * ours / pairs
        print(f"| {pairs:,} | {ours:.2f} | {base:.2f} | {ours / base:.1f}x | {ms:.2f} | {cpu:.2f} |")
    (small, small_s, _, small_cpu), (large, large_s, _, large_cpu) = results[0], results[-1]
    if large != small:
        print(
            f"{large:,} / {small:,} pairs: time {large_s / small_s:.1f}, CPU {large_cpu / small_cpu:.1f} "
            f"(linear: {large / small:.0f})"
        )


if __name__ == "__main__":
    main()
