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
from spacy.tokens import Doc, Span, Token

from annotator.core.codebook import Codebook
from annotator.core.errors import InputError
from annotator.nlp.candidates import Candidate
from annotator.nlp.cue_matcher import CueMatcher, gapped_forms
from annotator.nlp.event_phrasing import CROWD_CONTROL, GUNFIRE
from annotator.nlp.event_phrasing import called_for as _called_for
from annotator.nlp.event_phrasing import counted_back as _counted_back
from annotator.nlp.event_phrasing import crowd_parties as _crowd_parties
from annotator.nlp.event_phrasing import forces_counted as _forces_counted
from annotator.nlp.event_phrasing import home_raid as _home_raid
from annotator.nlp.event_phrasing import in_adjunct as _in_adjunct
from annotator.nlp.event_phrasing import incendiary as _incendiary
from annotator.nlp.event_phrasing import main_clause_before as _main_clause_before
from annotator.nlp.event_phrasing import motion as _motion
from annotator.nlp.event_phrasing import return_fire as _return_fire
from annotator.nlp.event_phrasing import subject_is_target as _subject_is_target
from annotator.nlp.event_phrasing import unopposed as _unopposed
from annotator.nlp.normalise.dates import local_publication_date
from annotator.nlp.tokens import doc_text
from annotator.nlp.word_forms import noun_forms, verb_forms

PASSIVE_AUXILIARIES = {"was", "were", "been", "being", "be", "is", "are"}
#: Words just before a cue that make it no report of an incident ("did not ... fighting",
#: "if the fighting continues", "agree to stop fighting").
IRREALIS = {
    "not",
    "n't",
    "never",
    "if",
    "would",
    "could",
    "might",
    "whether",
    "stop",
    "no",
    "without",
    "halt",
    "prevent",
    "avoid",
    "accused",
}
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
    state_target_event: tuple[str, str] | None = None
    needs: str | None = None
    #: a passive or participle form ("were killed", ", killing 15") tells the toll of the
    #: violent incident reported before, not a new one
    toll: bool = False
    #: the cue reports a demonstration (protest, riot, mob)
    demonstration: bool = False
    #: arrests or damage after a demonstration of the article belong to that demonstration
    joins_demonstration: bool = False
    #: used instead when the demonstrators do violence (stones, burning, smashing) in the
    #: sentence or the next one
    violent_event: tuple[str, str] | None = None
    #: used instead when the weapon is found, defused or seized before it goes off
    found_event: tuple[str, str] | None = None
    #: (verb form, completion) pairs matched with words between ("hacked 23 villagers to death")
    gapped: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: span labels that name a party to the incident when no ACTOR does: the victims counted
    #: (CASUALTY: "abducted six children"), the person arrested (PERSON), the bomb defused (WEAPON)
    participants: frozenset[str] = frozenset()
    #: used instead when the sentence says the other side withdrew or did not fight
    unopposed_event: tuple[str, str] | None = None
    #: a raid or storming of homes with no toll of its own is how this cue's event was done
    #: (ACLED codes an arrest raid as the arrests)
    raid_outcome: bool = False
    #: used instead when no ACTOR takes part and the sentence's parties are residents or
    #: settlers not called armed ("settlers and residents clashed with sticks"): mob violence
    crowd_event: tuple[str, str] | None = None


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
                phrases=_all_forms(entry),
                event_type=entry["event_type"],
                sub_event_type=entry["sub_event_type"],
                confidence=float(entry["confidence"]),
                state_actor_sub_event_type=entry.get("state_actor_sub_event_type"),
                civilian_target_event=_pair(entry.get("civilian_target_event")),
                weapon_refines=bool(entry.get("weapon_refines", False)),
                state_target_event=_pair(entry.get("state_target_event")),
                needs=entry.get("needs"),
                toll=bool(entry.get("toll", False)),
                demonstration=bool(entry.get("demonstration", False)),
                joins_demonstration=bool(entry.get("joins_demonstration", False)),
                violent_event=_pair(entry.get("violent_event")),
                found_event=_pair(entry.get("found_event")),
                gapped=_gapped(entry, path),
                participants=frozenset(entry.get("participants", [])),
                unopposed_event=_pair(entry.get("unopposed_event")),
                raid_outcome=bool(entry.get("raid_outcome", False)),
                crowd_event=_pair(entry.get("crowd_event")),
            )
            _check(cue, codebook, path)
            if cue.needs is not None and cue.needs not in NEEDS:
                raise InputError(
                    path, f"cue '{cue.id}': needs = '{cue.needs}' is none of {', '.join(sorted(NEEDS))}"
                )
            cues[cue.id] = cue
        return cls(cues, str(data.get("version", "0")))

    def matcher(self, nlp: Language) -> CueMatcher:
        return CueMatcher(nlp, [(cue.id, cue.phrases, cue.gapped) for cue in self.cues.values()])


