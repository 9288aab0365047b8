"""Exports, imports and their round trips; the DocBin carries the whole annotation."""

from __future__ import annotations

import csv
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.tokens import DocBin
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.codebook import load_codebook
from annotator.formats.acled_csv import COLUMNS, interaction, safe_cell
from annotator.formats.spacy_docbin import article_from_doc
from annotator.paths import default_codebook_path, resources_dir
from annotator.services.annotations_json import load_annotations
from annotator.services.collect import collect
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import Store

BOOK = load_codebook(default_codebook_path())
GOLD = Path(__file__).parent / "fixtures" / "gold_seeds.json"
runner = CliRunner()


@pytest.fixture
def gold_project(tmp_path: Path, seeds: Path) -> Path:
    path = tmp_path / "team.db"
    with Store(path) as store:
        import_paths(store, [seeds])
        load_annotations(store, GOLD)
    return path


def snapshot(store: Store, annotator: str) -> dict[str, tuple]:
    """Spans and frames per article text, independent of ids."""
    result = {}
    for article in collect(store, annotator, only_done=False):
        spans = sorted((s.start, s.end, s.label) for s in article.spans)
        frames = sorted(
            (
                f.fields.get("trigger_start"),
                f.fields.get("event_type"),
                f.fields.get("sub_event_type"),
                tuple(
                    sorted(
                        (role, tuple(sorted((article.spans[i].start, article.spans[i].end) for i in idx)))
                        for role, idx in f.roles.items()
                    )
                ),
            )
            for f in article.frames
        )
        result[article.text] = (spans, frames)
    return result


