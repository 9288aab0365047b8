"""Items 5 and 7 of issue 10 through the real widgets (keys, clicks, the dialog), then the store:
done means decided (Ctrl+Enter with undecided suggestions asks accept / reject / cancel, a
project setting answers for the analyst, the status bar counts what is undecided, the decision
and the done mark are one undo step), and an undo or redo in another article shows that article
in the queue, the text and the form alike and says what it undid."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from gui_helpers import click_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.codebook import load_codebook
from annotator.gui.qt_queue import ArticleIdRole
from annotator.paths import default_codebook_path

BOOK = load_codebook(default_codebook_path())
BUTTONS = ["Accept the rest", "Reject the rest", "Cancel"]


def answer_dialog(
    qtbot, button_text: str, seen: list[dict], tries: int = 100, dont_ask: bool = False
) -> None:
    """Click `button_text` in the next modal box (within about two seconds), remembering it;
    with `dont_ask`, tick the box's check box ("Don't ask again for this project") first."""

    def click(left: int = tries) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if left:
                QTimer.singleShot(20, lambda: click(left - 1))
            return
        text = box.text() + "\n" + box.informativeText()
        check = box.checkBox()
        seen.append({
            "text": text,
            "buttons": [b.text() for b in box.buttons()],
            "check": check.text() if check is not None else None,
        })  # fmt: skip
        if dont_ask and check is not None:  # without one, the test's own asserts fail
            qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
        button = next(b for b in box.buttons() if b.text() == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)


