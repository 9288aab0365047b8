"""Command line, one command per module (like spaCy's `cli/`): each command parses and checks
its arguments and calls one plain function in `services/`, `team/` or `gui.app`.

`_common` holds the app, the shared options and the one error path: an `AnnotatorError`
raised anywhere in a command is printed as one red line `error: <message>` on stderr and
the exit code is 1. A new command is a new module here, imported below.
"""

from importlib import import_module

from annotator.cli._common import app

# Importing a command's module registers it; this order is the order of `annotator --help`.
COMMANDS = (
    "new",
    "gui",
    "import_",
    "status",
    "codebook",
    "suggest",
    "evaluate",
    "load_annotations",
    "export",
    "train",
    "merge",
    "agreement",
    "review",
    "backup",
    "restore",
)
for _name in COMMANDS:
    import_module(f"annotator.cli.{_name}")

__all__ = ["app", "main"]


def main() -> None:
    """The `annotator` console script and `python -m annotator`."""
    app(prog_name="annotator")
