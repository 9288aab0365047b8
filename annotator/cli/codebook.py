"""`annotator codebook`: check a codebook file and summarise it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from annotator.cli._common import app, load_book, out


@app.command("codebook")
def codebook_command(
    path: Annotated[Path | None, typer.Argument(help="Codebook file; default: the one in force.")] = None,
) -> None:
    """Check a codebook file and summarise it (labels, event types, roles).

    The codebook in force is PATH, else $ANNOTATOR_CODEBOOK, else the bundled one.

    Example: annotator codebook my_team_codebook.toml
    """
    book = load_book(path)
    out.print(f"{book.name} (version {book.version}) — {book.path}")
    out.print("Labels: " + ", ".join(f"{lab.name} [{lab.shortcut}]" for lab in book.labels))
    for event_type in book.event_types:
        subs = "; ".join(s.name for s in event_type.sub_event_types)
        out.print(f"  {event_type.name}: {subs}")
    out.print("Roles: " + ", ".join(r.name for r in book.roles))
