"""Fuzzing the brat reader and the brat import (issue 11, items 3 and 8).

Whatever a `.ann` and its `.txt` hold (lines that look like brat, mutated exports, random
Unicode), the reader yields articles and failures and never raises; an article comes only
from an `.ann` without a failure; each span and trigger it gives lies in the text and its
text is the text's slice. `import_annotations` raises nothing and stores only such spans.
Examples are bounded (`EXAMPLES`); `FUZZ_CASES` is the number of cases one run tries.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.annotated import AnnotatedArticle, FrameRecord, SpanRecord
from annotator.core.codebook import load_codebook
from annotator.formats import ANNOTATION_READERS, ReadFailure
from annotator.formats.base import ReadWarning
from annotator.formats.brat import ann_text
from annotator.formats.registry import ExportReport
from annotator.paths import default_codebook_path
from annotator.services.annotation_import import import_annotations
from annotator.store import Store

EXAMPLES = {"exported": 200, "generated": 200, "mutated": 200, "import": 40}
#: Generated cases per run: one .txt/.ann pair read per example (and imported, for "import").
FUZZ_CASES = sum(EXAMPLES.values())

BOOK = load_codebook(default_codebook_path())
BRAT_CHARS = [
    *'\t\n\r ;:#*{}[]"0123456789TEANRM-',
    *("\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x1e", "\ufeff", "\x00", "😀", "🇦🇫", "ښ", "ك"),
]
texts = st.lists(
    st.one_of(st.text(st.characters(exclude_categories=("Cs",)), max_size=8), st.sampled_from(BRAT_CHARS)),
    max_size=24,
).map("".join)
LABELS = [
    "ACTOR",
    "LOCATION",
    "PERSON",
    "Battles",
    "Battles",
    "Riots",
    "Explosions_Remote_violence",
    "NOPE",
    "",
]
ROLES = ["actor1", "actor12", "location", "weapon", "nope", ""]
VALID_TEXT = "Kabul\r\nد طالبانو 😀 fighters\u2028attacked\x85Kunduz."
VALID_ANN = (
    "T1\tACTOR 7 16\tد طالبانو\n"
    "T2\tLOCATION 37 43\tKunduz\n"
    "T3\tBattles 28 36\tattacked\n"
    "T4\tLOCATION 0 5;7 10\tKabul د ط\n"
    "E1\tBattles:T3 actor1:T1 location:T2\n"
    "A1\tSubEventType E1 Armed_clash\n"
    '#1\tAnnotatorNotes E1\t{"fatalities": 2, "event_date": "2021-06-07"}\n'
    '#2\tAnnotatorNotes T2\t{"name": "Kunduz"}\n'
    "R1\tOVERLAP Arg1:T1 Arg2:T2\n"
)


#: No deadline (the machine is shared), no example database written into the worktree.
UNHURRIED: dict[str, Any] = {"deadline": None, "database": None, "suppress_health_check": list(HealthCheck)}


def fuzz(name: str) -> settings:
    return settings(max_examples=EXAMPLES[name], **UNHURRIED)


@contextmanager
def brat_pair(txt: bytes, ann: bytes) -> Iterator[Path]:
    """A folder holding `batch/a.txt` and `batch/a.ann`."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name) / "batch"
        folder.mkdir()
        (folder / "a.txt").write_bytes(txt)
        (folder / "a.ann").write_bytes(ann)
        yield Path(name)


def checked_read(root: Path) -> list[AnnotatedArticle | ReadFailure]:
    """The reader's items, each checked: failures name a file of the pair and a line of the
    .ann; an article only without failures, its spans and triggers slices of its text."""
    ann = root / "batch" / "a.ann"
    items = list(ANNOTATION_READERS["brat"].read(root, BOOK))
    lines = len(ann.read_bytes().split(b"\n"))
    failures = [i for i in items if isinstance(i, ReadFailure) and not isinstance(i, ReadWarning)]
    articles = [i for i in items if isinstance(i, AnnotatedArticle)]
    assert len(failures) + len(articles) + sum(isinstance(i, ReadWarning) for i in items) == len(items)
    for failure in failures:
        assert failure.path in {str(ann), str(ann.with_suffix(".txt"))}, failure
        assert failure.line is None or 1 <= failure.line <= lines, failure
    assert len(articles) <= 1 and not (articles and failures)
    for article in articles:
        text = article.text
        for span in article.spans:
            assert 0 <= span.start < span.end <= len(text) and span.text == text[span.start : span.end]
        for frame in article.frames:
            start, end = frame.fields["trigger_start"], frame.fields["trigger_end"]
            assert 0 <= start < end <= len(text) and frame.fields["trigger_text"] == text[start:end]
            assert all(0 <= i < len(article.spans) for refs in frame.roles.values() for i in refs)
    return items


