"""Fuzzing the article readers, the codebook loader and the article import (issue 11 item 3).

Whatever bytes a file holds, a reader yields records and failures and never raises; every
record it yields can be stored exactly (no NUL, no lone surrogate, visible text). The codebook
loader raises `CodebookError` and nothing else. Examples are bounded (`EXAMPLES`) so the module
runs in well under 40 s; `FUZZ_CASES` is the number of generated cases one run tries.
"""

from __future__ import annotations

import copy
import json
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.cleaning import is_blank
from annotator.core.codebook import codebook_from_data, load_codebook
from annotator.core.errors import CodebookError
from annotator.core.model import ArticleRecord
from annotator.formats.base import READERS, ReadFailure
from annotator.paths import resources_dir
from annotator.services.importing import import_paths
from annotator.store import Store

EXAMPLES = {
    "bytes": 150,
    "unicode": 150,
    "json_values": 100,
    "mutated_articles": 150,
    "codebook_text": 100,
    "mutated_codebook": 150,
    "mutated_codebook_data": 300,
    "import_paths": 25,
}
#: Generated cases per run: one file per reader per example, and one codebook or import each.
FUZZ_CASES = sum(
    n * (3 if name in {"bytes", "unicode", "mutated_articles"} else 1) for name, n in EXAMPLES.items()
)

SUFFIXES = (".csv", ".jsonl", ".txt")
HOSTILE = [
    "\x00",
    "\u2028",
    "\u2029",
    "\u0085",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\r",
    "\n",
    "\r\n",
    '"',
    ",",
    "[",
    "{",
    "\\u0000",
    "\\ud800",
    "\u202e",
    "\u200f",
    "\u200b",
    "\ufeff",
    "😀",
    "ښ",
    "🇦🇫",
]
hostile_text = st.lists(
    st.one_of(st.text(st.characters(exclude_categories=("Cs",)), max_size=20), st.sampled_from(HOSTILE)),
    max_size=30,
).map("".join)
VALID = {
    ".csv": 'text,title,published_at,meta\n"Clashes in Takhar,\nmany dead.",Takhar,2020-10-20,"{""a"": 1}"\n'
    "Kabul blast.,,2021-06-07,\n",
    ".jsonl": json.dumps({"text": "Kabul blast.", "title": "K", "meta": {"a": [1]}})
    + "\n"
    + json.dumps({"text": "Herat\u2028quiet.", "published_at": "2021-06-07"}, ensure_ascii=False)
    + "\n",
    ".txt": "Published: 2021-06-07\nBy Ahmad Shah\n\nد کابل په ښار کې چاودنه وشوه.\nAdvertisement\n",
}


def fuzz(name: str) -> settings:
    """The settings of one fuzz test: `EXAMPLES[name]` cases, no deadline (the machine is
    shared), no example database written into the worktree."""
    return settings(
        max_examples=EXAMPLES[name],
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def read_all(data: bytes, suffix: str) -> list[ArticleRecord | ReadFailure]:
    with folder() as where:
        path = where / f"fuzz{suffix}"
        path.write_bytes(data)
        items = list(READERS[suffix].read(path))
    for item in items:
        assert isinstance(item, ArticleRecord | ReadFailure), item
        if isinstance(item, ArticleRecord):
            assert "\x00" not in item.text and "\x00" not in item.raw_text
            assert not is_blank(item.text)
            item.text.encode("utf-8")
            json.dumps(item.meta, ensure_ascii=False).encode("utf-8")
    return items


def mutated(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """`data` with each (position, deleted length, inserted bytes) applied in turn."""
    for position, length, insert in edits:
        at = position % (len(data) + 1)
        data = data[:at] + insert + data[at + length :]
    return data


edits = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 8), st.binary(max_size=4)), max_size=6)


@fuzz("bytes")
@given(st.binary(max_size=400))
def test_readers_survive_random_bytes(data: bytes) -> None:
    for suffix in SUFFIXES:
        read_all(data, suffix)


@fuzz("unicode")
@given(hostile_text, st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_readers_survive_hostile_unicode(text: str, encoding: str) -> None:
    for suffix in SUFFIXES:
        read_all(text.encode(encoding), suffix)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=12,
)
article_objects = st.fixed_dictionaries(
    {"text": st.one_of(hostile_text, json_values)},
    optional={k: json_values for k in ("title", "published_at", "source", "url", "meta")},
)


@fuzz("json_values")
@given(st.lists(st.one_of(json_values, article_objects), max_size=6), st.booleans())
def test_jsonl_reader_survives_random_json_values(values: list[object], ascii_only: bool) -> None:
    lines = [json.dumps(v, ensure_ascii=ascii_only) for v in values]
    items = read_all("\n".join(lines).encode("utf-8", "surrogatepass"), ".jsonl")
    assert len(items) <= len(lines) + 1


@fuzz("mutated_articles")
@given(edits, st.integers(0, 400))
def test_readers_survive_mutated_and_truncated_valid_files(changes: list, cut: int) -> None:
    for suffix, text in VALID.items():
        data = mutated(text.encode("utf-8"), changes)
        read_all(data[: len(data) - cut % (len(data) + 1)] if cut % 3 == 0 else data, suffix)


