"""Every key the workspace answers to, as data: the window binds these, F1 lists them, and the
README's key table is generated from them (`python -m annotator.gui.bindings README.md`; a test
checks that the README equals what this writes)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from annotator.core.codebook import Codebook


@dataclass(frozen=True)
class Binding:
    keys: tuple[str, ...]  # QKeySequence strings
    command: str  # method name on the main window
    description: str
    in_text: bool = False  # plain key: handled in the article view, not as a window shortcut


BINDINGS: tuple[Binding, ...] = (
    Binding(("A", "Return"), "accept_selected", "accept the selected suggestion", in_text=True),
    Binding(("X", "Delete"), "reject_selected", "reject (or delete) the selected span", in_text=True),
    Binding(("Tab",), "next_suggestion", "select the next suggestion", in_text=True),
    Binding(("Shift+Tab",), "previous_suggestion", "select the previous suggestion", in_text=True),
    Binding(
        ("]", "Ctrl+PgDown"),
        "next_frame",
        "select the next event frame (the form shows it; wraps round)",
        in_text=True,
    ),
    Binding(("[", "Ctrl+PgUp"), "previous_frame", "select the previous event frame", in_text=True),
    Binding(("Shift+A",), "accept_all", "accept every remaining suggestion in the article", in_text=True),
    Binding(
        ("Shift+Right", "Shift+Left"), "adjust_end", "move the selected span's end by one token", in_text=True
    ),
    Binding(
        ("Alt+Shift+Right", "Alt+Shift+Left", "Ctrl+Shift+Right", "Ctrl+Shift+Left"),
        "adjust_start",
        "move the selected span's start by one token (Ctrl+Shift+arrows where the desktop takes "
        "Alt+Shift+arrows)",
        in_text=True,
    ),
    Binding(
        ("E",),
        "frame_key",
        "new frame from the selection (its trigger), or accept the selected suggested frame",
        in_text=True,
    ),
    Binding(("Escape",), "clear", "clear the selection and disarm a role field", in_text=True),
    Binding(("Alt+1",), "link_actor1", "link the selected span as actor1 of the selected frame"),
    Binding(("Alt+2",), "link_actor2", "link the selected span as actor2 of the selected frame"),
    Binding(("Shift+Alt+1",), "link_assoc_actor_1", "link the selected span as assoc_actor_1 (with actor1)"),
    Binding(("Shift+Alt+2",), "link_assoc_actor_2", "link the selected span as assoc_actor_2 (with actor2)"),
    Binding(("Alt+L",), "link_location", "link the selected span as the location"),
    Binding(("Alt+D",), "link_date", "link the selected span as the date"),
    Binding(("Alt+F",), "link_fatalities", "link the selected span as fatalities"),
    Binding(("Alt+I",), "link_injuries", "link the selected span as injuries"),
    Binding(("Alt+W",), "link_weapon", "link the selected span as the weapon"),
    Binding(("Ctrl+Return", "Ctrl+Enter"), "done_and_next", "mark the article done and open the next"),
    Binding(("Ctrl+Z",), "undo", "undo the last change (in any article)"),
    Binding(("Ctrl+Shift+Z", "Ctrl+Y"), "redo", "redo"),
    Binding(("Ctrl+F",), "focus_search", "search the queue"),
    Binding(("Ctrl+Down",), "next_article", "open the next article in the queue"),
    Binding(("Ctrl+Up",), "previous_article", "open the previous article (the one before this in the queue)"),
    Binding(
        ("Ctrl+Shift+E",),
        "show_export",
        "export annotations (spaCy, Prodigy, doccano, brat, CoNLL, ACLED, Label Studio, INCEpTION, "
        "WebAnno TSV)",
    ),
    Binding(("F1",), "show_help", "this list of keys"),
    Binding(("Ctrl+Q",), "quit", "save the time on the article and quit (File → Quit)"),
)


def help_rows(codebook: Codebook) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding and every label of the codebook."""
    rows = [(" / ".join(b.keys), b.description) for b in BINDINGS]
    rows += [
        (
            label.shortcut,
            f"label the selection {label.name}, or relabel the selected span — {label.definition}",
        )
        for label in codebook.labels
    ]
    return rows


README_BEGIN = (
    "<!-- keys:begin (generated from annotator/gui/bindings.py: "
    "python -m annotator.gui.bindings README.md) -->"
)
README_END = "<!-- keys:end -->"


def readme_keys(codebook: Codebook) -> str:
    """The README's key table: the rows F1 shows (`help_rows`), as Markdown."""
    lines = ["| keys | what they do |", "| --- | --- |"]
    for keys, what in help_rows(codebook):
        shown = " / ".join(f"`{k}`" for k in keys.split(" / "))
        lines.append(f"| {shown} | {what.replace('|', chr(92) + '|')} |")
    return "\n".join(lines) + "\n"


def write_readme_keys(readme: Path, codebook: Codebook) -> None:
    """Replace the generated key section of `readme` with the table of today's bindings."""
    text = readme.read_text(encoding="utf-8")
    begin = re.escape(README_BEGIN.split(" (")[0])
    section = re.compile(begin + r"[^>]*-->\n.*?" + re.escape(README_END), re.S)
    table = f"{README_BEGIN}\n{readme_keys(codebook)}{README_END}"
    if not section.search(text):
        raise SystemExit(f"{readme}: no '{README_BEGIN}' ... '{README_END}' section to fill")
    readme.write_text(section.sub(lambda _: table, text, count=1), encoding="utf-8")


if __name__ == "__main__":  # python -m annotator.gui.bindings README.md
    from annotator.core.codebook import load_codebook
    from annotator.paths import default_codebook_path

    readme = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    write_readme_keys(readme, load_codebook(default_codebook_path()))
