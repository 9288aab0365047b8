"""The one path of user commands in a window, and of their errors.

Every command — menus, shortcuts, keys through an event filter, buttons, form edits — runs
through `CommandWindow.run_command`: an `AnnotatorError` is shown in the status bar (the one
place a window shows one) and the window draws its views again from the store (`resync`).
Any other exception is a bug and goes on to the excepthook dialog (`app.install_excepthook`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMainWindow

from annotator.core.errors import AnnotatorError
from annotator.gui.workers import report_failure

SHOWN_FOR_MS = 10_000


class CommandWindow(QMainWindow):
    def run_command(self, command: Callable[..., object], *args: Any) -> None:
        """Run one user command; if it fails with an `AnnotatorError`, show its message and
        leave the views equal to the store, whatever the command had changed on screen."""
        try:
            command(*args)
        except AnnotatorError as exc:
            self.show_error(str(exc))
            self.resync()

    def command(self, method: Callable[..., object]) -> Callable[..., None]:
        """`method` as a slot for a signal or shortcut, run through `run_command`."""
        return lambda *args: self.run_command(method, *args)

    def show_error(self, message: str) -> None:
        """The one place a failed command is shown: the status bar."""
        self.statusBar().showMessage(message, SHOWN_FOR_MS)

    def background_failed(self, error: BaseException) -> None:
        """Work off the GUI thread failed: a user error is shown like any other, a bug is not."""
        report_failure(error, self.show_error)

    def resync(self) -> None:
        """Read what the window shows again from the store and redraw it."""
        raise NotImplementedError