def _gapped(entry: dict[str, Any], path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    try:
        return gapped_forms(entry.get("gapped", []))
    except ValueError as exc:
        raise InputError(path, f"cue '{entry['id']}': {exc}") from None


def _all_forms(entry: dict[str, Any]) -> tuple[str, ...]:
    """The fixed `phrases` plus every form of the `lemmas` (verbs) and `nouns`, less `exclude`."""
    forms = [
        *entry.get("phrases", []),
        *(f for lemma in entry.get("lemmas", []) for f in verb_forms(lemma)),
        *(f for noun in entry.get("nouns", []) for f in noun_forms(noun)),
    ]
    excluded = {e.lower() for e in entry.get("exclude", [])}
    return tuple(f for f in dict.fromkeys(f.lower() for f in forms) if f not in excluded)


def _pair(value: list[str] | None) -> tuple[str, str] | None:
    return (value[0], value[1]) if value else None


def _check(cue: Cue, codebook: Codebook, path: Path) -> None:
    pairs = [(cue.event_type, cue.sub_event_type)]
    if cue.state_actor_sub_event_type:
        pairs.append((cue.event_type, cue.state_actor_sub_event_type))
    if cue.civilian_target_event:
        pairs.append(cue.civilian_target_event)
    if cue.state_target_event:
        pairs.append(cue.state_target_event)
    pairs += [p for p in (cue.violent_event, cue.found_event, cue.unopposed_event, cue.crowd_event) if p]
    unknown = sorted(cue.participants - set(codebook.label_names))
    if unknown:
        raise InputError(
            path, f"cue '{cue.id}': participants {', '.join(unknown)} are no labels of the codebook"
        )
    for event_type, sub in pairs:
        known = codebook.event_type(event_type)
        if known is None or known.sub_event(sub) is None:
            raise InputError(path, f"cue '{cue.id}': '{event_type} / {sub}' is not in the codebook")
    needs = {
        "state_actor_sub_event_type": (cue.state_actor_sub_event_type, codebook.state_forces, "state_forces"),
        "civilian_target_event": (cue.civilian_target_event, codebook.civilians, "civilians"),
        "state_target_event": (cue.state_target_event, codebook.state_forces, "state_forces"),
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
    #: drafted from a headline line (dropped when the body reports an incident of its type)
    headline: bool = False
    #: the trigger is in the past perfect ("had stormed"): background unless nothing else is reported
    earlier: bool = False
    #: the cue that proposed the frame
    cue: Cue | None = None


class FrameDrafter:
    def __init__(self, nlp: Language, cues: Cues, codebook: Codebook) -> None:
        self.cues = cues
        self.codebook = codebook
        self.matcher = cues.matcher(nlp)

    def draft(self, doc: Doc, spans: list[Candidate], published_at: str | None = None) -> list[Frame]:
        sentences = list(doc.sents)
        index_of = {s.start: i for i, s in enumerate(sentences)}
        latest = local_publication_date(published_at)
        repeated = _repeated(sentences)
        drafted: dict[int, Frame] = {}
        text = doc_text(doc)  # joined from the tokens on every access: once, not once per trigger
        for sentence_start, (cue, trigger) in sorted(self._triggers(doc, spans).items()):
            i = index_of[sentence_start]
            kind = line_kind(text, sentences[i].start_char)
            here = _within(spans, sentences[i])
            if i in repeated or kind in SKIPPED_LINES or _background(sentences[i], here, spans, latest):
                continue
            frame = self._frame(cue, trigger, sentences[i], sentences[i - 1] if i else None, spans, latest)
            if _has_participant(frame, self.codebook):
                frame.headline = kind == HEADLINE
                frame.earlier = _past_perfect(trigger) and not _counted_back(sentences[i])
                self._add(drafted, i, frame, trigger, spans)
        self._claims(sentences, drafted, spans)
        for i, frame in drafted.items():
            # the toll often follows the incident's sentence: "… attacked a market. 30 were killed"
            if "fatalities" not in frame.roles and i + 1 < len(sentences) and i + 1 not in drafted:
                _casualties(frame, _within(spans, sentences[i + 1]), spans, doc, "the next sentence")
        return merge_frames(_reported(list(drafted.values())))

    def _triggers(self, doc: Doc, spans: list[Candidate]) -> dict[int, tuple[Cue, Span]]:
        """The most confident cue of each sentence that reports an incident, by sentence start;
        none for a sentence that sums many incidents up ("a surge of attacks")."""
        best: dict[int, tuple[Cue, Span]] = {}
        summaries: dict[int, int] = {}  # sentence start -> the first summary cue's token
        for match_id, start, end in self.matcher(doc):
            cue = self.cues.cues[doc.vocab.strings[match_id]]
            trigger = doc[start:end]
            if _summary(trigger):
                summaries[trigger.sent.start] = min(start, summaries.get(trigger.sent.start, start))
                continue
            if not _reports_incident(trigger, cue, spans):
                continue
            held = best.get(trigger.sent.start)
            if held is None or _outranks((cue, trigger), held, spans):
                best[trigger.sent.start] = (cue, trigger)
        return {
            start: held
            for start, held in best.items()
            if start not in summaries or (not held[0].toll and _main_clause_before(held[1], summaries[start]))
        }

    def _add(
        self, drafted: dict[int, Frame], i: int, frame: Frame, trigger: Span, spans: list[Candidate]
    ) -> None:
        """A new frame for sentence `i`, or folded into the earlier frame it mentions again."""
        earlier = [drafted[k] for k in sorted(drafted)]
        separate = bool(SEPARATE.search(trigger.sent.text))
        antecedent = None if separate else self._antecedent(trigger, frame, earlier)
        if antecedent is None and not separate:
            # a toll or an arrest reported in the body is more of the body's incident, not the headline's
            body = [f for f in earlier if not f.headline]
            antecedent = self._part_of(trigger, frame, body, spans)
        if antecedent is None:
            drafted[i] = frame
        else:
            _attach(antecedent, frame, _placed_by_trigger(trigger, frame, spans))

    def _two_sided(self, frame: Frame) -> bool:
        known = self.codebook.event_type(frame.fields["event_type"])
        return known is not None and known.two_sided

    def _weapon_frame(self, frame: Frame) -> bool:
        weapon_type = self.codebook.weapon_event_type
        return weapon_type is not None and frame.fields["event_type"] == weapon_type.name

    def _violent(self, frame: Frame) -> bool:
        known = self.codebook.event_type(frame.fields["event_type"])
        return known is not None and (known.two_sided or known.targets_civilians or known.weapon_sub_events)

    def _antecedent(self, trigger: Span, frame: Frame, earlier: list[Frame]) -> Frame | None:
        """The earlier frame a definite mention ("the attack", "these clashes", "claimed
        responsibility for the blast") refers to: the latest of the same type (or any violent
        one for a generic word such as "attack"), unless the mention names another place or day."""
        if not earlier or not _anaphoric(trigger):
            return None
        generic = trigger.root.lower_ in GENERIC_ANAPHORS
        for candidate in reversed(earlier):
            same_type = candidate.fields["event_type"] == frame.fields["event_type"]
            if (
                same_type or (generic and self._violent(candidate) and self._violent(frame))
            ) and not _elsewhere(candidate, frame, dated=not CLAIM.search(trigger.sent.text)):
                return candidate
        return None

    def _part_of(
        self, trigger: Span, frame: Frame, earlier: list[Frame], spans: list[Candidate]
    ) -> Frame | None:
        """The earlier frame a sentence reports more of: the toll of the latest violent
        incident ("30 were killed"), arrests or damage after a demonstration ("50 people were
        arrested"), more of the incident in the place named before ("fighting in the city")."""
        cue = frame.cue
        # "were killed", or "troops returned fire and killed three of the attackers": the toll
        toll = cue is not None and cue.toll and (_toll_form(trigger) or _return_fire(trigger))
        joins = cue is not None and cue.joins_demonstration
        follow_up = joins and bool(FOLLOW_UP.search(trigger.sent.text))
        if toll or follow_up or ((self._violent(frame) or joins) and _known_attackers(trigger)):
            pool = [f for f in earlier if self._violent(f)]
        elif joins:
            pool = [f for f in earlier if f.cue is not None and f.cue.demonstration]
        elif self._weapon_frame(frame) and GUNFIRE.search(trigger.sent.text):
            # "set off a bomb before opening fire on the convoy": the ambush's opening blast
            pool = [f for f in earlier if self._two_sided(f)]
        elif self._violent(frame) and CROWD_CONTROL.search(trigger.sent.text):
            # "police fired tear gas and the clashes spread": the demonstration's violence
            pool = [f for f in earlier if f.cue is not None and f.cue.demonstration]
        elif self._violent(frame) and _home_raid(trigger, spans):
            pool = [f for f in earlier if f.cue is not None and f.cue.raid_outcome]
        elif _there(trigger.sent, frame) and self._violent(frame):
            pool = [f for f in earlier if f.fields["event_type"] == frame.fields["event_type"]]
        else:
            return None
        if toll:
            # "nine soldiers were killed and the troops withdrew towards X": X is not the toll's
            # place; "… and bodies lay in the streets on Tuesday": nor is Tuesday its day
            own = {"event_date"} if _placed_by_trigger(trigger, frame, spans, "date") else set()
            own |= set(PLACE_FIELDS) if _placed_by_trigger(trigger, frame, spans) else set()
            frame = Frame(
                {k: v for k, v in frame.fields.items() if k in own or k not in {*PLACE_FIELDS, "event_date"}}
            )
        return next((f for f in reversed(pool) if not _elsewhere(f, frame)), None)

    def _claims(self, sentences: list[Span], drafted: dict[int, Frame], spans: list[Candidate]) -> None:
        """'X claimed responsibility' makes X actor1 of the latest violent frame at or before it."""
        for i, sentence in enumerate(sentences):
            claim = CLAIM.search(sentence.text)
            if claim is None:
                continue
            claimant = _claimant(sentence, sentence.start_char + claim.start(), spans)
            target = next(
                (drafted[k] for k in sorted(drafted, reverse=True) if k <= i and self._violent(drafted[k])),
                None,
            )
            if claimant is None or target is None:
                continue
            if target.fields.get("actor2") == _actor_name(spans[claimant]):
                for key in ("actor2", "inter2"):
                    target.fields.pop(key, None)
                target.roles.pop("actor2", None)
            target.fields.pop("inter1", None)
            target.roles.pop("actor1", None)
            _set_actor(target, "actor1", "inter1", claimant, spans, "claimed responsibility")

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
        frame.cue = cue
        frame.reasons["event_type"] = f"cue '{trigger.text}' ({cue.id})"
        here = _within(spans, sentence)
        before = _within(spans, previous) if previous is not None else []
        self._actors(frame, trigger, here, spans)
        if _subject_is_target(trigger):
            swapped = _swapped(frame)
            frame.fields, frame.roles, frame.reasons = swapped.fields, swapped.roles, swapped.reasons
        _location(frame, here or before, here, spans)
        self._victims(frame, trigger)
        who = DEMONSTRATORS if cue.demonstration else PARTICIPANTS
        participant = next((t for t in sentence if t.lower_ in who), None)
        known = self.codebook.event_type(frame.fields["event_type"])
        if participant is not None and not frame.fields.get("actor1") and not (known and known.two_sided):
            frame.reasons["participant"] = f"'{participant.text}' take part (no ACTOR span)"
        party = next((spans[i] for i in here if spans[i].label in cue.participants), None)
        if party is not None and "participant" not in frame.reasons and not frame.fields.get("actor1"):
            frame.reasons["participant"] = f"'{party.text}' ({party.label}) take part (no ACTOR span)"
        if party is not None:
            self._counted_victims(frame, cue, trigger, party)
        self._refine_type(frame, cue, trigger, here, spans)
        if cue.crowd_event and not any(spans[i].label == "ACTOR" for i in here) and _crowd_parties(sentence):
            frame.fields["event_type"], frame.fields["sub_event_type"] = cue.crowd_event
            frame.reasons["event_type"] += "; the parties are residents, not armed groups"
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
            counted = _counted(here, spans)  # 'killed two soldiers ... in an ambush': the victims
            free = [i for i in earlier if i not in counted]
            first = free[-1] if free else None
            victims = [i for i in earlier if i in counted]
            second = later[0] if later else (victims[-1] if victims else None)
            why = "nearest ACTOR before the trigger that no casualty count holds"
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

    def _counted_victims(self, frame: Frame, cue: Cue, trigger: Span, party: Candidate) -> None:
        """A one-sided attack ("raided cattle camps, killing dozens of people") whose only party
        named is the civilians it counted: they are its target."""
        civilians = self.codebook.civilians
        words = party.text.lower().split()
        if (
            civilians is None
            or party.label != "CASUALTY"
            or frame.fields.get("actor2")
            or not cue.civilian_target_event
            or trigger.root.lower_ in TWO_SIDED
            or not words
            or words[-1] not in CIVILIAN_NOUNS
        ):
            return
        country = frame.fields.get("country")
        frame.fields["actor2"] = f"Civilians ({country})" if country else "Civilians"
        frame.fields["inter2"] = civilians
        frame.reasons["actor2"] = f"the victims counted, '{party.text}', are civilians"

    def _victims(self, frame: Frame, trigger: Span) -> None:
        """Civilians named by a common noun ("villagers", "worshippers") as the target of the
        trigger become actor2 (ACLED: the target of violence against civilians)."""
        civilians = self.codebook.civilians
        if civilians is None or frame.fields.get("actor2"):
            return
        victim = _victim(trigger)
        if victim is None:
            return
        country = frame.fields.get("country")
        name = f"Civilians ({country})" if country else "Civilians"
        if frame.fields.get("actor1") == name:
            return  # the civilians named are the ones acting ("villagers attacked …"), not a target
        frame.fields["actor2"] = name
        frame.fields["inter2"] = civilians
        frame.reasons["actor2"] = f"target '{victim.text}' is civilians"

    def _refine_type(
        self, frame: Frame, cue: Cue, trigger: Span, here: list[int], spans: list[Candidate]
    ) -> None:
        fields, book = frame.fields, self.codebook
        state_actor = book.state_forces is not None and fields.get("inter1") == book.state_forces
        civilian_target = book.civilians is not None and fields.get("inter2") == book.civilians
        if cue.state_actor_sub_event_type and state_actor:
            fields["sub_event_type"] = cue.state_actor_sub_event_type
            frame.reasons["sub_event_type"] = "actor1 is a state force"
        if cue.civilian_target_event and civilian_target:
            fields["event_type"], fields["sub_event_type"] = cue.civilian_target_event
            frame.reasons["event_type"] += "; actor2 is civilians"
        off_duty = OFF_DUTY.search(trigger.sent.text) is not None
        if cue.civilian_target_event and off_duty and not civilian_target:
            fields["event_type"], fields["sub_event_type"] = cue.civilian_target_event
            frame.reasons["event_type"] += "; the target was off duty (ACLED: violence against civilians)"
            return
        forces_hit = not fields.get("actor2") and _forces_counted(here, spans)
        if (
            cue.state_target_event
            and not off_duty
            and book.state_forces is not None
            and (fields.get("inter2") == book.state_forces or forces_hit)
        ):
            fields["event_type"], fields["sub_event_type"] = cue.state_target_event
            frame.reasons["event_type"] += "; actor2 is a state force"
        if cue.violent_event and _violent_demonstrators(trigger):
            fields["event_type"], fields["sub_event_type"] = cue.violent_event
            frame.reasons["event_type"] += "; the demonstrators did violence"
        if cue.unopposed_event and _unopposed(trigger, here, spans):
            fields["event_type"], fields["sub_event_type"] = cue.unopposed_event
            frame.reasons["event_type"] += "; the other side withdrew without a fight"
            return
        if cue.found_event and _found(trigger):
            fields["event_type"], fields["sub_event_type"] = cue.found_event
            frame.reasons["event_type"] += f"; {FOUND_REASON}"
            return
        weapons = [spans[i] for i in here if spans[i].label == "WEAPON"]
        sub = next(
            (w.normalized.get("sub_event_type") for w in weapons if w.normalized.get("sub_event_type")),
            None,
        )
        weapon_type = book.weapon_event_type
        two_sided = trigger.root.lower_ in TWO_SIDED  # fighting with grenades is still a battle
        if (
            cue.weapon_refines
            and sub
            and not two_sided
            and weapon_type is not None
            and weapon_type.sub_event(sub)
        ):
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


def _actor_name(span: Candidate) -> str:
    value = span.normalized
    return value.get("acled_name") or value.get("name") or span.text


def _set_actor(
    frame: Frame, role: str, inter_field: str, index: int, spans: list[Candidate], why: str
) -> None:
    span = spans[index]
    value = span.normalized
    name = _actor_name(span)
    other = frame.fields.get("actor1" if role == "actor2" else "actor2")
    if name == other:
        return  # one actor named twice ("X attack … X") is not both sides of the incident
    frame.fields[role] = name
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
    if len(ordered) < 2:
        return False
    text = doc_text(doc)  # joined from the tokens on every access: once, not once per pair
    pairs = itertools.pairwise(ordered)
    return any(RIVAL_REPORTS.search(text[spans[a].end : spans[b].start]) for a, b in pairs)


#: Words that open a separate incident: nothing in their sentence belongs to an earlier frame.
SEPARATE = re.compile(
    r"\b(?:separately|in a separate|separate (?:incident|attack)|elsewhere)\b", re.IGNORECASE
)


#: Agents of an incident named before: "the attackers set off a car bomb" is more of it.
ATTACKER_NOUNS = frozenset(
    {"attackers", "assailants", "gunmen", "militants", "insurgents", "fighters", "raiders", "jihadists"}
)


def _known_attackers(trigger: Span) -> bool:
    """The subject of the trigger is a definite plural of attackers ("the gunmen", "the
    militants ... opened fire"): the incident's own agents, reported before."""
    doc = trigger.doc
    if doc.has_annotation("DEP"):
        verb = trigger.root
        while verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    else:
        first = trigger.sent.start
        subject = doc[first + 1] if first + 1 < trigger.start else None
    return (
        subject is not None
        and subject.lower_ in ATTACKER_NOUNS
        and subject.i > 0
        and doc[subject.i - 1].lower_ in {"the", "these", "those"}
    )


#: An arrest over the incident reported ("arrested on suspicion of murder") follows it up.
FOLLOW_UP = re.compile(
    r"\b(?:on suspicion of|in connection with|suspected of (?:carrying out|involvement in) the|"
    r"over the (?:attack|killing|stabbing|shooting|bombing|murder))\b",
    re.IGNORECASE,
)
#: Objects of "seized" or "captured" that are goods, not territory.
SEIZED_GOODS = frozenset(
    {
        "rifles",
        "weapons",
        "arms",
        "guns",
        "ammunition",
        "explosives",
        "grenades",
        "drugs",
        "cocaine",
        "heroin",
        "cash",
        "vehicles",
        "documents",
        "phones",
    }
)


def _goods_taken(trigger: Span) -> bool:
    """'seized rifles and ammunition': a seizure of goods, no territory taken."""
    doc = trigger.doc
    if doc.has_annotation("DEP"):
        return any(c.dep_ in OBJECTS and c.lower_ in SEIZED_GOODS for c in trigger.root.children)
    return any(t.lower_ in SEIZED_GOODS for t in doc[trigger.end : min(trigger.sent.end, trigger.end + 4)])


def _toll_form(trigger: Span) -> bool:
    """'were killed', 'were believed killed', '…, killing 15': a count of the dead, not an act."""
    doc, sentence = trigger.doc, trigger.sent
    before = doc[max(sentence.start, trigger.start - 3) : trigger.start]
    if any(t.lower_ in PASSIVE_AUXILIARIES for t in before):
        return True
    if not trigger[0].lower_.endswith("ing") or trigger.start <= sentence.start:
        return False
    return doc[trigger.start - 1].text == "," or (doc.has_annotation("DEP") and trigger.root.dep_ == "advcl")


#: Violent acts of demonstrators (ACLED: a violent demonstration, coded as a riot).
VIOLENT_ACTS = frozenset(
    {
        "stones",
        "rocks",
        "bricks",
        "bottles",
        "molotov",
        "firebombs",
        "smashed",
        "smashing",
        "torched",
        "burned",
        "burnt",
        "burning",
        "looted",
        "looting",
        "vandalised",
        "vandalized",
        "barricades",
        "ransacked",
        "pelted",
        "hurled",
        "ablaze",
        "clashed",
        "fire",
    }
)


def _violent_demonstrators(trigger: Span) -> bool:
    """The sentence says the demonstrators did violence ("threw stones", "burned tyres",
    "smashed windows", "set fire to"); a fire by the police ("opened fire", "fired tear gas")
    is not theirs."""
    words = [t.lower_ for t in trigger.sent]
    acts = {w for w in words if w in VIOLENT_ACTS}
    if "fire" in acts and not any(
        a in {"set", "sets", "setting"} for a, b in itertools.pairwise(words) if b == "fire"
    ):
        acts.discard("fire")
    return bool(acts)


def _irrealis(trigger: Span) -> bool:
    doc = trigger.doc
    window = doc[max(trigger.sent.start, trigger.start - IRREALIS_WINDOW) : trigger.start]
    return any(t.lower_ in IRREALIS for t in window)


def _aggregate(trigger: Span) -> bool:
    """Plural territory taken or lost ("seized eight districts", "many districts fell")."""
    doc = trigger.doc
    window = doc[trigger.end : min(trigger.sent.end, trigger.end + AGGREGATE_WINDOW)]
    subject = doc[max(trigger.sent.start, trigger.start - 2) : trigger.start]
    return any(t.lower_ in AGGREGATE_OBJECTS for t in window) or (
        trigger[0].lower_ in {"fell", "fallen", "fall", "falls"}
        and any(t.lower_ in AGGREGATE_OBJECTS for t in subject)
    )


#: Words after which a base-form verb still reports an incident ("began to shell").
ONSET = frozenset(
    {"began", "begin", "begins", "started", "start", "starts", "continued", "continue", "continues"}
)


def _infinitive(trigger: Span) -> bool:
    """'to fight', 'to recapture': an aim, not an incident (unless 'began to …')."""
    doc = trigger.doc
    if trigger.start < 1 or doc[trigger.start - 1].lower_ != "to":
        return False
    first = trigger[0]
    base = first.tag_ == "VB" if doc.has_annotation("TAG") else not first.lower_.endswith(("s", "ed", "ing"))
    return base and not (trigger.start >= 2 and doc[trigger.start - 2].lower_ in ONSET)


#: Verbs before "to protest" that call for or plan a protest rather than stage one.
CALLS = frozenset({"called", "urged", "asked", "planned", "plan", "vowed", "threatened", "invited"})


def _protesting_act(trigger: Span) -> bool:
    """'blocked a road to protest', 'gathered to protest': a past act done in protest."""
    doc = trigger.doc
    if not (doc.has_annotation("DEP") and doc.has_annotation("TAG")):
        return False
    head = trigger.root.head
    return head is not trigger.root and head.tag_ == "VBD" and head.lower_ not in CALLS


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
    agree = all(
        a.fields.get(key) is None or b.fields.get(key) is None or a.fields[key] == b.fields[key]
        for key in ("location", "event_date", "actor1")
    )
    # separate places or days stay apart: a twin shares a known place or day
    shared = any(
        a.fields.get(key) is not None and a.fields.get(key) == b.fields.get(key)
        for key in ("location", "event_date")
    )
    return agree and shared


def _has_participant(frame: Frame, codebook: Codebook) -> bool:
    """A cue with no actor and no weapon in its sentence is commentary, not an incident; a
    frame of the codebook's weapon type (an explosion) is an incident by itself."""
    weapon_type = codebook.weapon_event_type
    return bool(
        frame.roles.get("actor1")
        or frame.roles.get("actor2")
        or frame.fields.get("actor2")  # civilians named by a common noun ("villagers")
        or "participant" in frame.reasons
        or "weapon" in frame.reasons.get("sub_event_type", "")
        or FOUND_REASON in frame.reasons.get("event_type", "")
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


# --- what makes a cue no report of a new incident ---------------------------------------------

#: What a cue with `needs` requires in its sentence ("set off" a bomb; "dispersed" protesters).
NEEDS = {
    "explosive": frozenset(
        [
            "bomb",
            "bombs",
            "explosive",
            "explosives",
            "device",
            "devices",
            "ied",
            "ieds",
            "vest",
            "vests",
            "grenade",
            "grenades",
            "mine",
            "mines",
            "landmine",
            "landmines",
            "charge",
            "charges",
            "dynamite",
        ]
    ),
    "place": frozenset(),
    "aircraft": frozenset(
        [
            "drone",
            "drones",
            "warplane",
            "warplanes",
            "jet",
            "jets",
            "aircraft",
            "helicopter",
            "helicopters",
            "plane",
            "planes",
            "gunship",
            "gunships",
            "bomber",
            "bombers",
        ]
    ),
    "protest": frozenset(
        [
            "protest",
            "protests",
            "protesters",
            "protestors",
            "demonstrators",
            "demonstration",
            "demonstrations",
            "crowd",
            "crowds",
            "rally",
            "rallies",
            "marchers",
            "sit-in",
        ]
    ),
}
#: Words whose scope makes the incident denied or only planned or feared: "denied reports that
#: the city fell", "positioning themselves for offensives", "vowed to attack".
OUT_OF_SCOPE = frozenset(
    {
        "denied",
        "denies",
        "deny",
        "denying",
        "rejected",
        "refuted",
        "dismissed",
        "positioning",
        "preparing",
        "prepare",
        "prepares",
        "poised",
        "planning",
        "plan",
        "plans",
        "planned",
        "threatened",
        "threatening",
        "threatens",
        "threaten",
        "vowed",
        "vows",
        "warned",
        "warns",
        "encourage",
        "encouraged",
        "urged",
    }
)
OUT_OF_SCOPE_WINDOW = 8
#: "a surge of attacks", "a wave of bombings": many incidents, none of them.
AGGREGATE_NOUNS = frozenset(
    {"surge", "wave", "spate", "series", "string", "rise", "increase", "escalation", "upsurge", "uptick"}
)
#: Verbs of a trend: "clashes have increased" sums up many incidents.
TREND_VERBS = frozenset(
    {
        "increased",
        "intensified",
        "escalated",
        "risen",
        "rose",
        "grown",
        "grew",
        "surged",
        "spiked",
        "doubled",
        "mounted",
        "declined",
        "decreased",
        "dropped",
        "fallen",
        "continued",
    }
)
#: "in 26 of the country's 34 provinces": a tally over many places.
TALLY = re.compile(r"\b\d+ of (?:the |its |their |the country['’]s |\w+['’]s )?\d+\b")
#: A plural cue over a stretch of time is a summary: "attacks in recent days".
STRETCH = re.compile(
    r"\b(?:in recent (?:days|weeks|months|years)|over the (?:past|last) (?:\w+ )?(?:weeks|months|years)"
    r"|this (?:year|month)|so far this|since)\b",
    re.IGNORECASE,
)


def _reports_incident(trigger: Span, cue: Cue, spans: list[Candidate]) -> bool:
    """False for a cue that names no incident of its own: irrealis, denied, an aggregate,
    a purpose ("an operation to recapture"), a named past event ("the 2008 attacks"), or a
    cue whose needs its sentence does not name. "Blocked a road to protest" is a protest."""
    protesting = cue.demonstration and _protesting_act(trigger)
    if (
        _irrealis(trigger)
        or ("territory" in cue.sub_event_type.lower() and (_aggregate(trigger) or _goods_taken(trigger)))
        or _denied_or_planned(trigger)
        or (_infinitive(trigger) and not protesting)
        or _habitual(trigger)
    ):
        return False
    if (
        (_purpose(trigger) and not protesting)
        or _named_past(trigger, spans)
        or _names_a_thing(trigger)
        or _incendiary(trigger)
        or _motion(trigger)
        or (cue.demonstration and (_called_for(trigger) or _counted_noun(trigger, spans)))
        or _lapsed(trigger)
        or _generic_plural(trigger, spans)
    ):
        return False
    if cue.needs == "place":
        return any(
            s.label == "LOCATION" and s.normalized.get("admin1") for s in _sentence_spans(spans, trigger.sent)
        )
    if cue.needs is not None:
        return any(t.lower_ in NEEDS[cue.needs] for t in trigger.sent) or (
            cue.needs == "explosive"
            and any(s.label == "WEAPON" for s in _sentence_spans(spans, trigger.sent))
        )
    return True


def _counted_noun(trigger: Span, spans: list[Candidate]) -> bool:
    """'14 protesters were arrested': the demonstrators counted as detained are the arrest's,
    no demonstration of their own."""
    return any(
        s.label == "CASUALTY"
        and s.normalized.get("outcome") == "detained"
        and s.start <= trigger.start_char
        and trigger.end_char <= s.end
        for s in spans
    )


def _generic_plural(trigger: Span, spans: list[Candidate]) -> bool:
    """A bare plural noun ("attacks against civilians", "airstrikes were used") in a sentence
    with no date, place or count of its own names a kind of incident, not one."""
    doc = trigger.doc
    last = trigger[-1]
    if not last.lower_.endswith("s") or last.lower_.endswith("ss"):
        return False
    if doc.has_annotation("TAG"):
        if last.tag_ not in {"NNS", "NNPS"} or any(
            c.dep_ in {"det", "nummod", "poss"} for c in trigger.root.children
        ):
            return False
        if trigger.root.dep_ in SUBJECTS and trigger.root.head.tag_ == "VBD":
            return False  # "protesters threw stones": what some did, not a kind of incident
    elif trigger.start > trigger.sent.start and (
        doc[trigger.start - 1].lower_ in ARTICLES | DEFINITE or doc[trigger.start - 1].like_num
    ):
        return False
    anchored = {"DATE", "LOCATION", "CASUALTY"}
    return not any(s.label in anchored for s in _sentence_spans(spans, trigger.sent))


#: Nouns a weapon word describes without any attack: "a grenade launcher", "bomb squad".
WEAPON_HOLDERS = frozenset(
    {
        "launcher",
        "launchers",
        "site",
        "sites",
        "squad",
        "squads",
        "factory",
        "factories",
        "maker",
        "makers",
        "cache",
        "caches",
        "disposal",
        "expert",
        "experts",
        "technician",
        "technicians",
        "shelter",
        "shelters",
        "propelled",
        "components",
        "parts",
        "casing",
        "casings",
        "case",
        "cases",
        "company",
        "companies",
    }
)
#: What an agreement does when it stops: "a ceasefire expired" is no new agreement.
LAPSED = frozenset({"expired", "expires", "lapsed", "lapses", "collapsed", "collapses", "ended", "ends"})
#: What is done to a weapon that does not go off: ACLED's disrupted weapons use.
FOUND = frozenset(
    {"found", "discovered", "defused", "recovered", "seized", "uncovered", "dismantled", "intercepted"}
)


FOUND_REASON = "the weapon was found, it did not go off"


def _next_word(trigger: Span) -> Token | None:
    """The word after the trigger, over a hyphen ("rocket-propelled")."""
    doc, end = trigger.doc, trigger.end
    if end < trigger.sent.end and doc[end].text in {"-", "–"}:
        end += 1
    return doc[end] if end < trigger.sent.end else None


def _names_a_thing(trigger: Span) -> bool:
    """A weapon word describing another noun ("grenade launcher", "rocket-propelled")."""
    after = _next_word(trigger)
    return after is not None and after.lower_ in WEAPON_HOLDERS


def _lapsed(trigger: Span) -> bool:
    """'the ceasefire (between the two sides) expired': the agreement ends, none is made."""
    doc = trigger.doc
    if doc.has_annotation("DEP"):
        return trigger.root.dep_ in SUBJECTS and trigger.root.head.lower_ in LAPSED
    window = doc[trigger.end : min(trigger.sent.end, trigger.end + VICTIM_WINDOW)]
    return any(t.lower_ in LAPSED for t in window)


def _found(trigger: Span) -> bool:
    """'a pipe bomb was found', 'police defused a device': the weapon did not go off."""
    doc = trigger.doc
    if doc.has_annotation("DEP"):
        head = trigger.root.head
        return head.lower_ in FOUND and trigger.root.dep_ in PASSIVE_SUBJECTS | OBJECTS
    near = doc[max(trigger.sent.start, trigger.start - 3) : min(trigger.sent.end, trigger.end + 3)]
    return any(t.lower_ in FOUND for t in near)


def _sentence_spans(spans: list[Candidate], sentence: Span) -> list[Candidate]:
    return [spans[i] for i in _within(spans, sentence)]


def _denied_or_planned(trigger: Span) -> bool:
    doc = trigger.doc
    if doc.has_annotation("DEP"):
        return any(t.lower_ in OUT_OF_SCOPE for t in trigger.root.ancestors)
    window = doc[max(trigger.sent.start, trigger.start - OUT_OF_SCOPE_WINDOW) : trigger.start]
    return any(t.lower_ in OUT_OF_SCOPE for t in window)


def _counted(here: list[int], spans: list[Candidate]) -> set[int]:
    """ACTOR spans of the sentence inside a casualty count: the people the count is of."""
    counts = [spans[i] for i in here if spans[i].label == "CASUALTY"]
    return {
        i
        for i in here
        if spans[i].label == "ACTOR"
        and any(c.start <= spans[i].start and spans[i].end <= c.end for c in counts)
    }


def _outranks(new: tuple[Cue, Span], held: tuple[Cue, Span], spans: list[Candidate]) -> bool:
    """Which cue of a sentence drafts its frame: a two-sided fight before a weapon named in
    it ('militias clashed with rifles and grenades' is a battle), else the most confident
    cue, then the longest."""
    aside_new, aside_held = _in_adjunct(new[1]), _in_adjunct(held[1])
    main, aside = (held[1], new[1]) if aside_new else (new[1], held[1])
    if aside_new != aside_held and main.start < aside.start:
        return aside_held  # "detained 340 people after a second night of protests": the arrests
    fight_new, fight_held = (pair[1].root.lower_ in TWO_SIDED for pair in (new, held))
    if fight_new != fight_held and _is_weapon(held[1] if fight_new else new[1], spans):
        return fight_new
    return (new[0].confidence, len(new[1])) > (held[0].confidence, len(held[1]))


def _is_weapon(trigger: Span, spans: list[Candidate]) -> bool:
    return any(s.label == "WEAPON" and s.start <= trigger.start_char < s.end for s in spans)


def _summary(trigger: Span) -> bool:
    doc = trigger.doc
    before = [t.lower_ for t in doc[max(trigger.sent.start, trigger.start - 3) : trigger.start]]
    if len(before) >= 2 and before[-1] in {"of", "in"} and any(w in AGGREGATE_NOUNS for w in before[:-1]):
        return True
    sentence = trigger.sent.text
    plural = trigger[-1].lower_.endswith("s")
    trend = (
        doc.has_annotation("DEP")
        and trigger.root.dep_ in SUBJECTS
        and trigger.root.head.lower_ in TREND_VERBS
    )
    return bool(TALLY.search(sentence)) or (plural and (bool(STRETCH.search(sentence)) or trend))


def _purpose(trigger: Span) -> bool:
    """'launched an operation to recapture the town': a plan, not yet an incident."""
    root, doc = trigger.root, trigger.doc
    if trigger.end + 1 < trigger.sent.end and doc[trigger.end].lower_ == "to":
        after = doc[trigger.end + 1]
        if doc.has_annotation("TAG"):
            if after.tag_ == "VB" and root.pos_ == "NOUN":
                return True
        elif (
            after.is_lower and after.lower_ not in ARTICLES and not after.lower_.endswith(("s", "ed", "ing"))
        ):
            return not trigger[0].lower_.endswith(("ed", "ing"))
    if not doc.has_annotation("DEP"):
        return False
    infinitive = [root] if root.dep_ in {"acl", "advcl"} else []
    infinitive += [c for c in root.children if c.dep_ == "acl"]
    return any(any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children) for verb in infinitive)


ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"})


def _named_past(trigger: Span, spans: list[Candidate]) -> bool:
    """'the September 11 attacks', 'the 2008 bombings': a date naming the event itself."""
    doc = trigger.doc
    if trigger.start == 0:
        return False
    before = doc[trigger.start - 1]
    if YEAR.fullmatch(before.text):
        return True
    return any(s.label == "DATE" and s.token_end == trigger.start for s in spans)


def _repeated(sentences: list[Span]) -> set[int]:
    """Indices of sentences that repeat an earlier one word for word (a headline or lead
    printed twice)."""
    seen: set[str] = set()
    repeated = set()
    for i, sentence in enumerate(sentences):
        words = _words(sentence)
        if words and words in seen:
            repeated.add(i)
        seen.add(words)
    return repeated


def _words(sentence: Span) -> str:
    return " ".join(t.lower_ for t in sentence if t.is_alpha)


#: Verbs of reporting: "police said they had detained …" is the news told in reported speech.
REPORTING = frozenset(
    {"said", "says", "told", "announced", "reported", "confirmed", "stated", "added", "claimed", "declared"}
)


#: Who reports its own action in reported speech: "the army said it had detained …".
SELF_REPORT = frozenset({"it", "they", "we", "he", "she"})


def _past_perfect(trigger: Span) -> bool:
    """'had stormed': background, unless the reporter tells its own action ("police said they
    had detained …"): the news in reported speech."""
    doc = trigger.doc
    if doc.has_annotation("DEP"):
        root = trigger.root
        had = any(c.dep_ in {"aux", "auxpass"} and c.lower_ in {"had", "'d"} for c in root.children)
        # "returning from an operation in which five had been killed": its clause tells when
        had |= any(c.dep_ == "relcl" and any(g.lower_ == "had" for g in c.children) for c in root.children)
        own = any(c.dep_ in SUBJECTS and c.lower_ in SELF_REPORT for c in root.children)
        return had and not (own and any(a.lower_ in REPORTING for a in root.ancestors))
    before = [t.lower_ for t in doc[max(trigger.sent.start, trigger.start - 4) : trigger.start]]
    own = len(before) >= 2 and before[-2] in SELF_REPORT
    return bool(before) and before[-1] == "had" and not (own and REPORTING & set(before))


# --- background, link, table and headline lines -------------------------------------------------

HEADLINE, LINK, TABLE, BODY = "headline", "link", "table", "body"
SKIPPED_LINES = frozenset({LINK, TABLE})
LINK_LINE = re.compile(
    r"\s*(?:see also|related(?: articles| stories| news| coverage)?|read more|read also|also read|"
    r"more on this|further reading|recommended)\b\s*[:\-–—]?",
    re.IGNORECASE,
)
HEADLINE_WORDS = 16
SENTENCE_END = (".", "!", "?", '"', "”", "'", "’", ")", ":", ";")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
YEAR = re.compile(r"(?:19|20)\d{2}")
#: A year in running text, not after "since" ("the worst since 2015" is about now).
YEAR_IN_TEXT = re.compile(r"(?<!since )(?<!\d)((?:19|20)\d{2})(?![\d:])", re.IGNORECASE)
BACKGROUND_DAYS = 90
#: A running total over years ("the conflict has killed more than 6,000 people since 2017"):
#: a perfect tense with "since" a year, which no single incident is.
RUNNING_TOTAL = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+){0,2}?\w+(?:ed|en|ft|wn)\b.*\bsince\s+(?:19|20)\d{2}\b", re.IGNORECASE
)
#: Words of a two-sided fight: the weapons named in it do not make it remote violence.
TWO_SIDED = frozenset(
    {
        "fighting",
        "fight",
        "fights",
        "fought",
        "clash",
        "clashes",
        "clashed",
        "battle",
        "battles",
        "exchange",
        "exchanged",
        "firefight",
        "firefights",
        "gunfight",
        "gunfights",
    }
)
#: ACLED codes an attack on off-duty police or soldiers as violence against civilians.
OFF_DUTY = re.compile(r"\boff[- ]duty\b", re.IGNORECASE)


