"""What analysts expect of a desktop tool (issue 10 item 11), driven through the real widgets
with keys and clicks (pytest-qt, offscreen), then read back from the store."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.codebook import load_codebook
from annotator.gui.app import build_window
from annotator.gui.bindings import BINDINGS, help_rows
from annotator.gui.qt_main_window import default_settings
from annotator.gui.qt_queue import TITLE
from annotator.paths import default_codebook_path
from annotator.store import Store

BOOK = load_codebook(default_codebook_path())
CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)


@pytest.fixture
def window(qtbot, project: Path, tmp_path: Path):
    store = Store(project)
    settings = default_settings(tmp_path / "settings.ini")
    settings.setValue("quiet_errors", True)
    win = build_window(store, "ana", BOOK, settings=settings, article=1, suggestions=False)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.view.setFocus()
    yield win
    win.close()
    store.close()


def seconds_in_store(project: Path, article: int) -> float:
    with Store(project) as other:  # another connection: what a kill would leave
        return other.status_and_seconds(article, "ana")[1]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


# -- File → Quit, Ctrl+Q ----------------------------------------------------------------------
def test_file_quit_saves_the_time_and_closes(qtbot, window, project: Path) -> None:
    [file_menu] = [a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File"]
    [quit_action] = [a for a in file_menu.actions() if a.text().replace("&", "").startswith("Quit")]
    assert "Ctrl+Q" in quit_action.text() or quit_action.shortcut().toString() == "Ctrl+Q"
    window.session._opened_at -= 20  # twenty seconds on the article
    quit_action.trigger()
    assert not window.isVisible()
    assert seconds_in_store(project, 1) >= 20


def test_ctrl_q_saves_the_time_and_closes(qtbot, window, project: Path) -> None:
    window.session._opened_at -= 15
    qtbot.keyClick(window.view, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()
    assert seconds_in_store(project, 1) >= 15
    assert any("Ctrl+Q" in keys and "quit" in what for keys, what in help_rows(BOOK))


# -- the previous article ---------------------------------------------------------------------
def test_ctrl_up_opens_the_article_before_in_the_queue(qtbot, window) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_Down, CTRL)
    qtbot.waitUntil(lambda: window.session.article_id == 2)
    qtbot.keyClick(window.view, Qt.Key.Key_Down, CTRL)
    qtbot.waitUntil(lambda: window.session.article_id == 3)
    qtbot.keyClick(window.view, Qt.Key.Key_Up, CTRL)
    qtbot.waitUntil(lambda: window.session.article_id == 2)
    assert window.queue.table.currentIndex().row() == window.queue_model.row_of(2)
    assert window.store.status(2, "ana") == "in_progress"
    window.queue.sort.setCurrentIndex(window.queue.sort.findData("date"))  # another queue order
    order = [r["id"] for r in window.queue_model.rows]
    qtbot.keyClick(window.view, Qt.Key.Key_Up, CTRL)
    before = order[order.index(2) - 1] if order.index(2) else 2
    qtbot.waitUntil(lambda: window.session.article_id == before)
    assert any("Ctrl+Up" in keys and "previous" in what for keys, what in help_rows(BOOK))


def test_previous_on_the_first_article_says_so(qtbot, window) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_Up, CTRL)
    settle()
    assert window.session.article_id == 1
    assert "first" in window.statusBar().currentMessage()


# -- search as you type -----------------------------------------------------------------------
def test_search_filters_as_you_type(qtbot, window) -> None:
    search = window.queue.search
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL)
    assert search.hasFocus()
    qtbot.keyClicks(search, "firefight")
    assert window.queue.debounce.isActive()  # not at every key: once typing pauses
    assert window.queue.debounce.interval() == 250
    assert window.queue_model.search is None and len(window.queue_model.rows) == 5
    qtbot.waitUntil(lambda: [r["id"] for r in window.queue_model.rows] == [1], timeout=2000)
    assert window.queue_model.search == "firefight"
    for _ in range(len("firefight")):
        qtbot.keyClick(search, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: len(window.queue_model.rows) == 5, timeout=2000)


def test_a_search_the_store_refuses_shows_in_the_status_bar(qtbot, window, monkeypatch) -> None:
    from annotator.core.errors import StoreError

    count = window.store.queue_count

    def refuse(*args, **kwargs):
        if kwargs.get("search"):
            raise StoreError("the search index is damaged")
        return count(*args, **kwargs)

    monkeypatch.setattr(window.store, "queue_count", refuse)
    qtbot.keyClicks(window.queue.search, "Taliban")
    qtbot.waitUntil(lambda: "damaged" in window.statusBar().currentMessage(), timeout=2000)
    assert len(window.queue_model.rows) == 5  # the queue kept its rows


# -- the date field ---------------------------------------------------------------------------
@pytest.mark.parametrize("width", [1366, 1600])
@pytest.mark.parametrize("squeezed", [False, True])
def test_the_date_field_shows_a_whole_date(qtbot, window, width: int, squeezed: bool) -> None:
    window.resize(width, 768)
    if squeezed:  # the analyst dragged the splitter: the frame pane as narrow as it goes
        window.splitter.setSizes([width, width, 1])
    frame = window.session.state.frames[0]
    window.events.select(frame.key)
    settle()
    field = window.events.form.event_date
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    field.selectAll()
    qtbot.keyClicks(field, "2021-07-23")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle()
    field.end(False)
    settle()
    middle = field.height() // 2
    assert field.cursorPositionAt(QPoint(4, middle)) == 0  # not scrolled: the whole date shows
    assert field.fontMetrics().horizontalAdvance("0000-00-00") < field.contentsRect().width() - 4
    assert window.width() == width
    [stored] = [e for e in window.store.events(1, annotator="ana")] or [None]
    assert stored is not None and stored["event_date"] == "2021-07-23"


# -- articles without a title -----------------------------------------------------------------
def test_an_untitled_article_is_listed_by_its_first_line(window) -> None:
    model = window.queue_model
    row = model.row_of(1)
    shown = model.data(model.index(row, TITLE))
    assert shown != "(untitled)"
    assert shown.startswith("KABUL (Dispatches) – At least 150 Afghan troops")
    assert "\n" not in shown and len(shown) <= 121
    assert window.metadata.title.text().startswith("KABUL (Dispatches)")
    titled = model.data(model.index(model.row_of(3), TITLE))
    assert titled == "Afghan army drives out Taliban in western town, reports say"


# -- the time saved every 30 s ----------------------------------------------------------------
def test_the_time_on_the_article_is_saved_every_30_seconds(qtbot, window, project: Path) -> None:
    timer = window.autosave
    assert timer.isActive() and timer.interval() == 30_000
    assert seconds_in_store(project, 1) < 5
    window.session._opened_at -= 30  # thirty seconds pass
    timer.timeout.emit()
    saved = seconds_in_store(project, 1)
    assert 30 <= saved < 40  # a kill now loses nothing of those 30 s
    settle()
    window._update_status()
    assert window.timer_label.text() == "on this article 0:30"  # the clock does not start again
    window.session._opened_at -= 30
    timer.timeout.emit()
    assert 60 <= seconds_in_store(project, 1) < 70  # added once, not twice


# -- keys a desktop takes ---------------------------------------------------------------------
@pytest.mark.parametrize("modifiers", [ALT | SHIFT, CTRL | SHIFT])
def test_the_span_start_moves_by_either_chord(qtbot, window, modifiers) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    span = window.session.state.span(window.selected_span)
    assert span.start > 0
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # accept it: the analyst's own span
    window.selected_span = next(
        s.key for s in window.session.state.spans if (s.start, s.end) == (span.start, span.end)
    )
    window.view.select(window.selected_span)
    qtbot.keyClick(window.view, Qt.Key.Key_Left, modifiers)
    [moved] = [s for s in window.store.spans(1, annotator="ana") if s["end"] == span.end]
    assert moved["start"] < span.start
    qtbot.keyClick(window.view, Qt.Key.Key_Right, modifiers)
    [back] = [s for s in window.store.spans(1, annotator="ana") if s["end"] == span.end]
    assert back["start"] == span.start


def test_f1_lists_the_alternative_for_alt_shift_arrows() -> None:
    [start] = [b for b in BINDINGS if b.command == "adjust_start"]
    assert {"Alt+Shift+Left", "Ctrl+Shift+Left", "Alt+Shift+Right", "Ctrl+Shift+Right"} <= set(start.keys)
    assert any("Ctrl+Shift+Left" in keys for keys, _ in help_rows(BOOK))
    every = [key for b in BINDINGS for key in b.keys]
    assert len(every) == len(set(every))  # no key bound twice


def test_readme_lists_the_new_keys() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for key in ("Ctrl+Q", "Ctrl+↑", "Ctrl+Shift+←/→"):
        assert key in readme, key