def done_key(qtbot, win) -> None:
    qtbot.keyClick(win.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def pending(win) -> tuple[list, list]:
    state = win.session.state
    return [s for s in state.spans if s.is_suggestion], [f for f in state.frames if f.is_suggestion]


def own_spans(win, article: int = 1) -> list[dict]:
    return win.store.spans(article, annotator="ana")


def own_events(win, article: int = 1) -> list[dict]:
    return win.store.events(article, annotator="ana")


def test_done_with_undecided_suggestions_asks_and_cancel_leaves_it_unmarked(qtbot, window) -> None:
    spans, frames = pending(window)
    assert spans and frames
    seen: list[dict] = []
    answer_dialog(qtbot, "Cancel", seen)
    done_key(qtbot, window)
    assert len(seen) == 1 and sorted(seen[0]["buttons"]) == sorted(BUTTONS)
    assert f"{len(spans) + len(frames)} undecided" in seen[0]["text"]
    assert window.store.status(1, "ana") == "in_progress"
    assert window.session.article_id == 1
    assert own_spans(window) == [] and own_events(window) == []


def test_reject_the_rest_marks_done_and_is_one_undo_step(qtbot, window) -> None:
    spans, frames = pending(window)
    seen: list[dict] = []
    answer_dialog(qtbot, "Reject the rest", seen)
    done_key(qtbot, window)
    qtbot.waitUntil(lambda: window.session.article_id == 2)
    assert window.store.status(1, "ana") == "done"
    assert sorted(s["status"] for s in own_spans(window)) == ["rejected"] * len(spans)
    assert [e["status"] for e in own_events(window)] == ["rejected"] * len(frames)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.store.status(1, "ana") == "in_progress"  # one step undoes decisions and mark
    assert own_spans(window) == [] and own_events(window) == []
    assert window.session.article_id == 1


def test_accept_the_rest_accepts_spans_and_frames(qtbot, window) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    qtbot.keyClick(window.view, Qt.Key.Key_X)  # one decided by hand stays rejected
    spans, frames = pending(window)
    seen: list[dict] = []
    answer_dialog(qtbot, "Accept the rest", seen)
    done_key(qtbot, window)
    qtbot.waitUntil(lambda: window.session.article_id == 2)
    assert window.store.status(1, "ana") == "done"
    statuses = sorted(s["status"] for s in own_spans(window))
    assert statuses.count("rejected") == 1 and statuses.count("accepted") >= len(spans)
    assert [e["status"] for e in own_events(window)] == ["accepted"] * len(frames)


@pytest.mark.parametrize(("setting", "status"), [("accept", "accepted"), ("reject", "rejected")])
def test_a_project_setting_answers_without_asking(qtbot, window, setting: str, status: str) -> None:
    window.store.set_setting("undecided_on_done", setting)
    _, frames = pending(window)
    seen: list[dict] = []
    answer_dialog(qtbot, "Cancel", seen, tries=10)
    done_key(qtbot, window)
    qtbot.waitUntil(lambda: window.session.article_id == 2)
    assert seen == []
    assert window.store.status(1, "ana") == "done"
    assert [e["status"] for e in own_events(window)] == [status] * len(frames)


def ask_action(win):
    return next(a for a in win.menuBar().actions()[1].menu().actions() if a.text().startswith("&Ask"))


def test_dont_ask_again_stores_the_answer_and_the_project_menu_asks_again(qtbot, window) -> None:
    seen: list[dict] = []
    answer_dialog(qtbot, "Reject the rest", seen, dont_ask=True)
    done_key(qtbot, window)
    qtbot.waitUntil(lambda: window.session.article_id == 2)
    assert seen[0]["check"] == "Don't ask again for this project"
    assert window.store.status(1, "ana") == "done"
    assert window.store.setting("undecided_on_done") == "reject"
    assert not ask_action(window).isChecked()
    spans, frames = pending(window)
    assert spans or frames  # article 2 has undecided suggestions too: not asked, rejected
    answer_dialog(qtbot, "Cancel", seen, tries=10)
    done_key(qtbot, window)
    qtbot.waitUntil(lambda: window.session.article_id == 3)
    assert len(seen) == 1
    assert window.store.status(2, "ana") == "done"
    assert [e["status"] for e in own_events(window, 2)] == ["rejected"] * len(frames)
    ask_action(window).trigger()  # Project → Ask before marking done …: asked again
    assert window.store.setting("undecided_on_done") == "ask"
    assert ask_action(window).isChecked()
    ask_action(window).trigger()  # unchecking it stores nothing: the box's check box does that
    assert window.store.setting("undecided_on_done") == "ask"
    assert ask_action(window).isChecked()
    assert "Don't ask again" in window.statusBar().currentMessage()
    assert pending(window) != ([], [])
    answer_dialog(qtbot, "Cancel", seen, dont_ask=True)
    done_key(qtbot, window)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert window.store.status(3, "ana") == "in_progress"
    assert window.store.setting("undecided_on_done") == "ask"  # Cancel never stores


def test_a_setting_with_an_unknown_answer_is_refused_in_the_status_bar(qtbot, window) -> None:
    window.store.set_setting("undecided_on_done", "maybe")
    done_key(qtbot, window)
    assert "undecided_on_done" in window.statusBar().currentMessage()
    assert window.store.status(1, "ana") == "in_progress"


def test_nothing_undecided_marks_done_without_asking(qtbot, window) -> None:
    window.store.set_setting("undecided_on_done", "reject")
    done_key(qtbot, window)  # decides everything in article 1, opens 2
    qtbot.waitUntil(lambda: window.session.article_id == 2)
    window.open_article(1, wait=True)
    assert window.undecided.text() == "0 undecided"
    window.store.set_setting("undecided_on_done", "ask")
    seen: list[dict] = []
    answer_dialog(qtbot, "Cancel", seen, tries=10)
    done_key(qtbot, window)
    qtbot.waitUntil(lambda: window.session.article_id == 2)
    assert seen == []


def test_the_status_bar_counts_undecided_suggestions_as_they_are_decided(qtbot, window) -> None:
    spans, frames = pending(window)
    total = len(spans) + len(frames)
    assert window.undecided.text() == f"{total} undecided"
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert window.undecided.text() == f"{total - 1} undecided"
    qtbot.keyClick(window.view, Qt.Key.Key_X)
    assert window.undecided.text() == f"{total - 2} undecided"
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert window.undecided.text() == f"{len(frames)} undecided"


# -- item 7 -------------------------------------------------------------------------------------
def queue_selected(win) -> list[int]:
    rows = win.queue.table.selectionModel().selectedRows()
    return [win.queue_model.data(index, ArticleIdRole) for index in rows]


def assert_all_show(win, article: int) -> None:
    """Queue row, text and frame list all show `article`, as the store has it."""
    assert win.session.article_id == article
    assert queue_selected(win) == [article]
    assert win.view.toPlainText() == win.store.article(article)["text"]
    listed = [win.events.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(win.events.list.count())]
    assert listed == [f.key for f in win.session.state.frames]
    assert win.selected_frame is None and win.events.form.frame is None


def test_undo_in_another_article_shows_it_everywhere_and_says_what_it_undid(qtbot, window) -> None:
    text = window.session.state.text
    click_text(qtbot, window, text.index("Shahrak") + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # relabel LOCATION → ACTOR
    qtbot.keyClick(window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.session.article_id == 2)
    assert queue_selected(window) == [2]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert_all_show(window, 1)
    assert window.statusBar().currentMessage() == "undone: relabel LOCATION→ACTOR 'Shahrak' in article 1"
    assert own_spans(window) == []
    qtbot.keyClick(window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.session.article_id == 2)
    qtbot.keyClick(
        window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert_all_show(window, 1)
    assert window.statusBar().currentMessage() == "redone: relabel LOCATION→ACTOR 'Shahrak' in article 1"
    assert [(s["label"], text[s["start"] : s["end"]]) for s in own_spans(window)] == [("ACTOR", "Shahrak")]


def test_undo_messages_name_the_change(qtbot, window) -> None:
    text = window.session.state.text
    window.view.select_range(text.index("firefight"), text.index("firefight") + 9)
    qtbot.keyClick(window.view, Qt.Key.Key_6)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "undone: label WEAPON 'firefight' in article 1"
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    count = len(own_spans(window))
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == f"undone: accept {count} suggestions in article 1"
    window.store.set_setting("undecided_on_done", "reject")
    done_key(qtbot, window)
    qtbot.waitUntil(lambda: window.session.article_id == 2)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    message = window.statusBar().currentMessage()
    assert message.startswith("undone: mark done, rejecting ") and message.endswith(" in article 1")
    assert_all_show(window, 1)
