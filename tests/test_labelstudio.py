"""Label Studio: the tasks and labeling config we export, read back; a documented export read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.codebook import load_codebook
from annotator.core.model import GOLD, SUGGESTER_ANNOTATOR
from annotator.formats.labelstudio import CONFIG_FILE, TASKS_FILE
from annotator.paths import default_codebook_path
from annotator.services.annotations_json import load_annotations
from annotator.services.collect import collect
from annotator.services.importing import import_paths
from annotator.store import Store

BOOK = load_codebook(default_codebook_path())
GOLD_FILE = Path(__file__).parent / "fixtures" / "gold_seeds.json"
DOCUMENTED = Path(__file__).parent / "fixtures" / "labelstudio"
EXPORT = "project-3-at-2024-07-29-11-30-5f2a9c1e.json"
runner = CliRunner()


@pytest.fixture
def team(tmp_path: Path, seeds: Path) -> Path:
    """The demo articles with gold's work on all, ana's (hand-drawn spans, a normalised date,
    a frame with fields and roles) on the first, and pending suggestions on the second."""
    path = tmp_path / "team.db"
    with Store(path) as store:
        import_paths(store, [seeds])
        load_annotations(store, GOLD_FILE)
        first, second = store.article_ids()[:2]
        text = store.article(first)["text"]
        where = text.index("Taliban")
        actor = store.add_span(first, "ana", where, where + 7, "ACTOR")
        date = store.add_span(
            first,
            "ana",
            177,
            183,
            "DATE",
            status="accepted",
            normalized={"date": "2021-06-07", "precision": 1},
        )
        event = store.add_event(
            first,
            "ana",
            {
                "trigger_start": 0,
                "trigger_end": 5,
                "trigger_text": text[:5],
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "event_date": "2021-06-07",
                "fatalities": 150,
                "notes": "ana's note",
                "status": "manual",
            },
        )
        store.add_argument(event, "actor1", actor, "ana")
        store.add_argument(event, "date", date, "ana")
        store.add_event(first, "ana", {"event_type": "Protests", "status": "manual"})  # no trigger
        store.set_status(first, "ana", "done")
        store.replace_suggestions(
            second,
            SUGGESTER_ANNOTATOR,
            "rules-7",
            "en_core_web_sm",
            [
                {
                    "start": 0,
                    "end": 4,
                    "label": "LOCATION",
                    "origin": "rule",
                    "score": 0.75,
                    "normalized": None,
                },
                {
                    "start": 10,
                    "end": 14,
                    "label": "ACTOR",
                    "origin": "model",
                    "score": 0.5,
                    "normalized": None,
                },
            ],
            [
                {
                    "fields": {"trigger_start": 5, "trigger_end": 9, "event_type": "Riots"},
                    "roles": {"actor1": [1]},
                }
            ],
        )
    return path


def work(store: Store, annotator: str) -> dict[str, Any]:
    """An annotator's spans (with status and normalised value) and frames (fields and roles
    by their spans' offsets) per article text, independent of ids."""
    result = {}
    for article in collect(store, annotator, only_done=False):
        spans = sorted((s.start, s.end, s.label, s.status, json.dumps(s.normalized)) for s in article.spans)
        frames = sorted(
            (
                json.dumps(
                    {k: v for k, v in f.fields.items() if v is not None and k != "status"}, sort_keys=True
                ),
                sorted(
                    (role, sorted((article.spans[i].start, article.spans[i].end) for i in idx))
                    for role, idx in f.roles.items()
                ),
            )
            for f in article.frames
        )
        if spans or frames:
            result[article.text] = (spans, frames)
    return result


def suggestions(store: Store) -> dict[str, Any]:
    result = {}
    for article_id in store.article_ids():
        spans = store.spans(article_id, annotator=SUGGESTER_ANNOTATOR, statuses=["suggested"])
        if not spans:
            continue
        by_id = {s["id"]: (s["start"], s["end"], s["label"]) for s in spans}
        events = store.events(article_id, annotator=SUGGESTER_ANNOTATOR)
        arguments = store.arguments_of([e["id"] for e in events])
        frames = sorted(
            (
                e["trigger_start"],
                e["event_type"],
                sorted((a["role"], by_id[a["span_id"]]) for a in arguments[e["id"]]),
            )
            for e in events
        )
        result[store.article(article_id)["text"]] = (
            sorted((*by_id[s["id"]], s["score"]) for s in spans),
            frames,
            store.suggestion_version(article_id),
        )
    return result


