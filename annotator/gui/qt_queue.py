"""The article queue: a table model that pages rows in from the store as the view scrolls
(`canFetchMore`/`fetchMore`), so 100,000 articles open at once; filters re-query."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import ArticleState
from annotator.store import Store

PAGE = 500
ID, TITLE, DATE, SOURCE, STATUS = range(5)
HEADERS = ("#", "Title", "Published", "Source", "Status")
ArticleIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class QueueModel(QAbstractTableModel):
    """The queue as `annotator` works through it, showing and filtering by `whose` statuses
    (their own unless chosen otherwise); what comes next is always by `annotator`'s own."""

    def __init__(self, store: Store, annotator: str) -> None:
        super().__init__()
        self.store = store
        self.annotator = annotator
        self.whose = annotator
        self.status: str | None = None
        self.search: str | None = None
        self.sort = "id"
        self.rows: list[dict[str, Any]] = []
        self.total = 0
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.total = self.store.queue_count(self.whose, status=self.status, search=self.search)
        self.rows = self._page(0)
        self.endResetModel()

    def _page(self, offset: int) -> list[dict[str, Any]]:
        return self.store.queue(
            self.whose,
            status=self.status,
            search=self.search,
            sort=self.sort,
            offset=offset,
            limit=PAGE,
            own=self.annotator,
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index) -> None:
        more = self._page(len(self.rows))
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == ArticleIdRole:
            return row["id"]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                ID: row["id"],
                TITLE: row["title"] or "(untitled)",
                DATE: (row["published_at"] or "⚠ no date")[:16],
                SOURCE: row["source"] or "",
                STATUS: row["status"].replace("_", " "),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == DATE and not row["published_at"]:
            return QColor("#b35900")
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return row["title"]
        return None

    def row_of(self, article_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r["id"] == article_id), None)

    def next_after(self, article_id: int) -> int | None:
        """The next article in queue order that the annotator has not done (loading pages as
        needed), whoever's statuses the queue shows."""
        row = self.row_of(article_id)
        start = 0 if row is None else row + 1
        while True:
            for candidate in self.rows[start:]:
                if candidate["id"] != article_id and candidate["own_status"] != str(ArticleState.DONE):
                    return candidate["id"]
            if not self.canFetchMore(QModelIndex()):
                return None
            start = len(self.rows)
            self.fetchMore(QModelIndex())

    def set_status_of(self, article_id: int, status: str) -> None:
        """The annotator's own status of an article changed (shown if the queue shows theirs)."""
        row = self.row_of(article_id)
        if row is not None:
            self.rows[row]["own_status"] = status
            if self.whose == self.annotator:
                self.rows[row]["status"] = status
                self.dataChanged.emit(self.index(row, STATUS), self.index(row, STATUS))


class QtQueue(QWidget):
    """Filter, search and sort controls over the queue table."""

    article_chosen = Signal(int)

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.whose = QComboBox()
        self.whose.setToolTip("whose status the queue shows and filters by")
        names = [a["name"] for a in model.store.annotators() if a["kind"] != "model"]
        for name in dict.fromkeys([model.annotator, *names]):
            self.whose.addItem(f"status of {name}", name)
        self.status = QComboBox()
        self.status.addItem("all statuses", None)
        for state in ArticleState:
            self.status.addItem(str(state).replace("_", " "), str(state))
        self.sort = QComboBox()
        for label, key in (("by number", "id"), ("by date", "date"), ("by source", "source")):
            self.sort.addItem(label, key)
        self.search = QLineEdit(placeholderText="Search text and titles…")
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((ID, 40), (DATE, 84), (SOURCE, 60), (STATUS, 72)):
            header.resizeSection(column, width)
        self.table.setColumnHidden(ID, True)
        self.table.setWordWrap(False)
        controls = QHBoxLayout()
        controls.addWidget(self.whose)
        controls.addWidget(self.status)
        controls.addWidget(self.sort)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.status.currentIndexChanged.connect(self._filter)
        self.whose.currentIndexChanged.connect(self._filter)
        self.sort.currentIndexChanged.connect(self._filter)
        self.search.returnPressed.connect(self._filter)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)

    def _filter(self) -> None:
        self.model.whose = self.whose.currentData()
        self.model.status = self.status.currentData()
        self.model.sort = self.sort.currentData()
        self.model.search = self.search.text().strip() or None
        self.model.reload()

    def _activated(self, index: QModelIndex) -> None:
        self.article_chosen.emit(self.model.data(index, ArticleIdRole))

    def show_current(self, article_id: int) -> None:
        row = self.model.row_of(article_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
