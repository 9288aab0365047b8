"""INCEpTION / WebAnno: UIMA CAS XMI, one `.xmi` per article, and `TypeSystem.xml` beside them.

Export (`annotator export inception`): `article-<id>.xmi` for each article (its layout in
`annotator.formats.cas_xmi`) and `TypeSystem.xml` (`annotator.formats.cas_types`), the file to
import into an INCEpTION project's layers before uploading the `.xmi` files as documents.

Import (`annotator import FOLDER --format inception`): every `.xmi` in the folder and its
subfolders (hidden ones left out), or one `.xmi` file; each is read against the
`TypeSystem.xml` (any case: INCEpTION's ZIPs hold `TypeSystem.xml`, some tools write
`typesystem.xml`) in its own folder, else in the nearest folder above it up to the one given.
A folder without one, a type system without `webanno.custom.ConflictSpan`, or an XMI file that
cannot be parsed is a failure naming that file.

dkpro-cassis is imported only when an export or import runs (`cas_types`, `cas_xmi`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import Codebook
from annotator.core.errors import InputError
from annotator.formats.base import ReadFailure
from annotator.formats.registry import ArticleExporter, ExportJob, annotation_reader, exporter

TYPESYSTEM_NAME = "typesystem.xml"  # compared case-insensitively


@exporter
class InceptionExporter(ArticleExporter[Any]):
    """Each article's CAS as `article-<id>.xmi`, then the `TypeSystem.xml` they use."""

    name = "inception"
    description = "INCEpTION / WebAnno UIMA CAS XMI (.xmi per article + TypeSystem.xml)"

    def begin(self, job: ExportJob) -> Any:
        from annotator.formats import cas_types

        return cas_types.build()

    def write(self, job: ExportJob, state: Any, number: int, article: AnnotatedArticle) -> None:
        from annotator.formats.cas_xmi import article_cas, xml_problem

        stem = f"article-{article.meta.get('id', number)}"
        problem = xml_problem(article)
        if problem:
            job.report.counts["articles_not_xml_compatible_not_exported"] += 1
            job.report.notes.append(f"article {article.meta.get('id', number)}: {problem}")
            return
        annotator = job.options.get("annotator")
        cas = article_cas(state, article, stem, annotator, job.codebook, job.report)
        cas.to_xmi(job.out / f"{stem}.xmi")
        job.report.counts["documents"] += 1

    def finish(self, job: ExportJob, state: Any) -> None:
        from annotator.formats.cas_types import TYPESYSTEM_FILE

        job.open(TYPESYSTEM_FILE).write(state.to_xml())
        job.report.files.append(job.out / "*.xmi")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def xmi_files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.rglob("*.xmi") if p.is_file() and not _hidden(p, path))


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


@annotation_reader
class InceptionReader:
    name = "inception"

    def sniff(self, path: Path) -> bool:
        if path.is_dir():
            return any(p for p in path.rglob("*.xmi") if not _hidden(p, path))
        return path.suffix.lower() == ".xmi"

    def read(self, path: Path, codebook: Codebook) -> Iterator[AnnotatedArticle | ReadFailure]:
        from annotator.formats import cas_types
        from annotator.formats.cas_xmi import cas_article, read_cas

        root = path if path.is_dir() else path.parent
        files = xmi_files(path)
        if not files:
            yield ReadFailure(str(path), "no .xmi files in this folder or its subfolders")
            return
        systems: dict[Path, Any] = {}
        refused: set[Path] = set()
        for xmi in files:
            ts_path = typesystem_for(xmi, root)
            if ts_path is None:
                yield ReadFailure(
                    str(xmi),
                    "no TypeSystem.xml beside it or in a folder above it: a CAS XMI file is read "
                    "with its type system (INCEpTION's XMI export has one in each document's ZIP: "
                    "unzip them together)",
                )
                continue
            if ts_path in refused:
                continue
            if ts_path not in systems:
                try:
                    systems[ts_path] = cas_types.load(ts_path)
                except InputError as exc:
                    refused.add(ts_path)
                    yield ReadFailure(exc.path, exc.reason)
                    continue
            ts = systems[ts_path]
            cas = read_cas(xmi, ts)
            if isinstance(cas, ReadFailure):
                yield cas
                continue
            yield cas_article(cas, ts, xmi, xmi.relative_to(root).as_posix())
