import subprocess
import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

from annotator.cli import app
from annotator.paths import default_project_path
from annotator.store import Store

runner = CliRunner()


def test_no_command_opens_the_workspace_on_the_default_project(monkeypatch) -> None:
    import annotator.gui.app as gui_app

    calls = []
    monkeypatch.setattr(gui_app, "run_gui", lambda store, book, **kw: calls.append((store.path, kw)) or 0)
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.output
    [(path, options)] = calls
    assert path == default_project_path()
    assert options["annotator"] is None  # the window asks who is annotating


def test_status_without_db_seeds_and_shows_the_default_project() -> None:
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "5 articles" in result.stdout
    assert "1 article(s) lack a publication date" in result.stdout
    assert "Afghan army drives out Taliban in western town" in result.stdout
    with Store(default_project_path()) as store:
        assert store.article_count() == 5
    again = runner.invoke(app, ["status"])  # seeding happens once
    assert "5 articles" in again.stdout


def test_status_counts_per_annotator(seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    runner.invoke(app, ["import", str(seeds), "--db", str(db), "--create"])
    with Store(db) as store:
        first, second = store.article_ids()[:2]
        store.set_status(first, "ana", "done")
        store.set_status(second, "ana", "in_progress")
        store.set_status(first, "bo", "skipped")
    result = runner.invoke(app, ["status", "--db", str(db)], terminal_width=200)
    assert result.exit_code == 0
    rows = {cells[0]: cells[1:] for line in result.stdout.splitlines() if (cells := line.split())}
    assert rows["annotator"] == ["todo", "in_progress", "done", "skipped"]
    assert rows["ana"] == ["3", "1", "1", "0"]
    assert rows["bo"] == ["4", "0", "0", "1"]


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("not sqlite " * 500)
    result = runner.invoke(app, ["status", "--db", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"error: {bad}: not a usable annotator project")


def test_every_command_is_documented_with_an_example() -> None:
    group = typer.main.get_group(app)
    for name, command in group.commands.items():
        assert command.help and "Example:" in command.help, f"command '{name}' lacks help with Example"


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "annotator", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "import" in result.stdout and "status" in result.stdout
