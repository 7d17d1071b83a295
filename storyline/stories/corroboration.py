"""Who reports what: mentions of story events and claims with their outlets and sources.

Independent reports are counted by copy group: a wire story republished by several sites
(report_copies) counts once. Named sources count once across reports; an anonymous source
("a Lebanese official") counts once per independent report, since two of them may be one person.
"""
from __future__ import annotations


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
