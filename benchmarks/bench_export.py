"""DocBin export of N annotated articles from the store, against building the same Docs
(ents, spans["sc"], spans["events"], cats, user_data) directly from a list of articles
already in memory, in the same run. The difference is what reading the project costs.
Target: at most 1.5x the in-memory baseline.

Run:  python benchmarks/bench_export.py [--articles 10000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from annotator.core.codebook import load_codebook
from annotator.core.model import ArticleRecord
from annotator.formats.spacy_docbin import build_doc
from annotator.nlp.suggester import Suggester
from annotator.paths import default_codebook_path, seeds_dir
from annotator.services.collect import collect
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.services.suggesting import suggest_articles
from annotator.store import Store


def build_project(store: Store, count: int, book) -> None:  # type: ignore[no-untyped-def]
    """N articles annotated like the seeds: the seeds' suggestions copied onto retold seeds."""
    import_paths(store, [seeds_dir()])
    suggester = Suggester.load(book, model="rules-only")
    suggest_articles(store, suggester)
    seeds = list(collect(store, "suggester", include="suggested", only_done=False))
    records = [
        ArticleRecord(
            raw_text=seeds[n % 5].text + f"\n\nReport {n}.", text=seeds[n % 5].text + f"\n\nReport {n}."
        )
        for n in range(count)
    ]
    ids = [i for i, _ in store.add_articles(records)]
    for n, article_id in enumerate(ids):
        seed = seeds[n % 5]
        spans = [
            {"start": s.start, "end": s.end, "label": s.label, "normalized": s.normalized} for s in seed.spans
        ]
        frames = [{"fields": f.fields, "roles": f.roles} for f in seed.frames]
        store.replace_suggestions(article_id, "suggester", "bench", "rules-only", spans, frames)


def baseline(articles, out: Path, book) -> float:  # type: ignore[no-untyped-def]
    """The same Docs (ents, sc, events, cats, user_data) built from articles already in memory."""
    nlp = spacy.blank("en")
    start = time.perf_counter()
    docbin = DocBin(store_user_data=True)
    counts: Counter[str] = Counter()
    for article in articles:
        docbin.add(build_doc(nlp, article, book, counts, []))
    docbin.to_disk(out)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    book = load_codebook(default_codebook_path())
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "p.db") as store:
        folder = Path(tmp)
        build_project(store, args.articles, book)
        articles = list(collect(store, "suggester", include="suggested", only_done=False))
        spans = sum(len(a.spans) for a in articles)
        base = baseline(articles, folder / "baseline.spacy", book)
        start = time.perf_counter()
        report = export_project(
            store,
            "spacy",
            folder / "ours",
            book,
            annotator="suggester",
            include="suggested",
            only_done=False,
            dev_ratio=0.2,
        )
        ours = time.perf_counter() - start
    counts = Counter(report.counts)
    print(f"{len(articles)} articles, {spans} spans, {counts['frames']} frames")
    print(f"  baseline, Docs built from a list in memory: {base:6.2f} s")
    print(f"  annotator export spacy (store -> DocBin):    {ours:6.2f} s")
    print(f"  ratio: {ours / base:.2f}x (target <= 1.50x)")


if __name__ == "__main__":
    main()
