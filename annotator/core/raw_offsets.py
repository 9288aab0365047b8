"""Offsets into an article's raw text mapped onto its cleaned text.

A peer tool (brat, doccano, Prodigy, Label Studio) given the file as it was read counts its
offsets in the raw text; the project's annotations point into the cleaned text. The map is
exact, not an alignment: it is built from the record `clean_article` keeps of its own edits,
in three steps, each a monotone list of pieces (`_Pieces`):

1. `raw_form`: byte-order marks dropped, CRLF and CR made LF;
2. NFC: characters composed (only lines that are not already NFC are looked at);
3. cleaning: the kept lines (`CleanedArticle.lines`, each stripped line or the part a header
   line keeps, with its offset), everything between them dropped, joined by "\\n" or "\\n\\n".

A span maps when both its ends do and the cleaned characters it lands on are its own
characters normalised (`normalise(raw[start:end])`); otherwise the map says why not: the span
lies in text that cleaning removed (a header line, boilerplate, surrounding whitespace),
crosses such text, or cuts a character NFC composed. Building the map costs one cleaning of
the raw text and a pass over its lines; mapping a span is a binary search per step.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable

from annotator.core.cleaning import CleanedArticle, IngestRules, Line, clean_article, normalise, raw_form

_RAW_EDIT = re.compile("\r\ufeff*\n|\r|\ufeff")
_NON_ASCII_WORD = re.compile(r"\S*[^\x00-\x7f]\S*")

Piece = tuple[int, int, int, int]  # src_start, src_end, dst_start, dst_end; src_end > src_start


class _Pieces:
    """A monotone map of one string onto another as consecutive pieces covering the source.

    A piece whose two sides have one length maps character for character; any other (a
    deletion, a composition) maps only its ends, and a deletion maps every position inside
    it to where it stood."""

    def __init__(self, pieces: Iterable[Piece], src_len: int, dst_len: int) -> None:
        self._pieces = list(pieces)
        self._starts = [p[0] for p in self._pieces]
        self._src_len, self._dst_len = src_len, dst_len

    def start(self, position: int | None) -> int | None:
        """Where a span starting at `position` starts (None: inside a composed character)."""
        if position is None or position >= self._src_len:
            return None if position is None else self._dst_len
        src, src_end, dst, dst_end = self._pieces[bisect_right(self._starts, position) - 1]
        if src_end - src == dst_end - dst:
            return dst + position - src
        return dst if position == src or dst == dst_end else None

    def end(self, position: int | None) -> int | None:
        """Where a span ending at `position` ends (None: inside a composed character)."""
        if position is None or position <= 0:
            return None if position is None else 0
        src, src_end, dst, dst_end = self._pieces[bisect_right(self._starts, position - 1) - 1]
        if src_end - src == dst_end - dst:
            return dst + position - src
        return dst_end if position == src_end or dst == dst_end else None


class RawOffsets:
    """The map from offsets in `raw` to offsets in the text cleaning made of it."""

    def __init__(self, raw: str, cleaned: CleanedArticle) -> None:
        self.raw, self.text = raw, cleaned.text
        form = raw_form(raw)
        normalised = unicodedata.normalize("NFC", form)
        self._steps = (_raw_form_pieces(raw, len(form)), _nfc_pieces(form, normalised))
        self._steps += (_cleaning_pieces(cleaned.lines, normalised, len(cleaned.text)),)

    def span(self, start: int, end: int) -> tuple[int, int] | str:
        """The cleaned offsets of the raw span [start, end), or why it has none (a phrase
        to follow the span in a message)."""
        cleaned_start, cleaned_end = start, end
        for step in self._steps:
            cleaned_start, cleaned_end = step.start(cleaned_start), step.end(cleaned_end)
        if cleaned_start is None or cleaned_end is None:
            return "cuts a character that Unicode normalisation (NFC) composed"
        if cleaned_start >= cleaned_end:
            return "lies in text that cleaning removed (a header line, boilerplate or whitespace)"
        landed = self.text[cleaned_start:cleaned_end]
        if landed != normalise(self.raw[start:end]):
            return f"crosses text that cleaning removed or changed (the cleaned text there is {landed!r})"
        return cleaned_start, cleaned_end


def raw_offsets(raw: str, text: str, rules: IngestRules) -> RawOffsets | None:
    """The offset map from `raw` to `text`, when cleaning `raw` with `rules` gives `text`
    (None: it gives other text, e.g. the rules changed since `text` was made)."""
    cleaned = clean_article(raw, rules)
    return RawOffsets(raw, cleaned) if cleaned.text == text else None


def _add(pieces: list[Piece], src: int, src_end: int, dst: int, dst_end: int) -> None:
    """Append a piece, joined to the last one when both map character for character."""
    if src_end <= src:
        return
    if pieces and src_end - src == dst_end - dst:
        last = pieces[-1]
        if last[1] == src and last[3] == dst and last[1] - last[0] == last[3] - last[2]:
            pieces[-1] = (last[0], src_end, last[2], dst_end)
            return
    pieces.append((src, src_end, dst, dst_end))


def _raw_form_pieces(raw: str, form_len: int) -> _Pieces:
    """Step 1: BOMs dropped; "\\r" (with BOMs) before "\\n" dropped; a lone "\\r" becomes "\\n"."""
    pieces: list[Piece] = []
    src = dst = 0
    for match in _RAW_EDIT.finditer(raw):
        start, end = match.span()
        _add(pieces, src, start, dst, dst + start - src)
        dst += start - src
        if match.group() == "\r":
            _add(pieces, start, end, dst, dst + 1)
            dst += 1
        elif raw[end - 1] == "\n":
            _add(pieces, start, end - 1, dst, dst)
            _add(pieces, end - 1, end, dst, dst + 1)
            dst += 1
        else:
            _add(pieces, start, end, dst, dst)
        src = end
    _add(pieces, src, len(raw), dst, dst + len(raw) - src)
    return _Pieces(pieces, len(raw), form_len)


def _nfc_pieces(form: str, normalised: str) -> _Pieces:
    """Step 2: each line that NFC changes, cut into runs NFC changes alone or leaves as is."""
    pieces: list[Piece] = []
    if form == normalised:
        _add(pieces, 0, len(form), 0, len(form))
        return _Pieces(pieces, len(form), len(form))
    src = dst = 0
    for line in form.split("\n"):
        runs = [(line, line)] if unicodedata.is_normalized("NFC", line) else _nfc_runs(line)
        for run, composed in [*runs, ("\n", "\n")]:  # one "\n" too many after the last line
            _add(pieces, src, src + len(run), dst, dst + len(composed))
            src, dst = src + len(run), dst + len(composed)
    if pieces and pieces[-1][1] > len(form):
        last = pieces.pop()
        _add(pieces, last[0], last[1] - 1, last[2], last[3] - 1)
    return _Pieces(pieces, len(form), len(normalised))


def _nfc_runs(line: str) -> list[tuple[str, str]]:
    """`line` cut into runs whose NFC forms, joined, are its NFC form, each with its NFC form:
    the words NFC changes (a word of only ASCII and whitespace never changes nor composes with
    its neighbours) cut by `_composition_runs`, the text between them one run. A cut that does
    not hold leaves the line one run, mapped at its ends only."""
    runs: list[str] = []
    last = 0
    for match in _NON_ASCII_WORD.finditer(line):
        if not unicodedata.is_normalized("NFC", match.group()):
            runs += [line[last : match.start()], *_composition_runs(match.group())]
            last = match.end()
    runs.append(line[last:])
    whole = unicodedata.normalize("NFC", line)
    for cut in (runs, None):
        pairs = [(run, unicodedata.normalize("NFC", run)) for run in cut or _composition_runs(line)]
        if "".join(composed for _, composed in pairs) == whole:
            return pairs
    return [(line, whole)]


def _composition_runs(word: str) -> list[str]:
    """`word` cut before each starter (combining class 0) that NFC does not compose with what
    precedes it; a run NFC changes is then mapped only at its ends (and a reordering of marks
    inside a run of one length is caught by `RawOffsets.span`'s check of the characters)."""
    nfc = unicodedata.normalize
    runs: list[str] = []
    for char in word:
        joined = runs and nfc("NFC", runs[-1] + char) != nfc("NFC", runs[-1]) + nfc("NFC", char)
        if runs and (unicodedata.combining(char) or joined):
            runs[-1] += char
        else:
            runs.append(char)
    return runs


def _cleaning_pieces(lines: list[Line], normalised: str, text_len: int) -> _Pieces:
    """Step 3: each non-empty kept line copied; what lies between two of them dropped, or
    copied when it is just their separator ("\\n", or "\\n\\n" after a blank line)."""
    pieces: list[Piece] = []
    src = dst = 0
    blank = first = True
    for line in lines:
        if not line.text:
            blank = True
            continue
        separator = "" if first else "\n\n" if blank else "\n"
        copied = normalised[src : line.start] == separator
        _add(pieces, src, line.start, dst, dst + len(separator) if copied else dst)
        dst += len(separator)
        _add(pieces, line.start, line.start + len(line.text), dst, dst + len(line.text))
        src, dst, blank, first = line.start + len(line.text), dst + len(line.text), False, False
    _add(pieces, src, len(normalised), dst, dst)
    if dst != text_len:
        raise AssertionError(f"cleaning's record of its lines makes {dst} characters, its text {text_len}")
    return _Pieces(pieces, len(normalised), text_len)
