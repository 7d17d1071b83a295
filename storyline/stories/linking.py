"""Linking event records and quotes across a story's reports.

Two event records state the same real-world occurrence when they have the same PLOVER type or a
kindred one (lexicons/event_kinship.tsv); the same party acting (the same name, names sharing
most words, or, where reports name it differently - "Egypt", "the Egyptian president" - the same
country with no conflicting sector; the two parties of a meeting or a deal exchanged; a record
naming no one acting joins a named party's occurrence only on most of its words); compatible
recipients and places (a said act's place is where it was said or what it concerns: two places
do not tell it apart); times that can be one (a stated day, a day off where a plan is told
ahead; an act reported without one happened in the days before its report; a plan or a term of
a deal holds from its report to its realisation, weeks later); not told as done and as only
possible in one report; and clauses that say the same thing: the share of the lighter clause's
stemmed words (party names left out, plain synonyms as one word, each word weighted by how rare
it is among the story's mentions) found in a mention of the story event; the same two parties'
agreement with each other needs no shared words (they strike one deal at a time). That last test keeps
apart what one party says on one day ("a two-day truce" and "talks within ten days" are two
positions) and what a party does in one deal ("withdraw" and "cease fire").
Each record joins the story event it resembles most; one it resembles closely, or one of a
kindred type stated on the record's own day, becomes one with it. The parties of one meeting or
deal named together in a clause ("Deby and Erdimi accepted the plan") give a record each, of one
occurrence: they join one story event. Quotes become claims: the same
speaker saying overlapping words. Candidates come from the story only (indexed by story id).
first_failed_test names the test that keeps a record from a story event (the scorer's error
classes).
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Callable, Iterable, Optional

from . import text as T
from ..lexicon import word_table
from ..models import SAID_TYPES, STATE_SECTORS, conflict_side
from ..store.stories import StoryTables

CLAIM_OVERLAP = 0.6
NAME_OVERLAP = 0.6        # "the Security Cabinet" ~ "Israel's Security Cabinet"
SAME_NAME_OVERLAP = 0.2  # clauses of one named party must share this much of their (weighted) words
SAME_COUNTRY_OVERLAP = 0.4  # a party named differently (only the country agrees) needs more
UNNAMED_OVERLAP = 0.6     # a record without an acting party needs most of its words in a mention
TERM_OVERLAP = 0.0        # one party's undated plan of one kind: a term of the deal, however worded
PAIR_OVERLAP = 0.0        # two parties strike one deal: their agreements need no shared words
KIN_OVERLAP = 0.4         # so does a kindred type ("met X to hand over" vs "presented X")
MERGE_OVERLAP = 0.8       # a record this close to two story events of its type shows they are one
RECENT_DAYS = 3           # an act reported without a day happened in the days before the report
PLAN_HORIZON_DAYS = 60    # a plan or a term of a deal, undated, can be realised weeks later
DAY_SLACK = 1             # two outlets' days straddle midnight; "tomorrow" said late at night
APPROVAL = T.clause_terms("approve")
MUTUAL = frozenset({"CONSULT", "AGREE"})   # PLOVER types whose two parties act together
KIN = {t.upper(): frozenset(kin.upper().split(",")) for t, kin in word_table("event_kinship").columns["kin"].items()}


def _key(name: Optional[str], code: Optional[str]) -> Optional[str]:
    return name.lower() if name else (code.upper() if code else None)


def _day(value) -> Optional[date]:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


PLANNED = ("future", "hypothetical")


def stated_days(value) -> Optional[tuple[date, date]]:
    """The days a stated date covers: one day, or every day of a month ("in late September": 2024-09)."""
    day = _day(value)
    if day is not None:
        return day, day
    if isinstance(value, str) and len(value) == 7:
        try:
            first = date.fromisoformat(value + "-01")
        except ValueError:
            return None
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    return None


def _interval(modality: str, stated, published: Optional[date]) -> Optional[tuple[date, date]]:
    """The days an occurrence can fall on, as one report gives it (`stated`: its date, a day or a month)."""
    days = stated_days(stated)
    if days is not None:
        return days
    if published is None:
        return None
    if modality in PLANNED:
        return published - timedelta(days=DAY_SLACK), published + timedelta(days=PLAN_HORIZON_DAYS)
    return published - timedelta(days=RECENT_DAYS), published


def _terms(clause: Optional[str], *names: Optional[str]) -> frozenset[str]:
    """A clause's terms without the parties' names, which are compared on their own."""
    return T.clause_terms(clause or "") - T.clause_terms(" ".join(n for n in names if n))


def load_events(tables: StoryTables, report_ids: list[str]) -> list[dict]:
    return [prepared(e) for e in tables.events_to_link(report_ids)]


def prepared(e: dict) -> dict:
    """A stored event record with what linking compares: its day, party keys, terms, interval."""
    explicit = _day(e["date"])
    e["day"], e["explicit"] = explicit or e["published"], explicit is not None
    e["actor_key"], e["recipient_key"] = _key(e["actor_name"], e["actor_code"]), _key(e["recipient_name"], e["recipient_code"])
    e["terms"] = _terms(e["clause"], e["actor_name"], e["recipient_name"])
    e["interval"] = _interval(e["modality"], e["date"], e["published"])
    return e


def _same_name(name_a, code_a, name_b, code_b) -> bool:
    """Same party by name: the same name, or names sharing most words with no conflicting
    country; without a name on one side, the same country code."""
    if name_a and name_b:
        if name_a.lower() == name_b.lower():
            return True
        codes_agree = not (code_a and code_b and code_a != code_b)
        return codes_agree and T.overlap(T.content_words(name_a), T.content_words(name_b)) >= NAME_OVERLAP
    return bool(code_a) and code_a == code_b


def _same_country(e: dict, c: dict) -> bool:
    """The same country, and the same sector where both have one ("Egypt" is its president's),
    a state's offices and forces counting as one ("Israel" and "Israeli troops" withdraw)."""
    sectors = {e["actor_sector"], c["actor_sector"]}
    return bool(e["actor_code"]) and e["actor_code"] == c["actor_code"] \
        and (None in sectors or len(sectors) == 1 or sectors <= STATE_SECTORS)


def _times_compatible(e: dict, c: dict, one_deal: bool = False) -> bool:
    if e["interval"] is None or c["interval"] is None:
        return e["interval"] is None and c["interval"] is None
    (lo, hi), (c_lo, c_hi) = e["interval"], c["interval"]
    # two stated days of done acts must be the same day (a second meeting the next day is another
    # meeting); the day of a plan is told ahead ("tomorrow", "on Wednesday") and may be a day off,
    # and so may the day of the one deal two sides strike (outlets disagree on the day it was signed)
    planned = e["modality"] in PLANNED or all(m in PLANNED for _, m in c["report_modalities"])
    slack = timedelta(days=0 if lo == hi and c_lo == c_hi and not planned and not one_deal else DAY_SLACK)
    return lo <= c_hi + slack and c_lo <= hi + slack


def _narrowed(interval, other):
    """What two compatible intervals leave (the narrower wins where they do not meet)."""
    if interval is None or other is None:
        return interval or other
    lo, hi = max(interval[0], other[0]), min(interval[1], other[1])
    return (lo, hi) if lo <= hi else min(interval, other, key=lambda i: i[1] - i[0])


def _weighted_overlap(a: frozenset, b: frozenset, weights) -> float:
    """Share of the lighter clause's weight that the other clause has: words every mention of the
    story uses ("ceasefire", "said") weigh less than the ones that tell occurrences apart."""
    if not a or not b:
        return 0.0
    return sum(map(weights, a & b)) / min(sum(map(weights, a)), sum(map(weights, b)))


def resemblance(e: dict, c: dict, weights: Callable[[str], float]) -> Optional[float]:
    """How well record `e` states story event `c`: the best clause overlap with one of its
    mentions, or None when the two cannot be one occurrence."""
    failed, best = first_failed_test(e, c, weights)
    return None if failed else best


def first_failed_test(e: dict, c: dict, weights: Callable[[str], float], swap: bool = True) -> tuple[Optional[str], float]:
    """The first of linking's tests that keeps record `e` from story event `c` (None when all
    pass), and the best clause overlap (0 when an earlier test failed). The scorer names missed
    links by it."""
    kindred = e["event"] in KIN.get(c["event"], ())
    if e["event"] != c["event"] and not kindred:
        return "type not kindred", 0.0
    if c["actor_key"] is None:
        return "no actor", 0.0
    if e["actor_key"] is None:
        # a record that names no one acting ("the fighting will end") is the occurrence of a
        # named party whose words it repeats
        needed = UNNAMED_OVERLAP
    elif _same_name(e["actor_name"], e["actor_code"], c["actor_name"], c["actor_code"]):
        needed = SAME_NAME_OVERLAP
    elif _same_country(e, c):
        if e["event"] in MUTUAL and (e["recipient_key"] is None) != (c["recipient_key"] is None) \
                and (e["actor_sector"] is None) != (c["actor_sector"] is None):
            # "the cabinet approved the deal" and "Israel and Hezbollah agreed": one side's own
            # approval and the two sides' agreement are two occurrences
            return "recipient differs", 0.0
        needed = SAME_COUNTRY_OVERLAP
    elif swap and e["event"] in MUTUAL and e["recipient_key"] and c["recipient_key"]:
        # "A met B" and "B met A" state one meeting, "A agreed with B" and "B with A" one deal
        return first_failed_test(_swapped(e), c, weights, swap=False)
    else:
        return "actor differs", 0.0
    if e["event"] == c["event"] == "AGREE" and _approves(e["terms"]) != any(map(_approves, c["mention_terms"])):
        return "approval and agreement", 0.0
    one_deal = e["event"] == "AGREE" and _same_pair(e, c)
    if one_deal:
        needed = min(needed, PAIR_OVERLAP)
    if _undated_plans(e, c):
        # "the army will deploy in the south", "the army would bolster its presence along the
        # border": reports retell a deal's terms in their own words, on no day of their own
        needed = min(needed, TERM_OVERLAP)
    if kindred:
        needed = max(needed, KIN_OVERLAP)
    # recipients are named loosely ("Hezbollah", "Lebanon", "the speaker"): the same country will do
    if e["recipient_key"] and c["recipient_key"] and not _same_name(
            e["recipient_name"], e["recipient_code"], c["recipient_name"], c["recipient_code"]) \
            and not (e["recipient_code"] and e["recipient_code"] == c["recipient_code"]):
        return "recipient differs", 0.0
    if e["location_name"] and c["location_name"] and e["location_name"] != c["location_name"] \
            and e["location_code"] != c["location_code"] and e["event"] not in SAID_TYPES:
        # a said act is placed where it was said or where what it concerns lies ("proposed in
        # Cairo" a truce "in Gaza"): its two places do not tell occurrences apart; a meeting's does
        return "place differs", 0.0
    if not _times_compatible(e, c, one_deal):
        return "time", 0.0
    # a report that states an act as done and, elsewhere, as only possible speaks of two occurrences
    if any(report == e["report_id"] and {modality, e["modality"]} == {"asserted", "hypothetical"}
           for report, modality in c["report_modalities"]):
        return "done and possible in one report", 0.0
    names = T.clause_terms(" ".join(n for n in (c["actor_name"], c["recipient_name"]) if n))
    best = max((_weighted_overlap(e["terms"] - names, terms - names, weights) for terms in c["mention_terms"]), default=0.0)
    return (None if best >= needed else "wording below threshold"), best


def _same_pair(e: dict, c: dict) -> bool:
    """Two sides acting together, the same two in both ("Chad and Niger struck a deal", "the
    Chadian and Nigerien governments accepted the plan"; a state and a group of one country,
    "Togo and the militia signed a truce"): two sides meet often but strike one deal in the days
    a report looks back on (a later deal, an extension, falls on days of its own)."""
    def sides(r: dict) -> set:
        return {conflict_side(r["actor_code"], r["actor_sector"]), conflict_side(r["recipient_code"], r["recipient_sector"])}

    pair = sides(e)
    return None not in pair and len(pair) == 2 and pair == sides(c)


def _undated_plans(e: dict, c: dict) -> bool:
    """A named party's plan (or a term that binds it) with no stated day, and a story event of
    its mode (a release is no withdrawal) some report tells as planned, on no stated day either
    (one report's misreading of the plan as done does not make it another act)."""
    return e["actor_key"] is not None and not e["explicit"] and not c["date_explicit"] and e["mode"] == c["mode"] \
        and e["modality"] in PLANNED and any(m in PLANNED for _, m in c["report_modalities"])


def _approves(terms: frozenset) -> bool:
    """A clause of approving or voting ("the cabinet approved the deal with X"): one side's own
    step towards a deal (its cabinet's, its parliament's), not the two sides striking it."""
    return bool(APPROVAL & terms)


def _swapped(e: dict) -> dict:
    """The record with its two parties exchanged."""
    return {**e, "actor_name": e["recipient_name"], "actor_code": e["recipient_code"], "actor_key": e["recipient_key"],
            "actor_sector": None, "recipient_sector": e["actor_sector"], "recipient_name": e["actor_name"],
            "recipient_code": e["actor_code"],
            "recipient_key": e["actor_key"]}


def _closeness(e: dict, c: dict) -> int:
    """Among equally resembling story events, prefer the one that agrees on more details."""
    return (2 * (e["actor_key"] == c["actor_key"]) + (e["recipient_key"] is not None and e["recipient_key"] == c["recipient_key"])
            + (e["explicit"] and c["date_explicit"] and e["day"] == c["date"]))


def link_events(tables: StoryTables, report_ids: list[str]) -> None:
    """Attach each new event record to the story event of its story it resembles most, or start
    one; two story events of one type that a record resembles closely become one (reports read in
    another order would have joined them from the start)."""
    events = load_events(tables, report_ids)
    by_story: dict[int, list[dict]] = {}
    new_id = tables.next_id("story_events")
    created, dated, merged, mention_rows = [], [], {}, []
    told_together: dict[tuple, int] = {}   # (report, clause, type) of a mutual act -> its story event
    for e in events:
        if e["story_id"] not in by_story:
            by_story[e["story_id"]] = _candidates(tables, e["story_id"])
        candidates, counts = by_story[e["story_id"]]
        weights = counts.weights(e["event"])
        # the parties of one meeting or deal named together ("Israel and Lebanon accepted the
        # deal") give a record each, of one occurrence told once
        told = told_together.get((e["report_id"], e["clause"], e["event"]))
        if told is not None:
            final = _final(told, merged)
            scored = [(1.0, 0, c) for c in candidates if c["id"] == final]
        else:
            scored = [(score, _closeness(e, c), c) for c in candidates if (score := resemblance(e, c, weights)) is not None]
        target = max(scored, key=lambda s: s[:2])[2] if scored else None
        if target is None:
            target = new_story_event(new_id, e)
            new_id += 1
            candidates.append(target)
            created.append(target)
        else:
            was_dated = target["date_explicit"]
            for score, _, other in scored:
                if other is not target and (score >= MERGE_OVERLAP and other["event"] == target["event"]
                                            or _one_day(e, target, other)):
                    _absorb(target, other)
                    candidates.remove(other)
                    merged[other["id"]] = target["id"]
            _absorb(target, new_story_event(target["id"], e))
            if target["date_explicit"] and not was_dated and target not in dated:
                dated.append(target)
        if e["event"] in MUTUAL:
            told_together.setdefault((e["report_id"], e["clause"], e["event"]), target["id"])
        counts.add(target["event"], e["terms"])
        mention_rows.append((target["id"], e["report_id"], e["idx"], e["modality"]))
    merged = {old: _final(new, merged) for old, new in merged.items()}
    mention_rows = [(merged.get(row[0], row[0]),) + row[1:] for row in mention_rows]
    created = [c for c in created if c["id"] not in merged]
    tables.save_links(report_ids, created, [c for c in dated if c not in created and c["id"] not in merged],
                      mention_rows, merged)


def _one_day(e: dict, target: dict, other: dict) -> bool:
    """A record stated on a day that resembles two story events of kindred types stated on that
    day shows they are one occurrence told two ways (a meeting and the draft handed over in it)."""
    return e["explicit"] and other["event"] in KIN.get(target["event"], ()) \
        and target["date_explicit"] and other["date_explicit"] and target["date"] == other["date"] == e["day"]


def _absorb(target: dict, other: dict) -> None:
    """Take another story event's (or a record's) mentions and dates into `target`."""
    target["mention_terms"] |= other["mention_terms"]
    target["interval"] = _narrowed(target["interval"], other["interval"])
    target["report_modalities"] |= other["report_modalities"]
    if other["date_explicit"] and not target["date_explicit"]:
        target["date"], target["date_explicit"] = other["date"], True   # a report that dates it precisely


def _final(story_event: int, merged: dict[int, int]) -> int:
    while story_event in merged:
        story_event = merged[story_event]
    return story_event


class TermCounts:
    """In how many of a story's mention clauses each term occurs, by event type, kept up to date
    as mentions join (so weighing a record's words costs the same in a story of any size)."""

    def __init__(self, mentions: Iterable[tuple[str, frozenset[str]]] = ()):
        self.df: dict[str, Counter] = defaultdict(Counter)
        self.n: Counter = Counter()
        for event_type, terms in mentions:
            self.add(event_type, terms)

    def add(self, event_type: str, terms: frozenset[str]) -> None:
        self.df[event_type].update(terms)
        self.n[event_type] += 1

    def weights(self, event_type: str):
        """Inverse document frequency among the clauses of this type and its kindred types."""
        types = (event_type, *KIN.get(event_type, ()))
        n = sum(self.n[t] for t in types) + 1
        return lambda term: math.log(n / (sum(self.df[t][term] for t in types) + 1)) + 1


def _candidates(tables: StoryTables, story_id: int) -> tuple[list[dict], TermCounts]:
    """A story's events, each with its mentions' clause terms, the days they leave it, and its
    first mention's actor and recipient sectors; and the story's term counts."""
    mentions = tables.story_event_mentions_to_link(story_id)
    candidates, counts = tables.story_events(story_id), TermCounts()
    for c in candidates:
        rows = mentions.get(c["id"], [])
        c["mention_terms"] = [_terms(m["clause"], c["actor_name"], c["recipient_name"]) for m in rows]
        for terms in c["mention_terms"]:
            counts.add(c["event"], terms)
        # wire copies state a clause word for word: compare with each wording once
        c["mention_terms"] = set(c["mention_terms"])
        c["mode"] = rows[0]["mode"] if rows else None
        c["actor_sector"] = rows[0]["actor_sector"] if rows else None
        c["recipient_sector"] = rows[0]["recipient_sector"] if rows else None
        c["interval"], c["report_modalities"] = None, {(m["report_id"], m["modality"]) for m in rows}
        for m in rows:
            c["interval"] = _narrowed(c["interval"], _interval(m["modality"], m["date"], m["published"]))
    return candidates, counts


def new_story_event(new_id: int, e: dict) -> dict:
    """A story event that record `e` starts."""
    return {"id": new_id, "story_id": e["story_id"], "event": e["event"], "mode": e["mode"], "actor_key": e["actor_key"],
            "actor_sector": e["actor_sector"], "recipient_sector": e["recipient_sector"],
            "mention_terms": {e["terms"]}, "interval": e["interval"],
            "actor_name": e["actor_name"], "actor_code": e["actor_code"], "recipient_key": e["recipient_key"],
            "recipient_name": e["recipient_name"], "recipient_code": e["recipient_code"], "date": e["day"],
            "date_explicit": e["explicit"], "location_name": e["location_name"], "location_code": e["location_code"],
            "report_modalities": {(e["report_id"], e["modality"])}}


# -- claims -------------------------------------------------------------------------------------
def _speaker_key(q: dict) -> str:
    if q["speaker_type"] == "anonymous" or not q["speaker"]:
        return "anonymous:" + (q["speaker_code"] or "")
    return q["speaker"].lower()


def link_claims(tables: StoryTables, report_ids: list[str]) -> None:
    """Group the new reports' quotes with the same speaker's overlapping statements in the story."""
    claims: dict[int, list[dict]] = {}
    new_id = tables.next_id("claims")
    created, mention_rows = [], []
    for q in tables.quotes_to_link(report_ids):
        key, words, story_id = _speaker_key(q), T.content_words(q["quote"] or ""), q["story_id"]
        if story_id not in claims:
            claims[story_id] = [{"id": c["id"], "key": c["speaker_key"], "words": T.content_words(c["text"])}
                                for c in tables.claims(story_id)]
        target = next((c for c in claims[story_id] if c["key"] == key and T.overlap(c["words"], words) >= CLAIM_OVERLAP), None)
        if target is None:
            target = {"id": new_id, "key": key, "words": words}
            new_id += 1
            claims[story_id].append(target)
            created.append((target["id"], story_id, key, q["speaker"], q["quote"]))
        mention_rows.append((target["id"], q["report_id"], q["idx"]))
    tables.save_claims(report_ids, created, mention_rows)
