"""INCEpTION / WebAnno: CAS XMI export and import (dkpro-cassis), the TypeSystem.xml checked by
the rules INCEpTION's layer import follows, a CAS in INCEpTION's own layout, WebAnno TSV 3.3."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.annotated import AnnotatedArticle, SpanRecord
from annotator.core.codebook import load_codebook
from annotator.formats.registry import ExportReport
from annotator.formats.webanno_tsv import escape_text, escape_value, tokens, write_tsv
from annotator.paths import default_codebook_path
from annotator.services.annotations_json import load_annotations
from annotator.services.collect import collect
from annotator.services.importing import import_paths
from annotator.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
INCEPTION_CAS = FIXTURES / "inception"
BOOK = load_codebook(default_codebook_path())
NS = {"u": "http://uima.apache.org/resourceSpecifier"}
runner = CliRunner()


@pytest.fixture
def gold_project(tmp_path: Path, seeds: Path) -> Path:
    path = tmp_path / "team.db"
    with Store(path) as store:
        import_paths(store, [seeds])
        load_annotations(store, FIXTURES / "gold_seeds.json")
        first = store.article_ids()[0]
        first_span, second = store.spans(first, annotator="gold")[:2]
        store.update_span(first_span["id"], "gold", status="manual")  # a status other than the default
        store.update_span(
            second["id"], "gold", normalized={"value": 150, "note": "au moins «150»", "n": [1, 2]}
        )
    return path


def spans_of(store: Store, who: str) -> dict[str, list[tuple]]:
    return {
        a.text: sorted((s.start, s.end, s.label, s.status, str(s.normalized)) for s in a.spans)
        for a in collect(store, who, only_done=False)
    }


def frames_of(store: Store, who: str) -> dict[str, list[tuple]]:
    """Each frame with a trigger: its fields (but status, which import sets) and its roles as
    the offsets of the spans they point at."""
    out = {}
    for a in collect(store, who, only_done=False):
        out[a.text] = sorted(
            (
                tuple(sorted((k, str(v)) for k, v in f.fields.items() if k not in {"status", "same_as"})),
                tuple(
                    sorted(
                        (role, tuple(sorted((a.spans[i].start, a.spans[i].end) for i in idx)))
                        for role, idx in f.roles.items()
                    )
                ),
            )
            for f in a.frames
            if f.fields.get("trigger_start") is not None
        )
    return out


def test_round_trip_through_cas_xmi(gold_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "cas"
    result = runner.invoke(
        app, ["export", "inception", "--db", str(gold_project), "--gold", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "TypeSystem.xml").is_file() and len(list(out.glob("article-*.xmi"))) == 5
    fresh = tmp_path / "fresh.db"
    result = runner.invoke(app, ["import", str(out), "--db", str(fresh), "--create", "--annotator", "ana"])
    assert result.exit_code == 0, result.output
    assert "(inception)" in result.stdout  # detected
    with Store(gold_project) as a, Store(fresh) as b:
        before, after = spans_of(a, "gold"), spans_of(b, "ana")
        assert after == before
        assert any(s[3] == "manual" for spans in after.values() for s in spans)
        assert any(s[4] != "None" for spans in after.values() for s in spans)  # normalised values
        assert frames_of(b, "ana") == frames_of(a, "gold")
        assert sum(len(f) for f in frames_of(b, "ana").values()) >= 10
    again = runner.invoke(app, ["import", str(out), "--db", str(fresh), "--annotator", "ana"])
    assert "imported 0 spans and 0 frames" in again.stdout


def test_the_xmi_holds_document_metadata_and_role_links(gold_project: Path, tmp_path: Path) -> None:
    from cassis import load_cas_from_xmi, load_typesystem

    out = tmp_path / "cas"
    runner.invoke(app, ["export", "inception", "--db", str(gold_project), "--gold", "--out", str(out)])
    with (out / "TypeSystem.xml").open("rb") as handle:
        ts = load_typesystem(handle)
    with (out / "article-1.xmi").open("rb") as handle:
        cas = load_cas_from_xmi(handle, typesystem=ts)
    meta = cas.get_document_annotation()
    assert (meta.documentTitle, meta.documentId) == ("article-1", "gold")
    toks = tokens(spacy.blank("en").tokenizer, cas.sofa_string)  # the TSV export's segmentation
    segmentation = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type."
    assert [(t.begin, t.end) for t in cas.select(segmentation + "Token")] == [(t.start, t.end) for t in toks]
    assert len(cas.select(segmentation + "Sentence")) == toks[-1].sentence > 1
    event = next(iter(cas.select("webanno.custom.ConflictEvent")))
    links = event.arguments.elements
    assert links and all(link.type.name == "webanno.custom.ConflictEventArgumentsLink" for link in links)
    assert all(link.target.type.name == "webanno.custom.ConflictSpan" and link.role for link in links)
    assert event.get_covered_text() and event.event_type


def _features(td: ET.Element) -> dict[str, ET.Element]:
    return {
        f.findtext("u:name", namespaces=NS): f for f in td.iterfind("u:features/u:featureDescription", NS)
    }


def test_typesystem_is_one_inception_imports_as_our_layers(tmp_path: Path) -> None:
    """The rules of INCEpTION's layer import (`ProjectLayersPanel`: a file starting with
    `<?xml` is read as a UIMA type system; `TypeSystemAnalysis`: a span layer extends
    uima.tcas.Annotation and has only primitive or slot features; a slot feature is an FSArray
    whose element type extends uima.cas.TOP with exactly two features, a String `role` and a
    non-primitive `target`; a DocumentAnnotation subtype is no layer)."""
    from annotator.formats.cas_types import build

    xml = build().to_xml()
    assert xml.startswith("<?xml")
    types = {
        td.findtext("u:name", namespaces=NS): td
        for td in ET.fromstring(xml).iterfind("u:types/u:typeDescription", NS)
    }
    primitive = {"uima.cas.String", "uima.cas.Integer", "uima.cas.Float", "uima.cas.Boolean"}
    for layer in ("webanno.custom.ConflictSpan", "webanno.custom.ConflictEvent"):
        assert types[layer].findtext("u:supertypeName", namespaces=NS) == "uima.tcas.Annotation"
        for name, feature in _features(types[layer]).items():
            kind = feature.findtext("u:rangeTypeName", namespaces=NS)
            if kind in primitive:
                continue
            assert (layer, name, kind) == ("webanno.custom.ConflictEvent", "arguments", "uima.cas.FSArray")
            link = types[feature.findtext("u:elementType", namespaces=NS)]
            assert link.findtext("u:name", namespaces=NS) == "webanno.custom.ConflictEventArgumentsLink"
            assert link.findtext("u:supertypeName", namespaces=NS) == "uima.cas.TOP"
            ranges = {n: f.findtext("u:rangeTypeName", namespaces=NS) for n, f in _features(link).items()}
            assert ranges == {"role": "uima.cas.String", "target": "webanno.custom.ConflictSpan"}
    span_features = set(_features(types["webanno.custom.ConflictSpan"]))
    assert span_features == {"label", "status", "normalized", "origin", "annotator"}
    meta = types["de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"]
    assert meta.findtext("u:supertypeName", namespaces=NS) == "uima.tcas.DocumentAnnotation"


def test_imports_a_cas_in_inceptions_layout(tmp_path: Path) -> None:
    """INCEpTION's CAS: other layers (tokens, sentences, NamedEntity, CASMetadata) left out,
    layers with only some of our features, UTF-16 offsets (an emoji before the spans)."""
    db = tmp_path / "p.db"
    result = runner.invoke(
        app, ["import", str(INCEPTION_CAS), "--db", str(db), "--create", "--annotator", "ana"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "imported 4 spans and 1 frames into 1 articles (1 new, 1 marked done, 0 ignored); failed 0"
        in result.stdout
    )
    with Store(db) as store:
        [article] = collect(store, "ana")
        assert [(article.text[s.start : s.end], s.label, s.status) for s in article.spans] == [
            ("Rebels", "ACTOR", "accepted"),
            ("Goma", "LOCATION", "accepted"),
            ("Monday", "DATE", "accepted"),
            ("three soldiers", "CASUALTY", "accepted"),
        ]
        [frame] = article.frames
        assert frame.fields["trigger_text"] == "attacked" and frame.fields["fatalities"] == 3
        assert (frame.fields["event_type"], frame.fields["sub_event_type"]) == ("Battles", "Armed clash")
        roles = {
            r: [article.text[article.spans[i].start : article.spans[i].end] for i in idx]
            for r, idx in frame.roles.items()
        }
        assert roles == {"actor1": ["Rebels"], "location": ["Goma"], "fatalities": ["three soldiers"]}


def _import_errors(path: Path, tmp_path: Path) -> list[str]:
    result = runner.invoke(
        app,
        [
            "import",
            str(path),
            "--db",
            str(tmp_path / "e.db"),
            "--create",
            "--annotator",
            "ana",
            "--format",
            "inception",
        ],
    )
    assert result.exit_code == 1
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_broken_xmi_is_an_error_naming_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(INCEPTION_CAS / "ana", folder)
    (folder / "goma.xmi").write_text(
        '<?xml version="1.0"?><xmi:XMI xmlns:xmi="http://www.omg.org/XMI"><cas:NULL', "utf-8"
    )
    assert _import_errors(folder, tmp_path) == [
        f"error: {folder / 'goma.xmi'}: not a readable UIMA CAS XMI file "
        "(Namespace prefix cas on NULL is not defined, line 1, column 75)"
    ]


def test_a_typesystem_without_our_types_is_an_error_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "other"
    shutil.copytree(INCEPTION_CAS / "ana", folder)
    ts = folder / "TypeSystem.xml"
    ts.write_text(
        ts.read_text("utf-8").replace("webanno.custom.ConflictSpan", "webanno.custom.Other"), "utf-8"
    )
    assert _import_errors(folder, tmp_path) == [
        f"error: {ts}: the type system has no webanno.custom.ConflictSpan layer with a 'label' feature: "
        "it is not one this annotator exported; export with 'annotator export inception', or in INCEpTION "
        "import that export's TypeSystem.xml in Project settings > Layers first"
    ]


def test_an_xmi_without_a_typesystem_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "lone").mkdir()
    xmi = tmp_path / "lone" / "goma.xmi"
    shutil.copy(INCEPTION_CAS / "ana" / "goma.xmi", xmi)
    assert _import_errors(tmp_path / "lone", tmp_path) == [
        f"error: {xmi}: no TypeSystem.xml beside it or in a folder above it: a CAS XMI file is read with its "
        "type system (INCEpTION's XMI export has one in each document's ZIP: import the ZIP, or unzip them "
        "together)"
    ]


def test_values_inception_cannot_use_are_refused_with_the_article(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(INCEPTION_CAS / "ana", folder)
    xmi = folder / "goma.xmi"
    xmi.write_text(
        xmi.read_text("utf-8")
        .replace('fatalities="3"', 'fatalities="three"')
        .replace(' label="CASUALTY"', ""),
        "utf-8",
    )
    assert _import_errors(folder, tmp_path) == [
        f"error: {xmi}: span 3 [42, 56) has no label",
        f"error: {xmi}: frame 0: 'fatalities' must be a whole number, got 'three'",
        f"error: {xmi}: frame 0: role 'fatalities' points at span 3, which has no label",
    ]


#: Written by hand from the WebAnno TSV 3.3 spec and INCEpTION's serializer (see the module).
GOLDEN_TSV = FIXTURES / "webanno_golden.tsv"


def test_webanno_tsv_golden() -> None:
    """Overlapping spans stacked with their disambiguation ids, a multi-token span, a span
    inside a token widened to it, UTF-16 offsets after an emoji, escaped values and text."""
    text = "M23 rebels 😊 seized Goma.\nFive [killed] in\\Goma"
    spans = [
        SpanRecord(0, 10, "ACTOR", status="manual", origin="user"),
        SpanRecord(0, 3, "PERSON", normalized={"name": "M23_x"}),
        SpanRecord(20, 24, "LOCATION"),
        SpanRecord(26, 38, "CASUALTY", normalized={"value": 5}),
        SpanRecord(40, 42, "WEAPON"),  # "in" of the token "in\\Goma": widened to it
    ]
    report, out = ExportReport(), io.StringIO()
    write_tsv(out, AnnotatedArticle(text, spans), tokens(spacy.blank("en").tokenizer, text), "ana", report)
    assert out.getvalue() == GOLDEN_TSV.read_text(encoding="utf-8")
    assert report.counts == {"spans": 5, "spans_widened_to_tokens_in_tsv": 1}


def test_tsv_escaping_is_inceptions() -> None:
    assert escape_value("a_b|c[1]->d;e*\\f\tg\nh") == "a\\_b\\|c\\[1\\]\\->d\\;e\\*\\\\f\\tg\\nh"
    assert escape_text("a\\b\tc\rd\x01e_[") == "a\\\\b\\tc\\rd\\\x01e_["


def test_webanno_tsv_export_from_a_project(gold_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "tsv"
    result = runner.invoke(
        app, ["export", "webanno-tsv", "--db", str(gold_project), "--gold", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("article-*.tsv"))
    assert len(files) == 5
    lines = files[0].read_text("utf-8").split("\n")
    assert lines[:4] == [
        "#FORMAT=WebAnno TSV 3.3",
        "#T_SP=webanno.custom.ConflictSpan|label|status|normalized|origin|annotator",
        "",
        "",
    ]
    assert lines[4].startswith("#Text=")
    token_lines = [line for line in lines if line and not line.startswith("#")]
    assert all(len(line.split("\t")) == 3 + 5 + 1 and line.endswith("\t") for line in token_lines)


def test_cassis_is_imported_only_when_the_format_runs() -> None:
    code = (
        "import sys\nimport annotator.cli, annotator.formats, annotator.services.annotation_import\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'cassis', 'lxml'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_an_article_xml_cannot_hold_is_reported_not_exported(tmp_path: Path) -> None:
    from annotator.formats import EXPORTERS

    articles = [
        AnnotatedArticle("Rebels seized\x0bGoma.", [SpanRecord(0, 6, "ACTOR")], meta={"id": 1}),
        AnnotatedArticle("Rebels seized Goma.", [SpanRecord(0, 6, "ACTOR")], meta={"id": 2}),
    ]
    report = EXPORTERS["inception"].export(articles, tmp_path / "out", BOOK, annotator="ana")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["TypeSystem.xml", "article-2.xmi"]
    assert report.counts["articles_not_xml_compatible_not_exported"] == 1
    assert report.notes == [
        "article 1: its text holds U+000B at character 13, which XML 1.0 cannot hold: "
        "the article is not exported"
    ]


def test_imports_inceptions_document_zip(tmp_path: Path) -> None:
    """INCEpTION exports a document in XMI as a ZIP of the .xmi and its TypeSystem.xml."""
    import zipfile

    archive = tmp_path / "export" / "goma.zip"
    archive.parent.mkdir()
    with zipfile.ZipFile(archive, "w") as z:
        z.write(INCEPTION_CAS / "ana" / "goma.xmi", "goma.xmi")
        z.write(INCEPTION_CAS / "ana" / "TypeSystem.xml", "TypeSystem.xml")
    db = tmp_path / "p.db"
    result = runner.invoke(
        app, ["import", str(archive.parent), "--db", str(db), "--create", "--annotator", "ana"]
    )
    assert result.exit_code == 0, result.output
    assert "(inception): imported 4 spans and 1 frames into 1 articles" in result.stdout
    (tmp_path / "export" / "bad.zip").write_bytes(b"not a zip")
    errors = _import_errors(archive.parent, tmp_path)
    assert errors == [
        f"error: {archive.parent / 'bad.zip'}: not a readable ZIP archive (File is not a zip file)"
    ]
