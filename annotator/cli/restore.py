"""`annotator restore`: put a backup back over a damaged project."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from annotator.cli._common import DbOption, app, out


@app.command("restore")
def restore_command(
    db: DbOption = None,
    backup: Annotated[
        Path | None, typer.Option("--backup", help="The backup file to restore. Default: the newest.")
    ] = None,
) -> None:
    """Copy the newest backup (or --backup FILE) over the project, the current file saved
    aside first as <name>.<time>.damaged, so nothing is lost.

    Backups lie beside the project as <name>.<time>.backup (see `annotator backup`).

    Example: annotator restore --db project.db
    """
    from annotator.services.project import project_path, restore_project

    source, aside = restore_project(db, backup)
    if aside is not None:
        out.print(f"saved the current project aside as {aside}")
    out.print(f"restored {source} over {project_path(db)}")
