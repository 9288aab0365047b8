"""`annotator load-annotations`: one annotator's work from an annotations JSON file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from annotator.cli._common import DbOption, app, out, project


@app.command("load-annotations")
def load_annotations_command(
    path: Annotated[
        Path,
        typer.Argument(help="Annotations JSON file (see annotator/formats/annotations_json.py)."),
    ],
    db: DbOption = None,
    annotator: Annotated[str | None, typer.Option("--annotator", help="Store as this annotator.")] = None,
) -> None:
    """Load one annotator's spans and event frames from an annotations JSON file.

    Articles are matched by the file name they were imported from. All or nothing.

    Example: annotator load-annotations tests/fixtures/gold_seeds.json --db project.db
    """
    from annotator.services.annotations_json import load_annotations

    with project(db) as store:
        count = load_annotations(store, path, annotator=annotator)
    out.print(f"loaded annotations for {count} articles")
