"""Read-only queries behind the REST API and the dashboard.

Everything reads the store's tables (reports, actors, events, quotes) and the stories layer's
tables (stories, story_reports, story_events, event_mentions, report_copies) with plain SQL on a
per-request DuckDB cursor, so requests served from several threads never share a cursor.
List queries return one page and the total count; a page is `(page - 1) * per_page` rows in.

What a story's events mean across reports (status, corroboration, disputes) is the stories
layer's: timelines and disputes come from `storyline.stories.views`, and this module adds the
report mentions (report, offsets, outlet, source) the dashboard links each event to.
An event's `corroboration` is the stories layer's count of independent reports (a republished
copy counts once); `disputed` says whether any dispute of the story involves it.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterator, Optional

import duckdb

from ..stories import views as story_views
from ..store.db import EVENT_DAY, event_conditions

STORY_TABLES = ("stories", "story_reports", "story_events", "event_mentions", "report_copies")


# Mentions of story events, with the original report a copy was taken from (if any). The ids go
# in as a literal list of integers: DuckDB filters that far faster than a joined parameter list.
MENTIONS_SQL = """
SELECT m.story_event_id, m.report_id, m.idx, m.modality, e.event, e.event_text, e.start_char, e.end_char,
       e.source_text, e.source_type, r.outlet, r.published, r.url, r.title, c.copy_of
