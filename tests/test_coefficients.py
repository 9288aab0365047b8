"""The coefficients against scikit-learn and the krippendorff package, to 1e-9."""

import numpy as np
import pytest

from annotator.agreement.coefficients import cohen_kappa, fleiss_kappa, krippendorff_alpha

krippendorff = pytest.importorskip("krippendorff")
metrics = pytest.importorskip("sklearn.metrics")


@pytest.mark.parametrize("seed", range(6))
def test_cohen_kappa_matches_scikit_learn(seed: int) -> None:
    rng = np.random.default_rng(seed)
    first = rng.integers(0, 5, size=2000)
    second = np.where(rng.random(2000) < 0.7, first, rng.integers(0, 5, size=2000))
    assert cohen_kappa(first, second) == pytest.approx(metrics.cohen_kappa_score(first, second), abs=1e-9)


def test_fleiss_kappa_on_the_textbook_example() -> None:
    # Fleiss (1971) as tabulated on Wikipedia: 10 items, 14 raters, 5 categories, kappa 0.210
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    codes = np.array([[c for c, n in enumerate(row) for _ in range(n)] for row in table])
    assert fleiss_kappa(codes) == pytest.approx(0.20993070442195522, abs=1e-9)


def test_fleiss_equals_cohen_style_agreement_when_raters_agree() -> None:
    codes = np.array([[1, 1, 1], [2, 2, 2], [0, 0, 0]])
    assert fleiss_kappa(codes) == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("level", ["nominal", "interval"])
def test_krippendorff_alpha_matches_the_package(seed: int, level: str) -> None:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 6, size=300).astype(float)
    data = np.vstack([np.where(rng.random(300) < 0.8, truth, rng.integers(0, 6, size=300)) for _ in range(3)])
    data[rng.random(data.shape) < 0.15] = np.nan
    reference = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
    ours = krippendorff_alpha(np.where(np.isnan(data), -1, data) if level == "nominal" else data, level)
    assert ours == pytest.approx(reference, abs=1e-9)


def test_krippendorff_on_the_textbook_example() -> None:
    # Krippendorff (2011), 4 coders x 12 units, nominal alpha 0.743
    nan = np.nan
    data = np.array(
        [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
            [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
        ]
    )
    assert krippendorff_alpha(np.where(np.isnan(data), -1, data), "nominal") == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(data, "interval") == pytest.approx(0.849, abs=5e-4)


def test_per_label_alpha_from_the_full_coincidence_matrix() -> None:
    from annotator.agreement.coefficients import binary_alpha, coincidences

    rng = np.random.default_rng(9)
    truth = rng.integers(0, 4, size=500)
    data = np.vstack(
        [np.where(rng.random(500) < 0.85, truth, rng.integers(0, 4, size=500)) for _ in range(3)]
    )
    data[rng.random(data.shape) < 0.1] = -1
    values, coincidence = coincidences(data)
    for label in range(4):
        recoded = np.where(data == -1, np.nan, (data == label).astype(float))
        expected = krippendorff.alpha(reliability_data=recoded, level_of_measurement="nominal")
        assert binary_alpha(values, coincidence, label) == pytest.approx(expected, abs=1e-9)


def test_kappas_from_confusion_matrices_match_scikit_learn() -> None:
    from annotator.agreement.coefficients import binary_confusion, kappa_from_confusion

    rng = np.random.default_rng(4)
    first = rng.integers(0, 5, size=3000)
    second = np.where(rng.random(3000) < 0.75, first, rng.integers(0, 5, size=3000))
    matrix = np.bincount(first * 5 + second, minlength=25).reshape(5, 5)
    assert kappa_from_confusion(matrix) == pytest.approx(metrics.cohen_kappa_score(first, second), abs=1e-9)
    for code in range(5):
        expected = metrics.cohen_kappa_score(first == code, second == code)
        assert kappa_from_confusion(binary_confusion(matrix, code)) == pytest.approx(expected, abs=1e-9)


def test_fast_tokens_equal_the_regex_tokens() -> None:
    from annotator.agreement.measures import tokenize, tokenize_regex
    from annotator.paths import seeds_dir

    rng = np.random.default_rng(2)
    alphabet = [*"ab Z9_.,;:-–—'\"\n\t", "é", "\u0301", "😀", "ط", "ک", "𝒳", "٣", "\u00a0"]
    texts = [p.read_text(encoding="utf-8") for p in seeds_dir().glob("*.txt")]
    texts += ["".join(rng.choice(alphabet, size=int(rng.integers(0, 80)))) for _ in range(300)]
    for text in texts:
        fast, slow = tokenize(text), tokenize_regex(text)
        assert fast.starts.tolist() == slow.starts.tolist() and fast.ends.tolist() == slow.ends.tolist(), text
