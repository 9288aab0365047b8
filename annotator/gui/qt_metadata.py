"""Title, source and publication date of the article; a missing date is a warning that
offers the dates found in the text as choices."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from annotator.gui.qt_elided import ElidedLabel, heading
from annotator.workspace.state import ArticleState


class QtMetadata(QWidget):
    date_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # one line each, elided with the whole text in the tooltip: a long title or the
        # missing-date warning never widens the window
        self.title = ElidedLabel(wants=48)  # an untitled article is headed by its first line
        self.title.setStyleSheet("font-weight: bold; font-size: 14px")
        self.source = ElidedLabel(wants=24)
        self.date = ElidedLabel()
        self.choices = QComboBox()
        self.set_button = QPushButton("Set date")
        for label in (self.title, self.source, self.date):
            label.setTextFormat(Qt.TextFormat.PlainText)  # titles and sources are the article's text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        self.header = QHBoxLayout()
        self.header.addWidget(self.title, 1)  # the title takes the room the others leave
        self.header.addWidget(self.source)
        self.header.addWidget(self.date)
        layout.addLayout(self.header)
        # a missing date: the warning and the date picker on a line of their own, below
        self.missing_row = QWidget()
        self.missing = QHBoxLayout(self.missing_row)
        self.missing.setContentsMargins(0, 0, 0, 0)
        self.missing.addWidget(self.choices)
        self.missing.addWidget(self.set_button)
        self.missing.addStretch(1)
        self.missing_row.hide()
        layout.addWidget(self.missing_row)
        self.choices.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choices.setMinimumContentsLength(len("YYYY-MM-DD"))
        self.set_button.clicked.connect(self._set)

    def _place_date(self, missing: bool) -> None:
        """The date label in the header, or first on the missing-date line."""
        target = self.missing if missing else self.header
        if target.indexOf(self.date) < 0:
            (self.header if missing else self.missing).removeWidget(self.date)
            if missing:
                target.insertWidget(0, self.date)
            else:
                target.addWidget(self.date)
        self.missing_row.setVisible(missing)

    def show_state(self, state: ArticleState) -> None:
        article = state.article
        self.title.setText(heading(article.get("title"), article.get("text")))
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
        if missing:  # the dates the article gives, to choose from (only shown when missing)
            given = {(s.normalized or {}).get("iso") for s in state.spans if s.label == "DATE"}
            for iso in sorted(given - {None}):
                self.choices.addItem(iso, iso)
        self.choices.setEditable(True)
        self.choices.setVisible(missing)
        self.set_button.setVisible(missing)
        self._place_date(missing)

    def _set(self) -> None:
        text = self.choices.currentText().strip()
        if text:
            self.date_chosen.emit(text)
