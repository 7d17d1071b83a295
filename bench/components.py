"""Cost of each pipeline component beside the spaCy parse, per report.

    .venv/bin/python bench/components.py [PATH ...] [--components actors timexes ...] [--repeat 3]

PATHs are anything `storyline ingest` reads (files, folders, .jsonl); default examples/reports.
The reports are parsed once (timed); then, `--repeat` times, the components of the report
pipeline (storyline/pipeline.cfg; `--components` names the ones to run, in order) run over the
same parses with their annotations started afresh, so each one sees what the earlier ones
wrote. Each component's time is printed as ms/report for the first round (cold caches, as for a
fresh worker) and the best round (warm caches, least disturbed by the machine), and the best as
a share of the parse time (the model is warmed up on one report before the parse is timed).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyline.ingest.readers import read_inputs  # noqa: E402
from storyline.models import Report, ReportDoc  # noqa: E402
from storyline.pipeline import pipeline_config  # noqa: E402


def time_components(parsed: list, components: list[tuple[str, object]], repeat: int) -> list[dict[str, float]]:
    """Total seconds of each component over all parsed reports, one dict per round."""
    rounds = []
    for _ in range(repeat):
        spent = {name: 0.0 for name, _ in components}
        for report, doc in parsed:
            ReportDoc.new(report, doc)
            for name, component in components:
                start = time.perf_counter()
                component(doc)
                spent[name] += time.perf_counter() - start
        rounds.append(spent)
    return rounds


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "examples" / "reports")])
    ap.add_argument("--components", nargs="+", default=pipeline_config()["nlp"]["pipeline"])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    reports = [r for r in read_inputs(args.paths) if isinstance(r, Report)]
    if not reports:
        sys.exit(f"no usable reports in {args.paths}")
    from storyline.pipeline import Pipeline

    pipeline = Pipeline(overrides={"nlp.pipeline": args.components})
    parser, components = pipeline.parser, list(pipeline.nlp.pipeline)
    list(parser.parse_many(reports[:1]))  # first-call set-up is not parse cost
    start = time.perf_counter()
    parsed = list(parser.parse_many(reports))
    parse_s = time.perf_counter() - start
    words = sum(len(doc) for _, doc in parsed)

    n = len(parsed)
    print(f"{n} reports, {words} tokens; parse {1000 * parse_s / n:.1f} ms/report "
          f"({words / parse_s:.0f} tokens/s)")
    rounds = time_components(parsed, components, args.repeat)
    rows = [(name, rounds[0][name], min(r[name] for r in rounds)) for name, _ in components]
    rows.append(("all", sum(r[1] for r in rows), sum(r[2] for r in rows)))
    print(f"  {'component':10s} {'first':>8s} {'best':>8s}  ms/report")
    for name, first, best in rows:
        print(f"  {name:10s} {1000 * first / n:8.2f} {1000 * best / n:8.2f}  {100 * best / parse_s:5.1f}% of parse")


if __name__ == "__main__":
    main()
