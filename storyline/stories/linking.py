"""Linking event records and quotes across a story's reports.

Two event records describe the same real-world event when they have the same PLOVER type, the
same party acting, compatible recipients and places, and dates within a day. The same party is
the same name (or names sharing most words), or, where the reports name it differently ("the US
ambassador", "the United States government"), the same country and sector with clauses that
share words (CLAUSE_OVERLAP). A planned event (modality future) links to its later realisation the
same way. Quotes become claims: the same speaker saying overlapping words. Candidates come from
the story only (indexed by story id).
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from . import text as T
from ..store.stories import StoryTables

CLAIM_OVERLAP = 0.6
NAME_OVERLAP = 0.6        # "the Security Cabinet" ~ "Israel's Security Cabinet"
CLAUSE_OVERLAP = 0.3      # a party named differently: the clauses must share this much of their words
PLAN_HORIZON_DAYS = 7     # an undated plan can be realised within a week of being reported


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


def load_events(tables: StoryTables, report_ids: list[str]) -> list[dict]:
    events = tables.events_to_link(report_ids)
    for e in events:
        explicit = _day(e["date"])
        e["day"], e["explicit"] = explicit or e["published"], explicit is not None
        e["actor_key"], e["recipient_key"] = _key(e["actor_name"], e["actor_code"]), _key(e["recipient_name"], e["recipient_code"])
        e["words"] = T.content_words(e["clause"] or "")
    return events


def _same_party(name_a, code_a, name_b, code_b) -> bool:
    """Same actor: same name, or names sharing most words with no conflicting country; without a
    name on one side, the same country code."""
    if name_a and name_b:
        if name_a.lower() == name_b.lower():
            return True
        codes_agree = not (code_a and code_b and code_a != code_b)
        return codes_agree and T.overlap(T.content_words(name_a), T.content_words(name_b)) >= NAME_OVERLAP
    return bool(code_a) and code_a == code_b


def _same_country_and_sector(e: dict, c: dict) -> bool:
    return bool(e["actor_code"]) and e["actor_code"] == c["actor_code"] \
        and (not e["actor_sector"] or not c["actor_sector"] or e["actor_sector"] == c["actor_sector"])


def _dates_compatible(e: dict, c: dict) -> bool:
    if e["day"] is None or c["date"] is None:
        return e["day"] is None and c["date"] is None
    gap = abs((e["day"] - c["date"]).days)
    if e["modality"] == "future" and not e["explicit"]:
        return 0 <= (c["date"] - e["day"]).days <= PLAN_HORIZON_DAYS or gap <= 1
    # Two stated dates must agree; a report's own date may be a day off either (the report came
    # out the day after, or two outlets' days straddle midnight).
    return gap <= (0 if e["explicit"] and c["date_explicit"] else 1)


def matches(e: dict, c: dict) -> bool:
    """Does event record `e` describe the story event `c`?"""
    if e["event"] != c["event"] or e["actor_key"] is None or c["actor_key"] is None:
        return False
    if not _same_party(e["actor_name"], e["actor_code"], c["actor_name"], c["actor_code"]) and not (
            _same_country_and_sector(e, c) and T.overlap(e["words"], c["words"]) >= CLAUSE_OVERLAP):
        return False
    if e["recipient_key"] and c["recipient_key"] and not _same_party(
            e["recipient_name"], e["recipient_code"], c["recipient_name"], c["recipient_code"]):
        return False
    if e["location_name"] and c["location_name"] and e["location_name"] != c["location_name"] \
            and e["location_code"] != c["location_code"]:
        return False
    return _dates_compatible(e, c)


def _closeness(e: dict, c: dict) -> int:
    """Among matching story events, prefer the one that agrees on more details."""
    return (2 * (e["actor_key"] == c["actor_key"]) + (e["recipient_key"] is not None and e["recipient_key"] == c["recipient_key"])
            + (e["explicit"] and c["date_explicit"] and e["day"] == c["date"]))


def link_events(tables: StoryTables, report_ids: list[str]) -> None:
    """Attach each new event record to a matching story event of its story, or start one."""
    events = load_events(tables, report_ids)
    by_story: dict[int, list[dict]] = {}
    new_id = tables.next_id("story_events")
    created, dated, mention_rows = [], [], []
    for e in events:
        if e["story_id"] not in by_story:
            by_story[e["story_id"]] = _candidates(tables, e["story_id"])
        candidates = by_story[e["story_id"]]
        target = max((c for c in candidates if matches(e, c)), key=lambda c: _closeness(e, c), default=None)
        if target is None:
            target = _new_story_event(new_id, e)
            new_id += 1
            candidates.append(target)
            created.append(target)
        else:
            target["words"] = target["words"] | e["words"]
            if e["explicit"] and not target["date_explicit"]:
                target["date"], target["date_explicit"] = e["day"], True   # a report that dates it precisely
                dated.append(target)
        mention_rows.append((target["id"], e["report_id"], e["idx"], e["modality"]))
    tables.save_links(report_ids, created, [c for c in dated if c not in created], mention_rows)


def _candidates(tables: StoryTables, story_id: int) -> list[dict]:
    """A story's events, each with the words of its mentions' clauses and its actor's sector."""
    clauses = tables.story_event_clauses(story_id)
    candidates = tables.story_events(story_id)
    for c in candidates:
        texts, sector = clauses.get(c["id"], ([], None))
        c["words"], c["actor_sector"] = T.content_words(" ".join(texts)), sector
    return candidates


def _new_story_event(new_id: int, e: dict) -> dict:
    return {"id": new_id, "story_id": e["story_id"], "event": e["event"], "actor_key": e["actor_key"],
            "actor_sector": e["actor_sector"], "words": e["words"],
            "actor_name": e["actor_name"], "actor_code": e["actor_code"], "recipient_key": e["recipient_key"],
            "recipient_name": e["recipient_name"], "recipient_code": e["recipient_code"], "date": e["day"],
            "date_explicit": e["explicit"], "location_name": e["location_name"], "location_code": e["location_code"]}


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
