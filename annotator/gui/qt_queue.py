"""The article queue: a table model that pages rows in from the store as the view scrolls
(`canFetchMore`/`fetchMore`), so 100,000 articles open at once; filters re-query. The
controls are commands of the window (`CommandWindow.command`): a filter the store refuses is
shown in its status bar, and the queue keeps the rows and the filter it had."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
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
from annotator.gui.qt_elided import heading
from annotator.store import Store

PAGE = 500
SEARCH_PAUSE_MS = 250  # the search runs once typing pauses this long (or at once on Return)
ID, TITLE, DATE, SOURCE, STATUS = range(5)
HEADERS = ("#", "Title", "Published", "Source", "Status")
ArticleIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
FILTERS = ("whose", "status", "search", "sort")
Command = Callable[[Callable[..., object]], Callable[..., None]]


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

    def reload(self, **filters: Any) -> None:
        """Read the first page again, with any of `FILTERS` changed. The store is asked first:
        if it refuses (an `AnnotatorError`), the model keeps its filter and its rows."""
        wanted = {name: getattr(self, name) for name in FILTERS} | filters
        total = self.store.queue_count(wanted["whose"], status=wanted["status"], search=wanted["search"])
        rows = self._page(0, **wanted)
        self.beginResetModel()
        self.whose, self.status, self.search, self.sort = (wanted[name] for name in FILTERS)
        self.total, self.rows = total, rows
        self.endResetModel()

    def _page(self, offset: int, **filters: Any) -> list[dict[str, Any]]:
        """The page at `offset`: after the last row loaded (a keyset seek) when it follows them."""
        chosen = {name: getattr(self, name) for name in FILTERS} | filters
        after = self.rows[-1]["id"] if offset and offset == len(self.rows) else None
        return self.store.queue(
            chosen["whose"],
            status=chosen["status"],
            search=chosen["search"],
            sort=chosen["sort"],
            offset=offset,
            limit=PAGE,
            own=self.annotator,
            after=after,
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
                TITLE: heading(row["title"], row.get("opening")),
                DATE: (row["published_at"] or "⚠ no date")[:16],
                SOURCE: row["source"] or "",
                STATUS: row["status"].replace("_", " "),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == DATE and not row["published_at"]:
            return QColor("#b35900")
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return row["title"] or heading(None, row.get("opening"))
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

    def set_published_of(self, article_id: int, published_at: str | None) -> None:
        """The article's publication date was set (or undone): its row shows it at once."""
        row = self.row_of(article_id)
        if row is not None and self.rows[row]["published_at"] != published_at:
            self.rows[row]["published_at"] = published_at
            self.dataChanged.emit(self.index(row, DATE), self.index(row, DATE))

    def previous_before(self, article_id: int) -> int | None:
        """The article listed just before `article_id` in the queue's order, if any."""
        row = self.row_of(article_id)
        return self.rows[row - 1]["id"] if row else None

    def set_status_of(self, article_id: int, status: str) -> None:
        """The annotator's own status of an article changed (shown if the queue shows theirs)."""
        row = self.row_of(article_id)
        if row is not None:
            self.rows[row]["own_status"] = status
            if self.whose == self.annotator:
                self.rows[row]["status"] = status
                self.dataChanged.emit(self.index(row, STATUS), self.index(row, STATUS))


class QtQueue(QWidget):
    """Filter, search and sort controls over the queue table; `command` is the window's
    (`CommandWindow.command`), which every control runs through."""

    article_chosen = Signal(int)

    def __init__(self, model: QueueModel, command: Command, parent: QWidget | None = None) -> None:
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
        self.status.currentIndexChanged.connect(command(self._filter))
        self.whose.currentIndexChanged.connect(command(self._filter))
        self.sort.currentIndexChanged.connect(command(self._filter))
        self.search.returnPressed.connect(command(self._filter))
        # filter as the analyst types, once typing pauses: one query, not one per key
        self.debounce = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS, timeout=command(self._filter))
        self.search.textEdited.connect(command(self._search_soon))
        self.table.activated.connect(command(self._activated))
        self.table.clicked.connect(command(self._activated))

    def _search_soon(self, *_signal_args: object) -> None:
        self.debounce.start()  # (again): the search waits for a pause in the typing

    def _filter(self, *_signal_args: object) -> None:
        """Query with the filter the controls show (whichever control changed)."""
        self.debounce.stop()
        self.model.reload(
            whose=self.whose.currentData(),
            status=self.status.currentData(),
            sort=self.sort.currentData(),
            search=self.search.text().strip() or None,
        )

    def show_filters(self) -> None:
        """Set the controls to the filter the queue has (after a refused one), quietly."""
        for box, value in (
            (self.whose, self.model.whose),
            (self.status, self.model.status),
            (self.sort, self.model.sort),
        ):
            blocker = QSignalBlocker(box)
            box.setCurrentIndex(max(box.findData(value), 0))
            blocker.unblock()
        self.search.setText(self.model.search or "")

    def _activated(self, index: QModelIndex) -> None:
        self.article_chosen.emit(self.model.data(index, ArticleIdRole))

    def show_current(self, article_id: int) -> None:
        row = self.model.row_of(article_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
