"""Where ACTOR spans start and end, and which hits name no party, by the world gold's
conventions: a named group is its bare name, a casualty phrase takes the actor it counts, a
generic agent keeps its article or quantity, a force word describing a thing is no actor.

Every sentence here is made up for the test; none is taken from a news report.
"""

from __future__ import annotations

import importlib.util

import pytest
import spacy
from spacy.tokens import Doc, Span

from annotator.nlp.actor_bounds import names_no_party
from annotator.nlp.candidates import Candidate
from annotator.nlp.pipeline import MODEL_CANDIDATES
from annotator.nlp.suggester import Suggester

MODEL = next((name for name in MODEL_CANDIDATES if importlib.util.find_spec(name)), None)
PUBLISHED = "2024-05-06T09:00:00+00:00"
Found = dict[str, tuple[str, str | None, bool | None]]


def spans(suggester: Suggester, text: str) -> Found:
    """ACTOR and CASUALTY spans: text -> (label, ACLED name, generic mark)."""
    [result] = suggester.suggest([(1, text, PUBLISHED)])
    return {
        s.text: (s.label, s.normalized.get("acled_name"), s.normalized.get("generic"))
        for s in result.spans
        if s.label in {"ACTOR", "CASUALTY"}
    }


# -- a named group is its name -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("M23 rebels shelled a village near Rutshuru.", "M23"),
        ("Shells fired by Houthi forces hit a market in Taiz.", "Houthi"),
        ("Residents fled as Viagras gang members torched shops in Apatzingan.", "Viagras"),
        ("TTP militants ambushed a convoy near Bannu on Friday.", "TTP"),
    ],
)
def test_a_named_group_is_spanned_by_its_bare_name(suggester: Suggester, text: str, name: str) -> None:
    found = spans(suggester, text)
    assert found[name][0] == "ACTOR" and found[name][2] is not True, found
    assert not any(key.startswith(name + " ") for key in found), found


def test_the_afghan_seeds_keep_taliban_militants_and_states_keep_their_troops(suggester: Suggester) -> None:
    assert "Taliban militants" in spans(suggester, "Taliban militants attacked a checkpoint in Helmand.")
    assert "NATO troops" in spans(suggester, "NATO troops patrolled the road near Kandahar.")


def test_members_leading_a_body_sentence_are_an_actor_of_the_group(model: Suggester) -> None:
    found = spans(model, "Shelling resumed overnight.\nHezbollah fighters fired rockets at a border post.")
    assert found["Hezbollah"] == ("ACTOR", "Hezbollah", None)
    assert found["fighters"] == ("ACTOR", "Hezbollah", True)
    assert "fighters" not in spans(model, "Troops clashed with Hamas fighters near Rafah.")


def test_a_generic_agent_of_a_named_group_gets_its_acled_name(suggester: Suggester) -> None:
    found = spans(suggester, "Gunmen of the Viagras gang opened fire on police in Michoacan.")
    assert found["Gunmen"] == ("ACTOR", "Los Viagras", True)
    assert found["Viagras"][:2] == ("ACTOR", "Los Viagras")


# -- counts take their actors; agents keep their counts ---------------------------------------
@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("An air strike killed four Hamas fighters in Rafah.", "four Hamas fighters"),
        ("The blast killed two ELN members in Arauca, Colombia.", "two ELN members"),
        ("Police arrested three suspected Maoists in Sukma.", "three suspected Maoists"),
    ],
)
def test_a_casualty_phrase_takes_the_named_actor_it_counts(
    suggester: Suggester, text: str, count: str
) -> None:
    found = spans(suggester, text)
    assert found[count][0] == "CASUALTY", found
    assert not any(label == "ACTOR" and key in count for key, (label, *_) in found.items()), found


def test_a_generic_agent_keeps_its_article_or_quantity(model: Suggester) -> None:
    assert "A suicide bomber" in spans(model, "A suicide bomber blew himself up at a checkpoint in Kano.")
    assert "Hundreds of protesters" in spans(model, "Hundreds of protesters marched in Nairobi on Tuesday.")
    assert "Three masked gunmen" in spans(model, "Three masked gunmen robbed a bank in Lagos.")
    found = spans(model, "Gunmen killed dozens of villagers in Zamfara.")
    assert found["dozens of villagers"][0] == "CASUALTY" and "villagers" not in found


# -- generic marks ------------------------------------------------------------------------------
def test_a_demonym_and_a_common_noun_is_a_generic_agent(suggester: Suggester) -> None:
    found = spans(suggester, "Kenyan troops clashed with al-Shabaab near Lamu.")
    assert found["Kenyan troops"] == ("ACTOR", "Military Forces of Kenya", True)
    assert found["al-Shabaab"][2] is None


# -- what names no party --------------------------------------------------------------------
def test_a_force_word_describing_a_thing_is_no_actor(model: Suggester) -> None:
    found = spans(model, "Gunmen attacked a police station and an army checkpoint in Zamfara.")
    assert set(found) == {"Gunmen"}, found
    assert "police" in spans(model, "Militants stormed the police headquarters in Kunduz.")


def test_a_speaking_common_noun_force_is_a_source(suggester: Suggester) -> None:
    found = spans(suggester, "Four sailors were hurt in the blast at the port, the navy said.")
    assert "navy" not in found
    if not suggester.pipeline.statistical:
        return  # without the model nothing finds 'navy' at all
    for own_act in ("The navy said it had detained six pirates.", "Police said that they arrested two men."):
        assert {"navy", "Police"} & set(spans(suggester, own_act)), own_act  # it reports its own act


def _candidate(doc: Doc, start: int, end: int, origin: str) -> Candidate:
    span = doc[start:end]
    return Candidate(span.start_char, span.end_char, "ACTOR", origin, 0, 0.5, {}, start, end, span.text)


def test_names_after_pro_or_anti_and_surnames_name_no_party() -> None:
    nlp = spacy.blank("en")
    doc = nlp("The cell is pro-Islamic State , Aminu Dogo said . Dogo said so .")
    first = next(t.i for t in doc if t.text == "Aminu")
    doc.ents = [Span(doc, first, first + 2, label="PERSON")]
    pro = next(t.i for t in doc if t.text == "Islamic")
    assert names_no_party(doc, _candidate(doc, pro, pro + 2, "gazetteer:actor:islamic_state"), set())
    surname = len(doc) - 4
    assert doc[surname].text == "Dogo"
    assert names_no_party(doc, _candidate(doc, surname, surname + 1, "model:x:ORG"), set())
    assert not names_no_party(doc, _candidate(doc, surname, surname + 1, "gazetteer:actor:x"), set())


def test_a_generic_agent_keeps_the_words_describing_it(model: Suggester) -> None:
    assert "Arab tribal fighters" in spans(model, "Arab tribal fighters attacked an outpost near Hasakah.")
    assert "student protesters" in spans(model, "Police fired on student protesters in Dhaka.")
    assert "a sniper" in spans(model, "In Taiz, a sniper shot dead a shopkeeper.")
    found = spans(model, "Kabul police arrested two men.")
    assert "police" in found and "Kabul police" not in found


def test_an_acronym_in_brackets_is_its_own_span_and_takes_no_members_word(suggester: Suggester) -> None:
    found = spans(
        suggester, "On Monday, the New People's Army (NPA) rebels ambushed a patrol in Samar, Philippines."
    )
    assert found["New People's Army"][:2] == ("ACTOR", "NPA: New People's Army")
    assert found["NPA"][:2] == ("ACTOR", "NPA: New People's Army")
    assert "rebels" not in found and "NPA) rebels" not in found
