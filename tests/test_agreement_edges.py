"""Agreement on projects where not every annotator has finished work, or pairs share none."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.services.importing import import_paths
from annotator.store import Store
from annotator.team.agreement import agreement
from annotator.team.report import text_tables


@pytest.fixture
def project(tmp_path: Path, seeds: Path) -> Store:
    store = Store(tmp_path / "team.db")
    import_paths(store, [seeds])
    yield store
    store.close()


def finish(store: Store, name: str, article_id: int) -> None:
    text = store.article(article_id)["text"]
    store.add_span(article_id, name, 0, text.index(" "), "LOCATION", status="accepted")
    store.set_status(article_id, name, "done")


def test_an_annotator_with_nothing_finished_is_not_counted(project: Store) -> None:
    finish(project, "ana", 1)
    project.add_span(2, "bo", 0, 3, "ACTOR")  # bo started, finished nothing
    with pytest.raises(InputError) as caught:
        agreement(project)
    assert str(caught.value) == (
        f"{project.path}: agreement needs two annotators with finished articles, this project has "
        "ana; merge the annotators' project files into it with `annotator merge`"
    )


def test_a_pair_sharing_no_finished_article_shows_no_figures(project: Store) -> None:
    finish(project, "ana", 1)
    finish(project, "bo", 2)
    finish(project, "cy", 1)
    pairs = {row[0]: row for row in text_tables(agreement(project))[0][2]}
    assert pairs["ana / bo"] == ["ana / bo", "0", "—", "—", "—", "—"]
    assert pairs["ana / cy"][:3] == ["ana / cy", "1", "1.000"]
