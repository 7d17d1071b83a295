"""Running the pipeline over many reports, in one process or several.

Used by the CLI, the Python API and the benchmark alike. Input errors pass through in order
so the caller can report them; a report that makes the pipeline itself fail is turned into an
error for that report alone.
"""
from __future__ import annotations

import multiprocessing as mp
from itertools import islice
from typing import Iterable, Iterator, Optional, Union

from .models import InputError, Report, ReportRecord

Outcome = Union[ReportRecord, InputError]

_worker_pipeline = None


def run(items: Iterable[Union[Report, InputError]], workers: int = 1, chunk_size: int = 64,
        config: Optional[dict] = None) -> Iterator[Outcome]:
    """Records (or errors) for `items`, in input order.

    Reports go to the parser `chunk_size` at a time: large enough that the model's batches of
    paragraphs stay full, small enough that a failing report costs little to redo alone.
    """
    if workers <= 1:
        from .pipeline import Pipeline, default_pipeline

        pipeline = Pipeline(config) if config else default_pipeline()
        for chunk in _chunks(items, chunk_size):
            yield from _process_chunk(pipeline, chunk)
        return
    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "forkserver")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(config,)) as pool:
        for outcomes in pool.imap(_worker_chunk, _chunks(items, chunk_size)):
            yield from outcomes


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _process_chunk(pipeline, chunk: list) -> list[Outcome]:
    reports = [x for x in chunk if isinstance(x, Report)]
    try:
        done = {id(r): rec for r, rec in zip(reports, pipeline.process(reports))}
    except Exception:
        # Find the report that broke the batch: redo one by one so the others still come out.
        done = {}
        for r in reports:
            try:
                done[id(r)] = pipeline(r)
            except Exception as exc:
                done[id(r)] = InputError(f"{r.origin or r.id}: analysis failed ({type(exc).__name__}: {exc})")
    out: list[Outcome] = []
    for x in chunk:
        out.append(done[id(x)] if isinstance(x, Report) else x)
    return out


def _init_worker(config: Optional[dict]) -> None:
    global _worker_pipeline
    from .pipeline import Pipeline

    _worker_pipeline = Pipeline(config)


def _worker_chunk(chunk: list) -> list[Outcome]:
    return _process_chunk(_worker_pipeline, chunk)
