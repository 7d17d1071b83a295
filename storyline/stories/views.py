"""What analysts read: story lists, a story's timeline, what changed since a date, its claims."""
from __future__ import annotations

from datetime import date
from typing import Optional

from ..store.stories import StoryTables
from .corroboration import corroboration
from .disputes import story_disputes, story_positions


def list_stories(tables: StoryTables) -> list[dict]:
    members: dict[int, list[str]] = {}
    for report_id, story in tables.story_of().items():
        members.setdefault(story, []).append(report_id)
    return [{"id": s["id"], "label": s["label"], "reports": s["n_reports"], "first_date": s["first_date"],
             "last_date": s["last_date"], "events": s["n_events"], "report_ids": sorted(members.get(s["id"], []))}
            for s in tables.list()]


def find_story(tables: StoryTables, story: str) -> int:
    """A story by id, or by a substring of its label (the largest such story)."""
    if story.isdigit() and tables.story(int(story)):
        return int(story)
    found = tables.list(label=story, limit=1)
    if not found:
        raise KeyError(f"no story with id or label {story!r}")
    return found[0]["id"]


def _status(modalities: list[str]) -> str:
    """How the event stands across its mentions, in report order: planned -> happened, denied..."""
    labels = {"future": "planned", "asserted": "reported", "negated": "denied", "hypothetical": "possible"}
    seen = list(dict.fromkeys(labels.get(m, m) for m in modalities))
    return " -> ".join(seen)


def timeline(tables: StoryTables, story_id: int, since: Optional[date] = None) -> list[dict]:
    """The story's events in date order, with corroboration, disputes and sources."""
    events = tables.story_events(story_id)
    mentions = tables.event_mentions(story_id)
    flags: dict[int, list[str]] = {}
    for d in story_disputes(tables, story_id, events, mentions):
        for se_id in d.get("story_events", []):
            flags.setdefault(se_id, []).append(d["kind"])
    rows = []
    for se in events:
        ms = mentions.get(se["id"], [])
        if not ms or (since and se["date"] and se["date"] < since):
            continue
        rows.append({"story_event": se["id"], "date": se["date"], "event": se["event"],
                     "actor": se["actor_name"] or se["actor_code"],
                     "recipient": se["recipient_name"] or se["recipient_code"], "place": se["location_name"],
                     "status": _status([m["modality"] for m in ms]), **corroboration(ms),
                     "disputes": flags.get(se["id"], []), "text": ms[0]["event_text"],
                     "mentions": [mention(m) for m in ms]})
    return sorted(rows, key=lambda r: (r["date"] or date.max, -r["independent"], r["story_event"]))


def mention(m: dict) -> dict:
    """A report's mention of a story event as the story contract gives it (event_index, the
    clause's start and end, modality, source), with what a reader sees of it besides."""
    return {"report_id": m["report_id"], "event_index": m["idx"], "start": m["start_char"], "end": m["end_char"],
            "modality": m["modality"], "source": m["source_text"], "source_type": m["source_type"],
            "event": m["event"], "event_text": m["event_text"], "text": m["text"], "outlet": m["outlet"],
            "published": m["published"], "url": m["url"], "title": m["title"], "copy_of": m["copy_of"]}


def claims(tables: StoryTables, story_id: int) -> list[dict]:
    """Attributed statements (quotes grouped by speaker and wording) with their corroboration."""
    mentions = tables.claim_mentions(story_id)
    out = [{"claim": c["id"], "speaker": c["speaker"], "text": c["text"], **corroboration(mentions[c["id"]])}
           for c in tables.claims(story_id) if mentions.get(c["id"])]
    return sorted(out, key=lambda c: (-c["independent"], str(c["first_seen"]), c["claim"]))


def disputes(tables: StoryTables, story_id: int) -> list[dict]:
    return story_disputes(tables, story_id, tables.story_events(story_id), tables.event_mentions(story_id))


def positions(tables: StoryTables, story_id: int) -> list[dict]:
    return story_positions(tables, story_id)


def diff(tables: StoryTables, story_id: int, since: date) -> dict:
    """What is new or changed in a story since a date (by the date reports were published)."""
    new_reports = [r["id"] for r in tables.story_reports(story_id, since=since)]
    new_events, changed = [], []
    mentions = tables.event_mentions(story_id)
    for row in timeline(tables, story_id):
        mentions_after = [m for m in mentions[row["story_event"]] if m["published"] and m["published"] >= since]
        if row["first_seen"] and row["first_seen"] >= since:
            new_events.append(row)
        elif mentions_after:
            changed.append({**row, "change": _change(mentions_after)})
    recent = [d for d in disputes(tables, story_id)
              if any(s["first_seen"] and s["first_seen"] >= since for s in d["sides"])]
    return {"story": story_id, "since": since, "new_reports": new_reports, "new_events": new_events,
            "changed_events": changed, "disputes": recent}


def _change(mentions_after: list[dict]) -> str:
    statuses = {m["modality"] for m in mentions_after}
    words = {"negated": "denied", "asserted": "reported", "future": "announced", "hypothetical": "possible"}
    outlets = sorted({m["outlet"] for m in mentions_after if m["outlet"]})
    return f"{' and '.join(words.get(s, s) for s in sorted(statuses))} again by {', '.join(outlets) or 'a report'}"
