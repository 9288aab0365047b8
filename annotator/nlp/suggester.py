"""The suggester: one spaCy pass per article (batched with `nlp.pipe`) giving merged entity
suggestions with normalised values and draft event frames. No store, no Qt: the CLI and the
GUI's worker thread both call it through `annotator.services.suggesting`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from annotator.core.codebook import Codebook
from annotator.nlp.acronyms import defined_acronyms
from annotator.nlp.actor_bounds import bounded
from annotator.nlp.actors import ActorResolver, Countries
from annotator.nlp.candidates import Candidate, from_model, merge
from annotator.nlp.casualty_rules import find_casualties
from annotator.nlp.chunking import chunks
from annotator.nlp.date_rules import build_matcher, find_dates
from annotator.nlp.events import Cues, Frame, FrameDrafter
from annotator.nlp.gazetteer import Gazetteer, default_gazetteer_dir
from annotator.nlp.gazetteer_spans import fill_countries, from_gazetteer
from annotator.nlp.normalise.dates import UNRESOLVED_FLAG, resolve_date
from annotator.nlp.pipeline import Pipeline, load_pipeline
from annotator.nlp.place_context import is_attributive, is_person
from annotator.nlp.place_cues import cued_places, with_prefixes
from annotator.nlp.tokens import doc_text

#: Bump when the rules in code change what is suggested, so old suggestions get replaced.
RULES_VERSION = "14"
FUTURE_MARKERS = frozenset({"will", "shall", "'ll", "’ll"})


@dataclass
class ArticleSuggestions:
    article_id: int
    spans: list[Candidate]
    frames: list[Frame]
    flags: list[str] = field(default_factory=list)


class Suggester:
    """Suggestions for articles; build once (loading the model is the slow part), reuse."""

    #: an article longer than this (or than the pipeline's max_length) is suggested in chunks
    #: of whole paragraphs: some rules cost the square of an article's spans
    chunk_chars = 100_000

    def __init__(self, pipeline: Pipeline, gazetteer: Gazetteer, codebook: Codebook, cues: Cues) -> None:
        self.pipeline = pipeline
        self.gazetteer = gazetteer
        self.codebook = codebook
        self.cues = cues
        self.date_matcher = build_matcher(pipeline.nlp)
        self.drafter = FrameDrafter(pipeline.nlp, cues, codebook)
        self.actors = ActorResolver(gazetteer, Countries(pipeline.nlp.tokenizer, gazetteer))

    @classmethod
    def load(
        cls,
        codebook: Codebook,
        *,
        model: str | None = None,
        gazetteer_dir: Path | None = None,
        cues_path: Path | None = None,
    ) -> Suggester:
        from annotator.paths import resources_dir

        gazetteer = Gazetteer(gazetteer_dir or default_gazetteer_dir())
        gazetteer.world  # noqa: B018 -- load (or compile and cache) the world places now, not mid-run
        cues = Cues.from_file(cues_path or resources_dir() / "cues.toml", codebook)
        return cls(load_pipeline(model, gazetteer), gazetteer, codebook, cues)

    @property
    def version(self) -> str:
        """Identity of everything that shapes suggestions; a change means re-suggest."""
        return (
            f"{self.pipeline.label}|gazetteer:{self.gazetteer.version}|places:{self.gazetteer.world.version}|cues:{self.cues.version}"
            f"|rules:{RULES_VERSION}|codebook:{self.codebook.version}"
        )

    def suggest(
        self, articles: Iterable[tuple[int, str, str | None]], *, batch_size: int = 64
    ) -> Iterator[ArticleSuggestions]:
        """Suggestions for (article id, text, published_at) triples, in order. An article longer
        than `chunk_chars` or the pipeline's `max_length` goes through in chunks of whole
        paragraphs, its offsets shifted back to the article's."""
        limit = min(self.chunk_chars, self.pipeline.nlp.max_length)
        stream = (
            (chunk, (article_id, published, base, last))
            for article_id, text, published in articles
            for base, chunk, last in chunks(text, limit)
        )
        parts: list[tuple[int, ArticleSuggestions]] = []
        for doc, (article_id, published, base, last) in self.pipeline.nlp.pipe(
            stream, as_tuples=True, batch_size=batch_size
        ):
            parts.append((base, self.from_doc(doc, article_id, published)))
            if last:
                yield joined(parts)
                parts = []

    def from_doc(self, doc: Doc, article_id: int, published_at: str | None) -> ArticleSuggestions:
        dates = find_dates(doc, self.date_matcher)
        date_tokens = {t for d in dates for t in range(d.token_start, d.token_end)}
        date_tokens |= {t.i for ent in doc.ents if ent.label_ in {"DATE", "TIME"} for t in ent}
        gazetteer_hits = from_gazetteer(doc, self.gazetteer)
        candidates = [
            *gazetteer_hits,
            *cued_places(doc, gazetteer_hits),
            *dates,
            *find_casualties(doc, self.codebook, date_tokens),
        ]
        if self.pipeline.statistical:
            candidates.extend(from_model(doc, self.pipeline.model_name, frozenset(self.codebook.label_names)))
        candidates = with_prefixes(doc, candidates, self.gazetteer.world)
        text = doc_text(doc)  # joined from the tokens on every access: once per article
        kept = [c for c in candidates if self._normalise(c, doc, text, published_at)]
        candidates = self.actors.refine(doc, kept)
        candidates += defined_acronyms(doc, candidates)
        spans = bounded(doc, merge(candidates))
        fill_countries(spans, doc)
        flags = sorted({f for s in spans for f in s.normalized.get("flags", [])})
        frames = self.drafter.draft(doc, spans, published_at)
        return ArticleSuggestions(article_id, *_absorbed_by_counts(spans, frames), flags)

    def _normalise(self, cand: Candidate, doc: Doc, text: str, published_at: str | None) -> bool:
        """Attach the normalised value; False drops a candidate that is not what it seems."""
        if cand.label == "DATE":
            sentence = doc[cand.token_start].sent
            future = any(t.lower_ in FUTURE_MARKERS for t in sentence)
            value = resolve_date(cand.text, published_at, future=future)
            if value.rule == "unrecognised" and not cand.origin.startswith("rule:"):
                return False  # a duration such as "20 years": not a date of an event
            cand.normalized = value.as_json()
            return True
        if cand.label == "LOCATION":
            if is_attributive(doc[cand.token_start : cand.token_end]):
                return False  # 'US officials', 'US Africa Command': a modifier, not a place
            if not cand.normalized and is_person(doc[cand.token_start : cand.token_end], strong_place=False):
                return False  # a name no gazetteer knows, read as a person: 'Okafor is believed to'
            if not cand.normalized:
                cand.normalized = {"gazetteer_id": None, "name": cand.text, "geo_precision": None}
            if _in_dateline(text, cand):
                cand.normalized = {**cand.normalized, "dateline": True}
        return True


