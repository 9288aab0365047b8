"""Draft event frames on made-up sentences from many countries: cues by lemma with the ACLED
hierarchy, anaphors and claims, separate incidents, lines that report nothing, and roles.
Every case runs with the pretrained pipeline (when installed) and with the rules alone."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.codebook import load_codebook
from annotator.core.errors import InputError
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
    ("Gunmen shoot dead a shopkeeper in Maiduguri.", "Violence against civilians", "Attack"),
    (
        "Unknown attackers gun down a journalist in Tegucigalpa.",
        "Violence against civilians",
        "Attack",
    ),
    ("A man stabbed three commuters at a station in Lyon on Monday.", "Violence against civilians", "Attack"),
    (
        "A hostage-taking by armed men left 20 passengers captive near Kaduna.",
        "Violence against civilians",
        "Abduction/forced disappearance",
    ),
    ("Gunmen assassinated a mayor in Michoacan on Sunday.", "Violence against civilians", "Attack"),
    (
        "Militants set off explosives at a bus stop in Peshawar on Monday.",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    (
        "An explosive device went off outside a court in Mogadishu on Sunday.",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    (
        "A woman blew herself up at a checkpoint in Maiduguri on Monday.",
        "Explosions/Remote violence",
        "Suicide bomb",
    ),
    ("Warplanes bombed a market in Idlib on Sunday.", "Explosions/Remote violence", "Air/drone strike"),
    (
        "Troops shell a village near Donetsk.",
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


def test_set_off_needs_an_explosive(suggester: Suggester) -> None:
    assert len(frames(suggester, "Militants set off explosives at a market in Bannu on Monday.")) == 1
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
    # the attacked force, named first, never stays actor1
    (
        "Soldiers of the Military Forces of Pakistan were on patrol when a bomb exploded in Bannu.\n"
        "Tehreek-i-Taliban Pakistan claimed responsibility for the attack.",
        "TTP: Tehreek-i-Taliban Pakistan",
    ),
]


@pytest.mark.parametrize(("text", "claimant"), CLAIMS)
def test_a_claim_attaches_and_names_actor1(suggester: Suggester, text: str, claimant: str) -> None:
    drafted = frames(suggester, text)
    assert [f["actor1"] for f in drafted] == [claimant]
    assert drafted[0].get("actor2") != claimant


def test_the_attack_attaches_to_a_bombing_unless_it_names_another_town(suggester: Suggester) -> None:
    bombing = "A bomb exploded at a market in Peshawar on Monday, killing four people.\n"
    drafted = frames(suggester, bombing + "The Military Forces of Pakistan said the attack wounded 12 more.")
    assert [f["event_type"] for f in drafted] == ["Explosions/Remote violence"]
    assert drafted[0]["fatalities"] == 4
    assert len(frames(suggester, bombing + "The blast in Kohat on Tuesday killed two more people.")) == 2
    # a place in another clause of the mention's sentence is not the incident's place
    fled = (
        "Al Qaeda attacked a post on Monday.\nAl Qaeda said families fled to Djibouti to escape the fighting."
    )
    assert [f.get("location") for f in frames(suggester, fled)] == [None]


def test_incidents_sharing_no_place_or_day_stay_apart(suggester: Suggester) -> None:
    text = (
        "Al Qaeda fighters attacked a checkpoint in Mukalla, officials said.\n"
        "The governor called for calm.\n"
        "On Thursday, Al Qaeda fighters attacked a convoy."
    )
    assert len(frames(suggester, text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "See also: Al Qaeda fighters attack police station in Aden\nSee also: Al Qaeda bomb explodes in Kano",
        "Related: Al Qaeda militants ambush army convoy in Mali",
        "Date\tPlace\tGroup\tKilled\n2024-05-01\tGao\tAl Qaeda ambush\t12\n2024-05-02\tMopti\tbomb\t3",
        "Date | Place | Group | Killed\n2024-05-01 | Aden | Al Qaeda attack | 12",
        "In 2019, a similar attack by Al Qaeda killed 30 people in Aden.",
        "Clashes with Al Qaeda have increased across the country in recent weeks.",
        "A surge of attacks by Al Qaeda has killed dozens in the region.",
        "He denied reports that the town fell to Al Qaeda.",
        "The Military Forces of Pakistan launched an operation to recapture the town.",
        "Rights groups accused Al Qaeda of failing to halt attacks against civilians.",
        "Residents recalled the 2008 bombings by Al Qaeda in Mumbai that killed 166 people.",
        "Al Qaeda vowed to attack the capital, Bangui.",
        "Officers said troops withdraw whenever insurgents gain ground near Gao.",
        "Gangs routinely attack buses on the road to Cap-Haitien.",
    ],
)
def test_lines_that_report_no_new_incident(suggester: Suggester, text: str) -> None:
    assert frames(suggester, text) == []


def test_attacking_the_city_named_before_is_the_same_incident(suggester: Suggester) -> None:
    text = (
        "Al Shabaab fighters stormed the town of Beledweyne in Somalia on Monday, killing six soldiers. "
        "Residents said the militants attacked the town from three sides."
    )
    assert len(frames(suggester, text)) == 1


def test_a_headline_repeating_the_body_gives_one_frame(suggester: Suggester) -> None:
    text = (
        "Al Qaeda attack kills five in Mopti region\n"
        "Al Qaeda gunmen attacked the village of Boni on Monday and killed five villagers, officials said."
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


def test_a_shooting_of_state_forces_is_an_armed_clash(with_kenyan_police: Suggester) -> None:
    police = frames(with_kenyan_police, "Gunmen shot dead two Kenyan police officers in Mandera on Monday.")
    traders = frames(with_kenyan_police, "Gunmen shot dead two traders in Mandera on Monday.")
    assert [f["event_type"] for f in police + traders] == ["Battles", "Violence against civilians"]


def test_a_cue_needing_an_unknown_context_is_refused(tmp_path: Path) -> None:
    cues = tmp_path / "cues.toml"
    text = (resources_dir() / "cues.toml").read_text(encoding="utf-8")
    cues.write_text(text.replace('needs = "explosive"', 'needs = "weather"'), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        Suggester.load(load_codebook(default_codebook_path()), model="rules-only", cues_path=cues)
    assert (
        str(raised.value)
        == f"{cues}: cue 'detonation': needs = 'weather' is none of aircraft, explosive, place, protest"
    )


#: Words that reach every rule of the drafter: cues in many forms, anaphors, claims, places,
#: dates, years, counts, link and table markers, line breaks.
HOSTILE_TEXT = """
the a these attack attacks blast bombing clashes fighting shot dead opened fire set off went off
blew himself up kidnapped protesters dispersed rioted arrested claimed responsibility for by
Al Qaeda Tehreek-i-Taliban Pakistan Kano Aden Bamako Monday Tuesday 2019 2024 five 12 killed
villagers civilians surge of in recent weeks denied vowed to had since the city See also: Related:
"""
HOSTILE_WORDS = [*HOSTILE_TEXT.split(), "\n", "\t", "|", ".", ",", "“"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(HOSTILE_WORDS), max_size=60), st.sampled_from([PUBLISHED, None, "garbage"]))
def test_hostile_word_salad_drafts_frames_that_point_into_the_text(
    rules_only: Suggester, words: list[str], published: str | None
) -> None:
    text = " ".join(words)
    result = next(iter(rules_only.suggest([(1, text, published)])))
    for frame in result.frames:
        fields = frame.fields
        assert text[fields["trigger_start"] : fields["trigger_end"]] == fields["trigger_text"]
        assert fields.get("actor1") is None or fields["actor1"] != fields.get("actor2")
        assert all(0 <= i < len(result.spans) for indices in frame.roles.values() for i in indices)


@pytest.fixture(scope="module")
def rules_only() -> Suggester:
    return Suggester.load(load_codebook(default_codebook_path()), model="rules-only")
