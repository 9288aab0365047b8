"""`annotator export`: one annotator's (or the gold) annotations in another tool's format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from annotator.cli._common import (
    AnnotatorOption,
    CodebookOption,
    DbOption,
    GoldOption,
    app,
    check_include,
    check_ratio,
    load_book,
    out,
    progress_bar,
    project,
    who,
)


@app.command("export")
def export_command(
    fmt: Annotated[
        str,
        typer.Argument(
            help="spacy, prodigy, doccano, brat, conll, acled, inception, webanno-tsv or labelstudio."
        ),
    ],
    db: DbOption = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder; default exports/<project>-<time>/.")
    ] = None,
    annotator: AnnotatorOption = None,
    gold: GoldOption = False,
    dev_ratio: Annotated[float, typer.Option("--dev-ratio", help="spacy: share of articles in dev.")] = 0.2,
    seed: Annotated[int, typer.Option("--seed", help="spacy: seed of the train/dev split.")] = 0,
    include: Annotated[
        str, typer.Option("--include", help="accepted, or suggested (pending ones too).")
    ] = "accepted",
    all_articles: Annotated[
        bool, typer.Option("--all-articles", help="Not only articles marked done.")
    ] = False,
    include_undated: Annotated[
        bool,
        typer.Option("--include-undated", help="acled: also write frames without a date (empty event_date)."),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the contents of a non-empty --out folder.")
    ] = False,
    codebook: CodebookOption = None,
) -> None:
    """Export one annotator's (or the gold) annotations in a format other tools read.

    Only articles the annotator marked done are exported unless --all-articles is given.
    labelstudio writes every annotator's work (one annotation each; --annotator or --gold:
    only theirs) and the pending suggestions as predictions, with the labeling config.
    The folder appears only once the export is complete; a non-empty --out is refused
    unless --force is given. The ACLED CSV leaves out frames without a date, naming each in
    the report, unless --include-undated is given.

    Example: annotator export spacy --db project.db --annotator ana --out corpus/
    Example: annotator export labelstudio --db project.db --all-articles --out ls/
    """
    from annotator.services.atomic_out import check_target
    from annotator.services.exporting import default_out_dir, export_project

    team = fmt == "labelstudio" and not annotator and not gold  # every annotator's work
    name = None if team else who(annotator, gold)
    ratio, include = check_ratio(dev_ratio), check_include(include)
    if out_dir is not None:
        check_target(out_dir, force=force)  # before the project opens; the service checks again
    book = load_book(codebook)
    with project(db) as store, progress_bar("Exporting") as progress:
        report = export_project(
            store,
            fmt,
            out_dir or default_out_dir(store),
            book,
            annotator=name,
            include=include,
            only_done=not all_articles,
            force=force,
            progress=progress,
            dev_ratio=ratio,
            seed=seed,
            include_undated=include_undated,
        )
    for line in report.lines():
        out.print(line)
