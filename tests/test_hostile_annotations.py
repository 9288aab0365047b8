"""Hostile annotation files other than brat (issue 11 items 2, 3 and 8): Prodigy and doccano
JSONL and annotations JSON. A record (one article's annotations) with any problem is refused
whole, every problem reported as `path:line: message`, nothing of it stored and its article not
marked done; the other records import; no file makes a traceback; our own exports round-trip."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.annotated import AnnotatedArticle, SpanRecord
from annotator.core.codebook import load_codebook
from annotator.core.model import ArticleRecord
from annotator.formats import ANNOTATION_READERS
from annotator.paths import default_codebook_path
from annotator.services.annotation_checks import record_problems
from annotator.services.annotation_import import AnnotationImportSummary, import_annotations
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import Store

BOOK = load_codebook(default_codebook_path())
TEXT = "Taliban fighters attacked Kunduz on Monday."
OTHER = "Clashes in Takhar left three dead."
SPANS = [{"start": 0, "end": 7, "label": "ACTOR"}, {"start": 26, "end": 32, "label": "LOCATION"}]
FRAME = {
    "fields": {"event_type": "Battles", "trigger_start": 17, "trigger_end": 25},
    "roles": {"actor1": [0]},
}
GOOD = {"text": OTHER, "spans": [{"start": 11, "end": 17, "label": "LOCATION"}]}
ROLES = ", ".join(r.name for r in BOOK.roles)
LABELS = ", ".join(BOOK.label_names)
runner = CliRunner()


def write_lines(path: Path, lines: list[Any]) -> Path:
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    return path


def imported(store: Store, path: Path, fmt: str) -> AnnotationImportSummary:
    return import_annotations(store, path, annotator="ana", codebook=BOOK, fmt=fmt)


def stored(store: Store) -> dict[str, tuple[list[tuple[int, int, str]], int, str]]:
    """Per article text: ana's spans, number of frames and status."""
    result = {}
    for i in store.article_ids():
        spans = [(s["start"], s["end"], s["label"]) for s in store.spans(i, annotator="ana")]
        result[store.article(i)["text"]] = (
            spans,
            len(store.events(i, annotator="ana")),
            store.status(i, "ana"),
        )
    return result


# -- 1. a record is imported whole or not at all -------------------------------------------------


def test_a_prodigy_record_with_one_problem_is_refused_whole_and_the_others_import(
    tmp_path: Path, store: Store
) -> None:
    import_paths(store, [write_lines(tmp_path / "articles.jsonl", [{"text": TEXT}])])
    bad_span = {"start": 36, "end": 42, "label": "DATE", "text": "Monday"}
    record = {
        "text": TEXT,
        "spans": [*SPANS, bad_span, {"start": 0, "end": 7, "label": "ORG"}],
        "events": [FRAME],
    }
    path = write_lines(tmp_path / "tasks.jsonl", [record, GOOD])
    summary = imported(store, path, "prodigy")
    assert [str(f) for f in summary.failures] == [
        f"{path}:1: span 3 label 'ORG' is not in the codebook; known: {LABELS}"
    ]
    assert summary.failed == 1 and len(summary.articles) == 1
    assert stored(store) == {TEXT: ([], 0, "todo"), OTHER: ([(11, 17, "LOCATION")], 0, "done")}
    assert summary.line() == (
        "imported 1 spans and 0 frames into 1 articles (1 new, 1 marked done, 0 ignored); failed 1"
    )


@pytest.mark.parametrize("fmt", ["prodigy", "doccano"])
def test_every_problem_of_a_record_is_reported(tmp_path: Path, store: Store, fmt: str) -> None:
    if fmt == "prodigy":
        spans = [{"start": 0.9, "end": 7, "label": "ACTOR"}, {"start": 26, "end": 32, "label": "PLACE"}]
        record: dict[str, Any] = {"text": TEXT, "spans": [*spans, {"start": 26, "end": 90, "label": "ACTOR"}]}
        problems = [
            "span 0: 'start' must be a whole number, got a number (0.9)",
            f"span 1 label 'PLACE' is not in the codebook; known: {LABELS}",
            f"span 2 [26, 90) is outside the text (0..{len(TEXT)} characters)",
        ]
    else:
        record = {"text": TEXT, "label": [[True, 7, "ACTOR"], [26, "32", "LOCATION"], [26, 32, "PLACE"]]}
        problems = [
            "label 0: start must be a whole number, got true/false",
            "label 1: end must be a whole number, got text ('32')",
            f"span 2 label 'PLACE' is not in the codebook; known: {LABELS}",
        ]
    good = GOOD if fmt == "prodigy" else {"text": OTHER, "label": [[11, 17, "LOCATION"]]}
    path = write_lines(tmp_path / "tasks.jsonl", [record, good])
    summary = imported(store, path, fmt)
    assert [str(f) for f in summary.failures] == [f"{path}:1: {p}" for p in problems]
    assert summary.failed == 1 and stored(store) == {OTHER: ([(11, 17, "LOCATION")], 0, "done")}


