"""Layering rules as checks: only gui imports Qt, only store speaks SQL, code is ruff clean."""

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "annotator"
SQL = re.compile(
    r"^\s*(select\s.+\sfrom\s|insert\s+into\s|update\s+\S+\s+set\s|delete\s+from\s|"
    r"create\s+(table|index|view)\s|alter\s+table\s|drop\s+(table|index)\s|pragma\s+\w+)",
    re.I | re.S,
)


def modules(exclude: str) -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if exclude not in p.relative_to(PACKAGE).parts]


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_gui_imports_qt() -> None:
    offenders = [
        str(p)
        for p in modules("gui")
        if any(n.split(".")[0] in {"PySide6", "shiboken6"} for n in imported_names(p))
    ]
    assert offenders == []


def test_only_store_contains_sql() -> None:
    offenders = []
    for path in modules("store"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value):
                offenders.append(f"{path}:{node.lineno}")
    assert offenders == []


def test_core_is_plain_python() -> None:
    for path in (PACKAGE / "core").rglob("*.py"):
        roots = {n.split(".")[0] for n in imported_names(path)}
        assert not roots & {"PySide6", "sqlite3", "sqlite_utils", "spacy"}, path
        assert not {n for n in imported_names(path) if n.startswith("annotator.")} - {
            n
            for n in imported_names(path)
            if n.startswith(("annotator.core", "annotator.errors", "annotator.paths"))
        }, path


def test_model_layers_import_without_qt() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "import annotator.cli, annotator.store, annotator.formats, annotator.core.codebook\n"
        "print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr


@pytest.mark.skipif(
    shutil.which("ruff") is None and not Path(sys.executable).with_name("ruff").exists(),
    reason="ruff is installed by the test extra",
)
def test_ruff_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    root = PACKAGE.parent
    result = subprocess.run([ruff, "check", str(root)], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout[-3000:]
