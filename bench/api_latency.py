"""API latency on a large store: p50/p95 of timeline queries (target: p95 < 100 ms at 100,000 events).

The store is generated straight into DuckDB (no spaCy): reports with a few events each, grouped
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


def build_store(path: Path, n_events: int) -> dict:
    """Fill a new store with generated reports, events and stories; return their counts."""
    from storyline.store.db import Store

    n_reports = n_events // EVENTS_PER_REPORT
    n_stories = max(1, n_reports // REPORTS_PER_STORY)
    types = "[" + ", ".join(f"'{t}'" for t in EVENT_TYPES) + "]"
    actors = "[" + ", ".join(f"'{a}'" for a in ACTORS) + "]"
    with Store(path) as store:
        con = store.con     # generated rows go in with SQL: no pipeline, only the store's own tables
        # report r belongs to story (r // 2) % n_stories + 1; reports 2m and 2m+1 share story events
        con.execute(f"""
            INSERT INTO reports (id, text_hash, outlet, published, title, text, extra, record)
            SELECT 'r' || i, md5('r' || i), 'outlet-' || (i % 40), DATE '2023-01-01' + CAST(i % 700 AS INTEGER),
                   'Generated report ' || i, 'Generated text of report ' || i || '. Envoys met in Doha.', '{{}}',
                   '{{"id": "r' || i || '", "events": [], "quotes": [], "actors": [], "timexes": []}}'
            FROM range({n_reports}) t(i)""")
        con.execute(f"""
            INSERT INTO events (report_id, idx, event, quad_code, actor_text, actor_name, actor_code,
                                recipient_text, recipient_name, event_text, start_char, end_char, modality, date,
                                source_text, source_type, confidence)
            SELECT 'r' || (i // {EVENTS_PER_REPORT}), i % {EVENTS_PER_REPORT}, {types}[1 + i % {len(EVENT_TYPES)}], 1,
                   {actors}[1 + i % {len(ACTORS)}], {actors}[1 + i % {len(ACTORS)}], 'XXX',
                   {actors}[1 + (i + 5) % {len(ACTORS)}], {actors}[1 + (i + 5) % {len(ACTORS)}],
                   'met', 0, 20, CASE WHEN i % 17 = 0 THEN 'negated' ELSE 'asserted' END,
                   CAST(DATE '2023-01-01' + CAST((i // {EVENTS_PER_REPORT}) % 700 AS INTEGER) AS VARCHAR),
                   'officials', 'anonymous', 0.5
            FROM range({n_events}) t(i)""")
        con.execute(f"""
            INSERT INTO stories (id, label, first_date, last_date, n_reports)
            SELECT s + 1, 'story ' || (s + 1), DATE '2023-01-01', DATE '2024-12-01', {REPORTS_PER_STORY}
            FROM range({n_stories}) t(s)""")
        con.execute(f"""
            INSERT INTO story_reports (report_id, story_id, score)
            SELECT 'r' || r, (r // 2) % {n_stories} + 1, 0.5 FROM range({n_reports}) t(r)""")
        con.execute(f"""
            INSERT INTO story_events (id, story_id, event, actor_name, recipient_name, date, date_explicit)
            SELECT j + 1, (j // {EVENTS_PER_REPORT}) % {n_stories} + 1, {types}[1 + j % {len(EVENT_TYPES)}],
                   {actors}[1 + j % {len(ACTORS)}], {actors}[1 + (j + 5) % {len(ACTORS)}],
                   DATE '2023-01-01' + CAST((2 * (j // {EVENTS_PER_REPORT})) % 700 AS INTEGER), true
            FROM range({n_events // 2}) t(j)""")
        con.execute(f"""
            INSERT INTO event_mentions (story_event_id, report_id, idx, modality)
            SELECT ((i // {EVENTS_PER_REPORT}) // 2) * {EVENTS_PER_REPORT} + i % {EVENTS_PER_REPORT} + 1,
                   'r' || (i // {EVENTS_PER_REPORT}), i % {EVENTS_PER_REPORT},
                   CASE WHEN i % 17 = 0 THEN 'negated' ELSE 'asserted' END
            FROM range({n_events}) t(i)""")
        con.execute("CHECKPOINT")
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
