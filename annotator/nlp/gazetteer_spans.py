"""Gazetteer hits as candidates. The SpanRulers' hits (Afghan places, actors, weapons), with
names shared by several places resolved: the word after the name ("province", "district",
"city") decides, then a province named in the article, then the more precise kind of place.
Then the world's places (`world_spans`) outside those, resolved against each other and the
Afghan hits. No place that reads as a person's name ('Colonel Paris') is kept."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span, Token

from annotator.nlp.candidates import PRIORITY_GAZETTEER, Candidate, candidate
from annotator.nlp.gazetteer import Entry, Gazetteer
from annotator.nlp.pipeline import GAZETTEER_KEY
from annotator.nlp.place_context import is_person
from annotator.nlp.tokens import doc_text
from annotator.nlp.world_places import Place, place_value
from annotator.nlp.world_spans import find_world, resolve

#: Score of a place matched only through a loose (transliterated) spelling.
FUZZY_SCORE = 0.8

_KIND_WORDS = {
    "province": "province",
    "provinces": "province",
    "district": "district",
    "districts": "district",
    "city": "city",
    "town": "town",
    "village": "village",
    "capital": "city",
}
_PREFERENCE = {
    "city": 0,
    "town": 0,
    "village": 0,
    "site": 0,
    "district": 1,
    "province": 2,
    "country": 3,
}


def from_gazetteer(doc: Doc, gazetteer: Gazetteer) -> list[Candidate]:
    hits: dict[tuple[int, int], list[tuple[Span, Entry]]] = defaultdict(list)
    for span in doc.spans.get(GAZETTEER_KEY, []):
        entry = gazetteer.entry(span.id_)
        if entry is not None and _case_fits(span, entry) and _context_fits(span, entry):
            hits[(span.start, span.end)].append((span, entry))
    provinces_named = {
        e.data.get("admin1") for group in hits.values() for _, e in group if e.data.get("type") == "province"
    }
    found = []
    chosen = [min(group, key=lambda hit: _rank(hit, provinces_named)) for group in hits.values()]
    chosen = [
        (span, entry)
        for span, entry in chosen
        if entry.kind != "location" or not is_person(span, strong_place=True)
    ]
    for span, entry in chosen:
        found.append(
            candidate(
                _weapon_extent(span) if entry.kind == "weapon" else span,
                span.label_,
                f"gazetteer:{span.id_}",
                PRIORITY_GAZETTEER,
                1.0,
                entry.normalised(),
            )
        )
    taken = {t for span in doc.spans.get(GAZETTEER_KEY, []) for t in range(span.start, span.end)}
    context = [_as_place(entry) for _, entry in chosen if entry.kind == "location"]
    return [_near(c, doc) for c in [*found, *_world_candidates(doc, gazetteer, taken, context)]]


def _near(cand: Candidate, doc: Doc) -> Candidate:
    """'near Goma', 'outside Kunduz', 'on the outskirts of Jos': the codebook's precision 2
    (near a town), not 1."""
    before = [doc[i].lower_ for i in range(max(0, cand.token_start - 3), cand.token_start)]
    near = before[-1:] in (["near"], ["outside"]) or before[-3:] == ["the", "outskirts", "of"]
    if cand.label == "LOCATION" and near and cand.normalized.get("geo_precision") == 1:
        cand.normalized = {**cand.normalized, "geo_precision": 2, "near": True}
    return cand


def _world_candidates(
    doc: Doc, gazetteer: Gazetteer, taken: set[int], context: list[Place]
) -> list[Candidate]:
    index = gazetteer.world
    world = find_world(doc, index, taken)
    found = []
    for n, place in resolve(world, context).items():
        hit = world[n]
        if place is None:
            found.append(candidate(hit.span, "LOCATION", "gazetteer:world:unknown", PRIORITY_GAZETTEER, 0.8))
            continue
        value = place_value(place, index)
        if len(hit.places) > 1:
            value["alternatives"] = len(hit.places)
        if hit.fuzzy:
            value["match"] = "transliteration"
        score = FUZZY_SCORE if hit.fuzzy else 1.0
        found.append(
            candidate(hit.span, "LOCATION", f"gazetteer:world:{place.id}", PRIORITY_GAZETTEER, score, value)
        )
    return found


def _as_place(entry: Entry) -> Place:
    value = entry.normalised()
    return Place(
        entry.id,
        entry.name,
        value["type"] or "",
        value["country_iso2"] or "",
        value["admin1"],
        value["admin2"],
        value["latitude"],
        value["longitude"],
        0,
    )


def _case_fits(span: Span, entry: Entry) -> bool:
    """Names written with a capital in the gazetteer must start with one in the text;
    generic agents ('Protesters', 'Civilians') are common nouns, written either way."""
    if entry.data.get("generic"):
        return True
    forms = entry.forms_by_lower.get(span.text.lower())
    if not forms:
        return True
    return any(not form[:1].isupper() or span.text[:1].isupper() for form in forms)


#: Nouns a weapon word only describes: the mention is of a fight, a vehicle, a shop or a rule,
#: not of the means of an attack ("gun battle", "gun trucks", "missile sites", "knife crime").
DESCRIBED_NOUNS = frozenset(
    [
        "battle",
        "battles",
        "fight",
        "fights",
        "fighting",
        "truck",
        "trucks",
        "shop",
        "shops",
        "store",
        "stores",
        "site",
        "sites",
        "crime",
        "crimes",
        "control",
        "controls",
        "law",
        "laws",
        "owner",
        "owners",
        "ownership",
        "licence",
        "licences",
        "license",
        "licenses",
        "factory",
        "factories",
        "range",
        "ranges",
        "club",
        "clubs",
        "maker",
        "makers",
        "dealer",
        "dealers",
        "lobby",
        "trade",
        "smuggling",
        "smugglers",
        "runner",
        "runners",
        "running",
        "culture",
        "violence",
        "deaths",
        "show",
        "shows",
        "programme",
        "program",
        "wound",
        "wounds",
        "injury",
        "injuries",
        "disposal",
        "squad",
        "squads",
        "tube",
        "tubes",
        "casing",
        "casings",
        "scare",
        "hoax",
        "threat",
        "threats",
    ]
)


#: Weapon words that, before a noun, name the kind of incident rather than its means: a 'gun
#: attack' or 'gun battle' is a shooting ('knife attack', 'drone attack' keep their weapon).
INCIDENT_MODIFIERS = frozenset({"gun"})


#: Adjectives that name a kind of weapon, kept in its span ("homemade grenades").
KIND_ADJECTIVES = frozenset(
    [
        "homemade",
        "home-made",
        "improvised",
        "automatic",
        "semi-automatic",
        "incendiary",
        "guided",
        "unguided",
        "cluster",
        "glide",
        "barrel",
        "thermobaric",
        "aerial",
        "air-dropped",
        "precision-guided",
    ]
)
WEAPON_TAILS = frozenset({"launcher", "launchers"})
#: First halves of hyphenated kind words before a weapon ("anti-tank rocket").
HYPHEN_KINDS = frozenset({"anti", "semi", "home", "high", "long", "short", "medium"})
#: Nouns of whose weapon it is, kept out of its span like a demonym ("army drone" -> "drone").
OWNERS = frozenset(
    {
        "army",
        "military",
        "junta",
        "police",
        "government",
        "regime",
        "rebel",
        "militia",
        "insurgent",
        "jihadist",
        "coalition",
        "enemy",
        "navy",
        "force",
        "forces",
        "state",
        "cartel",
        "gang",
    }
)
#: Second halves of hyphenated words that say what a weapon carries ("explosive-laden drones").
HYPHEN_LOADS = frozenset({"laden", "filled", "packed", "rigged", "loaded", "carrying", "borne"})
#: A model designation before a weapon noun ("M16 rifles", "AK-47 rifles", "PKM machine guns").
MODEL = re.compile(r"^[A-Z]{1,4}-?\d{0,3}[A-Za-z]?$")


def _weapon_extent(span: Span) -> Span:
    """The weapon with the words that say which kind it is: a lowercase noun or kind adjective
    modifying it ('glide bombs', 'pipe bomb', 'automatic rifles', 'homemade grenades') and a
    launcher after it ('grenade launcher'). A demonym or name ('Russian', 'Taliban') stays out."""
    doc = span.doc
    start, end = span.start, span.end
    parsed = doc.has_annotation("DEP")
    while start > 0:
        if _hyphen_kind(doc, start):
            start -= 3
            continue
        word = doc[start - 1]
        noun_modifier = parsed and word.dep_ == "compound" and word.head.i in range(start, end)
        if _model_before(doc, start):
            start -= 3 if doc[start - 2].text == "-" else 1
            continue
        if word.lower_ in OWNERS:
            break  # whose weapon it is ("army drone", "junta air strikes") is no kind of weapon
        opening = word.is_sent_start and word.is_title and word.lower_ in KIND_ADJECTIVES  # "Glide bombs"
        if not (word.is_alpha or "-" in word.text) or not (word.is_lower or opening):
            break
        if not (noun_modifier or word.lower_ in KIND_ADJECTIVES):
            break
        start -= 1
    if end < len(doc) and doc[end].lower_ in WEAPON_TAILS:
        end += 1
    return doc[start:end]


def _hyphen_kind(doc: Doc, start: int) -> bool:
    """The three tokens before `start` are one hyphenated kind word ('anti - tank')."""
    if start < 3:
        return False
    first, hyphen, second = doc[start - 3], doc[start - 2], doc[start - 1]
    joined = not first.whitespace_ and not hyphen.whitespace_ and hyphen.text == "-"
    kind = first.lower_ in HYPHEN_KINDS or (second.lower_ in HYPHEN_LOADS and first.is_alpha)
    return joined and kind and second.is_alpha and second.is_lower


def _model_before(doc: Doc, start: int) -> bool:
    """A model designation just before `start` ('M16', 'AK-47' as 'AK', '-', '47') that has a
    digit, the weapon noun after it ('M16 rifles')."""
    if start < 1 or not doc[start].is_lower:
        return False
    word = doc[start - 1]
    if start >= 3 and word.like_num and doc[start - 2].text == "-" and not doc[start - 3].whitespace_:
        return bool(MODEL.match(doc[start - 3].text)) and doc[start - 3].is_upper
    return bool(MODEL.match(word.text)) and any(c.isdigit() for c in word.text) and word.text[0].isupper()


def _context_fits(span: Span, entry: Entry) -> bool:
    """Names that are also ordinary words ('Reg', 'Farsi') need a place context; a weapon word
    that only describes the noun after it ('gun battle') is no weapon."""
    if entry.kind == "weapon":
        doc = span.doc
        following = doc[span.end] if span.end < len(doc) else None
        if following is None:
            return True
        incident = span.text.lower() in INCIDENT_MODIFIERS and _a_noun(following)
        return following.lower_ not in DESCRIBED_NOUNS and not incident
    if not entry.data.get("ambiguous"):
        return True
    doc = span.doc
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    preceding = doc[span.start - 1].lower_ if span.start > 0 else ""
    return following in _KIND_WORDS or preceding in {"in", "near", "of", "from", "to", "at"}


#: Nouns an incident modifier describes, for a doc without part-of-speech tags.
INCIDENT_NOUNS = frozenset(
    {"attack", "attacks", "assault", "assaults", "raid", "raids", "shooting", "shootings"}
)


def _a_noun(token: Token) -> bool:
    if token.pos_:
        return token.is_alpha and token.pos_ == "NOUN"
    return token.lower_ in INCIDENT_NOUNS


def _rank(hit: tuple[Span, Entry], provinces_named: set[str | None]) -> tuple[int, int, int]:
    span, entry = hit
    kind = entry.data.get("type", "")
    following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    stated = _KIND_WORDS.get(following)
    kind_mismatch = 0 if stated is None or stated == kind or (stated == "city" and kind == "town") else 1
    province_unnamed = 0 if entry.data.get("admin1") in provinces_named else 1
    return kind_mismatch, province_unnamed, _PREFERENCE.get(kind, 4)


#: What may stand between a place and the place it lies in: 'Tsafe in Zamfara', 'Strabane,
#: County Tyrone', 'the Creggan area of Derry', 'Ansongo in the Gao region'.
_INSIDE = re.compile(r"^(?:\s*,\s*|\s+in\s+(?:the\s+)?|\s+(?:area|district|neighbou?rhood|suburb)\s+of\s+)$")
_PLACE_KEYS = ("country", "country_iso2", "country_iso3", "admin1")


def fill_countries(spans: list[Candidate], doc: Doc) -> None:
    """A LOCATION no gazetteer resolves gets its country (and first-level unit) from the place
    it is said to lie in, else the article's country (and unit) when most of its places lie
    in one; marked `"place_from": "context"`. ACLED codes a village of a report from Mali in
    Mali."""
    places = [s for s in spans if s.label == "LOCATION"]
    known = [s for s in places if s.normalized.get("country")]
    counts = Counter(s.normalized["country"] for s in known)
    main = counts.most_common(1)[0] if counts else None
    for n, span in enumerate(places):
        if span.normalized.get("country"):
            continue
        container = _container(span, places[n + 1 : n + 3], doc_text(doc))
        if container is not None:
            values = {k: container.normalized.get(k) for k in _PLACE_KEYS}
        elif main is not None and main[1] * 2 > len(known):
            values = _country_of(known, main[0])
        else:
            continue
        span.normalized = {**span.normalized, **values, "place_from": "context"}


def _container(span: Candidate, following: list[Candidate], text: str) -> Candidate | None:
    for other in following:
        if other.normalized.get("country") and _INSIDE.match(text[span.end : other.start]):
            return other
    return None


def _country_of(known: list[Candidate], country: str) -> dict[str, object]:
    """The country's keys, and its first-level unit when most of the article's places in
    that country that name one name the same ('Konduga' in a report about Borno)."""
    inside = [s for s in known if s.normalized["country"] == country]
    values = {k: inside[0].normalized.get(k) for k in _PLACE_KEYS[:3]}
    units = Counter(s.normalized["admin1"] for s in inside if s.normalized.get("admin1"))
    if units:
        unit, count = units.most_common(1)[0]
        if count * 2 > sum(units.values()):
            values["admin1"] = unit
    return values
