"""`annotator evaluate`: suggestions (or one annotator) scored against a gold annotator."""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.table import Table

from annotator.cli._common import DbOption, app, out, project


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[str, typer.Option("--gold", help="Annotator whose work is the reference.")],
    db: DbOption = None,
    against: Annotated[
        str, typer.Option("--against", help="'suggestions' or an annotator name.")
    ] = "suggestions",
) -> None:
    """Precision, recall and F1 per label (exact and overlapping spans) and event-type accuracy.

    Example: annotator evaluate --db project.db --gold gold --against suggestions
    """
    from annotator.services.evaluation import evaluate

    with project(db) as store:
        report = evaluate(store, gold, against)
    out.print(f"{against} against {gold} on {report.articles} articles")
    table = Table(box=box.SIMPLE)
    table.add_column("label", no_wrap=True)
    for header in ("P", "R", "F1", "P~", "R~", "F1~", "gold"):
        table.add_column(header, justify="right", no_wrap=True)
    for label, exact in report.exact.items():
        loose = report.overlap[label]
        scores = (exact.precision, exact.recall, exact.f1, loose.precision, loose.recall, loose.f1)
        table.add_row(label, *(f"{v:.2f}" for v in scores), str(exact.tp + exact.fn))
    out.print(table)
    out.print("P/R/F1: exact boundaries; P~/R~/F1~: overlapping boundaries; *: all labels")
    events = report.events
    out.print(
        f"events: detection P {events.detection.precision:.2f} R {events.detection.recall:.2f} "
        f"F1 {events.detection.f1:.2f} (gold {events.detection.tp + events.detection.fn}, "
        f"matched {events.pairs}); event-type accuracy {events.type_accuracy:.2f}, "
        f"sub-event-type accuracy {events.sub_type_accuracy:.2f}"
    )
