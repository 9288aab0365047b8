"""The Label Studio labeling config generated from the codebook, and the names it shares
with the task JSON (`formats.labelstudio`).

    <View>
      <Relations>                                   one <Relation> per codebook role
        <Relation value="actor1"/> ...
      </Relations>
      <Labels name="label" toName="text">           the entity labels, with their colours
        <Label value="ACTOR" background="#d62728" hotkey="a"/> ...
      </Labels>
      <Labels name="event" toName="text">           event triggers: one label per event type
        <Label value="Battles" background="#..."/> ... <Label value="No event type" .../>
      </Labels>
      <Choices name="sub_event_type" toName="text" perRegion="true" whenTagName="event">
        <Choice value="Armed clash"/> ...           shown when a trigger region is selected
      </Choices>
      <Text name="text" value="$text" granularity="symbol"/>
    </View>

A trigger is labelled with its event type in a Labels control of its own (not one "Trigger"
label): Label Studio shows a region's label on the text and in the region list and colours it
by label, so the event type is visible and editable where the annotator works, and the
trigger's roles are `<Relation>` arrows from it labelled with the role name, which Label
Studio draws between regions and lists per region. A dedicated "Trigger" label would hide
the event type in a per-region field shown only while the region is selected.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from annotator.core.codebook import Codebook

TEXT_NAME = "text"  # the <Text> object tag, and the task's data key that holds the article
LABEL_CONTROL = "label"  # entity spans
EVENT_CONTROL = "event"  # event triggers, labelled with the event type
SUB_EVENT_CONTROL = "sub_event_type"  # per-region choice on a trigger
UNTYPED_EVENT = "No event type"  # a trigger's label when its frame has no event type yet
#: Colours of the event-type labels, in codebook order (the codebook gives none to event types).
EVENT_COLOURS = ("#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354")
UNTYPED_COLOUR = "#7f7f7f"


def labeling_config(codebook: Codebook) -> str:
    """The labeling config XML of `codebook` (see the module docstring), as text."""
    view = ET.Element("View")
    relations = ET.SubElement(view, "Relations", choice="single")
    for role in codebook.roles:
        ET.SubElement(relations, "Relation", value=role.name)
    labels = ET.SubElement(view, "Labels", name=LABEL_CONTROL, toName=TEXT_NAME)
    for label in codebook.labels:
        attrs = {"value": label.name, "background": label.color}
        if label.shortcut and len(label.shortcut) == 1:
            attrs["hotkey"] = label.shortcut.lower()
        ET.SubElement(labels, "Label", attrs)
    events = ET.SubElement(view, "Labels", name=EVENT_CONTROL, toName=TEXT_NAME)
    for n, event_type in enumerate(codebook.event_types):
        colour = EVENT_COLOURS[n % len(EVENT_COLOURS)]
        ET.SubElement(events, "Label", value=event_type.name, background=colour)
    ET.SubElement(events, "Label", value=UNTYPED_EVENT, background=UNTYPED_COLOUR)
    choices = ET.SubElement(
        view,
        "Choices",
        name=SUB_EVENT_CONTROL,
        toName=TEXT_NAME,
        perRegion="true",
        whenTagName=EVENT_CONTROL,
        choice="single",
    )
    subs = dict.fromkeys(s.name for e in codebook.event_types for s in e.sub_event_types)
    for name in subs:
        ET.SubElement(choices, "Choice", value=name)
    ET.SubElement(view, "Text", name=TEXT_NAME, value=f"${TEXT_NAME}", granularity="symbol")
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"
