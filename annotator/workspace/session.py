"""The annotation session: one annotator working through articles. Plain Python over the
store; every command is written at once (one transaction, one undo step) and then the
listeners are told to redraw. The Qt views subscribe; tests drive it directly.

A command that cannot be carried out raises an `AnnotatorError` (`SessionError` for one given
wrongly); whatever failed, the state is read again from the store (a rolled-back batch leaves
nothing behind on screen) and the listeners redraw it before the error goes on to the caller."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from annotator.core.codebook import Codebook
from annotator.core.errors import SessionError
from annotator.core.model import SUGGESTION_ORIGIN
from annotator.core.model import ArticleState as Status
from annotator.nlp.tokens import TokenBounds
from annotator.store import Store
from annotator.workspace import frames as frame_rules
from annotator.workspace.history_text import describe_change
from annotator.workspace.redate import redate
from annotator.workspace.state import (
    ArticleState,
    FrameItem,
    SpanItem,
    read_state,
    reread_spans,
    span_item,
)

Listener = Callable[[ArticleState], None]
P = ParamSpec("P")
R = TypeVar("R")
Item = TypeVar("Item", SpanItem, FrameItem)


def command(method: Callable[P, R]) -> Callable[P, R]:
    """A session command: listeners hear of the article once, when the outermost command ends;
    if it fails, the state is first read again from the store (equal to it) and redrawn."""

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        session: Session = args[0]  # type: ignore[assignment]
        with session.grouped():
            return method(*args, **kwargs)

    return run


class Session:
    last_history = ""  # what the last undo or redo changed, in a few words ("relabel … in article 2")

    def __init__(self, store: Store, annotator: str, codebook: Codebook) -> None:
        self.store = store
        self.annotator = annotator
        self.codebook = codebook
        store.annotator_id(annotator)
        self.state: ArticleState | None = None
        self.tokens: TokenBounds | None = None
        self.listeners: list[Listener] = []
        self._opened_at = time.monotonic()
        self._depth = 0  # commands running (one may call another)
        self._pending = False  # the state changed inside a command: tell the listeners at its end
        self._stale = False  # a command failed: what was read inside may be rolled back

    @contextmanager
    def grouped(self) -> Iterator[None]:
        """Commands run inside tell the listeners once, at the end (a window sets its selection
        from what they return first); on a failure the state is read again from the store."""
        self._depth += 1
        try:
            yield
        except BaseException:
            self._stale = True
            raise
        finally:
            self._depth -= 1
            if not self._depth and self._stale:
                self.refresh()
            elif not self._depth and self._pending:
                self._publish()

    # -- opening articles -----------------------------------------------------------------
    @command
    def show(self, state: ArticleState) -> None:
        """Show a state read elsewhere (a worker thread); the article is now in progress. If
        anything fails, the article shown before stays shown, its token bounds with it."""
        tokens = TokenBounds(state.text)
        self.save_time()
        article_id = state.article["id"]
        if state.status == "todo":
            self.store.set_status(article_id, self.annotator, Status.IN_PROGRESS, automatic=True)
        self.state = self._with_status(state)
        self.tokens = tokens
        self._publish()

    def _with_status(self, state: ArticleState) -> ArticleState:
        """`state` with the annotator's status and seconds of its article as stored now."""
        status, seconds = self.store.status_and_seconds(state.article["id"], self.annotator)
        return state.replaced(status=status, seconds=seconds)

    def open(self, article_id: int) -> None:
        self.show(read_state(self.store, article_id, self.annotator))

    def refresh(self) -> None:
        """Read the article again from the store and redraw (at the end of a running command)."""
        if self.state is None:
            return
        self._stale = False
        self.state = read_state(self.store, self.state.article["id"], self.annotator)
        self._publish()

    def _reread(self, *spans: tuple[int, int], frames: bool = False) -> None:
        """After writes that changed only the annotator's spans at these (start, end) places
        (old and new), and the frames if `frames`: read those again, not the whole article,
        and redraw."""
        assert self.state is not None
        self.state = reread_spans(self.store, self.state, self.annotator, spans, frames=frames)
        self._publish()

    def redraw(self) -> None:
        """Tell the listeners of the state as it is (a selection changed), at the end of the
        running command or group."""
        if self.state is not None:
            self._publish()

    def _publish(self) -> None:
        """Tell the listeners of the state now, or at the end of the running command."""
        if self._depth:
            self._pending = True
            return
        self._pending = False
        for listener in list(self.listeners):
            listener(self.state)

    @property
    def article_id(self) -> int | None:
        return self.state.article["id"] if self.state else None

    def seconds_on_article(self) -> float:
        banked = self.state.seconds if self.state else 0.0
        return banked + time.monotonic() - self._opened_at

    def save_time(self) -> None:
        """Add the time spent on the article being left to its status row."""
        if self.state is not None:
            spent = time.monotonic() - self._opened_at
            status = self.store.status(self.state.article["id"], self.annotator)
            self.store.set_status(
                self.state.article["id"], self.annotator, status, add_seconds=spent, automatic=True
            )
            # the time saved is banked: the clock goes on from it (saved every 30 s by the window)
            self.state = self.state.replaced(seconds=self.state.seconds + spent)
        self._opened_at = time.monotonic()

    # -- spans ----------------------------------------------------------------------------
    @command
    def create_span(self, start: int, end: int, label: str) -> SpanItem | None:
        """Label a selection, snapped to whole tokens. None when it covers no token."""
        self.codebook.label(label)
        assert self.state is not None and self.tokens is not None
        snapped = self.tokens.snap(start, end)
        if snapped is None:
            return None
        span_id = self.store.add_span(
            self.state.article["id"], self.annotator, *snapped, label, status="manual"
        )
        self._reread(snapped)
        return self.state.span(("mine", span_id))

    @command
    def accept(self, key: tuple[str, int]) -> tuple[str, int] | None:
        span = self._span(key)
        if not span.is_suggestion:
            if span.status != "accepted" and span.status != "manual":
                self.store.update_span(span.id, self.annotator, status="accepted")
                self._reread((span.start, span.end))
            return key
        new_id = self._take(span)
        self._reread((span.start, span.end))
        return ("mine", new_id)

    @command
    def reject(self, key: tuple[str, int]) -> None:
        span = self._span(key)
        if span.is_suggestion:
            self.store.add_span(
                self.state.article["id"],
                self.annotator,
                span.start,
                span.end,
                span.label,
                status="rejected",
                origin=span.origin,
                normalized=span.normalized,
            )
        elif span.status == "manual":
            self.store.delete_span(span.id, self.annotator)
        else:
            with self.store.batch():  # a rejected span fills no role any more
                for argument in self.store.arguments_of_span(span.id):
                    self.store.remove_argument(argument["id"], self.annotator)
                self.store.update_span(span.id, self.annotator, status="rejected")
        # deleting or rejecting the annotator's span drops its role links
        self._reread((span.start, span.end), frames=not span.is_suggestion and self._linked(span.id))

    @command
    def relabel(self, key: tuple[str, int], label: str) -> tuple[str, int]:
        self.codebook.label(label)
        span = self._span(key)
        with self.store.batch():
            span_id = self._take(span) if span.is_suggestion else span.id
            normalized = span.normalized if label == span.label else None
            self.store.update_span(span_id, self.annotator, label=label, normalized=normalized)
        self._reread((span.start, span.end))
        return ("mine", span_id)

    @command
    def adjust(self, key: tuple[str, int], *, edge: str, forward: bool) -> tuple[str, int]:
        """Move a span's start or end to the next token boundary (Shift+arrows)."""
        assert self.tokens is not None
        span = self._span(key)
        start, end = span.start, span.end
        if edge == "end":
            end = self.tokens.next_boundary(end, forward=forward, ends=True)
        else:
            start = self.tokens.next_boundary(start, forward=forward, ends=False)
        if not start < end:
            return key
        with self.store.batch():
            span_id = self._take(span) if span.is_suggestion else span.id
            self.store.update_span(span_id, self.annotator, start=start, end=end)
        self._reread((span.start, span.end), (start, end))
        return ("mine", span_id)

    @command
    def accept_all(self) -> int:
        assert self.state is not None
        pending = [s for s in self.state.spans if s.is_suggestion]
        with self.store.batch():
            for span in pending:
                self._take(span)
        self.refresh()
        return len(pending)

    def _take(self, span: SpanItem, status: str = "accepted") -> int:
        """The annotator's own copy of a suggestion (reusing one at the same place)."""
        assert self.state is not None
        place = (span.start, span.end)
        for own in self.store.spans(self.state.article["id"], annotator=self.annotator, overlapping=place):
            if (own["start"], own["end"], own["label"]) == (span.start, span.end, span.label):
                if own["status"] == "rejected":
                    self.store.update_span(own["id"], self.annotator, status=status)
                return own["id"]
        return self.store.add_span(
            self.state.article["id"],
            self.annotator,
            span.start,
            span.end,
            span.label,
            status=status,
            origin=span.origin,
            score=span.score,
            normalized=span.normalized,
        )

    def _place(self, span_id: int) -> tuple[int, int]:
        row = self.store.span(span_id)
        return row["start"], row["end"]

    def _linked(self, span_id: int) -> bool:
        """A frame on screen has this span in a role."""
        assert self.state is not None
        return any(span_id in ids for frame in self.state.frames for ids in frame.roles.values())

    def _span(self, key: tuple[str, int]) -> SpanItem:
        assert self.state is not None
        return self._shown("span", key, self.state.span(key))

    # -- frames ---------------------------------------------------------------------------
    @command
    def create_frame(self, start: int, end: int) -> tuple[str, int] | None:
        """A new frame whose trigger is the selection (snapped to tokens)."""
        assert self.state is not None and self.tokens is not None
        snapped = self.tokens.snap(start, end)
        if snapped is None:
            return None
        text = self.state.text[snapped[0] : snapped[1]]
        event_id = self.store.add_event(
            self.state.article["id"],
            self.annotator,
            {
                "trigger_start": snapped[0],
                "trigger_end": snapped[1],
                "trigger_text": text,
                "status": "manual",
                "source": self.state.article.get("source"),
            },
        )
        self._reread(frames=True)
        return ("mine", event_id)

    @command
    def accept_frame(self, key: tuple[str, int]) -> tuple[str, int]:
        """Take a suggested frame with its linked spans as the annotator's own (one key)."""
        assert self.state is not None
        frame = self._frame(key)
        if not frame.is_suggestion:
            if frame.fields["status"] != "accepted":
                self.store.update_event(frame.id, self.annotator, status="accepted")
                self._reread(frames=True)
            return key
        with self.store.batch():
            fields = {k: v for k, v in frame.fields.items() if k in frame_rules.COPIED_FIELDS}
            fields.update(status="accepted", origin=f"{SUGGESTION_ORIGIN}{frame.id}")
            event_id = self.store.add_event(self.state.article["id"], self.annotator, fields)
            places = []
            for role, span_ids in frame.roles.items():
                for span_id in span_ids:
                    own = self._own_span_for(span_id)
                    if own is not None:
                        self.store.add_argument(event_id, role, own, self.annotator)
                        places.append(self._place(own))
        self._reread(*places, frames=True)
        return ("mine", event_id)

    @command
    def reject_frame(self, key: tuple[str, int]) -> None:
        assert self.state is not None
        frame = self._frame(key)
        if frame.is_suggestion:
            self.store.add_event(
                self.state.article["id"],
                self.annotator,
                {  # the trigger keeps the rejection when suggestions are re-run
                    "status": "rejected",
                    "origin": f"{SUGGESTION_ORIGIN}{frame.id}",
                    "event_type": frame.fields.get("event_type"),
                    "trigger_start": frame.fields.get("trigger_start"),
                    "trigger_end": frame.fields.get("trigger_end"),
                    "trigger_text": frame.fields.get("trigger_text"),
                },
            )
        elif (frame.fields.get("origin") or "").startswith(SUGGESTION_ORIGIN):
            self.store.update_event(frame.id, self.annotator, status="rejected")  # keeps the decision
        else:
            self.store.delete_event(frame.id, self.annotator)
        self._reread(frames=True)

    @command
    def update_frame(self, key: tuple[str, int], **fields: Any) -> tuple[str, int]:
        """Change a frame's fields; editing a suggested frame takes it first (one undo step).
        Emptying a role's field (an actor's name, the location, the event date) removes the
        role's links and the other fields they filled (its inter code, admin1 …), like `unlink`.
        Returns the key of the frame edited. A value the data rules refuse (an event date that
        is not a day) is refused by the store (`FieldValueError`, also a `SessionError`)."""
        with self.store.batch():
            if self._frame(key).is_suggestion:
                key = self.accept_frame(key)
            self.store.update_event(self._frame(key).id, self.annotator, **fields)
            for field, value in fields.items():
                role = frame_rules.role_of_field(field)
                if role is not None and value in (None, ""):
                    key = self.unlink(key, role)
        self._reread(frames=True)
        return key

    @command
    def link(self, frame_key: tuple[str, int], role: str, span_key: tuple[str, int]) -> tuple[str, int]:
        """Link a span to a role and fill the frame's fields from its normalised value, as one
        undo step. A single-valued role (the codebook's roles without `multiple = true`) holds
        one span: linking another replaces the link and every field the old span filled (a
        province after a district leaves no admin2). A role with `multiple = true` adds it.

        Linking on a suggested frame accepts it first (the analyst's copy, `accepted`, with the
        suggestion's other links): the window says so in its status bar. Returns the key of
        the frame linked."""
        role_def = self.codebook.role(role)
        span = self._span(span_key)
        if role_def is None:
            roles = ", ".join(r.name for r in self.codebook.roles)
            raise SessionError(f"no role '{role}' in the codebook; roles: {roles}")
        if span.label not in role_def.labels:
            raise SessionError(
                f"a {span.label} span cannot be the {role}; it takes {', '.join(role_def.labels)}"
            )
        with self.store.batch():
            if self._frame(frame_key).is_suggestion:
                frame_key = self.accept_frame(frame_key)
            frame = self._frame(frame_key)
            span_id = self._take(span) if span.is_suggestion else span.id
            for argument in self.store.arguments(frame.id):
                if argument["role"] == role and argument["span_id"] != span_id and not role_def.multiple:
                    self.store.remove_argument(argument["id"], self.annotator)
            if span_id not in frame.roles.get(role, []):
                self.store.add_argument(frame.id, role, span_id, self.annotator)
            self._fill_role(frame.id, role)
        self._reread((span.start, span.end), frames=True)
        return frame_key

    @command
    def unlink(self, frame_key: tuple[str, int], role: str) -> tuple[str, int]:
        """Remove the role's links and empty the fields they filled (one undo step); a
        suggested frame is taken first. Returns the key of the frame."""
        with self.store.batch():
            if self._frame(frame_key).is_suggestion:
                frame_key = self.accept_frame(frame_key)
            frame = self._frame(frame_key)
            for argument in self.store.arguments(frame.id):
                if argument["role"] == role:
                    self.store.remove_argument(argument["id"], self.annotator)
            self._fill_role(frame.id, role)
        self._reread(frames=True)
        return frame_key

    def _fill_role(self, event_id: int, role: str) -> None:
        """Write the fields `role` fills from the spans linked to it now (None where none)."""
        assert self.state is not None
        linked = [self.store.span(a["span_id"]) for a in self.store.arguments(event_id) if a["role"] == role]
        values = frame_rules.filled_from(role, linked, self.state.text)
        if values:
            self.store.update_event(event_id, self.annotator, **values)

    def validate(self, key: tuple[str, int]) -> list[str]:
        frame = self._frame(key)
        return frame_rules.problems(frame.fields, frame.roles, self.codebook)

    def _own_span_for(self, span_id: int) -> int | None:
        span = self.state.span(("suggestion", span_id)) or self.state.span(("mine", span_id))
        if span is None:
            span = span_item("suggestion", self.store.span(span_id))
        return self._take(span) if span.is_suggestion else span.id

    def _frame(self, key: tuple[str, int]) -> FrameItem:
        assert self.state is not None
        return self._shown("frame", key, self.state.frame(key))

    def _shown(self, kind: str, key: tuple[str, int], item: Item | None) -> Item:
        """The span or frame `key` of the article on screen; a command on another is refused."""
        if item is None:
            article = self.article_id
            raise SessionError(f"no {kind} {key} in article {article}; select a {kind} first")
        return item

    def refresh_silently(self) -> None:
        assert self.state is not None
        self.state = read_state(self.store, self.state.article["id"], self.annotator)

    # -- the article as a whole -----------------------------------------------------------
    @command
    def set_published_at(self, iso: str | None) -> None:
        """Set (or clear) the publication date and re-resolve the article's relative dates and
        the frames that use them (`workspace.redate`), as one undo step."""
        assert self.state is not None
        with self.store.batch():
            self.store.set_published_at(self.state.article["id"], iso, self.annotator)
            redate(self.store, self.state, self.annotator, iso)
        self.refresh()

    def undecided(self) -> tuple[int, int]:
        """(spans, frames): the suggestions of the open article not yet accepted or rejected."""
        if self.state is None:
            return 0, 0
        return self.state.suggested_spans, sum(1 for f in self.state.frames if f.is_suggestion)

    @command
    def mark_done(self, rest: str | None = None) -> None:
        """Mark the article done; `rest` ('accept' or 'reject') first decides every suggestion
        still undecided (spans, then frames), in the same undo step as the mark."""
        assert self.state is not None
        if rest not in (None, "accept", "reject"):
            raise SessionError(f"the undecided suggestions can be accepted or rejected, not '{rest}'")
        self.save_time()
        with self.store.batch():
            if rest is not None:
                self._decide_rest(accept=rest == "accept")
            self.store.set_status(self.state.article["id"], self.annotator, Status.DONE)
        self.state = self._with_status(self.state)
        self._publish()

    def _decide_rest(self, *, accept: bool) -> None:
        assert self.state is not None
        if accept:
            self.accept_all()
        for key in [s.key for s in self.state.spans if s.is_suggestion]:
            if self.state.span(key) is not None:  # one decision can decide another
                self.reject(key)
        for key in [f.key for f in self.state.frames if f.is_suggestion]:
            if self.state.frame(key) is not None:
                (self.accept_frame if accept else self.reject_frame)(key)

    @command
    def undo(self) -> int | None:
        """Undo the annotator's last change anywhere; returns the article it was in."""
        change = self.store.undo(self.annotator)
        return self._after_history(change, undone=True)

    @command
    def redo(self) -> int | None:
        change = self.store.redo(self.annotator)
        return self._after_history(change, undone=False)

    def _after_history(self, change: Any, *, undone: bool) -> int | None:
        """Show the article the undone or redone change was in; `last_history` says what it was."""
        if change is None:
            return None
        self.last_history = describe_change(change, self.store, undone=undone)
        if change.article_id is not None and change.article_id != self.article_id:
            self.open(change.article_id)
        else:
            self._reread_change(change)
        return change.article_id

    def _reread_change(self, change: Any) -> None:
        """Read again what an undone or redone change touched: its spans' places (before and
        after) and the frames when a frame or role link changed; the whole article when the
        change was to the article itself or its status."""
        places: list[tuple[int, int]] = []
        frames = False
        for step in change.steps:
            if step["entity"] == "spans":
                places += [(row["start"], row["end"]) for row in (step["before"], step["after"]) if row]
            elif step["entity"] in ("events", "event_arguments"):
                frames = True
            else:
                self.refresh()
                return
        self._reread(*places, frames=frames)
