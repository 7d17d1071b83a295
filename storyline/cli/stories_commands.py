"""Commands for stories: `stories`, `timeline`, `diff`, `disputes`, `assign` (registered on the main app)."""
from __future__ import annotations

import html
import json
import sys
from contextlib import contextmanager
from datetime import date
from typing import Iterator, Optional

import typer

from .common import DB_OPTION, check_choice, check_date, err, open_store
from .output import print_rows
TIMELINE_FORMATS = ("table", "markdown", "jsonl", "html")
TIMELINE_COLUMNS = ["date", "event", "actor", "recipient", "place", "status", "independent", "sources_count",
                    "disputes", "outlets", "sources"]


@contextmanager
def _open(db: str) -> Iterator:
    """The store, with any report not yet in a story assigned first (cheap when nothing is new)."""
    from ..store.db import store_exists
    from ..stories import assign_pending

    if not store_exists(db):
        err.print(f"[red]error[/red] {db}: no such database (run `storyline ingest` first)")
        raise typer.Exit(2)
    with open_store(db, write=True) as store:
        assign_pending(store)
        yield store


def _story(store, story: str) -> int:
    from ..stories.views import find_story

    try:
        return find_story(store.stories, story)
    except KeyError as exc:
        err.print(f"[red]error[/red] {exc.args[0]}")
        raise typer.Exit(2)


def _day(value: Optional[str], option: str) -> Optional[date]:
    checked = check_date(value, option)
    return date.fromisoformat(checked) if checked else None


def _cell(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def render(rows: list[dict], fmt: str, columns: list[str], title: str) -> str:
    """Markdown or HTML text of a table (the other formats print through print_rows)."""
    if fmt == "markdown":
        lines = [f"## {title}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(_cell(r.get(c)).replace("|", "\\|") for c in columns) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(r.get(c)))}</td>" for c in columns) + "</tr>"
                   for r in rows)
    return (f"<!doctype html><meta charset=utf-8><title>{html.escape(title)}</title><h1>{html.escape(title)}</h1>"
            f"<table border=1><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n")


def _print(rows: list[dict], fmt: str, columns: list[str], title: str) -> None:
    if fmt in ("markdown", "html"):
        sys.stdout.write(render(rows, fmt, columns, title))
    else:
        print_rows([{k: _cell(v) if isinstance(v, list) and fmt == "table" else v for k, v in r.items()} for r in rows],
                   fmt, columns, title)


def stories(db: str = DB_OPTION,
            fmt: str = typer.Option("table", "--format", help="table, jsonl or csv.")) -> None:
    """List the stories: label, reports, dates, events."""
    from ..stories.views import list_stories

    fmt = check_choice(fmt, ("table", "jsonl", "csv"), "--format")
    with _open(db) as store:
        print_rows(list_stories(store.stories), fmt, ["id", "label", "reports", "events", "first_date", "last_date"],
                   "stories")


def timeline(story: str = typer.Argument(..., help="Story id or part of its label."),
             since: Optional[str] = typer.Option(None, "--since", help="Only events from this date (YYYY-MM-DD)."),
             fmt: str = typer.Option("table", "--format", help="table, markdown, jsonl or html."),
             db: str = DB_OPTION) -> None:
    """A story's events in date order with corroboration, disputes and sources."""
    from ..stories.views import timeline as story_timeline

    fmt = check_choice(fmt, TIMELINE_FORMATS, "--format")
    with _open(db) as store:
        sid = _story(store, story)
        label = store.stories.story(sid)["label"]
        _print(story_timeline(store.stories, sid, _day(since, "--since")), fmt, TIMELINE_COLUMNS, f"story {sid}: {label}")


def diff(story: str = typer.Argument(..., help="Story id or part of its label."),
         since: str = typer.Option(..., "--since", help="YYYY-MM-DD"),
         db: str = DB_OPTION) -> None:
    """What is new or changed in a story since a date, as JSON."""
    from ..stories.views import diff as story_diff

    with _open(db) as store:
        result = story_diff(store.stories, _story(store, story), _day(since, "--since"))
        sys.stdout.write(json.dumps(result, default=str, ensure_ascii=False, indent=2) + "\n")


def disputes(story: str = typer.Argument(..., help="Story id or part of its label."),
             db: str = DB_OPTION) -> None:
    """Conflicting claims side by side with their sources, and each party's position on contested terms, as JSON."""
    from ..stories import views

    with _open(db) as store:
        sid = _story(store, story)
        result = {"story": sid, "disputes": views.disputes(store.stories, sid),
                  "positions": views.positions(store.stories, sid)}
        sys.stdout.write(json.dumps(result, default=str, ensure_ascii=False, indent=2) + "\n")


def assign(report_id: str = typer.Argument(...), story: str = typer.Argument(..., help="Story id or label part."),
           db: str = DB_OPTION) -> None:
    """Move a report into a story by hand (kept when stories are updated)."""
    from ..stories import assign_manually

    with _open(db) as store:
        sid = _story(store, story)
        try:
            assign_manually(store, report_id, sid)
        except KeyError as exc:
            err.print(f"[red]error[/red] {exc.args[0]}")
            raise typer.Exit(2)
        err.print(f"{report_id} -> story {sid}")


def register(app: typer.Typer) -> None:
    app.command("stories")(stories)
    app.command("timeline")(timeline)
    app.command("diff")(diff)
    app.command("disputes")(disputes)
    app.command("assign")(assign)
