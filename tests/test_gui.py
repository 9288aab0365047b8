"""The workspace driven through its real widgets with keys and clicks (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gui_helpers import click_text, open_export_dialog, shown, text_of
from PySide6.QtCore import Qt

from annotator.core.codebook import load_codebook
from annotator.core.model import ArticleRecord
from annotator.gui.app import build_window
from annotator.gui.qt_help import help_html
from annotator.gui.qt_main_window import default_settings
from annotator.gui.qt_queue import STATUS, QueueModel
from annotator.paths import default_codebook_path
from annotator.store import Store
from annotator.workspace.state import read_state

BOOK = load_codebook(default_codebook_path())


def mine(win, article: int | None = None) -> list[dict]:
    return win.store.spans(article or win.session.article_id, annotator="ana")


def test_label_a_selection_snapped_to_tokens(qtbot, window) -> None:
    text = text_of(window)
    start = text.index("nearby villages") + 2  # a sloppy drag: "arby villa"
    window.view.select_range(start, start + 9)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    [span] = [s for s in mine(window) if s["status"] == "manual"]
    assert text[span["start"] : span["end"]] == "nearby villages"
    assert span["label"] == "LOCATION"


def test_select_with_the_keyboard_and_label(qtbot, window) -> None:
    text = text_of(window)
    cursor = window.view.textCursor()
    cursor.setPosition(window.view.offsets.to_utf16(text.index("heavy firefight")))
    window.view.setTextCursor(cursor)
    for _ in range(len("heavy firefight")):
        qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_6)
    [span] = mine(window)
    assert (text[span["start"] : span["end"]], span["label"]) == ("heavy firefight", "WEAPON")


def test_hover_shows_origin_and_normalised_value(window) -> None:
    from annotator.gui.qt_article_view import tooltip

    span = next(s for s in window.session.state.spans if s.label == "LOCATION" and s.normalized.get("admin1"))
    tip = tooltip([span])
    assert (
        "LOCATION" in tip and "suggestion" in tip and span.origin in tip and span.normalized["admin1"] in tip
    )


def test_accept_and_reject_suggestions_with_keys(qtbot, window) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    first = window.session.state.span(window.selected_span)
    assert first.is_suggestion
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    second = window.session.state.span(window.selected_span)  # accepting moves on
    qtbot.keyClick(window.view, Qt.Key.Key_X)
    decided = {(s["start"], s["end"]): s["status"] for s in mine(window)}
    assert decided == {(first.start, first.end): "accepted", (second.start, second.end): "rejected"}
    remaining = {(s.start, s.end) for s in window.session.state.spans if s.is_suggestion}
    assert (first.start, first.end) not in remaining and (second.start, second.end) not in remaining
    qtbot.keyClick(window.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert window.session.state.span(window.selected_span).is_suggestion


def test_click_relabel_and_adjust_a_span(qtbot, window) -> None:
    text = text_of(window)
    offset = text.index("Shahrak") + 2
    click_text(qtbot, window, offset)
    assert window.session.state.span(window.selected_span).label == "LOCATION"
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # relabel as ACTOR
    [span] = mine(window)
    assert (text[span["start"] : span["end"]], span["label"]) == ("Shahrak", "ACTOR")
    qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    [span] = mine(window)
    assert text[span["start"] : span["end"]] == "Shahrak district"
    qtbot.keyClick(
        window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier
    )
    [span] = mine(window)
    assert text[span["start"] : span["end"]] == "district"


def test_accept_all_remaining_suggestions(qtbot, window) -> None:
    pending = [s for s in window.session.state.spans if s.is_suggestion]
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert not [s for s in window.session.state.spans if s.is_suggestion]
    assert len([s for s in mine(window) if s["status"] == "accepted"]) == len(pending)


def test_build_a_full_event_frame_with_linked_roles(qtbot, window) -> None:
    text = text_of(window)
    trigger = text.index("seized")
    window.view.select_range(trigger, trigger + 6)
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    assert window.selected_frame[0] == "mine"
    form = window.events.form
    qtbot.keyClicks(form.event_type, "Battles")
    qtbot.keyClicks(form.sub_event_type, "Non-state")
    # actor1 by arming the field and clicking the span
    qtbot.mouseClick(form.link_buttons["actor1"], Qt.MouseButton.LeftButton)
    click_text(qtbot, window, text.index("The Taliban seized") + 5)
    # location and date by keyboard: select the span, then Alt+key
    click_text(qtbot, window, text.index("Shahrak") + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    click_text(qtbot, window, text.index("Monday and forced") + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    click_text(qtbot, window, text.index("Afghan troops to") + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    event = window.store.event(window.selected_frame[1])
    assert (event["event_type"], event["sub_event_type"]) == (
        "Battles",
        "Non-state actor overtakes territory",
    )
    assert (event["actor1"], event["inter1"]) == ("Taliban", 2)
    assert (event["actor2"], event["inter2"]) == ("Military Forces of Afghanistan (2014-2021)", 1)
    assert (event["location"], event["admin1"], event["admin2"], event["geo_precision"]) == (
        "Shahrak",
        "Ghor",
        "Shahrak",
        2,
    )
    assert (event["event_date"], event["time_precision"]) == ("2021-06-07", 1)
    assert {a["role"] for a in window.store.arguments(event["id"])} == {
        "actor1",
        "actor2",
        "location",
        "date",
    }
    assert form.problems.text() == ""  # the codebook is satisfied
    # fatalities overridden by hand, with the rule shown
    form.fatalities.setFocus()
    form.fatalities.selectAll()
    qtbot.keyClicks(form.fatalities, "2")
    qtbot.keyClick(form.fatalities, Qt.Key.Key_Return)
    event = window.store.event(event["id"])
    assert (event["fatalities"], event["fatalities_rule"]) == (2, "override")
    assert "needs a reason" in form.problems.text()


def test_codebook_validation_shows_inline(qtbot, window) -> None:
    text = text_of(window)
    window.view.select_range(text.index("stormed"), text.index("stormed") + 7)
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    qtbot.keyClicks(window.events.form.event_type, "Violence")
    problems = window.events.form.problems.text()
    assert "Violence against civilians needs actor1" in problems
    assert "choose a sub-event type" in problems


def test_accept_a_suggested_frame_with_one_key(qtbot, window) -> None:
    suggested = [f for f in window.session.state.frames if f.is_suggestion and f.roles]
    frame = next(f for f in suggested if f.fields["trigger_text"] == "seized")
    window.events.select(frame.key)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    own = window.store.event(window.selected_frame[1])
    assert own["status"] == "accepted" and own["origin"] == f"suggestion:{frame.id}"
    assert own["sub_event_type"] == "Non-state actor overtakes territory"
    roles = {a["role"] for a in window.store.arguments(own["id"])}
    assert roles == set(frame.roles)
    assert all(
        window.store.span(a["span_id"])["annotator_id"] == window.store.annotator_id("ana")
        for a in window.store.arguments(own["id"])
    )
    assert frame.key not in {f.key for f in window.session.state.frames}


def test_undo_and_redo_across_an_article_switch(qtbot, window) -> None:
    text = text_of(window)
    window.view.select_range(text.index("firefight"), text.index("firefight") + 9)
    qtbot.keyClick(window.view, Qt.Key.Key_6)
    assert len(mine(window, 1)) == 1
    qtbot.keyClick(window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.session.article_id == 2)  # read off the GUI thread
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.article_id == 1  # undo went back to where the change was
    assert mine(window, 1) == []
    qtbot.keyClick(
        window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [s["label"] for s in mine(window, 1)] == ["WEAPON"]


def test_mark_done_and_move_on_then_reopen_the_database(qtbot, window, project: Path, tmp_path: Path) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    accepted = len(mine(window, 1))
    window.store.set_setting("undecided_on_done", "reject")  # what is left undecided: no question
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.session.article_id == 2)
    assert window.store.status(1, "ana") == "done"
    assert "done 1 / 5" in window.progress.text()
    window.close()
    with Store(project) as reopened:  # everything is already on disk
        assert reopened.status(1, "ana") == "done"
        assert reopened.status(2, "ana") == "in_progress"
        assert len(reopened.spans(1, annotator="ana")) == accepted
        row = reopened.db["article_status"].get((1, reopened.annotator_id("ana")))
        assert row["seconds"] >= 0
    settings = default_settings(tmp_path / "settings.ini")
    assert int(settings.value(f"last_article/{project}")) == 2
    assert settings.value("window/geometry") is not None


def test_missing_publication_date_is_a_warning_that_can_be_set(qtbot, window) -> None:
    window.open_article(3, wait=True)  # 002 has no date in its header
    assert "no publication date" in window.metadata.date.text()
    assert window.metadata.choices.isVisibleTo(window)
    found = [window.metadata.choices.itemText(i) for i in range(window.metadata.choices.count())]
    assert "2021-07-07" in found  # the caption's date is offered, not used silently
    window.metadata.choices.setCurrentIndex(found.index("2021-07-07"))
    qtbot.mouseClick(window.metadata.set_button, Qt.MouseButton.LeftButton)
    assert window.store.article(3)["published_at"] == "2021-07-07"
    assert "published: 2021-07-07" in window.metadata.date.text()


def test_offsets_are_exact_with_emoji_pashto_and_combining_marks(qtbot, tmp_path: Path) -> None:
    text = "Breaking 🇦🇫💥 news: د طالبانو جګړه in Qala-e-Naw; cafe\u0301 hit 👍🏽 near Kabul."
    with Store(tmp_path / "u.db") as store:
        [(article, _)] = store.add_articles([ArticleRecord(raw_text=text, text=text)])
        store.add_span(
            article,
            "suggester",
            text.index("Qala-e-Naw"),
            text.index("Qala-e-Naw") + 10,
            "LOCATION",
            status="suggested",
        )
        settings = default_settings(tmp_path / "s.ini")
        win = build_window(store, "ana", BOOK, settings=settings, article=article, suggestions=False)
        qtbot.addWidget(win)
        win.show()
        [highlight] = win.view.highlighted()
        assert text[highlight.start : highlight.end] == "Qala-e-Naw"
        start = text.index("Kabul")
        win.view.select_range(start, start + 5)
        qtbot.keyClick(win.view, Qt.Key.Key_3)
        [span] = [s for s in store.spans(article, annotator="ana")]
        assert text[span["start"] : span["end"]] == "Kabul"
        pashto = text.index("طالبانو")
        win.view.select_range(pashto, pashto + 7)
        qtbot.keyClick(win.view, Qt.Key.Key_1)
        labels = {text[s["start"] : s["end"]]: s["label"] for s in store.spans(article, annotator="ana")}
        assert labels["طالبانو"] == "ACTOR"
        texts = sorted(text[h.start : h.end] for h in win.view.highlighted())
        assert texts == sorted(["Qala-e-Naw", "Kabul", "طالبانو"])
        win.close()


def test_help_lists_every_binding_and_label() -> None:
    html = help_html(BOOK)
    for needle in ("Ctrl+Z", "Shift+A", "Alt+L", "Ctrl+Return", "F1", "ACTOR", "WEAPON"):
        assert needle in html


def test_queue_filters_by_annotator_and_status(qtbot, window) -> None:
    window.store.set_status(3, "bo", "done")
    queue = window.queue
    queue.whose.addItem("status of bo", "bo")
    queue.whose.setCurrentIndex(queue.whose.findData("bo"))
    queue.status.setCurrentIndex(queue.status.findData("done"))
    assert [r["id"] for r in queue.model.rows] == [3]
    queue.whose.setCurrentIndex(queue.whose.findData("ana"))
    assert queue.model.rows == []  # ana has finished nothing yet
    qtbot.keyClicks(queue.search, "Qaisar")
    qtbot.keyClick(queue.search, Qt.Key.Key_Return)
    queue.status.setCurrentIndex(0)
    assert sorted(r["id"] for r in queue.model.rows) == [1, 2]


def test_queue_model_pages_rows_in(qtmodeltester, tmp_path: Path) -> None:
    with Store(tmp_path / "q.db") as store:
        store.add_articles(
            [ArticleRecord(raw_text=f"Report {i}.", text=f"Report {i}.", title=f"T{i}") for i in range(1_200)]
        )
        model = QueueModel(store, "ana")
        assert (model.rowCount(), model.total) == (500, 1200)
        qtmodeltester.check(model)
        while model.canFetchMore(model.index(-1, -1)):
            model.fetchMore(model.index(-1, -1))
        assert model.rowCount() == 1200
        model.search = "1199"
        model.reload()
        assert [r["title"] for r in model.rows] == ["T1199"]


def test_export_dialog_runs_the_export_in_a_worker(qtbot, window, tmp_path: Path) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    window.store.set_setting("undecided_on_done", "reject")  # what is left undecided: no question
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(
        window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = window.export_dialog
    dialog.format.setCurrentIndex(dialog.format.findData("doccano"))
    dialog.out.setText(str(tmp_path / "out"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "wrote" in dialog.summary.toPlainText(), timeout=20_000)
    assert (tmp_path / "out" / "annotations.doccano.jsonl").exists()
    assert "articles: 1" in dialog.summary.toPlainText()
    dialog.close()


def test_screenshot_command(tmp_path: Path, project: Path) -> None:
    from typer.testing import CliRunner

    from annotator.cli import app

    out = tmp_path / "shot.png"
    result = CliRunner().invoke(
        app, ["gui", "--db", str(project), "--annotator", "ana", "--article", "1", "--screenshot", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 20_000


def assert_views_equal_store(win) -> None:
    state = read_state(win.store, win.session.article_id, "ana")
    assert win.session.state == state
    assert [
        win.events.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(win.events.list.count())
    ] == [f.key for f in state.frames]
    assert win.view.highlighted() == state.spans


def test_the_queue_shows_the_chosen_annotators_work_and_moves_on_by_ones_own(qtbot, window) -> None:
    window.store.set_status(3, "bo", "done")
    queue = window.queue
    queue.whose.addItem("status of bo", "bo")
    queue.whose.setCurrentIndex(queue.whose.findData("bo"))
    window.open_article(2, wait=True)  # ana opens 2: in progress for ana, still todo for bo
    model = queue.model
    column = [model.data(model.index(row, STATUS)) for row in range(model.rowCount())]
    assert column == ["todo", "todo", "done", "todo", "todo"]
    window.store.set_setting("undecided_on_done", "reject")  # what is left undecided: no question
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.session.article_id is not None and window.session.article_id != 2)
    assert window.session.article_id == 3  # bo has done 3; ana has not
    assert window.store.status(2, "ana") == "done"
    assert [r["status"] for r in model.rows] == [window.store.status(i, "bo") for i in (1, 2, 3, 4, 5)]


def test_linking_without_a_selected_span_says_so(qtbot, window) -> None:
    window.events.select(window.session.state.frames[0].key)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert shown(window) == "select a span first (Tab or click)"
    assert window.store.events(1, annotator="ana") == []
    assert_views_equal_store(window)


def test_linking_without_a_selected_frame_says_so(qtbot, window) -> None:
    click_text(qtbot, window, text_of(window).index("Shahrak") + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert shown(window) == "select or create a frame first"
    assert window.store.spans(1, annotator="ana") == []
    assert_views_equal_store(window)


def test_linking_a_span_the_role_refuses_changes_nothing(qtbot, window) -> None:
    text = text_of(window)
    seized = next(f for f in window.session.state.frames if f.fields["trigger_text"] == "seized")
    window.events.select(seized.key)
    click_text(qtbot, window, text.index("Monday and forced") + 1)  # a DATE span
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert shown(window) == "a DATE span cannot be the location; it takes LOCATION"
    assert window.store.events(1, annotator="ana") == [] and window.store.spans(1, annotator="ana") == []
    assert_views_equal_store(window)


def test_a_link_button_then_a_refused_span_changes_nothing(qtbot, window) -> None:
    text = text_of(window)
    window.view.select_range(text.index("stormed"), text.index("stormed") + 7)
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    own = window.selected_frame
    qtbot.mouseClick(window.events.form.link_buttons["date"], Qt.MouseButton.LeftButton)
    click_text(qtbot, window, text.index("Shahrak") + 1)  # a LOCATION span for the date
    assert shown(window) == "a LOCATION span cannot be the date; it takes DATE"
    assert window.store.arguments(own[1]) == [] and window.store.spans(1, annotator="ana") == []
    assert window.armed_role is None
    assert_views_equal_store(window)


def test_an_invalid_date_on_a_suggested_frame_changes_nothing(qtbot, window) -> None:
    seized = next(f for f in window.session.state.frames if f.fields["trigger_text"] == "seized")
    window.events.select(seized.key)
    form = window.events.form
    form.event_date.setFocus()
    form.event_date.selectAll()
    qtbot.keyClicks(form.event_date, "yesterday")
    qtbot.keyClick(form.event_date, Qt.Key.Key_Return)
    assert shown(window) == "event date 'yesterday' is not a date: write it as YYYY-MM-DD"
    assert window.store.events(1, annotator="ana") == []  # the suggestion was not taken either
    assert form.event_date.text() == "2021-06-07"  # the form shows the store again
    assert_views_equal_store(window)


def test_a_value_the_store_refuses_rolls_the_whole_edit_back(qtbot, window) -> None:
    seized = next(f for f in window.session.state.frames if f.fields["trigger_text"] == "seized")
    window.events.select(seized.key)
    window.events.form.edited.emit({"fatalities": "three"})  # copied into ana's frame, then refused
    assert shown(window) == "event field 'fatalities' must be int, got 'three'"
    assert window.store.events(1, annotator="ana") == []
    assert window.session.state.frame(seized.key) is not None
    assert_views_equal_store(window)


def test_a_failed_read_off_the_gui_thread_is_shown_in_the_same_place(qtbot, window) -> None:
    window.open_article(999)
    qtbot.waitUntil(lambda: shown(window) != "")
    assert shown(window) == f"no article with id 999 in {window.store.path}"
    assert window.session.article_id == 1
    assert_views_equal_store(window)


def test_a_bug_is_not_dressed_up_as_a_user_error(qtbot, window, monkeypatch) -> None:
    def broken() -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(window.session, "accept_all", broken)
    with pytest.raises(RuntimeError, match=r"a bug$"):  # not caught: on to the excepthook
        qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert shown(window) == ""


def test_an_export_with_nothing_done_is_shown_in_the_windows_status_bar(
    qtbot, window, tmp_path: Path
) -> None:
    dialog = open_export_dialog(qtbot, window)
    dialog.out.setText(str(tmp_path / "out"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown(window) != "", timeout=20_000)
    assert (
        shown(window)
        == "no articles marked done by 'ana' to export (use --all-articles to include unfinished)"
    )
    assert dialog.summary.toPlainText() == ""  # shown once, in the window's status bar
    assert dialog.export_button.isEnabled()
    assert not (tmp_path / "out").exists()
    assert_views_equal_store(window)
    dialog.close()


def test_an_export_without_a_folder_is_refused_in_the_status_bar(qtbot, window) -> None:
    dialog = open_export_dialog(qtbot, window)
    dialog.out.clear()  # would have written into the working directory
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert shown(window) == "choose a folder to export to"
    assert dialog.summary.toPlainText() == "" and dialog.export_button.isEnabled()
    dialog.close()


def test_browse_chooses_the_export_folder(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QPushButton

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_: str(tmp_path / "chosen"))
    dialog = open_export_dialog(qtbot, window)
    [browse] = [b for b in dialog.findChildren(QPushButton) if b.text() == "…"]
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert dialog.out.text() == str(tmp_path / "chosen")
    dialog.close()


def queue_rows_equal_store(win) -> None:
    model = win.queue.model
    assert (model.whose, model.sort) == (win.queue.whose.currentData(), win.queue.sort.currentData())
    expected = win.store.queue(
        model.whose, status=model.status, search=model.search, sort=model.sort, own="ana"
    )
    assert [r["id"] for r in model.rows] == [r["id"] for r in expected]
    assert model.total == len(expected) == model.rowCount()


def test_a_queue_order_the_store_refuses_is_shown_and_the_queue_stays(qtbot, window) -> None:
    queue = window.queue
    queue.sort.addItem("by mood", "mood")
    qtbot.keyClick(queue.sort, Qt.Key.Key_End)
    assert shown(window) == "unknown queue order 'mood'; known: id, date, source"
    assert queue.sort.currentData() == "id"  # the control shows the order the queue has
    queue_rows_equal_store(window)
    assert_views_equal_store(window)


def test_a_search_the_store_fails_is_shown_and_the_queue_stays(qtbot, window, monkeypatch) -> None:
    from annotator.core.errors import StoreError

    count = window.store.queue_count

    def refused(whose: str, *, status: str | None = None, search: str | None = None) -> int:
        if search:
            raise StoreError("the project is busy; try again")
        return count(whose, status=status, search=search)

    queue = window.queue
    with monkeypatch.context() as patch:
        patch.setattr(window.store, "queue_count", refused)
        qtbot.keyClicks(queue.search, "Qaisar")
        qtbot.keyClick(queue.search, Qt.Key.Key_Return)
        assert shown(window) == "the project is busy; try again"
        assert queue.search.text() == "" and queue.model.search is None
        assert [r["id"] for r in queue.model.rows] == [1, 2, 3, 4, 5]
    queue_rows_equal_store(window)
    qtbot.keyClicks(queue.search, "Qaisar")
    qtbot.keyClick(queue.search, Qt.Key.Key_Return)
    assert [r["id"] for r in queue.model.rows] == [1, 2]
    queue_rows_equal_store(window)


@pytest.mark.parametrize("window", ["<i>x</i>"], indirect=True)
def test_the_annotators_name_is_shown_as_written(window) -> None:
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    if window.identity.textFormat() == Qt.TextFormat.PlainText:
        document.setPlainText(window.identity.text())
    else:
        document.setHtml(window.identity.text())
    assert document.toPlainText() == "annotator: <i>x</i>"
