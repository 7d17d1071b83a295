"""Scorer "timexes": time expressions against the development sets' gold and TempEval-3 (TBAQ-cleaned).

For each dataset two span scores: strict (same offsets) and relaxed (overlapping spans match),
each pairing gold and found expressions one to one.  On the matched pairs: type accuracy, value
accuracy, and for TempEval value accuracy on gold DATE expressions (the figure HeidelTime-style
taggers report).  TempEval documents are TimeML: the text is TEXT with the inline tags stripped,
the report date is the document creation time (DCT).
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Iterable, Optional

from ..models import Report, Timex
from .core import EvalContext, Score, scorer

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>|[^<]+")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>')
_TEXT_BLOCK = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)

GoldTimex = tuple[int, int, str, Optional[str]]  # start, end, type, value


def _pair(gold: list[GoldTimex], found: list[Timex], relaxed: bool) -> list[tuple[GoldTimex, Timex]]:
    """One-to-one matches: exact spans first, then (relaxed) the first overlapping one left."""
    free = list(found)
    pairs = []
    for g in gold:
        hit = next((t for t in free if (t.start, t.end) == (g[0], g[1])), None)
        if hit is None and relaxed:
            hit = next((t for t in free if t.start < g[1] and g[0] < t.end), None)
        if hit is not None:
            free.remove(hit)
            pairs.append((g, hit))
    return pairs


def _score(dataset: str, docs: Iterable[tuple[list[GoldTimex], list[Timex]]], note: str = "") -> list[Score]:
    strict = Score(dataset, "timexes-strict", note=note)
    relaxed = Score(dataset, "timexes-relaxed", note=note)
    for gold, found in docs:
        for score, is_relaxed in ((strict, False), (relaxed, True)):
            pairs = _pair(gold, found, is_relaxed)
            score.tp += len(pairs)
            score.fn += len(gold) - len(pairs)
            score.fp += len(found) - len(pairs)
            for g, t in pairs:
                score.count("type", g[2].lower() == t.type)
                score.count("value", g[3] == t.value)
                if g[2].lower() == "date":
                    score.count("value_date", g[3] == t.value)
    return [strict, relaxed]


def gold_spans(text: str, timexes: list[dict]) -> list[GoldTimex]:
    """Offsets of the gold expressions (given as strings, in text order) in the report text."""
    spans, cursor = [], 0
    for t in timexes:
        pos = text.find(t["text"], cursor)
        if pos == -1:
            pos = text.find(t["text"])
        if pos == -1:
            continue
        spans.append((pos, pos + len(t["text"]), t["type"], t["value"]))
        cursor = pos + len(t["text"])
    return sorted(spans)


def read_timeml(path: Path) -> tuple[str, Optional[str], list[GoldTimex]]:
    """Text (tags stripped, entities decoded), DCT date and gold TIMEX3s of a TimeML file."""
    raw = path.read_bytes().decode("utf-8", errors="replace")  # a few files hold stray Latin-1 bytes
    dct_tag = _DCT.search(raw)
    dct = dict(_ATTR.findall(dct_tag.group(0))).get("value", "")[:10] if dct_tag else None
    body = _TEXT_BLOCK.search(raw)
    parts: list[str] = []
    length = 0
    open_timex: Optional[tuple[int, dict]] = None
    gold: list[GoldTimex] = []
    for m in _TAG.finditer(body.group(1) if body else ""):
        if m.group(2) is None:
            chunk = html.unescape(m.group(0))
            parts.append(chunk)
            length += len(chunk)
        elif m.group(2) == "TIMEX3" and not m.group(1):
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif m.group(2) == "TIMEX3" and open_timex:
            start, attrs = open_timex
            gold.append((start, length, attrs.get("type", ""), attrs.get("value")))
            open_timex = None
    return "".join(parts), (dct if dct and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct) else None), gold


def _tempeval_files(shared: Path, limit: Optional[int]) -> list[Path]:
    root = shared / "data" / "tempeval3" / "TBAQ-cleaned"
    files = [f for f in sorted(root.glob("TimeBank/*.tml")) + sorted(root.glob("AQUAINT/*.tml"))
             if not f.name.startswith("._")]  # macOS resource forks shipped with the corpus
    return files[:limit] if limit else files


def score_dev_sets(ctx: EvalContext) -> list[Score]:
    scores = []
    for dataset, docs in ctx.each_dev_set():
        scores += _score(dataset, [(gold_spans(rdoc.text, gold.get("timexes", [])), rdoc.timexes)
                                   for rdoc, gold in docs])
    return scores


def score_tempeval(ctx: EvalContext) -> list[Score]:
    files = _tempeval_files(ctx.shared, ctx.limit)
    if not files:
        return []
    documents = [read_timeml(f) for f in files]
    reports = [Report(id=f.stem, text=text, published=dct, origin=str(f)) for f, (text, dct, _) in zip(files, documents)]
    pipeline = ctx.new_pipeline({"nlp.pipeline": ["timexes"]})
    found = [rdoc.timexes for rdoc in pipeline.annotate_many(reports)]
    return _score("tempeval3-tbaq", [(gold, f) for (_, _, gold), f in zip(documents, found)],
                  note=f"{len(files)} documents")


@scorer("timexes")
def score_timexes(ctx: EvalContext) -> list[Score]:
    return score_dev_sets(ctx) + score_tempeval(ctx)
