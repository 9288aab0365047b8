"""Classes of phrasing found on a fresh diagnosis set (`fixtures/world_dev2`), each with
made-up sentences: cues whose words stand apart ("hacked eight farmers to death"), victims
named only by their count, sexual violence, a target in subject position ("came under fire"),
territory given up without a fight, residents clashing, incendiaries thrown by rioters, motion
that takes no territory, a rally only announced, a protest gathered "to demand", a road
blocked, an incident told before a summary, clashes and raids that are part of a
demonstration or an arrest, a toll whose clauses name other places, and a past perfect counted
back from the report's incident."""

from __future__ import annotations

from annotator.nlp.suggester import Suggester

PUBLISHED = "2025-05-08"


def frames(suggester: Suggester, *lines: str) -> list[dict]:
    text = "Report\n\n" + "\n".join(lines) + "\n"
    result = next(iter(suggester.suggest([(1, text, PUBLISHED)])))
    return [f.fields for f in result.frames]


def types(suggester: Suggester, *lines: str) -> set[tuple[str, str]]:
    return {(f["event_type"], f["sub_event_type"]) for f in frames(suggester, *lines)}


def event_types(suggester: Suggester, *lines: str) -> set[str]:
    return {f["event_type"] for f in frames(suggester, *lines)}


ATTACK = ("Violence against civilians", "Attack")


def test_a_verb_and_its_completion_with_the_victims_between_are_one_cue(suggester: Suggester) -> None:
    assert types(
        suggester,
        "JOS, Nigeria (wire) — Gunmen hacked eight farmers to death and torched homes in Guma on Monday.",
    ) == {ATTACK}


def test_victims_counted_with_no_actor_named_are_the_incident_s_party(suggester: Suggester) -> None:
    assert ("Violence against civilians", "Abduction/forced disappearance") in types(
        suggester, "KADUNA, Nigeria (wire) — Six children were abducted from a school in Kagoro on Sunday."
    )


def test_rape_is_sexual_violence(suggester: Suggester) -> None:
    assert types(
        suggester,
        "GOMA, Congo (wire) — Armed men raped at least 12 women in villages near Kalehe on Tuesday.",
    ) == {("Violence against civilians", "Sexual violence")}


def test_coming_under_fire_is_a_clash_with_the_subject_as_target(model: Suggester) -> None:
    [frame] = frames(
        model,
        "KIDAL, Mali (wire) — Soldiers came under fire from gunmen near Kidal on Monday, the army said.",
    )
    assert (frame["event_type"], frame["sub_event_type"]) == ("Battles", "Armed clash")
    assert frame.get("inter2") == 1 and frame.get("inter1") != 1  # the soldiers are the target


def test_a_town_taken_after_the_troops_withdrew_is_a_non_violent_transfer(suggester: Suggester) -> None:
    assert types(
        suggester,
        "YANGON, Myanmar (wire) — Resistance fighters seized control of the town of Pauk on Sunday "
        "after the last troops withdrew overnight.",
    ) == {("Strategic developments", "Non-violent transfer of territory")}


def test_residents_clashing_with_sticks_is_mob_violence(model: Suggester) -> None:
    assert types(
        model,
        "DHAKA, Bangladesh (wire) — Three people were killed when settlers and indigenous residents "
        "clashed with sticks in Naniarchar on Friday.",
    ) == {("Riots", "Mob violence")}


def test_petrol_bombs_thrown_by_rioters_are_the_riot(suggester: Suggester) -> None:
    assert event_types(
        suggester,
        "BELFAST (wire) — Rioters threw petrol bombs at police officers in Lurgan on Monday night.",
    ) == {"Riots"}


def test_driving_out_of_a_town_takes_no_territory(suggester: Suggester) -> None:
    assert types(
        suggester,
        "DARAA, Syria (wire) — Gunmen shot dead two traders as they drove out of the town of Jasim.",
    ) == {ATTACK}


def test_shell_casings_are_no_shelling(suggester: Suggester) -> None:
    assert "Explosions/Remote violence" not in event_types(
        suggester,
        "ACAPULCO, Mexico (wire) — Gunmen opened fire on customers at a bar in Acapulco on Saturday.",
        "Investigators found 30 shell casings at the scene.",
    )


def test_a_rally_only_announced_is_no_protest(model: Suggester) -> None:
    assert event_types(
        model,
        "LOME, Togo (wire) — Police arrested five activists in Lome after they had announced a rally.",
    ) == {"Strategic developments"}


def test_people_gathered_to_demand_protest(suggester: Suggester) -> None:
    assert "Protests" in event_types(
        suggester,
        "BAMAKO, Mali (wire) — On Thursday, several hundred people gathered outside the court in Bamako "
        "to demand the release of the detainees.",
    )


def test_a_road_blocked_with_burning_tyres_is_a_riot(suggester: Suggester) -> None:
    assert "Riots" in event_types(
        suggester,
        "KISII, Kenya (wire) — About 300 motorcycle taxi riders blocked the main road at Kisii on Monday, "
        "burning tyres and stoning passing cars.",
    )


def test_an_incident_told_before_a_summary_of_many_stays(model: Suggester) -> None:
    assert ("Violence against civilians", "Abduction/forced disappearance") in types(
        model,
        "GUSAU, Nigeria (wire) — Armed men kidnapped two engineers in Zamfara on Sunday, police said, "
        "the latest in a string of attacks on road crews.",
    )


