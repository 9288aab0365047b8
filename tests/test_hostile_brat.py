"""Hostile brat folders and lines (issue 11, items 2, 3, 5 and 8).

Every problem in a `.ann` is one `path:line: message` failure and its article is not imported
at all (no span, not marked done); folders are read with their subfolders; a lone `.ann` or
`.txt`, or a folder without any pair, is a failure and the CLI exits 1; discontinuous spans
are read only when their fragments are apart by nothing but whitespace; export then import
of brat gives back every span exactly, whatever line breaks and scripts the text holds.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import load_codebook
from annotator.core.model import ArticleRecord
from annotator.formats import ANNOTATION_READERS, ReadFailure
from annotator.formats.base import ReadWarning
from annotator.paths import default_codebook_path
from annotator.services.annotation_import import import_annotations
from annotator.services.exporting import export_project
from annotator.store import Store

BOOK = load_codebook(default_codebook_path())
TEXT = "Taliban fighters attacked Kunduz on Monday."
GOOD = [
    "T1\tACTOR 0 7\tTaliban",
    "T2\tLOCATION 26 32\tKunduz",
    "T3\tBattles 17 25\tattacked",
    "E1\tBattles:T3 actor1:T1 location:T2",
]
runner = CliRunner()


def write_pair(folder: Path, lines: list[str], name: str = "a", text: str = TEXT, end: str = "\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_bytes(text.encode("utf-8"))
    ann = folder / f"{name}.ann"
    ann.write_bytes(end.join([*lines, ""]).encode("utf-8"))
    return ann


def read(path: Path) -> list[AnnotatedArticle | ReadFailure]:
    return list(ANNOTATION_READERS["brat"].read(path, BOOK))


def spans_of(article: AnnotatedArticle) -> list[tuple[int, int, str, str | None]]:
    return [(s.start, s.end, s.label, s.text) for s in article.spans]


# --- item 2: folders, pairs, zero pairs -------------------------------------------------------


def test_a_brat_folder_is_read_with_its_subfolders(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_pair(corpus / "batch1", GOOD)
    write_pair(corpus / "batch2" / "deeper", GOOD[:1], name="b", text="Taliban again.")
    write_pair(corpus / ".checkpoints", GOOD[:1], name="hidden", text="Taliban hidden.")
    articles = read(corpus)
    assert [a.meta["brat_file"] for a in articles if isinstance(a, AnnotatedArticle)] == [
        "batch1/a.ann",
        "batch2/deeper/b.ann",
    ]
    db = tmp_path / "p.db"
    result = runner.invoke(app, ["import", str(corpus), "--annotator", "ana", "--db", str(db), "--create"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{corpus} (brat): imported 3 spans and 1 frames into 2 articles "
        "(2 new, 2 marked done, 0 ignored); failed 0\n"
    )


@pytest.mark.parametrize("content", ["nothing", "texts only"])
def test_a_folder_without_any_ann_file_is_a_failure_and_exits_1(tmp_path: Path, content: str) -> None:
    folder = tmp_path / "corpus"
    (folder / "batch1").mkdir(parents=True)
    if content == "texts only":
        (folder / "batch1" / "a.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "p.db"
    result = runner.invoke(
        app, ["import", str(folder), "--format", "brat", "--annotator", "ana", "--db", str(db), "--create"]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {folder}: no brat .ann files in this folder or its subfolders; "
        "brat annotations are NAME.ann beside NAME.txt\n"
    )
    assert "failed 1" in result.stdout


def test_an_ann_without_its_txt_and_a_txt_without_its_ann_fail_by_name(tmp_path: Path) -> None:
    write_pair(tmp_path, GOOD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.ann").write_text(GOOD[0] + "\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(TEXT, encoding="utf-8")
    items = read(tmp_path)
    assert [str(i) for i in items if isinstance(i, ReadFailure)] == [
        f"{tmp_path}/c.txt: no c.ann beside it: a text in a brat folder needs its .ann",
        f"{tmp_path}/sub/b.ann: no b.txt beside it: a brat .ann needs the text it annotates",
    ]
    assert len([i for i in items if isinstance(i, AnnotatedArticle)]) == 1
    single = read(tmp_path / "sub" / "b.ann")
    assert [str(i) for i in single] == [f"{tmp_path}/sub/b.txt: cannot read file (No such file or directory)"]


# --- items 2 and 3: each malformed line is a file:line failure, the article is not read ------

BAD_LINES = {
    "event without trigger": (
        "E2\tBattles",
        "E2: a brat event line is 'ID<TAB>TYPE:TRIGGER ROLE:ID ...', got 'Battles'",
    ),
    "role without colon": ("E2\tBattles:T3 actor1", "E2: argument 'actor1' is not ROLE:ID"),
    "note without ID": (
        "AnnotatorNotes E1\t[1,2]",
        "'AnnotatorNotes E1' is not a brat ID (letters and a number: T1, E1, A1, R1, #1)",
    ),
    "note not an object": (
        "#1\tAnnotatorNotes E1\t[1,2]",
        "#1: the note of E1 must be a JSON object, got a list",
    ),
    "note not JSON": (
        "#1\tAnnotatorNotes T1\t{fatalities: 3}",
        "#1: the note of T1 is not JSON (Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1))",
    ),
    "note without target": (
        "#1\tAnnotatorNotes\t{}",
        "#1: a brat note line is '#ID<TAB>TYPE TARGET<TAB>NOTE', got 'AnnotatorNotes'",
    ),
    "undefined role target": ("E2\tBattles:T3 actor1:T9", "E2 refers to T9, which no line of a.ann defines"),
    "undefined trigger": ("E2\tBattles:T8", "E2 refers to T8, which no line of a.ann defines"),
    "undefined attribute target": (
        "A1\tSubEventType E7 Armed_clash",
        "A1 refers to E7, which no line of a.ann defines",
    ),
    "undefined note target": ("#1\tAnnotatorNotes T7\t{}", "#1 refers to T7, which no line of a.ann defines"),
    "word offsets": (
        "T4\tACTOR zero 7\tTaliban",
        "T4: offsets 'zero 7' are not 'START END' whole numbers (fragments joined by ';')",
    ),
    "float offsets": (
        "T4\tACTOR 0.0 7\tTaliban",
        "T4: offsets '0.0 7' are not 'START END' whole numbers (fragments joined by ';')",
    ),
    "negative offsets": (
        "T4\tACTOR -1 7\tTaliban",
        "T4: offsets '-1 7' are not 'START END' whole numbers (fragments joined by ';')",
    ),
    "offsets outside the text": (
        "T4\tACTOR 36 99\tMonday.",
        "T4: fragment '36 99' is outside a.txt (43 characters)",
    ),
    "end before start": ("T4\tACTOR 7 0\tTaliban", "T4: fragment '7 0' ends before it starts"),
    "empty span": ("T4\tACTOR 3 3\t", "T4: span '3 3' is empty (no characters)"),
    "text mismatch": (
        "T4\tACTOR 0 7\tTalibam",
        "T4: text 'Talibam' is not the text of a.txt at '0 7': 'Taliban'; "
        "offsets count the characters of the .txt as stored",
    ),
    "duplicate ID": ("T1\tACTOR 0 7\tTaliban", "T1: duplicate ID (the first on line 1)"),
    "spaces for tabs": (
        "T4 ACTOR 0 7 Taliban",
        "a brat line is 'ID<TAB>...'; this one has no tab: 'T4 ACTOR 0 7 Taliban'",
    ),
    "unknown kind": ("X1\tfoo", "X1: brat has no annotation kind 'X' (T, E, A, M, N, R, *, #)"),
    "trigger of another type": (
        "T4\tACTOR 36 42\tMonday\nE2\tBattles:T4",
        "E2: its trigger T4 is typed 'ACTOR', not 'Battles'",
    ),
    "trigger not a T": ("E2\tBattles:E1", "E2: its trigger E1 is not a T line"),
    "role on an event": (
        "E2\tBattles:T3 actor1:E1",
        "E2: actor1:E1 is not an entity span; roles link to T lines that are not triggers",
    ),
    "role on a trigger": (
        "E2\tBattles:T3 actor1:T3",
        "E2: actor1:T3 is not an entity span; roles link to T lines that are not triggers",
    ),
    "sub-event type on a span": (
        "A1\tSubEventType T1 Armed_clash",
        "A1: SubEventType is an event's attribute; T1 is not an E line",
    ),
    "sub-event type without value": (
        "A1\tSubEventType E1",
        "A1: SubEventType of E1 has no value: 'A1<TAB>SubEventType E1 VALUE'",
    ),
    "two sub-event types": (
        "A1\tSubEventType E1 Armed_clash\nA2\tSubEventType E1 Attack",
        "A2: a second SubEventType for E1",
    ),
    "relation with one argument": (
        "R1\tOVERLAP Arg1:T1",
        "R1: a brat relation line is 'ID<TAB>TYPE ROLE:ID ROLE:ID', got 'OVERLAP Arg1:T1'",
    ),
    "trigger without event": (
        "T4\tBattles 36 42\tMonday",
        "T4: typed as the event 'Battles' but no E line has it as its trigger",
    ),
    "discontinuous span": (
        "T4\tLOCATION 0 7;26 32\tTaliban Kunduz",
        "T4: discontinuous span '0 7;26 32' is not supported: a project's spans are contiguous, so "
        "fragments may be apart only by line breaks or spaces; annotate each part as a span of its own",
    ),
    "fragments out of order": (
        "T4\tLOCATION 26 32;0 7\tKunduz Taliban",
        "T4: fragments '26 32;0 7' overlap or are out of order",
    ),
    "fragment text mismatch": (
        "T4\tACTOR 0 7;8 16\tTaliban soldiers",
        "T4: text 'Taliban soldiers' is not the text of a.txt at '0 7;8 16': 'Taliban fighters'; "
        "offsets count the characters of the .txt as stored",
    ),
}


@pytest.mark.parametrize(("line", "message"), BAD_LINES.values(), ids=BAD_LINES.keys())
def test_a_malformed_line_is_a_file_line_failure_and_the_article_is_not_read(
    tmp_path: Path, line: str, message: str
) -> None:
    lines = [*GOOD, *line.split("\n")]  # the last line is the one at fault
    ann = write_pair(tmp_path, lines)
    assert [str(i) for i in read(ann)] == [f"{ann}:{len(lines)}: {message}"]


def test_every_problem_of_a_file_is_reported_in_line_order(tmp_path: Path) -> None:
    ann = write_pair(
        tmp_path, ["E1\tBattles:T9", "T1\tACTOR 0 7\tTaliban", "T1\tACTOR 0 7\tTaliban", "T2\tX 0 99\t"]
    )
    assert [str(i) for i in read(ann)] == [
        f"{ann}:1: E1 refers to T9, which no line of a.ann defines",
        f"{ann}:3: T1: duplicate ID (the first on line 2)",
        f"{ann}:4: T2: fragment '0 99' is outside a.txt (43 characters)",
    ]


def test_crlf_ann_blank_lines_and_unicode_line_separators_in_a_line_read_as_brat_does(tmp_path: Path) -> None:
    text = "Mazar\u2028Sharif clashes, Balkh\x85province."
    lines = ["T1\tLOCATION 0 12\tMazar\u2028Sharif", "", "  ", "T2\tLOCATION 22 36\tBalkh\x85province"]
    [article] = read(write_pair(tmp_path, lines, text=text, end="\r\n"))
    assert isinstance(article, AnnotatedArticle)
    assert article.text == text
    assert spans_of(article) == [
        (0, 12, "LOCATION", "Mazar\u2028Sharif"),
        (22, 36, "LOCATION", "Balkh\x85province"),
    ]


@pytest.mark.parametrize("content", ["", "\n", "\r\n \n\t\n"])
def test_an_empty_or_blank_ann_is_an_article_without_annotations(tmp_path: Path, content: str) -> None:
    """brat writes an empty .ann for a document nobody annotated; the exporter writes "\n"."""
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.ann").write_bytes(content.encode())
    [article] = read(tmp_path)
    assert isinstance(article, AnnotatedArticle)
    assert (article.text, article.spans, article.frames) == (TEXT, [], [])


def test_fragments_apart_only_by_line_breaks_or_spaces_are_one_span(tmp_path: Path) -> None:
    text = "Kunduz\ncity \r\nnorth\u2028side was shelled."
    lines = ["T1\tLOCATION 0 6;7 11;14 19;20 24\tKunduz city north side"]
    [article] = read(write_pair(tmp_path, lines, text=text))
    assert isinstance(article, AnnotatedArticle)
    assert article.text == text
    assert spans_of(article) == [(0, 24, "LOCATION", "Kunduz\ncity \r\nnorth\u2028side")]


def test_offsets_counted_with_universal_newlines_are_mapped_onto_the_crlf_text(tmp_path: Path) -> None:
    """brat opens texts with universal newlines ("\\r\\n" read as "\\n"): such offsets still land right."""
    text = "Kabul\r\nTaliban fighters\r\nattacked Kunduz."
    lines = ["T1\tACTOR 6 13\tTaliban", "T2\tLOCATION 32 38\tKunduz", "T3\tLOCATION 0 5;6 13\tKabul Taliban"]
    [article] = read(write_pair(tmp_path, lines, text=text))
    assert isinstance(article, AnnotatedArticle)
    assert article.text == text
    assert spans_of(article) == [
        (7, 14, "ACTOR", "Taliban"),
        (34, 40, "LOCATION", "Kunduz"),
        (0, 14, "LOCATION", "Kabul\r\nTaliban"),
    ]


def test_a_byte_order_mark_is_the_texts_first_character_as_in_brat(tmp_path: Path) -> None:
    [article] = read(write_pair(tmp_path, ["T1\tACTOR 1 8\tTaliban"], text="\ufeff" + TEXT))
    assert isinstance(article, AnnotatedArticle)
    assert article.text == "\ufeff" + TEXT
    assert spans_of(article) == [(1, 8, "ACTOR", "Taliban")]


def test_what_a_project_cannot_keep_is_a_warning_beside_the_article(tmp_path: Path) -> None:
    lines = [
        *GOOD,
        "R1\tOVERLAP Arg1:T1 Arg2:T2",
        "N1\tReference T2 GeoNames:1138958\tKunduz",
        "#1\tAnnotatorNotes T1\tunsure about this one",
        "R2\tOVERLAP Arg1:T2 Arg2:T1",
        "A1\tNegation E1",
    ]
    ann = write_pair(tmp_path, lines)
    items = read(ann)
    warnings = [i for i in items if isinstance(i, ReadFailure)]
    assert all(isinstance(w, ReadWarning) for w in warnings)
    assert [str(w) for w in warnings] == [
        f"{ann}:5: 2 relation lines left out (the first on this line): a project has no relations",
        f"{ann}:6: 1 normalisation line left out (the first on this line): "
        "a project keeps normalised values only as AnnotatorNotes JSON",
        f"{ann}:7: 1 note line left out (the first on this line): "
        "only an AnnotatorNotes JSON object on an entity span or an event is read",
        f"{ann}:9: 1 attribute line left out (the first on this line): "
        "a project keeps no attribute but an event's SubEventType",
    ]
    [article] = [i for i in items if isinstance(i, AnnotatedArticle)]
    assert spans_of(article) == [(0, 7, "ACTOR", "Taliban"), (26, 32, "LOCATION", "Kunduz")]
    assert [f.roles for f in article.frames] == [{"actor1": [0], "location": [1]}]


# --- item 5: one bad line, nothing of that article imported; the others are -------------------


def test_an_ann_with_a_bad_line_imports_nothing_of_its_article_and_exits_1(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_pair(corpus, GOOD)
    other = "Taliban fighters attacked Herat on Friday."
    bad = write_pair(
        corpus, ["T1\tACTOR 0 7\tTaliban", "T2\tLOCATION 26 31\tHerat", "E1\tBattles"], "b", other
    )
    db = tmp_path / "p.db"
    with Store(db) as store:
        [(known, _)] = store.add_articles([ArticleRecord(raw_text=other, text=other)])
        summary = import_annotations(store, corpus, annotator="ana", codebook=BOOK, fmt="brat")
        assert [str(f) for f in summary.failures] == [
            f"{bad}:3: E1: a brat event line is 'ID<TAB>TYPE:TRIGGER ROLE:ID ...', got 'Battles'"
        ]
        assert store.spans(known) == [] and store.events(known) == []
        assert store.status(known, "ana") != "done"
        assert summary.counts["spans"] == 2 and len(summary.articles) == 1
    result = runner.invoke(app, ["import", str(corpus), "--annotator", "bo", "--db", str(db)])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"error: {bad}:3: E1: a brat event line is 'ID<TAB>TYPE:TRIGGER ROLE:ID ...', got 'Battles'\n"
    )
    assert result.stdout.endswith("into 1 articles (0 new, 1 marked done, 0 ignored); failed 1\n")


# --- item 8: export brat, import it again: every span exactly as it was ---------------------

ROUND_TRIP_TEXTS = [
    "Kabul\r\nTaliban fighters attacked\r\nKunduz on Monday.\r\n",
    "Herat\rclashes\rended in Shindand.",
    "Mazar\u2028Balkh\u2028province\u2029Hairatan",
    "Ghazni\x85Zabul\x85Helmand\x0bKandahar\x0cUruzgan\x1cFarah\x1dNimroz\x1eBadghis",
    "Kandahar\tcity\t\tunrest\tin Arghandab",
    "\ufeffJalalabad\ufeffNangarhar blast\ufeff",
    "😀 په کندهار کې 🇦🇫 جګړه\r\nد طالبانو 👍🏽 حمله\nفي كابول",
    "\n\r\nKhost\n\n",
]


def _words(text: str) -> list[tuple[int, int]]:
    """Each run of non-space characters, and each pair of neighbours with what lies between."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"[^\s\ufeff]+", text)]
    return runs + [(a[0], b[1]) for a, b in pairwise(runs)]


