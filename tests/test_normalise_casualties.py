"""Casualty normalisation and the numbers it reads."""

import pytest

from annotator.core.codebook import load_codebook
from annotator.nlp.normalise.casualties import classify_outcome, normalise_casualty
from annotator.nlp.numbers import parse_number
from annotator.paths import default_codebook_path

BOOK = load_codebook(default_codebook_path())


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("four", 4),
        ("twenty-three", 23),
        ("twenty three", 23),
        ("one hundred and fifty", 150),
        ("a dozen", 12),
        ("two dozen", 24),
        ("1,000", 1000),
        ("3 hundred", 300),
        ("eleven", 11),
        ("two thousand five hundred", 2500),
        ("Seventeen", 17),
        ("dozens", None),
        ("many", None),
    ],
)
def test_numbers_in_words(words: str, number: int | None) -> None:
    assert parse_number(words) == number


@pytest.mark.parametrize(
    ("quantity", "outcome", "expected"),
    [
        ("at least 23", "killed", ("killed", "at least", 23, None, 23)),
        ("At least twenty-three soldiers", "were killed", ("killed", "at least", 23, None, 23)),
        ("dozens", "killed", ("killed", "vague", 12, 12, 12)),
        ("dozens of civilians", "died", ("killed", "vague", 12, 12, 12)),
        ("hundreds", "dead", ("killed", "vague", 100, 100, 100)),
        ("several", "killed", ("killed", "vague", 3, 10, 3)),
        (
            "more than 100",
            "were killed or wounded",
            ("killed-or-injured", "more than", 101, None, 0),
        ),
        ("157 casualties", "casualties", ("killed-or-injured", "exact", 157, 157, 0)),
        ("four people", "killed", ("killed", "exact", 4, 4, 4)),
        ("about 60", "killed", ("killed", "about", 60, 60, 60)),
        ("up to 10", "killed", ("killed", "up to", None, 10, 10)),
        ("50 more", "wounded", ("injured", "exact", 50, 50, 0)),
        ("12 aid workers", "abducted", ("abducted", "exact", 12, 12, 0)),
        ("30 suspects", "arrested", ("detained", "exact", 30, 30, 0)),
        (
            "dozens of Afghan security forces",
            "killing and wounding",
            ("killed-or-injured", "vague", 12, 12, 0),
        ),
    ],
)
def test_casualty_values(quantity: str, outcome: str, expected: tuple) -> None:
    value = normalise_casualty(quantity, outcome, BOOK)
    assert (value.outcome, value.qualifier, value.low, value.high, value.fatalities) == expected
    assert value.rule


def test_rule_names_say_why() -> None:
    assert normalise_casualty("dozens", "killed", BOOK).rule == "dozens: 12"
    assert normalise_casualty("100", "killed or injured", BOOK).rule.startswith("casualties_only")


@pytest.mark.parametrize(
    ("phrase", "outcome"),
    [
        ("killed", "killed"),
        ("were shot dead", "killed"),
        ("wounded", "injured"),
        ("killed or injured", "killed-or-injured"),
        ("casualties", "killed-or-injured"),
        ("kidnapped", "abducted"),
        ("detained", "detained"),
        ("deployed", None),
    ],
)
def test_outcomes(phrase: str, outcome: str | None) -> None:
    assert classify_outcome(phrase) == outcome
