"""Which event types an article's draft frames carry: a toll, the incident's own attackers,
arrests and damage at a demonstration add to the incident reported before; violence by
demonstrators makes a riot; aircraft that strike make an air strike. Made-up reports, with
the pretrained pipeline (when installed) and with the rules alone."""

from __future__ import annotations

from annotator.nlp.suggester import Suggester

PUBLISHED = "2024-05-08"


def frames(suggester: Suggester, *lines: str) -> list[dict]:
    text = "Report\n\n" + "\n".join(lines) + "\n"
    result = next(iter(suggester.suggest([(1, text, PUBLISHED)])))
    return [f.fields for f in result.frames]


def types(suggester: Suggester, *lines: str) -> set[str]:
    return {f["event_type"] for f in frames(suggester, *lines)}


def test_a_toll_adds_to_the_incident_before_it(suggester: Suggester) -> None:
    drafted = frames(
        suggester,
        "KANO, Nigeria (wire) — Gunmen stormed a police station in Kano on Tuesday, a spokesman said.",
        "Four officers and three residents were killed.",
    )
    assert [(f["event_type"], f.get("fatalities")) for f in drafted] == [("Battles", 7)]


def test_a_participle_toll_after_a_strike_is_no_second_incident(suggester: Suggester) -> None:
    drafted = frames(
        suggester,
        "BEIRUT, Syria (wire) — Government warplanes struck a market in Idlib on Saturday, "
        "killing nine shoppers, rescuers said.",
    )
    assert [(f["event_type"], f["sub_event_type"]) for f in drafted] == [
        ("Explosions/Remote violence", "Air/drone strike")
    ]


def test_a_toll_with_nothing_before_it_is_an_incident(suggester: Suggester) -> None:
    assert types(
        suggester, "JOS, Nigeria (wire) — Five farmers were killed near Jos on Sunday, police said."
    ) == {"Violence against civilians"}


def test_striking_without_an_aircraft_is_no_air_strike(suggester: Suggester) -> None:
    assert (
        types(suggester, "A heavy storm struck the coast near Chittagong on Monday, officials said.") == set()
    )


def test_drones_dropping_explosives_are_an_air_strike(suggester: Suggester) -> None:
    drafted = frames(
        suggester,
        "GOMA, Democratic Republic of Congo (wire) — Rebels dropped explosives from a drone on a "
        "market in Goma on Friday, wounding six traders.",
    )
    assert {f["sub_event_type"] for f in drafted} == {"Air/drone strike"}


def test_shelling_residential_areas_is_no_aggregate_claim(suggester: Suggester) -> None:
    drafted = frames(
        suggester, "KYIV, Ukraine (wire) — Russian forces shelled residential areas of Kharkiv on Friday."
    )
    assert [f["sub_event_type"] for f in drafted] == ["Shelling/artillery/missile attack"]


def test_the_attackers_bomb_is_part_of_their_attack(suggester: Suggester) -> None:
    drafted = frames(
        suggester,
        "KANO, Nigeria (wire) — Gunmen stormed a police station in Kano on Tuesday, a spokesman said.",
        "The attackers set off a bomb at the gate before fleeing.",
    )
    assert [f["event_type"] for f in drafted] == ["Battles"]


def test_a_separate_arrest_stays_its_own_event(suggester: Suggester) -> None:
    assert types(
        suggester,
        "KANO, Nigeria (wire) — Gunmen stormed a police station in Kano on Tuesday, a spokesman said.",
        "Separately, police arrested two smugglers in Kaduna on Monday.",
    ) == {"Battles", "Strategic developments"}


def test_arrests_and_damage_at_a_demonstration_belong_to_it(suggester: Suggester) -> None:
    assert types(
        suggester,
        "SANTIAGO, Chile (wire) — Thousands of students protested in Valparaiso on Monday against "
        "higher bus fares, organisers said.",
        "Police said 40 people were arrested and a bus was set on fire.",
    ) == {"Protests"}


def test_demonstrators_throwing_stones_riot(suggester: Suggester) -> None:
    assert types(
        suggester,
        "SANTIAGO, Chile (wire) — Thousands of students protested in Valparaiso on Monday against "
        "higher bus fares, organisers said.",
        "Later, protesters threw stones at a police station in Valparaiso.",
    ) == {"Protests", "Riots"}


def test_a_road_blocked_with_burning_tyres_in_protest_is_a_riot(model: Suggester) -> None:
    assert types(
        model,
        "ALEPPO, Syria (wire) — Residents blocked the main road with burning tyres to protest "
        "against power cuts on Sunday.",
    ) == {"Riots"}


