"""CoNLL-2003 style IOB: `-DOCSTART- -X- -X- O` per article, then one token per line as
`TOKEN -X- -X- TAG` (no POS or chunk columns to give), IOB2 tags from the same single
entity layer as `doc.ents` (longest span wins), a blank line between sentences."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

import spacy
from spacy.language import Language

from annotator.core.annotated import AnnotatedArticle
from annotator.formats.registry import ArticleExporter, ExportJob, exporter
from annotator.formats.spacy_docbin import build_doc


@dataclass
class _Conll:
    handle: TextIO
    nlp: Language
    counts: Counter[str] = field(default_factory=Counter)  # build_doc's, summed up in the report


@exporter
class ConllExporter(ArticleExporter[_Conll]):
    name = "conll"
    description = "CoNLL-2003 style IOB2 (one entity layer)"

    def begin(self, job: ExportJob) -> _Conll:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return _Conll(job.open("annotations.conll"), nlp)

    def write(self, job: ExportJob, state: _Conll, number: int, article: AnnotatedArticle) -> None:
        sentencizer = state.nlp.get_pipe("sentencizer")
        doc = sentencizer(build_doc(state.nlp, article, job.codebook, state.counts, job.report.notes))
        state.handle.write("-DOCSTART- -X- -X- O\n\n")
        for sentence in doc.sents:
            rows = [_row(t) for t in sentence if not t.is_space]
            if rows:
                state.handle.write("\n".join(rows) + "\n\n")

    def finish(self, job: ExportJob, state: _Conll) -> None:
        job.report.counts.update(
            {
                "documents": job.total,
                "entities": state.counts["ents"],
                "overlapping_spans_left_out": state.counts["overlapping_spans_left_out_of_ents"],
            }
        )


def _row(token: Any) -> str:
    if token.ent_iob_ in "BI" and token.ent_type_:
        return f"{token.text} -X- -X- {token.ent_iob_}-{token.ent_type_}"
    return f"{token.text} -X- -X- O"
