"""Where bundled data and the default project live.

In a source checkout or editable install the data folders sit beside the package
(`resources/`, `seeds/`); a wheel carries them inside it as `annotator/_data/`.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "annotator"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder '{name}' not found beside {_PACKAGE_DIR}")


def resources_dir() -> Path:
    return _data_dir("resources")


def seeds_dir() -> Path:
    return _data_dir("seeds")


def default_codebook_path() -> Path:
    return resources_dir() / "codebook.toml"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """Where compiled data (the world gazetteer) is cached: $ANNOTATOR_CACHE_DIR, else the
    platform's user cache directory. Anything there can be deleted; it is rebuilt."""
    import os

    chosen = os.environ.get("ANNOTATOR_CACHE_DIR")
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_project_path() -> Path:
    return user_data_dir() / "default.db"


def codebook_path(explicit: str | Path | None = None) -> Path:
    """The codebook in force: an explicit path, else $ANNOTATOR_CODEBOOK, else the bundled one."""
    import os

    chosen = explicit or os.environ.get("ANNOTATOR_CODEBOOK")
    return Path(chosen) if chosen else default_codebook_path()
