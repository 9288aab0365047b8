"""The article queue: pages of articles in one of its orders, with an annotator's statuses.

Each order is served by an index (migration 8), so every page, the first after a change of
order or filter included, is a range of that index: the page after an article is read as the
consecutive index ranges that follow it ("same date, higher id", then "earlier date", ...),
each a seek, never a sort of the whole table or a scan from its start. Only the columns the
queue shows are read: the text (stored before them in each row's overflow pages) only for
the opening of an untitled article.
"""

from __future__ import annotations

from dataclasses import dataclass
from sys import intern
from typing import Any

from annotator.core.errors import StoreError
from annotator.core.model import ArticleState
from annotator.store.base import StoreBase

#: The expressions an order sorts by, each ascending (True) or descending.
QueueKeys = tuple[tuple[str, bool], ...]
#: A range of the queue: an SQL condition and its parameters.
Range = tuple[str, list[Any]]

_COLUMNS = (
    "a.id, a.title, case when a.title is null or trim(a.title) = '' then substr(a.text, 1, 400) end "
    "as opening, a.source, a.published_at, coalesce(s.status, 'todo') as status, "
    "coalesce(o.status, 'todo') as own_status"
)
_REPEATED = ("source", "published_at", "status", "own_status")
_FEW_MATCHES = 2000  # fewer matches than this are looked up one by one and sorted
_MATCHES = "select rowid from articles_fts where articles_fts match ?"


@dataclass(frozen=True)
class QueueOrder:
    """Rows of `parts` one after another (conditions; "" takes every row), each part sorted by
    `keys`, so that an index on the keys gives every part in order. SQLite sorts NULL first
    ascending and last descending; a part is how an order puts NULL last ascending."""

    parts: tuple[str, ...]
    keys: QueueKeys

    def order_by(self, *, whole: bool = False) -> str:
        """The ORDER BY of one part (`whole`: of all the parts in one query)."""
        terms = [f"{expr}{'' if ascending else ' desc'}" for expr, ascending in self.keys]
        if whole and len(self.parts) > 1:
            ranks = " ".join(f"when {part} then {rank}" for rank, part in enumerate(self.parts))
            terms.insert(0, f"case {ranks} end")
        return ", ".join(terms)

    def ranges_after(self, last: tuple[Any, ...], part: int) -> list[Range]:
        """The ranges after the row whose key values are `last` (in part number `part`), in
        queue order: each deeper key first ("equal before it, beyond on it"), then the parts after."""
        ranges: list[Range] = []
        where = [self.parts[part]] if self.parts[part] else []
        for depth in reversed(range(len(self.keys))):
            equal = [f"{expr} is ?" for expr, _ in self.keys[:depth]]
            for beyond, params in _beyond(*self.keys[depth], last[depth]):
                ranges.append((" and ".join([*where, *equal, beyond]), [*last[:depth], *params]))
        return ranges + [(later, []) for later in self.parts[part + 1 :]]


def _beyond(expr: str, ascending: bool, value: Any) -> list[Range]:
    """The ranges of values of one key that come after `value`, in order."""
    if ascending:
        return [(f"{expr} is not null", [])] if value is None else [(f"{expr} > ?", [value])]
    return [] if value is None else [(f"{expr} < ?", [value]), (f"{expr} is null", [])]


#: The queue's orders. By date: newest first, undated last (DESC puts NULL last); by source:
#: sources A-Z, then articles without one, each newest first.
QUEUE_ORDERS: dict[str, QueueOrder] = {
    "id": QueueOrder(("",), (("a.id", True),)),
    "date": QueueOrder(("",), (("a.published_at", False), ("a.id", True))),
    "source": QueueOrder(
        ("a.source is not null", "a.source is null"),
        (("a.source", True), ("a.published_at", False), ("a.id", True)),
    ),
}


