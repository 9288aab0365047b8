"""Article text, names and messages in the GUI's labels are shown as written, never as HTML."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.codebook import load_codebook
from annotator.gui.qt_frame_form import QtFrameForm
from annotator.gui.qt_metadata import QtMetadata
from annotator.paths import codebook_path


def test_labels_that_show_user_text_are_plain_text(qtbot) -> None:
    metadata = QtMetadata()
    form = QtFrameForm(load_codebook(codebook_path()))
    qtbot.addWidget(metadata)
    qtbot.addWidget(form)
    labels = [metadata.title, metadata.source, metadata.date]
    labels += [form.trigger, form.fatalities_rule, form.problems]
    assert {label.textFormat() for label in labels} == {Qt.TextFormat.PlainText}
