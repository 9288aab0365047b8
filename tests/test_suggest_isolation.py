"""One bad article never stops the others: suggest reports it, stores the rest, retries it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.model import SUGGESTER_ANNOTATOR, ArticleRecord
from annotator.nlp.suggester import ArticleSuggestions, Suggester
from annotator.services.suggesting import suggest_articles
from annotator.store import Store

NUL_TEXT = "Taliban fighters attacked a checkpoint.\x00 Fighting in Kabul killed 5 people."
TEXTS = [f"Clashes in Kunduz killed {n} people on Monday, officials in Kabul said." for n in range(2, 7)]
RAISES, OUT_OF_TEXT = "Clashes in Kunduz killed 3", "Clashes in Kunduz killed 5"


def make_project(path: Path) -> dict[str, int]:
    """Six articles; the first holds a NUL written straight to the table, as old projects may."""
    with Store(path) as store:
        records = [ArticleRecord(raw_text="placeholder", text="placeholder", title="nul")]
        records += [ArticleRecord(raw_text=t, text=t, title=f"article {i}") for i, t in enumerate(TEXTS)]
        ids = [i for i, _ in store.add_articles(records)]
        store.db.execute("update articles set text = ? where id = ?", [NUL_TEXT, ids[0]])
        store.db.conn.commit()
        texts = dict(store.article_texts(ids)[i][:2] for i in range(len(ids)))
    return {text: article_id for article_id, text in texts.items()}


def break_two(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline raises on one article; another gets a span outside its text (OffsetError)."""
    original = Suggester.from_doc

    def from_doc(self: Suggester, doc, article_id: int, published_at: str | None) -> ArticleSuggestions:
        if doc.text.startswith(RAISES):
            raise RuntimeError("pipeline broke")
        result = original(self, doc, article_id, published_at)
        if doc.text.startswith(OUT_OF_TEXT) and result.spans:
            span = result.spans[0]
            span.end = len(doc.text) + 10
        return result

    monkeypatch.setattr(Suggester, "from_doc", from_doc)


def suggested(store: Store, article_id: int) -> list[tuple[int, int, str]]:
    return sorted(
        (s["start"], s["end"], s["label"]) for s in store.spans(article_id, annotator=SUGGESTER_ANNOTATOR)
    )


def test_failures_are_reported_the_rest_stored_and_retried(
    tmp_path: Path, rules_only: Suggester, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = make_project(tmp_path / "p.db")
    raises, out_of_text = (
        ids[next(t for t in ids if t.startswith(RAISES))],
        ids[next(t for t in ids if t.startswith(OUT_OF_TEXT))],
    )
    break_two(monkeypatch)
    with Store(tmp_path / "p.db") as store:
        summary = suggest_articles(store, rules_only)
        assert sorted(f.article_id for f in summary.failed) == sorted([raises, out_of_text])
        failure = next(f for f in summary.failed if f.article_id == raises)
        assert failure.line() == f"article #{raises} (article 1): RuntimeError: pipeline broke"
        offset = next(f for f in summary.failed if f.article_id == out_of_text)
        assert offset.reason.startswith(f"article {out_of_text}: suggested span [")
        assert sorted(summary.updated) == sorted(i for i in ids.values() if i not in (raises, out_of_text))
        assert suggested(store, raises) == [] and suggested(store, out_of_text) == []
        kabul = NUL_TEXT.index("Kabul")
        assert any(start == kabul for start, _, _ in suggested(store, ids[NUL_TEXT]))
        monkeypatch.undo()
        again = suggest_articles(store, rules_only)
    assert sorted(again.updated) == sorted([raises, out_of_text]) and again.failed == []
    assert again.unchanged == 4


@pytest.mark.slow
def test_cli_prints_failures_and_exits_non_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = make_project(tmp_path / "p.db")
    raises = ids[next(t for t in ids if t.startswith(RAISES))]
    break_two(monkeypatch)
    result = CliRunner().invoke(app, ["suggest", "--db", str(tmp_path / "p.db"), "--model", "rules-only"])
    assert result.exit_code == 1, result.output
    assert f"error: suggesting failed for article #{raises} (article 1): RuntimeError: pipeline broke" in (
        result.stderr
    )
    assert "in 4 articles; 0 already up to date; 2 failed" in result.stdout


def test_a_manual_span_after_a_nul_is_inside_the_text(tmp_path: Path) -> None:
    ids = make_project(tmp_path / "p.db")
    kabul = NUL_TEXT.index("Kabul")
    with Store(tmp_path / "p.db") as store:
        span = store.add_span(ids[NUL_TEXT], "ana", kabul, kabul + 5, "LOCATION")
        assert store.span(span)["start"] == kabul


def test_the_gui_worker_shows_failed_articles_in_the_status_bar(
    qtbot, window, rules_only: Suggester, monkeypatch: pytest.MonkeyPatch
) -> None:
    def from_doc(self: Suggester, doc, article_id: int, published_at: str | None) -> ArticleSuggestions:
        raise RuntimeError("pipeline broke")

    monkeypatch.setattr(Suggester, "from_doc", from_doc)
    monkeypatch.setattr(Suggester, "version", property(lambda self: "another version"))
    title = window.store.article(1)["title"] or "untitled"
    window._suggester_ready(rules_only)
    expected = f"suggesting failed for article #1 ({title}): RuntimeError: pipeline broke"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(expected), timeout=20000)
