"""WEAPON is a means of attack (issue 12, item 2): the words that say which kind stay in its
span, and a weapon word that only describes another noun ('gun battle') is no weapon."""

from __future__ import annotations

import pytest

from annotator.core.codebook import load_codebook
from annotator.nlp.suggester import Suggester
from annotator.paths import default_codebook_path


@pytest.fixture(scope="module", params=[None, "rules-only"])
def suggester(request) -> Suggester:
    return Suggester.load(load_codebook(default_codebook_path()), model=request.param)


def weapons(suggester: Suggester, text: str) -> list[str]:
    [result] = suggester.suggest([(1, text, "2024-05-01")])
    return [c.text for c in result.spans if c.label == "WEAPON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian glide bombs hit Kharkiv on Friday.", ["glide bombs"]),
        ("They seized rifles and a grenade launcher near Gao.", ["rifles", "grenade launcher"]),
        ("Gunmen armed with automatic rifles attacked a village in Zamfara.", ["automatic rifles"]),
        ("Troops recovered homemade grenades in Mindanao.", ["homemade grenades"]),
        ("A Taliban car bomb killed four in Kandahar.", ["car bomb"]),
        ("Rebels fired an anti-tank rocket at a convoy near Kidal.", ["anti-tank rocket"]),
        ("Villages near Kupiansk were hit by tank shells overnight.", ["tank shells"]),
        ("The patrol came under fire from automatic weapons near Tillaberi.", ["automatic weapons"]),
    ],
)
def test_the_kind_of_weapon_stays_in_its_span_and_a_name_stays_out(suggester, text, expected) -> None:
    assert weapons(suggester, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Cartel gunmen fought gun battles across Culiacan.",
        "The militants arrived in gun trucks.",
        "Knife crime rose in the Medway towns.",
        "Aircraft struck radar and missile sites near Hodeidah.",
        "Agents traced the rifles' sales to gun shops in Arizona.",
        "Doctors treated nine people for gunshot wounds in Cali.",
        "A device was made safe by bomb disposal experts in Lisburn.",
        "Police found a spent rocket tube in a field outside Sirte.",
    ],
)
def test_a_weapon_word_describing_another_noun_is_no_weapon(suggester, text) -> None:
    assert not {"gun", "Knife", "missile", "gunshot", "bomb", "rocket"} & set(weapons(suggester, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A knife attack at a bus stop in Lyon injured two.", ["knife"]),
        ("A bomb attack on a market in Maiduguri killed five.", ["bomb"]),
        ("Mortar attacks on Goma's outskirts continued.", ["Mortar"]),
    ],
)
def test_the_means_of_an_attack_is_the_weapon_not_the_attack(suggester, text, expected) -> None:
    assert weapons(suggester, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops recovered two M16 rifles near Guihulngan.", ["M16 rifles"]),
        (
            "Dissidents attacked a police station in Suarez with explosive-laden drones.",
            ["explosive-laden drones"],
        ),
        ("Russian forces dropped two guided aerial bombs on Kupiansk.", ["guided aerial bombs"]),
        ("Glide bombs have been used against towns near Kupiansk since 2024.", ["Glide bombs"]),
        ("An army drone struck a minibus near Bichena on Friday.", ["drone"]),
        ("Hours later, junta air strikes hit a village near Mrauk-U.", ["air strikes"]),
    ],
)
def test_a_model_a_load_and_a_sentence_opening_kind_word_stay_in_the_span(suggester, text, expected) -> None:
    assert weapons(suggester, text) == expected
