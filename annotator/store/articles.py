"""Articles and their per-annotator status."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils.db import NotFoundError

from annotator.core.errors import StoreError
from annotator.core.model import ArticleRecord, ArticleState
from annotator.store.base import _INSERT_CHUNK, StoreBase, _decode, _dumps, content_hash, insert_rows, now
from annotator.store.schema import raw_text_hash


class ArticlesMixin(StoreBase):
    # -- articles --------------------------------------------------------------------------
    def add_articles(self, records: Iterable[ArticleRecord]) -> list[tuple[int, bool]]:
        """Store articles not already present (by content hash) in one transaction.

        RETURNS (list[tuple[int, bool]]): per record, its article id and whether it is new.
        """
        records = list(records)
        hashes = [content_hash(r.text) for r in records]
        stamp = now()
        with self.batch():
            known = self._ids_for_hashes(hashes)
            fresh: dict[str, dict[str, Any]] = {}
            for record, digest in zip(records, hashes, strict=True):
                if digest not in known and digest not in fresh:
                    fresh[digest] = self._article_row(record, digest, stamp)
            insert_rows(self.db, "articles", list(fresh.values()))
            known.update(self._ids_for_hashes(list(fresh)))
            batch = self._batch or uuid.uuid4().hex
            insert_rows(
                self.db,
                "history",
                [
                    {
                        "at": stamp,
                        "annotator_id": None,
                        "batch": batch,
                        "action": "insert",
                        "entity": "articles",
                        "entity_id": known[digest],
                        "article_id": known[digest],
                        "before": None,
                        "after": _dumps(
                            {"content_hash": digest, "title": row["title"], "origin": row["origin"]}
                        ),
                        "undone": 0,
                    }
                    for digest, row in fresh.items()
                ],
            )
        first_seen: set[str] = set()
        result = []
        for digest in hashes:
            result.append((known[digest], digest in fresh and digest not in first_seen))
            first_seen.add(digest)
        return result

    def _ids_for_hashes(self, hashes: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        unique = list(dict.fromkeys(hashes))
        for i in range(0, len(unique), _INSERT_CHUNK):
            chunk = unique[i : i + _INSERT_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"select content_hash, id from articles where content_hash in ({marks})", chunk
            ).fetchall()
            found.update({h: int(ident) for h, ident in rows})
        return found

    @staticmethod
    def _article_row(record: ArticleRecord, digest: str, stamp: str) -> dict[str, Any]:
        return {
            "content_hash": digest,
            "title": record.title,
            "source": record.source,
            "url": record.url,
            "published_at": record.published_at,
            "raw_text": record.raw_text,
            "raw_hash": raw_text_hash(record.raw_text),
            "text": record.text,
            "meta": _dumps(record.meta or {}),
            "flags": _dumps(record.flags),
            "origin": record.origin,
            "imported_at": stamp,
        }

    def article_id_for_text(self, text: str) -> int | None:
        """The article whose cleaned text is exactly `text`, if any."""
        return self._ids_for_hashes([content_hash(text)]).get(content_hash(text))

    def article_id_for_raw_text(self, raw: str) -> int | None:
        """The (first) article whose raw text is `raw`, with or without a BOM, with CRLF, CR
        or LF line ends (by the indexed `raw_hash`), if any."""
        row = self.db.execute(
            "select id from articles where raw_hash = ? order by id limit 1", [raw_text_hash(raw)]
        ).fetchone()
        return None if row is None else int(row[0])

    def article(self, article_id: int) -> dict[str, Any]:
        try:
            return _decode(self.db["articles"].get(article_id))
        except NotFoundError:
            raise StoreError(f"no article with id {article_id} in {self.path}") from None

    def article_count(self) -> int:
        return self.db["articles"].count

    def article_ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("select id from articles order by id")]

    def articles_without_date(self) -> list[dict[str, Any]]:
        rows = self.db["articles"].rows_where(
            "published_at is null", select="id, title, origin, flags", order_by="id"
        )
        return [_decode(row) for row in rows]

    def set_published_at(self, article_id: int, published_at: str | None, annotator: str) -> None:
        """The analyst sets (or clears) a publication date the importer could not find."""
        with self.batch():
            before = self.article(article_id)
            flags = [f for f in before["flags"] if f != "no_publication_date"]
            if published_at is None:
                flags.append("no_publication_date")
            self.db["articles"].update(article_id, {"published_at": published_at, "flags": _dumps(flags)})
            self._log(
                self.annotator_id(annotator),
                "update",
                "articles",
                article_id,
                article_id,
                {"published_at": before["published_at"], "flags": before["flags"]},
                {"published_at": published_at, "flags": flags},
            )

    # -- article status -------------------------------------------------------------------
    def set_status(
        self,
        article_id: int,
        annotator: str,
        status: ArticleState | str,
        *,
        add_seconds: float = 0.0,
        automatic: bool = False,
    ) -> None:
        """Set an article's status for an annotator. `automatic` (opening an article, banking
        time) is logged for the audit trail but is not a step of undo."""
        status = ArticleState(status)
        with self.batch():  # read the time banked so far under the write lock: no update is lost
            self.article(article_id)
            annotator_id = self.annotator_id(annotator)
            table = self.db["article_status"]
            try:
                before: dict[str, Any] | None = dict(table.get((article_id, annotator_id)))
            except NotFoundError:
                before = None
            seconds = (before["seconds"] if before else 0.0) + max(0.0, add_seconds)
            after = {
                "article_id": article_id,
                "annotator_id": annotator_id,
                "status": str(status),
                "seconds": seconds,
                "updated_at": now(),
            }
            table.upsert(after, pk=("article_id", "annotator_id"))
            self._log(
                annotator_id,
                "auto" if automatic else ("update" if before else "insert"),
                "article_status",
                article_id,
                article_id,
                before,
                after,
            )

    def status(self, article_id: int, annotator: str) -> str:
        return self.status_and_seconds(article_id, annotator)[0]

    def status_and_seconds(self, article_id: int, annotator: str) -> tuple[str, float]:
        """The annotator's status of the article and the seconds they spent on it (todo, 0 if never
        opened)."""
        row = self.db.execute(
            "select status, seconds from article_status where article_id = ? and annotator_id = ?",
            [article_id, self.known_annotator_id(annotator)],
        ).fetchone()
        return (row[0], float(row[1] or 0.0)) if row else (str(ArticleState.TODO), 0.0)

    def has_status(self, article_id: int, annotator: str) -> bool:
        """Whether the annotator has a status row for the article (opened it at least once)."""
        row = self.db.execute(
            "select 1 from article_status where article_id = ? and annotator_id = ?",
            [article_id, self.known_annotator_id(annotator)],
        ).fetchone()
        return row is not None

    def status_counts(self) -> dict[str, dict[str, int]]:
        """Articles per status per annotator; articles an annotator never touched count as todo."""
        total = self.article_count()
        counts: dict[str, dict[str, int]] = {}
        rows = self.db.execute(
            "select a.name, s.status, count(*) from annotators a "
            "join article_status s on s.annotator_id = a.id group by a.name, s.status"
        ).fetchall()
        for name, status, count in rows:
            counts.setdefault(name, {})[status] = count
        for name in (a["name"] for a in self.annotators() if a["kind"] == "human"):
            per = counts.setdefault(name, {})
            per[str(ArticleState.TODO)] = total - sum(
                n for s, n in per.items() if s != str(ArticleState.TODO)
            )
        return counts
