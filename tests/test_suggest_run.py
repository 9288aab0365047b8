"""Running the suggester over a project: idempotent, versioned, never touching decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.codebook import load_codebook
from annotator.nlp import suggester as suggester_module
from annotator.nlp.suggester import Suggester
from annotator.paths import default_codebook_path
from annotator.services.importing import import_paths
from annotator.services.suggesting import SUGGESTER_ANNOTATOR, suggest_articles
from annotator.store import Store


@pytest.fixture(scope="module")
def rules_only() -> Suggester:
    return Suggester.load(load_codebook(default_codebook_path()), model="rules-only")


@pytest.fixture
def project(store: Store, seeds: Path) -> Store:
    import_paths(store, [seeds])
    return store


def counts(store: Store) -> tuple[int, int, int]:
    spans = store.db.execute("select count(*) from spans").fetchone()[0]
    events = store.db.execute("select count(*) from events").fetchone()[0]
    args = store.db.execute("select count(*) from event_arguments").fetchone()[0]
    return spans, events, args


def test_running_twice_does_not_duplicate(project: Store, rules_only: Suggester) -> None:
    first = suggest_articles(project, rules_only)
    assert len(first.updated) == 5 and first.spans > 50 and first.frames > 5
    before = counts(project)
    second = suggest_articles(project, rules_only)
    assert (second.updated, second.unchanged) == ([], 5)
    assert counts(project) == before
    assert {r["status"] for r in project.db["events"].rows} == {"suggested"}


def test_a_new_version_replaces_suggestions_but_not_decisions(
    project: Store, rules_only: Suggester, monkeypatch
) -> None:
    suggest_articles(project, rules_only, [1])
    suggested = project.spans(1, annotator=SUGGESTER_ANNOTATOR)
    taken, dropped = suggested[0], suggested[1]
    # the analyst's decisions: an accepted copy, a rejection, a manual span and a frame
    accepted = project.add_span(
        1,
        "ana",
        taken["start"],
        taken["end"],
        taken["label"],
        status="accepted",
        origin=taken["origin"],
        normalized=taken["normalized"],
    )
    project.add_span(1, "ana", dropped["start"], dropped["end"], dropped["label"], status="rejected")
    manual = project.add_span(1, "ana", 0, 5, "LOCATION", status="manual")
    frame = project.add_event(1, "ana", {"event_type": "Battles", "status": "accepted"})
    project.add_argument(frame, "location", manual, "ana")
    project.add_argument(frame, "actor1", suggested[2]["id"], "ana")  # linked to a suggestion
    analyst_rows = [r for r in project.spans(1) if r["annotator_id"] == project.annotator_id("ana")]

    monkeypatch.setattr(suggester_module, "RULES_VERSION", "changed")
    summary = suggest_articles(project, rules_only, [1])
    assert summary.updated == [1]
    assert [r for r in project.spans(1) if r["annotator_id"] == project.annotator_id("ana")] == analyst_rows
    assert project.span(accepted)["status"] == "accepted"
    assert {a["role"] for a in project.arguments(frame)} == {"location", "actor1"}
    assert project.span(suggested[2]["id"])["status"] == "suggested"  # kept: a frame uses it
    assert project.suggestion_version(1).endswith("|rules:changed|codebook:2024.1") or (
        "rules:changed" in project.suggestion_version(1)
    )
    # the other suggestions were replaced, not duplicated
    fresh = project.spans(1, annotator=SUGGESTER_ANNOTATOR)
    assert len(fresh) == len(suggested) + 1


def test_history_records_each_run(project: Store, rules_only: Suggester) -> None:
    suggest_articles(project, rules_only, [2])
    runs = [h for h in project.history(article_id=2) if h["entity"] == "suggestions"]
    assert len(runs) == 1 and runs[0]["after"]["version"] == rules_only.version


def test_cli_suggest_and_evaluate(seeds: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "p.db"
    runner.invoke(app, ["import", str(seeds), "--db", str(db), "--create"])
    result = runner.invoke(app, ["suggest", "--db", str(db), "--model", "rules-only", "--articles", "1,2"])
    assert result.exit_code == 0, result.output
    assert "rules only" in result.stdout
    assert "in 2 articles; 0 already up to date" in result.stdout
    again = runner.invoke(app, ["suggest", "--db", str(db)])  # the model setting is remembered
    assert "in 3 articles; 2 already up to date" in again.stdout
    assert "article #3: relative_date_without_publication_date" in again.stdout
    bad = runner.invoke(app, ["suggest", "--db", str(db), "--articles", "one"])
    assert bad.exit_code == 1 and "--articles takes comma-separated ids" in bad.stderr
    missing = runner.invoke(app, ["evaluate", "--db", str(db), "--gold", "nobody"])
    assert missing.exit_code == 1 and "no annotator named 'nobody'" in missing.stderr
