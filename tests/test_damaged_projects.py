"""Damaged, foreign, missing and read-only project files are recognised (issue 11, item 6)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.errors import StoreError
from annotator.core.model import ArticleRecord
from annotator.store import Store, opening
from annotator.store import backups as backup_files

runner = CliRunner()
MARKER = "Zqxjv militia seized the Wbrtk bridge at dawn"


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def error_of(result) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stderr.strip()


def _foreign_file(path: Path, *statements: str) -> bytes:
    """An SQLite file another program made with `statements`; its bytes, to compare after."""
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path.read_bytes()


def make_project(path: Path, texts: list[str]) -> list[int]:
    """A project with these articles and one annotator's finished, empty work on each."""
    with Store(path) as store:
        records = [ArticleRecord(raw_text=t, text=t, origin=f"a{n}.txt") for n, t in enumerate(texts)]
        ids = [ident for ident, _ in store.add_articles(records)]
        for ident in ids:
            store.set_status(ident, "ana", "done")
    return ids


@pytest.fixture
def two_articles(tmp_path: Path) -> tuple[Path, list[int]]:
    path = tmp_path / "p.db"
    return path, make_project(path, ["An ordinary first article about a market. " * 5, MARKER + ". " * 40])


def flip(path: Path, offset: int, count: int = 4) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, offset + count):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def page_of(path: Path, needle: bytes) -> tuple[int, int]:
    """(offset of `needle` in the file, start of the page holding it); the project is closed,
    so its WAL is checkpointed into the file."""
    data = path.read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    offset = data.index(needle)
    return offset, offset - offset % page_size


# -- 1. projects are created only explicitly --------------------------------------------------
def test_a_db_that_does_not_exist_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    for command in (["status"], ["export", "brat", "--annotator", "ana", "--out", tmp_path / "o"]):
        message = error_of(invoke(*command, "--db", path))
        assert (
            message == f"error: no project at {path}; create it with `annotator new {path}` "
            "(import, gui and merge also take --create)"
        )
    assert not path.exists()


