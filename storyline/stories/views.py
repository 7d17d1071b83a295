"""What analysts read: story lists, a story's timeline, what changed since a date, its claims."""
from __future__ import annotations

from datetime import date
from typing import Optional

from .corroboration import CLAIM_MENTIONS_SQL, EVENT_MENTIONS_SQL, corroboration, mentions_by_key
from .disputes import story_disputes, story_positions
from .linking import story_events
from .schema import ensure_schema


def list_stories(con) -> list[dict]:
    ensure_schema(con)
    cur = con.execute(
        "SELECT s.id, s.label, s.n_reports AS reports, s.first_date, s.last_date, "
        "(SELECT count(*) FROM story_events se WHERE se.story_id = s.id) AS events "
        "FROM stories s ORDER BY s.n_reports DESC, s.id")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def find_story(con, story: str) -> int:
    """A story by id, or by a substring of its label (the largest such story)."""
    ensure_schema(con)
    if story.isdigit() and con.execute("SELECT 1 FROM stories WHERE id = ?", [int(story)]).fetchone():
        return int(story)
    row = con.execute("SELECT id FROM stories WHERE label ILIKE ? ORDER BY n_reports DESC, id LIMIT 1",
                      [f"%{story}%"]).fetchone()
    if row is None:
        raise KeyError(f"no story with id or label {story!r}")
    return row[0]


def _status(modalities: list[str]) -> str:
    """How the event stands across its mentions, in report order: planned -> happened, denied..."""
    labels = {"future": "planned", "asserted": "reported", "negated": "denied", "hypothetical": "possible"}
    seen = list(dict.fromkeys(labels.get(m, m) for m in modalities))
    return " -> ".join(seen)


def timeline(con, story_id: int, since: Optional[date] = None) -> list[dict]:
    """The story's events in date order, with corroboration, disputes and sources."""
    events = story_events(con, story_id)
    mentions = mentions_by_key(con, EVENT_MENTIONS_SQL, story_id)
    flags: dict[int, list[str]] = {}
    for d in story_disputes(con, story_id, events, mentions):
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
                     "disputes": flags.get(se["id"], []), "text": ms[0]["event_text"]})
    return sorted(rows, key=lambda r: (r["date"] or date.max, -r["independent"], r["story_event"]))


def claims(con, story_id: int) -> list[dict]:
    """Attributed statements (quotes grouped by speaker and wording) with their corroboration."""
    mentions = mentions_by_key(con, CLAIM_MENTIONS_SQL, story_id)
    rows = con.execute("SELECT id, speaker, text FROM claims WHERE story_id = ?", [story_id]).fetchall()
    out = [{"claim": cid, "speaker": speaker, "text": text, **corroboration(mentions[cid])}
           for cid, speaker, text in rows if mentions.get(cid)]
    return sorted(out, key=lambda c: (-c["independent"], str(c["first_seen"]), c["claim"]))


def disputes(con, story_id: int) -> list[dict]:
    events = story_events(con, story_id)
    return story_disputes(con, story_id, events, mentions_by_key(con, EVENT_MENTIONS_SQL, story_id))


def positions(con, story_id: int) -> list[dict]:
    return story_positions(con, story_id)


def diff(con, story_id: int, since: date) -> dict:
    """What is new or changed in a story since a date (by the date reports were published)."""
    new_reports = [r for (r,) in con.execute(
        "SELECT r.id FROM story_reports sr JOIN reports r ON r.id = sr.report_id "
        "WHERE sr.story_id = ? AND r.published >= ? ORDER BY r.published, r.id", [story_id, since]).fetchall()]
    new_events, changed = [], []
    mentions = mentions_by_key(con, EVENT_MENTIONS_SQL, story_id)
    for row in timeline(con, story_id):
        mentions_after = [m for m in mentions[row["story_event"]] if m["published"] and m["published"] >= since]
        if row["first_seen"] and row["first_seen"] >= since:
            new_events.append(row)
        elif mentions_after:
            changed.append({**row, "change": _change(mentions_after)})
    recent = [d for d in disputes(con, story_id)
              if any(s["first_seen"] and s["first_seen"] >= since for s in d["sides"])]
    return {"story": story_id, "since": since, "new_reports": new_reports, "new_events": new_events,
            "changed_events": changed, "disputes": recent}


def _change(mentions_after: list[dict]) -> str:
    statuses = {m["modality"] for m in mentions_after}
    words = {"negated": "denied", "asserted": "reported", "future": "announced", "hypothetical": "possible"}
    outlets = sorted({m["outlet"] for m in mentions_after if m["outlet"]})
    return f"{' and '.join(words.get(s, s) for s in sorted(statuses))} again by {', '.join(outlets) or 'a report'}"
