"""Exporting a project's annotations in any registered format (training on them: `training`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.core.codebook import Codebook
from annotator.core.errors import ExportError
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
    """`annotator`'s annotations written to `out` in format `fmt`.

    RAISES (ExportError): unknown format, or no article to export; nothing is written.
    (UnknownAnnotatorError): no annotator of that name.
    """
    if fmt not in EXPORTERS:
        raise ExportError(f"unknown export format '{fmt}'; known: {', '.join(sorted(EXPORTERS))}")
    articles = list(collect(store, annotator, include=include, only_done=only_done))
    if not articles:
        done = "marked done by" if only_done else "of"
        raise ExportError(
            f"no articles {done} '{annotator}' to export (use --all-articles to include unfinished)"
        )
    report = EXPORTERS[fmt].export(articles, out, codebook, progress, **options)
    report.counts["articles"] = len(articles)
    return report

