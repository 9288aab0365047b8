"""The review window's one command path: a failed command shows its message, changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt

from annotator.core.model import GOLD, ArticleRecord
from annotator.gui.qt_review_window import QtReviewWindow
from annotator.store import Store


def test_editing_gold_with_a_broken_codebook_says_so_and_changes_nothing(
    qtbot, store: Store, tmp_path: Path, monkeypatch
) -> None:
    text = "Taliban fighters attacked Kunduz on Monday."
    [(article, _)] = store.add_articles([ArticleRecord(raw_text=text, text=text, title="Kunduz")])
    for name, label in (("ana", "LOCATION"), ("bo", "ACTOR")):
        store.add_span(article, name, text.index("Kunduz"), text.index("Kunduz") + 6, label, status="manual")
        store.set_status(article, name, "done")
    window = QtReviewWindow(store, "rita")
    qtbot.addWidget(window)
    window.show()
    assert window.current is not None and window.current.article_id == article
    gold_before = store.spans(article, annotator=GOLD)
    missing = tmp_path / "team-codebook.toml"
    monkeypatch.setenv("ANNOTATOR_CODEBOOK", str(missing))
    qtbot.keyClick(window.table, Qt.Key.Key_E)
    assert window.statusBar().currentMessage() == f"{missing}: codebook file not found"
    assert not hasattr(window, "editor")
    assert store.spans(article, annotator=GOLD) == gold_before
    qtbot.keyClick(window.table, Qt.Key.Key_1)  # the window still works: take ana's version
    assert [s["label"] for s in store.spans(article, annotator=GOLD)] == ["LOCATION"]
    window.close()
