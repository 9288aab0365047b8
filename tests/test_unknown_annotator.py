"""Reads never create annotators: a read naming one the project does not have is an
UnknownAnnotatorError listing the known ones, and the project is left as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from annotator.core.errors import UnknownAnnotatorError
from annotator.core.model import ArticleRecord
from annotator.services.evaluation import evaluate
from annotator.store import Store

TEXT = "Taliban fighters seized Qaisar district of Faryab on Sunday."


@pytest.fixture
def project(store: Store) -> tuple[Store, int]:
    [(article_id, _)] = store.add_articles([ArticleRecord(raw_text=TEXT, text=TEXT, title="t")])
    store.add_span(article_id, "gold", 0, 7, "ACTOR", status="accepted")
    store.add_span(article_id, "ana", 0, 7, "ACTOR", status="manual")
    return store, article_id


READS: dict[str, Callable[[Store, int, str], Any]] = {
    "spans": lambda s, a, name: s.spans(a, annotator=name),
    "events": lambda s, a, name: s.events(a, annotator=name),
    "status": lambda s, a, name: s.status(a, name),
    "status_and_seconds": lambda s, a, name: s.status_and_seconds(a, name),
    "has_status": lambda s, a, name: s.has_status(a, name),
    "history": lambda s, a, name: s.history(annotator=name),
    "can_undo": lambda s, a, name: s.can_undo(name),
    "can_redo": lambda s, a, name: s.can_redo(name),
    "undo": lambda s, a, name: s.undo(name),
    "redo": lambda s, a, name: s.redo(name),
}


@pytest.mark.parametrize("read", sorted(READS))
def test_a_read_of_an_unknown_annotator_raises_and_creates_nothing(project, read: str) -> None:
    store, article_id = project
    before = store.annotators()
    with pytest.raises(UnknownAnnotatorError) as raised:
        READS[read](store, article_id, "gloden")
    assert str(raised.value) == f"no annotator named 'gloden' in {store.path}; known: ana, gold"
    assert store.annotators() == before


def test_a_read_of_a_known_annotator_still_works(project) -> None:
    store, article_id = project
    assert [s["label"] for s in store.spans(article_id, annotator="ana")] == ["ACTOR"]
    assert store.events(article_id, annotator="ana") == []
    assert store.status_and_seconds(article_id, "ana") == ("todo", 0.0)
    assert store.has_status(article_id, "ana") is False


def test_writes_still_create_their_annotator(project) -> None:
    store, article_id = project
    store.set_status(article_id, "bo", "in_progress")
    assert store.status(article_id, "bo") == "in_progress"
    assert "bo" in {a["name"] for a in store.annotators()}


def test_evaluate_against_a_misspelt_annotator_is_an_error(project) -> None:
    store, _ = project
    before = store.annotators()
    with pytest.raises(UnknownAnnotatorError) as raised:
        evaluate(store, "gold", "gloden")
    assert str(raised.value) == f"no annotator named 'gloden' in {store.path}; known: ana, gold"
    assert store.annotators() == before


def test_evaluate_with_a_misspelt_gold_is_an_error(project) -> None:
    store, _ = project
    with pytest.raises(UnknownAnnotatorError, match="no annotator named 'glod'"):
        evaluate(store, "glod", "ana")
    assert "glod" not in {a["name"] for a in store.annotators()}


def test_evaluate_on_an_empty_project_still_names_the_unknown_annotator(store: Store) -> None:
    with pytest.raises(UnknownAnnotatorError, match="known: none yet"):
        evaluate(store, "gold", "gloden")


def test_evaluate_against_suggestions_never_run_is_zero_and_creates_no_suggester(project) -> None:
    store, _ = project
    before = store.annotators()
    report = evaluate(store, "gold")
    assert report.articles == 1
    assert report.exact["ACTOR"].recall == 0.0
    assert store.annotators() == before
