"""The workspace fits the screen and keeps the analyst's place (pytest-qt, offscreen).

The offscreen platform has one fixed screen, so "a 1366×768 screen" is a window resized to it:
whatever the article or the frame shows, the window must stay that wide (Qt grows a window whose
minimum size does not fit) and everything it needs to be usable must be inside it."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.codebook import load_codebook
from annotator.gui.app import build_window
from annotator.gui.qt_main_window import default_settings
from annotator.paths import default_codebook_path
from annotator.store import Store

BOOK = load_codebook(default_codebook_path())
SCREENS = [(1366, 768), (1600, 1000)]
UNDATED = 3  # seeds/002 has no publication date in its header
LONG_RULE = "casualties_only: killed and injured not separated"


@pytest.fixture
def opened(qtbot, project: Path, tmp_path: Path):
    """A function that opens the workspace as 'ana' on an article, as `annotator gui` does
    (no focus set by the test)."""
    made = []

    def make(article: int = 1):
        store = Store(project)
        settings = default_settings(tmp_path / "settings.ini")
        settings.setValue("quiet_errors", True)
        win = build_window(store, "ana", BOOK, settings=settings, article=article, suggestions=False)
        qtbot.addWidget(win)
        made.append((win, store))
        return win

    yield make
    for win, store in made:
        win.close()
        store.close()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def inside(widget: QWidget, area: QWidget) -> bool:
    """The whole of `widget` lies within `area` (both on screen)."""
    top_left = widget.mapTo(area.window(), QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    area_rect = QRect(area.mapTo(area.window(), QPoint(0, 0)), area.size())
    return widget.isVisible() and area_rect.contains(rect)


def assert_fits(win, width: int, height: int) -> None:
    assert win.minimumSizeHint().width() <= width
    assert win.minimumSizeHint().height() <= height
    assert win.minimumSize().width() <= width
    assert win.sizeHint().width() <= 1600  # what it asks for, unmaximised, fits the screen
    assert win.width() == width  # nothing grew the window past the screen
    assert win.frameGeometry().width() <= width + 2 * (win.frameGeometry().width() - win.width())


def assert_form_usable(qtbot, win) -> None:
    """The form's buttons can be reached: inside the window, the pane and, once scrolled to,
    inside the visible part of the form's scroll area; no row is cut off at the side."""
    form = win.events.form
    scroll = form.scroll
    buttons = [form.accept_button, form.delete_button, *form.link_buttons.values()]
    for button in buttons:
        scroll.ensureWidgetVisible(button)
        settle()
        assert inside(button, scroll.viewport()), button.text()
        assert inside(button, win.centralWidget()), button.text()
    assert scroll.horizontalScrollBar().maximum() == 0  # labels elide or wrap, nothing sideways
    qtbot.mouseClick(form.delete_button, Qt.MouseButton.LeftButton)  # a real click reaches it


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_undated_article_does_not_widen_the_window(qtbot, opened, width: int, height: int) -> None:
    win = opened(1)
    win.resize(width, height)
    win.show()
    settle()
    win.open_article(UNDATED, wait=True)
    settle()
    metadata = win.metadata
    assert "no publication date" in metadata.date.text()
    assert metadata.choices.isVisible() and metadata.set_button.isVisible()
    assert_fits(win, width, height)
    assert inside(metadata.set_button, win.centralWidget())
    assert metadata.date.toolTip() == metadata.date.text()  # the whole warning, if elided
    frame = win.session.state.frames[0]
    win.events.select(frame.key)
    settle()
    assert_fits(win, width, height)
    assert_form_usable(qtbot, win)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_a_long_rule_label_does_not_widen_the_window(qtbot, opened, width: int, height: int) -> None:
    win = opened(1)
    win.resize(width, height)
    win.show()
    settle()
    frame = next(
        f for f in win.session.state.frames if (f.fields.get("fatalities_rule") or "").startswith(LONG_RULE)
    )
    win.events.select(frame.key)
    settle()
    form = win.events.form
    assert LONG_RULE in form.fatalities_rule.text()
    assert form.fatalities_rule.toolTip() == form.fatalities_rule.text()
    assert_fits(win, width, height)
    longer = f"rule: {LONG_RULE} in the report; the count given is of casualties of every kind " * 3
    form.fatalities_rule.setText(longer)  # whatever a rule's label says
    form.trigger.setText("“" + "a very long trigger " * 20 + "”")
    settle()
    assert_fits(win, width, height)
    assert_form_usable(qtbot, win)


