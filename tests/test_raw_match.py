"""A peer tool's file made on an article's raw text (BOM, CRLF, header lines, boilerplate)
finds the imported article instead of duplicating it, and its offsets land on the same
words of the cleaned text; a span on what cleaning removed is reported with file and line."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.cleaning import clean_article, normalise
from annotator.core.codebook import load_codebook
from annotator.core.model import ArticleRecord
from annotator.core.raw_offsets import RawOffsets, raw_offsets
from annotator.formats.base import default_ingest_rules
from annotator.paths import default_codebook_path
from annotator.services.annotation_import import import_annotations
from annotator.services.importing import import_paths
from annotator.store import Store, schema

BOOK = load_codebook(default_codebook_path())
RULES = default_ingest_rules()
BODY = (
    "KABUL (Dispatches) – Taliban fighters seized Shahrak district of Ghor province on Monday.\r\n"
    "Advertisement\r\n"
    "  The fighting spread to Faryab, officials said.  \r\n"
)
RAW = "\ufeffNews ID: 90991\r\nPublish Date : 07 June 2021 - 21:44\r\n\r\n" + BODY
CLEANED = (
    "KABUL (Dispatches) – Taliban fighters seized Shahrak district of Ghor province on Monday.\n"
    "The fighting spread to Faryab, officials said."
)
#: The raw text as a peer tool may have saved it: as read (BOM, CRLF), without the BOM, with LF.
FORMS = {"bom+crlf": RAW, "crlf": RAW[1:], "lf": RAW[1:].replace("\r\n", "\n")}
WORDS = [("Taliban", "ACTOR"), ("Shahrak district", "LOCATION"), ("Faryab", "LOCATION")]


@pytest.fixture
def imported(tmp_path: Path, store: Store) -> Store:
    """The project with the article imported from a .txt file with a BOM, CRLF and a header."""
    path = tmp_path / "000_raw.txt"
    path.write_bytes(RAW.encode("utf-8"))
    import_paths(store, [path])
    assert store.article_count() == 1 and store.article(1)["text"] == CLEANED
    return store


def doccano_file(tmp_path: Path, text: str, marked: list[tuple[str, str]]) -> Path:
    """One doccano line on `text`, a label on the first occurrence of each marked word."""
    labels = [[text.index(word), text.index(word) + len(word), label] for word, label in marked]
    path = tmp_path / "peer.jsonl"
    path.write_text(json.dumps({"text": text, "label": labels}, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def landed(store: Store) -> list[tuple[str, str]]:
    text = store.article(1)["text"]
    return sorted((text[s["start"] : s["end"]], s["label"]) for s in store.spans(1, annotator="ana"))


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
def test_a_doccano_file_on_the_raw_text_lands_on_the_imported_article(
    tmp_path: Path, imported: Store, form: str
) -> None:
    path = doccano_file(tmp_path, form, WORDS)
    summary = import_annotations(imported, path, annotator="ana", codebook=BOOK, fmt="doccano")
    assert summary.failures == [] and summary.counts["new_articles"] == 0
    assert imported.article_count() == 1
    assert landed(imported) == sorted(WORDS)


def test_a_span_on_the_header_or_on_boilerplate_is_reported_and_its_record_refused(
    tmp_path: Path, imported: Store
) -> None:
    marked = [("90991", "DATE"), ("Taliban", "ACTOR"), ("Advertisement", "ACTOR"), ("Faryab", "LOCATION")]
    path = doccano_file(tmp_path, RAW, marked)
    summary = import_annotations(imported, path, annotator="ana", codebook=BOOK, fmt="doccano")
    removed = "lies in text that cleaning removed (a header line, boilerplate or whitespace)"
    news_id, advert = RAW.index("90991"), RAW.index("Advertisement")
    assert [str(f) for f in summary.failures] == [
        f"{path}:1: span 0 [{news_id}, {news_id + 5}) '90991' {removed}",
        f"{path}:1: span 2 [{advert}, {advert + 13}) 'Advertisement' {removed}",
    ]
    assert imported.article_count() == 1 and summary.failed == 1
    assert landed(imported) == []  # a record is imported whole or not at all


def test_a_span_across_removed_text_is_reported(tmp_path: Path, imported: Store) -> None:
    across = "Monday.\r\nAdvertisement\r\n  The fighting"
    path = doccano_file(tmp_path, RAW, [(across, "DATE")])
    summary = import_annotations(imported, path, annotator="ana", codebook=BOOK, fmt="doccano")
    start = RAW.index(across)
    assert [str(f) for f in summary.failures] == [
        f"{path}:1: span 0 [{start}, {start + len(across)}) {across!r} crosses text that cleaning "
        "removed or changed (the cleaned text there is 'Monday.\\nThe fighting')"
    ]
    assert imported.article_count() == 1 and landed(imported) == []


def test_a_prodigy_file_on_the_raw_text_maps_its_spans_texts_and_trigger(
    tmp_path: Path, imported: Store
) -> None:
    text = FORMS["crlf"]

    def span(word: str, label: str) -> dict:
        return {"start": text.index(word), "end": text.index(word) + len(word), "label": label, "text": word}

    seized = text.index("seized")
    event = {
        "fields": {"event_type": "Battles", "trigger_start": seized, "trigger_end": seized + 6},
        "roles": {"actor1": [0], "location": [1]},
    }
    task = {"text": text, "spans": [span(w, lab) for w, lab in WORDS], "events": [event], "answer": "accept"}
    path = tmp_path / "peer.jsonl"
    path.write_text(json.dumps(task, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = import_annotations(imported, path, annotator="ana", codebook=BOOK, fmt="prodigy")
    assert summary.failures == [] and summary.counts["new_articles"] == 0
    assert imported.article_count() == 1 and landed(imported) == sorted(WORDS)
    [frame] = imported.events(1, annotator="ana")
    assert CLEANED[frame["trigger_start"] : frame["trigger_end"]] == "seized"


def test_a_prodigy_span_whose_text_is_not_the_raw_text_is_reported(tmp_path: Path, imported: Store) -> None:
    start = RAW.index("Taliban")
    task = {"text": RAW, "spans": [{"start": start, "end": start + 7, "label": "ACTOR", "text": "Talibán"}]}
    path = tmp_path / "peer.jsonl"
    path.write_text(json.dumps(task, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = import_annotations(imported, path, annotator="ana", codebook=BOOK, fmt="prodigy")
    assert [str(f) for f in summary.failures] == [
        f"{path}:1: span 0 text 'Talibán' does not match the article text 'Taliban'"
    ]
    assert imported.article_count() == 1


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_brat_folder_on_the_raw_file_lands_on_the_imported_article(
    tmp_path: Path, imported: Store, form: str
) -> None:
    """brat counts offsets in the .txt as stored (a BOM is its first character, CRLF two)."""
    folder = tmp_path / "brat"
    folder.mkdir()
    read = FORMS[form]
    (folder / "000_raw.txt").write_bytes(read.encode("utf-8"))
    lines = []
    for n, (word, label) in enumerate(WORDS, start=1):
        start = read.index(word)
        lines.append(f"T{n}\t{label} {start} {start + len(word)}\t{word}")
    (folder / "000_raw.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = import_annotations(imported, folder, annotator="ana", codebook=BOOK, fmt="brat")
    assert summary.failures == [] and summary.counts["new_articles"] == 0
    assert imported.article_count() == 1 and landed(imported) == sorted(WORDS)


def test_a_raw_text_with_other_headers_matches_by_what_it_cleans_to(tmp_path: Path, imported: Store) -> None:
    other = "By John Smith\nPublished: 8 June 2021\n\n" + BODY.replace("\r\n", "  \n")
    path = doccano_file(tmp_path, other, WORDS)
    summary = import_annotations(imported, path, annotator="ana", codebook=BOOK, fmt="doccano")
    assert summary.failures == [] and imported.article_count() == 1
    assert landed(imported) == sorted(WORDS)


def test_a_raw_text_that_no_longer_cleans_to_its_article_is_refused_not_duplicated(
    tmp_path: Path, store: Store
) -> None:
    """As when the cleaning rules changed since the import: the raw text is known, its
    offsets cannot be mapped; nothing is stored."""
    store.add_articles([ArticleRecord(raw_text=RAW, text="Taliban fighters seized Shahrak district.")])
    path = doccano_file(tmp_path, RAW, WORDS)
    summary = import_annotations(store, path, annotator="ana", codebook=BOOK, fmt="doccano")
    assert [str(f) for f in summary.failures] == [
        f"{path}:1: the text is the raw text of article 1, but cleaning it with the current rules "
        "(ingest.toml) no longer gives that article's text, so its offsets cannot be mapped; "
        "annotate the article's cleaned text (export it from the project) instead"
    ]
    assert store.article_count() == 1 and store.spans(1) == []


def test_an_article_a_peer_file_created_is_not_refused_for_other_line_ends(
    tmp_path: Path, store: Store
) -> None:
    """Created from a peer's file, an article keeps its text as given (raw = text, uncleaned):
    the same text with LF is not "a raw text that no longer cleans to its article"."""
    first = doccano_file(tmp_path, FORMS["crlf"], WORDS[:1])
    import_annotations(store, first, annotator="ana", codebook=BOOK, fmt="doccano")
    second = doccano_file(tmp_path, FORMS["lf"], WORDS[1:])
    summary = import_annotations(store, second, annotator="bo", codebook=BOOK, fmt="doccano")
    assert summary.failures == [] and summary.counts["spans"] == 2


def test_the_store_finds_an_article_by_its_raw_text_in_any_line_ending_through_an_index(
    imported: Store,
) -> None:
    forms = [*FORMS.values(), RAW.replace("\r\n", "\r"), "\ufeff" + FORMS["lf"]]
    assert [imported.article_id_for_raw_text(form) for form in forms] == [1] * len(forms)
    assert imported.article_id_for_raw_text(RAW + "More.") is None
    assert imported.article_id_for_raw_text(CLEANED) is None
    plan = imported.db.execute(
        "explain query plan select id from articles where raw_hash = ? order by id limit 1", ["x"]
    ).fetchall()
    assert "idx_articles_raw_hash" in str(plan)


def test_migration_6_gives_the_articles_of_an_older_project_their_raw_hash(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    db = sqlite_utils.Database(path)
    schema.apply(db, upto=5)
    db["articles"].insert(
        {"content_hash": "x", "raw_text": RAW, "text": CLEANED, "imported_at": "2020-01-01T00:00:00"}
    )
    db.close()
    with Store(path) as store:
        assert store.schema_version == 8
        assert store.article_id_for_raw_text(FORMS["lf"]) == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("select count(*) from articles where raw_hash is null").fetchone() == (0,)


# -- the map itself -------------------------------------------------------------------------

LINES = "\ufeffКабул fell.\r\n\r\nGhor held.  \r\nFaryab too.\r\nAdvertisement\r\nZaranj, later."


@pytest.mark.parametrize(
    ("raw_span", "cleaned_span"),
    [
        ("fell.\r\n\r\nGhor", "fell.\n\nGhor"),  # across a blank line: its separator is kept
        ("fell.\r\n", "fell.\n"),  # ending on a line break
        ("\r\nGhor", "\nGhor"),  # starting on one
        ("too.\r\nAdvertisement\r\nZaranj", None),  # across a removed line
        ("held.  \r\nFaryab", None),  # across stripped spaces
    ],
)
def test_a_span_across_lines_maps_when_every_character_survives(
    raw_span: str, cleaned_span: str | None
) -> None:
    cleaned = clean_article(LINES, RULES)
    assert cleaned.text == "Кабул fell.\n\nGhor held.\nFaryab too.\nZaranj, later."
    start = LINES.index(raw_span)
    mapped = RawOffsets(LINES, cleaned).span(start, start + len(raw_span))
    if cleaned_span is None:
        assert isinstance(mapped, str) and mapped.startswith("crosses text that cleaning removed or changed")
    else:
        assert isinstance(mapped, tuple) and cleaned.text[mapped[0] : mapped[1]] == cleaned_span


#: Words that survive cleaning wherever they stand: none is ASCII-only (no header, date,
#: boilerplate or credit pattern matches them); decomposed, reordered and composing characters.
VOCABULARY = [
    "Кабул", "ولسوالۍ", "طالبانو", "Cafe\u0301", "naïve", "Ġor", "Ωmega", "ﬁre", "A\u030angstrom",
    "\u212bre", "e\u0301\u0323tat", "\u1100\u1161ga", "Zo\u0308e", "x\u200byé", "ĉ\u0327a",
]  # fmt: skip
HEADERS = [
    "News ID: 90991", "Publish Date : 07 June 2021 - 21:44", "By John Smith", "AFP, KABUL",
    "Share on Facebook", "Advertisement", "https://example.org/a", "07 June 2021", "Tags: war",
    "Posted on March 3, 2020 | Kabul", "Title:  Кабул Ġor", "date 2021-06-10 Кабул naïve",
]  # fmt: skip
SPACES = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\u3000"])
ENDS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n \r\n", "\n\u2028\n"])
WORD = st.one_of(
    st.sampled_from(VOCABULARY),
    st.text(st.sampled_from("ابپتюжéü\u0301\u0308\u0323ĝ"), min_size=1, max_size=6).filter(
        lambda w: any(c.isalpha() for c in w)
    ),
)


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A raw article (BOM or not, headers, boilerplate, padded lines, any line ends) and the
    raw offsets of every body word, which cleaning keeps."""
    raw, words = "\ufeff" if draw(st.booleans()) else "", []
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.integers(0, 3)) == 0:
            raw += draw(st.sampled_from(HEADERS)) + draw(ENDS)
            continue
        raw += draw(SPACES)
        for n, word in enumerate(draw(st.lists(WORD, min_size=2, max_size=6))):
            raw += " " * (n > 0) * draw(st.integers(1, 2))
            words.append((len(raw), len(raw) + len(word)))
            raw += word
        raw += draw(SPACES) + draw(ENDS)
    return raw, words


