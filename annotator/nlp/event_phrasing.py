"""Phrasings that change what a cue reports, for the frame drafter (`events.py`): a weapon word
that is no explosion ("petrol bombs"), motion that is no territory ("drove out of the town"),
a protest only announced ("announced a rally"), a target in subject position ("came under
fire"), territory taken without a fight, a raid on homes that is how arrests were made, and
a past-perfect incident counted back from the report's ("a day earlier": news, not background)."""

from __future__ import annotations

import re

from spacy.tokens import Span

from annotator.nlp.candidates import Candidate

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OBJECTS = frozenset({"dobj", "obj"})

#: Words before "bomb(s)" that make it an incendiary thrown by hand, not an explosive: a riot's
#: means (ACLED codes petrol bombs thrown by demonstrators as the riot).
INCENDIARY = frozenset({"petrol", "gasoline", "molotov", "fire", "paint", "smoke", "stink"})
BOMB_WORDS = frozenset({"bomb", "bombs", "firebomb", "firebombs"})


def incendiary(trigger: Span) -> bool:
    """'threw petrol bombs': no explosion of its own."""
    doc = trigger.doc
    return (
        trigger[-1].lower_ in BOMB_WORDS
        and trigger.start > trigger.sent.start
        and doc[trigger.start - 1].lower_ in INCENDIARY
    )


def motion(trigger: Span) -> bool:
    """'as they drove out of the town': leaving a place, not driving an enemy out of it."""
    doc = trigger.doc
    return trigger[-1].lower_ == "out" and trigger.end < trigger.sent.end and doc[trigger.end].lower_ == "of"


#: Verbs whose object is a protest only called, announced or planned, not held.
ANNOUNCING = frozenset(
    {
        "announced",
        "announce",
        "announces",
        "called",
        "call",
        "calls",
        "planned",
        "plan",
        "plans",
        "urged",
        "threatened",
        "scheduled",
        "postponed",
        "cancelled",
        "canceled",
        "banned",
    }
)
DETERMINERS = frozenset({"a", "an", "the", "their", "its", "his", "her", "another", "new"})


def called_for(trigger: Span) -> bool:
    """'after they had announced a rally', 'called a general strike': not yet held."""
    doc = trigger.doc
    root = trigger.root
    if doc.has_annotation("DEP") and root.dep_ in OBJECTS:
        return root.head.lower_ in ANNOUNCING
    words = [t.lower_ for t in doc[max(trigger.sent.start, trigger.start - 2) : trigger.start]]
    return bool(words) and (
        words[-1] in ANNOUNCING or (len(words) == 2 and words[0] in ANNOUNCING and words[1] in DETERMINERS)
    )


UNDER = frozenset({"came", "come", "comes", "coming"})


def subject_is_target(trigger: Span) -> bool:
    """'soldiers came under fire from gunmen': the subject is attacked, the agent follows."""
    return len(trigger) >= 2 and trigger[0].lower_ in UNDER and trigger[1].lower_ == "under"


#: The other side gave the place up: territory changes hands without a fight (ACLED: a
#: non-violent transfer of territory).
GAVE_UP = re.compile(
    r"\b(?:withdrew|withdrawn|withdrawing|pulled out|pulling out|abandoned|retreated|evacuated|"
    r"without (?:a fight|a shot|any fighting|fighting|resistance)|unopposed|handed over)\b",
    re.IGNORECASE,
)
#: Words of fighting in the same sentence: the place was taken by force after all.
FOUGHT = re.compile(
    r"\b(?:fighting|fought|battle|battles|clash|clashes|clashed|gunfight|firefight|assault|"
    r"stormed|ambush|shelling|overwhelmed)\b",
    re.IGNORECASE,
)


def unopposed(trigger: Span, here: list[int], spans: list[Candidate]) -> bool:
    """'seized the town after the last troops withdrew': taken without fighting or deaths."""
    text = trigger.sent.text
    if not GAVE_UP.search(text) or FOUGHT.search(text):
        return False
    return not any(
        spans[i].label == "CASUALTY" and spans[i].normalized.get("outcome") == "killed" for i in here
    )


#: "police fired tear gas and the clashes spread": a clash in a demonstration's sentence.
CROWD_CONTROL = re.compile(
    r"\b(?:tear ?gas|water cannons?|rubber bullets|rubber pellets|baton rounds|batons|pepper spray|"
    r"stun grenades|protesters|protestors|demonstrators|rioters)\b",
    re.IGNORECASE,
)
DWELLINGS = frozenset(
    {
        "home",
        "homes",
        "house",
        "houses",
        "apartment",
        "apartments",
        "flat",
        "flats",
        "building",
        "buildings",
        "premises",
        "residence",
        "residences",
    }
)
RAID_WINDOW = 3


