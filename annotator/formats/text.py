"""Plain-text articles (`.txt`): one article per file, header lines as news sites print them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from annotator.core.model import ArticleRecord
from annotator.formats.base import ReadFailure, TextFileReader, record_or_failure, register_reader


@register_reader
class TextReader(TextFileReader):
    suffixes: ClassVar[tuple[str, ...]] = (".txt",)

    def read_decoded(self, path: Path, content: str, encoding: str) -> Iterator[ArticleRecord | ReadFailure]:
        yield record_or_failure(content, path, encoding=encoding)
