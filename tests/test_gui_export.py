"""The export dialog, driven as a user does: a second export goes to a new folder, and a project
file removed meanwhile is reported, never made anew."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gui_helpers import open_export_dialog, shown
from PySide6.QtCore import Qt


def _mark_done(qtbot, window) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    window.store.set_setting("undecided_on_done", "reject")  # what is left undecided: no question
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_after_an_export_the_dialog_proposes_a_new_folder(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # default folders are made under ./exports
    _mark_done(qtbot, window)
    dialog = open_export_dialog(qtbot, window)
    dialog.format.setCurrentIndex(dialog.format.findData("doccano"))
    used = []
    for _ in range(3):  # each export with the folder the dialog proposes
        out = Path(dialog.out.text())
        assert out.parent == tmp_path / "exports" and not out.exists()
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.summary.toPlainText().startswith("wrote"), timeout=20_000)
        assert dialog.summary.toPlainText().startswith(f"wrote {out / 'annotations.doccano.jsonl'}")
        used.append(out.name)
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == sorted(used)
    assert len(set(used)) == 3
    dialog.close()


def test_a_project_removed_meanwhile_is_reported_not_made_anew(qtbot, window, tmp_path: Path) -> None:
    path = window.store.path
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    missing = (
        f"no project at {path}; create it with `annotator new {path}` "
        "(import, gui and merge also take --create)"
    )
    dialog = open_export_dialog(qtbot, window)
    dialog.out.setText(str(tmp_path / "out"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown(window) != "", timeout=20_000)
    assert shown(window) == missing
    assert not path.exists() and not (tmp_path / "out").exists()
    dialog.close()
    window.statusBar().clearMessage()
    window.open_article(2)  # read in a worker, from its own connection
    qtbot.waitUntil(lambda: shown(window) != "", timeout=20_000)
    assert shown(window) == missing
    assert not path.exists()
