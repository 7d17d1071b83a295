"""Throughput of storyline end to end (reports -> store) beside plain spaCy on the same text.

    .venv/bin/python bench/throughput.py [--shared ../shared] [--corpus negotiation general]
                                         [--words 60000] [--workers 1 2] [--input PATH ...]

Two corpora, read at run time (nothing of them is copied into the repository):
- negotiation: the development reports (../shared/corpus/lebanon-dev.jsonl and world-dev.jsonl);
- general: a general-news mix, where most sentences hold no codable event: the texts of the
  TempEval-3 TimeBank/AQUAINT documents and the PolNeAR articles in ../shared/data, alternated.
(--input instead measures files of your own, as one corpus.) Each corpus is repeated, every copy
made unique, to about --words words, so that a run is long enough to measure.

For each corpus and number of workers, as fresh processes timed from start to exit (so each pays
for Python start-up and model loading): plain spaCy with every component of the pinned model over
the same paragraphs (nlp.pipe, n_process = workers); `storyline ingest --full-parse` (the model run
whole); `storyline ingest` (selective: the entity recogniser only around possible names, numbers
and dates; the attribute rules and lemmas by look-up). Both storyline jobs store into a new DuckDB
file with --no-stories (the core pipeline; story grouping is measured by bench/stories_incremental.py).
Peak MB is the largest resident set (VmHWM) of any one process of the job, main or worker.
Start-up is the time from launching `storyline extract` on the corpus to its first record out.
The share of tokens the entity recogniser reads in selective mode is computed here, with the
tokenizer and the same windows.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from itertools import count
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
_TIMEML_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<[^>]+>")


def negotiation_texts(shared: Path) -> list[str]:
    texts = []
    for name in ("lebanon-dev", "world-dev"):
        with (shared / "corpus" / f"{name}.jsonl").open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


def general_news_texts(shared: Path) -> list[str]:
    """TempEval-3 (TimeBank, AQUAINT) texts with their markup removed, alternated with PolNeAR articles."""
    timeml = []
    for path in sorted((shared / "data" / "tempeval3" / "TBAQ-cleaned").glob("*/*.tml")):
        found = _TIMEML_TEXT.search(path.read_bytes().decode("utf-8", errors="replace"))  # a few are Latin-1
        if found:
            timeml.append(_TAG.sub("", found.group(1)).strip())
    polnear = [p.read_text(encoding="utf-8").strip() for p in sorted((shared / "data" / "polnear").glob("*/text/*.txt"))]
    mixed = [text for pair in zip(timeml, polnear) for text in pair]
    return [t for t in mixed if t]


def input_texts(paths: list[str]) -> list[str]:
    return [r.text for r in read_inputs(paths) if isinstance(r, Report)]


def write_corpus(texts: list[str], target_words: int, path: Path) -> tuple[int, int]:
    """Write texts as JSONL, repeated (each copy unique) until about target_words; (reports, words)."""
    n_reports = words = 0
    with path.open("w", encoding="utf-8") as fh:
        for copy in count():
            for n, text in enumerate(texts):
                if words >= target_words:
                    return n_reports, words
                body = text + f"\n\n(Copy {copy} of text {n}.)"
                words += len(body.split())
                n_reports += 1
                fh.write(json.dumps({"id": f"t{n}#{copy}", "text": body, "published": "2024-11-19"},
                                    ensure_ascii=False) + "\n")
    return n_reports, words


def recogniser_share(corpus: Path) -> float:
    """Share of tokens the selective entity recogniser reads (tokenizer and windows only)."""
    from storyline.nlp.parse import load_model, split_chunks
    from storyline.nlp.selective import DEFAULT_CONTEXT, WindowedRecogniser

    nlp = load_model()
    windows = WindowedRecogniser(nlp, DEFAULT_CONTEXT)
    read = seen = 0
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            for chunk in split_chunks(json.loads(line)["text"]):
                doc = nlp.make_doc(chunk)
                seen += len(doc)
                read += sum(end - start for start, end in windows.windows(doc))
    return read / max(seen, 1)


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


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds, and the peak RSS (MB) of the largest single process in the command's tree
    (the main process or one worker), sampled every 50 ms."""
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
    return elapsed, max(peaks.values(), default=0.0)


def first_record_seconds(cmd: list[str]) -> float:
    """Seconds from launching `cmd` to the first line on its standard output."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.kill()
    proc.wait()
    if not line:
        sys.exit(f"{' '.join(cmd)} wrote nothing")
    return elapsed


def row(corpus: str, workers: int, job: str, secs: float, mb: float, words: int, n_reports: int,
        base_s: float) -> None:
    print(f"{corpus:<12} {workers:>7} {job:<34} {secs:>8.1f} {words / secs:>8.0f} {n_reports / secs:>9.1f} "
          f"{mb:>7.0f} {base_s / secs:>5.2f}x", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--corpus", nargs="+", choices=["negotiation", "general"], default=["negotiation", "general"])
    ap.add_argument("--input", nargs="+", help="measure these files instead of the two corpora")
    ap.add_argument("--words", type=int, default=60000, help="about this many words per corpus")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    python = sys.executable
    storyline = [python, "-m", "storyline.cli.main"]
    corpora = {"input": lambda: input_texts(args.input)} if args.input else {
        "negotiation": lambda: negotiation_texts(args.shared), "general": lambda: general_news_texts(args.shared)}
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'corpus':<12} {'workers':>7} {'job':<34} {'seconds':>8} {'words/s':>8} {'reports/s':>9} "
              f"{'peak MB':>7} {'ratio':>6}")
        notes = []
        for name, texts in corpora.items():
            if name != "input" and name not in args.corpus:
                continue
            corpus = Path(tmp) / f"{name}.jsonl"
            n_reports, words = write_corpus(texts(), args.words, corpus)
            startup = first_record_seconds(storyline + ["extract", str(corpus)])
            notes.append(f"{name}: {n_reports} reports, {words:,} words; entity recogniser reads "
                         f"{recogniser_share(corpus):.0%} of the tokens in selective mode; start-up "
                         f"(launch to first record out) {startup:.1f} s")
            for workers in args.workers:
                base_s, base_mb = timed([python, "-c", BASELINE, str(corpus), str(workers)])
                row(name, workers, "plain spaCy, every component", base_s, base_mb, words, n_reports, base_s)
                for label, extra in (("storyline ingest --full-parse", ["--full-parse"]),
                                     ("storyline ingest (selective)", [])):
                    db = Path(tmp) / f"{name}-{workers}-{len(extra)}.duckdb"
                    secs, mb = timed(storyline + ["ingest", str(corpus), "--db", str(db), "--workers", str(workers),
                                                  "--no-stories", *extra])
                    row(name, workers, label, secs, mb, words, n_reports, base_s)
    for note in notes:
        print(note)
    print("ratio = throughput / plain spaCy throughput on the same corpus with the same workers, in this run")
    print("peak MB = largest resident set of any one process (main or worker) during the job")


if __name__ == "__main__":
    main()
