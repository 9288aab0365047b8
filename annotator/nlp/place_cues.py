"""Places no gazetteer lists, named where the words around them say a place is meant, and
place names that open with a prefix word.

Cued names: capitalised words after 'the village of', 'the town of', 'the outskirts of'...
or before a kind of place written in lower case ('the Chamelecon neighbourhood of San Pedro
Sula', 'Intan Jaya regency', 'the Upper and Lower Dir districts'). They are LOCATIONs with a
lower score and the geo precision of the kind ('village' a town, 'district' a unit), and every
other mention of the same name in the article is a LOCATION too (one sense per article).

Prefixed names: 'Lake Chad', 'North Kivu', 'East Jerusalem', 'Upper Nile': a capitalised
prefix word directly before a place is part of its name (the codebook marks the whole name);
a compass word before a country ('North Syria' in a title-case headline) stays out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from annotator.nlp.candidates import PRIORITY_GAZETTEER, Candidate, candidate
from annotator.nlp.normalise.dates import MONTHS, WEEKDAYS
from annotator.nlp.place_context import TITLES
from annotator.nlp.place_keys import exact_key
from annotator.nlp.world_places import WorldIndex

#: Score of a place known only from the words around it.
CUED_SCORE = 0.7
#: Score of another mention of a name a cue made a place.
AGAIN_SCORE = 0.65
#: Kinds of place written after a name ('X district'), with the codebook's geo precision.
KIND_AFTER_PRECISION = {
    "village": 1,
    "villages": 1,
    "town": 1,
    "towns": 1,
    "township": 1,
    "neighbourhood": 1,
    "neighbourhoods": 1,
    "neighborhood": 1,
    "neighborhoods": 1,
    "suburb": 1,
    "favela": 1,
    "district": 2,
    "districts": 2,
    "regency": 2,
    "county": 2,
    "counties": 2,
    "municipality": 2,
    "zone": 2,
    "prefecture": 2,
    "department": 2,
    "region": 3,
    "regions": 3,
    "province": 3,
    "provinces": 3,
    "governorate": 3,
}
#: Kinds of place written before 'of' and a name ('the village of X'), with their precision.
KIND_OF_PRECISION = {
    "village": 1,
    "town": 1,
    "hamlet": 1,
    "settlement": 1,
    "neighbourhood": 1,
    "neighborhood": 1,
    "suburb": 1,
    "outskirts": 2,
    "district": 2,
    "municipality": 2,
    "commune": 2,
    "region": 3,
    "province": 3,
}
#: Lower-case particles inside a name ('Souq al-Jumaa', 'Complexo do Alemao').
PARTICLES = frozenset({"al", "el", "ad", "ash", "ar", "az", "de", "del", "do", "da", "dos", "das", "du"})
#: Words before a name that belong to its name ('Lake Chad', 'North Kivu').
PREFIX_WORDS = frozenset(
    {"lake", "north", "south", "east", "west", "upper", "lower", "central"}
    | {"northeast", "northwest", "southeast", "southwest"}
)
_NOT_NAMES = frozenset([*WEEKDAYS, *MONTHS, *TITLES])
MAX_NAME_TOKENS = 6


def cued_places(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """LOCATION candidates for names a place cue vouches for, outside the words the gazetteers
    matched to anything else, and not where a gazetteer already found exactly that place."""
    blocked = {t for c in found if c.label != "LOCATION" for t in range(c.token_start, c.token_end)}
    known = {(c.token_start, c.token_end) for c in found if c.label == "LOCATION"}
    named: dict[tuple[int, int], int] = {}
    for i, token in enumerate(doc):
        word = token.lower_
        if word in KIND_AFTER_PRECISION and token.is_lower:
            for span in _names_before(doc, i):
                named.setdefault((span.start, span.end), _after_precision(doc, i))
        if word == "of" and _word(doc, i - 1) in KIND_OF_PRECISION:
            span = _name_from(doc, i + 1)
            if span is not None:
                named.setdefault((span.start, span.end), KIND_OF_PRECISION[_word(doc, i - 1)])
    cued = {k: v for k, v in named.items() if k not in known and not blocked.intersection(range(*k))}
    spans = [_candidate(doc[s:e], CUED_SCORE, precision) for (s, e), precision in cued.items()]
    return spans + _named_again(doc, cued, blocked | {t for s, e in cued for t in range(s, e)})


def _word(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _after_precision(doc: Doc, kind: int) -> int:
    """'the Souq district of Tripoli' is a part of a town (1); 'Souq district' a unit."""
    precision = KIND_AFTER_PRECISION[doc[kind].lower_]
    city_part = _word(doc, kind + 1) == "of" and kind + 2 < len(doc) and doc[kind + 2].text[:1].isupper()
    return 1 if city_part and precision == 2 else precision


def _names_before(doc: Doc, kind: int) -> list[Span]:
    """The name before a kind word, and for a plural kind the names listed with it ('the
    North West and South West regions')."""
    names = []
    end = kind
    while (span := _name_to(doc, end)) is not None:
        names.append(span)
        if not doc[kind].lower_.endswith("s") or _word(doc, span.start - 1) not in {"and", ","}:
            break
        end = span.start - 1
    return names


def _name_to(doc: Doc, end: int) -> Span | None:
    start = end
    while start > 0 and end - start < MAX_NAME_TOKENS and _in_name(doc, start - 1):
        start -= 1
    while start < end and not _name_word(doc[start]):
        start += 1
    return _checked(doc[start:end]) if start < end and _name_word(doc[end - 1]) else None


def _name_from(doc: Doc, start: int) -> Span | None:
    end = start
    while end < len(doc) and end - start < MAX_NAME_TOKENS and _in_name(doc, end):
        end += 1
    while end > start and not _name_word(doc[end - 1]):
        end -= 1
    return _checked(doc[start:end]) if end > start and _name_word(doc[start]) else None


def _checked(span: Span) -> Span | None:
    """Not a capitalised common word opening a sentence ('Security zones were...')."""
    return None if len(span) == 1 and span[0].is_sent_start and span[0].pos_ != "PROPN" else span


def _in_name(doc: Doc, i: int) -> bool:
    """A capitalised word, or a particle or hyphen that may join two ('al-Jumaa', 'Pont-Sonde')."""
    token = doc[i]
    joined = token.text in {"-", "‐", "‑"} and not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_
    return _name_word(token) or joined or token.lower_ in PARTICLES


def _name_word(token: Token) -> bool:
    return (
        token.is_alpha
        and token.text[:1].isupper()
        and not token.is_stop
        and token.lower_ not in _NOT_NAMES
        and token.ent_type_ not in {"DATE", "TIME", "NORP"}
    )


def _named_again(doc: Doc, cued: dict[tuple[int, int], int], blocked: set[int]) -> list[Candidate]:
    """Other mentions of the cued names ('near the village of Tegh' ... 'lives in Tegh')."""
    names = {doc[s:e].text: (e - s, precision) for (s, e), precision in cued.items()}
    again = []
    for i, token in enumerate(doc):
        for name, (size, precision) in names.items():
            if i in blocked or not name.startswith(token.text) or doc[i : i + size].text != name:
                continue
            if _whole(doc, i, i + size) and not blocked.intersection(range(i, i + size)):
                again.append(_candidate(doc[i : i + size], AGAIN_SCORE, precision))
    return again


def _whole(doc: Doc, start: int, end: int) -> bool:
    """Not part of a longer capitalised name."""
    before = start > 0 and _name_word(doc[start - 1]) and not doc[start - 1].is_sent_start
    return not before and not (end < len(doc) and _name_word(doc[end]))


def _candidate(span: Span, score: float, precision: int) -> Candidate:
    value = {"gazetteer_id": None, "name": span.text, "geo_precision": precision, "match": "place cue"}
    return candidate(span, "LOCATION", "rule:place-cue", PRIORITY_GAZETTEER, score, value)


def with_prefixes(doc: Doc, candidates: Iterable[Candidate], index: WorldIndex) -> list[Candidate]:
    """LOCATION candidates with the prefix word of their name ('Lake Chad', 'East Wellega')."""
    return [_prefixed(doc, c, index) if c.label == "LOCATION" else c for c in candidates]


def _prefixed(doc: Doc, cand: Candidate, index: WorldIndex) -> Candidate:
    i = cand.token_start - 1
    if i < 0 or doc[i].lower_ not in PREFIX_WORDS or not doc[i].text[:1].isupper() or not doc[i].whitespace_:
        return cand
    if doc[i].lower_ != "lake" and _a_country(cand, index):
        return cand  # 'North Syria', 'East Ukraine': a compass word, not part of the name
    span = doc[i : cand.token_end]
    value = {**cand.normalized, "name": span.text, "within": cand.normalized.get("name", cand.text)}
    return replace(cand, start=span.start_char, token_start=i, text=span.text, normalized=value)


def _a_country(cand: Candidate, index: WorldIndex) -> bool:
    if cand.normalized.get("type") == "country":
        return True
    return any(place.type == "country" for place in index.named(exact_key(cand.text)))
