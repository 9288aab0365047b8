"""`annotator suggest`: entity suggestions and draft event frames for a project's articles."""

from __future__ import annotations

from typing import Annotated

import typer

from annotator.cli._common import (
    CodebookOption,
    DbOption,
    ModelOption,
    app,
    err,
    load_book,
    out,
    parse_ids,
    progress_bar,
    project,
)


@app.command("suggest")
def suggest_command(
    db: DbOption = None,
    model: ModelOption = None,
    articles: Annotated[str | None, typer.Option("--articles", help="Comma-separated article ids.")] = None,
    codebook: CodebookOption = None,
) -> None:
    """Pre-compute entity suggestions and draft event frames for the project's articles.

    Only articles whose suggestions are missing or were made by another model, gazetteer
    or rules version are processed; accepted, rejected and manual work is never touched.
    The model chosen with --model is remembered as the project's setting. An article that
    fails is rolled back and reported, the others proceed, and the exit code is 1; a re-run
    tries only the failed (and outdated) articles again.

    Example: annotator suggest --db project.db --articles 1,2,3
    """
    from annotator.services.suggesting import suggest_project

    ids = parse_ids(articles)
    book = load_book(codebook)
    with project(db) as store, progress_bar("Suggesting") as progress:
        summary = suggest_project(store, book, model=model, article_ids=ids, progress=progress)
    out.print(f"Suggester: {summary.pipeline}")
    out.print(summary.line())
    for article_id, flags in sorted(summary.flagged.items()):
        out.print(f"  article #{article_id}: {', '.join(flags)}")
    for failure in summary.failed:
        err.print(f"error: suggesting failed for {failure.line()}")
    if summary.failed:
        raise typer.Exit(1)
