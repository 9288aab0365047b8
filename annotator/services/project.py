"""Opening projects: an explicit file, or the default project in the user data folder,
which gets the demo articles from `seeds/` the first time it is created."""

from __future__ import annotations

from pathlib import Path

from annotator.paths import default_project_path, seeds_dir
from annotator.services.importing import ImportSummary, import_paths
from annotator.store import Store


def open_project(db: str | Path | None) -> Store:
    """The project at `db`, or the default project (created and seeded on first use)."""
    if db is not None:
        return Store(db)
    path = default_project_path()
    is_new = not path.exists()
    store = Store(path)
    if is_new or store.setting("demo_seeded") is None:
        seed_demo(store)
    return store


def seed_demo(store: Store) -> ImportSummary:
    summary = import_paths(store, [seeds_dir()])
    store.set_setting("demo_seeded", "1")
    return summary
