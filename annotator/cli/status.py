"""`annotator status`: articles per status per annotator, and articles lacking a date."""

from __future__ import annotations

from rich import box
from rich.table import Table

from annotator.cli._common import DbOption, app, out, project
from annotator.core.model import ArticleState
from annotator.store import Store


@app.command("status")
def status_command(db: DbOption = None) -> None:
    """Articles per status per annotator, and articles lacking a publication date.

    Example: annotator status --db project.db
    """
    with project(db) as store:
        show_status(store)


def show_status(store: Store) -> None:
    total = store.article_count()
    out.print(f"Project {store.path} — {total} articles")
    counts = store.status_counts()
    if counts:
        states = [str(s) for s in ArticleState]
        table = Table("annotator", *states, box=box.SIMPLE)
        for name, per in sorted(counts.items()):
            table.add_row(name, *(str(per.get(s, 0)) for s in states))
        out.print(table)
    else:
        out.print("No annotator has started yet: all articles are to do.")
    undated = store.articles_without_date()
    if undated:
        out.print(f"{len(undated)} article(s) lack a publication date (set it before coding dates):")
        for row in undated:
            out.print(f"  #{row['id']} {row['title'] or '(untitled)'} — {row['origin']}")
    else:
        out.print("Every article has a publication date.")
