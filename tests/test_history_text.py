"""The status bar's words for an undo or redo (`workspace.history_text`)."""

from __future__ import annotations

from annotator.core.model import ArticleRecord
from annotator.store import Store
from annotator.workspace.history_text import describe, describe_change

TEXT = "On Tuesday the Taliban attacked Kunduz. On Monday they left."


def _article(store: Store) -> int:
    [(article, _)] = store.add_articles([ArticleRecord(raw_text=TEXT, text=TEXT, title="Kunduz")])
    return article


def _set_date(store: Store, article: int, iso: str | None, *, link: bool = True) -> None:
    """A publication date with its re-resolution: two DATE values and a frame's date link."""
    with store.batch():
        store.set_published_at(article, iso, "ana")
        for span in store.spans(article, annotator="ana"):
            if span["label"] == "DATE":
                store.update_span(span["id"], "ana", normalized={"iso": iso, "rule": "weekday"})
        (frame,) = store.events(article, annotator="ana")
        if link:
            store.add_argument(frame["id"], "date", store.spans(article, annotator="ana")[0]["id"], "ana")


def test_a_publication_date_is_described_as_such_with_its_re_resolved_dates_as_a_count(
    store: Store,
) -> None:
    article = _article(store)
    for word in ("Tuesday", "Monday"):
        start = TEXT.index(word)
        store.add_span(article, "ana", start, start + len(word), "DATE", status="manual")
    store.add_event(article, "ana", {"event_type": "Battles", "trigger_text": "attacked"})
    _set_date(store, article, "2021-07-07")

    change = store.undo("ana")
    said = f"set the publication date of article {article} to 2021-07-07, re-resolving 2 dates"
    assert describe_change(change, store, undone=True) == f"{said} (back to no date)"
    assert describe(change.steps, store, undone=True) == f"{said} (back to no date)"
    change = store.redo("ana")
    assert describe_change(change, store) == said

    _set_date(store, article, "2021-08-01", link=False)  # a date changed, then the change undone
    change = store.undo("ana")
    assert describe_change(change, store, undone=True) == (
        f"set the publication date of article {article} to 2021-08-01, re-resolving 2 dates "
        "(back to 2021-07-07)"
    )


def test_a_publication_date_alone_and_a_cleared_one(store: Store) -> None:
    article = _article(store)
    store.set_published_at(article, "2021-07-07", "ana")
    change = store.undo("ana")
    assert describe_change(change, store, undone=True) == (
        f"set the publication date of article {article} to 2021-07-07 (back to no date)"
    )
    store.redo("ana")
    store.set_published_at(article, None, "ana")
    change = store.undo("ana")
    assert describe_change(change, store, undone=True) == (
        f"clear the publication date of article {article} (back to 2021-07-07)"
    )