def test_a_call_to_protest_is_no_protest(model: Suggester) -> None:
    assert types(model, "Union leaders called on members to protest against the new tax next week.") == set()


def test_a_shutdown_is_a_protest(suggester: Suggester) -> None:
    assert types(
        suggester,
        "SRINAGAR, India (wire) — Traders in Srinagar observed a shutdown on Friday against the arrests.",
    ) == {"Protests"}


def test_a_reported_past_perfect_is_the_news(model: Suggester) -> None:
    drafted = frames(
        model,
        "LAGOS, Nigeria (wire) — Gunmen attacked a bus depot in Lagos on Monday, police said.",
        "Separately, the navy said it had detained six pirates off Bonny Island on Sunday.",
    )
    assert {f["event_type"] for f in drafted} == {"Battles", "Strategic developments"}


def test_a_grenade_launcher_is_no_grenade_attack(suggester: Suggester) -> None:
    drafted = frames(
        suggester,
        "MEDELLIN, Colombia (wire) — Troops arrested four suspects in Medellin and found a grenade launcher.",
    )
    assert [f["sub_event_type"] for f in drafted] == ["Arrests"]


def test_seizing_rifles_takes_no_territory(suggester: Suggester) -> None:
    assert "Battles" not in types(
        suggester,
        "CALI, Colombia (wire) — Police arrested two men in Cali on Friday and seized rifles and ammunition.",
    )


def test_a_bomb_found_before_it_goes_off_is_disrupted_weapons_use(suggester: Suggester) -> None:
    drafted = frames(
        suggester,
        "BELFAST, Northern Ireland (wire) — A pipe bomb was found under a van in Lurgan on Tuesday.",
    )
    assert [(f["event_type"], f["sub_event_type"]) for f in drafted] == [
        ("Strategic developments", "Disrupted weapons use")
    ]


def test_a_lapsed_ceasefire_is_no_agreement(suggester: Suggester) -> None:
    assert "Strategic developments" not in types(
        suggester,
        "JUBA, South Sudan (wire) — Rebels ambushed an army convoy near Yei on Monday, the army said.",
        "A ceasefire between the two sides expired last week.",
    )


def test_a_claim_on_a_later_day_adds_to_the_incident(suggester: Suggester) -> None:
    drafted = frames(
        suggester,
        "BASTIA, France (wire) — A bomb exploded outside a bank in Bastia on Saturday night, police said.",
        "A separatist group claimed responsibility for the attack on Monday.",
    )
    assert [f["event_type"] for f in drafted] == ["Explosions/Remote violence"]


def test_an_arrest_over_the_incident_follows_it_up(suggester: Suggester) -> None:
    drafted = frames(
        suggester,
        "LEEDS, United Kingdom (wire) — A man was stabbed to death outside a pub in Leeds on Saturday.",
        "A 30-year-old man was arrested on suspicion of murder.",
    )
    assert [f["event_type"] for f in drafted] == ["Violence against civilians"]


def test_what_others_had_done_stays_background(model: Suggester) -> None:
    assert types(
        model,
        "LAGOS, Nigeria (wire) — Gunmen attacked a bus depot in Lagos on Monday, police said.",
        "A witness said that police had arrested two guards in Ikeja.",
    ) == {"Battles"}


def test_class_rules_of_two_sided_fights_running_totals_and_off_duty_targets(model) -> None:
    """Fighting with grenades is a battle; a running total since a year is background; a
    shot off-duty policeman is violence against civilians (ACLED)."""
    clash = "ELN fighters and FARC dissidents clashed with rifles and grenades in Arauca on Monday."
    fight = frames(model, clash)
    assert {f["event_type"] for f in fight} == {"Battles"}
    total = frames(model, "The insurgency has killed more than 4,000 people since 2016, a monitor said.")
    assert not total
    off_duty = frames(model, "Gunmen shot an off-duty police officer outside his home in Newry on Sunday.")
    assert {f["event_type"] for f in off_duty} == {"Violence against civilians"}


def test_the_people_a_count_holds_are_the_target_not_the_attacker(model) -> None:
    text = "Rebels killed three soldiers and wounded two more in an ambush near Bunia on Monday."
    [frame] = frames(model, text)
    assert frame["actor2"] and frame["actor2"].startswith("Military Forces")
    assert not (frame.get("actor1") or "").startswith("Military Forces")
