import pytest

from annotator.core.offsets import Utf16Map
from annotator.nlp.tokens import TokenBounds

TEXTS = [
    "Kabul 🇦🇫 was shelled 💥 on Monday.",
    "د طالبانو جګړه په کندهار کې 😀 Qaisar",
    "Cafe\u0301 attack in Qala-e-Naw 👍🏽 and 𝒳 math",
    "plain ascii text",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_round_trip_for_every_offset(text: str) -> None:
    mapping = Utf16Map(text)
    encoded = text.encode("utf-16-le")
    for cp in range(len(text) + 1):
        u16 = mapping.to_utf16(cp)
        assert encoded[: u16 * 2].decode("utf-16-le") == text[:cp]
        assert mapping.to_codepoint(u16) == cp
    assert mapping.utf16_length == len(encoded) // 2


def test_inside_a_surrogate_pair_maps_to_the_character_start() -> None:
    mapping = Utf16Map("a💥b")
    assert mapping.to_codepoint(2) == 1


def test_token_snapping() -> None:
    text = "Taliban fighters seized Qala-e-Naw on Wednesday."
    bounds = TokenBounds(text)
    start = text.index("ighters")
    assert bounds.snap(start, start + 3) == (text.index("fighters"), text.index("fighters") + 8)
    span = bounds.snap(text.index("Naw"), text.index("Naw") + 1)
    assert text[span[0] : span[1]] == "Naw"
    assert bounds.snap(7, 8) is None  # only a space
    assert bounds.next_boundary(text.index(" seized"), forward=True, ends=True) == text.index(" Qala")
