"""Place recall outside Afghanistan: first-level units under ACLED's names, kind words in lower
case outside the name, the parts of longer names, UK and Irish counties, headlines and
datelines, one sense per article, attributive acronyms and demonyms, and unknown places
given the country they lie in. Every sentence is made up for these tests."""

from __future__ import annotations

import importlib.util

import pytest

from annotator.core.codebook import load_codebook
from annotator.nlp.candidates import Candidate
from annotator.nlp.gazetteer_spans import fill_countries
from annotator.nlp.pipeline import MODEL_CANDIDATES
from annotator.nlp.place_keys import ascii_name
from annotator.nlp.suggester import Suggester
from annotator.nlp.world_places import AdminNames, bare_unit_name
from annotator.paths import default_codebook_path

HAS_MODEL = any(importlib.util.find_spec(name) for name in MODEL_CANDIDATES)
needs_model = pytest.mark.skipif(not HAS_MODEL, reason="no pretrained English pipeline installed")


@pytest.fixture(scope="module")
def suggester() -> Suggester:
    return Suggester.load(load_codebook(default_codebook_path()), model=None if HAS_MODEL else "rules-only")


def places(suggester: Suggester, text: str) -> dict[str, dict]:
    [result] = suggester.suggest([(1, text, "2024-05-02")])
    return {s.text: s.normalized for s in result.spans if s.label == "LOCATION"}


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Two drones struck a bakery in Idlib on Tuesday.", "Idlib", "Idleb"),
        ("A roadside bomb hit a patrol near Mosul on Monday.", "Mosul", "Ninewa"),
        ("Shelling damaged a school in Kharkiv overnight.", "Kharkiv", "Kharkiv"),
        ("Militants attacked a police post outside Beledweyne at dawn.", "Beledweyne", "Hiraan"),
        ("Paramilitary fighters looted shops in Wad Madani on Friday.", "Wad Madani", "Al Jazirah"),
        ("Rebels shelled a market in Goma on Sunday.", "Goma", "North Kivu"),
        ("Troops raided a house in Jenin before dawn.", "Jenin", "West Bank"),
        ("Riot police dispersed a march in Lyon on Saturday.", "Lyon", "Auvergne-Rhone-Alpes"),
    ],
)
def test_first_level_units_carry_acleds_names(suggester, text: str, name: str, admin1: str) -> None:
    assert places(suggester, text)[name]["admin1"] == admin1


def test_unit_names_are_ascii_and_their_spellings_meet() -> None:
    admin = AdminNames(
        {"names": {"YE": {"Taizz": ["Ta'izz"]}}, "within": {"PS": {"Gaza Strip": ["Khan Yunis"]}}}
    )
    assert admin.canonical("YE", "Ta‘izz") == "Taizz"  # a turned comma, not an apostrophe
    assert admin.canonical("YE", "Taʻizz") == "Taizz"
    assert admin.canonical("PS", "Khan Yunis") == "Gaza Strip"
    assert admin.canonical("ML", "Ségou") == "Segou"
    assert ascii_name("Şanlıurfa") == "Sanliurfa"
    assert bare_unit_name("Province of Sulu") == "Sulu" and bare_unit_name("Kotli District") == "Kotli"


@pytest.mark.parametrize(
    ("text", "span", "admin1"),
    [
        ("Bandits abducted 12 farmers in Katsina state on Sunday.", "Katsina", "Katsina"),
        ("Gunmen killed three herders in Benue state overnight.", "Benue", "Benue"),
        ("Fighting spread to Shan State on Wednesday, residents said.", "Shan State", "Shan"),
    ],
)
def test_a_kind_word_in_lower_case_stays_outside_the_name(
    suggester, text: str, span: str, admin1: str
) -> None:
    found = places(suggester, text)
    assert found[span]["admin1"] == admin1
    assert not any(name.endswith(" state") for name in found)


def test_no_part_of_a_hyphenated_name_is_a_place(suggester) -> None:
    found = places(suggester, "Arsonists burned two villas near Porto-Vecchio on Corsica overnight.")
    assert "Porto" not in found and "Vecchio" not in found


@pytest.mark.parametrize(
    ("text", "name", "admin1", "admin2"),
    [
        (
            "A pipe bomb was found in Omagh, County Tyrone, on Monday.",
            "County Tyrone",
            "Northern Ireland",
            "Tyrone",
        ),
        (
            "Extra officers were sent from Merseyside and Cheshire East.",
            "Merseyside",
            "England",
            "Merseyside",
        ),
        ("A teenager was stabbed in Maidstone, Kent, late on Friday.", "Kent", "England", "Kent"),
        ("Cars were set alight in Seine-Saint-Denis overnight.", "Seine-Saint-Denis", "Ile-de-France", None),
    ],
)
def test_counties_and_departments_are_places(suggester, text, name, admin1, admin2) -> None:
    value = places(suggester, text)[name]
    assert value["admin1"] == admin1 and value["type"] == "admin2"
    assert admin2 is None or value["admin2"] == admin2


def test_philippine_places_take_their_province_as_admin1(suggester) -> None:
    found = places(suggester, "Soldiers clashed with gunmen near Jolo on Thursday.")
    assert found["Jolo"]["admin1"] == "Sulu"


