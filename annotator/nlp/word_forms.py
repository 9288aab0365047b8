"""Every word form of a cue's lemma, generated once when the cues load.

The suggester runs without spaCy's lemmatiser (it is the slowest component of the small
English pipelines), so a cue given by lemma ("shoot dead", "blow {self} up") is matched
on all its surface forms instead ("shoots dead", "shot dead", "shooting dead"; "blew
himself up", "blown themselves up"): the same matches at no cost per article."""

from __future__ import annotations

import re

#: Irregular verbs of conflict reporting: lemma -> (past, past participle).
IRREGULAR = {
    "beat": ("beat", "beaten"),
    "blow": ("blew", "blown"),
    "come": ("came", "come"),
    "break": ("broke", "broken"),
    "burn": ("burned", "burnt"),
    "drive": ("drove", "driven"),
    "fall": ("fell", "fallen"),
    "fight": ("fought", "fought"),
    "go": ("went", "gone"),
    "hold": ("held", "held"),
    "leave": ("left", "left"),
    "overrun": ("overran", "overrun"),
    "overtake": ("overtook", "overtaken"),
    "put": ("put", "put"),
    "retake": ("retook", "retaken"),
    "set": ("set", "set"),
    "shoot": ("shot", "shot"),
    "strike": ("struck", "struck"),
    "hit": ("hit", "hit"),
    "take": ("took", "taken"),
    "throw": ("threw", "thrown"),
    "withdraw": ("withdrew", "withdrawn"),
}
#: Verbs of more than one syllable that double their last consonant ("kidnapped").
DOUBLING = {"kidnap", "worship", "patrol", "control", "compel", "propel", "rebel", "equip", "commit"}
REFLEXIVES = ("himself", "herself", "themselves", "itself", "themself")
SELF = "{self}"
SHORT_CVC = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")
SIBILANT = re.compile(r"(?:s|x|z|ch|sh)$")
CONSONANT_Y = re.compile(r"[^aeiou]y$")


def verb_forms(phrase: str) -> list[str]:
    """All forms of a verb phrase whose first word is the verb: base, -s, past, participle,
    -ing; "{self}" becomes each reflexive pronoun."""
    verb, _, rest = phrase.strip().lower().partition(" ")
    tails = [rest.replace(SELF, r) for r in REFLEXIVES] if SELF in rest else [rest]
    past, participle = IRREGULAR.get(verb, (_regular_past(verb),) * 2)
    words = dict.fromkeys([verb, _third_person(verb), past, participle, _gerund(verb)])
    return [f"{w} {tail}".strip() for w in words for tail in tails]


def noun_forms(phrase: str) -> list[str]:
    """A noun phrase and its plural (the last word inflected)."""
    phrase = phrase.strip().lower()
    head, _, last = phrase.rpartition(" ")
    return list(dict.fromkeys([phrase, f"{head} {_plural(last)}".strip()]))


def _doubles(verb: str) -> bool:
    return verb in DOUBLING or bool(SHORT_CVC.match(verb))


def _third_person(verb: str) -> str:
    if SIBILANT.search(verb) or verb.endswith("o"):
        return verb + "es"
    if CONSONANT_Y.search(verb):
        return verb[:-1] + "ies"
    return verb + "s"


def _regular_past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if CONSONANT_Y.search(verb):
        return verb[:-1] + "ied"
    return verb + verb[-1] + "ed" if _doubles(verb) else verb + "ed"


def _gerund(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + verb[-1] + "ing" if _doubles(verb) else verb + "ing"


def _plural(noun: str) -> str:
    if SIBILANT.search(noun):
        return noun + "es"
    if CONSONANT_Y.search(noun):
        return noun[:-1] + "ies"
    return noun + "s"
