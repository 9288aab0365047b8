"""`export --include suggested` writes the suggester's frames the annotator has not decided on
(its spans are written already), with their roles on the spans written; a frame accepted or
rejected is written as the annotator's, or not at all, never twice."""

from __future__ import annotations

from pathlib import Path

from annotator.core.codebook import load_codebook
from annotator.core.model import SUGGESTER_ANNOTATOR
from annotator.paths import default_codebook_path
from annotator.services.collect import collect
from annotator.store import Store
from annotator.workspace.session import Session

BOOK = load_codebook(default_codebook_path())


def links(roles: dict[str, list[int]]) -> int:
    return sum(len(v) for v in roles.values())


def test_pending_suggested_frames_are_exported_with_their_roles(project: Path) -> None:
    with Store(project) as store:
        article = max(store.article_ids(), key=lambda i: len(store.events(i, annotator=SUGGESTER_ANNOTATOR)))
        session = Session(store, "ana", BOOK)
        session.open(article)
        suggested = [f for f in session.state.frames if f.is_suggestion]
        assert len(suggested) > 2
        session.accept_frame(suggested[0].key)
        session.reject_frame(suggested[1].key)
        [written] = [
            a for a in collect(store, "ana", include="suggested", only_done=False) if a.meta["id"] == article
        ]
    got = sorted((f.fields["trigger_start"], f.fields["status"], links(f.roles)) for f in written.frames)
    expected = sorted(
        [
            (suggested[0].fields["trigger_start"], "accepted", links(suggested[0].roles)),
            *((f.fields["trigger_start"], "suggested", links(f.roles)) for f in suggested[2:]),
        ]
    )
    assert got == expected  # the rejected one left out, none twice, every role on a written span
    assert all(0 <= i < len(written.spans) for f in written.frames for v in f.roles.values() for i in v)