def joined(parts: list[tuple[int, ArticleSuggestions]]) -> ArticleSuggestions:
    """One article's suggestions from those of its chunks at (offset, suggestions): character
    offsets (spans, triggers) moved by the chunk's offset, role links by the spans before it.
    Token indices stay those of the chunk."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    spans: list[Candidate] = []
    frames: list[Frame] = []
    for base, part in parts:
        before = len(spans)
        spans += [dataclasses.replace(c, start=c.start + base, end=c.end + base) for c in part.spans]
        for frame in part.frames:
            fields = dict(frame.fields)
            for key in ("trigger_start", "trigger_end"):
                if fields.get(key) is not None:
                    fields[key] += base
            roles = {role: [before + i for i in linked] for role, linked in frame.roles.items()}
            frames.append(dataclasses.replace(frame, fields=fields, roles=roles))
    flags = sorted({f for _, part in parts for f in part.flags})
    return ArticleSuggestions(parts[0][1].article_id, spans, frames, flags)


def _absorbed_by_counts(spans: list[Candidate], frames: list[Frame]) -> tuple[list[Candidate], list[Frame]]:
    """The codebook's flat spans: a CASUALTY phrase absorbs the ACTOR it counts ('three
    soldiers', 'two PKK members'). The frames were drafted with that actor (its name and
    inter code stay in their fields); only their links to the absorbed span go."""
    counts = [s for s in spans if s.label == "CASUALTY"]
    absorbed = {
        i
        for i, s in enumerate(spans)
        if s.label == "ACTOR" and any(c.start <= s.start and s.end <= c.end for c in counts)
    }
    if not absorbed:
        return spans, frames
    index = {old: new for new, old in enumerate(i for i in range(len(spans)) if i not in absorbed)}
    for frame in frames:
        frame.roles = {
            role: [index[i] for i in linked if i in index]
            for role, linked in frame.roles.items()
            if any(i in index for i in linked)
        }
    return [s for i, s in enumerate(spans) if i not in absorbed], frames


def _in_dateline(text: str, cand: Candidate) -> bool:
    """'KANDAHAR, Afghanistan —' or 'KABUL (Dispatches) –' opening a line: where the report
    was filed, not where the event happened."""
    line_start = text.rfind("\n", 0, cand.start) + 1
    head = text[line_start : cand.end]
    return (
        cand.text.isupper() and len(head) <= len(cand.text) + 2 and bool(DATELINE_END.match(text, cand.end))
    )


DATELINE_END = re.compile(r"\s*(?:,[^\n]{0,40}?)?\s*(?:\([^)\n]{1,40}\))?\s*[—–-]")

__all__ = ["UNRESOLVED_FLAG", "ArticleSuggestions", "Suggester"]
