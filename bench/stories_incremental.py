"""Incremental story assignment: adding 100 reports costs the same in a store of 1,000 or 1,000,000.

Synthetic records (no spaCy): each topic has its own names and a three-week window; reports
mix topic names with shared ones and filler words, and carry a few events. A bigger store is a
longer history at the same density (about 50 topics a year), as a news archive grows; the new
reports are the latest news, on the topics of the last weeks. The base store is ingested in
batches of 5,000 in the order the topics began, each batch stored and assigned in one
transaction (not timed; the records are made as they are written, so a million fit in memory);
then the 100 new reports are stored and assigned the same way, as `storyline ingest` does, and
timed.

    .venv/bin/python bench/stories_incremental.py [--sizes 1000 10000] [--new 100] [--postgres]

With --postgres the stores are PostgreSQL databases on a throwaway server (tests/postgres_server.py).
"""
from __future__ import annotations

import argparse
import random
import string
import sys
import time
from typing import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

from storyline.models import ActorMention, Event, EventArgument, ReportRecord
from storyline.stories import assign_reports
from storyline.store.db import Store

SHARED_NAMES = ["Israel", "Washington", "Biden", "United Nations", "Europe"]
FILLER = ("talks officials said proposal would government forces border security agreement week meeting "
          "minister statement reported sources plan negotiations conflict fighting region").split()
TYPES = ["CONSULT", "REQUEST", "AGREE", "REJECT", "ASSAULT"]
START = date(2023, 1, 1)
BATCH = 5000   # base reports per ingest batch


def _name(rng: random.Random) -> str:
    return rng.choice(string.ascii_uppercase) + "".join(rng.choices("aeioulnrstkmdh", k=rng.randint(4, 8)))


def make_topics(n: int, days: int, rng: random.Random) -> list[dict]:
    return [{"names": [_name(rng) for _ in range(8)], "start": START + timedelta(days=rng.randint(0, days))}
            for _ in range(n)]


def make_record(i: int, topic: dict, rng: random.Random, prefix: str) -> ReportRecord:
    day = topic["start"] + timedelta(days=rng.randint(0, 20))
    words = []
    for _ in range(120):
        roll = rng.random()
        pool = topic["names"] if roll < 0.2 else SHARED_NAMES if roll < 0.25 else FILLER
        words.append(rng.choice(pool))
    text = f"{rng.choice(topic['names'])} said on Monday that " + " ".join(words) + f". Report {prefix}{i}."
    actors = [ActorMention(n, 0, len(n), n, "XXX", "GOV", "person") for n in rng.sample(topic["names"], 3)]
    events = [Event(rng.choice(TYPES), None, EventArgument(a.text, 0, 1, a.name, a.code, a.sector), None, "met",
                    0, 10, "asserted", date=day.isoformat()) for a in actors[:2]]
    return ReportRecord(id=f"{prefix}{i}", url=None, outlet=f"outlet{rng.randint(0, 50)}.com", published=day.isoformat(),
                        title=None, actors=actors, events=events, quotes=[], timexes=[], text=text)


def base_records(size: int, topics: list[dict], rng: random.Random) -> Iterator[ReportRecord]:
    """The base store's reports in the order an archive grew: by their topic's start (a record is
    made when it is reached, so a store of millions never sits in memory)."""
    picks = sorted((rng.randrange(len(topics)) for _ in range(size)), key=lambda t: (topics[t]["start"], t))
    for i, topic in enumerate(picks):
        yield make_record(i, topics[topic], rng, "base-")


def batched(records: Iterable[ReportRecord], size: int) -> Iterator[list[ReportRecord]]:
    batch = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(store: Store, records: list[ReportRecord]) -> list[str]:
    """Store a batch and assign it to stories in one transaction, as `storyline ingest` does."""
    with store.transaction():
        stored = store.save(records).stored
        assign_reports(store, stored)
    return stored


def bench(size: int, n_new: int, db: str = ":memory:", seed: int = 7, batch: int = BATCH) -> float:
    rng = random.Random(seed)
    days = 365 * max(size // 1000, 1)
    topics = make_topics(max(size // 20, 1), days, rng)
    latest = [t for t in topics if t["start"] >= START + timedelta(days=days - 40)]
    store = Store(db)
    started = time.perf_counter()
    for records in batched(base_records(size, topics, rng), batch):
        ingest(store, records)
    built = time.perf_counter() - started
    if store.postgres:
        store.analyse_tables()   # what autovacuum does after a bulk load: statistics, all-visible pages
    new = [make_record(i, rng.choice(latest), rng, "new-") for i in range(n_new)]
    started = time.perf_counter()
    stored = ingest(store, new)
    elapsed = time.perf_counter() - started
    story_of = {rid: store.stories.story_of_report(rid)["id"] for rid in stored}
    sizes = {sid: store.stories.story(sid)["n_reports"] for sid in set(story_of.values())}
    joined = sum(1 for rid in stored if sizes[story_of[rid]] > 1)
    stories = store.stories.count()
    print(f"store {size:>7}: {n_new} new reports stored and assigned in {elapsed:.2f} s "
          f"({1000 * elapsed / n_new:.1f} ms/report); {joined}/{n_new} joined an existing story; "
          f"{len(sizes)} stories touched; {stories} stories for {len(topics)} topics "
          f"(base built in {built:.0f} s)", flush=True)
    store.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL stores on a throwaway server")
    args = parser.parse_args()
    if args.postgres:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
        import psycopg
        from postgres_server import Server, binaries

        server = Server(binaries())
        base = server.start()
        try:
            times = []
            for size in args.sizes:
                with psycopg.connect(base + "/postgres", autocommit=True) as con:
                    con.execute(f"CREATE DATABASE incremental_{size}")
                times.append(bench(size, args.new, f"{base}/incremental_{size}"))
        finally:
            server.stop()
    else:
        times = [bench(size, args.new) for size in args.sizes]
    if len(times) > 1:
        print(f"ratio {args.sizes[-1]}/{args.sizes[0]} store: {times[-1] / times[0]:.2f}x the time "
              f"for {args.sizes[-1] // args.sizes[0]}x the reports")


if __name__ == "__main__":
    main()