def gold_like(tmp_path: Path, store: Store) -> Path:
    """Two plain articles imported from a.txt and b.txt; returns the folder."""
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    import_paths(store, [tmp_path / "a.txt", tmp_path / "b.txt"])
    return tmp_path


def test_an_annotations_json_article_with_one_problem_is_refused_whole(tmp_path: Path, store: Store) -> None:
    gold_like(tmp_path, store)
    event = {
        "event_type": "Battles",
        "event_date": "last Tuesday",
        "trigger": {"start": 17, "end": 25, "text": "attacked"},
        "roles": {"actor1": [{"start": 0, "end": 7}], "shooter": [{"start": 26, "end": 32}]},
    }
    articles = [
        {"file": "a.txt", "spans": SPANS, "events": [event]},
        {"file": "b.txt", "spans": [{"start": 11, "end": 17, "label": "LOCATION", "text": "Takhar"}]},
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"annotator": "ana", "articles": articles}, indent=1), encoding="utf-8")
    summary = imported(store, path, "annotations-json")
    assert [str(f) for f in summary.failures] == [
        f"{path}:4: event 0: event date 'last Tuesday' is not a date: write it as YYYY-MM-DD",
        f"{path}:4: event 0: role 'shooter' is not in the codebook; roles: {ROLES}",
    ]
    assert summary.failed == 1
    assert stored(store) == {TEXT: ([], 0, "todo"), OTHER: ([(11, 17, "LOCATION")], 0, "done")}


def test_the_cli_prints_every_problem_and_the_summary_and_exits_1(tmp_path: Path) -> None:
    record = {
        "text": TEXT,
        "spans": [{"start": -1, "end": 7, "label": "ACTOR"}, {"start": 9, "end": 9, "label": "ACTOR"}],
    }
    path = write_lines(tmp_path / "tasks.jsonl", [record, GOOD])
    db = tmp_path / "p.db"
    args = ["import", str(path), "--db", str(db), "--create", "--annotator", "ana", "--format", "prodigy"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {path}:1: span 0 [-1, 7) is outside the text (0..{len(TEXT)} characters)\n"
        f"error: {path}:1: span 1 [9, 9) is empty or reversed: its end must be after its start\n"
    )
    assert result.stdout == (
        f"{path} (prodigy): imported 1 spans and 0 frames into 1 articles "
        "(1 new, 1 marked done, 0 ignored); failed 1\n"
    )


# -- 2. wrong values are refused, not coerced ----------------------------------------------------


def prodigy(
    spans: list[Any] | None = None, fields: dict[str, Any] | None = None, **task: Any
) -> dict[str, Any]:
    """A task on TEXT with SPANS (or `spans`) and, with `fields`, one frame of them linking actor1."""
    events = (
        [{"fields": {"event_type": "Battles", **fields}, "roles": {"actor1": [0]}}]
        if fields is not None
        else []
    )
    return {"text": TEXT, "spans": SPANS if spans is None else spans, "events": events, **task}


def span(start: Any, end: Any, label: str = "ACTOR", **more: Any) -> list[dict[str, Any]]:
    return [{"start": start, "end": end, "label": label, **more}, SPANS[1]]


