"""Issue 13 item 2: an article past spaCy's max_length (1,000,000 characters) exports in every
format, with its spans where they were (the tokenizer has no length limit; only whole-pipeline
calls do, and exports need none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.codebook import load_codebook
from annotator.core.model import ArticleRecord
from annotator.formats.registry import EXPORTERS
from annotator.paths import default_codebook_path
from annotator.services.exporting import export_project
from annotator.store import Store

PARAGRAPH = "Gunmen attacked a police post in Kandahar on Monday, the governor said. 😀 Rebels fled.\n\n"
TEXT = PARAGRAPH * (1_050_000 // len(PARAGRAPH) + 1)
AT = PARAGRAPH.index("Kandahar")
PLACES = [n * len(PARAGRAPH) + AT for n in range(0, len(TEXT) // len(PARAGRAPH), 997)]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long.db"
    with Store(path) as store:
        [(article, _)] = store.add_articles([ArticleRecord(raw_text=TEXT, text=TEXT, title="Long")])
        with store.batch():
            for start in PLACES:
                store.add_span(article, "ana", start, start + 8, "LOCATION", status="accepted")
        store.set_status(article, "ana", "done")
    return path


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_an_article_past_max_length_exports(fmt: str, project: Path, tmp_path: Path) -> None:
    assert len(TEXT) > 1_000_000
    with Store(project) as store:
        report = export_project(
            store, fmt, tmp_path / fmt, load_codebook(default_codebook_path()), annotator="ana", force=True
        )
    assert not report.counts.get("spans_not_alignable"), report.notes
    written = [p for p in (tmp_path / fmt).rglob("*") if p.is_file()]
    assert written and all(p.stat().st_size for p in written if p.suffix not in {".ann"})
    if "spans" in report.counts:
        assert report.counts["spans"] == len(PLACES), report.counts
