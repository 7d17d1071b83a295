"""Crash safety at scale: a generated ingest killed with SIGKILL at five moments, then resumed.

    .venv/bin/python bench/crash_resume.py [--reports 3000] [--workers 1]

1. An uninterrupted ingest of the corpus into a fresh store (the reference time).
2. Into a second store: the same ingest killed at 10%, 30%, 50%, 70% and 90% of the corpus
   stored (one of them mid-way through a batch), each time started again, then run to the end.
3. Checks of the second store: every report once, no record rows without their report, every
   report's rows as its output object lists them, no report outside a story.
4. A repeat run over the stored reports, timed against the reference.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from storyline.store.db import RECORD_TABLES, Store  # noqa: E402

STORYLINE = [sys.executable, "-m", "storyline.cli.main"]
ENV = {**os.environ, "STORYLINE_PROGRESS_SECONDS": "0"}


def ingest(source: Path, db: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen([*STORYLINE, "ingest", str(source), "--db", str(db), "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    with Store(db, read_only=True) as store:
        return store.count()


def kill_at(source: Path, db: Path, workers: int, target: int, mid_batch: bool) -> int:
    """Run an ingest until the store holds `target` reports (plus half a batch's analysis with
    `mid_batch`), SIGKILL it, and return how many reports the store holds then."""
    already = stored_count(db)
    proc = ingest(source, db, workers)
    for line in proc.stderr:
        m = re.search(r"(\d+) stored", line)
        if m and already + int(m.group(1)) >= target:
            if mid_batch:
                analysed = int(re.search(r"(\d+) analysed", line).group(1))
                for later in proc.stderr:
                    if int(re.search(r"(\d+) analysed", later).group(1)) >= analysed + 50:
                        break
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if proc.returncode != -signal.SIGKILL:
        raise SystemExit(f"the ingest ended (exit {proc.returncode}) before it could be killed at {target}")
    return stored_count(db)


def check(db: Path, ids: list[str]) -> dict:
    with Store(db, read_only=True) as store:
        stored = [r["id"] for r in store.table("reports")]
        records = {r["id"]: r for r in store.records()}
        orphaned = mismatched = 0
        for table in RECORD_TABLES:
            per_report: dict[str, int] = {}
            for row in store.table(table):
                per_report[row["report_id"]] = per_report.get(row["report_id"], 0) + 1
            orphaned += sum(n for rid, n in per_report.items() if rid not in records)
            mismatched += sum(per_report.get(rid, 0) != len(r[table]) for rid, r in records.items())
        return {"reports": len(stored), "distinct": len(set(stored)), "missing": len(set(ids) - set(stored)),
                "duplicated": len(stored) - len(set(stored)), "orphaned_rows": orphaned,
                "reports_with_wrong_rows": mismatched, "outside_a_story": len(store.stories.unassigned())}


def timed_run(source: Path, db: Path, workers: int) -> float:
    start = time.perf_counter()
    done = subprocess.run([*STORYLINE, "ingest", str(source), "--db", str(db), "--workers", str(workers)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=3000)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = corpus.write(Path(tmp) / "corpus.jsonl", args.reports, seed=5)
        ids = [json.loads(line)["id"] for line in source.read_text(encoding="utf-8").splitlines()]
        reference = timed_run(source, Path(tmp) / "reference.duckdb", args.workers)
        print(f"uninterrupted ingest of {args.reports} reports: {reference:.1f} s")
        db = Path(tmp) / "killed.duckdb"
        for share, mid_batch in ((0.1, False), (0.3, True), (0.5, False), (0.7, True), (0.9, False)):
            held = kill_at(source, db, args.workers, int(args.reports * share), mid_batch)
            print(f"killed at {share:.0%}{' (mid-batch)' if mid_batch else ''}: store holds {held} reports")
        resumed = timed_run(source, db, args.workers)
        print(f"resumed to the end in {resumed:.1f} s")
        print("checks:", json.dumps(check(db, ids)))
        repeat = timed_run(source, db, args.workers)
        print(f"repeat run over the {args.reports} stored reports: {repeat:.2f} s "
              f"= {repeat / reference:.1%} of the uninterrupted ingest")


if __name__ == "__main__":
    main()
