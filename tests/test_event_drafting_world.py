"""Draft event frames on made-up sentences from many countries: cues by lemma with the ACLED
hierarchy, anaphors and claims, separate incidents, lines that report nothing, and roles.
Every case runs with the pretrained pipeline (when installed) and with the rules alone."""

from __future__ import annotations

import importlib.util
import json
import shutil

import pytest

from annotator.core.codebook import load_codebook
from annotator.nlp.pipeline import MODEL_CANDIDATES
from annotator.nlp.suggester import Suggester
from annotator.nlp.word_forms import noun_forms, verb_forms
from annotator.paths import default_codebook_path, resources_dir

MODEL = next((name for name in MODEL_CANDIDATES if importlib.util.find_spec(name)), None)
MODES = ["rules-only", *([MODEL] if MODEL else [])]
PUBLISHED = "2024-05-08"


@pytest.fixture(scope="module", params=MODES)
def suggester(request: pytest.FixtureRequest) -> Suggester:
    return Suggester.load(load_codebook(default_codebook_path()), model=request.param)


def frames(suggester: Suggester, text: str, published: str | None = PUBLISHED) -> list[dict]:
    result = next(iter(suggester.suggest([(1, text, published)])))
    return [f.fields for f in result.frames]


def test_word_forms_from_lemmas() -> None:
    assert verb_forms("shoot dead") == ["shoot dead", "shoots dead", "shot dead", "shooting dead"]
    assert "gunned down" in verb_forms("gun down") and "stabbing" in verb_forms("stab")
    assert "blew himself up" in verb_forms("blow {self} up") and "went off" in verb_forms("go off")
    assert "kidnapped" in verb_forms("kidnap") and "opened fire" in verb_forms("open fire")
    assert noun_forms("car bomb") == ["car bomb", "car bombs"] and "sit-ins" in noun_forms("sit-in")


