"""A model is known by its files: a retrained pipeline whose meta says the same name and
version (spaCy writes 0.0.0 for every trained one) still gets a new suggester version, and
`annotator train` writes a version unique to the weights into meta.json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy

from annotator.nlp import model_files
from annotator.nlp.model_files import files_digest
from annotator.nlp.pipeline import load_pipeline
from annotator.nlp.suggester import Suggester
from annotator.services.importing import import_paths
from annotator.services.suggesting import suggest_articles
from annotator.services.training import stamp_version
from annotator.store import Store


def tiny_model(folder: Path, seed: int) -> Path:
    """A blank English pipeline with an initialised NER, its weights drawn with `seed`."""
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    nlp.add_pipe("ner").add_label("ORG")
    nlp.initialize()
    folder.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(folder)
    return folder


@pytest.fixture(scope="module")
def two_models(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """model-best of two trainings: the same meta.json, different weights."""
    root = tmp_path_factory.mktemp("models")
    first = tiny_model(root / "first" / "model-best", seed=0)
    second = tiny_model(root / "second" / "model-best", seed=1)
    shutil.copyfile(first / "meta.json", second / "meta.json")
    assert (first / "ner" / "model").read_bytes() != (second / "ner" / "model").read_bytes()
    return first, second


def suggester_on(folder: Path, rules_only: Suggester) -> Suggester:
    pipeline = load_pipeline(str(folder), rules_only.gazetteer)
    return Suggester(pipeline, rules_only.gazetteer, rules_only.codebook, rules_only.cues)


def test_same_meta_different_weights_give_different_versions(
    two_models: tuple[Path, Path], rules_only: Suggester, tmp_path: Path
) -> None:
    first, second = two_models
    assert json.loads((first / "meta.json").read_text()) == json.loads((second / "meta.json").read_text())
    assert files_digest(first, tmp_path) != files_digest(second, tmp_path)
    one, other = suggester_on(first, rules_only), suggester_on(second, rules_only)
    assert one.pipeline.model_version == other.pipeline.model_version == "0.0.0"
    assert one.version != other.version
    assert one.pipeline.label.startswith("en_pipeline@0.0.0#")
    assert f"(files {files_digest(first, tmp_path)[:12]})" in one.pipeline.message


def test_the_same_folder_gives_the_same_version_twice(
    two_models: tuple[Path, Path], rules_only: Suggester, tmp_path: Path
) -> None:
    first, _ = two_models
    assert suggester_on(first, rules_only).version == suggester_on(first, rules_only).version
    copy = shutil.copytree(first, tmp_path / "elsewhere" / "model-best")
    assert files_digest(copy, tmp_path) == files_digest(first, tmp_path)  # by content, not place


def test_the_digest_is_cached_and_rehashed_when_a_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tiny_model(tmp_path / "m", seed=0)
    cache = tmp_path / "cache"
    digest = files_digest(folder, cache)
    assert json.loads((cache / model_files.CACHE_NAME).read_text())[str(folder.resolve())]["digest"] == digest
    monkeypatch.setattr(model_files, "_memory", {})
    hashed = []
    monkeypatch.setattr(model_files, "_hash", lambda files: hashed.append(files) or "rehashed")
    assert files_digest(folder, cache) == digest and not hashed  # from the cache file
    (folder / "ner" / "model").write_bytes(b"other weights")
    assert files_digest(folder, cache) == "rehashed"
    (folder / "meta.json").write_text("{}")  # meta.json is not part of the digest
    assert files_digest(folder, cache) == "rehashed" and len(hashed) == 1


def test_a_broken_cache_only_costs_the_hashing(tmp_path: Path) -> None:
    folder = tiny_model(tmp_path / "m", seed=0)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / model_files.CACHE_NAME).write_text("not json")
    model_files._memory.clear()
    assert files_digest(folder, cache) == files_digest(folder, tmp_path / "fresh")


def test_a_retrained_model_is_suggested_again(
    two_models: tuple[Path, Path], rules_only: Suggester, store: Store, seeds: Path, tmp_path: Path
) -> None:
    """The bug: `suggest --model DIR/model-best` after retraining said '0 articles; 5 already
    up to date' and kept the old model's suggestions."""
    first, second = two_models
    import_paths(store, [seeds])
    folder = shutil.copytree(first, tmp_path / "model" / "model-best")
    before = suggester_on(folder, rules_only)
    assert len(suggest_articles(store, before).updated) == 5
    assert suggest_articles(store, before).unchanged == 5
    shutil.rmtree(folder)
    shutil.copytree(second, folder)  # retrained into the same folder, the same meta
    after = suggester_on(folder, rules_only)
    summary = suggest_articles(store, after)
    assert (len(summary.updated), summary.unchanged) == (5, 0)


def test_train_writes_a_version_unique_to_the_weights(two_models: tuple[Path, Path], tmp_path: Path) -> None:
    versions = []
    for n, model in enumerate(two_models):
        folder = shutil.copytree(model, tmp_path / str(n))
        versions.append(stamp_version(folder))
        meta = json.loads((folder / "meta.json").read_text())
        assert meta["version"] == versions[-1] == f"0.0.0+{files_digest(folder, tmp_path)[:12]}"
        assert meta["name"] == "pipeline"  # the rest of the meta kept
        assert stamp_version(folder) == versions[-1]  # stamping again changes nothing
    assert versions[0] != versions[1]


@pytest.mark.slow
def test_suggest_after_retraining_suggests_again(store: Store, seeds: Path, tmp_path: Path) -> None:
    """The issue's steps: train, suggest, retrain into the same folder, suggest again."""
    from typer.testing import CliRunner

    from annotator.cli import app
    from annotator.services.annotations_json import load_annotations

    import_paths(store, [seeds])
    load_annotations(store, Path(__file__).parent / "fixtures" / "gold_seeds.json")
    db, out = str(store.path), str(tmp_path / "training")
    runner = CliRunner()
    model = tmp_path / "training" / "model" / "model-best"
    lines = []
    for seed in ("1", "2"):
        steps = [
            "--set",
            "training.max_steps=4",
            "--set",
            "training.eval_frequency=2",
            "--set",
            f"training.seed={seed}",
        ]
        trained = runner.invoke(app, ["train", "--db", db, "--gold", "--out", out, *steps])
        assert trained.exit_code == 0, trained.output
        assert json.loads((model / "meta.json").read_text())["version"].startswith("0.0.0+")
        for _ in range(2):
            suggested = runner.invoke(app, ["suggest", "--db", db, "--model", str(model)])
            assert suggested.exit_code == 0, suggested.output
            lines.append(next(line for line in suggested.stdout.splitlines() if "up to date" in line))
    assert [line.split(" in ", 1)[1] for line in lines] == [
        "5 articles; 0 already up to date",
        "0 articles; 5 already up to date",
        "5 articles; 0 already up to date",  # the retrained model's suggestions replace the old
        "0 articles; 5 already up to date",
    ]