FROM event_mentions m
JOIN events e ON e.report_id = m.report_id AND e.idx = m.idx
JOIN reports r ON r.id = m.report_id
LEFT JOIN report_copies c ON c.report_id = m.report_id
WHERE m.story_event_id IN ({ids})
ORDER BY r.published NULLS LAST, m.report_id, m.idx
"""


class NotFound(LookupError):
    """A requested story, report or actor that is not in the store."""


@dataclass
class Page:
    items: list[dict]
    total: int
    page: int
    per_page: int

    def to_dict(self) -> dict:
        return {"items": self.items, "total": self.total, "page": self.page, "per_page": self.per_page,
                "pages": (self.total + self.per_page - 1) // self.per_page}


@dataclass
class Where:
    """SQL conditions and their parameters, built up filter by filter."""
    clauses: list[str]
    params: list[Any]

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def _where() -> Where:
    return Where([], [])


class StoreReader:
    """Queries over one open DuckDB connection (the store's, read-only or not)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.refresh()

    def refresh(self) -> None:
        """Look again for the stories tables (created by the first grouping of stored reports)."""
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        self.has_stories = all(t in tables for t in STORY_TABLES)

    # -- helpers -----------------------------------------------------------------------------
    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def _rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        with self._cursor() as cur:
            cur.execute(sql, list(params))
            names = [d[0] for d in cur.description]
            return [_jsonable(dict(zip(names, row))) for row in cur.fetchall()]

    def _scalar(self, sql: str, params: list | tuple = ()) -> Any:
        with self._cursor() as cur:
            return cur.execute(sql, list(params)).fetchone()[0]

    def _page(self, select: str, count: str, where: Where, order: str, page: int, per_page: int) -> Page:
        total = self._scalar(count + where.sql(), where.params)
        rows = self._rows(f"{select}{where.sql()} ORDER BY {order} LIMIT {int(per_page)} OFFSET {int((page - 1) * per_page)}",
                          where.params)
        return Page(rows, total, page, per_page)

    def counts(self) -> dict:
        counts = {t: self._scalar(f"SELECT count(*) FROM {t}") for t in ("reports", "events", "quotes")}
        counts["stories"] = self._scalar("SELECT count(*) FROM stories") if self.has_stories else 0
        return counts

    # -- reports -----------------------------------------------------------------------------
    def reports(self, q: Optional[str], outlet: Optional[str], since: Optional[str], until: Optional[str],
                page: int, per_page: int) -> Page:
        where = _where()
        if q:
            where.add("(r.title ILIKE ? OR r.text ILIKE ?)", f"%{q}%", f"%{q}%")
        if outlet:
            where.add("r.outlet ILIKE ?", outlet)
        if since:
            where.add("r.published >= CAST(? AS DATE)", since)
        if until:
            where.add("r.published <= CAST(? AS DATE)", until)
        select = ("SELECT r.id, r.title, r.outlet, r.published, r.url, length(r.text) AS chars, "
                  "(SELECT count(*) FROM events e WHERE e.report_id = r.id) AS n_events, "
                  "(SELECT count(*) FROM quotes q WHERE q.report_id = r.id) AS n_quotes FROM reports r")
        return self._page(select, "SELECT count(*) FROM reports r", where,
                          "r.published DESC NULLS LAST, r.id", page, per_page)

    def report(self, report_id: str) -> dict:
        rows = self._rows("SELECT record, text FROM reports WHERE id = ?", [report_id])
        if not rows:
            raise NotFound(f"no report with id {report_id!r}")
        record = {**json.loads(rows[0]["record"]), "text": rows[0]["text"]}
        if self.has_stories:
            story = self._rows("SELECT s.id, s.label FROM story_reports sr JOIN stories s ON s.id = sr.story_id "
                               "WHERE sr.report_id = ?", [report_id])
            record["story"] = story[0] if story else None
        return record

    # -- events ------------------------------------------------------------------------------
    def events(self, story: Optional[int], actor: Optional[str], event_type: Optional[str],
               since: Optional[str], until: Optional[str], modality: Optional[str],
               source_type: Optional[str], report_id: Optional[str], page: int, per_page: int) -> Page:
        where = _where()
        if story is not None:
            self._require_story(story)
            where.add("(e.report_id, e.idx) IN (SELECT m.report_id, m.idx FROM event_mentions m "
                      "JOIN story_events se ON se.id = m.story_event_id WHERE se.story_id = ?)", story)
        conditions, params = event_conditions(actor=actor, event_type=event_type, since=since, until=until,
                                              modality=modality, report_id=report_id, source_type=source_type)
        where.clauses.extend(conditions)
        where.params.extend(params)
        frm = " FROM events e JOIN reports r ON r.id = e.report_id"
        select = f"SELECT e.*, {EVENT_DAY} AS day, r.outlet, r.published, r.url, r.title{frm}"
        return self._page(select, "SELECT count(*)" + frm, where,
                          "day DESC NULLS LAST, e.report_id, e.idx", page, per_page)

    # -- quotes ------------------------------------------------------------------------------
    def quotes(self, speaker: Optional[str], q: Optional[str], speaker_type: Optional[str],
               report_id: Optional[str], page: int, per_page: int) -> Page:
        where = _where()
        if speaker:
            where.add("(q.speaker ILIKE ? OR q.speaker_text ILIKE ?)", f"%{speaker}%", f"%{speaker}%")
        if q:
            where.add("q.quote ILIKE ?", f"%{q}%")
        if speaker_type:
            where.add("q.speaker_type = ?", speaker_type)
        if report_id:
            where.add("q.report_id = ?", report_id)
        frm = " FROM quotes q JOIN reports r ON r.id = q.report_id"
        return self._page("SELECT q.*, r.outlet, r.published, r.url, r.title" + frm, "SELECT count(*)" + frm,
                          where, "r.published DESC NULLS LAST, q.report_id, q.idx", page, per_page)

    # -- actors ------------------------------------------------------------------------------
    def actors(self, q: Optional[str], page: int, per_page: int) -> Page:
        """Resolved actors (by canonical name) with how often and where they are mentioned."""
        where = _where()
        where.add("a.name IS NOT NULL")
        if q:
            where.add("(a.name ILIKE ? OR a.code = upper(?))", f"%{q}%", q)
        select = ("SELECT a.name, any_value(a.code) AS code, any_value(a.sector) AS sector, "
                  "any_value(a.kind) AS kind, count(*) AS mentions, count(DISTINCT a.report_id) AS reports "
                  "FROM actors a")
        total = self._scalar("SELECT count(DISTINCT a.name) FROM actors a" + where.sql(), where.params)
        rows = self._rows(f"{select}{where.sql()} GROUP BY a.name ORDER BY mentions DESC, a.name "
                          f"LIMIT {int(per_page)} OFFSET {int((page - 1) * per_page)}", where.params)
        return Page(rows, total, page, per_page)

    def actor(self, name: str) -> dict:
        """One actor: whom it acts on, who acts on it (counts by event type), and its quotes in time."""
        found = self._rows("SELECT name, any_value(code) AS code, any_value(sector) AS sector, "
                           "any_value(kind) AS kind, count(*) AS mentions, count(DISTINCT report_id) AS reports "
                           "FROM actors WHERE lower(name) = lower(?) GROUP BY name", [name])
        as_actor = self._rows("SELECT actor_name AS name FROM events WHERE lower(actor_name) = lower(?) "
                              "UNION SELECT recipient_name FROM events WHERE lower(recipient_name) = lower(?) LIMIT 1",
                              [name, name])
        if not found and not as_actor:
            raise NotFound(f"no actor named {name!r}")
        info = found[0] if found else {"name": as_actor[0]["name"], "code": None, "sector": None, "kind": None,
                                       "mentions": 0, "reports": 0}
        pair = ("SELECT {other}_name AS name, any_value({other}_code) AS code, event, count(*) AS n "
                "FROM events WHERE lower({me}_name) = lower(?) AND {other}_name IS NOT NULL "
                "GROUP BY {other}_name, event ORDER BY n DESC, name, event")
        info["acts_on"] = self._rows(pair.format(me="actor", other="recipient"), [name])
        info["acted_on_by"] = self._rows(pair.format(me="recipient", other="actor"), [name])
        info["quotes"] = self._rows(
            "SELECT q.report_id, q.idx, q.quote, q.kind, q.start_char, q.end_char, q.speaker_text, "
            "r.published, r.outlet, r.title FROM quotes q JOIN reports r ON r.id = q.report_id "
            "WHERE lower(q.speaker) = lower(?) ORDER BY r.published NULLS LAST, q.report_id, q.idx LIMIT 500",
            [name])
        info["evidence"] = self.actor_evidence(info["name"])
        return info

    def actor_evidence(self, name: str) -> list[dict]:
        """What the store's registry holds on a name: each identity its reports gave (with when and
        in which reports), imported entries and users' corrections."""
        from ..store.registry import RegistryTables

        if not self._has_registry_columns():
            return []
        entries = [e for e in RegistryTables(self.con.cursor()).entries(name) if e.name.lower() == name.lower()]
        return [{"source": e.source, "code": e.code, "sector": e.sector, "role": e.role, "kind": e.kind,
                 "first_seen": e.first_seen, "last_seen": e.last_seen, "reports": e.reports,
                 "aliases": list(e.aliases), "report_ids": list(e.report_ids)} for e in entries]

    def _has_registry_columns(self) -> bool:
        """A store written before schema version 2 has no evidence columns (read-only: not migrated)."""
        columns = {r[0] for r in self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'actors'").fetchall()}
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return "evidence" in columns and {"actor_corrections", "actor_imports"} <= tables

    # -- stories -----------------------------------------------------------------------------
    def stories(self, q: Optional[str], page: int, per_page: int) -> Page:
        if not self.has_stories:
            return Page([], 0, page, per_page)
        where = _where()
        if q:
            where.add("s.label ILIKE ?", f"%{q}%")
        select = ("SELECT s.id, s.label, s.first_date, s.last_date, s.n_reports, "
                  "(SELECT count(*) FROM story_events se WHERE se.story_id = s.id) AS n_events FROM stories s")
        return self._page(select, "SELECT count(*) FROM stories s", where,
                          "s.last_date DESC NULLS LAST, s.id", page, per_page)

    def _require_story(self, story_id: int) -> None:
        if not self.has_stories or self._scalar("SELECT count(*) FROM stories WHERE id = ?", [story_id]) == 0:
            raise NotFound(f"no story with id {story_id}")

    def story(self, story_id: int) -> dict:
        rows = self._rows("SELECT id, label, first_date, last_date, n_reports FROM stories WHERE id = ?",
                          [story_id]) if self.has_stories else []
        if not rows:
            raise NotFound(f"no story with id {story_id}")
        story = rows[0]
        story["reports"] = self._rows(
            "SELECT r.id, r.title, r.outlet, r.published, r.url, c.copy_of FROM story_reports sr "
            "JOIN reports r ON r.id = sr.report_id LEFT JOIN report_copies c ON c.report_id = r.id "
            "WHERE sr.story_id = ? ORDER BY r.published NULLS LAST, r.id", [story_id])
        return story

    def timeline(self, story_id: int, since: Optional[str], until: Optional[str], event_type: Optional[str],
                 page: int, per_page: int) -> Page:
        """The story's events in date order (the stories layer's timeline: status, corroboration,
        disputes), each with the report mentions a reader can click through to."""
        self._require_story(story_id)
        with self._cursor() as cur:
            rows = story_views.timeline(cur, story_id, date.fromisoformat(since) if since else None)
        if until:
            rows = [r for r in rows if r["date"] is None or r["date"].isoformat() <= until]
        if event_type:
            rows = [r for r in rows if r["event"] == event_type]
        items = [{"id": r["story_event"], **r, "corroboration": r["independent"], "disputed": bool(r["disputes"])}
                 for r in rows[(page - 1) * per_page:page * per_page]]
        mentions = self._mentions([e["id"] for e in items])
        for event in items:
            event["mentions"] = mentions.get(event["id"], [])
        return Page([_jsonable(e) for e in items], len(rows), page, per_page)

    def disputes(self, story_id: Optional[int], page: int, per_page: int) -> Page:
        """The stories layer's disputes (denials, opposite stances, different numbers) of one story or
        of a page of stories; each side with the report mentions behind it, where it has them."""
        if story_id is not None:
            self._require_story(story_id)
            stories = [self._rows("SELECT id, label FROM stories WHERE id = ?", [story_id])[0]]
            total = 1
        else:
            listed = self.stories(None, page, per_page)
            stories, total = listed.items, listed.total
        items = []
        for story in stories:
            with self._cursor() as cur:
                found = story_views.disputes(cur, story["id"])
            mentions = self._mentions([i for d in found for i in d.get("story_events", [])])
            for dispute in found:
                linked = [m for i in dispute.get("story_events", []) for m in mentions.get(i, [])]
                for side in dispute["sides"]:
                    side["mentions"] = [m for m in linked if _side_of(dispute["kind"], m) == side["claim"]]
                items.append(_jsonable({"story_id": story["id"], "story_label": story["label"], **dispute}))
        return Page(items, total, page if story_id is None else 1, per_page)

    def _mentions(self, story_event_ids: list[int]) -> dict[int, list[dict]]:
        """Report mentions of story events, by story event id."""
        by_event: dict[int, list[dict]] = {}
        if story_event_ids:
            ids = ", ".join(str(int(i)) for i in story_event_ids)
            for m in self._rows(MENTIONS_SQL.format(ids=ids)):
                by_event.setdefault(m.pop("story_event_id"), []).append(m)
        return by_event

    # -- search ------------------------------------------------------------------------------
    def search(self, q: str, limit: int) -> dict:
        like = f"%{q}%"
        reports = self._rows(
            "SELECT id, title, outlet, published, "
            "substr(text, greatest(1, strpos(lower(text), lower(?)) - 80), 200) AS snippet "
            "FROM reports WHERE title ILIKE ? OR text ILIKE ? ORDER BY published DESC NULLS LAST, id LIMIT ?",
            [q, like, like, limit])
        quotes = self._rows(
            "SELECT q.report_id, q.idx, q.quote, q.speaker, q.start_char, q.end_char, r.published, r.outlet "
            "FROM quotes q JOIN reports r ON r.id = q.report_id WHERE q.quote ILIKE ? OR q.speaker ILIKE ? "
            "ORDER BY r.published DESC NULLS LAST, q.report_id, q.idx LIMIT ?", [like, like, limit])
        actors = self.actors(q, 1, limit).items
        return {"query": q, "reports": reports, "quotes": quotes, "actors": actors}


def _side_of(kind: str, mention: dict) -> str:
    """Which side of a dispute a mention is on, in the stories layer's claim labels."""
    if kind == "denial":
        return "denied" if mention["modality"] == "negated" else "reported"
    return mention["event"]      # stance: AGREE vs REJECT


def _jsonable(value: Any) -> Any:
    """Dates and timestamps as ISO strings, at any depth, so rows go straight into JSON responses."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value