def ident(draw: st.DrawFn, prefix: str, number: int) -> str:
    """Mostly the line's own number (unique IDs), sometimes a clash or a dangling one."""
    return f"{prefix}{number if draw(st.integers(0, 5)) else draw(st.integers(0, 6))}"


@st.composite
def text_bound(draw: st.DrawFn, text: str, number: int) -> str:
    """A T line, its offsets mostly inside `text` and its text mostly their slice."""
    if draw(st.integers(0, 4)):  # offsets that fit
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
    else:
        start, end = draw(st.integers(0, len(text) + 2)), draw(st.integers(0, len(text) + 2))
    parts = [(start, end)]
    if draw(st.integers(0, 3)) == 0:
        parts.append((end + draw(st.integers(0, 2)), end + draw(st.integers(2, 5))))
    where = ";".join(f"{s} {e}" for s, e in parts)
    surface = " ".join(text[s:e] for s, e in parts) if draw(st.integers(0, 4)) else draw(texts)
    return f"{ident(draw, 'T', number)}\t{draw(st.sampled_from(LABELS))} {where}\t{surface}"


@st.composite
def other_line(draw: st.DrawFn, number: int, spans: int) -> str:
    """An E, A, #, N, R or * line naming T1..T{spans} and E1.. (or other IDs), or anything."""
    t = st.integers(0, spans + 1).map(lambda i: f"T{i}")
    kind = draw(st.sampled_from("EEEA#NR*?"))
    if kind == "E":
        args = " ".join(f"{draw(st.sampled_from(ROLES))}:{draw(t)}" for _ in range(draw(st.integers(0, 3))))
        return f"{ident(draw, 'E', number)}\t{draw(st.sampled_from(LABELS[3:]))}:{draw(t)} {args}"
    if kind == "A":
        value = draw(st.sampled_from(["Armed_clash", "Attack", "", "x y"]))
        return f"{ident(draw, 'A', number)}\tSubEventType E{draw(st.integers(0, 3))} {value}"
    if kind == "#":
        note = json.dumps(draw(st.dictionaries(texts, st.integers() | texts, max_size=3)), ensure_ascii=False)
        target = draw(t | st.integers(0, 3).map(lambda i: f"E{i}"))
        body = draw(st.sampled_from([note, "[1]", "{", "free"]))
        return f"{ident(draw, '#', number)}\tAnnotatorNotes {target}\t{body}"
    if kind in "NR*":
        a, b = draw(t), draw(t)
        return {
            "N": f"N{number}\tRef {a} db:{number}\tx",
            "R": f"R{number}\tX Arg1:{a} Arg2:{b}",
            "*": f"*\tEq {a} {b}",
        }[kind]
    return draw(texts)


