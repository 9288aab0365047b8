"""The brat export as brat itself reads it: `annotation.conf` parsed and the .ann files checked
by a port of brat's own rules (`tests/brat_rules.py`), and, where bratiaa is installed, by the
copy of brat's server code it ships (`bratsubset`)."""

from __future__ import annotations

import io
import re
import shutil
import sys
from functools import partial
from pathlib import Path

import brat_rules
import pytest
from brat_rules import ConfigRejected, check_project, parse_conf, read_ann, verify

from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import load_codebook
from annotator.core.errors import ExportError
from annotator.formats.brat_conf import annotation_conf, brat_role, brat_roles
from annotator.formats.brat_reader import BratReader
from annotator.paths import default_codebook_path
from annotator.services.annotations_json import load_annotations
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import Store
from annotator.workspace.session import Session

BOOK = load_codebook(default_codebook_path())
GOLD = Path(__file__).parent / "fixtures" / "gold_seeds.json"


@pytest.fixture
def exported(project: Path, tmp_path: Path) -> dict[str, Path]:
    """Brat exports of a real project: the seeds with the rules' suggestions, 'ana' accepting
    everything on articles 1 and 2 (plus a frame of her own with a role filled twice),
    rejecting everything on 3, leaving 4 and 5 undecided; and the gold annotations."""
    with Store(project) as store:
        session = Session(store, "ana", BOOK)
        for article_id, rest in ((1, "accept"), (2, "accept"), (3, "reject")):
            session.open(article_id)
            if article_id == 2:
                own = [s for s in session.state.spans if s.label == "ACTOR"][:2]
                frame = session.create_frame(own[0].start, own[0].end)
                frame = session.update_frame(frame, event_type="Battles", sub_event_type="Armed clash")
                for span in own:
                    frame = session.link(frame, "assoc_actor_1", span.key)
            session.mark_done(rest)
        load_annotations(store, GOLD)
        out = {
            "accepted": export_project(store, "brat", tmp_path / "accepted", BOOK, annotator="ana"),
            "suggested": export_project(
                store,
                "brat",
                tmp_path / "suggested",
                BOOK,
                annotator="ana",
                include="suggested",
                only_done=False,
            ),
            "gold": export_project(store, "brat", tmp_path / "gold", BOOK, annotator="gold", only_done=False),
        }
    return {name: report.files[0].parent for name, report in out.items()}


def test_brat_accepts_the_exported_projects(exported: dict[str, Path]) -> None:
    for name, folder in exported.items():
        conf, problems = check_project(folder)
        assert problems == {}, name
        assert conf.warnings == [], name
        assert conf.get_entity_types() == list(BOOK.label_names)
        assert "Violence_against_civilians" in conf.get_event_types()
        assert conf.get_attribute_types() == ["SubEventType"]
        roles = conf.arc_types_from("Battles")
        assert roles[:4] == ["actor_one", "assoc_actor_one", "actor_two", "assoc_actor_two"]
        assert not any(role[-1].isdigit() for role in roles)
    anns = {name: "".join(p.read_text() for p in folder.glob("*.ann")) for name, folder in exported.items()}
    assert "assoc_actor_one2:" in anns["accepted"]  # the second link of a role, numbered as brat does
    assert "actor_one2:" in anns["gold"] and not re.search(r"\sactor1\d*:T", anns["gold"])
    assert anns["suggested"].count("\nT") > anns["accepted"].count("\nT")  # suggestions written too


def test_an_article_without_annotations_has_an_empty_ann(exported: dict[str, Path]) -> None:
    """brat's parser reads a blank line as one it cannot parse ("Unable to parse the following
    line(s)"); brat itself writes an empty .ann for a document without annotations."""
    assert (exported["accepted"] / "article-3.ann").read_bytes() == b""
    assert read_ann("\n", "text").failed_lines == [0]


