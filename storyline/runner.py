"""Running the pipeline over many reports, in one process or in a pool of them.

Used by the CLI, the Python API and the benchmark alike. Input errors pass through in order
so the caller can report them; a report the analysis fails on becomes an error for that
report alone (pipeline.py logs its traceback).

With several workers, a standard `multiprocessing` pool gives each worker process its own
pipeline and `chunk_size` reports at a time (the outcomes come back in input order). spaCy's
`nlp.pipe(n_process=...)` is not used: it would parse paragraphs in the workers and leave
storyline's components, as much work again, to the main process.

Once its first pipeline is built, a process moves every object it has into the collector's
permanent generation (gc.freeze): the model and the tables live as long as the process, and the
full collections that the reports' allocations trigger would otherwise walk them every time.
Only the first time, so that a long-lived process (the API server) does not also freeze whatever
garbage a later call leaves.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
from collections import deque
from itertools import chain, islice
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Union

from .models import InputError, Report, ReportRecord

if TYPE_CHECKING:  # the main process of a pool needs neither spaCy nor the actors stage
    from .actors.registry import ActorRegistry

Outcome = Union[ReportRecord, InputError]

_worker_pipeline = None


def run(items: Iterable[Union[Report, InputError]], workers: int = 1, chunk_size: int = 64,
        registry: Optional[ActorRegistry] = None, cluster: Optional[str] = None,
        overrides: Optional[dict] = None) -> Iterator[Outcome]:
    """Records (or errors) for `items`, in input order. `registry`: a store's ActorRegistry
    for the actors component (in one process, changes to it reach the reports analysed after).
    `cluster`: run on a Dask cluster instead (cluster.py: a scheduler address or local:N).
    `overrides`: pipeline config overrides (pipeline.cfg's dotted keys) for every pipeline of the run.
    The pipeline is loaded only once there is a report to analyse (a run whose reports are all
    stored already, or all unreadable, costs no model load)."""
    items = iter(items)
    for item in items:
        if isinstance(item, Report):
            items = chain([item], items)
            break
        yield item
    else:
        return
    if cluster:
        from .cluster import run_on_cluster

        yield from run_on_cluster(items, cluster, registry=registry, overrides=overrides)
        return
    if workers <= 1:
        from .pipeline import Pipeline, default_pipeline

        pipeline = (Pipeline(overrides=overrides, registry=registry) if registry is not None or overrides
                    else default_pipeline())
        _freeze_once()
        yield from _outcomes(pipeline, items)
        return
    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "forkserver")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(registry, overrides)) as pool:
        for outcomes in pool.imap(_worker_chunk, chunks(items, chunk_size)):
            yield from outcomes


def chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _outcomes(pipeline, items: Iterable[Union[Report, InputError]]) -> Iterator[Outcome]:
    """The pipeline's outcomes for the reports among `items`, with the input errors in place."""
    read: deque = deque()  # items read by the pipeline (it reads ahead), not yet given out

    def reports() -> Iterator[Report]:
        for item in items:
            read.append(item)
            if isinstance(item, Report):
                yield item

    for outcome in pipeline.analyse(reports()):
        while not isinstance(read[0], Report):
            yield read.popleft()
        read.popleft()
        yield outcome if isinstance(outcome, InputError) else outcome.to_record()
    yield from read


def _init_worker(registry: Optional[ActorRegistry], overrides: Optional[dict]) -> None:
    global _worker_pipeline
    from .pipeline import Pipeline

    _worker_pipeline = Pipeline(overrides=overrides, registry=registry)
    _freeze_once()


def _freeze_once() -> None:
    if not gc.get_freeze_count():
        gc.freeze()


def _worker_chunk(chunk: list) -> list[Outcome]:
    return list(_outcomes(_worker_pipeline, chunk))
