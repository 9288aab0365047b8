"""Starting the desktop application (and rendering it to a PNG for `--screenshot`)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from annotator.core.codebook import Codebook
from annotator.core.errors import AnnotatorError, InputError, UsageError
from annotator.gui.qt_main_window import QtMainWindow, default_settings
from annotator.store import Store


def choose_annotator(store: Store, settings: QSettings) -> str | None:
    """Ask who is annotating (offering the known names and the last one), remembered."""
    known = [a["name"] for a in store.annotators() if a["kind"] == "human"]
    last = settings.value("annotator")
    if last and last not in known:
        known.insert(0, last)
    name, ok = QInputDialog.getItem(
        None,
        "annotator",
        "Who is annotating? (type a new name to create one)",
        known or [""],
        known.index(last) if last in known else 0,
        True,
    )
    name = name.strip()
    if not ok or not name:
        return None
    settings.setValue("annotator", name)
    return name


def build_window(
    store: Store,
    annotator: str,
    codebook: Codebook,
    *,
    settings: QSettings | None = None,
    article: int | None = None,
    model: str | None = None,
    suggestions: bool = True,
) -> QtMainWindow:
    settings = settings or default_settings()
    window = QtMainWindow(store, annotator, codebook, settings, model)
    start = article or window.last_article() or next(iter(store.article_ids()), None)
    if start is not None:
        window.open_article(start, wait=True)
    if suggestions:
        window.start_suggester()
    return window


def run_gui(
    store: Store,
    codebook: Codebook,
    *,
    annotator: str | None,
    article: int | None,
    screenshot: Path | None,
    model: str | None,
    frame: int | None = None,
) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("annotator")
    settings = default_settings()
    name = (
        annotator
        or (settings.value("annotator") if screenshot else None)
        or choose_annotator(store, settings)
    )
    if not name:
        return 1
    settings.setValue("annotator", name)
    install_excepthook()
    window = build_window(
        store, name, codebook, settings=settings, article=article, model=model, suggestions=screenshot is None
    )
    if frame is not None:
        try:
            select_frame(window, frame)
        except AnnotatorError:
            window.close()
            raise
    if screenshot is not None:
        return save_screenshot(window, screenshot, frame_chosen=frame is not None)
    window.show()
    return app.exec()


def select_frame(window: QtMainWindow, number: int) -> None:
    """Select the article's NUMBERth event frame (1 = the first in the event list), as a click
    in the list does: its trigger and roles are marked in the text, which scrolls to it.

    RAISES (UsageError): the article has no frame with that number."""
    state = window.session.state
    frames = state.frames if state is not None else []
    if not 1 <= number <= len(frames):
        raise UsageError(
            f"--frame {number}: the article has {len(frames)} event frame(s) for this annotator; "
            f"give a number from 1 to {len(frames)}"
            if frames
            else f"--frame {number}: the article has no event frames"
        )
    window.events.select(frames[number - 1].key)


def install_excepthook() -> None:
    """The unexpected error: shown in a dialog (and on stderr) instead of a silent exit."""
    previous = sys.excepthook

    def hook(kind, value, trace) -> None:  # type: ignore[no-untyped-def]
        previous(kind, value, trace)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(
            None,
            "annotator: unexpected error",
            f"{kind.__name__}: {value}\n\nYour work up to the last action is saved.",
        )

    sys.excepthook = hook


def save_screenshot(window: QtMainWindow, path: Path, *, frame_chosen: bool = False) -> int:
    """Render the real window with its article to a PNG: the frame chosen with `--frame` (else
    the annotator's first frame, else the first suggested one) selected, its trigger and roles
    marked in the text.

    RAISES (InputError): the image could not be written."""
    window.resize(1600, 900)
    window.splitter.setSizes([380, 720, 500])
    window.show()
    state = window.session.state
    if state is not None and state.frames and not frame_chosen:
        own = [f for f in state.frames if not f.is_suggestion]
        window.events.select((own or state.frames)[0].key)
    if state is not None and state.spans and not state.frames:
        window.view.select(state.spans[0].key)
    app = QApplication.instance()
    for _ in range(5):
        app.processEvents()
    if window.selected_frame is not None:  # the window's size is final now: show the trigger
        window.view.select_frame(window.selected_frame)
        app.processEvents()
    if state is not None:
        made_by = window.store.suggestion_model(state.article["id"])
        window.model_label.setText(f"suggestions by {made_by}" if made_by else "no suggestions yet")
    try:
        save_image(window, path)
    finally:
        window.close()
    return 0


def image_formats() -> set[str]:
    """The image suffixes Qt can write here (png, jpg, ...), lower case, without the dot."""
    from PySide6.QtGui import QImageWriter

    return {bytes(name.data()).decode().lower() for name in QImageWriter.supportedImageFormats()}


def save_image(widget: QWidget, path: Path) -> None:
    """The widget as rendered, saved to PATH (its folder made as needed).

    RAISES (InputError): Qt could not write the file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            path, f"cannot make its folder ({exc.strerror or exc}); give a folder you can write to"
        ) from None
    if not widget.grab().save(str(path)):
        raise InputError(
            path, "Qt could not write the screenshot; give a .png or .jpg file in a folder you can write to"
        )


def run_review(store: Store, reviewer: str, screenshot: Path | None) -> int:
    """Review mode on a team project; with `screenshot`, render it to a PNG and exit."""
    from annotator.gui.qt_review_window import QtReviewWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_excepthook()
    window = QtReviewWindow(store, reviewer)
    window.show()
    if screenshot is None:
        return app.exec()
    for _ in range(5):
        app.processEvents()
    try:
        save_image(window, screenshot)
    finally:
        window.close()
    return 0
