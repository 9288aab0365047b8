"""Whether an organisation or group that spaCy found is a party to the events.

The gazetteer knows the named actors; everything else spaCy tags ORG or NORP is judged by
its context. It acts when it is the subject of an attack or claim verb ("the ELN
ambushed"), the agent after "by", the owner of an attack ("the IRA's bombing", "an ETA
attack"), the group of its members ("fighters of", "loyal to"), or names a deed right after
itself ("Ansar Dine claimed"). It is clearly no actor when its name is an institution's (a
ministry, a news agency, a company, a university) or a known news or aid organisation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Span, Token

#: Scores of model actors, below the gazetteer's 1.0 and a named force's 0.6.
ACTING_SCORE = 0.5
UNKNOWN_SCORE = 0.3


def _forms(stems: Iterable[str]) -> frozenset[str]:
    """Regular word forms of verb stems: 'claim' → claim, claims, claimed, claiming."""
    forms = set()
    for stem in stems:
        forms.add(stem)
        forms.add(stem + "s")
        if stem.endswith("e"):
            forms.update({stem + "d", stem[:-1] + "ing"})
        else:
            forms.update({stem + "ed", stem + "ing"})
    return frozenset(forms)


ACT_VERBS = _forms(
    [
        "claim",
        "attack",
        "ambush",
        "kill",
        "kidnap",
        "abduct",
        "seize",
        "capture",
        "bomb",
        "shell",
        "fire",
        "storm",
        "raid",
        "clash",
        "launch",
        "detonate",
        "plant",
        "execute",
        "target",
        "behead",
        "burn",
        "torch",
        "loot",
        "assassinate",
        "murder",
        "massacre",
        "occupy",
        "besiege",
        "advance",
        "overrun",
        "raze",
        "destroy",
        "blow",
        "hijack",
        "hold",
        "mortar",
        "rocket",
        "wound",
        "injure",
        "detain",
    ]
) | frozenset(
    [
        "fought",
        "fight",
        "fights",
        "fighting",
        "shot",
        "shoots",
        "shooting",
        "struck",
        "strike",
        "strikes",
        "striking",
        "hit",
        "hits",
        "blew",
        "kidnapped",
        "kidnapping",
        "overran",
        "carried",
        "carry",
        "carries",
        "carrying",
        "stabbed",
        "stabbing",
        "shelled",
        "held",
        "killed",
        "opened",
    ]
)
#: Nouns whose owner or "by" phrase is the one who acts ("the ELN's attack", "attack by ETA").
ACT_NOUNS = frozenset(
    [
        "attack",
        "attacks",
        "ambush",
        "ambushes",
        "assault",
        "assaults",
        "offensive",
        "bombing",
        "bombings",
        "raid",
        "raids",
        "strike",
        "strikes",
        "shelling",
        "killing",
        "killings",
        "abduction",
        "abductions",
        "kidnapping",
        "kidnappings",
        "massacre",
        "claim",
        "operation",
        "operations",
        "insurgency",
        "campaign",
        "violence",
        "rocket",
        "rockets",
        "drone",
        "drones",
    ]
)
#: Nouns of people or parts belonging to a group ("fighters of", "an ELN commander").
MEMBER_NOUNS = frozenset(
    [
        "fighters",
        "fighter",
        "militants",
        "militant",
        "members",
        "member",
        "forces",
        "commander",
        "commanders",
        "leader",
        "leaders",
        "cell",
        "cells",
        "wing",
        "unit",
        "units",
        "faction",
        "factions",
        "gunmen",
        "rebels",
        "troops",
        "combatants",
        "recruits",
        "operatives",
        "elements",
        "positions",
        "bases",
        "base",
        "stronghold",
        "strongholds",
        "hideout",
        "hideouts",
        "camp",
        "camps",
        "militia",
        "militiamen",
    ]
)
AFFILIATION_WORDS = frozenset({"loyal", "linked", "affiliated", "allied", "aligned", "tied", "belonging"})
SPEECH_VERBS = frozenset({"said", "says", "say", "announced", "stated", "confirmed", "admitted"})
#: A word of these in an organisation's name makes it an institution, not a party.
INSTITUTION_WORDS = frozenset(
    [
        "ministry",
        "ministries",
        "bureau",
        "agency",
        "department",
        "office",
        "university",
        "college",
        "school",
        "academy",
        "institute",
        "hospital",
        "clinic",
        "company",
        "corporation",
        "corp",
        "inc",
        "ltd",
        "llc",
        "plc",
        "bank",
        "fund",
        "press",
        "news",
        "newspaper",
        "times",
        "post",
        "tribune",
        "journal",
        "herald",
        "gazette",
        "television",
        "tv",
        "radio",
        "broadcasting",
        "broadcaster",
        "channel",
        "magazine",
        "commission",
        "committee",
        "court",
        "tribunal",
        "parliament",
        "senate",
        "congress",
        "assembly",
        "foundation",
        "association",
        "society",
        "watch",
        "crescent",
        "cross",
        "airline",
        "airlines",
        "airways",
        "club",
        "fc",
        "exchange",
        "museum",
        "observatory",
        "programme",
        "program",
        "nations",
        "embassy",
        "consulate",
    ]
)
_DETERMINERS = ("the ", "a ", "an ")


def is_institution(span: Span) -> bool:
    """A ministry, agency, company, news outlet or aid organisation: reports, does not fight."""
    text = span.text.lower()
    for det in _DETERMINERS:
        text = text.removeprefix(det)
    return text in not_actors() or any(t.lower_ in INSTITUTION_WORDS for t in span)


@cache
def not_actors() -> frozenset[str]:
    """News, aid and international organisations that report on conflicts rather than fight
    them (`not_actors` in the bundled actors_world.json), lower case."""
    from annotator.nlp.gazetteer import default_gazetteer_dir

    path = default_gazetteer_dir() / "actors_world.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return frozenset(name.lower() for name in data.get("not_actors", []))


def acts(span: Span, *, as_modifier: bool = True) -> bool:
    """The context says the group does something an actor does (see the module's docstring).
    `as_modifier`: also as the owner or modifier of an attack or of members ('an ETA attack');
    off for demonyms, which modify as adjectives ('Israeli strikes')."""
    return _acts_by_parse(span, as_modifier) or _acts_by_words(span, as_modifier)


def _acts_by_parse(span: Span, as_modifier: bool) -> bool:
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return False
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head  # "the ELN and the FARC attacked"
    head = root.head
    if root.dep_ == "nsubj":
        return head.lower_ in ACT_VERBS or _says_it_acted(head)
    if root.dep_ in {"poss", "compound"}:
        return as_modifier and (head.lower_ in ACT_NOUNS or head.lower_ in MEMBER_NOUNS)
    if root.dep_ == "pobj":
        owner = head.head
        if head.lower_ == "by":
            return owner.lower_ in ACT_VERBS or owner.lower_ in ACT_NOUNS
        if head.lower_ == "of":
            return owner.lower_ in MEMBER_NOUNS
        return head.lower_ in {"to", "with"} and owner.lower_ in AFFILIATION_WORDS
    return False


def _says_it_acted(verb: Token) -> bool:
    """'the IRA said it carried out the attack'."""
    return verb.lower_ in SPEECH_VERBS and any(
        child.dep_ == "ccomp" and child.lower_ in ACT_VERBS for child in verb.children
    )


def _acts_by_words(span: Span, as_modifier: bool) -> bool:
    """Without (or beside) a parse: a deed or a member right after, 'members of' or
    'loyal to' right before."""
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = [t.lower_ for t in doc[max(span.start - 2, 0) : span.start]]
    if after in ACT_VERBS or (as_modifier and after in MEMBER_NOUNS):
        return True
    if len(before) == 2 and before[1] == "of" and before[0] in MEMBER_NOUNS:
        return True
    return len(before) == 2 and before[1] in {"to", "with"} and before[0] in AFFILIATION_WORDS