def test_clashes_where_police_fire_tear_gas_are_the_demonstration_s(suggester: Suggester) -> None:
    assert "Battles" not in event_types(
        suggester,
        "DAKAR, Senegal (wire) — Protesters threw stones at gendarmes in Kaolack on Monday.",
        "Gendarmes responded with tear gas and the clashes spread to the city centre.",
    )


def test_storming_homes_in_an_arrest_raid_is_how_the_arrests_were_made(model: Suggester) -> None:
    assert event_types(
        model,
        "RAMALLAH, West Bank (wire) — Israeli troops detained 20 Palestinians in raids on Tubas on Thursday.",
        "Residents said soldiers stormed several homes.",
    ) == {"Strategic developments"}


def test_a_toll_is_not_placed_by_a_clause_coordinated_to_it(model: Suggester) -> None:
    drafted = frames(
        model,
        "MAROUA, Cameroon (wire) — Militants overran an army base in Kerawa on Tuesday, officials said.",
        "An officer said at least seven soldiers were killed and the remaining troops withdrew towards Mora.",
    )
    assert [(f["event_type"], f.get("fatalities")) for f in drafted] == [("Battles", 7)]


def test_a_past_perfect_counted_back_from_the_report_s_incident_is_news(model: Suggester) -> None:
    assert "Battles" in event_types(
        model,
        "ADDIS ABABA, Ethiopia (wire) — A drone strike killed six people near Bichena on Saturday.",
        "Fano fighters had attacked an army camp near Motta a day earlier, residents said.",
    )


def test_plural_incidents_since_a_time_sum_many_up(suggester: Suggester) -> None:
    assert event_types(
        suggester,
        "UPPSALA, Sweden — A hand grenade was thrown at a block of flats in Uppsala on Saturday.",
        "Police said the feud has led to several shootings and bombings in the region since last year.",
    ) == {"Explosions/Remote violence"}


def test_a_blast_that_opens_an_ambush_is_part_of_it(suggester: Suggester) -> None:
    assert event_types(
        suggester,
        "MAROUA, Cameroon (wire) — Separatist fighters ambushed an army convoy near Kumbo on Tuesday.",
        "The fighters set off a homemade bomb before opening fire on the trucks.",
    ) == {"Battles"}


def test_attackers_killed_when_troops_returned_fire_are_the_clash_s_toll(suggester: Suggester) -> None:
    assert event_types(
        suggester,
        "NIAMEY, Niger (wire) — Militants ambushed a patrol near Ayorou on Sunday, the army said.",
        "Troops returned fire and killed five of the attackers.",
    ) == {"Battles"}


def test_shooting_at_soldiers_counted_as_its_victims_is_a_battle(model: Suggester) -> None:
    assert types(
        model,
        "YEREVAN (wire) — Three soldiers were killed when gunmen opened fire on their positions "
        "near Jermuk on Tuesday.",
    ) == {("Battles", "Armed clash")}


def test_a_group_that_has_been_fighting_another_is_no_incident(suggester: Suggester) -> None:
    assert event_types(
        suggester,
        "QUITO, Ecuador (wire) — A car bomb exploded outside a prison in Machala on Monday, police said.",
        "Police blamed a gang which has been fighting a rival for control of the prison.",
    ) == {"Explosions/Remote violence"}


def test_a_protest_in_an_after_phrase_sets_the_scene_for_the_arrests(suggester: Suggester) -> None:
    assert "Strategic developments" in event_types(
        suggester,
        "ANKARA, Turkey (wire) — Police detained more than 200 people in Izmir on Friday after a second "
        "night of protests, the interior ministry said.",
    )


def test_a_raid_that_kills_people_counted_as_civilians_targets_civilians(suggester: Suggester) -> None:
    assert types(
        suggester,
        "JUBA, South Sudan (wire) — Armed youth raided cattle camps near Akobo on Saturday, killing "
        "dozens of people and driving off cattle.",
    ) == {ATTACK}


def test_suspected_separatists_are_the_party_of_an_abduction(suggester: Suggester) -> None:
    assert types(
        suggester,
        "BAMENDA, Cameroon — Suspected separatists abducted a headmaster in the town of Kumbo on Friday.",
    ) == {("Violence against civilians", "Abduction/forced disappearance")}


def test_a_person_bundled_into_a_truck_is_abducted(model: Suggester) -> None:
    assert types(
        model,
        "BUJUMBURA — Jean Hakizimana, a local party official, was bundled into a pickup truck outside "
        "his home in Kanyosha on Tuesday, relatives said.",
    ) == {("Violence against civilians", "Abduction/forced disappearance")}


def test_miners_who_block_a_highway_and_clash_with_police_riot(suggester: Suggester) -> None:
    assert event_types(
        suggester,
        "AREQUIPA, Peru — Hundreds of miners blocked the highway near Chala on Monday and clashed with "
        "police who tried to clear the road.",
        "Five officers were injured and 14 protesters were arrested.",
    ) == {"Riots"}


def test_soldiers_firing_on_a_crowd_of_protesters_use_excessive_force(suggester: Suggester) -> None:
    assert types(
        suggester,
        "KHARTOUM, Sudan (wire) — Soldiers opened fire on hundreds of protesters in Bahri on Monday.",
    ) == {("Protests", "Excessive force against protesters")}
