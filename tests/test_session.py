"""The workspace session without Qt: decisions stay decided, rejected spans fill no role."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.codebook import load_codebook
from annotator.core.errors import AnnotatorError, SessionError
from annotator.nlp import suggester as suggester_module
from annotator.nlp.suggester import Suggester
from annotator.paths import default_codebook_path
from annotator.services.importing import import_paths
from annotator.services.suggesting import suggest_articles
from annotator.store import Store
from annotator.workspace.session import Session
from annotator.workspace.state import read_state

BOOK = load_codebook(default_codebook_path())


@pytest.fixture
def session(store: Store, seeds: Path, rules_only: Suggester) -> Session:
    import_paths(store, [seeds])
    suggest_articles(store, rules_only, [1])
    opened = Session(store, "ana", BOOK)
    opened.open(1)
    return opened


def suggestion(session: Session, text: str):
    return next(
        s for s in session.state.spans if s.is_suggestion and session.state.text[s.start : s.end] == text
    )


def test_rejecting_an_accepted_span_removes_its_role_links(session: Session) -> None:
    text = session.state.text
    frame = session.create_frame(text.index("seized"), text.index("seized") + 6)
    frame = session.link(frame, "location", suggestion(session, "Shahrak").key)
    [own] = [s for s in session.state.spans if not s.is_suggestion and text[s.start : s.end] == "Shahrak"]
    session.reject(own.key)
    assert session.state.frame(frame).roles.get("location") is None


def test_an_adjusted_suggestion_does_not_come_back(session: Session) -> None:
    kabul = suggestion(session, "KABUL")
    session.adjust(kabul.key, edge="end", forward=True)
    assert not [s for s in session.state.spans if s.is_suggestion and s.start == kabul.start]


def test_decided_frames_stay_decided_after_suggestions_are_rerun(
    session: Session, rules_only: Suggester, monkeypatch
) -> None:
    seized = next(f for f in session.state.frames if f.is_suggestion and f.fields["trigger_text"] == "seized")
    session.accept_frame(seized.key)
    attacks = next(f for f in session.state.frames if f.is_suggestion)
    session.reject_frame(attacks.key)
    monkeypatch.setattr(suggester_module, "RULES_VERSION", "rerun")
    suggest_articles(session.store, rules_only, [1])
    session.refresh()
    triggers = [(f.owner, f.fields["trigger_text"]) for f in session.state.frames]
    assert triggers.count(("mine", "seized")) == 1
    assert ("suggestion", "seized") not in triggers
    assert ("suggestion", attacks.fields["trigger_text"]) not in [
        t
        for t, f in zip(triggers, session.state.frames, strict=True)
        if f.fields.get("trigger_start") == attacks.fields["trigger_start"]
    ]


def test_editing_a_suggested_frame_is_one_undo_step(session: Session) -> None:
    frame = next(f for f in session.state.frames if f.is_suggestion)
    session.update_frame(frame.key, notes="checked")
    session.undo()
    assert not [f for f in session.state.frames if not f.is_suggestion]


def test_a_badly_typed_frame_fails_only_its_own_line(tmp_path: Path) -> None:
    good = {"text": "Taliban attacked Kunduz.", "spans": [{"start": 0, "end": 7, "label": "ACTOR"}]}
    bad = {
        "text": "Another report.",
        "spans": [],
        "events": [{"fields": {"event_type": "Battles", "fatalities": "3"}, "roles": {}}],
    }
    path = tmp_path / "tasks.jsonl"
    path.write_text(json.dumps(bad) + "\n" + json.dumps(good) + "\n")
    db = tmp_path / "p.db"
    result = CliRunner().invoke(
        app, ["import", str(path), "--db", str(db), "--create", "--annotator", "ana", "--format", "prodigy"]
    )
    assert f"{path}:1: event 0: 'fatalities' must be a whole number, got text ('3')" in result.stderr
    with Store(db) as store:
        texts = [store.article(i)["text"] for i in store.article_ids()]
        assert texts == ["Taliban attacked Kunduz."]


def test_a_failed_edit_of_a_suggested_frame_leaves_the_session_equal_to_the_store(session: Session) -> None:
    frame = next(f for f in session.state.frames if f.is_suggestion)
    redrawn: list = []
    session.listeners.append(redrawn.append)
    with pytest.raises(AnnotatorError) as failure:
        session.update_frame(frame.key, fatalities="three")  # copied into ana's frame, then refused
    assert str(failure.value) == "event field 'fatalities' must be int, got 'three'"
    assert session.store.events(1, annotator="ana") == []  # the batch was rolled back
    assert session.state == read_state(session.store, 1, "ana")
    assert session.state.frame(frame.key) is not None  # still a suggestion, not the rolled-back copy
    assert redrawn[-1] == session.state  # the views were redrawn from the store


def test_workspace_commands_fail_with_a_sentence(session: Session) -> None:
    text = session.state.text
    frame = session.create_frame(text.index("seized"), text.index("seized") + 6)
    monday = suggestion(session, "Monday")
    cases = [
        (lambda: session.accept(("mine", 999)), "no span ('mine', 999) in article 1; select a span first"),
        (
            lambda: session.accept_frame(("mine", 999)),
            "no frame ('mine', 999) in article 1; select a frame first",
        ),
        (
            lambda: session.link(frame, "location", monday.key),
            "a DATE span cannot be the location; it takes LOCATION",
        ),
        (
            lambda: session.link(frame, "target", monday.key),
            "no role 'target' in the codebook; roles: actor1, assoc_actor_1, actor2, assoc_actor_2, "
            "location, date, fatalities, injuries, weapon",
        ),
        (
            lambda: session.update_frame(frame, event_date="yesterday"),
            "event date 'yesterday' is not a date: write it as YYYY-MM-DD",
        ),
    ]
    before = read_state(session.store, 1, "ana")
    for command, message in cases:
        with pytest.raises(SessionError) as failure:
            command()
        assert str(failure.value) == message
        assert session.state == read_state(session.store, 1, "ana") == before
