"""A 1.2 M-character article (past spaCy's max_length) opens and accepts in the window."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QApplication

from annotator.core.codebook import load_codebook
from annotator.core.model import SUGGESTER_ANNOTATOR, ArticleRecord
from annotator.gui import qt_main_window
from annotator.gui.app import build_window
from annotator.gui.qt_article_view import TAG_SPACE, PreparedText
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


def test_the_text_document_is_built_off_the_gui_thread_with_room_for_tags(qtbot, tmp_path: Path) -> None:
    """Opening reads the state and builds the text's document in a worker; the window shows
    that very document (moved to the GUI thread, every block with the tags' spacing, in the
    view's font), and the one it replaces is deleted with it."""
    texts = ["Rebels fled.\r\nSoldiers came.\u2029Then\nrain.", "A short one.\n\nTwo blocks."]
    store = Store(tmp_path / "project.db")
    ids = [article for article, _ in store.add_articles([ArticleRecord(raw_text=t, text=t) for t in texts])]
    win = build_window(
        store, "ana", load_codebook(default_codebook_path()),
        settings=default_settings(tmp_path / "s.ini"), article=ids[1], suggestions=False,
    )  # fmt: skip
    qtbot.addWidget(win)
    win.show()
    built: list[QTextDocument] = []
    original = qt_main_window.prepared_text

    def prepared(text: str, font: QFont) -> PreparedText:
        made = original(text, font)
        made.document.setObjectName(threading.current_thread().name)
        built.append(made.document)
        return made

    qt_main_window.prepared_text = prepared
    try:
        for article in ids:
            win.open_article(article)
            qtbot.waitUntil(lambda article=article: win.session.article_id == article)
    finally:
        qt_main_window.prepared_text = original
    document = win.view.document()
    assert document is built[-1] and document.objectName() != threading.main_thread().name
    assert document.thread() is win.view.thread() and document.defaultFont() == win.view.font()
    assert document.toPlainText() == "A short one.\n\nTwo blocks."
    heights = [document.findBlockByNumber(n).blockFormat().lineHeight() for n in range(document.blockCount())]
    assert heights == [TAG_SPACE] * 3
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert win.view.findChildren(QTextDocument) == [document]  # those it replaced are deleted
    win.close()
    store.close()


def test_a_page_scrolled_to_as_it_is_laid_out_shows_only_a_screenful(qtbot, tmp_path: Path) -> None:
    """Qt lays a long document out lazily; a page scrolled to before it has laid out what is
    under the screen must not count the rest of the text (every span in it) as on screen."""
    line = "Rebels attacked the town of Kidal on Monday and fled into the hills, officials said. " * 5
    text = (line.strip() + "\n") * 3_000  # 1.3 M characters in blocks of a paragraph each
    store = Store(tmp_path / "project.db")
    [(article, _)] = store.add_articles([ArticleRecord(raw_text=text, text=text)])
    win = build_window(
        store, "ana", load_codebook(default_codebook_path()),
        settings=default_settings(tmp_path / "s.ini"), article=article, suggestions=False,
    )  # fmt: skip
    qtbot.addWidget(win)
    win.resize(1280, 900)
    win.show()
    bar, widest = win.view.verticalScrollBar(), 0
    for _ in range(40):
        bar.setValue(bar.value() + bar.pageStep())
        start, end = win.view.visible_range()  # as the paint asks, before Qt lays the page out
        widest = max(widest, end - start)
        QApplication.processEvents()
    assert 0 < widest < 10 * len(line)  # a screenful, not the rest of the article
    win.close()
