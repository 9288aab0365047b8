"""Publication dates as news sites print them, turned into ISO 8601.

Only what the source states is kept: a date without a time stays a date, a time
without a zone stays naive, and a zone is kept as its UTC offset (IST = +05:30).
Ambiguous numeric dates (03/04/2021) are refused rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

#: Zone abbreviations seen in datelines of the region's press, with their UTC offsets.
ZONE_OFFSETS: dict[str, str] = {
    "UTC": "+00:00",
    "GMT": "+00:00",
    "Z": "+00:00",
    "AFT": "+04:30",
    "IST": "+05:30",
    "PKT": "+05:00",
    "IRST": "+03:30",
    "IRDT": "+04:30",
    "TJT": "+05:00",
    "UZT": "+05:00",
    "NPT": "+05:45",
    "BST": "+01:00",
    "CET": "+01:00",
    "CEST": "+02:00",
    "EET": "+02:00",
    "EEST": "+03:00",
    "MSK": "+03:00",
    "AST": "+03:00",
    "GST": "+04:00",
    "EST": "-05:00",
    "EDT": "-04:00",
    "CST": "-06:00",
    "CDT": "-05:00",
    "PST": "-08:00",
    "PDT": "-07:00",
    "AEST": "+10:00",
}

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_ZONE_NAMES = "|".join(sorted((z for z in ZONE_OFFSETS if z != "Z"), key=len, reverse=True))
_ZONE = (
    rf"(?P<zone>\(?(?:{_ZONE_NAMES})(?:\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?\)?"
    r"|[+-]\d{2}:?\d{2}|Z)"
)
_TIME = (
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?))?"
)

_DATE_PATTERNS = [
    re.compile(
        rf"(?<!\d){_YEAR}-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})(?!\d)"
        rf"(?:[T ]{_TIME}(?:\.\d+)?\s*{_ZONE}?)?",
        re.I,
    ),
    re.compile(rf"{_WEEKDAY}(?<!\d){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)", re.I),
    re.compile(rf"{_WEEKDAY}\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I),
    # dd.mm.yyyy is day-first wherever dots are used; with slashes only an unambiguous
    # day (> 12) tells the order.
    re.compile(r"(?<![\d/.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?![\d/.])"),
    re.compile(r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})(?![\d/.])"),
    re.compile(r"(?<![\d/.])(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\d/.])"),
]
#: A character each of `_DATE_PATTERNS` needs ("": none tested): a string without it skips that pattern.
_NEEDS = ("-", "", "", ".", "/", "/")
_YEAR_HINT = re.compile(r"(?<!\d)\d{4}(?!\d)")
_FOUR_DIGITS = re.compile(r"\d\d\d\d")  # the cheap first test: three times faster than _YEAR_HINT
_TIME_AFTER = re.compile(rf"\s*(?:[-–—,|@]\s*|at\s+)?{_TIME}\s*{_ZONE}?", re.I)
_TIME_BEFORE = re.compile(rf"{_TIME}\s*{_ZONE}?\s*[-–—,|]?\s*$", re.I)


MAX_DATE_CHARS = 80  # longer strings are prose, not a date line


@dataclass(frozen=True)
class FoundDate:
    """A publication date found in a string, with the character span it covers."""

    day: date
    clock: time | None
    offset: str | None
    start: int
    end: int

    def iso(self) -> str:
        if self.clock is None:
            return self.day.isoformat()
        stamp = datetime.combine(self.day, self.clock).isoformat(timespec="seconds")
        return stamp + (self.offset or "")


def find_date(text: str) -> FoundDate | None:
    """The earliest unambiguous date in `text`, with a time and zone next to it if present."""
    if not _FOUR_DIGITS.search(text) or not _YEAR_HINT.search(text):
        return None  # every pattern needs a four-digit year: skip the costly search
    best: FoundDate | None = None
    for pattern, needed in zip(_DATE_PATTERNS, _NEEDS, strict=True):
        if needed not in text:
            continue
        for match in pattern.finditer(text):
            found = _from_match(text, match)
            if found and (best is None or found.start < best.start):
                best = found
                break
    return best


def parse_date(text: str) -> str | None:
    """ISO form of a string that is a date and nothing more (spaces and punctuation aside)."""
    if len(text) > MAX_DATE_CHARS:
        return None
    found = find_date(text)
    if found is None:
        return None
    rest = (text[: found.start] + text[found.end :]).strip(" \t,.;:-–—|()")
    return found.iso() if not rest else None


def _from_match(text: str, match: re.Match[str]) -> FoundDate | None:
    groups = match.groupdict()
    day_value = _calendar_day(groups)
    if day_value is None:
        return None
    start, end = match.span()
    clock, offset = _clock(groups)
    if clock is None:
        if after := _TIME_AFTER.match(text, end):
            clock, offset = _clock(after.groupdict())
            end = after.end() if clock else end
        elif start and (before := _TIME_BEFORE.search(text[:start])):
            clock, offset = _clock(before.groupdict())
            start = before.start() if clock else start
    return FoundDate(day_value, clock, offset, start, end)


def _calendar_day(groups: dict[str, str | None]) -> date | None:
    year = int(groups["year"] or 0)
    if groups.get("a") is not None:
        first, second = int(groups["a"]), int(groups["b"] or 0)
        if first > 12 >= second:
            day_number, month = first, second
        elif second > 12 >= first:
            day_number, month = second, first
        elif first == second:
            day_number = month = first
        else:
            return None  # 03/04/2021: day-first or month-first cannot be told
    else:
        month_text = groups["month"] or ""
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text[:3].lower()]
        day_number = int(groups["day"] or 0)
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day_number)
    except ValueError:
        return None


def _clock(groups: dict[str, str | None]) -> tuple[time | None, str | None]:
    if groups.get("hour") is None:
        return None, None
    hour, minute = int(groups["hour"] or 0), int(groups["minute"] or 0)
    second = int(groups.get("second") or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None, None
    return time(hour, minute, second), _offset(groups.get("zone"))


def _offset(zone: str | None) -> str | None:
    if not zone:
        return None
    zone = zone.strip("() ")
    if zone.upper() == "Z":
        return "+00:00"
    numeric = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", zone)
    if numeric:
        return f"{numeric.group(1)}{numeric.group(2)}:{numeric.group(3)}"
    named = re.fullmatch(r"([A-Za-z]+)(?:\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?)?", zone)
    if not named or named.group(1).upper() not in ZONE_OFFSETS:
        return None
    base = ZONE_OFFSETS[named.group(1).upper()]
    if not named.group(2):
        return base
    shift = timedelta(hours=int(named.group(3)), minutes=int(named.group(4) or 0))
    sign = -1 if named.group(2) == "-" else 1
    return _format_offset(_offset_delta(base) + sign * shift)


def _offset_delta(offset: str) -> timedelta:
    sign = -1 if offset[0] == "-" else 1
    return sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))


def _format_offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    hours, rest = divmod(abs(minutes), 60)
    return f"{'-' if minutes < 0 else '+'}{hours:02d}:{rest:02d}"
