"""The suggester's spans and draft frames, replaced as a whole per article."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from annotator.core.errors import OffsetError
from annotator.core.model import SpanStatus
from annotator.store.base import _INSERT_CHUNK, StoreBase, _dumps, now


class SuggestionsMixin(StoreBase):
    # -- machine suggestions --------------------------------------------------------------
    def suggestion_version(self, article_id: int) -> str | None:
        row = self.db.execute(
            "select version from suggestion_runs where article_id = ?", [article_id]
        ).fetchone()
        return row[0] if row else None

    def suggestion_model(self, article_id: int) -> str | None:
        """The model that made the article's current suggestions."""
        row = self.db.execute(
            "select model from suggestion_runs where article_id = ?", [article_id]
        ).fetchone()
        return row[0] if row else None

    def articles_needing_suggestions(
        self, version: str, article_ids: Iterable[int] | None = None
    ) -> list[int]:
        """Ids of articles whose suggestions were not made by `version`."""
        rows = self.db.execute(
            "select a.id from articles a left join suggestion_runs r on r.article_id = a.id "
            "where r.version is null or r.version != ? order by a.id",
            [version],
        ).fetchall()
        ids = [row[0] for row in rows]
        if article_ids is not None:
            wanted = set(article_ids)
            ids = [i for i in ids if i in wanted]
        return ids

    def article_texts(self, article_ids: Sequence[int]) -> list[tuple[int, str, str | None]]:
        """(id, text, published_at) of the given articles, in the given order."""
        marks = ",".join("?" * len(article_ids))
        rows = self.db.execute(
            f"select id, text, published_at from articles where id in ({marks})", list(article_ids)
        ).fetchall()
        by_id = {row[0]: (row[0], row[1], row[2]) for row in rows}
        return [by_id[i] for i in article_ids if i in by_id]

    def replace_suggestions(
        self,
        article_id: int,
        suggester: str,
        version: str,
        model: str,
        spans: list[dict[str, Any]],
        frames: list[dict[str, Any]],
    ) -> None:
        """Swap the suggester's pending suggestions on an article for a new set, atomically.

        Only rows of `suggester` still in status 'suggested' are replaced: nobody's
        accepted, rejected or manual work is touched. `frames` hold `fields`, `reasons` and
        `roles` (role -> indices into `spans`).
        """
        annotator_id = self.annotator_id(suggester, kind="model")
        stamp = now()
        with self.batch():
            old_events = [
                r[0]
                for r in self.db.execute(
                    "select id from events where article_id = ? and annotator_id = ? "
                    "and status = 'suggested'",
                    [article_id, annotator_id],
                )
            ]
            # A suggestion someone's frame links to stays: their work must not lose a role.
            old_spans = [
                r[0]
                for r in self.db.execute(
                    "select s.id from spans s where s.article_id = ? and s.annotator_id = ? "
                    "and s.status = 'suggested' and not exists (select 1 from event_arguments a "
                    "join events e on e.id = a.event_id "
                    "where a.span_id = s.id and e.annotator_id != ?)",
                    [article_id, annotator_id, annotator_id],
                )
            ]
            self._delete_ids("event_arguments", "event_id", old_events)
            self._delete_ids("events", "id", old_events)
            self._delete_ids("spans", "id", old_spans)
            span_ids = self._insert_suggested_spans(article_id, annotator_id, spans, stamp)
            for frame in frames:
                self._insert_suggested_frame(article_id, annotator_id, frame, span_ids, stamp)
            self.db["suggestion_runs"].upsert(
                {
                    "article_id": article_id,
                    "version": version,
                    "model": model,
                    "ran_at": stamp,
                    "spans": len(spans),
                    "frames": len(frames),
                },
                pk="article_id",
            )
            self._log(
                annotator_id,
                "replace",
                "suggestions",
                article_id,
                article_id,
                {"spans": len(old_spans), "events": len(old_events)},
                {"spans": len(spans), "events": len(frames), "version": version},
            )

    def _delete_ids(self, table: str, column: str, ids: list[int]) -> None:
        for i in range(0, len(ids), _INSERT_CHUNK):
            chunk = ids[i : i + _INSERT_CHUNK]
            self.db.execute(
                f"delete from [{table}] where [{column}] in ({','.join('?' * len(chunk))})", chunk
            )

    def _insert_suggested_spans(
        self, article_id: int, annotator_id: int, spans: list[dict[str, Any]], stamp: str
    ) -> list[int]:
        length = self._text_length(article_id) or 0
        ids = []
        for span in spans:
            if not 0 <= span["start"] < span["end"] <= length:
                raise OffsetError(
                    f"article {article_id}: suggested span [{span['start']}, {span['end']}) "
                    f"is outside its text (0..{length} characters)"
                )
            row = {
                "article_id": article_id,
                "annotator_id": annotator_id,
                "start": span["start"],
                "end": span["end"],
                "label": span["label"],
                "status": str(SpanStatus.SUGGESTED),
                "origin": span.get("origin"),
                "score": span.get("score"),
                "normalized": _dumps(span.get("normalized")),
                "created_at": stamp,
                "updated_at": stamp,
            }
            ids.append(int(self.db["spans"].insert(row).last_pk))
        return ids

    def _insert_suggested_frame(
        self,
        article_id: int,
        annotator_id: int,
        frame: dict[str, Any],
        span_ids: list[int],
        stamp: str,
    ) -> None:
        fields = {**frame["fields"], "status": str(SpanStatus.SUGGESTED)}
        self._check_event_fields(fields)
        row = {
            **fields,
            "article_id": article_id,
            "annotator_id": annotator_id,
            "reasons": _dumps(frame.get("reasons")),
            "created_at": stamp,
            "updated_at": stamp,
        }
        event_id = int(self.db["events"].insert(row).last_pk)
        self.db["event_arguments"].insert_all(
            {"event_id": event_id, "role": role, "span_id": span_ids[index]}
            for role, indices in frame.get("roles", {}).items()
            for index in dict.fromkeys(indices)
        )
