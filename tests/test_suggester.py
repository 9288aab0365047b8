"""The suggestion engine on articles it has never seen, with and without the pretrained model."""

from __future__ import annotations

import importlib.util

import pytest

from annotator.core.codebook import load_codebook
from annotator.nlp.gazetteer import Gazetteer, default_gazetteer_dir
from annotator.nlp.pipeline import MODEL_CANDIDATES, ModelNotFoundError, load_pipeline
from annotator.nlp.suggester import Suggester
from annotator.paths import default_codebook_path

HAS_MODEL = any(importlib.util.find_spec(name) for name in MODEL_CANDIDATES)
needs_model = pytest.mark.skipif(not HAS_MODEL, reason="no pretrained English pipeline installed")

UNSEEN = (
    "KANDAHAR, Afghanistan — Taliban fighters captured the Arghandab district of Kandahar "
    "province on Thursday after heavy clashes with Afghan soldiers, officials said. "
    "At least eleven soldiers were killed and seven others wounded in the fighting.\n\n"
    "In a separate incident, a roadside bomb killed three civilians in Lashkar Gah, the capital "
    "of Helmand, yesterday, provincial spokesman Omar Zwak said.\n\n"
    "Separately, the NDS said it had arrested 12 suspected members of Islamic State Khorasan "
    "in Jalalabad last week."
)
PUBLISHED = "2021-06-12T09:00:00+04:30"  # a Saturday morning in Kabul


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(default_codebook_path())


@pytest.fixture(scope="module")
def suggester(codebook) -> Suggester:
    return Suggester.load(codebook)


@pytest.fixture(scope="module")
def rules_only(codebook) -> Suggester:
    return Suggester.load(codebook, model="rules-only")


def run(suggester: Suggester, text: str = UNSEEN, published: str | None = PUBLISHED):
    [result] = suggester.suggest([(1, text, published)])
    return result


def find(result, text: str, label: str):
    hits = [s for s in result.spans if s.text == text and s.label == label]
    assert hits, f"no {label} '{text}' in {[(s.text, s.label) for s in result.spans]}"
    return hits[0]


@pytest.mark.parametrize("which", ["suggester", "rules_only"])
def test_places_actors_dates_and_counts_on_an_unseen_article(which: str, request) -> None:
    if which == "suggester" and not HAS_MODEL:
        pytest.skip("no pretrained English pipeline installed")
    result = run(request.getfixturevalue(which))
    arghandab = find(result, "Arghandab", "LOCATION").normalized
    assert (arghandab["admin1"], arghandab["admin2"], arghandab["geo_precision"]) == (
        "Kandahar",
        "Arghandab",
        2,
    )
    assert find(result, "Kandahar", "LOCATION").normalized["geo_precision"] == 3
    lashkar = find(result, "Lashkar Gah", "LOCATION").normalized
    assert (lashkar["admin1"], lashkar["geo_precision"]) == ("Helmand", 1)
    assert find(result, "Taliban fighters", "ACTOR").normalized["inter"] == 2
    assert find(result, "NDS", "ACTOR").normalized["inter"] == 1
    assert find(result, "Thursday", "DATE").normalized["iso"] == "2021-06-10"
    assert find(result, "yesterday", "DATE").normalized["iso"] == "2021-06-11"
    last_week = find(result, "last week", "DATE").normalized
    assert (last_week["iso"], last_week["time_precision"]) == ("2021-06-08", 2)
    soldiers = find(result, "At least eleven soldiers", "CASUALTY").normalized
    assert (soldiers["outcome"], soldiers["fatalities"], soldiers["rule"]) == (
        "killed",
        11,
        "at least N: N",
    )
    assert find(result, "seven others", "CASUALTY").normalized["outcome"] == "injured"
    assert find(result, "three civilians", "CASUALTY").normalized["fatalities"] == 3
    assert find(result, "roadside bomb", "WEAPON").origin.startswith("gazetteer:")


