"""CoNLL-2003 style IOB: `-DOCSTART- -X- -X- O` per article, then one token per line as
`TOKEN -X- -X- TAG` (no POS or chunk columns to give), IOB2 tags from the same single
entity layer as `doc.ents` (longest span wins), a blank line between sentences."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import spacy

from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import Codebook
from annotator.formats.registry import ExportReport, Progress, exporter
from annotator.formats.spacy_docbin import build_doc


@exporter
class ConllExporter:
    name = "conll"
    description = "CoNLL-2003 style IOB2 (one entity layer)"

    def export(
        self,
        articles: list[AnnotatedArticle],
        out: Path,
        codebook: Codebook,
        progress: Progress | None = None,
        **_: Any,
    ) -> ExportReport:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        sentencizer = nlp.get_pipe("sentencizer")
        report = ExportReport()
        out.mkdir(parents=True, exist_ok=True)
        path = out / "annotations.conll"
        counts: Counter[str] = Counter()
        with path.open("w", encoding="utf-8") as handle:
            for n, article in enumerate(articles, start=1):
                doc = sentencizer(build_doc(nlp, article, codebook, counts, report.notes))
                handle.write("-DOCSTART- -X- -X- O\n\n")
                for sentence in doc.sents:
                    rows = [
                        f"{t.text} -X- -X- {t.ent_iob_}-{t.ent_type_}"
                        if t.ent_iob_ in "BI" and t.ent_type_
                        else f"{t.text} -X- -X- O"
                        for t in sentence
                        if not t.is_space
                    ]
                    if rows:
                        handle.write("\n".join(rows) + "\n\n")
                if progress:
                    progress(n, len(articles))
        report.counts.update(
            {
                "documents": len(articles),
                "entities": counts["ents"],
                "overlapping_spans_left_out": counts["overlapping_spans_left_out_of_ents"],
            }
        )
        report.files.append(path)
        return report
