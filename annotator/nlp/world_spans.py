"""Places of the world index found in a doc, and every place of an article resolved together.

Matching: windows of up to six tokens starting at a capitalised word are looked up by
`exact_key`; acronyms ("UK", "U.S.") only as written. A name that is not a country, a
first-level unit or a city of a million is kept only with evidence that it is a place here:
spaCy tags it GPE/LOC/FAC, a cue precedes or follows it ("in", "near", "the town of",
"district"), or it stands next to another place ("Paris, Texas"). Loosely spelt names
(`place_keys.skeleton`) are tried only where such a cue or a neighbouring place is.

Resolution: a name shared by several places goes to the one that shares an admin1, then a
country, with the article's unambiguous places, then to the larger (countries before
regions before towns, towns by population).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span, Token

from annotator.nlp.normalise.dates import MONTHS, WEEKDAYS
from annotator.nlp.place_context import KIND_AFTER, has_place_cue, inside_other_name, is_person, tagged_place
from annotator.nlp.place_keys import close_enough, exact_key, skeleton
from annotator.nlp.world_places import GENERIC_WORDS, MAJOR_POPULATION, Place, WorldIndex

MAX_TOKENS = 6
_LIST_WORDS = frozenset({",", "and", "or"})
CALENDAR = frozenset([*WEEKDAYS, *MONTHS])
#: Countries first; a first-level unit ranks as a town of 100,000, so 'Kyiv' and 'Kano' are
#: the cities, 'Sindh' and 'Texas' the units.
_RANK_BY_TYPE = {"country": 10**10, "admin1": 10**5, "province": 10**5}


@dataclass
class Hit:
    span: Span
    places: list[Place]
    fuzzy: bool = False

    @property
    def strong(self) -> bool:
        """A name taken as a place without a cue: a country, an admin1, a city of a million."""
        return any(p.type in {"country", "admin1"} or p.population >= MAJOR_POPULATION for p in self.places)


def find_world(doc: Doc, index: WorldIndex, taken: set[int]) -> list[Hit]:
    """World places outside the tokens the gazetteer rulers already matched (`taken`)."""
    hits: list[Hit] = []
    i = 0
    while i < len(doc):
        hit = None if i in taken or not doc[i].text[:1].isupper() else _exact_at(doc, i, index, taken)
        if hit is not None:
            hits.append(hit)
            i = hit.span.end
        else:
            i += 1
    places = taken | {t for h in hits for t in range(h.span.start, h.span.end)}
    kept = [h for h in hits if (_evidence(h.span, places) or h.strong) and not _before_a_name(h.span, places)]
    kept.extend(_fuzzy(doc, index, set(places), places))
    return sorted(
        (h for h in kept if not is_person(h.span, strong_place=h.strong)), key=lambda h: h.span.start
    )


def _exact_at(doc: Doc, start: int, index: WorldIndex, taken: set[int]) -> Hit | None:
    if doc[start].text in index.acronyms:
        return Hit(doc[start : start + 1], [index.place(n) for n in index.acronyms[doc[start].text]])
    for end in range(min(len(doc), start + MAX_TOKENS), start, -1):
        if any(t in taken for t in range(start, end)) or not doc[end - 1].text[-1:].isalpha():
            continue
        found = index.named(exact_key(doc[start:end].text))
        if found:
            span = doc[start:end]
            return None if inside_other_name(span) else Hit(span, found)
    return None


def _before_a_name(span: Span, places: set[int]) -> bool:
    """'Jordan Peterson', 'Paris Hilton', 'Texas Rangers': a capitalised word that is neither
    a place nor a kind of place ('Kano State') follows, so the name is part of another name."""
    doc = span.doc
    if span.end >= len(doc) or span.end in places:
        return False
    following = doc[span.end]
    return following.is_alpha and following.text[:1].isupper() and following.lower_ not in KIND_AFTER


def _evidence(span: Span, places: set[int]) -> bool:
    """spaCy tags it a place, a cue word stands by it, or it is listed with another place
    ('Paris, Texas'; 'Hyderabad and Karachi')."""
    return tagged_place(span) or has_place_cue(span) or _next_to_place(span, places)


def _next_to_place(span: Span, places: set[int]) -> bool:
    doc = span.doc
    before = span.start >= 2 and doc[span.start - 1].text in _LIST_WORDS and span.start - 2 in places
    after = span.end + 1 < len(doc) and doc[span.end].text in _LIST_WORDS and span.end + 1 in places
    return before or after


def _fuzzy(doc: Doc, index: WorldIndex, taken: set[int], places: set[int]) -> list[Hit]:
    """Loosely spelt names, only where a cue or a neighbouring place says a place is named."""
    found = []
    for start in range(len(doc)):
        if start in taken or not _name_word(doc[start]):
            continue
        for end in range(min(len(doc), start + 4), start, -1):
            span = doc[start:end]
            if any(t in taken for t in range(start, end)) or not all(_name_word(t) for t in span):
                continue
            if not (has_place_cue(span) or _next_to_place(span, places)) or inside_other_name(span):
                continue
            if end < len(doc) and doc[end].lower_ in {"'s", "’s"}:
                break  # 'in Karim's office': a person's, not a place
            hit = _closest(span, index)
            if hit is not None:
                found.append(hit)
                taken |= set(range(start, end))
                break
    return found


def _name_word(token: Token) -> bool:
    return (
        token.is_alpha
        and token.text[:1].isupper()
        and token.lower_ not in CALENDAR
        and token.lower_ not in GENERIC_WORDS
        and not token.is_stop
    )


def _closest(span: Span, index: WorldIndex) -> Hit | None:
    """The places whose spelling is nearest to the text among those close enough."""
    scored = [
        (Levenshtein.distance(exact_key(span.text), exact_key(name)), n)
        for n, name in index.loose.get(skeleton(span.text), [])
        if close_enough(span.text, name)
    ]
    if not scored:
        return None
    best = min(distance for distance, _ in scored)
    numbers = dict.fromkeys(n for distance, n in scored if distance == best)
    return Hit(span, [index.place(n) for n in numbers], fuzzy=True)


def resolve(hits: list[Hit], context: list[Place]) -> dict[int, Place]:
    """The place each hit names (by the hit's position in `hits`), judged by the *other*
    hits' places; `context` adds places already known for the article (the Afghan
    gazetteer's hits). A loosely spelt hit whose place lies in none of the countries the
    article's other places name is left out ('Konduga, Borno' is no 'Koudougou')."""
    known = [(n, h.places[0]) for n, h in enumerate(hits) if _unambiguous(h)]
    known += [(-1, place) for place in context]
    chosen = {}
    for n, hit in enumerate(hits):
        others = [place for m, place in known if m != n]
        countries = {p.iso2 for p in others}
        units = {(p.iso2, exact_key(p.admin1)) for p in others if p.admin1}
        best = max(hit.places, key=lambda p: _score(p, countries, units))
        if hit.fuzzy and countries and best.iso2 not in countries:
            continue  # a loose spelling in another country than the article's: a different name
        chosen[n] = best
    return chosen


def _unambiguous(hit: Hit) -> bool:
    return len({p.iso2 for p in hit.places}) == 1


def _score(place: Place, countries: set[str], units: set[tuple[str, str]]) -> tuple[int, int]:
    shared = (
        2
        if place.admin1 and (place.iso2, exact_key(place.admin1)) in units
        else 1
        if place.iso2 in countries
        else 0
    )
    return shared, _RANK_BY_TYPE.get(place.type, place.population)
