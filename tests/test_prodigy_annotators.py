"""Prodigy `db-out` of a multi-user session (issue 14 item 3): one text annotated by two
people is imported as two annotators with exactly their own spans and counted as one
article; `answer` is kept as Prodigy means it; the export reports spans off spaCy's tokens."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import spacy
from typer.testing import CliRunner

from annotator.cli import app
from annotator.formats.prodigy import prodigy_hash, session_names
from annotator.store import Store

runner = CliRunner()
NLP = spacy.blank("en")
TEXT = (
    "KABUL, June 7 (Reuters) - Taliban fighters attacked a police checkpoint in Kunduz on Monday, "
    "killing three policemen, officials said. Afghan forces later retook the district."
)
OTHER = "Protesters gathered in Herat on Sunday to demand the release of detained activists."


def span(text: str, phrase: str, label: str) -> dict[str, Any]:
    """A span as Prodigy's ner_manual writes it: offsets, inclusive token indices, label."""
    start = text.index(phrase)
    tokens = NLP.make_doc(text).char_span(start, start + len(phrase))
    return {
        "start": start,
        "end": start + len(phrase),
        "token_start": tokens.start,
        "token_end": tokens.end - 1,
        "label": label,
    }


def task(text: str, session: str, spans: list[dict[str, Any]], answer: str = "accept") -> dict[str, Any]:
    """One line of `prodigy db-out news_ner`, in the shape Prodigy writes it."""
    doc = NLP.make_doc(text)
    input_hash = prodigy_hash({"text": text})
    return {
        "text": text,
        "_input_hash": input_hash,
        "_task_hash": prodigy_hash({"input": input_hash, "spans": spans, "session": session}),
        "tokens": [
            {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
            for t in doc
        ],
        "_view_id": "ner_manual",
        "spans": spans,
        "answer": answer,
        "_timestamp": 1717750000,
        "_annotator_id": f"news_ner-{session}",
        "_session_id": f"news_ner-{session}",
    }


ANA = [
    span(TEXT, "Taliban fighters", "ACTOR"),
    span(TEXT, "Kunduz", "LOCATION"),
    span(TEXT, "Monday", "DATE"),
    span(TEXT, "three policemen", "CASUALTY"),
]
BO = [
    span(TEXT, "Taliban", "ACTOR"),
    span(TEXT, "police checkpoint", "ACTOR"),
    span(TEXT, "Kunduz", "LOCATION"),
    span(TEXT, "Afghan forces", "ACTOR"),
]


def write(path: Path, tasks: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(t) + "\n" for t in tasks), encoding="utf-8")
    return path


def spans_of(store: Store, annotator: str, text: str) -> list[tuple[int, int, str, str]]:
    [article_id] = [i for i in store.article_ids() if store.article(i)["text"] == text]
    return sorted(
        (s["start"], s["end"], s["label"], s["status"]) for s in store.spans(article_id, annotator=annotator)
    )


def expected(spans: list[dict[str, Any]], status: str = "accepted") -> list[tuple[int, int, str, str]]:
    return sorted((s["start"], s["end"], s["label"], status) for s in spans)


