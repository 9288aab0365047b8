"""Exporting a project's annotations in any registered format, and training on them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.core.codebook import Codebook
from annotator.formats import EXPORTERS
from annotator.formats.registry import ExportReport, Progress
from annotator.services.collect import collect
from annotator.store import Store


def default_out_dir(store: Store, base: Path = Path("exports")) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return base / f"{store.path.stem}-{stamp}"


def export_project(
    store: Store,
    fmt: str,
    out: Path,
    codebook: Codebook,
    *,
    annotator: str,
    include: str = "accepted",
    only_done: bool = True,
    progress: Progress | None = None,
    **options: Any,
) -> ExportReport:
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown export format '{fmt}'; known: {', '.join(sorted(EXPORTERS))}")
    articles = list(collect(store, annotator, include=include, only_done=only_done))
    if not articles:
        done = "marked done by" if only_done else "of"
        raise ValueError(
            f"no articles {done} '{annotator}' to export (use --all-articles to include unfinished)"
        )
    report = EXPORTERS[fmt].export(articles, out, codebook, progress, **options)
    report.counts["articles"] = len(articles)
    return report


def train(corpus: Path, output: Path, config: Path, overrides: dict[str, Any]) -> dict[str, Any]:
    """Run spaCy's own training on an exported corpus; returns model-best's scores."""
    from spacy.cli.train import train as spacy_train

    settings = {
        "paths.train": str(corpus / "train.spacy"),
        "paths.dev": str(corpus / "dev.spacy"),
        **overrides,
    }
    spacy_train(config, output, overrides=settings)
    meta = json.loads((output / "model-best" / "meta.json").read_text(encoding="utf-8"))
    return meta.get("performance", {})
