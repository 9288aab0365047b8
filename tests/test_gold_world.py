"""The multi-country gold set (`fixtures/world`, `fixtures/gold_world.json`) loads the way a
user loads it, points at the text it names, is as broad as issue 12 asks, and can be
evaluated. No floors for the suggester here: they belong with the work that raises them.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.formats.base import origin_file
from annotator.nlp.normalise.casualties import ABDUCTED, DETAINED, INJURED, KILLED, KILLED_OR_INJURED
from annotator.nlp.pipeline import MODEL_CANDIDATES
from annotator.services.evaluation import evaluate
from annotator.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
WORLD = FIXTURES / "world"
GOLD = FIXTURES / "gold_world.json"
HAS_MODEL = any(importlib.util.find_spec(name) for name in MODEL_CANDIDATES)


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), terminal_width=120)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("world") / "world.db"
    imported = run("import", str(WORLD), "--db", str(db), "--create")
    assert "failed 0" in imported, imported
    loaded = run("load-annotations", str(GOLD), "--db", str(db))
    assert f"loaded annotations for {len(gold()['articles'])} articles" in loaded, loaded
    return db


def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def stored_ids(store: Store) -> dict[str, int]:
    """The stored articles' ids by the name of the file each was imported from."""
    return {origin_file(str(store.article(i)["origin"])): i for i in store.article_ids()}


def test_every_file_is_annotated_and_every_span_is_its_stored_slice(project: Path) -> None:
    entries = {a["file"]: a for a in gold()["articles"]}
    assert set(entries) == {p.name for p in WORLD.glob("*.txt")}
    with Store(project) as store:
        ids = stored_ids(store)
        assert set(ids) == set(entries)
        for name, entry in entries.items():
            article = store.article(ids[name])
            text = article["text"]
            assert article["published_at"] == entry["published_at"], name
            stored = store.spans(ids[name], annotator="gold")
            assert len(stored) == len(entry["spans"]), name
            for span in entry["spans"]:
                assert text[span["start"] : span["end"]] == span["text"], (name, span)
            assert {(s["start"], s["end"], s["label"]) for s in stored} == {
                (s["start"], s["end"], s["label"]) for s in entry["spans"]
            }, name
            assert len(store.events(ids[name], annotator="gold")) == len(entry["events"]), name


def test_the_set_is_broad_enough() -> None:
    articles = gold()["articles"]
    assert len(articles) >= 44
    for path in WORLD.glob("*.txt"):  # short reports, as the issue asks
        assert 80 <= len(path.read_text(encoding="utf-8").split()) <= 250, path.name
    assert len({a["country"] for a in articles}) >= 14
    places = [s for a in articles for s in a["spans"] if s["label"] == "LOCATION"]
    assert all(s["normalized"]["country"] and "admin1" in s["normalized"] for s in places)
    assert len({s["normalized"]["country"] for s in places}) >= 14
    labels = Counter(s["label"] for a in articles for s in a["spans"])
    assert labels["ACTOR"] >= 200 and labels["LOCATION"] >= 150
    frames = [e for a in articles for e in a["events"]]
    assert len(frames) >= 50
    assert len({e["event_type"] for e in frames}) == 6  # every ACLED event type occurs


def test_every_casualty_span_carries_an_outcome_and_a_death_count() -> None:
    outcomes = {KILLED, INJURED, KILLED_OR_INJURED, ABDUCTED, DETAINED}
    spans = [s for a in gold()["articles"] for s in a["spans"] if s["label"] == "CASUALTY"]
    assert len(spans) >= 150
    for span in spans:
        value = span["normalized"]
        assert value["outcome"] in outcomes, span
        assert isinstance(value["fatalities"], int) and value["fatalities"] >= 0, span
        assert value["outcome"] == KILLED or value["fatalities"] == 0, span  # deaths only


def test_every_trigger_is_its_stored_slice_and_none_is_in_a_headline(project: Path) -> None:
    with Store(project) as store:
        texts = {name: store.article(i)["text"] for name, i in stored_ids(store).items()}
    for entry in gold()["articles"]:
        text = texts[entry["file"]]
        for event in entry["events"]:
            trigger = event["trigger"]
            assert text[trigger["start"] : trigger["end"]] == trigger["text"], (entry["file"], trigger)
            assert trigger["start"] > text.index("\n"), (entry["file"], trigger)


def test_evaluate_runs_on_the_set(project: Path) -> None:
    run("suggest", "--db", str(project), "--model", "rules-only")
    printed = run("evaluate", "--db", str(project), "--gold", "gold")
    assert f"suggestions against gold on {len(gold()['articles'])} articles" in printed
    for label in ("ACTOR", "LOCATION", "CASUALTY", "DATE", "PERSON", "WEAPON"):
        assert label in printed
    assert "event-type accuracy" in printed


@pytest.mark.skipif(not HAS_MODEL, reason="no pretrained English pipeline installed")
def test_floors_on_the_world_set_beside_plain_spacy(tmp_path: Path) -> None:
    """The multi-country floors (issue 12), just under what the suggester reaches, with plain
    spaCy's figures from the same run: the suggester must stay ahead of it."""
    db = tmp_path / "world.db"
    run("import", str(WORLD), "--db", str(db), "--create")
    run("load-annotations", str(GOLD), "--db", str(db))
    run("suggest", "--db", str(db))
    with Store(db) as store:
        report = evaluate(store, "gold", baseline=True)
    exact, base = report.exact, report.baseline_exact
    assert base is not None
    floors = {"ACTOR": 0.65, "LOCATION": 0.87, "DATE": 0.9, "CASUALTY": 0.6, "WEAPON": 0.85, "PERSON": 0.6}
    for label, floor in floors.items():
        assert exact[label].f1 >= floor, (label, exact[label])
    for label in ("ACTOR", "LOCATION", "DATE", "PERSON"):
        assert exact[label].f1 > base[label].f1, (label, exact[label], base[label])
    assert exact["ACTOR"].recall >= base["ACTOR"].recall
    assert exact["WEAPON"].precision >= 0.9
    events = report.events
    assert events.detection.precision >= 0.7 and events.detection.recall >= 0.82
    assert events.type_accuracy >= 0.8
    assert report.fields["country"].accuracy >= 0.83 and report.fields["event_date"].accuracy >= 0.85
    assert report.places["country"].accuracy >= 0.86
