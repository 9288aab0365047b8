from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.core.codebook import load_codebook
from annotator.core.errors import CodebookError
from annotator.paths import default_codebook_path

ACLED = {
    "Battles": [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ],
    "Explosions/Remote violence": [
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": [
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ],
}


@pytest.fixture(scope="module")
def book():
    return load_codebook(default_codebook_path())


def test_event_types_are_acleds_exact_strings(book) -> None:
    assert {e.name: [s.name for s in e.sub_event_types] for e in book.event_types} == ACLED


def test_labels_actor_types_rules_and_precisions(book) -> None:
    assert {"ACTOR", "PERSON", "LOCATION", "DATE", "CASUALTY", "WEAPON"} <= set(book.label_names)
    assert all(label.color.startswith("#") and label.definition for label in book.labels)
    assert len({label.shortcut for label in book.labels}) == len(book.labels)
    assert [(a.inter, a.name) for a in book.actor_types] == [
        (1, "State forces"),
        (2, "Rebel groups"),
        (3, "Political militias"),
        (4, "Identity militias"),
        (5, "Rioters"),
        (6, "Protesters"),
        (7, "Civilians"),
        (8, "External/Other forces"),
    ]
    assert book.fatality_rule_for("dozens").value == 12
    assert book.fatality_rule_for("Hundreds").value == 100
    assert book.fatality_rule_for("casualties").value == 0
    assert book.fatality_rule_for("several").large_scale_value == 10
    assert [p.code for p in book.time_precision] == [1, 2, 3]
    assert [p.code for p in book.geo_precision] == [1, 2, 3]
    vac = book.event_type("Violence against civilians")
    assert vac.actor2_types == (7,)
    assert book.event_type("Battles").requires == ("actor1", "actor2")
    assert vac.sub_event("Attack").disorder_type == "Political violence"
    protests = book.event_type("Protests")
    assert protests.sub_event("Excessive force against protesters").disorder_type == (
        "Political violence; Demonstrations"
    )
    assert book.role("location").labels == ("LOCATION",)


def test_what_the_frame_drafter_needs_is_marked_in_the_codebook(book) -> None:
    assert (book.state_forces, book.civilians) == (1, 7)
    assert book.weapon_event_type.name == "Explosions/Remote violence"
    assert book.civilian_event_type.name == "Violence against civilians"
    assert [e.name for e in book.event_types if e.two_sided] == [
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
    ]


def test_unknown_label_message_lists_known_ones(book) -> None:
    with pytest.raises(CodebookError, match="label 'ORG' is not in the codebook; known: ACTOR, PERSON"):
        book.label("ORG")


def broken(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = default_codebook_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "team.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    hits = [i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    return hits[nth - 1]


@pytest.mark.parametrize(
    ("old", "new", "needle", "nth", "message"),
    [
        (
            'shortcut = "2"',
            'shortcut = "1"',
            'shortcut = "1"',
            2,
            "label 'PERSON': shortcut '1' is used by 'ACTOR'",
        ),
        (
            'shortcut = "3"',
            'shortcut = "a"',
            'shortcut = "a"',
            1,
            "label 'LOCATION': shortcut 'a' is taken by the workspace",
        ),
        (
            'color = "#2ca02c"',
            'color = "green"',
            'color = "green"',
            1,
            "label 'LOCATION': color must look like #rrggbb",
        ),
        ('name = "PERSON"', 'name = "ACTOR"', 'name = "ACTOR"', 2, "label 'ACTOR': defined twice"),
        (
            'labels = ["LOCATION"]',
            'labels = ["PLACE"]',
            'labels = ["PLACE"]',
            1,
            "role 'location': unknown label(s) PLACE",
        ),
        (
            "inter = 7",
            'inter = "seven"',
            'inter = "seven"',
            1,
            "actor type: field 'inter' must be int",
        ),
        (
            'requires = ["actor1", "actor2"]\nactor2_types',
            'requires = ["actor1", "victim"]\nactor2_types',
            '"victim"',
            1,
            "event type 'Violence against civilians': requires unknown role(s) victim",
        ),
        (
            'name = "Grenade"',
            'name = "Suicide bomb"',
            'name = "Suicide bomb"',
            2,
            "event type 'Explosions/Remote violence': sub-event type 'Suicide bomb' defined twice",
        ),
        (
            "two_sided = true",
            'two_sided = "yes"',
            'two_sided = "yes"',
            1,
            "event type 'Battles': field 'two_sided' must be true or false, got 'yes'",
        ),
        (
            'name = "Riots"\n',
            'name = "Riots"\nweapon_sub_events = true\n',
            "weapon_sub_events = true",
            2,
            "event type 'Riots': weapon_sub_events is already set on 'Explosions/Remote violence'; "
            "only one event type may set it",
        ),
        (
            'name = "Protests"\n',
            'name = "Protests"\ntargets_civilians = true\n',
            "targets_civilians = true",
            2,
            "event type 'Protests': targets_civilians is already set on 'Violence against civilians'; "
            "only one event type may set it",
        ),
        (
            'name = "Protesters"\n',
            'name = "Protesters"\ncivilians = true\n',
            "civilians = true",
            2,
            "actor type 7: civilians is already set on actor type 6; only one actor type may set it",
        ),
        (
            "state_forces = true",
            "state_forces = 1",
            "state_forces = 1",
            1,
            "actor type 1: field 'state_forces' must be true or false, got 1",
        ),
        (
            'name = "weapon"\nmultiple = true',
            'name = "weapon"\nmultiple = "yes"',
            'multiple = "yes"',
            1,
            "role 'weapon': field 'multiple' must be true or false, got 'yes'",
        ),
        (
            "value = 12\n",
            "",
            "[[fatality_rules]]",
            4,
            "fatality rule 'dozens': a rule with terms needs a 'value'",
        ),
    ],
)
def test_malformed_codebooks_name_file_and_line(
    tmp_path: Path, old: str, new: str, needle: str, nth: int, message: str
) -> None:
    path = broken(tmp_path, old, new)
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    assert str(caught.value).startswith(f"{path}:{line_of(path, needle, nth)}: {message}")


def test_roles_that_hold_several_spans_are_declared(book) -> None:
    several = {role.name for role in book.roles if role.multiple}
    assert several == {"assoc_actor_1", "assoc_actor_2", "fatalities", "injuries", "weapon"}


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = broken(tmp_path, 'name = "PERSON"', 'name = "PERSON')
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    line = line_of(path, 'name = "PERSON')
    assert str(caught.value).startswith(f"{path}:{line}: not valid TOML")


def test_missing_codebook(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match=r"nope\.toml: codebook file not found"):
        load_codebook(tmp_path / "nope.toml")


def test_a_team_points_the_app_at_its_own_codebook(tmp_path: Path, monkeypatch) -> None:
    path = broken(tmp_path, '"WEAPON"', '"VEHICLE"', count=-1)
    runner = CliRunner()
    assert "VEHICLE [6]" in runner.invoke(app, ["codebook", str(path)]).stdout
    monkeypatch.setenv("ANNOTATOR_CODEBOOK", str(path))
    assert "VEHICLE [6]" in runner.invoke(app, ["codebook"]).stdout
    bad = broken(tmp_path, 'shortcut = "2"', 'shortcut = "1"')
    result = runner.invoke(app, ["codebook", str(bad)])
    assert result.exit_code == 1
    assert f"error: {bad}:" in result.stderr
