"""A 1.2 M-character article (past spaCy's max_length) opens and accepts in the window."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.codebook import load_codebook
from annotator.core.model import SUGGESTER_ANNOTATOR, ArticleRecord
from annotator.gui.app import build_window
from annotator.gui.qt_main_window import default_settings
from annotator.paths import default_codebook_path
from annotator.store import Store

PARAGRAPH = "Gunmen attacked a police post in Kandahar on Monday, the governor said. 😀 Rebels fled.\n\n"


def test_a_long_article_opens_and_accepts(qtbot, tmp_path: Path) -> None:
    text = PARAGRAPH * (1_200_000 // len(PARAGRAPH) + 1)
    store = Store(tmp_path / "project.db")
    [(article, _)] = store.add_articles([ArticleRecord(raw_text=text, text=text)])
    places = [
        i * len(PARAGRAPH) + PARAGRAPH.index("Kandahar") for i in range(0, len(text) // len(PARAGRAPH), 50)
    ]
    spans = [{"start": s, "end": s + 8, "label": "LOCATION", "origin": "rule:test"} for s in places]
    store.replace_suggestions(article, SUGGESTER_ANNOTATOR, "test", "test", spans, [])
    began = time.perf_counter()
    win = build_window(
        store,
        "ana",
        load_codebook(default_codebook_path()),
        settings=default_settings(tmp_path / "s.ini"),
        article=article,
        suggestions=False,
    )
    qtbot.addWidget(win)
    win.show()
    win.view.setFocus()
    opened = time.perf_counter() - began
    assert win.session.state.text == text and win.view.document().characterCount() > len(text)
    qtbot.keyClick(win.view, Qt.Key.Key_Tab)
    first = win.session.state.span(win.selected_span)
    began = time.perf_counter()
    qtbot.keyClick(win.view, Qt.Key.Key_A)
    accepted = time.perf_counter() - began
    [own] = store.spans(article, annotator="ana")
    assert (own["start"], own["end"], own["status"]) == (first.start, first.end, "accepted")
    assert text[own["start"] : own["end"]] == "Kandahar"
    assert win.session.state.span(win.selected_span).is_suggestion  # moved on to the next
    print(f"1.2M characters, {len(spans)} suggestions: open {opened:.2f} s, accept {accepted * 1000:.0f} ms")
    win.close()
    store.close()
