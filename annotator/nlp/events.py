"""Draft event frames: a cue proposes an ACLED event type; roles are filled from the
suggested spans of the same sentence (or the sentence before), each with its reason.

Event-type names and inter codes come from the codebook given (its `state_forces`,
`civilians`, `two_sided`, `weapon_sub_events` and `targets_civilians` marks), never from here."""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from annotator.core.codebook import Codebook
from annotator.core.errors import InputError
from annotator.nlp.candidates import Candidate
from annotator.nlp.normalise.dates import local_publication_date

PASSIVE_AUXILIARIES = {"was", "were", "been", "being", "be", "is", "are"}
#: Words just before a cue that make it no report of an incident ("did not ... fighting",
#: "if the fighting continues", "agree to stop fighting").
IRREALIS = {"not", "n't", "never", "if", "would", "could", "might", "whether", "stop", "halt", "no"}
IRREALIS_WINDOW = 4
#: Plural territory after a takeover cue: an aggregate claim ("seized eight districts").
AGGREGATE_OBJECTS = {
    "districts",
    "provinces",
    "towns",
    "cities",
    "villages",
    "areas",
    "territories",
}
AGGREGATE_WINDOW = 4


@dataclass(frozen=True)
class Cue:
    id: str
    phrases: tuple[str, ...]
    event_type: str
    sub_event_type: str
    confidence: float
    state_actor_sub_event_type: str | None = None
    civilian_target_event: tuple[str, str] | None = None
    weapon_refines: bool = False


@dataclass
class Cues:
    cues: dict[str, Cue]
    version: str

    @classmethod
    def from_file(cls, path: Path, codebook: Codebook) -> Cues:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise InputError(path, f"cannot read cue list ({exc})") from None
        cues = {}
        for entry in data.get("cues", []):
            cue = Cue(
                id=entry["id"],
                phrases=tuple(entry["phrases"]),
                event_type=entry["event_type"],
                sub_event_type=entry["sub_event_type"],
                confidence=float(entry["confidence"]),
                state_actor_sub_event_type=entry.get("state_actor_sub_event_type"),
                civilian_target_event=tuple(entry["civilian_target_event"])
                if entry.get("civilian_target_event")
                else None,
                weapon_refines=bool(entry.get("weapon_refines", False)),
            )
            _check(cue, codebook, path)
            cues[cue.id] = cue
        return cls(cues, str(data.get("version", "0")))

    def matcher(self, nlp: Language) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cue in self.cues.values():
            matcher.add(cue.id, list(nlp.tokenizer.pipe(cue.phrases)))
        return matcher


def _check(cue: Cue, codebook: Codebook, path: Path) -> None:
    pairs = [(cue.event_type, cue.sub_event_type)]
    if cue.state_actor_sub_event_type:
        pairs.append((cue.event_type, cue.state_actor_sub_event_type))
    if cue.civilian_target_event:
        pairs.append(cue.civilian_target_event)
    for event_type, sub in pairs:
        known = codebook.event_type(event_type)
        if known is None or known.sub_event(sub) is None:
            raise InputError(path, f"cue '{cue.id}': '{event_type} / {sub}' is not in the codebook")
    needs = {
        "state_actor_sub_event_type": (cue.state_actor_sub_event_type, codebook.state_forces, "state_forces"),
        "civilian_target_event": (cue.civilian_target_event, codebook.civilians, "civilians"),
        "weapon_refines": (cue.weapon_refines, codebook.weapon_event_type, "weapon_sub_events"),
    }
    for key, (used, marked, mark) in needs.items():
        if used and marked is None:
            raise InputError(
                path,
                f"cue '{cue.id}': {key} needs a type marked `{mark} = true` in the codebook "
                f"{codebook.path}; mark one there or remove {key} from the cue",
            )


@dataclass
class Frame:
    """A draft frame: store fields, role -> indices into the article's spans, reasons."""

    fields: dict[str, Any]
    roles: dict[str, list[int]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)


