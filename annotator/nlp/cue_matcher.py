"""Matching event cues in a doc: fixed phrases by a `PhraseMatcher`, and gapped phrases whose
verb and its completion stand apart ("hacked 23 villagers to death", "gathered outside the
court to demand ...") by a token `Matcher` whose match is the verb alone (the trigger)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from annotator.nlp.word_forms import verb_forms

#: "hack * to death": the words between the verb and its completion, at most this many.
GAP = "*"
MAX_GAP = 6


def gapped_forms(phrases: Iterable[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each gapped phrase ("hack * to death") as (verb form, completion words) pairs for every
    form of its verb. RAISES (ValueError): a phrase without one gap after a single verb."""
    pairs: dict[tuple[str, tuple[str, ...]], None] = {}
    for phrase in phrases:
        head, gap, tail = phrase.lower().partition(f" {GAP} ")
        if not gap or " " in head or not tail.strip() or GAP in tail.split():
            raise ValueError(f"gapped cue '{phrase}' is not 'VERB {GAP} WORDS'")
        for form in verb_forms(head):
            pairs[(form, tuple(tail.split()))] = None
    return tuple(pairs)


class CueMatcher:
    """Both matchers under the cues' ids; a gapped match is reported as its verb token."""

    def __init__(self, nlp: Language, cues: Iterable[tuple[str, tuple[str, ...], tuple]]) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.gapped = Matcher(nlp.vocab)
        self.any_gapped = False
        for cue_id, phrases, gapped in cues:
            if phrases:
                self.phrases.add(cue_id, list(nlp.tokenizer.pipe(phrases)))
            by_tail: dict[tuple[str, ...], list[str]] = {}
            for verb, tail in gapped:
                by_tail.setdefault(tail, []).append(verb)
            patterns = [
                [{"LOWER": {"IN": verbs}}, *([{"IS_SENT_START": False}] * gap), *({"LOWER": w} for w in tail)]
                for tail, verbs in by_tail.items()
                for gap in range(1, MAX_GAP + 1)
            ]
            if patterns:
                self.gapped.add(cue_id, patterns)
                self.any_gapped = True

    def __call__(self, doc: Doc) -> Iterator[tuple[int, int, int]]:
        yield from self.phrases(doc)
        if self.any_gapped:
            seen: set[tuple[int, int]] = set()
            for match_id, start, _end in self.gapped(doc):
                if (match_id, start) not in seen:
                    seen.add((match_id, start))
                    yield match_id, start, start + 1
