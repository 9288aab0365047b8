"""`annotator new`: create an empty project file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from annotator.cli._common import app, out


@app.command("new")
def new_command(
    path: Annotated[Path, typer.Argument(help="The project file to create (.db); must not exist.")],
) -> None:
    """Create an empty project file; the other commands open it with --db.

    Commands never create a project from a --db that does not exist unless given --create,
    so a mistyped path is an error, not a new empty project.

    Example: annotator new project.db
    """
    from annotator.services.project import new_project

    out.print(f"created project {new_project(path)}")
