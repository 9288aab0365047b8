"""Review mode: the disagreement queue, and for the chosen article every annotator's version of
each span region and frame side by side, coloured agreeing / differing / missing, with one
key per annotator to take their version into the gold standard. Every key and click runs
through `run_command` (`gui.commands`), as in the workspace."""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import GOLD
from annotator.core.offsets import Utf16Map
from annotator.gui.commands import CommandWindow
from annotator.store import Store
from annotator.team.review import FrameGroup, Region, Review, ReviewArticle
from annotator.workspace.redate import sentences

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"  # the item inside its sentence, in the table's plain text

AGREE, DIFFER, MISSING, DECIDED = QColor("#d9f2d9"), QColor("#ffe0b3"), QColor("#f8c8c8"), QColor("#e0e8ff")


Item = Region | FrameGroup
SHOWN_ROLES = {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole}
Index = QModelIndex | QPersistentModelIndex


class ReviewItemsModel(QAbstractTableModel):
    """The article's items (disputes first), one column per annotator and one for gold's
    decision. Cells are made when the view asks for them (the rows on screen), so an article
    with thousands of regions opens as fast as a short one; a decision changes only the gold
    cells whose value changed."""

    def __init__(self, window: QtReviewWindow) -> None:
        super().__init__(window)
        self.window = window
        self.items: list[Item] = []
        self.names: list[str] = []
        self.decided: dict[tuple[str, str], list[str]] = {}
        self._described: dict[int, str] = {}

    def show(self, items: list[Item], names: list[str], decided: dict[tuple[str, str], list[str]]) -> None:
        self.beginResetModel()
        self.items, self.names, self.decided, self._described = items, names, decided, {}
        self.endResetModel()

    def set_decided(self, decided: dict[tuple[str, str], list[str]]) -> None:
        """Gold's decisions now: only the rows whose gold cell changed are redrawn."""
        old, self.decided = self.decided, decided
        gold = len(self.names) + 1
        for row, item in enumerate(self.items):
            key = (item.kind, item.item)
            if old.get(key) != decided.get(key):
                self.dataChanged.emit(self.index(row, gold), self.index(row, gold))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.names) + 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (["item", *self.names, GOLD])[section]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in SHOWN_ROLES:  # Qt asks for many more per cell
            return None
        text, colour = self._cell(index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text if role == Qt.ItemDataRole.DisplayRole or index.column() == 0 else None
        if role == Qt.ItemDataRole.BackgroundRole and colour is not None:
            return QBrush(colour)
        return None

    def _cell(self, row: int, column: int) -> tuple[str, QColor | None]:
        item = self.items[row]
        if column == 0:  # the whole sentence is the tooltip, where the column cuts it
            if row not in self._described:
                self._described[row] = self.window.describe(item)
            return self._described[row], None
        if column <= len(self.names):
            return self.window.cell(item, self.names[column - 1])
        taken = self.decided.get((item.kind, item.item))
        text = "agreed" if taken and len(taken) > 1 else f"from {taken[0]}" if taken else "—"
        return text, DECIDED if taken else MISSING


class ReviewTable(QTableView):
    def currentRow(self) -> int:
        """The current item's row (-1: none), as QTableWidget says it."""
        return self.currentIndex().row()


class QtReviewWindow(CommandWindow):
    def __init__(self, store: Store, reviewer: str) -> None:
        super().__init__()
        self.store = store
        self.review = Review(store, reviewer)
        self.current: ReviewArticle | None = None
        self.items: list[Region | FrameGroup] = []
        self.offsets = Utf16Map("")  # the article's code points → the pane's UTF-16 positions
        self.bounds: tuple[list[int], list[int]] = ([], [])  # the article's sentences: starts, ends
        self.setWindowTitle(f"annotator review — {store.path.name} — reviewer {reviewer}")
        self.queue = QListWidget()
        self.table = ReviewTable()
        self.model = ReviewItemsModel(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setResizeContentsPrecision(50)  # widths from the first rows
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.text = QPlainTextEdit(readOnly=True)
        self.help = QLabel(textFormat=Qt.TextFormat.PlainText)  # holds annotators' names
        # the selected item's sentence, the item in bold on yellow (the text is escaped)
        self.context = QLabel(textFormat=Qt.TextFormat.RichText, wordWrap=True)
        self.context.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.help)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.context)
        layout.addWidget(self.text, 2)
        splitter = QSplitter()
        splitter.addWidget(self.queue)
        splitter.addWidget(right)
        splitter.setSizes([300, 1100])
        self.setCentralWidget(splitter)
        self.resize(1400, 850)
        self.queue.currentItemChanged.connect(self.command(self._article_chosen))
        self.table.selectionModel().currentRowChanged.connect(
            self.command(lambda now, _: self._show_item(now.row()))
        )
        self.table.installEventFilter(self)
        self.finish_key = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.finish_key.activated.connect(self.command(self.finish_and_next))
        self.run_command(self.fill_queue)

    def fill_queue(self) -> None:
        self.queue.clear()
        for row in self.review.queue():
            label = f"{row['agreement']:.2f}  #{row['article']} {row.get('title') or '(untitled)'}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, int(row["article"]))
            self.queue.addItem(item)
        names = self.review.annotators
        keys = " · ".join(f"{n + 1}: take {name}" for n, name in enumerate(names))
        self.help.setText(
            f"{keys} · Shift+number: take for all undecided items · E: edit gold yourself "
            "· Ctrl+Enter: gold done, next "
            "· green agree, orange differ, red missing, blue decided"
        )
        if self.queue.count():
            self.queue.setCurrentRow(0)

    def _article_chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is not None:
            self.open(item.data(Qt.ItemDataRole.UserRole))

    def open(self, article_id: int) -> None:
        self.current = self.review.open(article_id)
        self.text.setPlainText(self.current.text)
        self.offsets = Utf16Map(self.current.text)
        bounds = sentences(self.current.text)
        self.bounds = ([b for b, _ in bounds], [e for _, e in bounds])
        self._fill_table()
        self.table.setFocus()
        if self.items:
            self.table.selectRow(0)

    def _fill_table(self, keep_row: int = 0) -> None:
        review = self.current
        assert review is not None
        items = [*review.regions, *review.frames]
        self.items = [i for i in items if not i.agreed] + [i for i in items if i.agreed]  # disputes first
        self.model.show(self.items, review.annotators, self.review.decided(review))
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 330))
        if self.items:
            self.table.selectRow(min(keep_row, len(self.items) - 1))

    def _where(self, item: Region | FrameGroup) -> tuple[int, int]:
        """The item's offsets in the article: a region's, or a frame's trigger."""
        if isinstance(item, Region):
            return item.start, item.end
        fields = next(iter(item.versions.values())).fields
        start = fields.get("trigger_start") or 0
        end = fields.get("trigger_end")
        return start, end if end is not None else start

    def _sentence(self, start: int, end: int) -> tuple[str, str, str]:
        """The text before the item in its sentence, the item, and the text after it."""
        text = self.current.text
        starts, ends = self.bounds
        at = bisect_right(starts, start) - 1  # the sentence holding `start`, by bisection
        first = starts[at] if at >= 0 and start < ends[at] else 0
        at = bisect_left(ends, end)  # the sentence `end` falls in (or closes)
        last = ends[at] if at < len(ends) and starts[at] < end else len(text)
        first, last = min(first, start), max(last, end)
        return text[first:start], text[start:end], text[end:last]

    def describe(self, item: Region | FrameGroup) -> str:
        start, end = self._where(item)
        before, surface, after = self._sentence(start, end)
        context = f"{start}–{end}: {before}{MARK_OPEN}{surface}{MARK_CLOSE}{after}".replace("\n", " ")
        if isinstance(item, Region):
            return f"“{surface}” {context}"
        differing = ", ".join(item.differing_fields()) or "—"
        return f"frame «{surface}» differs in: {differing} · {context}"

    def _show_context(self, item: Region | FrameGroup) -> None:
        start, end = self._where(item)
        before, surface, after = (html.escape(part) for part in self._sentence(start, end))
        kind = "span region" if isinstance(item, Region) else "frame trigger"
        self.context.setText(
            f"<span style='color:#666'>{kind} {start}–{end}:</span> {before}"
            f"<b style='background-color:#fff176'>{surface}</b>{after}"
        )

    def cell(self, item: Region | FrameGroup, name: str) -> tuple[str, QColor]:
        """What `name`'s column shows of `item`, and its colour (agree, differ, missing)."""
        if isinstance(item, Region):
            spans = item.versions.get(name, [])
            text = "; ".join(f"{self.current.text[s:e]} [{label}]" for s, e, label in spans) or "(none)"
            colour = AGREE if item.agreed else (MISSING if not spans else DIFFER)
        else:
            frame = item.versions.get(name)
            text = (
                (
                    f"{_shown(frame.fields.get('sub_event_type') or frame.fields.get('event_type'))}, "
                    f"{_shown(frame.fields.get('event_date'))}, {_shown(frame.fields.get('location'))}, "
                    f"fatalities {_shown(frame.fields.get('fatalities'))}"
                )
                if frame
                else "(none)"
            )
            colour = AGREE if item.agreed else (MISSING if frame is None else DIFFER)
        return text, colour

    def _show_item(self, row: int) -> None:
        if self.current is None or not 0 <= row < len(self.items):
            return
        item = self.items[row]
        size = len(self.current.text)
        start, end = (self.offsets.to_utf16(min(offset, size)) for offset in self._where(item))
        mark = QTextEdit.ExtraSelection()
        mark.format = QTextCharFormat()
        mark.format.setBackground(QBrush(QColor("#fff176")))
        mark.format.setFontWeight(700)
        mark.cursor = QTextCursor(self.text.document())
        mark.cursor.setPosition(start)
        mark.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setExtraSelections([mark])
        cursor = self.text.textCursor()
        cursor.setPosition(start)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()
        self._show_context(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self.run_command(self.finish_and_next)  # item views swallow Ctrl+Return first
                return True
            if event.key() == Qt.Key.Key_E and not event.modifiers():
                self.run_command(self.edit_gold)
                return True
            digit = event.key() - Qt.Key.Key_1
            names = self.current.annotators if self.current else []
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            text_digit = int(event.text()) - 1 if event.text().isdigit() and event.text() != "0" else None
            index = text_digit if text_digit is not None else digit
            if 0 <= index < len(names):
                self.run_command(lambda: self.take(names[index], everything=shift))
                return True
        return super().eventFilter(watched, event)

    def resync(self) -> None:
        """After a failed command: the table shows gold's decisions as the store has them."""
        if self.current is not None:
            self._fill_table(keep_row=max(self.table.currentRow(), 0))

    def take(self, annotator: str, *, everything: bool = False) -> None:
        """Take `annotator`'s version of the selected item (or of every undecided item)."""
        if self.current is None:
            return
        row = max(self.table.currentRow(), 0)
        if everything:
            self.review.take_all(self.current, annotator)
        elif self.items:
            item = self.items[row]
            if isinstance(item, Region):
                self.review.take_region(self.current, item, annotator)
            else:
                self.review.take_frame(self.current, item, annotator)
        self.model.set_decided(self.review.decided(self.current))
        if self.items:
            self.table.selectRow(min(row + 1, len(self.items) - 1))

    def edit_gold(self) -> None:
        """The reviewer edits gold directly: the annotation workspace as annotator 'gold'."""
        if self.current is None:
            return
        from annotator.core.codebook import load_codebook
        from annotator.gui.qt_main_window import QtMainWindow, default_settings
        from annotator.paths import codebook_path

        self.editor = QtMainWindow(self.store, GOLD, load_codebook(codebook_path()), default_settings())
        self.editor.open_article(self.current.article_id, wait=True)
        self.editor.closed.connect(self.command(self._reload))
        self.editor.show()

    def _reload(self) -> None:
        """Gold may have changed in the editor: show it again, on the item that was selected."""
        if self.current is not None:
            row = self.table.currentRow()
            kept = self.items[row].item if 0 <= row < len(self.items) else None
            self.open(self.current.article_id)
            keys = [i.item for i in self.items]
            if kept in keys:
                self.table.selectRow(keys.index(kept))
            elif self.items and row > 0:
                self.table.selectRow(min(row, len(self.items) - 1))

    def finish_and_next(self) -> None:
        if self.current is None:
            return
        self.review.finish(self.current)
        row = self.queue.currentRow()
        if row + 1 < self.queue.count():
            self.queue.setCurrentRow(row + 1)


def _shown(value: object) -> str:
    """A field's value for the table: an empty one is a dash, never "None"."""
    return "—" if value is None or value == "" else str(value)