@st.composite
def generated_pair(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """A .txt and an .ann of T lines and then other lines, with "\n" or "\r\n" line ends."""
    text = draw(st.one_of(texts, st.just(VALID_TEXT)))
    spans = draw(st.integers(0, 6))
    lines = [draw(text_bound(text, i)) for i in range(1, spans + 1)]
    lines += [draw(other_line(i, spans)) for i in range(1, draw(st.integers(0, 5)) + 1)]
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return text.encode("utf-8", "surrogatepass"), end.join(lines).encode("utf-8", "surrogatepass")


@st.composite
def annotated(draw: st.DrawFn) -> AnnotatedArticle:
    """An article as the store could hold it: spans and a frame anywhere in any text."""
    text = draw(texts.filter(lambda t: t.encode("utf-8").strip() and "\x00" not in t))

    def offsets() -> tuple[int, int]:
        start = draw(st.integers(0, len(text) - 1))
        return start, draw(st.integers(start + 1, len(text)))

    values = st.none() | st.dictionaries(texts, texts | st.integers(), max_size=2)
    spans = [
        SpanRecord(*offsets(), draw(st.sampled_from(BOOK.label_names)), draw(values))
        for _ in range(draw(st.integers(0, 5)))
    ]
    frames = []
    if draw(st.booleans()):
        start, end = offsets()
        fields = {"event_type": "Battles", "trigger_start": start, "trigger_end": end, "notes": draw(texts)}
        roles = {"actor1": list(range(len(spans)))} if spans else {}
        frames.append(FrameRecord(fields, roles))
    return AnnotatedArticle(text, spans, frames)


exported_pair = annotated().map(lambda a: (a.text.encode(), ann_text(a, ExportReport(), BOOK).encode()))


def mutated(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """`data` with each (position, deleted length, inserted bytes) applied in turn."""
    for position, length, insert in edits:
        at = position % (len(data) + 1)
        data = data[:at] + insert + data[at + length :]
    return data


edits = st.lists(
    st.tuples(
        st.integers(0, 10_000),
        st.integers(0, 6),
        st.binary(max_size=3) | st.sampled_from(BRAT_CHARS).map(str.encode),
    ),
    max_size=5,
)


@fuzz("exported")
@given(annotated())
def test_what_the_exporter_writes_reads_back_exactly(article: AnnotatedArticle) -> None:
    ann = ann_text(article, ExportReport(), BOOK)
    with brat_pair(article.text.encode("utf-8"), ann.encode("utf-8")) as root:
        items = checked_read(root)
    if items and all(isinstance(i, ReadFailure) and i.message == "binary data, not text" for i in items):
        return  # a text (and so its .ann) of many control characters: refused as not text, by name
    [back] = items
    assert isinstance(back, AnnotatedArticle) and back.text == article.text
    assert [(s.start, s.end, s.label, s.normalized) for s in back.spans] == [
        (s.start, s.end, s.label, s.normalized or None)
        for s in article.spans  # {}: no note
    ]
    assert [(f.fields, f.roles) for f in back.frames] == [
        (
            {
                **f.fields,
                "sub_event_type": None,
                "trigger_text": article.text[f.fields["trigger_start"] : f.fields["trigger_end"]],
            },
            f.roles,
        )
        for f in article.frames
    ]


@fuzz("generated")
@given(generated_pair())
def test_the_reader_survives_generated_brat_lines(pair: tuple[bytes, bytes]) -> None:
    with brat_pair(*pair) as root:
        checked_read(root)


@fuzz("mutated")
@given(edits, edits)
def test_the_reader_survives_a_mutated_valid_pair(txt_edits: list, ann_edits: list) -> None:
    txt, ann = mutated(VALID_TEXT.encode("utf-8"), txt_edits), mutated(VALID_ANN.encode("utf-8"), ann_edits)
    with brat_pair(txt, ann) as root:
        checked_read(root)


def test_the_valid_pair_the_mutations_start_from_is_read_whole() -> None:
    with brat_pair(VALID_TEXT.encode("utf-8"), VALID_ANN.encode("utf-8")) as root:
        *warnings, article = checked_read(root)
    assert [w.message for w in warnings] == [
        "1 relation line left out (the first on this line): a project has no relations"
    ]
    assert isinstance(article, AnnotatedArticle)
    assert [s.text for s in article.spans] == ["د طالبانو", "Kunduz", "Kabul\r\nد ط"]
    assert article.frames[0].fields["fatalities"] == 2


@fuzz("import")
@given(
    st.one_of(generated_pair(), exported_pair, st.just((VALID_TEXT.encode(), VALID_ANN.encode()))),
    edits | st.just([]),
)
def test_import_raises_nothing_and_stores_only_spans_that_match_the_text(
    pair: tuple[bytes, bytes], ann_edits: list
) -> None:
    with brat_pair(pair[0], mutated(pair[1], ann_edits)) as root:
        read = {a.text: a for a in checked_read(root) if isinstance(a, AnnotatedArticle)}
        with Store(root / "p.db") as store:
            import_annotations(store, root, annotator="ana", codebook=BOOK, fmt="brat")
            for article_id in store.article_ids():
                text = store.article(article_id)["text"]
                assert text in read
                given_spans = {(s.start, s.end, s.label) for s in read[text].spans}
                for span in store.spans(article_id):
                    assert (span["start"], span["end"], span["label"]) in given_spans