class FrameDrafter:
    def __init__(self, nlp: Language, cues: Cues, codebook: Codebook) -> None:
        self.cues = cues
        self.codebook = codebook
        self.matcher = cues.matcher(nlp)

    def draft(self, doc: Doc, spans: list[Candidate], published_at: str | None = None) -> list[Frame]:
        best: dict[int, tuple[Cue, Span]] = {}
        for match_id, start, end in self.matcher(doc):
            cue = self.cues.cues[doc.vocab.strings[match_id]]
            trigger = doc[start:end]
            if _irrealis(trigger) or _aggregate(trigger):
                continue
            sentence = trigger.sent.start
            held = best.get(sentence)
            if held is None or (cue.confidence, len(trigger)) > (held[0].confidence, len(held[1])):
                best[sentence] = (cue, trigger)
        sentences = list(doc.sents)
        index_of = {s.start: i for i, s in enumerate(sentences)}
        latest = local_publication_date(published_at)
        drafted: dict[int, Frame] = {}
        for sentence_start, (cue, trigger) in sorted(best.items()):
            i = index_of[sentence_start]
            frame = self._frame(cue, trigger, sentences[i], sentences[i - 1] if i else None, spans, latest)
            if _has_participant(frame, self.codebook):
                drafted[i] = frame
        for i, frame in drafted.items():
            # the toll often follows the incident's sentence: "… attacked a market. 30 were killed"
            if "fatalities" not in frame.roles and i + 1 < len(sentences) and i + 1 not in drafted:
                _casualties(frame, _within(spans, sentences[i + 1]), spans, doc, "the next sentence")
        return merge_frames(list(drafted.values()))

    def _frame(
        self,
        cue: Cue,
        trigger: Span,
        sentence: Span,
        previous: Span | None,
        spans: list[Candidate],
        latest: date | None,
    ) -> Frame:
        frame = Frame(
            {
                "trigger_start": trigger.start_char,
                "trigger_end": trigger.end_char,
                "trigger_text": trigger.text,
                "event_type": cue.event_type,
                "sub_event_type": cue.sub_event_type,
                "status": "suggested",
                "origin": f"cue:{cue.id}",
            }
        )
        frame.reasons["event_type"] = f"cue '{trigger.text}' ({cue.id})"
        here = _within(spans, sentence)
        before = _within(spans, previous) if previous is not None else []
        self._actors(frame, trigger, here, spans)
        self._refine_type(frame, cue, here, spans)
        _location(frame, here or before, here, spans)
        _date(frame, here, before, spans, latest)
        _casualties(frame, here, spans, trigger.doc, "the sentence")
        confidence = cue.confidence + (0.1 if frame.fields.get("actor1") else -0.15)
        confidence += 0.05 if frame.fields.get("location") else 0.0
        frame.fields["confidence"] = round(min(0.99, max(0.05, confidence)), 2)
        return frame

    def _actors(self, frame: Frame, trigger: Span, here: list[int], spans: list[Candidate]) -> None:
        actors = [i for i in here if spans[i].label == "ACTOR"]
        doc = trigger.doc
        known = self.codebook.event_type(frame.fields["event_type"])
        two_sided = known is not None and known.two_sided
        if doc.has_annotation("DEP") and _actors_by_syntax(frame, trigger, actors, spans, two_sided):
            return
        passive = any(
            doc[t].lower_ in PASSIVE_AUXILIARIES for t in range(max(trigger.start - 2, 0), trigger.start)
        )
        agent = [
            i for i in actors if spans[i].token_start > 0 and doc[spans[i].token_start - 1].lower_ == "by"
        ]
        earlier = [i for i in actors if spans[i].end <= trigger.start_char]
        later = [i for i in actors if spans[i].start >= trigger.end_char and i not in agent]
        if agent:
            first, second, why = agent[0], (earlier[-1] if earlier else None), "agent after 'by'"
        elif passive:
            first, second, why = (
                None,
                (earlier[-1] if earlier else None),
                "passive: subject is the target",
            )
        else:
            first = earlier[-1] if earlier else None
            second = later[0] if later else None
            why = "nearest ACTOR before the trigger"
        if first is not None:
            _set_actor(frame, "actor1", "inter1", first, spans, why)
        if second is not None and second != first:
            _set_actor(
                frame,
                "actor2",
                "inter2",
                second,
                spans,
                "target before a passive trigger" if passive else "first ACTOR after the trigger",
            )

    def _refine_type(self, frame: Frame, cue: Cue, here: list[int], spans: list[Candidate]) -> None:
        fields, book = frame.fields, self.codebook
        state_actor = book.state_forces is not None and fields.get("inter1") == book.state_forces
        civilian_target = book.civilians is not None and fields.get("inter2") == book.civilians
        if cue.state_actor_sub_event_type and state_actor:
            fields["sub_event_type"] = cue.state_actor_sub_event_type
            frame.reasons["sub_event_type"] = "actor1 is a state force"
        if cue.civilian_target_event and civilian_target:
            fields["event_type"], fields["sub_event_type"] = cue.civilian_target_event
            frame.reasons["event_type"] += "; actor2 is civilians"
        weapons = [spans[i] for i in here if spans[i].label == "WEAPON"]
        sub = next(
            (w.normalized.get("sub_event_type") for w in weapons if w.normalized.get("sub_event_type")),
            None,
        )
        weapon_type = book.weapon_event_type
        if cue.weapon_refines and sub and weapon_type is not None and weapon_type.sub_event(sub):
            fields["event_type"], fields["sub_event_type"] = weapon_type.name, sub
            frame.reasons["sub_event_type"] = f"weapon '{weapons[0].normalized.get('name')}' in the sentence"
        targeting = book.civilian_event_type
        if (targeting is not None and fields["event_type"] == targeting.name) or civilian_target:
            fields["civilian_targeting"] = 1 if civilian_target else None


