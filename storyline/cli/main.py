"""The `storyline` command line."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..models import EVENT_TYPES, MODALITIES
from .common import DB_OPTION, FULL_PARSE_OPTION, check_choice, check_date, err, open_store, parse_overrides
from .output import FORMATS, print_rows, stdout_console
from .actors_commands import register as register_actors
from .ingest_commands import register as register_ingest
from .serve_commands import register as register_serve
from .stories_commands import register as register_stories

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Sourced, structured records of who did or said what in news on conflicts and negotiations.")
register_ingest(app)   # first, as the help lists commands in the order they are registered

EVENT_COLUMNS = ["published", "outlet", "event", "mode", "actor_name", "actor_code", "recipient_name",
                 "recipient_code", "modality", "date", "location_name", "source_text", "event_text"]


@app.command()
def events(
    db: str = DB_OPTION,
    actor: Optional[str] = typer.Option(None, "--actor", help="Actor country code (ISR) or name (Hochstein)."),
    event_type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. ASSAULT."),
    since: Optional[str] = typer.Option(None, "--since", help="Events on or after this date."),
    until: Optional[str] = typer.Option(None, "--until", help="Events on or before this date."),
    modality: Optional[str] = typer.Option(None, "--modality", help="asserted|negated|future|hypothetical"),
    report: Optional[str] = typer.Option(None, "--report", help="Only this report's events."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1),
    fmt: str = typer.Option("table", "--format", help="table|jsonl|csv"),
) -> None:
    """Query the stored events."""
    event_type = check_choice(event_type, EVENT_TYPES, "--type")
    modality = check_choice(modality, MODALITIES, "--modality")
    fmt = check_choice(fmt, FORMATS, "--format")
    with open_store(db) as store:
        rows = store.events(actor=actor, event_type=event_type, since=check_date(since, "--since"),
                            until=check_date(until, "--until"), modality=modality, report_id=report, limit=limit)
    print_rows(rows, fmt, EVENT_COLUMNS, title="events")


QUOTE_COLUMNS = ["published", "outlet", "speaker", "speaker_type", "speaker_code", "kind", "quote"]


@app.command()
def quotes(
    db: str = DB_OPTION,
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Speaker name or descriptor (part of it)."),
    anonymous: bool = typer.Option(False, "--anonymous", help="Only quotes from unnamed sources."),
    report: Optional[str] = typer.Option(None, "--report", help="Only this report's quotes."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1),
    fmt: str = typer.Option("table", "--format", help="table|jsonl|csv"),
) -> None:
    """Query the stored quotes: who said what, on whose authority."""
    fmt = check_choice(fmt, FORMATS, "--format")
    with open_store(db) as store:
        rows = store.quotes(speaker=speaker, anonymous=anonymous, report_id=report, limit=limit)
    print_rows(rows, fmt, QUOTE_COLUMNS, title="quotes")


@app.command()
def show(
    report_id: str = typer.Argument(..., help="Id of a stored report."),
    db: str = DB_OPTION,
) -> None:
    """Print one stored report with its quotes, speakers, actors, dates and events marked."""
    from .show import show_record

    with open_store(db) as store:
        record = store.record(report_id)
    if record is None:
        err.print(f"[red]error[/red] no report {report_id!r} in {db}")
        raise typer.Exit(2)
    show_record(record, stdout_console())


@app.command()
def export(
    db: str = DB_OPTION,
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (one report object per line) | csv | parquet "
                                                      "(a folder partitioned by publication day)"),
    table: str = typer.Option("events", "--table", help="For csv/parquet: reports|actors|events|quotes|timexes"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file, or folder for parquet "
                                                                       "(stdout for jsonl/csv if omitted)."),
) -> None:
    """Export the store: report objects as JSONL, or one table as CSV or Parquet."""
    from ..store.db import TABLES

    fmt = check_choice(fmt, ("jsonl", "csv", "parquet"), "--format")
    table = check_choice(table, TABLES, "--table")
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("--format parquet needs -o FOLDER")
    with open_store(db) as store:
        if fmt == "jsonl":
            out = output.open("w", encoding="utf-8") if output else sys.stdout
            for record in store.records():
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if output:
                out.close()
        elif output:
            store.export_table(table, output, fmt)
        else:
            print_rows(store.table(table), "csv", [])
    if output:
        err.print(f"wrote {output}")


@app.command("eval")
def evaluate(
    shared: Path = typer.Option(Path("../shared"), "--shared", help="Folder holding corpus/, gold/ and data/."),
    tasks: Optional[List[str]] = typer.Option(None, "--task", help="Only these scorers (repeatable)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Cap documents per external dataset."),
    dev_sets: Optional[List[str]] = typer.Option(None, "--set", help="Only these development sets "
                                                 "(lebanon-dev, world-dev; repeatable)."),
    registry: bool = typer.Option(True, "--registry/--no-registry",
                                  help="Resolve names through the actor registry learned from the set's own "
                                       "reports, as `ingest` then `reanalyse` would (else each report alone)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON lines."),
    full_parse: bool = FULL_PARSE_OPTION,
) -> None:
    """Score the pipeline against gold data: precision, recall and F1 per task."""
    from ..evaluate.core import DEV_SETS, EvalContext, scorers
    from ..evaluate.report import print_scores

    if not (shared / "gold").is_dir():
        raise typer.BadParameter(f"{shared}: no gold/ folder here; pass --shared PATH")
    available = scorers()
    unknown = set(tasks or ()) - set(available)
    if unknown:
        raise typer.BadParameter(f"unknown task(s) {', '.join(sorted(unknown))}; known: {', '.join(available)}")
    unknown_sets = set(dev_sets or ()) - set(DEV_SETS)
    if unknown_sets:
        raise typer.BadParameter(f"unknown development set(s) {', '.join(sorted(unknown_sets))}; "
                                 f"known: {', '.join(DEV_SETS)}")
    ctx = EvalContext(shared, limit=limit, dev_sets=dev_sets, registry=registry,
                      overrides=parse_overrides(full_parse))
    scores = []
    for name, fn in available.items():
        if tasks and name not in tasks:
            continue
        err.print(f"[dim]scoring {name}...[/dim]")
        scores.extend(fn(ctx))
    print_scores(scores, as_json)


register_stories(app)
register_serve(app)
register_actors(app)

if __name__ == "__main__":
    app()
