"""Resolve date expressions against an article's publication date, in Afghanistan local time.

Returns the ISO date ACLED codes, its time precision (1 day, 2 week midpoint, 3 month
midpoint) and the name of the rule applied. Relative expressions in an article without a
publication date stay unresolved and are flagged: never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from annotator.core.pubdate import find_date
from annotator.nlp.numbers import parse_number

LOCAL_OFFSET = timedelta(hours=4, minutes=30)  # Afghanistan Time (AFT), no daylight saving
LOCAL_ZONE = timezone(LOCAL_OFFSET, "AFT")

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_RE = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_FILLER = re.compile(r"^(?:on|in|at|since|during|by|the|late|early|earlier|later|of|until|from)\s+")
UNRESOLVED_FLAG = "relative_date_without_publication_date"
YEAR_TOLERANCE = timedelta(days=7)  # reports may run a few days behind or ahead of events


@dataclass(frozen=True)
class DateValue:
    """A resolved (or deliberately unresolved) date expression."""

    iso: str | None
    time_precision: int | None
    rule: str
    flags: tuple[str, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, object]:
        return {
            "iso": self.iso,
            "time_precision": self.time_precision,
            "rule": self.rule,
            "flags": list(self.flags),
        }


def local_publication_date(published_at: str | None) -> date | None:
    """The publication day in Afghanistan local time.

    A timestamp with an offset is converted to UTC+4:30; a naive timestamp or a bare date
    is taken as the local day the source printed.
    """
    if not published_at:
        return None
    try:
        moment = datetime.fromisoformat(published_at)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(LOCAL_ZONE)
    return moment.date()


def resolve_date(expression: str, published_at: str | None, *, future: bool = False) -> DateValue:
    """Resolve `expression` (as it appears in the text) against the publication date.

    future: the sentence speaks of something to come ("will meet on Sunday"), so
        weekdays resolve forwards; past-tense narration resolves to the most recent day.
    """
    pub = local_publication_date(published_at)
    text = _strip_fillers(expression)
    explicit = _explicit(text, pub, future)
    if explicit is not None:
        return explicit
    for rule in _RELATIVE_RULES:
        match = rule.pattern.search(text)
        if match:
            if pub is None:
                return DateValue(None, None, rule.name, (UNRESOLVED_FLAG,))
            return rule.resolve(match, pub, future)
    return DateValue(None, None, "unrecognised", ("unrecognised_date_expression",))


def _strip_fillers(expression: str) -> str:
    text = " ".join(expression.lower().replace(",", " , ").split())
    previous = None
    while previous != text:
        previous = text
        text = _FILLER.sub("", text)
    return text.strip(" ,.")


# -- explicit calendar dates ------------------------------------------------------------------
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:\s*,?\s*(\d{{4}}))?\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*,?\s*(\d{{4}}))?")
_MONTH_ONLY = re.compile(rf"^(?:(?:mid|early|late)-?\s*)?{_MONTH_RE}(?:\s*,?\s*(\d{{4}}))?$")
_YEAR_ONLY = re.compile(r"^(\d{4})$")


def _month_number(name: str) -> int:
    key = name.rstrip(".").lower()
    return _MONTH_ABBR["sept" if key.startswith("sept") else key[:3]]


def _explicit(text: str, pub: date | None, future: bool) -> DateValue | None:
    found = find_date(text)
    if found is not None:
        return DateValue(found.day.isoformat(), 1, "explicit date")
    if match := _DAY_MONTH.search(text):
        return _month_day(_month_number(match.group(2)), int(match.group(1)), match.group(3), pub, future)
    if match := _MONTH_DAY.search(text):
        return _month_day(_month_number(match.group(1)), int(match.group(2)), match.group(3), pub, future)
    if match := _MONTH_ONLY.search(text):
        return _month(_month_number(match.group(1)), match.group(2), pub)
    if match := _YEAR_ONLY.match(text):
        return DateValue(None, None, "year only", ("year_only_not_codable",))
    return None


def _month_day(month: int, day: int, year_text: str | None, pub: date | None, future: bool) -> DateValue:
    if year_text:
        return _checked(int(year_text), month, day, "explicit date")
    if pub is None:
        return DateValue(None, None, "day and month without year", (UNRESOLVED_FLAG,))
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # 29 February
    if not candidates:
        return DateValue(None, None, "impossible date", ("impossible_date",))
    # The year that puts the day nearest the publication: "December 30" in a January
    # article is last year's, a "September 11 deadline" in June this year's.
    chosen = min(candidates, key=lambda d: abs((d - pub).days))
    if future and chosen < pub - YEAR_TOLERANCE:
        chosen = chosen.replace(year=chosen.year + 1)
    return DateValue(chosen.isoformat(), 1, "day and month, nearest year to publication")


def _checked(year: int, month: int, day: int, rule: str) -> DateValue:
    try:
        return DateValue(date(year, month, day).isoformat(), 1, rule)
    except ValueError:
        return DateValue(None, None, "impossible date", ("impossible_date",))


def _month(month: int, year_text: str | None, pub: date | None) -> DateValue:
    if year_text:
        year = int(year_text)
    elif pub is None:
        return DateValue(None, None, "month without year", (UNRESOLVED_FLAG,))
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return DateValue(date(year, month, 15).isoformat(), 3, "month only: mid-month")


# -- relative expressions ---------------------------------------------------------------------
Resolver = Callable[[re.Match[str], date, bool], DateValue]


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolver: Resolver

    def resolve(self, match: re.Match[str], pub: date, future: bool) -> DateValue:
        return self.resolver(match, pub, future)


def _days_back(days: int, name: str, precision: int = 1) -> Resolver:
    def resolve(match: re.Match[str], pub: date, future: bool) -> DateValue:
        return DateValue((pub - timedelta(days=days)).isoformat(), precision, name)

    return resolve


def _weekday(match: re.Match[str], pub: date, future: bool) -> DateValue:
    target = WEEKDAYS.index(match.group(1))
    if future:
        ahead = (target - pub.weekday()) % 7
        return DateValue((pub + timedelta(days=ahead)).isoformat(), 1, "weekday, next occurrence")
    back = (pub.weekday() - target) % 7
    rule = "weekday = publication day" if back == 0 else "weekday, most recent before publication"
    return DateValue((pub - timedelta(days=back)).isoformat(), 1, rule)


def _days_ago(match: re.Match[str], pub: date, future: bool) -> DateValue:
    days = parse_number(match.group(1)) or 0
    return DateValue((pub - timedelta(days=days)).isoformat(), 1, "N days ago")


def _past_hours(match: re.Match[str], pub: date, future: bool) -> DateValue:
    hours = parse_number(match.group(1)) or 24
    if hours <= 24:
        return DateValue(pub.isoformat(), 1, "past N hours: publication day")
    return DateValue(
        (pub - timedelta(hours=hours / 2)).isoformat(),
        2 if hours <= 168 else 3,
        "past N hours: midpoint",
    )


def _week(offset_days: int, name: str) -> Resolver:
    def resolve(match: re.Match[str], pub: date, future: bool) -> DateValue:
        return DateValue((pub - timedelta(days=offset_days)).isoformat(), 2, name)

    return resolve


def _last_month(match: re.Match[str], pub: date, future: bool) -> DateValue:
    first = pub.replace(day=1) - timedelta(days=1)
    return DateValue(first.replace(day=15).isoformat(), 3, "last month: mid-month")


def _this_month(match: re.Match[str], pub: date, future: bool) -> DateValue:
    middle = pub.replace(day=(pub.day + 1) // 2)
    return DateValue(middle.isoformat(), 3, "this month: midpoint of the month to publication")


def _this_week(match: re.Match[str], pub: date, future: bool) -> DateValue:
    days_in = pub.weekday()  # Monday = 0
    middle = pub - timedelta(days=days_in - days_in // 2)
    return DateValue(middle.isoformat(), 2, "this week: midpoint of the week to publication")


_NUMBER = r"(\d+|[a-z]+(?:[- ][a-z]+)?)"
_RELATIVE_RULES = [
    _Rule(
        "day before yesterday",
        re.compile(r"\bday before yesterday\b"),
        _days_back(2, "day before yesterday"),
    ),
    _Rule("yesterday", re.compile(r"\byesterday\b"), _days_back(1, "yesterday")),
    _Rule(
        "last night",
        re.compile(r"^night\b|\b(?:last|previous) night\b|^overnight\b"),
        _days_back(1, "last night: day before publication"),
    ),
    _Rule(
        "today",
        re.compile(
            r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b"
            r"|^(?:morning|afternoon|evening)$"
        ),
        _days_back(0, "today: publication day"),
    ),
    _Rule("N days ago", re.compile(rf"\b{_NUMBER} days? ago\b"), _days_ago),
    _Rule("past N hours", re.compile(rf"\b(?:past|last|previous)\s+{_NUMBER}\s+hours\b"), _past_hours),
    _Rule("weekday", re.compile(rf"\b({'|'.join(WEEKDAYS)})\b"), _weekday),
    _Rule(
        "last week",
        re.compile(r"\b(?:last|previous|past|prior) week\b"),
        _week(4, "last week: midpoint of the 7 days before publication"),
    ),
    _Rule("this week", re.compile(r"\bthis week\b"), _this_week),
    _Rule(
        "recent days",
        re.compile(r"\b(?:recent|past few|last few) days\b"),
        _week(3, "recent days: midpoint of the week before publication"),
    ),
    _Rule("last month", re.compile(r"\b(?:last|previous|past) month\b"), _last_month),
    _Rule("this month", re.compile(r"\bthis month\b"), _this_month),
]
