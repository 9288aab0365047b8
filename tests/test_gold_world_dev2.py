"""The second diagnosis world gold set (`fixtures/world_dev2`, `fixtures/gold_world_dev2.json`):
34 fresh reports from 33 countries in varied styles (wire, local press, NGO and UN updates,
police statements, several incidents per article), annotated with the development set's
guidelines before the suggester was run on them. Its first figures were a second held-out
measure; it has been used to find classes of errors since, so it is a development set now.
The shared structural checks, and floors just under what the suggester reaches on it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from gold_checks import (
    Floors,
    check_casualties_carry_outcomes_and_deaths,
    check_floors,
    check_follows_the_development_set,
    check_roles_are_gold_spans,
    check_spans_are_stored_slices,
    check_triggers_are_stored_slices_outside_headlines,
    load_project,
    read_gold,
    suggested_report,
)

from annotator.nlp.pipeline import MODEL_CANDIDATES

HAS_MODEL = any(importlib.util.find_spec(name) for name in MODEL_CANDIDATES)

FIXTURES = Path(__file__).parent / "fixtures"
DEV2 = FIXTURES / "world_dev2"
GOLD = FIXTURES / "gold_world_dev2.json"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_project(tmp_path_factory.mktemp("dev2") / "dev2.db", DEV2, GOLD)


def test_every_file_is_annotated_and_every_span_is_its_stored_slice(project: Path) -> None:
    check_spans_are_stored_slices(project, DEV2, read_gold(GOLD))


def test_every_trigger_is_its_stored_slice_and_none_is_in_a_headline(project: Path) -> None:
    check_triggers_are_stored_slices_outside_headlines(project, read_gold(GOLD))


def test_roles_point_at_gold_spans() -> None:
    check_roles_are_gold_spans(read_gold(GOLD))


def test_every_casualty_span_carries_an_outcome_and_a_death_count() -> None:
    check_casualties_carry_outcomes_and_deaths(read_gold(GOLD), 100)


def test_the_set_follows_the_development_set() -> None:
    doc = read_gold(GOLD)
    check_follows_the_development_set(DEV2, doc, read_gold(FIXTURES / "gold_world.json"))
    assert len(doc["articles"]) >= 30 and len({a["country"] for a in doc["articles"]}) >= 15


# The first figures, before any rule was changed for this set (2026-12-04, main at 97f3d7e), a
# second honest held-out measure: event types per article found/right 0.67/0.77, WEAPON P/R
# 0.85/0.78, all labels F1 0.82 (plain spaCy 0.43), ACTOR F1 0.69, LOCATION P/R 0.97/0.91, named
# organisations R/P 0.73/0.80 (plain spaCy R 0.30), attackers R 0.50, detection P/R 0.74/0.73.
# The classes of error found on it were fixed by general rules (tests/test_event_phrasing_world.py,
# tests/test_weapons_world.py); these floors sit just under what the suggester reaches since.
DEV2_FLOORS = Floors(
    span_f1={"ACTOR": 0.69, "LOCATION": 0.92, "DATE": 0.84, "CASUALTY": 0.72, "WEAPON": 0.9, "PERSON": 0.78},
    named_precision=0.78,
    attacker_recall=0.54,
    location_recall=0.9,
    location_precision=0.95,
    weapon_precision=0.95,
    types_found=0.94,
    types_right=0.96,
    detection=(0.8, 0.9),
    type_accuracy=0.97,
    place_country=0.96,
    place_admin1=0.8,
)


@pytest.mark.skipif(not HAS_MODEL, reason="no pretrained English pipeline installed")
def test_floors_on_the_second_diagnosis_set_beside_plain_spacy(tmp_path: Path) -> None:
    report = suggested_report(tmp_path / "dev2.db", DEV2, GOLD)
    check_floors(report, DEV2_FLOORS)
    assert report.casualties["outcome"].accuracy >= 0.97 and report.casualties["fatalities"].accuracy >= 0.97
