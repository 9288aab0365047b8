"""Plain-text articles (`.txt`): one article per file, header lines as news sites print them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from annotator.core.model import ArticleRecord
from annotator.formats.base import FormatError, ReadFailure, build_record, read_text, register_reader


@register_reader
class TextReader:
    suffixes: ClassVar[tuple[str, ...]] = (".txt",)

    def read(self, path: Path) -> Iterator[ArticleRecord | ReadFailure]:
        decoded = read_text(path)
        if isinstance(decoded, ReadFailure):
            yield decoded
            return
        raw, encoding = decoded
        try:
            yield build_record(raw, str(path), encoding=encoding)
        except FormatError as exc:
            yield ReadFailure(str(path), str(exc))