WRONG_VALUES: dict[str, tuple[dict[str, Any], list[str]]] = {
    "float offset": (prodigy(span(0.9, 7)), ["span 0: 'start' must be a whole number, got a number (0.9)"]),
    "float end offset": (prodigy(span(0, 7.0)), ["span 0: 'end' must be a whole number, got a number (7.0)"]),
    "bool offset": (prodigy(span(True, 7)), ["span 0: 'start' must be a whole number, got true/false"]),
    "string offset": (prodigy(span("0", 7)), ["span 0: 'start' must be a whole number, got text ('0')"]),
    "negative offset": (
        prodigy(span(-3, 7)),
        [f"span 0 [-3, 7) is outside the text (0..{len(TEXT)} characters)"],
    ),
    "start equals end": (
        prodigy(span(7, 7)),
        ["span 0 [7, 7) is empty or reversed: its end must be after its start"],
    ),
    "start after end": (
        prodigy(span(7, 2)),
        ["span 0 [7, 2) is empty or reversed: its end must be after its start"],
    ),
    "end past the text": (
        prodigy(span(26, 44)),
        [f"span 0 [26, 44) is outside the text (0..{len(TEXT)} characters)"],
    ),
    "span text differs": (
        prodigy(span(0, 7, text="Talibam")),
        ["span 0 text 'Talibam' does not match the article text 'Taliban'"],
    ),
    "second span's text differs": (
        prodigy([SPANS[0], {**SPANS[1], "text": "Kabul"}]),
        ["span 1 text 'Kabul' does not match the article text 'Kunduz'"],
    ),
    "unknown label": (
        prodigy(span(0, 7, "ORG")),
        [f"span 0 label 'ORG' is not in the codebook; known: {LABELS}"],
    ),
    "trigger outside the text": (
        prodigy(fields={"trigger_start": 40, "trigger_end": 120}),
        [f"event 0: trigger [40, 120) is outside the text (0..{len(TEXT)} characters)"],
    ),
    "negative trigger": (
        prodigy(fields={"trigger_start": -5, "trigger_end": 3}),
        [f"event 0: trigger [-5, 3) is outside the text (0..{len(TEXT)} characters)"],
    ),
    "reversed trigger": (
        prodigy(fields={"trigger_start": 25, "trigger_end": 17}),
        ["event 0: trigger [25, 17) is empty or reversed: its end must be after its start"],
    ),
    "float trigger": (
        prodigy(fields={"trigger_start": 17.5, "trigger_end": 25}),
        ["event 0: 'trigger_start' must be a whole number, got a number (17.5)"],
    ),
    "string trigger": (
        prodigy(fields={"trigger_start": 17, "trigger_end": "25"}),
        ["event 0: 'trigger_end' must be a whole number, got text ('25')"],
    ),
    "bool trigger": (
        prodigy(fields={"trigger_start": False, "trigger_end": 25}),
        ["event 0: 'trigger_start' must be a whole number, got true/false"],
    ),
    "trigger without its end": (
        prodigy(fields={"trigger_start": 17}),
        ["event 0: a trigger needs both its start and its end ('trigger_start', 'trigger_end')"],
    ),
    "trigger text differs": (
        prodigy(fields={"trigger_start": 17, "trigger_end": 25, "trigger_text": "seized"}),
        ["event 0: trigger text 'seized' does not match the article text 'attacked'"],
    ),
    "free-text event date": (
        prodigy(fields={"event_date": "last Tuesday"}),
        ["event 0: event date 'last Tuesday' is not a date: write it as YYYY-MM-DD"],
    ),
    "impossible event date": (
        prodigy(fields={"event_date": "2021-02-30"}),
        ["event 0: event date '2021-02-30' is not a date: write it as YYYY-MM-DD"],
    ),
    "unknown event type": (
        prodigy(fields={"event_type": "Skirmish"}),
        ["event 0: event type 'Skirmish' is not in the codebook"],
    ),
    "wrong sub-event type": (
        prodigy(fields={"sub_event_type": "Peaceful protest"}),
        ["event 0: 'Peaceful protest' is not a sub-event type of Battles"],
    ),
    "unknown role": (
        {**prodigy(), "events": [{"fields": {"event_type": "Battles"}, "roles": {"shooter": [0]}}]},
        [f"event 0: role 'shooter' is not in the codebook; roles: {ROLES}"],
    ),
    "roles at spans that do not exist": (
        {**prodigy(), "events": [{"fields": {}, "roles": {"actor1": [0, 2], "location": [-1]}}]},
        [
            "role 'actor1' of event 0 points at span 2; the line has 2 spans",
            "role 'location' of event 0 points at span -1; the line has 2 spans",
        ],
    ),
    "a count as text": (
        prodigy(fields={"fatalities": "three"}),
        ["event 0: 'fatalities' must be a whole number, got text ('three')"],
    ),
    "a count as a float": (
        prodigy(fields={"fatalities": 2.5}),
        ["event 0: 'fatalities' must be a whole number, got a number (2.5)"],
    ),
    "a count too large to store": (
        prodigy(fields={"fatalities": 10**20}),
        [f"event 0: 'fatalities' is too large a number to store (a number ({10**20}))"],
    ),
    "a coordinate that is not a number": (
        prodigy(fields={"latitude": float("nan")}),
        ["event 0: 'latitude' must be a finite number, got nan"],
    ),
    "an event type that is not text": (
        prodigy(fields={"event_type": ["Battles"]}),
        ["event 0: 'event_type' must be text, got a list"],
    ),
    "empty text": (
        {"text": "", "spans": []},
        ["the text is empty (no visible character): an annotated article needs its text"],
    ),
    "whitespace text": (
        {"text": " \n\t\u200b ", "spans": []},
        ["the text is empty (no visible character): an annotated article needs its text"],
    ),
    "a NUL in the text": (
        {"text": TEXT + "\x00", "spans": SPANS},
        [f"the text contains a NUL character (U+0000) at character {len(TEXT)}; remove it"],
    ),
    "a title that is not text": (
        prodigy(meta={"title": ["Kunduz"]}),
        ["'meta' title must be text, got a list"],
    ),
    "a NUL in the title": (
        prodigy(meta={"title": "Kun\x00duz"}),
        ["'meta' title contains a NUL character (U+0000) at character 3; remove it"],
    ),
    "a lone surrogate in a normalised value": (
        prodigy(span(0, 7, normalized={"name": "\ud800"})),
        ["span 0 value 'normalized' holds a lone surrogate (U+D800), which is not Unicode text"],
    ),
}


