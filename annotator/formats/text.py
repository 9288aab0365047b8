"""Plain-text articles (`.txt`): one article per file, header lines as news sites print them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from annotator.core.model import ArticleRecord
from annotator.formats.base import (
    DecodeError,
    ReadFailure,
    build_record,
    decode_bytes,
    register_reader,
)


@register_reader
class TextReader:
    suffixes: ClassVar[tuple[str, ...]] = (".txt",)

    def read(self, path: Path) -> Iterator[ArticleRecord | ReadFailure]:
        try:
            raw, encoding = decode_bytes(path.read_bytes())
            yield build_record(raw, str(path), encoding=encoding)
        except (OSError, DecodeError, ValueError) as exc:
            yield ReadFailure(str(path), _reason(exc))


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"cannot read file ({exc.strerror or exc})"
    return str(exc)