def test_brat_export_then_import_gives_every_span_back_exactly(tmp_path: Path) -> None:
    labels = ["ACTOR", "LOCATION", "PERSON"]
    with Store(tmp_path / "a.db") as store:
        for n, text in enumerate(ROUND_TRIP_TEXTS):
            [(article_id, _)] = store.add_articles([ArticleRecord(raw_text=text, text=text, origin=f"t{n}")])
            spans = [*_words(text), (0, len(text))]
            breaks = [i for i, c in enumerate(text) if c in "\r\n\u2028\x85"]
            spans += [(i, i + 1) for i in breaks[:1]]  # a span that is a line break only
            for k, (start, end) in enumerate(dict.fromkeys(spans)):
                store.add_span(
                    article_id,
                    "ana",
                    start,
                    end,
                    labels[k % 3],
                    status="accepted",
                    normalized={"v": text[start:end]},
                )
            trigger = _words(text)[-1]
            store.add_event(
                article_id,
                "ana",
                {
                    "event_type": "Battles",
                    "trigger_start": trigger[0],
                    "trigger_end": trigger[1],
                    "notes": text,
                },
            )
            store.set_status(article_id, "ana", "done")
        before = _snapshot(store)
        export_project(store, "brat", tmp_path / "out", BOOK, annotator="ana")
    with Store(tmp_path / "b.db") as fresh:
        summary = import_annotations(fresh, tmp_path / "out", annotator="ana", codebook=BOOK, fmt="brat")
        assert summary.failures == []
        assert _snapshot(fresh) == before


def _snapshot(store: Store) -> dict[str, tuple[list[tuple], list[tuple]]]:
    out = {}
    for article_id in store.article_ids():
        text = store.article(article_id)["text"]
        spans = sorted(
            (s["start"], s["end"], s["label"], text[s["start"] : s["end"]], str(s["normalized"]))
            for s in store.spans(article_id, annotator="ana")
        )
        events = sorted(
            (e["event_type"], e["trigger_start"], e["trigger_end"], e["notes"])
            for e in store.events(article_id, annotator="ana")
        )
        out[text] = (spans, events)
    return out
