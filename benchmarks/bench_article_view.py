"""Long articles in the real workspace window, each figure beside its baseline in the same run.

The window is the application's own (`build_window`: `QtMainWindow` with its `QtArticleView`,
session and store), offscreen, 1280 x 900. Every timing ends with the text painted: pending
events processed and the view's viewport repainted. Figures are medians of `--rounds` rounds.

- open: `open_article` (the state read and the text document built off the GUI thread, then
  shown) until painted, with the event loop waiting as the application's does, against a bare
  `QTextEdit.setPlainText` of the same text plus its first paint; also, in a second open, the
  longest the GUI thread was blocked (a 0 ms timer's longest gap);
- accept (A), reject (X), relabel (a label key) and Tab (next suggestion), key press to
  repaint, in the long article against the same keys in a 500-word article;
- scrolling page by page through the long article against a bare `QPlainTextEdit` with the
  same text and size: median and worst frame;
- 200,000 words / 20,000 spans: the longest frame while opening, scrolling and accepting;
- memory: resident set of a fresh process with the window on the long article against one on
  the 500-word article;
- `annotator suggest` on one 200,000-word article: time, and whether every planted place name
  was found at its exact offsets (a shifted chunk would misplace them).

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/bench_article_view.py [--rounds 3] [--write]
(`--write` replaces this benchmark's section of benchmarks/RESULTS.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit

from annotator.core.codebook import load_codebook
from annotator.core.model import SUGGESTER_ANNOTATOR, ArticleRecord
from annotator.gui.app import build_window
from annotator.gui.qt_main_window import QtMainWindow, default_settings
from annotator.paths import default_codebook_path
from annotator.store import Store

PLACES = ["Kandahar", "Maiduguri", "Goma", "Mosul", "Timbuktu", "Aleppo", "Cauca", "Mandalay"]
ACTORS = ["Boko Haram", "the ELN", "Hezbollah", "al-Shabaab", "the Taliban", "the M23"]
SENTENCES = [
    "Fighters of {actor} attacked an army post near {place} on Monday, officials said.",
    "At least {n} people were killed and another {m} wounded when a bomb went off in {place}.",
    "Residents of {place} said the shelling lasted until dawn and that {actor} withdrew.",
    "The governor told reporters that {actor} had blocked the road to {place} for a week.",
    "Aid groups said {n} families had fled {place} since the clashes began last month.",
    "Security forces arrested {n} suspected members of {actor} in a raid outside {place}.",
    "Protesters marched through {place} demanding the release of detained students.",
    "The report, which cites {n} witnesses, says {actor} recruited children in {place}.",
]
WIDTH, HEIGHT = 1280, 900
SECTION = "## Long articles in the window (`python benchmarks/bench_article_view.py`)"


@dataclass(frozen=True)
class Article:
    text: str
    places: list[tuple[int, int]]  # where each planted place name is


def article(words: int, seed: int = 7) -> Article:
    """News-like paragraphs of `words` words, an astral character now and then (UTF-16)."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    places: list[tuple[int, int]] = []
    length = count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            template = rng.choice(SENTENCES)
            place = rng.choice(PLACES)
            sentence = template.format(actor=rng.choice(ACTORS), place=place, n=rng.randint(2, 40), m=3)
            offset = length + sum(len(s) + 1 for s in sentences) + sentence.index(place)
            places.append((offset, offset + len(place)))
            sentences.append(sentence)
            count += len(sentence.split())
        if rng.random() < 0.05:
            sentences.append("\N{GRINNING FACE}")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return Article("\n\n".join(paragraphs), places)


