"""Gazetteers kept as data in `resources/gazetteer/`: places, armed actors and weapons.

Each entry has a canonical name and spelling variants; `variants` match case-insensitively,
`case_sensitive_variants` (acronyms such as NDS, IED) only as written. The version is a
digest of the files, so suggestions made with an older gazetteer can be recognised.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import pycountry

from annotator.core.errors import InputError

if TYPE_CHECKING:
    from annotator.nlp.world_places import WorldIndex

#: ACLED geo precision implied by the kind of place a name denotes.
GEO_PRECISION = {
    "site": 1,
    "village": 1,
    "town": 1,
    "city": 1,
    "district": 2,
    "admin2": 2,
    "province": 3,
    "admin1": 3,
    "country": 3,
}


@dataclass(frozen=True)
class Entry:
    kind: str  # "location", "actor" or "weapon"
    id: str
    name: str
    data: dict[str, Any]

    @cached_property
    def forms_by_lower(self) -> dict[str, list[str]]:
        """The surface forms by their lower case, built once per entry."""
        forms: dict[str, list[str]] = {}
        for form, _ in self.names():
            forms.setdefault(form.lower(), []).append(form)
        return forms

    def names(self) -> Iterator[tuple[str, bool]]:
        """Every surface form with whether it must match case-sensitively (an acronym used
        as the name, 'ETA', matches only as written)."""
        seen: set[str] = set()
        for form in [self.name, *self.data.get("variants", [])]:
            if form.lower() not in seen:
                seen.add(form.lower())
                yield form, form == self.name and form.isupper()
        for form in self.data.get("case_sensitive_variants", []):
            yield form, True

    def normalised(self) -> dict[str, Any]:
        """The value stored with a suggestion that matched this entry."""
        data = self.data
        if self.kind == "location":
            iso2 = "AF" if self.id.startswith("AF") else self.id.split("-")[0]
            country = pycountry.countries.get(alpha_2=iso2)
            return {
                "gazetteer_id": self.id,
                "name": self.name,
                "type": data.get("type"),
                "country": data.get("country", "Afghanistan" if self.id.startswith("AF") else self.name),
                "country_iso2": country.alpha_2 if country else None,
                "country_iso3": country.alpha_3 if country else None,
                "admin1": data.get("admin1"),
                "admin2": data.get("admin2"),
                "latitude": data.get("lat"),
                "longitude": data.get("lon"),
                "geo_precision": GEO_PRECISION.get(data.get("type", ""), 3),
            }
        if self.kind == "actor":
            return {
                "gazetteer_id": self.id,
                "name": self.name,
                "acled_name": data.get("acled_name", self.name),
                "inter": data.get("inter"),
            }
        return {
            "gazetteer_id": self.id,
            "name": self.name,
            "sub_event_type": data.get("sub_event_type"),
        }


class Gazetteer:
    """The three gazetteer files of a folder, indexed by entry id."""

    FILES: ClassVar[dict[str, tuple[str, str]]] = {
        "location": ("locations.json", "locations"),
        "actor": ("actors.json", "actors"),
        "weapon": ("weapons.json", "weapons"),
    }
    #: More files of a kind, read when the folder has them: the world's named actors.
    EXTRA_FILES: ClassVar[tuple[tuple[str, tuple[str, str]], ...]] = (
        ("actor", ("actors_world.json", "actors")),
    )

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries: dict[str, Entry] = {}
        digest = hashlib.sha256()
        for kind, (filename, key) in [*self.FILES.items(), *self.EXTRA_FILES]:
            path = folder / filename
            if (kind, (filename, key)) in self.EXTRA_FILES and not path.is_file():
                continue
            raw = _read(path)
            digest.update(raw.encode("utf-8"))
            for entry in _entries(path, raw, key):
                ident = f"{kind}:{entry['id']}"
                self.entries[ident] = Entry(kind, entry["id"], entry["name"], entry)
        self.version = digest.hexdigest()[:12]

    def entry(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]

    @cached_property
    def world(self) -> WorldIndex:
        """Countries, first-level units and towns of the world (compiled once, cached)."""
        from annotator.nlp.world_places import load_world

        return load_world(self.folder)

    @cached_property
    def provinces(self) -> dict[str, Entry]:
        return {e.name: e for e in self.of_kind("location") if e.data.get("type") == "province"}


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot read gazetteer ({exc.strerror or exc})") from None


def _entries(path: Path, raw: str, key: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON ({exc.msg})", line=exc.lineno) from None
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(path, f"needs a top-level list '{key}'")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise InputError(path, f"entry {index} of '{key}' needs an 'id' and a 'name'")
    return entries


def default_gazetteer_dir() -> Path:
    from annotator.paths import resources_dir

    return resources_dir() / "gazetteer"
