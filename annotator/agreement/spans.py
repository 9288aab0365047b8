"""Precision, recall and F1 of labelled spans, with exact or overlapping boundaries."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

Span = tuple[int, int, str]  # start, end, label (offsets within one article)
Keyed = tuple[object, int, int, str]  # article key, start, end, label

EXACT = "exact"
OVERLAP = "overlap"


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def matched_pairs(gold: list[Span], predicted: list[Span], mode: str) -> list[tuple[int, int]]:
    """One-to-one matches of same-label spans: identical spans first; in overlap mode then
    the remaining pairs sharing most characters."""
    index = defaultdict(list)
    for j, span in enumerate(predicted):
        index[span].append(j)
    pairs = []
    for i, span in enumerate(gold):
        if index[span]:
            pairs.append((i, index[span].pop(0)))
    if mode == EXACT or len(pairs) == min(len(gold), len(predicted)):
        return pairs
    used_gold = {i for i, _ in pairs}
    used_pred = {j for _, j in pairs}
    rest_gold = [i for i in range(len(gold)) if i not in used_gold]
    rest_pred = [j for j in range(len(predicted)) if j not in used_pred]
    options = sorted(
        _overlapping([gold[i] for i in rest_gold], [predicted[j] for j in rest_pred]), reverse=True
    )
    for _, a, b in options:
        i, j = rest_gold[a], rest_pred[b]
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


def _overlapping(gold: list[Span], predicted: list[Span]) -> list[tuple[int, int, int]]:
    """(shared characters, i, j) of every same-label overlapping pair, by a sweep over starts."""
    if not gold or not predicted:
        return []
    order = sorted(range(len(predicted)), key=lambda j: predicted[j][0])
    starts = [predicted[j][0] for j in order]
    longest = max(p[1] - p[0] for p in predicted)
    found = []
    for i, (g_start, g_end, g_label) in enumerate(gold):
        for position in range(bisect_left(starts, g_start - longest), bisect_left(starts, g_end)):
            j = order[position]
            p_start, p_end, p_label = predicted[j]
            if p_label == g_label and p_end > g_start:
                found.append((min(g_end, p_end) - max(g_start, p_start), i, j))
    return found


def article_scores(gold: list[Span], predicted: list[Span], mode: str) -> dict[str, Score]:
    """Scores per label within one article."""
    return _scores(gold, predicted, matched_pairs(gold, predicted, mode))


def article_scores_both(gold: list[Span], predicted: list[Span]) -> tuple[dict[str, Score], dict[str, Score]]:
    """Exact and overlap scores of one article (identical spans are matched first, so this
    equals `article_scores` in both modes, computed with multisets instead of index lists)."""
    gold_set, predicted_set = set(gold), set(predicted)
    if len(gold_set) == len(gold) and len(predicted_set) == len(predicted):  # no duplicates: sets do
        common_set = gold_set & predicted_set
        tp = Counter(span[2] for span in common_set)
        rest_gold = [s for s in gold if s not in common_set]
        rest_predicted = [s for s in predicted if s not in common_set]
    else:
        gold_count, predicted_count = Counter(gold), Counter(predicted)
        common = gold_count & predicted_count
        tp = Counter()
        for span, n in common.items():
            tp[span[2]] += n
        rest_gold = list((gold_count - common).elements())
        rest_predicted = list((predicted_count - common).elements())
    fn = Counter(span[2] for span in rest_gold)
    fp = Counter(span[2] for span in rest_predicted)
    labels = set(tp) | set(fn) | set(fp)
    exact = {label: Score(tp[label], fp[label], fn[label]) for label in labels}
    if not rest_gold or not rest_predicted:
        return exact, exact
    extra: Counter[str] = Counter()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, i, j in sorted(_overlapping(rest_gold, rest_predicted), reverse=True):
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            extra[rest_gold[i][2]] += 1
    overlap = {
        label: Score(tp[label] + extra[label], fp[label] - extra[label], fn[label] - extra[label])
        for label in labels
    }
    return exact, overlap


def _scores(gold: list[Span], predicted: list[Span], pairs: list[tuple[int, int]]) -> dict[str, Score]:
    hit_gold = {i for i, _ in pairs}
    hit_pred = {j for _, j in pairs}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for i, span in enumerate(gold):
        counts[span[2]][0 if i in hit_gold else 2] += 1
    for j, span in enumerate(predicted):
        if j not in hit_pred:
            counts[span[2]][1] += 1
    return {label: Score(*values) for label, values in counts.items()}


def span_scores(gold: Iterable[Keyed], predicted: Iterable[Keyed], mode: str = EXACT) -> dict[str, Score]:
    """Scores per label (and '*' for all labels, micro-averaged) over many articles."""
    by_article: dict[object, tuple[list[Span], list[Span]]] = defaultdict(lambda: ([], []))
    for key, start, end, label in gold:
        by_article[key][0].append((start, end, label))
    for key, start, end, label in predicted:
        by_article[key][1].append((start, end, label))
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    for gold_spans, predicted_spans in by_article.values():
        pairs = matched_pairs(gold_spans, predicted_spans, mode)
        hit_gold = {i for i, _ in pairs}
        hit_pred = {j for _, j in pairs}
        for i, span in enumerate(gold_spans):
            (tp if i in hit_gold else fn)[span[2]] += 1
        for j, span in enumerate(predicted_spans):
            if j not in hit_pred:
                fp[span[2]] += 1
    labels = sorted(set(tp) | set(fp) | set(fn))
    scores = {label: Score(tp[label], fp[label], fn[label]) for label in labels}
    scores["*"] = sum(scores.values(), Score(0, 0, 0))
    return scores