def export(project: Path, out: Path, *extra: str) -> Any:
    result = runner.invoke(app, ["export", "labelstudio", "--db", str(project), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result


def test_a_project_round_trips_through_label_studio_tasks(team: Path, tmp_path: Path) -> None:
    out = tmp_path / "ls"
    result = export(team, out)
    assert f"wrote {out / TASKS_FILE}" in result.stdout and f"wrote {out / CONFIG_FILE}" in result.stdout
    assert "  frames without trigger: 1" in result.stdout
    assert "has no trigger: not written" in result.stdout
    copy = tmp_path / "copy.db"
    result = runner.invoke(app, ["import", str(out / TASKS_FILE), "--db", str(copy), "--create"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "into 5 articles for 2 annotators (ana, gold) (5 new, 6 marked done, 0 ignored); failed 0; "
        "2 suggested spans and 1 suggested frames\n"
    )
    with Store(team) as before, Store(copy) as after:
        assert {a["name"] for a in after.annotators()} == {GOLD, "ana", SUGGESTER_ANNOTATOR}
        for name in (GOLD, "ana"):
            expected = work(before, name)
            if name == "ana":  # the frame without a trigger is the one thing lost
                [(text, (spans, frames))] = expected.items()
                expected = {text: (spans, [f for f in frames if "trigger_start" in f[0]])}
            assert work(after, name) == expected, name
        assert suggestions(after) == suggestions(before)
        done = {(i, a) for i in before.article_ids() for a in (GOLD, "ana") if before.status(i, a) == "done"}
        texts = {before.article(i)["text"]: i for i in before.article_ids()}
        moved = {
            (texts[after.article(i)["text"]], a)
            for i in after.article_ids()
            for a in (GOLD, "ana")
            if after.status(i, a) == "done"
        }
        assert moved == done


def test_the_tasks_are_what_label_studio_reads(team: Path, tmp_path: Path) -> None:
    """Every region names a control of the config, its to_name and one of its labels, and
    every relation joins two regions of its annotation (the rules of label-studio-sdk's
    `LabelInterface.validate_region` / `validate_relation`)."""
    label_config = pytest.importorskip("label_studio_tools.core.label_config")
    out = tmp_path / "ls"
    export(team, out, "--all-articles")
    xml = (out / CONFIG_FILE).read_text(encoding="utf-8")
    parsed = label_config.parse_config(xml)
    relations = [r.get("value") for r in ET.fromstring(xml).iter("Relation")]
    assert relations == [role.name for role in BOOK.roles]
    assert parsed["label"]["labels"] == [label.name for label in BOOK.labels]
    assert parsed["label"]["labels_attrs"]["ACTOR"]["background"] == BOOK.label("ACTOR").color
    assert parsed["event"]["labels"] == [*(e.name for e in BOOK.event_types), "No event type"]
    subs = {s.name for e in BOOK.event_types for s in e.sub_event_types}
    assert set(parsed["sub_event_type"]["labels"]) == subs
    assert parsed["sub_event_type"]["conditionals"] == {"type": "tag", "name": "event"}
    assert all(c["inputs"] == [{"type": "Text", "value": "text"}] for c in parsed.values())
    tasks = json.loads((out / TASKS_FILE).read_text(encoding="utf-8"))
    assert len(tasks) == 5 and all(isinstance(t["data"]["text"], str) for t in tasks)
    checked = 0
    for task in tasks:
        for annotation in task["annotations"] + task["predictions"]:
            ids = {r["id"] for r in annotation["result"] if r["type"] != "relation"}
            for region in annotation["result"]:
                if region["type"] == "relation":
                    assert region["direction"] in ("left", "right", "bi")
                    assert region["from_id"] in ids and region["to_id"] in ids
                    assert set(region["labels"]) <= set(relations)
                    continue
                control = parsed[region["from_name"]]
                assert region["type"] == control["type"].lower()
                assert region["to_name"] in control["to_name"]
                value = region["value"]
                assert task["data"]["text"][value["start"] : value["end"]] == value["text"]
                assert set(value.get("labels") or value["choices"]) <= set(control["labels"])
                checked += 1
    assert checked > 250


def test_one_annotator_and_gold_as_ground_truth(team: Path, tmp_path: Path) -> None:
    out = tmp_path / "ls"
    export(team, out, "--gold")
    tasks = json.loads((out / TASKS_FILE).read_text(encoding="utf-8"))
    annotations = [a for t in tasks for a in t["annotations"]]
    assert len(annotations) == 5 and not any(t["predictions"] for t in tasks)
    # Label Studio's import matches completed_by to its members by e-mail
    assert all(a["ground_truth"] for a in annotations)
    assert all(a["completed_by"] == {"email": "gold@annotator.invalid"} for a in annotations)


def test_suggestions_alone_to_pre_annotate(team: Path, tmp_path: Path) -> None:
    out = tmp_path / "ls"
    result = runner.invoke(app, ["export", "labelstudio", "--db", str(team), "--annotator", "suggester"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no articles marked done by 'suggester' to export (use --all-articles to include unfinished)\n"
    )
    export(team, out, "--annotator", "suggester", "--all-articles")
    tasks = json.loads((out / TASKS_FILE).read_text(encoding="utf-8"))
    assert len(tasks) == 5 and not any(t["annotations"] for t in tasks)
    [prediction] = [p for t in tasks for p in t["predictions"]]
    assert prediction["model_version"] == "rules-7" and prediction["score"] == 0.625
    assert [r["type"] for r in prediction["result"]] == ["labels", "labels", "labels", "relation"]


def test_a_documented_export_imports_with_its_annotators_roles_and_predictions(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(DOCUMENTED, folder)
    project = tmp_path / "p.db"
    result = runner.invoke(app, ["import", str(folder / EXPORT), "--db", str(project), "--create"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{folder / EXPORT} (labelstudio): imported 9 spans and 2 frames into 2 articles "
        "for 2 annotators (labelstudio-user-10, sara@example.org) (2 new, 3 marked done, 1 ignored); "
        "failed 0; 3 suggested spans and 0 suggested frames\n"
    )
    with Store(project) as store:
        names = {a["name"] for a in store.annotators()}
        assert names == {"labelstudio-user-10", "sara@example.org", SUGGESTER_ANNOTATOR}
        first, second = store.article_ids()
        assert store.article(first)["title"] == "Clashes in Goma"
        user = work(store, "labelstudio-user-10")
        text = store.article(first)["text"]
        spans, [(fields, roles)] = user[text]
        assert json.loads(fields) == {
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "trigger_start": 0,
            "trigger_end": 7,
            "trigger_text": "Clashes",
        }
        at = {role: [text[s:e] for s, e in where] for role, where in roles}
        assert at == {
            "actor1": ["M23 rebels"],
            "actor2": ["the army"],
            "date": ["Tuesday"],
            "fatalities": ["12 soldiers"],
            "location": ["Goma"],
        }
        assert {s[3] for s in spans} == {"manual"}
        other = store.article(second)["text"]
        [(fields, roles)] = user[other][1]
        assert json.loads(fields)["event_type"] == "Protests"
        assert json.loads(fields)["sub_event_type"] == "Peaceful protest"
        assert {role: [other[s:e] for s, e in where] for role, where in roles} == {
            "actor1": ["teachers"],
            "location": ["Lilongwe"],
        }
        assert [s[:4] for s in work(store, "sara@example.org")[text][0]] == [
            (21, 25, "LOCATION", "manual"),
            (45, 55, "ACTOR", "manual"),
        ]
        assert "labelstudio-user-3" not in names  # the skipped annotation is no decision
        [(spans, _, version)] = suggestions(store).values()
        assert spans == [(21, 25, "LOCATION", 0.91), (29, 36, "DATE", 0.8), (45, 55, "ACTOR", 0.5)]
        assert version == "ner-v1+ner-v2"


def broken(tmp_path: Path, tasks: Any) -> tuple[Path, Any]:
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(tasks, indent=2), encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(path), "--format", "labelstudio", "--db", str(tmp_path / "p.db"), "--create"]
    )
    return path, result


def test_broken_tasks_are_refused_naming_the_file_and_the_task(tmp_path: Path) -> None:
    text = "Rebels attacked Goma."
    good = {
        "value": {"start": 0, "end": 6, "text": "Rebels", "labels": ["ACTOR"]},
        "id": "a",
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
    }
    bad_start = {**good, "id": "b", "value": {"start": "16", "end": 20, "labels": ["LOCATION"]}}
    dangling = {"from_id": "a", "to_id": "zz", "type": "relation", "direction": "right", "labels": ["actor1"]}
    two_spans = {"from_id": "a", "to_id": "a", "type": "relation", "direction": "right", "labels": ["actor1"]}
    tasks = [
        {
            "id": 1,
            "data": {"text": text},
            "annotations": [{"completed_by": 1, "result": [good, bad_start, dangling]}],
        },
        {"id": 2, "data": {"body": text}, "annotations": []},
        {
            "id": 3,
            "data": {"text": text},
            "annotations": [{"result": [good]}, {"completed_by": 4, "result": [good, two_spans]}],
        },
        {"id": 4, "data": {"text": text}, "annotations": [{"completed_by": 5, "result": [good]}]},
    ]
    path, result = broken(tmp_path, tasks)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {path}:2: task 0 (id 1): annotation 0 (by labelstudio-user-1): result 1: "
        "'value.start' must be a whole number, got text ('16')\n"
        f"error: {path}:2: task 0 (id 1): annotation 0 (by labelstudio-user-1): result 2: "
        "'to_id' 'zz' names no text region of this annotation\n"
        f"error: {path}:51: task 1 (id 2): no article text: 'data' has no text under 'text' "
        "(its keys: body)\n"
        f"error: {path}:58: task 2 (id 3): annotation 0: 'completed_by' must be a user id or an object "
        "with an email, got null\n"
        f"error: {path}:58: task 2 (id 3): annotation 1 (by labelstudio-user-4): result 1: "
        "a relation between two entity spans ('a', 'a'); one end must be an event trigger\n"
    )
    assert result.stdout == (
        f"{path} (labelstudio): imported 1 spans and 0 frames into 1 articles "
        "(1 new, 1 marked done, 0 ignored); failed 4\n"
    )


def test_a_file_that_is_no_task_list_is_one_error(tmp_path: Path) -> None:
    path, result = broken(tmp_path, {"data": {"text": "x"}})
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}: a Label Studio export is a list of tasks, got an object\n"
    path.write_text('[{"data": {"text": "x"}},', encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(path), "--format", "labelstudio", "--db", str(tmp_path / "p.db"), "--create"]
    )
    assert result.stderr.startswith(f"error: {path}:1: invalid JSON (")


def test_offsets_in_utf16_units_are_mapped_to_code_points() -> None:
    from annotator.formats.labelstudio_reader import code_points

    text = "\U0001f4a5 Rebels attacked Goma."
    assert code_points(text, 19, 23, "Goma") == (18, 22)  # Label Studio before 2022 counted 2 for the emoji
    assert code_points(text, 18, 22, "Goma") == (18, 22)
    assert code_points(text, 19, 23, None) == (19, 23)


def test_annotator_prefixes_the_annotators_the_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(DOCUMENTED, folder)
    project = tmp_path / "p.db"
    result = runner.invoke(
        app, ["import", str(folder / EXPORT), "--db", str(project), "--create", "--annotator", "ana"]
    )
    assert result.exit_code == 0, result.output
    with Store(project) as store:
        names = {a["name"] for a in store.annotators()}
        assert names == {"ana-labelstudio-user-10", "ana-sara@example.org", SUGGESTER_ANNOTATOR}
        first = store.article_ids()[0]
        assert len(store.spans(first, annotator="ana-sara@example.org")) == 2
        assert len(store.spans(first, annotator=SUGGESTER_ANNOTATOR)) == 3  # predictions: never prefixed
