"""Event frames in the article text (issue 10, item 2), driven through the real widgets: every
trigger drawn in a style of its own, the selected frame's trigger and role spans marked with
role tags, a click on a trigger selects its frame, selecting a frame scrolls to its trigger."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QTextCursor
from PySide6.QtWidgets import QLabel

from annotator.core.codebook import load_codebook
from annotator.gui.qt_article_view import TRIGGER_COLOUR
from annotator.gui.qt_legend import QtLegend
from annotator.nlp.suggester import Suggester
from annotator.paths import default_codebook_path
from annotator.services.importing import import_paths
from annotator.services.suggesting import suggest_articles

BOOK = load_codebook(default_codebook_path())


def suggested(win, trigger: str):
    return next(f for f in win.session.state.frames if f.fields["trigger_text"] == trigger)


def cursor_at(win, offset: int) -> QTextCursor:
    cursor = QTextCursor(win.view.document())
    cursor.setPosition(win.view.offsets.to_utf16(offset))
    return cursor


def point_of(win, offset: int) -> QPoint:
    rect = win.view.cursorRect(cursor_at(win, offset))
    return QPoint(rect.x() + 3, rect.center().y())


def click_text(qtbot, win, offset: int) -> None:
    """A real mouse click on the character at code-point `offset`."""
    qtbot.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(win, offset))


def click_frame_in_list(qtbot, win, key) -> None:
    rows = win.events.list
    row = next(i for i in range(rows.count()) if rows.item(i).data(Qt.ItemDataRole.UserRole) == key)
    rows.scrollToItem(rows.item(row))
    centre = rows.visualItemRect(rows.item(row)).center()
    qtbot.mouseClick(rows.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def roles_from_store(win, event_id: int) -> list[tuple[str, int, int]]:
    """The frame's trigger and linked spans as the store holds them."""
    event = win.store.event(event_id)
    marks = [("trigger", event["trigger_start"], event["trigger_end"])]
    for argument in win.store.arguments(event_id):
        span = win.store.span(argument["span_id"])
        marks.append((argument["role"], span["start"], span["end"]))
    return sorted(marks, key=lambda m: (m[1], m[2], m[0]))


def near_trigger_colour(colour: QColor) -> bool:
    """The trigger colour (teal), also as a light dashed line blended into white."""
    red, green, blue = colour.getRgb()[:3]
    want = QColor(TRIGGER_COLOUR)
    return colour.hue() in range(want.hue() - 15, want.hue() + 15) and green - red > 25 and blue - red > 25


def painted_in_trigger_colour(win, rect) -> bool:
    """Some pixel of the top edge of `rect` (viewport pixels) is drawn in the trigger colour."""
    image = win.view.viewport().grab().toImage()
    return any(
        near_trigger_colour(image.pixelColor(x, y))
        for y in range(int(rect.top()) - 2, int(rect.top()) + 2)
        for x in range(int(rect.left()), int(rect.right()))
    )


def test_every_trigger_has_a_style_of_its_own(qtbot, window) -> None:
    frames = window.session.state.frames
    assert len(frames) == 4 and all(f.is_suggestion for f in frames)
    # the view reports every frame's trigger, at the offsets the store holds
    assert sorted(window.view.triggers()) == sorted(
        (f.key, window.store.event(f.id)["trigger_start"], window.store.event(f.id)["trigger_end"])
        for f in frames
    )
    # triggers are painted in the trigger colour (a box), and entity fills are left as they were
    rect = window.view.text_rects(*window.view.triggers()[0][1:])[0]
    assert painted_in_trigger_colour(window, rect)
    plain = window.view.text_rects(0, 5)[0]  # "Kabul", an entity suggestion, no trigger
    assert not painted_in_trigger_colour(window, plain)
    assert window.view.highlighted() == window.session.state.spans
    # a suggested trigger stays in normal weight; once it is the analyst's frame it is bold
    text = window.session.state.text
    seized = text.index("seized")
    assert cursor_at(window, seized + 1).charFormat().fontWeight() != QFont.Weight.Bold
    window.view.select_range(seized, seized + 6)
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    own = window.store.events(1, annotator="ana")
    assert [(e["trigger_text"], e["trigger_start"]) for e in own] == [("seized", seized)]
    assert cursor_at(window, seized + 1).charFormat().fontWeight() == QFont.Weight.Bold


def test_selecting_a_frame_marks_its_trigger_and_role_spans_with_tags(qtbot, window) -> None:
    frame = suggested(window, "seized")
    assert window.view.marked_roles() == []
    click_frame_in_list(qtbot, window, frame.key)
    assert window.events.current_key() == frame.key
    marks = window.view.marked_roles()
    assert marks == roles_from_store(window, frame.id)
    assert {m[0] for m in marks} == {"trigger", "actor1", "actor2", "location", "date"}
    text = window.session.state.text
    assert {(role, text[start:end]) for role, start, end in marks} >= {
        ("trigger", "seized"),
        ("location", "Shahrak"),
    }
    # the tags are painted under each marked span, in the trigger colour
    image = window.view.viewport().grab().toImage()
    for _role, start, end in marks:
        rect = window.view.text_rects(start, end)[0]
        y = int(rect.bottom()) + 7
        row = [image.pixelColor(x, y) for x in range(int(rect.left()), int(rect.left()) + 20)]
        assert any(near_trigger_colour(c) for c in row), _role
    # another frame by keys in the list: its marks replace the first frame's
    window.events.list.setFocus()
    qtbot.keyClick(window.events.list, Qt.Key.Key_Down)
    after = window.events.current_key()
    assert after != frame.key
    assert window.view.marked_roles() == roles_from_store(window, after[1])


