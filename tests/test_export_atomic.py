"""Interrupted, failed and repeated exports never leave a folder that looks finished."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.codebook import load_codebook
from annotator.core.errors import ExportError
from annotator.formats import EXPORTERS
from annotator.paths import default_codebook_path
from annotator.services import exporting
from annotator.services.exporting import default_out_dir, export_project
from annotator.services.importing import import_paths
from annotator.store import Store

BOOK = load_codebook(default_codebook_path())
ARTICLES = 200
runner = CliRunner()


def _many_done(tmp_path: Path, count: int) -> Path:
    """A project of `count` generated articles, each marked done by 'ana'."""
    source = tmp_path / "many.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for n in range(count):
            text = f"Report {n}. Gunmen attacked a checkpoint in the north on Monday, killing {n % 9} people."
            handle.write(json.dumps({"title": f"Report {n}", "text": text * 20}) + "\n")
    path = tmp_path / "many.db"
    with Store(path) as store:
        ids = import_paths(store, [source]).imported
        with store.batch():
            for article_id in ids:
                store.set_status(article_id, "ana", "done")
    return path


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _many_done(tmp_path_factory.mktemp("many"), ARTICLES)


def _export_cmd(db: Path, fmt: str, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "annotator",
        "export",
        fmt,
        "--db",
        str(db),
        "--annotator",
        "ana",
        "--out",
        str(out),
    ]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["brat", "spacy"])
def test_a_kill_at_any_moment_leaves_no_unfinished_folder(many: Path, tmp_path: Path, fmt: str) -> None:
    reference = tmp_path / "full"
    started = time.monotonic()
    subprocess.run(_export_cmd(many, fmt, reference), check=True, capture_output=True)
    duration = time.monotonic() - started
    expected = _files(reference)
    # no 0-byte file in a full export but the .ann of an article without annotations (brat's own
    # form of it: brat cannot parse a blank line)
    assert expected and all(data or name.endswith(".ann") for name, data in expected.items())
    outcomes = []
    for n, share in enumerate((0.5, 0.8, 0.9, 0.97)):
        out = tmp_path / f"killed-{n}"
        process = subprocess.Popen(
            _export_cmd(many, fmt, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(duration * share)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if out.exists():
            assert _files(out) == expected, (
                f"killed at {share:.0%}: {out} exists but differs from a full export"
            )
            outcomes.append("complete")
        else:
            leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{out.name}.")]
            assert all(".partial-" in name for name in leftovers)
            outcomes.append("absent")
    # the next export to the same folder clears what a killed one left
    last = tmp_path / "killed-0"
    if not last.exists():
        subprocess.run(_export_cmd(many, fmt, last), check=True, capture_output=True)
        assert _files(last) == expected
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".killed-0.")]
    assert "absent" in outcomes  # at least one kill landed mid-export


def _fail_at_article_5(monkeypatch: pytest.MonkeyPatch, error: Callable[[Path, int], Exception]) -> None:
    """brat's exporter raises `error(folder, article id)` when it comes to its 5th article."""
    brat = type(EXPORTERS["brat"])
    original = brat.write

    def failing(self, job, state, number, article):
        if number == 5:
            raise error(job.out, article.meta["id"])
        original(self, job, state, number, article)

    monkeypatch.setattr(brat, "write", failing)


def _outs_with_parents(tmp_path: Path) -> list[Path]:
    """--out folders whose parents are missing: all of them, or all but one (`kept`)."""
    (tmp_path / "kept").mkdir()
    return [tmp_path / "a" / "b" / "out", tmp_path / "kept" / "new" / "out"]


def _only_kept_is_left(tmp_path: Path) -> None:
    """Nothing is left of the failed exports: no folder, no partial one, no parent they made."""
    assert [p.name for p in tmp_path.iterdir()] == ["kept"]
    assert list((tmp_path / "kept").iterdir()) == []


def test_an_error_mid_export_leaves_no_folder(many: Path, tmp_path: Path, monkeypatch) -> None:
    _fail_at_article_5(monkeypatch, lambda folder, article: ExportError("disk full (simulated)"))
    with Store(many) as store:
        for out in [tmp_path / "out", *_outs_with_parents(tmp_path)]:
            with pytest.raises(ExportError, match="simulated"):
                export_project(store, "brat", out, BOOK, annotator="ana")
    _only_kept_is_left(tmp_path)


