"""An article that cannot be opened leaves the window as it was: the session, the text on
screen, its token bounds and the queue's selected row all stay on the article shown before,
the error is in the status bar, and nothing is written for the article that failed."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from annotator.core.errors import SessionError, StoreError
from annotator.gui import qt_main_window
from annotator.gui.qt_queue import ArticleIdRole
from annotator.workspace import session as session_module


def click_row_of(qtbot, win: Any, article_id: int) -> None:
    qtbot.waitExposed(win)
    table = win.queue.table
    row = win.queue_model.row_of(article_id)
    rect = table.visualRect(win.queue_model.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def assert_still_on(win: Any, article_id: int) -> None:
    state = win.session.state
    assert state.article["id"] == article_id
    assert win.view.state is state or win.view.state.article["id"] == article_id
    assert win.view.toPlainText() == state.text
    assert win.session.tokens.text == state.text
    rows = win.queue.table.selectionModel().selectedRows()
    assert [win.queue_model.data(index, ArticleIdRole) for index in rows] == [article_id]


def test_an_article_that_cannot_be_read_leaves_the_one_shown(qtbot, window, monkeypatch) -> None:
    read = qt_main_window.read_state

    def failing(store: Any, article_id: int, annotator: str) -> Any:
        if article_id == 2:
            raise StoreError(f"{store.path}: the project file is damaged (test); restore a copy you have")
        return read(store, article_id, annotator)

    monkeypatch.setattr(qt_main_window, "read_state", failing)
    click_row_of(qtbot, window, 2)
    qtbot.waitUntil(lambda: "damaged" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == (
        f"{window.store.path}: the project file is damaged (test); restore a copy you have"
    )
    assert_still_on(window, 1)
    assert window.store.status(2, "ana") == "todo"


@pytest.mark.parametrize("broken", ["status", "tokens"])
def test_an_article_that_fails_while_shown_leaves_the_one_shown(qtbot, window, monkeypatch, broken) -> None:
    message = "cannot open article 2 (test)"
    if broken == "status":
        set_status = window.store.set_status

        def failing_status(article_id: int, *args: Any, **kwargs: Any) -> None:
            if article_id == 2:
                raise StoreError(message)
            set_status(article_id, *args, **kwargs)

        monkeypatch.setattr(window.store, "set_status", failing_status)
    else:
        bounds = session_module.TokenBounds
        other = window.store.article(2)["text"]

        def failing_bounds(text: str, **kwargs: Any) -> Any:
            if text == other:
                raise SessionError(message)
            return bounds(text, **kwargs)

        monkeypatch.setattr(session_module, "TokenBounds", failing_bounds)
    click_row_of(qtbot, window, 2)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == message)
    assert_still_on(window, 1)
    assert window.store.status(2, "ana") == "todo"
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)  # the window still works on the article shown
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert window.store.spans(1, annotator="ana")