def test_the_window_fits_a_small_screen_from_the_start(opened) -> None:
    win = opened(UNDATED)
    win.resize(1366, 768)
    win.show()
    settle()
    assert_fits(win, 1366, 768)


# -- keeping the analyst's place --------------------------------------------------------------
def pending(win) -> list:
    return [s for s in win.session.state.spans if s.is_suggestion]


def tab_to(qtbot, win, index: int) -> None:
    """Select the `index`-th suggestion with Tab, as an analyst does."""
    for _ in range(index + 1):
        qtbot.keyClick(win.view, Qt.Key.Key_Tab)
    assert win.selected_span == pending(win)[index].key


def far_down(win) -> int:
    """A suggestion in the lower part of the article with at least two after it."""
    spans = pending(win)
    return next(i for i, s in enumerate(spans) if s.start > len(win.session.state.text) * 0.6) - 1


@pytest.mark.parametrize("key", [Qt.Key.Key_X, Qt.Key.Key_Delete, Qt.Key.Key_A, Qt.Key.Key_Return])
def test_deciding_a_suggestion_low_in_the_article_moves_to_the_next_one(qtbot, opened, key) -> None:
    win = opened(UNDATED)
    win.resize(1366, 768)
    win.show()
    settle()
    index = far_down(win)
    tab_to(qtbot, win, index)
    chosen, after = pending(win)[index], pending(win)[index + 1]
    bar = win.view.verticalScrollBar()
    assert bar.maximum() > 0  # the article is longer than the pane
    scrolled = bar.value()
    assert scrolled > 0
    qtbot.keyClick(win.view, key)
    settle()
    status = win.store.spans(UNDATED, annotator="ana")
    assert [(s["start"], s["end"]) for s in status] == [(chosen.start, chosen.end)]
    assert win.session.state.span(win.selected_span) == after  # the next one, not the first
    assert bar.value() >= scrolled  # the text did not jump back to the top
    cursor = win.view.cursorRect()
    assert win.view.viewport().rect().contains(cursor.center())  # the selection is on screen


def test_deciding_the_last_suggestion_stays_near_it(qtbot, opened) -> None:
    win = opened(UNDATED)
    win.resize(1366, 768)
    win.show()
    settle()
    last = len(pending(win)) - 1
    tab_to(qtbot, win, last)
    before = pending(win)[last - 1]
    scrolled = win.view.verticalScrollBar().value()
    qtbot.keyClick(win.view, Qt.Key.Key_X)
    assert win.session.state.span(win.selected_span) == before
    assert win.view.verticalScrollBar().value() >= scrolled * 0.5 > 0


def test_focus_starts_in_the_article_text(qtbot, opened) -> None:
    win = opened(1)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is win.view
    status = win.queue.status.currentData()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D)  # typed at the window, not a filter
    assert win.queue.status.currentData() == status
    assert [r["id"] for r in win.queue.model.rows] == [1, 2, 3, 4, 5]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # Tab selects a suggestion
    assert win.session.state.span(win.selected_span) == pending(win)[0]
    assert QApplication.focusWidget() is win.view


def test_focus_returns_to_the_text_after_opening_an_article_from_the_queue(qtbot, opened) -> None:
    win = opened(1)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    table = win.queue.table
    table.setFocus()
    row = win.queue.model.row_of(2)
    rect = table.visualRect(win.queue.model.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: win.session.article_id == 2)
    assert QApplication.focusWidget() is win.view
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D)
    assert win.queue.status.currentData() is None and win.session.article_id == 2
