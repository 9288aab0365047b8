"""Guards against PySide6 6.12.0 on Python 3.11, which aborts the interpreter
("Fatal Python error: none_dealloc") after enough calls of methods returning None."""

import subprocess
import sys
import textwrap
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def qt_requirements() -> list[Requirement]:
    deps = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    return [r for r in map(Requirement, deps) if r.name.lower().startswith("pyside6")]


def admitted(python: str, qt: str) -> bool:
    """Would pip install PySide6 `qt` on Python `python` under our requirements?"""
    env = {"python_version": python, "python_full_version": f"{python}.0"}
    active = [r for r in qt_requirements() if r.marker is None or r.marker.evaluate(env)]
    return bool(active) and all(r.specifier.contains(qt, prereleases=True) for r in active)


def test_the_broken_pair_cannot_be_resolved() -> None:
    assert qt_requirements(), "PySide6 must be a declared dependency"
    assert not admitted("3.11", "6.12.0")
    assert admitted("3.11", "6.11.3")
    assert admitted("3.12", "6.12.0")
    assert admitted("3.13", "6.12.0")


def test_this_environment_is_not_the_broken_pair() -> None:
    installed = Version(version("PySide6-Essentials"))
    assert not (sys.version_info[:2] == (3, 11) and installed >= Version("6.12"))


@pytest.mark.slow
def test_many_calls_returning_none_do_not_abort_the_interpreter() -> None:
    script = textwrap.dedent("""
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel()
        for i in range(40_000):
            label.setText(str(i))
        print("survived", label.text())
    """)
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert "none_dealloc" not in result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived 39999"
