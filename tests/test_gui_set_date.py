"""Issue 10 item 6: setting the publication date of an undated article re-resolves its relative
dates, the frames that use them and the queue row, as one undo step (pytest-qt, offscreen)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt

from annotator.core.codebook import load_codebook
from annotator.gui.app import build_window
from annotator.gui.qt_main_window import default_settings
from annotator.gui.qt_queue import DATE
from annotator.nlp.normalise.dates import UNRESOLVED_FLAG
from annotator.nlp.suggester import Suggester
from annotator.paths import default_codebook_path
from annotator.services.importing import import_paths
from annotator.services.suggesting import suggest_articles
from annotator.store import Store
from annotator.workspace.state import read_state

BOOK = load_codebook(default_codebook_path())


@pytest.fixture
def window(qtbot, tmp_path: Path, seeds: Path):
    path = tmp_path / "project.db"
    with Store(path) as store:
        import_paths(store, [seeds])
        suggest_articles(store, Suggester.load(BOOK, model="rules-only"))
    store = Store(path)
    settings = default_settings(tmp_path / "settings.ini")
    settings.setValue("quiet_errors", True)
    win = build_window(store, "ana", BOOK, settings=settings, article=1, suggestions=False)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    store.close()


def _dates(store: Store, article_id: int) -> dict[str, dict]:
    state = read_state(store, article_id, "ana")
    dates = [s for s in state.spans if s.label == "DATE"]
    return {f"{s.start}:{state.text[s.start : s.end]}": s.normalized or {} for s in dates}


def _queue_date(win, article_id: int) -> str:
    row = win.queue_model.row_of(article_id)
    return win.queue_model.index(row, DATE).data()


def test_set_date_re_resolves_relative_dates_frames_and_queue_as_one_undo_step(qtbot, window) -> None:
    window.open_article(3, wait=True)  # seed 002: no date in its header
    store = window.store
    before = _dates(store, 3)
    weekdays = [k for k in before if k.endswith(":Wednesday")]
    assert weekdays
    assert all(before[k]["iso"] is None and UNRESOLVED_FLAG in before[k]["flags"] for k in weekdays)
    assert all(not f.fields.get("event_date") for f in window.session.state.frames)
    assert _queue_date(window, 3) == "⚠ no date"
    # the analyst's own DATE span, created by keys before the date is known
    text = window.session.state.text
    start = text.index("Tuesday")
    window.session.create_span(start, start + len("Tuesday"), "DATE")
    assert _own_date(store, start)[1].get("iso") is None
    before = _dates(store, 3)

    found = [window.metadata.choices.itemText(i) for i in range(window.metadata.choices.count())]
    window.metadata.choices.setCurrentIndex(found.index("2021-07-07"))
    qtbot.mouseClick(window.metadata.set_button, Qt.MouseButton.LeftButton)

    after = _dates(store, 3)
    for key in weekdays:  # 2021-07-07 was a Wednesday: "Wednesday" in past narration is that day
        assert after[key]["iso"] == "2021-07-07" and after[key]["time_precision"] == 1
        assert UNRESOLVED_FLAG not in after[key]["flags"]
    _, own = _own_date(store, start)
    assert own["iso"] == "2021-07-06" and UNRESOLVED_FLAG not in own["flags"]  # the Tuesday before
    # suggested frames now carry the date of their sentence (or the one before), linked
    state = read_state(store, 3, "ana")
    dated = [f for f in state.frames if f.fields.get("event_date")]
    assert dated, [f.fields.get("event_date") for f in state.frames]
    for frame in dated:
        (span_id,) = frame.roles["date"]
        value = store.span(span_id)["normalized"]
        assert frame.fields["event_date"] == value["iso"] <= "2021-07-07"
        assert frame.fields["time_precision"] == value["time_precision"]
    shown = [window.events.list.item(i).text() for i in range(window.events.list.count())]
    assert sum(f.fields["event_date"] in line for f in dated for line in shown) >= len(dated)
    assert _queue_date(window, 3) == "2021-07-07"  # the queue row at once, not after a restart
    assert "no publication date" not in window.metadata.date.text()

    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo step
    assert store.article(3)["published_at"] is None
    assert {k: v for k, v in _dates(store, 3).items() if k in before} == before
    assert _own_date(store, start)[1].get("iso") is None
    assert all(not f.fields.get("event_date") for f in read_state(store, 3, "ana").frames)
    assert _queue_date(window, 3) == "⚠ no date"


def _own_date(store: Store, start: int) -> tuple[int, dict]:
    (span,) = [s for s in store.spans(3, annotator="ana") if s["start"] == start]
    return span["id"], span["normalized"] or {}


def test_re_resolution_imports_no_spacy() -> None:
    import subprocess

    code = "import annotator.workspace.redate, sys; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_undo_and_redo_of_set_date_say_the_date_in_the_status_bar(qtbot, window) -> None:
    window.open_article(3, wait=True)
    store = window.store
    before = _dates(store, 3)
    found = [window.metadata.choices.itemText(i) for i in range(window.metadata.choices.count())]
    window.metadata.choices.setCurrentIndex(found.index("2021-07-07"))
    qtbot.mouseClick(window.metadata.set_button, Qt.MouseButton.LeftButton)
    after = _dates(store, 3)
    moved = sum(1 for key in after if after[key] != before.get(key))
    assert moved > 1
    said = f"set the publication date of article 3 to 2021-07-07, re-resolving {moved} dates"

    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == f"undone: {said} (back to no date)"
    qtbot.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == f"redone: {said}"