def test_a_used_folder_is_refused_and_force_replaces_it_whole(many: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    out.mkdir()
    (out / "dev.spacy").write_bytes(b"an old run")
    result = runner.invoke(
        app, ["export", "spacy", "--db", str(many), "--annotator", "ana", "--out", str(out)]
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: --out {out}: the folder is not empty (an earlier export?); give an empty or new "
        "folder, or add --force to replace its contents"
    )
    assert (out / "dev.spacy").read_bytes() == b"an old run"
    result = runner.invoke(
        app, ["export", "brat", "--db", str(many), "--annotator", "ana", "--out", str(out), "--force"]
    )
    assert result.exit_code == 0, result.output
    assert not (out / "dev.spacy").exists()
    assert len(list(out.glob("*.ann"))) == ARTICLES
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]  # nothing aside left behind


def test_an_empty_existing_folder_is_used(many: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    with Store(many) as store:
        report = export_project(store, "doccano", out, BOOK, annotator="ana")
    assert report.files == [out / "annotations.doccano.jsonl"]
    assert report.files[0].stat().st_size > 0


def test_out_naming_a_file_or_an_unwritable_folder_is_one_line(
    many: Path, tmp_path: Path, monkeypatch
) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    result = runner.invoke(
        app, ["export", "brat", "--db", str(many), "--annotator", "ana", "--out", str(a_file)]
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: --out {a_file}: is a file, not a folder; give a folder"
    assert a_file.read_text() == "mine"
    locked = tmp_path / "locked"
    locked.mkdir()
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != locked)
    target = locked / "out"
    result = runner.invoke(
        app, ["export", "brat", "--db", str(many), "--annotator", "ana", "--out", str(target)]
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: --out {target}: cannot write in {locked}; give a folder you can write to"
    )


def test_default_folders_never_collide(many: Path, tmp_path: Path, monkeypatch) -> None:
    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 12, 2, 10, 0, 0, 123456)

    monkeypatch.setattr(exporting, "datetime", Frozen)
    with Store(many) as store:
        first = default_out_dir(store, tmp_path)
        first.mkdir()
        second = default_out_dir(store, tmp_path)
        export_project(store, "doccano", second, BOOK, annotator="ana")
        third = default_out_dir(store, tmp_path)
    assert first.name == "many-20261202-100000-123456"
    assert second.name == "many-20261202-100000-123456-2"
    assert third.name == "many-20261202-100000-123456-3"


def test_force_never_replaces_the_folder_holding_the_project(tmp_path: Path) -> None:
    db = _many_done(tmp_path, 3)
    with Store(db) as store, pytest.raises(ExportError) as raised:
        export_project(store, "doccano", tmp_path, BOOK, annotator="ana", force=True)
    assert (
        str(raised.value) == f"--out {tmp_path}: holds the project file {db}; give another folder to replace"
    )
    assert db.exists()


