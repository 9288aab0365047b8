"""All agreement measures for N articles with three annotators, against the reference
packages (scikit-learn's cohen_kappa_score for each pair, the krippendorff package for
alpha) on the same token arrays, in the same run. Target: under 10 s for 10,000 articles.
Also times the report's title lookup (`team.agreement.article_titles`), which must stay linear.

The articles are the five gold seed articles retold N/5 times; each annotator drops,
shifts or relabels a few spans at random, so there is real disagreement to measure.

Run:  python benchmarks/bench_agreement.py [--articles 10000]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from itertools import combinations
from pathlib import Path

import numpy as np

from annotator.agreement.measures import compute, label_codes, token_codes, tokenize
from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.formats.base import build_record
from annotator.paths import seeds_dir
from annotator.team.agreement import article_titles

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "gold_seeds.json"


def seed_articles() -> list[AnnotatedArticle]:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    articles = []
    for entry in data["articles"]:
        text = build_record((seeds_dir() / entry["file"]).read_text(encoding="utf-8"), "x").text
        spans = [SpanRecord(s["start"], s["end"], s["label"]) for s in entry["spans"]]
        frames = [
            FrameRecord(
                {k: v for k, v in e.items() if k not in {"roles", "trigger"}}
                | {"trigger_start": e["trigger"]["start"], "trigger_end": e["trigger"]["end"]}
            )
            for e in entry["events"]
        ]
        articles.append(AnnotatedArticle(text, spans, frames))
    return articles


def perturbed(article: AnnotatedArticle, rng: random.Random) -> AnnotatedArticle:
    spans = []
    for span in article.spans:
        roll = rng.random()
        if roll < 0.03:
            continue
        if roll < 0.06:
            spans.append(SpanRecord(span.start, max(span.start + 1, span.end - 2), span.label))
        elif roll < 0.08:
            spans.append(SpanRecord(span.start, span.end, "ACTOR" if span.label != "ACTOR" else "LOCATION"))
        else:
            spans.append(span)
    frames = [
        FrameRecord(dict(f.fields, fatalities=rng.choice([f.fields.get("fatalities"), 0, 3])))
        for f in article.frames
        if rng.random() > 0.05
    ]
    return AnnotatedArticle(article.text, spans, frames, article.meta)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    seeds = seed_articles()
    rng = random.Random(5)
    texts = {str(n): seeds[n % 5].text + f"\n\nReport {n}." for n in range(args.articles)}
    versions = {
        coder: {
            key: perturbed(
                AnnotatedArticle(
                    texts[key],
                    seeds[int(key) % 5].spans,
                    seeds[int(key) % 5].frames,
                    {"id": int(key), "title": f"Report {key}"},
                ),
                rng,
            )
            for key in texts
        }
        for coder in ("ana", "bo", "cy")
    }
    start = time.perf_counter()
    tokens = {key: tokenize(text) for key, text in texts.items()}
    report = compute(versions, tokens)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    titles = article_titles(versions)
    for row in report["per_article"]:
        row["title"] = titles.get(row["article"])
    titling = time.perf_counter() - start
    start = time.perf_counter()
    scanned = {  # the baseline: the lookup the report used before, a scan of every article per article
        key: next(a.meta.get("title") for arts in versions.values() for k, a in arts.items() if k == key)
        for key in texts
    }
    scanning = time.perf_counter() - start
    assert scanned == titles

    import krippendorff
    from sklearn.metrics import cohen_kappa_score

    codes = label_codes(versions)
    arrays = {
        c: np.concatenate([token_codes(versions[c][k], tokens[k], codes) for k in texts]) for c in versions
    }
    start = time.perf_counter()
    for a, b in combinations(sorted(arrays), 2):
        cohen_kappa_score(arrays[a], arrays[b])
    krippendorff.alpha(
        reliability_data=np.vstack(list(arrays.values())).astype(float), level_of_measurement="nominal"
    )
    reference = time.perf_counter() - start
    tokens_total = int(sum(t.starts.size for t in tokens.values()))
    print(f"{args.articles} articles x 3 annotators, {tokens_total} tokens each")
    print(
        f"  annotator, every measure (spans, tokens, kappas, alphas, events, per article): {ours:6.2f} s "
        f"(target < 10 s)"
    )
    print(
        f"  report titles for every article row (team.agreement.article_titles):           {titling:6.2f} s"
    )
    print(
        f"  baseline: the same titles by a scan of every article per article:             {scanning:6.2f} s"
    )
    print(
        f"  reference packages, only 3 Cohen's kappas + 1 token alpha:                    {reference:6.2f} s"
    )
    print(
        f"  overall token alpha {report['overall']['token_alpha']['*']:.4f}, "
        f"Fleiss {report['overall']['fleiss_kappa']:.4f}"
    )


if __name__ == "__main__":
    main()
