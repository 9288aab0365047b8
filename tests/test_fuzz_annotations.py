"""Fuzzing the annotation readers (Prodigy, doccano, annotations JSON) and `import_annotations`
end to end on a temporary project (issue 11 items 2 and 3).

Whatever a file holds (random JSON structures, hostile Unicode, offsets of every type), a
reader yields articles and failures and never raises, an import never raises and accounts for
every record (imported, refused or ignored), and nothing stored breaks
`0 <= start < end <= len(text)`, the codebook, or the text a record gave for a span.
Examples are bounded (`EXAMPLES`) so the module runs in well under 40 s; `FUZZ_CASES` is the
number of generated cases one run tries.
"""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_readers import hostile_text, json_values

from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import load_codebook
from annotator.core.errors import InputError
from annotator.core.frame_fields import event_date_problem
from annotator.core.model import EVENT_FIELDS
from annotator.formats import ANNOTATION_READERS, ReadFailure
from annotator.formats.shapes import RecordFailure
from annotator.paths import default_codebook_path
from annotator.services.annotation_import import AnnotationImportSummary, import_annotations
from annotator.services.annotations_json import load_annotations
from annotator.services.importing import import_paths
from annotator.store import Store

EXAMPLES = {
    "prodigy_reader": 60,
    "doccano_reader": 50,
    "annotations_json_reader": 60,
    "prodigy_import": 120,
    "doccano_import": 60,
    "annotations_json_import": 60,
}
#: Generated cases per run: one file per example, read, or imported into a fresh project.
FUZZ_CASES = sum(EXAMPLES.values())

BOOK = load_codebook(default_codebook_path())
TEXTS = {
    "a.txt": "Taliban fighters attacked Kunduz on Monday.",
    "b.txt": "Clashes in Takhar left three dead.",
}


