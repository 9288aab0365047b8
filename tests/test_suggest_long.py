"""Articles longer than the pipeline's max_length are suggested in chunks of paragraphs,
with the article's own offsets."""

from __future__ import annotations

import pytest

from annotator.nlp.chunking import chunks
from annotator.nlp.pipeline import MODEL_CANDIDATES, load_installed
from annotator.nlp.suggester import Suggester

PARAGRAPH = (
    "KANDAHAR, Afghanistan — Gunmen attacked a police post in Kandahar on Monday, killing three "
    "officers, the provincial governor said.\n\nOn 4 March 2024 soldiers clashed with rebels near "
    "Goma; two civilians were wounded.\n\n"
)


@pytest.mark.parametrize("limit", [1, 7, 50, 300])
def test_chunks_cover_the_text_in_order_within_the_limit(limit: int) -> None:
    text = PARAGRAPH * 3 + "word" * 40
    parts = list(chunks(text, limit))
    assert "".join(chunk for _, chunk, _ in parts) == text
    assert all(text[base : base + len(chunk)] == chunk for base, chunk, _ in parts)
    assert [last for *_, last in parts] == [False] * (len(parts) - 1) + [True]
    assert all(len(chunk) <= limit for _, chunk, _ in parts)


def test_a_text_within_the_limit_is_one_chunk() -> None:
    assert list(chunks(PARAGRAPH, len(PARAGRAPH))) == [(0, PARAGRAPH, True)]


def test_an_article_over_max_length_has_exact_offsets(rules_only: Suggester, monkeypatch) -> None:
    text = PARAGRAPH * 40
    monkeypatch.setattr(rules_only.pipeline.nlp, "max_length", 1000)
    [long] = rules_only.suggest([(1, text, "2024-03-05")])
    assert long.spans and max(s.start for s in long.spans) > len(text) - 1000
    assert all(text[s.start : s.end] == s.text for s in long.spans)
    triggers = [f.fields for f in long.frames if f.fields.get("trigger_start") is not None]
    assert triggers and max(t["trigger_start"] for t in triggers) > len(text) - 1000
    assert all(text[t["trigger_start"] : t["trigger_end"]] == t["trigger_text"] for t in triggers)
    assert all(0 <= i < len(long.spans) for f in long.frames for ids in f.roles.values() for i in ids)
    monkeypatch.undo()
    [whole] = rules_only.suggest([(1, PARAGRAPH, "2024-03-05")])
    first = [(s.start, s.end, s.label) for s in long.spans if s.end <= len(PARAGRAPH)]
    assert first == [(s.start, s.end, s.label) for s in whole.spans]


def test_the_plain_spacy_baseline_reads_a_long_text_in_chunks_with_its_offsets(monkeypatch) -> None:
    """`evaluate --baseline` on an article past max_length: the same entities, chunk by chunk,
    at the article's offsets (not E088)."""
    from annotator.nlp import baseline

    nlp = next((n for name in MODEL_CANDIDATES if (n := load_installed(name)) is not None), None)
    if nlp is None:
        pytest.skip("no pretrained pipeline installed")
    monkeypatch.setattr(baseline, "_load", lambda model: nlp)
    short, text = PARAGRAPH * 2, PARAGRAPH * 12
    [whole] = list(baseline.baseline_spans([short]))
    monkeypatch.setattr(nlp, "max_length", len(PARAGRAPH) + 10)  # one paragraph pair a chunk
    [one, long] = list(baseline.baseline_spans([short, text]))
    assert one == whole and whole
    assert len(long) == 6 * len(whole) and max(s for s, _, _ in long) > len(text) - len(PARAGRAPH)
    assert [text[s:e] for s, e, _ in long] == [short[s:e] for s, e, _ in whole] * 6
