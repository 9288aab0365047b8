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
from annotator.nlp.place_context import (
    KIND_AFTER,
    TITLES,
    has_place_cue,
    inside_other_name,
    is_attributive,
    is_demonym,
    is_person,
    tagged_place,
)
from annotator.nlp.place_keys import close_enough, exact_key, skeleton
from annotator.nlp.tokens import doc_text
from annotator.nlp.world_places import GENERIC_WORDS, MAJOR_POPULATION, Place, WorldIndex

MAX_TOKENS = 6
_LIST_WORDS = frozenset({",", "and", "or"})
CALENDAR = frozenset([*WEEKDAYS, *MONTHS])
#: Countries first; a first-level unit ranks as a town of 100,000, so 'Kyiv' and 'Kano' are
#: the cities, 'Sindh' and 'Texas' the units.
_RANK_BY_TYPE = {"country": 10**10, "admin1": 10**5, "province": 10**5, "admin2": 150_000}


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
    kept = [h for h in hits if _kept(h, places)]
    kept += _named_again(hits, kept)
    vouched = {exact_key(h.span.text) for h in kept if _vouched(h.span, places)}
    kept.extend(_fuzzy(doc, index, set(places), places))
    return sorted((h for h in kept if not _a_person(h, vouched)), key=lambda h: h.span.start)


def _vouched(span: Span, places: set[int]) -> bool:
    """The words around this mention say it is a place, whatever the model calls it."""
    return has_place_cue(span) or _next_to_place(span, places) or _kind_first(span) or _dateline(span)


def _a_person(hit: Hit, vouched: set[str]) -> bool:
    """A person's name; for a name some mention in the article vouches for as a place, the
    model calling it PERSON is not enough ('Shells hit Goma' above 'a neighbourhood of Goma')."""
    if _dateline(hit.span):
        return False
    return is_person(hit.span, strong_place=hit.strong, model_person=exact_key(hit.span.text) not in vouched)


#: Month names that are also towns ('March', Cambridgeshire): in the news, they are months.
MONTH_NAMES = frozenset(MONTHS)


def _kept(hit: Hit, places: set[int]) -> bool:
    span = hit.span
    if is_attributive(span) or is_demonym(span) or span.text.lower() in MONTH_NAMES:
        return False
    return (_evidence(span, places) or hit.strong or _dateline(span)) and not _before_a_name(span, places)


def _named_again(hits: list[Hit], kept: list[Hit]) -> list[Hit]:
    """One sense per article: a name taken as a place once is a place wherever it is named
    ('Attack on Djibo leaves dozens dead' above '... in Djibo'); a headline's names that are
    places in a country the article's other places name ('Shells hit Goma' in a report filed
    from Congo) are places too."""
    names = {exact_key(h.span.text) for h in kept}
    countries = {p.iso2 for h in kept if h.strong and len({q.iso2 for q in h.places}) == 1 for p in h.places}
    chosen = {id(h) for h in kept}
    again = []
    for hit in hits:
        if id(hit) in chosen or is_attributive(hit.span) or is_demonym(hit.span):
            continue
        in_headline = _in_headline(hit.span) and any(p.iso2 in countries for p in hit.places)
        if exact_key(hit.span.text) in names or in_headline:
            again.append(hit)
    return again


def _in_headline(span: Span) -> bool:
    """On the article's first line."""
    return "\n" not in doc_text(span.doc)[: span.start_char]


def _dateline(span: Span) -> bool:
    """'SAINT-MARC, Haiti (wire) —': a name in capitals opening a line and followed by a comma
    or a bracket is where the report was filed, whatever the model calls it."""
    doc = span.doc
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    return (
        span.text.isupper()
        and len(span.text) > 3
        and not text[line_start : span.start_char].strip()
        and text[span.end_char : span.end_char + 2].lstrip()[:1] in {",", "("}
    )


def _exact_at(doc: Doc, start: int, index: WorldIndex, taken: set[int]) -> Hit | None:
    if doc[start].text in index.acronyms:
        return Hit(doc[start : start + 1], [index.place(n) for n in index.acronyms[doc[start].text]])
    if _inside_compound(doc, start) or _after_name_word(doc, start):
        return None
    for end in range(min(len(doc), start + MAX_TOKENS), start, -1):
        if any(t in taken for t in range(start, end)) or not _may_end(doc, start, end):
            continue
        found = index.named(exact_key(doc[start:end].text))
        if found:
            span = doc[start:end]
            return None if inside_other_name(span) else Hit(span, found)
    return None


