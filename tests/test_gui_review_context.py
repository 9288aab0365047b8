"""Issue 10 item 10: review items in context: the sentence with the item marked and its
offsets, the item highlighted in the article pane, no raw "None", and the selection kept on
the item edited with E (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt

from annotator.core.model import ArticleRecord
from annotator.gui.qt_review_window import QtReviewWindow
from annotator.store import Store

TEXT = (
    "Taliban fighters attacked Kunduz on Monday. "
    "Officials said the Taliban later withdrew. "
    "On Monday night the Taliban shelled Baghlan."
)


def _occurrences(word: str) -> list[int]:
    found, at = [], TEXT.find(word)
    while at >= 0:
        found.append(at)
        at = TEXT.find(word, at + 1)
    return found


@pytest.fixture
def window(qtbot, store: Store):
    [(article, _)] = store.add_articles([ArticleRecord(raw_text=TEXT, text=TEXT, title="Kunduz")])
    for start in _occurrences("Taliban"):
        store.add_span(article, "ana", start, start + 7, "ACTOR", status="manual")
        store.add_span(
            article, "bo", start, start + 7, "ORGANIZATION" if start else "LOCATION", status="manual"
        )
    for start in _occurrences("Monday"):
        store.add_span(article, "ana", start, start + 6, "DATE", status="manual")
    trigger = TEXT.index("attacked")
    for name, fatalities in (("ana", None), ("bo", 3)):
        fields = {
            "event_type": "Battles",
            "trigger_start": trigger,
            "trigger_end": trigger + 8,
            "trigger_text": "attacked",
            "fatalities": fatalities,
        }
        store.add_event(article, name, fields)
        store.set_status(article, name, "done")
    win = QtReviewWindow(store, "rita")
    qtbot.addWidget(win)
    win.show()
    assert win.current is not None and win.current.article_id == article
    yield win
    win.close()


def _rows(win) -> list[str]:
    return [win.model.index(r, 0).data() for r in range(win.model.rowCount())]


def _cells(win) -> list[str]:
    model = win.model
    return [model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())]


def test_review_items_show_their_sentence_offsets_and_no_none(qtbot, window) -> None:
    rows = _rows(window)
    taliban = [r for r in rows if r.startswith("“Taliban”")]
    monday = [r for r in rows if r.startswith("“Monday”")]
    assert len(taliban) == 3 and len(monday) == 2
    assert len(set(taliban)) == 3 and len(set(monday)) == 2  # told apart by offsets and sentence
    for start in _occurrences("Taliban"):
        assert any(f"{start}–{start + 7}" in r for r in taliban), taliban
    assert any("⟦Taliban⟧ later withdrew" in r for r in taliban)  # the sentence, the item marked
    assert any("On ⟦Monday⟧ night" in r for r in monday)
    frame = next(r for r in rows if r.startswith("frame"))
    assert f"{TEXT.index('attacked')}–" in frame and "⟦attacked⟧ Kunduz" in frame
    assert not any("None" in cell for cell in _cells(window)), _cells(window)
    assert any("fatalities —" in cell for cell in _cells(window))


def test_selected_item_is_highlighted_in_the_article_and_its_context(qtbot, window) -> None:
    second = _occurrences("Taliban")[1]
    target = next(i for i, r in enumerate(_rows(window)) if f"{second}–{second + 7}" in r)
    window.table.setFocus()
    window.table.selectRow(0)
    for _ in range(target):
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.table.currentRow() == target
    marks = window.text.extraSelections()
    assert [(m.cursor.selectionStart(), m.cursor.selectionEnd()) for m in marks] == [(second, second + 7)]
    assert window.text.textCursor().position() == second
    html = window.context.text()
    assert "Officials said the" in html and "<b" in html and "None" not in html
    assert f"{second}–{second + 7}" in html


def test_e_keeps_the_selection_on_the_edited_item(qtbot, window) -> None:
    last = _occurrences("Monday")[1]
    target = next(i for i, r in enumerate(_rows(window)) if f"{last}–{last + 6}" in r)
    assert target > 0
    window.table.setFocus()
    window.table.selectRow(0)
    for _ in range(target):
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
    item = window.items[target].item
    qtbot.keyClick(window.table, Qt.Key.Key_E)  # edit gold in the workspace and come back
    window.editor.close()
    assert window.items[window.table.currentRow()].item == item
    assert f"{last}–{last + 6}" in window.model.index(window.table.currentRow(), 0).data()


EMOJI = "🔥🔥 Breaking 🔥: Taliban fighters attacked Kunduz. Officials said 🔥 the Taliban withdrew."


def test_the_article_pane_highlights_the_item_after_emoji(qtbot, store: Store) -> None:
    """Qt counts UTF-16 units: an emoji is two of them, one code point in the store."""
    [(article, _)] = store.add_articles([ArticleRecord(raw_text=EMOJI, text=EMOJI, title="Emoji")])
    first, second = EMOJI.index("Taliban"), EMOJI.rindex("Taliban")
    for start in (first, second):
        store.add_span(article, "ana", start, start + 7, "ACTOR", status="manual")
        store.add_span(article, "bo", start, start + 7, "ORGANIZATION", status="manual")
    for name in ("ana", "bo"):
        store.set_status(article, name, "done")
    win = QtReviewWindow(store, "rita")
    qtbot.addWidget(win)
    win.show()
    target = next(i for i, r in enumerate(_rows(win)) if f"{second}–{second + 7}" in r)
    win.table.setFocus()
    win.table.selectRow(0)
    for _ in range(target):
        qtbot.keyClick(win.table, Qt.Key.Key_Down)
    assert win.table.currentRow() == target
    (mark,) = win.text.extraSelections()
    assert mark.cursor.selectedText() == "Taliban"
    cursor = win.text.textCursor()
    cursor.setPosition(cursor.position() + 7, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "Taliban"  # the caret sits at the item's start
    win.table.selectRow(0 if target else 1)
    (mark,) = win.text.extraSelections()
    assert mark.cursor.selectedText() == "Taliban"
    win.close()


def test_taking_a_version_redraws_only_that_items_gold_cell_and_moves_on(qtbot, window, store: Store) -> None:
    """A decision changes gold's cell of the item taken; the table is not rebuilt (an article
    with thousands of items decides as fast as a short one) and shows what the store holds."""
    model, gold = window.model, window.model.columnCount() - 1
    changed: list[tuple[int, int, int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), a.column(), b.row(), b.column())))
    model.modelReset.connect(lambda: resets.append(True))
    window.table.setFocus()
    window.table.selectRow(0)
    undecided = model.index(0, gold).data()
    qtbot.keyClick(window.table, Qt.Key.Key_2)  # take bo's version of the first dispute
    assert changed == [(0, gold, 0, gold)] and resets == []
    assert (undecided, model.index(0, gold).data()) == ("—", "from bo")
    assert window.table.currentRow() == 1
    [decision] = [d for d in store.decisions(window.current.article_id) if d["item"] == window.items[0].item]
    assert decision["taken_from"] == ["bo"]
