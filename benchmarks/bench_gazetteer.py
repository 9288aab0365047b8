"""Start-up cost of the gazetteers: today's JSON gazetteer (the baseline) beside the world
index, cold (compiled from the packages into an empty cache) and warm (read from the cache),
and `Suggester.load` with and without the world index (alternated), all in the same run.
Then the per-article cost of matching the world index, beside `nlp.pipe` on the same
articles (the seed corpus of `bench_suggest.py`): a share that machine load cannot skew.

Run:  python benchmarks/bench_gazetteer.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from annotator.core.codebook import load_codebook
from annotator.nlp import world_places
from annotator.nlp.gazetteer import Gazetteer, default_gazetteer_dir
from annotator.nlp.pipeline import GAZETTEER_KEY
from annotator.nlp.suggester import Suggester
from annotator.nlp.world_spans import find_world, resolve
from annotator.paths import default_codebook_path

sys.path.insert(0, str(Path(__file__).parent))
from bench_suggest import corpus  # the same articles as the throughput benchmark


def seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        world_places._MEMORY.clear()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


WORLD_TEXTS = Path(__file__).parent.parent / "tests" / "fixtures" / "world"


def matching_share(suggester: Suggester, texts: list[str]) -> tuple[int, float, float]:
    """(articles, seconds of nlp.pipe, seconds of world matching and resolution on its docs)."""
    start = time.perf_counter()
    docs = list(suggester.pipeline.nlp.pipe(texts))
    parse = time.perf_counter() - start
    start = time.perf_counter()
    for doc in docs:
        taken = {t for span in doc.spans.get(GAZETTEER_KEY, []) for t in range(span.start, span.end)}
        resolve(find_world(doc, suggester.gazetteer.world, taken), [])
    return len(docs), parse, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    folder = default_gazetteer_dir()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        baseline = seconds(lambda: Gazetteer(folder), args.repeat)
        cold = seconds(lambda: world_places.compile_world(folder), 1)
        world_places.load_world(folder, cache)
        warm = seconds(lambda: world_places.load_world(folder, cache), args.repeat)
    index = world_places.load_world(folder)
    codebook = load_codebook(default_codebook_path())
    empty = world_places.WorldIndex([], {}, {})
    with_world, without_world = [], []
    original = Gazetteer.__dict__["world"]
    for _ in range(2):
        with_world.append(seconds(lambda: Suggester.load(codebook), 1))
        Gazetteer.world = property(lambda self: empty)  # today's start-up: no world index
        without_world.append(seconds(lambda: Suggester.load(codebook), 1))
        Gazetteer.world = original
    load, load_without = min(with_world), min(without_world)
    suggester = Suggester.load(codebook)
    seeds = [text for _, text, _ in corpus(args.articles)]
    world = [p.read_text(encoding="utf-8") for p in sorted(WORLD_TEXTS.glob("*.txt"))]
    shares = {name: matching_share(suggester, texts) for name, texts in (("seed", seeds), ("world", world))}
    print(f"world index: {len(index.rows)} places, {len(index.exact)} names, {len(index.loose)} loose keys")
    print(f"  baseline Gazetteer (JSON files):      {baseline * 1000:8.1f} ms")
    print(f"  world index, cold (compile):          {cold * 1000:8.1f} ms")
    print(f"  world index, warm (cache read):       {warm * 1000:8.1f} ms  (start-up cost; target < 1000)")
    print(f"  Suggester.load without world index:   {load_without * 1000:8.1f} ms")
    added = (load - load_without) * 1000
    print(f"  Suggester.load with the warm cache:   {load * 1000:8.1f} ms  (+{added:.0f} ms)")

    for name, (count, parse, matching) in shares.items():
        print(
            f"  {count} {name} articles: nlp.pipe {parse:.2f} s; world matching and resolution "
            f"{matching:.3f} s ({matching / count * 1000:.2f} ms an article, "
            f"{matching / parse:.1%} of nlp.pipe)"
        )


if __name__ == "__main__":
    main()
