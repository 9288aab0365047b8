"""Keys for place names written in many ways.

`exact_key` folds what never tells two places apart: case, diacritics, hyphens, apostrophes
and spacing ("Mazar-e-Sharif" and "Mazar e Sharif" share a key). `skeleton` goes further for
names transliterated from Pashto, Dari, Arabic, Urdu or Russian: the connectives -e-/-i-/-ye-
and the article al-/el-/ad-/ash- go, kh/q/k become one letter, -obod becomes -abad, and then
vowels and h are dropped ("Chishti" and "Chashti", "Khel" and "Kahil" meet). A skeleton is
only a way to find candidates: `close_enough` then bounds the edit distance of the exact keys.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein

_SEPARATORS = re.compile(r"[\s\-‐‑–—'’ʼʻ`´.]+")
_CONNECTIVE = re.compile(r"(?<=\w) (?:e|i|ye|yi|y) (?=\w)")
_ARTICLE = re.compile(r"(?:^| )(?:al|el|ad|ar|as|ash|an|at|az|ul|ud) (?=\w)")
_LETTERS = (("kh", "k"), ("gh", "g"), ("q", "k"), ("c", "k"), ("obod", "abad"), ("ou", "u"), ("w", "v"))
_VOWELS_AND_H = re.compile(r"[aeiouyh]")


def exact_key(text: str) -> str:
    """Lowercase, no diacritics, separators as one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", bare.lower()).strip()


_APOSTROPHES = str.maketrans(
    {"’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "`": "'", "´": "'", "ı": "i", "ł": "l", "ø": "o", "đ": "d"}
)


def ascii_name(text: str) -> str:
    """A name as ACLED writes it: diacritics gone, one kind of apostrophe ('Ségou' → 'Segou',
    'Ta‘izz' → "Ta'izz", 'Şanlıurfa' → 'Sanliurfa'); case and spacing kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def skeleton(text: str) -> str:
    """The consonants of a name once transliteration variants are unified (see module doc)."""
    return _VOWELS_AND_H.sub("", _unified(text))


def close_enough(text: str, name: str) -> bool:
    """Same skeleton of at least three consonants, the same first letter, and a bounded edit
    distance between the unified spellings (vowels kept): two edits for names up to eight
    letters, three beyond."""
    if len(skeleton(name)) < 3 or skeleton(text) != skeleton(name):
        return False
    a, b = _unified(text), _unified(name)
    if a[:1] != b[:1]:
        return False  # 'Marked' is not 'Umarkhed': spellings vary inside a name, not at its start
    bound = 2 if max(len(a), len(b)) <= 8 else 3
    return Levenshtein.distance(a, b, score_cutoff=bound) <= bound


def _unified(text: str) -> str:
    key = _ARTICLE.sub(" ", _CONNECTIVE.sub(" ", exact_key(text))).strip()
    key = key.replace("ch", "\x00")  # 'ch' stays one sound, apart from 'c' → 'k'
    for old, new in _LETTERS:
        key = key.replace(old, new)
    return key.replace("\x00", "c").replace(" ", "")
