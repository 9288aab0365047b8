"""Acronyms an article defines for its actors: "the Popular Front for the Liberation of
Eastern Chad (FPLEC) ambushed a patrol … FPLEC fighters later withdrew". The bracketed
acronym right after an actor's name is that actor, and so is every later bare use of it in
the article, with the name's normalised values (ACLED name, inter code). Acronyms often come
from another language's word order (the Coordination of Azawad Movements is the CMA), so
the letters are checked against the name's initials as a set, not in order."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from annotator.nlp.candidates import Candidate, candidate

ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{1,9}\Z")  # 'FPLEC', 'M23', 'AQAP', 'FARC-EP'
ACRONYM_SCORE = 0.8  # the definition's own words say it; a later bare use is as sure


def defined_acronyms(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """ACTOR candidates for the acronyms defined in brackets after the actors among
    `candidates` and for their later uses, where no candidate covers them already."""
    taken = {t for c in candidates for t in range(c.token_start, c.token_end)}
    found: list[Candidate] = []
    for actor in candidates:
        acronym = _defined_after(doc, actor)
        if acronym is None or acronym in taken:
            continue
        text = doc[acronym].text
        for token in doc[acronym:]:
            if token.text == text and token.i not in taken:
                found.append(_as_actor(doc, token.i, actor))
                taken.add(token.i)
    return found


def _defined_after(doc: Doc, actor: Candidate) -> int | None:
    """The token index of the acronym in '(…)' right after `actor`'s name, if it is one."""
    if actor.label != "ACTOR" or actor.normalized.get("generic") or actor.token_end + 2 >= len(doc):
        return None
    opening, word, closing = doc[actor.token_end : actor.token_end + 3]
    if opening.text != "(" or closing.text != ")" or not ACRONYM.match(word.text):
        return None
    return word.i if _initials_fit(word.text, doc[actor.token_start : actor.token_end]) else None


def _initials_fit(acronym: str, name: Span) -> bool:
    """Most of the acronym's letters are initials of the name's words (their set: the order
    may be another language's), the first of them among them."""
    initials = {t.text[0].upper() for t in name if t.text[:1].isalpha()}
    letters = [c for c in acronym if c.isalpha()]
    if len(initials) < 2 or not letters or letters[0] not in initials:
        return False
    return sum(c in initials for c in letters) * 3 >= len(letters) * 2


def _as_actor(doc: Doc, index: int, named: Candidate) -> Candidate:
    acronym = candidate(doc[index : index + 1], "ACTOR", "rule:acronym", named.priority, ACRONYM_SCORE)
    return replace(acronym, normalized={k: v for k, v in named.normalized.items() if k != "flags"})