def test_a_multi_user_db_out_is_split_by_annotator_and_counts_one_article(tmp_path: Path) -> None:
    path = write(tmp_path / "news_ner.jsonl", [task(TEXT, "ana", ANA), task(TEXT, "bo", BO)])
    db = tmp_path / "p.db"
    result = runner.invoke(app, ["import", str(path), "--db", str(db), "--create", "--annotator", "team"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "(prodigy): imported 8 spans and 0 frames into 1 articles for 2 annotators (team-ana, team-bo) "
        "(1 new, 2 marked done, 0 ignored); failed 0\n"
    )
    with Store(db) as store:
        assert store.article_count() == 1
        assert spans_of(store, "team-ana", TEXT) == expected(ANA)
        assert spans_of(store, "team-bo", TEXT) == expected(BO)
        assert {a["name"] for a in store.annotators()} >= {"team-ana", "team-bo"}
        assert "team" not in {a["name"] for a in store.annotators()}  # no empty annotator made
    for who, spans in (("team-ana", ANA), ("team-bo", BO)):  # and each exports exactly theirs
        out = tmp_path / who
        exported = runner.invoke(
            app, ["export", "prodigy", "--db", str(db), "--annotator", who, "--out", str(out)]
        )
        assert exported.exit_code == 0, exported.output
        [line] = (out / "annotations.prodigy.jsonl").read_text(encoding="utf-8").splitlines()
        back = json.loads(line)["spans"]
        keys = ("start", "end", "token_start", "token_end", "label")
        assert sorted(tuple(s[k] for k in keys) for s in back) == sorted(
            tuple(s[k] for k in keys) for s in spans
        )
        assert json.loads(line)["_annotator_id"] == f"annotator-{who}"
    joined = tmp_path / "joined.jsonl"  # both exports in one file: two annotators again
    joined.write_text(
        "".join((tmp_path / who / "annotations.prodigy.jsonl").read_text() for who in ("team-ana", "team-bo"))
    )
    fresh = tmp_path / "fresh.db"
    again = runner.invoke(app, ["import", str(joined), "--db", str(fresh), "--create", "--annotator", "x"])
    # annotator-team-ana and annotator-team-bo: the parts all ids share are the dataset's
    assert "into 1 articles for 2 annotators (x-ana, x-bo)" in again.stdout, again.output
    with Store(fresh) as store:
        assert spans_of(store, "x-ana", TEXT) == expected(ANA)
        assert spans_of(store, "x-bo", TEXT) == expected(BO)


def test_answers_are_kept_per_annotator(tmp_path: Path) -> None:
    lines = [
        task(TEXT, "ana", ANA),
        task(TEXT, "bo", BO, answer="reject"),
        task(OTHER, "ana", [span(OTHER, "Herat", "LOCATION")], answer="ignore"),
        task(OTHER, "bo", [span(OTHER, "Protesters", "ACTOR")]),
    ]
    path = write(tmp_path / "news_ner.jsonl", lines)
    db = tmp_path / "p.db"
    result = runner.invoke(app, ["import", str(path), "--db", str(db), "--create", "--annotator", "t"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "imported 9 spans and 0 frames into 2 articles for 2 annotators (t-ana, t-bo) "
        "(2 new, 2 marked done, 1 ignored); failed 0\n"
    )
    with Store(db) as store:
        first, second = store.article_ids()
        assert spans_of(store, "t-bo", TEXT) == expected(BO, "rejected")  # rejected as shown
        assert store.status(first, "t-ana") == "done" and store.status(first, "t-bo") == "todo"
        assert store.spans(second, annotator="t-ana") == []  # skipped: nothing of it
        assert store.status(second, "t-ana") != "done" and store.status(second, "t-bo") == "done"


def test_one_annotator_in_the_file_is_the_annotator_given(tmp_path: Path) -> None:
    path = write(tmp_path / "news_ner.jsonl", [task(TEXT, "ana", ANA), task(OTHER, "ana", [])])
    db = tmp_path / "p.db"
    result = runner.invoke(app, ["import", str(path), "--db", str(db), "--create", "--annotator", "ana"])
    assert result.exit_code == 0, result.output
    assert "into 2 articles (2 new, 2 marked done, 0 ignored); failed 0" in result.stdout
    with Store(db) as store:
        assert spans_of(store, "ana", TEXT) == expected(ANA)
        assert "ana-ana" not in {a["name"] for a in store.annotators()}


def test_an_annotator_id_that_is_not_text_refuses_its_line(tmp_path: Path) -> None:
    bad = task(TEXT, "bo", BO)
    bad["_annotator_id"] = 7
    path = write(tmp_path / "news_ner.jsonl", [task(TEXT, "ana", ANA), bad])
    db = tmp_path / "p.db"
    result = runner.invoke(app, ["import", str(path), "--db", str(db), "--create", "--annotator", "ana"])
    assert result.exit_code == 1
    assert f"{path}:2: '_annotator_id' must be text, got a number (7)" in result.stderr


def test_session_names_strip_the_dataset_prodigy_prefixes() -> None:
    assert session_names(["news_ner-ana", "news_ner-bo"]) == {"news_ner-ana": "ana", "news_ner-bo": "bo"}
    assert session_names(["news-ner-ana-maria", "news-ner-bo"]) == {
        "news-ner-ana-maria": "ana-maria",
        "news-ner-bo": "bo",
    }
    stamps = ["news_ner-2024-02-06_10-17-19", "news_ner-2024-02-06_11-03-00"]
    assert session_names(stamps) == {s: s[len("news_ner-") :] for s in stamps}  # a start time is whole
    assert session_names(["2024-02-06_10-17-19", "2024-02-07_09-00-00"]) == {
        "2024-02-06_10-17-19": "2024-02-06_10-17-19",
        "2024-02-07_09-00-00": "2024-02-07_09-00-00",
    }
    assert session_names(["ds-Henry%20B", "ds-abe"]) == {"ds-Henry%20B": "Henry B", "ds-abe": "abe"}
    assert session_names(["ner_a-ana", "ner_b-bo"]) == {"ner_a-ana": "ner_a-ana", "ner_b-bo": "ner_b-bo"}
    assert session_names(["news_ner-ana"]) == {}


def test_prodigy_export_reports_spans_off_the_tokens(tmp_path: Path) -> None:
    text = "Taliban fighters attacked Kunduz.\n\nPolice said three died."
    path = write(tmp_path / "one.jsonl", [{"text": text, "spans": [span(text, "Kunduz", "LOCATION")]}])
    db = tmp_path / "p.db"
    assert (
        runner.invoke(app, ["import", str(path), "--db", str(db), "--create", "--annotator", "ana"]).exit_code
        == 0
    )
    with Store(db) as store:
        [article_id] = store.article_ids()
        store.add_span(article_id, "ana", 2, 9, "ACTOR")  # "liban f": inside two tokens
        blank = text.index("\n")
        store.add_span(article_id, "ana", blank, blank + 1, "DATE")  # a line break only
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["export", "prodigy", "--db", str(db), "--annotator", "ana", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  spans expanded to token boundaries: 1" in lines
    assert "  spans not alignable: 1" in lines
    assert f"  note: article {article_id}: span [{blank}, {blank + 1}) DATE '\\n' covers no token" in lines
    [row] = [json.loads(line) for line in (out / "annotations.prodigy.jsonl").read_text().splitlines()]
    by_label = {s["label"]: s for s in row["spans"]}
    assert (by_label["ACTOR"]["token_start"], by_label["ACTOR"]["token_end"]) == (0, 1)
    assert "token_start" not in by_label["DATE"]
