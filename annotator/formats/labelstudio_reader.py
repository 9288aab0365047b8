"""Reading a Label Studio JSON export (the layout is in `formats.labelstudio`).

Each annotation of a task is one record, read whole or not at all: every problem of its shape
is reported as `file:LINE: task N (id X): annotation K (by NAME): result R: <problem>`, LINE
being the line the task starts on, and the annotation is then a `RecordFailure`. A task's
predictions are one more record (the suggester's). What is not a text span, a trigger or a
role (choices about the whole task, text areas, ratings) is not read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.codebook import Codebook
from annotator.core.errors import FormatError
from annotator.core.model import SUGGESTER_ANNOTATOR
from annotator.formats.base import ReadFailure
from annotator.formats.jsonl_util import json_document, sniffed_json
from annotator.formats.labelstudio import CONFIG_FILE, EMAIL_DOMAIN, OWN_FIELDS
from annotator.formats.labelstudio_config import EVENT_CONTROL, TEXT_NAME, UNTYPED_EVENT
from annotator.formats.registry import annotation_reader
from annotator.formats.shapes import Problems, expect_int, expect_list, expect_object, kind_of

TRIGGER_LABELS = frozenset({"trigger", "event"})  # a dedicated trigger label of other projects
META_KEYS = ("title", "source", "url", "published_at")


@annotation_reader
class LabelStudioReader:
    name = "labelstudio"
    names_annotators = True  # `completed_by` names each annotation's annotator

    def sniff(self, path: Path) -> bool:
        data = sniffed_json(path)
        return (
            isinstance(data, list)
            and bool(data)
            and isinstance(data[0], dict)
            and isinstance(data[0].get("data"), dict)
        )

    def read(self, path: Path, codebook: Codebook) -> Iterator[AnnotatedArticle | ReadFailure]:
        document = json_document(path)
        if isinstance(document, ReadFailure):
            yield document
            return
        text, tasks = document
        if not isinstance(tasks, list):
            yield ReadFailure(str(path), f"a Label Studio export is a list of tasks, got {kind_of(tasks)}")
            return
        key = config_text_key(path)
        for n, (task, line) in enumerate(zip(tasks, task_lines(text, len(tasks)), strict=True)):
            yield from _task(task, n, line, path, key, codebook)


def task_lines(text: str, count: int) -> list[int | None]:
    """The line each task of the (valid) JSON list `text` starts on."""
    decoder, lines, line, seen = json.JSONDecoder(), [], 1, 0
    at = text.index("[") + 1
    for _ in range(count):
        while text[at] in " \t\r\n,":
            at += 1
        line += text.count("\n", seen, at)
        seen = at
        lines.append(line)
        _, at = decoder.raw_decode(text, at)
    return lines


def config_text_key(path: Path) -> str | None:
    """The data key a labeling config beside `path` reads the text from (`<Text value="$key">`)."""
    for name in (CONFIG_FILE, "label_config.xml", path.with_suffix(".xml").name):
        config = path.parent / name
        if not config.is_file():
            continue
        try:
            root = ET.fromstring(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ET.ParseError):
            return None
        values = [t.get("value", "") for t in root.iter() if t.tag in ("Text", "HyperText")]
        keys = [v[1:] for v in values if v.startswith("$")]
        return keys[0] if len(keys) == 1 else None
    return None


def annotator_name(value: Any) -> str:
    """The annotator `completed_by` names. RAISES (FormatError) when it names none."""
    if isinstance(value, dict):
        email = value.get("email")
        if isinstance(email, str) and email.strip():
            local, _, domain = email.strip().partition("@")
            return local if domain == EMAIL_DOMAIN else email.strip()
        value = value.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"labelstudio-user-{value}"
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise FormatError(f"'completed_by' must be a user id or an object with an email, got {kind_of(value)}")


def _task(
    task: Any, n: int, line: int | None, path: Path, key: str | None, codebook: Codebook
) -> Iterator[AnnotatedArticle | ReadFailure]:
    where = f"task {n}"
    if not isinstance(task, dict):
        yield ReadFailure(str(path), f"{where}: must be an object, got {kind_of(task)}", line)
        return
    if isinstance(task.get("id"), int | str):
        where += f" (id {task['id']})"
    try:
        data = expect_object(task.get("data"), "'data'", optional=False)
        text = _text(data, key, task)
        annotations = expect_list(task.get("annotations", task.get("completions")), "'annotations'")
        predictions = expect_list(task.get("predictions"), "'predictions'")
    except FormatError as exc:
        yield ReadFailure(str(path), f"{where}: {exc}", line)
        return
    meta = {k: data[k] for k in META_KEYS if isinstance(data.get(k), str)}
    origin, span_origin = f"{path}:{line}", f"labelstudio:{path.name}"
    for k, annotation in enumerate(annotations):
        problems = Problems()
        prefix = f"{where}: annotation {k}"
        article = AnnotatedArticle(text, meta=dict(meta), origin=origin)
        if not isinstance(annotation, dict):
            problems.append(f"{prefix}: must be an object, got {kind_of(annotation)}")
            yield problems.outcome(str(path), line, article)
            continue
        try:
            article.annotator = annotator_name(annotation.get("completed_by"))
            prefix += f" (by {article.annotator})"
        except FormatError as exc:
            problems.append(f"{prefix}: {exc}")
        if annotation.get("was_cancelled") is True:
            article.answer = "ignore"  # skipped in Label Studio: not a decision
        else:
            _read_result(annotation.get("result"), article, codebook, prefix, span_origin, problems, False)
        yield problems.outcome(str(path), line, article)
    if predictions:
        yield _predictions(predictions, text, meta, origin, where, codebook, span_origin, path, line)


def _text(data: dict[str, Any], key: str | None, task: dict[str, Any]) -> str:
    """The article text of a task's `data`. RAISES (FormatError) when there is none."""
    for name in (key, TEXT_NAME, *_to_names(task)):
        if name and isinstance(data.get(name), str):
            return data[name]
    keys = ", ".join(sorted(data)) or "none"
    raise FormatError(f"no article text: 'data' has no text under '{key or TEXT_NAME}' (its keys: {keys})")