def test_the_old_role_names_were_refused_as_brat_refuses_them() -> None:
    old = annotation_conf(BOOK).replace("actor_one*", "actor1*")
    with pytest.raises(ConfigRejected, match=r"arguments ending with a digit cannot be repeated: 'actor1\*'"):
        parse_conf(old)
    # even where the conf allows them once, brat reads actor1 and actor2 as the same 'actor'
    conf = parse_conf(
        "[entities]\nACTOR\n[relations]\n[events]\nBattles\tactor1?:ACTOR, actor2?:ACTOR\n[attributes]\n"
    )
    doc = read_ann(
        "T1\tACTOR 0 1\ta\nT2\tACTOR 2 3\tb\nT3\tBattles 4 5\tc\nE1\tBattles:T3 actor1:T1 actor2:T2\n",
        "a b c",
    )
    assert ("E1", "AnnotationError", "Error: Battles cannot take a actor argument") in verify(doc, conf)


@pytest.mark.parametrize(
    ("arg", "counts"),
    [
        ("Theme", (1, 1)),
        ("Theme?", (0, 1)),
        ("Theme*", (0, None)),
        ("Theme+", (1, None)),
        ("Theme{2}", (2, 2)),
        ("Theme{1-3}", (1, 3)),
    ],
)
def test_repetition_marks_as_brat_reads_them(arg: str, counts: tuple[int, int | None]) -> None:
    node = parse_conf(f"[entities]\nP\n[relations]\n[events]\nE\t{arg}:P\n[attributes]\n").sections["events"][
        0
    ]
    low, high = counts
    assert (node.arg_min_count["Theme"], node.arg_max_count["Theme"]) == (low, high or sys.maxsize)


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        ("Theme{0}", "cannot have exactly 0 repetitions"),
        ("Theme{3-1}", "invalid range 3-1"),
        ("Theme{x}", "error parsing range"),
        ("Theme2+", "arguments ending with a digit cannot be repeated: 'Theme2+'"),
        ("Theme", "appears multiple times"),  # declared twice on the line below
    ],
)
def test_brat_refuses_bad_repetitions(arg: str, message: str) -> None:
    line = f"E\t{arg}:P, Theme:P" if arg == "Theme" else f"E\t{arg}:P"
    with pytest.raises(ConfigRejected, match=re.escape(message)):
        parse_conf(f"[entities]\nP\n[relations]\n[events]\n{line}\n[attributes]\n")


def test_the_checker_finds_what_brat_flags() -> None:
    conf = parse_conf(annotation_conf(BOOK))
    text = "Taliban fighters seized Ghor."
    doc = read_ann(
        "T1\tACTOR 0 16\tTaliban fighters\nT2\tLOCATION 24 28\tGhor\nT3\tBattles 17 23\tseized\n"
        "T4\tRiots 17 23\tseized\nE1\tBattles:T3 actor_one:T2 shooter:T1\nA1\tSubEventType E1 Mob_party\n"
        "A2\tNegation E1\n",
        text,
    )
    issues = verify(doc, conf)
    assert ("E1", "AnnotationError", "Error: Battles argument actor_one cannot be of type LOCATION") in issues
    assert ("E1", "AnnotationError", "Error: Battles cannot take a shooter argument") in issues
    assert ("T4", "AnnotationIncomplete", "Warning: trigger T4 is not referenced from any event") in issues
    assert ("E1", "AnnotationError", "Error: Battles cannot take a Negation attribute") in issues
    assert brat_rules.attribute_values(doc, conf) == [
        "A1: SubEventType value 'Mob_party' is not one of its Value: list"
    ]
    wrong_text = read_ann("T1\tACTOR 0 7\tTalibam\n", text)
    assert wrong_text.failed_lines == [0]


def test_brat_role_names() -> None:
    assert [brat_role(r.name) for r in BOOK.roles] == [
        "actor_one",
        "assoc_actor_one",
        "actor_two",
        "assoc_actor_two",
        "location",
        "date",
        "fatalities",
        "injuries",
        "weapon",
    ]
    assert brat_role("Actor 12") == "Actor_twelve"
    assert brat_role("side21") == "side_twenty_one"
    assert brat_role("x01") == "x_zero_one"
    assert brat_role("x100") == "x_one_zero_zero"
    assert brat_role("party-3") == "party-three"
    assert brat_role("7") == "seven"


