"""Work off the GUI thread: loading the model, reading large articles, running suggestions.

Each task opens its own store connection (SQLite connections stay in their thread) and
reports back through Qt signals, which arrive on the GUI thread. spaCy pipelines are not
safe to share between threads, so suggestion runs go through a pool of one thread. A task that
fails reports its exception: `report_failure` shows an `AnnotatorError` and hands anything
else (a bug) to the excepthook.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from annotator.core.errors import AnnotatorError


def report_failure(error: BaseException, show: Callable[[str], None]) -> None:
    """A failed task: a user error is shown with `show`; a bug goes to the excepthook dialog."""
    if isinstance(error, AnnotatorError):
        show(str(error))
    else:
        sys.excepthook(type(error), error, error.__traceback__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception


class _Task(QRunnable):
    def __init__(self, function: Callable[[], Any]) -> None:
        super().__init__()
        self.function = function
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as exc:  # reported (report_failure), never swallowed
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Workers(QObject):
    """Two pools: `io` for reads, `nlp` (one thread) for the model and suggestion runs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.io = QThreadPool(self)
        self.io.setMaxThreadCount(2)
        self.nlp = QThreadPool(self)
        self.nlp.setMaxThreadCount(1)
        self._running: set[_Task] = set()

    def submit(
        self,
        pool: QThreadPool,
        function: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        task = _Task(function)
        task.setAutoDelete(False)
        self._running.add(task)
        task.signals.done.connect(on_done)
        task.signals.failed.connect(on_error)
        task.signals.done.connect(lambda _=None, t=task: self._running.discard(t))
        task.signals.failed.connect(lambda _=None, t=task: self._running.discard(t))
        pool.start(task)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.io.waitForDone(msecs) and self.nlp.waitForDone(msecs)