@pytest.mark.parametrize("which", ["suggester", "rules_only"])
def test_draft_frames_on_an_unseen_article(which: str, request) -> None:
    if which == "suggester" and not HAS_MODEL:
        pytest.skip("no pretrained English pipeline installed")
    frames = {f.fields["trigger_text"]: f for f in run(request.getfixturevalue(which)).frames}
    takeover = frames["captured"].fields
    assert (takeover["event_type"], takeover["sub_event_type"]) == (
        "Battles",
        "Non-state actor overtakes territory",
    )
    assert (takeover["actor1"], takeover["inter1"]) == ("Taliban", 2)
    assert (takeover["location"], takeover["admin1"], takeover["event_date"]) == (
        "Arghandab",
        "Kandahar",
        "2021-06-10",
    )
    bomb = frames["roadside bomb"].fields
    assert (bomb["event_type"], bomb["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    )
    assert (bomb["location"], bomb["event_date"], bomb["fatalities"]) == (
        "Lashkar Gah",
        "2021-06-11",
        3,
    )
    assert all(f.fields["status"] == "suggested" and 0 < f.fields["confidence"] < 1 for f in frames.values())
    assert "actor1" in frames["captured"].reasons and "date" in frames["captured"].reasons


@needs_model
def test_model_labels_are_mapped_and_sources_reported(suggester: Suggester) -> None:
    result = run(suggester)
    person = find(result, "Omar Zwak", "PERSON")
    assert person.origin.startswith("model:")
    # a gazetteer place also found by the model names both sources, the rule first
    assert any(s.origin.startswith("gazetteer:") and "+model:" in s.origin for s in result.spans)
    assert suggester.pipeline.statistical


def test_rules_only_says_so(rules_only: Suggester) -> None:
    assert not rules_only.pipeline.statistical
    assert "rules only" in rules_only.pipeline.message
    assert not any(s.label == "PERSON" for s in run(rules_only).spans)


def test_an_explicit_model_that_is_not_installed_is_an_error() -> None:
    gazetteer = Gazetteer(default_gazetteer_dir())
    with pytest.raises(ModelNotFoundError, match="'en_core_web_xl' is not installed"):
        load_pipeline("en_core_web_xl", gazetteer)


def test_without_publication_date_relative_dates_are_flagged(rules_only: Suggester) -> None:
    result = run(rules_only, published=None)
    thursday = find(result, "Thursday", "DATE").normalized
    assert thursday["iso"] is None
    assert "relative_date_without_publication_date" in result.flags
    assert run(rules_only).flags == []


def test_spelling_variants_reach_the_same_place(rules_only: Suggester) -> None:
    text = (
        "Fighting continued in Qala-i-Now and Qala-e-Naw. Taliban took over Qaysar district "
        "in Faryab province and attacked Nirkh."
    )
    result = run(rules_only, text)
    ids = {s.text: s.normalized.get("gazetteer_id") for s in result.spans if s.label == "LOCATION"}
    assert ids["Qala-i-Now"] == ids["Qala-e-Naw"]
    assert (
        ids["Qaysar"]
        == find(run(rules_only, "Qaisar was attacked."), "Qaisar", "LOCATION").normalized["gazetteer_id"]
    )
    assert find(result, "Nirkh", "LOCATION").normalized["admin1"] == "Wardak"


def test_lower_case_words_do_not_become_places(rules_only: Suggester) -> None:
    result = run(rules_only, "The chief said the bar was closed and the center of the market was now calm.")
    assert [s for s in result.spans if s.label == "LOCATION"] == []


@needs_model
def test_roles_follow_the_parse(suggester: Suggester) -> None:
    text = (
        "Hundreds of Afghan translators working alongside NATO troops demonstrated in Kabul on Monday.\n\n"
        "The fighting between Afghan soldiers and the Taliban continued in Kunduz on Tuesday."
    )
    frames = {f.fields["trigger_text"]: f.fields for f in run(suggester, text).frames}
    assert frames["demonstrated"]["actor1"] == "Afghan translators"  # the subject, not the nearer NATO troops
    assert frames["demonstrated"].get("actor2") is None
    fighting = frames["fighting"]
    assert (fighting["actor1"], fighting["actor2"]) == (
        "Military Forces of Afghanistan (2014-2021)",
        "Taliban",
    )
