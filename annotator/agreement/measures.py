"""Agreement between annotators on spans, tokens and whole events, from plain data.

`versions` maps annotator -> article key -> AnnotatedArticle (only articles that annotator
marked done). Pairs are compared on the articles both marked done; coefficients over all
annotators use every article at least two of them did (Krippendorff's alpha takes missing
coders) and, for Fleiss' kappa, the articles all of them did.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import combinations
from typing import Any

import numpy as np

from annotator.agreement.coefficients import (
    MISSING,
    alpha_from_coincidences,
    binary_alpha,
    binary_confusion,
    cohen_kappa,
    coincidences,
    fleiss_kappa,
    kappa_from_confusion,
    krippendorff_alpha,
)
from annotator.agreement.events import align
from annotator.agreement.spans import EXACT, OVERLAP, Score, article_scores_both
from annotator.core.annotated import AnnotatedArticle

OUTSIDE = "O"
TOKEN = re.compile(r"\w+|[^\w\s]")
EVENT_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "location", "event_date", "fatalities")

Versions = Mapping[str, Mapping[str, AnnotatedArticle]]


@dataclass(frozen=True)
class Tokens:
    starts: np.ndarray
    ends: np.ndarray


@lru_cache(maxsize=1)
def _classes() -> tuple[np.ndarray, np.ndarray]:
    """Per code point: is it a regex word character (\\w), is it whitespace (\\s)."""
    word = np.zeros(0x110000, dtype=bool)
    space = np.zeros(0x110000, dtype=bool)
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        word[code] = char.isalnum() or char == "_"
        space[code] = char.isspace()
    return word, space


def tokenize(text: str) -> Tokens:
    """Word and punctuation tokens, as `\\w+|[^\\w\\s]` finds them, computed on code-point
    arrays so 10,000 articles take a fraction of a second."""
    if not text:
        return Tokens(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    word_table, space_table = _classes()
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    word = word_table[points]
    other = ~word & ~space_table[points]
    before = np.concatenate(([False], word[:-1]))
    after = np.concatenate((word[1:], [False]))
    starts = np.flatnonzero((word & ~before) | other)
    ends = np.flatnonzero((word & ~after) | other) + 1
    return Tokens(starts.astype(np.int64), ends.astype(np.int64))


def tokenize_regex(text: str) -> Tokens:
    """The same tokens by the regex (the reference for tests)."""
    bounds = np.fromiter((i for m in TOKEN.finditer(text) for i in m.span()), dtype=np.int64).reshape(-1, 2)
    return Tokens(bounds[:, 0], bounds[:, 1])


def token_codes(article: AnnotatedArticle, tokens: Tokens, codes: Mapping[str, int]) -> np.ndarray:
    """One label code per token; 0 is outside any span; where spans nest, the shortest wins."""
    return token_codes_many({"": article}, {"": tokens}, codes)[""]


def token_codes_many(
    articles: Mapping[str, AnnotatedArticle], tokens: Mapping[str, Tokens], codes: Mapping[str, int]
) -> dict[str, np.ndarray]:
    """`token_codes` of many articles at once: all spans placed on one concatenated token
    axis and painted with a single vectorised minimum (shortest covering span wins)."""
    keys = list(articles)
    if not keys:
        return {}
    bases = np.cumsum([0] + [len(articles[k].text) + 1 for k in keys[:-1]])
    starts = np.concatenate([tokens[k].starts + base for k, base in zip(keys, bases, strict=True)])
    ends = np.concatenate([tokens[k].ends + base for k, base in zip(keys, bases, strict=True)])
    spans = [
        (s.start + base, s.end + base, codes[s.label])
        for k, base in zip(keys, bases.tolist(), strict=True)
        for s in articles[k].spans
    ]
    labels = np.zeros(starts.size, dtype=np.int64)
    if spans:
        table = np.array(spans, dtype=np.int64)
        firsts = np.searchsorted(ends, table[:, 0], side="right")
        lengths = np.maximum(np.searchsorted(starts, table[:, 1], side="left") - firsts, 0)
        width = int(table[:, 2].max()) + 1
        ranked = (table[:, 1] - table[:, 0]) * width + table[:, 2]
        positions = np.repeat(firsts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        best = np.full(starts.size, np.iinfo(np.int64).max)
        np.minimum.at(best, positions, np.repeat(ranked, lengths))
        painted = best != np.iinfo(np.int64).max
        labels[painted] = best[painted] % width
    sizes = np.cumsum([tokens[k].starts.size for k in keys])[:-1]
    return dict(zip(keys, np.split(labels, sizes), strict=True))


def label_codes(versions: Versions) -> dict[str, int]:
    labels = sorted({s.label for arts in versions.values() for a in arts.values() for s in a.spans})
    return {OUTSIDE: 0, **{label: i + 1 for i, label in enumerate(labels)}}


def compute(versions: Versions, tokens: Mapping[str, Tokens]) -> dict[str, Any]:
    """Every measure, as JSON-able data (see module docstring)."""
    coders = sorted(versions)
    codes = label_codes(versions)
    names = {c: n for n, c in codes.items()}
    labelled = {coder: token_codes_many(arts, tokens, codes) for coder, arts in versions.items()}
    pairs = [_pair(a, b, versions, labelled, names) for a, b in combinations(coders, 2)]
    article_f1 = {(p["a"], p["b"]): p.pop("_article_f1") for p in pairs}
    return {
        "annotators": coders,
        "labels": [n for n in codes if n != OUTSIDE],
        "pairs": pairs,
        "overall": _overall(coders, versions, labelled, codes),
        "per_article": _per_article(coders, versions, labelled, article_f1),
    }


def _pair(a: str, b: str, versions: Versions, labelled: dict, names: dict[int, str]) -> dict[str, Any]:
    shared = sorted(set(versions[a]) & set(versions[b]))
    totals: dict[str, dict[str, list[int]]] = {EXACT: {}, OVERLAP: {}}
    per_article: dict[str, float] = {}
    for key in shared:
        first = [(s.start, s.end, s.label) for s in versions[a][key].spans]
        second = [(s.start, s.end, s.label) for s in versions[b][key].spans]
        for mode, scores in zip((EXACT, OVERLAP), article_scores_both(first, second), strict=True):
            tp = fp = fn = 0
            for label, score in scores.items():
                counts = totals[mode].setdefault(label, [0, 0, 0])
                counts[0] += score.tp
                counts[1] += score.fp
                counts[2] += score.fn
                tp, fp, fn = tp + score.tp, fp + score.fp, fn + score.fn
            if mode == OVERLAP:
                per_article[key] = Score(tp, fp, fn).f1 if first or second else 1.0
    result: dict[str, Any] = {"a": a, "b": b, "articles": len(shared), "_article_f1": per_article}
    result["span_f1"] = {}
    for mode, per_label in totals.items():
        scores = {label: Score(*counts) for label, counts in sorted(per_label.items())}
        result["span_f1"][mode] = {
            **{label: s.f1 for label, s in scores.items()},
            "*": sum(scores.values(), Score(0, 0, 0)).f1,
        }
    if shared:
        x = np.concatenate([labelled[a][k] for k in shared])
        y = np.concatenate([labelled[b][k] for k in shared])
        size = max(names) + 1
        matrix = np.bincount(x * size + y, minlength=size * size).reshape(size, size)
        kappas = {"*": kappa_from_confusion(matrix)}
        for code, name in names.items():
            if code and (matrix[code].any() or matrix[:, code].any()):
                kappas[name] = kappa_from_confusion(binary_confusion(matrix, code))
        result["token_kappa"] = kappas
        result["confusion"] = {"labels": [names[i] for i in range(size)], "matrix": matrix.tolist()}
    result["events"] = _event_pair(versions[a], versions[b], shared)
    return result


def _event_pair(
    first: Mapping[str, AnnotatedArticle], second: Mapping[str, AnnotatedArticle], shared: list[str]
) -> dict[str, Any]:
    matched = total_a = total_b = 0
    same = dict.fromkeys(EVENT_FIELDS, 0)
    for key in shared:
        fa = [f.fields for f in first[key].frames]
        fb = [f.fields for f in second[key].frames]
        pairs = align(fa, fb)
        matched += len(pairs)
        total_a += len(fa)
        total_b += len(fb)
        for i, j in pairs:
            for field in EVENT_FIELDS:
                same[field] += fa[i].get(field) == fb[j].get(field)
    f1 = 2 * matched / (total_a + total_b) if total_a + total_b else None
    return {
        "frames_a": total_a,
        "frames_b": total_b,
        "matched": matched,
        "detection_f1": f1,
        "fields": {k: (v / matched if matched else None) for k, v in same.items()},
    }


def _overall(coders: list[str], versions: Versions, labelled: dict, codes: dict[str, int]) -> dict[str, Any]:
    keys = sorted({k for arts in versions.values() for k in arts})
    multi = [k for k in keys if sum(k in versions[c] for c in coders) >= 2]
    result: dict[str, Any] = {"articles_any_two": len(multi)}
    if multi:
        data = np.vstack(
            [
                np.concatenate(
                    [
                        labelled[c][k] if k in versions[c] else np.full(_length(labelled, k), MISSING)
                        for k in multi
                    ]
                )
                for c in coders
            ]
        )
        values, coincidence = coincidences(data, "nominal")
        alphas = {"*": alpha_from_coincidences(values, coincidence, "nominal")}
        for name, code in codes.items():
            if code and (values == code).any():
                alphas[name] = binary_alpha(values, coincidence, code)
        result["token_alpha"] = alphas
    everyone = [k for k in keys if all(k in versions[c] for c in coders)]
    result["articles_all"] = len(everyone)
    if len(coders) >= 3 and everyone:
        table = np.column_stack([np.concatenate([labelled[c][k] for k in everyone]) for c in coders])
        result["fleiss_kappa"] = fleiss_kappa(table)
    result["events"] = _event_alpha(coders, versions, multi)
    return result


def _length(labelled: dict, key: str) -> int:
    return next(len(arts[key]) for arts in labelled.values() if key in arts)


def clusters(frames: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, int]]:
    """Frames of one article grouped across coders: each coder's frames are aligned one-to-one
    with the groups made so far (optimal matching), the rest start new groups."""
    groups: list[dict[str, int]] = []
    representatives: list[dict[str, Any]] = []
    for coder, own in frames.items():
        pairs = align(representatives, own)
        matched = set()
        for group_index, frame_index in pairs:
            groups[group_index][coder] = frame_index
            matched.add(frame_index)
        for index, frame in enumerate(own):
            if index not in matched:
                groups.append({coder: index})
                representatives.append(frame)
    return groups


def _event_alpha(coders: list[str], versions: Versions, keys: list[str]) -> dict[str, Any]:
    units: list[dict[str, dict[str, Any]]] = []
    for key in keys:
        frames = {c: [f.fields for f in versions[c][key].frames] for c in coders if key in versions[c]}
        for group in clusters(frames):
            units.append({c: frames[c][i] for c, i in group.items()})
    result: dict[str, Any] = {"units": len(units)}
    if not units:
        return result
    for field in ("event_type", "sub_event_type"):
        values = sorted({str(u[c].get(field)) for u in units for c in u})
        code = {v: i for i, v in enumerate(values)}
        data = np.array([[code[str(u[c].get(field))] if c in u else MISSING for u in units] for c in coders])
        result[field] = krippendorff_alpha(data, "nominal")
    for field, convert in (("fatalities", _number), ("event_date", _ordinal)):
        data = np.array([[convert(u[c].get(field)) if c in u else np.nan for u in units] for c in coders])
        result[field] = krippendorff_alpha(data, "interval")
    return result


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else np.nan


def _ordinal(value: Any) -> float:
    try:
        return float(date.fromisoformat(str(value)).toordinal())
    except ValueError:
        return np.nan


def _per_article(
    coders: list[str], versions: Versions, labelled: dict, article_f1: dict[tuple[str, str], dict[str, float]]
) -> list[dict[str, Any]]:
    """Agreement per article (mean pairwise overlap F1 and token kappa), most disagreement first."""
    rows = []
    for key in sorted({k for arts in versions.values() for k in arts}):
        who = [c for c in coders if key in versions[c]]
        if len(who) < 2:
            continue
        f1s, kappas = [], []
        for a, b in combinations(who, 2):
            f1s.append(article_f1[a, b][key])
            x, y = labelled[a][key], labelled[b][key]
            kappas.append(cohen_kappa(x, y) if x.size else 1.0)
        frames = {c: len(versions[c][key].frames) for c in who}
        agreement = (float(np.mean(f1s)) + float(np.mean(kappas))) / 2
        rows.append(
            {
                "article": key,
                "annotators": who,
                "span_f1": float(np.mean(f1s)),
                "token_kappa": float(np.mean(kappas)),
                "frames": frames,
                "agreement": agreement,
            }
        )
    return sorted(rows, key=lambda r: r["agreement"])
