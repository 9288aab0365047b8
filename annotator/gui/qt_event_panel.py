"""The article's event frames as a list, with the selected one in a form below."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.core.codebook import Codebook
from annotator.gui.qt_frame_form import QtFrameForm
from annotator.workspace.state import ArticleState, FrameItem

Key = tuple[str, int]


def describe(frame: FrameItem) -> str:
    fields = frame.fields
    mark = "◌ suggested" if frame.is_suggestion else ("✓" if fields["status"] == "accepted" else "✎")
    what = fields.get("sub_event_type") or fields.get("event_type") or "(no type yet)"
    where = fields.get("location") or "?"
    when = fields.get("event_date") or "?"
    return f"{mark}  {what} — {where}, {when}  «{fields.get('trigger_text') or ''}»"


class QtEventPanel(QWidget):
    frame_selected = Signal(object)  # Key | None

    def __init__(self, codebook: Codebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setMaximumHeight(170)
        self.form = QtFrameForm(codebook)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Event frames</b>"))
        layout.addWidget(self.list)
        layout.addWidget(self.form)
        self.list.currentItemChanged.connect(self._changed)
        self._filling = False

    def show_frames(self, state: ArticleState, selected: Key | None) -> None:
        self._filling = True
        self.list.clear()
        for frame in state.frames:
            item = QListWidgetItem(describe(frame))
            item.setData(Qt.ItemDataRole.UserRole, frame.key)
            if frame.is_suggestion:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.list.addItem(item)
            if frame.key == selected:
                self.list.setCurrentItem(item)
        self._filling = False

    def current_key(self) -> Key | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, key: Key | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.list.setCurrentRow(row)
                return

    def _changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if not self._filling:
            self.frame_selected.emit(current.data(Qt.ItemDataRole.UserRole) if current else None)