def fuzz(name: str) -> settings:
    """`EXAMPLES[name]` cases, no deadline (the machine is shared), no example database."""
    return settings(
        max_examples=EXAMPLES[name],
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


offsets = st.one_of(
    st.integers(-2, 45),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.booleans(),
    st.none(),
    st.sampled_from(["0", "7", ""]),
)
labels = st.one_of(st.sampled_from(BOOK.label_names), st.sampled_from(["ORG", ""]), json_values)
some_text = st.one_of(st.sampled_from(list(TEXTS.values())), hostile_text)
span_objects = st.fixed_dictionaries(
    {"start": offsets, "end": offsets, "label": labels},
    optional={
        "text": st.one_of(st.sampled_from(["Taliban", "Kunduz", "Takhar"]), json_values),
        "normalized": json_values,
    },
)
field_values = st.one_of(
    offsets,
    hostile_text,
    st.sampled_from([e.name for e in BOOK.event_types] + ["Skirmish", "Armed clash", "Peaceful protest"]),
    st.sampled_from(["2021-06-07", "2021-02-30", "last Tuesday", "attacked"]),
)
fields = st.dictionaries(st.sampled_from([*EVENT_FIELDS, "x"]), field_values, max_size=6)
role_names = st.one_of(st.sampled_from([r.name for r in BOOK.roles] + ["shooter"]), hostile_text)


def role_links(links: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Roles, each with a list of `links` (or anything)."""
    listed = st.one_of(st.lists(links, max_size=3), json_values)
    return st.one_of(st.dictionaries(role_names, listed, max_size=3), json_values)


prodigy_events = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "fields": st.one_of(fields, json_values),
            "roles": role_links(offsets),
        },
    ),
    json_values,
)
prodigy_tasks = st.fixed_dictionaries(
    {"text": some_text},
    optional={
        "spans": st.one_of(st.lists(st.one_of(span_objects, json_values), max_size=4), json_values),
        "events": st.one_of(st.lists(prodigy_events, max_size=3), json_values),
        "answer": st.one_of(st.sampled_from(["accept", "reject", "ignore"]), json_values),
        "meta": st.one_of(
            st.dictionaries(st.sampled_from(["title", "source", "url", "published_at", "x"]), json_values),
            json_values,
        ),
    },
)
doccano_tasks = st.one_of(
    st.fixed_dictionaries(
        {"text": some_text},
        optional={
            "label": st.one_of(
                st.lists(st.one_of(st.tuples(offsets, offsets, labels).map(list), json_values), max_size=4),
                json_values,
            ),
            "meta": json_values,
        },
    ),
    st.fixed_dictionaries(
        {
            "text": some_text,
            "entities": st.lists(
                st.one_of(
                    st.fixed_dictionaries({"start_offset": offsets, "end_offset": offsets, "label": labels}),
                    json_values,
                ),
                max_size=4,
            ),
        }
    ),
)
references = st.one_of(
    st.fixed_dictionaries({"start": offsets}, optional={"end": offsets, "text": json_values}), json_values
)
json_events = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "event_type": field_values,
            "sub_event_type": field_values,
            "event_date": field_values,
            "fatalities": field_values,
            "trigger": st.one_of(
                st.fixed_dictionaries({}, optional={"start": offsets, "end": offsets, "text": json_values}),
                json_values,
            ),
            "roles": role_links(references),
        },
    ),
    json_values,
)
json_articles = st.one_of(
    st.fixed_dictionaries(
        {"file": st.one_of(st.sampled_from([*TEXTS, "c.txt"]), json_values)},
        optional={
            "spans": st.one_of(st.lists(st.one_of(span_objects, json_values), max_size=4), json_values),
            "events": st.one_of(st.lists(json_events, max_size=2), json_values),
        },
    ),
    json_values,
)
annotation_documents = st.one_of(
    st.fixed_dictionaries(
        {"articles": st.one_of(st.lists(json_articles, max_size=3), json_values)},
        optional={"annotator": st.one_of(st.just("gold"), json_values)},
    ),
    json_values,
)


def mostly(
    valid: st.SearchStrategy[Any], wild: st.SearchStrategy[Any], clean: bool = False
) -> st.SearchStrategy[Any]:
    """`valid` about nine draws in ten, else `wild` (always `valid` when `clean`): records
    near enough to valid that many pass the reader and reach the checks and the store."""
    return valid if clean else st.sampled_from([True] * 9 + [False]).flatmap(lambda ok: valid if ok else wild)


EVENT_TYPES = {e.name: [s.name for s in e.sub_event_types] for e in BOOK.event_types}
ROLES = [r.name for r in BOOK.roles]


@st.composite
def span_on(draw: st.DrawFn, text: str, clean: bool) -> dict[str, Any]:
    """A span on `text`: mostly inside it with a codebook label, its `text` right, wrong or
    absent (`clean`: whole-number offsets from 0, a label, its text right or absent)."""
    start = draw(mostly(st.integers(0, max(len(text) - 1, 0)), offsets, clean))
    length = draw(st.integers(1, 6) if clean else st.integers(-1, 12))
    end = draw(mostly(st.just(start + length) if type(start) is int else offsets, offsets, clean))
    span = {
        "start": start,
        "end": end,
        "label": draw(mostly(st.sampled_from(BOOK.label_names), labels, clean)),
    }
    said = draw(st.sampled_from(["absent", "right"] if clean else ["absent", "right", "wrong"]))
    if said == "right" and type(start) is int and type(end) is int:
        span["text"] = text[start:end]
    elif said == "wrong":
        span["text"] = draw(st.one_of(hostile_text, json_values))
    if draw(st.booleans()):
        span["normalized"] = draw(st.just({"country": "Afghanistan"}) if clean else json_values)
    return span


@st.composite
def fields_on(draw: st.DrawFn, text: str, clean: bool) -> dict[str, Any]:
    """Frame fields on `text`: mostly a codebook event type, sub-event type, trigger and date."""
    fields: dict[str, Any] = {}
    if draw(st.booleans()):
        event_type = draw(mostly(st.sampled_from(sorted(EVENT_TYPES)), field_values, clean))
        fields["event_type"] = event_type
        subs = EVENT_TYPES.get(event_type) if isinstance(event_type, str) else None
        if subs and draw(st.booleans()):
            fields["sub_event_type"] = draw(mostly(st.sampled_from(subs), field_values, clean))
    if draw(st.booleans()):
        trigger = draw(span_on(text, clean))
        fields.update(trigger_start=trigger["start"], trigger_end=trigger["end"])
        if "text" in trigger:
            fields["trigger_text"] = trigger["text"]
    if draw(st.booleans()):
        fields["event_date"] = draw(mostly(st.sampled_from(["2021-06-07", "", None]), field_values, clean))
    if not clean and draw(st.booleans()):
        fields.update(draw(fields_of_any_value))
    return fields


fields_of_any_value = st.dictionaries(st.sampled_from([*EVENT_FIELDS, "x"]), field_values, max_size=3)


def roles_on(n_spans: int, clean: bool) -> st.SearchStrategy[dict[str, Any]]:
    if clean and not n_spans:
        return st.just({})
    index = st.integers(0, n_spans - 1) if n_spans else offsets
    links = st.lists(mostly(index, offsets, clean), max_size=2)
    names = mostly(st.sampled_from(ROLES), role_names, clean)
    return st.dictionaries(names, mostly(links, json_values, clean), max_size=3)


@st.composite
def near_prodigy(draw: st.DrawFn) -> dict[str, Any]:
    """A Prodigy task near enough to valid: a known or hostile text, spans and frames on it."""
    clean = draw(st.sampled_from([True] * 4 + [False]))
    text = draw(mostly(st.sampled_from(list(TEXTS.values())), some_text, clean))
    spans = draw(st.lists(mostly(span_on(text, clean), json_values, clean), max_size=4))
    frame = st.builds(
        lambda f, r: {"fields": f, "roles": r}, fields_on(text, clean), roles_on(len(spans), clean)
    )
    events = draw(st.lists(mostly(frame, prodigy_events, clean), max_size=2))
    task = {"text": text, "spans": spans, "events": events}
    if draw(st.booleans()):
        task["answer"] = draw(mostly(st.sampled_from(["accept", "reject", "ignore"]), json_values, clean))
    if draw(st.booleans()):
        title = st.fixed_dictionaries({}, optional={"title": some_text})
        task["meta"] = draw(mostly(title, json_values, clean))
    return task


@st.composite
def near_doccano(draw: st.DrawFn) -> dict[str, Any]:
    clean = draw(st.sampled_from([True] * 4 + [False]))
    text = draw(mostly(st.sampled_from(list(TEXTS.values())), some_text, clean))
    spans = draw(st.lists(span_on(text, clean), max_size=4))
    if draw(st.booleans()):
        entities = [{"start_offset": s["start"], "end_offset": s["end"], "label": s["label"]} for s in spans]
        return {"text": text, "entities": entities}
    return {"text": text, "label": [[s["start"], s["end"], s["label"]] for s in spans]}


@st.composite
def near_article(draw: st.DrawFn) -> dict[str, Any]:
    """An annotations JSON article near enough to valid, on one of the project's files."""
    clean = draw(st.sampled_from([True] * 4 + [False]))
    name = draw(mostly(st.sampled_from(sorted(TEXTS)), st.one_of(st.just("c.txt"), json_values), clean))
    text = TEXTS.get(name, "") if isinstance(name, str) else ""
    spans = draw(st.lists(mostly(span_on(text, clean), json_values, clean), max_size=4))
    events = []
    for _ in range(draw(st.integers(0, 2))):
        fields = draw(fields_on(text, clean))
        trigger = {
            k: fields.pop(f"trigger_{k}") for k in ("start", "end", "text") if f"trigger_{k}" in fields
        }
        roles = draw(roles_on(len(spans), clean))
        refs = {
            role: [_reference(spans, i) for i in links] if isinstance(links, list) else links
            for role, links in roles.items()
        }
        events.append({**fields, "trigger": trigger, "roles": refs})
    return {"file": name, "spans": spans, "events": draw(mostly(st.just(events), json_values, clean))}


def _reference(spans: list[Any], i: Any) -> Any:
    """A role reference to span `i` by its offsets, or `i` itself when there is no such span."""
    span = spans[i] if type(i) is int and 0 <= i < len(spans) else None
    return {"start": span.get("start"), "end": span.get("end")} if isinstance(span, dict) else i


hostile_values = st.one_of(offsets, labels, field_values, json_values)
#: What replaces a value of each name: wrong but plausible, so that most changes reach a check.
PLAUSIBLY_WRONG = {
    "label": st.sampled_from(["ORG", "actor", "", "LOCATION "]),
    "text": st.one_of(st.sampled_from(["Kabul", "Taliban", "", " "]), hostile_text),
    "file": st.sampled_from(["c.txt", "A.TXT", ""]),
    "event_date": st.sampled_from(["last Tuesday", "2021-02-30", "2021-6-7", "07/06/2021"]),
    "event_type": st.sampled_from(["Skirmish", "battles", "Armed clash"]),
    "sub_event_type": st.sampled_from(["Peaceful protest", "Armed clash", "Attack"]),
    "answer": st.sampled_from(["accepted", "", "REJECT"]),
}


def _weight(record: Any, parent: Any, key: Any) -> int:
    """How often a value is among the choices to change: the values checks look at, often."""
    if parent is record or not isinstance(key, str):
        return 1
    return 4 if key in PLAUSIBLY_WRONG or key in EVENT_FIELDS or key in ("start", "end") else 1


def leaves(node: Any) -> list[tuple[Any, Any]]:
    """(container, key) of every value inside `node`, containers included."""
    found = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, value in items:
        found.append((node, key))
        found += leaves(value)
    return found


@st.composite
def changed(draw: st.DrawFn, records: st.SearchStrategy[Any]) -> Any:
    """A record from `records` with one value anywhere in it (every value equally likely)
    replaced by a wrong one: most such records are valid but for that value, so each check
    meets its case alone."""
    record = copy.deepcopy(draw(records))  # draws may share objects (st.just): never change them
    places = [p for p in leaves(record) for _ in range(_weight(record, *p))]
    if places:
        parent, key = draw(st.sampled_from(places))
        wrong = PLAUSIBLY_WRONG.get(key) if isinstance(key, str) else None
        parent[key] = draw(hostile_values if wrong is None else wrong)
    return record


near_documents = st.builds(
    lambda articles, annotator: {"annotator": annotator, "articles": articles},
    st.lists(mostly(near_article(), json_articles), max_size=3),
    mostly(st.just("gold"), json_values),
)


def blend(near: st.SearchStrategy[Any], wild: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Records two in five `near`, two in five `near` with one value `changed`, one in five `wild`."""
    choices = [near, near, changed(near), changed(near), wild]
    return st.sampled_from(range(len(choices))).flatmap(lambda n: choices[n])


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def jsonl(lines: list[Any], ascii_only: bool) -> bytes:
    """JSON Lines of `lines` (surrogates kept as written, so that lone ones reach the reader)."""
    return "\n".join(json.dumps(x, ensure_ascii=ascii_only) for x in lines).encode("utf-8", "surrogatepass")


def read_all(fmt: str, path: Path) -> list[AnnotatedArticle | ReadFailure]:
    """What the reader yields for `path`; each clean article holds whole-number offsets and
    role links to its own spans."""
    items = list(ANNOTATION_READERS[fmt].read(path, BOOK))
    for item in items:
        assert isinstance(item, AnnotatedArticle | ReadFailure), item
        if isinstance(item, RecordFailure):
            assert item.problems and item.message == item.problems[0]
        if isinstance(item, AnnotatedArticle):
            assert isinstance(item.text, str)
            for span in item.spans:
                assert all(type(v) is int for v in (span.start, span.end)) and isinstance(span.label, str)
            for frame in item.frames:
                assert all(0 <= i < len(item.spans) for refs in frame.roles.values() for i in refs)
    return items


def read_lines(fmt: str, lines: list[Any], ascii_only: bool) -> None:
    """Read `lines` as a JSONL file of `fmt`: one item each (an empty file is one failure)."""
    with folder() as where:
        path = where / "tasks.jsonl"
        path.write_bytes(jsonl(lines, ascii_only))
        items = read_all(fmt, path)
    assert len(items) == len(lines) or (not lines and len(items) == 1)


@fuzz("prodigy_reader")
@given(st.lists(st.one_of(prodigy_tasks, json_values), max_size=5), st.booleans())
def test_the_prodigy_reader_survives_random_tasks(lines: list[Any], ascii_only: bool) -> None:
    read_lines("prodigy", lines, ascii_only)


@fuzz("doccano_reader")
@given(st.lists(st.one_of(doccano_tasks, json_values), max_size=5), st.booleans())
def test_the_doccano_reader_survives_random_tasks(lines: list[Any], ascii_only: bool) -> None:
    read_lines("doccano", lines, ascii_only)


@fuzz("annotations_json_reader")
@given(annotation_documents, st.booleans(), st.integers(0, 2))
def test_the_annotations_json_reader_survives_random_documents(
    document: Any, ascii_only: bool, indent: int
) -> None:
    with folder() as where:
        path = where / "gold.json"
        text = json.dumps(document, ensure_ascii=ascii_only, indent=indent or None)
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        items = read_all("annotations-json", path)
        articles = document.get("articles") if isinstance(document, dict) else None
        assert len(items) == (len(articles) if isinstance(articles, list) else 1)
        assert all(isinstance(i, ReadFailure) or (i.file and not i.text) for i in items)


TEMPLATE: dict[str, Path] = {}


@contextmanager
def project() -> Iterator[Store]:
    """A fresh project holding the articles of TEXTS, imported from files of those names
    (copied from one made once: creating a project each time would be slow)."""
    if "db" not in TEMPLATE:
        where = Path(tempfile.mkdtemp(prefix="fuzz-annotations-"))
        for name, text in TEXTS.items():
            (where / name).write_text(text, encoding="utf-8")
        with Store(where / "template.db") as store:
            import_paths(store, [where / name for name in TEXTS])
        TEMPLATE["db"] = where / "template.db"
    with folder() as where:
        shutil.copy(TEMPLATE["db"], where / "p.db")
        with Store(where / "p.db") as store:
            yield store


def check_import(store: Store, path: Path, fmt: str, given: list[dict[str, Any]]) -> AnnotationImportSummary:
    """Import `path` and check what it stored. `given`: the records the file holds (objects)."""
    before = store.article_count()
    summary = import_annotations(store, path, annotator="ana", codebook=BOOK, fmt=fmt)
    assert not any(m.message.startswith(("not imported:", "reading stopped")) for m in summary.failures)
    assert store.article_count() == before + summary.counts["new_articles"]
    for article_id in store.article_ids():
        text = store.article(article_id)["text"]
        done = store.status(article_id, "ana") == "done"
        assert done <= (article_id in summary.articles)  # only imported records are marked done
        for span in store.spans(article_id, annotator="ana"):
            start, end, label = span["start"], span["end"], span["label"]
            assert 0 <= start < end <= len(text) and label in BOOK.label_names
            assert any(_gave(record, text, start, end, label) for record in given), span
        for event in store.events(article_id, annotator="ana"):
            if event["trigger_start"] is not None:
                assert 0 <= event["trigger_start"] < event["trigger_end"] <= len(text)
            assert event_date_problem(event["event_date"]) is None
    return summary


def _gave(record: dict[str, Any], text: str, start: int, end: int, label: str) -> bool:
    """Whether `record` holds the span [start, end) `label` on `text`, with that text if it says."""
    record_text = record.get("text", TEXTS.get(str(record.get("file"))))
    if record_text != text:
        return False
    for span in _listed(record, "spans"):
        key = [span.get("start"), span.get("end"), span.get("label")] if isinstance(span, dict) else None
        if key == [start, end, label] and span.get("text") in (None, text[start:end]):
            return True
    if [start, end, label] in _listed(record, "label"):
        return True
    return any(
        isinstance(e, dict)
        and [e.get("start_offset"), e.get("end_offset"), e.get("label")] == [start, end, label]
        for e in _listed(record, "entities")
    )


def _listed(record: dict[str, Any], key: str) -> list[Any]:
    value = record.get(key)
    return value if isinstance(value, list) else []


def accounted(summary: AnnotationImportSummary, records: int) -> None:
    """Each record was imported, refused or ignored: exactly one of them."""
    assert len(summary.articles) + summary.failed + summary.counts["ignored"] == records


def import_tasks(fmt: str, lines: list[dict[str, Any]]) -> None:
    with project() as store:
        path = store.path.parent / "tasks.jsonl"
        path.write_bytes(jsonl(lines, ascii_only=True))
        accounted(check_import(store, path, fmt, lines), len(lines))


@fuzz("prodigy_import")
@given(st.lists(blend(near_prodigy(), prodigy_tasks), min_size=1, max_size=4))
def test_importing_random_prodigy_tasks_stores_nothing_wrong(lines: list[dict[str, Any]]) -> None:
    import_tasks("prodigy", lines)


@fuzz("doccano_import")
@given(st.lists(blend(near_doccano(), doccano_tasks), min_size=1, max_size=4))
def test_importing_random_doccano_tasks_stores_nothing_wrong(lines: list[dict[str, Any]]) -> None:
    import_tasks("doccano", lines)


@fuzz("annotations_json_import")
@given(blend(near_documents, annotation_documents))
def test_importing_and_loading_random_annotations_json_stores_nothing_wrong(document: Any) -> None:
    articles = document.get("articles") if isinstance(document, dict) else None
    records = [a for a in articles if isinstance(a, dict)] if isinstance(articles, list) else []
    with project() as store:
        path = store.path.parent / "gold.json"
        path.write_text(json.dumps(document, indent=1), encoding="utf-8")
        summary = check_import(store, path, "annotations-json", records)
        accounted(summary, len(articles) if isinstance(articles, list) else 1)
    with project() as store:
        path = store.path.parent / "gold.json"
        path.write_text(json.dumps(document, indent=1), encoding="utf-8")
        try:
            load_annotations(store, path, annotator="gold", codebook=BOOK)
        except InputError:
            assert {a["name"] for a in store.annotators()} == set()  # refused: nothing stored
