"""Never lose a report, never block a reader: real `storyline` processes on one store file.

An ingest killed with SIGKILL at several moments and run again stores every report once, with
its records and in a story; a server and every read command work while two ingests write, and
the server shows the new reports without a restart."""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from storyline.store.db import RECORD_TABLES, Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import corpus  # noqa: E402  (bench/corpus.py: reports recombined from the project's examples)

STORYLINE = [sys.executable, "-m", "storyline.cli.main"]
QUICK = {**os.environ, "STORYLINE_PROGRESS_SECONDS": "0"}   # a progress line on every change


def write_corpus(path: Path, n: int, seed: int) -> list[str]:
    corpus.write(path, n, seed)
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def start_ingest(inputs: list[Path], db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([*STORYLINE, "ingest", *map(str, inputs), "--db", str(db), "--batch-size", "4", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=QUICK)


def count(line: str, what: str) -> int:
    m = re.search(rf"(\d+) {what}\b", line)
    return int(m.group(1)) if m else 0


def kill_when(proc: subprocess.Popen, moment) -> None:
    """SIGKILL the ingest `moment` seconds after its start, or as soon as one of its progress lines
    meets the condition `moment`."""
    if isinstance(moment, float):
        time.sleep(moment)
    else:
        for line in proc.stderr:
            if moment(line):
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()


def assert_complete(db: Path, ids: list[str]) -> None:
    """Every report once, each with the records its output object lists, each in a story."""
    with Store(db, read_only=True) as store:
        stored = [r["id"] for r in store.table("reports")]
        assert sorted(stored) == sorted(ids)
        records = {r["id"]: r for r in store.records()}
        for table in RECORD_TABLES:
            rows = store.table(table)
            assert {r["report_id"] for r in rows} <= set(ids), f"{table} rows of no stored report"
            per_report = {i: 0 for i in ids}
            for r in rows:
                per_report[r["report_id"]] += 1
            assert per_report == {i: len(records[i][table]) for i in ids}, table
        assert store.stories.unassigned() == []
        assert store.stories.count() >= 1


def test_killed_ingests_resume_with_every_report_once_and_in_a_story(tmp_path):
    source, db = tmp_path / "reports.jsonl", tmp_path / "store.duckdb"
    ids = write_corpus(source, 60, seed=3)
    moments = [
        0.5,                                                # starting up: nothing analysed yet
        lambda line: count(line, "analysed") == 4,          # a batch complete, about to be written
        lambda line: count(line, "stored") >= 8,            # right after a commit
        lambda line: count(line, "analysed") == 6,          # half-way through a batch's analysis
        lambda line: count(line, "stored") >= 4 and time.sleep(0.05) is None,   # somewhere in the next batch
    ]
    for moment in moments:
        proc = start_ingest([source], db)
        kill_when(proc, moment)
        assert proc.returncode == -signal.SIGKILL
    done = subprocess.run([*STORYLINE, "ingest", str(source), "--db", str(db)], capture_output=True, text=True, env=QUICK)
    assert done.returncode == 0, done.stderr
    assert_complete(db, ids)
    again = subprocess.run([*STORYLINE, "ingest", str(source), "--db", str(db)], capture_output=True, text=True)
    assert again.returncode == 0
    assert again.stderr.strip().splitlines()[-1] == (f"stored 0 report(s) in {db}; 60 already there "
                                                     "(not analysed again); 0 skipped")
    assert "already stored" not in again.stderr.replace("already there", "")   # one summary line, not one per report


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=60) as response:
        assert response.status == 200
        return json.loads(response.read())


def test_server_and_readers_work_while_two_ingests_write(tmp_path):
    first, db = tmp_path / "first.jsonl", tmp_path / "store.duckdb"
    a, b, new = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "new.jsonl"
    first_ids = write_corpus(first, 6, seed=11)
    a_ids = write_corpus(a, 24, seed=12)
    new_ids = write_corpus(new, 12, seed=13)
    # b: the second half of a's reports, then reports of its own
    b.write_text("\n".join(a.read_text(encoding="utf-8").splitlines()[12:]
                           + new.read_text(encoding="utf-8").splitlines()) + "\n", encoding="utf-8")
    assert subprocess.run([*STORYLINE, "ingest", str(first), "--db", str(db)], capture_output=True).returncode == 0

    port = free_port()
    server = subprocess.Popen([*STORYLINE, "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                assert get(f"{base}/api/health")["reports"] == 6
                break
            except OSError:
                time.sleep(0.1)
        ingests = [start_ingest([a], db), start_ingest([b], db)]
        drained = [threading.Thread(target=p.stderr.read, daemon=True) for p in ingests]
        for t in drained:
            t.start()
        story = json.loads(subprocess.run([*STORYLINE, "stories", "--db", str(db), "--format", "jsonl"],
                                          capture_output=True, text=True, check=True).stdout.splitlines()[0])["id"]
        reads = [["events"], ["quotes"], ["stories"], ["timeline", str(story)], ["disputes", str(story)],
                 ["diff", str(story), "--since", "2024-11-01"], ["show", first_ids[0]], ["actors"],
                 ["export", "--format", "jsonl", "-o", str(tmp_path / "export.jsonl")]]
        seen_during = set()
        rounds = 0
        while any(p.poll() is None for p in ingests) or rounds < 1:
            rounds += 1
            for command in reads:
                run = subprocess.run([*STORYLINE, *command, "--db", str(db)], capture_output=True, text=True)
                assert run.returncode == 0, (command, run.stderr)
                seen_during.add(get(f"{base}/api/health")["reports"])
                assert get(f"{base}/api/events?per_page=5")["total"] > 0
        assert [p.wait() for p in ingests] == [0, 0]
        assert rounds >= 1
        assert get(f"{base}/api/health")["reports"] == 6 + 36    # the server sees them without a restart
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert_complete(db, first_ids + a_ids + new_ids)
    assert max(seen_during) > 6, seen_during


def test_a_store_held_too_long_is_a_one_line_error_naming_the_holder(tmp_path):
    db = tmp_path / "held.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('holding', flush=True); time.sleep(60)", str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        run = subprocess.run([*STORYLINE, "events", "--db", str(db)], capture_output=True, text=True,
                             env={**os.environ, "STORYLINE_STORE_WAIT": "1"})
    finally:
        holder.kill()
        holder.wait()
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert f"is in use by process {holder.pid} (" in lines[0] and "duckdb.connect" in lines[0]
    assert "was not let go within 1 s" in lines[0]


@pytest.mark.parametrize("command", [["events"], ["stories"]])
def test_commands_wait_for_a_writer_and_then_succeed(tmp_path, command):
    db = tmp_path / "busy.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('holding', flush=True); time.sleep(8); c.close()", str(db)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    run = subprocess.run([*STORYLINE, *command, "--db", str(db)], capture_output=True, text=True)
    holder.wait()
    assert run.returncode == 0, run.stderr
    # held for eight seconds (longer than a command takes to start on a busy machine): the wait
    # is said once, naming the holder
    assert run.stderr.count(f"in use by process {holder.pid}") == 1, run.stderr
