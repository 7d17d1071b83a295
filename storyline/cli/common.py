"""What every command module shares: the stderr console, the --db option, argument checks."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Optional

import typer
from rich.console import Console

from ..ingest.readers import normalise_date, publication_date
from ..models import InputError


def parse_overrides(full_parse: bool) -> Optional[dict]:
    """The pipeline config overrides of the --full-parse switch (pipeline.cfg, [parse])."""
    return {"parse.selective": False} if full_parse else None


err = Console(stderr=True, soft_wrap=True, highlight=False)
DB_OPTION = typer.Option("storyline.duckdb", "--db", help="DuckDB database file, or a postgresql://user@host:port/dbname URL.")
FULL_PARSE_OPTION = typer.Option(False, "--full-parse",
                                 help="Run the entity recogniser over whole paragraphs, not only around "
                                      "possible names, numbers and dates (slower; for comparison).")


def check_date(value: Optional[str], option: str) -> Optional[str]:
    if value is None:
        return None
    try:
        return normalise_date(value, option)
    except InputError as exc:
        raise typer.BadParameter(str(exc)) from None


def check_published(value: Optional[str]) -> Optional[str]:
    """The --published day, checked as the readers check a report's own date."""
    try:
        return publication_date(value, "--published") if value is not None else None
    except InputError as exc:
        raise typer.BadParameter(str(exc)) from None


def check_choice(value: Optional[str], choices, option: str) -> Optional[str]:
    """The choice `value` names, in its canonical spelling (case does not matter)."""
    if value is None:
        return None
    for choice in choices:
        if choice.lower() == value.lower():
            return choice
    raise typer.BadParameter(f"{option} {value!r}: use one of {', '.join(choices)}")


@contextmanager
def open_store(db: str, write: bool = False) -> Iterator["Store"]:
    """The store at `db`, read-only unless `write`, held only for the block. A store that does not
    open (missing, not a database, kept by another process past the wait) is a one-line error."""
    from ..store.db import Store

    try:
        store = Store(db, read_only=not write)
    except (FileNotFoundError, RuntimeError) as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2)
    try:
        yield store
    finally:
        store.close()
