"""What a user sees when a command fails: exactly one line `error: <message>` on stderr and
exit code 1, from the one error path in `annotator.cli._common`; arguments are checked
before any work; user text is never read as rich markup; spaCy's printing stays off stdout."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from annotator.cli import _common, app
from annotator.formats import ANNOTATION_READERS
from annotator.paths import resources_dir
from annotator.services.annotations_json import load_annotations
from annotator.services.importing import import_paths
from annotator.store import Store

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold_seeds.json"
CLI = ROOT / "annotator" / "cli"


@pytest.fixture
def gold_project(tmp_path: Path, seeds: Path) -> Path:
    """The demo articles with the gold annotations, all marked done for 'gold'."""
    path = tmp_path / "p.db"
    with Store(path) as store:
        import_paths(store, [seeds])
        load_annotations(store, GOLD, annotator="gold")
    return path


def fails(args: list[str], message: str) -> None:
    """The command exits 1 with exactly `error: <message>` on stderr, and no traceback."""
    result = runner.invoke(app, args)
    assert result.stderr == f"error: {message}\n", result.output
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # handled, not a crash


# -- import --------------------------------------------------------------------------------


def test_import_with_an_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("{}\n")
    fails(
        ["import", str(path), "--db", str(tmp_path / "p.db"), "--annotator", "ana", "--format", "inception"],
        f"unknown --format 'inception'; known: {', '.join(sorted(ANNOTATION_READERS))}",
    )
    assert not (tmp_path / "p.db").exists()  # checked before the project is opened


def test_import_of_an_annotated_file_needs_an_annotator(tmp_path: Path) -> None:
    path = tmp_path / "ner.jsonl"
    task = {
        "text": "Taliban fighters seized Khas Balkh.",
        "spans": [{"start": 0, "end": 7, "label": "ACTOR"}],
    }
    path.write_text(json.dumps(task) + "\n")
    fails(
        ["import", str(path), "--db", str(tmp_path / "p.db")],
        f"{path} holds prodigy annotations: give --annotator NAME",
    )


def test_import_of_a_file_of_no_known_annotation_format_names_the_formats(tmp_path: Path) -> None:
    articles = tmp_path / "a.txt"
    articles.write_text("Taliban fighters seized Khas Balkh.\n")
    fails(
        ["import", str(articles), "--db", str(tmp_path / "p.db"), "--annotator", "ana"],
        f"cannot tell the annotation format of {articles}: "
        "give --format annotations-json|brat|doccano|prodigy",
    )
    assert sorted(ANNOTATION_READERS) == ["annotations-json", "brat", "doccano", "prodigy"]


def test_import_help_lists_every_annotation_format() -> None:
    result = runner.invoke(app, ["import", "--help"], terminal_width=400)
    assert all(name in result.output for name in ANNOTATION_READERS), result.output


# -- export and train ----------------------------------------------------------------------


def test_export_with_an_unknown_format(gold_project: Path, tmp_path: Path) -> None:
    fails(
        ["export", "excel", "--db", str(gold_project), "--gold", "--out", str(tmp_path / "x")],
        "unknown export format 'excel'; known: acled, brat, conll, doccano, prodigy, spacy",
    )
    assert not (tmp_path / "x").exists()


def test_export_with_no_done_articles(gold_project: Path, tmp_path: Path) -> None:
    with Store(gold_project) as store:
        store.set_status(1, "ana", "in_progress")
    fails(
        ["export", "spacy", "--db", str(gold_project), "--annotator", "ana", "--out", str(tmp_path / "x")],
        "no articles marked done by 'ana' to export (use --all-articles to include unfinished)",
    )


def test_export_of_an_unknown_annotator_lists_the_known_ones(gold_project: Path, tmp_path: Path) -> None:
    fails(
        ["export", "conll", "--db", str(gold_project), "--annotator", "nobody", "--out", str(tmp_path / "x")],
        f"no annotator named 'nobody' in {gold_project}; known: gold",
    )


@pytest.mark.parametrize("command", ["export spacy", "train"])
def test_dev_ratio_must_be_a_share(command: str, gold_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = [*command.split(), "--db", str(gold_project), "--gold", "--out", str(out), "--dev-ratio", "-1"]
    fails(args, "--dev-ratio takes a share from 0 up to (not including) 1, e.g. 0.2; got -1")
    fails([*args[:-1], "1"], "--dev-ratio takes a share from 0 up to (not including) 1, e.g. 0.2; got 1")
    assert not out.exists()


def test_export_include_is_checked(gold_project: Path, tmp_path: Path) -> None:
    fails(
        ["export", "prodigy", "--db", str(gold_project), "--gold", "--include", "all"],
        "--include takes 'accepted' or 'suggested', not 'all'",
    )


def test_export_needs_exactly_one_of_annotator_and_gold(gold_project: Path) -> None:
    fails(["export", "prodigy", "--db", str(gold_project)], "give either --annotator NAME or --gold")
    fails(
        ["export", "prodigy", "--db", str(gold_project), "--gold", "--annotator", "ana"],
        "give either --annotator NAME or --gold",
    )


def test_train_checks_its_config_before_exporting(gold_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "training"
    missing = tmp_path / "nope.cfg"
    fails(
        ["train", "--db", str(gold_project), "--gold", "--out", str(out), "--config", str(missing)],
        f"--config {missing}: no such file; give a spaCy training config, "
        "or leave --config out for the bundled training.cfg",
    )
    assert not (out / "corpus").exists() and not out.exists()  # nothing was exported


def test_train_checks_set_before_exporting(gold_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "training"
    base = ["train", "--db", str(gold_project), "--gold", "--out", str(out)]
    fails(
        [*base, "--set", "max_steps"], "--set takes key=value (e.g. training.max_steps=500), got 'max_steps'"
    )
    fails(
        [*base, "--set", "trainng.max_steps=5"],
        f"{resources_dir() / 'training.cfg'}: trainng.max_steps: not a section value that can be "
        "overridden; check the --set keys against the config",
    )
    assert not out.exists()


def test_train_out_must_be_a_folder(gold_project: Path, tmp_path: Path) -> None:
    taken = tmp_path / "file.txt"
    taken.write_text("x")
    fails(
        ["train", "--db", str(gold_project), "--gold", "--out", str(taken / "sub")],
        f"--out {taken / 'sub'}: {taken} is a file, not a folder; give a folder",
    )


def test_spacys_printing_goes_to_stderr(gold_project: Path, tmp_path: Path, monkeypatch) -> None:
    """spaCy's training table is print()ed: it lands on stderr, stdout holds our lines only."""
    import spacy.cli.train

    def fake_train(config, output, *, overrides):
        print("E    #       LOSS TOK2VEC  ENTS_F   SCORE")  # what spaCy's printer does
        (output / "model-best").mkdir(parents=True)
        (output / "model-best" / "meta.json").write_text(json.dumps({"performance": {"ents_f": 0.5}}))

    monkeypatch.setattr(spacy.cli.train, "train", fake_train)
    out = tmp_path / "training"
    result = runner.invoke(app, ["train", "--db", str(gold_project), "--gold", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "LOSS TOK2VEC" in result.stderr and "LOSS TOK2VEC" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"wrote {out / 'corpus'}")
    assert lines[-2:] == ["scores of model-best: ents_f 0.500", f"model: {out / 'model' / 'model-best'}"]


# -- evaluate, agreement, merge, codebook, suggest -----------------------------------------


def test_evaluate_with_an_unknown_gold(gold_project: Path) -> None:
    fails(
        ["evaluate", "--db", str(gold_project), "--gold", "gloden"],
        f"no annotator named 'gloden' in {gold_project}; known: gold",
    )


def test_evaluate_against_an_unknown_annotator(gold_project: Path) -> None:
    fails(
        ["evaluate", "--db", str(gold_project), "--gold", "gold", "--against", "gloden"],
        f"no annotator named 'gloden' in {gold_project}; known: gold",
    )


def test_agreement_needs_two_annotators(gold_project: Path) -> None:
    fails(
        ["agreement", "--db", str(gold_project)],
        f"{gold_project}: agreement needs two annotators with finished articles, this project has "
        "none; merge the annotators' project files into it with `annotator merge`",
    )


def test_merge_with_a_missing_file(gold_project: Path, tmp_path: Path) -> None:
    missing = tmp_path / "bo.db"
    fails(
        ["merge", str(gold_project), str(missing), "--db", str(tmp_path / "team.db")],
        f"{missing}: no such project file",
    )
    assert not (tmp_path / "team.db").exists()


def test_codebook_with_a_malformed_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "book.toml"
    bad.write_text('name = "x"\n[labels\n')
    result = runner.invoke(app, ["codebook", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad}:2: not valid TOML")
    assert result.stderr.count("\n") == 1


def test_suggest_articles_must_be_ids(gold_project: Path) -> None:
    for given in ("x", "1,-2", "1;2"):
        fails(
            ["suggest", "--db", str(gold_project), "--articles", given],
            f"--articles takes comma-separated ids, got '{given}'",
        )


# -- user text is never markup -------------------------------------------------------------


def test_a_path_holding_markup_prints_literally_in_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "a["
    folder.mkdir()
    bad = folder / "x].db"  # the path reads '.../a[/x].db'
    bad.write_text("not sqlite " * 500)
    assert "[/x]" in str(bad)
    result = runner.invoke(app, ["status", "--db", str(bad)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"error: {bad}: not a usable annotator project")
    assert result.stderr.count("\n") == 1


def test_a_path_holding_markup_prints_literally_in_output(tmp_path: Path) -> None:
    db = tmp_path / "[red]p[/red].db"
    result = runner.invoke(app, ["status", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"Project {db} — 0 articles"


def test_the_prefix_is_red_and_the_message_is_not_markup(monkeypatch) -> None:
    console = Console(record=True, force_terminal=True, color_system="standard", width=200)
    monkeypatch.setattr(_common, "err", console)
    _common.print_error("[bold]x[/] :smile: [/y]")
    assert console.export_text(styles=True).strip() == "\x1b[31merror:\x1b[0m [bold]x[/] :smile: [/y]"


# -- the shape of the package --------------------------------------------------------------


def test_every_command_is_its_own_module_with_an_example() -> None:
    group = typer.main.get_group(app)
    for name, command in group.commands.items():
        module = command.callback.__module__
        assert module == "annotator.cli." + name.replace("-", "_").replace("import", "import_"), name
        doc = command.callback.__doc__ or ""
        examples = [line.strip() for line in doc.splitlines() if line.strip().startswith("Example:")]
        assert examples and all(e.startswith(f"Example: annotator {name}") for e in examples), name


def test_no_bare_value_or_key_error_is_caught_in_the_cli() -> None:
    offenders = []
    for path in CLI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                names = [n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)]
                if {"ValueError", "KeyError", "Exception"} & set(names):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_the_cli_starts_without_spacy_or_qt() -> None:
    """`annotator --help` and argument errors come before spaCy's second of import time."""
    code = (
        "import sys, annotator.cli\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'PySide6'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_the_console_script_prints_one_line_and_exits_1(tmp_path: Path) -> None:
    """Through `main()` as installed (not the test runner): the same one line, exit code 1."""
    args = ["export", "spacy", "--db", str(tmp_path / "p.db"), "--gold", "--dev-ratio", "1.5"]
    result = subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True)
    assert result.returncode == 1
    expected = "error: --dev-ratio takes a share from 0 up to (not including) 1, e.g. 0.2; got 1.5\n"
    assert result.stderr == expected
    assert result.stdout == ""