def _to_names(task: dict[str, Any]) -> list[str]:
    for group in ("annotations", "predictions"):
        annotations = task.get(group)
        for annotation in annotations if isinstance(annotations, list) else []:
            result = annotation.get("result") if isinstance(annotation, dict) else None
            for item in result if isinstance(result, list) else []:
                if isinstance(item, dict) and isinstance(item.get("to_name"), str):
                    return [item["to_name"]]
    return []


def _predictions(
    predictions: list[Any],
    text: str,
    meta: dict[str, Any],
    origin: str,
    where: str,
    codebook: Codebook,
    span_origin: str,
    path: Path,
    line: int | None,
) -> AnnotatedArticle | ReadFailure:
    """All predictions of a task as one record of the suggester's suggestions."""
    problems = Problems()
    article = AnnotatedArticle(text, meta=dict(meta), origin=origin, annotator=SUGGESTER_ANNOTATOR)
    versions = []
    for k, prediction in enumerate(predictions):
        prefix = f"{where}: prediction {k}"
        if not isinstance(prediction, dict):
            problems.append(f"{prefix}: must be an object, got {kind_of(prediction)}")
            continue
        if prediction.get("model_version") not in (None, ""):
            versions.append(str(prediction["model_version"]))
        score = prediction.get("score")
        score = float(score) if isinstance(score, int | float) and not isinstance(score, bool) else None
        part = AnnotatedArticle(text)
        _read_result(prediction.get("result"), part, codebook, prefix, span_origin, problems, True, score)
        offset = len(article.spans)
        article.spans += part.spans
        article.frames += [
            FrameRecord(f.fields, {r: [i + offset for i in ix] for r, ix in f.roles.items()})
            for f in part.frames
        ]
    article.meta["model_version"] = "+".join(dict.fromkeys(versions)) or None
    return problems.outcome(str(path), line, article)


def _read_result(
    result: Any,
    article: AnnotatedArticle,
    codebook: Codebook,
    prefix: str,
    span_origin: str,
    problems: Problems,
    predicted: bool,
    score: float | None = None,
) -> None:
    """The spans and frames of one annotation's (or prediction's) `result` into `article`;
    each part of the wrong shape adds its problem (named by `prefix` and its result index)."""
    items = problems.attempt(lambda: expect_list(result, f"{prefix}: 'result'")) or []
    regions: dict[str, dict[str, Any]] = {}
    choices: dict[str, list[str]] = {}
    relations: list[tuple[int, dict[str, Any]]] = []
    event_types = {e.name for e in codebook.event_types}
    entity_labels = set(codebook.label_names)
    for k, item in enumerate(items):
        what = f"{prefix}: result {k}"
        obj = problems.attempt(lambda item=item, what=what: expect_object(item, what, optional=False))
        if obj is None:
            continue
        kind = obj.get("type")
        if kind == "relation":
            relations.append((k, obj))
        elif kind in ("labels", "choices"):
            region = problems.attempt(lambda obj=obj, what=what, kind=kind: _region(obj, what, kind))
            if region is None:
                continue
            region["index"] = k
            if kind == "choices":
                choices.setdefault(region["id"], []).extend(region["labels"])
            elif region["id"] in regions:
                problems.append(f"{what}: a second labels region with id '{region['id']}'")
            else:
                regions[region["id"]] = region
    spans_of: dict[str, list[int]] = {}
    trigger_of: dict[str, int] = {}
    for rid, region in regions.items():
        region["start"], region["end"] = code_points(
            article.text, region["start"], region["end"], region["text"]
        )
        chosen = choices.get(rid, [])
        if region["from_name"] == EVENT_CONTROL or any(
            label in event_types
            or label == UNTYPED_EVENT
            or (label.lower() in TRIGGER_LABELS and label not in entity_labels)
            for label in region["labels"]
        ):
            trigger_of[rid] = len(article.frames)
            article.frames.append(_trigger(region, chosen, event_types, prefix, problems))
            continue
        spans_of[rid] = []
        for label in region["labels"]:
            spans_of[rid].append(len(article.spans))
            status = "suggested" if predicted else ("manual" if region["origin"] == "manual" else "accepted")
            article.spans.append(
                SpanRecord(
                    region["start"],
                    region["end"],
                    label,
                    region["normalized"],
                    status,
                    span_origin,
                    region["text"],
                    region["score"] if region["score"] is not None else score,
                    number=region["index"],
                )
            )
    for k, relation in relations:
        problems.attempt(
            lambda k=k, relation=relation: _link(
                relation, f"{prefix}: result {k}", article, trigger_of, spans_of
            )
        )


