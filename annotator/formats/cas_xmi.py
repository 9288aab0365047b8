"""One article as a UIMA CAS and back (dkpro-cassis): what `annotator.formats.inception`
writes into each `.xmi` file and reads out of one.

The CAS of an article (XMI, XML 1.0, UTF-8; cassis writes begin/end in UTF-16 code units as
UIMA counts them and reads them back as code points):
- the sofa: the article text exactly as stored, MIME type `text/plain`;
- one `DocumentMetaData` over the whole text: `documentTitle` the file name without `.xmi`
  (INCEpTION's document name), `documentId` the exporting annotator (where INCEpTION writes
  the annotating user);
- DKPro Core `Sentence`s and `Token`s (`order` from 0): the tokens and sentences of the WebAnno
  TSV export (`annotator.formats.webanno_tsv.tokens`, spaCy's tokenizer as the workspace
  snaps with), so INCEpTION shows the segmentation the spans were made on;
- a `ConflictSpan` per span: `label`, `status`, `normalized` (JSON object, absent when there is
  none), `origin`, `annotator`;
- a `ConflictEvent` per frame with a trigger, over the trigger: `event_type`,
  `sub_event_type`, the other frame fields as text (absent when unknown), and `arguments`,
  one `ConflictEventArgumentsLink` per role filler (`role`, `target` its `ConflictSpan`),
  in the codebook's role order. A frame without a trigger has nowhere to sit: it is
  counted in the report, not written.
Type and feature names are in `annotator.formats.cas_types`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, BinaryIO

from cassis import Cas, TypeSystem, load_cas_from_xmi

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.codebook import Codebook
from annotator.core.model import EVENT_FIELDS
from annotator.formats.base import ReadFailure
from annotator.formats.cas_types import (
    ARGUMENTS,
    EVENT,
    FRAME_FEATURES,
    LINK,
    METADATA,
    SENTENCE,
    SPAN,
    TOKEN,
    has_events,
)
from annotator.formats.registry import ExportReport
from annotator.formats.shapes import Problems
from annotator.formats.webanno_tsv import Token

#: What XML 1.0 (the CAS XMI flavour cassis and most tools read) cannot hold.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_problem(article: AnnotatedArticle) -> str | None:
    """Why `article` cannot be written as XML 1.0 (a control character in its text or in a
    frame's text field), or None."""
    texts = [("its text", article.text)] + [
        (f"field '{k}' of frame {n}", v)
        for n, frame in enumerate(article.frames)
        for k, v in frame.fields.items()
        if isinstance(v, str)
    ]
    for what, value in texts:
        found = NOT_XML.search(value)
        if found:
            return (
                f"{what} holds U+{ord(found.group()):04X} at character {found.start()}, which XML 1.0 "
                "cannot hold: the article is not exported"
            )
    return None


def article_cas(
    ts: TypeSystem,
    article: AnnotatedArticle,
    name: str,
    annotator: str | None,
    codebook: Codebook,
    report: ExportReport,
    toks: list[Token],
) -> Cas:
    """The CAS of `article` (see the module's docstring); `name` is its document name, `toks`
    its tokens."""
    cas = Cas(typesystem=ts)
    cas.sofa_string = article.text
    cas.sofa_mime = "text/plain"
    meta = ts.get_type(METADATA)
    cas.add(meta(begin=0, end=len(article.text), documentTitle=name, documentId=annotator or None))
    sentence, token = ts.get_type(SENTENCE), ts.get_type(TOKEN)
    bounds: dict[int, tuple[int, int]] = {}
    for n, tok in enumerate(toks):
        cas.add(token(begin=tok.start, end=tok.end, order=n))
        bounds[tok.sentence] = (bounds.get(tok.sentence, (tok.start, 0))[0], tok.end)
    for start, end in bounds.values():
        cas.add(sentence(begin=start, end=end))
    span_type, link_type, event_type = ts.get_type(SPAN), ts.get_type(LINK), ts.get_type(EVENT)
    spans = []
    for span in article.spans:
        normalized = json.dumps(span.normalized, ensure_ascii=False) if span.normalized else None
        fs = span_type(
            begin=span.start,
            end=span.end,
            label=span.label,
            status=span.status,
            normalized=normalized,
            origin=span.origin,
            annotator=annotator or None,
        )
        cas.add(fs)
        spans.append(fs)
    report.counts["spans"] += len(spans)
    order = {role.name: n for n, role in enumerate(codebook.roles)}
    array = ts.get_type("uima.cas.FSArray")
    for frame in article.frames:
        start, end = frame.fields.get("trigger_start"), frame.fields.get("trigger_end")
        if start is None or end is None:
            report.counts["frames_without_trigger_not_in_cas"] += 1
            continue
        links = [
            link_type(role=role, target=spans[index])
            for role in sorted(frame.roles, key=lambda r: (order.get(r, len(order)), r))
            for index in frame.roles[role]
        ]
        values = {name: _text(frame.fields.get(name)) for name in FRAME_FEATURES}
        cas.add(
            event_type(
                begin=start, end=end, **values, **{ARGUMENTS: array(elements=links) if links else None}
            )
        )
        report.counts["frames"] += 1
    return cas


def _text(value: Any) -> str | None:
    """A frame field as UIMA text: None stays absent (unknown), numbers as Python writes them."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(int(value))
    return value if isinstance(value, str) else repr(value)


def read_cas(where: str, opener: Callable[[], BinaryIO], ts: TypeSystem) -> Cas | ReadFailure:
    """The CAS in the XMI `opener()` reads (`where` names it), read against `ts` (types it
    does not declare are skipped, as INCEpTION's own XMI reader does), or the failure."""
    try:
        with opener() as handle:
            return load_cas_from_xmi(handle, typesystem=ts, lenient=True)
    except OSError as exc:
        return ReadFailure(where, f"cannot read file ({exc.strerror or exc})")
    except Exception as exc:  # lxml's and cassis's errors: the bytes are no CAS
        reason = (str(exc).strip() or type(exc).__name__).splitlines()[0]
        reason = re.sub(r" \([^()]*, line \d+\)$", "", reason)  # lxml's "(file, line N)": named already
        return ReadFailure(where, f"not a readable UIMA CAS XMI file ({reason})")


def cas_article(cas: Cas, ts: TypeSystem, where: str, name: str) -> AnnotatedArticle | ReadFailure:
    """The article a CAS holds: its `ConflictSpan`s in text order and its `ConflictEvent`s
    with their roles; a CAS INCEpTION wrote holds other layers too (tokens, sentences, its
    own), which are left out. Every problem of the CAS is reported (`RecordFailure`), and
    then the article is not imported at all."""
    text = cas.sofa_string
    if not text:
        return ReadFailure(where, "the CAS has no document text (an empty sofa)")
    problems = Problems()
    spans: list[SpanRecord] = []
    index: dict[int, int | str] = {}  # a span's position among those read, or why it was not read
    for n, fs in enumerate(cas.select(SPAN)):
        record = _span(fs, n, text, problems)
        if record is None:
            index[id(fs)] = f"span {n}, which has no label"
            continue
        index[id(fs)] = len(spans)
        spans.append(record)
    frames = (
        [_frame(fs, n, text, index, problems) for n, fs in enumerate(cas.select(EVENT))]
        if has_events(ts)
        else []
    )
    article = AnnotatedArticle(text, spans, frames, {"cas_file": name}, origin=where)
    return problems.outcome(where, None, article)


def _span(fs: Any, n: int, text: str, problems: Problems) -> SpanRecord | None:
    """Span `n` as a record, or None (its problem added) when it has no label."""
    start, end = fs.begin, fs.end
    label = getattr(fs, "label", None)
    if not label:
        problems.append(f"span {n} [{start}, {end}) has no label")
        return None
    normalized = None
    raw = getattr(fs, "normalized", None)
    if raw:
        try:
            normalized = json.loads(raw)
        except ValueError:
            normalized = None
        if not isinstance(normalized, dict):
            problems.append(f"span {n} [{start}, {end}): 'normalized' must be a JSON object, got {raw!r}")
            normalized = None
    status = getattr(fs, "status", None) or "accepted"
    origin = getattr(fs, "origin", None) or "inception"
    record = SpanRecord(start, end, label, normalized, status, origin, text=text[start:end])
    record.number = n
    return record


def _frame(fs: Any, n: int, text: str, index: dict[int, int | str], problems: Problems) -> FrameRecord:
    fields: dict[str, Any] = {}
    for name in FRAME_FEATURES:
        value = getattr(fs, name, None)  # a layer made by hand in INCEpTION may lack a field
        fields[name] = _value(name, value, n, problems)
    fields.update(trigger_start=fs.begin, trigger_end=fs.end, trigger_text=text[fs.begin : fs.end])
    roles: dict[str, list[int]] = {}
    arguments = getattr(fs, ARGUMENTS, None)
    for k, link in enumerate(arguments.elements if arguments is not None else []):
        role, target = getattr(link, "role", None), getattr(link, "target", None)
        if not role:
            problems.append(f"frame {n}: link {k} has no role")
        elif target is None or id(target) not in index:
            problems.append(f"frame {n}: role '{role}' has no {SPAN.rsplit('.', 1)[1]} as its target")
        elif isinstance(place := index[id(target)], str):
            problems.append(f"frame {n}: role '{role}' points at {place}")
        else:
            roles.setdefault(role, []).append(place)
    return FrameRecord(fields, roles)


def _value(name: str, value: Any, n: int, problems: Problems) -> Any:
    """Frame field `name` from its UIMA text, as the store's type (`EVENT_FIELDS`)."""
    kind = EVENT_FIELDS[name]
    if value is None or kind is str:
        return value
    if value == "":
        return None
    try:
        return kind(value)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        problems.append(f"frame {n}: '{name}' must be {what}, got '{value}'")
        return None
