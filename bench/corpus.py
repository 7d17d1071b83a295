"""A generated corpus of any size: reports recombined from the project's own example reports.

    .venv/bin/python bench/corpus.py 3000 > corpus.jsonl

Each report is 3 to 6 paragraphs (lines of 8 words or more) of the example reports (examples/reports) in a new order,
with its own id, outlet and publication day; no two reports have the same text. The benchmarks
and the crash and concurrency tests use it, so that they run on realistic news text of a size
the examples alone do not have.
"""
from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"
OUTLETS = ["example-wire", "example-gazette", "example-post", "example-times", "example-radio"]


def example_paragraphs() -> list[str]:
    from storyline.ingest.readers import read_inputs
    from storyline.models import Report

    paragraphs: list[str] = []
    for report in read_inputs([str(EXAMPLES)]):
        if isinstance(report, Report):
            paragraphs += [p.strip() for p in report.text.splitlines() if len(p.split()) >= 8]
    return paragraphs


def reports(n: int, seed: int = 1, first_day: date = date(2024, 11, 1), days: int = 60) -> Iterator[dict]:
    """`n` report objects (the JSONL input fields), the same for the same seed."""
    rng = random.Random(seed)
    paragraphs = example_paragraphs()
    seen: set[tuple[int, ...]] = set()
    for i in range(n):
        while True:
            picked = tuple(rng.sample(range(len(paragraphs)), rng.randint(3, 6)))
            if picked not in seen:
                seen.add(picked)
                break
        yield {"id": f"gen-{seed}-{i:07d}", "outlet": rng.choice(OUTLETS),
               "published": (first_day + timedelta(days=rng.randrange(days))).isoformat(),
               "text": "\n\n".join(paragraphs[k] for k in picked)}


def write(path: Path, n: int, seed: int = 1) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for report in reports(n, seed):
            fh.write(json.dumps(report, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    for obj in reports(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1):
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
