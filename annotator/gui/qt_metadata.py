"""Title, source and publication date of the article; a missing date is a warning that
offers the dates found in the text as choices."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from annotator.workspace.state import ArticleState


class QtMetadata(QWidget):
    date_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 14px")
        self.source = QLabel()
        self.date = QLabel()
        self.choices = QComboBox()
        self.set_button = QPushButton("Set date")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for label in (self.title, self.source, self.date):
            label.setTextFormat(Qt.TextFormat.PlainText)  # titles and sources are the article's text
        for widget in (self.title, self.source, self.date, self.choices, self.set_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.set_button.clicked.connect(self._set)

    def show_state(self, state: ArticleState) -> None:
        article = state.article
        self.title.setText(article.get("title") or "(untitled)")
        self.source.setText(f"source: {article.get('source') or '—'}")
        published = article.get("published_at")
        missing = not published
        self.date.setText(
            f"published: {published}"
            if published
            else "⚠ no publication date: relative dates cannot be resolved"
        )
        self.date.setStyleSheet("" if published else "color: #b35900; font-weight: bold")
        self.choices.clear()
        found = sorted({(s.normalized or {}).get("iso") for s in state.spans if s.label == "DATE"} - {None})
        for iso in found:
            self.choices.addItem(iso, iso)
        self.choices.setEditable(True)
        self.choices.setVisible(missing)
        self.set_button.setVisible(missing)

    def _set(self) -> None:
        text = self.choices.currentText().strip()
        if text:
            self.date_chosen.emit(text)
