"""The selected event frame as a form. Every edit is saved at once through the session;
filling the form from the model never echoes back as an edit."""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QSize, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QStyleOptionFrame,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.codebook import Codebook
from annotator.gui.qt_elided import ElidedLabel
from annotator.nlp.gazetteer import Gazetteer, default_gazetteer_dir
from annotator.workspace.state import FrameItem

ACTOR_ROLES = (
    ("actor1", "inter1"),
    ("assoc_actor_1", "assoc_inter_1"),
    ("actor2", "inter2"),
    ("assoc_actor_2", "assoc_inter_2"),
)

#: An actor's name as typed (lower case) -> the name the frame stores and its inter code.
KnownActors = dict[str, tuple[str, int | None]]


@cache
def gazetteer_actors() -> tuple[tuple[str, str, int | None, tuple[str, ...]], ...]:
    """(name, ACLED name, inter code, variants) of every actor of the bundled gazetteer (a
    plain JSON read: importing `nlp.gazetteer` loads no spaCy)."""
    entries = Gazetteer(default_gazetteer_dir()).of_kind("actor")
    return tuple(
        (e.name, e.data.get("acled_name") or e.name, e.data.get("inter"), tuple(f for f, _ in e.names()))
        for e in entries
    )


def known_actors(codebook: Codebook) -> tuple[list[str], KnownActors]:
    """The names a typed actor completes to (the gazetteer's names and ACLED names, the
    codebook's actor types) and what each of those, or a gazetteer variant, stands for."""
    completions: dict[str, None] = {}
    known: KnownActors = {}
    for actor_type in codebook.actor_types:
        completions[actor_type.name] = None
        known[actor_type.name.lower()] = (actor_type.name, actor_type.inter)
    for name, acled, inter, variants in gazetteer_actors():
        completions[name] = completions[acled] = None
        for form in (*variants, acled, name):  # the gazetteer's own names win
            known[form.lower()] = (acled, inter)
    return sorted(completions, key=str.lower), known


LINE_EDIT_MARGIN = 2  # QLineEdit's own margin on each side of its text, inside the frame


def width_for(edit: QLineEdit, sample: str) -> int:
    """The width `edit` needs to show `sample` whole in its font: the text, the cursor, its
    margins and the style's frame (as `QLineEdit.sizeHint` measures)."""
    text, margins = edit.textMargins(), edit.contentsMargins()
    inner = (
        edit.fontMetrics().horizontalAdvance(sample)
        + 2 * LINE_EDIT_MARGIN
        + 1  # the cursor after the last character
        + text.left()
        + text.right()
        + margins.left()
        + margins.right()
    )
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    size = QSize(inner, edit.fontMetrics().height())
    return edit.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, size, edit).width()


