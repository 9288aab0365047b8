"""`annotator review`: resolve the annotators' disagreements into the gold standard."""

from __future__ import annotations

from typing import Annotated

import typer

from annotator.cli._common import DbOption, ScreenshotOption, app, exit_window, project


@app.command("review")
def review_command(
    reviewer: Annotated[str, typer.Option("--reviewer", help="Who reviews (recorded with each decision).")],
    db: DbOption = None,
    screenshot: ScreenshotOption = None,
) -> None:
    """Review mode: resolve the annotators' disagreements into the gold standard.

    Articles come most-disputed first; keys 1, 2, 3 take that annotator's version of the
    selected item (Shift: for every undecided item); agreed items are pre-accepted.

    Example: annotator review --db team.db --reviewer rita
    """
    from annotator.gui.app import run_review

    with project(db) as store:
        code = run_review(store, reviewer, screenshot)
    exit_window(screenshot, code)