class QueueMixin(StoreBase):
    #: The last search read in an order other than by id: (order, words, project version), ids, places.
    _search_order: tuple[tuple[Any, ...], list[int], dict[int, int]] | None = None

    def queue(
        self,
        annotator: str,
        *,
        status: str | None = None,
        search: str | None = None,
        sort: str = "id",
        offset: int = 0,
        limit: int = 500,
        own: str | None = None,
        after: int | None = None,
    ) -> list[dict[str, Any]]:
        """One page of the article queue shown with `annotator`'s statuses: id, title, the
        opening of the text for an untitled article (to show it by its first line), source,
        published_at and status (todo when never touched), filtered by that status.
        `own`: the person working, whose status of each article comes as `own_status`.
        `after`: the id of the last article of the previous page; the page then starts just
        after it in the queue's order (a keyset seek, as fast at the end of the queue as at its
        start) and `offset` is used only when that article is gone.
        A name the project does not know yet reads as all todo and is not created."""
        order = QUEUE_ORDERS.get(sort)
        if order is None:
            raise StoreError(f"unknown queue order '{sort}'; known: {', '.join(QUEUE_ORDERS)}")
        if fts_query(search or "") and not (offset and after is None):
            if sort == "id":
                return self._searched_by_id(annotator, status, search or "", limit, own, after)
            return self._searched_in_order(order, annotator, status, search or "", limit, own, after, offset)
        where, params = self._queue_filter(annotator, status, search)
        params = [self.annotator_id_if_known(own or annotator), *params]
        ranges = self._ranges_after(order, after)
        if ranges is None and offset:  # no row to seek after: one query over all the parts
            return self._queue_rows(where, params, order.order_by(whole=True), limit, offset)
        rows: list[dict[str, Any]] = []
        for condition, bounds in ranges or [(part, []) for part in order.parts]:
            both = " and ".join(c for c in (where, condition) if c)
            rows += self._queue_rows(both, [*params, *bounds], order.order_by(), limit - len(rows))
            if len(rows) >= limit:
                break
        return rows

    def _searched_by_id(
        self, annotator: str, status: str | None, search: str, limit: int, own: str | None, after: int | None
    ) -> list[dict[str, Any]]:
        """A page of a search in id order, read from the search index in rowid order (a range of
        it after `after`) rather than from the list of every match, which a common word makes long."""
        where, params = self._queue_filter(annotator, status, None)
        params = [self.annotator_id_if_known(own or annotator), *params]
        rows: list[dict[str, Any]] = []
        last = -1 if after is None else after
        while len(rows) < limit:
            ids = [
                row[0]
                for row in self.db.execute(
                    "select rowid from articles_fts where articles_fts match ? and rowid > ? "
                    "order by rowid limit ?",
                    [fts_query(search), last, limit],
                )
            ]
            if not ids:
                break
            among = f"a.id in ({', '.join('?' * len(ids))})"
            both = f"{where} and {among}" if where else among
            rows += self._queue_rows(both, [*params, *ids], "a.id", limit - len(rows))
            last = ids[-1]
        return rows

    def _searched_in_order(
        self,
        order: QueueOrder,
        annotator: str,
        status: str | None,
        search: str,
        limit: int,
        own: str | None,
        after: int | None,
        offset: int,
    ) -> list[dict[str, Any]]:
        """A page of a search in another order than by id: the ids of every match in that order
        are read once, kept until the project changes, and each page reads its rows by id (a
        common word would otherwise cost the list of every match for every page)."""
        ids, position = self._matches_in_order(order, fts_query(search))
        start = position[after] + 1 if after in position else offset
        where, params = self._queue_filter(annotator, status, None)
        params = [self.annotator_id_if_known(own or annotator), *params]
        rows: list[dict[str, Any]] = []
        while len(rows) < limit and start < len(ids):
            chunk = ids[start : start + limit]  # consecutive in the order: sorted among themselves
            start += len(chunk)
            among = f"a.id in ({', '.join('?' * len(chunk))})"
            both = f"{where} and {among}" if where else among
            rows += self._queue_rows(both, [*params, *chunk], order.order_by(whole=True), limit - len(rows))
        return rows

    def _matches_in_order(self, order: QueueOrder, query: str) -> tuple[list[int], dict[int, int]]:
        """The ids of the articles `query` matches, in `order`, and each one's place among them;
        read again when this connection has written anything or another has committed since."""
        changed = (self.db.execute("pragma data_version").fetchone()[0], self.db.conn.total_changes)
        key = (order, query, changed)
        if self._search_order is None or self._search_order[0] != key:
            # many matches: walk the order's index, testing each id ("+": not by looking each
            # match up in the table, whose rows are pages of text); few: look them up and sort
            many = self.db.execute(f"select count(*) from ({_MATCHES} limit {_FEW_MATCHES})", [query])
            plus = "+" if many.fetchone()[0] >= _FEW_MATCHES else ""
            ids = [
                row[0]
                for part in order.parts
                for row in self.db.execute(
                    f"select a.id from articles a where {plus}a.id in ({_MATCHES}) "
                    f"{'and ' + part if part else ''} order by {order.order_by()}",
                    [query],
                )
            ]
            self._search_order = (key, ids, {ident: place for place, ident in enumerate(ids)})
        return self._search_order[1], self._search_order[2]

    def _queue_rows(
        self, where: str, params: list[Any], order: str, limit: int, offset: int = 0
    ) -> list[dict[str, Any]]:
        rows = self.db.execute(
            f"select {_COLUMNS} from articles a "
            "left join article_status o on o.article_id = a.id and o.annotator_id = ? "
            "left join article_status s on s.article_id = a.id and s.annotator_id = ? "
            f"{'where ' + where if where else ''} order by {order} limit ? offset ?",
            [*params, limit, offset],
        )
        columns = [c[0] for c in rows.description]
        found = [dict(zip(columns, row, strict=True)) for row in rows.fetchall()]
        for item in found:  # one string object per source, date and status, shared by every row
            for repeated in _REPEATED:  # (a queue of 100,000 rows then frees in half the time)
                if (value := item[repeated]) is not None:
                    item[repeated] = intern(value)
        return found

    def _ranges_after(self, order: QueueOrder, after: int | None) -> list[Range] | None:
        """The ranges after article `after` in `order` (None: no `after`, or no such article)."""
        if after is None:
            return None
        parts = [f"coalesce({part}, 0)" if part else "1" for part in order.parts]
        keys = [expr for expr, _ in order.keys]
        row = self.db.execute(
            f"select {', '.join([*keys, *parts])} from articles a where a.id = ?", [after]
        ).fetchone()
        if row is None:
            return None
        part = next(i for i, inside in enumerate(row[len(keys) :]) if inside)
        return order.ranges_after(tuple(row[: len(keys)]), part)

    def queue_count(self, annotator: str, *, status: str | None = None, search: str | None = None) -> int:
        """How many articles `queue` lists with this filter, counted from the search index and
        the annotator's status rows (never by reading every article): todo is every article
        but those with another status."""
        query = fts_query(search or "")
        within, words = "1", []
        if query:
            within, words = f"article_id in ({_MATCHES})", [query]
        todo = str(ArticleState.TODO)
        chosen = None if status is None else str(ArticleState(status))
        total = 0
        if chosen in (None, todo):
            total_sql = "select count(*) from articles_fts where articles_fts match ?" if query else ""
            total = int(self.db.execute(total_sql or "select count(*) from articles", words).fetchone()[0])
            if chosen is None:
                return total
        test = "<>" if chosen == todo else "="
        marked = self.db.execute(
            f"select count(*) from article_status where annotator_id = ? and status {test} ? and {within}",
            [self.annotator_id_if_known(annotator), chosen, *words],
        ).fetchone()[0]
        return total - int(marked) if chosen == todo else int(marked)

    def _queue_filter(self, annotator: str, status: str | None, search: str | None) -> tuple[str, list[Any]]:
        """The condition of the filter and its parameters, the first of which is the id of the
        annotator whose statuses the queue shows (joined as `s`)."""
        clauses, params = [], [self.annotator_id_if_known(annotator)]
        if status:
            clauses.append("coalesce(s.status, 'todo') = ?")
            params.append(str(ArticleState(status)))
        query = fts_query(search or "")
        if query:
            clauses.append(f"a.id in ({_MATCHES})")
            params.append(query)
        return " and ".join(clauses), params


def fts_query(text: str) -> str:
    """Every word the user typed, quoted, so punctuation cannot break the FTS syntax."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in text.split())
