"""Actors named the way ACLED names them in the article's country.

The gazetteer finds the names; this module decides what they stand for here. The article's
country comes from its places, country names, demonyms and well-known place names (votes,
earliest mention breaking ties). With it, generic agents get their ACLED name ("gunmen" →
"Unidentified Armed Group (Mali)", "police" → the country's police forces), names that
carry a country get it ("Islamic State (Syria)"), and a state's forces are inter 1 at home
and 8 abroad. Hits that are not parties at all are dropped: a generic force that only
speaks ("police said"), a word inside an agency's name ("Bureau of Alcohol, Tobacco,
Firearms and Explosives", "Army Public School"), an acronym inside an all-capitals line.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pycountry
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from annotator.nlp.actor_bounds import (
    bare_named,
    generic_by_form,
    name_end,
    names_no_party,
    retarget,
    splits_off,
)
from annotator.nlp.candidates import Candidate
from annotator.nlp.gazetteer import Entry, Gazetteer
from annotator.nlp.organisations import ACT_NOUNS, ACT_VERBS
from annotator.nlp.tokens import doc_ents

#: Words right after a generic force that make it a speaker or a title, not a party.
SPEAKER_AFTER = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tell",
        "added",
        "confirmed",
        "reported",
        "stated",
        "announced",
        "denied",
        "warned",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "official",
        "officials",
        "source",
        "sources",
        "statement",
        "chief",
        "chiefs",
        "commander",
        "commanders",
        "head",
        "heads",
        "media",
    ]
)
#: Words in a capitalised name that make it an institution ("Army Public School").
INSTITUTION_WORDS = frozenset(
    [
        "bureau",
        "ministry",
        "department",
        "agency",
        "office",
        "administration",
        "directorate",
        "commission",
        "committee",
        "council",
        "authority",
        "act",
        "institute",
        "university",
        "college",
        "school",
        "academy",
        "hospital",
        "service",
        "services",
        "squad",
        "division",
        "unit",
        "museum",
        "association",
        "foundation",
        "court",
    ]
)
#: Words before a generic force that make it someone's forces, named elsewhere ("its remaining
#: troops").
OWNERS = frozenset({"its", "their", "his", "her", "our", "own", "whose"})
#: Words before a generic force that make it the subject of a policy, not a party to an
#: incident ("withdraw troops", "the deployment of soldiers").
POLICY_WORDS = frozenset(
    {
        "withdraw",
        "withdrawing",
        "withdrew",
        "withdrawn",
        "withdrawal",
        "pull",
        "pulling",
        "deploy",
        "deployment",
    }
    | {
        "deploying",
        "send",
        "sending",
        "sent",
        "station",
        "stationed",
        "recruit",
        "recruiting",
        "train",
        "training",
    }
)
OWNER_REACH = 2
NAME_GLUE = frozenset({"and", "of", "&", ",", "the", "for", "de", "la"})
NAME_REACH = 8
#: Single-word country names that are also first names or a US state.
NAME_LIKE_COUNTRIES = frozenset({"chad", "jordan", "georgia", "jersey"})
#: pycountry's names → the names ACLED uses.
ACLED_COUNTRY = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "RU": "Russia",
    "TR": "Turkey",
    "PS": "Palestine",
    "CI": "Ivory Coast",
    "KR": "South Korea",
    "KP": "North Korea",
    "SY": "Syria",
    "IR": "Iran",
    "US": "United States",
}
#: Generic agents that a named actor right before them absorbs ("PKK militants").
FORCE_KINDS = frozenset({"armed", "military", "police", "militia"})
PLACE_WEIGHT, NAME_WEIGHT, DEMONYM_WEIGHT = 2, 2, 1
MAX_NAME_TOKENS = 4


@dataclass(frozen=True)
class CountryHint:
    country: str
    weight: int


class Countries:
    """Country names, demonyms and well-known places, matched token by token."""

    def __init__(self, tokenizer: Tokenizer, gazetteer: Gazetteer) -> None:
        self.table: dict[tuple[str, ...], CountryHint] = {}
        self.first_words: set[str] = set()
        for country in pycountry.countries:
            name = ACLED_COUNTRY.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
            for form in {country.name, name, getattr(country, "common_name", name)}:
                if "," not in form:
                    self._add(tokenizer, form, name, NAME_WEIGHT)
        for country, hints in _world_countries(gazetteer).items():
            self._add(tokenizer, country, country, NAME_WEIGHT)
            for place in hints.get("places", []):
                self._add(tokenizer, place, country, PLACE_WEIGHT)
            for demonym in hints.get("demonyms", []):
                self._add(tokenizer, demonym, country, DEMONYM_WEIGHT)

    def _add(self, tokenizer: Tokenizer, form: str, country: str, weight: int) -> None:
        key = tuple(t.lower_ for t in tokenizer(form))
        if 0 < len(key) <= MAX_NAME_TOKENS:
            self.table.setdefault(key, CountryHint(country, weight))
            self.first_words.add(key[0])

    def of_article(self, doc: Doc, candidates: list[Candidate]) -> str | None:
        """The country most of the article points to; None when nothing does."""
        votes: Counter[str] = Counter()
        first: dict[str, int] = {}

        def vote(country: str, weight: int, at: int) -> None:
            votes[country] += weight
            first.setdefault(country, at)

        for cand in candidates:
            country = cand.normalized.get("country") if cand.label == "LOCATION" else None
            if country:
                vote(str(country), PLACE_WEIGHT, cand.start)
        lowers = [t.lower_ for t in doc]
        i = 0
        while i < len(lowers):
            hit = self._match(doc, lowers, i) if lowers[i] in self.first_words else None
            if hit is None:
                i += 1
                continue
            length, hint = hit
            vote(hint.country, hint.weight, doc[i].idx)
            i += length
        if not votes:
            return None
        return max(votes, key=lambda c: (votes[c], -first[c]))

    def names_place(self, doc: Doc, cand: Candidate) -> bool:
        """The candidate's text is a country, a demonym or a well-known place, nothing more."""
        return tuple(t.lower_ for t in doc[cand.token_start : cand.token_end]) in self.table

    def _match(self, doc: Doc, lowers: list[str], i: int) -> tuple[int, CountryHint] | None:
        if not doc[i].text[:1].isupper():
            return None
        for length in range(min(MAX_NAME_TOKENS, len(lowers) - i), 0, -1):
            hint = self.table.get(tuple(lowers[i : i + length]))
            if hint is None:
                continue
            after = doc[i + length] if i + length < len(doc) else None
            if length == 1 and lowers[i] in NAME_LIKE_COUNTRIES and after is not None and after.is_title:
                return None  # "Chad Smith"
            return length, hint
        return None


