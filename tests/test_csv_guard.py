"""The CSV formula guard (OWASP CSV injection): exact cells read back with the csv module."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.formats.acled_csv import safe_cell
from annotator.services.annotations_json import load_annotations
from annotator.services.importing import import_paths
from annotator.store import Store

GOLD = Path(__file__).parent / "fixtures" / "gold_seeds.json"

GUARDED = [
    "=1+1",
    " =1+1",
    "  \t=1+1",
    "\n=1+1",
    "\r\n=1+1",
    "\u3000=1+1",
    "\uff1d1+1",
    " \uff0b1",
    "\uff0d1",
    "\uff20SUM(A1)",
    "\ufe661+1",
    "+1",
    "-1 dead",
    "@SUM(A1)",
    "\tplain",
    "\rplain",
]
KEPT = ["plain", "1+1", "a=b", "", " plain", "\nplain", "10 killed", "'=already"]


def read_back(values: list[object]) -> list[str]:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow([safe_cell(v) for v in values])
    buffer.seek(0)
    return next(csv.reader(buffer))


@pytest.mark.parametrize("value", GUARDED)
def test_formula_cells_get_an_apostrophe(value: str) -> None:
    assert read_back([value]) == ["'" + value]


@pytest.mark.parametrize("value", KEPT)
def test_plain_text_is_kept(value: str) -> None:
    assert read_back([value]) == [value]


def test_numbers_stay_numbers() -> None:
    assert read_back([-5.5, -1, 0, 33.25]) == ["-5.5", "-1", "0", "33.25"]


def test_acled_export_guards_padded_and_fullwidth_formulas(tmp_path: Path, seeds: Path) -> None:
    project = tmp_path / "team.db"
    with Store(project) as store:
        import_paths(store, [seeds])
        load_annotations(store, GOLD)
        first, second = store.events(1, annotator="gold")[:2]
        store.update_event(first["id"], "gold", notes=" =1+1", location="\n=HYPERLINK(1)", longitude=-5.5)
        store.update_event(second["id"], "gold", notes="\uff1d1+1", admin1="\t@x")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["export", "acled", "--db", str(project), "--gold", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with (out / "events.acled.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_notes = {r["notes"]: r for r in rows}
    assert by_notes["' =1+1"]["location"] == "'\n=HYPERLINK(1)"
    assert by_notes["' =1+1"]["longitude"] == "-5.5"
    assert by_notes["'\uff1d1+1"]["admin1"] == "'\t@x"
