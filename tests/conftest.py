from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real default project or a team codebook from the environment."""
    data_home = tmp_path_factory.mktemp("xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.delenv("ANNOTATOR_CODEBOOK", raising=False)
    return data_home


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of the demo articles."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def store(tmp_path: Path):
    from annotator.store import Store

    with Store(tmp_path / "project.db") as opened:
        yield opened


@pytest.fixture(scope="session")
def rules_only():
    """The suggester without a model (gazetteers and rules): fast, deterministic suggestions."""
    from annotator.core.codebook import load_codebook
    from annotator.nlp.suggester import Suggester
    from annotator.paths import default_codebook_path

    return Suggester.load(load_codebook(default_codebook_path()), model="rules-only")


@pytest.fixture(scope="session")
def model():
    """The suggester with the installed pretrained pipeline; a test asking for it is skipped
    where none is installed."""
    import importlib.util

    from annotator.core.codebook import load_codebook
    from annotator.nlp.pipeline import MODEL_CANDIDATES
    from annotator.nlp.suggester import Suggester
    from annotator.paths import default_codebook_path

    if not any(importlib.util.find_spec(name) for name in MODEL_CANDIDATES):
        pytest.skip("no pretrained English pipeline installed")
    return Suggester.load(load_codebook(default_codebook_path()))


@pytest.fixture(scope="session", params=["model", "rules_only"])
def suggester(request: pytest.FixtureRequest):
    """A test asking for it runs with the pretrained pipeline and with the rules alone."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def project(tmp_path: Path, seeds: Path, rules_only) -> Path:
    """A project file with the demo articles and the rules-only suggestions."""
    from annotator.services.importing import import_paths
    from annotator.services.suggesting import suggest_articles
    from annotator.store import Store

    path = tmp_path / "project.db"
    with Store(path) as store:
        import_paths(store, [seeds])
        suggest_articles(store, rules_only)
    return path


@pytest.fixture
def window(qtbot, project: Path, tmp_path: Path, request: pytest.FixtureRequest):
    """The workspace window on article 1 of `project` as 'ana' (or the name given by indirect
    parametrisation), shown, focus in the text."""
    from annotator.core.codebook import load_codebook
    from annotator.gui.app import build_window
    from annotator.gui.qt_main_window import default_settings
    from annotator.paths import default_codebook_path
    from annotator.store import Store

    store = Store(project)
    settings = default_settings(tmp_path / "settings.ini")
    name = getattr(request, "param", "ana")
    book = load_codebook(default_codebook_path())
    win = build_window(store, name, book, settings=settings, article=1, suggestions=False)
    qtbot.addWidget(win)
    win.show()
    win.view.setFocus()
    yield win
    win.close()
    store.close()
