"""WebAnno TSV 3.3: the spans of each article as `article-<id>.tsv`, as INCEpTION writes it
(its user guide's "WebAnno TSV 3.3 File format" and its `Tsv3XSerializer`).

    #FORMAT=WebAnno TSV 3.3
    #T_SP=webanno.custom.ConflictSpan|label|status|normalized|origin|annotator
    <blank>
    <blank>
    #Text=Rebels seized Goma .
    1-1<TAB>0-6<TAB>Rebels<TAB>ACTOR[1]<TAB>accepted[1]<TAB>*[1]<TAB>manual[1]<TAB>ana[1]<TAB>
    ...
    <blank>
    #Text=the next sentence

- UTF-8; every line ends in "\\n"; a token line ends in a TAB after its last column, as
  INCEpTION's serializer writes it. Offsets count UTF-16 code units (the format's rule: an
  emoji counts 2), end exclusive.
- Tokens: spaCy's blank English tokenizer, whitespace tokens left out, the tokenizer the
  workspace snaps selections with (`annotator.nlp.tokens.TokenBounds`). A sentence ends after
  a token `.`, `!`, `?` or `…` and wherever a line break separates two tokens; its `#Text=`
  is the text from its first token to its last with control characters and backslashes
  escaped as INCEpTION's `escapeText` does. Sentences and tokens are numbered from 1.
- Columns, after the token's id, offsets and text: the five features of
  `webanno.custom.ConflictSpan` (`label`, `status`, `normalized` the JSON object, `origin`,
  `annotator`). `_`: no span on the token; `*`: a span without that feature. Spans on one
  token (overlapping) are stacked with `|`; a span over several tokens, or stacked with
  another, carries its disambiguation id `[n]` (from 1, in text order) on every value.
  Values are escaped as INCEpTION's `escapeValue` does (`\\ [ ] | _ -> ; * TAB LF`).
- A span not on token boundaries is widened to the tokens it touches (counted in the
  report); a span over whitespace only has no token and is left out (counted). Frames are
  not written: use the `inception` (CAS XMI) export for them.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, TextIO

from annotator.core.annotated import AnnotatedArticle, SpanRecord
from annotator.core.offsets import Utf16Map
from annotator.formats.cas_types import SPAN, SPAN_FEATURES
from annotator.formats.registry import ArticleExporter, ExportJob, ExportReport, exporter

HEADER = "#FORMAT=WebAnno TSV 3.3\n" + f"#T_SP={SPAN}|{'|'.join(SPAN_FEATURES)}\n" + "\n"
SENTENCE_END = {".", "!", "?", "…"}
_VALUE_ESCAPES = [("\\", "\\\\"), ("[", "\\["), ("]", "\\]"), ("|", "\\|"), ("_", "\\_"), ("->", "\\->"),
                  (";", "\\;"), ("\t", "\\t"), ("\n", "\\n"), ("*", "\\*")]  # fmt: skip


def escape_value(value: str) -> str:
    """INCEpTION's `Escaping.escapeValue`: each reserved character (and `->`) after a backslash."""
    out, i = [], 0
    while i < len(value):
        for raw, escaped in _VALUE_ESCAPES:  # one pass, longest first where it matters ("->")
            if value.startswith(raw, i):
                out.append(escaped)
                i += len(raw)
                break
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


_TEXT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", "\b": "\\b", "\\": "\\\\"}


def escape_text(text: str) -> str:
    """INCEpTION's `Escaping.escapeText` of a `#Text=` line: control characters below 32 (but
    TAB, LF, VT, FF, CR... as Java escapes) and the backslash after a backslash."""
    out = []
    for char in text:
        if char in _TEXT_ESCAPES:
            out.append(_TEXT_ESCAPES[char])
        elif ord(char) < 32 and not 7 < ord(char) < 14:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


@dataclass
class Token:
    start: int
    end: int
    sentence: int
    number: int


