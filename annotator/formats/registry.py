"""The shared interface of exporters and importers of annotations, and their registries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import Codebook
from annotator.formats.base import ReadFailure

Progress = Callable[[int, int], None]


@dataclass
class ExportReport:
    """What an export wrote: files, counts, and everything that needed a rule to fit."""

    files: list[Path] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"wrote {path}" for path in self.files]
        out += [f"  {name.replace('_', ' ')}: {value}" for name, value in sorted(self.counts.items())]
        out += [f"  note: {note}" for note in self.notes]
        return out


class Exporter(Protocol):
    name: ClassVar[str]
    description: ClassVar[str]

    def export(
        self,
        articles: list[AnnotatedArticle],
        out: Path,
        codebook: Codebook,
        progress: Progress | None = None,
        **options: Any,
    ) -> ExportReport: ...


class AnnotationReader(Protocol):
    """Reads a peer tool's annotated file into articles, reporting bad parts by line."""

    name: ClassVar[str]

    def sniff(self, path: Path) -> bool: ...

    def read(self, path: Path, codebook: Codebook) -> Iterator[AnnotatedArticle | ReadFailure]: ...


EXPORTERS: dict[str, Exporter] = {}
ANNOTATION_READERS: dict[str, AnnotationReader] = {}


def exporter(cls: type) -> type:
    EXPORTERS[cls.name] = cls()
    return cls


def annotation_reader(cls: type) -> type:
    ANNOTATION_READERS[cls.name] = cls()
    return cls


def detect_format(path: Path) -> str | None:
    """The annotation format of `path` when exactly one reader recognises it."""
    matches = [name for name, reader in ANNOTATION_READERS.items() if reader.sniff(path)]
    return matches[0] if len(matches) == 1 else None
