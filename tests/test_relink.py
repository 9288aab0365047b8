"""Items 1 and 8 of issue 10 through the real widgets (keys, clicks, the dialog), then the store:
relinking a single-valued role replaces its link and its derived fields in one undo step,
clearing a role field removes its links, accepting an invalid frame asks first, and exports
report frames that fail validation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gui_helpers import click_text, roles_of, text_of
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.codebook import load_codebook
from annotator.paths import default_codebook_path
from annotator.services.exporting import export_project

BOOK = load_codebook(default_codebook_path())


def select_frame(win, trigger: str):
    frame = next(f for f in win.session.state.frames if f.fields["trigger_text"] == trigger)
    win.events.select(frame.key)
    win.view.setFocus()
    return frame


def answer_dialog(qtbot, button_text: str, seen: list[str], tries: int = 100) -> None:
    """Click `button_text` in the next modal box (within about two seconds), remembering its text."""

    def click(left: int = tries) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if left:
                QTimer.singleShot(20, lambda: click(left - 1))
            return
        seen.append(box.text() + "\n" + box.informativeText())
        button = next(b for b in box.buttons() if b.text() == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)


GHOR = {
    "location": "Ghor",
    "admin1": "Ghor",
    "admin2": None,
    "latitude": 34.1,
    "longitude": 64.9,
    "geo_precision": 3,
}


def location_of(event: dict) -> dict:
    return {k: event[k] for k in GHOR}


def test_alt_l_on_an_accepted_frame_replaces_the_location_in_one_undo_step(qtbot, window) -> None:
    text = text_of(window)
    select_frame(window, "seized")
    qtbot.keyClick(window.view, Qt.Key.Key_E)  # a valid frame: accepted without asking
    own = window.selected_frame
    assert own[0] == "mine"
    before = location_of(window.store.event(own[1]))
    assert before["location"] == "Shahrak"
    click_text(qtbot, window, text.index("Ghor province") + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    event = window.store.event(own[1])
    assert location_of(event) == GHOR
    assert roles_of(window, own[1])["location"] == ["Ghor"]  # replaced, not a second row
    form = window.events.form
    assert (form.location.text(), form.admin1.text(), form.admin2.text()) == ("Ghor", "Ghor", "")
    assert form.geo_precision.currentData() == 3
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step back
    assert location_of(window.store.event(own[1])) == before
    assert roles_of(window, own[1])["location"] == ["Shahrak"]


@pytest.mark.parametrize("how", ["link button", "Alt+L"])
def test_linking_on_a_suggested_frame_accepts_it_and_says_so(qtbot, window, how: str) -> None:
    text = text_of(window)
    suggested = select_frame(window, "seized")
    form = window.events.form
    if how == "link button":
        qtbot.mouseClick(form.link_buttons["location"], Qt.MouseButton.LeftButton)
        click_text(qtbot, window, text.index("Ghor province") + 1)
    else:
        click_text(qtbot, window, text.index("Ghor province") + 1)
        qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    [event] = window.store.events(1, annotator="ana")
    assert window.selected_frame == ("mine", event["id"])
    assert (event["status"], event["origin"]) == ("accepted", f"suggestion:{suggested.id}")
    assert location_of(event) == GHOR
    assert roles_of(window, event["id"]) == {
        "actor1": ["Taliban"],
        "actor2": ["Afghan troops"],
        "location": ["Ghor"],
        "date": ["Monday"],
    }
    message = window.statusBar().currentMessage()
    assert message.startswith("accepted the suggested frame 'Non-state actor overtakes territory'")
    assert "linked Ghor as location" in message
    assert form.location.text() == "Ghor"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo step
    assert window.store.events(1, annotator="ana") == []


def test_relinking_an_actor_replaces_its_inter_code_and_export_writes_the_new_place(
    qtbot, window, tmp_path: Path
) -> None:
    text = text_of(window)
    select_frame(window, "seized")
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    own = window.selected_frame[1]
    form = window.events.form
    qtbot.mouseClick(form.link_buttons["actor2"], Qt.MouseButton.LeftButton)
    click_text(qtbot, window, text.index("foreign troops") + 1)
    event = window.store.event(own)
    assert (event["actor2"], event["inter2"]) == ("NATO: North Atlantic Treaty Organization", 8)
    assert roles_of(window, own)["actor2"] == ["foreign troops"]
    assert form.actors["actor2"][1].currentData() == 8
    click_text(qtbot, window, text.index("Ghor province") + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    window.session.mark_done()
    report = export_project(window.store, "acled", tmp_path / "out", BOOK, annotator="ana")
    with (tmp_path / "out" / "events.acled.csv").open(encoding="utf-8") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["location"], row["admin1"], row["admin2"], row["geo_precision"]) == ("Ghor", "Ghor", "", "3")
    assert (row["actor2"], row["inter2"], row["interaction"]) == (
        "NATO: North Atlantic Treaty Organization",
        "8",
        "28",
    )
    assert report.counts.get("invalid_frames", 0) == 0


def test_associated_actors_hold_several_and_clearing_the_field_removes_links_and_inter(qtbot, window) -> None:
    text = text_of(window)
    select_frame(window, "seized")
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    own = window.selected_frame[1]
    form = window.events.form
    for surface in ("Afghan troops to", "foreign troops"):  # the first is counted: a CASUALTY
        click_text(qtbot, window, text.index(surface) + 1)
        qtbot.mouseClick(form.link_buttons["assoc_actor_1"], Qt.MouseButton.LeftButton)
        click_text(qtbot, window, text.index(surface) + 1)
    event = window.store.event(own)
    assert roles_of(window, own)["assoc_actor_1"] == ["Afghan troops", "foreign troops"]  # multiple = true
    assert event["assoc_actor_1"] == (
        "Military Forces of Afghanistan (2014-2021); NATO: North Atlantic Treaty Organization"
    )
    assert event["assoc_inter_1"] == 1
    name, kind = form.actors["assoc_actor_1"]
    assert kind.currentText() == "1 State forces"
    name.setFocus()
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    event = window.store.event(own)
    assert (event["assoc_actor_1"], event["assoc_inter_1"]) == (None, None)
    assert "assoc_actor_1" not in roles_of(window, own)
    assert (name.text(), kind.currentText()) == ("", "")
    assert roles_of(window, own)["actor1"] == ["Taliban"]  # the other roles keep theirs


def test_clearing_the_location_field_removes_its_link_and_place(qtbot, window) -> None:
    select_frame(window, "seized")
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    own = window.selected_frame[1]
    form = window.events.form
    form.location.setFocus()
    form.location.selectAll()
    qtbot.keyClick(form.location, Qt.Key.Key_Delete)
    qtbot.keyClick(form.location, Qt.Key.Key_Return)
    event = window.store.event(own)
    assert location_of(event) == dict.fromkeys(GHOR)
    assert event["country"] is None
    assert "location" not in roles_of(window, own)
    assert (form.admin1.text(), form.admin2.text(), form.geo_precision.currentData()) == ("", "", None)
    assert "no location" in form.problems.text()


@pytest.mark.parametrize("answer", ["Cancel", "Accept anyway"])
def test_e_on_an_invalid_frame_shows_its_problems_and_asks(qtbot, window, answer: str) -> None:
    select_frame(window, "stormed")  # Armed clash at Qaisar, no date
    seen: list[str] = []
    answer_dialog(qtbot, answer, seen)
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    assert len(seen) == 1 and "no event date" in seen[0]
    own = window.store.events(1, annotator="ana")
    if answer == "Cancel":
        assert own == []
        assert window.selected_frame[0] == "suggestion"
    else:
        assert [e["status"] for e in own] == ["accepted"]
        assert window.selected_frame == ("mine", own[0]["id"])


def test_the_accept_button_on_an_invalid_own_frame_asks_too(qtbot, window) -> None:
    text = text_of(window)
    window.view.select_range(text.index("firefight"), text.index("firefight") + 9)
    qtbot.keyClick(window.view, Qt.Key.Key_E)  # a new frame from the selection: no question
    own = window.selected_frame[1]
    assert window.store.event(own)["status"] == "manual"
    seen: list[str] = []
    answer_dialog(qtbot, "Cancel", seen)
    qtbot.mouseClick(window.events.form.accept_button, Qt.MouseButton.LeftButton)
    assert "choose an event type" in seen[0]
    assert window.store.event(own)["status"] == "manual"


def test_exports_report_frames_that_fail_validation(qtbot, window, tmp_path: Path) -> None:
    select_frame(window, "stormed")
    answer_dialog(qtbot, "Accept anyway", [])
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    start = window.store.event(window.selected_frame[1])["trigger_start"]
    select_frame(window, "seized")
    qtbot.keyClick(window.view, Qt.Key.Key_E)  # valid: no question, not reported
    window.session.mark_done()
    report = export_project(window.store, "acled", tmp_path / "out", BOOK, annotator="ana")
    assert report.counts["invalid_frames"] == 1
    note = f"article 1: frame 'Battles' at {start}: no event date"
    assert note in report.notes
    assert f"  note: {note}" in report.lines() and "  invalid frames: 1" in report.lines()
