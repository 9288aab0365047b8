"""The second held-out world gold set (`fixtures/world_holdout2`, `fixtures/gold_world_holdout2.json`):
fresh reports from 24 countries in neither the development set nor the first held-out set,
annotated with the development set's guidelines without running the suggester on them. Only
the shared structural checks live here; floors come once the suggester has met the set."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from gold_checks import (
    check_casualties_carry_outcomes_and_deaths,
    check_roles_are_gold_spans,
    check_spans_are_stored_slices,
    check_triggers_are_stored_slices_outside_headlines,
    load_project,
    places_and_words,
    read_gold,
)

FIXTURES = Path(__file__).parent / "fixtures"
HOLDOUT2 = FIXTURES / "world_holdout2"
GOLD = FIXTURES / "gold_world_holdout2.json"
EARLIER = {"gold_world.json", "gold_world_holdout.json"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_project(tmp_path_factory.mktemp("holdout2") / "holdout2.db", HOLDOUT2, GOLD)


def test_every_file_is_annotated_and_every_span_is_its_stored_slice(project: Path) -> None:
    check_spans_are_stored_slices(project, HOLDOUT2, read_gold(GOLD))


def test_every_trigger_is_its_stored_slice_and_none_is_in_a_headline(project: Path) -> None:
    check_triggers_are_stored_slices_outside_headlines(project, read_gold(GOLD))


def test_roles_point_at_gold_spans() -> None:
    check_roles_are_gold_spans(read_gold(GOLD))


def test_every_casualty_span_carries_an_outcome_and_a_death_count() -> None:
    check_casualties_carry_outcomes_and_deaths(read_gold(GOLD), 100)


def test_the_set_follows_the_development_set() -> None:
    doc, dev = read_gold(GOLD), read_gold(FIXTURES / "gold_world.json")
    assert set(doc) == set(dev) and doc["guidelines"] == dev["guidelines"]
    assert doc["annotator"] == dev["annotator"]
    places = places_and_words(HOLDOUT2, doc)
    assert len({a["country"] for a in doc["articles"]}) == len(doc["articles"]) == 24
    assert len({s["normalized"]["country"] for s in places}) >= 12
    actors = [s for a in doc["articles"] for s in a["spans"] if s["label"] == "ACTOR"]
    assert all(isinstance(s["normalized"]["generic"], bool) for s in actors)
    frames = [e for a in doc["articles"] for e in a["events"]]
    assert len({e["event_type"] for e in frames}) == 6  # every ACLED event type occurs
    assert Counter(e["event_type"] for e in frames).most_common(1)[0][1] < len(frames) / 2


def test_its_countries_are_new_to_the_earlier_sets() -> None:
    doc = read_gold(GOLD)
    earlier = {a["country"] for name in EARLIER for a in read_gold(FIXTURES / name)["articles"]}
    assert not {a["country"] for a in doc["articles"]} & earlier
