"""Scorer "events": PLOVER events against the lebanon dev gold.

Gold events give an anchor string near the trigger; its sentence in our parse is where the event
is.  A predicted event matches a gold event (greedy by confidence, one-to-one) when its trigger lies in
the same sentence and the type is equal; among several such gold events, the one whose actor and
recipient agree best.  On matches we count accuracies of actor country, recipient
country, modality, mode and date.  Extra rows "events/<TYPE>" break the counts down by type.
"""
from __future__ import annotations

from collections import defaultdict

from .core import EvalContext, Score, find_span, scorer, sentence_bounds

DATASET = "lebanon-dev"


def gold_events_located(rdoc, gold: dict) -> list[tuple[tuple[int, int], dict]]:
    located, cursor = [], 0
    for event in gold.get("events", []):
        span = find_span(rdoc.text, event.get("anchor", ""), near=cursor)
        if span is None:
            continue
        cursor = span[0]
        located.append((sentence_bounds(rdoc, span[0]), event))
    return located


def _code(arg) -> object:
    if arg is None:
        return None
    return arg.get("code") if isinstance(arg, dict) else arg.code


def match_document(rdoc, gold: dict, total: Score, per_type: dict[str, Score]) -> None:
    golds = gold_events_located(rdoc, gold)
    used: set[int] = set()
    predicted = sorted(rdoc.events, key=lambda e: -e.confidence)
    for event in predicted:
        sent = sentence_bounds(rdoc, event.trigger_start)
        candidates = [n for n, (gsent, g) in enumerate(golds)
                      if n not in used and gsent == sent and g["event"] == event.event]
        # Several gold events of one type in a sentence (compound actors): pair with the one
        # whose arguments agree best, so the pairing does not depend on annotation order.
        hit = max(candidates, default=None, key=lambda n: (
            _code(event.actor) == _code(golds[n][1].get("actor")),
            _code(event.recipient) == _code(golds[n][1].get("recipient"))))
        score = per_type[event.event]
        if hit is None:
            total.fp += 1
            score.fp += 1
            continue
        used.add(hit)
        total.tp += 1
        score.tp += 1
        g = golds[hit][1]
        for s in (total, score):
            s.count("actor_country", _code(event.actor) == _code(g.get("actor")))
            s.count("recipient_country", _code(event.recipient) == _code(g.get("recipient")))
            s.count("modality", event.modality == g.get("modality"))
            s.count("mode", event.mode == g.get("mode"))
            s.count("date", event.date == g.get("date"))
    for n, (_, g) in enumerate(golds):
        if n not in used:
            total.fn += 1
            per_type[g["event"]].fn += 1


@scorer("events")
def score_events(ctx: EvalContext) -> list[Score]:
    total = Score(DATASET, "events", note="type matched by sentence; accuracies on matched events")
    per_type: dict[str, Score] = defaultdict(lambda: Score(DATASET, ""))
    for rdoc, gold in ctx.gold_docs:
        match_document(rdoc, gold, total, per_type)
    rows = [total]
    for event_type in sorted(per_type):
        row = per_type[event_type]
        row.task = f"events/{event_type}"
        rows.append(row)
    return rows
