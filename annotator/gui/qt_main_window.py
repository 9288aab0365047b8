"""The workspace window: queue | article | event frames, metadata above, status below.

The window is a controller: it turns keys and clicks into session commands and redraws
the views when the session says the article changed. Slow work goes to `Workers`.

Every command — menus, shortcuts, keys in the text, link buttons, clicks, form edits — runs
through `run_command` (`gui.commands`): an `AnnotatorError` is shown in the status bar and the
views are drawn again from the store; any other exception is a bug for the excepthook dialog.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QKeyCombination, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.codebook import Codebook
from annotator.core.errors import AnnotatorError, SessionError
from annotator.core.frame_checks import shared_actor_spans
from annotator.gui.bindings import BINDINGS
from annotator.gui.commands import CommandWindow
from annotator.gui.qt_article_view import PreparedText, QtArticleView, prepared_text
from annotator.gui.qt_event_panel import QtEventPanel
from annotator.gui.qt_help import QtHelp
from annotator.gui.qt_legend import QtLegend
from annotator.gui.qt_metadata import QtMetadata
from annotator.gui.qt_queue import ArticleIdRole, QtQueue, QueueModel
from annotator.gui.workers import Workers
from annotator.store import Store
from annotator.workspace.session import Session
from annotator.workspace.state import ArticleState, read_state

if TYPE_CHECKING:
    from annotator.services.suggesting import SuggestSummary

Key = tuple[str, int]
Place = tuple[int, int, str]
SPAN_COMMANDS = {"adjust_end", "adjust_start"}
AUTOSAVE_MS = 30_000
UNDECIDED_SETTING = "undecided_on_done"


class QtMainWindow(CommandWindow):
    closed = Signal()

    def __init__(
        self, store: Store, annotator: str, codebook: Codebook, settings: QSettings, model: str | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.codebook = codebook
        self.settings = settings
        self.model_name = model
        self.session = Session(store, annotator, codebook)
        self.session.listeners.append(self._render)
        self.workers = Workers(self)
        self.suggester: Any = None
        self.selected_span: Key | None = None
        self.selected_frame: Key | None = None
        self.armed_role: str | None = None
        self._suggestions_seen = 0  # summaries of suggestions heard of so far
        self._suggested_at: dict[int, int] = {}  # article -> the summary that last updated it
        self._build()
        self._bind_keys()
        self._restore_layout()
        self._clock = QTimer(self, interval=1000, timeout=self._update_status)
        self._clock.start()
        # the time on the open article is written every 30 s: a kill loses at most that
        self.autosave = QTimer(self, interval=AUTOSAVE_MS, timeout=self.command(self.save_time))
        self.autosave.start()
        self.setWindowTitle(f"annotator — {store.path.name} — {annotator}")

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        self.queue_model = QueueModel(self.store, self.session.annotator)
        self.queue = QtQueue(self.queue_model, self.command)
        self.view = QtArticleView(self.codebook, locate=self._span_range)
        self.events = QtEventPanel(self.codebook)
        self.metadata = QtMetadata()
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.metadata)
        layout.addWidget(fitted(QtLegend(self.codebook)))
        layout.addWidget(self.view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.queue, centre, self.events):
            self.splitter.addWidget(widget)
        self.splitter.setSizes([420, 700, 480])
        self.setCentralWidget(self.splitter)
        self.identity = QLabel(f"annotator: <b>{html.escape(self.session.annotator)}</b>")
        self.progress = QLabel()
        self.timer_label = QLabel()
        self.model_label = QLabel("model: loading…")
        self.undecided = QLabel()  # suggestions of the open article not yet accepted or rejected
        for widget in (self.identity, self.progress, self.timer_label, self.undecided):
            self.statusBar().addWidget(widget)
        self.statusBar().addPermanentWidget(self.model_label)
        # Alt+F links fatalities: the menus' mnemonics take no Alt+letter of the bindings
        file_menu = self.menuBar().addMenu("Fil&e")
        file_menu.addAction("&Quit\tCtrl+Q", self.command(self.quit))  # the key: a binding (F1)
        menu = self.menuBar().addMenu("&Project")
        menu.addAction("&Export annotations…", self.command(self.show_export))
        menu.addAction("&Keys (F1)", self.command(self.show_help))
        # checked while the box asks about undecided suggestions (the setting is 'ask')
        self.ask_action = menu.addAction("&Ask before marking done with undecided suggestions")
        self.ask_action.setCheckable(True)
        self.ask_action.triggered.connect(self.command(self.ask_before_done))
        menu.aboutToShow.connect(self.command(self._show_ask_setting))
        self._show_ask_setting()
        form = self.events.form
        for signal, slot in (
            (self.queue.article_chosen, self.open_article),
            (self.view.span_clicked, self._span_clicked),
            (self.view.trigger_clicked, self._trigger_clicked),
            (self.events.frame_selected, self._frame_selected),
            (form.edited, self._frame_edited),
            (form.role_armed, self._arm),
            (form.accept_clicked, self.accept_frame),
            (form.delete_clicked, self.delete_frame),
            (self.metadata.date_chosen, self._set_date),
        ):
            signal.connect(self.command(slot))
        self.view.installEventFilter(self)
        self.events.list.installEventFilter(self)

    def _bind_keys(self) -> None:
        self.text_keys: dict[str, str] = {}
        for binding in BINDINGS:
            for keys in binding.keys:
                if binding.in_text:
                    self.text_keys[QKeySequence(keys).toString()] = binding.command
                else:
                    shortcut = QShortcut(QKeySequence(keys), self)
                    shortcut.activated.connect(self.command(getattr(self, binding.command)))
        for label in self.codebook.labels:
            self.text_keys[QKeySequence(label.shortcut.upper()).toString()] = f"label:{label.name}"

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            command = self.text_keys.get(key_text(event))
            if command in SPAN_COMMANDS and self.selected_span is None:
                command = None  # Shift+arrows without a selected span: keyboard text selection
            if command is not None:
                self.run_command(self._text_key, command, key_text(event))
                return True
        return super().eventFilter(watched, event)

    def _text_key(self, command: str, keys: str) -> None:
        if command.startswith("label:"):
            self.label_key(command.split(":", 1)[1])
        elif command in SPAN_COMMANDS:
            getattr(self, command)(forward="Right" in keys)
        else:
            getattr(self, command)()

    def resync(self) -> None:
        """After a failed command: disarm, read the article again from the store and redraw;
        the queue's controls show the filter its rows have."""
        self.armed_role = None
        self.queue.show_filters()
        self.session.refresh()

    # -- articles -------------------------------------------------------------------------
    def open_article(self, article_id: int, *, wait: bool = False) -> None:
        """Read the article off the GUI thread, then show it (`wait`: read it here)."""
        if wait:
            self._show(read_state(self.store, article_id, self.session.annotator))
            return
        path, annotator = self.store.path, self.session.annotator
        asked = self._suggestions_seen
        font, gui_thread = QFont(self.view.font()), self.thread()

        def read() -> tuple[ArticleState, PreparedText]:
            with Store(path, create=False) as own:
                state = read_state(own, article_id, annotator).indexed()  # here, not on the GUI thread
            prepared = prepared_text(state.text, font)  # its layout: the GUI thread's
            prepared.document.moveToThread(gui_thread)
            return state, prepared

        def read_done(read: tuple[ArticleState, PreparedText]) -> None:
            state, prepared = read
            self.view.adopt(prepared)
            # suggestions for it heard of since: the read may predate them, read it again here
            stale = self._suggested_at.get(article_id, 0) > asked
            self._show(read_state(self.store, article_id, annotator) if stale else state)

        self.workers.submit(self.workers.io, read, self.command(read_done), self.background_failed)

    def background_failed(self, error: BaseException) -> None:
        """Work off the GUI thread failed (an article that could not be read): the article shown
        stays, and the queue points at it again."""
        super().background_failed(error)
        if self.session.article_id is not None:
            self._queue_on(self.session.article_id)

    def _show(self, state: ArticleState) -> None:
        self.selected_span = self.selected_frame = None
        self.session.show(state)
        self.queue.show_current(state.article["id"])
        self.view.setFocus()  # keys go to the text: Tab, A, X, labels (never the queue's filters)
        self.settings.setValue(f"last_article/{self.store.path}", state.article["id"])
        self._suggest_ahead()

    def _render(self, state: ArticleState) -> None:
        if self.selected_span and state.span(self.selected_span) is None:
            self.selected_span = None
        if self.selected_frame and state.frame(self.selected_frame) is None:
            self.selected_frame = None
        self.view.show_state(state, self.selected_span, self.selected_frame)
        self.events.show_frames(state, self.selected_frame)
        self._show_form()
        self.metadata.show_state(state)
        self.queue_model.set_status_of(state.article["id"], state.status)
        self.undecided.setText(f"{sum(self.session.undecided())} undecided")
        self._queue_on(state.article["id"])
        self.queue_model.set_published_of(state.article["id"], state.article.get("published_at"))
        self._update_status()

    def _queue_on(self, article_id: int) -> None:
        """The queue's selected row is the article shown (also after an undo in another one);
        none is selected when its row is not loaded."""
        rows = self.queue.table.selectionModel().selectedRows()
        if [self.queue_model.data(index, ArticleIdRole) for index in rows] == [article_id]:
            return
        if self.queue_model.row_of(article_id) is None:
            self.queue.table.clearSelection()
        else:
            self.queue.show_current(article_id)

    def _show_form(self) -> None:
        state = self.session.state
        frame = state.frame(self.selected_frame) if (state and self.selected_frame) else None
        self.events.form.show_frame(frame, self.session.validate(frame.key) if frame else [])

    def _update_status(self) -> None:
        if self.session.state is None:
            return
        if self.suggester is None:
            made_by = self.store.suggestion_model(self.session.state.article["id"])
            self.model_label.setText(
                f"suggestions by {made_by}; model loading…" if made_by else "model: loading…"
            )
        done = self.store.queue_count(self.session.annotator, status="done")
        self.progress.setText(f"done {done} / {self.store.article_count()}")
        seconds = int(self.session.seconds_on_article())
        self.timer_label.setText(f"on this article {seconds // 60}:{seconds % 60:02d}")

    # -- suggestions in the background ----------------------------------------------------
    def start_suggester(self) -> None:
        from annotator.nlp.suggester import Suggester

        codebook, model = self.codebook, self.model_name or self.store.setting("model")
        self.workers.submit(
            self.workers.nlp,
            lambda: Suggester.load(codebook, model=model),
            self.command(self._suggester_ready),
            self._suggester_failed,
        )

    def _suggester_ready(self, suggester: Any) -> None:
        self.suggester = suggester
        statistical = suggester.pipeline.statistical
        self.model_label.setText(
            f"model: {suggester.pipeline.model_name} {suggester.pipeline.model_version}"
            if statistical
            else f"⚠ {suggester.pipeline.message}"
        )
        self._suggest_ahead()

    def _suggester_failed(self, error: BaseException) -> None:
        self.model_label.setText("⚠ no suggestions: the model could not be loaded")
        self.background_failed(error)

    def _suggest_ahead(self) -> None:
        """Suggestions for this article and the next one, if missing or outdated."""
        if self.suggester is None or self.session.article_id is None:
            return
        current = self.session.article_id
        ids = [current] + [i for i in [self.queue_model.next_after(current)] if i is not None]
        path, suggester = self.store.path, self.suggester

        def run() -> SuggestSummary:
            from annotator.services.suggesting import suggest_articles

            with Store(path, create=False) as own:
                return suggest_articles(own, suggester, ids)

        self.workers.submit(self.workers.nlp, run, self.command(self._suggested), self.background_failed)

    def _suggested(self, summary: SuggestSummary) -> None:
        """Redraw if this article got suggestions; articles that failed are shown as an error."""
        self._suggestions_seen += 1
        self._suggested_at.update(dict.fromkeys(summary.updated, self._suggestions_seen))
        if self.session.article_id in summary.updated:
            self.session.refresh()
        if summary.failed:
            self.show_error("suggesting failed for " + "; ".join(f.line() for f in summary.failed))

    # -- span commands --------------------------------------------------------------------
    def label_key(self, label: str) -> None:
        selection = self.view.selection_range()
        if selection is not None:
            with self.redrawn():
                span = self.session.create_span(*selection, label)
                self.selected_span = span.key if span else None
                self._clear_text_selection()
        elif self.selected_span is not None:
            with self.redrawn():
                self.selected_span = self.session.relabel(self.selected_span, label)

    @contextmanager
    def redrawn(self) -> Iterator[None]:
        """Session commands, then one redraw with the selection they leave (not one per command
        and one for the selection)."""
        with self.session.grouped():
            yield
            self.session.redraw()

    def accept_selected(self) -> None:
        """Accept the selected suggestion and select the next one after it in the text."""
        if self.selected_span is not None:
            decided = self._place_of(self.selected_span)
            with self.redrawn():
                self.session.accept(self.selected_span)
                self.selected_span = self._next_after(decided)
            self._select_span(self.selected_span)  # drawn selected already: scrolls to it

    def reject_selected(self) -> None:
        """Reject the selected span and select the next suggestion after where it was."""
        if self.selected_span is not None:
            key = self.selected_span
            decided = self._place_of(key)
            self.selected_span = None
            with self.redrawn():
                self.session.reject(key)
                self.selected_span = self._next_after(decided)
            self._select_span(self.selected_span)  # drawn selected already: scrolls to it

    def _place_of(self, key: Key) -> Place | None:
        span = self.session.state.span(key) if self.session.state else None
        return span.place if span else None

    def _next_after(self, decided: Place | None) -> Key | None:
        """After a decision: the next suggestion after the decided span, else the one just
        before it, so the text stays where the analyst is (never back to the top)."""
        state = self.session.state
        if state is None or decided is None:
            return None
        choice = state.suggestion_near(decided, wrap=False) or state.suggestion_near(None, forward=False)
        return choice.key if choice else None

    def accept_all(self) -> None:
        count = self.session.accept_all()
        self.statusBar().showMessage(f"accepted {count} suggestions", 4000)

    def next_suggestion(self, step: int = 1) -> None:
        state = self.session.state
        if state is None:
            return
        current = state.span(self.selected_span) if self.selected_span else None
        choice = state.suggestion_near(current.place if current else None, forward=step > 0)  # wraps round
        if choice is None:
            self.selected_span = None
            self.session.redraw()
            return
        self._select_span(choice.key)

    def previous_suggestion(self) -> None:
        self.next_suggestion(step=-1)

    def next_frame(self, step: int = 1) -> None:
        """Select the next event frame of the list (wrapping round, like Tab): the form shows
        it and the text marks and scrolls to its trigger and roles; focus stays in the text."""
        state = self.session.state
        keys = [frame.key for frame in state.frames] if state else []
        if not keys:
            self.statusBar().showMessage("no event frames in this article (E makes one)", 4000)
            return
        if self.selected_frame in keys:
            key = keys[(keys.index(self.selected_frame) + step) % len(keys)]
        else:
            key = keys[0] if step > 0 else keys[-1]
        self.events.select(key)
        self._frame_selected(key)

    def previous_frame(self) -> None:
        self.next_frame(step=-1)

    def adjust_end(self, *, forward: bool) -> None:
        if self.selected_span is not None:
            with self.redrawn():
                self.selected_span = self.session.adjust(self.selected_span, edge="end", forward=forward)

    def adjust_start(self, *, forward: bool) -> None:
        if self.selected_span is not None:
            with self.redrawn():
                self.selected_span = self.session.adjust(self.selected_span, edge="start", forward=forward)

    def clear(self) -> None:
        self.armed_role = None
        self.selected_span = None
        self._clear_text_selection()
        self.session.refresh()

    def _select_span(self, key: Key | None) -> None:
        self.selected_span = key
        self.view.select(key)

    def _span_clicked(self, key: Key) -> None:
        if self.armed_role and self.selected_frame:
            self._link(self.armed_role, key)
            self.armed_role = None
        else:
            self._select_span(key)

    def _clear_text_selection(self) -> None:
        cursor = self.view.textCursor()
        cursor.clearSelection()
        self.view.setTextCursor(cursor)

    # -- frame commands -------------------------------------------------------------------
    def frame_key(self) -> None:
        selection = self.view.selection_range()
        if selection is not None:
            with self.redrawn():
                self.selected_frame = self.session.create_frame(*selection)
                self._clear_text_selection()
        elif self.selected_frame is not None:
            self.accept_frame()

    def accept_frame(self) -> None:
        """Accept the selected frame (E, the Accept button); one the codebook finds problems
        in is accepted only when the analyst says so, having seen the problems."""
        if self.selected_frame is None:
            return
        frame = self.session.state.frame(self.selected_frame) if self.session.state else None
        decided = frame is not None and not frame.is_suggestion and frame.fields["status"] == "accepted"
        problems = [] if decided else self.session.validate(self.selected_frame)
        if problems and not self._accept_anyway(problems):
            self.statusBar().showMessage("not accepted: " + "; ".join(problems), 6000)
            return
        with self.redrawn():
            self.selected_frame = self.session.accept_frame(self.selected_frame)

    def _accept_anyway(self, problems: list[str]) -> bool:
        """Ask whether to accept a frame the codebook finds problems in (Cancel is the default)."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Accept a frame with problems?", "", parent=self)
        box.setText("The codebook finds problems in this frame:")
        box.setInformativeText("\n".join(f"• {p}" for p in problems))
        anyway = box.addButton("Accept anyway", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        return box.clickedButton() is anyway

    def delete_frame(self) -> None:
        if self.selected_frame is not None:
            key, self.selected_frame = self.selected_frame, None
            self.session.reject_frame(key)

    def _frame_selected(self, key: Key | None) -> None:
        self.selected_frame = key
        self._show_form()
        self.view.select_frame(key)  # marks its trigger and roles, scrolls to the trigger

    def _trigger_clicked(self, key: Key) -> None:
        """A click on a trigger selects its frame (unless a role waits for a span)."""
        if self.armed_role is None:
            self.events.select(key)
            self._frame_selected(key)

    def _span_range(self, span_id: int) -> tuple[int, int] | None:
        """Where a role's span is that the text does not show (a decided suggestion)."""
        try:
            span = self.store.span(span_id)
        except AnnotatorError:
            return None
        return span["start"], span["end"]

    def _frame_edited(self, change: dict[str, Any]) -> None:
        if self.selected_frame is None:
            return
        with self.redrawn():
            self.selected_frame = self.session.update_frame(self.selected_frame, **change)

    def _arm(self, role: str) -> None:
        self.armed_role = role
        self.statusBar().showMessage(f"click a span to link it as {role} (Esc cancels)", 5000)
        self.view.setFocus()

    def _link(self, role: str, span: Key) -> None:
        if self.selected_frame is None:
            raise SessionError("select or create a frame first")
        before = self.session.state.frame(self.selected_frame) if self.session.state else None
        surface = ""
        if self.session.state and (shown := self.session.state.span(span)) is not None:
            surface = self.session.state.text[shown.start : shown.end]
        with self.redrawn():
            self.selected_frame = self.session.link(self.selected_frame, role, span)
        if before is not None and before.is_suggestion:  # linking took the suggestion: say so
            name = before.fields.get("sub_event_type") or before.fields.get("event_type") or "frame"
            problems = self.session.validate(self.selected_frame)
            still = f"; still: {'; '.join(problems)}" if problems else ""
            self.statusBar().showMessage(
                f"accepted the suggested frame '{name}' and linked {surface} as {role}{still}", 8000
            )
        elif (linked := self.session.state.frame(self.selected_frame)) is not None and (
            doubled := shared_actor_spans(linked.fields, linked.roles)  # one span, two actor roles
        ):
            self.statusBar().showMessage(f"⚠ {'; '.join(doubled)}", 8000)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("link_") and "codebook" in self.__dict__ and self.codebook.role(name[5:]):
            role = name[5:]

            def link() -> None:
                if self.selected_span is None:
                    raise SessionError("select a span first (Tab or click)")
                self._link(role, self.selected_span)

            return link
        raise AttributeError(name)

    # -- the article as a whole -----------------------------------------------------------
    def done_and_next(self) -> None:
        current = self.session.article_id
        if current is None:
            return
        rest = self._undecided_rest()
        if rest == "cancel":
            self.statusBar().showMessage(f"not marked done: {self.undecided.text()}", 6000)
            return
        self.session.mark_done(rest)
        following = self.queue_model.next_after(current)
        if following is not None:
            self.open_article(following)
        else:
            self.statusBar().showMessage("that was the last article to do in this queue", 6000)

    def _undecided_rest(self) -> str | None:
        """What to do with the suggestions still undecided: None (there are none), 'accept',
        'reject' or 'cancel'; the project setting `undecided_on_done` (ask|accept|reject)
        answers, or the analyst does when it is 'ask' (the default)."""
        spans, frames = self.session.undecided()
        if not spans + frames:
            return None
        answer = self.store.setting(UNDECIDED_SETTING) or "ask"
        if answer in ("accept", "reject"):
            return answer
        if answer != "ask":
            raise SessionError(
                f"the project setting {UNDECIDED_SETTING} is '{answer}'; it can be ask, accept or reject"
            )
        box = QMessageBox(QMessageBox.Icon.Question, "Undecided suggestions", "", parent=self)
        box.setText(f"{spans + frames} undecided: {spans} spans and {frames} frames are still suggestions.")
        state = self.session.state
        suggested = [f for f in state.frames if f.is_suggestion] if state else []
        invalid = [f for f in suggested if self.session.validate(f.key)]
        note = f"\n{len(invalid)} of the frames fail the codebook." if invalid else ""
        box.setInformativeText("Decide the rest before marking the article done?" + note)
        accept = box.addButton("Accept the rest", QMessageBox.ButtonRole.AcceptRole)
        reject = box.addButton("Reject the rest", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        dont_ask = QCheckBox("Don't ask again for this project", box)  # parent: or Python frees it
        box.setCheckBox(dont_ask)
        box.exec()
        self.activateWindow()  # the keys (Ctrl+Z …) go to the window again, not to no window
        answer = {accept: "accept", reject: "reject"}.get(box.clickedButton(), "cancel")
        if answer != "cancel" and dont_ask.isChecked():  # Cancel never stores
            self.store.set_setting(UNDECIDED_SETTING, answer)
            self._show_ask_setting()
        return answer

    def ask_before_done(self) -> None:
        """Project → Ask before marking done with undecided suggestions: checking it sets the
        project setting back to 'ask'. Unchecking it stores nothing (it does not know whether
        to accept or reject): it stays checked and the status bar says where to choose."""
        if self.ask_action.isChecked():  # as the click left it
            self.store.set_setting(UNDECIDED_SETTING, "ask")
            self.statusBar().showMessage("Ctrl+Enter asks again about undecided suggestions", 6000)
        else:
            self.statusBar().showMessage(
                'to stop being asked, tick "Don\'t ask again for this project" in the box '
                "and answer Accept the rest or Reject the rest",
                8000,
            )
        self._show_ask_setting()

    def _show_ask_setting(self) -> None:
        """The Project menu's check mark: the setting as the store has it now."""
        self.ask_action.setChecked((self.store.setting(UNDECIDED_SETTING) or "ask") == "ask")

    def next_article(self) -> None:
        if self.session.article_id is not None:
            following = self.queue_model.next_after(self.session.article_id)
            if following is not None:
                self.open_article(following)

    def previous_article(self) -> None:
        """The article before this one in the queue's order (whatever its status)."""
        if self.session.article_id is not None:
            before = self.queue_model.previous_before(self.session.article_id)
            if before is not None:
                self.open_article(before)
            else:
                self.statusBar().showMessage("this is the first article in the queue", 4000)

    def save_time(self) -> None:
        """Write the time spent on the open article so far (every 30 s, and on quitting)."""
        if self.session.state is not None:
            self.session.save_time()

    def quit(self) -> None:
        """File → Quit, Ctrl+Q: the time on the article is saved, then the window closes."""
        self.save_time()
        self.close()

    def undo(self) -> None:
        self.selected_span = self.selected_frame = None
        if self.session.undo() is None:
            self.statusBar().showMessage("nothing to undo", 3000)
        else:
            self.statusBar().showMessage(f"undone: {self.session.last_history}", 8000)

    def redo(self) -> None:
        self.selected_span = self.selected_frame = None
        if self.session.redo() is None:
            self.statusBar().showMessage("nothing to redo", 3000)
        else:
            self.statusBar().showMessage(f"redone: {self.session.last_history}", 8000)

    def focus_search(self) -> None:
        self.queue.search.setFocus()

    def show_help(self) -> None:
        QtHelp(self.codebook, self).exec()

    def show_export(self) -> None:
        from annotator.gui.qt_export_dialog import QtExportDialog

        self.export_dialog = QtExportDialog(
            self.store, self.codebook, self.session.annotator, self.workers, self
        )
        self.export_dialog.show()

    def _set_date(self, iso: str) -> None:
        from annotator.core.pubdate import parse_date

        parsed = parse_date(iso)
        if parsed is None:
            raise SessionError(f"'{iso}' is not a date; write it as YYYY-MM-DD")
        self.session.set_published_at(parsed)

    # -- layout ---------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1500, 900)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def last_article(self) -> int | None:
        value = self.settings.value(f"last_article/{self.store.path}")
        return int(value) if value is not None else None

    def closeEvent(self, event: Any) -> None:
        self._clock.stop()
        self.autosave.stop()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        if self.session.state is not None:
            self.session.save_time()
        self.workers.wait(10_000)
        super().closeEvent(event)
        self.closed.emit()


def fitted(strip: QWidget) -> QScrollArea:
    """A one-line strip that takes the width its pane gives and never asks for more: what does
    not fit is cut off at the end (no scroll bars; the wheel scrolls it sideways)."""
    area = QScrollArea(widgetResizable=True)
    area.setWidget(strip)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFixedHeight(strip.sizeHint().height())
    area.setMinimumWidth(1)
    area.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    return area


def key_text(event: QKeyEvent) -> str:
    """The key of an event as QKeySequence text ('Shift+A', '1', 'Shift+Tab')."""
    key = event.key()
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if key == Qt.Key.Key_Backtab:
        key, modifiers = Qt.Key.Key_Tab, modifiers | Qt.KeyboardModifier.ShiftModifier
    if key == Qt.Key.Key_Enter:
        key = Qt.Key.Key_Return
    return QKeySequence(QKeyCombination(modifiers, Qt.Key(key))).toString()


def default_settings(path: Path | None = None) -> QSettings:
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings("annotator", "annotator")
