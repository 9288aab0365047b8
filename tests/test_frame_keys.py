"""Keys for event frames through the real widgets, then the store: Alt+F links fatalities (the
menus take no Alt+letter a binding uses), and ] / [ (Ctrl+PgDown / Ctrl+PgUp) select the next
and previous frame from the text, so a whole article is coded by keyboard."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from gui_helpers import click_text, text_of
from gui_helpers import roles_of as arguments
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from annotator.gui.bindings import BINDINGS
from annotator.workspace.state import read_state

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


def alt_bindings() -> set[str]:
    return {QKeySequence(k).toString() for b in BINDINGS for k in b.keys if "Alt+" in k}


def test_no_menu_mnemonic_is_an_alt_key_of_the_bindings(window) -> None:
    mnemonics = [QKeySequence.mnemonic(a.text()).toString() for a in window.menuBar().actions()]
    mnemonics = [m for m in mnemonics if m]
    assert len(mnemonics) == len(set(mnemonics)), mnemonics  # no two menus share one either
    assert not set(mnemonics) & alt_bindings(), (mnemonics, sorted(alt_bindings()))


def test_alt_f_links_the_selected_casualty_span_as_fatalities(qtbot, window) -> None:
    text = text_of(window)
    frame = next(f for f in window.session.state.frames if f.fields["trigger_text"] == "seized")
    window.events.select(frame.key)
    window.view.setFocus()
    click_text(qtbot, window, text.index("at least four people") + 3)
    selected = window.session.state.span(window.selected_span)
    assert selected.label == "CASUALTY"
    qtbot.keyClick(window.view, Qt.Key.Key_F, ALT)
    [event] = window.store.events(1, annotator="ana")  # linking took the suggested frame
    assert window.selected_frame == ("mine", event["id"])
    assert arguments(window, event["id"])["fatalities"] == ["at least four people"]
    assert event["fatalities"] == 4
    assert window.events.form.fatalities.value() == 4


def shows(win, key) -> None:
    """`key` is the selected frame everywhere: the window, the list, the form, the text."""
    frame = win.session.state.frame(key)
    assert win.selected_frame == key
    assert win.events.current_key() == key
    assert win.events.form.trigger.text().startswith(f"“{frame.fields['trigger_text']}”")
    assert win.view.frame_key == key
    cursor = win.view.textCursor()
    cursor.setPosition(win.view.offsets.to_utf16(int(frame.fields["trigger_start"])))
    assert win.view.viewport().rect().contains(win.view.cursorRect(cursor))  # scrolled to
    assert win.session.state == read_state(win.store, win.session.article_id, "ana")


@pytest.mark.parametrize(
    ("forward", "back"),
    [
        ((Qt.Key.Key_BracketRight, NONE), (Qt.Key.Key_BracketLeft, NONE)),
        ((Qt.Key.Key_PageDown, CTRL), (Qt.Key.Key_PageUp, CTRL)),
    ],
    ids=["brackets", "ctrl+pages"],
)
def test_keys_in_the_text_select_the_next_and_previous_frame(qtbot, window, forward, back) -> None:
    frames = window.session.state.frames
    assert len(frames) >= 3 and window.selected_frame is None
    qtbot.keyClick(window.view, *forward)
    shows(window, frames[0].key)
    qtbot.keyClick(window.view, *forward)
    shows(window, frames[1].key)
    assert window.view.hasFocus()  # the keys stay in the text
    qtbot.keyClick(window.view, *back)
    shows(window, frames[0].key)
    qtbot.keyClick(window.view, *back)  # wraps round, like Tab
    shows(window, frames[-1].key)


def test_the_next_frame_key_then_a_link_key_codes_the_frame(qtbot, window) -> None:
    text = text_of(window)
    qtbot.keyClick(window.view, Qt.Key.Key_BracketRight)
    click_text(qtbot, window, text.index("at least four people") + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_F, ALT)
    [event] = window.store.events(1, annotator="ana")
    assert event["trigger_text"] == "seized"
    assert arguments(window, event["id"])["fatalities"] == ["at least four people"]
