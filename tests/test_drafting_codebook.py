"""The frame drafter takes event-type names and inter codes from the codebook it is given:
renaming a type in the codebook (and the cue list) renames it in every drafted frame, and
moving an actor-type mark moves the refinement with it. Nothing is hard-coded in nlp/."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from annotator.core.codebook import Codebook, load_codebook
from annotator.core.errors import InputError
from annotator.nlp.pipeline import MODEL_CANDIDATES
from annotator.nlp.suggester import Suggester
from annotator.paths import default_codebook_path, resources_dir

HAS_MODEL = any(importlib.util.find_spec(name) for name in MODEL_CANDIDATES)
MODELS = ["rules-only", pytest.param(None, marks=pytest.mark.skipif(not HAS_MODEL, reason="no model"))]

# each sentence reaches one branch of the drafter: a takeover (two-sided), a state force's
# takeover, a weapon that names the sub-event, an explosion with no participant, a clash
# refined by a weapon, an attack on civilians
TEXT = (
    "KABUL — Taliban fighters captured the Arghandab district of Kandahar province on Thursday "
    "after heavy clashes with Afghan soldiers, officials said.\n\n"
    "Afghan forces captured the Nawa district of Helmand on Friday.\n\n"
    "A roadside bomb exploded in Lashkar Gah on Wednesday, killing three people.\n\n"
    "An explosion shook Kunduz city on Sunday.\n\n"
    "Taliban fighters attacked Afghan soldiers with Katyushas in Ghazni on Tuesday.\n\n"
    "The Taliban attacked worshippers in Herat on Monday, killing four."
)
PUBLISHED = "2021-06-12T09:00:00+04:30"
RENAMED = {
    "Battles": "Armed fighting",
    "Explosions/Remote violence": "Remote violence",
    "Violence against civilians": "One-sided violence",
}


def rewritten(tmp_path: Path, replacements: dict[str, str]) -> tuple[Codebook, Path]:
    """A copy of the codebook and the cue list with `replacements` made in both."""
    files = {}
    for name, source in (
        ("codebook.toml", default_codebook_path()),
        ("cues.toml", resources_dir() / "cues.toml"),
    ):
        text = source.read_text(encoding="utf-8")
        for old, new in replacements.items():
            text = text.replace(old, new)
        files[name] = tmp_path / name
        files[name].write_text(text, encoding="utf-8")
    return load_codebook(files["codebook.toml"]), files["cues.toml"]


def frames(codebook: Codebook, model: str | None, cues: Path | None = None) -> list[dict]:
    suggester = Suggester.load(codebook, model=model, cues_path=cues)
    [result] = suggester.suggest([(1, TEXT, PUBLISHED)])
    return [f.fields for f in result.frames]


@pytest.mark.parametrize("model", MODELS)
def test_a_renamed_event_type_flows_into_every_drafted_frame(tmp_path: Path, model: str | None) -> None:
    book, cues = rewritten(tmp_path, {f'"{old}"': f'"{new}"' for old, new in RENAMED.items()})
    assert {e.name for e in book.event_types} >= set(RENAMED.values())
    default = frames(load_codebook(default_codebook_path()), model)
    assert {f["event_type"] for f in default} == set(RENAMED)  # every renamed type is drafted
    expected = [{**f, "event_type": RENAMED[f["event_type"]]} for f in default]
    assert frames(book, model, cues) == expected


def test_the_state_forces_mark_decides_which_actors_regain_territory(tmp_path: Path) -> None:
    book, cues = rewritten(
        tmp_path,
        {
            'name = "State forces"\nstate_forces = true': 'name = "State forces"',
            'name = "Rebel groups"': 'name = "Rebel groups"\nstate_forces = true',
        },
    )
    assert book.state_forces == 2
    takeovers = {
        (f["inter1"], f["sub_event_type"])
        for f in frames(book, "rules-only", cues)
        if f["trigger_text"] == "captured"
    }
    assert takeovers == {(2, "Government regains territory"), (1, "Non-state actor overtakes territory")}


def test_a_cue_needing_an_unmarked_type_is_refused_with_the_fix(tmp_path: Path) -> None:
    book, cues = rewritten(tmp_path, {"state_forces = true\n": ""})
    assert book.state_forces is None
    with pytest.raises(InputError) as raised:
        Suggester.load(book, model="rules-only", cues_path=cues)
    assert str(raised.value) == (
        f"{cues}: cue 'territory_taken': state_actor_sub_event_type needs a type marked "
        f"`state_forces = true` in the codebook {book.path}; mark one there or remove "
        "state_actor_sub_event_type from the cue"
    )