@needs_model
def test_a_headline_place_is_a_place_when_the_report_names_its_country(suggester) -> None:
    text = (
        "Rockets hit Kaya as talks stall\n\n"
        "OUAGADOUGOU, Burkina Faso (wire) — Rockets fell on the town of Kaya on Monday, killing two."
    )
    found = places(suggester, text)
    assert found["Kaya"]["country_iso2"] == "BF"
    assert [name for name in found if name == "Kaya"] == ["Kaya"]  # the dict keeps one per text
    [result] = suggester.suggest([(1, text, "2024-05-02")])
    assert sum(s.text == "Kaya" and s.label == "LOCATION" for s in result.spans) == 2


@needs_model
def test_a_dateline_in_capitals_is_a_place(suggester) -> None:
    found = places(
        suggester, "Gang kills five\n\nJACMEL, Haiti (wire) — Gunmen killed five people on Sunday."
    )
    assert found["JACMEL"]["country_iso2"] == "HT"


@pytest.mark.parametrize(
    "text",
    [
        "US officials said the strike killed a commander.",
        "US and French aircraft struck a convoy on Monday.",
        "A drone operated by US Central Command hit a truck.",
    ],
)
def test_an_acronym_used_as_a_modifier_is_no_place(suggester, text: str) -> None:
    assert "US" not in places(suggester, text)


def test_the_acronym_as_a_place_stays(suggester) -> None:
    assert places(suggester, "The suspect was extradited to the US on Friday.")["US"]["country_iso2"] == "US"


@needs_model
def test_a_demonym_is_no_place(suggester) -> None:
    assert "Somali" not in places(suggester, "The attackers fled across the border, the Somali army said.")


def test_an_apposed_kind_of_place_is_a_cue(suggester) -> None:
    found = places(suggester, "Militia fighters entered Bunia, the capital of Ituri province, on Sunday.")
    assert found["Bunia"]["country_iso2"] == "CD"


def _location(text: str, name: str, normalized: dict) -> Candidate:
    start = text.index(name)
    return Candidate(start, start + len(name), "LOCATION", "test", 0, 0.6, normalized, text=name)


class _Doc:
    def __init__(self, text: str) -> None:
        self.text = text
        self.user_data: dict = {}


NIGERIA = {"country": "Nigeria", "country_iso2": "NG", "country_iso3": "NGA", "admin1": "Kaduna"}


def test_an_unknown_place_takes_the_country_and_unit_it_lies_in() -> None:
    text = "Gunmen raided Ungwan Dogo in Kaduna on Sunday."
    spans = [_location(text, "Ungwan Dogo", {}), _location(text, "Kaduna", dict(NIGERIA))]
    fill_countries(spans, _Doc(text))  # type: ignore[arg-type]
    assert spans[0].normalized["country_iso2"] == "NG" and spans[0].normalized["admin1"] == "Kaduna"
    assert spans[0].normalized["place_from"] == "context"


def test_an_unknown_place_takes_the_articles_country() -> None:
    text = "Kaduna: herders and farmers clashed; later Ungwan Dogo was quiet. Kaduna mourned."
    spans = [
        _location(text, "Kaduna", dict(NIGERIA)),
        _location(text, "Ungwan Dogo", {}),
    ]
    fill_countries(spans, _Doc(text))  # type: ignore[arg-type]
    assert spans[1].normalized["country"] == "Nigeria" and spans[1].normalized["admin1"] == "Kaduna"


def test_an_article_split_between_units_gives_the_country_only() -> None:
    text = "Kaduna, Kano; later Ungwan Dogo."
    kano = {**NIGERIA, "admin1": "Kano"}
    spans = [
        _location(text, "Kaduna", dict(NIGERIA)),
        _location(text, "Kano", kano),
        _location(text, "Ungwan Dogo", {}),
    ]
    fill_countries(spans, _Doc(text))  # type: ignore[arg-type]
    assert spans[2].normalized["country_iso2"] == "NG" and "admin1" not in spans[2].normalized


def test_an_article_split_between_countries_gives_no_country() -> None:
    text = "Kaduna and Niamey; later Ungwan Dogo."
    niger = {"country": "Niger", "country_iso2": "NE", "country_iso3": "NER", "admin1": "Niamey"}
    spans = [
        _location(text, "Kaduna", dict(NIGERIA)),
        _location(text, "Niamey", niger),
        _location(text, "Ungwan Dogo", {}),
    ]
    fill_countries(spans, _Doc(text))  # type: ignore[arg-type]
    assert "country" not in spans[2].normalized


@needs_model
def test_a_town_of_another_country_named_like_a_local_one_keeps_no_foreign_value(suggester) -> None:
    """'Kotli' is a town in Pakistan; in a report from Nigeria's Kaduna state with no word of
    Pakistan, the matched name is a local place the index does not know."""
    text = "Gunmen attacked Kotli village in Kaduna state, Nigeria, on Sunday."
    found = places(suggester, text)
    if "Kotli" in found:
        assert found["Kotli"].get("country_iso2") in (None, "NG")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Police in Rumbek said on Monday they had arrested four men.", "Rumbek"),
        ("Prosecutors in Bremen said the suspect had been charged.", "Bremen"),
    ],
)
@needs_model
def test_a_name_after_a_place_word_before_said_is_a_place(
    suggester: Suggester, text: str, place: str
) -> None:
    assert place in places(suggester, text)


@needs_model
def test_a_kind_word_makes_a_place_of_what_the_model_calls_a_person(suggester: Suggester) -> None:
    text = "Gunmen shot a teacher in Tok Jelutong Wai district late on Friday, near the village of Qwerzandi."
    found = places(suggester, text)
    assert "Tok Jelutong Wai" in found and "Qwerzandi" in found, found


def test_a_month_is_no_town(suggester: Suggester) -> None:
    assert "March" not in places(suggester, "Fighting in Marib has continued since March, officials said.")
