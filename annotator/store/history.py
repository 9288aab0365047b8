"""Undo and redo, read from the history log.

A user action is one batch of history rows. Undo reverts the annotator's latest batch (in
reverse order) and numbers it on the redo stack (`undone` = 1, 2, ...); redo re-applies
the most recently undone batch; any new action empties the redo stack (`undone` = -1).
Undone rows stay in the log, so the audit trail keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.store.base import UNDOABLE_ENTITIES as UNDOABLE
from annotator.store.base import StoreBase, _decode, _dumps

_MARKS = ",".join("?" * len(UNDOABLE))


@dataclass(frozen=True)
class Change:
    """What an undo or redo touched, so a view can go to the article and refresh."""

    article_id: int | None
    entity: str
    action: str
    rows: int
    # the history rows undone or redone (action, entity, before, after …), in the order applied
    steps: tuple[dict[str, Any], ...] = field(default=(), compare=False, repr=False)


class HistoryMixin(StoreBase):
    def undo(self, annotator: str) -> Change | None:
        """Revert `annotator`'s latest action, in whichever article it was. None: nothing to undo."""
        annotator_id = self.known_annotator_id(annotator)
        with self.db.atomic():  # read and revert under the write lock: nobody writes in between
            row = self.db.execute(
                f"select batch from history where annotator_id = ? and undone = 0 and entity in ({_MARKS}) "
                "and action in ('insert', 'update', 'delete') order by id desc limit 1",
                [annotator_id, *UNDOABLE],
            ).fetchone()
            if row is None:
                return None
            rows = self._batch_rows(row[0], annotator_id, descending=True)
            depth = self.db.execute(
                "select coalesce(max(undone), 0) from history where annotator_id = ?", [annotator_id]
            ).fetchone()[0]
            for entry in rows:
                self._apply(entry, forward=False)
            self.db.execute(
                "update history set undone = ? where batch = ? and annotator_id = ?",
                [depth + 1, row[0], annotator_id],
            )
        return _change(rows)

    def redo(self, annotator: str) -> Change | None:
        """Re-apply the action undone last. None: nothing to redo."""
        annotator_id = self.known_annotator_id(annotator)
        with self.db.atomic():
            row = self.db.execute(
                "select batch from history where annotator_id = ? and undone > 0 "
                "order by undone desc limit 1",
                [annotator_id],
            ).fetchone()
            if row is None:
                return None
            rows = self._batch_rows(row[0], annotator_id, descending=False)
            for entry in rows:
                self._apply(entry, forward=True)
            self.db.execute(
                "update history set undone = 0 where batch = ? and annotator_id = ?",
                [row[0], annotator_id],
            )
        return _change(rows)

    def can_undo(self, annotator: str) -> bool:
        return (
            self.db.execute(
                f"select 1 from history where annotator_id = ? and undone = 0 and entity in ({_MARKS}) "
                "and action in ('insert', 'update', 'delete') limit 1",
                [self.known_annotator_id(annotator), *UNDOABLE],
            ).fetchone()
            is not None
        )

    def can_redo(self, annotator: str) -> bool:
        return (
            self.db.execute(
                "select 1 from history where annotator_id = ? and undone > 0 limit 1",
                [self.known_annotator_id(annotator)],
            ).fetchone()
            is not None
        )

    def record_merged_history(
        self, article_id: int, annotator: str, rows: list[dict[str, Any]], source: str
    ) -> None:
        """Keep another project's audit trail of this article: rows marked 'merged:<action>',
        which the audit shows and undo leaves alone."""
        annotator_id = self.annotator_id(annotator)
        self.db["history"].insert_all(
            merged_history_row(row, article_id, annotator_id, source) for row in rows
        )

    def _batch_rows(self, batch: str, annotator_id: int, *, descending: bool) -> list[dict[str, Any]]:
        order = "id desc" if descending else "id"
        rows = self.db["history"].rows_where(
            f"batch = ? and annotator_id = ? and entity in ({_MARKS})",
            [batch, annotator_id, *UNDOABLE],
            order_by=order,
        )
        return [_decode(r) for r in rows]

    def _apply(self, entry: dict[str, Any], *, forward: bool) -> None:
        table = self.db[entry["entity"]]
        action = entry["action"]
        before, after = entry["before"], entry["after"]
        if action == "update":
            target = after if forward else before
            table.update(_pk(entry, target), _encoded(target))
        elif (action == "insert") == forward:
            # a status row may exist again meanwhile (reopening the article writes one): replace it
            table.insert(_encoded(after if forward else before), replace=entry["entity"] == "article_status")
        else:
            table.delete(_pk(entry, before if forward else after))


def merged_history_row(
    row: dict[str, Any], article_id: int, annotator_id: int, source: str
) -> dict[str, Any]:
    """A history row of another project (`source`), as this project keeps it: its action
    marked 'merged:', out of reach of undo (`undone` = -1), before and after with the source."""
    return {
        "at": row["at"],
        "annotator_id": annotator_id,
        "batch": row["batch"],
        "action": f"merged:{row['action']}",
        "entity": row["entity"],
        "entity_id": row["entity_id"],
        "article_id": article_id,
        "before": _dumps({"source": source, "row": row["before"]}),
        "after": _dumps({"source": source, "row": row["after"]}),
        "undone": -1,
    }


def _pk(entry: dict[str, Any], row: dict[str, Any]) -> Any:
    if entry["entity"] == "article_status":
        return (row["article_id"], row["annotator_id"])
    return entry["entity_id"]


def _encoded(row: dict[str, Any]) -> dict[str, Any]:
    return {k: _dumps(v) if isinstance(v, dict | list) else v for k, v in row.items()}


def _change(rows: list[dict[str, Any]]) -> Change:
    first = rows[0]
    return Change(first["article_id"], first["entity"], first["action"], len(rows), tuple(rows))
