"""Where an ACTOR span starts and ends, by the world gold's conventions.

A named group is its name: 'ELN fighters', 'Houthi forces', 'Gran Grif gang' give the
group's own name ('ELN', 'Houthi', 'Gran Grif'); the members word after it is an actor of
its own only when it acts as the subject of a body sentence ('ELN fighters abducted ...').
A generic agent keeps the article or quantity that counts it ('a suicide bomber', 'hundreds
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

#: The list whose named actors are spanned as their bare names (the Afghan list's gold keeps
#: 'Taliban militants' whole).
WORLD_FILE = "actors_world.json"
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


def name_end(doc: Doc, cand: Candidate, entry: Entry) -> int | None:
    """The token end of the group's own name when the span adds a kind word to it: the rest
    is a form of the same entry or an acronym ('M23 rebels', 'CODECO armed group')."""
    end = cand.token_end
    if end - cand.token_start < 2 or entry.source != WORLD_FILE or entry.data.get("generic"):
        return None
    if doc[end - 1].lower_ not in KIND_WORDS or not doc[end - 1].is_lower:
        return None
    end -= 1
    if end - cand.token_start >= 2 and doc[end - 1].lower_ == "armed":
        end -= 1  # 'CODECO armed group'
    rest = doc[cand.token_start : end].text
    forms = {form.lower() for form, _ in entry.names()}
    return end if rest.lower() in forms or _acronym(rest) else None


def _acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text) >= 2 and bool(letters) and all(c.isupper() for c in letters) and " " not in text


def splits_off(doc: Doc, follower: Candidate) -> bool:
    """'ELN fighters went ...': the members word is the subject of a body sentence."""
    head = doc[follower.token_end - 1]
    return head.lower_ in SPLIT_KINDS and head.dep_ in SUBJECTS and "\n" in doc.text[: head.idx]


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
    their article or quantity."""
    counts = [s for s in spans if s.label == "CASUALTY"]
    actors = {s.token_start: s for s in spans if s.label == "ACTOR"}
    for count in counts:
        _take_counted(doc, count, actors)
    taken = {i for c in counts for i in range(c.token_start, c.token_end)}
    for actor in actors.values():
        if actor.normalized.get("generic"):
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


def _counted_from(doc: Doc, actor: Candidate) -> int:
    """Where the article or quantity before a generic agent starts ('a sniper', 'hundreds of
    insurgents', 'Tens of thousands of people', 'about 200 people')."""
    i = actor.token_start
    sentence = doc[i].sent.start
    if i - 1 >= sentence and doc[i - 1].lower_ in ARTICLES and doc[i - 1].whitespace_:
        return i - 1 if not doc[actor.token_end - 1].lower_.endswith("s") else i
    while i - 2 >= sentence and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in VAGUE:
        i -= 2
    if i - 1 >= sentence and _is_number(doc[i - 1]):
        i -= 1
    while i - 1 >= sentence and i < actor.token_start and (_is_number(doc[i - 1]) or doc[i - 1].lower_ in QUANTITY_LEAD):
        i -= 1
    return i


def _is_number(token: Token) -> bool:
    lower = token.lower_.replace(",", "")
    return lower.isdigit() or (token.like_num and is_number_word(lower)) or lower in {"thousand", "hundred"}
