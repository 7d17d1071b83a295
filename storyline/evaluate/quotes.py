"""Scorers for the quotes component.

"quotes" (gold of each development set): gold quotes are strings; each is placed at its occurrence in the text
(repeated strings take successive occurrences). A predicted quote matches a gold one when it covers
at least half of the gold characters; matching is one-to-one, greedy by coverage. On the matches:
- speaker: canonical names equal (ignoring case and accents), or the same speaker mention, or, for unnamed
  sources, bodies and documents, descriptors sharing at least half their words;
- speaker_type: equal, counting our "outlet" as the gold's "organization";
- anonymous_recall: over all gold anonymous quotes, matched and predicted "anonymous".

"polnear" (PolNeAR dev, brat standoff): every Attribution relation with a Content span is a gold
quote; its content is the union of its Content pieces. Our quotes match gold contents as above
(content P/R/F1). Source F1 is counted on attributions: a source is right when the quote's content
matched and our speaker span overlaps the gold Source span; gold relations without a Source count
only for content.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from ..actors.names import normalize_name
from ..models import Quote, Report
from .core import EvalContext, Score, scorer

MIN_COVERAGE = 0.5
_WORDS = re.compile(r"[\w’'-]+")
_STOP = {"a", "an", "the", "of", "to", "with", "on", "who", "that", "and"}
_BRAT_SPAN = re.compile(r"(\d+) (\d+)")


# --- matching ------------------------------------------------------------------------------

def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """gold index -> pred index, one-to-one, greedy by share of gold characters covered."""
    pairs = []
    for gi, g in enumerate(gold):
        length = max(g[1] - g[0], 1)
        for pi, p in enumerate(pred):
            coverage = _overlap(g, p) / length
            if coverage >= MIN_COVERAGE:
                pairs.append((coverage, gi, pi))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


def _count_matches(score: Score, gold_spans: list[tuple[int, int]], preds: list[Quote]) -> dict[int, int]:
    """Match predicted quotes to gold spans and add the tp / fp / fn to `score`."""
    matched = match_spans(gold_spans, [(q.start, q.end) for q in preds])
    score.tp += len(matched)
    score.fp += len(preds) - len(matched)
    score.fn += len(gold_spans) - len(matched)
    return matched


def _place_gold(text: str, strings: list[str]) -> list[Optional[tuple[int, int]]]:
    """Offsets of each gold string; a string listed again takes its next occurrence."""
    taken: dict[str, int] = {}
    spans = []
    for s in strings:
        pos = text.find(s, taken.get(s, 0)) if s else -1
        if pos == -1 and s:
            pos = text.find(s)
        spans.append((pos, pos + len(s)) if pos != -1 else None)
        if pos != -1:
            taken[s] = pos + 1
    return spans


# --- development sets ----------------------------------------------------------------------

def _descriptor_words(text: Optional[str]) -> set[str]:
    return {w for w in _WORDS.findall((text or "").lower()) if w not in _STOP}


def speaker_right(pred: Quote, gold: dict) -> bool:
    # names compared as the actor tables key them: "Vučić" in the gold is "Vucic" in the text
    g_name, p_name = normalize_name(gold.get("speaker") or ""), normalize_name(pred.speaker or "")
    if g_name and g_name == p_name:
        return True
    if gold.get("speaker_text") and gold["speaker_text"] == pred.speaker_text:
        return True
    if gold.get("speaker_type") in ("anonymous", "organization", "document"):
        g, p = _descriptor_words(gold.get("speaker")), _descriptor_words(pred.speaker)
        return bool(g and p) and len(g & p) / len(g | p) >= 0.5
    return False


def type_right(pred: Quote, gold: dict) -> bool:
    normal = {"outlet": "organization"}
    return normal.get(pred.speaker_type, pred.speaker_type) == normal.get(gold["speaker_type"], gold["speaker_type"])


@scorer("quotes")
def score_quotes(ctx: EvalContext) -> list[Score]:
    return [score_quotes_on(dataset, docs) for dataset, docs in ctx.each_dev_set()]


def score_quotes_on(dataset: str, docs) -> Score:
    score = Score(dataset, "quotes", note="match: >=50% of gold chars covered, one-to-one")
    for rdoc, gold in docs:
        listed = gold.get("quotes", [])
        placed = [(q, span) for q, span in zip(listed, _place_gold(rdoc.text, [q["quote"] for q in listed])) if span]
        golds, gold_spans = [q for q, _ in placed], [span for _, span in placed]
        preds = rdoc.quotes
        matched = _count_matches(score, gold_spans, preds)
        for gi, g in enumerate(golds):
            p = preds[matched[gi]] if gi in matched else None
            if g["speaker_type"] == "anonymous":
                score.count("anonymous_recall", p is not None and p.speaker_type == "anonymous")
            if p is None:
                score.errors[f"missed: {g['kind']} ({g['speaker_type']})"] += 1
                continue
            score.count("speaker", speaker_right(p, g))
            score.count("speaker_type", type_right(p, g))
            score.count("kind", p.kind == g["kind"])
            if not speaker_right(p, g):
                score.errors[f"speaker: {'none' if not p.speaker else 'wrong'} for {g['speaker_type']}"] += 1
    return score


# --- PolNeAR -------------------------------------------------------------------------------

def read_brat_attributions(ann: str) -> list[dict[str, list[tuple[int, int]]]]:
    """Attribution relations of a brat .ann file: {"source": [...], "content": [...]} char spans."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = (label, [(int(a), int(b)) for a, b in _BRAT_SPAN.findall(offsets)])
        elif line.startswith("E") and len(fields) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg))
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""), ("", []))[1]
        if content:
            out.append({"content": content, "source": spans.get(rel.get("Source", ""), ("", []))[1]})
    return out


@scorer("polnear")
def score_polnear(ctx: EvalContext) -> list[Score]:
    root = ctx.shared / "data" / "polnear" / "dev"
    by_text: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):   # one annotator per article
        by_text.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = [n for n in sorted(by_text) if (root / "text" / f"{n}.txt").exists()][:ctx.limit or None]
    reports = [Report(id=n, text=(root / "text" / f"{n}.txt").read_text(encoding="utf-8")) for n in names]
    content = Score("polnear-dev", "quotes.content", note="content: >=50% of gold content chars covered")
    source = Score("polnear-dev", "quotes.source", note="source: content matched and speaker span overlaps")
    for rdoc in ctx.new_pipeline({"nlp.pipeline": ["actors", "quotes"]}).annotate_many(reports):
        gold = read_brat_attributions(by_text[rdoc.report.id].read_text(encoding="utf-8"))
        gold_spans = [(min(a for a, _ in g["content"]), max(b for _, b in g["content"])) for g in gold]
        preds = rdoc.quotes
        matched = _count_matches(content, gold_spans, preds)
        right = sum(1 for gi, pi in matched.items()
                    if preds[pi].speaker_start is not None and
                    any(_overlap((preds[pi].speaker_start, preds[pi].speaker_end), s) for s in gold[gi]["source"]))
        source.tp += right
        source.fp += sum(1 for q in preds if q.speaker_start is not None) - right
        source.fn += sum(1 for g in gold if g["source"]) - right
    return [content, source]