SUBJECTS = {"nsubj"}
PASSIVE_SUBJECTS = {"nsubjpass"}
OBJECTS = {"dobj", "obj"}


def _actors_by_syntax(
    frame: Frame, trigger: Span, actors: list[int], spans: list[Candidate], two_sided: bool
) -> bool:
    """Roles from the parse. A verb: its subject acts, its object or passive subject is the
    target, the agent of a passive acts. A noun ("attacks by the Taliban", "a Taliban car
    bomb"): 'by' and possessive or compound modifiers act, 'on'/'against' are the target.
    `two_sided`: the frame's type (codebook) has a second side, found after the trigger when
    the parse names none. False when the parse names no actor, so the word-order heuristics
    take over."""
    head = trigger.root
    while head.dep_ == "compound" and head.head is not head:
        head = head.head  # "a car bomb attack": the cue modifies "attack"
    first = second = None
    for child in head.children:
        if child.dep_ in SUBJECTS or child.dep_ in {"poss", "compound"}:
            first = first or _actor_in(child, actors, spans)
        elif child.dep_ in PASSIVE_SUBJECTS or child.dep_ in OBJECTS:
            second = second or _actor_in(child, actors, spans)
        elif child.dep_ in {"agent", "prep"}:
            target = next((g for g in child.children if g.dep_ == "pobj"), None)
            if target is None:
                continue
            if child.lower_ == "by":
                first = first or _actor_in(target, actors, spans)
            elif child.lower_ == "between":  # "clashes between the army and the Taliban"
                partner = next((g for g in target.children if g.dep_ == "conj"), None)
                first = first or _actor_in(target, actors, spans, stop=partner)
                second = second or (_actor_in(partner, actors, spans) if partner is not None else None)
            elif child.lower_ in {"on", "against", "targeting"}:
                second = second or _actor_in(target, actors, spans)
    if first is None and second is None:
        return False
    if first is not None:
        _set_actor(frame, "actor1", "inter1", first, spans, f"subject of '{head.text}'")
    if second is None and two_sided:
        second = next((i for i in actors if spans[i].start >= trigger.end_char and i != first), None)
        why = "first ACTOR after the trigger"
    else:
        why = f"object or target of '{head.text}'"
    if second is not None and second != first:
        _set_actor(frame, "actor2", "inter2", second, spans, why)
    return True


