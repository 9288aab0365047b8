"""Annotation readers fail a bad line alone (with file:line), annotations JSON is a registry
reader, and load-annotations matches articles by the file name they were imported from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import load_codebook
from annotator.core.errors import InputError, UnknownAnnotatorError
from annotator.core.model import ArticleRecord
from annotator.formats import ANNOTATION_READERS, ReadFailure, detect_format
from annotator.paths import default_codebook_path
from annotator.services.annotation_import import import_annotations
from annotator.services.annotations_json import load_annotations
from annotator.services.importing import import_paths
from annotator.store import Store

BOOK = load_codebook(default_codebook_path())
GOLD = Path(__file__).parent / "fixtures" / "gold_seeds.json"
TEXT = "Taliban fighters attacked Kunduz on Monday."
GOOD_SPANS = [{"start": 0, "end": 7, "label": "ACTOR"}, {"start": 26, "end": 32, "label": "LOCATION"}]


def prodigy_file(tmp_path: Path, bad: dict) -> Path:
    """Three tasks: a good one, `bad` (a malformed shape) and another good one."""
    good = {"text": TEXT, "spans": GOOD_SPANS, "events": [{"fields": {}, "roles": {"actor1": [0]}}]}
    other = {"text": TEXT + " Again.", "spans": GOOD_SPANS}
    path = tmp_path / "tasks.jsonl"
    path.write_text("\n".join(json.dumps(t) for t in (good, {"text": "Bad line.", **bad}, other)) + "\n")
    return path


MALFORMED = {
    "roles as a list": {"events": [{"fields": {}, "roles": [0]}]},
    "events as an object": {"events": {"fields": {}}},
    "event as a number": {"events": [3]},
    "fields as a list": {"events": [{"fields": [1, 2], "roles": {}}]},
    "role refs as a number": {"spans": GOOD_SPANS, "events": [{"fields": {}, "roles": {"actor1": 0}}]},
    "role ref as text": {"spans": GOOD_SPANS, "events": [{"fields": {}, "roles": {"actor1": ["0"]}}]},
    "role ref outside the spans": {"spans": GOOD_SPANS, "events": [{"fields": {}, "roles": {"actor1": [5]}}]},
    "spans as an object": {"spans": {"start": 0}},
    "answer as a list": {"answer": ["accept"]},
}


@pytest.mark.parametrize("bad", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_prodigy_line_fails_alone_with_file_and_line(tmp_path: Path, bad: dict) -> None:
    path = prodigy_file(tmp_path, bad)
    items = list(ANNOTATION_READERS["prodigy"].read(path, BOOK))
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert [(f.path, f.line) for f in failures] == [(str(path), 2)]
    assert str(failures[0]).startswith(f"{path}:2: ")
    assert [a.origin for a in items if isinstance(a, AnnotatedArticle)] == [f"{path}:1", f"{path}:3"]


def test_prodigy_roles_as_a_list_imports_the_other_lines(tmp_path: Path, store: Store) -> None:
    path = prodigy_file(tmp_path, {"events": [{"fields": {}, "roles": [0]}]})
    summary = import_annotations(store, path, annotator="ana", codebook=BOOK, fmt="prodigy")
    assert [str(f) for f in summary.failures] == [
        f"{path}:2: 'roles' of event 0 must be an object, got a list"
    ]
    assert len(summary.articles) == 2
    assert summary.counts["spans"] == 4 and summary.counts["frames"] == 1


BAD_SPANS = {
    "span as a number": (7, "span 1 must be an object, got a number (7)"),
    "span start as text": (
        {"start": "5", "end": 7, "label": "ACTOR"},
        "span 1: 'start' must be a whole number, got text ('5')",
    ),
    "span start a float": (
        {"start": 0.5, "end": 7, "label": "ACTOR"},
        "span 1: 'start' must be a whole number, got a number (0.5)",
    ),
    "span label missing": ({"start": 0, "end": 7}, "span 1 needs a 'label' (text), got null"),
}


@pytest.mark.parametrize(("span", "problem"), BAD_SPANS.values(), ids=BAD_SPANS.keys())
def test_a_malformed_prodigy_span_fails_alone_and_its_line_imports(
    tmp_path: Path, store: Store, span: object, problem: str
) -> None:
    spans = [GOOD_SPANS[0], span, GOOD_SPANS[1]]
    events = [{"fields": {"event_type": "Battles"}, "roles": {"actor1": [0, 1], "location": [2]}}]
    path = prodigy_file(tmp_path, {"text": TEXT + " Bad.", "spans": spans, "events": events})
    items = list(ANNOTATION_READERS["prodigy"].read(path, BOOK))
    assert [str(i) for i in items if isinstance(i, ReadFailure)] == [
        f"{path}:2: {problem}",
        f"{path}:2: role 'actor1' of event 0 loses span 1, which was left out",
    ]
    [_, bad, _] = [a for a in items if isinstance(a, AnnotatedArticle)]
    assert [s.label for s in bad.spans] == ["ACTOR", "LOCATION"]
    assert bad.frames[0].roles == {"actor1": [0], "location": [1]}
    summary = import_annotations(store, path, annotator="ana", codebook=BOOK, fmt="prodigy")
    assert len(summary.articles) == 3 and len(summary.failures) == 2
    [second] = [i for i in store.article_ids() if store.article(i)["text"] == TEXT + " Bad."]
    assert [s["label"] for s in store.spans(second, annotator="ana")] == ["ACTOR", "LOCATION"]
    [frame] = store.events(second, annotator="ana")
    assert sorted(a["role"] for a in store.arguments(frame["id"])) == ["actor1", "location"]


def test_a_dropped_prodigy_span_keeps_the_numbers_of_the_others(tmp_path: Path, store: Store) -> None:
    spans = [{"start": "0", "end": 7, "label": "ACTOR"}, {"start": 26, "end": 99, "label": "LOCATION"}]
    path = tmp_path / "tasks.jsonl"
    path.write_text(json.dumps({"text": TEXT, "spans": spans + GOOD_SPANS}) + "\n")
    summary = import_annotations(store, path, annotator="ana", codebook=BOOK, fmt="prodigy")
    assert [str(f) for f in summary.failures] == [
        f"{path}:1: span 0: 'start' must be a whole number, got text ('0')",
        f"{path}:1: span 1 [26, 99) is outside the text (0..{len(TEXT)} characters)",
    ]
    assert summary.counts["spans"] == 2


def prodigy_task(tmp_path: Path, events: list) -> Path:
    path = tmp_path / "tasks.jsonl"
    path.write_text(json.dumps({"text": TEXT, "spans": GOOD_SPANS, "events": events}) + "\n")
    return path


def frames_of(store: Store) -> list[tuple[str, dict[str, list[int]]]]:
    [article_id] = store.article_ids()
    events = store.events(article_id, annotator="ana")
    links = store.arguments_of([e["id"] for e in events])
    return [(e["event_type"], sorted(a["role"] for a in links[e["id"]])) for e in events]


def test_a_prodigy_frame_with_a_date_that_is_no_day_fails_alone(tmp_path: Path, store: Store) -> None:
    events = [
        {"fields": {"event_type": "Battles", "event_date": "yesterday"}, "roles": {"actor1": [0]}},
        {"fields": {"event_type": "Battles", "event_date": "2021-02-30"}, "roles": {}},
        {"fields": {"event_type": "Battles", "event_date": "2021-06-07"}, "roles": {"location": [1]}},
        {"fields": {"event_type": "Battles", "event_date": ""}, "roles": {}},
    ]
    path = prodigy_task(tmp_path, events)
    summary = import_annotations(store, path, annotator="ana", codebook=BOOK, fmt="prodigy")
    assert [str(f) for f in summary.failures] == [
        f"{path}:1: event 0: event date 'yesterday' is not a date: write it as YYYY-MM-DD",
        f"{path}:1: event 1: event date '2021-02-30' is not a date: write it as YYYY-MM-DD",
    ]
    assert summary.counts["spans"] == 2 and summary.counts["frames"] == 2
    assert frames_of(store) == [("Battles", ["location"]), ("Battles", [])]
    assert store.status(1, "ana") == "done"


def test_a_prodigy_role_or_sub_event_type_not_in_the_codebook_is_reported(
    tmp_path: Path, store: Store
) -> None:
    events = [
        {"fields": {"event_type": "Battles"}, "roles": {"nonrole": [0], "location": [1]}},
        {"fields": {"event_type": "Battles", "sub_event_type": "Peaceful protest"}, "roles": {"actor1": [0]}},
        {"fields": {"event_type": "Battles", "sub_event_type": "Armed clash"}, "roles": {"actor1": [0]}},
    ]
    path = prodigy_task(tmp_path, events)
    summary = import_annotations(store, path, annotator="ana", codebook=BOOK, fmt="prodigy")
    roles = ", ".join(r.name for r in BOOK.roles)
    assert [str(f) for f in summary.failures] == [
        f"{path}:1: event 0: role 'nonrole' is not in the codebook; roles: {roles}",
        f"{path}:1: event 1: 'Peaceful protest' is not a sub-event type of Battles",
    ]
    assert frames_of(store) == [("Battles", ["location"]), ("Battles", ["actor1"])]


def test_annotations_json_frames_are_checked_like_the_others(
    store: Store, seeds: Path, tmp_path: Path
) -> None:
    import_paths(store, [seeds])

    def three_bad(data: dict) -> None:
        events = data["articles"][0]["events"]
        events[0]["event_date"] = "yesterday"
        events[0]["roles"]["nonrole"] = events[0]["roles"]["location"]
        data["articles"][1]["events"][0]["sub_event_type"] = "Peaceful protest"
        data["articles"][2]["events"][0]["roles"]["nonrole"] = []

    path = gold_copy(tmp_path, three_bad)
    gold = json.loads(path.read_text(encoding="utf-8"))["articles"]
    summary = import_annotations(store, path, annotator="ana", codebook=BOOK, fmt="annotations-json")
    roles = ", ".join(r.name for r in BOOK.roles)
    event_type = gold[1]["events"][0]["event_type"]
    assert [str(f) for f in summary.failures] == [
        f"{path}:{line_of_article(path, 0)}: event 0: event date 'yesterday' is not a date: "
        "write it as YYYY-MM-DD",
        f"{path}:{line_of_article(path, 1)}: event 0: "
        f"'Peaceful protest' is not a sub-event type of {event_type}",
        f"{path}:{line_of_article(path, 2)}: event 0: role 'nonrole' is not in the codebook; roles: {roles}",
    ]
    assert summary.counts["frames"] == sum(len(a.get("events", [])) for a in gold) - 2
    assert summary.counts["spans"] == 273 and len(summary.articles) == 5
    with pytest.raises(InputError, match="event 0: event date 'yesterday' is not a date"):
        load_annotations(store, path, annotator="bo")


def test_a_brat_frame_with_a_date_that_is_no_day_fails_alone(tmp_path: Path, store: Store) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    ann = tmp_path / "a.ann"
    lines = [
        "T1\tACTOR 0 7\tTaliban",
        "T2\tBattles 17 25\tattacked",
        "T3\tBattles 26 32\tKunduz",
        "E1\tBattles:T2 actor1:T1",
        "E2\tBattles:T3",
        '#1\tAnnotatorNotes E1\t{"event_date": "yesterday"}',
        '#2\tAnnotatorNotes E2\t{"event_date": "2021-06-07"}',
    ]
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = import_annotations(store, ann, annotator="ana", codebook=BOOK, fmt="brat")
    assert [f.message for f in summary.failures] == [
        "event 0: event date 'yesterday' is not a date: write it as YYYY-MM-DD"
    ]
    [article_id] = store.article_ids()
    assert [e["event_date"] for e in store.events(article_id, annotator="ana")] == ["2021-06-07"]
    assert len(store.spans(article_id, annotator="ana")) == 1


def test_the_store_refuses_an_event_date_that_is_no_day_and_writes_nothing(store: Store) -> None:
    from annotator.core.errors import StoreError

    [(article_id, _)] = store.add_articles([ArticleRecord(raw_text=TEXT, text=TEXT)])
    event_id = store.add_event(article_id, "ana", {"event_type": "Battles", "event_date": "2021-06-07"})
    before = (store.events(article_id), len(store.history(article_id=article_id)))
    for bad in ("yesterday", "2021-6-7", "2021-13-01", 20210607):
        with pytest.raises(StoreError):
            store.add_event(article_id, "ana", {"event_date": bad})
        with pytest.raises(StoreError):
            store.update_event(event_id, "ana", event_date=bad)
    with pytest.raises(StoreError) as caught:
        store.update_event(event_id, "ana", event_date="yesterday")
    assert str(caught.value) == "event date 'yesterday' is not a date: write it as YYYY-MM-DD"
    assert (store.events(article_id), len(store.history(article_id=article_id))) == before
    store.update_event(event_id, "ana", event_date=None)
    store.update_event(event_id, "ana", event_date="")
    assert store.event(event_id)["event_date"] == ""


def test_loading_the_same_annotations_twice_adds_nothing(store: Store, seeds: Path) -> None:
    import_paths(store, [seeds])

    def counts() -> tuple[int, int]:
        ids = store.article_ids()
        return (
            sum(len(store.spans(i, annotator="gold")) for i in ids),
            sum(len(store.events(i, annotator="gold")) for i in ids),
        )

    assert load_annotations(store, GOLD) == 5
    assert counts() == (273, 13)
    assert load_annotations(store, GOLD) == 5
    assert counts() == (273, 13)


def test_load_annotations_refuses_the_whole_file_for_an_unknown_event_type(
    store: Store, seeds: Path, tmp_path: Path
) -> None:
    import_paths(store, [seeds])

    def wrong_type(data: dict) -> None:
        data["articles"][3]["events"][0]["event_type"] = "Skirmish"

    path = gold_copy(tmp_path, wrong_type)
    with pytest.raises(InputError) as caught:
        load_annotations(store, path)
    assert str(caught.value) == (
        f"{path}:{line_of_article(path, 3)}: event type 'Skirmish' is not in the codebook; nothing was loaded"
    )
    with pytest.raises(UnknownAnnotatorError):
        store.spans(1, annotator="gold")


def test_load_annotations_refuses_a_span_the_annotator_rejected(store: Store, seeds: Path) -> None:
    import_paths(store, [seeds])
    assert load_annotations(store, GOLD) == 5
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    first = gold[0]["spans"][0]
    [span] = [
        s
        for s in store.spans(1, annotator="gold")
        if (s["start"], s["end"], s["label"]) == (first["start"], first["end"], first["label"])
    ]
    store.update_span(span["id"], "gold", status="rejected")
    with pytest.raises(InputError) as caught:
        load_annotations(store, GOLD)
    assert str(caught.value) == (
        f"{GOLD}:{line_of_article(GOLD, 0)}: span 0 [{first['start']}, {first['end']}) {first['label']} "
        "was rejected by gold already: accept it in the workspace first, or load under another "
        "--annotator; nothing was loaded"
    )
    assert store.span(span["id"])["status"] == "rejected"


def test_importing_over_a_rejected_span_reports_it(tmp_path: Path, store: Store) -> None:
    path = prodigy_task(tmp_path, [])
    import_annotations(store, path, annotator="ana", codebook=BOOK, fmt="prodigy")
    [actor, _] = store.spans(1, annotator="ana")
    store.update_span(actor["id"], "ana", status="rejected")
    summary = import_annotations(store, path, annotator="ana", codebook=BOOK, fmt="prodigy")
    assert [str(f) for f in summary.failures] == [
        f"{path}:1: span 0 [0, 7) ACTOR was rejected by ana already: accept it in the workspace "
        "first, or load under another --annotator"
    ]
    assert store.span(actor["id"])["status"] == "rejected"


def test_an_article_the_store_refuses_leaves_what_was_stored_before(tmp_path: Path, store: Store) -> None:
    first = prodigy_task(tmp_path, [])
    import_annotations(store, first, annotator="ana", codebook=BOOK, fmt="prodigy")
    before = (store.spans(1, annotator="ana"), store.events(1, annotator="ana"), store.history())
    again = tmp_path / "again.jsonl"
    bad_frame = {"fields": {"event_type": "Battles", "fatalities": "3"}, "roles": {"actor1": [0]}}
    spans = [*GOOD_SPANS, {"start": 17, "end": 25, "label": "ACTOR"}]
    again.write_text(json.dumps({"text": TEXT, "spans": spans, "events": [bad_frame]}) + "\n")
    summary = import_annotations(store, again, annotator="ana", codebook=BOOK, fmt="prodigy")
    assert [str(f) for f in summary.failures] == [
        f"{again}:1: not imported: event field 'fatalities' must be int, got '3'"
    ]
    assert (store.spans(1, annotator="ana"), store.events(1, annotator="ana"), store.history()) == before


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_prodigy_file_with_a_bom_or_in_utf16_is_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "tasks.jsonl"
    path.write_text(json.dumps({"text": TEXT, "spans": GOOD_SPANS}) + "\n", encoding=encoding)
    assert detect_format(path) == "prodigy"
    [article] = list(ANNOTATION_READERS["prodigy"].read(path, BOOK))
    assert isinstance(article, AnnotatedArticle) and len(article.spans) == 2


def imported_from(store: Store, seeds: Path, origin_dir: str, sep: str) -> None:
    """The seed articles, stored as if imported from files in `origin_dir` (`sep` its separator)."""
    records = []
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        [record] = [r for r in _read_txt(path)]
        records.append(
            ArticleRecord(
                raw_text=text,
                text=record.text,
                title=record.title,
                source=record.source,
                url=record.url,
                published_at=record.published_at,
                meta=record.meta,
                origin=f"{origin_dir}{sep}{path.name}",
            )
        )
    store.add_articles(records)


def _read_txt(path: Path) -> list[ArticleRecord]:
    from annotator.formats.base import reader_for

    reader = reader_for(path)
    assert reader is not None
    return [r for r in reader.read(path) if isinstance(r, ArticleRecord)]


@pytest.mark.parametrize(
    ("origin_dir", "sep"),
    [(r"C:\data\seeds", "\\"), ("/data/run:2/seeds", "/"), (r"\\server\share:x\seeds", "\\")],
    ids=["windows drive", "posix path with a colon", "windows share with a colon"],
)
def test_load_annotations_matches_origins_holding_colons(
    store: Store, seeds: Path, origin_dir: str, sep: str
) -> None:
    imported_from(store, seeds, origin_dir, sep)
    assert load_annotations(store, GOLD, annotator="gold") == 5
    assert all(store.status(i, "gold") == "done" for i in store.article_ids())
    assert sum(len(store.spans(i, annotator="gold")) for i in store.article_ids()) == 47 + 45 + 94 + 41 + 46


def test_load_annotations_strips_only_a_trailing_line_number(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "batch:1.jsonl"
    path.write_text(json.dumps({"text": TEXT}) + "\n")
    summary = import_paths(store, [path])
    assert not summary.failures
    [article_id] = store.article_ids()
    assert store.article(article_id)["origin"] == f"{path}:1"
    gold = tmp_path / "gold.json"
    gold.write_text(
        json.dumps({"annotator": "ana", "articles": [{"file": "batch:1.jsonl", "spans": GOOD_SPANS}]})
    )
    assert load_annotations(store, gold) == 1
    assert [s["label"] for s in store.spans(article_id, annotator="ana")] == ["ACTOR", "LOCATION"]


def gold_copy(tmp_path: Path, change=None) -> Path:
    """The gold fixture, indented as it is, after `change(data)`."""
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    if change:
        change(data)
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def line_of_article(path: Path, n: int) -> int:
    from annotator.formats.annotations_json import article_lines

    return article_lines(path.read_text(encoding="utf-8"))[n]


def test_annotations_json_is_a_registry_reader_naming_articles_by_file(tmp_path: Path) -> None:
    assert detect_format(GOLD) == "annotations-json"
    assert detect_format(tmp_path) is None
    items = list(ANNOTATION_READERS["annotations-json"].read(GOLD, BOOK))
    assert all(isinstance(a, AnnotatedArticle) for a in items)
    first = items[0]
    assert (first.text, first.file) == ("", "000_e08b09f8acaf475c.txt")
    assert first.origin == f"{GOLD}:5"  # the line the article's object starts on
    assert GOLD.read_text(encoding="utf-8").splitlines()[4].strip() == "{"
    trigger = first.frames[0]
    assert (trigger.fields["trigger_start"], trigger.fields["trigger_text"]) == (643, "seized")
    assert [first.spans[i].text for i in trigger.roles["location"]] == ["Shahrak", "Ghor"]


def _break(data: dict) -> None:
    data["articles"][1]["spans"][3]["start"] = "three"
    data["articles"][3]["events"][0]["roles"]["actor1"] = [{"start": 1, "end": 2}]
    data["articles"][4]["events"] = {"not": "a list"}


def test_annotations_json_fails_each_malformed_article_at_its_line(tmp_path: Path) -> None:
    path = gold_copy(tmp_path, _break)
    items = list(ANNOTATION_READERS["annotations-json"].read(path, BOOK))
    assert [type(i).__name__ for i in items] == ["AnnotatedArticle", "ReadFailure", "AnnotatedArticle"] + [
        "ReadFailure"
    ] * 2
    assert [str(f) for f in items if isinstance(f, ReadFailure)] == [
        f"{path}:{line_of_article(path, 1)}: article 1 (001_8887b1e02ece80ca.txt): "
        "span 3: 'start' must be a whole number, got text ('three')",
        f"{path}:{line_of_article(path, 3)}: article 3 (003_71aeb97e8299576d.txt): "
        "event 0: role 'actor1' points at no span of the article: [1, 2)",
        f"{path}:{line_of_article(path, 4)}: article 4 (004_71abac885cfa549a.txt): "
        "'events' must be a list, got an object",
    ]


def test_load_annotations_refuses_the_whole_file_for_one_bad_span(
    store: Store, seeds: Path, tmp_path: Path
) -> None:
    import_paths(store, [seeds])

    def wrong_label(data: dict) -> None:
        data["articles"][2]["spans"][5]["label"] = "PLACE"

    path = gold_copy(tmp_path, wrong_label)
    with pytest.raises(InputError) as caught:
        load_annotations(store, path)
    assert str(caught.value) == (
        f"{path}:{line_of_article(path, 2)}: span 5 label 'PLACE' is not in the codebook; "
        f"known: {', '.join(BOOK.label_names)}; nothing was loaded"
    )
    with pytest.raises(UnknownAnnotatorError):
        store.spans(1, annotator="gold")
    with pytest.raises(InputError, match=r"gold.json:\d+: article 1 .*; nothing was loaded"):
        load_annotations(store, gold_copy(tmp_path, _break))
    assert load_annotations(store, GOLD) == 5  # the good file still loads, once


def test_load_annotations_names_an_article_never_imported(store: Store, seeds: Path, tmp_path: Path) -> None:
    import_paths(store, [seeds / "000_e08b09f8acaf475c.txt"])
    with pytest.raises(InputError) as caught:
        load_annotations(store, GOLD)
    assert str(caught.value) == (
        f"{GOLD}:553: no imported article from file '001_8887b1e02ece80ca.txt'; nothing was loaded"
    )
    with pytest.raises(UnknownAnnotatorError):  # rolled back: not even the annotator is left
        store.spans(1, annotator="gold")


def test_annotations_json_imports_through_the_registry_by_file_name(
    store: Store, seeds: Path, tmp_path: Path
) -> None:
    import_paths(store, [seeds])

    def one_bad(data: dict) -> None:
        data["articles"][0]["spans"][0]["end"] = 10**6
        data["articles"][1]["file"] = "never_imported.txt"

    path = gold_copy(tmp_path, one_bad)
    summary = import_annotations(store, path, annotator="ana", codebook=BOOK, fmt="annotations-json")
    assert [str(f) for f in summary.failures] == [
        f"{path}:{line_of_article(path, 0)}: span 0 [0, 1000000) is outside the text "
        f"(0..{len(store.article(1)['text'])} characters)",
        f"{path}:{line_of_article(path, 1)}: no imported article from file 'never_imported.txt'",
    ]
    assert len(summary.articles) == 4 and summary.counts["new_articles"] == 0
    assert summary.counts["spans"] == 46 + 94 + 41 + 46
    assert store.status(1, "ana") == "done" and store.status(2, "ana") == "todo"


def test_cli_imports_annotations_json_with_format_or_detected(seeds: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from annotator.cli import app

    db = tmp_path / "p.db"
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(seeds), "--db", str(db), "--create"]).exit_code == 0
    given = runner.invoke(
        app, ["import", str(GOLD), "--format", "annotations-json", "--annotator", "ana", "--db", str(db)]
    )
    assert given.exit_code == 0, given.output
    assert "imported 273 spans" in given.stdout and "5 marked done" in given.stdout
    detected = runner.invoke(app, ["import", str(GOLD), "--annotator", "bo", "--db", str(db)])
    assert detected.exit_code == 0 and f"{GOLD} (annotations-json)" in detected.stdout


def test_malformed_brat_lines_are_each_reported_and_the_article_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    ann = tmp_path / "a.ann"
    lines = [
        "T1\tACTOR 0 7\tTaliban",
        "T2\tLOCATION 26 32\tKunduz",
        "T3\tBattles 17 25\tattacked",
        "E1\tBattles:T3 actor1:T1 location:T2",
        "E2\tBattles T3",  # no TYPE:TRIGGER
        "E3\tBattles:T3 actor1",  # a role without its span
        "#1\tAnnotatorNotes T1\t[1, 2]",  # a note that is not an object
        '#2\tAnnotatorNotes E1\t{"fatalities": 2}',
    ]
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    book = load_codebook(default_codebook_path())
    items = list(ANNOTATION_READERS["brat"].read(ann, book))
    assert [str(i) for i in items] == [  # issue 11: an article is never read in part
        f"{ann}:5: E2: a brat event line is 'ID<TAB>TYPE:TRIGGER ROLE:ID ...', got 'Battles T3'",
        f"{ann}:6: E3: argument 'actor1' is not ROLE:ID",
        f"{ann}:7: #1: the note of T1 must be a JSON object, got a list",
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"label": [[0, 7]]}, "label 0 must be [start, end, label], got 2 items"),
        ({"label": [[0, "7", "ACTOR"]]}, "label 0: end must be a whole number, got text ('7')"),
        ({"entities": [5]}, "entity 0 must be an object, got a number (5)"),
        ({"entities": [{"start_offset": 0, "end_offset": 7}]}, "entity 0 needs a 'label' (text), got null"),
    ],
)
def test_a_malformed_doccano_line_fails_alone(tmp_path: Path, line: dict, message: str) -> None:
    path = tmp_path / "d.jsonl"
    good = {"text": TEXT, "label": [[0, 7, "ACTOR"]]}
    path.write_text("\n".join(json.dumps(x) for x in (good, {"text": TEXT, **line}, good)) + "\n")
    items = list(ANNOTATION_READERS["doccano"].read(path, BOOK))
    assert [str(i) for i in items if isinstance(i, ReadFailure)] == [f"{path}:2: {message}"]
    assert len([i for i in items if isinstance(i, AnnotatedArticle)]) == 2


def test_every_reader_says_the_same_for_a_file_it_cannot_read(tmp_path: Path) -> None:
    from annotator.formats.base import READERS

    for suffix in (".txt", ".jsonl", ".csv"):
        folder = tmp_path / f"folder{suffix}"  # a folder named like a file cannot be read
        folder.mkdir()
        [failure] = list(READERS[suffix].read(folder))
        assert str(failure) == f"{folder}: cannot read file (Is a directory)"
    folder = tmp_path / "tasks.jsonl"
    folder.mkdir()
    for name in ("prodigy", "doccano", "annotations-json"):
        [failure] = list(ANNOTATION_READERS[name].read(folder, BOOK))
        assert str(failure) == f"{folder}: cannot read file (Is a directory)"
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert [str(f) for f in READERS[".jsonl"].read(empty)] == [f"{empty}: empty file"]


def test_a_format_writes_one_article_and_the_skeleton_does_the_rest(tmp_path: Path) -> None:
    from annotator.formats.registry import ArticleExporter, ExportJob

    class Lines(ArticleExporter[object]):
        name, description = "lines", "one line per article"

        def begin(self, job: ExportJob) -> object:
            return job.open("articles.txt")

        def write(self, job: ExportJob, state: object, number: int, article: AnnotatedArticle) -> None:
            state.write(f"{number} {article.text}\n")  # type: ignore[attr-defined]
            job.report.counts["lines"] += 1

    seen: list[tuple[int, int]] = []
    out = tmp_path / "new" / "folder"
    report = Lines().export(
        [AnnotatedArticle("one"), AnnotatedArticle("two")],
        out,
        BOOK,
        lambda n, total: seen.append((n, total)),
    )
    assert (out / "articles.txt").read_text() == "1 one\n2 two\n"  # written and closed
    assert report.files == [out / "articles.txt"] and report.counts["lines"] == 2
    assert seen == [(1, 2), (2, 2)]
