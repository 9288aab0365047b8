"""Colour legend of the codebook's labels with their keys."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from annotator.core.codebook import Codebook


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
        hint = QLabel("solid = accepted · light + dashed = suggestion")
        hint.setStyleSheet("color: gray")
        layout.addWidget(hint)
        layout.addStretch(1)
