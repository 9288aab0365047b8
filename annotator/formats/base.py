"""The shared interface of article readers, their registry, and decoding of input bytes."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PureWindowsPath
from typing import Any, ClassVar, Protocol

from annotator.core.cleaning import IngestRules, clean_article, normalise
from annotator.core.errors import FormatError
from annotator.core.model import ArticleFlag, ArticleRecord
from annotator.core.pubdate import parse_date
from annotator.paths import resources_dir

_SNIFF_BYTES = 8192
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r")


@dataclass(frozen=True)
class ReadFailure:
    """An input (a file, or one line or row of it) that could not be read."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


def origin_file(origin: str) -> str:
    """The file name an article's origin names: origins are `path` (a .txt file) or `path:LINE`
    (a JSONL or CSV line), with / or \\ separators and maybe a drive (`C:\\data\\000_x.txt`)."""
    return PureWindowsPath(re.sub(r":\d+$", "", origin)).name


class ArticleReader(Protocol):
    """Reads one kind of file into article records, reporting bad parts instead of raising."""

    suffixes: ClassVar[tuple[str, ...]]

    def read(self, path: Path) -> Iterator[ArticleRecord | ReadFailure]: ...


READERS: dict[str, ArticleReader] = {}


def register_reader(cls: Callable[[], ArticleReader]) -> Callable[[], ArticleReader]:
    reader = cls()
    for suffix in reader.suffixes:
        READERS[suffix] = reader
    return cls


def reader_for(path: Path) -> ArticleReader | None:
    return READERS.get(path.suffix.lower())


class DecodeError(FormatError):
    """Bytes that are not text."""


def read_text(path: Path, *, allow_empty: bool = False) -> tuple[str, str] | ReadFailure:
    """The decoded text of `path` and its encoding, or the failure to report for the file.

    The one place a reader turns an unreadable or undecodable file into its message:
    `cannot read file (<reason>)` when the system refuses it, the decoding problem
    (`empty file`, `binary data, not text`) when its bytes are not text. `allow_empty`
    reads an empty file as "" (a brat .ann without annotations).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadFailure(str(path), f"cannot read file ({exc.strerror or exc})")
    if allow_empty and not data:
        return "", "utf-8"
    try:
        return decode_bytes(data)
    except DecodeError as exc:
        return ReadFailure(str(path), str(exc))


class TextFileReader(ABC):
    """An article reader of text files: the file is read and decoded here, once, and a file
    that cannot be is reported as its `read_text` failure; a format reads the text."""

    suffixes: ClassVar[tuple[str, ...]]

    def read(self, path: Path) -> Iterator[ArticleRecord | ReadFailure]:
        decoded = read_text(path)
        if isinstance(decoded, ReadFailure):
            yield decoded
        else:
            yield from self.read_decoded(path, *decoded)

    @abstractmethod
    def read_decoded(self, path: Path, content: str, encoding: str) -> Iterator[ArticleRecord | ReadFailure]:
        """The records of `path`, whose decoded text is `content`."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decoded text and its encoding: UTF-8 (UTF-16 with a BOM), else cp1252, else latin-1.

    RAISES (DecodeError): empty input or binary data.
    """
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"broken UTF-16 text ({exc.reason})") from None
    head = data[:_SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head or controls > len(head) * 0.05:
        raise DecodeError("binary data, not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


@lru_cache(maxsize=1)
def default_ingest_rules() -> IngestRules:
    """The bundled cleaning rules, `resources/ingest.toml`."""
    return IngestRules.from_file(resources_dir() / "ingest.toml")


def build_record(
    raw: str, origin: str, *, fields: dict[str, Any] | None = None, encoding: str | None = None
) -> ArticleRecord:
    """Clean `raw` and complete it with the fields the input gave explicitly.

    Explicit fields win over what the text's header says. RAISES (FormatError) with a
    message for the user when an explicit field is unusable or no text is left.
    """
    fields = fields or {}
    cleaned = clean_article(raw, default_ingest_rules())
    if not cleaned.text.strip():
        raise FormatError("no article text left after removing headers and boilerplate")
    published = _published(fields.get("published_at"), cleaned.published_at)
    meta = {**cleaned.meta, **_meta(fields.get("meta"))}
    if encoding and encoding != "utf-8":
        meta["encoding"] = encoding
    flags = [] if published else [str(ArticleFlag.NO_PUBLICATION_DATE)]
    return ArticleRecord(
        raw_text=raw,
        text=cleaned.text,
        title=_optional_text(fields.get("title"), "title") or cleaned.title,
        source=_optional_text(fields.get("source"), "source") or cleaned.source,
        url=_optional_text(fields.get("url"), "url") or cleaned.meta.get("url"),
        published_at=published,
        meta=meta,
        flags=flags,
        origin=origin,
    )


def record_or_failure(
    raw: str,
    path: Path,
    line: int | None = None,
    *,
    fields: dict[str, Any] | None = None,
    encoding: str | None = None,
) -> ArticleRecord | ReadFailure:
    """`build_record` of the article at `path` (and `line`), or the failure saying why not."""
    origin = f"{path}:{line}" if line is not None else str(path)
    try:
        return build_record(raw, origin, fields=fields, encoding=encoding)
    except FormatError as exc:
        return ReadFailure(str(path), str(exc), line)


def _published(given: Any, from_header: str | None) -> str | None:
    if given in (None, ""):
        return from_header
    if not isinstance(given, str):
        raise FormatError(f"published_at must be a date string, got {given!r}")
    parsed = parse_date(normalise(given))
    if parsed is None:
        raise FormatError(f"published_at {given!r} is not a date this importer can read unambiguously")
    return parsed


def _meta(value: Any) -> dict[str, Any]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise FormatError(f"meta must be an object, got {type(value).__name__}")
    return value


def _optional_text(value: Any, name: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise FormatError(f"{name} must be text, got {value!r}")
    return value.strip() or None