def _actor_in(
    head: Token, actors: list[int], spans: list[Candidate], stop: Token | None = None
) -> int | None:
    """The ACTOR span inside the phrase headed by `head` (the one holding the head first);
    `stop` cuts the phrase before a coordinated partner."""
    left, right = head.left_edge.i, head.right_edge.i + 1
    if stop is not None:
        right = min(right, stop.left_edge.i)
    inside = [i for i in actors if left <= spans[i].token_start and spans[i].token_end <= right]
    holding = [i for i in inside if spans[i].token_start <= head.i < spans[i].token_end]
    return (holding or inside or [None])[0]


def _within(spans: list[Candidate], sentence: Span) -> list[int]:
    return [i for i, s in enumerate(spans) if sentence.start_char <= s.start and s.end <= sentence.end_char]


def _set_actor(
    frame: Frame, role: str, inter_field: str, index: int, spans: list[Candidate], why: str
) -> None:
    span = spans[index]
    value = span.normalized
    frame.fields[role] = value.get("acled_name") or value.get("name") or span.text
    if value.get("inter") is not None:
        frame.fields[inter_field] = value["inter"]
    frame.roles.setdefault(role, []).append(index)
    frame.reasons[role] = f"{why}: '{frame.fields[role]}'"


def _location(frame: Frame, pool: list[int], here: list[int], spans: list[Candidate]) -> None:
    places = [i for i in pool if spans[i].label == "LOCATION" and not spans[i].normalized.get("dateline")]
    if not places:
        frame.reasons["location"] = "no place named in this or the previous sentence"
        return
    # The most precise place known to the gazetteer; else the first place named.
    known = [i for i in places if spans[i].normalized.get("geo_precision")]
    index = (
        min(known, key=lambda i: (spans[i].normalized["geo_precision"], spans[i].start))
        if known
        else places[0]
    )
    value = spans[index].normalized
    fields = frame.fields
    fields["location"] = value.get("name") or spans[index].text
    for key in ("country", "admin1", "admin2", "latitude", "longitude", "geo_precision"):
        if value.get(key) is not None:
            fields[key] = value[key]
    frame.roles["location"] = [index]
    where = "same sentence" if index in here else "previous sentence"
    frame.reasons["location"] = f"most precise place in the {where}: '{fields['location']}'"


def _rival_reports(killed: list[int], spans: list[Candidate], doc: Doc) -> bool:
    """Whether consecutive death counts are separated by words of rival reports."""
    ordered = sorted(killed, key=lambda i: spans[i].start)
    return any(
        RIVAL_REPORTS.search(doc.text[spans[a].end : spans[b].start]) for a, b in itertools.pairwise(ordered)
    )


def _irrealis(trigger: Span) -> bool:
    doc = trigger.doc
    window = doc[max(trigger.sent.start, trigger.start - IRREALIS_WINDOW) : trigger.start]
    return any(t.lower_ in IRREALIS for t in window)


def _aggregate(trigger: Span) -> bool:
    doc = trigger.doc
    window = doc[trigger.end : min(trigger.sent.end, trigger.end + AGGREGATE_WINDOW)]
    return any(t.lower_ in AGGREGATE_OBJECTS for t in window)


def merge_frames(frames: list[Frame]) -> list[Frame]:
    """One draft per incident: frames of the same type whose place and date do not differ
    (ACLED: one event per type, location and day) are merged into the most complete one."""
    merged: list[Frame] = []
    for frame in sorted(frames, key=_completeness, reverse=True):
        twin = next((kept for kept in merged if _same_incident(kept, frame)), None)
        if twin is None:
            merged.append(frame)
        else:
            twin.fields["confidence"] = round(min(0.99, twin.fields["confidence"] + 0.05), 2)
            twin.reasons["event_type"] += f"; also cue '{frame.fields['trigger_text']}'"
    return sorted(merged, key=lambda f: f.fields["trigger_start"])


def _completeness(frame: Frame) -> tuple[int, float]:
    keys = ("actor1", "actor2", "location", "event_date", "fatalities")
    return sum(frame.fields.get(k) is not None for k in keys), frame.fields["confidence"]


