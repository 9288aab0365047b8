"""The date normaliser on hand-written expressions, beyond the seed articles."""

import pytest

from annotator.nlp.normalise.dates import UNRESOLVED_FLAG, local_publication_date, resolve_date

MONDAY = "2021-06-07T10:00:00+04:30"  # a Monday in Kabul


@pytest.mark.parametrize(
    ("weekday", "expected"),
    [
        ("Monday", "2021-06-07"),  # the publication day itself
        ("Sunday", "2021-06-06"),
        ("Saturday", "2021-06-05"),
        ("Friday", "2021-06-04"),
        ("Thursday", "2021-06-03"),
        ("Wednesday", "2021-06-02"),
        ("Tuesday", "2021-06-01"),  # across the month boundary
    ],
)
def test_every_weekday_resolves_to_the_most_recent_one(weekday: str, expected: str) -> None:
    value = resolve_date(f"on {weekday}", MONDAY)
    assert (value.iso, value.time_precision) == (expected, 1)


def test_weekdays_in_future_sentences_look_forward() -> None:
    assert resolve_date("Sunday", MONDAY, future=True).iso == "2021-06-13"
    assert resolve_date("Monday", MONDAY, future=True).iso == "2021-06-07"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2021-06-07T01:00:00+04:30", "2021-06-06"),  # Sunday night, published Monday 01:00 local
        ("2021-06-06T21:00:00+00:00", "2021-06-06"),  # = Monday 01:30 in Kabul
        ("2021-06-07T01:00:00", "2021-06-06"),  # naive: the source's own clock
        ("2021-06-07", "2021-06-06"),
    ],
)
def test_sunday_night_published_monday_early(published: str, expected: str) -> None:
    assert resolve_date("Sunday night", published).iso == expected


def test_publication_time_is_converted_to_kabul_time() -> None:
    # 22:00 UTC on Sunday is 02:30 on Monday in Kabul: "yesterday" is Sunday.
    assert local_publication_date("2021-06-06T22:00:00+00:00").isoformat() == "2021-06-07"
    assert resolve_date("yesterday", "2021-06-06T22:00:00+00:00").iso == "2021-06-06"
    # 04:20 IST on 22 October is 03:20 in Kabul, the same day.
    assert resolve_date("Tuesday, October 20", "2020-10-22T04:20:00+05:30").iso == "2020-10-20"


@pytest.mark.parametrize(
    ("expression", "published", "expected", "precision"),
    [
        ("yesterday", "2021-03-01", "2021-02-28", 1),
        ("yesterday", "2020-03-01", "2020-02-29", 1),  # leap year
        ("last night", "2021-01-01T08:00:00+04:30", "2020-12-31", 1),
        ("today", "2021-06-07", "2021-06-07", 1),
        ("this morning", "2021-06-07", "2021-06-07", 1),
        ("the day before yesterday", "2021-06-07", "2021-06-05", 1),
        ("three days ago", "2021-06-07", "2021-06-04", 1),
        ("last week", "2021-06-07", "2021-06-03", 2),
        ("the previous week", "2021-06-07", "2021-06-03", 2),
        ("earlier this week", "2021-06-10", "2021-06-08", 2),  # Mon 7 .. Thu 10
        ("last month", "2021-01-10", "2020-12-15", 3),
        ("in February", "2021-06-07", "2021-02-15", 3),
        ("in December", "2021-01-05", "2020-12-15", 3),
        ("February 2020", "2021-06-07", "2020-02-15", 3),
        ("July 7, 2021", None, "2021-07-07", 1),
        ("7 July 2021", "2021-07-08", "2021-07-07", 1),
        ("December 30", "2021-01-02", "2020-12-30", 1),
        ("January 2", "2020-12-30", "2021-01-02", 1),
        ("Sept. 11", "2021-06-07", "2021-09-11", 1),
        ("May 1", "2021-06-07", "2021-05-01", 1),
        ("the past 24 hours", "2021-06-07", "2021-06-07", 1),
        ("recent days", "2021-06-07", "2021-06-04", 2),
    ],
)
def test_relative_and_explicit_expressions(
    expression: str, published: str | None, expected: str, precision: int
) -> None:
    value = resolve_date(expression, published)
    assert (value.iso, value.time_precision) == (expected, precision), value.rule


@pytest.mark.parametrize("expression", ["on Sunday", "yesterday", "last week", "in February", "May 1"])
def test_without_publication_date_relative_dates_are_flagged_not_guessed(expression: str) -> None:
    value = resolve_date(expression, None)
    assert value.iso is None
    assert value.flags == (UNRESOLVED_FLAG,)


def test_year_alone_and_nonsense_are_not_coded() -> None:
    assert resolve_date("in 2001", "2021-06-07").iso is None
    assert resolve_date("20 years", "2021-06-07").rule == "unrecognised"
    assert resolve_date("February 30, 2021", "2021-06-07").iso is None