class QtFrameForm(QWidget):
    edited = Signal(dict)  # field -> value
    role_armed = Signal(str)  # the role waiting for a click on a span
    accept_clicked = Signal()
    delete_clicked = Signal()

    def __init__(self, codebook: Codebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codebook = codebook
        self._filling = False
        self.frame: FrameItem | None = None
        # the form scrolls inside its pane (down to Accept/Delete on a small screen); its long
        # texts elide and its combos shrink, so it never widens the window
        self.scroll = QScrollArea(widgetResizable=True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.trigger = ElidedLabel()  # article text, plain
        form.addRow("Trigger", self.trigger)
        self.event_type = QComboBox()
        self.event_type.addItem("", None)
        for event_type in codebook.event_types:
            self.event_type.addItem(event_type.name, event_type.name)
        self.sub_event_type = QComboBox()
        form.addRow("Event type", self.event_type)
        form.addRow("Sub-event type", self.sub_event_type)
        self.link_buttons: dict[str, QToolButton] = {}
        self.actors: dict[str, tuple[QLineEdit, QComboBox]] = {}
        names, self.known_actors = known_actors(codebook)
        self.actor_names = QStringListModel(names, self)
        for role, inter in ACTOR_ROLES:
            name, kind = QLineEdit(), QComboBox()
            kind.addItem("", None)
            for actor_type in codebook.actor_types:
                kind.addItem(f"{actor_type.inter} {actor_type.name}", actor_type.inter)
            self.actors[role] = (name, kind)
            completer = QCompleter(self.actor_names, name)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            name.setCompleter(completer)
            completer.activated[str].connect(lambda text, r=role: self._edit(self._actor_change(r, text)))
            name.editingFinished.connect(lambda r=role, w=name: self._edit(self._actor_change(r, w.text())))
            kind.currentIndexChanged.connect(lambda _=0, f=inter, w=kind: self._edit({f: w.currentData()}))
            form.addRow(role.replace("_", " "), self._row(role, name, kind))
        self.location, self.admin1, self.admin2 = QLineEdit(), QLineEdit(), QLineEdit()
        self.admin1.setPlaceholderText("province")
        self.admin2.setPlaceholderText("district")
        self.geo_precision = self._codes(codebook.geo_precision)
        form.addRow("location", self._row("location", self.location))
        form.addRow("", self._row(None, self.admin1, self.admin2, self.geo_precision))
        self.event_date, self.time_precision = QLineEdit(), self._codes(codebook.time_precision)
        self.event_date.setPlaceholderText("YYYY-MM-DD")
        self.event_date.setMinimumWidth(width_for(self.event_date, "0000-00-00"))  # a whole date
        form.addRow("date", self._row("date", self.event_date, self.time_precision))
        self.fatalities = QSpinBox(maximum=100_000)
        self.fatalities_rule = ElidedLabel()  # "casualties_only: killed and injured not separated…"
        self.override_reason = QLineEdit(placeholderText="reason for overriding the rule")
        form.addRow("fatalities", self._row("fatalities", self.fatalities, self.fatalities_rule))
        form.addRow("", self.override_reason)
        self.injuries = QSpinBox(maximum=100_000)
        form.addRow("injuries", self._row("injuries", self.injuries))
        self.civilian = QCheckBox("civilian targeting")
        form.addRow("", self.civilian)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        form.addRow("notes", self.notes)
        self.problems = QLabel(textFormat=Qt.TextFormat.PlainText)  # messages quote user values
        self.problems.setStyleSheet("color: #b00020")
        self.problems.setWordWrap(True)
        form.addRow(self.problems)
        self.accept_button, self.delete_button = QPushButton("Accept frame"), QPushButton("Delete")
        form.addRow(self._row(None, self.accept_button, self.delete_button))
        self._connect()
        for box in self.findChildren(QComboBox):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
        self.setEnabled(False)

    def _row(self, role: str | None, *widgets: QWidget) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        if role is not None:
            button = QToolButton(text="link")
            button.setToolTip(f"Link a span as {role}: click this, then click the span")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, r=role: self.role_armed.emit(r))
            self.link_buttons[role] = button
            layout.addWidget(button)
        return box

    @staticmethod
    def _codes(codes: Any) -> QComboBox:
        box = QComboBox()
        box.addItem("", None)
        for code in codes:
            box.addItem(f"{code.code} {code.name}", code.code)
        return box

    def _connect(self) -> None:
        self.event_type.currentIndexChanged.connect(self._type_changed)
        self.sub_event_type.currentIndexChanged.connect(
            lambda _=0: self._edit({"sub_event_type": self.sub_event_type.currentData()})
        )
        for field, widget in self._text_fields():
            widget.editingFinished.connect(lambda f=field, w=widget: self._edit({f: w.text() or None}))
        self.geo_precision.currentIndexChanged.connect(
            lambda _=0: self._edit({"geo_precision": self.geo_precision.currentData()})
        )
        self.time_precision.currentIndexChanged.connect(
            lambda _=0: self._edit({"time_precision": self.time_precision.currentData()})
        )
        self.fatalities.editingFinished.connect(self._fatalities_changed)
        self.injuries.editingFinished.connect(lambda: self._edit({"injuries": self.injuries.value()}))
        self.civilian.toggled.connect(lambda on: self._edit({"civilian_targeting": int(on)}))
        self.notes.textChanged.connect(self._notes_changed)
        self.accept_button.clicked.connect(self.accept_clicked)
        self.delete_button.clicked.connect(self.delete_clicked)

    def _text_fields(self) -> tuple[tuple[str, QLineEdit], ...]:
        """The frame fields typed as text, with their line edits."""
        return (
            ("location", self.location),
            ("admin1", self.admin1),
            ("admin2", self.admin2),
            ("event_date", self.event_date),
            ("fatalities_override_reason", self.override_reason),
        )

    def _edit(self, change: dict[str, Any]) -> None:
        if not self._filling and self.frame is not None:
            current = {k: self.frame.fields.get(k) for k in change}
            if current != change:
                self.edited.emit(change)

    def _actor_change(self, role: str, text: str) -> dict[str, Any]:
        """The edit of typing `text` as `role`: a known actor (gazetteer or codebook) newly
        chosen writes its ACLED name and fills its inter code; any other text is kept as typed."""
        current = self.frame.fields.get(role) if self.frame is not None else None
        known = self.known_actors.get(text.strip().lower())
        if not text or text == current or known is None:
            return {role: text or None}
        name, inter = known
        return {role: name} if inter is None else {role: name, dict(ACTOR_ROLES)[role]: inter}

    def _type_changed(self) -> None:
        self._fill_sub_types(self.event_type.currentData(), None)
        self._edit(
            {"event_type": self.event_type.currentData(), "sub_event_type": self.sub_event_type.currentData()}
        )

    def _fatalities_changed(self) -> None:
        value = self.fatalities.value()
        if self.frame is not None and value != self.frame.fields.get("fatalities"):
            self._edit({"fatalities": value, "fatalities_rule": "override"})

    def _notes_changed(self) -> None:
        if not self._filling and self.frame is not None:
            self._edit({"notes": self.notes.toPlainText() or None})

    def _fill_sub_types(self, event_type: str | None, chosen: str | None) -> None:
        was = self._filling
        self._filling = True
        self.sub_event_type.clear()
        self.sub_event_type.addItem("", None)
        definition = self.codebook.event_type(event_type or "")
        for sub in definition.sub_event_types if definition else ():
            self.sub_event_type.addItem(sub.name, sub.name)
        index = self.sub_event_type.findData(chosen)
        self.sub_event_type.setCurrentIndex(max(index, 0))
        self._filling = was

    # -- showing a frame ------------------------------------------------------------------
    def show_frame(self, frame: FrameItem | None, problems: list[str]) -> None:
        self.frame = frame
        self.setEnabled(frame is not None)
        self._filling = True
        try:
            self._fill(frame.fields if frame else {}, frame)
        finally:
            self._filling = False
        self.problems.setText("\n".join(f"• {p}" for p in problems))
        self.accept_button.setText("Accept suggested frame" if frame and frame.is_suggestion else "Accepted")
        self.accept_button.setEnabled(
            bool(frame and (frame.is_suggestion or frame.fields["status"] != "accepted"))
        )
        self.delete_button.setText("Reject" if frame and frame.is_suggestion else "Delete")

    def _fill(self, fields: dict[str, Any], frame: FrameItem | None) -> None:
        trigger = fields.get("trigger_text") or "—"
        origin = "suggested" if frame and frame.is_suggestion else fields.get("status", "")
        confidence = fields.get("confidence")
        self.trigger.setText(
            f"“{trigger}” ({origin}{f', confidence {confidence:.2f}' if confidence else ''})"
        )
        self.event_type.setCurrentIndex(max(self.event_type.findData(fields.get("event_type")), 0))
        self._fill_sub_types(fields.get("event_type"), fields.get("sub_event_type"))
        for role, inter in ACTOR_ROLES:
            name, kind = self.actors[role]
            name.setText(fields.get(role) or "")
            kind.setCurrentIndex(max(kind.findData(fields.get(inter)), 0))
        for field, widget in self._text_fields():
            widget.setText(fields.get(field) or "")
        self.geo_precision.setCurrentIndex(max(self.geo_precision.findData(fields.get("geo_precision")), 0))
        self.time_precision.setCurrentIndex(
            max(self.time_precision.findData(fields.get("time_precision")), 0)
        )
        self.fatalities.setValue(fields.get("fatalities") or 0)
        rule = fields.get("fatalities_rule")
        self.fatalities_rule.setText(f"rule: {rule}" if rule else "")
        self.injuries.setValue(fields.get("injuries") or 0)
        self.civilian.setChecked(bool(fields.get("civilian_targeting")))
        if self.notes.toPlainText() != (fields.get("notes") or ""):
            self.notes.setPlainText(fields.get("notes") or "")
        for button in self.link_buttons.values():
            button.setChecked(False)
