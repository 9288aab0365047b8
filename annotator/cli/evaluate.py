"""`annotator evaluate`: suggestions (or one annotator) scored against a gold annotator."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.table import Table

from annotator.agreement.events import FieldAgreement
from annotator.agreement.spans import EXACT, OVERLAP, Score
from annotator.cli._common import DbOption, app, out, project

if TYPE_CHECKING:
    from annotator.services.evaluation import Targets


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[str, typer.Option("--gold", help="Annotator whose work is the reference.")],
    db: DbOption = None,
    against: Annotated[
        str, typer.Option("--against", help="'suggestions' or an annotator name.")
    ] = "suggestions",
    baseline: Annotated[
        bool,
        typer.Option("--baseline", help="Also score plain spaCy (naive label map) on the same articles."),
    ] = False,
) -> None:
    """Precision, recall and F1 per label (exact and overlapping spans), place normalisation,
    casualty values, event detection and each frame field's accuracy.

    Example: annotator evaluate --db project.db --gold gold --against suggestions --baseline
    """
    from annotator.services.evaluation import evaluate

    with project(db) as store:
        report = evaluate(store, gold, against, baseline=baseline)
    out.print(f"{against} against {gold} on {report.articles} articles")
    out.print(_span_table(report.exact, report.overlap))
    out.print("P/R/F1: exact boundaries; P~/R~/F1~: overlapping boundaries; *: all labels")
    if report.baseline_exact is not None and report.baseline_overlap is not None:
        out.print("baseline: plain spaCy (GPE/LOC/FAC→LOCATION, ORG/NORP→ACTOR) on the same articles")
        out.print(_span_table(report.baseline_exact, report.baseline_overlap))
    events = report.events
    out.print(
        f"events: detection P {events.detection.precision:.2f} R {events.detection.recall:.2f} "
        f"F1 {events.detection.f1:.2f} (gold {events.detection.tp + events.detection.fn}, "
        f"matched {events.pairs}); event-type accuracy {events.type_accuracy:.2f}, "
        f"sub-event-type accuracy {events.sub_type_accuracy:.2f}"
    )
    out.print(f"frame fields on matched frames: {_accuracies(report.fields)}")
    out.print(f"places (LOCATION spans found exactly): {_accuracies(report.places)}")
    out.print(f"casualties (CASUALTY spans found exactly): {_accuracies(report.casualties)}")
    types = report.article_types
    out.print(
        f"event types per article: found {types.recall:.2f} ({types.tp}/{types.tp + types.fn}), "
        f"right {types.precision:.2f} ({types.tp}/{types.tp + types.fp})"
    )
    if report.targets is not None:
        out.print(_targets_line(against, report.targets))
    if report.baseline_targets is not None:
        out.print(_targets_line("plain spaCy", report.baseline_targets))


def _targets_line(side: str, targets: Targets) -> str:
    """Named organisations and attackers found as ACTOR, exact (overlapping) boundaries."""
    named, attackers = targets.named_actors, targets.attackers
    exact, loose = named[EXACT], named[OVERLAP]
    return (
        f"{side}: named organisations found as ACTOR R {exact.recall:.2f} ({loose.recall:.2f}~) "
        f"of {exact.gold}, P {exact.precision:.2f} ({loose.precision:.2f}~) of {exact.predicted}; "
        f"attackers found as ACTOR R {attackers[EXACT].recall:.2f} ({attackers[OVERLAP].recall:.2f}~) "
        f"of {attackers[EXACT].gold}"
    )


def _span_table(exact: dict[str, Score], overlap: dict[str, Score]) -> Table:
    table = Table(box=box.SIMPLE)
    table.add_column("label", no_wrap=True)
    for header in ("P", "R", "F1", "P~", "R~", "F1~", "gold"):
        table.add_column(header, justify="right", no_wrap=True)
    for label, score in exact.items():
        loose = overlap.get(label, Score(0, 0, 0))
        values = (score.precision, score.recall, score.f1, loose.precision, loose.recall, loose.f1)
        table.add_row(label, *(f"{v:.2f}" for v in values), str(score.tp + score.fn))
    return table


def _accuracies(agreements: dict[str, FieldAgreement]) -> str:
    return ", ".join(f"{name} {a.accuracy:.2f} ({a.matches}/{a.compared})" for name, a in agreements.items())