CUES = [
    ("Gunmen shot dead a shopkeeper in Maiduguri on Monday.", "Violence against civilians", "Attack"),
    (
        "Unknown attackers gunned down a journalist in Tegucigalpa on Sunday.",
        "Violence against civilians",
        "Attack",
    ),
    ("A man stabbed three commuters at a station in Lyon on Monday.", "Violence against civilians", "Attack"),
    (
        "Armed men kidnapped 20 passengers near Kaduna on Monday.",
        "Violence against civilians",
        "Abduction/forced disappearance",
    ),
    ("Gunmen assassinated a mayor in Michoacan on Sunday.", "Violence against civilians", "Attack"),
    (
        "Militants set off a bomb at a bus stop in Peshawar on Monday.",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    (
        "A bomb went off outside a court in Mogadishu on Sunday.",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    (
        "A suicide bomber blew himself up at a checkpoint in Quetta on Monday.",
        "Explosions/Remote violence",
        "Suicide bomb",
    ),
    ("A drone strike hit a house in Idlib on Sunday.", "Explosions/Remote violence", "Air/drone strike"),
    (
        "Troops shelled a village near Donetsk on Monday.",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    (
        "Thousands of teachers protested outside parliament in Nairobi on Monday.",
        "Protests",
        "Peaceful protest",
    ),
    (
        "Police fired tear gas to disperse protesters in Dhaka on Sunday.",
        "Protests",
        "Protest with intervention",
    ),
    ("Rioters torched cars and rioted in Port-au-Prince on Monday.", "Riots", "Violent demonstration"),
    ("A mob lynched a suspected thief in Kisumu on Sunday.", "Riots", "Mob violence"),
    ("Police arrested 14 activists in Minsk on Monday.", "Strategic developments", "Arrests"),
]


@pytest.mark.parametrize(("text", "kind", "sub"), CUES)
def test_cues_by_lemma_give_the_acled_type(suggester: Suggester, text: str, kind: str, sub: str) -> None:
    assert [(f["event_type"], f["sub_event_type"]) for f in frames(suggester, text)] == [(kind, sub)]


def test_set_off_without_an_explosive_is_no_incident(suggester: Suggester) -> None:
    assert frames(suggester, "The convoy of police set off for Kampala on Monday.") == []


CLAIMS = [
    # the anaphor attaches to the bombing; its claimant is actor1
    (
        "A car bomb exploded outside a hotel in Bamako on Monday, killing seven people.\n"
        "Al Qaeda claimed responsibility for the attack.",
        "Al Qaeda",
    ),
    # a claim with no cue at all still names actor1 of the latest frame
    (
        "A roadside bomb killed four soldiers in North Waziristan on Monday.\n"
        "Hours later, Tehreek-i-Taliban Pakistan claimed responsibility.",
        "TTP: Tehreek-i-Taliban Pakistan",
    ),
    # the attacked force never becomes actor1
    (
        "Gunmen opened fire on a convoy of the Military Forces of Pakistan near Quetta on Sunday.\n"
        "Tehreek-i-Taliban Pakistan claimed responsibility for the attack.",
        "TTP: Tehreek-i-Taliban Pakistan",
    ),
]


@pytest.mark.parametrize(("text", "claimant"), CLAIMS)
def test_a_claim_attaches_and_names_actor1(suggester: Suggester, text: str, claimant: str) -> None:
    drafted = frames(suggester, text)
    assert [f["actor1"] for f in drafted] == [claimant]
    assert drafted[0].get("actor2") != claimant


def test_the_attack_keeps_the_toll_of_the_frame_it_refers_to(suggester: Suggester) -> None:
    drafted = frames(suggester, CLAIMS[0][0])
    assert drafted[0]["event_type"] == "Explosions/Remote violence" and drafted[0]["fatalities"] == 7


def test_the_agent_after_by_is_actor1(suggester: Suggester) -> None:
    drafted = frames(suggester, "Five shoppers were killed in an attack by Al Qaeda in Aden on Monday.")
    assert len(drafted) == 1 and drafted[0]["actor1"] == "Al Qaeda"


def test_an_anaphor_naming_another_town_is_a_new_frame(suggester: Suggester) -> None:
    text = (
        "A bomb exploded at a market in Maiduguri on Monday, killing three people.\n"
        "The blast in Kano on Tuesday killed two more people."
    )
    assert len(frames(suggester, text)) == 2


def test_the_blast_attaches(suggester: Suggester) -> None:
    text = (
        "A bomb exploded in a market in Peshawar on Sunday, killing four people.\n"
        "The blast damaged several shops, police said."
    )
    assert len(frames(suggester, text)) == 1


def test_two_towns_stay_two_frames(suggester: Suggester) -> None:
    text = (
        "A bomb exploded in a market in Kano on Monday, killing three people.\n"
        "A second bomb exploded at a bus station in Kaduna on Tuesday, killing five people."
    )
    drafted = frames(suggester, text)
    assert len(drafted) == 2
    assert {f["event_date"] for f in drafted} == {"2024-05-06", "2024-05-07"}


@pytest.mark.parametrize(
    "text",
    [
        "See also: Gunmen attack police station in Lagos\nSee also: Bomb explodes in Kano market",
        "Related: Militants ambush army convoy in Mali",
        "Date\tPlace\tAttack\tKilled\n2024-05-01\tGao\tambush\t12\n2024-05-02\tMopti\tbomb\t3",
        "In 2019, a similar attack killed 30 people in Colombo.",
        "Clashes have increased across the country in recent weeks.",
        "A surge of attacks by gunmen has killed dozens in the region.",
        "He denied reports that the town fell to the rebels.",
        "The army launched an operation to recapture the town.",
        "Rights groups accused both sides of failing to halt attacks against civilians.",
        "Residents recalled the 2008 bombings in Mumbai that killed 166 people.",
        "Rebels vowed to attack the capital, Bangui.",
    ],
)
def test_lines_that_report_no_new_incident(suggester: Suggester, text: str) -> None:
    assert frames(suggester, text) == []


def test_a_headline_repeating_the_body_gives_one_frame(suggester: Suggester) -> None:
    text = (
        "Gunmen kill five in attack on Burkina Faso village\n"
        "Gunmen attacked the village of Djibo on Monday and killed five villagers, officials said."
    )
    assert len(frames(suggester, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot dead five villagers in Zamfara on Monday.",
        "Attackers stabbed two worshippers outside a church in Rouen on Sunday.",
        "Militants kidnapped 30 students from a school in Kebbi on Monday.",
        "Masked men opened fire on passengers at a bus station in Tegucigalpa on Sunday.",
    ],
)
def test_victims_are_actor2_for_violence_against_civilians(suggester: Suggester, text: str) -> None:
    drafted = frames(suggester, text)
    assert len(drafted) == 1
    assert drafted[0]["actor2"].startswith("Civilians") and drafted[0]["inter2"] == 7
    assert drafted[0]["event_type"] == "Violence against civilians"


@pytest.fixture(scope="module")
def with_kenyan_police(tmp_path_factory: pytest.TempPathFactory) -> Suggester:
    """The packaged gazetteer plus one made-up state force (inter 1) outside Afghanistan."""
    folder = tmp_path_factory.mktemp("gazetteer")
    for path in (resources_dir() / "gazetteer").glob("*.json"):
        shutil.copy(path, folder / path.name)
    actors = json.loads((folder / "actors.json").read_text(encoding="utf-8"))
    actors["actors"].append(
        {
            "id": "kenya-police",
            "name": "Kenya Police Service",
            "acled_name": "Police Forces of Kenya",
            "inter": 1,
            "variants": ["Kenyan police officers"],
        }
    )
    (folder / "actors.json").write_text(json.dumps(actors), encoding="utf-8")
    return Suggester.load(load_codebook(default_codebook_path()), model="rules-only", gazetteer_dir=folder)


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Gunmen shot dead two Kenyan police officers in Mandera on Monday.", "Battles"),
        ("Gunmen shot dead two traders in Mandera on Monday.", "Violence against civilians"),
    ],
)
def test_a_shooting_of_state_forces_is_an_armed_clash(
    with_kenyan_police: Suggester, text: str, event_type: str
) -> None:
    assert [f["event_type"] for f in frames(with_kenyan_police, text)] == [event_type]
