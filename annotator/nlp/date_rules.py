"""Date expressions found by rules (so that a pipeline without NER still finds them)."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from annotator.nlp.candidates import PRIORITY_RULE, Candidate, candidate
from annotator.nlp.normalise.dates import MONTHS as MONTH_NAMES
from annotator.nlp.normalise.dates import WEEKDAYS

ABBREVIATIONS = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
MONTHS = [*MONTH_NAMES, *ABBREVIATIONS, *(f"{a}." for a in ABBREVIATIONS)]
PARTS_OF_DAY = ["morning", "afternoon", "evening", "night"]
_DAY = {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)?$"}}
_YEAR = {"TEXT": {"REGEX": r"^(19|20)\d\d$"}}
_MONTH = {"LOWER": {"IN": MONTHS}, "IS_TITLE": True}
_DOT = {"ORTH": ".", "OP": "?"}
_COMMA = {"ORTH": ",", "OP": "?"}

PATTERNS: dict[str, list[list[dict]]] = {
    "weekday": [
        [{"LOWER": {"IN": WEEKDAYS}}, {"LOWER": {"IN": PARTS_OF_DAY}, "OP": "?"}],
        [{"LOWER": {"IN": WEEKDAYS}}, _COMMA, _MONTH, _DOT, _DAY, _COMMA, {**_YEAR, "OP": "?"}],
    ],
    "relative_day": [
        [{"LOWER": {"IN": ["yesterday", "today", "tonight"]}}],
        [{"LOWER": {"IN": ["last", "previous"]}}, {"LOWER": "night"}],
        [{"LOWER": "this"}, {"LOWER": {"IN": ["morning", "afternoon", "evening"]}}],
        [{"LOWER": "day"}, {"LOWER": "before"}, {"LOWER": "yesterday"}],
        [{"LIKE_NUM": True}, {"LOWER": {"IN": ["day", "days"]}}, {"LOWER": "ago"}],
    ],
    "relative_period": [
        [
            {"LOWER": {"IN": ["last", "previous", "past", "this", "prior"]}},
            {"LOWER": {"IN": ["week", "month"]}},
        ],
        [{"LOWER": {"IN": ["past", "last", "previous"]}}, {"LIKE_NUM": True}, {"LOWER": "hours"}],
        [{"LOWER": "recent"}, {"LOWER": {"IN": ["days", "weeks"]}}],
    ],
    "calendar": [
        [_MONTH, _DOT, _DAY, _COMMA, {**_YEAR, "OP": "?"}],
        [_DAY, {"LOWER": "of", "OP": "?"}, _MONTH, _DOT, _COMMA, {**_YEAR, "OP": "?"}],
        [_MONTH, _DOT, _YEAR],
        [{"TEXT": {"REGEX": r"^(19|20)\d\d-\d\d-\d\d$"}}],
    ],
    # A month alone, after a preposition: its own key, so that "by September 11" is not cut
    # to "by September" by the calendar key's longest-match filter.
    "month": [
        [
            {"LOWER": {"IN": ["in", "since", "during", "until", "by", "early", "late", "mid"]}},
            {
                "LOWER": {"IN": [m for m in MONTHS if m not in {"may", "march", "mar"}]},
                "IS_TITLE": True,
            },
        ],
    ],
    "year": [[{"LOWER": {"IN": ["in", "since", "until", "by"]}}, _YEAR]],
}
_DROP_FIRST = {"in", "since", "during", "until", "by", "early", "late", "mid"}


def build_matcher(nlp: Language) -> Matcher:
    matcher = Matcher(nlp.vocab, validate=False)
    for name, patterns in PATTERNS.items():
        matcher.add(f"date:{name}", patterns, greedy="LONGEST")
    return matcher


def find_dates(doc: Doc, matcher: Matcher) -> list[Candidate]:
    found = []
    for match_id, start, end in matcher(doc):
        if doc[start].lower_ in _DROP_FIRST:
            start += 1  # "in February": the preposition is not part of the date
        while end > start and doc[end - 1].text in {",", "."}:
            end -= 1
        rule = doc.vocab.strings[match_id]
        found.append(candidate(doc[start:end], "DATE", f"rule:{rule}", PRIORITY_RULE, 0.9))
    return found
