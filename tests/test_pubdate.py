import pytest

from annotator.core.pubdate import find_date, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07 June 2021 - 21:44", "2021-06-07T21:44:00"),
        ("04:20 IST, October 22nd 2020", "2020-10-22T04:20:00+05:30"),
        ("2021-06-10", "2021-06-10"),
        ("2021-06-07T21:44:00Z", "2021-06-07T21:44:00+00:00"),
        ("2021-06-07 21:44:05+0430", "2021-06-07T21:44:05+04:30"),
        ("Monday, June 7, 2021 9:44 PM EDT", "2021-06-07T21:44:00-04:00"),
        ("June 7, 2021 12:15 a.m.", "2021-06-07T00:15:00"),
        ("7 Jun 2021, 21:44 GMT", "2021-06-07T21:44:00+00:00"),
        ("Sept. 11, 2021", "2021-09-11"),
        ("1st of March 2021", "2021-03-01"),
        ("22 October 2020 04:20 AFT", "2020-10-22T04:20:00+04:30"),
        ("June 7, 2021 at 21:44 (UTC+4:30)", "2021-06-07T21:44:00+04:30"),
        ("13/04/2021", "2021-04-13"),
        ("04/13/2021", "2021-04-13"),
        ("2021/04/13", "2021-04-13"),
        ("07.06.2021", "2021-06-07"),
    ],
)
def test_dates_as_sites_print_them(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "03/04/2021",
        "31 February 2021",
        "25:10 June 7, 2021 and more words",
        "yesterday",
        "",
        "2021",
    ],
)
def test_ambiguous_impossible_or_partial_dates_are_refused(text: str) -> None:
    assert parse_date(text) is None


def test_find_date_reports_where_the_date_ends() -> None:
    text = "2021-07-08 Taliban launches an assault on Afghan city"
    found = find_date(text)
    assert found is not None
    assert found.iso() == "2021-07-08"
    assert text[found.end :].strip() == "Taliban launches an assault on Afghan city"
