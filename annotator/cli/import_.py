"""`annotator import`: articles, or a peer tool's annotations, into a project."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from annotator.cli._common import (
    CodebookOption,
    CreateOption,
    DbOption,
    app,
    err,
    load_book,
    out,
    print_error,
    progress_bar,
    project,
)
from annotator.core.errors import UsageError


@app.command("import")
def import_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Files (.txt, .jsonl, .csv) or folders; annotated files.")
    ],
    db: DbOption = None,
    create: CreateOption = False,
    annotator: Annotated[
        str | None,
        typer.Option(
            "--annotator",
            help="Import annotations as this annotator's finished work (the prefix of each "
            "annotator of a multi-user Prodigy db-out or a Label Studio export).",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Annotation format: annotations-json, brat, doccano, inception, labelstudio or prodigy "
            "(else detected).",
        ),
    ] = None,
    codebook: CodebookOption = None,
) -> None:
    """Import articles, or a peer tool's annotations, into a project.

    Plain articles: folders are searched recursively; content already there is left as it
    is. Annotations (Prodigy/doccano JSONL, brat folders, INCEpTION CAS XMI folders,
    annotations JSON) land as
    --annotator's work on the article with the same text (created if new), each record (one
    article's annotations) whole or not at all: a record with any problem (an offset that is
    not a whole number or falls outside the text, a label, role or event type not in the
    codebook, a span text that differs from the article's, a date that is no day) is refused,
    every problem printed as file:line, and its article is not marked done. A file or line
    that cannot be read is reported by name and line; the rest is still imported, and the
    exit code is 1. A UTF-8 file cut inside its last character is imported with U+FFFD there
    and a warning (exit 1). A Prodigy db-out whose tasks name several annotators
    (_annotator_id, else _session_id: DATASET-SESSION) is split: each task lands as
    --annotator-SESSION (--annotator team: team-ana, team-bo); one annotator named in the
    file is --annotator itself. A Label Studio JSON export names each annotation's annotator
    (completed_by; --annotator, optional, prefixes them), skips cancelled ones, and brings
    its predictions in as the suggester's pending suggestions.

    Example: annotator import articles/ more.jsonl --db project.db --create
    Example: annotator import ner.jsonl --format prodigy --annotator ana --db project.db
    Example: annotator import project-3-at-2024-07-29.json --db project.db
    """
    formats = annotation_formats(paths, fmt, annotator)
    if formats:
        from annotator.services.annotation_import import import_annotation_files

        book = load_book(codebook)
        with project(db, create=create) as store:
            results = import_annotation_files(store, formats, annotator=annotator or "", codebook=book)
        for path, name, summary in results:
            for failure in summary.failures:
                print_error(str(failure))
            out.print(f"{path} ({name}): {summary.line()}")
        ok = not any(summary.failures for _, _, summary in results)
    else:
        from annotator.services.importing import import_paths

        with project(db, create=create) as store, progress_bar("Importing") as progress:
            articles = import_paths(store, paths, progress=progress)
        for failure in articles.failures:
            print_error(str(failure))
        for warning in articles.warnings:
            print_warning(str(warning))
        out.print(articles.line())
        ok = articles.ok
    if not ok:
        raise typer.Exit(1)


def print_warning(message: str) -> None:
    """One line on stderr: a yellow `warning:` and the message exactly as given."""
    err.print(Text.assemble(("warning:", "yellow"), " ", message))


def annotation_formats(paths: list[Path], fmt: str | None, annotator: str | None) -> dict[Path, str]:
    """Each path's annotation format when these are annotated files ({} for plain articles)."""
    from annotator.formats import ANNOTATION_READERS, detect_format

    if fmt is not None and fmt not in ANNOTATION_READERS:
        raise UsageError(f"unknown --format '{fmt}'; known: {', '.join(sorted(ANNOTATION_READERS))}")
    formats = {path: fmt or detect_format(path) for path in paths}
    annotated = [p for p, f in formats.items() if f]
    unnamed = [p for p in annotated if not getattr(ANNOTATION_READERS[formats[p]], "names_annotators", False)]
    if unnamed and not annotator:
        raise UsageError(f"{unnamed[0]} holds {formats[unnamed[0]]} annotations: give --annotator NAME")
    if (annotator or annotated) and len(annotated) < len(paths):
        missing = next(p for p in paths if not formats[p])
        raise UsageError(
            f"cannot tell the annotation format of {missing}: "
            f"give --format {'|'.join(sorted(ANNOTATION_READERS))}"
        )
    return {path: name for path, name in formats.items() if name}
