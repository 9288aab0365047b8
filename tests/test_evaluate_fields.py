"""`annotator evaluate` beyond span F1: each frame field on matched frames, places' normalised
country and admin1, casualty values, and plain spaCy as a baseline in the same run."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.agreement.events import FieldAgreement, field_agreement
from annotator.cli import app
from annotator.core.model import SUGGESTER_ANNOTATOR, ArticleRecord
from annotator.nlp.baseline import baseline_spans
from annotator.nlp.pipeline import MODEL_CANDIDATES, ModelNotFoundError
from annotator.services.evaluation import evaluate
from annotator.store import Store

HAS_MODEL = any(importlib.util.find_spec(name) for name in MODEL_CANDIDATES)
TEXT = "Gunmen killed three farmers in Kaduna, Nigeria, and wounded two in Paris on Monday."


def test_frame_fields_are_compared_on_aligned_frames_without_case() -> None:
    gold = {
        1: [
            {"trigger_start": 7, "trigger_end": 13, "actor1": "Gunmen", "location": "Kaduna", "fatalities": 0}
        ]
    }
    predicted = {1: [{"trigger_start": 7, "trigger_end": 13, "actor1": " gunmen", "location": "Zaria"}]}
    found = field_agreement(gold, predicted, ("actor1", "location", "fatalities", "event_date"))
    assert found == {
        "actor1": FieldAgreement(1, 1),
        "location": FieldAgreement(0, 1),
        "fatalities": FieldAgreement(1, 1),  # no death count codes 0 fatalities
        "event_date": FieldAgreement(0, 0),  # gold gives none: not compared
    }
    assert field_agreement(gold, {1: []}, ("actor1",)) == {"actor1": FieldAgreement(0, 0)}


def _project(path: Path) -> Store:
    store = Store(path)
    [(article, _)] = store.add_articles([ArticleRecord(raw_text=TEXT, text=TEXT)])
    kaduna, paris, three = (31, 37), (65, 70), (14, 27)
    store.add_span(
        article, "gold", *kaduna, "LOCATION", normalized={"country": "Nigeria", "admin1": "Kaduna"}
    )
    store.add_span(
        article, "gold", *paris, "LOCATION", normalized={"country": "FR", "admin1": "Île-de-France"}
    )
    store.add_span(article, "gold", *three, "CASUALTY", normalized={"outcome": "killed", "fatalities": 3})
    store.add_event(
        article,
        "gold",
        {
            "event_type": "Violence against civilians",
            "trigger_start": 7,
            "trigger_end": 13,
            "location": "Kaduna",
            "fatalities": 3,
        },
    )
    suggested = {"status": "suggested"}
    store.add_span(
        article,
        SUGGESTER_ANNOTATOR,
        *kaduna,
        "LOCATION",
        **suggested,
        normalized={"country": "NGA", "admin1": "kaduna"},
    )
    store.add_span(
        article,
        SUGGESTER_ANNOTATOR,
        *paris,
        "LOCATION",
        **suggested,
        normalized={"country": "United States", "admin1": "Texas"},
    )
    store.add_span(
        article,
        SUGGESTER_ANNOTATOR,
        *three,
        "CASUALTY",
        **suggested,
        normalized={"outcome": "killed", "fatalities": 2},
    )
    store.add_event(
        article,
        SUGGESTER_ANNOTATOR,
        {
            "event_type": "Battles",
            "trigger_start": 7,
            "trigger_end": 13,
            "location": "KADUNA",
            "status": "suggested",
        },
    )
    return store


def test_places_casualties_and_fields_are_scored(tmp_path: Path) -> None:
    with _project(tmp_path / "p.db") as store:
        report = evaluate(store, "gold")
    assert report.places == {"country": FieldAgreement(1, 2), "admin1": FieldAgreement(1, 2)}
    assert report.casualties == {"outcome": FieldAgreement(1, 1), "fatalities": FieldAgreement(0, 1)}
    assert report.fields["event_type"] == FieldAgreement(0, 1)
    assert report.fields["location"] == FieldAgreement(1, 1)
    assert report.fields["fatalities"] == FieldAgreement(0, 1)
    assert report.baseline_exact is None


def test_the_cli_prints_field_place_and_casualty_accuracy(tmp_path: Path) -> None:
    _project(tmp_path / "p.db").close()
    result = CliRunner().invoke(app, ["evaluate", "--db", str(tmp_path / "p.db"), "--gold", "gold"])
    assert result.exit_code == 0, result.output
    assert "places (LOCATION spans found exactly): country 0.50 (1/2), admin1 0.50 (1/2)" in result.stdout
    assert (
        "casualties (CASUALTY spans found exactly): outcome 1.00 (1/1), fatalities 0.00 (0/1)"
        in result.stdout
    )
    assert "location 1.00 (1/1)" in result.stdout


def test_a_baseline_without_a_model_is_one_error_naming_the_fix() -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        list(baseline_spans(["text"], model="no_such_pipeline"))
    assert str(caught.value) == (
        "the plain spaCy baseline needs a pretrained pipeline (no_such_pipeline) and annotator never "
        "downloads one; install its package, or evaluate without --baseline"
    )


@pytest.mark.skipif(not HAS_MODEL, reason="no pretrained English pipeline installed")
def test_the_baseline_is_plain_spacy_on_the_same_articles(tmp_path: Path) -> None:
    with _project(tmp_path / "p.db") as store:
        report = evaluate(store, "gold", baseline=True)
    [spans] = list(baseline_spans([TEXT]))
    assert ("LOCATION" in {label for _, _, label in spans}) and report.baseline_exact is not None
    found = {(s, e) for s, e, label in spans if label == "LOCATION"}
    expected_tp = len(found & {(31, 37), (65, 70)})
    assert report.baseline_exact["LOCATION"].tp == expected_tp
    assert report.baseline_exact["CASUALTY"].tp == 0  # plain spaCy has no casualty label
    result = CliRunner().invoke(
        app, ["evaluate", "--db", str(tmp_path / "p.db"), "--gold", "gold", "--baseline"], terminal_width=120
    )
    assert result.exit_code == 0, result.output
    assert (
        "baseline: plain spaCy (GPE/LOC/FAC→LOCATION, ORG/NORP→ACTOR) on the same articles" in result.stdout
    )
