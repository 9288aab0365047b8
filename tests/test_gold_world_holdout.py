"""The held-out world gold set (`fixtures/world_holdout`, `fixtures/gold_world_holdout.json`):
reports nobody tuned the suggester to, annotated with the development set's guidelines. The
same structural checks as the development set, and floors just under the figures the
suggester reached the first time it met them (it was then used to find classes of errors,
so a fresh held-out set is the next honest measure)."""

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
HOLDOUT = FIXTURES / "world_holdout"
GOLD = FIXTURES / "gold_world_holdout.json"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_project(tmp_path_factory.mktemp("holdout") / "holdout.db", HOLDOUT, GOLD)


def test_every_file_is_annotated_and_every_span_is_its_stored_slice(project: Path) -> None:
    check_spans_are_stored_slices(project, HOLDOUT, read_gold(GOLD))


def test_every_trigger_is_its_stored_slice_and_none_is_in_a_headline(project: Path) -> None:
    check_triggers_are_stored_slices_outside_headlines(project, read_gold(GOLD))


def test_roles_point_at_gold_spans() -> None:
    check_roles_are_gold_spans(read_gold(GOLD))


def test_every_casualty_span_carries_an_outcome_and_a_death_count() -> None:
    check_casualties_carry_outcomes_and_deaths(read_gold(GOLD), 99)


def test_the_set_follows_the_development_set() -> None:
    doc = read_gold(GOLD)
    check_follows_the_development_set(HOLDOUT, doc, read_gold(FIXTURES / "gold_world.json"))


HOLDOUT_FLOORS = Floors(
    span_f1={"ACTOR": 0.75, "LOCATION": 0.88, "DATE": 0.88, "CASUALTY": 0.66, "WEAPON": 0.88, "PERSON": 0.74},
    named_precision=0.9,
    attacker_recall=0.64,
    location_recall=0.83,
    location_precision=0.94,
    weapon_precision=0.85,
    types_found=0.87,
    types_right=0.85,
    detection=(0.77, 0.9),
    type_accuracy=0.85,
    place_country=0.97,
    place_admin1=0.75,
)


@pytest.mark.skipif(not HAS_MODEL, reason="no pretrained English pipeline installed")
def test_floors_on_the_held_out_set_beside_plain_spacy(tmp_path: Path) -> None:
    report = suggested_report(tmp_path / "holdout.db", HOLDOUT, GOLD)
    check_floors(report, HOLDOUT_FLOORS)
    assert report.casualties["outcome"].accuracy >= 0.95 and report.casualties["fatalities"].accuracy >= 0.95
