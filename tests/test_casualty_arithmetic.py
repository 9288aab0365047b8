"""Casualties by the ACLED rules with the arithmetic right (issue 12, item 4), on made-up
reports from several countries, with the pretrained pipeline and with rules only."""

from __future__ import annotations

import pytest

from annotator.core.codebook import load_codebook
from annotator.nlp.suggester import ArticleSuggestions, Suggester
from annotator.paths import default_codebook_path

PUBLISHED = "2024-05-20"


@pytest.fixture(scope="module", params=["model", "rules-only"])
def suggester(request) -> Suggester:
    codebook = load_codebook(default_codebook_path())
    return Suggester.load(codebook, model=None if request.param == "model" else "rules-only")


def run(suggester: Suggester, text: str) -> ArticleSuggestions:
    [result] = suggester.suggest([(1, text, PUBLISHED)])
    return result


def counts(result: ArticleSuggestions) -> list[tuple[str, str | None, int]]:
    return [
        (c.text, c.normalized["outcome"], c.normalized["fatalities"])
        for c in result.spans
        if c.label == "CASUALTY"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Militants ambushed a convoy near Gao on Monday, leaving nine soldiers dead and another 12 hurt.",
            [("nine soldiers", "killed", 9), ("12", "injured", 0)],
        ),
        (
            "Gunmen raided a market in Kano on Friday. "
            "30 were killed and another 40 were injured, police say",
            [("30", "killed", 30), ("40", "injured", 0)],
        ),
        (
            "Rebels shelled Goma on Sunday; six civilians died, while 14 others were wounded.",
            [("six civilians", "killed", 6), ("14 others", "injured", 0)],
        ),
        (
            "The bombing in Quetta killed at least four people and wounded 50 more on Saturday.",
            [("at least four people", "killed", 4), ("50 more", "injured", 0)],
        ),
        (  # an adverb between the count and its outcome
            "Six soldiers were killed and three others were seriously injured near Kidal on Monday.",
            [("Six soldiers", "killed", 6), ("three others", "injured", 0)],
        ),
        (
            "Police in Lima said four people were killed and two badly wounded in the blast.",
            [("four people", "killed", 4), ("two", "injured", 0)],
        ),
    ],
)
def test_killed_and_injured_in_one_clause_are_two_numbers(suggester: Suggester, text: str, expected) -> None:
    assert counts(run(suggester, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Two explosions killed three people in Mogadishu on Sunday.",
        "Four vehicles were burned and three people were killed near Bamako on Monday.",
        "Five rockets hit the base in Erbil on Tuesday, killing three soldiers.",
    ],
)
def test_counts_of_explosions_vehicles_or_rockets_are_not_casualties(suggester: Suggester, text: str) -> None:
    assert [(outcome, deaths) for _, outcome, deaths in counts(run(suggester, text))] == [("killed", 3)]


def test_an_explosion_count_never_becomes_a_death_toll(suggester: Suggester) -> None:
    result = run(suggester, "Two explosions killed three people in Mogadishu on Sunday.")
    assert [c.text for c in result.spans if c.label == "CASUALTY"] == ["three people"]
    assert [f.fields["fatalities"] for f in result.frames] == [3]


def test_a_frame_takes_the_toll_from_the_next_sentence(suggester: Suggester) -> None:
    result = run(
        suggester, "Gunmen stormed a market in Kano on Friday. 30 were killed and another 40 were injured."
    )
    [frame] = result.frames
    assert (frame.fields["fatalities"], frame.fields["injuries"]) == (30, 40)
    assert frame.reasons["fatalities"] == "sum of death counts in the next sentence"


def test_conflicting_reports_take_the_lowest(suggester: Suggester) -> None:
    result = run(
        suggester,
        "Gunmen attacked a bus near Cali on Monday, killing five people, "
        "but locals put the death toll at 12.",
    )
    [frame] = result.frames
    assert frame.fields["fatalities"] == 5
    assert frame.reasons["fatalities"] == "conflicting death counts in the sentence: the lowest"
    assert frame.fields["fatalities_rule"].startswith("conflicting reports: the lowest")


def test_separate_groups_killed_are_summed(suggester: Suggester) -> None:
    result = run(
        suggester, "Gunmen attacked a village in Zamfara on Monday, killing 11 farmers and 3 children."
    )
    [frame] = result.frames
    assert frame.fields["fatalities"] == 14
