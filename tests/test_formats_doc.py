"""`docs/formats.md` against the format registries: what can be checked mechanically.

Every format registered (exporters, annotation readers, article readers by suffix) has a row
in the table and a `##` section; no row or section names a format the registries lack; a
row's import and export columns say what the registries hold; every file an exporter writes
is named in its section.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.codebook import load_codebook
from annotator.formats import ANNOTATION_READERS, EXPORTERS, READERS
from annotator.formats.acled_csv import COLUMNS
from annotator.paths import default_codebook_path

DOC = Path(__file__).resolve().parent.parent / "docs" / "formats.md"

#: Formats being written: a row or section may name one before its reader or exporter is in
#: the registry; once it is, the row and the section name it by its registry name, as for the
#: others. Every format of issue 14 is registered: none is pending.
PENDING: set[str] = set()
#: `##` sections about no one format.
GENERAL_SECTIONS = {"What travels"}
TABLE_SECTION = "What travels"

REGISTERED = set(EXPORTERS) | set(ANNOTATION_READERS) | set(READERS)
_CODE = re.compile(r"`([^`]+)`")


def sections() -> dict[str, str]:
    """Each `##` heading of the document, and the text under it up to the next one."""
    found: dict[str, str] = {}
    heading = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
            found[heading] = ""
        elif heading is not None:
            found[heading] += line + "\n"
    return found


def rows() -> list[list[str]]:
    """The cells of each row of the table (its header and separator left out)."""
    lines = [line for line in sections()[TABLE_SECTION].splitlines() if line.startswith("|")]
    cells = [[cell.strip() for cell in line.strip().strip("|").split(" | ")] for line in lines[2:]]
    assert cells, "the table has no rows"
    for row in cells:
        assert len(row) == 5, f"a row needs 5 cells (format | import | export | travels | lost): {row}"
    return cells


def names(text: str) -> set[str]:
    """The registry names among the `code` of `text`, split at ' / '."""
    return {part.strip() for code in _CODE.findall(text) for part in code.split("/")} & REGISTERED


def pending(text: str) -> bool:
    return any(name in text for name in PENDING)


def test_every_registered_format_has_a_row_and_a_section():
    in_rows = set().union(*(names(row[0]) for row in rows()))
    in_headings = set().union(*(names(heading) for heading in sections()))
    assert REGISTERED - in_rows == set(), "registered formats without a row in the table"
    assert REGISTERED - in_headings == set(), "registered formats without a ## section"


def test_rows_and_sections_name_only_registered_formats():
    for row in rows():
        codes = set(_CODE.findall(row[0]))
        assert names(row[0]) or pending(row[0]), f"the row {row[0]!r} names no registered format"
        unknown = {c for c in codes if not {p.strip() for p in c.split("/")} <= REGISTERED}
        assert not unknown, f"the row {row[0]!r} names formats the registries lack: {unknown}"
    for heading in sections():
        codes = set(_CODE.findall(heading))
        if not codes:
            known = heading in GENERAL_SECTIONS or pending(heading)
            assert known, f"## {heading}: names no registered format"
        for code in codes:
            assert code in REGISTERED, f"## {heading}: {code} is not a registered format"


def test_import_and_export_columns_say_what_the_registries_hold():
    for row in rows():
        found = names(row[0])
        if not found:
            continue  # a pending format's row
        imports = bool(found & (set(ANNOTATION_READERS) | set(READERS)))
        exports = bool(found & set(EXPORTERS))
        assert row[1].startswith("yes" if imports else "no"), f"{row[0]}: import column {row[1]!r}"
        assert row[2].startswith("yes" if exports else "no"), f"{row[0]}: export column {row[2]!r}"


def _article() -> AnnotatedArticle:
    text = "Taliban fighters attacked Kunduz on Monday."
    spans = [SpanRecord(0, 16, "ACTOR"), SpanRecord(26, 32, "LOCATION"), SpanRecord(36, 42, "DATE")]
    frame = FrameRecord(
        {"trigger_start": 17, "trigger_end": 25, "trigger_text": "attacked", "event_type": "Battles"},
        {"actor1": [0], "location": [1], "date": [2]},
    )
    return AnnotatedArticle(text, spans, [frame], {"id": 7, "content_hash": "h"})


def _section_of(fmt: str) -> str:
    [text] = [body for heading, body in sections().items() if fmt in names(heading)]
    return text


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_file_an_export_writes_is_named_in_its_section(fmt, tmp_path):
    codebook = load_codebook(default_codebook_path())
    EXPORTERS[fmt].export([_article()], tmp_path, codebook)
    written = {re.sub(r"^article-\d+", "article-<id>", p.name) for p in tmp_path.iterdir()}
    missing = written - set(_CODE.findall(_section_of(fmt)))
    assert not missing, f"{fmt} writes files its section does not name: {missing}"


def test_acled_section_lists_every_column_in_order():
    text = _section_of("acled")
    codes = _CODE.findall(text)
    listed = [c for c in codes if c in COLUMNS]
    first = listed.index(COLUMNS[0])
    assert listed[first : first + len(COLUMNS)] == list(COLUMNS)


def test_the_offsets_example_counts_code_points():
    title = "Clashes in Kunduz 🔥 leave 3 dead"
    text = DOC.read_text(encoding="utf-8")
    assert f"`{title}` the `3` is `[26, 27)`" in text
    assert title.index("3") == 26
    assert len(title[: title.index("3")].encode("utf-16-le")) // 2 == 27  # where JavaScript puts it