def _world_countries(gazetteer: Gazetteer) -> dict[str, dict[str, list[str]]]:
    path = gazetteer.folder / "actors_world.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    countries = data.get("countries") if isinstance(data, dict) else None
    return countries if isinstance(countries, dict) else {}


class ActorResolver:
    """Per article: ACLED names and inter codes for the gazetteer's actors, and the hits to drop."""

    def __init__(self, gazetteer: Gazetteer, countries: Countries) -> None:
        self.gazetteer = gazetteer
        self.countries = countries
        self.states: dict[tuple[str, str], Entry] = {}
        for entry in gazetteer.of_kind("actor"):
            state, role = entry.data.get("state_of"), entry.data.get("role")
            if state and role:
                self.states.setdefault((state, role), entry)

    def refine(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        country = self.countries.of_article(doc, candidates)
        kept: list[Candidate] = []
        generic: dict[int, Candidate] = {}  # token start -> a generic force found there
        names = [(e.start, e.end) for e in doc_ents(doc) if e.label_ in {"ORG", "FAC"}]
        means = _means(doc, candidates)
        for cand in candidates:
            if cand.label == "ACTOR" and names_no_party(doc, cand, means):
                continue
            entry = self._entry(cand)
            common_noun = entry is not None and not entry.name[:1].isupper()
            if cand.label == "WEAPON" and common_noun and in_a_name(doc, cand, names, common=True):
                continue
            if cand.label == "ACTOR" and entry is not None:
                if not self._is_party(doc, cand, entry, names):
                    continue
                cand.normalized = self.normalised(entry, country)
                if entry.data.get("generic") in FORCE_KINDS:
                    generic[cand.token_start] = cand
                end = name_end(doc, cand, entry)
                if end is not None:
                    retarget(doc, cand, cand.token_start, end)  # 'ELN fighters' -> 'ELN'
            elif cand.label == "ACTOR" and self.countries.names_place(doc, cand):
                continue  # the model took "Bamako" for an organisation
            elif cand.label == "ACTOR" and cand.text.islower() and _speaks(doc, cand):
                continue  # "the navy said": a source
            if cand.label == "ACTOR" and self._generic_by_form(doc, cand):
                cand.normalized = {**cand.normalized, "generic": True}
            kept.append(cand)
        bare = self._bare_names(kept)
        _members_of(doc, kept, bare)
        return _absorb_generic(doc, kept, generic, bare)

    def _generic_by_form(self, doc: Doc, cand: Candidate) -> bool:
        """'Malian army', 'Maoist rebels': a demonym and a common noun, no group's name."""
        if cand.normalized.get("generic"):
            return False
        tokens = doc[cand.token_start : cand.token_end]
        demonym = any(t.ent_type_ == "NORP" or self._demonym(t) for t in tokens)
        return demonym and generic_by_form(doc, cand, self._demonym)

    def _demonym(self, token: Token) -> bool:
        return (token.lower_,) in self.countries.table

    def _bare_names(self, kept: list[Candidate]) -> set[int]:
        """ids of the candidates naming an actor spanned by its bare name."""
        return {
            id(c)
            for c in kept
            if c.label == "ACTOR" and (entry := self._entry(c)) is not None and bare_named(entry)
        }

    def _entry(self, cand: Candidate) -> Entry | None:
        prefix = "gazetteer:"
        return self.gazetteer.entry(cand.origin[len(prefix) :]) if cand.origin.startswith(prefix) else None

    def _is_party(self, doc: Doc, cand: Candidate, entry: Entry, names: list[tuple[int, int]]) -> bool:
        if cand.text in entry.data.get("case_sensitive_variants", []) and _in_capitals(doc, cand):
            return False
        if entry.data.get("generic"):
            before = doc[max(cand.token_start - OWNER_REACH, 0) : cand.token_start]
            owned = any(t.lower_ in OWNERS or t.lower_ in POLICY_WORDS for t in before)
            described = _describes_fire(doc, cand)
            return not (owned or described or _speaks(doc, cand) or in_a_name(doc, cand, names, common=True))
        return True

    def normalised(self, entry: Entry, country: str | None) -> dict[str, Any]:
        """The entry's ACLED name and inter code in an article about `country`."""
        data = entry.data
        acled, inter = data.get("acled_name", entry.name), data.get("inter")
        if country:
            state = self.states.get((country, data.get("generic", "")))
            by_country = data.get("acled_by_country", {})
            if state is not None:
                acled = state.data.get("acled_name", state.name)
            elif country in by_country:
                acled = by_country[country]
            elif data.get("acled_template"):
                acled = data["acled_template"].format(country=country)
            if data.get("state_of"):
                inter = 1 if data["state_of"] == country else 8
        value = {**entry.normalised(), "acled_name": acled, "inter": inter, "country": country}
        return {**value, "generic": True} if data.get("generic") else value


def _absorb_generic(
    doc: Doc, kept: list[Candidate], generic: dict[int, Candidate], bare: set[int]
) -> list[Candidate]:
    """'Taliban militants': a named actor and the force noun after it are one actor, the
    named one. A `bare` named actor keeps its bare name ('PKK militants' -> 'PKK'); the force
    noun stays an actor of its own only when it leads a body sentence ('ELN fighters
    abducted')."""
    absorbed: set[int] = set()
    for cand in kept:
        follower = generic.get(cand.token_end)
        if follower is None and id(cand) in bare and _closes_brackets(doc, cand):
            follower = generic.get(cand.token_end + 1)  # "New People's Army (NPA) rebels"
        if cand.label != "ACTOR" or follower is None or id(cand) in absorbed or follower is cand:
            continue
        if cand.normalized.get("gazetteer_id") is None or id(follower) in absorbed:
            continue
        if any(cand is g for g in generic.values()):
            continue  # two generic words in a row ("security forces troops") stay as found
        if id(cand) in bare:
            if splits_off(doc, follower):
                follower.normalized = {**cand.normalized, "generic": True}  # the ELN's fighters
            else:
                absorbed.add(id(follower))
            continue
        cand.end, cand.token_end = follower.end, follower.token_end
        cand.text = doc[cand.token_start : cand.token_end].text
        absorbed.add(id(follower))
    return [c for c in kept if id(c) not in absorbed]


def _members_of(doc: Doc, kept: list[Candidate], bare: set[int]) -> None:
    """'Gunmen of the Los Chapitos faction': the generic agent is the named group's."""
    named = {c.token_start: c for c in kept if id(c) in bare}
    for cand in kept:
        if cand.label != "ACTOR" or not cand.normalized.get("generic"):
            continue
        i = cand.token_end
        if i < len(doc) and doc[i].lower_ == "of":
            i += 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
            if i in named:
                cand.normalized = {**named[i].normalized, "generic": True}


def _closes_brackets(doc: Doc, cand: Candidate) -> bool:
    """'(NPA)': the acronym in brackets after the full name."""
    inside = cand.token_start > 0 and doc[cand.token_start - 1].text == "("
    return inside and cand.token_end < len(doc) and doc[cand.token_end].text == ")"


#: Words after 'fire' that make it a verb ('police fire on protesters', 'fire tear gas').
FIRE_VERB_AFTER = frozenset(
    {"on", "at", "upon", "into", "tear", "rubber", "live", "shots", "bullets", "back"}
)


def _describes_fire(doc: Doc, cand: Candidate) -> bool:
    """'sniper fire', 'militant fire': a singular agent noun that only says whose the fire is
    (the subject of 'Soldiers fire on protesters', 'Police fire tear gas' stays a party)."""
    end = cand.token_end
    if end >= len(doc) or doc[end].lower_ != "fire" or doc[end].pos_ not in {"NOUN", ""}:
        return False
    after = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    return not cand.text.lower().endswith("s") and after not in FIRE_VERB_AFTER


def _means(doc: Doc, candidates: list[Candidate]) -> set[int]:
    """Tokens of weapons and attack words: what a force word before them owns ('army drone'),
    or what a misparse takes for its head ('a sniper shot')."""
    weapons = {i for c in candidates if c.label == "WEAPON" for i in range(c.token_start, c.token_end)}
    return weapons | {t.i for t in doc if t.lower_ in ACT_NOUNS or t.lower_ in ACT_VERBS}


#: Words after "X said" that make the speaker the subject of what it reports ("the navy said
#: it had detained six", "police say they arrested"): a party, not only a source.
OWN_REPORT = frozenset({"it", "they", "its", "their", "we", "our"})


def _speaks(doc: Doc, cand: Candidate) -> bool:
    """'police said', 'army spokesman', 'according to police' (not 'the navy said it had
    detained ...', where the speaker reports its own act)."""
    after = doc[cand.token_end].lower_ if cand.token_end < len(doc) else ""
    before = doc[max(cand.token_start - 2, 0) : cand.token_start].text.lower()
    if before.endswith("according to"):
        return True
    if after not in SPEAKER_AFTER:
        return False
    reported = [t.lower_ for t in doc[cand.token_end + 1 : cand.token_end + 3]]
    if reported[:1] == ["that"]:
        reported = reported[1:]
    return not reported or reported[0] not in OWN_REPORT


def _in_capitals(doc: Doc, cand: Candidate) -> bool:
    """An acronym next to another all-capitals word, a shouted headline ('WHAT IS LEFT'), or
    opening a line before a comma, a dateline ('BLA, Mali —' names the town of Bla)."""
    neighbours = [doc[i] for i in (cand.token_start - 1, cand.token_end) if 0 <= i < len(doc)]
    if any(t.is_alpha and t.is_upper and len(t) > 1 for t in neighbours):
        return True
    after = doc[cand.token_end].text if cand.token_end < len(doc) else ""
    return after == "," and _opens_line(doc, cand.token_start)


def _opens_line(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    before = doc[i - 1]
    return "\n" in before.whitespace_ or (before.is_space and "\n" in before.text)


def in_a_name(doc: Doc, cand: Candidate, names: list[tuple[int, int]], *, common: bool) -> bool:
    """A `common` noun written with a capital inside an institution's name: 'Firearms' in
    'Bureau of Alcohol, Tobacco, Firearms and Explosives', 'Army' in 'Army Public School'.
    `names`: the token ranges of the model's ORG and FAC entities."""
    if not common or not cand.text[:1].isupper():
        return False
    width = cand.token_end - cand.token_start
    for start, end in names:
        if start <= cand.token_start and cand.token_end <= end and end - start > width:
            return True
    left = range(cand.token_start - 1, max(cand.token_start - NAME_REACH, 0) - 1, -1)
    right = range(cand.token_end, min(cand.token_end + NAME_REACH, len(doc)))
    return any(_name_reaches_institution(doc, side) for side in (left, right))


def _name_reaches_institution(doc: Doc, indices: range) -> bool:
    for i in indices:
        token = doc[i]
        if token.lower_ in INSTITUTION_WORDS and token.text[:1].isupper():
            return True
        if not (token.text[:1].isupper() or token.lower_ in NAME_GLUE):
            return False
    return False