CODEBOOK = (resources_dir() / "codebook.toml").read_text(encoding="utf-8")


def load_text(text: str | bytes) -> None:
    with folder() as where:
        path = where / "codebook.toml"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        with suppress(CodebookError):
            load_codebook(path)


toml_values = st.sampled_from(
    [
        "1",
        "-1",
        "1.5",
        "inf",
        "true",
        '""',
        '"A"',
        '"#zzzzzz"',
        "[]",
        "[1]",
        '["A"]',
        "[[1]]",
        "[{}]",
        "{}",
        "{a = 1}",
    ]
)
SECTIONS = ["labels", "roles", "actor_types", "event_types", "fatality_rules", "time_precision", "name"]


def mutated_codebook(changes: list[tuple[int, str, str]]) -> str:
    """The bundled codebook with each (position, how, TOML value) change applied: a key's
    value replaced, a line dropped, cut or doubled, or a top-level key set."""
    lines = CODEBOOK.split("\n")
    for position, how, value in changes:
        at = position % len(lines)
        if how == "value":  # the key lines of the codebook as changed so far
            keys = [n for n, line in enumerate(lines) if "=" in line and not line.startswith("#")]
            if keys:
                key_line = keys[position % len(keys)]
                lines[key_line] = lines[key_line].split("=", 1)[0] + "= " + value
        elif how == "top":
            lines.insert(0, f"{SECTIONS[position % len(SECTIONS)]} = {value}")
        elif how == "drop":
            del lines[at]
        elif how == "dup":
            lines.insert(at, lines[at])
        else:
            lines[at] = lines[at][: position % (len(lines[at]) + 1)]
    return "\n".join(lines)


@fuzz("codebook_text")
@given(st.one_of(hostile_text, st.binary(max_size=200)))
def test_codebook_loader_survives_random_text(text: str | bytes) -> None:
    load_text(text)


@fuzz("mutated_codebook")
@given(
    st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(["value", "value", "top", "drop", "cut", "dup"]),
            toml_values,
        ),
        max_size=4,
    )
)
def test_codebook_loader_survives_a_mutated_bundled_codebook(changes: list[tuple[int, str, str]]) -> None:
    load_text(mutated_codebook(changes))


PARSED = tomllib.loads(CODEBOOK)
toml_data = st.recursive(
    st.booleans()
    | st.integers()
    | st.floats()
    | st.sampled_from(["", "A", "ACTOR", "#ffffff", "Battles"])
    | hostile_text,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["name", "x"]) | hostile_text, inner, max_size=3)
    ),
    max_leaves=6,
)


@fuzz("mutated_codebook_data")
@given(st.data())
def test_codebook_validation_survives_mutated_parsed_data(draw: st.DataObject) -> None:
    """What TOML text cannot easily reach: any value at any place of the parsed codebook."""
    book = copy.deepcopy(PARSED)
    for _ in range(draw.draw(st.integers(1, 3))):
        parent, key, node = None, None, book
        while isinstance(node, dict | list) and node and draw.draw(st.integers(0, 3)):
            key = draw.draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
            parent, node = node, node[key]
        if parent is not None:
            parent[key] = draw.draw(toml_data)
    with suppress(CodebookError):
        codebook_from_data(book, Path("codebook.toml"), CODEBOOK)


@fuzz("import_paths")
@given(
    st.lists(
        st.tuples(st.sampled_from(SUFFIXES), st.one_of(st.binary(max_size=200), hostile_text)), max_size=4
    )
)
def test_import_paths_counts_every_record_and_failure(files: list[tuple[str, bytes | str]]) -> None:
    with folder() as where:
        read = 0
        for number, (suffix, content) in enumerate(files):
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            (where / f"f{number}{suffix}").write_bytes(data)
            read += sum(isinstance(i, ArticleRecord) for i in read_all(data, suffix))
        with Store(where / "project.db") as store:
            summary = import_paths(store, [where])
            assert len(summary.imported) + len(summary.unchanged) == read
            assert store.article_count() == len(set(summary.imported))
            for article_id in store.article_ids():
                assert "\x00" not in store.article(article_id)["text"]


def codebook_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "codebook.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_codebook(path)
    except CodebookError as exc:
        return str(exc).removeprefix(f"{path}")
    raise AssertionError("the codebook loaded")


def test_codebook_cases_the_fuzzer_found_are_codebook_errors(tmp_path: Path) -> None:
    role_labels = CODEBOOK.replace('labels = ["ACTOR"', 'labels = [["ACTOR"]', 1)
    assert 'labels = [["ACTOR"]' in role_labels
    assert codebook_error(tmp_path, role_labels) == (
        ":96: role 'actor1': the items of 'labels' must be text, got ['ACTOR']"
    )
    assert codebook_error(tmp_path, "labels = [1]\n" + CODEBOOK.replace("[[labels]]", "[[x]]")) == (
        ":1: 'labels' must be written as [[labels]] tables"
    )
    assert codebook_error(tmp_path, "a = " + "[" * 100_000) == (
        ": not valid TOML: arrays or tables nested too deeply to read"
    )
    assert codebook_error(tmp_path, "a = " + "9" * 5000).startswith(": not valid TOML: Exceeds the limit")
