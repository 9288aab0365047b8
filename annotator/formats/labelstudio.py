"""Label Studio: JSON tasks with every annotator's annotations and the suggester's
predictions, and the labeling config generated from the codebook (`labelstudio_config`).

Export writes two files: `labelstudio_tasks.json`, a JSON list with one task per line, and
`labelstudio_config.xml`, the labeling config to paste into the project's Labeling Interface
(Settings > Labeling Interface > Code) before importing the tasks. A task:

    {"id": article id,
     "data": {"text": the article text, "title", "source", "url", "published_at",
              "article_id", "content_hash"},
     "annotations": [                                  one per annotator with work on it
        {"id": n, "completed_by": {"email": NAME, or NAME@annotator.invalid when NAME is no address},
         "ground_truth": true for the gold annotator, "was_cancelled": false,
         "result": [REGION..., RELATION...]}],
     "predictions": [                                  the suggester's pending suggestions
        {"model_version": the suggestion run's version, "score": mean span score,
         "result": [REGION..., RELATION...]}]}

    REGION (a span):    {"id": "s<i>", "from_name": "label", "to_name": "text", "type": "labels",
                         "origin": "manual" | "prediction", "score"?: (predictions),
                         "value": {"start", "end", "text", "labels": [LABEL]},
                         "normalized"?: {...}}                      annotator's extension
    REGION (a trigger): {"id": "t<n>", "from_name": "event", ..., "value": {"start", "end", "text",
                         "labels": [EVENT TYPE or "No event type"]},
                         "frame"?: {the frame's other fields: event_date, fatalities, ...}}
                        plus, with a sub-event type, {"id": "t<n>", "from_name": "sub_event_type",
                         "type": "choices", "value": {"start", "end", "text", "choices": [SUB]}}
    RELATION (a role):  {"from_id": "t<n>", "to_id": "s<i>", "type": "relation",
                         "direction": "right", "labels": [ROLE]}

Label Studio's import matches `completed_by` to the organization's members by e-mail and
refuses the whole file ("Unknown annotator's email ...") when one is not a member: invite each
annotator under that address, or export `--annotator suggester --all-articles` (predictions
only, to pre-annotate) or `--annotator NAME` / `--gold` (one annotator's work).

Offsets are code points, as Label Studio stores them since 2022 (older versions counted
UTF-16 units: the reader maps such offsets back when the region's text shows it). A frame
without a trigger has no region to start its relations from: it is not written, and the
report counts and names it. `normalized` and `frame` are annotator's keys: Label Studio
keeps them through import and export but drops them from a region an annotator edits.

Import reads such an export (Label Studio's own JSON export, `completed_by` an int user id
or an object with an email, `predictions` with `model_version` and `score`; legacy
`completions` too): each annotation is one record, its annotator named by `completed_by`
(an email as written, `NAME@annotator.invalid` as NAME, a user id N as `labelstudio-user-N`),
a cancelled (skipped) one is ignored; a task's predictions together are one record of
suggestions. The text is `data[key]`, the key being the `$value` of the `<Text>` tag of a
labeling config beside the file (`labelstudio_config.xml`, `label_config.xml` or the JSON
file's name with `.xml`), else `data.text`, else the regions' `to_name`. A region is a
trigger when it comes from the `event` control or its label is an event type (or
"Trigger": its event type is then a per-region choice); its relations' labels are roles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any, TextIO

from annotator.core.annotated import AnnotatedArticle, FrameRecord
from annotator.core.model import EVENT_FIELDS, GOLD, SUGGESTER_ANNOTATOR
from annotator.formats.labelstudio_config import (
    EVENT_CONTROL,
    LABEL_CONTROL,
    SUB_EVENT_CONTROL,
    TEXT_NAME,
    UNTYPED_EVENT,
    labeling_config,
)
from annotator.formats.registry import ArticleExporter, ExportJob, ExportReport, exporter

TASKS_FILE = "labelstudio_tasks.json"
CONFIG_FILE = "labelstudio_config.xml"
EMAIL_DOMAIN = "annotator.invalid"  # names of our annotators dressed as e-mail addresses
#: Frame fields a trigger region says itself (offsets, label, sub-event choice) or the store sets.
OWN_FIELDS = frozenset(
    {"trigger_start", "trigger_end", "trigger_text", "event_type", "sub_event_type", "status", "same_as"}
)
NO_TRIGGER = "frames without a trigger are not in Label Studio's tasks (relations start at a region)"


@dataclass
class _State:
    handle: TextIO
    task: dict[str, Any] | None = None
    tasks: int = 0
    annotations: int = 0
    users: dict[str, int] = field(default_factory=dict)


@exporter
class LabelStudioExporter(ArticleExporter[_State]):
    name = "labelstudio"
    description = (
        "Label Studio JSON tasks (every annotator's annotations, suggestions as predictions) and config"
    )
    team = True  # a task gathers an article's records, one per annotator and the suggester's

    def begin(self, job: ExportJob) -> _State:
        job.open(CONFIG_FILE).write(labeling_config(job.codebook))
        handle = job.open(TASKS_FILE)
        handle.write("[")
        return _State(handle)

    def write(self, job: ExportJob, state: _State, number: int, article: AnnotatedArticle) -> None:
        if state.task is not None and state.task["id"] != article.meta.get("id"):
            _flush(job, state)
        if state.task is None:
            state.task = _task(article)
        if article.annotator == SUGGESTER_ANNOTATOR:
            state.task["predictions"].append(_prediction(article, job.report))
        elif article.annotator:
            state.annotations += 1
            state.users.setdefault(article.annotator, len(state.users) + 1)
            state.task["annotations"].append(
                {
                    "id": state.annotations,
                    "completed_by": completed_by(article.annotator),
                    "ground_truth": article.annotator == GOLD,
                    "was_cancelled": False,
                    "result": results(article, job.report),
                }
            )
            job.report.counts["annotations"] += 1

    def finish(self, job: ExportJob, state: _State) -> None:
        if state.task is not None:
            _flush(job, state)
        state.handle.write("\n]\n")
        job.report.counts["annotators"] = len(state.users)


def _flush(job: ExportJob, state: _State) -> None:
    state.handle.write(("," if state.tasks else "") + "\n" + json.dumps(state.task, ensure_ascii=False))
    state.tasks += 1
    job.report.counts["tasks"] += 1
    state.task = None


def _task(article: AnnotatedArticle) -> dict[str, Any]:
    meta = article.meta
    data = {TEXT_NAME: article.text}
    data.update({k: meta.get(k) for k in ("title", "source", "url", "published_at")})
    data.update(article_id=meta.get("id"), content_hash=meta.get("content_hash"))
    return {"id": meta.get("id"), "data": data, "annotations": [], "predictions": []}


def completed_by(name: str) -> dict[str, Any]:
    """Label Studio's user object for annotator `name`: by e-mail, as Label Studio's import
    matches it to a member of the organization (an id would be matched to its own user ids)."""
    return {"email": name if "@" in name else f"{name}@{EMAIL_DOMAIN}"}


def _prediction(article: AnnotatedArticle, report: ExportReport) -> dict[str, Any]:
    scores = [s.score for s in article.spans if s.score is not None]
    prediction: dict[str, Any] = {"model_version": str(article.meta.get("model_version") or "annotator")}
    if scores:
        prediction["score"] = round(fmean(scores), 6)
    prediction["result"] = results(article, report, predicted=True)
    report.counts["predictions"] += 1
    return prediction


def results(
    article: AnnotatedArticle, report: ExportReport, *, predicted: bool = False
) -> list[dict[str, Any]]:
    """The regions and relations of one annotator's (or the suggester's) work on an article."""
    text, out, relations = article.text, [], []
    kind = "suggested" if predicted else ""
    for i, span in enumerate(article.spans):
        region = _region(f"s{i}", LABEL_CONTROL, span.start, span.end, text, [span.label])
        if predicted:
            if span.score is not None:
                region["score"] = span.score
        else:
            region["origin"] = "manual" if span.status == "manual" else "prediction"
        if span.normalized:
            region["normalized"] = span.normalized
        out.append(region)
    report.counts[f"{kind}_spans".lstrip("_")] += len(article.spans)
    for n, frame in enumerate(article.frames):
        written = _frame(f"t{n}", frame, text, out, relations)
        if not written:
            report.counts["frames_without_trigger"] += 1
            frame_name = frame.fields.get("event_type") or "no event type"
            where = f"article {article.meta.get('id')}: {article.annotator}'s frame '{frame_name}'"
            report.notes.append(f"{where} has no trigger: not written ({NO_TRIGGER})")
        else:
            report.counts[f"{kind}_frames".lstrip("_")] += 1
    return out + relations


def _region(rid: str, control: str, start: int, end: int, text: str, labels: list[str]) -> dict[str, Any]:
    value = {"start": start, "end": end, "text": text[start:end], "labels": labels}
    return {"id": rid, "from_name": control, "to_name": TEXT_NAME, "type": "labels", "value": value}


def _frame(
    rid: str, frame: FrameRecord, text: str, out: list[dict[str, Any]], relations: list[dict[str, Any]]
) -> bool:
    fields = frame.fields
    start, end = fields.get("trigger_start"), fields.get("trigger_end")
    if start is None or end is None:
        return False
    region = _region(rid, EVENT_CONTROL, start, end, text, [fields.get("event_type") or UNTYPED_EVENT])
    extra = {k: v for k, v in fields.items() if k in EVENT_FIELDS and k not in OWN_FIELDS and v is not None}
    if extra:
        region["frame"] = extra
    out.append(region)
    if fields.get("sub_event_type"):
        value = {"start": start, "end": end, "text": text[start:end], "choices": [fields["sub_event_type"]]}
        out.append(
            {
                "id": rid,
                "from_name": SUB_EVENT_CONTROL,
                "to_name": TEXT_NAME,
                "type": "choices",
                "value": value,
            }
        )
    for role, indices in frame.roles.items():
        for i in dict.fromkeys(indices):
            relations.append(
                {"from_id": rid, "to_id": f"s{i}", "type": "relation", "direction": "right", "labels": [role]}
            )
    return True
