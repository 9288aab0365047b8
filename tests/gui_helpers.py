"""Small helpers the workspace's GUI tests share: reading the shown text, clicking a character,
the store's role links of a frame as surface strings, the status bar and the export dialog."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt


def text_of(win) -> str:
    return win.session.state.text


def click_text(qtbot, win, offset: int) -> None:
    """A real mouse click on the character at code-point `offset`."""
    cursor = win.view.textCursor()
    cursor.setPosition(win.view.offsets.to_utf16(offset))
    rect = win.view.cursorRect(cursor)
    qtbot.mouseClick(
        win.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 3, rect.center().y())
    )


def roles_of(win, event_id: int) -> dict[str, list[str]]:
    """role -> the surface strings of the spans linked to it, read from the store."""
    text = text_of(win)
    found: dict[str, list[str]] = {}
    for argument in win.store.arguments(event_id):
        span = win.store.span(argument["span_id"])
        found.setdefault(argument["role"], []).append(text[span["start"] : span["end"]])
    return found


def shown(win) -> str:
    """The one place the window shows a failed command."""
    return win.statusBar().currentMessage()


def open_export_dialog(qtbot, win):
    qtbot.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    return win.export_dialog