def test_new_creates_a_project_and_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    result = invoke("new", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"created project {path}"
    assert "0 articles" in invoke("status", "--db", path).stdout
    message = error_of(invoke("new", path))
    assert message == f"error: {path}: already exists; give a new file name, or open it with --db {path}"


def test_import_creates_the_project_only_with_create(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Fighting was reported near the river crossing on Monday.", encoding="utf-8")
    path = tmp_path / "new.db"
    assert error_of(invoke("import", article, "--db", path)).startswith(f"error: no project at {path};")
    assert not path.exists()
    result = invoke("import", article, "--db", path, "--create")
    assert result.exit_code == 0, result.output
    with Store(path, create=False) as store:
        assert store.article_count() == 1


def test_the_library_refuses_a_missing_file_when_create_is_false(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no project at"):
        Store(tmp_path / "missing.db", create=False)


# -- 2. empty, non-SQLite and foreign files are refused before anything is written ---------------
def test_an_empty_file_is_refused_and_left_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    message = error_of(invoke("import", tmp_path, "--db", path, "--create"))
    assert message == (
        f"error: {path}: an empty file (0 bytes), not an annotator project; nothing was written to it. "
        f"Delete it and run `annotator new {path}`, or give the right --db"
    )
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_a_foreign_sqlite_file_is_refused_and_its_bytes_are_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    before = _foreign_file(
        path,
        "create table customers (id integer primary key, name text)",
        "insert into customers (name) values ('Ada')",
    )
    message = error_of(invoke("status", "--db", path))
    assert message == (
        f"error: {path}: an SQLite database of another program (tables: customers), not an annotator "
        "project; nothing was written to it"
    )
    assert path.read_bytes() == before  # no WAL switch in the header, no migrations table
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_a_file_that_is_not_sqlite_is_named_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my notes " * 50)
    message = error_of(invoke("status", "--db", path))
    assert message == f"error: {path}: not a usable annotator project (file is not a database)"


# -- 3. corruption -------------------------------------------------------------------------------
def test_flipped_bytes_in_an_articles_text_stop_the_export_naming_it(two_articles, tmp_path: Path) -> None:
    path, ids = two_articles
    data = path.read_bytes()
    offset, _ = page_of(path, MARKER.encode())
    flip(path, offset + 6)  # inside raw_text, then inside text: the b-tree is intact, the content not
    flip(path, data.index(MARKER.encode(), offset + 1) + 6)
    message = error_of(
        invoke("export", "brat", "--db", path, "--annotator", "ana", "--out", tmp_path / "out")
    )
    assert message == (
        f"error: {path}: the project file is damaged (the text of article {ids[1]} no longer matches its "
        "content hash); no backup of it exists; restore a copy you have"
    )
    assert not (tmp_path / "out").exists()


def test_a_damaged_page_is_found_on_open_and_the_latest_backup_offered(two_articles) -> None:
    path, _ = two_articles
    with Store(path) as store:
        backup = store.backup()
    _, page = page_of(path, MARKER.encode())
    flip(path, page, 8)  # the page's b-tree header
    message = error_of(invoke("status", "--db", path))
    assert message.startswith(f"error: {path}: the project file is damaged (")
    assert message.endswith(
        f"); restore the latest backup ({backup.name}) with `annotator restore --db {path}`"
    )


def test_restore_puts_the_latest_backup_back_and_keeps_the_damaged_file(two_articles) -> None:
    path, ids = two_articles
    with Store(path) as store:
        backup = store.backup()
    _, page = page_of(path, MARKER.encode())
    flip(path, page, 8)
    result = invoke("restore", "--db", path)
    assert result.exit_code == 0, result.output
    [aside] = path.parent.glob("p.db.*.damaged")
    assert result.stdout.splitlines() == [
        f"saved the current project aside as {aside}",
        f"restored {backup} over {path}",
    ]
    with Store(path, create=False) as store:
        assert store.article_ids() == ids
        assert MARKER in store.article(ids[1])["text"]


def test_restore_without_a_backup_says_so(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    make_project(path, ["Some text here."])
    message = error_of(invoke("restore", "--db", path))
    assert message == f"error: {path}: no backup to restore (none named p.db.*.backup beside it)"


def test_an_undecodable_text_is_a_damaged_project_not_a_traceback(two_articles, tmp_path: Path) -> None:
    path, _ = two_articles
    offset, _ = page_of(path, MARKER.encode())
    data = bytearray(path.read_bytes())
    data[offset : offset + 2] = b"\xff\xfe"  # not UTF-8: sqlite3 cannot decode the column
    path.write_bytes(bytes(data))
    message = error_of(
        invoke("export", "brat", "--db", path, "--annotator", "ana", "--out", tmp_path / "out")
    )
    assert message.startswith(f"error: {path}: the project file is damaged (Could not decode to UTF-8 column")


# -- 4. read-only projects -------------------------------------------------------------------------
def test_a_read_only_project_is_read_and_a_write_is_refused(two_articles) -> None:
    path, ids = two_articles
    before = path.read_bytes()
    with Store(path, read_only=True) as store:
        assert store.read_only
        assert store.article_ids() == ids
        with pytest.raises(StoreError) as caught:
            store.set_status(ids[0], "ana", "todo")
    assert str(caught.value) == (
        f"{path}: opened read-only (no write permission on the file or its folder); nothing was changed. "
        "Copy the project somewhere you can write, or ask for write permission"
    )
    assert path.read_bytes() == before


def test_a_read_only_project_reads_what_is_still_in_its_wal(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    writer = Store(path)
    try:
        writer.db.conn.execute("PRAGMA wal_autocheckpoint = 0")
        text = "Only in the WAL yet."
        [(ident, _)] = writer.add_articles([ArticleRecord(raw_text=text, text=text, origin="w.txt")])
        assert path.with_name("p.db-wal").stat().st_size > 0
        with Store(path, read_only=True) as reader:
            assert reader.article(ident)["text"] == "Only in the WAL yet."
    finally:
        writer.close()


@pytest.fixture
def unwritable(monkeypatch: pytest.MonkeyPatch):
    """Files the process may not write, as chmod gives (which root ignores): `opening.writable`
    says no for the paths added to the returned set."""
    paths: set[Path] = set()
    real = opening.writable
    monkeypatch.setattr(opening, "writable", lambda p: Path(p) not in paths and real(p))
    return paths


def test_status_export_and_agreement_open_an_unwritable_project(
    two_articles, unwritable, tmp_path: Path
) -> None:
    path, _ = two_articles
    unwritable.add(path)
    before = path.read_bytes()
    assert invoke("status", "--db", path).exit_code == 0
    exported = invoke("export", "brat", "--db", path, "--annotator", "ana", "--out", tmp_path / "out")
    assert exported.exit_code == 0, exported.output
    agreement = invoke("agreement", "--db", path)
    assert "opened read-only" not in agreement.output
    assert path.read_bytes() == before
    article = tmp_path / "more.txt"
    article.write_text("A new article that cannot be stored in a read-only project.", encoding="utf-8")
    message = error_of(invoke("import", article, "--db", path))
    assert message.startswith(f"error: {path}: opened read-only (no write permission")


def test_an_unwritable_project_is_a_merge_source(two_articles, unwritable, tmp_path: Path) -> None:
    path, _ = two_articles
    unwritable.add(path)
    result = invoke("merge", path, "--db", tmp_path / "team.db", "--create")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("merged 2 annotator-article pairs (2 new articles)")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_chmod_read_only_project_opens_read_only(two_articles) -> None:
    path, ids = two_articles
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        with Store(path) as store:
            assert store.read_only and store.article_ids() == ids
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)


# -- 5. backups --------------------------------------------------------------------------------------
def test_a_scheduled_backup_is_taken_on_open_once_due(two_articles) -> None:
    path, _ = two_articles
    result = invoke("backup", "--db", path, "--every", 24)
    assert result.exit_code == 0, result.output
    [first] = backup_files.backups(path)
    assert result.stdout.strip() == (
        f"backed up {path} to {first.name}; a backup on open every 24 hours, keeping the newest 5"
    )
    Store(path).close()
    assert backup_files.backups(path) == [first]  # not due yet
    old = first.with_name(f"{path.name}.20200101T000000000000Z.backup")
    first.rename(old)  # as if taken long ago
    Store(path).close()
    assert len(backup_files.backups(path)) == 2
    assert backup_files.backups(path)[0] == old


def test_backups_are_pruned_to_the_newest_n(two_articles) -> None:
    path, _ = two_articles
    for stamp in ("20200101", "20200102", "20200103"):
        path.with_name(f"{path.name}.{stamp}T000000000000Z.backup").write_bytes(b"")
    result = invoke("backup", "--db", path, "--keep", 2)
    assert result.exit_code == 0, result.output
    kept = backup_files.backups(path)
    assert kept[0].name == f"{path.name}.20200103T000000000000Z.backup"
    assert len(kept) == 2 and kept[-1].stat().st_size > 0
    assert "keeping the newest 2" in result.stdout


def test_backup_refuses_a_schedule_that_is_not_positive(two_articles) -> None:
    path, _ = two_articles
    assert error_of(invoke("backup", "--db", path, "--keep", 0)) == (
        "error: --keep takes a number of backups from 1 up, e.g. 5; got 0"
    )


# -- 7. the header names an annotator project ----------------------------------------------------
def application_id(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()


def test_a_new_project_carries_the_application_id_in_its_header(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    assert invoke("new", path).exit_code == 0
    assert application_id(path) == opening.APPLICATION_ID == 0x414E4E4F  # "ANNO"
    assert path.read_bytes()[68:72] == b"ANNO"


def test_a_project_made_before_the_id_is_stamped_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_project(path, [MARKER])
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")
    conn.close()
    with Store(path, create=False, read_only=True) as store:
        assert store.read_only
    assert application_id(path) == 0  # a read-only open writes nothing
    with Store(path, create=False) as store:
        assert len(store.article_ids()) == 1
    assert application_id(path) == opening.APPLICATION_ID


def test_an_sqlite_file_with_another_programs_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "geo.gpkg"
    before = _foreign_file(
        path,
        "PRAGMA application_id = 1196444487",
        "create table gpkg_contents (table_name text)",  # "GPKG"
    )
    message = error_of(invoke("status", "--db", path))
    assert message == (
        f"error: {path}: an SQLite database of another program (application id 0x47504b47), not an "
        "annotator project; nothing was written to it"
    )
    assert path.read_bytes() == before


# -- 8. annotations an older annotator stored without today's checks ----------------------------
def _legacy_rows(path: Path, article: int, *, span: tuple[int, int] | None, event: dict) -> None:
    """Rows written straight into the file, as versions before the store's checks could."""
    conn = sqlite3.connect(path)
    annotator = conn.execute("select id from annotators where name = 'ana'").fetchone()[0]
    if span:
        conn.execute(
            "insert into spans (article_id, annotator_id, start, end, label, status, created_at) "
            "values (?, ?, ?, ?, 'ACTOR', 'accepted', 'x')",
            (article, annotator, *span),
        )
    if event:
        columns = ", ".join(event)
        conn.execute(
            f"insert into events (article_id, annotator_id, status, created_at, {columns}) "
            f"values (?, ?, 'accepted', 'x', {', '.join('?' * len(event))})",
            (article, annotator, *event.values()),
        )
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("span", "event", "problem"),
    [
        ((40, 9000), {}, "span 1 [40, 9000) is outside the text (0..45)"),
        (
            None,
            {"event_type": "Battles", "trigger_start": 50, "trigger_end": 60},
            "frame 1: trigger [50, 60) is outside the text (0..45)",
        ),
        (
            None,
            {"event_type": "Battles", "event_date": "last Tuesday"},
            "frame 1: event date 'last Tuesday' is not a date: write it as YYYY-MM-DD",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["brat", "acled", "spacy", "doccano"])
def test_annotations_stored_without_todays_checks_stop_the_export_naming_them(
    tmp_path: Path, fmt: str, span, event, problem
) -> None:
    path = tmp_path / "old.db"
    [article] = make_project(path, [MARKER])
    _legacy_rows(path, article, span=span, event=event)
    out = tmp_path / "out"
    message = error_of(invoke("export", fmt, "--db", path, "--annotator", "ana", "--out", out))
    assert message == (
        f"error: {path}: article {article}: {problem}; an older annotator stored it without this check: "
        "reject it in the workspace (or re-import the article's annotations), then export"
    )
    assert not out.exists()
