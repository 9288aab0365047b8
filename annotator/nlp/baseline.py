"""Plain spaCy as the baseline suggestions are measured against: the pretrained pipeline's
entities with a naive label map (GPE/LOC/FAC→LOCATION, ORG/NORP→ACTOR, PERSON, DATE/TIME),
no gazetteer, no rules, no trimming — what a team gets without annotator."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from annotator.nlp.chunking import chunks
from annotator.nlp.pipeline import MODEL_CANDIDATES, ModelNotFoundError, load_installed

NAIVE_LABELS = {
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ACTOR",
    "NORP": "ACTOR",
    "PERSON": "PERSON",
    "DATE": "DATE",
    "TIME": "DATE",
}

Spans = list[tuple[int, int, str]]


def baseline_spans(texts: Iterable[str], model: str | None = None) -> Iterator[Spans]:
    """(start, end, label) of the mapped entities of each text, in order.

    RAISES (ModelNotFoundError): no pretrained pipeline is installed (nothing is downloaded).
    """
    nlp = _load(model)
    stream = ((chunk, (base, last)) for text in texts for base, chunk, last in chunks(text, nlp.max_length))
    spans: Spans = []
    for doc, (base, last) in nlp.pipe(stream, as_tuples=True, batch_size=32):  # long texts in chunks
        spans += [
            (e.start_char + base, e.end_char + base, NAIVE_LABELS[e.label_])
            for e in doc.ents
            if e.label_ in NAIVE_LABELS
        ]
        if last:
            yield spans
            spans = []


def _load(model: str | None) -> Language:
    names = [model] if model else list(MODEL_CANDIDATES)
    nlp = next((nlp for name in names if (nlp := load_installed(name)) is not None), None)
    if nlp is None:
        raise ModelNotFoundError(
            f"the plain spaCy baseline needs a pretrained pipeline ({' or '.join(names)}) and annotator "
            "never downloads one; install its package, or evaluate without --baseline"
        )
    return nlp