def test_two_roles_with_one_brat_name_are_refused(tmp_path: Path) -> None:
    text = default_codebook_path().read_text(encoding="utf-8")
    clash = text.replace('name = "weapon"', 'name = "actor_one"', 1)
    path = tmp_path / "codebook.toml"
    path.write_text(clash, encoding="utf-8")
    book = load_codebook(path)
    with pytest.raises(ExportError) as caught:
        brat_roles(book)
    assert str(caught.value) == (
        "the roles 'actor1' and 'actor_one' would both be 'actor_one' in brat (brat names hold "
        "letters, digits, '_' and '-' and end in no digit); rename one of them in the codebook"
    )


def test_old_and_new_role_names_are_read_alike(tmp_path: Path) -> None:
    text = "Taliban and allies fought police and soldiers in Ghor."
    bounds = (
        "T1\tACTOR 0 7\tTaliban\nT2\tACTOR 12 18\tallies\nT3\tACTOR 26 32\tpolice\n"
        "T4\tACTOR 37 45\tsoldiers\nT5\tLOCATION 49 53\tGhor\nT6\tBattles 19 25\tfought\n"
    )
    old = "E1\tBattles:T6 actor1:T1 actor12:T2 actor2:T3 assoc_actor_2:T4 location:T5\n"
    new = "E1\tBattles:T6 actor_one:T1 actor_one2:T2 actor_two:T3 assoc_actor_two:T4 location:T5\n"
    roles = []
    for name, events in (("old", old), ("new", new)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "a.txt").write_text(text)
        (folder / "a.ann").write_text(bounds + events)
        items = list(BratReader().read(folder, BOOK))
        [article] = [i for i in items if isinstance(i, AnnotatedArticle)]
        assert len(items) == 1, items
        roles.append(article.frames[0].roles)
    assert (
        roles[0]
        == roles[1]
        == {
            "actor1": [0, 1],
            "actor2": [2],
            "assoc_actor_2": [3],
            "location": [4],
        }
    )


def test_undeclared_types_are_declared_and_reported(store: Store, seeds: Path, tmp_path: Path) -> None:
    """A label, event type, role and sub-event type the codebook no longer has (an older
    codebook's annotations) are declared in the conf, so that brat knows what it reads."""
    import_paths(store, [seeds])
    span = store.add_span(1, "ana", 0, 5, "MILITIA")
    other = store.add_span(1, "ana", 6, 10, "ACTOR")
    event = store.add_event(
        1,
        "ana",
        {
            "event_type": "Skirmish",
            "sub_event_type": "Ambush",
            "trigger_start": 11,
            "trigger_end": 15,
            "status": "manual",
        },
    )
    store.add_argument(event, "shooter", span, "ana")
    store.add_argument(event, "location", other, "ana")
    report = export_project(store, "brat", tmp_path / "out", BOOK, annotator="ana", only_done=False)
    conf, problems = check_project(tmp_path / "out")
    assert problems == {}
    assert conf.get_entity_types()[-1] == "MILITIA" and conf.get_event_types()[-1] == "Skirmish"
    assert conf.arc_types_from_to("Battles", "MILITIA") == ["shooter"]
    assert "location" in conf.arc_types_from_to("Battles", "ACTOR")
    assert [n for n in report.notes if "annotation.conf also declares" in n] == [
        "annotation.conf also declares the label(s) MILITIA the .ann files use: not in the codebook",
        "annotation.conf also declares the event type(s) Skirmish the .ann files use: not in the codebook",
        "annotation.conf also declares the sub-event type(s) Ambush the .ann files use: not in the codebook",
        "annotation.conf also declares the role filler(s) shooter:MILITIA, location:ACTOR the .ann "
        "files use: not in the codebook",
    ]


# -- bratiaa: brat's own parser (its `bratsubset` copy of brat's server code) ---------------


def _brat_messages() -> list[str]:
    from bratsubset.message import Messager

    out = io.StringIO()
    Messager.output(out)
    Messager._Messager__pending_messages.clear()  # type: ignore[attr-defined]
    return [line for line in out.getvalue().splitlines() if line.strip()]


