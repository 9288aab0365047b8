"""Turn an article as scraped into the clean text annotations point into.

Header lines (publication date, news id, byline, credit) become metadata, web boilerplate
lines are dropped, whitespace is tidied. The caller keeps the raw text whole; this module
only decides what `text`, `title`, `source` and `published_at` are.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from annotator.core.pubdate import find_date, parse_date

HEADER_ZONE = 8  # non-blank lines at the top where header lines are looked for
TRAILER_ZONE = 3  # non-blank lines at the bottom where a repeated dateline is dropped
MAX_TITLE_WORDS = 20

_KEYWORD_DATE = re.compile(
    r"^(?P<key>publish(?:ed)?(?:\s+(?:date|on|at))?|date(?:\s+published)?|"
    r"posted(?:\s+(?:on|at))?|first\s+published(?:\s+on)?|"
    r"(?:last\s+)?updated(?:\s+(?:on|at))?)\b\s*[:\-–]?\s*(?P<rest>.*)$",
    re.I,
)
_ID_LINE = re.compile(r"^(?:news|article|story|post)?\s*id\s*[:#]\s*(?P<id>[\w-]+)$", re.I)
_BYLINE = re.compile(r"^[Bb]y\s+(?P<author>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s*$")
_URL_LINE = re.compile(r"^(?:(?:url|link|source url)\s*:\s*)?(?P<url>https?://\S+)$", re.I)
_TITLE_LINE = re.compile(r"^(?:title|headline)\s*:\s*(?P<title>.+)$", re.I)
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'-]{1,40}?)\s*\((?P<source>[^()]{2,40})\)\s*[–—-]")
_BLANK_RUN = re.compile(r"\n{3,}")
_KEYWORD_STARTS = frozenset("pdflu" + "PDFLU")  # the first letters _KEYWORD_DATE matches
_SENTENCE_END = re.compile(r"[.?!:;,]['\"”’)]?$")


@dataclass(frozen=True)
class IngestRules:
    """Cleaning rules from `resources/ingest.toml`."""

    boilerplate: re.Pattern[str]
    max_boilerplate_chars: int
    source_lines: tuple[re.Pattern[str], ...]
    agency_credit: re.Pattern[str]
    #: Any of the three above as one pattern: a line it does not match is kept at once.
    candidate: re.Pattern[str] | None = None

    @classmethod
    def from_file(cls, path: Path) -> IngestRules:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        agencies = "|".join(re.escape(a) for a in sorted(data["agencies"], key=len, reverse=True))
        boilerplate = "|".join(f"(?:{p})" for p in data["boilerplate"])
        credit = rf"^(?:by\s+)?(?P<source>{agencies})(?:\s*[,/–-]\s*[A-Z][A-Za-z .'-]{{1,40}})?$"
        return cls(
            boilerplate=re.compile(boilerplate, re.I),
            max_boilerplate_chars=int(data["max_boilerplate_chars"]),
            source_lines=tuple(re.compile(p, re.I) for p in data["source_lines"]),
            agency_credit=re.compile(credit),
            candidate=_any_of([f"(?i:{boilerplate})", credit, *(f"(?i:{p})" for p in data["source_lines"])]),
        )


def _any_of(patterns: list[str]) -> re.Pattern[str] | None:
    """One pattern that fully matches what any of `patterns` does (None: they cannot be
    combined, e.g. two use one group name)."""
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:
        return None


class Line(NamedTuple):
    """A line of the article as cleaning keeps it: `text` is `normalise(raw)[start:start+len(text)]`."""

    text: str
    start: int


@dataclass
class CleanedArticle:
    text: str
    title: str | None = None
    source: str | None = None
    published_at: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    #: The record of the edits: the lines `text` is joined from (empty ones included), each
    #: with where it stands in `normalise(raw)`; `core.raw_offsets` maps raw offsets through it.
    lines: list[Line] = field(default_factory=list)


def raw_form(raw: str) -> str:
    """The raw text without byte-order marks and with Unix newlines: the same for a file saved
    with or without a BOM, with CRLF, CR or LF line ends."""
    if "\ufeff" in raw:
        raw = raw.replace("\ufeff", "")
    return raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw


def normalise(raw: str) -> str:
    """NFC, Unix newlines, no byte-order mark: the form offsets are counted in."""
    text = raw_form(raw)
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def is_blank(text: str) -> bool:
    """Whether `text` has no visible character: only whitespace, control and format characters
    (zero-width spaces, direction marks), nothing an annotator could mark."""
    return all(unicodedata.category(char)[0] in "CZ" for char in text)


def clean_article(raw: str, rules: IngestRules) -> CleanedArticle:
    """The article text without header lines and boilerplate, with what the header said."""
    lines = _stripped_lines(normalise(raw))
    result = CleanedArticle(text="")
    lines = _take_header(lines, result)
    lines = _drop_boilerplate(lines, rules, result)
    lines = _drop_trailing_datelines(lines, result)
    texts = [line.text for line in lines]
    _read_dateline(texts, result)
    result.title = result.title or _title(texts)
    result.text = _join(texts)
    result.lines = lines
    return result


def _stripped_lines(text: str) -> list[Line]:
    """The lines of `text` split at "\n", each without its surrounding whitespace."""
    lines, start = [], 0
    make = tuple.__new__  # Line's own __new__ is a Python function: this is its C twin
    for line in text.split("\n"):
        stripped = line.lstrip()
        lines.append(make(Line, (stripped.rstrip(), start + len(line) - len(stripped))))
        start += len(line) + 1
    return lines


def _take_header(lines: list[Line], out: CleanedArticle) -> list[Line]:
    kept: list[Line] = []
    seen = 0
    for index, line in enumerate(lines):
        if seen >= HEADER_ZONE:
            kept.extend(lines[index:])
            break
        if line.text:
            seen += 1
            kept_part = _header_line(line.text, out)
            if kept_part is None:
                continue
            offset, text = kept_part
            line = Line(text, line.start + offset)
        kept.append(line)
    return kept


def _header_line(line: str, out: CleanedArticle) -> tuple[int, str] | None:
    """Record a header line in `out`; returns what stays in the text and where it starts in
    `line` (None: nothing)."""
    colon = ":" in line  # the cheap tests first: most lines are prose no pattern can match
    if (colon or "#" in line) and (match := _ID_LINE.match(line)):
        out.meta["news_id"] = match.group("id")
        return None
    if line[0] in _KEYWORD_STARTS and (match := _KEYWORD_DATE.match(line)):
        return _keyword_date(match, line, out)
    if colon and (match := _TITLE_LINE.match(line)):
        title = match.group("title")
        out.title = title.strip()
        return match.start("title") + len(title) - len(title.lstrip()), out.title
    if "://" in line and (match := _URL_LINE.match(line)):
        out.meta["url"] = match.group("url")
        return None
    if line[0] in "Bb" and (match := _BYLINE.match(line)):
        out.meta["author"] = match.group("author")
        return None
    if (iso := parse_date(line)) is not None:
        out.meta.setdefault("header_dates", []).append(line)
        if out.published_at is None:
            out.published_at = iso
        return None
    return 0, line


def _keyword_date(match: re.Match[str], line: str, out: CleanedArticle) -> tuple[int, str] | None:
    rest = match.group("rest")
    found = find_date(rest)
    if found is None or rest[: found.start].strip(" ,:-–"):
        out.meta.setdefault("unparsed_date_headers", []).append(line)
        return None if len(line.split()) <= 8 else (0, line)
    if "updat" in match.group("key").lower():
        out.meta["updated_at"] = found.iso()
    elif out.published_at is None:
        out.published_at = found.iso()
    out.meta.setdefault("header_dates", []).append(line)
    tail = rest[found.end :]
    remainder = tail.strip(" ,|-–—")
    lead = len(tail) - len(tail.lstrip(" ,|-–—"))
    return (match.start("rest") + found.end + lead, remainder) if remainder else None


def _drop_boilerplate(lines: list[Line], rules: IngestRules, out: CleanedArticle) -> list[Line]:
    longest = rules.max_boilerplate_chars
    candidate = rules.candidate.fullmatch if rules.candidate else lambda _text: True
    # one test of the combined pattern per line in a comprehension; the runs of lines between
    # the few it takes are kept whole
    hits = [i for i, (text, _) in enumerate(lines) if text and len(text) <= longest and candidate(text)]
    if not hits:
        return lines
    kept: list[Line] = []
    removed: list[str] = []
    previous = 0
    for index in hits:
        kept.extend(lines[previous:index])
        previous = index + 1
        line = lines[index]
        if rules.boilerplate.fullmatch(line.text):
            removed.append(line.text)
            continue
        credit = _credit(line.text, rules)
        if credit:
            out.source = out.source or credit
            out.meta.setdefault("credit_lines", []).append(line.text)
            continue
        kept.append(line)
    kept.extend(lines[previous:])
    if removed:
        out.meta["boilerplate_removed"] = removed
    return kept


def _credit(line: str, rules: IngestRules) -> str | None:
    if match := rules.agency_credit.fullmatch(line):
        return match.group("source")
    for pattern in rules.source_lines:
        if match := pattern.fullmatch(line):
            return match.group(1).strip()
    return None


def _drop_trailing_datelines(lines: list[Line], out: CleanedArticle) -> list[Line]:
    last: list[int] = []  # the last TRAILER_ZONE + 1 non-blank lines, from the end
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].text:
            last.append(i)
            if len(last) > TRAILER_ZONE:
                break
    if len(last) <= TRAILER_ZONE:
        return lines  # too short an article to have a trailer
    for index in reversed(last[:TRAILER_ZONE]):
        if parse_date(lines[index].text) is not None:
            out.meta.setdefault("trailing_datelines", []).append(lines[index].text)
            lines[index] = Line("", lines[index].start)
    return lines


def _read_dateline(lines: list[str], out: CleanedArticle) -> None:
    first = next((line for line in lines if line), "")
    if match := _DATELINE.match(first):
        out.meta["dateline"] = match.group("place").strip()
        out.source = out.source or match.group("source").strip()


def _title(lines: list[str]) -> str | None:
    content = [line for line in lines if line]
    if len(content) < 2:
        return None
    first = content[0]
    words = first.split()
    if 2 <= len(words) <= MAX_TITLE_WORDS and not _SENTENCE_END.search(first):
        return first
    return None


def _join(lines: list[str]) -> str:
    text = "\n".join(lines)
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    return text.strip("\n")
