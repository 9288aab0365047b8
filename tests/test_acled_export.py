"""ACLED CSV export (issue 14 item 6): coordinates from the place's gazetteer entry, undated
frames named in the report and written only with --include-undated, and `inter2` 0 for
one-sided events as ACLED writes them."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.formats.acled_csv import inter_codes
from annotator.nlp.coordinates import PlaceCoordinates
from annotator.services.annotations_json import load_annotations
from annotator.services.importing import import_paths
from annotator.store import Store

runner = CliRunner()
GOLD = Path(__file__).parent / "fixtures" / "gold_seeds.json"
TEXT = "Hundreds of protesters gathered in Herat on Sunday. Gunmen attacked a checkpoint in Kunduz."
TRIGGER = TEXT.index("gathered")
UNDATED = f"article 1: frame 'Protests' at {TRIGGER} has no event date: "


def export(db: Path, out: Path, *more: str) -> tuple[list[str], list[dict[str, str]]]:
    result = runner.invoke(
        app, ["export", "acled", "--db", str(db), "--annotator", "ana", "--out", str(out), *more]
    )
    assert result.exit_code == 0, result.output
    with (out / "events.acled.csv").open(encoding="utf-8") as handle:
        return result.stdout.splitlines(), list(csv.DictReader(handle))


def protest(**fields: Any) -> dict[str, Any]:
    return {
        "fields": {
            "event_type": "Protests",
            "sub_event_type": "Peaceful protest",
            "trigger_start": TRIGGER,
            "trigger_end": TRIGGER + len("gathered"),
            "event_date": "2021-06-06",
            "time_precision": 1,
            "actor1": "Protesters (Afghanistan)",
            "inter1": 6,
            "country": "Afghanistan",
            "admin1": "Herat",
            "location": "Herat",
            "geo_precision": 1,
            **fields,
        },
        "roles": {"location": [0]},
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """One article of ana's: a protest whose LOCATION span carries its gazetteer entry's
    coordinates, and an attack in Kunduz whose frame names its place only."""
    herat = TEXT.index("Herat")
    kunduz = TEXT.index("Kunduz")
    spans = [
        {
            "start": herat,
            "end": herat + 5,
            "label": "LOCATION",
            "normalized": {"gazetteer_id": "AF-HER-C", "name": "Herat", "latitude": 34.35, "longitude": 62.2},
        },
        {"start": kunduz, "end": kunduz + 6, "label": "LOCATION"},
    ]
    attack = {
        "fields": {
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "trigger_start": TEXT.index("attacked"),
            "trigger_end": TEXT.index("attacked") + 8,
            "event_date": "2021-06-06",
            "time_precision": 1,
            "actor1": "Unidentified Armed Group (Afghanistan)",
            "inter1": 3,
            "actor2": "Civilians (Afghanistan)",
            "country": "Afghanistan",
            "admin1": "Kunduz",
            "location": "Kunduz",
            "geo_precision": 1,
        },
        "roles": {},
    }
    task = {"text": TEXT, "spans": spans, "events": [protest(), attack]}
    path = tmp_path / "tasks.jsonl"
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    db = tmp_path / "p.db"
    result = runner.invoke(app, ["import", str(path), "--db", str(db), "--create", "--annotator", "ana"])
    assert result.exit_code == 0, result.output
    return db


def test_coordinates_come_from_the_location_span_else_the_gazetteer(project: Path, tmp_path: Path) -> None:
    lines, rows = export(project, tmp_path / "out")
    herat, kunduz = rows
    assert (herat["latitude"], herat["longitude"]) == ("34.35", "62.2")  # the span's entry
    assert (kunduz["latitude"], kunduz["longitude"]) == ("36.73", "68.86")  # the town in locations.json
    assert "  coordinates from location spans: 1" in lines
    assert "  coordinates from the gazetteer: 1" in lines
    assert not any("events without coordinates" in line for line in lines)


def test_a_frame_with_its_own_coordinates_keeps_them_and_an_unknown_place_has_none(
    project: Path, tmp_path: Path
) -> None:
    with Store(project) as store:
        herat, kunduz = store.events(1, annotator="ana")
        store.update_event(herat["id"], "ana", latitude=34.3482, longitude=62.1997)
        store.update_event(kunduz["id"], "ana", location="Nowhere Khel")
    lines, rows = export(project, tmp_path / "out")
    assert (rows[0]["latitude"], rows[0]["longitude"]) == ("34.3482", "62.1997")
    assert (rows[1]["latitude"], rows[1]["longitude"]) == ("", "")
    assert "  events without coordinates: 1" in lines


def test_the_gold_frames_get_their_places_coordinates(tmp_path: Path, seeds: Path) -> None:
    db = tmp_path / "team.db"
    with Store(db) as store:
        import_paths(store, [seeds])
        load_annotations(store, GOLD)
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", "acled", "--db", str(db), "--gold", "--out", str(out)])
    with (out / "events.acled.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert "  coordinates from the gazetteer: 11" in result.stdout.splitlines()
    assert all(r["latitude"] and r["longitude"] for r in rows)
    shahrak = next(r for r in rows if r["location"] == "Shahrak")
    assert (shahrak["latitude"], shahrak["longitude"]) == ("34.11", "64.31")  # the district, Ghor


def test_place_coordinates_need_one_point() -> None:
    locate = PlaceCoordinates()
    kunduz = {"location": "Kunduz", "country": "Afghanistan"}
    assert locate({**kunduz, "geo_precision": 1}) == (36.73, 68.86)  # the town
    assert locate({**kunduz, "geo_precision": 3}) == (36.8, 68.8)  # the province
    assert locate(kunduz) is None  # town or province: ambiguous, no guess
    assert locate({"location": "Kano", "country": "Nigeria", "geo_precision": 1}) == (12.0001, 8.5167)
    assert locate({"location": "Kano", "country": "Afghanistan"}) is None  # not in that country
    assert locate({"location": ""}) is None


def test_undated_frames_are_named_and_left_out(project: Path, tmp_path: Path) -> None:
    with Store(project) as store:
        herat = store.events(1, annotator="ana")[0]
        store.update_event(herat["id"], "ana", event_date=None, time_precision=None)
    lines, rows = export(project, tmp_path / "out")
    assert [r["location"] for r in rows] == ["Kunduz"]
    assert rows[0]["event_id_cnty"] == "AFG1"
    assert "  undated events left out: 1" in lines
    assert (
        "  note: "
        + UNDATED
        + "not written (--include-undated writes it with empty event_date, year and time_precision)"
    ) in lines
    assert "  events: 1" in lines


def test_include_undated_writes_them_with_empty_dates_and_still_names_them(
    project: Path, tmp_path: Path
) -> None:
    with Store(project) as store:
        herat = store.events(1, annotator="ana")[0]
        store.update_event(herat["id"], "ana", event_date=None, time_precision=None)
    lines, rows = export(project, tmp_path / "out", "--include-undated")
    undated = rows[0]
    assert undated["location"] == "Herat"
    assert (undated["event_date"], undated["year"], undated["time_precision"]) == ("", "", "")
    assert "  undated events written: 1" in lines
    assert "  note: " + UNDATED + "written with empty event_date, year and time_precision" in lines
    assert "  events: 2" in lines


def test_one_sided_events_have_inter2_zero(project: Path, tmp_path: Path) -> None:
    _, rows = export(project, tmp_path / "out")
    herat, kunduz = rows
    assert (herat["actor2"], herat["inter2"], herat["interaction"]) == ("", "0", "60")  # sole protesters
    assert (kunduz["inter2"], kunduz["interaction"]) == ("", "")  # actor2 named, its type unknown
    assert inter_codes({"inter1": 2, "inter2": 1, "actor2": "Military Forces"}) == (2, 1, 12)
    assert inter_codes({"inter1": 8}) == (8, 0, 80)
    assert inter_codes({"actor2": "Civilians (Afghanistan)", "inter1": 3}) == (3, None, None)
    assert inter_codes({}) == (None, None, None)
