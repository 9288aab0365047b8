"""Typed errors: everything a user can be shown derives from `AnnotatorError`.

Each message is one sentence a user can act on: it names the file (and line) or the thing at
fault and says how to fix it. The CLI prints them as one red line in one place
(`annotator.cli._common.Commands.invoke`); the GUI shows them through one handler
(`annotator.gui.commands.CommandWindow.run_command`).
Any other exception is a programming error and is never dressed up as a user error.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class AnnotatorError(Exception):
    """Base class of every error a user can be shown."""


class InputError(AnnotatorError):
    """A file given by the user cannot be used. Carries the file and, where known, the line."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class CodebookError(InputError):
    """The codebook file is malformed or inconsistent."""


class FormatError(AnnotatorError):
    """Content a format cannot use (a field of the wrong type, an unusable value, bytes that
    are not text). Raised inside `formats/` without a file or line; the reader that knows them
    reports it as a `ReadFailure` of that file and line, so one bad input never stops the others.
    """


class StoreError(AnnotatorError):
    """A write to the project store was refused; nothing was written."""


class OffsetError(StoreError):
    """Span offsets that do not fall inside the article text."""


class UnknownAnnotatorError(StoreError):
    """A read named an annotator the project does not have; nothing was created."""

    def __init__(self, name: str, known: Iterable[str], project: str | Path) -> None:
        self.name = name
        names = ", ".join(sorted(known)) or "none yet"
        super().__init__(f"no annotator named '{name}' in {project}; known: {names}")


class SessionError(AnnotatorError):
    """A workspace command that cannot be carried out as given (nothing selected, an unknown
    role, a value the codebook refuses); the store and the views are unchanged."""


class FieldValueError(StoreError, SessionError):
    """A frame field value the data rules refuse (`annotator.core.frame_fields`, e.g. an event
    date that is not a day). The store raises it on every write, so it is both a refused write
    (nothing was written) and, in the workspace, a value given wrongly."""


class ExportError(AnnotatorError):
    """An export that cannot be written (nothing to export, unknown format, unusable folder)."""


class ModelError(AnnotatorError):
    """A spaCy pipeline that cannot be loaded or trained as asked."""


class UsageError(AnnotatorError):
    """A command-line argument that is wrong; the message names the option and its fix."""
