"""Places no gazetteer lists, named after a place cue ('the village of X', 'X district'), with
their other mentions; prefix words kept in place names ('Lake Chad'); the weapon words that
name the incident or the shooter, not the means ('gunfire', 'sniper fire', 'gun attack')."""

from __future__ import annotations

import pytest

from annotator.core.codebook import load_codebook
from annotator.nlp.suggester import Suggester
from annotator.paths import default_codebook_path


@pytest.fixture(scope="module", params=[None, "rules-only"])
def suggester(request) -> Suggester:
    return Suggester.load(load_codebook(default_codebook_path()), model=request.param)


def labelled(suggester: Suggester, text: str, label: str) -> list[str]:
    [result] = suggester.suggest([(1, text, "2024-05-01")])
    return [c.text for c in result.spans if c.label == label]


def places(suggester: Suggester, text: str) -> dict[str, dict]:
    [result] = suggester.suggest([(1, text, "2024-05-01")])
    return {c.text: c.normalized for c in result.spans if c.label == "LOCATION"}


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        ("Gunmen raided the village of Qorvat in Mali overnight.", "Qorvat", 1),
        ("Soldiers clashed with rebels on the outskirts of Belvenu in Nigeria.", "Belvenu", 2),
        ("Militias fought in the Hay al-Tamir district of Benghazi on Sunday.", "Hay al-Tamir", 1),
        ("Gangs shot three men in the Ravello neighbourhood of Tegucigalpa.", "Ravello", 1),
        ("The attack took place in Pulau Merah regency, the army said.", "Pulau Merah", 2),
    ],
)
def test_a_name_after_a_place_cue_is_a_place(suggester, text, name, precision) -> None:
    found = places(suggester, text)
    assert name in found
    assert found[name]["geo_precision"] == precision


def test_the_names_listed_before_a_plural_kind_are_places(suggester) -> None:
    text = "Fighting in the Norvale and Estmark regions has displaced thousands in Cameroon."
    assert {"Norvale", "Estmark"} <= set(places(suggester, text))


def test_a_cued_name_is_a_place_wherever_the_article_names_it(suggester) -> None:
    text = (
        "Troops shelled the village of Zarnok in Armenia on Monday. "
        "A farmer who lives in Zarnok said two died."
    )
    assert labelled(suggester, text, "LOCATION").count("Zarnok") == 2


def test_a_cue_does_not_make_a_place_of_a_named_group_or_a_weekday(suggester) -> None:
    text = "The Taliban district chief said on Monday that the town of Ghazni was calm."
    found = places(suggester, text)
    assert "Taliban" not in found and "Monday" not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Boko Haram fighters raided an island on Lake Chad on Sunday.", "Lake Chad"),
        ("Rebels advanced towards Goma in North Kivu on Friday.", "North Kivu"),
        ("Settlers attacked a house in East Jerusalem overnight.", "East Jerusalem"),
    ],
)
def test_a_prefix_word_is_part_of_the_place_name(suggester, text, name) -> None:
    assert name in labelled(suggester, text, "LOCATION")


def test_a_compass_word_before_a_country_stays_out(suggester) -> None:
    text = "Clashes In North Syria Kill Eight"
    assert "North Syria" not in labelled(suggester, text, "LOCATION")


@pytest.mark.parametrize(
    "text",
    [
        "Heavy gunfire was heard across Bamako overnight.",
        "Sniper fire wounded two people in the old town of Sanaa.",
        "A policeman was hurt in a gun attack in Armagh.",
        "Doctors treated several gunshot victims in Port-au-Prince.",
    ],
)
def test_the_shooting_or_the_shooter_is_no_weapon(suggester, text) -> None:
    assert labelled(suggester, text, "WEAPON") == []


def test_an_agent_noun_before_fire_is_no_actor(suggester) -> None:
    text = "Mortar shelling and sniper fire killed four in Aden."
    assert "sniper" not in labelled(suggester, text, "ACTOR")


@pytest.mark.parametrize(
    "text", ["Police fire tear gas at students in Dhaka.", "Police fire on marchers in Lagos."]
)
def test_a_force_that_fires_stays_a_party(suggester, text) -> None:
    assert "Police" in labelled(suggester, text, "ACTOR")


def test_guns_and_knives_in_an_attack_stay_weapons(suggester) -> None:
    text = "Attackers with guns killed two in a knife attack near Kidal; a gun was found."
    assert labelled(suggester, text, "WEAPON") == ["guns", "knife", "gun"]