def home_raid(trigger: Span, spans: list[Candidate]) -> bool:
    """'soldiers stormed several homes', with no casualty count in the sentence."""
    doc = trigger.doc
    sentence = trigger.sent
    if any(s.label == "CASUALTY" and sentence.start_char <= s.start < sentence.end_char for s in spans):
        return False
    if doc.has_annotation("DEP") and any(c.dep_ in OBJECTS for c in trigger.root.children):
        return any(c.dep_ in OBJECTS and c.lower_ in DWELLINGS for c in trigger.root.children)
    return any(t.lower_ in DWELLINGS for t in doc[trigger.end : min(sentence.end, trigger.end + RAID_WINDOW)])


#: A day counted back from the report's own incident ("a day earlier", "the night before"):
#: an incident only a current report dates that way.
DAYS_BEFORE = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|\d) days? (?:earlier|before)|the (?:previous|preceding) "
    r"(?:day|night|evening)|the (?:day|night) before)\b",
    re.IGNORECASE,
)


def counted_back(sentence: Span) -> bool:
    """'Fano fighters had attacked an army camp a day earlier': a past perfect that is news."""
    return bool(DAYS_BEFORE.search(sentence.text))


def main_clause_before(trigger: Span, summary_start: int) -> bool:
    """'Gunmen kidnapped two workers, the latest in a string of attacks': a verb tells its own
    incident before the noun phrase that sums up many."""
    doc = trigger.doc
    return trigger.start < summary_start and doc.has_annotation("TAG") and trigger.root.pos_ == "VERB"


#: Common nouns of unarmed parties: when they clash, it is mob violence (ACLED), not a battle.
CROWD_PARTIES = frozenset(
    {
        "residents",
        "villagers",
        "settlers",
        "youths",
        "students",
        "supporters",
        "locals",
        "mobs",
        "mob",
        "crowds",
        "neighbours",
        "neighbors",
        "worshippers",
        "traders",
        "vendors",
    }
)
ARMED = frozenset({"armed", "gun-toting", "heavily"})


def crowd_parties(sentence: Span) -> bool:
    """'settlers and indigenous residents clashed with sticks': residents, not called armed."""
    doc = sentence.doc
    return any(
        t.lower_ in CROWD_PARTIES and not (t.i > sentence.start and doc[t.i - 1].lower_ in ARMED)
        for t in sentence
    )


#: Gunfire in the sentence of a blast: the blast opened an ambush or attack by gunmen.
GUNFIRE = re.compile(
    r"\b(?:opened fire|opening fire|open fire|fired on|gunfire|sprayed .{0,20}bullets)\b", re.I
)
#: "troops returned fire and killed three of the attackers": a toll of the fighting reported.
RETURNED_FIRE = re.compile(r"\breturn(?:ed|ing)? fire\b", re.IGNORECASE)
ATTACKERS = frozenset({"attackers", "assailants", "militants", "insurgents", "gunmen", "fighters", "rebels"})
ATTACKERS_WINDOW = 4


def return_fire(trigger: Span) -> bool:
    """'killed three of the attackers' or '... returned fire and killed ...': no new incident."""
    doc = trigger.doc
    after = doc[trigger.end : min(trigger.sent.end, trigger.end + ATTACKERS_WINDOW)]
    return bool(RETURNED_FIRE.search(trigger.sent.text)) or any(t.lower_ in ATTACKERS for t in after)


#: The head noun of a casualty count of state forces ("four soldiers were killed").
FORCE_NOUNS = frozenset(
    {
        "soldier",
        "soldiers",
        "troops",
        "policemen",
        "policeman",
        "gendarmes",
        "servicemen",
        "rangers",
        "marines",
        "jawans",
        "paramilitaries",
    }
)


def forces_counted(here: list[int], spans: list[Candidate]) -> bool:
    """A killed or injured count of the sentence is of soldiers or police: a state target."""
    for i in here:
        span = spans[i]
        if span.label == "CASUALTY" and span.normalized.get("outcome") in {"killed", "injured"}:
            words = span.text.lower().split()
            if words and (words[-1] in FORCE_NOUNS or words[-2:] == ["police", "officers"]):
                return True
    return False


#: Prepositions of a time adjunct: a cue inside one ("after a night of protests") sets the
#: scene for the sentence's own incident.
ADJUNCT_PREPOSITIONS = frozenset({"after", "following", "before", "amid", "during", "since"})
ADJUNCT_WINDOW = 5


def in_adjunct(trigger: Span) -> bool:
    """The cue is a noun inside an 'after ...'/'amid ...' phrase, not the sentence's own act."""
    doc = trigger.doc
    if doc.has_annotation("DEP"):
        for token in trigger.root.ancestors:
            if token.pos_ in {"VERB", "AUX"}:
                return False
            if token.dep_ == "prep" and token.lower_ in ADJUNCT_PREPOSITIONS:
                return True
        return False
    before = doc[max(trigger.sent.start, trigger.start - ADJUNCT_WINDOW) : trigger.start]
    return any(t.lower_ in ADJUNCT_PREPOSITIONS for t in before)
