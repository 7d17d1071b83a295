"""The `storyline` command line."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..ingest.readers import read_inputs
from ..models import EVENT_TYPES, MODALITIES, InputError, ReportRecord
from .common import DB_OPTION, check_choice, check_date, err, open_store
from .output import FORMATS, print_rows, stdout_console
from .actors_commands import register as register_actors
from .serve_commands import register as register_serve
from .stories_commands import register as register_stories

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Sourced, structured records of who did or said what in news on conflicts and negotiations.")

WORKERS_OPTION = typer.Option(1, "--workers", "-w", min=1, help="Worker processes for the analysis.")
PUBLISHED_OPTION = typer.Option(None, "--published", help="Date (YYYY-MM-DD) for reports that carry none.")


@contextmanager
def _progress(label: str) -> Iterator[Progress]:
    columns = [SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        yield progress


@dataclass
class Tally:
    skipped: int = 0


def _analyse(inputs: List[str], published: Optional[str], workers: int, tally: Tally,
             registry=None) -> Iterator[ReportRecord]:
    """Records for every usable report; problems are named on stderr and counted in `tally`."""
    yield from _analyse_items(read_inputs(inputs, published=published), workers, tally, registry)


def _analyse_items(items, workers: int, tally: Tally, registry=None) -> Iterator[ReportRecord]:
    from ..nlp.parse import ModelVersionError, check_model, installed_model_version
    from ..runner import run

    try:  # here, once, rather than in every worker process that would load it
        check_model(installed_model_version())
    except ModelVersionError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    with _progress("analysing reports") as progress:
        task = progress.add_task("reports", total=None)
        for outcome in run(items, workers=workers, registry=registry):
            if isinstance(outcome, InputError):
                tally.skipped += 1
                err.print(f"[red]skipped[/red] {outcome}", highlight=False, soft_wrap=True)
                continue
            for warning in outcome.warnings:
                err.print(f"[yellow]warning[/yellow] {warning}", highlight=False, soft_wrap=True)
            progress.advance(task)
            yield outcome


def _store_registry(store):
    """A store's actor registry, for the pipeline to resolve names through."""
    from ..actors.registry import ActorRegistry

    return ActorRegistry(store.registry.entries())


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Files (.jsonl, .txt, .html), folders, or - for JSONL on stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write JSONL here instead of stdout."),
    published: Optional[str] = PUBLISHED_OPTION,
    workers: int = WORKERS_OPTION,
    db: Optional[Path] = typer.Option(None, "--db", help="Resolve names through this store's actor registry "
                                                         "(read only: nothing is written to it)."),
) -> None:
    """Extract actors, events, quotes and time expressions; one JSON object per report."""
    published = check_date(published, "--published")
    registry = None
    if db is not None:
        with open_store(db) as store:
            registry = _store_registry(store)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    tally = Tally()
    try:
        for record in _analyse(inputs, published, workers, tally, registry):
            out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
    finally:
        if output:
            out.close()
    raise typer.Exit(1 if tally.skipped else 0)


@app.command()
def ingest(
    inputs: List[str] = typer.Argument(..., help="Files (.jsonl, .txt, .html), folders, or - for JSONL on stdin."),
    db: Path = DB_OPTION,
    published: Optional[str] = PUBLISHED_OPTION,
    workers: int = WORKERS_OPTION,
    batch_size: int = typer.Option(500, "--batch-size", min=1, help="Reports per database transaction."),
    replace: bool = typer.Option(False, "--replace", help="Re-analyse reports already stored instead of skipping them."),
    stories: bool = typer.Option(True, "--stories/--no-stories",
                                 help="Group new reports into stories now (with --no-stories, the story "
                                      "commands group them when next run: faster bulk loads)."),
) -> None:
    """Analyse reports and store them with their records in DuckDB, grouped into stories."""
    from ..store.db import Store

    published = check_date(published, "--published")
    tally = Tally()
    with Store(db) as store:
        registry = _store_registry(store)
        stored, duplicates = _store_batches(store, _analyse(inputs, published, workers, tally, registry),
                                            batch_size, replace, stories, registry if workers == 1 else None)
    err.print(f"stored {stored} report(s) in {db}; {duplicates} already there; {tally.skipped} skipped")
    raise typer.Exit(1 if tally.skipped else 0)


def _store_batches(store, records: Iterator[ReportRecord], batch_size: int, replace: bool, stories: bool,
                   learning) -> tuple[int, int]:
    """Store records a batch (one transaction) at a time, grouping them into stories. With
    `learning` (the actor registry a one-process run's pipeline reads), the registry takes
    in what each stored batch taught: reports analysed after a batch is stored (the analysis runs
    a chunk of reports ahead) resolve through it; `reanalyse` brings the earlier ones up to date."""
    from ..stories import assign_reports

    stored = duplicates = 0
    batch: list[ReportRecord] = []

    def flush() -> None:
        nonlocal stored, duplicates
        result = store.save(batch, replace=replace)
        if stories:
            assign_reports(store, result.stored)
        stored += len(result.stored)
        for report_id, why in result.duplicates:
            duplicates += 1
            err.print(f"[dim]not stored again[/dim] {report_id}: {why}", highlight=False)
        if learning is not None and result.stored:
            learning.replace(store.registry.entries())
        batch.clear()

    for record in records:
        batch.append(record)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return stored, duplicates


@app.command()
def reanalyse(
    db: Path = DB_OPTION,
    workers: int = WORKERS_OPTION,
    batch_size: int = typer.Option(500, "--batch-size", min=1, help="Reports per database transaction."),
) -> None:
    """Analyse the stored reports again with what the store knows now (its actor registry and
    corrections), replacing their records and regrouping their stories."""
    from ..store.db import Store

    if not db.exists():
        err.print(f"[red]error[/red] {db}: no such database (run `storyline ingest` first)")
        raise typer.Exit(2)
    tally = Tally()
    with Store(db) as store:
        reports = list(store.stored_reports())
        registry = _store_registry(store)
        stored, _ = _store_batches(store, _analyse_items(reports, workers, tally, registry), batch_size,
                                   replace=True, stories=True, learning=None)
    err.print(f"re-analysed {stored} report(s) in {db}; {tally.skipped} failed")
    raise typer.Exit(1 if tally.skipped else 0)


EVENT_COLUMNS = ["published", "outlet", "event", "mode", "actor_name", "actor_code", "recipient_name",
                 "recipient_code", "modality", "date", "location_name", "source_text", "event_text"]


@app.command()
def events(
    db: Path = DB_OPTION,
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
    db: Path = DB_OPTION,
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
    db: Path = DB_OPTION,
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
    db: Path = DB_OPTION,
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (one report object per line) | csv | parquet"),
    table: str = typer.Option("events", "--table", help="For csv/parquet: reports|actors|events|quotes|timexes"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (stdout for jsonl/csv if omitted)."),
) -> None:
    """Export the store: report objects as JSONL, or one table as CSV or Parquet."""
    from ..store.db import TABLES

    fmt = check_choice(fmt, ("jsonl", "csv", "parquet"), "--format")
    table = check_choice(table, TABLES, "--table")
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("--format parquet needs -o FILE")
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
    ctx = EvalContext(shared, limit=limit, dev_sets=dev_sets, registry=registry)
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