def _same_characters(offsets: RawOffsets, start: int, end: int) -> None:
    mapped = offsets.span(start, end)
    assert isinstance(mapped, tuple), (offsets.raw[start:end], mapped)
    assert offsets.text[mapped[0] : mapped[1]] == normalise(offsets.raw[start:end])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), st.randoms(use_true_random=False))
def test_every_raw_span_cleaning_keeps_maps_to_the_same_characters(
    article: tuple[str, list[tuple[int, int]]], rnd: random.Random
) -> None:
    raw, words = article
    cleaned = clean_article(raw, RULES)
    offsets = raw_offsets(raw, cleaned.text, RULES)
    assert offsets is not None
    for start, end in words:  # each word, and runs of words on one line
        _same_characters(offsets, start, end)
        following = [e for s, e in words if s > start and "\n" not in normalise(raw[start:e])]
        if following:
            _same_characters(offsets, start, rnd.choice(following))


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=80), st.randoms(use_true_random=False))
def test_a_raw_span_maps_only_onto_its_own_characters(raw: str, rnd: random.Random) -> None:
    """Any text, any span: mapped, it lands on its own characters (normalised); else a reason."""
    cleaned = clean_article(raw, RULES)
    offsets = RawOffsets(raw, cleaned)
    for line in cleaned.lines:  # the record of the edits is true
        assert normalise(raw)[line.start : line.start + len(line.text)] == line.text
    for _ in range(20):
        start = rnd.randint(0, len(raw))
        end = rnd.randint(start, len(raw))
        mapped = offsets.span(start, end) if end > start else "empty"
        if isinstance(mapped, tuple):
            assert cleaned.text[mapped[0] : mapped[1]] == normalise(raw[start:end])
        else:
            assert isinstance(mapped, str) and mapped
