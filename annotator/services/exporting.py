"""Exporting a project's annotations in any registered format (training on them: `training`)."""

from __future__ import annotations

import itertools
from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import Codebook
from annotator.core.errors import ExportError
from annotator.core.frame_checks import problems as frame_problems
from annotator.formats import EXPORTERS
from annotator.formats.registry import ExportReport, Progress
from annotator.nlp.coordinates import PlaceCoordinates
from annotator.services.atomic_out import partial_folders, staged_folder
from annotator.services.collect import collect, collect_team
from annotator.store import Store


def default_out_dir(store: Store, base: Path = Path("exports")) -> Path:
    """A new folder under `base` named by project and time; never one that exists already, so
    two exports in the same second (or microsecond) do not share a folder."""
    name = f"{store.path.stem}-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}"
    candidates = (base / (name if n == 1 else f"{name}-{n}") for n in itertools.count(1))
    return next(c for c in candidates if not c.exists() and not c.is_symlink() and not partial_folders(c))


def export_project(
    store: Store,
    fmt: str,
    out: Path,
    codebook: Codebook,
    *,
    annotator: str | None,
    include: str = "accepted",
    only_done: bool = True,
    force: bool = False,
    progress: Progress | None = None,
    **options: Any,
) -> ExportReport:
    """`annotator`'s annotations written to `out` in format `fmt`. The report counts the
    frames that fail the codebook's validation (`invalid_frames`) with a note for each.
    `options` go to the format (`dev_ratio`, `include_undated`...), with `annotator` and
    `locate` (a frame's place -> coordinates, for the ACLED CSV), the gazetteers'
    (`nlp.coordinates`) unless given.
    A format that holds several annotators per article (its exporter's `team`: Label Studio)
    gets every annotator's work and the suggester's pending suggestions (`collect_team`),
    only `annotator`'s when given; `include` does not apply to it.

    `out` appears whole or not at all (`atomic_out`, which also says how a symlinked `out`,
    concurrent exports and parent folders are handled): an error or a kill mid-export leaves no
    `out` that looks finished. A non-empty `out` is replaced only with `force`.

    RAISES (ExportError): unknown format, no article to export, an `out` that is a file, not
    writable, (without `force`) not empty or finished by another export meanwhile, or a write
    that failed (disk full); nothing is written.
    (UnknownAnnotatorError): no annotator of that name.
    """
    if fmt not in EXPORTERS:
        raise ExportError(f"unknown export format '{fmt}'; known: {', '.join(sorted(EXPORTERS))}")
    team = EXPORTERS[fmt].team
    if annotator is None and not team:
        raise ExportError(f"a {fmt} export holds one annotator's work: name the annotator")
    if force and store.path.resolve().is_relative_to(out.resolve()):
        raise ExportError(f"--out {out}: holds the project file {store.path}; give another folder to replace")
    with staged_folder(out, force=force) as staging:  # checks `out` before anything is read
        if team:
            articles = list(collect_team(store, annotator, only_done=only_done))
        else:
            articles = list(collect(store, str(annotator), include=include, only_done=only_done))
        if not articles:
            done = "marked done by" if only_done else "of"
            whose = f"'{annotator}'" if annotator else "anyone"
            raise ExportError(
                f"no articles {done} {whose} to export (use --all-articles to include unfinished)"
            )
        options.setdefault("locate", PlaceCoordinates())  # read only by a format that asks
        options.setdefault("annotator", annotator)  # whose work it is (Prodigy's _annotator_id, the CAS)
        report = EXPORTERS[fmt].export(articles, staging, codebook, progress, **options)
    report.files = [out / path.relative_to(staging) for path in report.files]
    report.counts["articles"] = len({a.meta.get("id") for a in articles})
    report_invalid_frames(report, articles, codebook)
    return report


def report_invalid_frames(report: ExportReport, articles: list[AnnotatedArticle], codebook: Codebook) -> None:
    """Count the exported frames that fail the codebook's validation (`core.frame_checks`, the
    problems the workspace's form shows) and add a note for each: article, frame, problems."""
    report.counts["invalid_frames"] = 0
    for article in articles:
        for frame in article.frames:
            found = frame_problems(frame.fields, frame.roles, codebook)
            if not found:
                continue
            report.counts["invalid_frames"] += 1
            name = frame.fields.get("event_type") or "no event type"
            where = frame.fields.get("trigger_start")
            at = f" at {where}" if where is not None else ""
            report.notes.append(f"article {article.meta.get('id')}: frame '{name}'{at}: {'; '.join(found)}")
