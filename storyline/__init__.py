"""storyline: sourced, structured records of who did or said what in news on conflicts and negotiations.

Python API:

    import storyline
    record = storyline.extract(text, published="2024-11-18")      # the `storyline extract` object
    records = storyline.extract_many(reports)                      # dicts with id, text, published...

    with storyline.Store("storyline.duckdb") as store:
        store.events(actor="ISR", event_type="ASSAULT")
"""
from __future__ import annotations

from typing import Iterable, Iterator, Optional

from .models import InputError, Report, ReportRecord

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "Pipeline", "Store", "Report", "ReportRecord", "InputError"]


def extract(text: str, published: Optional[str] = None, id: str = "report", **fields) -> dict:
    """Analyse one report; returns the same object `storyline extract` prints for it."""
    from .ingest.readers import usable_report

    report = usable_report({"id": id, "text": text, "published": published, **fields}, f"extract({id!r})")
    from .pipeline import default_pipeline

    return default_pipeline()(report).to_dict()


def extract_many(reports: Iterable[dict], workers: int = 1) -> Iterator[dict]:
    """Analyse report objects (the input JSONL fields); yields output objects in order.
    A report that cannot be used raises InputError naming it."""
    from .ingest.readers import usable_report
    from .runner import run

    items = (usable_report(obj, f"report {n}") for n, obj in enumerate(reports, start=1))
    for outcome in run(items, workers=workers):
        if isinstance(outcome, InputError):
            raise outcome
        yield outcome.to_dict()


def __getattr__(name: str):
    # Pipeline and Store pull in spaCy and DuckDB: import them only when asked for.
    if name == "Pipeline":
        from .pipeline import Pipeline
        return Pipeline
    if name == "Store":
        from .store.db import Store
        return Store
    raise AttributeError(name)
