"""API latency on a large store: p50/p95 of timeline queries (target: p95 < 100 ms at 100,000 events).

The store is generated straight into the store's tables (no spaCy): reports with a few events each, grouped
in pairs that report the same story events (two mentions each, some denied, so corroboration and
disputes have work to do), the pairs spread over many stories.

    .venv/bin/python bench/api_latency.py [--events 100000] [--requests 300] [--uvicorn]

By default requests go through FastAPI's TestClient (in process); --uvicorn serves the app on
127.0.0.1 and sends real HTTP requests.
"""
from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import tempfile
import time
from pathlib import Path

EVENTS_PER_REPORT = 5
REPORTS_PER_STORY = 20
EVENT_TYPES = ["CONSULT", "ASSAULT", "ACCUSE", "AGREE", "REQUEST", "REJECT", "THREATEN", "AID"]
ACTORS = ["Israel", "Hezbollah", "Lebanon", "Amos Hochstein", "Najib Mikati", "Hamas", "Egypt", "Qatar",
          "United States", "Iran", "France", "Nabih Berri"]


def build_store(db: str | Path, n_events: int, chunk: int = 200_000) -> dict:
    """Fill a new store (a DuckDB file or a PostgreSQL URL) with generated reports, events and
    stories, through the store's own bulk insert; return their counts. Report r belongs to story
    (r // 2) % n_stories + 1; reports 2m and 2m+1 state the same story events."""
    from datetime import date, timedelta

    from storyline.store.db import Store
    from storyline.store.tables import bulk_insert

    n_reports = n_events // EVENTS_PER_REPORT
    n_stories = max(1, n_reports // REPORTS_PER_STORY)
    day0 = date(2023, 1, 1)
    record = '{{"id": "r{}", "events": [], "quotes": [], "actors": [], "timexes": []}}'
    with Store(db) as store:
        con = store.con

        def insert(table: str, columns: tuple, rows) -> None:
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) == chunk:
                    bulk_insert(con, table, columns, batch)
                    batch = []
            bulk_insert(con, table, columns, batch)

        insert("reports", ("id", "text_hash", "outlet", "published", "title", "text", "extra", "record"),
               ((f"r{i}", f"h{i}", f"outlet-{i % 40}", day0 + timedelta(days=i % 700), f"Generated report {i}",
                 f"Generated text of report {i}. Envoys met in Doha.", "{}", record.format(i)) for i in range(n_reports)))
        insert("events", ("report_id", "idx", "event", "quad_code", "actor_text", "actor_name", "actor_code",
                          "recipient_text", "recipient_name", "event_text", "start_char", "end_char", "modality",
                          "date", "source_text", "source_type", "confidence"),
               ((f"r{i // EVENTS_PER_REPORT}", i % EVENTS_PER_REPORT, EVENT_TYPES[i % len(EVENT_TYPES)], 1,
                 ACTORS[i % len(ACTORS)], ACTORS[i % len(ACTORS)], "XXX", ACTORS[(i + 5) % len(ACTORS)],
                 ACTORS[(i + 5) % len(ACTORS)], "met", 0, 20, "negated" if i % 17 == 0 else "asserted",
                 (day0 + timedelta(days=(i // EVENTS_PER_REPORT) % 700)).isoformat(), "officials", "anonymous", 0.5)
                for i in range(n_events)))
        insert("stories", ("id", "label", "first_date", "last_date", "n_reports"),
               ((s + 1, f"story {s + 1}", day0, date(2024, 12, 1), REPORTS_PER_STORY) for s in range(n_stories)))
        insert("story_reports", ("report_id", "story_id", "score"),
               ((f"r{r}", (r // 2) % n_stories + 1, 0.5) for r in range(n_reports)))
        insert("story_events", ("id", "story_id", "event", "actor_name", "recipient_name", "date", "date_explicit"),
               ((j + 1, (j // EVENTS_PER_REPORT) % n_stories + 1, EVENT_TYPES[j % len(EVENT_TYPES)],
                 ACTORS[j % len(ACTORS)], ACTORS[(j + 5) % len(ACTORS)],
                 day0 + timedelta(days=(2 * (j // EVENTS_PER_REPORT)) % 700), True) for j in range(n_events // 2)))
        insert("event_mentions", ("story_event_id", "report_id", "idx", "modality"),
               ((((i // EVENTS_PER_REPORT) // 2) * EVENTS_PER_REPORT + i % EVENTS_PER_REPORT + 1,
                 f"r{i // EVENTS_PER_REPORT}", i % EVENTS_PER_REPORT, "negated" if i % 17 == 0 else "asserted")
                for i in range(n_events)))
        store.analyse_tables()
        return {"reports": n_reports, "events": store.count("events"), "stories": n_stories}


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def time_requests(get, paths: list[str]) -> list[float]:
    get(paths[0])  # warm-up: first query plans, page cache
    timings = []
    for path in paths:
        start = time.perf_counter()
        status, size = get(path)
        timings.append((time.perf_counter() - start) * 1000)
        assert status == 200, f"{path}: HTTP {status}"
        assert size > 0
    return timings


def test_client_get(app):
    from fastapi.testclient import TestClient

    client = TestClient(app)

    def get(path: str) -> tuple[int, int]:
        r = client.get(path)
        return r.status_code, len(r.content)
    return get


def http_get(base_url: str):
    import urllib.request

    def get(path: str) -> tuple[int, int]:
        with urllib.request.urlopen(base_url + path) as r:
            return r.status, len(r.read())
    return get


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--uvicorn", action="store_true", help="real HTTP on 127.0.0.1 instead of TestClient")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from storyline.api.app import create_app
    from storyline.api.server import serving

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        counts = build_store(db, args.events)
        print(f"store: {counts['events']:,} events, {counts['reports']:,} reports, {counts['stories']:,} stories "
              f"(built in {time.perf_counter() - start:.1f} s)")
        app = create_app(db)
        with serving(app) if args.uvicorn else contextlib.nullcontext() as base_url:
            get = http_get(base_url) if args.uvicorn else test_client_get(app)
            rng = random.Random(args.seed)
            stories = [rng.randint(1, counts["stories"]) for _ in range(args.requests)]
            queries = {
                "timeline (whole story)": [f"/api/stories/{s}/timeline?per_page=500" for s in stories],
                "timeline (date window)": [f"/api/stories/{s}/timeline?since=2023-03-01&until=2023-09-30"
                                           for s in stories],
                "events (type + dates, page 3)": [f"/api/events?type=ASSAULT&since=2023-{1 + s % 12:02d}-01&page=3"
                                                  for s in stories],
            }
            transport = "uvicorn on 127.0.0.1" if args.uvicorn else "TestClient"
            print(f"{args.requests} requests each, via {transport}")
            for label, paths in queries.items():
                timings = time_requests(get, paths)
                print(f"  {label:32s} p50 {percentile(timings, 50):6.1f} ms   p95 {percentile(timings, 95):6.1f} ms   "
                      f"max {max(timings):6.1f} ms")
        app.state.store.close()


if __name__ == "__main__":
    main()
