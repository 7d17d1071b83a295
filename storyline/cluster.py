"""Running the analysis on a Dask distributed cluster: `ingest --cluster tcp://HOST:PORT` (an
existing scheduler, whose workers have storyline and its English model installed) or
`--cluster local:N` (a LocalCluster of N worker processes on this machine).

Reports go out in chunks; each worker loads the pipeline once (kept on the worker between
chunks) and sends back the chunk's records, which come back to the one writer in input order,
with input errors in place, as from a local run (runner.py). A bounded number of chunks is in
flight at a time, so a large input streams instead of filling the scheduler's memory.
"""
from __future__ import annotations

import logging
from collections import deque
from contextlib import contextmanager
from typing import Iterable, Iterator, Optional

from .runner import Outcome, _outcomes, chunks

LOCAL_PREFIX = "local:"
CHUNK_SIZE = 16            # reports per task: small enough to spread a modest input over every worker
CHUNKS_PER_WORKER = 2      # in flight per worker: one running, one queued behind it


def check_cluster(spec: str) -> str:
    """`local:N` (N >= 1) or a scheduler address (tcp://host:port, tls://..., host:port)."""
    if spec.startswith(LOCAL_PREFIX):
        n = spec[len(LOCAL_PREFIX):]
        if not n.isdigit() or int(n) < 1:
            raise ValueError(f"--cluster {spec!r}: local:N needs a number of workers N >= 1")
    elif not spec or " " in spec:
        raise ValueError(f"--cluster {spec!r}: give a scheduler address (tcp://host:port) or local:N")
    return spec


@contextmanager
def client_for(spec: str) -> Iterator:
    """A Dask client on the cluster `spec` names (a LocalCluster is started and stopped here)."""
    from dask.distributed import Client, LocalCluster

    check_cluster(spec)
    if spec.startswith(LOCAL_PREFIX):
        # a worker holding a loaded model takes a few seconds to exit: the nanny's note that it
        # had to stop it says nothing the user can act on
        logging.getLogger("distributed.nanny").setLevel(logging.ERROR)
        # one thread per worker process: the pipeline is CPU-bound Python, threads would share one core
        with LocalCluster(n_workers=int(spec[len(LOCAL_PREFIX):]), threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(spec, timeout="30s") as client:
            yield client


def run_on_cluster(items: Iterable, spec: str, chunk_size: int = CHUNK_SIZE, registry=None,
                   overrides: Optional[dict] = None) -> Iterator[Outcome]:
    """Records (or errors) for `items` in input order, analysed on the cluster `spec`."""
    with client_for(spec) as client:
        yield from analyse_on(client, items, chunk_size, registry, overrides)


def analyse_on(client, items: Iterable, chunk_size: int = CHUNK_SIZE, registry=None,
               overrides: Optional[dict] = None) -> Iterator[Outcome]:
    """Records (or errors) for `items` in input order, analysed by the workers of `client`
    (`overrides`: pipeline config overrides, as for Pipeline)."""
    workers = max(len(client.scheduler_info()["workers"]), 1)
    shared = client.scatter(registry, broadcast=True) if registry is not None else None
    pending: deque = deque()
    for chunk in chunks(items, chunk_size):
        pending.append(client.submit(_analyse_chunk, chunk, shared, shared.key if shared is not None else None,
                                     overrides, pure=False))
        while len(pending) >= CHUNKS_PER_WORKER * workers:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _analyse_chunk(chunk: list, registry=None, registry_key: Optional[str] = None,
                   overrides: Optional[dict] = None) -> list[Outcome]:
    """On a worker: the chunk's outcomes, through the worker's pipeline, loaded once per run (a
    long-lived cluster serves ingests of other stores, with other registries or settings, later)."""
    from dask.distributed import get_worker

    worker = get_worker()
    key, pipeline = getattr(worker, "storyline_pipeline", (None, None))
    wanted = (registry_key, sorted((overrides or {}).items()))
    if pipeline is None or key != wanted:
        from .pipeline import Pipeline

        pipeline = Pipeline(overrides=overrides, registry=registry)
        worker.storyline_pipeline = (wanted, pipeline)
    return list(_outcomes(pipeline, chunk))
