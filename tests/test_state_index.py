"""The workspace state's index of the annotator's copies gives what comparing every pair gives,
and a decision that reads again only the places it touched shows what a full read shows."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.codebook import load_codebook
from annotator.nlp.suggester import Suggester
from annotator.paths import default_codebook_path
from annotator.services.importing import import_paths
from annotator.services.suggesting import suggest_articles
from annotator.store import Store
from annotator.workspace.session import Session
from annotator.workspace.state import SPAN_CACHES, ArticleState, Copies, SpanItem, read_state

BOOK = load_codebook(default_codebook_path())

ORIGINS = st.sampled_from(["rule:date", "gazetteer:x", "model:ner"])
RANGE = st.tuples(st.integers(0, 60), st.integers(1, 12)).map(lambda r: (r[0], r[0] + r[1]))
COPY = st.tuples(RANGE, ORIGINS).map(lambda c: (*c[0], c[1]))


def naive(copies: list[tuple[int, int, str]], origin: str | None, start: int, end: int) -> bool:
    return any(o == origin and s < end and start < e for s, e, o in copies)


@given(st.lists(COPY, max_size=40), st.lists(st.tuples(RANGE, ORIGINS | st.none()), max_size=40))
def test_the_index_equals_comparing_every_copy(copies, suggestions) -> None:
    index = Copies(copies)
    for (start, end), origin in suggestions:
        assert index.overlap(origin, start, end) == naive(copies, origin, start, end)


def test_a_copy_only_touching_a_suggestion_does_not_hide_it() -> None:
    index = Copies([(0, 5, "rule:date"), (10, 15, "rule:date")])
    assert not index.overlap("rule:date", 5, 10)
    assert index.overlap("rule:date", 4, 10)
    assert not index.overlap("model:ner", 0, 15)


@pytest.mark.parametrize("seed", range(6))
def test_a_decision_reads_again_only_what_it_touched_and_shows_what_a_full_read_shows(
    store: Store, seeds: Path, rules_only: Suggester, seed: int
) -> None:
    import_paths(store, [seeds])
    suggest_articles(store, rules_only, [1])
    session = Session(store, "ana", BOOK)
    session.open(1)
    rng = random.Random(seed)
    text = session.state.text
    session.create_frame(text.index("seized"), text.index("seized") + 6)
    for _ in range(40):
        spans = session.state.spans
        if not spans:
            break
        span = rng.choice(spans)
        frames = session.state.frames
        frame = rng.choice(frames).key if frames else session.create_frame(span.start, span.end)
        action = rng.choice(["accept", "reject", "relabel", "adjust", "link", "create", "frame", "history"])
        if action == "accept":
            session.accept(span.key)
        elif action == "reject":
            session.reject(span.key)
        elif action == "relabel":
            session.relabel(span.key, rng.choice(["ACTOR", "LOCATION", "DATE"]))
        elif action == "adjust":
            session.adjust(span.key, edge=rng.choice(["start", "end"]), forward=rng.random() < 0.5)
        elif action == "link" and (places := [s for s in spans if s.label == "LOCATION"]):
            frame = session.link(frame, "location", rng.choice(places).key)
        elif action == "link":  # reject a span filling a role: its link goes
            linked = [s for s in spans if s.id in session.state.frame(frame).roles.get("location", [])]
            if linked:
                session.reject(linked[0].key)
        elif action == "create":
            start = rng.randrange(len(text) - 20)
            session.create_span(start, start + rng.randint(1, 20), "ACTOR")
        elif action == "frame":
            act_on_frame(session, frame, rng)
        elif action == "history":
            session.undo() if rng.random() < 0.7 else session.redo()
        full = read_state(store, 1, "ana")
        assert (session.state.spans, session.state.frames) == (full.spans, full.frames), action
        assert session.state.suggested_spans == full.suggested_spans, action  # kept up, not counted
        assert session.state.longest >= full.longest, action


def act_on_frame(session: Session, frame: tuple[str, int], rng: random.Random) -> None:
    """One of the frame commands, each of which reads again only the frames and the spans it took."""
    choice = rng.choice(["accept", "reject", "unlink", "update", "new"])
    if choice == "accept":
        session.accept_frame(frame)
    elif choice == "reject":
        session.reject_frame(frame)
    elif choice == "unlink":
        session.unlink(frame, rng.choice(["location", "actor1", "date"]))
    elif choice == "update":
        session.update_frame(frame, fatalities=rng.randint(0, 9))
    else:
        start = rng.randrange(len(session.state.text) - 10)
        session.create_frame(start, start + 6)


SPAN = st.tuples(RANGE, st.sampled_from(["ACTOR", "DATE"]), st.booleans())


@given(st.lists(SPAN, max_size=30), st.none() | st.tuples(RANGE, st.sampled_from(["ACTOR", "DATE"])))
def test_the_suggestion_near_a_place_is_what_a_scan_finds(rows, anchor) -> None:
    spans = sorted(
        (
            SpanItem("suggestion" if suggested else "mine", n, start, end, label, "x", None, None, None)
            for n, ((start, end), label, suggested) in enumerate(rows)
        ),
        key=lambda s: (s.place, s.owner != "mine", s.id),
    )
    state = ArticleState({"id": 1, "text": ""}, spans, [], "todo", 0.0)
    where = None if anchor is None else (anchor[0][0], -anchor[0][1], anchor[1])
    pending = [s for s in spans if s.is_suggestion]
    for forward in (True, False):
        ordered = pending if forward else pending[::-1]
        after = [s for s in ordered if where is None or (s.place > where if forward else s.place < where)]
        assert state.suggestion_near(where, forward=forward, wrap=False) == (after[0] if after else None)
        expected = (after or ordered or [None])[0]
        assert state.suggestion_near(where, forward=forward) == expected


def test_a_state_replaced_keeps_its_span_indexes_only_while_its_spans_stay() -> None:
    spans = [
        SpanItem("suggestion", n, n * 10, n * 10 + 3 + n, "ACTOR", "x", None, None, None) for n in range(4)
    ]
    state = ArticleState({"id": 1, "text": "x" * 60}, spans, [], "todo", 0.0).indexed()
    timed = state.replaced(seconds=5.0, status="in_progress")
    assert (timed.seconds, timed.status) == (5.0, "in_progress")
    assert {k: timed.__dict__[k] for k in SPAN_CACHES} == {k: state.__dict__[k] for k in SPAN_CACHES}
    fewer = state.replaced(spans=spans[:2])
    assert not set(SPAN_CACHES) & set(fewer.__dict__)  # computed again, from the new spans
    assert (fewer.suggested_spans, fewer.longest, fewer.span(("suggestion", 3))) == (2, 4, None)
