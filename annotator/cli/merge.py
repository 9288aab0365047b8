"""`annotator merge`: annotators' project files into a team project."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from annotator.cli._common import CreateOption, DbOption, app, check_files, err, out, project


@app.command("merge")
def merge_command(
    sources: Annotated[list[Path], typer.Argument(help="Annotators' project files.")],
    db: DbOption = None,
    create: CreateOption = False,
) -> None:
    """Merge annotators' project files into a team project (articles matched by content).

    Merging the same file again changes nothing; one annotator's differing work on an
    article in two files is reported as a conflict and the merged version kept.

    Example: annotator merge ana.db bo.db --db team.db --create
    """
    from annotator.team.merge import merge

    check_files(sources, "project file")
    with project(db, create=create) as store:
        summary = merge(store, sources)
    for conflict in summary.conflicts:
        err.print(f"conflict: {conflict}")
    out.print(summary.line())