@pytest.mark.parametrize(("record", "problems"), WRONG_VALUES.values(), ids=WRONG_VALUES.keys())
def test_a_wrong_value_refuses_its_record_with_file_and_line(
    tmp_path: Path, store: Store, record: dict[str, Any], problems: list[str]
) -> None:
    path = write_lines(tmp_path / "tasks.jsonl", [GOOD, record])
    summary = imported(store, path, "prodigy")
    assert [str(f) for f in summary.failures] == [f"{path}:2: {p}" for p in problems]
    assert summary.failed == 1
    assert stored(store) == {OTHER: ([(11, 17, "LOCATION")], 0, "done")}


def test_a_trigger_outside_the_text_in_annotations_json_is_refused(tmp_path: Path, store: Store) -> None:
    gold_like(tmp_path, store)
    event = {"event_type": "Battles", "trigger": {"start": 17, "end": 250}, "roles": {}}
    bad_type = {"event_type": "Battles", "trigger": {"start": "17", "end": 25.0}}
    path = tmp_path / "gold.json"
    articles = [{"file": "a.txt", "spans": SPANS, "events": [event]}, {"file": "b.txt", "events": [bad_type]}]
    path.write_text(json.dumps({"articles": articles}), encoding="utf-8")
    summary = imported(store, path, "annotations-json")
    assert [str(f) for f in summary.failures] == [
        f"{path}:1: event 0: trigger [17, 250) is outside the text (0..{len(TEXT)} characters)",
        f"{path}:1: article 1 (b.txt): event 0: trigger 'start' must be a whole number, got text ('17')",
        f"{path}:1: article 1 (b.txt): event 0: trigger 'end' must be a whole number, got a number (25.0)",
    ]
    assert summary.failed == 2 and stored(store) == {TEXT: ([], 0, "todo"), OTHER: ([], 0, "todo")}


def test_a_span_given_twice_and_linked_twice_is_stored_once(tmp_path: Path, store: Store) -> None:
    """Found by the fuzzer: both links became one span's, and the store refused the second."""
    twice = [SPANS[0], SPANS[0]]
    record = {"text": TEXT, "spans": twice, "events": [{"fields": {}, "roles": {"actor1": [0, 1]}}]}
    summary = imported(store, write_lines(tmp_path / "tasks.jsonl", [record]), "prodigy")
    assert summary.failures == [] and stored(store) == {TEXT: ([(0, 7, "ACTOR")], 1, "done")}
    [frame] = store.events(1, annotator="ana")
    assert [a["role"] for a in store.arguments(frame["id"])] == ["actor1"]


# -- 3. no traceback, whatever the file holds ----------------------------------------------------

