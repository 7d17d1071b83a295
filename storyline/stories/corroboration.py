"""Who reports what: mentions of story events and claims with their outlets and sources.

Independent reports are counted by copy group: a wire story republished by several sites
(report_copies) counts once. Named sources count once across reports; an anonymous source
("a Lebanese official") counts once per independent report, since two of them may be one person.
"""
from __future__ import annotations

from collections import defaultdict

EVENT_MENTIONS_SQL = """
SELECT em.story_event_id AS key, em.report_id, em.idx, em.modality, e.event_text, e.source_text, e.source_type,
       e.date, r.outlet, r.published, coalesce(c.copy_of, em.report_id) AS copy_root
FROM event_mentions em JOIN story_events se ON se.id = em.story_event_id
JOIN events e ON e.report_id = em.report_id AND e.idx = em.idx JOIN reports r ON r.id = em.report_id
LEFT JOIN report_copies c ON c.report_id = em.report_id WHERE se.story_id = ? ORDER BY r.published, em.report_id, em.idx
"""
CLAIM_MENTIONS_SQL = """
SELECT cm.claim_id AS key, cm.report_id, cm.idx, q.quote, q.speaker_text AS source_text, q.speaker_type AS source_type,
       r.outlet, r.published, coalesce(c.copy_of, cm.report_id) AS copy_root
FROM claim_mentions cm JOIN claims cl ON cl.id = cm.claim_id JOIN quotes q ON q.report_id = cm.report_id AND q.idx = cm.idx
JOIN reports r ON r.id = cm.report_id LEFT JOIN report_copies c ON c.report_id = cm.report_id
WHERE cl.story_id = ? ORDER BY r.published, cm.report_id, cm.idx
"""


def mentions_by_key(con, sql: str, story_id: int) -> dict[int, list[dict]]:
    cur = con.execute(sql, [story_id])
    names = [d[0] for d in cur.description]
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in cur.fetchall():
        m = dict(zip(names, row))
        grouped[m["key"]].append(m)
    return grouped


def source_key(m: dict) -> tuple:
    text = (m.get("source_text") or "").strip().lower()
    if not text:
        return ("outlet", m["copy_root"])          # the reporter's own account
    if m.get("source_type") == "anonymous":
        return ("anonymous", text, m["copy_root"])
    return ("named", text)


def corroboration(mentions: list[dict]) -> dict:
    """Counts and names for one story event or claim."""
    roots = {m["copy_root"] for m in mentions}
    outlets = sorted({m["outlet"] for m in mentions if m["outlet"]})
    sources = sorted({m["source_text"] for m in mentions if m.get("source_text")})
    return {"reports": len({m["report_id"] for m in mentions}), "independent": len(roots),
            "sources_count": len({source_key(m) for m in mentions}), "outlets": outlets, "sources": sources,
            "first_seen": min((m["published"] for m in mentions if m["published"]), default=None)}
