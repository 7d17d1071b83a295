"""Commands that analyse reports: `extract`, `ingest`, `reanalyse` (registered on the main app).

An ingest can be killed at any moment and run again: each batch of reports is stored together
with its story assignment in one transaction, the next run groups any stored report that is in no
story (a run with --no-stories leaves them so), and reports already stored (same id or same text)
are skipped before any analysis. The store file is held only while a batch is written, so the
server and the read commands work during an ingest, and two ingests take turns.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, List, Optional

import typer

from ..ingest.readers import read_inputs
from ..models import InputError, Report, ReportRecord
from .common import DB_OPTION, FULL_PARSE_OPTION, check_published, err, open_store, parse_overrides
from .progress import WorkProgress

WORKERS_OPTION = typer.Option(1, "--workers", "-w", min=1, help="Worker processes for the analysis.")
PUBLISHED_OPTION = typer.Option(None, "--published", help="Date (YYYY-MM-DD) for reports that carry none.")
CLUSTER_OPTION = typer.Option(None, "--cluster", help="Analyse on a Dask cluster: a scheduler's address "
                              "(tcp://HOST:PORT; its workers need storyline installed) or local:N (N worker processes here).")
BATCH_OPTION = typer.Option(100, "--batch-size", min=1,
                            help="Reports per database transaction (readers see them batch by batch).")


@dataclass
class Tally:
    failed: int = 0           # unreadable reports and reports whose analysis failed
    already_stored: int = 0   # skipped before analysis


def _analysed(items: Iterable, workers: int, tally: Tally, progress: WorkProgress,
              registry=None, cluster: Optional[str] = None, full_parse: bool = False) -> Iterator[ReportRecord]:
    """Records for every usable report; problems are named on stderr and counted in `tally`."""
    from ..nlp.parse import ModelVersionError, check_model, installed_model_version
    from ..runner import run

    try:  # here, once, rather than in every worker process that would load it
        check_model(installed_model_version())
    except ModelVersionError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    overrides = parse_overrides(full_parse)
    for outcome in run(items, workers=workers, registry=registry, cluster=_checked_cluster(cluster),
                       overrides=overrides):
        if isinstance(outcome, InputError):
            tally.failed += 1
            progress.add("skipped")
            err.print(f"[red]skipped[/red] {outcome}", highlight=False, soft_wrap=True)
            continue
        for warning in outcome.warnings:
            err.print(f"[yellow]warning[/yellow] {warning}", highlight=False, soft_wrap=True)
        progress.add("analysed")
        yield outcome


def _checked_cluster(cluster: Optional[str]) -> Optional[str]:
    from ..cluster import check_cluster

    try:
        return check_cluster(cluster) if cluster else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--cluster") from None


def _not_stored(items: Iterable, ids: set[str], hashes: set[str], tally: Tally,
                progress: WorkProgress) -> Iterator:
    """The items less the reports whose id or text is stored already (or came earlier in this run)."""
    for item in items:
        if isinstance(item, Report):
            digest = item.text_hash
            if item.id in ids or digest in hashes:
                tally.already_stored += 1
                progress.add("already stored")
                continue
            ids.add(item.id)
            hashes.add(digest)
        yield item


def _store_registry(store):
    """A store's actor registry, for the pipeline to resolve names through."""
    from ..actors.registry import ActorRegistry

    return ActorRegistry(store.registry.entries())


def extract(
    inputs: List[str] = typer.Argument(..., help="Files (.jsonl, .txt, .html), folders, or - for JSONL on stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write JSONL here instead of stdout."),
    published: Optional[str] = PUBLISHED_OPTION,
    workers: int = WORKERS_OPTION,
    db: Optional[str] = typer.Option(None, "--db", help="Resolve names through this store's actor registry "
                                                         "(read only: nothing is written to it)."),
    full_parse: bool = FULL_PARSE_OPTION,
) -> None:
    """Extract actors, events, quotes and time expressions; one JSON object per report."""
    published = check_published(published)
    registry = None
    if db is not None:
        with open_store(db) as store:
            registry = _store_registry(store)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    tally = Tally()
    try:
        with WorkProgress("extracting") as progress:
            for record in _analysed(read_inputs(inputs, published=published), workers, tally, progress, registry,
                                    full_parse=full_parse):
                out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
                out.flush()
    finally:
        if output:
            out.close()
    raise typer.Exit(1 if tally.failed else 0)


