"""ACLED-style events CSV: ACLED's 31 columns in ACLED's order, one row per frame.

`interaction` is computed as ACLED does: the two actors' inter codes, smaller first
(12 = state forces vs rebels); one actor alone gives its code times ten (20). Text cells
that a spreadsheet would read as a formula get a leading apostrophe (`safe_cell`, after
OWASP's CSV injection guidance); numbers stay numbers.
"""

from __future__ import annotations

import csv
import time
import unicodedata
from typing import Any

import pycountry

from annotator.core.annotated import AnnotatedArticle
from annotator.core.codebook import Codebook
from annotator.formats.registry import ArticleExporter, ExportJob, exporter

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
#: ACLED's regions for the countries this project's gazetteer knows.
REGIONS = {
    "Afghanistan": "South Asia",
    "Pakistan": "South Asia",
    "India": "South Asia",
    "Iran": "Middle East",
    "Tajikistan": "Caucasus and Central Asia",
    "Uzbekistan": "Caucasus and Central Asia",
    "Turkmenistan": "Caucasus and Central Asia",
    "Qatar": "Middle East",
    "China": "East Asia",
    "Russia": "Europe",
    "United States": "North America",
}
#: First characters a spreadsheet reads as a formula (OWASP CSV injection); fullwidth forms
#: (＝ ＋ － ＠) and small forms are folded onto these by NFKC before the check.
FORMULA_START = ("=", "+", "-", "@")


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return codes[0] * 10 if len(codes) == 1 else codes[0] * 10 + codes[1]


def safe_cell(value: Any) -> Any:
    """`value` with a leading apostrophe if a spreadsheet would read it as a formula.

    A text cell is guarded when it starts with a tab or CR, or when its first character after
    leading whitespace (spaces, tabs, newlines) is = + - @ or a fullwidth/small form of one
    (`＝1+1`): spreadsheets skip that whitespace and some fold those forms. Numbers (negative
    latitudes, fatalities) are not text and stay as they are.
    """
    if not isinstance(value, str):
        return value
    rest = value.lstrip()
    if value.startswith(("\t", "\r")) or unicodedata.normalize("NFKC", rest[:1]).startswith(FORMULA_START):
        return "'" + value
    return value


def country_codes(name: str | None) -> tuple[int | None, str | None]:
    if not name:
        return None, None
    try:
        country = pycountry.countries.lookup(name)
    except LookupError:
        return None, None
    return int(country.numeric), country.alpha_3


def row(
    frame_fields: dict[str, Any], article: AnnotatedArticle, number: int, codebook: Codebook, stamp: int
) -> dict[str, Any]:
    f = frame_fields
    event_type = codebook.event_type(f.get("event_type") or "")
    sub = event_type.sub_event(f.get("sub_event_type") or "") if event_type else None
    country = f.get("country")
    iso, alpha3 = country_codes(country)
    date = f.get("event_date")
    return {
        "event_id_cnty": f"{alpha3 or 'XXX'}{number}",
        "event_date": date,
        "year": int(date[:4]) if date else None,
        "time_precision": f.get("time_precision"),
        "disorder_type": sub.disorder_type if sub else (event_type.disorder_type if event_type else None),
        "event_type": f.get("event_type"),
        "sub_event_type": f.get("sub_event_type"),
        "actor1": f.get("actor1"),
        "assoc_actor_1": f.get("assoc_actor_1"),
        "inter1": f.get("inter1"),
        "actor2": f.get("actor2"),
        "assoc_actor_2": f.get("assoc_actor_2"),
        "inter2": f.get("inter2"),
        "interaction": interaction(f.get("inter1"), f.get("inter2")),
        "civilian_targeting": "Civilian targeting" if f.get("civilian_targeting") else "",
        "iso": iso,
        "region": REGIONS.get(country or ""),
        "country": country,
        "admin1": f.get("admin1"),
        "admin2": f.get("admin2"),
        "admin3": f.get("admin3"),
        "location": f.get("location"),
        "latitude": f.get("latitude"),
        "longitude": f.get("longitude"),
        "geo_precision": f.get("geo_precision"),
        "source": f.get("source") or article.meta.get("source"),
        "source_scale": "",
        "notes": f.get("notes") or "",
        "fatalities": f.get("fatalities") or 0,
        "tags": "",
        "timestamp": stamp,
    }


@exporter
class AcledCsvExporter(ArticleExporter[tuple[csv.DictWriter, int]]):
    name = "acled"
    description = "ACLED-style events CSV (31 columns)"

    def begin(self, job: ExportJob) -> tuple[csv.DictWriter, int]:
        writer = csv.DictWriter(job.open("events.acled.csv", newline=""), fieldnames=COLUMNS)
        writer.writeheader()
        job.report.counts["events"] = 0
        return writer, int(time.time())

    def write(
        self, job: ExportJob, state: tuple[csv.DictWriter, int], number: int, article: AnnotatedArticle
    ) -> None:
        writer, stamp = state
        for frame in article.frames:
            job.report.counts["events"] += 1
            values = row(frame.fields, article, job.report.counts["events"], job.codebook, stamp)
            writer.writerow({k: "" if v is None else safe_cell(v) for k, v in values.items()})
