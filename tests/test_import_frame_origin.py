"""An imported frame taken from a suggestion in another project keeps no `suggestion:N` origin:
N is an event id of that project, and here it would hide the suggested frame that has it."""

from __future__ import annotations

from pathlib import Path

from annotator.core.codebook import load_codebook
from annotator.core.model import SUGGESTER_ANNOTATOR, ArticleRecord
from annotator.paths import default_codebook_path
from annotator.services.annotation_import import import_annotations
from annotator.services.exporting import export_project
from annotator.store import Store
from annotator.workspace.state import read_state

TEXT = "Gunmen attacked a police post in Kandahar on Monday. Protesters marched in Herat on Tuesday."
BOOK = load_codebook(default_codebook_path())


def frame(trigger: str, event_type: str) -> dict:
    start = TEXT.index(trigger)
    return {"trigger_start": start, "trigger_end": start + len(trigger), "trigger_text": trigger,
            "event_type": event_type}  # fmt: skip


def test_a_frame_from_another_projects_suggestion_hides_no_suggested_frame_here(tmp_path: Path) -> None:
    with Store(tmp_path / "source.db") as source:
        [(article, _)] = source.add_articles([ArticleRecord(raw_text=TEXT, text=TEXT)])
        source.add_event(article, "ana", {**frame("attacked", "Battles"), "status": "accepted",
                                           "origin": "suggestion:1"})  # fmt: skip
        source.set_status(article, "ana", "done")
        export_project(source, "brat", tmp_path / "brat", BOOK, annotator="ana")
    with Store(tmp_path / "target.db") as target:
        [(here, _)] = target.add_articles([ArticleRecord(raw_text=TEXT, text=TEXT)])
        drafted = {"fields": frame("marched", "Protests"), "reasons": {}, "roles": {}}
        target.replace_suggestions(here, SUGGESTER_ANNOTATOR, "v", "rules", [], [drafted])
        [suggested] = target.events(here, annotator=SUGGESTER_ANNOTATOR)
        assert suggested["id"] == 1
        import_annotations(target, tmp_path / "brat", annotator="ana", codebook=BOOK, fmt="brat")
        [imported] = target.events(here, annotator="ana")
        assert imported["trigger_text"] == "attacked" and not imported.get("origin")
        shown = read_state(target, here, "ana").frames
        assert {(f.owner, f.fields["trigger_text"]) for f in shown} == {
            ("mine", "attacked"),
            ("suggestion", "marched"),
        }
