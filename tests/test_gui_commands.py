"""The GUI's one command path as a checked rule: every signal and shortcut of the windows is
connected through `command` (so `run_command` runs it), and only `AnnotatorError` is caught."""

from __future__ import annotations

import ast
from pathlib import Path

GUI = Path(__file__).resolve().parents[1] / "annotator" / "gui"
WINDOWS = ("qt_main_window.py", "qt_review_window.py")


def calls(path: Path, name: str) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name
    ]


def test_every_signal_and_menu_of_the_windows_runs_through_run_command() -> None:
    for window in WINDOWS:
        path = GUI / window
        connected = calls(path, "connect") + [c for c in calls(path, "addAction") if len(c.args) > 1]
        assert len(connected) >= 3
        for call in connected:
            slot = call.args[-1]
            assert isinstance(slot, ast.Call) and ast.unparse(slot.func) == "self.command", (
                f"{path.name}:{call.lineno}: connect {ast.unparse(slot)} through self.command(...)"
            )


def test_the_gui_catches_only_annotator_errors() -> None:
    for path in sorted(GUI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for handler in (n for n in ast.walk(tree) if isinstance(n, ast.ExceptHandler)):
            caught = ast.unparse(handler.type) if handler.type else "everything"
            assert caught in {"AnnotatorError", "Exception"}, f"{path.name}:{handler.lineno} catches {caught}"
            if caught == "Exception":  # only the worker, which hands the exception on to be reported
                assert path.name == "workers.py", f"{path.name}:{handler.lineno} catches Exception"
