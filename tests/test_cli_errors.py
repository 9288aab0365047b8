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
        ["import", str(path), "--db", str(tmp_path / "p.db"), "--annotator", "ana", "--format", "excel"],
        f"unknown --format 'excel'; known: {', '.join(sorted(ANNOTATION_READERS))}",
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
        "give --format annotations-json|brat|doccano|inception|labelstudio|prodigy",
    )
    assert sorted(ANNOTATION_READERS) == [
        "annotations-json",
        "brat",
        "doccano",
        "inception",
        "labelstudio",
        "prodigy",
    ]


def test_import_help_lists_every_annotation_format() -> None:
    result = runner.invoke(app, ["import", "--help"], terminal_width=400)
    assert all(name in result.output for name in ANNOTATION_READERS), result.output


# -- export and train ----------------------------------------------------------------------


def test_export_with_an_unknown_format(gold_project: Path, tmp_path: Path) -> None:
    fails(
        ["export", "excel", "--db", str(gold_project), "--gold", "--out", str(tmp_path / "x")],
        "unknown export format 'excel'; known: "
        "acled, brat, conll, doccano, inception, labelstudio, prodigy, spacy, webanno-tsv",
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
        f"--set trainng.max_steps: no such setting in {resources_dir() / 'training.cfg'}; "
        "did you mean training.max_steps?",
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
    runner.invoke(app, ["new", str(db)])
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


# -- train: the config and every --set key are checked before anything is exported ---------

BUNDLED_CONFIG = resources_dir() / "training.cfg"


def _train(project: Path, out: Path, *extra: str) -> list[str]:
    return ["train", "--db", str(project), "--gold", "--out", str(out), *extra]


def test_train_refuses_a_config_without_a_training_section(gold_project: Path, tmp_path: Path) -> None:
    config = tmp_path / "no-training.cfg"
    config.write_text('[paths]\ntrain = null\ndev = null\n\n[nlp]\nlang = "en"\n', encoding="utf-8")
    out = tmp_path / "training"
    fails(
        _train(gold_project, out, "--config", str(config)),
        f"{config}: has no [training] section; a spaCy training config needs [nlp] and [training]: "
        f"start from {BUNDLED_CONFIG} or `python -m spacy init config`",
    )
    assert not (out / "corpus").exists()


BAD_CONFIGS = {
    "not-utf8": (
        b'[nlp]\nlang = "\xe9"\n',
        "{config}: not UTF-8 text (byte 0xe9 at position 14); save the config as UTF-8",
    ),
    "empty": (
        b"",
        "{config}: has no [nlp] or [training] section; a spaCy training config needs [nlp] and "
        "[training]: start from {bundled} or `python -m spacy init config`",
    ),
    "unparsable": (
        b"lang = en\n[nlp\n",
        "{config}: not a readable spaCy config (File contains no section headers.); "
        "compare it with {bundled}",
    ),
    "no-paths": (
        b'[nlp]\nlang = "en"\n\n[training]\nmax_steps = 5\n',
        "{config}: has no paths.train setting; annotator train fills paths.train and paths.dev: "
        "add a [paths] section with train = null and dev = null",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_train_refuses_a_bad_config_before_exporting(gold_project: Path, tmp_path: Path, case: str) -> None:
    content, message = BAD_CONFIGS[case]
    config = tmp_path / f"{case}.cfg"
    config.write_bytes(content)
    out = tmp_path / "training"
    fails(
        _train(gold_project, out, "--config", str(config)),
        message.format(config=config, bundled=BUNDLED_CONFIG),
    )
    assert not (out / "corpus").exists()


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("training.max_step=500", "did you mean training.max_steps?"),
        ("trainng.max_steps=5", "did you mean training.max_steps?"),
        ("training.nonexistent=3", "give section.key as written in the config, e.g. training.max_steps=500"),
        ("nothing=3", "give section.key as written in the config, e.g. training.max_steps=500"),
        ("components.ner.moves.x=1", "did you mean components.ner.moves?"),
        (
            "training.optimizer=3",
            "training.optimizer is a section, not a setting; give one of its settings, "
            "e.g. training.optimizer.L2",
        ),
    ],
)
def test_train_refuses_a_set_key_the_config_does_not_have(
    setting: str, message: str, gold_project: Path, tmp_path: Path, monkeypatch
) -> None:
    import spacy.cli.train

    def never(*args, **kwargs):
        raise AssertionError("training started")

    monkeypatch.setattr(spacy.cli.train, "train", never)
    out = tmp_path / "training"
    key = setting.partition("=")[0]
    fails(
        _train(gold_project, out, "--set", setting),
        f"--set {key}: no such setting in {BUNDLED_CONFIG}; {message}",
    )
    assert not out.exists()


def test_spacys_own_exit_becomes_one_error_line(gold_project: Path, tmp_path: Path, monkeypatch) -> None:
    """spaCy's msg.fail prints a line and calls sys.exit: its lines stay on stderr (they are
    spaCy's output) and our one error line, last, says what it said."""
    import spacy.cli.train

    def fake_train(config, output, *, overrides):
        print("✘ Config validation error")
        print("training -> max_steps   value is not a valid integer")
        raise SystemExit(1)

    monkeypatch.setattr(spacy.cli.train, "train", fake_train)
    out = tmp_path / "training"
    result = runner.invoke(app, _train(gold_project, out, "--set", 'training.max_steps="many"'))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    *spacy_lines, last = result.stderr.splitlines()
    assert spacy_lines == [
        "✘ Config validation error",
        "training -> max_steps   value is not a valid integer",
    ]
    assert last == (
        "error: spaCy's training stopped: Config validation error: training -> max_steps   value "
        f"is not a valid integer; check {BUNDLED_CONFIG} and the --set values"
    )
    assert "✘" not in result.stdout


def test_spacys_config_error_becomes_one_error_line(gold_project: Path, tmp_path: Path, monkeypatch) -> None:
    import spacy.cli.train
    from confection import ConfigValidationError

    def fake_train(config, output, *, overrides):
        raise ConfigValidationError(
            title="Config validation error",
            errors=[{"loc": ["training", "max_steps"], "msg": "value is not a valid integer"}],
        )

    monkeypatch.setattr(spacy.cli.train, "train", fake_train)
    fails(
        _train(gold_project, tmp_path / "training"),
        "spaCy's training stopped: training.max_steps: value is not a valid integer; "
        f"check {BUNDLED_CONFIG} and the --set values",
    )


# -- windows: --screenshot is checked first; review and gui say what is wrong ----------------


@pytest.fixture
def team_project(gold_project: Path) -> Path:
    """The gold work loaded again as two annotators' finished work."""
    with Store(gold_project) as store:
        load_annotations(store, GOLD, annotator="ana")
        load_annotations(store, GOLD, annotator="bo")
    return gold_project


@pytest.mark.parametrize("command", ["gui --annotator ana", "review --reviewer rita"])
def test_screenshot_must_be_an_image_qt_writes(command: str, gold_project: Path, tmp_path: Path) -> None:
    shot = tmp_path / "g.txt"
    fails(
        [*command.split(), "--db", str(gold_project), "--screenshot", str(shot)],
        f"--screenshot {shot}: Qt cannot write a '.txt' image; give a file name ending in .png or .jpg",
    )
    assert not shot.exists()


@pytest.mark.parametrize("command", ["gui --annotator ana", "review --reviewer rita"])
def test_screenshot_in_a_folder_that_is_a_file(command: str, gold_project: Path, tmp_path: Path) -> None:
    taken = tmp_path / "shots"
    taken.write_text("x")
    fails(
        [*command.split(), "--db", str(gold_project), "--screenshot", str(taken / "r.png")],
        f"--screenshot {taken / 'r.png'}: {taken} is a file, not a folder; give a folder",
    )


def test_screenshot_that_is_a_folder(gold_project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "shot.png"
    folder.mkdir()
    fails(
        ["gui", "--db", str(gold_project), "--annotator", "ana", "--screenshot", str(folder)],
        f"--screenshot {folder}: is a folder; give an image file name such as {folder / 'shot.png'}",
    )


def test_review_screenshot_creates_its_folder(team_project: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shots" / "r.png"
    result = runner.invoke(
        app, ["review", "--db", str(team_project), "--reviewer", "rita", "--screenshot", str(shot)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"saved {shot}\n"
    assert shot.stat().st_size > 10_000


def test_a_screenshot_qt_cannot_save_is_an_error(tmp_path: Path, qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    from annotator.core.errors import InputError
    from annotator.gui.app import save_image

    widget = QLabel("x")
    qtbot.addWidget(widget)
    folder = tmp_path / "taken.png"
    folder.mkdir()
    with pytest.raises(InputError) as caught:
        save_image(widget, folder)
    assert str(caught.value) == (
        f"{folder}: Qt could not write the screenshot; give a .png or .jpg file in a folder you can write to"
    )


def test_review_needs_two_annotators(gold_project: Path) -> None:
    fails(
        ["review", "--db", str(gold_project), "--reviewer", "rita"],
        f"{gold_project}: review needs two annotators with finished articles, this project has "
        "none; merge the annotators' project files into it with `annotator merge`",
    )


def test_review_with_one_annotator_names_them(gold_project: Path) -> None:
    with Store(gold_project) as store:
        load_annotations(store, GOLD, annotator="ana")
    fails(
        ["review", "--db", str(gold_project), "--reviewer", "rita"],
        f"{gold_project}: review needs two annotators with finished articles, this project has "
        "ana; merge the annotators' project files into it with `annotator merge`",
    )


def test_gui_with_an_unknown_article(gold_project: Path, tmp_path: Path) -> None:
    shot = tmp_path / "g.png"
    fails(
        [
            "gui",
            "--db",
            str(gold_project),
            "--annotator",
            "ana",
            "--article",
            "999",
            "--screenshot",
            str(shot),
        ],
        f"--article 999: no article with id 999 in {gold_project}; "
        "`annotator status` lists the project's articles",
    )
    assert not shot.exists()


def test_status_of_a_file_that_is_not_a_project(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("hello\n")
    fails(["status", "--db", str(bad)], f"{bad}: not a usable annotator project (file is not a database)")


# -- load-annotations through the CLI --------------------------------------------------------


def test_load_annotations_of_malformed_json_names_file_and_line(gold_project: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "annotator": "bo",\n  "articles": [,]\n}\n')
    fails(
        ["load-annotations", str(bad), "--db", str(gold_project)],
        f"{bad}:3: invalid JSON (Expecting value); nothing was loaded",
    )


def test_load_annotations_of_an_article_never_imported(gold_project: Path, tmp_path: Path) -> None:
    path = tmp_path / "bo.json"
    article = {"file": "999_never.txt", "spans": [], "events": []}
    path.write_text(json.dumps({"annotator": "bo", "articles": [article]}, indent=1))
    fails(
        ["load-annotations", str(path), "--db", str(gold_project)],
        f"{path}:4: no imported article from file '999_never.txt'; nothing was loaded",
    )


# -- suggest --model -------------------------------------------------------------------------


def test_suggest_with_a_model_that_is_not_installed(gold_project: Path) -> None:
    fails(
        ["suggest", "--db", str(gold_project), "--model", "en_core_web_xl"],
        "spaCy model 'en_core_web_xl' is not installed and annotator never downloads one; "
        "install its package, give a trained model folder, or use --model rules-only",
    )


def test_suggest_with_a_folder_that_is_not_a_pipeline(gold_project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "training"
    folder.mkdir()
    fails(
        ["suggest", "--db", str(gold_project), "--model", str(folder)],
        f"--model {folder}: a folder but not a spaCy pipeline (it has no config.cfg); give the "
        f"pipeline folder itself, e.g. {folder / 'model' / 'model-best'} as written by "
        "`annotator train`, or use --model rules-only",
    )


def test_model_not_found_is_a_model_error() -> None:
    from annotator.core.errors import ModelError
    from annotator.nlp.pipeline import ModelNotFoundError

    assert issubclass(ModelNotFoundError, ModelError)
