"""Token boundaries block by block are those of spaCy's tokenizer over the whole text."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.nlp.tokens import TokenBounds, block_starts

NLP = spacy.blank("en")
PIECES = st.sampled_from(
    [
        "Kabul",
        "U.S.",
        "don't",
        "Qala-e-Naw",
        "3,000",
        "(AP)",
        "—",
        "said:",
        "e-mail",
        "http://x.org/a",
        "😀",
        "🇦🇫",
        "𝒳",
        "Café",
        "a\u0301",
        "’s",
        "...",
        "!",
        "?",
        ":)",
        "10km",
        "$5",
        "#tag",
        "@user",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\xa0",
        " \n ",
        "\u2003",
        "\r\n",
    ]
)
TEXTS = st.lists(PIECES | st.text(max_size=4), max_size=60).map("".join)


def whole(text: str) -> tuple[list[int], list[int]]:
    doc = NLP.make_doc(text)
    return [t.idx for t in doc if not t.is_space], [t.idx + len(t.text) for t in doc if not t.is_space]


def snapped(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int] | None:
    """The whole-text computation snapping used before blocks."""
    if not starts or end <= start:
        return None
    first, last = bisect_right(ends, start), bisect_left(starts, end) - 1
    return None if first > last else (starts[first], ends[last])


def boundary(points: list[int], offset: int, forward: bool) -> int:
    if forward:
        index = bisect_right(points, offset)
        return points[index] if index < len(points) else offset
    index = bisect_left(points, offset) - 1
    return points[index] if index >= 0 else offset


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.integers(1, 12), st.data())
def test_blocks_give_the_whole_text_tokens_snaps_and_boundaries(text: str, size: int, data) -> None:
    starts, ends = whole(text)
    bounds = TokenBounds(text, block=size)
    blocks = [bounds.block_tokens(i) for i in range(len(bounds.blocks))]
    assert ([s for b in blocks for s in b[0]], [e for b in blocks for e in b[1]]) == (starts, ends)
    for _ in range(10):
        start = data.draw(st.integers(-1, len(text) + 1))
        end = data.draw(st.integers(-1, len(text) + 1))
        lazy = TokenBounds(text, block=size)  # fresh: only the blocks asked for are tokenized
        assert lazy.snap(start, end) == snapped(starts, ends, start, end)
        for forward in (True, False):
            assert lazy.next_boundary(start, forward=forward, ends=True) == boundary(ends, start, forward)
            assert lazy.next_boundary(start, forward=forward, ends=False) == boundary(starts, start, forward)


def test_blocks_start_at_whitespace_and_only_asked_blocks_are_tokenized() -> None:
    text = ("Rebels shelled the town of Goma on Monday. " * 40 + "\n") * 50
    bounds = TokenBounds(text, block=256)
    assert len(bounds.blocks) > 10 and all(text[b].isspace() for b in bounds.blocks[1:])
    middle = len(text) // 2
    assert bounds.snap(middle, middle + 1) is not None
    assert len(bounds._tokens) <= 2


def test_no_length_limit() -> None:
    text = "Troops entered the city. " * 60_000  # 1.5 M characters, over spaCy's max_length
    bounds = TokenBounds(text)
    end = len(text) - 2
    assert bounds.snap(end - 3, end) == (text.rindex("city"), text.rindex("city") + 4)
    assert block_starts(text)[-1] < len(text)