# An export as a user runs it that waits, once its first article is written, until a file
# (its first argument) exists: another export can then run start to finish beside it.
GATED_EXPORT = """
import sys, time
from pathlib import Path
from annotator.formats import EXPORTERS
gate = Path(sys.argv.pop(1))
def gated(write):
    def run(self, job, state, number, article):
        while number == 2 and not gate.exists():
            time.sleep(0.02)
        write(self, job, state, number, article)
    return run
for cls in {type(e) for e in EXPORTERS.values()}:
    cls.write = gated(cls.write)
from annotator.cli import main
sys.argv = ["annotator", *sys.argv[1:]]
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize("force", [False, True])
def test_two_exports_to_one_folder_at_once_never_mix(many: Path, tmp_path: Path, force: bool) -> None:
    out, gate = tmp_path / "out", tmp_path / "gate"
    first_cmd = _export_cmd(many, "doccano", out) + (["--force"] if force else [])
    first = subprocess.Popen(
        [sys.executable, "-c", GATED_EXPORT, str(gate), *first_cmd[3:]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not [p for p in tmp_path.iterdir() if p.name.startswith(".out.partial-")]:
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.02)
    second = subprocess.run(_export_cmd(many, "brat", out), capture_output=True, text=True)
    assert second.returncode == 0, second.stderr  # the first one's partial folder is not stale
    assert first.poll() is None
    gate.touch()
    _, err = first.communicate(timeout=120)
    names = {p.name for p in out.iterdir()}
    if force:  # the last to finish replaces the other's folder whole
        assert first.returncode == 0, err
        assert names == {"annotations.doccano.jsonl"}
    else:
        assert first.returncode == 1
        assert err.strip() == (
            f"error: --out {out}: another export finished into this folder while this one was "
            "running; its files were kept and nothing of this export was written; give another "
            "folder, or add --force to replace them"
        )
        assert names == {"annotation.conf"} | {
            f"article-{n}.{e}" for n in range(1, ARTICLES + 1) for e in ("txt", "ann")
        }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gate", "out"]  # nothing aside left


def test_only_partial_folders_of_dead_exports_are_removed(many: Path, tmp_path: Path) -> None:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    out = tmp_path / "out"
    dead = tmp_path / f".out.partial-{finished.pid}-0badf00d"
    running = tmp_path / f".out.partial-{os.getpid()}-c0ffee00"  # an export of this process
    older = tmp_path / ".out.partial-k3j2_x9a"  # named by an annotator that put no pid in it
    foreign = tmp_path / ".out.partial-copy-of-my-notes"  # no export's name
    for folder in (dead, running, older, foreign):
        folder.mkdir()
        (folder / "annotations.doccano.jsonl").write_text("half")
    with Store(many) as store:
        export_project(store, "doccano", out, BOOK, annotator="ana")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, running.name, foreign.name])


@pytest.mark.parametrize("umask", [0o022, 0o002], ids=["022", "002"])
def test_the_folder_and_the_parents_made_get_the_umasks_mode(many: Path, tmp_path: Path, umask: int) -> None:
    out = tmp_path / "made" / "out"
    before = os.umask(umask)
    try:
        with Store(many) as store:
            export_project(store, "doccano", out, BOOK, annotator="ana")
    finally:
        os.umask(before)
    for folder in (out, out.parent):
        assert oct(os.stat(folder).st_mode & 0o777) == oct(0o777 & ~umask), folder


WRITE_FAILURES = [
    (
        errno.ENOSPC,
        True,
        "writing article-5.ann failed: No space left on device; nothing was kept; "
        "free some disk space, or give a folder on another disk",
    ),
    (
        errno.EACCES,
        True,
        "writing article-5.ann failed: Permission denied; nothing was kept; give a folder you can write to",
    ),
    (
        errno.EIO,
        False,
        "writing the folder failed: Input/output error; nothing was kept; export again once that is fixed",
    ),
]


@pytest.mark.parametrize(("code", "named", "message"), WRITE_FAILURES, ids=["ENOSPC", "EACCES", "EIO"])
def test_a_write_error_is_one_line_and_leaves_nothing(
    many: Path, tmp_path: Path, monkeypatch, code: int, named: bool, message: str
) -> None:
    def write_error(folder: Path, article: int) -> OSError:  # as `Path.write_text` raises it
        return OSError(code, os.strerror(code), *([str(folder / f"article-{article}.ann")] if named else []))

    _fail_at_article_5(monkeypatch, write_error)
    for out in _outs_with_parents(tmp_path):
        result = runner.invoke(
            app, ["export", "brat", "--db", str(many), "--annotator", "ana", "--out", str(out)]
        )
        assert result.exit_code == 1
        assert result.stderr.strip() == f"error: --out {out}: {message}"  # one line, no traceback
        assert result.exception is None or isinstance(result.exception, SystemExit)
    _only_kept_is_left(tmp_path)


def test_a_folder_that_cannot_be_made_is_one_error(many: Path, tmp_path: Path, monkeypatch) -> None:
    made = tmp_path / "a"
    original = Path.mkdir

    def refusing(self, *args, **kwargs):
        if self == made / "b":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refusing)
    out = made / "b" / "out"
    with Store(many) as store, pytest.raises(ExportError) as raised:
        export_project(store, "doccano", out, BOOK, annotator="ana")
    assert str(raised.value) == (
        f"--out {out}: writing {made / 'b'} failed: Permission denied; nothing was kept; "
        "give a folder you can write to"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_symlinked_out_is_followed_and_stays_a_link(many: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    with Store(many) as store:
        export_project(store, "doccano", link, BOOK, annotator="ana")  # an empty target is used
        assert [p.name for p in real.iterdir()] == ["annotations.doccano.jsonl"]
        with pytest.raises(ExportError, match="the folder is not empty"):
            export_project(store, "brat", link, BOOK, annotator="ana")
        export_project(store, "brat", link, BOOK, annotator="ana", force=True)
    assert link.is_symlink() and link.readlink() == real
    assert len(list(real.glob("*.ann"))) == ARTICLES
    assert not (real / "annotations.doccano.jsonl").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]


def test_out_is_checked_once_per_export(many: Path, tmp_path: Path, monkeypatch) -> None:
    from annotator.services import atomic_out

    checked = []
    original = atomic_out.check_target

    def counting(out: Path, *, force: bool = False) -> None:
        checked.append(out)
        original(out, force=force)

    monkeypatch.setattr(atomic_out, "check_target", counting)
    monkeypatch.setattr(exporting, "check_target", counting, raising=False)
    with Store(many) as store:
        export_project(store, "doccano", tmp_path / "out", BOOK, annotator="ana")
    assert checked == [tmp_path / "out"]
