"""Colour legend of the codebook's labels with their keys."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from annotator.core.codebook import Codebook
from annotator.gui.qt_article_view import TRIGGER_COLOUR


class QtLegend(QWidget):
    def __init__(self, codebook: Codebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for label in codebook.labels:
            chip = QLabel(f" {label.shortcut} {label.name} ")
            chip.setToolTip(label.definition)
            chip.setStyleSheet(f"background: {label.color}; color: white; border-radius: 3px; padding: 1px")
            layout.addWidget(chip)
        trigger = QLabel(" trigger ")  # drawn as the article view draws a frame's trigger
        trigger.setToolTip(
            "an event frame's trigger: a box, bold for your frames, light and dashed for suggested ones; "
            "click it to select its frame"
        )
        trigger.setStyleSheet(
            f"border: 2px solid {TRIGGER_COLOUR}; color: {TRIGGER_COLOUR}; font-weight: bold; "
            "border-radius: 3px"
        )
        layout.addWidget(trigger)
        role = QLabel(" role ")
        role.setToolTip(
            "the selected frame: its trigger and role spans outlined, a tag under each names the role"
        )
        role.setStyleSheet(f"background: {TRIGGER_COLOUR}; color: white; border-radius: 3px; font-size: 8pt")
        layout.addWidget(role)
        hint = QLabel("solid = accepted · light + dashed = suggestion")
        hint.setStyleSheet("color: gray")
        layout.addWidget(hint)
        layout.addStretch(1)