WRONG_EVENTS: dict[str, tuple[Any, list[str]]] = {
    "events as an object": ({"fields": {}}, ["'events' must be a list, got an object"]),
    "events as strings": (
        ["Battles", "Riots"],
        ["event 0 must be an object, got text ('Battles')", "event 1 must be an object, got text ('Riots')"],
    ),
    "an event that is null": ([None], ["event 0 must be an object, got null"]),
    "an event as a list": ([[0, 1]], ["event 0 must be an object, got a list"]),
    "fields as text and roles as a list": (
        [{"fields": "Battles", "roles": [0]}],
        [
            "'fields' of event 0 must be an object, got text ('Battles')",
            "'roles' of event 0 must be an object, got a list",
        ],
    ),
    "role links as an object and as text": (
        [{"fields": {}, "roles": {"actor1": {"0": 1}, "location": ["1"]}}],
        [
            "role 'actor1' of event 0 must be a list, got an object",
            "role 'location' of event 0: a span index must be a whole number, got text ('1')",
        ],
    ),
}


@pytest.mark.parametrize(("events", "problems"), WRONG_EVENTS.values(), ids=WRONG_EVENTS.keys())
def test_prodigy_events_of_the_wrong_shape_are_each_reported_beside_the_other_problems(
    tmp_path: Path, store: Store, events: Any, problems: list[str]
) -> None:
    spans = [*SPANS, {"start": 36, "end": 42}]
    path = write_lines(tmp_path / "tasks.jsonl", [{"text": TEXT, "spans": spans, "events": events}, GOOD])
    summary = imported(store, path, "prodigy")
    expected = ["span 2 needs a 'label' (text), got null", *problems]
    assert [str(f) for f in summary.failures] == [f"{path}:1: {p}" for p in expected]
    assert stored(store) == {OTHER: ([(11, 17, "LOCATION")], 0, "done")}


def load(path: Path, db: Path) -> Any:
    return runner.invoke(app, ["load-annotations", str(path), "--db", str(db)])


def test_load_annotations_refuses_files_that_are_no_annotations_json(tmp_path: Path, store: Store) -> None:
    gold_like(tmp_path, store)
    cases: dict[str, tuple[bytes, str]] = {
        "list.json": (b"[]", "needs an object with a list 'articles', got a list"),
        "empty.json": (b"{}", "needs an object with a list 'articles', got null"),
        "latin1.json": (
            '{"annotator": "bé", "articles": []}'.encode("latin-1"),
            "not UTF-8 text (it reads only as cp1252): JSON files are UTF-8; save it as UTF-8",
        ),
        "nofile.json": (
            b'{"annotator": "bo",\n "articles": [{"spans": []}]}',
            "2: article 0: needs a 'file' (the name it was imported from), got null",
        ),
        "deep.json": (
            b'{"annotator": "bo", "articles": [' + b"[" * 100_000 + b"]}",
            "invalid JSON (nested too deeply to read)",
        ),
        "huge.json": (
            b'{"annotator": "bo", "articles": [' + b"9" * 5000 + b"]}",
            "invalid JSON (Exceeds the limit (4300 digits) for integer string conversion: value has 5000 "
            "digits; use sys.set_int_max_str_digits() to increase the limit)",
        ),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = load(path, store.path)
        where = f"{path}:" if message[0].isdigit() else f"{path}: "
        assert result.stderr == f"error: {where}{message}; nothing was loaded\n", name
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), name
    assert {a["name"] for a in store.annotators()} == set()


def test_a_deeply_nested_json_file_is_not_detected_as_annotations(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(path), "--db", str(tmp_path / "p.db"), "--create", "--annotator", "ana"]
    )
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "cannot tell the annotation format" in result.stderr


def broken_reader(items: list[Any]) -> Iterator[Any]:
    yield from items
    raise RuntimeError("the reader broke")


