"""Acronyms an article defines for its actors: the bracketed acronym right after an actor's
name, and its later bare uses, are that actor (with its ACLED name and inter code when the
name has them). Made-up sentences, any country."""

from __future__ import annotations

import pytest
import spacy

from annotator.nlp.acronyms import defined_acronyms
from annotator.nlp.candidates import candidate
from annotator.nlp.suggester import Suggester


def actors(suggester: Suggester, text: str) -> list[tuple[str, str | None]]:
    [result] = suggester.suggest([(1, text, "2024-05-01")])
    return [(s.text, s.normalized.get("acled_name")) for s in result.spans if s.label == "ACTOR"]


@pytest.mark.parametrize(
    ("text", "acronym", "uses"),
    [
        (
            "Fighters of the Popular Front for the Liberation of Eastern Chad (FPLEC) ambushed a "
            "patrol near Abeche. FPLEC later said it held the road.",
            "FPLEC",
            2,
        ),
        (  # the acronym in another language's order: Coalition des Forces du Sahel Libre
            "A spokesman for the Free Sahel Forces Coalition (CFSL) said CFSL units had withdrawn.",
            "CFSL",
            2,
        ),
    ],
)
def test_a_defined_acronym_is_the_actor_there_and_later(model: Suggester, text, acronym, uses) -> None:
    found = actors(model, text)  # names in no list: found by the model as organisations
    assert [name for name, _ in found].count(acronym) == uses, found


def test_the_acronym_and_its_later_uses_carry_the_names_values() -> None:
    doc = spacy.blank("en")(
        "Gunmen of the Northern Hills Front (NHF) struck. Later NHF fighters fled, NHF said."
    )
    name = candidate(
        doc[3:6], "ACTOR", "model:ner", 5, 0.7, {"acled_name": "NHF: Northern Hills Front", "inter": 2}
    )
    found = defined_acronyms(doc, [name])
    assert [(c.text, c.start, c.label) for c in found] == [
        ("NHF", doc.text.index("NHF"), "ACTOR"),
        ("NHF", doc.text.index("NHF fighters"), "ACTOR"),
        ("NHF", doc.text.index("NHF said"), "ACTOR"),
    ]
    assert all(c.normalized == name.normalized for c in found)
    assert defined_acronyms(doc, [name, *found]) == []  # covered already: nothing again


@pytest.mark.parametrize(
    "text",
    [
        "Troops entered the Democratic Republic of Congo (DRC) on Monday.",  # a place, not an actor
        "The Taliban (XQZ) attacked a post.",  # the letters are not the name's initials
        "Rebels of the Popular Front (under its new leader) ambushed a patrol.",  # no acronym
    ],
)
def test_no_acronym_without_an_actors_name_whose_initials_it_spells(rules_only: Suggester, text) -> None:
    assert not [name for name, _ in actors(rules_only, text) if name.isupper() and name in {"DRC", "XQZ"}]
