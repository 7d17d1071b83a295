"""Shared pieces of the evaluation command: scores, the scorer registry and gold loading.

Each task lives in its own module (storyline/evaluate/<task>.py) and registers a scorer:

    @scorer("timexes")
    def score_timexes(ctx: EvalContext) -> list[Score]: ...

`storyline eval` runs every registered scorer (or those named) and prints one table.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

from ..models import Report, ReportDoc

SCORER_MODULES = [
    "storyline.evaluate.actors",
    "storyline.evaluate.events",
    "storyline.evaluate.timexes",
    "storyline.evaluate.quotes",
    "storyline.evaluate.conflibert",
    "storyline.evaluate.plover_gsr",
    "storyline.evaluate.stories",
]
_SCORERS: dict[str, Callable[["EvalContext"], list["Score"]]] = {}


def scorer(name: str):
    def wrap(fn):
        _SCORERS[name] = fn
        return fn
    return wrap


def scorers() -> dict[str, Callable]:
    import importlib

    for module in SCORER_MODULES:
        importlib.import_module(module)
    return dict(_SCORERS)


@dataclass
class Score:
    """Counts for one task on one dataset, plus any accuracies measured on the matches."""
    dataset: str
    task: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    accuracies: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (right, total)
    note: str = ""
    errors: Counter = field(default_factory=Counter)  # error class -> count, to read errors by kind

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def count(self, name: str, right: bool) -> None:
        r, t = self.accuracies.get(name, (0, 0))
        self.accuracies[name] = (r + int(right), t + 1)

    def accuracy(self, name: str) -> Optional[float]:
        r, t = self.accuracies.get(name, (0, 0))
        return r / t if t else None

    def to_dict(self) -> dict:
        return {
            "dataset": self.dataset, "task": self.task, "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "accuracies": {k: {"right": r, "total": t, "accuracy": round(r / t, 4) if t else None}
                           for k, (r, t) in self.accuracies.items()},
            "note": self.note,
            "errors": dict(self.errors.most_common()),
        }


# The hand-annotated development sets (../shared/corpus/NAME.jsonl with gold/NAME.gold.jsonl),
# scored side by side: lebanon-dev is the story the project started from, world-dev holds reports
# on eleven other negotiations and measures whether the mechanisms hold on stories never seen.
DEV_SETS = ("lebanon-dev", "world-dev")


def read_gold_set(shared: Path, name: str) -> list[tuple[Report, dict]]:
    """(report, gold object) pairs of one development set, in corpus order."""
    corpus = shared / "corpus" / f"{name}.jsonl"
    gold_path = shared / "gold" / f"{name}.gold.jsonl"
    golds = {g["id"]: g for g in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines()) if g}
    pairs = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        if obj["id"] not in golds:
            continue
        g = golds[obj["id"]]
        # The gold's `published` is the date its annotator resolved relative dates against.
        pairs.append((Report(id=obj["id"], text=obj["text"], url=obj.get("url"), outlet=obj.get("outlet"),
                             published=g.get("published") or obj.get("published"),
                             title=obj.get("title"), origin=f"{corpus.name}:{obj['id']}"), g))
    return pairs


class EvalContext:
    """What scorers share: where the gold data is, one pipeline, and the annotated dev sets."""

    def __init__(self, shared: Path, pipeline=None, limit: Optional[int] = None,
                 dev_sets: Optional[Sequence[str]] = None, registry: bool = True,
                 overrides: Optional[dict] = None):
        self.shared = Path(shared)
        self._pipeline = pipeline
        self.overrides = overrides or {}  # pipeline config overrides for every pipeline built here
        # Score the development sets as a store would hold them after `ingest` then `reanalyse`:
        # names resolved through the actor registry learned from the set's own reports.
        self.registry = registry
        self.limit = limit  # cap on documents per external dataset, for quick runs
        wanted = dev_sets or DEV_SETS
        self.dev_sets = [name for name in wanted
                         if (self.shared / "corpus" / f"{name}.jsonl").exists()
                         and (self.shared / "gold" / f"{name}.gold.jsonl").exists()]
        self._annotated: dict[str, list[tuple[ReportDoc, dict]]] = {}

    @property
    def pipeline(self):
        if self._pipeline is None:
            self._pipeline = self.new_pipeline()
        return self._pipeline

    def new_pipeline(self, overrides: Optional[dict] = None, registry=None):
        """A pipeline with the context's config overrides and `overrides` on top."""
        from ..pipeline import Pipeline

        return Pipeline(overrides={**self.overrides, **(overrides or {})}, registry=registry)

    def annotated(self, name: str) -> list[tuple[ReportDoc, dict]]:
        """A development set run through the pipeline (shared by every scorer); with the registry,
        a second time through what the first run's records taught the store."""
        if name not in self._annotated:
            pairs = read_gold_set(self.shared, name)
            reports = [r for r, _ in pairs]
            rdocs = list(self.pipeline.annotate_many(reports))
            if self.registry:
                rdocs = list(self._registry_pipeline(rdocs).annotate_many(reports))
            self._annotated[name] = list(zip(rdocs, (g for _, g in pairs)))
        return self._annotated[name]

    def _registry_pipeline(self, rdocs: list[ReportDoc]):
        from ..actors.registry import ActorRegistry
        from ..store.db import Store

        with Store(":memory:") as store:
            store.save([rdoc.to_record() for rdoc in rdocs])
            entries = store.registry.entries()
        return self.new_pipeline(registry=ActorRegistry(entries))

    def each_dev_set(self) -> Iterator[tuple[str, list[tuple[ReportDoc, dict]]]]:
        for name in self.dev_sets:
            yield name, self.annotated(name)

    @property
    def gold_docs(self) -> list[tuple[ReportDoc, dict]]:
        """The lebanon development set (the story-level gold covers only these reports)."""
        return self.annotated("lebanon-dev")


def find_span(text: str, needle: str, near: int = 0) -> Optional[tuple[int, int]]:
    """Offsets of `needle` in `text`, the occurrence nearest to `near` (gold gives strings, not offsets)."""
    if not needle:
        return None
    best, pos = None, text.find(needle)
    while pos != -1:
        if best is None or abs(pos - near) < abs(best - near):
            best = pos
        pos = text.find(needle, pos + 1)
    return (best, best + len(needle)) if best is not None else None


def sentence_bounds(rdoc: ReportDoc, start: int) -> tuple[int, int]:
    """Character span of the sentence of the parse that holds offset `start`."""
    span = rdoc.doc.char_span(start, min(start + 1, len(rdoc.text)), alignment_mode="expand")
    if span is None or not len(span):
        return (start, start)
    sent = span[0].sent
    return (sent.start_char, sent.end_char)
