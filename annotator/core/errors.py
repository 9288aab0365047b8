"""Typed exceptions. Every message names the file (and line) at fault and says how to fix it.

The CLI turns these into one readable line; the GUI shows them through one handler.
"""

from __future__ import annotations

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


class StoreError(AnnotatorError):
    """A write to the project store was refused; nothing was written."""


class OffsetError(StoreError):
    """Span offsets that do not fall inside the article text."""
