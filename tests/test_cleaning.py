from pathlib import Path

import pytest

from annotator.core.cleaning import clean_article as clean_with
from annotator.formats.base import build_record, default_ingest_rules


def clean_article(raw: str):
    return clean_with(raw, default_ingest_rules())


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("prefix", "published"),
    [
        ("000", "2021-06-07T21:44:00"),
        ("001", "2021-06-10"),
        ("002", None),
        ("003", "2021-07-08"),
        ("004", "2020-10-22T04:20:00+05:30"),
    ],
)
def test_seed_publication_dates(prefix: str, published: str | None) -> None:
    assert clean_article(seed(prefix)).published_at == published


def test_article_without_header_date_is_flagged_not_guessed() -> None:
    # 002 has "July 7, 2021" in a photo caption: that is not a publication date.
    record = build_record(seed("002"), "002.txt")
    assert record.published_at is None
    assert record.flags == ["no_publication_date"]


def test_header_lines_become_metadata_and_leave_the_text() -> None:
    cleaned = clean_article(seed("000"))
    assert cleaned.meta["news_id"] == "90991"
    assert "News ID" not in cleaned.text
    assert "Publish Date" not in cleaned.text
    assert cleaned.text.startswith("KABUL (Dispatches) – At least 150 Afghan troops")
    assert cleaned.source == "Dispatches"
    assert cleaned.meta["dateline"] == "KABUL"


def test_inline_date_prefix_is_cut_from_the_first_line() -> None:
    cleaned = clean_article(seed("001"))
    assert cleaned.text.startswith("Casualties among Afghan troops have been shockingly high")
    assert cleaned.title is None  # a lede sentence, not a headline


def test_titles_and_sources() -> None:
    assert clean_article(seed("002")).title == ("Afghan army drives out Taliban in western town, reports say")
    third = clean_article(seed("003"))
    assert third.title == "Taliban launches an assault on Afghan city"
    assert third.source == "AFP"
    assert "AFP, KABUL" not in third.text
    fourth = clean_article(seed("004"))
    assert fourth.title.startswith("Afghan security forces suffer major casualties")
    assert fourth.source == "ANI"


@pytest.mark.parametrize(
    ("prefix", "gone"),
    [
        ("000", ["* Comment:"]),
        (
            "002",
            [
                "Leave a Reply",
                "Back to top button",
                "Click here to see the interactive BBC",
                "Your email address will not be published",
            ],
        ),
        ("004", ["Advertisement", "(With ANI inputs)", "04:20 IST, October 22nd 2020"]),
    ],
)
def test_boilerplate_is_removed_from_text_but_raw_text_stays_whole(prefix: str, gone: list[str]) -> None:
    raw = seed(prefix)
    record = build_record(raw, f"{prefix}.txt")
    assert record.raw_text == raw
    for line in gone:
        assert line in raw
        assert line not in record.text


def test_content_lines_that_resemble_boilerplate_survive() -> None:
    raw = (
        "Published: 2021-06-07\n\n"
        "Click here to register was the message a long paragraph of real reporting began with, "
        "and it goes on well beyond what a button label or a navigation link would ever say, "
        "naming districts, dates and the officials who spoke to reporters about the attack.\n"
        "Advertisement for recruits was posted by the militants in the district bazaar.\n"
    )
    text = clean_article(raw).text
    assert "Click here to register" in text
    assert "Advertisement for recruits" in text


def test_whitespace_is_tidied_and_text_is_nfc() -> None:
    raw = "Date: 2021-06-07\r\n\r\n\r\n\r\n  First line of the story.  \r\n\r\n\r\nCafe\u0301 attacked."
    cleaned = clean_article(raw)
    assert cleaned.text == "First line of the story.\n\nCafé attacked."
    assert "\u0301" not in cleaned.text


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Posted on June 7, 2021 at 9:44 pm", "2021-06-07T21:44:00"),
        ("Updated: 8 June 2021\nPublished: 7 June 2021", "2021-06-07"),
        ("Date published: 2021-06-07T16:14:00Z", "2021-06-07T16:14:00+00:00"),
        ("By Ahmad Shah\nJune 7, 2021", "2021-06-07"),
        (
            "Title: Clashes in Kunduz\nPublished on 07.06.2021 14:30 PKT",
            "2021-06-07T14:30:00+05:00",
        ),
    ],
)
def test_other_header_styles(header: str, expected: str) -> None:
    body = "\nTaliban fighters attacked a checkpoint in Kunduz, officials said on Monday.\n"
    assert clean_article(header + body).published_at == expected


def test_byline_and_title_header_fields() -> None:
    cleaned = clean_article(
        "Title: Clashes in Kunduz\nBy Ahmad Shah\nDate: 2021-06-07\n\nFighting erupted overnight."
    )
    assert cleaned.title == "Clashes in Kunduz"
    assert cleaned.meta["author"] == "Ahmad Shah"
    assert "By Ahmad Shah" not in cleaned.text


def _naive_trailer(lines: list[str]) -> list[str]:
    """The trailing datelines as the rule states it: dates among the last three non-blank
    lines of an article of more than three."""
    from annotator.core.pubdate import parse_date

    content = [line for line in lines if line]
    return [line for line in content[-3:] if parse_date(line)] if len(content) > 3 else []


def test_the_combined_candidate_pattern_and_the_trailer_scan_change_nothing() -> None:
    """The one combined pattern that lets most lines through untested is a shortcut only: with
    it and without it (every rule tried on every line) the cleaned article is the same; the
    trailer found from the end is the one the rule states."""
    import dataclasses
    import random

    from annotator.core.cleaning import CleanedArticle, Line, _drop_trailing_datelines

    rules = default_ingest_rules()
    plain = dataclasses.replace(rules, candidate=None)
    pieces = [
        "Advertisement",
        "Kabul was shelled on Sunday, officials said.",
        "AFP, KABUL",
        "(With ANI inputs)",
        "",
        "Source: Pajhwok Afghan News",
        "Leave a Reply",
        "7 June 2021",
        "2021-06-08 10:15",
        "Click here to see more",
        "  Share on Facebook | Twitter  ",
        "Published: 2021-06-07",
    ]
    rng = random.Random(3)
    for _ in range(400):
        raw = "\n".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        if raw.strip():
            assert clean_with(raw, rules) == clean_with(raw, plain), raw
        texts = [rng.choice(pieces).strip() for _ in range(rng.randint(0, 8))]
        out = CleanedArticle(text="")
        kept = _drop_trailing_datelines([Line(text, n) for n, text in enumerate(texts)], out)
        assert out.meta.get("trailing_datelines", []) == _naive_trailer(texts), texts
        assert [line.text for line in kept] == [
            "" if n in _trailer_indexes(texts) else text for n, text in enumerate(texts)
        ]


def _trailer_indexes(texts: list[str]) -> set[int]:
    from annotator.core.pubdate import parse_date

    content = [n for n, text in enumerate(texts) if text]
    return {n for n in content[-3:] if parse_date(texts[n])} if len(content) > 3 else set()
