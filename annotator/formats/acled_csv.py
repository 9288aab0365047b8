"""ACLED-style events CSV: ACLED's 31 columns in ACLED's order, one row per frame.

Layout: `events.acled.csv`, UTF-8, a header row of `COLUMNS`, then one row per event frame of
the exported articles, in article order. Cells come from the frame's fields; what ACLED
derives is derived here:

- `event_id_cnty`: the country's ISO 3166 alpha-3 code and the row's number (`XXX` unknown);
  `iso` its numeric code, `region` ACLED's region (`REGIONS`), `disorder_type` the codebook's.
- `event_date`, `year`, `time_precision`: the frame's date. A frame without a date is not
  written (ACLED has no undated events) and is named in the report; with the option
  `include_undated` (`--include-undated`) it is written with these three cells empty, and
  still named.
- `inter1`, `inter2`, `interaction`: `inter_codes`; one-sided events get `inter2` 0.
- `latitude`, `longitude`: the frame's own when either is set; else those of the LOCATION span linked
  as its location (the gazetteer entry the span was normalised to); else those the option
  `locate` finds for its place names (the export service passes `nlp.coordinates`, the
  gazetteers); else empty. The report counts each source and the events left without.
- `civilian_targeting`: "Civilian targeting" or empty; `fatalities` 0 when not given;
  `source` the frame's or the article's; `source_scale` and `tags` empty; `timestamp` the
  export's time (Unix seconds).

Text cells that a spreadsheet would read as a formula get a leading apostrophe (`safe_cell`,
after OWASP's CSV injection guidance); numbers stay numbers.
"""

from __future__ import annotations

import csv
import time
import unicodedata
from collections.abc import Callable
from typing import Any

import pycountry

from annotator.core.annotated import AnnotatedArticle, FrameRecord
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
    """ACLED's interaction code: the two inter codes, smaller first (12); one actor alone
    (the other 0 or unknown) its code times ten (20)."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return codes[0] * 10 if len(codes) == 1 else codes[0] * 10 + codes[1]


def inter_codes(fields: dict[str, Any]) -> tuple[int | None, int | None, int | None]:
    """`inter1`, `inter2` and `interaction` of a frame as ACLED writes them.

    A one-sided event (no `actor2`: a protest, a sole rebel action) has `inter2` 0 and the
    interaction `inter1` x 10. ACLED's codebook names these "sole" interactions (10 Sole State
    Forces action ... 80 Sole Other action; ACLED Codebook, "Interaction codes"), and ACLED's
    numeric data files write `inter2` 0 for them: ACLED's own R package reads inter codes
    0 to 8 and interactions 10..80 as "Sole ..." (acledR, `acled_transform_interaction`).
    Only a missing actor makes a 0: an `actor2` named without its inter code leaves `inter2`
    and `interaction` empty (unknown, not one-sided), as does a frame without `inter1`.
    """
    inter1, inter2 = fields.get("inter1"), fields.get("inter2")
    if inter2 is None and not fields.get("actor2") and inter1 is not None:
        inter2 = 0
    if inter1 is None or inter2 is None:
        return inter1, inter2, None
    return inter1, inter2, interaction(inter1, inter2)


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
    inter1, inter2, interaction_code = inter_codes(f)
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
        "inter1": inter1,
        "actor2": f.get("actor2"),
        "assoc_actor_2": f.get("assoc_actor_2"),
        "inter2": inter2,
        "interaction": interaction_code,
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


Locate = Callable[[dict[str, Any]], "tuple[float, float] | None"]


def coordinates(
    frame: FrameRecord, article: AnnotatedArticle, locate: Locate | None
) -> tuple[tuple[float | None, float | None] | None, str]:
    """The frame's latitude and longitude and where they came from ("frame", "location span",
    "gazetteer"; None and "none" when nothing gives them): see the module doc."""
    f = frame.fields
    if f.get("latitude") is not None or f.get("longitude") is not None:  # the annotator's own
        return (f.get("latitude"), f.get("longitude")), "frame"
    for index in frame.roles.get("location", []):
        value = (article.spans[index].normalized if 0 <= index < len(article.spans) else None) or {}
        if value.get("latitude") is not None and value.get("longitude") is not None:
            return (value["latitude"], value["longitude"]), "location span"
    found = locate(f) if locate else None
    return (found, "gazetteer") if found else (None, "none")


COORDINATE_COUNTS = {
    "location span": "coordinates_from_location_spans",
    "gazetteer": "coordinates_from_the_gazetteer",
    "none": "events_without_coordinates",
}


@exporter
class AcledCsvExporter(ArticleExporter[tuple[csv.DictWriter, int]]):
    """Options: `include_undated` (default False), `locate` (a frame's fields -> coordinates)."""

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
        include_undated = bool(job.options.get("include_undated"))
        for frame in article.frames:
            if not frame.fields.get("event_date"):
                job.report.notes.append(undated_note(frame, article, include_undated))
                if not include_undated:
                    job.report.counts["undated_events_left_out"] += 1
                    continue
                job.report.counts["undated_events_written"] += 1
            job.report.counts["events"] += 1
            values = row(frame.fields, article, job.report.counts["events"], job.codebook, stamp)
            point, source = coordinates(frame, article, job.options.get("locate"))
            if point is not None:
                values["latitude"], values["longitude"] = point
            if source in COORDINATE_COUNTS:
                job.report.counts[COORDINATE_COUNTS[source]] += 1
            writer.writerow({k: "" if v is None else safe_cell(v) for k, v in values.items()})


def undated_note(frame: FrameRecord, article: AnnotatedArticle, written: bool) -> str:
    """The report's line on a frame without an event date: which frame, and what was done."""
    name = frame.fields.get("event_type") or "no event type"
    where = frame.fields.get("trigger_start")
    at = f" at {where}" if where is not None else ""
    done = (
        "written with empty event_date, year and time_precision"
        if written
        else "not written (--include-undated writes it with empty event_date, year and time_precision)"
    )
    return f"article {article.meta.get('id')}: frame '{name}'{at} has no event date: {done}"
