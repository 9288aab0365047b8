"""Casualty counts found by rules: a quantity (with its qualifier and counted people) next to
an outcome word in the same sentence ("at least 23 soldiers were killed", "killing dozens")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from annotator.core.codebook import Codebook
from annotator.nlp.candidates import PRIORITY_RULE, Candidate, candidate
from annotator.nlp.normalise.casualties import normalise_casualty
from annotator.nlp.numbers import is_number_word

OUTCOME = re.compile(
    r"^(?:kill(?:ed|ing|s)?|dead|died|die|deaths?|bodies|slain|wound(?:ed|ing|s)?|injur(?:ed|ing|ies|y)|"
    r"hurt|casualties|abduct(?:ed|ing)|kidnap(?:ped|ping)|detain(?:ed|ing)|arrest(?:ed|ing)|"
    r"executed|beheaded|martyred|lost)$"
)
QUALIFIER_WORDS = {
    ("at", "least"),
    ("more", "than"),
    ("no", "fewer", "than"),
    ("up", "to"),
    ("as", "many", "as"),
    ("about",),
    ("around",),
    ("nearly",),
    ("almost",),
    ("some",),
    ("over",),
    ("approximately",),
    ("roughly",),
    ("an", "estimated"),
    ("no", "less", "than"),
}
VAGUE = {"dozens", "several", "many", "scores", "hundreds", "few", "numerous", "tens", "thousands"}
CASUALTY_ADJECTIVES = {"heavy", "massive", "major", "significant", "high", "huge", "serious"}
COUNTED = frozenset(
    [
        "people",
        "persons",
        "civilians",
        "soldiers",
        "troops",
        "police",
        "policemen",
        "officers",
        "personnel",
        "members",
        "fighters",
        "militants",
        "insurgents",
        "taliban",
        "forces",
        "security",
        "afghan",
        "army",
        "border",
        "guards",
        "commandos",
        "workers",
        "students",
        "children",
        "women",
        "men",
        "others",
        "more",
        "other",
        "safety",
        "staff",
        "villagers",
        "worshippers",
        "passengers",
        "militiamen",
        "pro-government",
        "government",
        "local",
        "national",
        "special",
        "pakistani",
        "foreign",
        "us",
        "american",
        "nato",
        "rebels",
        "attackers",
        "gunmen",
        "assailants",
        "protesters",
        "demonstrators",
    ]
)
NOT_PEOPLE = frozenset(
    [
        "percent",
        "%",
        "hours",
        "days",
        "weeks",
        "months",
        "years",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "provinces",
        "districts",
        "villages",
        "houses",
        "vehicles",
        "times",
        "metres",
        "meters",
        "o'clock",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "dollars",
        "afghanis",
        # things an attack counts that are not people ("two explosions", "three vehicles")
        "explosions",
        "blasts",
        "bombs",
        "shells",
        "rockets",
        "missiles",
        "mortars",
        "grenades",
        "mines",
        "drones",
        "airstrikes",
        "strikes",
        "attacks",
        "incidents",
        "rounds",
        "shots",
        "cars",
        "trucks",
        "buses",
        "tanks",
        "boats",
        "aircraft",
        "helicopters",
        "planes",
        "homes",
        "buildings",
        "shops",
        "schools",
        "churches",
        "mosques",
        "weapons",
        "rifles",
        "guns",
        "towns",
        "cities",
        "kilograms",
        "kg",
        "tonnes",
    ]
)
#: Words between an earlier outcome and a count that start a new clause with its own outcome:
#: "nine soldiers dead and another 12 wounded", "30 were killed, while 40 were injured".
CLAUSE_BREAKS = frozenset({"and", "but", "while", "whereas", ",", ";", "another", "further", "with", "plus"})
#: Words allowed between a count and the outcome that follows it ("40 were reportedly injured").
LINKING_WORDS = frozenset(
    {"were", "was", "are", "is", "had", "have", "has", "been", "being", "reportedly", "also"}
)
OBJECT_WINDOW = 4  # "killed at least four people": the outcome before the count
SUBJECT_WINDOW = 8  # "four people were killed": the outcome after the count


def find_casualties(doc: Doc, codebook: Codebook, date_tokens: set[int]) -> list[Candidate]:
    found = []
    for sent in doc.sents:
        anchors = [t.i for t in sent if OUTCOME.match(t.lower_)]
        if not anchors:
            continue
        for quantity in _quantities(sent, date_tokens):
            outcome = _outcome_phrase(doc, quantity, anchors)
            if outcome is None:
                continue
            value = normalise_casualty(quantity.text, outcome.text, codebook)
            normalized = value.as_json() | {"outcome_text": outcome.text}
            found.append(candidate(quantity, "CASUALTY", "rule:casualty", PRIORITY_RULE, 0.85, normalized))
    return found


def _quantities(sent: Span, date_tokens: set[int]) -> list[Span]:
    doc = sent.doc
    spans: list[Span] = []
    i = sent.start
    while i < sent.end:
        token = doc[i]
        if i in date_tokens or not _starts_quantity(token):
            i += 1
            continue
        start = _qualifier_start(doc, i, sent.start)
        end = _quantity_end(doc, i, sent.end)
        if end is None:
            i += 1
            continue
        spans.append(doc[start:end])
        i = end
    return spans


def _starts_quantity(token: Token) -> bool:
    lower = token.lower_
    if lower in VAGUE or lower in CASUALTY_ADJECTIVES:
        return True
    if lower in {"a", "an", "one"}:
        return False  # "a police officer" is not counted by rule
    return (token.like_num and is_number_word(lower.replace(",", ""))) or lower.isdigit()


def _qualifier_start(doc: Doc, i: int, floor: int) -> int:
    for words in sorted(QUALIFIER_WORDS, key=len, reverse=True):
        start = i - len(words)
        if start >= floor and tuple(t.lower_ for t in doc[start:i]) == words:
            return start
    if i - 3 >= floor and [t.lower_ for t in doc[i - 3 : i]] == ["a", "number", "of"]:
        return i - 3
    return i


def _quantity_end(doc: Doc, i: int, limit: int) -> int | None:
    """End of 'N [of] [counted people]', or None when the number counts something else."""
    token = doc[i]
    if token.lower_ in CASUALTY_ADJECTIVES:
        return i + 2 if i + 1 < limit and doc[i + 1].lower_ == "casualties" else None
    end = i + 1
    while end < limit and (doc[end].like_num or doc[end].lower_ in {"-", "hundred", "thousand", "dozen"}):
        end += 1
    if end < limit and doc[end].lower_ in NOT_PEOPLE:
        return None
    if (
        end < limit
        and doc[end].lower_ == "of"
        and end + 1 < limit
        and doc[end + 1].lower_ in {"the", "its", "their"}
    ):
        return None  # "26 of the country's 34 provinces"
    if token.text.isdigit() and len(token.text) == 4 and (end >= limit or doc[end].lower_ not in COUNTED):
        return None  # a year
    of = end < limit and doc[end].lower_ == "of" and token.lower_ in VAGUE
    first = end + 1 if of else end
    counted = first
    while counted < limit and counted - first < 4 and _counts_people(doc[counted]):
        counted += 1
    if counted > first:
        return counted
    return None if of and first < limit and doc[first].lower_ in NOT_PEOPLE else end


def _counts_people(token: Token) -> bool:
    return token.lower_ in COUNTED or token.lower_ == "casualties"


def _outcome_phrase(doc: Doc, quantity: Span, anchors: list[int]) -> Span | None:
    """The outcome words this count belongs to, with coordinated ones ('killed or wounded')."""
    if quantity[-1].lower_ == "casualties":
        return quantity[-1:]
    before = [a for a in anchors if quantity.start - OBJECT_WINDOW <= a < quantity.start]
    after = [a for a in anchors if quantity.end <= a < quantity.end + SUBJECT_WINDOW]
    if before and after and _new_clause(doc, max(before), quantity) and _follows(doc, quantity, after[0]):
        before = []  # "nine dead and another 12 wounded": the count belongs to what follows
    inside = [a for a in anchors if quantity.start <= a < quantity.end]
    if before:
        anchor = max(before)
    elif after:
        anchor = min(after)
    elif inside:
        anchor = inside[0]
    else:
        return None
    return _coordinated(doc, anchor)


def _new_clause(doc: Doc, anchor: int, quantity: Span) -> bool:
    """Whether a clause break lies between an earlier outcome and the count."""
    return any(t.lower_ in CLAUSE_BREAKS for t in doc[anchor + 1 : quantity.start])


def _follows(doc: Doc, quantity: Span, anchor: int) -> bool:
    """Whether the outcome at `anchor` follows the count with only linking words between,
    adverbs among them ('and three others were seriously injured')."""
    return all(t.lower_ in LINKING_WORDS or _adverb(t) for t in doc[quantity.end : anchor])


def _adverb(token: Token) -> bool:
    """An adverb by its tag, or by its '-ly' form where no tagger ran (rules only)."""
    return token.pos_ == "ADV" or (not token.pos_ and token.is_alpha and token.lower_.endswith("ly"))


def _coordinated(doc: Doc, anchor: int) -> Span:
    start = end = anchor
    while (
        start - 2 >= 0
        and doc[start - 1].lower_ in {"or", "and", "and/or"}
        and OUTCOME.match(doc[start - 2].lower_)
    ):
        start -= 2
    while (
        end + 2 < len(doc)
        and doc[end + 1].lower_ in {"or", "and", "and/or"}
        and OUTCOME.match(doc[end + 2].lower_)
    ):
        end += 2
    return doc[start : end + 1]
