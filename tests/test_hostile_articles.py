"""Hostile article files (issue 11 items 2, 3, 4, 8): each is reported by file and line, never
stored wrong, and never stops the other articles."""

import json
from pathlib import Path

from typer.testing import CliRunner

from annotator.cli import app
from annotator.formats.base import read_text, record_lines
from annotator.formats.jsonl_util import first_object, json_lines
from annotator.services.importing import import_paths
from annotator.store import Store

PASHTO = "د کابل په ښار کې چاودنه وشوه او لس کسان ووژل شول"


def texts(store: Store) -> list[str]:
    return [store.article(i)["text"] for i in store.article_ids()]


def messages(summary) -> list[str]:
    return [str(f) for f in summary.failures]


def test_an_unterminated_csv_quote_is_a_failure_not_a_merged_article(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        'text,title\n"Clashes in Takhar.,Takhar\n"Kabul blast.",Kabul\nHerat quiet.,Herat\n', encoding="utf-8"
    )
    summary = import_paths(store, [path])
    assert messages(summary) == [
        f"{path}:2: malformed CSV (',' expected after '\"') in the row starting here and running to "
        "line 3, likely a quote left open; none of these lines was imported"
    ]
    assert texts(store) == ["Herat quiet."]


def test_a_quote_open_at_the_end_of_a_csv_is_a_failure(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "a.csv"
    path.write_text('text\nKabul blast.\n"Clashes in Takhar.\nmore\n', encoding="utf-8")
    summary = import_paths(store, [path])
    assert messages(summary) == [
        f"{path}:3: malformed CSV (unexpected end of data) in the row starting here and running to "
        "line 4, likely a quote left open; none of these lines was imported"
    ]
    assert texts(store) == ["Kabul blast."]


def test_a_utf8_file_cut_inside_its_last_character_keeps_utf8_with_a_warning(
    tmp_path: Path, store: Store
) -> None:
    path = tmp_path / "cut.txt"
    data = f"{PASHTO}\n\n{PASHTO}".encode()
    path.write_bytes(data[:-1])
    summary = import_paths(store, [path])
    assert summary.failures == []
    assert [str(w) for w in summary.warnings] == [
        f"{path}:3: the file ends inside a UTF-8 character (byte offset {len(data) - 2}, the last 1 "
        "byte(s)); it looks truncated: that character was imported as U+FFFD (\ufffd)"
    ]
    assert texts(store) == [f"{PASHTO}\n\n{PASHTO[:-1]}\ufffd"]
    assert summary.line() == "imported 1, unchanged 0, failed 0, warnings 1"
    assert not summary.ok


def test_a_latin1_letter_ending_an_ascii_file_is_still_latin1(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes("Kabul blast near the caf\xe9".encode("latin-1"))
    decoded = read_text(path)
    assert tuple(decoded) == ("Kabul blast near the café", "cp1252")
    assert decoded.warning is None


def test_an_invalid_utf8_byte_mid_file_is_still_a_legacy_encoding(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("The governor’s office – café".encode("cp1252") + "ښ".encode()[:1])
    assert tuple(read_text(path)) == ("The governor’s office – caféÚ", "cp1252")


def test_texts_left_empty_by_cleaning_are_failures(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "a.jsonl"
    rows = [{"text": "\u200b\u200e \u2060"}, {"text": "Advertisement"}, {"text": "Kabul blast."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    summary = import_paths(store, [path])
    assert messages(summary) == [
        f"{path}:1: no article text left after removing headers and boilerplate",
        f"{path}:2: no article text left after removing headers and boilerplate",
    ]
    assert texts(store) == ["Kabul blast."]


def test_deep_nesting_huge_numbers_and_wrong_shapes_are_line_failures(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        "[" * 200_000,
        '{"text": "Kabul blast.", "meta": {"n": ' + "9" * 5000 + "}}",
        json.dumps({"text": ["a"]}),
        json.dumps({"text": "Herat quiet.", "title": 3}),
        json.dumps({"text": "Balkh calm."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    summary = import_paths(store, [path])
    assert messages(summary) == [
        f"{path}:1: invalid JSON (nested too deeply to read)",
        f"{path}:2: invalid JSON (Exceeds the limit (4300 digits) for integer string conversion: "
        "value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit)",
        f"{path}:3: missing or empty 'text'",
        f"{path}:4: title must be text, got 3",
    ]
    assert texts(store) == ["Balkh calm."]


def test_deep_nesting_in_an_annotation_jsonl_is_a_line_failure(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("[" * 200_000 + "\n" + json.dumps({"text": "x"}) + "\n", encoding="utf-8")
    assert [str(x) for x in json_lines(path)] == [
        f"{path}:1: invalid JSON (nested too deeply to read)",
        "(2, {'text': 'x'})",
    ]
    assert first_object(path) is None


def test_nul_and_lone_surrogates_in_text_are_rejected(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"text": "Kabul\u0000 blast."}),
        json.dumps({"text": "Herat \ud800 quiet."}),
        json.dumps({"text": "Balkh calm.", "title": "a\u0000b"}),
        json.dumps({"text": "Kunduz calm.", "meta": {"k": "\udfff"}}),
        json.dumps({"text": "Ghazni calm."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    summary = import_paths(store, [path])
    assert messages(summary) == [
        f"{path}:1: the text contains a NUL character (U+0000) at character 5; remove it",
        f"{path}:2: the text contains a lone surrogate (U+D800) at character 6; it is not Unicode text",
        f"{path}:3: title contains a NUL character (U+0000) at character 1; remove it",
        f"{path}:4: meta contains a lone surrogate (U+DFFF) at character 7; it is not Unicode text",
    ]
    assert texts(store) == ["Ghazni calm."]


def test_a_raw_nul_after_the_first_8_kb_is_binary(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(b"Kabul blast. " * 1000 + b"\x00 more")
    (tmp_path / "ok.txt").write_text("Herat quiet.", encoding="utf-8")
    summary = import_paths(store, [tmp_path])
    assert messages(summary) == [f"{path}: binary data, not text (a NUL byte at byte offset 13000)"]
    assert texts(store) == ["Herat quiet."]


def test_jsonl_is_split_at_newlines_only(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "a.jsonl"
    odd = "Kabul\u2028blast\u2029in\u0085the\x0bcity\x0c\x1c\x1d\x1e."
    rows = [json.dumps({"text": odd}, ensure_ascii=False), "{bad", json.dumps({"text": "Herat quiet."})]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8", newline="")
    summary = import_paths(store, [path])
    assert messages(summary) == [
        f"{path}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)"
    ]
    assert [store.article(i)["origin"] for i in summary.imported] == [f"{path}:1", f"{path}:3"]
    assert store.article(summary.imported[0])["raw_text"] == odd


def test_record_lines_keeps_numbers_and_drops_carriage_returns() -> None:
    assert list(record_lines("a\u2028b\r\n\nc\rd\n")) == [(1, "a\u2028b"), (2, ""), (3, "c\rd"), (4, "")]


def test_an_annotation_jsonl_with_a_line_separator_keeps_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "a\u2028b\u0085c"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert list(json_lines(path)) == [(1, {"text": "a\u2028b\u0085c"})]


def test_import_exits_1_and_counts_every_failure(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("[[[\n" + json.dumps({"text": "Kabul blast."}) + "\n{}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(path), "--db", str(tmp_path / "x.db"), "--create"])
    assert result.exit_code == 1
    assert "imported 1, unchanged 0, failed 2" in result.stdout
    assert f"error: {path}:1: invalid JSON" in result.stderr


def test_import_prints_the_truncation_warning_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(PASHTO.encode()[:-1])
    result = CliRunner().invoke(app, ["import", str(path), "--db", str(tmp_path / "x.db"), "--create"])
    assert result.exit_code == 1
    assert f"warning: {path}:1: the file ends inside a UTF-8 character" in result.stderr
    assert "imported 1, unchanged 0, failed 0, warnings 1" in result.stdout
