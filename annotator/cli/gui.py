"""`annotator gui` (and `annotator` with no command): the annotation workspace."""

from __future__ import annotations

from typing import Annotated

import typer

from annotator.cli._common import (
    CodebookOption,
    CreateOption,
    DbOption,
    ScreenshotOption,
    app,
    check_screenshot,
    exit_window,
    load_book,
    project,
)
from annotator.core.errors import UsageError


@app.callback(invoke_without_command=True)
def main_callback(ctx: typer.Context) -> None:
    """Annotate conflict-event news articles. With no command: the workspace on the default project."""
    if ctx.invoked_subcommand is None:
        gui_command(
            db=None,
            create=False,
            annotator=None,
            article=None,
            frame=None,
            screenshot=None,
            model=None,
            codebook=None,
        )


@app.command("gui")
def gui_command(
    db: DbOption = None,
    create: CreateOption = False,
    annotator: Annotated[str | None, typer.Option("--annotator", help="Who is annotating.")] = None,
    article: Annotated[int | None, typer.Option("--article", help="Article id to open.")] = None,
    frame: Annotated[
        int | None,
        typer.Option("--frame", help="Select the article's Nth event frame (1 = first in the list)."),
    ] = None,
    screenshot: ScreenshotOption = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model for suggestions.")] = None,
    codebook: CodebookOption = None,
) -> None:
    """Open the annotation workspace (asks who is annotating unless --annotator is given).

    Example: annotator gui --db project.db --annotator ana --article 3 --frame 1
    """
    from annotator.gui.app import run_gui

    check_screenshot(screenshot)
    if frame is not None and frame < 1:
        raise UsageError(f"--frame {frame}: frames are numbered from 1 (the first in the event list)")
    book = load_book(codebook)
    with project(db, create=create) as store:
        if article is not None and article not in store.article_ids():
            raise UsageError(
                f"--article {article}: no article with id {article} in {store.path}; "
                "`annotator status` lists the project's articles"
            )
        code = run_gui(
            store, book, annotator=annotator, article=article, screenshot=screenshot, model=model, frame=frame
        )
    exit_window(screenshot, code)