def _same_incident(a: Frame, b: Frame) -> bool:
    if (a.fields["event_type"], a.fields["sub_event_type"]) != (
        b.fields["event_type"],
        b.fields["sub_event_type"],
    ):
        return False
    return all(
        a.fields.get(key) is None or b.fields.get(key) is None or a.fields[key] == b.fields[key]
        for key in ("location", "event_date", "actor1")
    )


def _has_participant(frame: Frame, codebook: Codebook) -> bool:
    """A cue with no actor and no weapon in its sentence is commentary, not an incident; a
    frame of the codebook's weapon type (an explosion) is an incident by itself."""
    weapon_type = codebook.weapon_event_type
    return bool(
        frame.roles.get("actor1")
        or frame.roles.get("actor2")
        or "weapon" in frame.reasons.get("sub_event_type", "")
        or (weapon_type is not None and frame.fields["event_type"] == weapon_type.name)
    )


def _date(
    frame: Frame, here: list[int], before: list[int], spans: list[Candidate], latest: date | None
) -> None:
    """The first resolvable date near the trigger; never one after publication."""
    for pool, where in ((here, "same sentence"), (before, "previous sentence")):
        dated = [
            i
            for i in pool
            if spans[i].label == "DATE"
            and spans[i].normalized.get("iso")
            and (latest is None or spans[i].normalized["iso"] <= latest.isoformat())
        ]
        if dated:
            index = dated[0]
            value = spans[index].normalized
            frame.fields["event_date"] = value["iso"]
            frame.fields["time_precision"] = value.get("time_precision")
            frame.roles["date"] = [index]
            frame.reasons["date"] = f"{value.get('rule')} ({where})"
            return
    frame.reasons["date"] = "no resolvable date in this or the previous sentence"


#: Between two death counts of one sentence, words that make them rival reports of one toll
#: ("police said five died, but residents put the toll at 12"): ACLED takes the lowest.
RIVAL_REPORTS = re.compile(
    r"\b(?:but|while|whereas|however|although|though|according to|other reports?|others said|"
    r"put the (?:death )?toll|put the number|claimed|disputed|contradict\w*)\b",
    re.IGNORECASE,
)


def _casualties(frame: Frame, pool: list[int], spans: list[Candidate], doc: Doc, where: str) -> None:
    """Fatalities and injuries from the counts among `pool` (the spans of `where`)."""
    counts = [i for i in pool if spans[i].label == "CASUALTY"]
    killed = [i for i in counts if spans[i].normalized.get("outcome") == "killed"]
    injured = [i for i in counts if spans[i].normalized.get("outcome") == "injured"]
    fields = frame.fields
    if killed and _rival_reports(killed, spans, doc):
        lowest = min(killed, key=lambda i: spans[i].normalized["fatalities"])
        value = spans[lowest].normalized
        fields["fatalities"] = value["fatalities"]
        fields["fatalities_low"] = value.get("low") or value["fatalities"]
        fields["fatalities_high"] = max(spans[i].normalized.get("high") or 0 for i in killed) or None
        fields["fatalities_rule"] = f"conflicting reports: the lowest; {value['rule']}"
        frame.roles["fatalities"] = [lowest]
        frame.reasons["fatalities"] = f"conflicting death counts in {where}: the lowest"
    elif killed:
        values = [spans[i].normalized for i in killed]
        fields["fatalities"] = sum(v["fatalities"] for v in values)
        fields["fatalities_low"] = sum(v.get("low") or v["fatalities"] for v in values)
        highs = [v.get("high") for v in values]
        fields["fatalities_high"] = sum(highs) if all(h is not None for h in highs) else None
        fields["fatalities_rule"] = "; ".join(v["rule"] for v in values)
        frame.roles["fatalities"] = killed
        frame.reasons["fatalities"] = f"sum of death counts in {where}"
    elif counts:
        fields["fatalities"] = 0
        fields["fatalities_rule"] = spans[counts[0]].normalized.get("rule")
        frame.roles["fatalities"] = counts[:1]
        frame.reasons["fatalities"] = "casualties without a death count: 0"
    if injured:
        fields["injuries"] = sum(spans[i].normalized.get("low") or 0 for i in injured)
        frame.roles["injuries"] = injured
