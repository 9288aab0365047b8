"""brat standoff: per article `<name>.txt` (the text) and `<name>.ann`, plus `annotation.conf`.

The `.txt` is the article text exactly as stored (UTF-8, line breaks untouched); offsets count
its characters. `.ann` lines end in "\n" (tab-separated):
- `T1  LABEL start end  text` entity spans; a span crossing line breaks becomes fragments
  `s e;s e` cut at them (empty first/last ones when it starts/ends with a break), its text
  the fragments' texts joined by a space, as brat writes and checks it;
- `T9  Battles start end  seized` event triggers, typed with the brat-safe event type (one
  T line for the frames of one type on one trigger, as brat would have it);
- `E1  Battles:T9 actor_one:T1 location:T3 actor_one2:T4` events: each role under its brat
  name (`brat_role`: no trailing digit, `actor1` is `actor_one`), a repeated role numbered
  from its second use on, as brat numbers them;
- `A1  SubEventType E1 Non-state_actor_overtakes_territory` the sub-event type;
- `#1  AnnotatorNotes T1|E1  {json}` normalised values of a span, other frame fields of an event.
brat names may not hold spaces or slashes: `safe_name` maps them, the codebook maps back;
`annotation.conf` and the rules for names are in `annotator.formats.brat_conf`. The reader is
`annotator.formats.brat_reader`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import Codebook
from annotator.formats.brat_conf import Declared, annotation_conf, brat_role, brat_roles, safe_name
from annotator.formats.registry import ArticleExporter, ExportJob, ExportReport, exporter

FRAME_NOTE_SKIP = {"trigger_start", "trigger_end", "trigger_text", "event_type", "sub_event_type"}


@exporter
class BratExporter(ArticleExporter[Declared]):
    """The .txt and .ann of each article, then the `annotation.conf` that declares every type
    they use (`brat_conf`)."""

    name = "brat"
    description = "brat standoff (.txt/.ann + annotation.conf)"

    def begin(self, job: ExportJob) -> Declared:
        brat_roles(job.codebook)  # two roles with one brat name fail before anything is written
        return Declared()

    def write(self, job: ExportJob, state: Declared, number: int, article: AnnotatedArticle) -> None:
        stem = f"article-{article.meta.get('id', number)}"
        # newline="": the text exactly as stored (no "\n" -> os.linesep), since offsets count it
        (job.out / f"{stem}.txt").write_text(article.text, encoding="utf-8", newline="")
        ann = ann_text(article, job.report, job.codebook)
        (job.out / f"{stem}.ann").write_text(ann, encoding="utf-8", newline="")
        state.add(article, job.codebook, brat_roles(job.codebook))
        job.report.counts["documents"] += 1

    def finish(self, job: ExportJob, state: Declared) -> None:
        job.open("annotation.conf").write(annotation_conf(job.codebook, state))
        job.report.files.append(job.out / "*.txt, *.ann")
        job.report.notes.extend(state.notes())


#: What `str.splitlines` (and so brat's reading of an .ann file) ends a line at: a span's text
#: in the .ann never holds one, it is cut into fragments there.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RUN = re.compile(f"[{LINE_BREAKS}]+")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The fragments of [start, end): the runs between line breaks. The first starts at
    `start` and the last ends at `end`, empty when the span begins or ends with a line break,
    so that the first start and the last end give the span back exactly."""
    pieces, cursor = [], start
    for brk in _BREAK_RUN.finditer(text, start, end):
        pieces.append((cursor, brk.start()))
        cursor = brk.end()
    return [*pieces, (cursor, end)]


def _bound(ident: str, label: str, text: str, start: int, end: int) -> str:
    """A T line: 'T1<TAB>LABEL s e[;s e...]<TAB>TEXT', the fragments' texts joined by one
    space as brat joins them."""
    pieces = _pieces(text, start, end)
    where = ";".join(f"{s} {e}" for s, e in pieces)
    return f"{ident}\t{label} {where}\t{' '.join(text[s:e] for s, e in pieces)}"


def _note_json(value: dict[str, Any]) -> str:
    """JSON on one .ann line: the line breaks JSON leaves unescaped are escaped too."""
    dumped = json.dumps(value, ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if c in "\x85\u2028\u2029" else c for c in dumped)


def ann_text(article: AnnotatedArticle, report: ExportReport, codebook: Codebook) -> str:
    order = {role.name: n for n, role in enumerate(codebook.roles)}
    names = brat_roles(codebook)
    lines: list[str] = []
    text = article.text
    t_ids: list[str] = []
    note = 0
    for span in article.spans:
        t_id = f"T{len(t_ids) + 1}"
        t_ids.append(t_id)
        lines.append(_bound(t_id, span.label, text, span.start, span.end))
        if span.normalized:
            note += 1
            lines.append(f"#{note}\tAnnotatorNotes {t_id}\t{_note_json(span.normalized)}")
    report.counts["spans"] += len(article.spans)
    next_t = len(t_ids) + 1
    triggers: dict[tuple[int, int, str], str] = {}  # frames on one trigger share its T line
    for index, frame in enumerate(article.frames, start=1):
        fields = frame.fields
        if fields.get("trigger_start") is None or not fields.get("event_type"):
            report.counts["frames_without_trigger_or_type_not_in_brat"] += 1
            continue
        kind = safe_name(fields["event_type"])
        start, end = fields["trigger_start"], fields["trigger_end"]
        trigger = triggers.get((start, end, kind))
        if trigger is None:  # brat warns of triggers with one span and type (verify_triggers)
            trigger = triggers[start, end, kind] = f"T{next_t}"
            next_t += 1
            lines.append(_bound(trigger, kind, text, start, end))
        arguments = [f"{kind}:{trigger}"]
        for role in sorted(frame.roles, key=lambda r: (order.get(r, len(order)), r)):
            for k, span_index in enumerate(frame.roles[role], start=1):
                brat = names.get(role) or brat_role(role)
                arguments.append(f"{brat}{k if k > 1 else ''}:{t_ids[span_index]}")
        lines.append(f"E{index}\t{' '.join(arguments)}")
        if fields.get("sub_event_type"):
            lines.append(f"A{index}\tSubEventType E{index} {safe_name(fields['sub_event_type'])}")
        rest = {k: v for k, v in fields.items() if k not in FRAME_NOTE_SKIP and v is not None}
        note += 1
        lines.append(f"#{note}\tAnnotatorNotes E{index}\t{_note_json(rest)}")
        report.counts["frames"] += 1
    # no annotations: an empty file, as brat writes one; brat's parser reads a blank line as a
    # line it cannot parse ("Unable to parse the following line(s)", annotation.py:1141-1150)
    return "".join(f"{line}\n" for line in lines)
