"""The UIMA type system of the INCEpTION / WebAnno export, built with dkpro-cassis.

Its names cost nothing to import; cassis (and lxml) is imported by `build` and `load` only,
so that the rest of the app never pays for it on start-up.

Types, as INCEpTION's layer editor makes them (a custom span layer extends
`uima.tcas.Annotation` directly; a link feature is an `FSArray` of a link type that extends
`uima.cas.TOP` with exactly a String `role` and a `target`, named layer + capitalised
feature + `Link`, as INCEpTION's `LinkFeatureSupport` names it):

- `webanno.custom.ConflictSpan` (span layer): `label`, `status`, `normalized` (a JSON object
  as a string), `origin`, `annotator`, all `uima.cas.String`.
- `webanno.custom.ConflictEvent` (span layer on the trigger): `event_type`, `sub_event_type`
  and every other ACLED field of the frame (`FRAME_FEATURES`) as `uima.cas.String` (UIMA has
  no null integer: an unknown `fatalities` must stay unknown, not become 0), and
  `arguments`, the role links (`FSArray` of `webanno.custom.ConflictEventArgumentsLink`).
- `webanno.custom.ConflictEventArgumentsLink` (extends `uima.cas.TOP`): `role` (String) and
  `target` (a `ConflictSpan`).
- `de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData` (extends
  `uima.tcas.DocumentAnnotation`): `documentTitle`, `documentId`, ... as DKPro Core declares
  it; INCEpTION's layer import skips it (a document annotation is no layer).
- DKPro Core's `Sentence` and `Token` (`segmentation.type`, with the `order` of a token): the
  segmentation INCEpTION's editor works on; its layer import skips them (built in).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from annotator.core.errors import InputError
from annotator.core.model import EVENT_FIELDS

if TYPE_CHECKING:
    from cassis import TypeSystem

SPAN = "webanno.custom.ConflictSpan"
EVENT = "webanno.custom.ConflictEvent"
LINK = "webanno.custom.ConflictEventArgumentsLink"
METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
STRING = "uima.cas.String"

SPAN_FEATURES = ("label", "status", "normalized", "origin", "annotator")
#: The frame's fields written on the trigger: all but its offsets and text (the annotation's
#: begin, end and covered text), event and sub-event type first.
_NOT_FEATURES = {"trigger_start", "trigger_end", "trigger_text", "event_type", "sub_event_type"}
FRAME_FEATURES = ("event_type", "sub_event_type", *(f for f in EVENT_FIELDS if f not in _NOT_FEATURES))
ARGUMENTS = "arguments"
METADATA_FEATURES = ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri")

TYPESYSTEM_FILE = "TypeSystem.xml"


def build() -> TypeSystem:
    """The export's type system (see the module's docstring)."""
    from cassis import TypeSystem

    ts = TypeSystem()
    meta = ts.create_type(METADATA, supertypeName="uima.tcas.DocumentAnnotation")
    for name in METADATA_FEATURES:
        ts.create_feature(meta, name, STRING)
    ts.create_feature(meta, "isLastSegment", "uima.cas.Boolean")
    ts.create_type(SENTENCE)
    ts.create_feature(ts.create_type(TOKEN), "order", "uima.cas.Integer")
    span = ts.create_type(SPAN, description="annotator: an entity span")
    for name in SPAN_FEATURES:
        ts.create_feature(span, name, STRING)
    link = ts.create_type(LINK, supertypeName="uima.cas.TOP", description="annotator: a role of a frame")
    ts.create_feature(link, "role", STRING)
    ts.create_feature(link, "target", span)
    event = ts.create_type(EVENT, description="annotator: an event frame on its trigger")
    for name in FRAME_FEATURES:
        ts.create_feature(event, name, STRING)
    ts.create_feature(event, ARGUMENTS, "uima.cas.FSArray", elementType=link, multipleReferencesAllowed=False)
    return ts


def load(where: str, opener: Callable[[], BinaryIO]) -> TypeSystem:
    """The type system `opener()` reads (`where` names it), checked to hold the span layer
    (the event layer is optional: a project may have created the span layer only).

    RAISES (InputError): a file that is no readable type system, or one without
    `webanno.custom.ConflictSpan` and its `label` feature.
    """
    from cassis import load_typesystem

    try:
        with opener() as handle:
            ts = load_typesystem(handle)
    except OSError as exc:
        raise InputError(where, f"cannot read file ({exc.strerror or exc})") from None
    except Exception as exc:  # lxml's and cassis's own errors: the file is not a type system
        raise InputError(where, f"not a UIMA type system ({_first_line(exc)})") from None
    if not ts.contains_type(SPAN) or _feature(ts, SPAN, "label") is None:
        raise InputError(
            where,
            f"the type system has no {SPAN} layer with a 'label' feature: it is not one this "
            "annotator exported; export with 'annotator export inception', or in INCEpTION "
            f"import that export's {TYPESYSTEM_FILE} in Project settings > Layers first",
        )
    return ts


def has_events(ts: TypeSystem) -> bool:
    return ts.contains_type(EVENT) and _feature(ts, EVENT, ARGUMENTS) is not None


def _feature(ts: TypeSystem, type_name: str, name: str) -> Any:
    return ts.get_type(type_name).get_feature(name)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
