"""`annotator review`: resolve the annotators' disagreements into the gold standard."""

from __future__ import annotations

from typing import Annotated

import typer

from annotator.cli._common import DbOption, ScreenshotOption, app, check_screenshot, exit_window, project
from annotator.core.errors import InputError
from annotator.core.model import ArticleState
from annotator.store import Store


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

    check_screenshot(screenshot)
    with project(db) as store:
        check_team(store)
        code = run_review(store, reviewer, screenshot)
    exit_window(screenshot, code)


def check_team(store: Store) -> None:
    """Review compares two or more annotators' finished work: refuse a project without it."""
    from annotator.team.agreement import team

    counts = store.status_counts()
    finished = [name for name in team(store) if counts.get(name, {}).get(ArticleState.DONE)]
    if len(finished) < 2:
        raise InputError(
            store.path,
            f"review needs two annotators with finished articles, this project has "
            f"{', '.join(finished) or 'none'}; merge the annotators' project files into it "
            "with `annotator merge`",
        )