def suggestions(art: Article, count: int) -> list[dict]:
    """`count` suggestions: the planted places first, then the words after them, spread evenly."""
    step = max(1, len(art.places) // count)
    chosen = art.places[::step][:count]
    labels = ["LOCATION", "ACTOR", "DATE", "CASUALTY", "WEAPON"]
    spans = [{"start": s, "end": e, "label": "LOCATION", "origin": "rule:bench"} for s, e in chosen]
    extra = count - len(spans)
    starts = sorted(random.Random(3).sample(range(0, len(art.text) - 40, 7), extra)) if extra > 0 else []
    for n, start in enumerate(starts):
        start = art.text.rfind(" ", 0, start) + 1
        end = art.text.find(" ", start)
        if end > start:
            spans.append({"start": start, "end": end, "label": labels[n % 5], "origin": "rule:bench"})
    return spans


def project(folder: Path, words: int, spans: int, accepted: float = 0.4) -> tuple[Store, int]:
    """A project with one article of `words` words: `spans` suggestions, `accepted` of them
    already accepted by 'ana' (so the window shows both kinds), and a suggested frame every
    100 spans."""
    art = article(words)
    store = Store(folder / f"p{words}.db")
    [(article_id, _)] = store.add_articles([ArticleRecord(raw_text=art.text, text=art.text)])
    rows = suggestions(art, spans)
    frames = [
        {
            "fields": {
                "event_type": "Battles",
                "trigger_start": rows[i]["start"],
                "trigger_end": rows[i]["end"],
                "trigger_text": art.text[rows[i]["start"] : rows[i]["end"]],
            },
            "reasons": {},
            "roles": {"location": [i]},
        }
        for i in range(0, len(rows), 100)
    ]
    store.replace_suggestions(article_id, SUGGESTER_ANNOTATOR, "bench", "bench", rows, frames)
    taken = rows[1 : int(len(rows) * accepted) * 2 : 2]
    with store.batch():
        for row in taken:
            store.add_span(article_id, "ana", row["start"], row["end"], row["label"], status="accepted",
                           origin=row["origin"])  # fmt: skip
    return store, article_id


# -- timing -------------------------------------------------------------------------------
def paint(widget: QTextEdit | QPlainTextEdit) -> None:
    QApplication.processEvents()
    widget.viewport().repaint()


def ms(function: Callable[[], object]) -> float:
    began = time.perf_counter()
    function()
    return (time.perf_counter() - began) * 1000


@contextmanager
def longest_frame() -> Iterator[list[float]]:
    """The longest gap (ms) between two turns of the event loop while the block runs and the
    loop is spun inside it: how long the window was frozen."""
    gaps: list[float] = [0.0]
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps[0] = max(gaps[0], (now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(tick)
    timer.start()
    try:
        yield gaps
        tick()
    finally:
        timer.stop()


def window(store: Store, article_id: int, folder: Path) -> QtMainWindow:
    book = load_codebook(default_codebook_path())
    win = build_window(
        store, "ana", book, settings=default_settings(folder / "s.ini"), article=article_id, suggestions=False
    )
    win.resize(WIDTH, HEIGHT)
    win.show()
    win.view.setFocus()
    paint(win.view)
    return win


def open_ms(win: QtMainWindow, article_id: int, other: int) -> tuple[float, float]:
    """(wall ms, longest frame ms) of opening `article_id` (coming from `other`), in two opens.

    The wall time is taken with the event loop waiting for events, as the application's loop
    does while a worker reads; the longest frame in a second open, with a 0 ms timer spinning
    the loop (which also competes with the worker for the interpreter, so it is not timed)."""
    win.open_article(other, wait=True)
    paint(win.view)
    began = time.perf_counter()
    opened(win, article_id)
    paint(win.view)
    wall = (time.perf_counter() - began) * 1000
    win.open_article(other, wait=True)
    paint(win.view)
    with longest_frame() as frame:
        opened(win, article_id)
        paint(win.view)
    return wall, frame[0]


def opened(win: QtMainWindow, article_id: int) -> None:
    """Open `article_id` in the window, returning once the session has switched to it."""
    loop = QEventLoop()

    def heard(state: object) -> None:
        if win.session.article_id == article_id:
            loop.quit()

    win.session.listeners.append(heard)
    try:
        win.open_article(article_id)
        if win.session.article_id != article_id:
            QTimer.singleShot(60_000, loop.quit)  # a failed open ends the wait too
            loop.exec()
    finally:
        win.session.listeners.remove(heard)


def bare_open_ms(text: str, font: QFont) -> float:
    bare = QTextEdit()
    bare.setReadOnly(True)
    bare.setFont(font)
    bare.resize(WIDTH, HEIGHT)
    bare.show()
    paint(bare)
    took = ms(lambda: (bare.setPlainText(text), paint(bare)))
    bare.close()
    return took


def key_ms(win: QtMainWindow, key: Qt.Key) -> float:
    return ms(lambda: (QTest.keyClick(win.view, key), paint(win.view)))


def actions(win: QtMainWindow) -> dict[str, float]:
    """One accept, reject, relabel and Tab, each key press to repaint, on a suggestion in the
    middle of the text; selecting it and undoing each decision are not timed (the undo
    restores the article for the next round)."""
    select_middle(win)
    took = {"Tab": key_ms(win, Qt.Key.Key_Tab)}
    for name, key in (("accept", Qt.Key.Key_A), ("reject", Qt.Key.Key_X), ("relabel", Qt.Key.Key_4)):
        select_middle(win)
        took[name] = key_ms(win, key)
        win.undo()
        paint(win.view)
    return took


def select_middle(win: QtMainWindow) -> None:
    """Select the suggestion in the middle of the article and scroll to it (not timed)."""
    pending = [s for s in win.session.state.spans if s.is_suggestion]
    win.selected_span = pending[len(pending) // 2].key
    win.session.redraw()
    win.view.select(win.selected_span)
    paint(win.view)


def scroll_frames(widget: QTextEdit | QPlainTextEdit, pages: int) -> list[float]:
    bar = widget.verticalScrollBar()
    bar.setValue(0)
    paint(widget)
    frames = []
    for _ in range(pages):
        if bar.value() >= bar.maximum():
            break
        frames.append(ms(lambda: (bar.setValue(bar.value() + bar.pageStep()), paint(widget))))
    return frames


def bare_plain(text: str, font: QFont) -> QPlainTextEdit:
    bare = QPlainTextEdit()
    bare.setReadOnly(True)
    bare.setFont(font)
    bare.resize(WIDTH, HEIGHT)
    bare.setPlainText(text)
    bare.show()
    paint(bare)
    return bare


# -- the runs -----------------------------------------------------------------------------
def median(values: list[float]) -> float:
    return statistics.median(values)


def long_article_rows(folder: Path, rounds: int, pages: int) -> list[tuple[str, float, float, str]]:
    """(measure, annotator ms, baseline ms, target) at 50k words / 5k spans."""
    big, big_id = project(folder, 50_000, 5_000)
    small, small_id = project(folder, 500, 50)
    [(blank_id, _)] = big.add_articles([ArticleRecord(raw_text="Blank.", text="Blank.")])
    win = window(big, big_id, folder)
    text = big.article(big_id)["text"]
    opens = [open_ms(win, big_id, blank_id) for _ in range(rounds)]
    bare = [bare_open_ms(text, win.view.font()) for _ in range(rounds)]
    long_actions = [actions(win) for _ in range(rounds)]
    scroll = [f for _ in range(rounds) for f in scroll_frames(win.view, pages)]
    plain = bare_plain(text, win.view.font())
    plain_scroll = [f for _ in range(rounds) for f in scroll_frames(plain, pages)]
    plain.close()
    win.close()
    small_win = window(small, small_id, folder)
    short_actions = [actions(small_win) for _ in range(rounds)]
    small_win.close()
    rows = [
        ("open 50k words / 5k spans, wall", median([o[0] for o in opens]), median(bare), "≤ 2× (aim 1×)"),
        ("open: longest frame", median([o[1] for o in opens]), median(bare), "≤ 2×"),
    ]
    for name in ("accept", "reject", "relabel", "Tab"):
        rows.append(
            (
                f"{name}, key to repaint (baseline: 500 words)",
                median([a[name] for a in long_actions]),
                median([a[name] for a in short_actions]),
                "< 16 ms and ≤ 2×",
            )
        )
    rows.append(("scroll a page, median", median(scroll), median(plain_scroll), "≤ 1.5×"))
    rows.append(("scroll a page, worst", max(scroll), max(plain_scroll), "< 16 ms"))
    big.close()
    small.close()
    return rows


def huge_article_rows(folder: Path, pages: int, rounds: int) -> list[tuple[str, float, float, str]]:
    """The longest frame at 200k words / 20k spans while opening, scrolling and accepting
    (medians of `rounds` rounds)."""
    store, article_id = project(folder, 200_000, 20_000)
    [(blank_id, _)] = store.add_articles([ArticleRecord(raw_text="Blank.", text="Blank.")])
    win = window(store, blank_id, folder)
    opens = [open_ms(win, article_id, blank_id) for _ in range(rounds)]
    scrolls = [scroll_frames(win.view, pages) for _ in range(rounds)]
    took = [actions(win) for _ in range(rounds)]
    win.close()
    store.close()
    return [
        (
            "200k words / 20k spans: open, longest frame",
            median([frame for _, frame in opens]),
            median([wall for wall, _ in opens]),
            "< 100 ms (baseline: wall)",
        ),
        (
            "200k: scroll, worst page",
            max(f for s in scrolls for f in s),
            median([f for s in scrolls for f in s]),
            "< 100 ms (baseline: median)",
        ),
        (
            "200k: accept, key to repaint",
            median([t["accept"] for t in took]),
            median([t["Tab"] for t in took]),
            "< 100 ms (baseline: Tab)",
        ),
    ]


def memory_probe(words: int, spans: int) -> int:
    """Resident set (kB) of a fresh process showing an article of `words` words."""
    code = (
        "import sys, tempfile; from pathlib import Path; sys.path.insert(0, 'benchmarks');"
        "import bench_article_view as b; from PySide6.QtWidgets import QApplication;"
        "app = QApplication([]); d = Path(tempfile.mkdtemp());"
        f"s, a = b.project(d, {words}, {spans}); w = b.window(s, a, d); b.paint(w.view);"
        "print([l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1])"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return int(out.stdout.strip().splitlines()[-1])


def memory_row() -> tuple[str, float, float, str]:
    big, small = memory_probe(50_000, 5_000), memory_probe(500, 50)
    return ("memory, 50k article open (MB; baseline 500 words)", big / 1024, small / 1024, "≤ 1.5×")


def suggest_row(folder: Path) -> tuple[str, float, float, str]:
    """`annotator suggest` on one 200k-word article: seconds, and planted places found exactly."""
    art = article(200_000, seed=11)
    db = folder / "suggest.db"
    with Store(db) as store:
        store.add_articles([ArticleRecord(raw_text=art.text, text=art.text)])
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "annotator", "suggest", "--db", str(db)], check=True, capture_output=True
    )
    seconds = time.perf_counter() - began
    with sqlite3.connect(db) as con:
        found = {tuple(r) for r in con.execute("select start, [end] from spans where label = 'LOCATION'")}
    exact = sum(1 for place in art.places if place in found) / len(art.places)
    wrong = sum(1 for s, e in found if art.text[s:e] not in PLACES)
    name = f"suggest 200k words: s (baseline: planted places at exact offsets, {wrong} misplaced)"
    return (name, seconds, exact, "completes, exact offsets")


# -- report -------------------------------------------------------------------------------
def table(rows: list[tuple[str, float, float, str]]) -> str:
    lines = ["| measure | annotator | baseline | ratio | target |", "|---|---:|---:|---:|---|"]
    for name, value, base, target in rows:
        ratio = f"{value / base:.2f}×" if base else "–"
        lines.append(f"| {name} | {value:.1f} | {base:.1f} | {ratio} | {target} |")
    return "\n".join(lines)


def machine() -> str:
    load = os.getloadavg()[0]
    return (
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
        f"Linux {platform.release()}, Python {platform.python_version()}, load average {load:.1f}"
    )


def write_results(text: str) -> None:
    path = Path(__file__).with_name("RESULTS.md")
    current = path.read_text(encoding="utf-8")
    head, _, rest = current.partition(SECTION)
    tail = rest[rest.find("\n## ") :] if "\n## " in rest else ""
    path.write_text(f"{head.rstrip()}\n\n{SECTION}\n\n{text}\n{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=60, help="pages scrolled per round")
    parser.add_argument("--skip-suggest", action="store_true", help="leave out the 200k-word suggest run")
    parser.add_argument("--write", action="store_true", help="write the table to benchmarks/RESULTS.md")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = long_article_rows(folder, args.rounds, args.pages)
        rows += huge_article_rows(folder, args.pages, args.rounds)
        rows.append(memory_row())
        if not args.skip_suggest:
            rows.append(suggest_row(folder))
    report = f"{machine()}; median of {args.rounds} rounds; times in ms unless named.\n\n{table(rows)}\n"
    print(report)
    print(json.dumps({name: round(value, 2) for name, value, _, _ in rows}))
    if args.write:
        write_results(report)
    del app


if __name__ == "__main__":
    main()
