"""What an undo or redo changed, in a few words for the status bar ("relabel ACTOR→LOCATION
'Kabul'", "accept 12 suggestions", "mark done, rejecting 26 suggestions"), read from the
history rows of the step (`store.history.Change.steps`: action, entity, before, after).
A publication date is told as such, whatever its re-resolution also changed ("set the
publication date of article 3 to 2021-07-07, re-resolving 4 dates (back to no date)")."""

from __future__ import annotations

from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.store import Store

Row = dict[str, Any]


def describe_change(change: Any, store: Store, *, undone: bool = False) -> str:
    """A `store.history.Change` undone (`undone`) or redone, with the article it was in."""
    said = describe(change.steps, store, undone=undone)
    if change.article_id is None or _publication(_rows(change.steps)) is not None:
        return said  # a publication date names its article itself
    return f"{said} in article {change.article_id}"


def describe(steps: tuple[Row, ...] | list[Row], store: Store, *, undone: bool = False) -> str:
    """The step as the analyst did it (rows in the order written; automatic rows left out);
    `undone`: the step was undone, so a publication date also says what it went back to."""
    rows = _rows(steps)
    if not rows:
        return "a change"
    if (dated := _publication(rows)) is not None:
        return _published(dated, rows, undone=undone)
    text = _Text(store, rows)
    marks = [r for r in rows if r["entity"] == "article_status"]
    decisions = [r for r in rows if r["entity"] in ("spans", "events") and r["action"] == "insert"]
    if marks:
        said = _status(marks[-1])
        if decisions:
            verb = _verbs({_status_verb((r["after"] or {}).get("status")) for r in decisions}, ing=True)
            said += f", {verb} {len(decisions)} suggestions"
        return said
    if frames := [r for r in rows if r["entity"] == "events" and r["action"] == "insert"]:
        return _event(frames[0], text)
    if links := [r for r in rows if r["entity"] == "event_arguments"]:
        inserted = [r for r in links if r["action"] == "insert"]
        return _argument((inserted or links)[-1], text)
    if edits := [r for r in rows if r["entity"] == "events"]:
        return _event(edits[-1], text)
    spans = [r for r in rows if r["entity"] == "spans"]
    if len(spans) > 1 and all(r["action"] == "insert" for r in spans):
        verb = _verbs({_status_verb((r["after"] or {}).get("status")) for r in spans})
        return f"{verb} {len(spans)} suggestions"
    if spans:
        return _span(spans[-1], text)
    return _article(rows[-1])


def _rows(steps: tuple[Row, ...] | list[Row]) -> list[Row]:
    return sorted((r for r in steps if r["action"] in ("insert", "update", "delete")), key=lambda r: r["id"])


def _publication(rows: list[Row]) -> Row | None:
    """The step's change of an article's publication date, if it has one."""
    return next(
        (
            r
            for r in rows
            if r["entity"] == "articles" and r["action"] == "update" and "published_at" in (r["after"] or {})
        ),
        None,
    )


def _published(row: Row, rows: list[Row], *, undone: bool) -> str:
    """'set the publication date of article 3 to 2021-07-07, re-resolving 4 dates', and when
    undone what it went back to; the date links and frame dates of the re-resolution unsaid."""
    before, after = (row["before"] or {}).get("published_at"), row["after"]["published_at"]
    article = row["entity_id"]
    said = (
        f"set the publication date of article {article} to {after}"
        if after
        else f"clear the publication date of article {article}"
    )
    dates = sum(1 for r in rows if r["entity"] == "spans" and r["action"] == "update")
    if dates:
        said += f", re-resolving {dates} date{'s' if dates != 1 else ''}"
    if undone:
        said += f" (back to {before or 'no date'})"
    return said


class _Text:
    """Surfaces of spans: from the step's own rows first (a span undone is gone from the store)."""

    def __init__(self, store: Store, rows: list[Row]) -> None:
        self.store = store
        self.spans = {r["entity_id"]: (r["after"] or r["before"]) for r in rows if r["entity"] == "spans"}
        self.texts: dict[int, str] = {}

    def of(self, span: Row | None) -> str:
        if not span:
            return "?"
        article = span["article_id"]
        if article not in self.texts:
            try:
                self.texts[article] = self.store.article(article)["text"]
            except AnnotatorError:
                return "?"
        return self.texts[article][span["start"] : span["end"]]

    def span(self, span_id: int) -> Row | None:
        if span_id in self.spans:
            return self.spans[span_id]
        try:
            return self.store.span(span_id)
        except AnnotatorError:
            return None


def _status_verb(status: str | None) -> str:
    return {"accepted": "accept", "rejected": "reject", "manual": "label"}.get(status or "", "add")


def _verbs(verbs: set[str], *, ing: bool = False) -> str:
    """'accept', 'accept / reject' … ('accepting' with `ing`)."""
    return " / ".join(f"{v[:-1] if v.endswith('e') else v}ing" if ing else v for v in sorted(verbs))


def _status(row: Row) -> str:
    status = (row["after"] or {}).get("status") or "todo"
    return "mark done" if status == "done" else f"set status {status.replace('_', ' ')}"


def _span(row: Row, text: _Text) -> str:
    before, after = row["before"], row["after"]
    if row["action"] == "insert":
        return f"{_status_verb(after.get('status'))} {after['label']} '{text.of(after)}'"
    if row["action"] == "delete":
        return f"delete {before['label']} '{text.of(before)}'"
    if before["label"] != after["label"]:
        return f"relabel {before['label']}→{after['label']} '{text.of(after)}'"
    if (before["start"], before["end"]) != (after["start"], after["end"]):
        return f"adjust {after['label']} '{text.of(before)}'→'{text.of(after)}'"
    if before["status"] != after["status"]:
        return f"{_status_verb(after['status'])} {after['label']} '{text.of(after)}'"
    return f"edit {after['label']} '{text.of(after)}'"


def _frame_name(row: Row | None) -> str:
    row = row or {}
    name = row.get("sub_event_type") or row.get("event_type")
    trigger = row.get("trigger_text")
    if name and trigger:
        return f"'{name}' at '{trigger}'"
    return f"'{name or trigger or 'frame'}'"


def _event(row: Row, text: _Text) -> str:
    before, after = row["before"], row["after"]
    if row["action"] == "insert":
        status = after.get("status")
        verb = {"accepted": "accept frame", "rejected": "reject frame"}.get(status, "new frame")
        return f"{verb} {_frame_name(after)}"
    if row["action"] == "delete":
        return f"delete frame {_frame_name(before)}"
    if before.get("status") != after.get("status") and after.get("status") in ("accepted", "rejected"):
        return f"{_status_verb(after['status'])} frame {_frame_name(after)}"
    changed = [k for k in after if k != "updated_at" and after.get(k) != before.get(k)]
    shown = ", ".join(f"{k} {_value(before.get(k))}→{_value(after.get(k))}" for k in changed[:2])
    more = f" (+{len(changed) - 2})" if len(changed) > 2 else ""
    return f"edit frame {_frame_name(after)}: {shown}{more}" if shown else f"edit frame {_frame_name(after)}"


def _value(value: Any) -> str:
    return "—" if value in (None, "") else str(value)


def _argument(row: Row, text: _Text) -> str:
    link = row["after"] or row["before"]
    surface = text.of(text.span(link["span_id"]))
    if row["action"] == "insert":
        return f"link '{surface}' as {link['role']}"
    return f"unlink '{surface}' from {link['role']}"


def _article(row: Row) -> str:
    return f"{row['action']} {row['entity']}"
