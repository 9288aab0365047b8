"""Casualty counts: outcome, qualifier, low/high and the number ACLED codes as fatalities.

ACLED counts reported deaths only: injuries, abductions and arrests give 0 fatalities,
"casualties" or "killed or injured" without a separate death count give 0, vague words
follow the codebook's fatality rules ("dozens" 12, "hundreds" 100, "several" 3 ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.codebook import Codebook, FatalityRule
from annotator.nlp.numbers import parse_number

KILLED = "killed"
INJURED = "injured"
KILLED_OR_INJURED = "killed-or-injured"
ABDUCTED = "abducted"
DETAINED = "detained"

_KILL = r"kill\w*|dead|died|dies|deaths?|bodies|lives|slain|murder\w*|executed|beheaded|fatalit\w+"
_HURT = r"wound\w*|injur\w*|hurt"
OUTCOME_WORDS = {
    KILLED: re.compile(rf"\b(?:{_KILL})\b"),
    INJURED: re.compile(rf"\b(?:{_HURT})\b"),
    ABDUCTED: re.compile(r"\b(?:abduct\w*|kidnap\w*|hostages?|taken hostage)\b"),
    DETAINED: re.compile(r"\b(?:detain\w*|arrest\w*|captured|taken prisoner|prisoners?)\b"),
}
_CASUALTIES = re.compile(r"\bcasualt(?:y|ies)\b")

_QUALIFIERS = [
    ("at least", re.compile(r"^(?:at least|no fewer than|no less than|a minimum of)\b")),
    ("more than", re.compile(r"^(?:more than|over|upwards of|in excess of)\b")),
    ("up to", re.compile(r"^(?:up to|as many as)\b")),
    (
        "about",
        re.compile(
            r"^(?:about|around|approximately|nearly|almost|some|roughly|"
            r"an estimated|estimated|close to)\b"
        ),
    ),
]


@dataclass(frozen=True)
class CasualtyValue:
    outcome: str | None
    qualifier: str
    low: int | None
    high: int | None
    fatalities: int
    rule: str

    def as_json(self) -> dict[str, object]:
        return {
            "outcome": self.outcome,
            "qualifier": self.qualifier,
            "low": self.low,
            "high": self.high,
            "fatalities": self.fatalities,
            "rule": self.rule,
        }


def classify_outcome(phrase: str) -> str | None:
    """The outcome an outcome phrase states ("killed or wounded" -> killed-or-injured)."""
    lower = phrase.lower()
    killed = bool(OUTCOME_WORDS[KILLED].search(lower))
    injured = bool(OUTCOME_WORDS[INJURED].search(lower))
    if (killed and injured) or _CASUALTIES.search(lower):
        return KILLED_OR_INJURED
    if killed:
        return KILLED
    if injured:
        return INJURED
    for outcome in (ABDUCTED, DETAINED):
        if OUTCOME_WORDS[outcome].search(lower):
            return outcome
    return None


def normalise_casualty(quantity: str, outcome_phrase: str, codebook: Codebook) -> CasualtyValue:
    """Normalise a count phrase ("at least 23 soldiers", "dozens") given its outcome phrase."""
    outcome = classify_outcome(outcome_phrase)
    text = " ".join(quantity.lower().split())
    qualifier, rest = _qualifier(text)
    rule = _vague_rule(rest, codebook)
    if rule is not None and rule.value is not None:
        low, high = rule.value, rule.large_scale_value or rule.value
        qualifier, number, how = "vague", rule.value, f"{rule.id}: {rule.value}"
    else:
        number = _leading_number(rest)
        if number is None:
            return CasualtyValue(outcome, "vague", None, None, 0, "no count given: 0")
        low, high = _bounds(qualifier, number)
        how = {
            "exact": "exact count",
            "at least": "at least N: N",
            "more than": "more than N: N",
            "up to": "up to N: N",
            "about": "about N: N",
        }[qualifier]
    return _fatalities(outcome, qualifier, low, high, number, how)


def _fatalities(
    outcome: str | None, qualifier: str, low: int | None, high: int | None, number: int, how: str
) -> CasualtyValue:
    if outcome == KILLED:
        return CasualtyValue(outcome, qualifier, low, high, number, how)
    if outcome == KILLED_OR_INJURED:
        return CasualtyValue(
            outcome, qualifier, low, high, 0, "casualties_only: killed and injured not separated: 0"
        )
    return CasualtyValue(outcome, qualifier, low, high, 0, f"not deaths ({outcome or 'unknown outcome'}): 0")


def _qualifier(text: str) -> tuple[str, str]:
    for name, pattern in _QUALIFIERS:
        match = pattern.match(text)
        if match:
            return name, text[match.end() :].strip()
    return "exact", text


def _vague_rule(text: str, codebook: Codebook) -> FatalityRule | None:
    terms = sorted(
        ((term, rule) for rule in codebook.fatality_rules for term in rule.terms),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    for term, rule in terms:
        if text == term or text.startswith(term + " "):
            return rule
    return None


def _leading_number(text: str) -> int | None:
    words = text.replace("-", " ").split()
    for end in range(len(words), 0, -1):
        number = parse_number(" ".join(words[:end]))
        if number is not None:
            return number
    return None


def _bounds(qualifier: str, number: int) -> tuple[int | None, int | None]:
    if qualifier == "at least":
        return number, None
    if qualifier == "more than":
        return number + 1, None
    if qualifier == "up to":
        return None, number
    return number, number
