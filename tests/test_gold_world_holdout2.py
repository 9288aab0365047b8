"""The second held-out world gold set (`fixtures/world_holdout2`, `fixtures/gold_world_holdout2.json`):
fresh reports from 24 countries in neither the development set nor the first held-out set,
annotated with the development set's guidelines without running the suggester on them. The
shared structural checks, and floors just under the figures the suggester reached the first
time it met the set (2026-12-03, rules version 11), without any rule tuned to it since."""

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
    doc = read_gold(GOLD)
    check_follows_the_development_set(HOLDOUT2, doc, read_gold(FIXTURES / "gold_world.json"))
    assert len({a["country"] for a in doc["articles"]}) == len(doc["articles"]) == 24


def test_its_countries_are_new_to_the_earlier_sets() -> None:
    doc = read_gold(GOLD)
    earlier = {a["country"] for name in EARLIER for a in read_gold(FIXTURES / name)["articles"]}
    assert not {a["country"] for a in doc["articles"]} & earlier


# What the suggester first reached here (2026-12-03, rules 11), exact boundaries: ACTOR F1 0.68,
# LOCATION P/R 0.97/0.93, WEAPON P 0.75, named organisations R/P 0.62/0.95 (plain spaCy R
# 0.27), attackers R 0.55, event types per article found/right 0.67/0.78. Measured again on
# 2026-12-04 (rules 13: the acronym rule and the classes fixed on world_dev2, a fresh
# diagnosis set; nothing here looked at since): ACTOR F1 0.71, LOCATION P/R 0.97/0.93, WEAPON
# P 0.85, named organisations R/P 0.72/0.96, attackers R 0.55, event types found/right
# 0.74/0.79, frame detection P/R 0.81/0.94 (0.85/0.90 before: more frames drafted). Still
# below issue 12's targets for event types (0.9/0.85) and WEAPON precision (0.9), so those are
# open; the floors sit just under the second measure.
HOLDOUT2_FLOORS = Floors(
    span_f1={"ACTOR": 0.69, "LOCATION": 0.93, "DATE": 0.90, "CASUALTY": 0.74, "WEAPON": 0.81, "PERSON": 0.78},
    named_precision=0.93,
    attacker_recall=0.52,
    location_recall=0.91,
    location_precision=0.95,
    weapon_precision=0.82,
    types_found=0.72,
    types_right=0.77,
    detection=(0.79, 0.92),
    type_accuracy=0.77,
    place_country=0.97,
    place_admin1=0.76,
)


@pytest.mark.skipif(not HAS_MODEL, reason="no pretrained English pipeline installed")
def test_floors_on_the_second_held_out_set_beside_plain_spacy(tmp_path: Path) -> None:
    report = suggested_report(tmp_path / "holdout2.db", HOLDOUT2, GOLD)
    check_floors(report, HOLDOUT2_FLOORS)
    assert report.casualties["outcome"].accuracy >= 0.98 and report.casualties["fatalities"].accuracy >= 0.98
