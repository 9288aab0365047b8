"""`annotator train`: export the spaCy corpus and train a pipeline with spaCy's training loop."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from annotator.cli._common import (
    AnnotatorOption,
    DbOption,
    GoldOption,
    app,
    check_out_dir,
    check_ratio,
    load_book,
    out,
    parse_setting,
    project,
    who,
)
from annotator.core.errors import UsageError


@app.command("train")
def train_command(
    db: DbOption = None,
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for the corpus and the trained model.")
    ] = Path("training"),
    annotator: AnnotatorOption = None,
    gold: GoldOption = False,
    config: Annotated[
        Path | None, typer.Option("--config", help="spaCy config; default resources/training.cfg.")
    ] = None,
    dev_ratio: Annotated[float, typer.Option("--dev-ratio")] = 0.2,
    seed: Annotated[int, typer.Option("--seed")] = 0,
    settings: Annotated[list[str] | None, typer.Option("--set", help="Config override key=value.")] = None,
) -> None:
    """Export the spaCy corpus and train a pipeline on it with spaCy's own training loop.

    The best model lands in OUT/model/model-best; use it with `annotator suggest --model`.
    spaCy's own progress goes to stderr; stdout holds only the summary lines.

    Example: annotator train --db project.db --gold --out training/ --set training.max_steps=500
    """
    from annotator.paths import resources_dir
    from annotator.services.training import train_project

    name, ratio = who(annotator, gold), check_ratio(dev_ratio)
    overrides = dict(parse_setting(s) for s in settings or [])
    if config is not None and not config.is_file():
        raise UsageError(
            f"--config {config}: no such file; give a spaCy training config, "
            "or leave --config out for the bundled training.cfg"
        )
    check_out_dir(out_dir)
    book = load_book(None)
    with project(db) as store:
        result = train_project(
            store,
            out_dir,
            book,
            annotator=name,
            config=config or resources_dir() / "training.cfg",
            overrides=overrides,
            dev_ratio=ratio,
            seed=seed,
        )
    for line in result.report.lines():
        out.print(line)
    out.print(
        "scores of model-best: "
        + ", ".join(f"{k} {v:.3f}" for k, v in sorted(result.scores.items()) if isinstance(v, int | float))
    )
    out.print(f"model: {result.model}")
