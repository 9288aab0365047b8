"""When a capitalised name is a person, not a place, and when the words around a name say it
is a place (the cue that lets a lesser-known or loosely spelt name through)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span

from annotator.nlp.tokens import doc_ents


@cache
def place_words() -> dict[str, Any]:
    """`resources/gazetteer/place_words.json`: the words this module and the world index use."""
    from annotator.paths import resources_dir

    return json.loads((resources_dir() / "gazetteer" / PLACE_WORDS).read_text(encoding="utf-8"))


def _words(key: str) -> frozenset[str]:
    return frozenset(place_words()[key])


PLACE_WORDS = "place_words.json"
TITLES = _words("person_titles")
SPEECH_AFTER = _words("speech_after")
#: What people, not places, do as subjects (word forms: the suggester runs no lemmatizer).
PERSON_PREDICATES = _words("person_predicates")
KIN_AFTER_POSSESSIVE = _words("kin_after_possessive")
CUE_BEFORE = _words("place_cue_before")
CUE_OF = _words("place_cue_of")
KIND_AFTER = _words("place_kind_after")
#: "the village of X": the kinds of settlement named after "of" (not "the head of X").
PLACE_OF_NAMES = frozenset({"village", "town", "city", "district", "hamlet", "settlement", "neighbourhood"})
#: A word that may stand between a cue and the name ("in northern Marseille").
BETWEEN_CUE_AND_NAME = _words("compass_between")
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
#: Entities a place name can be part of without being the place (the small model calls lists of
#: towns WORK_OF_ART, so only these count).
NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP"})


def _word(doc: Doc, index: int) -> str:
    return doc[index].lower_.rstrip(".") if 0 <= index < len(doc) else ""


def is_person(span: Span, *, strong_place: bool, model_person: bool = True) -> bool:
    """A person's name however it looks like a place: after a title ('Colonel Paris'), inside
    a longer PERSON entity ('Jordan Peterson'), and, unless the name is a country, a first-
    level unit or a large city (which are spoken of as actors: 'Moscow said'), before 'said'
    (not after a place word: 'police in Bor said'),
    as a possessive of kin ('Kent's wife'), before 'who', as the subject of what people do ('Okafor is
    believed to...'), or a word spaCy tags PERSON here or elsewhere in the article, unless
    a place cue stands by it ('in Musa Kahil', which the small model calls a PERSON) or
    `model_person` is False (another mention says the name is a place)."""
    doc = span.doc
    if _word(doc, span.start - 1) in TITLES and doc[span.start - 1].text[:1].isupper():
        return True
    if _inside_longer_person(span):
        return True
    if strong_place:
        return False
    return (
        (_word(doc, span.end) in SPEECH_AFTER and _word(doc, span.start - 1) not in CUE_BEFORE)
        or (_word(doc, span.end) in {"'s", "’s"} and _word(doc, span.end + 1) in KIN_AFTER_POSSESSIVE)
        or _who_follows(span)
        or _subject_of_person_verb(span)
        or (model_person and _tagged_person(span) and not has_place_cue(span))
    )


def _inside_longer_person(span: Span) -> bool:
    return any(
        ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end and len(ent) > len(span)
        for ent in _ents_near(span)
    )


def _ents_near(span: Span) -> list[Span]:
    """Entities touching the span, without the line breaks the small model takes into them
    ('Gondar' tagged ORG with the line break after a headline is no longer than 'Gondar')."""
    doc = span.doc
    near = [ent for ent in doc_ents(doc) if ent.start < span.end + 1 and span.start - 1 < ent.end]
    return [trimmed for ent in near if (trimmed := _without_space(ent)) is not None]


def _without_space(ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].is_space:
        start += 1
    while end > start and ent.doc[end - 1].is_space:
        end -= 1
    if end == start:
        return None
    return ent if (start, end) == (ent.start, ent.end) else Span(ent.doc, start, end, label=ent.label_)


def _who_follows(span: Span) -> bool:
    """'the suspect, Adeyemi, who...': people take 'who', places 'which' and 'where'."""
    doc = span.doc
    after = [_word(doc, span.end + k) for k in range(2)]
    return after[0] in {"who", "whose", "whom"} or (after[0] == "," and after[1] in {"who", "whose", "whom"})


def _subject_of_person_verb(span: Span) -> bool:
    """'Okafor is believed to...', 'Ferreira and Okafor were charged'."""
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lower_ in PERSON_PREDICATES


def _tagged_person(span: Span) -> bool:
    """spaCy calls this very name (or a person ending in it) PERSON somewhere in the article."""
    text = span.text
    return any(
        ent.label_ == "PERSON" and (ent.text == text or ent[-1].text == text) for ent in doc_ents(span.doc)
    )


def inside_other_name(span: Span) -> bool:
    """Part of a longer named entity that is not a place ('Paris Saint-Germain', 'Kent
    Police'), unless the entity is a list the span is one item of."""
    return any(
        ent.label_ in NAME_ENTITIES
        and ent.start <= span.start
        and span.end <= ent.end
        and len(ent) > len(span)
        and not _listed_in(span, ent)
        for ent in _ents_near(span)
    )


def _listed_in(span: Span, ent: Span) -> bool:
    """'Kent' in 'Kent and Merseyside', which the small model calls one ORG."""
    doc = span.doc
    before = span.start > ent.start and doc[span.start - 1].lower_ in {"and", ","}
    after = span.end < ent.end and doc[span.end].lower_ in {"and", ","}
    return before or after


def tagged_place(span: Span) -> bool:
    return any(
        ent.label_ in PLACE_ENTITIES
        for ent in _ents_near(span)
        if ent.start < span.end and span.start < ent.end
    )


def has_place_cue(span: Span) -> bool:
    """'in X', 'near X', 'the town of X', 'a neighbourhood of X', 'X district', 'X, the
    capital of ...', with a compass word allowed between ('in northern X'); 'X, <place>' is
    checked by the caller, which knows the other hits."""
    doc = span.doc
    start = span.start - 1 if _word(doc, span.start - 1) in BETWEEN_CUE_AND_NAME else span.start
    before = _word(doc, start - 1)
    if before in CUE_BEFORE:
        return True
    if before == "of" and _word(doc, start - 2) in CUE_OF:
        return True
    return _word(doc, span.end) in KIND_AFTER or _apposed_kind(span)


def _apposed_kind(span: Span) -> bool:
    """'X, the capital of ...', 'X, a town in ...': a kind of place in apposition."""
    doc = span.doc
    if _word(doc, span.end) != ",":
        return False
    after = [_word(doc, span.end + k) for k in (1, 2, 3)]
    if after[0] in {"the", "a", "an"}:
        after = after[1:]
    return after[0] in CUE_OF and after[1] in {"of", "in", "near"}


def kind_follows(span: Span) -> bool:
    """'X district', 'the village of X': words that make a name a place whatever the model
    calls it."""
    doc = span.doc
    after = _word(doc, span.end)
    of_cue = _word(doc, span.start - 1) == "of" and _word(doc, span.start - 2) in PLACE_OF_NAMES
    return (after in KIND_AFTER and doc[span.end].is_lower) or of_cue


def is_attributive(span: Span) -> bool:
    """A country's acronym used as a modifier, not a place: 'US Africa Command', 'US
    officials', 'US and British warplanes' (the codebook marks no LOCATION there)."""
    doc = span.doc
    text = span.text
    if (
        not (text.isupper() or "." in text)
        or span.end >= len(doc)
        or _word(doc, span.start - 1) in CUE_BEFORE
    ):
        return False
    following = doc[span.end]
    if following.lower_ in {"and", "or"} and span.end + 1 < len(doc):
        other = doc[span.end + 1]
        return other.ent_type_ == "NORP" or other.pos_ == "ADJ"
    return following.is_alpha and following.pos_ in {"NOUN", "PROPN", "ADJ"} and not following.is_sent_start


def is_demonym(span: Span) -> bool:
    """'the Somali group': a name spaCy tags a nationality, used as an adjective (after a
    determiner, before a common noun)."""
    doc = span.doc
    return (
        _word(doc, span.start - 1) in {"the", "a", "an", "its", "their", "his", "her"}
        and span.end < len(doc)
        and doc[span.end].is_lower
        and doc[span.end].pos_ == "NOUN"
        and any(
            ent.label_ == "NORP" and (ent.start, ent.end) == (span.start, span.end)
            for ent in _ents_near(span)
        )
    )
