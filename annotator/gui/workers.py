"""Work off the GUI thread: loading the model, reading large articles, running suggestions.

Each task opens its own store connection (SQLite connections stay in their thread) and
reports back through Qt signals, which arrive on the GUI thread. spaCy pipelines are not
safe to share between threads, so suggestion runs go through a pool of one thread.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, function: Callable[[], Any]) -> None:
        super().__init__()
        self.function = function
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as exc:  # reported to the user, never swallowed
            self.signals.failed.emit(f"{exc}\n{traceback.format_exc(limit=3)}")
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
        on_error: Callable[[str], None],
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
