"""INCEpTION / WebAnno: UIMA CAS XMI, one `.xmi` per article, and `TypeSystem.xml` beside them.

Export (`annotator export inception`): `article-<id>.xmi` for each article (its layout in
`annotator.formats.cas_xmi`) and `TypeSystem.xml` (`annotator.formats.cas_types`), the file to
import into an INCEpTION project's layers before uploading the `.xmi` files as documents.
An article whose text XML 1.0 cannot hold (a control character) is left out and reported.

Import (`annotator import FOLDER`, detected, or `--format inception`): every `.xmi` in the
folder and its subfolders (hidden ones left out), or one `.xmi` file, each read against the
`TypeSystem.xml` (any case) in its own folder, else in the nearest folder above it up to the
one given; and every `.xmi` inside a `.zip` (INCEpTION exports a document in XMI as a ZIP of
the `.xmi` and its `TypeSystem.xml`), read against the type system in the same ZIP. A
document without a type system, a type system without `webanno.custom.ConflictSpan`, a ZIP
or an XMI file that cannot be read is a failure naming that file; a type system refused is
reported once, and the documents that need it are not read.

dkpro-cassis is imported only when an export or import runs (`cas_types`, `cas_xmi`).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import Codebook
from annotator.core.errors import InputError
from annotator.formats.base import ReadFailure
from annotator.formats.registry import ArticleExporter, ExportJob, annotation_reader, exporter
from annotator.formats.webanno_tsv import tokens

TYPESYSTEM_NAME = "typesystem.xml"  # compared case-insensitively


@exporter
class InceptionExporter(ArticleExporter[Any]):
    """Each article's CAS as `article-<id>.xmi`, then the `TypeSystem.xml` they use."""

    name = "inception"
    description = "INCEpTION / WebAnno UIMA CAS XMI (.xmi per article + TypeSystem.xml)"

    def begin(self, job: ExportJob) -> Any:
        import spacy

        from annotator.formats import cas_types

        return cas_types.build(), spacy.blank("en").tokenizer

    def write(self, job: ExportJob, state: Any, number: int, article: AnnotatedArticle) -> None:
        from annotator.formats.cas_xmi import article_cas, xml_problem

        stem = f"article-{article.meta.get('id', number)}"
        problem = xml_problem(article)
        if problem:
            job.report.counts["articles_not_xml_compatible_not_exported"] += 1
            job.report.notes.append(f"article {article.meta.get('id', number)}: {problem}")
            return
        annotator = job.options.get("annotator")
        ts, tokenizer = state
        toks = tokens(tokenizer, article.text)
        cas = article_cas(ts, article, stem, annotator, job.codebook, job.report, toks)
        cas.to_xmi(job.out / f"{stem}.xmi")
        job.report.counts["documents"] += 1

    def finish(self, job: ExportJob, state: Any) -> None:
        from annotator.formats.cas_types import TYPESYSTEM_FILE

        job.open(TYPESYSTEM_FILE).write(state[0].to_xml())
        job.report.files.append(job.out / "*.xmi")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _files(path: Path, suffix: str) -> list[Path]:
    if not path.is_dir():
        return [path] if path.suffix.lower() == suffix else []
    return sorted(p for p in path.rglob(f"*{suffix}") if p.is_file() and not _hidden(p, path))


def typesystem_for(xmi: Path, root: Path) -> Path | None:
    """The type system file beside `xmi`, else in the nearest folder above it up to `root`."""
    folder = xmi.parent
    while True:
        found = [p for p in folder.iterdir() if p.is_file() and p.name.lower() == TYPESYSTEM_NAME]
        if found:
            return sorted(found)[0]
        if folder == root or root not in folder.parents:
            return None
        folder = folder.parent


@dataclass(frozen=True)
class Source:
    """One XMI document and its type system: files on disk, or members of a ZIP archive (an
    INCEpTION document export). `where` and `typesystem` name them in messages."""

    where: str
    name: str  # the document's name relative to the folder read (kept in the article's meta)
    typesystem: str | None
    archive: Path | None = None
    xmi_member: str = ""
    typesystem_member: str = ""

    def open_xmi(self) -> BinaryIO:
        return self._open(self.xmi_member or self.where)

    def open_typesystem(self) -> BinaryIO:
        return self._open(self.typesystem_member or str(self.typesystem))

    def _open(self, name: str) -> BinaryIO:
        if self.archive is None:
            return open(name, "rb")
        with zipfile.ZipFile(self.archive) as archive:
            return io.BytesIO(archive.read(name))


def sources(path: Path) -> Iterator[Source | ReadFailure]:
    """The documents of folder `path` (with its subfolders) or of the file `path`: `.xmi`
    files with the type system found by `typesystem_for`, and the `.xmi` members of `.zip`
    archives with the type system in the archive."""
    root = path if path.is_dir() else path.parent
    for xmi in _files(path, ".xmi"):
        ts = typesystem_for(xmi, root)
        yield Source(str(xmi), xmi.relative_to(root).as_posix(), str(ts) if ts else None)
    for archive in _files(path, ".zip"):
        try:
            with zipfile.ZipFile(archive) as opened:
                members = [m for m in opened.namelist() if not m.endswith("/")]
        except (OSError, zipfile.BadZipFile) as exc:
            yield ReadFailure(str(archive), f"not a readable ZIP archive ({exc})")
            continue
        systems = sorted(m for m in members if PurePosixPath(m).name.lower() == TYPESYSTEM_NAME)
        for member in sorted(m for m in members if m.lower().endswith(".xmi")):
            where = f"{archive}/{member}"
            ts = systems[0] if systems else ""
            name = f"{archive.relative_to(root).as_posix()}/{member}"
            yield Source(where, name, f"{archive}/{ts}" if ts else None, archive, member, ts)


@annotation_reader
class InceptionReader:
    name = "inception"

    def sniff(self, path: Path) -> bool:
        if path.is_dir():
            return bool(_files(path, ".xmi")) or any(_holds_xmi(p) for p in _files(path, ".zip"))
        return path.suffix.lower() == ".xmi" or (path.suffix.lower() == ".zip" and _holds_xmi(path))

    def read(self, path: Path, codebook: Codebook) -> Iterator[AnnotatedArticle | ReadFailure]:
        from annotator.formats import cas_types
        from annotator.formats.cas_xmi import cas_article, read_cas

        found = list(sources(path))
        if not found:
            yield ReadFailure(
                str(path), "no .xmi files (or ZIP archives of them) in this folder or its subfolders"
            )
            return
        systems: dict[str, Any] = {}
        refused: set[str] = set()
        for source in found:
            if isinstance(source, ReadFailure):
                yield source
                continue
            if source.typesystem is None:
                yield ReadFailure(
                    source.where,
                    "no TypeSystem.xml beside it or in a folder above it: a CAS XMI file is read "
                    "with its type system (INCEpTION's XMI export has one in each document's ZIP: "
                    "import the ZIP, or unzip them together)",
                )
                continue
            if source.typesystem in refused:
                continue
            if source.typesystem not in systems:
                try:
                    systems[source.typesystem] = cas_types.load(source.typesystem, source.open_typesystem)
                except InputError as exc:
                    refused.add(source.typesystem)
                    yield ReadFailure(exc.path, exc.reason)
                    continue
            ts = systems[source.typesystem]
            cas = read_cas(source.where, source.open_xmi, ts)
            if isinstance(cas, ReadFailure):
                yield cas
                continue
            yield cas_article(cas, ts, source.where, source.name)


def _holds_xmi(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return any(m.lower().endswith(".xmi") for m in archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False