def test_docbin_carries_everything_and_splits_by_article(gold_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    result = runner.invoke(
        app,
        [
            "export",
            "spacy",
            "--db",
            str(gold_project),
            "--gold",
            "--out",
            str(out),
            "--dev-ratio",
            "0.4",
            "--seed",
            "3",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "train articles: 3" in result.stdout and "dev articles: 2" in result.stdout
    import spacy

    nlp = spacy.blank("en")
    docs = {
        name: list(DocBin().from_disk(out / f"{name}.spacy").get_docs(nlp.vocab)) for name in ("train", "dev")
    }
    hashes = {
        name: {d.user_data["annotator"]["article"]["content_hash"] for d in group}
        for name, group in docs.items()
    }
    assert not hashes["train"] & hashes["dev"]
    with Store(gold_project) as store:
        stored = {a.text: a for a in collect(store, "gold")}
    for doc in docs["train"] + docs["dev"]:
        article = article_from_doc(doc)
        original = stored[doc.text]
        assert [(s.start, s.end, s.label, s.normalized) for s in article.spans] == [
            (s.start, s.end, s.label, s.normalized) for s in original.spans
        ]
        assert [(f.fields, f.roles) for f in article.frames] == [(f.fields, f.roles) for f in original.frames]
        assert len(doc.spans["sc"]) == len(original.spans)
        ents = list(doc.ents)
        assert all(a.end <= b.start for a, b in itertools.pairwise(ents))
        assert sorted(s.label_ for s in doc.spans["events"]) == sorted(
            f.fields["event_type"] for f in original.frames if f.fields.get("trigger_start") is not None
        )
        assert set(doc.cats) == {e.name for e in BOOK.event_types}
        assert {k for k, v in doc.cats.items() if v} == {f.fields["event_type"] for f in original.frames}
    again = tmp_path / "again"
    runner.invoke(
        app,
        [
            "export",
            "spacy",
            "--db",
            str(gold_project),
            "--gold",
            "--out",
            str(again),
            "--dev-ratio",
            "0.4",
            "--seed",
            "3",
        ],
    )
    assert (again / "dev.spacy").read_bytes() == (out / "dev.spacy").read_bytes()  # deterministic


def test_overlaps_and_misaligned_spans_are_counted(gold_project: Path, tmp_path: Path) -> None:
    with Store(gold_project) as store:
        text = store.article(1)["text"]
        start = text.index("Taliban seized")
        store.add_span(1, "gold", start + 2, start + 9, "ACTOR")  # mid-token: expanded
        store.add_span(1, "gold", start, start + 14, "ACTOR")  # overlaps "Taliban": out of ents
        blank = text.index("\n")
        store.add_span(1, "gold", blank, blank + 1, "DATE")  # only a line break: no token
        report = export_project(store, "spacy", tmp_path / "c", BOOK, annotator="gold", dev_ratio=0.0)
    assert report.counts["spans_expanded_to_token_boundaries"] >= 1
    assert report.counts["overlapping_spans_left_out_of_ents"] >= 2
    assert report.counts["spans_not_alignable"] == 1
    assert any("covers no token" in note for note in report.notes)


@pytest.mark.parametrize("fmt", ["prodigy", "doccano", "brat"])
def test_round_trips_through_peer_formats(fmt: str, gold_project: Path, tmp_path: Path) -> None:
    out = tmp_path / fmt
    assert (
        runner.invoke(app, ["export", fmt, "--db", str(gold_project), "--gold", "--out", str(out)]).exit_code
        == 0
    )
    path = out if fmt == "brat" else next(out.glob("*.jsonl"))
    fresh = tmp_path / "fresh.db"
    result = runner.invoke(
        app, ["import", str(path), "--db", str(fresh), "--create", "--annotator", "ana"]
    )  # detected
    assert result.exit_code == 0, result.output
    assert f"({fmt})" in result.stdout
    with Store(gold_project) as a, Store(fresh) as b:
        before, after = snapshot(a, "gold"), snapshot(b, "ana")
        assert {t: spans for t, (spans, _) in after.items()} == {t: spans for t, (spans, _) in before.items()}
        if fmt in {"prodigy", "brat"}:  # normalised values survive too

            def values(store: Store, who: str) -> list:
                return sorted(
                    str(s.normalized) for art in collect(store, who, only_done=False) for s in art.spans
                )

            assert values(b, "ana") == values(a, "gold")
            with_trigger = {t: [f for f in frames if f[0] is not None] for t, (_, frames) in before.items()}
            assert {t: frames for t, (_, frames) in after.items()} == with_trigger
        assert all(b.status(i, "ana") == "done" for i in b.article_ids())
    again = runner.invoke(app, ["import", str(path), "--db", str(fresh), "--annotator", "ana"])
    assert "imported 0 spans" in again.stdout  # importing twice adds nothing


def test_brat_keeps_normalised_values_and_frame_fields(gold_project: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["export", "brat", "--db", str(gold_project), "--gold", "--out", str(tmp_path / "b")])
    conf = (tmp_path / "b" / "annotation.conf").read_text()
    assert "[events]" in conf and "Explosions_Remote_violence" in conf and "SubEventType" in conf
    fresh = tmp_path / "f.db"
    runner.invoke(
        app,
        [
            "import",
            str(tmp_path / "b"),
            "--db",
            str(fresh),
            "--create",
            "--annotator",
            "ana",
            "--format",
            "brat",
        ],
    )
    with Store(gold_project) as a, Store(fresh) as b:

        def fields(store: Store, who: str) -> list[tuple]:
            return sorted(
                (
                    (
                        f.fields.get("event_date"),
                        f.fields.get("location"),
                        f.fields.get("fatalities"),
                        f.fields.get("actor1"),
                        f.fields.get("inter1"),
                    )
                    for art in collect(store, who, only_done=False)
                    for f in art.frames
                    if f.fields.get("trigger_start") is not None
                ),
                key=str,
            )

        assert fields(b, "ana") == fields(a, "gold")


def test_conll_iob(gold_project: Path, tmp_path: Path) -> None:
    runner.invoke(
        app, ["export", "conll", "--db", str(gold_project), "--gold", "--out", str(tmp_path / "out")]
    )
    lines = (tmp_path / "out" / "annotations.conll").read_text().splitlines()
    assert lines.count("-DOCSTART- -X- -X- O") == 5
    tags = [line.split()[-1] for line in lines if line and not line.startswith("-DOCSTART-")]
    assert {t.split("-", 1)[0] for t in tags} == {"O", "B", "I"}
    previous = "O"
    for tag in tags:
        if tag.startswith("I-"):
            assert previous[2:] == tag[2:], "I- must continue an entity of the same type"
        previous = tag


def test_acled_csv(gold_project: Path, tmp_path: Path) -> None:
    with Store(gold_project) as store:
        event = store.events(1, annotator="gold")[0]
        store.update_event(event["id"], "gold", notes='=HYPERLINK("http://x")', longitude=-5.5)
    runner.invoke(
        app, ["export", "acled", "--db", str(gold_project), "--gold", "--out", str(tmp_path / "out")]
    )
    with (tmp_path / "out" / "events.acled.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(COLUMNS) == 31
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 11  # the gold's two undated frames are left out (test_acled_export)
    first = rows[0]
    assert first["notes"].startswith("'=HYPERLINK")
    assert first["longitude"] == "-5.5"
    assert (
        first["event_id_cnty"].startswith("AFG") and first["iso"] == "4" and first["region"] == "South Asia"
    )
    battle = next(r for r in rows if r["inter1"] == "2" and r["inter2"] == "1")
    assert battle["interaction"] == "12" and battle["disorder_type"] == "Political violence"
    assert interaction(2, None) == 20 and interaction(7, 1) == 17
    assert safe_cell("-1 dead") == "'-1 dead" and safe_cell(-1) == -1 and safe_cell("@x") == "'@x"


def test_bad_annotation_records_are_reported_and_refused_and_the_rest_imported(tmp_path: Path) -> None:
    text = "Taliban fighters attacked Kunduz on Monday."
    lines = [
        {
            "text": text,
            "spans": [
                {"start": 0, "end": 7, "label": "ACTOR", "text": "Taliban"},
                {"start": 26, "end": 32, "label": "LOCATION"},
            ],
            "answer": "accept",
        },
        {
            "text": text + " Again.",
            "spans": [
                {"start": 0, "end": 700, "label": "ACTOR"},
                {"start": 0, "end": 7, "label": "ORG"},
                {"start": 0, "end": 7, "label": "ACTOR", "text": "Talibam"},
                {"start": 36, "end": 42, "label": "DATE"},
            ],
        },
        "{broken",
        {"text": "Rejected task.", "spans": [{"start": 0, "end": 8, "label": "DATE"}], "answer": "reject"},
        {"text": "Ignored task.", "spans": [{"start": 0, "end": 7, "label": "DATE"}], "answer": "ignore"},
    ]
    path = tmp_path / "tasks.jsonl"
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    db = tmp_path / "p.db"
    result = runner.invoke(
        app, ["import", str(path), "--db", str(db), "--create", "--annotator", "ana", "--format", "prodigy"]
    )
    assert result.exit_code == 1
    err = result.stderr
    assert f"{path}:2: span 0 [0, 700) is outside the text (0..50 characters)" in err
    assert f"{path}:2: span 1 label 'ORG' is not in the codebook; known: ACTOR" in err
    assert f"{path}:2: span 2 text 'Talibam' does not match the article text 'Taliban'" in err
    assert f"{path}:3: invalid JSON" in err
    assert "into 2 articles (2 new, 1 marked done, 1 ignored); failed 2" in result.stdout
    with Store(db) as store:  # the second record is refused whole: its good DATE span too
        first, rejected = store.article_ids()
        assert [(s["label"]) for s in store.spans(first, annotator="ana")] == ["ACTOR", "LOCATION"]
        assert store.status(first, "ana") == "done"
        assert store.status(rejected, "ana") == "todo"
        assert [s["status"] for s in store.spans(rejected, annotator="ana")] == ["rejected"]
        assert store.article_count() == 2  # neither the refused nor the ignored task is imported


def test_annotation_import_needs_an_annotator(tmp_path: Path, gold_project: Path) -> None:
    out = tmp_path / "d"
    runner.invoke(app, ["export", "doccano", "--db", str(gold_project), "--gold", "--out", str(out)])
    result = runner.invoke(
        app, ["import", str(out / "annotations.doccano.jsonl"), "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 1 and "holds doccano annotations: give --annotator NAME" in result.stderr


def many_annotated_articles(gold_project: Path, tmp_path: Path, copies: int) -> Path:
    """A project of `copies` annotated articles: the gold seeds, each retold with a new ending."""
    out = tmp_path / "seed-tasks"
    runner.invoke(app, ["export", "prodigy", "--db", str(gold_project), "--gold", "--out", str(out)])
    tasks = [json.loads(line) for line in (out / "annotations.prodigy.jsonl").read_text().splitlines()]
    path = tmp_path / "many.jsonl"
    with path.open("w") as handle:
        for n in range(copies):
            task = dict(tasks[n % len(tasks)])
            task["text"] += f"\n\nReport number {n}."
            handle.write(json.dumps(task) + "\n")
    db = tmp_path / "many.db"
    result = runner.invoke(app, ["import", str(path), "--db", str(db), "--create", "--annotator", "gold"])
    assert result.exit_code == 0, result.output
    return db


def test_exported_corpus_passes_spacy_debug_data(gold_project: Path, tmp_path: Path) -> None:
    db = many_annotated_articles(gold_project, tmp_path, 150)
    corpus = tmp_path / "corpus"
    runner.invoke(app, ["export", "spacy", "--db", str(db), "--gold", "--out", str(corpus)])
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "debug",
            "data",
            str(resources_dir() / "training.cfg"),
            "--paths.train",
            str(corpus / "train.spacy"),
            "--paths.dev",
            str(corpus / "dev.spacy"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "✘" not in result.stdout, result.stdout[-3000:]


@pytest.mark.slow
def test_train_a_few_steps_and_suggest_with_the_result(gold_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "training"
    result = runner.invoke(
        app,
        [
            "train",
            "--db",
            str(gold_project),
            "--gold",
            "--out",
            str(out),
            "--set",
            "training.max_steps=4",
            "--set",
            "training.eval_frequency=2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "scores of model-best" in result.stdout
    model = out / "model" / "model-best"
    assert (model / "meta.json").exists()
    suggested = runner.invoke(app, ["suggest", "--db", str(gold_project), "--model", str(model)])
    assert suggested.exit_code == 0, suggested.output
    assert "en_pipeline" in suggested.stdout
