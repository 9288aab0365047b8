"""The shared interface of article readers, their registry, and decoding of input bytes."""

from __future__ import annotations

import json
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PureWindowsPath
from typing import Any, ClassVar, Protocol

from annotator.core.cleaning import IngestRules, clean_article, is_blank, normalise
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


@dataclass(frozen=True)
class ReadWarning(ReadFailure):
    """A file that was read, but not exactly as written (a truncated UTF-8 end decoded as
    U+FFFD): its records are imported and the warning is reported beside them."""


class Decoded(tuple[str, str]):
    """`(text, encoding)` of a decoded file, unpacked as a pair; `warning` says what was
    replaced while decoding (None: the bytes were decoded exactly)."""

    warning: str | None
    line: int | None

    def __new__(
        cls, text: str, encoding: str, warning: str | None = None, line: int | None = None
    ) -> Decoded:
        decoded = super().__new__(cls, (text, encoding))
        decoded.warning, decoded.line = warning, line
        return decoded


def record_lines(text: str) -> Iterator[tuple[int, str]]:
    """`(number, line)` of each line of a file of records, split at "\n" only.

    `str.splitlines` also splits at U+2028, U+2029, U+0085, \v, \f and \x1c-\x1e, which
    JSON strings and texts may hold unescaped; a trailing "\r" (CRLF files) is dropped."""
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line[:-1] if line.endswith("\r") else line


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


def read_text(path: Path, *, allow_empty: bool = False, keep_bom: bool = False) -> Decoded | ReadFailure:
    """The decoded text of `path` and its encoding, or the failure to report for the file.

    The one place a reader turns an unreadable or undecodable file into its message:
    `cannot read file (<reason>)` when the system refuses it, the decoding problem
    (`empty file`, `binary data, not text`) when its bytes are not text. `allow_empty`
    reads an empty (or blank) file as "" (a brat .ann without annotations); `keep_bom` keeps a UTF-8
    byte-order mark as the text's first character (U+FEFF), as brat counts it in its offsets.
    A UTF-8 file whose end is cut inside a character is decoded with U+FFFD there and its
    `warning` says so.
    """
    try:
        data = _read_bytes(path)
    except OSError as exc:
        return ReadFailure(str(path), f"cannot read file ({exc.strerror or exc})")
    if allow_empty and not data.strip():
        return Decoded("", "utf-8")
    try:
        return decode_bytes(data, keep_bom=keep_bom)
    except DecodeError as exc:
        return ReadFailure(str(path), str(exc))


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # (Windows: no newline translation)


def _read_bytes(path: Path) -> bytes:
    """The bytes of `path`, as `Path.read_bytes` gives them, in half its time (no buffered
    file object, which an import of 10,000 small files pays for 10,000 times).
    RAISES (OSError): the file cannot be opened or read."""
    fd = os.open(path, _READ_FLAGS)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


class TextFileReader(ABC):
    """An article reader of text files: the file is read and decoded here, once, and a file
    that cannot be is reported as its `read_text` failure; a format reads the text."""

    suffixes: ClassVar[tuple[str, ...]]

    def read(self, path: Path) -> Iterator[ArticleRecord | ReadFailure]:
        decoded = read_text(path)
        if isinstance(decoded, ReadFailure):
            yield decoded
            return
        if decoded.warning:
            yield ReadWarning(str(path), decoded.warning, decoded.line)
        yield from self.read_decoded(path, *decoded)

    @abstractmethod
    def read_decoded(self, path: Path, content: str, encoding: str) -> Iterator[ArticleRecord | ReadFailure]:
        """The records of `path`, whose decoded text is `content`."""


def decode_bytes(data: bytes, *, keep_bom: bool = False) -> Decoded:
    """Decoded text and its encoding: UTF-8 (UTF-16 with a BOM), else cp1252, else latin-1.

    UTF-8 cut inside its last character (a truncated file) stays UTF-8: the cut character
    becomes U+FFFD and the result's `warning` names its line and byte offset.
    RAISES (DecodeError): empty input or binary data (a NUL byte anywhere, or many
    control bytes in the first 8 KB). A UTF-8 byte-order mark is dropped unless `keep_bom`.
    """
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"broken UTF-16 text ({exc.reason})") from None
    _check_not_binary(data)
    codec = "utf-8" if keep_bom else "utf-8-sig"
    try:
        return Decoded(data.decode(codec), "utf-8")
    except UnicodeDecodeError as exc:
        if _truncated_utf8(data, exc):
            return _replaced_end(data, exc.start, codec)
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1")


def _check_not_binary(data: bytes) -> None:
    head = data[:_SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head or controls > len(head) * 0.05:
        raise DecodeError("binary data, not text")
    nul = data.find(b"\x00", _SNIFF_BYTES)
    if nul >= 0:
        raise DecodeError(f"binary data, not text (a NUL byte at byte offset {nul})")


def _truncated_utf8(data: bytes, exc: UnicodeDecodeError) -> bool:
    """Whether the only fault of `data` as UTF-8 is a character cut at its end.

    A lone high byte ending otherwise-ASCII text is as likely a cp1252/latin-1 letter (a
    final "é"), so the cut counts as UTF-8 only when the text before it has UTF-8 characters
    or the cut keeps two bytes of one."""
    if exc.reason != "unexpected end of data" or exc.end != len(data):
        return False
    return len(data) - exc.start > 1 or not data[: exc.start].isascii()


def _replaced_end(data: bytes, start: int, codec: str) -> Decoded:
    text = data.decode(codec, errors="replace")
    cut = len(data) - start
    warning = (
        f"the file ends inside a UTF-8 character (byte offset {start}, the last {cut} byte(s)); "
        "it looks truncated: that character was imported as U+FFFD (\ufffd)"
    )
    return Decoded(text, "utf-8", warning, data.count(b"\n", 0, start) + 1)


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
    check_storable(raw, "the text")
    cleaned = clean_article(raw, default_ingest_rules())
    if is_blank(cleaned.text):
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


def check_storable(value: str, what: str) -> None:
    """RAISES (FormatError) when `value` holds what the project cannot store exactly: a NUL
    (SQLite's length() and spaCy stop at it) or a lone surrogate (not encodable as UTF-8)."""
    nul = value.find("\x00")
    if nul >= 0:
        raise FormatError(f"{what} contains a NUL character (U+0000) at character {nul}; remove it")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FormatError(
            f"{what} contains a lone surrogate (U+{ord(value[exc.start]):04X}) at character {exc.start}; "
            "it is not Unicode text"
        ) from None


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
    try:
        check_storable(json.dumps(value, ensure_ascii=False), "meta")
    except RecursionError:
        raise FormatError("meta is nested too deeply") from None
    return value


def _optional_text(value: Any, name: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise FormatError(f"{name} must be text, got {value!r}")
    check_storable(value, name)
    return value.strip() or None
