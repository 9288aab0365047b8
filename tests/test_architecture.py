"""The layering as a checked contract (import-linter, `[tool.importlinter]` in pyproject.toml),
shown to fail on injected violations; SQL text only in store; ruff clean."""

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "annotator"
LINT_IMPORTS = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
SQL = re.compile(
    r"^\s*(select\s.+\sfrom\s|insert\s+into\s|update\s+\S+\s+set\s|delete\s+from\s|"
    r"create\s+(table|index|view)\s|alter\s+table\s|drop\s+(table|index)\s|pragma\s+\w+)",
    re.I | re.S,
)


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the package under `root` with that root's pyproject.toml."""
    return subprocess.run(
        [LINT_IMPORTS, "--config", str(root / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "COLUMNS": "500"},
    )


CONTRACTS = {
    contract["id"]: contract["name"]
    for contract in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]["contracts"]
}


def test_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "4 kept, 0 broken" in result.stdout
    assert all(f"{name} KEPT" in result.stdout for name in CONTRACTS.values()), result.stdout


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("copy")
    shutil.copytree(PACKAGE, root / "annotator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


# Each case: the module to change, the line injected, and the contract it must break. The
# forms the old AST test missed are here on purpose: `from annotator import x` and relative imports.
VIOLATIONS = [
    ("core/model.py", "from annotator import store", "layers"),
    ("core/model.py", "from .. import formats", "layers"),
    ("core/codebook.py", "from ..formats import base", "layers"),
    ("workspace/state.py", "from annotator.gui import qt_queue", "layers"),
    ("formats/brat.py", "from annotator.store import Store", "layers"),
    ("nlp/events.py", "import annotator.services.collect", "layers"),
    ("store/base.py", "from annotator.workspace import state", "layers"),
    ("workspace/session.py", "from PySide6 import QtCore", "qt-only-in-gui"),
    ("services/collect.py", "import sqlite3", "sql-only-in-store"),
    ("team/merge.py", "from sqlite_utils import Database", "sql-only-in-store"),
    ("workspace/state.py", "import spacy", "no-spacy-below-nlp"),
]


@pytest.mark.parametrize(("module", "line", "contract"), VIOLATIONS)
def test_contract_fails_on_injected_violation(
    package_copy: Path, module: str, line: str, contract: str
) -> None:
    target = package_copy / "annotator" / module
    original = target.read_text(encoding="utf-8")
    target.write_text(f"{original}\n{line}  # injected\n", encoding="utf-8")
    try:
        result = lint_imports(package_copy)
    finally:
        target.write_text(original, encoding="utf-8")
    assert result.returncode != 0, result.stdout[-3000:]
    assert "3 kept, 1 broken" in result.stdout
    assert f"{CONTRACTS[contract]} BROKEN" in result.stdout


def test_the_root_package_imports_nothing() -> None:
    """`annotator/__init__.py` is outside every layer, so it must stay free of imports."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    assert not [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]


USER_FACING = ("cli", "gui", "services", "workspace", "team")
BUILTIN_ERRORS = {"ValueError", "KeyError", "TypeError", "IndexError"}


def _names(node: ast.expr | None) -> set[str]:
    if node is None:
        return {"<bare except>"}
    parts = node.elts if isinstance(node, ast.Tuple) else [node]
    return {p.id if isinstance(p, ast.Name) else ast.unparse(p) for p in parts}


def builtin_error_handling(source: str) -> list[str]:
    """Where `source` raises or catches a built-in error as if it were a user's: `raise
    ValueError(...)`, `except KeyError`, a bare `except:` (all typed errors derive from
    AnnotatorError, so user errors never need these)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Raise) and node.exc is not None:
            called = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(called, ast.Name) and called.id in BUILTIN_ERRORS:
                found.append(f"{node.lineno}: raise {called.id}")
        elif isinstance(node, ast.ExceptHandler):
            caught = _names(node.type) & (BUILTIN_ERRORS | {"<bare except>"})
            found += [f"{node.lineno}: except {name}" for name in sorted(caught)]
    return found


def test_the_checker_finds_builtin_error_handling() -> None:
    source = (
        "try:\n    f()\nexcept (KeyError, OSError):\n    pass\n"
        "try:\n    g()\nexcept:\n    raise ValueError('x')\n"
    )
    assert builtin_error_handling(source) == [
        "3: except KeyError",
        "7: except <bare except>",
        "8: raise ValueError",
    ]


def test_no_builtin_errors_raised_to_or_caught_for_a_user() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{where}"
        for layer in USER_FACING
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for where in builtin_error_handling(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_only_store_contains_sql() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "store" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value):
                offenders.append(f"{path}:{node.lineno}")
    assert offenders == []


def loaded_by(code: str) -> str:
    """What a fresh interpreter prints after running `code` (imports, then one print)."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_model_layers_import_without_qt() -> None:
    assert (
        loaded_by(
            "import sys; sys.modules['PySide6'] = None\n"
            "import annotator.cli, annotator.store, annotator.formats, annotator.services.importing\n"
            "import annotator.core.codebook, annotator.workspace.session, annotator.team.review\n"
            "print('ok')"
        )
        == "ok"
    )


def test_workspace_imports_without_spacy() -> None:
    assert (
        loaded_by(
            "import sys\n"
            "import annotator.workspace.session, annotator.workspace.state, annotator.workspace.frames\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'spacy', 'thinc'}))"
        )
        == "[]"
    )


def test_no_store_internals_outside_store() -> None:
    """Only store/ reaches the sqlite-utils Database (`store.db`) or the connection."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "store" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"db", "conn"}:
                offenders.append(f"{path}:{node.lineno}")
    assert offenders == []


@pytest.mark.skipif(
    shutil.which("ruff") is None and not Path(sys.executable).with_name("ruff").exists(),
    reason="ruff is installed by the test extra",
)
def test_ruff_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    result = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