def _may_end(doc: Doc, start: int, end: int) -> bool:
    """A name ends in a letter, not inside a hyphenated compound ('Porto' of 'Porto-Vecchio'),
    and not in a kind word written in lower case: 'Borno state' names Borno, the state being
    the writer's word; 'Rakhine State' is the unit's name."""
    last = doc[end - 1]
    if not last.text[-1:].isalpha() or _hyphen_after(doc, end):
        return False
    return end - start == 1 or not (last.lower_ in KIND_AFTER and last.text.islower())


def _hyphen_after(doc: Doc, end: int) -> bool:
    return (
        end + 1 < len(doc)
        and doc[end].text in {"-", "‐", "‑"}
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    )


def _inside_compound(doc: Doc, start: int) -> bool:
    """'Vecchio' of 'Porto-Vecchio'."""
    return start >= 2 and _hyphen_after(doc, start - 1) and doc[start - 2].is_alpha


def _after_name_word(doc: Doc, start: int) -> bool:
    """'Ali' of 'Mir Ali': the name goes on a capitalised word to the left that is neither a
    title, a compass or kind word, nor the first of a sentence or of a title-case line."""
    if start == 0:
        return False
    before = doc[start - 1]
    return (
        before.is_alpha
        and before.text[:1].isupper()
        and not before.text.isupper()
        and bool(before.whitespace_)
        and not before.is_sent_start
        and before.lower_ not in GENERIC_WORDS
        and before.lower_ not in TITLES
        and before.lower_ not in CALENDAR
        and not before.is_stop
        and before.ent_type_ in {"GPE", "LOC", "FAC"}
        and doc[start].ent_type_ == before.ent_type_
        and not _title_case_line(doc, start)
    )


def _title_case_line(doc: Doc, i: int) -> bool:
    """Most words on the token's line are capitalised (a headline in title case)."""
    text = doc_text(doc)
    start = text.rfind("\n", 0, doc[i].idx) + 1
    end = text.find("\n", doc[i].idx)
    words = [w for w in text[start : end if end >= 0 else len(text)].split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) * 3 >= len(words) * 2


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
    return tagged_place(span) or has_place_cue(span) or _next_to_place(span, places) or _kind_first(span)


def _kind_first(span: Span) -> bool:
    """'County Tyrone', 'Co Antrim': the name says what it is."""
    return len(span) > 1 and span[0].lower_ in {"county", "co"}


def _next_to_place(span: Span, places: set[int]) -> bool:
    """Listed with a place, or placed in one: 'Tsafe in Zamfara', 'Niono, in the Segou region'."""
    doc = span.doc
    before = span.start >= 2 and doc[span.start - 1].text in _LIST_WORDS and span.start - 2 in places
    after = span.end + 1 < len(doc) and doc[span.end].text in _LIST_WORDS and span.end + 1 in places
    return before or after or _placed_in(span, places)


def _placed_in(span: Span, places: set[int]) -> bool:
    doc = span.doc
    i = span.end + (span.end < len(doc) and doc[span.end].text == ",")
    if i >= len(doc) or doc[i].lower_ not in {"in", "near"}:
        return False
    i += 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
    return i in places


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


def resolve(hits: list[Hit], context: list[Place]) -> dict[int, Place | None]:
    """The place each hit names (by the hit's position in `hits`), judged by the *other*
    hits' places; `context` adds places already known for the article (the Afghan
    gazetteer's hits). A loosely spelt hit whose place lies in none of the countries the
    article's other places name is left out ('Konduga, Borno' is no 'Koudougou'); a town
    matched exactly there maps to None: a place, but not one the index knows."""
    known = [(n, max(h.places, key=_rank)) for n, h in enumerate(hits) if _unambiguous(h) and not h.fuzzy]
    known += [(-1, place) for place in context]
    chosen = {}
    for n, hit in enumerate(hits):
        others = [place for m, place in known if m != n]
        countries = {p.iso2 for p in others}
        units = {(p.iso2, exact_key(p.admin1)) for p in others if p.admin1}
        best = max(hit.places, key=lambda p: _score(p, countries, units))
        if countries and best.iso2 not in countries and not hit.strong:
            # a loose spelling in another country than the article's is a different name; an
            # exact one is a place the index does not know there ('Mirpur' of Dhaka)
            if not hit.fuzzy:
                chosen[n] = None
            continue
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
    return shared, _rank(place)


def _rank(place: Place) -> int:
    return _RANK_BY_TYPE.get(place.type, place.population)
