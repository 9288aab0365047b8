"""`annotator evaluate` beyond span F1: each frame field on matched frames, places' normalised
country and admin1, casualty values, and plain spaCy as a baseline in the same run."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.agreement.events import FieldAgreement, article_type_scores, field_agreement
from annotator.agreement.spans import EXACT, OVERLAP, Score
from annotator.cli import app
from annotator.core.model import SUGGESTER_ANNOTATOR, ArticleRecord
from annotator.nlp.baseline import baseline_spans
from annotator.nlp.pipeline import MODEL_CANDIDATES, ModelNotFoundError
from annotator.services.evaluation import Found, evaluate
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


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Military Forces of Mali (2021-)", "Military Forces of Mali", True),  # the period aside
        ("Police Forces of Chile (2022-) Carabineros", "Police Forces of Chile", True),
        ("RSF: Rapid Support Forces", "Rapid Support Forces", True),  # acronym: full name
        ("PKK: Kurdistan Workers' Party", "PKK: Kurdistan Workers Party", True),
        ("Ansar Allah (Houthi)", "Houthi Movement (Ansar Allah)", True),  # name (alias)
        ("Civilians (Nigeria)", "Unidentified Armed Group (Nigeria)", False),  # the country is no alias
        ("Military Forces of Mali (2021-)", "Military Forces of Niger (2023-)", False),
    ],
)
def test_actor_fields_compare_the_actor_not_its_spelling(gold: str, predicted: str, same: bool) -> None:
    frames = (
        {1: [{"trigger_start": 0, "trigger_end": 5, "actor1": name, "country": "Nigeria"}]}
        for name in (gold, predicted)
    )
    assert field_agreement(*frames, ("actor1",)) == {"actor1": FieldAgreement(int(same), 1)}


def test_article_event_types_are_sets_per_article() -> None:
    gold = {1: [{"event_type": "Battles"}, {"event_type": "Battles"}], 2: [{"event_type": "Riots"}]}
    predicted = {1: [{"event_type": "Battles"}, {"event_type": "Protests"}], 2: [], 3: [{"event_type": ""}]}
    assert article_type_scores(gold, predicted) == Score(tp=1, fp=1, fn=1)


def test_named_organisations_and_attackers_found_as_actor(tmp_path: Path) -> None:
    """Gold marks named organisations `generic: false`; a suggestion marked generic counts
    for recall (it was found) but not among the named ones scored for precision."""
    text = "The ELN said gunmen of the ELN and soldiers clashed in Arauca."
    with Store(tmp_path / "p.db") as store:
        [(article, _)] = store.add_articles([ArticleRecord(raw_text=text, text=text)])
        eln, gunmen, eln2, soldiers = (4, 7), (13, 19), (27, 30), (35, 43)
        for span, generic in ((eln, False), (gunmen, True), (eln2, False), (soldiers, True)):
            store.add_span(article, "gold", *span, "ACTOR", normalized={"generic": generic})
        event = store.add_event(
            article, "gold", {"event_type": "Battles", "trigger_start": 44, "trigger_end": 51}
        )
        store.add_argument(event, "actor1", store.spans(article, annotator="gold")[1]["id"], "gold")
        suggested = {"status": "suggested"}
        store.add_span(article, SUGGESTER_ANNOTATOR, *eln, "ACTOR", **suggested)  # named, right
        store.add_span(article, SUGGESTER_ANNOTATOR, 13, 30, "ACTOR", **suggested)  # overlaps two
        store.add_span(article, SUGGESTER_ANNOTATOR, 54, 61, "ACTOR", **suggested)  # wrong ("Arauca.")
        store.add_span(
            article, SUGGESTER_ANNOTATOR, *soldiers, "ACTOR", **suggested, normalized={"generic": True}
        )
        report = evaluate(store, "gold")
    assert report.targets is not None
    assert report.targets.named_actors[EXACT] == Found(found=1, gold=2, right=1, predicted=3)
    assert report.targets.named_actors[OVERLAP] == Found(found=2, gold=2, right=2, predicted=3)
    assert report.targets.attackers[EXACT] == Found(found=0, gold=1, right=0, predicted=0)
    assert report.targets.attackers[OVERLAP].recall == 1.0
    assert report.article_types == Score(tp=0, fp=0, fn=1)


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
