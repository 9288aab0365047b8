"""Suggestion throughput: the full suggester against plain `nlp.pipe` of the same model on the
same texts, in the same run, plus resident memory sampled along the run.

The corpus is the five seed articles' cleaned texts recombined paragraph by paragraph into
N different articles (real news prose, realistic length), so nothing is cached between docs.

The baseline is `nlp.pipe` of the same model with the same components the suggester runs
(no lemmatizer), and the two alternate which runs first in each round; medians are given.

Run:  python benchmarks/bench_suggest.py [--articles 1000] [--batch-size 64] [--rounds 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
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


def suggest_run(suggester: Suggester, articles: list[tuple[int, str, str | None]], batch_size: int):
    """Seconds of one suggester run over `articles`, its span and frame counts and memory."""
    memory = [rss_mb()]
    start = time.perf_counter()
    spans = frames = 0
    for n, result in enumerate(suggester.suggest(articles, batch_size=batch_size)):
        spans += len(result.spans)
        frames += len(result.frames)
        if n % 500 == 0:
            memory.append(rss_mb())
    seconds = time.perf_counter() - start
    memory.append(rss_mb())
    return seconds, spans, frames, memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = corpus(args.articles)
    texts = [text for _, text, _ in articles]
    words = sum(len(t.split()) for t in texts)

    suggester = Suggester.load(load_codebook(default_codebook_path()))
    name = suggester.pipeline.model_name
    # like for like: the model's components the suggester runs (it excludes the lemmatizer)
    same = spacy.load(name, exclude=["lemmatizer"])
    plain_times, ours_times = [], []
    for round_ in range(args.rounds):  # alternate which runs first, so warm-up favours neither
        if round_ % 2 == 0:
            plain_times.append(timed(same, texts, args.batch_size))
            ours, spans, frames, memory = suggest_run(suggester, articles, args.batch_size)
        else:
            ours, spans, frames, memory = suggest_run(suggester, articles, args.batch_size)
            plain_times.append(timed(same, texts, args.batch_size))
        ours_times.append(ours)
    baseline, ours = statistics.median(plain_times), statistics.median(ours_times)

    print(f"{len(texts)} articles, {words} words, model {suggester.pipeline.label}, {args.rounds} rounds")
    print(
        f"  nlp.pipe, the suggester's components (no lemmatizer): median {baseline:7.2f} s  "
        f"{words / baseline:8.0f} words/s  (rounds: {', '.join(f'{t:.2f}' for t in plain_times)})"
    )
    print(
        f"  annotator suggester: median {ours:7.2f} s  {words / ours:8.0f} words/s  "
        f"({spans} spans, {frames} draft frames; rounds: {', '.join(f'{t:.2f}' for t in ours_times)})"
    )
    print(f"  cost ratio suggester / nlp.pipe, like for like: {ours / baseline:.2f}x (target <= 1.30x)")
    print(f"  resident memory during the last run (MB): {', '.join(f'{m:.0f}' for m in memory)}")


if __name__ == "__main__":
    main()
