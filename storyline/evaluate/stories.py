"""Scorer "stories": story grouping and event linking on the development corpus.

Gold: data/story_pairs.gold.jsonl (hand-made; see data/README.md). Report lines give each
report's story; every pair of counted reports is a gold pair (same story or not). Event pairs
name events by report id + anchor substring + PLOVER type; an anchor is matched to the
pipeline's event of that type whose clause overlaps it most.
"""
from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Optional

from ..models import Report
from ..store.db import Store
from .core import EvalContext, Score, find_span, scorer

GOLD = Path(__file__).resolve().parents[2] / "data" / "story_pairs.gold.jsonl"


def _seed_reports(shared: Path) -> list[Report]:
    path = shared / "corpus" / "seeds" / "seeds.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Report(id=o["id"], text=o["text"], url=o.get("url"), outlet=o.get("outlet"),
                   published=o.get("published"), title=o.get("title"), origin=f"seeds.jsonl:{o['id']}")
            for o in rows]


def build_store(ctx: EvalContext) -> Store:
    """An in-memory store of the dev corpus (annotated once, shared) and the seeds, with stories."""
    from ..stories import assign_reports

    records = [rdoc.to_record() for rdoc, _ in ctx.gold_docs]
    records += list(ctx.pipeline.process(_seed_reports(ctx.shared)))
    store = Store(":memory:")
    store.save(records)
    assign_reports(store, [r.id for r in records])
    return store


def grouping_score(store: Store, gold: list[dict]) -> Score:
    story_of = store.stories.story_of()
    labelled = [(g["report"], g["story"]) for g in gold if g["kind"] == "report" and g["story"]]
    score = Score("lebanon-dev+seeds", "stories.grouping", note="pairs of reports in the same story")
    for (a, sa), (b, sb) in itertools.combinations(labelled, 2):
        predicted = story_of.get(a) is not None and story_of.get(a) == story_of.get(b)
        score.tp += predicted and sa == sb
        score.fp += predicted and sa != sb
        score.fn += (not predicted) and sa == sb
    return score


def _event_index(store: Store, ref: dict) -> Optional[int]:
    """The stored event of the given type whose clause overlaps the gold anchor most."""
    text = store.stories.report_text(ref["report"])
    span = find_span(text, ref["anchor"]) if text else None
    if span is None:
        return None
    rows = store.stories.event_locations(ref["report"], ref["type"])
    overlaps = [(min(e, span[1]) - max(s, span[0]), idx) for idx, s, e in rows]
    best = max((o for o in overlaps if o[0] > 0), default=None)
    return best[1] if best else None


def linking_score(store: Store, gold: list[dict]) -> Score:
    score = Score("lebanon-dev+seeds", "stories.event_linking", note="pairs of event records linked as one event")
    for g in (g for g in gold if g["kind"] == "event_pair"):
        ids = []
        for ref in (g["a"], g["b"]):
            idx = _event_index(store, ref)
            ids.append(store.stories.story_event_of(ref["report"], idx) if idx is not None else None)
        score.count("anchors found", None not in ids)
        linked = None not in ids and ids[0] == ids[1]
        score.tp += linked and g["same_event"]
        score.fp += linked and not g["same_event"]
        score.fn += (not linked) and g["same_event"]
    return score


@scorer("stories")
def score_stories(ctx: EvalContext) -> list[Score]:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    store = build_store(ctx)
    try:
        return [grouping_score(store, gold), linking_score(store, gold)]
    finally:
        store.close()
