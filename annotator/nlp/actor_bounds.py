"""Where an ACTOR span starts and ends, by the world gold's conventions.

A named group is its name: 'ELN fighters', 'Houthi forces', 'Gran Grif gang' give the
group's own name ('ELN', 'Houthi', 'Gran Grif'); the members word after it is an actor of
its own only when it acts as the subject of a body sentence ('ELN fighters abducted ...').
A common-noun agent keeps the article or quantity that counts it ('a suicide bomber', 'hundreds
of jihadists', 'Two masked gunmen') when no casualty phrase claims that quantity; a
casualty phrase takes the actor it counts ('three al-Shabaab fighters', 'two PKK members').
A state force or group written as a demonym and a common noun ('Malian army', 'Israeli
forces', 'Maoist rebels') is a generic agent.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from annotator.nlp.candidates import Candidate
from annotator.nlp.casualty_rules import COUNTED, VAGUE
from annotator.nlp.gazetteer import Entry
from annotator.nlp.numbers import is_number_word
from annotator.nlp.organisations import ACT_VERBS
from annotator.nlp.tokens import doc_ents, doc_text

#: An entry's mark that its gold keeps the kind word in the span (the Afghan seeds' 'Taliban
#: militants').
WHOLE = "span_with_kind_word"
#: Words after a group's own name that say what kind of group or member it is.
KIND_WORDS = frozenset(
    {
        "fighters",
        "fighter",
        "militants",
        "militant",
        "rebels",
        "rebel",
        "guerrillas",
        "insurgents",
        "gunmen",
        "militia",
        "militias",
        "militiamen",
        "forces",
        "troops",
        "faction",
        "gang",
        "movement",
        "group",
        "members",
        "coalition",
    }
)
#: Members words that are an actor of their own when they lead a body sentence.
SPLIT_KINDS = frozenset({"fighters", "militants"})
#: Words before a number that belong to the quantity ('about 50', 'several thousand').
QUANTITY_LEAD = frozenset({"about", "around", "some", "nearly", "several", "over", "almost"})
ARTICLES = frozenset({"a", "an"})
#: Words between a count and the actor it counts ('three suspected Maoists').
COUNT_GLUE = frozenset({"suspected", "alleged", "more", "other"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: Dependencies of a word that modifies the noun after it ('army base', 'police station').
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
PREFIXES = frozenset({"pro", "anti"})
#: Nouns after a force word that still name the force or its people ('police headquarters',
#: 'security force personnel', 'government delegation', 'an army patrol', 'army positions').
OWN_HEADS = KIND_WORDS | {
    "headquarters",
    "patrol",
    "patrols",
    "convoy",
    "convoys",
    "column",
    "unit",
    "squad",
    "contingent",
    "detachment",
    "battalion",
    "platoon",
    "positions",
    "recruits",
    "personnel",
    "officers",
    "officials",
    "units",
    "delegation",
    "delegates",
    "representatives",
    "commanders",
}
#: Dependencies of the words describing an agent ('tribal fighters', 'Rwandan-backed').
DESCRIBING_DEPS = frozenset({"amod", "compound", "npadvmod"})
#: Entity types of words that name, not describe ('Kabul police' is a place and a force).
NAMED_TYPES = frozenset({"GPE", "LOC", "FAC", "PERSON", "ORG"})
#: Kind words that stay in the span of a state's or an alliance's force ('NATO troops').
STATE_KINDS = frozenset({"forces", "troops"})


def name_end(doc: Doc, cand: Candidate, entry: Entry) -> int | None:
    """The token end of the group's own name when the span adds a kind word to it: the rest
    is a form of the same entry or an acronym ('M23 rebels', 'CODECO armed group')."""
    end = cand.token_end
    if end - cand.token_start < 2 or not bare_named(entry):
        return None
    if doc[end - 1].lower_ not in KIND_WORDS or not doc[end - 1].is_lower:
        return None
    end -= 1
    if end - cand.token_start >= 2 and doc[end - 1].lower_ == "armed":
        end -= 1  # 'CODECO armed group'
    rest = doc[cand.token_start : end].text
    if doc[end].lower_ in STATE_KINDS and entry.data.get("inter") in {1, 8} and " " not in rest:
        return None  # 'NATO troops', 'US forces': a state's force keeps its kind word
    forms = {form.lower() for form, _ in entry.names()}
    return end if rest.lower() in forms or _acronym(rest) else None


def bare_named(entry: Entry) -> bool:
    """A named actor spanned by its bare name."""
    return not entry.data.get("generic") and not entry.data.get(WHOLE)


def _acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text) >= 2 and bool(letters) and all(c.isupper() for c in letters) and " " not in text


def splits_off(doc: Doc, follower: Candidate) -> bool:
    """'ELN fighters went ...': the members word is the subject of a body sentence."""
    head = doc[follower.token_end - 1]
    return head.lower_ in SPLIT_KINDS and head.dep_ in SUBJECTS and "\n" in doc_text(doc)[: head.idx]


def retarget(doc: Doc, cand: Candidate, start: int, end: int) -> None:
    """Move the candidate to tokens [start, end)."""
    span = doc[start:end]
    cand.token_start, cand.token_end = start, end
    cand.start, cand.end, cand.text = span.start_char, span.end_char, span.text


def generic_by_form(doc: Doc, cand: Candidate, is_demonym: Callable[[Token], bool]) -> bool:
    """'Malian army', 'Israeli forces', 'Maoist rebels': a common noun after demonyms or
    lower-case words only, no proper name of a group."""
    tokens = list(doc[cand.token_start : cand.token_end])
    if not tokens[-1].is_lower or not tokens[-1].is_alpha:
        return False
    return all(t.is_lower or t.text == "-" or t.ent_type_ == "NORP" or is_demonym(t) for t in tokens[:-1])


def bounded(doc: Doc, spans: list[Candidate]) -> list[Candidate]:
    """After the merge: casualty phrases take the actors they count; generic agents take
    the words describing them and their article or quantity, never another span's words."""
    counts = [s for s in spans if s.label == "CASUALTY"]
    actors = {s.token_start: s for s in spans if s.label == "ACTOR"}
    for count in counts:
        _take_counted(doc, count, actors)
    taken = {i for c in [*counts, *actors.values()] for i in range(c.token_start, c.token_end)}
    for actor in actors.values():
        if actor.normalized.get("generic") and actor.text.islower():
            described = _described_from(doc, actor)
            if not taken & set(range(described, actor.token_start)):
                retarget(doc, actor, described, actor.token_end)
            start = _counted_from(doc, actor)
            if start < actor.token_start and not taken & set(range(start, actor.token_start)):
                retarget(doc, actor, start, actor.token_end)
    return sorted(spans, key=lambda c: (c.start, c.end, c.label))


