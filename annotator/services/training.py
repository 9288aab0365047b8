"""Training a spaCy pipeline on a project's annotations: the config checked first, then the
corpus exported, then spaCy's own training loop, whose printing goes to stderr."""

from __future__ import annotations

import contextlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.codebook import Codebook
from annotator.core.errors import ModelError
from annotator.formats.registry import ExportReport
from annotator.services.exporting import export_project
from annotator.store import Store


@dataclass
class TrainingResult:
    report: ExportReport
    scores: dict[str, Any]
    model: Path


def train_project(
    store: Store,
    out: Path,
    codebook: Codebook,
    *,
    annotator: str,
    config: Path,
    overrides: dict[str, Any],
    dev_ratio: float = 0.2,
    seed: int = 0,
) -> TrainingResult:
    """Export `annotator`'s corpus to OUT/corpus and train OUT/model on it.

    RAISES (ModelError): the config cannot be read or an override names no setting in it,
    before anything is exported. (ExportError): nothing to export.
    """
    check_config(config, overrides)
    corpus = out / "corpus"
    report = export_project(
        store, "spacy", corpus, codebook, annotator=annotator, dev_ratio=dev_ratio, seed=seed
    )
    scores = train(corpus, out / "model", config, overrides)
    return TrainingResult(report, scores, out / "model" / "model-best")


def check_config(config: Path, overrides: dict[str, Any]) -> None:
    """The config parses and every override names a setting of it."""
    from confection import ConfigValidationError
    from spacy.util import load_config

    if not config.is_file():
        raise ModelError(f"{config}: no such training config")
    try:
        load_config(config, overrides=overrides, interpolate=False)
    except ConfigValidationError as exc:
        if exc.errors:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors)
            raise ModelError(f"{config}: {problems}; check the --set keys against the config") from None
        lines = [line.strip() for line in (exc.desc or "").splitlines() if line.strip()]
        detail = next((line for line in lines if not line.startswith("Make sure")), exc.title)
        raise ModelError(f"{config}: not a readable spaCy config: {detail}") from None


def train(corpus: Path, output: Path, config: Path, overrides: dict[str, Any]) -> dict[str, Any]:
    """Run spaCy's own training on an exported corpus; returns model-best's scores.

    spaCy prints its progress table with print(): it goes to stderr, so that our stdout holds
    only our own lines.
    """
    from spacy.cli.train import train as spacy_train

    settings = {
        "paths.train": str(corpus / "train.spacy"),
        "paths.dev": str(corpus / "dev.spacy"),
        **overrides,
    }
    with contextlib.redirect_stdout(sys.stderr):
        spacy_train(config, output, overrides=settings)
    meta = json.loads((output / "model-best" / "meta.json").read_text(encoding="utf-8"))
    return meta.get("performance", {})
