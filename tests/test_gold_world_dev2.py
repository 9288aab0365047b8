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
