"""Suggestion throughput: the full suggester against plain `nlp.pipe` of the same model on the
same texts, in the same run, plus resident memory sampled along the run.

The corpus is the five seed articles' cleaned texts recombined paragraph by paragraph into
N different articles (real news prose, realistic length), so nothing is cached between docs.

Run:  python benchmarks/bench_suggest.py [--articles 3000] [--batch-size 64]
"""

from __future__ import annotations

import argparse
import random
import resource
import time

import spacy

from annotator.core.codebook import load_codebook
from annotator.formats.base import build_record
from annotator.nlp.suggester import Suggester
from annotator.paths import default_codebook_path, seeds_dir


def corpus(count: int) -> list[tuple[int, str, str | None]]:
    records = [build_record(p.read_text(encoding="utf-8"), str(p)) for p in sorted(seeds_dir().glob("*.txt"))]
    paragraphs = [para for r in records for para in r.text.split("\n") if len(para.split()) > 5]
    rng = random.Random(11)
    articles = []
    for n in range(count):
        body = "\n".join(rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(6, 14))))
        articles.append((n, body, records[n % len(records)].published_at))
    return articles


def timed(nlp: spacy.language.Language, texts: list[str], batch_size: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    articles = corpus(args.articles)
    texts = [text for _, text, _ in articles]
    words = sum(len(t.split()) for t in texts)

    suggester = Suggester.load(load_codebook(default_codebook_path()))
    name = suggester.pipeline.model_name
    plain = spacy.load(name)  # the model as spaCy ships it: every component enabled
    same = spacy.load(name, exclude=["lemmatizer"])  # the components the suggester runs
    baseline = timed(plain, texts, args.batch_size)
    baseline_same = timed(same, texts, args.batch_size)

    memory = [rss_mb()]
    start = time.perf_counter()
    spans = frames = 0
    for n, result in enumerate(suggester.suggest(articles, batch_size=args.batch_size)):
        spans += len(result.spans)
        frames += len(result.frames)
        if n % 500 == 0:
            memory.append(rss_mb())
    ours = time.perf_counter() - start
    memory.append(rss_mb())

    print(f"{len(texts)} articles, {words} words, model {suggester.pipeline.label}")
    print(f"  plain nlp.pipe:      {baseline:7.2f} s  {words / baseline:8.0f} words/s")
    print(
        f"  nlp.pipe, no lemmatizer (the suggester's components): {baseline_same:7.2f} s  "
        f"{words / baseline_same:8.0f} words/s"
    )
    print(
        f"  annotator suggester: {ours:7.2f} s  {words / ours:8.0f} words/s  "
        f"({spans} spans, {frames} draft frames)"
    )
    print(
        f"  cost ratio suggester / nlp.pipe: {ours / baseline:.2f}x (target <= 1.30x); "
        f"against the same components: {ours / baseline_same:.2f}x"
    )
    print(f"  resident memory during the run (MB): {', '.join(f'{m:.0f}' for m in memory)}")


if __name__ == "__main__":
    main()