def test_an_accepted_frames_roles_are_marked_with_the_analysts_own_spans(qtbot, window) -> None:
    frame = suggested(window, "seized")
    click_frame_in_list(qtbot, window, frame.key)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_E)  # accept the suggested frame
    own = window.selected_frame
    assert own[0] == "mine"
    assert window.view.marked_roles() == roles_from_store(window, own[1])
    assert len(window.view.marked_roles()) == 5


def test_clicking_a_trigger_selects_its_frame(qtbot, window) -> None:
    frame = suggested(window, "stormed")
    start = window.store.event(frame.id)["trigger_start"]
    assert window.view.viewport().rect().contains(point_of(window, start + 1))
    click_text(qtbot, window, start + 1)
    assert window.events.current_key() == frame.key
    assert window.selected_frame == frame.key
    assert window.events.form.event_type.currentText() == window.store.event(frame.id)["event_type"]
    assert window.view.marked_roles() == roles_from_store(window, frame.id)
    # a click on plain text selects no other frame
    triggers = [(e["trigger_start"], e["trigger_end"]) for e in window.store.events(1, annotator="suggester")]
    plain = window.session.state.text.index("officials said")
    assert not window.view.spans_at(plain) and not any(a <= plain < b for a, b in triggers)
    click_text(qtbot, window, plain)
    assert window.events.current_key() == frame.key


def test_selecting_a_frame_low_in_a_long_article_scrolls_to_its_trigger(
    qtbot, window, tmp_path: Path, rules_only: Suggester
) -> None:
    filler = "\n".join(
        f"Paragraph {i} of the background, with nothing that happened in it." for i in range(60)
    )
    long = tmp_path / "long" / "long.txt"
    long.parent.mkdir()
    long.write_text(filler + "\n" + window.session.state.text, encoding="utf-8")
    import_paths(window.store, [long.parent])
    article = max(window.store.article_ids())
    suggest_articles(window.store, rules_only, [article])
    window.open_article(article, wait=True)
    assert window.session.article_id == article and len(window.session.state.frames) == 4
    bar = window.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(0)
    last = window.session.state.frames[-1]
    start = window.store.event(last.id)["trigger_start"]
    viewport = window.view.viewport().rect()
    assert not viewport.contains(window.view.cursorRect(cursor_at(window, start)))
    window.events.list.setFocus()
    qtbot.keyClick(window.events.list, Qt.Key.Key_End)
    assert window.events.current_key() == last.key
    assert bar.value() > 0
    assert viewport.contains(window.view.cursorRect(cursor_at(window, start)))
    # and back up to the first frame by a click in the list
    click_frame_in_list(qtbot, window, window.session.state.frames[0].key)
    first = window.store.event(window.session.state.frames[0].id)["trigger_start"]
    assert viewport.contains(window.view.cursorRect(cursor_at(window, first)))


def test_the_legend_explains_the_trigger_style(window) -> None:
    legend = window.findChild(QtLegend)
    texts = " ".join(label.text() for label in legend.findChildren(QLabel))
    assert "trigger" in texts and "role" in texts


def test_frame_option_selects_the_nth_frame(qtbot, window) -> None:
    from annotator.core.errors import UsageError
    from annotator.gui.app import select_frame

    third = window.session.state.frames[2]
    select_frame(window, 3)
    assert window.events.current_key() == third.key == window.selected_frame
    assert window.view.marked_roles() == roles_from_store(window, third.id)
    with pytest.raises(UsageError, match="--frame 6: the article has 4 event frame"):
        select_frame(window, 6)


def test_the_screenshot_shows_the_chosen_frame_marked_in_the_text(qtbot, window, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from annotator.gui.app import save_screenshot, select_frame

    select_frame(window, 2)
    out = tmp_path / "shot.png"
    assert save_screenshot(window, out, frame_chosen=True) == 0
    marks = window.view.marked_roles()
    assert marks == roles_from_store(window, window.session.state.frames[1].id)
    image = QImage(str(out))
    for _role, start, end in marks:  # each tag, under its span, is in the image
        rect = window.view.text_rects(start, end)[0]
        corner = window.view.viewport().mapTo(window, rect.bottomLeft().toPoint())
        row = [image.pixelColor(corner.x() + dx, corner.y() + 7) for dx in range(20)]
        assert any(near_trigger_colour(c) for c in row), _role


def test_the_gui_command_takes_a_frame_number(project: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from annotator.cli import app

    out = tmp_path / "shot.png"
    command = ["gui", "--db", str(project), "--annotator", "ana", "--article", "1", "--screenshot", str(out)]
    result = CliRunner().invoke(app, [*command, "--frame", "3"])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 20_000
    refused = CliRunner().invoke(app, [*command, "--frame", "9"])
    assert refused.exit_code == 1
    assert "--frame 9: the article has 4 event frame(s) for this annotator; give a number from 1 to 4" in (
        refused.output
    )
    zero = CliRunner().invoke(app, [*command, "--frame", "0"])
    assert zero.exit_code == 1 and "frames are numbered from 1" in zero.output
