"""`annotator agreement`: agreement between the project's annotators."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from annotator.cli._common import DbOption, app, check_out_dir, err, out, project


@app.command("agreement")
def agreement_command(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the measures as JSON.")] = False,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Write report.html with plots here.")] = None,
) -> None:
    """Agreement between annotators: spans, tokens (Cohen, Fleiss, Krippendorff) and events.

    Example: annotator agreement --db team.db --out agreement/
    """
    from annotator.team.agreement import agreement
    from annotator.team.report import text_tables, write_html

    if out_dir is not None:
        check_out_dir(out_dir)
    with project(db) as store:
        report = agreement(store)
    if as_json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        for title, header, rows in text_tables(report):
            table = Table(*header, title=title, box=box.SIMPLE, title_justify="left")
            for row in rows:
                table.add_row(*row)
            out.print(table)
    if out_dir is not None:
        page = write_html(report, out_dir)
        (err if as_json else out).print(f"wrote {page}")