def code_points(text: str, start: int, end: int, claimed: str | None) -> tuple[int, int]:
    """`(start, end)` in code points: as given, unless the region's text shows they count
    UTF-16 units (Label Studio before 2022, in a text with characters beyond U+FFFF)."""
    if claimed is None or text[start:end] == claimed or text.isascii():
        return start, end
    units = text.encode("utf-16-le")
    if not 0 <= start <= end <= len(units) // 2:
        return start, end
    mapped = (
        len(units[: 2 * start].decode("utf-16-le", "replace")),
        len(units[: 2 * end].decode("utf-16-le", "replace")),
    )
    return mapped if text[mapped[0] : mapped[1]] == claimed else (start, end)


def _region(obj: dict[str, Any], what: str, kind: str) -> dict[str, Any]:
    """A labels region (or a per-region choice) as plain values. RAISES (FormatError)."""
    rid = obj.get("id")
    if not isinstance(rid, str | int) or isinstance(rid, bool) or rid == "":
        raise FormatError(f"{what}: 'id' must be the region's id, got {kind_of(rid)}")
    value = expect_object(obj.get("value"), f"{what}: 'value'", optional=False)
    key = "labels" if kind == "labels" else "choices"
    labels = expect_list(value.get(key), f"{what}: 'value.{key}'")
    if (kind == "labels" and not labels) or not all(isinstance(x, str) and x for x in labels):
        raise FormatError(
            f"{what}: 'value.{key}' must be a list of label names, got {kind_of(value.get(key))}"
        )
    region: dict[str, Any] = {"id": str(rid), "labels": labels, "from_name": obj.get("from_name")}
    if kind == "choices":
        return region
    region["start"] = expect_int(value.get("start"), f"{what}: 'value.start'")
    region["end"] = expect_int(value.get("end"), f"{what}: 'value.end'")
    text = value.get("text")
    if text is not None and not isinstance(text, str):
        raise FormatError(f"{what}: 'value.text' must be text, got {kind_of(text)}")
    score = obj.get("score")
    region.update(
        text=text,
        origin=obj.get("origin"),
        score=float(score) if isinstance(score, int | float) and not isinstance(score, bool) else None,
        normalized=expect_object(obj.get("normalized"), f"{what}: 'normalized'") or None,
        frame=expect_object(obj.get("frame"), f"{what}: 'frame'"),
    )
    return region


def _trigger(
    region: dict[str, Any], chosen: list[str], event_types: set[str], prefix: str, problems: Problems
) -> FrameRecord:
    """The frame a trigger region starts: its label (or a per-region choice) the event type."""
    typed = [x for x in (*region["labels"], *chosen) if x in event_types]
    subs = [x for x in chosen if x not in event_types]
    fields = {k: v for k, v in region["frame"].items() if k not in OWN_FIELDS}
    fields.update(
        trigger_start=region["start"],
        trigger_end=region["end"],
        trigger_text=region["text"],
        event_type=typed[0] if typed else None,
        sub_event_type=subs[0] if subs else None,
    )
    if len(set(typed)) > 1 or len(set(subs)) > 1:
        problems.append(
            f"{prefix}: result {region['index']}: a trigger with several event or sub-event types "
            f"({', '.join(dict.fromkeys(typed + subs))}); a frame has one of each"
        )
    return FrameRecord(fields)


def _link(
    relation: dict[str, Any],
    what: str,
    article: AnnotatedArticle,
    trigger_of: dict[str, int],
    spans_of: dict[str, list[int]],
) -> None:
    """A relation from a trigger to a span as the role(s) its labels name. RAISES (FormatError)."""
    ends = [str(relation.get("from_id")), str(relation.get("to_id"))]
    for end, name in zip(ends, ("from_id", "to_id"), strict=True):
        if end not in trigger_of and end not in spans_of:
            raise FormatError(f"{what}: '{name}' '{end}' names no text region of this annotation")
    triggers = [e for e in ends if e in trigger_of]
    if len(triggers) != 1:
        both = "two triggers" if triggers else "two entity spans"
        raise FormatError(
            f"{what}: a relation between {both} ('{ends[0]}', '{ends[1]}'); one end must be an event trigger"
        )
    spans = spans_of[next(e for e in ends if e in spans_of)]
    roles = expect_list(relation.get("labels"), f"{what}: 'labels'")
    if not roles or not all(isinstance(r, str) and r for r in roles):
        raise FormatError(
            f"{what}: a relation needs its role as its label, got {kind_of(relation.get('labels'))}"
        )
    frame = article.frames[trigger_of[triggers[0]]]
    for role in roles:
        frame.roles.setdefault(role, []).extend(spans)
