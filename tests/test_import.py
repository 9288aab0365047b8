import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.services.importing import import_paths
from annotator.store import Store

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def published(db: Path) -> list[str | None]:
    with Store(db) as store:
        return [store.article(i)["published_at"] for i in store.article_ids()]


def test_importing_the_seeds_twice_leaves_five_articles(seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    first = invoke("import", str(seeds), "--db", str(db), "--create")
    assert first.exit_code == 0, first.output
    assert "imported 5, unchanged 0, failed 0" in first.output
    second = invoke("import", str(seeds), "--db", str(db))
    assert second.exit_code == 0
    assert "imported 0, unchanged 5, failed 0" in second.output
    dates = published(db)
    assert len(dates) == 5
    assert sorted(d for d in dates if d) == [
        "2020-10-22T04:20:00+05:30",
        "2021-06-07T21:44:00",
        "2021-06-10",
        "2021-07-08",
    ]


def test_bad_files_are_reported_by_name_and_the_rest_imported(seeds: Path, tmp_path: Path) -> None:
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "blank.txt").write_text("   \n\n  ")
    (seeds / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (seeds / "only_ads.txt").write_text("Advertisement\nLeave a Reply\n")
    (seeds / "folder.txt").mkdir()  # a folder named like a file cannot be read
    db = tmp_path / "x.db"
    result = invoke("import", str(seeds), "--db", str(db), "--create")
    assert result.exit_code == 1
    err = result.stderr
    assert f"{seeds / 'empty.txt'}: empty file" in err
    assert f"{seeds / 'blank.txt'}: empty file" in err
    assert f"{seeds / 'image.txt'}: binary data, not text" in err
    assert f"{seeds / 'only_ads.txt'}: no article text left" in err
    assert "imported 5, unchanged 0, failed 4" in result.stdout
    assert len(published(db)) == 5


def test_missing_and_unsupported_paths(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    result = invoke(
        "import",
        str(tmp_path / "nope"),
        str(tmp_path / "report.pdf"),
        "--db",
        str(tmp_path / "x.db"),
        "--create",
    )
    assert result.exit_code == 1
    assert f"{tmp_path / 'nope'}: no such file or folder" in result.stderr
    assert "unsupported file type '.pdf'; supported: .csv, .jsonl, .ndjson, .txt" in result.stderr


def test_legacy_encodings_are_decoded(tmp_path: Path, store: Store) -> None:
    text = "Published: 2021-06-07\n\nThe governor’s office said “dozens” died near Qala-i-Naw – café hit.\n"
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    latin = "Date: 2021-06-08\n\nReporters in Kabul said the façade of the ministry collapsed – °.\n"
    (tmp_path / "latin1.txt").write_bytes(latin.replace("–", "-").encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes(("Date: 2021-06-09\n\nKunduz clashes continued.").encode("utf-16"))
    summary = import_paths(store, [tmp_path])
    assert summary.ok, summary.failures
    texts = {store.article(i)["text"] for i in summary.imported}
    assert "The governor’s office said “dozens” died near Qala-i-Naw – café hit." in texts
    assert any("façade" in t and "°" in t for t in texts)
    assert "Kunduz clashes continued." in texts


def test_jsonl_lines_are_checked_one_by_one(tmp_path: Path, store: Store) -> None:
    lines = [
        json.dumps(
            {
                "text": "Taliban attacked Kunduz.",
                "title": "Kunduz",
                "published_at": "2021-06-07T10:00:00+04:30",
                "source": "Pajhwok",
                "url": "https://example.org/a",
                "meta": {"lang": "en"},
            }
        ),
        "{not json",
        json.dumps({"title": "no text"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": "A second article without a date."}),
        json.dumps({"text": "Bad date.", "published_at": "sometime in June"}),
        json.dumps({"text": "Bad meta.", "meta": "x"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n")
    summary = import_paths(store, [path])
    messages = [str(f) for f in summary.failures]
    assert messages == [
        f"{path}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{path}:3: missing or empty 'text'",
        f"{path}:5: each line must be a JSON object",
        f"{path}:7: published_at 'sometime in June' is not a date this importer can read unambiguously",
        f"{path}:8: meta must be an object, got str",
    ]
    first, second = (store.article(i) for i in summary.imported)
    assert (first["title"], first["source"], first["url"]) == (
        "Kunduz",
        "Pajhwok",
        "https://example.org/a",
    )
    assert first["published_at"] == "2021-06-07T10:00:00+04:30"
    assert first["meta"]["lang"] == "en"
    assert first["origin"] == f"{path}:1"
    assert second["published_at"] is None and second["flags"] == ["no_publication_date"]


def test_csv_rows(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "articles.csv"
    path.write_text(
        "text,title,published_at,source,desk\n"
        '"Clashes in Takhar,\nwith many dead.",Takhar,"October 20, 2020",ANI,north\n'
        ",empty,,,\n"
        "Kabul blast.,,2021-06-07,,\n",
        encoding="utf-8",
    )
    summary = import_paths(store, [path])
    assert [str(f) for f in summary.failures] == [f"{path}:4: empty 'text'"]
    takhar = store.article(summary.imported[0])
    assert takhar["text"] == "Clashes in Takhar,\nwith many dead."
    assert takhar["published_at"] == "2020-10-20"
    assert takhar["meta"] == {"desk": "north"}


def test_csv_without_text_column(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("body,title\nx,y\n")
    summary = import_paths(store, [path])
    assert [str(f) for f in summary.failures] == [f"{path}:1: no 'text' column (columns: body, title)"]


def test_same_article_from_two_formats_is_stored_once(tmp_path: Path, store: Store) -> None:
    (tmp_path / "a.txt").write_text("Date: 2021-06-07\n\nKabul was shelled overnight.\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "Kabul was shelled overnight."}) + "\n")
    summary = import_paths(store, [tmp_path])
    assert (len(summary.imported), len(summary.unchanged)) == (1, 1)


def test_progress_is_reported_per_file(seeds: Path, store: Store) -> None:
    calls: list[tuple[int, int]] = []
    import_paths(store, [seeds], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 5) for i in range(1, 6)]


def test_a_failed_batch_keeps_what_was_stored(seeds: Path, store: Store, monkeypatch) -> None:
    import_paths(store, [seeds])
    original = store.add_articles

    def broken(records):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "add_articles", broken)
    (seeds / "new.txt").write_text("Date: 2021-01-01\n\nNew article.")
    with pytest.raises(RuntimeError):
        import_paths(store, [seeds])
    monkeypatch.setattr(store, "add_articles", original)
    assert store.article_count() == 5


def test_files_in_folders_are_read_in_the_order_of_their_sorted_paths(tmp_path: Path) -> None:
    """One scan per folder, sorted by name, gives the order `sorted` gives the paths (a folder's
    files where its name sorts, before a longer name it is the start of); hidden ones left out."""
    from annotator.services.importing import collect_files

    names = ["a/z.txt", "a-b.txt", "a.txt", "B.txt", "b/a/c.txt", "b/a.txt", "b0.txt", "Z/x.jsonl", "c.csv"]
    for name in [*names, ".hidden/x.txt", "b/.x.txt", "notes.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Kabul.\n", encoding="utf-8")
    files, failures = collect_files([tmp_path])
    assert failures == []
    assert files == sorted(tmp_path / name for name in names)


def test_a_file_larger_than_one_read_is_read_whole(tmp_path: Path) -> None:
    from annotator.formats.base import read_text

    text = "".join(f"Line {n} of a long report from Kabul.\r\n" for n in range(80_000))  # about 3 MB
    path = tmp_path / "long.txt"
    path.write_bytes(text.encode("utf-8"))
    assert read_text(path) == (text, "utf-8")
    assert str(read_text(tmp_path)) == f"{tmp_path}: cannot read file (Is a directory)"
