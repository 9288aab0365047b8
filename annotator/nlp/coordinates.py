"""Coordinates of an event frame's place, from the gazetteers (for the ACLED export).

A frame keeps its place as names (`location`, `country`, `admin1`, `admin2`) and its precision
(`geo_precision`); the coordinates are those of the gazetteer entry the names denote: an entry
of `resources/gazetteer/locations.json` or a place of the world index (`world_places`) whose
name or variant has the location's key (`place_keys.exact_key`: case, diacritics and hyphens
folded). The names narrow the candidates: the country when given; admin1 and admin2 when some
candidate agrees (spellings of units differ between sources, so disagreeing ones are not taken
to be other places unless another candidate agrees); then the kind of place the frame's
`geo_precision` implies (1 a town, 2 a district, 3 a province or country: `GEO_PRECISION`).
What is left must be one point (several entries of one place are one point when they agree to
0.01 degree, about a kilometre); a name left ambiguous gives no coordinates, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.nlp.gazetteer import GEO_PRECISION, Gazetteer, default_gazetteer_dir
from annotator.nlp.place_keys import exact_key


@dataclass(frozen=True)
class _Candidate:
    country: str | None
    admin1: str | None
    admin2: str | None
    type: str
    lat: float
    lon: float


class PlaceCoordinates:
    """`(latitude, longitude)` of a frame's place, or None (see the module doc).

    The gazetteer is read on the first call, so an export that never asks costs nothing.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._gazetteer: Gazetteer | None = None
        self._by_key: dict[str, list[_Candidate]] | None = None

    def __call__(self, fields: dict[str, Any]) -> tuple[float, float] | None:
        name = fields.get("location")
        if not isinstance(name, str) or not name.strip():
            return None
        found = self._candidates(exact_key(name))
        found = [c for c in found if _same(c.country, fields.get("country"), required=True)]
        for level in ("admin1", "admin2"):
            agreeing = [c for c in found if _same(getattr(c, level), fields.get(level))]
            if fields.get(level) and agreeing:
                found = agreeing
        precision = fields.get("geo_precision")
        fitting = [c for c in found if GEO_PRECISION.get(c.type, 3) == precision]
        found = fitting or found
        points = {(round(c.lat, 2), round(c.lon, 2)) for c in found}
        if len(points) != 1:
            return None
        return found[0].lat, found[0].lon

    def _candidates(self, key: str) -> list[_Candidate]:
        if self._by_key is None:
            self._gazetteer = Gazetteer(self._folder or default_gazetteer_dir())
            self._by_key = {}
            for form_key, candidate in self._entries(self._gazetteer):
                self._by_key.setdefault(form_key, []).append(candidate)
        assert self._gazetteer is not None
        world = self._gazetteer.world
        places = [
            _Candidate(
                world.countries.get(p.iso2, (p.iso2, None))[0], p.admin1, p.admin2, p.type, p.lat, p.lon
            )
            for p in world.named(key)
            if p.lat is not None and p.lon is not None
        ]
        return [*self._by_key.get(key, []), *places]

    @staticmethod
    def _entries(gazetteer: Gazetteer) -> Iterator[tuple[str, _Candidate]]:
        for entry in gazetteer.of_kind("location"):
            value = entry.normalised()
            if value["latitude"] is None or value["longitude"] is None:
                continue
            candidate = _Candidate(
                value["country"],
                value["admin1"],
                value["admin2"],
                value["type"] or "",
                value["latitude"],
                value["longitude"],
            )
            for form in dict.fromkeys(exact_key(form) for form, _ in entry.names()):
                yield form, candidate


def _same(have: str | None, wanted: Any, *, required: bool = False) -> bool:
    """Whether a candidate's unit agrees with the frame's (a frame naming none agrees with all;
    a candidate naming none agrees unless `required`)."""
    if not isinstance(wanted, str) or not wanted.strip():
        return True
    if have is None:
        return not required
    return exact_key(have) == exact_key(wanted)
