"""Item 9 of issue 10 through the real widgets (keys, clicks, the completer), then the store:
typed actor names complete from the codebook's and the gazetteer's actors and fill the inter
code, an actor without one is flagged, Alt+1/Alt+2 link actor1/actor2 and Shift+Alt+1/2 their
associated actors, the README's keys and F1 come from one bindings table, and one span in two
actor roles of a frame is warned about."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gui_helpers import click_text, text_of
from gui_helpers import roles_of as arguments
from PySide6.QtCore import Qt

from annotator.core.codebook import load_codebook
from annotator.gui.bindings import readme_keys
from annotator.gui.qt_help import QtHelp
from annotator.paths import default_codebook_path

BOOK = load_codebook(default_codebook_path())
README = Path(__file__).resolve().parents[1] / "README.md"
ALT = Qt.KeyboardModifier.AltModifier
SHIFT_ALT = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier


def new_frame(qtbot, win) -> int:
    """A frame of ana's own on "seized" (E on the selection); its event id."""
    trigger = text_of(win).index("seized")
    win.view.select_range(trigger, trigger + 6)
    qtbot.keyClick(win.view, Qt.Key.Key_E)
    assert win.selected_frame[0] == "mine"
    return win.selected_frame[1]


def test_a_typed_actor_name_completes_from_the_gazetteer_and_fills_the_inter_code(qtbot, window) -> None:
    event_id = new_frame(qtbot, window)
    form = window.events.form
    name, kind = form.actors["actor1"]
    name.setFocus()
    qtbot.keyClicks(name, "afghan national ar")
    completer = name.completer()
    popup = completer.popup()
    assert popup.isVisible()
    shown = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert "Afghan National Army" in shown
    row = shown.index("Afghan National Army")
    popup.setCurrentIndex(popup.model().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    event = window.store.event(event_id)
    assert (event["actor1"], event["inter1"]) == ("Military Forces of Afghanistan (2014-2021)", 1)
    assert kind.currentData() == 1
    # the codebook's actor types complete too ("Civilians" is inter 7) and fill actor2's code;
    # the gazetteer's generic civilians name no country (the article's country is not known here)
    name2, kind2 = form.actors["actor2"]
    name2.setFocus()
    qtbot.keyClicks(name2, "Civilians")
    qtbot.keyClick(name2, Qt.Key.Key_Return)
    event = window.store.event(event_id)
    assert (event["actor2"], event["inter2"]) == ("Civilians", 7)
    assert kind2.currentData() == 7


def test_an_actor_without_an_inter_code_is_flagged(qtbot, window) -> None:
    event_id = new_frame(qtbot, window)
    form = window.events.form
    name, kind = form.actors["actor1"]
    name.setFocus()
    qtbot.keyClicks(name, "Commander Zabiullah's men")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    event = window.store.event(event_id)
    assert (event["actor1"], event["inter1"]) == ("Commander Zabiullah's men", None)
    assert "actor1 'Commander Zabiullah's men' has no inter code" in form.problems.text()
    assert any("no inter code" in p for p in window.session.validate(window.selected_frame))
    kind.setFocus()
    qtbot.keyClicks(kind, "3")  # the combo's items start with their code: "3 Political militias"
    assert window.store.event(event_id)["inter1"] == 3
    assert "no inter code" not in form.problems.text()


def test_alt_1_and_2_link_actor1_and_actor2_and_shift_alt_their_associated_actors(qtbot, window) -> None:
    event_id = new_frame(qtbot, window)
    text = text_of(window)
    click_text(qtbot, window, text.index("The Taliban seized") + 5)
    qtbot.keyClick(window.view, Qt.Key.Key_1, ALT)
    click_text(qtbot, window, text.index("Afghan troops to") + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_2, ALT)
    click_text(qtbot, window, text.index("Taliban militants stormed") + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1, SHIFT_ALT)
    click_text(qtbot, window, text.index("foreign troops to") + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_2, SHIFT_ALT)
    linked = arguments(window, event_id)
    assert linked["actor1"] == ["Taliban"]
    assert linked["actor2"] == ["Afghan troops"]
    assert linked["assoc_actor_1"] == ["Taliban militants"]
    assert linked["assoc_actor_2"] == ["foreign troops"]
    event = window.store.event(event_id)
    assert (event["inter1"], event["inter2"], event["assoc_inter_1"], event["assoc_inter_2"]) == (2, 1, 2, 8)


def test_one_span_in_two_actor_roles_is_warned_about(qtbot, window) -> None:
    event_id = new_frame(qtbot, window)
    text = text_of(window)
    click_text(qtbot, window, text.index("The Taliban seized") + 5)
    qtbot.keyClick(window.view, Qt.Key.Key_1, ALT)
    assert "fills both" not in window.statusBar().currentMessage()
    click_text(qtbot, window, text.index("The Taliban seized") + 5)
    qtbot.keyClick(window.view, Qt.Key.Key_2, ALT)
    linked = arguments(window, event_id)
    assert linked["actor1"] == linked["actor2"] == ["Taliban"]
    warning = "one span ('Taliban') fills both actor1 and actor2"
    assert warning in window.statusBar().currentMessage()
    assert warning in window.events.form.problems.text()


def generated_section(readme: str) -> str:
    match = re.search(r"<!-- keys:begin[^>]*-->\n(.*?)<!-- keys:end -->", readme, re.S)
    assert match, "README.md has no generated keys section"
    return match.group(1)


def test_the_readme_lists_the_keys_of_the_bindings_table_as_generated() -> None:
    assert generated_section(README.read_text(encoding="utf-8")) == readme_keys(BOOK), (
        "README.md's keys differ from gui/bindings.py: run `python -m annotator.gui.bindings README.md`"
    )


def test_f1_and_the_readme_show_the_same_keys(qtbot, window) -> None:
    dialog = QtHelp(BOOK, window)
    qtbot.addWidget(dialog)
    shown = dialog.browser.toPlainText()
    section = generated_section(README.read_text(encoding="utf-8"))
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| `")]
    assert len(rows) > 20
    for keys, what in ((r[0].removeprefix("| "), r[1].removesuffix(" |")) for r in rows):
        plain = keys.replace("`", "")
        assert plain in shown and what.replace("\\|", "|") in shown, (plain, what)
    for key, role in (("Alt+1", "actor1"), ("Alt+2", "actor2")):
        assert f"| `{key}` | link the selected span as {role} " in section
    assert "| `Shift+Alt+1` | link the selected span as assoc_actor_1" in section
    assert "| `Shift+Alt+2` | link the selected span as assoc_actor_2" in section
    assert "Alt+1..4" not in README.read_text(encoding="utf-8")
