"""Structural checks shared by the world gold sets (the development set and the held-out one):
each loads the way a user loads it, and every span and trigger is the stored slice it names."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from annotator.agreement.spans import EXACT
from annotator.cli import app
from annotator.formats.base import origin_file
from annotator.nlp.normalise.casualties import ABDUCTED, DETAINED, INJURED, KILLED, KILLED_OR_INJURED
from annotator.services.evaluation import Evaluation, evaluate
from annotator.store import Store


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), terminal_width=120)
    assert result.exit_code == 0, result.output
    return result.stdout


def read_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def load_project(db: Path, folder: Path, gold_path: Path) -> Path:
    """Import `folder` into a new project at `db` and load `gold_path` into it."""
    imported = run("import", str(folder), "--db", str(db), "--create")
    assert "failed 0" in imported, imported
    loaded = run("load-annotations", str(gold_path), "--db", str(db))
    assert f"loaded annotations for {len(read_gold(gold_path)['articles'])} articles" in loaded, loaded
    return db


def stored_ids(store: Store) -> dict[str, int]:
    """The stored articles' ids by the name of the file each was imported from."""
    return {origin_file(str(store.article(i)["origin"])): i for i in store.article_ids()}


def check_spans_are_stored_slices(db: Path, folder: Path, doc: dict) -> None:
    """Every file is annotated and every gold span is the stored text's slice."""
    entries = {a["file"]: a for a in doc["articles"]}
    assert set(entries) == {p.name for p in folder.glob("*.txt")}
    with Store(db) as store:
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


def check_triggers_are_stored_slices_outside_headlines(db: Path, doc: dict) -> None:
    with Store(db) as store:
        texts = {name: store.article(i)["text"] for name, i in stored_ids(store).items()}
    for entry in doc["articles"]:
        text = texts[entry["file"]]
        for event in entry["events"]:
            trigger = event["trigger"]
            assert text[trigger["start"] : trigger["end"]] == trigger["text"], (entry["file"], trigger)
            assert trigger["start"] > text.index("\n"), (entry["file"], trigger)


def check_roles_are_gold_spans(doc: dict) -> None:
    """Every role argument is one of its article's gold spans (text and offsets)."""
    for entry in doc["articles"]:
        spans = {(s["start"], s["end"], s["text"]) for s in entry["spans"]}
        for event in entry["events"]:
            for role, arguments in event["roles"].items():
                for arg in arguments:
                    assert (arg["start"], arg["end"], arg["text"]) in spans, (entry["file"], role, arg)


def check_casualties_carry_outcomes_and_deaths(doc: dict, minimum: int) -> None:
    """At least `minimum` CASUALTY spans, each with an outcome and a death count (deaths only
    when the outcome is killed)."""
    outcomes = {KILLED, INJURED, KILLED_OR_INJURED, ABDUCTED, DETAINED}
    spans = [s for a in doc["articles"] for s in a["spans"] if s["label"] == "CASUALTY"]
    assert len(spans) >= minimum
    for span in spans:
        value = span["normalized"]
        assert value["outcome"] in outcomes, span
        assert isinstance(value["fatalities"], int) and value["fatalities"] >= 0, span
        assert value["outcome"] == KILLED or value["fatalities"] == 0, span  # deaths only


def places_and_words(folder: Path, doc: dict) -> list[dict]:
    """Check each report is short (80-250 words) and return the set's LOCATION spans, each
    carrying a country and an admin1 key."""
    for path in folder.glob("*.txt"):
        assert 80 <= len(path.read_text(encoding="utf-8").split()) <= 250, path.name
    places = [s for a in doc["articles"] for s in a["spans"] if s["label"] == "LOCATION"]
    assert all(s["normalized"]["country"] and "admin1" in s["normalized"] for s in places)
    return places


def suggested_report(db: Path, folder: Path, gold_path: Path) -> Evaluation:
    """A new project of the set, suggested with the installed model, scored against gold
    beside plain spaCy."""
    load_project(db, folder, gold_path)
    run("suggest", "--db", str(db))
    with Store(db) as store:
        return evaluate(store, "gold", baseline=True)


@dataclass(frozen=True)
class Floors:
    """Issue 12's measures, each just under what the suggester reaches on one set."""

    span_f1: dict[str, float]
    named_precision: float
    attacker_recall: float
    location_recall: float
    location_precision: float
    weapon_precision: float
    types_found: float
    types_right: float
    detection: tuple[float, float]  # precision, recall
    type_accuracy: float
    place_country: float
    place_admin1: float


def check_floors(report: Evaluation, floors: Floors) -> None:
    """The floors hold, and the suggester stays ahead of plain spaCy from the same run."""
    exact, base, targets, plain = report.exact, report.baseline_exact, report.targets, report.baseline_targets
    assert base is not None and targets is not None and plain is not None
    for label, floor in floors.span_f1.items():
        assert exact[label].f1 >= floor, (label, exact[label])
    for label in ("ACTOR", "LOCATION", "DATE", "PERSON"):
        assert exact[label].f1 > base[label].f1, (label, exact[label], base[label])
    named = targets.named_actors[EXACT]
    assert named.recall >= plain.named_actors[EXACT].recall and named.precision >= floors.named_precision
    assert targets.attackers[EXACT].recall >= floors.attacker_recall
    assert exact["LOCATION"].recall >= floors.location_recall, exact["LOCATION"]
    assert exact["LOCATION"].precision >= floors.location_precision, exact["LOCATION"]
    assert exact["WEAPON"].precision >= floors.weapon_precision, exact["WEAPON"]
    types = report.article_types
    assert types.recall >= floors.types_found and types.precision >= floors.types_right, types
    detection = report.events.detection
    assert detection.precision >= floors.detection[0] and detection.recall >= floors.detection[1]
    assert report.events.type_accuracy >= floors.type_accuracy
    assert report.places["country"].accuracy >= floors.place_country
    assert report.places["admin1"].accuracy >= floors.place_admin1


def check_follows_the_development_set(folder: Path, doc: dict, development: dict) -> None:
    """A held-out set has the development set's shape and guidelines, 12 or more countries of
    articles and of places, every ACTOR marked named or generic, and every ACLED event type,
    none of them over half the frames."""
    assert set(doc) == set(development) and doc["guidelines"] == development["guidelines"]
    assert doc["annotator"] == development["annotator"]
    places = places_and_words(folder, doc)
    assert len({a["country"] for a in doc["articles"]}) >= 12
    assert len({s["normalized"]["country"] for s in places}) >= 12
    actors = [s for a in doc["articles"] for s in a["spans"] if s["label"] == "ACTOR"]
    assert all(isinstance(s["normalized"]["generic"], bool) for s in actors)
    frames = [e for a in doc["articles"] for e in a["events"]]
    assert len({e["event_type"] for e in frames}) == 6  # every ACLED event type occurs
    assert Counter(e["event_type"] for e in frames).most_common(1)[0][1] < len(frames) / 2
