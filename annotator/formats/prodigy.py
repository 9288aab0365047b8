"""Prodigy JSONL: one task per line, as Prodigy's `db-out` writes them.

    {"text": ..., "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "label", "token_start", "token_end"}],   # token_end inclusive
     "answer": "accept", "meta": {...}, "_input_hash": int, "_task_hash": int,
     "_view_id": "ner_manual", "_timestamp": int,
     "_annotator_id": "news_ner-ana", "_session_id": "news_ner-ana",
     "events": [{"fields": {...}, "roles": {role: [span index]}}]}          # annotator's extension

Import reads `spans` (character offsets; `text` checked when present), `answer` and `meta`,
and `events` when the file came from annotator. A line is read whole or not at all: every
problem of its shape (a span that is not an object, an offset that is not a whole number, no
label; 'spans' or 'events' not a list, a frame, its 'fields' or 'roles' of the wrong shape, a
role pointing at no span of the line; a bad 'answer', 'meta' or '_annotator_id') is reported
as `file:line: <problem>` and the line is a `RecordFailure`: none of its spans or frames is
imported. The importer adds the problems of the values (offsets outside the text, labels,
roles and event types not in the codebook...).

`answer` as Prodigy means it: accept, the task's spans are the annotator's annotation;
reject, the annotator rejected the task as shown (its spans are kept as rejected and the
article is not marked done); ignore, the annotator skipped it (nothing is imported).

Annotators. Prodigy names who annotated a task in `_annotator_id` (older versions only in
`_session_id`): `<dataset>-<session>`, the session being the `?session=` name of a multi-user
instance or, unnamed, the start time (`2024-02-06_10-17-19`), percent-encoded. A file whose
tasks name at most one annotator is the importing annotator's work, as a file without these
keys is. A file that names several (one text annotated by ana and by bo) is split: each task
is filed under its session name (`task_annotator`, `session_names`) and the importer prefixes
that with its own annotator name (`--annotator team`: `team-ana`, `team-bo`); a task naming
no one stays the importing annotator's.

Export writes one task per article with spaCy's English tokens and the exported annotator as
`_annotator_id`/`_session_id` (`annotator-ana`: joined exports split again); a span not on token
boundaries gets the token indices of the tokens it touches and is counted, and one that
touches no token gets none and is listed (`token_spans`, shared with the DocBin export).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import unquote

import spacy
from spacy.language import Language

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.codebook import Codebook
from annotator.core.errors import FormatError
from annotator.formats.base import ReadFailure
from annotator.formats.jsonl_util import first_object, json_lines, read_tasks, write_json_line
from annotator.formats.registry import ArticleExporter, ExportJob, ExportReport, annotation_reader, exporter
from annotator.formats.shapes import Problems, expect_int, expect_list, expect_object, kind_of, span_record
from annotator.formats.token_spans import token_span


def prodigy_hash(value: Any) -> int:
    """A stable signed 32-bit hash, the shape of Prodigy's `_input_hash`/`_task_hash`."""
    digest = hashlib.sha1(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


#: The dataset part of the `_annotator_id` the export writes (`annotator-ana`): exports of
#: several annotators joined in one file import as those annotators again.
SESSION_DATASET = "annotator"


@exporter
class ProdigyExporter(ArticleExporter[tuple[TextIO, Language]]):
    name = "prodigy"
    description = "Prodigy JSONL (spans with token indices)"

    def begin(self, job: ExportJob) -> tuple[TextIO, Language]:
        return job.open("annotations.prodigy.jsonl"), spacy.blank("en")

    def write(
        self, job: ExportJob, state: tuple[TextIO, Language], number: int, article: AnnotatedArticle
    ) -> None:
        handle, nlp = state
        row = task(nlp, article, job.report)
        if job.options.get("annotator"):  # as a Prodigy session of dataset "annotator" writes it
            row["_annotator_id"] = row["_session_id"] = f"{SESSION_DATASET}-{job.options['annotator']}"
        write_json_line(handle, row)
        job.report.counts["tasks"] += 1


def task(nlp: Any, article: AnnotatedArticle, report: ExportReport) -> dict[str, Any]:
    doc = nlp.tokenizer(article.text)  # not make_doc: no max_length (only whole pipelines need one)
    tokens = [
        {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
        for t in doc
    ]
    spans = []
    for record in article.spans:
        span = token_span(doc, article, record.start, record.end, record.label, report.counts, report.notes)
        entry = {
            "start": record.start,
            "end": record.end,
            "label": record.label,
            "text": article.text[record.start : record.end],
        }
        if record.normalized:
            entry["normalized"] = record.normalized  # annotator's extension: kept on import
        if span is not None:
            entry.update(token_start=span.start, token_end=span.end - 1)
        spans.append(entry)
    report.counts["spans"] += len(spans)
    input_hash = prodigy_hash({"text": article.text})
    row = {
        "text": article.text,
        "tokens": tokens,
        "spans": spans,
        "answer": article.answer,
        "meta": {k: v for k, v in article.meta.items() if v is not None},
        "_input_hash": input_hash,
        "_task_hash": prodigy_hash({"input": input_hash, "spans": spans}),
    }
    if article.frames:
        row["events"] = [{"fields": f.fields, "roles": f.roles} for f in article.frames]
        report.counts["frames"] += len(article.frames)
    return row


@annotation_reader
class ProdigyReader:
    name = "prodigy"

    def sniff(self, path: Path) -> bool:
        first = first_object(path)
        return bool(first) and ("spans" in first or "tokens" in first or "_input_hash" in first)

    def read(self, path: Path, codebook: Codebook) -> Iterator[AnnotatedArticle | ReadFailure]:
        origin = f"prodigy:{path.name}"
        names = session_names(_annotator_ids(path))

        def task(obj: dict[str, Any], where: str, problems: Problems) -> AnnotatedArticle:
            article = _article(obj, where, origin, problems)
            ident = problems.attempt(lambda: task_annotator(obj))
            article.annotator = names.get(ident) if ident is not None else None
            return article

        yield from read_tasks(path, task)


def task_annotator(obj: dict[str, Any]) -> str | None:
    """Who annotated a task: its `_annotator_id`, else its `_session_id` (older Prodigy), or
    None. RAISES (FormatError): a value that is not text."""
    for key in ("_annotator_id", "_session_id"):
        value = obj.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise FormatError(f"'{key}' must be text, got {kind_of(value)}")
        return value
    return None


def _annotator_ids(path: Path) -> set[str]:
    """Every annotator the file's readable tasks name (a first pass over the file)."""
    found: set[str] = set()
    for item in json_lines(path):
        if not isinstance(item, ReadFailure):
            try:
                ident = task_annotator(item[1])
            except FormatError:  # reported with its line by the second pass
                continue
            if ident is not None:
                found.add(ident)
    return found


#: Prodigy's name of an unnamed session: its start time.
_SESSION_STAMP = re.compile(r"^(?:(?P<head>.*)-)?(?P<stamp>\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2})$")


def session_names(ids: Iterable[str]) -> dict[str, str]:
    """Each annotator id's session name, when the ids are several ({} for one or none).

    Prodigy writes `<dataset>-<session>`; neither part is quoted, and both may hold "-", so
    the dataset is taken to be the longest run of whole "-"-separated parts that every id
    starts with, leaving at least one part to each (a start time `2024-02-06_10-17-19` is one
    part). Ids are percent-decoded first (`Henry%20B` is "Henry B"). `news_ner-ana` and
    `news_ner-bo` give `ana` and `bo`; ids of two datasets (`ner_a-ana`, `ner_b-bo`) share no
    part and are kept whole.
    """
    ids = sorted(set(ids))
    if len(ids) < 2:
        return {}
    parts = {ident: _parts(unquote(ident).strip()) for ident in ids}
    shortest = min(len(p) for p in parts.values())
    common = 0
    while common < shortest - 1 and len({tuple(p[: common + 1]) for p in parts.values()}) == 1:
        common += 1
    return {ident: "-".join(p[common:]) for ident, p in parts.items()}


def _parts(ident: str) -> list[str]:
    stamp = _SESSION_STAMP.match(ident)
    if stamp is None:
        return ident.split("-")
    head = stamp.group("head")
    return [*(head.split("-") if head else []), stamp.group("stamp")]


def _article(obj: dict[str, Any], origin: str, span_origin: str, problems: Problems) -> AnnotatedArticle:
    """The task of one line, with what its parts of the wrong shape leave of it; each such
    part adds its problem to `problems` (the line is then refused whole)."""
    given = problems.attempt(lambda: expect_list(obj.get("spans"), "'spans'")) or []
    spans: list[SpanRecord] = []
    kept: dict[int, int] = {}  # a span's number on the line -> its index among the spans read
    for n, value in enumerate(given):
        record = problems.attempt(lambda n=n, value=value: span_record(value, f"span {n}", span_origin))
        if record is not None:
            record.number = n
            kept[n] = len(spans)
            spans.append(record)
    events = problems.attempt(lambda: expect_list(obj.get("events"), "'events'")) or []
    frames = [_frame(e, n, len(given), kept, problems) for n, e in enumerate(events)]
    answer = obj.get("answer", "accept")
    if answer not in ("accept", "reject", "ignore"):
        problems.append(f"'answer' must be accept, reject or ignore, got {kind_of(answer)}")
        answer = "accept"
    meta = problems.attempt(lambda: expect_object(obj.get("meta"), "'meta'")) or {}
    return AnnotatedArticle(obj["text"], spans, frames, dict(meta), answer, origin)


def _frame(value: Any, n: int, n_spans: int, kept: dict[int, int], problems: Problems) -> FrameRecord:
    """Event `n`, its role links renumbered to the spans read; what is of the wrong shape
    adds its problem (and is left out of what the importer checks further)."""
    event = problems.attempt(lambda: expect_object(value, f"event {n}", optional=False)) or {}
    fields = problems.attempt(lambda: expect_object(event.get("fields"), f"'fields' of event {n}")) or {}
    roles: dict[str, list[int]] = {}
    given = problems.attempt(lambda: expect_object(event.get("roles"), f"'roles' of event {n}")) or {}
    for role, refs in given.items():
        indices = problems.attempt(lambda role=role, refs=refs: _links(role, refs, n, n_spans))
        if indices is not None:
            roles[role] = [kept[i] for i in indices if i in kept]
    return FrameRecord(dict(fields), roles)


def _links(role: str, refs: Any, n: int, n_spans: int) -> list[int]:
    """The span indices of role `role` of event `n`. RAISES (FormatError) for a reference
    that is not a whole number or points at no span of the line."""
    what = f"role '{role}' of event {n}"
    indices = [expect_int(ref, f"{what}: a span index") for ref in expect_list(refs, what)]
    outside = [i for i in indices if not 0 <= i < n_spans]
    if outside:
        raise FormatError(f"{what} points at span {outside[0]}; the line has {n_spans} spans")
    return indices
