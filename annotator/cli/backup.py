"""`annotator backup`: take a backup now, and set the project's backup schedule."""

from __future__ import annotations

from typing import Annotated

import typer

from annotator.cli._common import DbOption, app, out, project
from annotator.core.errors import UsageError


@app.command("backup")
def backup_command(
    db: DbOption = None,
    every: Annotated[
        float | None,
        typer.Option("--every", help="From now on, back up on open when the newest is this many hours old."),
    ] = None,
    keep: Annotated[int | None, typer.Option("--keep", help="Keep the newest N backups (default 5).")] = None,
) -> None:
    """Back the project up now (beside it, as <name>.<time>.backup), and with --every/--keep set
    how often a backup is taken when the project is opened and how many are kept.

    Example: annotator backup --db project.db --every 24 --keep 7
    """
    if every is not None and every <= 0:
        raise UsageError(f"--every takes a number of hours above 0, e.g. 24; got {every:g}")
    if keep is not None and keep < 1:
        raise UsageError(f"--keep takes a number of backups from 1 up, e.g. 5; got {keep}")
    with project(db) as store:
        target = store.backup(every_hours=every, keep=keep)
        schedule = store.backup_schedule()
    out.print(f"backed up {store.path} to {target.name}; {schedule}")
