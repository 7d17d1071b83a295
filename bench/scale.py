"""Scale: analysis throughput on 1, 2 and 4 Dask workers, query latency on a store of ten
million events (DuckDB and PostgreSQL), and the hours a GDELT-sized day would take on a cluster.

    .venv/bin/python bench/scale.py [--corpus 100000] [--analyse 2000] [--workers 1 2 4]
                                    [--events 10000000] [--pg postgresql://...] [--queries 200]
                                    [--stores-only]

1. A corpus of --corpus generated reports (bench/corpus.py: the example reports recombined,
   unique texts); the first --analyse of them are analysed on a LocalCluster of each size, timed
   after every worker has loaded its pipeline (the analysis alone: start-up is a constant a long
   run does not feel), with the records streamed back in order as `ingest --cluster` does.
2. A store of --events events built in DuckDB and in PostgreSQL (a throwaway server unless --pg;
   bench/api_latency.py's generator, through the store's bulk insert), then the latency of a
   story's timeline and of an actor's page through the query layer the API and CLI use.
3. The hours for a GDELT-sized day (100,000 reports) on clusters of N machines, from the rate
   per worker measured in 1 (a machine's cores are its workers).

--stores-only runs 2 alone.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

GDELT_DAY = 100_000


def analysis_rates(corpus: list[dict], worker_counts: list[int]) -> dict[int, tuple[float, float]]:
    """workers -> (reports/s, words/s) of the analysis on a LocalCluster of that many workers."""
    from storyline.cluster import analyse_on, client_for
    from storyline.ingest.readers import report_from_object

    reports = [report_from_object(o, f"corpus:{i}") for i, o in enumerate(corpus)]
    words = sum(len(r.text.split()) for r in reports)
    rates = {}
    for n in worker_counts:
        with client_for(f"local:{n}") as client:
            list(analyse_on(client, reports[:2 * n], chunk_size=1))   # each worker loads its pipeline
            start = time.perf_counter()
            done = sum(1 for _ in analyse_on(client, reports))
            seconds = time.perf_counter() - start
        rates[n] = (done / seconds, words / seconds)
        print(f"  {n} worker(s): {done} reports in {seconds:.1f} s = {rates[n][0]:.1f} reports/s, "
              f"{rates[n][1]:,.0f} words/s, {rates[n][0] / rates[min(rates)][0]:.2f}x one worker", flush=True)
    return rates


def latencies(db: str, counts: dict, n_queries: int, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Query -> (p50, p95) in ms, through the stories views and the query layer."""
    from api_latency import ACTORS

    from storyline.stories import views
    from storyline.store.db import Store

    rng = random.Random(seed)
    found = {}
    with Store(db, read_only=True) as store:
        runs = {"timeline (a whole story)": lambda: views.timeline(store.stories, rng.randint(1, counts["stories"])),
                "actor page (acts on, acted on by, quotes)": lambda: store.queries.actor(rng.choice(ACTORS))}
        for label, query in runs.items():
            query()   # warm-up: plans, caches
            timings = []
            # an actor's page aggregates every event it is in (seconds for a name in a million
            # events): fewer of them
            for _ in range(n_queries if label.startswith("timeline") else max(5, n_queries // 20)):
                start = time.perf_counter()
                query()
                timings.append((time.perf_counter() - start) * 1000)
            cuts = statistics.quantiles(timings, n=100, method="inclusive")
            found[label] = (cuts[49], cuts[94])
    return found


def store_latencies(n_events: int, pg_url: str | None, n_queries: int) -> None:
    from api_latency import build_store

    with tempfile.TemporaryDirectory() as tmp:
        server = None
        if pg_url is None:
            from postgres_server import Server, binaries

            server = Server(binaries())
            base = server.start()
            import psycopg

            with psycopg.connect(base + "/postgres", autocommit=True) as con:
                con.execute("CREATE DATABASE scale")
            pg_url = base + "/scale"
        try:
            for label, db in (("DuckDB", str(Path(tmp) / "scale.duckdb")), ("PostgreSQL", pg_url)):
                start = time.perf_counter()
                counts = build_store(db, n_events)
                print(f"  {label}: {counts['events']:,} events, {counts['reports']:,} reports, "
                      f"{counts['stories']:,} stories, built in {time.perf_counter() - start:.0f} s", flush=True)
                for query, (p50, p95) in latencies(db, counts, n_queries).items():
                    print(f"    {query:44s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms", flush=True)
        finally:
            if server is not None:
                server.stop()


def projection(per_worker: float) -> None:
    for machines, cores in ((1, 2), (1, 16), (4, 16), (16, 16)):
        hours = GDELT_DAY / (per_worker * machines * cores) / 3600
        print(f"  {machines:3d} machine(s) x {cores:2d} cores: {hours:6.2f} h")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=int, default=100_000, help="reports generated")
    parser.add_argument("--analyse", type=int, default=2_000, help="reports analysed per cluster size")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--pg", help="a PostgreSQL URL to build the big store in (default: a throwaway server)")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--stores-only", action="store_true", help="only build the stores and time the queries")
    args = parser.parse_args()
    if args.stores_only:
        print(f"store of {args.events:,} events:", flush=True)
        store_latencies(args.events, args.pg, args.queries)
        return

    from corpus import reports

    start = time.perf_counter()
    corpus = list(reports(args.corpus))
    print(f"corpus: {len(corpus):,} generated reports ({time.perf_counter() - start:.0f} s); "
          f"analysing {min(args.analyse, len(corpus)):,} on each cluster size", flush=True)
    rates = analysis_rates(corpus[:args.analyse], args.workers)
    print(f"store of {args.events:,} events:", flush=True)
    store_latencies(args.events, args.pg, args.queries)
    print(f"a GDELT-sized day ({GDELT_DAY:,} reports) at {rates[1][0]:.1f} reports/s per worker:")
    projection(rates[1][0])


if __name__ == "__main__":
    main()
