"""The shared interface of exporters and importers of annotations, and their registries."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Generic, Protocol, TextIO, TypeVar

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


State = TypeVar("State")


@dataclass
class ExportJob:
    """One export under way: where it writes, what it knows and what it has written so far."""

    out: Path
    codebook: Codebook
    options: dict[str, Any]
    total: int  # articles to write
    report: ExportReport = field(default_factory=ExportReport)
    open_files: ExitStack = field(default_factory=ExitStack, repr=False)  # closed when it ends

    def open(self, name: str, *, newline: str | None = None) -> TextIO:
        """A new UTF-8 text file in the output folder, listed in the report, closed at the end."""
        path = self.out / name
        handle = self.open_files.enter_context(path.open("w", encoding="utf-8", newline=newline))
        self.report.files.append(path)
        return handle


class ArticleExporter(ABC, Generic[State]):
    """The interface and skeleton of every exporter: it makes the report and the output
    folder, runs the progress loop and closes the files; a format writes one article at a time.

    A format sets `name` and `description` and implements `write`. Optional, called in this
    order: `order` rearranges the articles (the DocBin's train/dev split); `begin` writes
    headers and returns the export's state (an open file, a tokenizer) that `write` and
    `finish` receive; `finish` adds totals or writes what is only complete at the end.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    #: The format holds several annotators' work per article (Label Studio): the export gives it
    #: one record per (article, annotator), `annotator` set, in article order (`collect_team`).
    team: ClassVar[bool] = False

    def export(
        self,
        articles: list[AnnotatedArticle],
        out: Path,
        codebook: Codebook,
        progress: Progress | None = None,
        **options: Any,
    ) -> ExportReport:
        out.mkdir(parents=True, exist_ok=True)
        job = ExportJob(out, codebook, options, len(articles))
        ordered = self.order(articles, job)
        with job.open_files:
            state = self.begin(job)
            for n, article in enumerate(ordered, start=1):
                self.write(job, state, n, article)
                if progress:
                    progress(n, job.total)
            self.finish(job, state)
        return job.report

    def begin(self, job: ExportJob) -> State:
        return None  # type: ignore[return-value]  # a format without state

    def order(self, articles: list[AnnotatedArticle], job: ExportJob) -> list[AnnotatedArticle]:
        return articles

    @abstractmethod
    def write(self, job: ExportJob, state: State, number: int, article: AnnotatedArticle) -> None:
        """Write article `number` (from 1) and count what it held in `job.report`."""

    def finish(self, job: ExportJob, state: State) -> None:
        return None


class AnnotationReader(Protocol):
    """Reads a peer tool's annotated file into articles, reporting bad parts by line."""

    name: ClassVar[str]

    def sniff(self, path: Path) -> bool: ...

    def read(self, path: Path, codebook: Codebook) -> Iterator[AnnotatedArticle | ReadFailure]: ...


EXPORTERS: dict[str, ArticleExporter[Any]] = {}  # each: .export(articles, out, codebook, progress, **options)
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
