"""Opening projects: an explicit file, or the default project in the user data folder,
which gets the demo articles from `seeds/` the first time it is created. A project file named
explicitly is created only when asked (`new_project`, or `create=True` from a --create flag), so a
mistyped path is an error rather than an empty new project. Backups and restoring one are here too.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import StoreError
from annotator.paths import default_project_path, seeds_dir
from annotator.services.importing import ImportSummary, import_paths
from annotator.store import Store
from annotator.store.backups import restore


def project_path(db: str | Path | None) -> Path:
    """The project file a --db names, or the default project's."""
    return Path(db) if db is not None else default_project_path()


def open_project(db: str | Path | None, *, create: bool = False) -> Store:
    """The project at `db`, or the default project (created and seeded on first use).

    RAISES (StoreError): `db` does not exist and not `create`; the file is not a usable project.
    """
    if db is not None:
        return Store(db, create=create)
    path = default_project_path()
    is_new = not path.exists()
    store = Store(path)
    if is_new or store.setting("demo_seeded") is None:
        seed_demo(store)
    return store


def new_project(path: Path) -> Path:
    """Create an empty project at `path`. RAISES (StoreError): something is there already."""
    if path.exists():
        raise StoreError(f"{path}: already exists; give a new file name, or open it with --db {path}")
    Store(path, create=True).close()
    return path


def restore_project(db: str | Path | None, backup: Path | None = None) -> tuple[Path, Path | None]:
    """Put the newest (or the given) backup back over the project; see `store.backups.restore`."""
    return restore(project_path(db), backup)


def seed_demo(store: Store) -> ImportSummary:
    summary = import_paths(store, [seeds_dir()])
    store.set_setting("demo_seeded", "1")
    return summary