def _take_counted(doc: Doc, count: Candidate, actors: dict[int, Candidate]) -> None:
    """'three' + 'al-Shabaab fighters', 'Two' + 'CRPF' + 'personnel', 'eight members' + 'of
    the' + 'District Reserve Guard'."""
    i = count.token_end
    while i < len(doc) and doc[i].lower_ in COUNT_GLUE:
        i += 1
    if doc[count.token_end - 1].lower_ in COUNTED and i + 2 < len(doc):
        if [t.lower_ for t in doc[i : i + 2]] != ["of", "the"]:
            return
        i += 2
    actor = actors.get(i)
    if actor is None:
        return
    end = actor.token_end
    if end < len(doc) and doc[end].lower_ in COUNTED:
        end += 1
    retarget(doc, count, count.token_start, end)


def _described_from(doc: Doc, actor: Candidate) -> int:
    """Where the words describing a generic agent start ('Arab tribal fighters', 'student
    protesters', 'Rwandan-backed rebels'): modifiers of a word in the span, by the parse,
    neither places nor names."""
    i = actor.token_start
    sentence = doc[i].sent.start if doc.has_annotation("DEP") else i
    while i - 1 >= sentence:
        token = doc[i - 1]
        inside = i <= token.head.i < actor.token_end
        describes = token.dep_ in DESCRIBING_DEPS or (token.text == "-" and token.dep_ == "punct")
        if not (inside and describes) or token.ent_type_ in NAMED_TYPES or token.like_num:
            break
        i -= 1
    return i


def _counted_from(doc: Doc, actor: Candidate) -> int:
    """Where the article or quantity before a generic agent starts ('a sniper', 'hundreds of
    insurgents', 'Tens of thousands of people', 'about 200 people')."""
    i = actor.token_start
    sentence = doc[i].sent.start
    if i - 1 >= sentence and doc[i - 1].lower_ in ARTICLES and doc[i - 1].whitespace_:
        singular = not doc[actor.token_end - 1].lower_.endswith("s")
        return i - 1 if singular and not _may_modify(doc, actor.token_end - 1) else i
    while i - 2 >= sentence and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in VAGUE:
        i -= 2
    if i - 1 >= sentence and _is_number(doc[i - 1]):
        i -= 1
    while (
        i - 1 >= sentence
        and i < actor.token_start
        and (_is_number(doc[i - 1]) or doc[i - 1].lower_ in QUANTITY_LEAD)
    ):
        i -= 1
    return i


def _may_modify(doc: Doc, i: int) -> bool:
    """The word may describe the noun after it ('a police station'): so the parse says, or,
    without a parse, a lower-case word follows."""
    if doc.has_annotation("DEP"):
        head = doc[i].head
        return doc[i].dep_ in MODIFIER_DEPS and head.i > i and head.lower_ not in ACT_VERBS
    return i + 1 < len(doc) and doc[i + 1].is_lower and doc[i + 1].is_alpha


def _is_number(token: Token) -> bool:
    lower = token.lower_.replace(",", "")
    return lower.isdigit() or (token.like_num and is_number_word(lower)) or lower in {"thousand", "hundred"}


def names_no_party(doc: Doc, cand: Candidate, means: set[int]) -> bool:
    """An ACTOR hit that names no party here: a force word that only describes a thing
    ('an army base', 'a police station', 'army-aligned'; not 'an army drone', whose means
    in `means` (weapon tokens and attack nouns) it owns), a name after 'pro-'/'anti-'
    ('pro-Islamic State'), or the surname of a person named in the article ('Kambale said')."""
    last = doc[cand.token_end - 1]
    after = doc[cand.token_end] if cand.token_end < len(doc) else None
    if after is not None and last.is_lower and not last.whitespace_ and after.text == "-":
        return True
    modifies = after is not None and last.is_lower and last.dep_ in MODIFIER_DEPS and last.head.i > last.i
    if modifies and last.head.i not in means and last.head.lower_ not in OWN_HEADS:
        return True
    before = cand.token_start
    if before >= 2 and doc[before - 1].text == "-" and doc[before - 2].lower_ in PREFIXES:
        return not doc[before - 2].whitespace_ and not doc[before - 1].whitespace_
    return _surname(doc, cand)


def _surname(doc: Doc, cand: Candidate) -> bool:
    if cand.token_end - cand.token_start != 1 or not cand.origin.startswith("model:"):
        return False
    word = doc[cand.token_start].text
    return any(
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == word and ent.start != cand.token_start
        for ent in doc_ents(doc)
    )
