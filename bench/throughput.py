"""Throughput of storyline end to end (files -> store) beside plain spaCy parsing of the same text.

    .venv/bin/python bench/throughput.py [--input PATH ...] [--copies N] [--workers 1 2]

Both sides run as fresh processes, timed from start to exit, so both pay for Python start-up and
model loading: the baseline loads the same English model and parses the same paragraphs with
nlp.pipe (n_process = workers); storyline runs `storyline ingest --workers N` into a new DuckDB
file. Peak memory is the largest resident set (VmHWM) of any one process of the run, main or
worker, sampled from /proc. The input is copied N times (each copy made unique) so the run is long enough to measure.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyline.ingest.readers import read_inputs  # noqa: E402
from storyline.models import Report  # noqa: E402

BASELINE = """
import json, sys
from storyline.nlp.parse import load_model, split_chunks
nlp = load_model()
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
chunks = [c for t in texts for c in split_chunks(t)]
n = 0
for doc in nlp.pipe(chunks, batch_size=64, n_process=int(sys.argv[2])):
    n += len(doc)
print(n)
"""


def build_corpus(inputs: list[str], copies: int, target: Path) -> tuple[int, int]:
    reports = [r for r in read_inputs(inputs) if isinstance(r, Report)]
    if not reports:
        sys.exit(f"no usable reports in {inputs}")
    words = 0
    with target.open("w", encoding="utf-8") as fh:
        for n in range(copies):
            for r in reports:
                text = r.text + f"\n\n(Copy {n} of report {r.id}.)"
                words += len(text.split())
                fh.write(json.dumps({"id": f"{r.id}#{n}", "text": text, "published": r.published or "2024-11-19",
                                     "outlet": r.outlet}, ensure_ascii=False) + "\n")
    return copies * len(reports), words


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def _peak_rss_mb(pid: int) -> float:
    """The kernel's high-water mark of the process's resident set (VmHWM), in MB."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, and the peak RSS (MB) of the largest single process in the command's tree
    (the main process or one worker), sampled every 50 ms; and how many processes were seen."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, float] = {}
    while proc.poll() is None:
        tree, todo = [], [proc.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(_children(pid))
        for pid in tree:
            peaks[pid] = max(peaks.get(pid, 0.0), _peak_rss_mb(pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr.read().decode()}")
    return elapsed, max(peaks.values(), default=0.0), len(peaks)


def row(workers: int, job: str, secs: float, mb: float, words: int, n_reports: int, base_s: float) -> None:
    print(f"{workers:>7} {job:<22} {secs:>8.1f} {words / secs:>8.0f} {n_reports / secs:>9.1f} {mb:>7.0f} "
          f"{base_s / secs:>5.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", nargs="+", default=[str(ROOT / "examples" / "reports")])
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    python = sys.executable
    storyline = [python, "-m", "storyline.cli.main"]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n_reports, words = build_corpus(args.input, args.copies, corpus)
        print(f"corpus: {n_reports} reports, {words:,} words (inputs: {' '.join(args.input)}; copies: {args.copies})")
        print(f"{'workers':>7} {'job':<22} {'seconds':>8} {'words/s':>8} {'reports/s':>9} {'peak MB':>7} {'ratio':>6}")
        for workers in args.workers:
            base_s, base_mb, _ = timed([python, "-c", BASELINE, str(corpus), str(workers)])
            row(workers, "spaCy parse only", base_s, base_mb, words, n_reports, base_s)
            for label, extra in (("storyline ingest", ["--no-stories"]), ("  + story grouping", [])):
                db = Path(tmp) / f"bench-{workers}-{len(extra)}.duckdb"
                secs, mb, _ = timed(storyline + ["ingest", str(corpus), "--db", str(db), "--workers", str(workers),
                                                 *extra])
                row(workers, label, secs, mb, words, n_reports, base_s)
    print("ratio = storyline throughput / plain spaCy throughput in the same run (1.00x: the rest is free);")
    print("'storyline ingest' is the core pipeline from files to the store; '+ story grouping' adds the stories layer")
    print("peak MB = largest resident set of any one process (main or worker) during the run")


if __name__ == "__main__":
    main()