def ingest(
    inputs: List[str] = typer.Argument(..., help="Files (.jsonl, .txt, .html), folders, or - for JSONL on stdin."),
    db: str = DB_OPTION,
    published: Optional[str] = PUBLISHED_OPTION,
    workers: int = WORKERS_OPTION,
    cluster: Optional[str] = CLUSTER_OPTION,
    batch_size: int = BATCH_OPTION,
    replace: bool = typer.Option(False, "--replace", help="Re-analyse reports already stored instead of skipping them."),
    stories: bool = typer.Option(True, "--stories/--no-stories",
                                 help="Group new reports into stories now (with --no-stories, the story "
                                      "commands group them when next run: faster bulk loads)."),
    full_parse: bool = FULL_PARSE_OPTION,
) -> None:
    """Analyse reports and store them with their records in DuckDB, grouped into stories."""
    from ..stories import assign_pending

    published = check_published(published)
    tally = Tally()
    with open_store(db, write=True) as store:
        registry = _store_registry(store)
        ids, hashes = (set(), set()) if replace else store.report_keys()
        if stories:
            assign_pending(store)   # reports stored by a --no-stories run or by a store of an older version
    with WorkProgress("ingesting reports") as progress:
        items = read_inputs(inputs, published=published)
        if not replace:
            items = _not_stored(items, ids, hashes, tally, progress)
        records = _analysed(items, workers, tally, progress, registry, cluster, full_parse)
        stored, duplicates = _store_batches(db, records, batch_size, replace, stories, progress,
                                            learning=registry if workers == 1 and not cluster else None)
    err.print(f"stored {stored} report(s) in {db}; {tally.already_stored + duplicates} already there "
              f"(not analysed again); {tally.failed} skipped")
    raise typer.Exit(1 if tally.failed else 0)


def _store_batches(db: str, records: Iterator[ReportRecord], batch_size: int, replace: bool, stories: bool,
                   progress: WorkProgress, learning=None) -> tuple[int, int]:
    """Store records a batch at a time, each batch with its story assignment in one transaction
    and the store held only while it is written. With `learning` (the actor registry a
    one-process run's pipeline reads), the registry takes in what each stored batch taught: the
    reports analysed after it resolve through it; `reanalyse` brings the earlier ones up to date."""
    from ..runner import chunks
    from ..stories import assign_reports

    stored = duplicates = 0
    for batch in chunks(records, batch_size):
        with open_store(db, write=True) as store:
            with store.transaction():
                result = store.save(batch, replace=replace)
                if stories:
                    assign_reports(store, result.stored)
            if learning is not None and result.stored:
                learning.replace(store.registry.entries())
        stored += len(result.stored)
        duplicates += len(result.duplicates)   # stored by another ingest since this one started
        progress.add("stored", len(result.stored))
    return stored, duplicates


def reanalyse(
    db: str = DB_OPTION,
    workers: int = WORKERS_OPTION,
    batch_size: int = BATCH_OPTION,
    full_parse: bool = FULL_PARSE_OPTION,
) -> None:
    """Analyse the stored reports again with what the store knows now (its actor registry and
    corrections), replacing their records and regrouping their stories."""
    from ..store.db import store_exists
    if not store_exists(db):
        err.print(f"[red]error[/red] {db}: no such database (run `storyline ingest` first)")
        raise typer.Exit(2)
    tally = Tally()
    with open_store(db, write=True) as store:
        reports = list(store.stored_reports())
        registry = _store_registry(store)
    with WorkProgress("re-analysing reports", total=len(reports)) as progress:
        stored, _ = _store_batches(db, _analysed(reports, workers, tally, progress, registry,
                                                     full_parse=full_parse), batch_size,
                                   replace=True, stories=True, progress=progress)
    err.print(f"re-analysed {stored} report(s) in {db}; {tally.failed} failed")
    raise typer.Exit(1 if tally.failed else 0)


def register(app: typer.Typer) -> None:
    for command in (extract, ingest, reanalyse):
        app.command()(command)
