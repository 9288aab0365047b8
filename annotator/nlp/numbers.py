"""English number words and digits to integers ("twenty-three", "1,000", "a dozen")."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
    "single": 1,
    "dozen": 12,
    "couple": 2,
    "pair": 2,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


def is_number_word(word: str) -> bool:
    lower = word.lower()
    return lower in UNITS or lower in SCALES or bool(_DIGITS.match(lower))


def parse_number(text: str) -> int | None:
    """The integer a number phrase denotes, or None if it is not one.

    Handles digits with thousands separators, words with hyphens and "and"
    ("one hundred and fifty"), "a dozen", "two dozen", "3 hundred".
    """
    words = [w for w in re.split(r"[\s-]+", text.strip().lower()) if w and w != "and"]
    if not words:
        return None
    total = current = 0
    seen = False
    for word in words:
        if _DIGITS.match(word):
            current += int(word.replace(",", ""))
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in UNITS:
            current += UNITS[word]
        elif word in SCALES:
            scale = SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None