def test_a_reader_that_breaks_mid_file_leaves_a_summary(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_lines(tmp_path / "tasks.jsonl", [GOOD, {"text": TEXT, "spans": SPANS}])
    reader = ANNOTATION_READERS["prodigy"]
    first = next(iter(reader.read(path, BOOK)))
    monkeypatch.setattr(type(reader), "read", lambda self, p, book: broken_reader([first]))
    summary = imported(store, path, "prodigy")
    assert [str(f) for f in summary.failures] == [
        f"{path}: reading stopped here (RuntimeError: the reader broke); "
        "the rest of the file was not imported"
    ]
    assert summary.failed == 1 and stored(store) == {OTHER: ([(11, 17, "LOCATION")], 0, "done")}
    result = runner.invoke(
        app, ["import", str(path), "--db", str(store.path), "--annotator", "bo", "--format", "prodigy"]
    )
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "reading stopped here" in result.stderr and "failed 1" in result.stdout


def test_an_unexpected_error_in_one_record_fails_that_record_alone(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_lines(tmp_path / "tasks.jsonl", [{"text": TEXT, "spans": SPANS}, GOOD])
    real = store.add_span

    def add_span(article_id: int, annotator: str, start: int, *args: Any, **kwargs: Any) -> int:
        if start == 26:
            raise KeyError("boom")
        return real(article_id, annotator, start, *args, **kwargs)

    monkeypatch.setattr(store, "add_span", add_span)
    summary = imported(store, path, "prodigy")
    assert [str(f) for f in summary.failures] == [f"{path}:1: not imported: KeyError: 'boom'"]
    assert stored(store) == {OTHER: ([(11, 17, "LOCATION")], 0, "done")}  # the first rolled back whole


# -- 8. our own exports round-trip ---------------------------------------------------------------

ODD = ["\u2028", "\u2029", "\u0085", "\r\n", "\r", "\x1c", "\t", "😀", "🇦🇫"]
PASHTO = "د کابل په ښار کې"
DARI = "در شهر کابل"


def odd_article() -> tuple[str, list[tuple[int, int, str]]]:
    """A text with each odd character between two words, and a span on each word."""
    words = ["Taliban", PASHTO, "Kunduz", DARI, "Herat", "Ghor", "Balkh", "Takhar", "Kabul", "Faryab"]
    text, spans = "", []
    for n, word in enumerate(words):
        spans.append((len(text), len(text) + len(word), "LOCATION" if n % 2 else "ACTOR"))
        text += word + (ODD[n] if n < len(ODD) else ".")
    return text, spans


@pytest.mark.parametrize("fmt", ["prodigy", "doccano"])
def test_our_own_exports_round_trip_through_odd_characters(tmp_path: Path, fmt: str) -> None:
    text, spans = odd_article()
    with Store(tmp_path / "a.db") as source:
        [(article_id, _)] = source.add_articles([ArticleRecord(raw_text=text, text=text, title="odd")])
        ids = [source.add_span(article_id, "ana", s, e, label, status="accepted") for s, e, label in spans]
        trigger = spans[2]
        fields = {
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "trigger_start": trigger[0],
            "trigger_end": trigger[1],
            "trigger_text": text[trigger[0] : trigger[1]],
            "event_date": "2021-06-07",
            "fatalities": 3,
            "latitude": 36.72,
            "civilian_targeting": 0,
            "admin1": PASHTO,
            "notes": "seen\u2028twice\r\nby 😀",
            "status": "accepted",
        }
        event_id = source.add_event(article_id, "ana", fields)
        source.add_argument(event_id, "actor1", ids[0], "ana")
        source.add_argument(event_id, "location", ids[9], "ana")
        source.set_status(article_id, "ana", "done")
        export_project(source, fmt, tmp_path / "out", BOOK, annotator="ana")
        before = snapshot(source, "ana")
    [path] = (tmp_path / "out").glob("*.jsonl")
    with Store(tmp_path / "b.db") as fresh:
        summary = import_annotations(fresh, path, annotator="bo", codebook=BOOK, fmt=fmt)
        assert summary.failures == [] and summary.failed == 0
        after = snapshot(fresh, "bo")
    assert [t for t, _ in after] == [text]
    if fmt == "doccano":  # doccano has no frames
        before = [(t, (s, [])) for t, (s, _) in before]
    assert after == before


def snapshot(store: Store, who: str) -> list[tuple[str, tuple[list[tuple[int, int, str]], list[tuple]]]]:
    result = []
    for i in store.article_ids():
        spans = store.spans(i, annotator=who)
        where = {s["id"]: (s["start"], s["end"], s["label"]) for s in spans}
        events = store.events(i, annotator=who)
        links = store.arguments_of([e["id"] for e in events])
        frames = [
            (
                *(
                    e[k]
                    for k in ("trigger_start", "trigger_end", "event_type", "sub_event_type", "event_date")
                ),
                *(e[k] for k in ("fatalities", "latitude", "civilian_targeting", "admin1", "notes")),
                sorted((a["role"], where[a["span_id"]]) for a in links[e["id"]]),
            )
            for e in events
        ]
        result.append((store.article(i)["text"], (sorted(where.values()), frames)))
    return result


def test_a_value_nested_too_deeply_to_store_refuses_its_record() -> None:
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    article = AnnotatedArticle(TEXT, [SpanRecord(0, 7, "ACTOR", {"a": deep})], meta={"x": deep})
    assert record_problems(article, TEXT, BOOK) == [
        "span 0 value 'normalized' is nested too deeply to store",
        "'meta' is nested too deeply to store",
    ]
