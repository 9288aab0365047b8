"""Reading brat standoff by brat's own rules (`server/src/annotation.py` of nlplab/brat).

A brat collection is a folder of `NAME.txt` / `NAME.ann` pairs, read with its subfolders as
brat lists them (names starting with "." left out). A `.ann` without its `.txt` (or the other
way round) is a failure naming the file; a folder without a single pair is a failure too.
Each `.ann` line is `ID<TAB>DATA[<TAB>TAIL]`, split at "\\n" only (a CRLF file's "\\r" dropped,
blank lines skipped):

- `T1  LABEL START END[;START END...]  TEXT` text-bound: each fragment lies in the .txt and
  TEXT, when given, is the fragments' texts joined by one space (brat's DISCONT_SEP). A
  project keeps contiguous spans only: fragments apart by nothing but whitespace (how a span
  crossing line breaks is written, by brat and by the exporter) are read as the one span
  from the first start to the last end; any other discontinuous span is refused, since
  merging would claim the text between its fragments and splitting would claim two entities.
- `E1  TYPE:TRIGGER ROLE:ID ...` an event: its trigger a T of the same TYPE, its roles T lines
  that are not triggers. A role is read under its brat name (`brat_role`: `actor_one`, a
  numbered repeat `actor_one2`) or under the codebook's own name, as exports before brat
  names wrote it (`actor1`, a numbered repeat `actor12`): both are role `actor1`.
- `A1  NAME TARGET [VALUE]`: an event's SubEventType is read.
- `#1  AnnotatorNotes TARGET  NOTE`: a JSON object (as the exporter writes) gives a span's
  normalised values or an event's other frame fields.
- Attributes other than SubEventType, `M` modifiers, `N` normalisations, `R` relations, `*`
  equivalences and free-text notes are checked (syntax, defined IDs), then left out with a
  `ReadWarning`: a project has nowhere to keep them.

Offsets count the characters of the .txt as stored (a UTF-8 BOM is its first character, as
brat reads it). A file whose offsets fit only once "\\r\\n" and "\\r" are read as "\\n" (brat's
`open_textfile` asks for universal newlines, so offsets a brat server counted may count a
CRLF as one character) is read that way, its offsets mapped back onto the stored text.

Any problem in an .ann is a `ReadFailure` `path:line: message`, and that article is not
yielded at all: it is never imported in part.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.codebook import Codebook
from annotator.formats.base import ReadFailure, ReadWarning, read_text
from annotator.formats.brat_conf import brat_role, safe_name
from annotator.formats.brat_lines import LEFT_OUT, Reading, Resolved, read_ann, resolve
from annotator.formats.registry import annotation_reader


def article(reading: Reading, resolved: Resolved, codebook: Codebook, name: str) -> AnnotatedArticle:
    """The article a reading without failures describes: its entity spans in line order,
    its events with their trigger offsets, sub-event type, notes and roles."""
    text = reading.text
    event_names = {safe_name(e.name): e.name for e in codebook.event_types}
    sub_names = {safe_name(s.name): s.name for e in codebook.event_types for s in e.sub_event_types}
    written = {brat_role(r.name): r.name for r in codebook.roles}
    written.update((r.name, r.name) for r in codebook.roles)  # the old names too
    role_names = sorted(written.items(), key=lambda item: len(item[0]), reverse=True)
    triggers = {event.trigger for event in reading.events.values()}
    entities = [(i, b) for i, b in reading.bounds.items() if i not in triggers]
    index = {ident: n for n, (ident, _) in enumerate(entities)}
    spans = [
        SpanRecord(b.start, b.end, b.label, resolved.notes.get(i), origin="brat", text=text[b.start : b.end])
        for i, b in entities
    ]
    frames = []
    for ident, event in reading.events.items():
        trigger = reading.bounds[event.trigger]
        sub = resolved.subs.get(ident)
        fields = {
            **resolved.notes.get(ident, {}),
            "event_type": event_names.get(event.type, event.type),
            "sub_event_type": sub_names.get(sub, sub) if sub else None,
            "trigger_start": trigger.start,
            "trigger_end": trigger.end,
            "trigger_text": text[trigger.start : trigger.end],
        }
        roles: dict[str, list[int]] = {}
        for role, target in event.args:
            roles.setdefault(_role(role, role_names), []).append(index[target])
        frames.append(FrameRecord(fields, roles))
    return AnnotatedArticle(text, spans, frames, {"brat_file": name}, origin=str(reading.ann))


def _role(name: str, known: list[tuple[str, str]]) -> str:
    """The codebook role of a brat argument, given (written name, role) longest name first:
    'actor_one' and 'actor_one2' (its brat name, the second use numbered) are actor1, and so
    are 'actor1' and 'actor12' (its own name, as older exports wrote it). The longest name
    that fits wins ('assoc_actor_12' is assoc_actor_1)."""
    for written, role in known:
        if name == written or (name.startswith(written) and name[len(written) :].isdigit()):
            return role
    return name


def _left_out(ann: Path, left_out: dict[str, list[int]]) -> Iterator[ReadWarning]:
    for kind, lines in left_out.items():
        what, why = LEFT_OUT[kind]
        count = f"{len(lines)} {what} line{'s' if len(lines) > 1 else ''}"
        yield ReadWarning(str(ann), f"{count} left out (the first on this line): {why}", lines[0])


def read_pair(
    ann: Path, txt: Path, root: Path, codebook: Codebook
) -> Iterator[AnnotatedArticle | ReadFailure]:
    """The article of one .txt/.ann pair, or the failures of its .ann, each by line."""
    text, content = read_text(txt, keep_bom=True), read_text(ann, allow_empty=True)
    if isinstance(text, ReadFailure) or isinstance(content, ReadFailure):
        yield from (r for r in (text, content) if isinstance(r, ReadFailure))
        return
    for path, decoded in ((txt, text), (ann, content)):
        if decoded.warning:
            yield ReadWarning(str(path), decoded.warning, decoded.line)
    reading = read_ann(ann, txt, text[0], content[0])
    resolved = resolve(reading, codebook)
    if reading.failures:
        yield from sorted(reading.failures, key=lambda f: f.line or 0)
        return
    yield from _left_out(ann, resolved.left_out)
    yield article(reading, resolved, codebook, ann.relative_to(root).as_posix())


def _files(root: Path, suffix: str) -> Iterator[Path]:
    """The files of `root` and its subfolders ending in `suffix`, hidden ones left out."""
    for path in root.rglob(f"*{suffix}"):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts):
            yield path


def pairs(path: Path) -> Iterator[tuple[Path, Path] | ReadFailure]:
    """(ann, txt) of each pair in folder `path` (and its subfolders), or of the file `path`;
    a file without its partner, or a folder without any brat file, as a failure."""
    if not path.is_dir():
        yield path.with_suffix(".ann"), path.with_suffix(".txt")
        return
    anns = {p.with_suffix("") for p in _files(path, ".ann")}
    txts = {p.with_suffix("") for p in _files(path, ".txt")}
    if not anns:
        yield ReadFailure(
            str(path),
            "no brat .ann files in this folder or its subfolders; "
            "brat annotations are NAME.ann beside NAME.txt",
        )
    for stem in sorted(anns | txts if anns else ()):
        if stem not in txts:
            yield ReadFailure(
                f"{stem}.ann", f"no {stem.name}.txt beside it: a brat .ann needs the text it annotates"
            )
        elif stem not in anns:
            yield ReadFailure(
                f"{stem}.txt", f"no {stem.name}.ann beside it: a text in a brat folder needs its .ann"
            )
        else:
            yield Path(f"{stem}.ann"), Path(f"{stem}.txt")


@annotation_reader
class BratReader:
    name = "brat"

    def sniff(self, path: Path) -> bool:
        if path.is_dir():
            return any(_files(path, ".ann"))
        return path.suffix == ".ann"

    def read(self, path: Path, codebook: Codebook) -> Iterator[AnnotatedArticle | ReadFailure]:
        root = path if path.is_dir() else path.parent
        for pair in pairs(path):
            if isinstance(pair, ReadFailure):
                yield pair
            else:
                yield from read_pair(*pair, root, codebook)
