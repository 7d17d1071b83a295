"""Scorer "events": PLOVER events against the lebanon dev gold.

Gold events give an anchor string near the trigger; its sentence in our parse is where the event
is.  A predicted event matches a gold event (one-to-one) when its trigger lies in the same sentence and
the type is equal; where several could pair, those whose actor (then recipient) agree pair first,
then the rest by confidence.  On matches we count accuracies of actor country, recipient
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


def pair_events(rdoc, events: list, golds: list[tuple[tuple[int, int], dict]]) -> dict[int, int]:
    """Predicted event index -> gold event index.  Same sentence and type; where several could
    pair (compound actors, "Israel and Hezbollah agreed"), agreeing actors pair first, then agreeing
    recipients, then the rest by confidence, so the pairing depends neither on annotation order
    nor on output order."""
    sents = [sentence_bounds(rdoc, e.trigger_start) for e in events]

    def agreement(p: int, n: int) -> tuple[bool, bool]:
        g = golds[n][1]
        return (_code(events[p].actor) == _code(g.get("actor")),
                _code(events[p].recipient) == _code(g.get("recipient")))

    options = [(p, n) for p in range(len(events)) for n, (gsent, g) in enumerate(golds)
               if gsent == sents[p] and g["event"] == events[p].event]
    options.sort(key=lambda pn: (not agreement(*pn)[0], not agreement(*pn)[1], -events[pn[0]].confidence))
    pairs: dict[int, int] = {}
    for p, n in options:
        if p not in pairs and n not in pairs.values():
            pairs[p] = n
    return pairs


def match_document(rdoc, gold: dict, total: Score, per_type: dict[str, Score]) -> None:
    golds = gold_events_located(rdoc, gold)
    pairs = pair_events(rdoc, rdoc.events, golds)
    for p, event in enumerate(rdoc.events):
        score = per_type[event.event]
        if p not in pairs:
            total.fp += 1
            score.fp += 1
            continue
        total.tp += 1
        score.tp += 1
        g = golds[pairs[p]][1]
        for s in (total, score):
            s.count("actor_country", _code(event.actor) == _code(g.get("actor")))
            s.count("recipient_country", _code(event.recipient) == _code(g.get("recipient")))
            s.count("modality", event.modality == g.get("modality"))
            s.count("mode", event.mode == g.get("mode"))
            s.count("date", event.date == g.get("date"))
    used = set(pairs.values())
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