def test_brats_own_parser_reads_the_export(exported: dict[str, Path], tmp_path: Path) -> None:
    pytest.importorskip("bratiaa")
    import bratiaa
    from bratsubset.annotation import TextAnnotations
    from bratsubset.projectconfig import ProjectConfiguration

    _brat_messages()
    for name, folder in exported.items():
        conf = ProjectConfiguration(str(folder))
        assert conf.get_entity_types() == list(BOOK.label_names), name
        assert conf.get_attribute_types() == ["SubEventType"]
        for ann in sorted(folder.glob("*.ann")):
            with TextAnnotations(str(ann.with_suffix("")), read_only=True) as doc:
                assert doc.failed_lines == [], ann
                assert verify(doc, conf) == [], ann  # our port of verify_annotations, on brat's objects
        assert _brat_messages() == [], name
    # bratiaa's agreement reads each annotator's .ann files with brat's parser. Its
    # compute_f1_agreement counts only the conf's entity types and fails on a trigger
    # (KeyError on its event type): a project with events gives the labels itself.
    root = tmp_path / "iaa"
    for name in ("accepted", "gold"):
        shutil.copytree(exported[name], root / name, ignore=shutil.ignore_patterns("annotation.conf"))
    shutil.copy(exported["gold"] / "annotation.conf", root / "annotation.conf")
    shared = {p.name for p in (root / "accepted").glob("*.ann")}
    for p in (root / "gold").glob("*.ann"):
        if p.name not in shared:
            p.unlink()
    conf = ProjectConfiguration(str(root))
    labels = sorted(conf.get_entity_types() + conf.get_event_types())
    agreement = bratiaa.F1Agreement(partial(bratiaa.agree.input_generator, str(root)), labels)
    assert sorted(agreement.annotators) == ["accepted", "gold"]
    assert len(agreement.documents) == len(shared) == 3
    assert 0 < agreement.mean_sd_total()[0] < 1
    assert _brat_messages() == []


def test_brats_own_parser_refuses_the_old_conf(exported: dict[str, Path], tmp_path: Path) -> None:
    pytest.importorskip("bratiaa")
    from bratsubset.projectconfig import ProjectConfiguration

    folder = shutil.copytree(exported["gold"], tmp_path / "old")
    conf = folder / "annotation.conf"
    conf.write_text(conf.read_text().replace("actor_one*", "actor1*"))
    _brat_messages()
    assert ProjectConfiguration(str(folder)).get_entity_types() == ["Protein"]  # brat's fallback
    messages = _brat_messages()
    assert any("arguments ending with a digit cannot be repeated: &#x27;actor1*&#x27;" in m for m in messages)


def test_frames_on_one_trigger_share_its_line(store: Store, seeds: Path, tmp_path: Path) -> None:
    """brat warns of two triggers with one span and type ("harmless but unnecessary
    duplication", verify_triggers); two frames on one trigger point at one T line."""
    import_paths(store, [seeds])
    text = store.article(1)["text"]
    start = text.index("seized")
    for notes in ("one", "two"):
        fields = {"event_type": "Battles", "trigger_start": start, "trigger_end": start + 6}
        store.add_event(1, "ana", {**fields, "status": "manual", "notes": notes})
    export_project(store, "brat", tmp_path / "out", BOOK, annotator="ana", only_done=False)
    assert check_project(tmp_path / "out")[1] == {}
    ann = (tmp_path / "out" / "article-1.ann").read_text()
    assert [line.split("\t")[1] for line in ann.splitlines() if line.startswith("E")] == [
        "Battles:T1",
        "Battles:T1",
    ]
    [article] = [
        a
        for a in BratReader().read(tmp_path / "out", BOOK)
        if isinstance(a, AnnotatedArticle) and a.meta["brat_file"] == "article-1.ann"
    ]
    assert [(f.fields["trigger_start"], f.fields["notes"]) for f in article.frames] == [
        (start, "one"),
        (start, "two"),
    ]