def line_kind(text: str, offset: int) -> str:
    """What the line holding `offset` is: a link line ("See also: …"), a table row (tabs,
    pipes or mostly numbers), a headline (short, no closing punctuation, other lines exist)
    or body text."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end >= 0 else len(text)]
    words = line.split()
    if LINK_LINE.match(line):
        return LINK
    numbers = len(NUMBER.findall(line))
    if line.count("\t") >= 2 or line.count("|") >= 2 or (numbers >= 4 and numbers * 3 >= len(words)):
        return TABLE
    single_line = "\n" not in text.strip()
    if not single_line and len(words) <= HEADLINE_WORDS and not line.rstrip().endswith(SENTENCE_END):
        return HEADLINE
    return BODY


def _background(sentence: Span, here: list[int], spans: list[Candidate], latest: date | None) -> bool:
    """A sentence about earlier years ("In 2019, a similar attack killed …"): it names a year
    before publication (not after 'since'), or a date over BACKGROUND_DAYS earlier, and no
    recent date."""
    if latest is None:
        return False
    recent = old = False
    for span in (spans[i] for i in here if spans[i].label == "DATE"):
        iso = span.normalized.get("iso")
        if iso:
            days = (latest - date.fromisoformat(iso[:10])).days
            recent |= days <= BACKGROUND_DAYS
            old |= days > BACKGROUND_DAYS
    for year in YEAR_IN_TEXT.finditer(sentence.text):
        old |= int(year.group(1)) < latest.year
    return (old and not recent) or (RUNNING_TOTAL.search(sentence.text) is not None and not recent)


# --- anaphors, claims and victims ----------------------------------------------------------------

DEFINITE = frozenset({"the", "this", "these", "that", "those", "such", "today's", "monday's"})
#: Anaphors that may refer to an incident of any violent type ("the attack" after a bombing).
GENERIC_ANAPHORS = frozenset({"attack", "attacks", "assault", "incident", "violence", "operation"})
CLAIM = re.compile(
    r"\b(?:claim(?:ed|s|ing)?|took|taken|takes|accepted|accepts)\s+(?:the\s+)?(?:responsibility|credit)\b",
    re.IGNORECASE,
)
#: Common nouns for civilians as a target (ACLED inter 7).
CIVILIAN_NOUNS = frozenset(
    [
        "civilian",
        "civilians",
        "villager",
        "villagers",
        "worshipper",
        "worshippers",
        "worshiper",
        "worshipers",
        "student",
        "students",
        "passenger",
        "passengers",
        "resident",
        "residents",
        "farmer",
        "farmers",
        "shopper",
        "shoppers",
        "pilgrim",
        "pilgrims",
        "teacher",
        "teachers",
        "child",
        "children",
        "woman",
        "women",
        "man",
        "men",
        "people",
        "family",
        "families",
        "herder",
        "herders",
        "fisherman",
        "fishermen",
        "trader",
        "traders",
        "motorist",
        "motorists",
        "commuter",
        "commuters",
        "journalist",
        "journalists",
        "worker",
        "workers",
        "mourners",
        "guests",
        "patients",
        "refugees",
    ]
)
VICTIM_WINDOW = 6
#: Common nouns for those who take part in an incident: enough to draft a frame whose actor
#: the annotator names (the ACTOR suggestions come from the candidates, not from here).
PARTICIPANTS = frozenset(
    [
        "teachers",
        "students",
        "workers",
        "protesters",
        "protestors",
        "demonstrators",
        "rioters",
        "mob",
        "thousands",
        "hundreds",
        "crowd",
        "crowds",
        "activists",
        "sides",
        "riders",
        "motorcyclists",
        "motorists",
        "truckers",
    ]
)
#: Anyone may demonstrate: people named by a common noun take part in a protest.
DEMONSTRATORS = PARTICIPANTS | frozenset(
    ["residents", "youths", "supporters", "villagers", "people", "farmers", "traders", "drivers", "women"]
)
#: "the first attack on …", "the latest bombing": a new incident, not a mention of one.
NEW_MENTION = frozenset(
    {
        "first",
        "second",
        "third",
        "latest",
        "last",
        "deadliest",
        "worst",
        "biggest",
        "largest",
        "new",
        "another",
        "fresh",
        "recent",
        "previous",
        "earlier",
    }
)


def _anaphoric(trigger: Span) -> bool:
    """A definite noun mention of an incident: 'the attack', 'these intense clashes'."""
    doc = trigger.doc
    root = trigger.root
    if doc.has_annotation("DEP") and doc.has_annotation("TAG"):
        if root.pos_ not in {"NOUN", "PROPN"}:
            return False
        if any(c.lower_ in NEW_MENTION for c in root.children):
            return False
        return any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in root.children)
    before = list(doc[max(trigger.sent.start, trigger.start - 2) : trigger.start])
    if any(t.lower_ in NEW_MENTION for t in before):
        return False
    if before and before[-1].lower_ in DEFINITE - {"that"}:
        return True  # "the fighting", "the killing": a noun after an article, whatever its ending
    if trigger[-1].lower_.endswith(("ed", "ing")):
        return False
    return (
        len(before) == 2
        and before[0].lower_ in DEFINITE
        and before[1].is_lower
        and not before[1].lower_.endswith("s")
    )


#: Words that make a sentence about what keeps happening, not about one incident ("spoke of a
#: tactical retreat whenever insurgents gain ground", "militants routinely attack convoys").
HABITUAL = re.compile(
    r"\b(?:whenever|each time|every time|routinely|regularly|frequently|usually|typically|repeatedly)\b",
    re.IGNORECASE,
)


def _habitual(trigger: Span) -> bool:
    """'whenever insurgents attack', 'has been fighting Los Choneros for control': what keeps
    happening, not one incident."""
    doc = trigger.doc
    before = [t.lower_ for t in doc[max(trigger.sent.start, trigger.start - 2) : trigger.start]]
    ongoing = before[-2:] in (["has", "been"], ["have", "been"]) and trigger[0].lower_.endswith("ing")
    return ongoing or bool(HABITUAL.search(trigger.sent.text))


PLACE_ANAPHOR = re.compile(
    r"\b(?:in|into|inside|across|around|near|of|on|at|attacked|stormed|shelled|besieged|surrounded|"
    r"entered|overran|bombed|raided) (?:the|that) (?:city|town|village|district|province|area|"
    r"capital|region|camp|neighbourhood|neighborhood)\b",
    re.IGNORECASE,
)


def _there(sentence: Span, frame: Frame) -> bool:
    """A frame with no place or day of its own (a date read from the sentence before is not its
    own) in a sentence placed by a definite noun ("fighting has erupted in the city", "attacked
    the town"): more of the incident reported before, not a new one."""
    fields = frame.fields
    own_date = fields.get("event_date") and "same sentence" in frame.reasons.get("date", "")
    return not fields.get("location") and not own_date and bool(PLACE_ANAPHOR.search(sentence.text))


def _elsewhere(antecedent: Frame, mention: Frame, dated: bool = True) -> bool:
    """The mention names another place or day than the antecedent: a separate incident.
    A more precise place inside the antecedent's country or province is no conflict; the day
    of a claim of responsibility (`dated` False) is not the incident's."""
    a, m = antecedent.fields, mention.fields
    if dated and a.get("event_date") and m.get("event_date") and a["event_date"] != m["event_date"]:
        return True
    if not (a.get("location") and m.get("location")) or a["location"] == m["location"]:
        return False
    return a["location"] not in {m.get("country"), m.get("admin1"), m.get("admin2")} and m[
        "location"
    ] not in {a.get("country"), a.get("admin1"), a.get("admin2")}


PLACE_FIELDS = ("location", "country", "admin1", "admin2", "latitude", "longitude", "geo_precision")


def _placed_by_trigger(trigger: Span, frame: Frame, spans: list[Candidate], role: str = "location") -> bool:
    """The frame's place (or other `role`) belongs to the trigger's own phrase ("the attack on a
    market in Kano"), not to some other clause of its sentence ("… fled to Uzbekistan to escape
    the fighting")."""
    if role not in frame.roles:
        return False
    place = spans[frame.roles[role][0]]
    doc = trigger.doc
    if doc.has_annotation("DEP"):
        root = trigger.root
        # its own phrase, not the clauses coordinated to it ("… were killed and troops withdrew to X")
        own = [root.i, *(t.i for c in root.children if c.dep_ not in {"conj", "cc"} for t in c.subtree)]
        return min(own) <= place.token_start and place.token_end <= max(own) + 1
    return trigger.end <= place.token_start <= trigger.end + VICTIM_WINDOW


def _attach(antecedent: Frame, mention: Frame, own_place: bool = False) -> None:
    """Fold a mention of an earlier incident into its frame: it fills what the frame lacks,
    a more precise place inside the frame's region replaces the region, and a place is taken
    for a frame without one only from the mention's own phrase (`own_place`)."""
    a, m = antecedent.fields, mention.fields
    finer = (
        m.get("location")
        and a.get("location") is not None
        and a.get("location") in {m.get("country"), m.get("admin1"), m.get("admin2")}
        and a.get("location") != m.get("location")
    )
    if finer or (own_place and not a.get("location")):
        for key in PLACE_FIELDS:
            if m.get(key) is not None:
                a[key] = m[key]
        if "location" in mention.roles:
            antecedent.roles["location"] = mention.roles["location"]
    if "actor1" not in antecedent.roles and a.get("actor2") and a.get("actor2") == m.get("actor1"):
        # the mention names both sides ("the fighting between A and B") and the frame has A as
        # its target already: B is the side it lacks
        mention = _swapped(mention)
        m = mention.fields
    for role, keys in ROLE_FIELDS.items():
        if role in mention.roles and role not in antecedent.roles and not _both_sides(a, role, m.get(role)):
            for key in keys:
                if m.get(key) is not None:
                    a[key] = m[key]
            antecedent.roles[role] = mention.roles[role]
            antecedent.reasons[role] = mention.reasons.get(role, "") + " (a later mention)"
    if not a.get("actor2") and m.get("actor2") and not _both_sides(a, "actor2", m["actor2"]):
        a["actor2"], a["inter2"] = m["actor2"], m.get("inter2")
    a["confidence"] = round(min(0.99, a["confidence"] + 0.05), 2)
    antecedent.reasons["event_type"] += f"; mentioned again as '{m['trigger_text']}'"


def _both_sides(fields: dict[str, Any], role: str, name: Any) -> bool:
    """Whether `name` as `role` would make one actor both sides of the frame."""
    other = {"actor1": "actor2", "actor2": "actor1"}.get(role)
    return other is not None and name is not None and fields.get(other) == name


def _swapped(frame: Frame) -> Frame:
    """The frame with actor1 and actor2 (and their inter codes, roles, reasons) exchanged."""
    fields, roles, reasons = dict(frame.fields), dict(frame.roles), dict(frame.reasons)
    for one, two in (("actor1", "actor2"), ("inter1", "inter2")):
        fields[one], fields[two] = frame.fields.get(two), frame.fields.get(one)
        if one in frame.roles or two in frame.roles:
            roles.pop(one, None), roles.pop(two, None)
            roles.update({k: v for k, v in ((one, frame.roles.get(two)), (two, frame.roles.get(one))) if v})
        reasons[one], reasons[two] = frame.reasons.get(two, ""), frame.reasons.get(one, "")
    return Frame(fields, roles, reasons, frame.headline, frame.earlier)


ROLE_FIELDS = {
    "actor1": ("actor1", "inter1"),
    "actor2": ("actor2", "inter2"),
    "date": ("event_date", "time_precision"),
    "fatalities": ("fatalities", "fatalities_low", "fatalities_high", "fatalities_rule"),
    "injuries": ("injuries",),
}


def _claimant(sentence: Span, claim_start: int, spans: list[Candidate]) -> int | None:
    """The ACTOR claiming: the subject of 'claimed' in the parse, else the nearest ACTOR before."""
    actors = [i for i in _within(spans, sentence) if spans[i].label == "ACTOR"]
    doc = sentence.doc
    if doc.has_annotation("DEP"):
        verb = next((t for t in sentence if t.idx == claim_start), None)
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None) if verb is not None else None
        found = _actor_in(subject, actors, spans) if subject is not None else None
        if found is not None:
            return found
    before = [i for i in actors if spans[i].end <= claim_start]
    return before[-1] if before else None