def tokens(nlp: Any, text: str) -> list[Token]:
    """The article's tokens with their sentence and number in it (see the module's docstring)."""
    found: list[Token] = []
    sentence, number, previous = 1, 0, None
    for token in nlp(text):
        if token.is_space:
            continue
        start, end = token.idx, token.idx + len(token.text)
        if previous is not None and (
            text[previous.start : previous.end] in SENTENCE_END or _breaks(text, previous.end, start)
        ):
            sentence, number = sentence + 1, 0
        number += 1
        previous = Token(start, end, sentence, number)
        found.append(previous)
    return found


def _breaks(text: str, start: int, end: int) -> bool:
    return any(c in "\n\r\u2028\u2029\x0b\x0c\x85" for c in text[start:end])


@exporter
class WebannoTsvExporter(ArticleExporter[Any]):
    name = "webanno-tsv"
    description = "WebAnno TSV 3.3 (spans only, one .tsv per article)"

    def begin(self, job: ExportJob) -> Any:
        import spacy

        return spacy.blank("en").tokenizer

    def write(self, job: ExportJob, state: Any, number: int, article: AnnotatedArticle) -> None:
        stem = f"article-{article.meta.get('id', number)}"
        handle = job.open(f"{stem}.tsv", newline="")
        write_tsv(handle, article, tokens(state, article.text), job.options.get("annotator"), job.report)
        job.report.counts["documents"] += 1


def _values(span: SpanRecord, annotator: str | None) -> list[str | None]:
    normalized = json.dumps(span.normalized, ensure_ascii=False) if span.normalized else None
    return [span.label, span.status, normalized, span.origin, annotator or None]


def write_tsv(
    out: TextIO, article: AnnotatedArticle, toks: list[Token], annotator: str | None, report: ExportReport
) -> None:
    """The TSV of `article` (see the module's docstring) written to `out`."""
    text = article.text
    utf16 = Utf16Map(text)
    starts = [t.start for t in toks]
    covered: list[tuple[SpanRecord, list[int]]] = []
    for span in sorted(article.spans, key=lambda s: (s.start, s.end, s.label)):
        on, i = [], _first(starts, span.start)
        while i < len(toks) and toks[i].start < span.end:
            if toks[i].end > span.start:
                on.append(i)
            i += 1
        if not on:
            report.counts["spans_without_tokens_not_in_tsv"] += 1
            continue
        if toks[on[0]].start != span.start or toks[on[-1]].end != span.end:
            report.counts["spans_widened_to_tokens_in_tsv"] += 1
        covered.append((span, on))
    report.counts["spans"] += len(covered)
    per_token: dict[int, list[int]] = {}
    for k, (_, on) in enumerate(covered):
        for i in on:
            per_token.setdefault(i, []).append(k)
    ids: dict[int, int] = {}
    for k, (_, on) in enumerate(covered):
        if len(on) > 1 or any(len(per_token[i]) > 1 for i in on):
            ids[k] = len(ids) + 1
    values = [_values(span, annotator) for span, _ in covered]
    out.write(HEADER)
    sentence_end = {t.sentence: t.end for t in toks}  # the last token of a sentence wins
    for n, token in enumerate(toks):
        if token.number == 1:
            out.write("\n")
            for line in text[token.start : sentence_end[token.sentence]].split("\n"):
                out.write(f"#Text={escape_text(line)}\n")
        where = f"{utf16.to_utf16(token.start)}-{utf16.to_utf16(token.end)}"
        cells = [f"{token.sentence}-{token.number}", where, text[token.start : token.end]]
        here = per_token.get(n, [])
        for column in range(len(SPAN_FEATURES)):
            if not here:
                cells.append("_")
                continue
            stacked = []
            for k in here:
                value = values[k][column]
                cell = "*" if value is None else escape_value(value)
                stacked.append(f"{cell}[{ids[k]}]" if k in ids else cell)
            cells.append("|".join(stacked))
        out.write("\t".join(cells) + "\t\n")


def _first(starts: list[int], offset: int) -> int:
    """The index of the first token that may touch `offset` (the one before the first start after it)."""
    return max(0, bisect_right(starts, offset) - 1)
