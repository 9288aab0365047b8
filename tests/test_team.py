"""Merging three synthetic annotators' files and measuring their agreement exactly."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from annotator.agreement.measures import label_codes, token_codes, tokenize
from annotator.cli import app
from annotator.services.annotations_json import load_annotations
from annotator.services.importing import import_paths
from annotator.store import Store
from annotator.team.agreement import agreement, versions

GOLD = Path(__file__).parent / "fixtures" / "gold_seeds.json"
runner = CliRunner()


def annotator_file(tmp_path: Path, seeds: Path, name: str) -> Path:
    path = tmp_path / f"{name}.db"
    with Store(path) as store:
        import_paths(store, [seeds])
        load_annotations(store, GOLD, annotator=name)
    return path


def find_span(store: Store, name: str, text: str, label: str) -> dict:
    article_text = store.article(1)["text"]
    return next(
        s
        for s in store.spans(1, annotator=name)
        if article_text[s["start"] : s["end"]] == text and s["label"] == label
    )


@pytest.fixture
def three(tmp_path: Path, seeds: Path) -> tuple[Path, Path, Path]:
    ana = annotator_file(tmp_path, seeds, "ana")
    bo = annotator_file(tmp_path, seeds, "bo")
    cy = annotator_file(tmp_path, seeds, "cy")
    with Store(bo) as store:
        shifted = find_span(store, "bo", "Taliban militants", "ACTOR")
        store.update_span(shifted["id"], "bo", end=shifted["end"] - len(" militants"))  # a shifted boundary
        store.update_span(
            find_span(store, "bo", "Khas Balkh", "LOCATION")["id"], "bo", label="ACTOR"
        )  # label
        store.delete_span(find_span(store, "bo", "Monday", "DATE")["id"], "bo")  # a missing span
        seized = next(e for e in store.events(1, annotator="bo") if e["trigger_text"] == "seized")
        store.update_event(seized["id"], "bo", sub_event_type="Armed clash", fatalities=5)
    with Store(cy) as store:
        store.delete_span(find_span(store, "cy", "Qaisar", "LOCATION")["id"], "cy")
    return ana, bo, cy


@pytest.fixture
def team_db(tmp_path: Path, three: tuple[Path, Path, Path]) -> Path:
    db = tmp_path / "team.db"
    result = runner.invoke(app, ["merge", *map(str, three), "--db", str(db), "--create"])
    assert result.exit_code == 0, result.output
    assert "merged 15 annotator-article pairs (5 new articles), 0 already there, 0 conflicts" in result.stdout
    return db


def test_merging_again_is_a_no_op_and_conflicts_are_reported(
    team_db: Path, three, tmp_path: Path, seeds: Path
) -> None:
    with Store(team_db) as store:
        before = store.db["spans"].count, store.db["events"].count
    again = runner.invoke(app, ["merge", *map(str, three), "--db", str(team_db)])
    assert "merged 0 annotator-article pairs (0 new articles), 15 already there, 0 conflicts" in again.stdout
    other = annotator_file(tmp_path / "laptop", seeds, "bo")  # bo's work from another machine, unedited
    result = runner.invoke(app, ["merge", str(other), "--db", str(team_db)])
    assert "1 conflicts" in result.stdout
    assert "bo's annotation of article '1' differs from the one already merged" in result.stderr
    assert "kept the merged one" in result.stderr
    with Store(team_db) as store:
        assert (store.db["spans"].count, store.db["events"].count) == before  # nothing overwritten
        merged = [h for h in store.history(annotator="bo") if h["action"].startswith("merged:")]
        assert merged and all(h["after"]["source"].endswith("bo.db") for h in merged)


def test_exact_span_and_event_agreement(team_db: Path) -> None:
    with Store(team_db) as store:
        report = agreement(store)
    pairs = {(p["a"], p["b"]): p for p in report["pairs"]}
    assert report["annotators"] == ["ana", "bo", "cy"]
    ana_bo, ana_cy, bo_cy = pairs["ana", "bo"], pairs["ana", "cy"], pairs["bo", "cy"]
    assert ana_bo["articles"] == 5
    assert ana_bo["span_f1"]["exact"]["*"] == pytest.approx(540 / 545, abs=1e-12)
    assert ana_bo["span_f1"]["overlap"]["*"] == pytest.approx(542 / 545, abs=1e-12)
    assert ana_cy["span_f1"]["exact"]["*"] == pytest.approx(544 / 545, abs=1e-12)
    assert bo_cy["span_f1"]["exact"]["*"] == pytest.approx(538 / 544, abs=1e-12)
    assert bo_cy["span_f1"]["overlap"]["*"] == pytest.approx(540 / 544, abs=1e-12)
    events = ana_bo["events"]
    assert (events["frames_a"], events["frames_b"], events["matched"], events["detection_f1"]) == (
        13,
        13,
        13,
        1.0,
    )
    assert events["fields"]["event_type"] == 1.0
    assert events["fields"]["sub_event_type"] == pytest.approx(12 / 13)
    assert events["fields"]["fatalities"] == pytest.approx(12 / 13)
    assert ana_cy["events"]["fields"]["sub_event_type"] == 1.0
    assert report["per_article"][0]["article"] == "1"  # where all the differences are
    assert report["per_article"][-1]["agreement"] == 1.0


def test_coefficients_agree_with_the_reference_packages(team_db: Path) -> None:
    krippendorff = pytest.importorskip("krippendorff")
    metrics = pytest.importorskip("sklearn.metrics")
    with Store(team_db) as store:
        report = agreement(store)
        data = versions(store)
    codes = label_codes(data)
    keys = sorted(data["ana"])
    tokens = {k: tokenize(data["ana"][k].text) for k in keys}
    arrays = {c: np.concatenate([token_codes(data[c][k], tokens[k], codes) for k in keys]) for c in data}
    pairs = {(p["a"], p["b"]): p for p in report["pairs"]}
    for a, b in pairs:
        expected = metrics.cohen_kappa_score(arrays[a], arrays[b])
        assert pairs[a, b]["token_kappa"]["*"] == pytest.approx(expected, abs=1e-9)
    reliability = np.vstack([arrays[c] for c in ("ana", "bo", "cy")]).astype(float)
    expected_alpha = krippendorff.alpha(reliability_data=reliability, level_of_measurement="nominal")
    assert report["overall"]["token_alpha"]["*"] == pytest.approx(expected_alpha, abs=1e-9)
    assert report["overall"]["fleiss_kappa"] > 0.98
    events = report["overall"]["events"]
    assert events["units"] == 13
    assert events["event_type"] == pytest.approx(1.0)
    assert events["sub_event_type"] < 1.0 and events["fatalities"] < 1.0


def test_agreement_command_prints_tables_json_and_an_html_report(team_db: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["agreement", "--db", str(team_db), "--out", str(tmp_path / "report")], terminal_width=160
    )
    assert result.exit_code == 0, result.output
    assert "ana / bo" in result.stdout and "Fleiss" in result.stdout
    page = (tmp_path / "report" / "report.html").read_text()
    for image in ("labels.png", "confusion-ana-bo.png", "articles.png"):
        assert image in page and (tmp_path / "report" / image).stat().st_size > 5_000
    as_json = runner.invoke(app, ["agreement", "--db", str(team_db), "--json"])
    assert json.loads(as_json.stdout)["annotators"] == ["ana", "bo", "cy"]


def test_review_keys_resolve_disagreements_into_gold(qtbot, team_db: Path, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from annotator.gui.qt_review_window import QtReviewWindow

    store = Store(team_db)
    window = QtReviewWindow(store, "rita")
    qtbot.addWidget(window)
    window.show()
    assert window.queue.item(0).data(Qt.ItemDataRole.UserRole) == 1  # the most disputed article first
    review = window.current
    assert review.article_id == 1 and review.annotators == ["ana", "bo", "cy"]
    disputed = [i for i in window.items if not i.agreed]
    regions = [i for i in disputed if hasattr(i, "start")]
    assert sorted(store.article(1)["text"][r.start : r.end] for r in regions) == [
        "Khas Balkh",
        "Monday",
        "Qaisar",
        "Taliban militants",
    ]
    text = store.article(1)["text"]
    gold_keys = {(s["start"], s["end"], s["label"]) for s in store.spans(1, annotator="gold")}
    agreed = {key for r in review.regions if r.agreed for key in r.versions["ana"]}
    assert agreed <= gold_keys  # agreed regions are pre-accepted (and agreed frames' role spans)
    row = window.items.index(next(r for r in regions if text[r.start : r.end] == "Khas Balkh"))
    window.table.selectRow(row)
    qtbot.keyClick(window.table, Qt.Key.Key_1)  # take ana's version: LOCATION
    qtbot.keyClick(window.table, Qt.Key.Key_2, Qt.KeyboardModifier.ShiftModifier)  # bo's for every other one
    decisions = {(d["kind"], d["item"]): d for d in store.decisions(1)}
    khas = decisions["region", window.items[row].item]
    assert khas["taken_from"] == ["ana"] and khas["reviewer"] == "rita" and khas["at"]
    gold = {(s["start"], s["end"]): s["label"] for s in store.spans(1, annotator="gold")}
    khas_start = text.index("Khas Balkh")
    assert gold[khas_start, khas_start + 10] == "LOCATION"  # ana's, not bo's ACTOR
    monday = next(r for r in regions if text[r.start : r.end] == "Monday")
    assert (monday.start, monday.end) not in gold  # bo's version of that region: no span
    shifted = next(r for r in regions if text[r.start : r.end] == "Taliban militants")
    assert gold[shifted.start, shifted.start + len("Taliban")] == "ACTOR"  # bo's shorter boundary
    seized = next(e for e in store.events(1, annotator="gold") if e["trigger_text"] == "seized")
    assert (seized["sub_event_type"], seized["fatalities"]) == ("Armed clash", 5)  # bo's frame (Shift+2)
    assert all(d["reviewer"] == "rita" for d in decisions.values())
    assert any(len(d["taken_from"]) == 3 for d in decisions.values())  # agreed items: all three
    qtbot.keyClick(window.table, Qt.Key.Key_E)  # the reviewer edits gold in the workspace
    assert window.editor.session.annotator == "gold" and window.editor.session.article_id == 1
    window.editor.close()
    window.activateWindow()
    qtbot.keyClick(window.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.status(1, "gold") == "done"
    assert window.current.article_id != 1  # on to the next disputed article
    window.close()
    store.close()
    out = tmp_path / "gold-corpus"
    result = runner.invoke(
        app, ["export", "spacy", "--db", str(team_db), "--gold", "--out", str(out), "--dev-ratio", "0"]
    )
    assert result.exit_code == 0, result.output
    assert "train articles: 1" in result.stdout