def _victim(trigger: Span) -> Token | None:
    """The civilian common noun the trigger acts on: its object or passive subject in the
    parse ('shot dead three villagers', 'worshippers were attacked'), the object of
    'on'/'against' ('an attack on passengers'); without a parse, a civilian noun just after
    an active trigger or before a passive one."""
    doc = trigger.doc
    root = trigger.root
    if doc.has_annotation("DEP"):
        targets = [c for c in root.children if c.dep_ in PASSIVE_SUBJECTS | OBJECTS]
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ in {"on", "against", "targeting", "at"}:
                targets += [g for g in prep.children if g.dep_ == "pobj"]
        return next((t for t in targets if t.lower_ in CIVILIAN_NOUNS), None)
    passive = trigger.start > 0 and doc[trigger.start - 1].lower_ in PASSIVE_AUXILIARIES
    window = (
        doc[max(trigger.sent.start, trigger.start - VICTIM_WINDOW) : trigger.start]
        if passive
        else doc[trigger.end : min(trigger.sent.end, trigger.end + VICTIM_WINDOW)]
    )
    return next((t for t in window if t.lower_ in CIVILIAN_NOUNS), None)


def _reported(frames: list[Frame]) -> list[Frame]:
    """Drop a headline's frame when the body reports an incident (a headline sums up the body,
    often with a looser type: "attack" over a body that finds the victims civilians), and
    background (past perfect) frames when anything else is reported."""
    body = any(not f.headline for f in frames)
    kept = [f for f in frames if not (f.headline and body)]
    current = [f for f in kept if not f.earlier]
    return current if current else kept
