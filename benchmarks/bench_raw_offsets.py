"""Mapping a peer's raw-text offsets onto the cleaned text (`core.raw_offsets`) on a long article.

The article has a BOM, CRLF line ends, a header and boilerplate lines; `--decomposed` makes
about one word in six a decomposed "Cafe\\u0301" so that every line goes through the NFC step
(the worst case; a text already in NFC skips it). Figures: cleaning alone (the import's own
cost), cleaning with the map built from its record, and mapping 1,000 spans.

Run:  python benchmarks/bench_raw_offsets.py [--chars 1000000] [--decomposed] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from annotator.core.cleaning import clean_article
from annotator.core.raw_offsets import RawOffsets
from annotator.formats.base import default_ingest_rules

WORDS = [
    "the",
    "Taliban",
    "seized",
    "district",
    "province",
    "officials",
    "said",
    "Kabul",
    "fighting",
    "troops",
    "naïve",
    "Ghor",
]


def article(chars: int, decomposed: bool) -> str:
    rnd = random.Random(1)
    words = WORDS + ["Cafe\u0301"] * (2 if decomposed else 0)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraphs.append(" ".join(rnd.choice(words) for _ in range(rnd.randint(20, 80))) + ".")
        if rnd.random() < 0.05:
            paragraphs.append("Advertisement")
        size += len(paragraphs[-1]) + 4
    return "\ufeffNews ID: 1\r\nPublish Date : 07 June 2021 - 21:44\r\n\r\n" + "\r\n\r\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--decomposed", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    raw, rules = article(args.chars, args.decomposed), default_ingest_rules()
    spans = [(i, i + 7) for i in range(0, len(raw) - 8, max(1, len(raw) // 1000))]
    clean, build, lookup = [], [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        cleaned = clean_article(raw, rules)
        cleaned_at = time.perf_counter()
        offsets = RawOffsets(raw, cleaned)
        built_at = time.perf_counter()
        mapped = [offsets.span(s, e) for s, e in spans]
        clean.append(cleaned_at - started)
        build.append(built_at - started)
        lookup.append(time.perf_counter() - built_at)
    kept = sum(isinstance(m, tuple) for m in mapped)
    print(f"{len(raw):,} characters, {raw.count(chr(10)):,} lines, decomposed={args.decomposed}")
    print(f"clean_article            {statistics.median(clean):.3f} s")
    print(f"clean_article + map      {statistics.median(build):.3f} s")
    print(f"{len(spans):,} spans mapped      {statistics.median(lookup):.4f} s ({kept} land on kept text)")


if __name__ == "__main__":
    main()
