"""Scorer "events": PLOVER events against the gold of each development set.

Gold events give an anchor string near the trigger; its sentence in our parse is where the event
is.  A predicted event matches a gold event (one-to-one) when its trigger lies in the same sentence and
the type is equal; where several could pair, those whose actor (then recipient) agree pair first,
then the rest by confidence.  On matches we count accuracies of actor country, recipient
country, modality, mode and date.  Extra rows "events/<TYPE>" break the counts down by type.

Errors are counted by class: a missed gold event by the form of its anchor (verbal, passive,
nominal, adjectival, in a headline, in a relative clause or participle) or as a type confusion
when the sentence holds an event of another type; a spurious event by whether its sentence holds
any gold event; argument errors on matches by kind (none, no code, wrong code); date errors by
kind (none where gold has a day or month, a date where gold has none, month vs day precision, one
day off, another day) and again by where the event stands (headline, lead, body).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Optional

from .core import EvalContext, Score, find_span, scorer, sentence_bounds

CLAUSE_DEPS = {"relcl", "acl", "advcl", "xcomp", "ccomp", "pcomp"}


def gold_events_located(rdoc, gold: dict) -> list[tuple[tuple[int, int], dict]]:
    """Each gold event whose anchor is in the text, with the bounds of its sentence in our parse."""
    return [(sentence, event) for sentence, event, _, _ in gold_events_indexed(rdoc, gold)]


def gold_events_indexed(rdoc, gold: dict) -> list[tuple[tuple[int, int], dict, int, tuple[int, int]]]:
    """As gold_events_located, with each event's index in the gold list and its anchor's span."""
    located, cursor = [], 0
    for index, event in enumerate(gold.get("events", [])):
        span = find_span(rdoc.text, event.get("anchor", ""), near=cursor)
        if span is None:
            continue
        cursor = span[0]
        located.append((sentence_bounds(rdoc, span[0]), event, index, span))
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


def anchor_form(rdoc, gold: dict) -> str:
    """How a gold event is written, read off our parse of its anchor: the form of the anchor's
    syntactic head (the token whose head lies outside the anchor)."""
    span = find_span(rdoc.text, gold.get("anchor", ""))
    words = rdoc.doc.char_span(*span, alignment_mode="expand") if span else None
    if words is None or not len(words):
        return "anchor not found"
    sent = words[0].sent
    if "\n" not in sent.text.strip() and not sent.text.rstrip().endswith((".", '"', "”", "?", "!", ":")):
        return "headline"
    heads = [t for t in words if not (words.start <= t.head.i < words.end) or t.head == t]
    head = next((t for t in heads if t.pos_ in ("VERB", "AUX")), heads[0])
    if head.pos_ in ("VERB", "AUX"):
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
            return "passive"
        if head.dep_ in ("relcl", "acl") or head.tag_ == "VBG" and head.dep_ != "ROOT":
            return "relative clause or participle"
        return "verb"
    if head.pos_ in ("NOUN", "PROPN"):
        return "nominal"
    if head.pos_ == "ADJ":
        return "adjective"
    return f"other ({head.pos_})"


def _argument_error(name: str, predicted, gold) -> Optional[str]:
    if _code(predicted) == _code(gold):
        return None
    if predicted is None:
        return f"{name}: none, gold {'has no code' if _code(gold) is None else 'has one'}"
    if gold is None:
        return f"{name}: found where gold has none"
    return f"{name}: {'no code' if _code(predicted) is None else 'wrong code'}"


def date_error(predicted: Optional[str], gold: Optional[str]) -> Optional[str]:
    """The kind of a date error: none where gold has a day or a month, a date where gold has
    none, a month where gold has a day (or the reverse), a day one off, or another day."""
    if predicted == gold:
        return None
    if predicted is None:
        return f"none, gold {'day' if len(gold) == 10 else 'month'}"
    if gold is None:
        return "where gold has none"
    if len(predicted) != len(gold):
        if predicted[:7] == gold[:7]:
            return "month where gold has a day" if len(predicted) < len(gold) else "day where gold has a month"
        return "wrong (other precision)"
    if len(gold) == 10:
        try:
            gap = abs((date.fromisoformat(predicted) - date.fromisoformat(gold)).days)
        except ValueError:
            gap = None
        if gap == 1:
            return "off by one day"
        return "wrong day (another expression governs)"
    return "wrong month"


def report_part(rdoc, start: int) -> str:
    """Where in the report a position lies: its headline (a first line with no closing stop), its
    lead (the first paragraph of the body) or the body."""
    text = rdoc.text
    paragraphs, offset = [], 0
    for block in text.split("\n"):
        if block.strip():
            paragraphs.append((offset, offset + len(block), block.strip()))
        offset += len(block) + 1
    if not paragraphs:
        return "body"
    first = paragraphs[0]
    headline = not first[2].endswith((".", '"', "\u201d", "?", "!", ":"))
    if headline and first[0] <= start < first[1]:
        return "headline"
    lead = paragraphs[1] if headline and len(paragraphs) > 1 else paragraphs[0]
    return "lead" if lead[0] <= start < lead[1] else "body"


def match_document(rdoc, gold: dict, total: Score, per_type: dict[str, Score]) -> None:
    golds = gold_events_located(rdoc, gold)
    pairs = pair_events(rdoc, rdoc.events, golds)
    gold_sents = {gsent for gsent, _ in golds}
    event_sents = [sentence_bounds(rdoc, e.trigger_start) for e in rdoc.events]
    for p, event in enumerate(rdoc.events):
        score = per_type[event.event]
        if p not in pairs:
            total.fp += 1
            score.fp += 1
            total.errors["spurious: " + ("sentence has other gold events" if event_sents[p] in gold_sents
                                         else "sentence has no gold event")] += 1
            same_type = any(gsent == event_sents[p] and g["event"] == event.event for gsent, g in golds)
            total.errors[f"spurious {event.event}: " + ("actor without code" if event.actor is not None and not _code(event.actor)
                                                       else "no actor" if event.actor is None else "coded actor")
                         + (", its type in the sentence's gold (more found than gold has)" if same_type
                            else ", gold has no event of its type in the sentence")] += 1
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
        for error in (_argument_error("actor", event.actor, g.get("actor")),
                      _argument_error("recipient", event.recipient, g.get("recipient"))):
            if error:
                total.errors[error] += 1
        for field, found in (("modality", event.modality), ("mode", event.mode)):
            if found != g.get(field):
                total.errors[f"{field}: {found} for gold {g.get(field)} ({event.event})"] += 1
        error = date_error(event.date, g.get("date"))
        if error:
            total.errors[f"date: {error}"] += 1
            total.errors[f"date in {report_part(rdoc, event.trigger_start)}: {error}"] += 1
    used = set(pairs.values())
    for n, (gsent, g) in enumerate(golds):
        if n not in used:
            total.fn += 1
            per_type[g["event"]].fn += 1
            other = sorted({e.event for e, sent in zip(rdoc.events, event_sents) if sent == gsent})
            total.errors["missed: " + (f"type confusion, found {'/'.join(other)}" if other and len(other) < 3
                                       else "type confusion" if other else anchor_form(rdoc, g))] += 1
            same = sum(1 for e, sent in zip(rdoc.events, event_sents) if sent == gsent and e.event == g["event"])
            detail = (f"its type found {same}x in the sentence, gold has more" if same
                      else _miss_detail(rdoc, gsent, g, other))
            total.errors[f"missed {g['event']}: {detail}"] += 1


def _drop_reason(triggers) -> str:
    from ..events.component import EventExtractor, is_pass_through
    ex = EventExtractor()
    reasons = []
    for t in triggers:
        if ex.is_document_act(t):
            reasons.append("document act")
        elif is_pass_through(t):
            reasons.append("pass-through")
        elif t.entry.strength < 0.55:
            reasons.append("weak entry")
        elif ex.actor_token(t) is None:
            where = t.token.dep_ + ("/" + t.token.head.lower_ if t.token.dep_ == "pobj" else "")
            reasons.append(("nominal" if t.nominal else "verbal") + f" without actor ({where})")
        else:
            reasons.append("folded or argument filter")
    return "/".join(sorted(set(reasons)))


def _miss_detail(rdoc, gsent: tuple[int, int], gold: dict, other: list[str]) -> str:
    """Why a gold event of a type was missed: no trigger of its type in the sentence (with the
    form of its anchor), a trigger of its type that gave no event (no actor, a weak entry, folded
    into another act), or only events of other types."""
    from ..events.triggers import find_triggers
    from ..lexicon import default_lexicon
    span = rdoc.doc.char_span(*gsent, alignment_mode="expand")
    sent = span[0].sent if span is not None and len(span) else None
    triggers = [t for t in find_triggers(sent, default_lexicon()) if t.entry.event == gold["event"]] \
        if sent is not None else []
    if triggers:
        return "trigger of its type gave no event: " + _drop_reason(triggers)
    if other:
        return f"only other types found ({'/'.join(other)})"
    return f"no trigger of its type ({anchor_form(rdoc, gold)})"


@scorer("events")
def score_events(ctx: EvalContext) -> list[Score]:
    rows = []
    for dataset, docs in ctx.each_dev_set():
        total = Score(dataset, "events", note="type matched by sentence; accuracies on matched events")
        per_type: dict[str, Score] = defaultdict(lambda: Score(dataset, ""))
        for rdoc, gold in docs:
            match_document(rdoc, gold, total, per_type)
        rows.append(total)
        for event_type in sorted(per_type):
            row = per_type[event_type]
            row.task = f"events/{event_type}"
            rows.append(row)
    return rows
