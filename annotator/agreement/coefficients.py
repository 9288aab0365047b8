"""Chance-corrected agreement coefficients on numpy arrays: Cohen's kappa, Fleiss' kappa and
Krippendorff's alpha (nominal and interval), vectorised so millions of tokens take seconds.

Conventions: category values are non-negative integer codes; missing values are -1 (codes)
or NaN (interval data). Formulas follow Cohen (1960), Fleiss (1971) and Krippendorff (2011,
"Computing Krippendorff's alpha-reliability"); tests check them against scikit-learn and the
`krippendorff` package to 1e-9.
"""

from __future__ import annotations

import numpy as np

MISSING = -1


def cohen_kappa(first: np.ndarray, second: np.ndarray) -> float:
    """Cohen's kappa of two coders over the same items (integer codes, no missing)."""
    first, second = np.asarray(first), np.asarray(second)
    if first.shape != second.shape or first.size == 0:
        raise ValueError("Cohen's kappa needs two non-empty label sequences of the same length")
    size = int(max(first.max(), second.max())) + 1
    confusion = np.bincount(first * size + second, minlength=size * size).reshape(size, size).astype(float)
    total = confusion.sum()
    observed = np.trace(confusion) / total
    expected = float(confusion.sum(axis=1) @ confusion.sum(axis=0)) / total**2
    return 1.0 if expected == 1.0 else (observed - expected) / (1.0 - expected)


def kappa_from_confusion(confusion: np.ndarray) -> float:
    """Cohen's kappa from a confusion matrix (rows: first coder, columns: second)."""
    confusion = np.asarray(confusion, dtype=float)
    total = confusion.sum()
    if total == 0:
        raise ValueError("Cohen's kappa needs at least one item")
    observed = np.trace(confusion) / total
    expected = float(confusion.sum(axis=1) @ confusion.sum(axis=0)) / total**2
    return 1.0 if expected == 1.0 else (observed - expected) / (1.0 - expected)


def binary_confusion(confusion: np.ndarray, code: int) -> np.ndarray:
    """The 2x2 confusion of 'this category or not', folded from the full matrix."""
    confusion = np.asarray(confusion)
    inside = np.zeros(confusion.shape[0], dtype=bool)
    inside[code] = True
    return np.array([[confusion[np.ix_(a, b)].sum() for b in (~inside, inside)] for a in (~inside, inside)])


def fleiss_kappa(codes: np.ndarray) -> float:
    """Fleiss' kappa; `codes` is items x raters (integer codes, every rater rates every item).

    Per item, sum_c n_ic^2 = raters + 2 * (agreeing rater pairs), so no items x categories
    matrix is needed."""
    codes = np.asarray(codes)
    items, raters = codes.shape
    if items == 0 or raters < 2:
        raise ValueError("Fleiss' kappa needs at least one item and two raters")
    agreeing = np.zeros(items)
    for first in range(raters):
        for second in range(first + 1, raters):
            agreeing += codes[:, first] == codes[:, second]
    p_bar = float((2 * agreeing).mean()) / (raters * (raters - 1))
    shares = np.bincount(codes.ravel()) / (items * raters)
    p_e = float(np.sum(shares * shares))
    return 1.0 if p_e == 1.0 else (p_bar - p_e) / (1.0 - p_e)


def krippendorff_alpha(data: np.ndarray, level: str = "nominal") -> float:
    """Krippendorff's alpha; `data` is coders x units. Nominal: integer codes with -1 missing;
    interval: floats with NaN missing. Units with fewer than two values are not pairable."""
    values, coincidence = coincidences(data, level)
    return alpha_from_coincidences(values, coincidence, level)


def coincidences(data: np.ndarray, level: str = "nominal") -> tuple[np.ndarray, np.ndarray]:
    """The value domain and Krippendorff's coincidence matrix of coders x units data."""
    if level == "nominal" and np.issubdtype(np.asarray(data).dtype, np.integer):
        return _integer_coincidences(np.asarray(data))
    data = np.asarray(data, dtype=float)
    present = ~np.isnan(data) if level == "interval" else data != MISSING
    values = np.unique(data[present])
    if values.size == 0:
        return values, np.zeros((0, 0))
    index = np.searchsorted(values, np.where(present, data, values[0])).astype(np.int64)
    m = present.sum(axis=0)
    pairable = m >= 2
    return values, _coincidences(index[:, pairable], present[:, pairable], m[pairable], values.size)


def _integer_coincidences(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nominal integer codes: the domain from a bincount, no sorting of millions of values."""
    present = data != MISSING
    m = present.sum(axis=0)
    pairable = m >= 2
    data, present, m = data[:, pairable], present[:, pairable], m[pairable]
    if not present.any():
        return np.zeros(0), np.zeros((0, 0))
    used = np.flatnonzero(np.bincount(data[present]))
    lookup = np.zeros(int(used.max()) + 1, dtype=np.int64)
    lookup[used] = np.arange(used.size)
    index = lookup[np.where(present, data, used[0])]
    return used.astype(float), _coincidences(index, present, m, used.size)


def alpha_from_coincidences(values: np.ndarray, coincidence: np.ndarray, level: str = "nominal") -> float:
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    if values.size == 0 or n <= 1:
        return float("nan")
    delta = _delta(values, n_c, level)
    observed = float((coincidence * delta).sum())
    expected = float((np.outer(n_c, n_c) * delta).sum()) / (n - 1)
    return 1.0 if expected == 0 else 1.0 - observed / expected


def binary_alpha(values: np.ndarray, coincidence: np.ndarray, value: float) -> float:
    """Nominal alpha of 'this value or not', derived from the full coincidence matrix
    (coincidences of a one-versus-rest recoding are sums of its blocks)."""
    inside = values == value
    folded = np.array(
        [[coincidence[np.ix_(a, b)].sum() for b in (~inside, inside)] for a in (~inside, inside)]
    )
    return alpha_from_coincidences(np.array([0.0, 1.0]), folded, "nominal")


def _coincidences(index: np.ndarray, present: np.ndarray, m: np.ndarray, size: int) -> np.ndarray:
    """o_ck = sum over units of (pairs of values c, k by different coders) / (m_u - 1)."""
    coders = index.shape[0]
    weight = 1.0 / (m - 1)
    flat = np.zeros(size * size)
    for i in range(coders):
        for j in range(coders):
            if i == j:
                continue
            both = present[i] & present[j]
            flat += np.bincount(
                index[i, both] * size + index[j, both], weights=weight[both], minlength=size * size
            )
    return flat.reshape(size, size)


def _delta(values: np.ndarray, n_c: np.ndarray, level: str) -> np.ndarray:
    if level == "nominal":
        return 1.0 - np.eye(values.size)
    if level == "interval":
        return np.subtract.outer(values, values) ** 2
    raise ValueError(f"unknown level of measurement '{level}'; use nominal or interval")
