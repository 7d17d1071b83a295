"""Reading the store: the filtered, paged lists and single items that the CLI, the Python API, the
REST API and the dashboard all show, each filter defined once.

Queries run on a fresh cursor of the store's connection each, so a server's threads never share a
cursor. Rows come back JSON-ready (dates and timestamps as ISO strings). A page is
`(page - 1) * per_page` rows in; `per_page=None` means every row.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from .registry import RegistryTables
from .stories import StoryTables
from .tables import dicts

# An event's day in SQL over `events e JOIN reports r`: its own date (a month counts as its first
# day, a year as its first day), else its report's publication date.
EVENT_DAY = ("coalesce(CASE WHEN e.date LIKE '____-__-__' THEN CAST(e.date AS DATE) "
             "WHEN e.date LIKE '____-__' THEN CAST(e.date || '-01' AS DATE) "
             "WHEN e.date LIKE '____' THEN CAST(e.date || '-01-01' AS DATE) END, r.published)")


class NotFound(LookupError):
    """A requested story, report or actor that is not in the store."""


@dataclass
class Page:
    items: list[dict]
    total: int
    page: int
    per_page: Optional[int]

    def to_dict(self) -> dict:
        per_page = self.per_page or max(self.total, 1)
        return {"items": self.items, "total": self.total, "page": self.page, "per_page": per_page,
                "pages": (self.total + per_page - 1) // per_page}


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


def event_filter(story: Optional[int] = None, actor: Optional[str] = None, event_type: Optional[str] = None,
                 since: Optional[str] = None, until: Optional[str] = None, modality: Optional[str] = None,
                 source_type: Optional[str] = None, report_id: Optional[str] = None) -> Where:
    """Conditions over `events e JOIN reports r`. `actor` matches the actor's country code exactly or
    its name in part; `since`/`until` compare the event's day (EVENT_DAY)."""
    where = Where([], [])
    if story is not None:
        where.add("(e.report_id, e.idx) IN (SELECT m.report_id, m.idx FROM event_mentions m "
                  "JOIN story_events se ON se.id = m.story_event_id WHERE se.story_id = ?)", story)
    if actor:
        where.add("(upper(e.actor_code) = upper(?) OR e.actor_name ILIKE ?)", actor, f"%{actor}%")
    for column, value in (("e.event", event_type and event_type.upper()), ("e.modality", modality and modality.lower()),
                          ("e.report_id", report_id), ("e.source_type", source_type)):
        if value:
            where.add(f"{column} = ?", value)
    if since:
        where.add(f"{EVENT_DAY} >= CAST(? AS DATE)", since)
    if until:
        where.add(f"{EVENT_DAY} <= CAST(? AS DATE)", until)
    return where


def quote_filter(speaker: Optional[str] = None, q: Optional[str] = None, speaker_type: Optional[str] = None,
                 report_id: Optional[str] = None) -> Where:
    """Conditions over `quotes q JOIN reports r`; `speaker` matches the name or the mention, in part."""
    where = Where([], [])
    if speaker:
        where.add("(q.speaker ILIKE ? OR q.speaker_text ILIKE ?)", f"%{speaker}%", f"%{speaker}%")
    if q:
        where.add("q.quote ILIKE ?", f"%{q}%")
    if speaker_type:
        where.add("q.speaker_type = ?", speaker_type)
    if report_id:
        where.add("q.report_id = ?", report_id)
    return where


class Queries:
    """Read queries over one open DuckDB connection (the store's, read-only or not)."""

    def __init__(self, con):
        self.con = con
        # A writable store creates the stories tables when it opens; only a read-only store written
        # by an old version lacks them, and nothing adds them while it is open read-only.
        self.stories_exist = StoryTables(con).exist()

    @contextmanager
    def cursor(self) -> Iterator:
        cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def story_tables(self) -> Iterator[StoryTables]:
        """The stories tables on a cursor of this thread's own."""
        with self.cursor() as cur:
            yield StoryTables(cur)

    def _rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        with self.cursor() as cur:
            return [jsonable(row) for row in dicts(cur, sql, params)]

    def _scalar(self, sql: str, params: list | tuple = ()) -> Any:
        with self.cursor() as cur:
            return cur.execute(sql, list(params)).fetchone()[0]

    def _page(self, select: str, count: str, where: Where, order: str, page: int, per_page: Optional[int]) -> Page:
        total = self._scalar(count + where.sql(), where.params)
        limit = f" LIMIT {int(per_page)} OFFSET {int((page - 1) * per_page)}" if per_page else ""
        return Page(self._rows(f"{select}{where.sql()} ORDER BY {order}{limit}", where.params), total, page, per_page)

    def counts(self) -> dict:
        counts = {t: self._scalar(f"SELECT count(*) FROM {t}") for t in ("reports", "events", "quotes")}
        with self.story_tables() as tables:
            counts["stories"] = tables.count() if self.stories_exist else 0
        return counts

    # -- reports -----------------------------------------------------------------------------
    def reports(self, q: Optional[str] = None, outlet: Optional[str] = None, since: Optional[str] = None,
                until: Optional[str] = None, page: int = 1, per_page: Optional[int] = None) -> Page:
        where = Where([], [])
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
        """One report's output object (the extract contract), with its text and its story."""
        rows = self._rows("SELECT record, text FROM reports WHERE id = ?", [report_id])
        if not rows:
            raise NotFound(f"no report with id {report_id!r}")
        record = {**json.loads(rows[0]["record"]), "text": rows[0]["text"]}
        with self.story_tables() as tables:
            if self.stories_exist:
                record["story"] = jsonable(tables.story_of_report(report_id))
        return record

    # -- events and quotes -------------------------------------------------------------------
    def events(self, where: Where, page: int = 1, per_page: Optional[int] = None) -> Page:
        """Events matching `event_filter(...)`, with their day and report; latest day first."""
        frm = " FROM events e JOIN reports r ON r.id = e.report_id"
        select = f"SELECT e.*, {EVENT_DAY} AS day, r.outlet, r.published, r.url, r.title{frm}"
        return self._page(select, "SELECT count(*)" + frm, where,
                          "day DESC NULLS LAST, e.report_id, e.idx", page, per_page)

    def quotes(self, where: Where, page: int = 1, per_page: Optional[int] = None) -> Page:
        """Quotes matching `quote_filter(...)`, with their report; newest report first."""
        frm = " FROM quotes q JOIN reports r ON r.id = q.report_id"
        return self._page("SELECT q.*, r.outlet, r.published, r.url, r.title" + frm, "SELECT count(*)" + frm,
                          where, "r.published DESC NULLS LAST, q.report_id, q.idx", page, per_page)

    # -- actors ------------------------------------------------------------------------------
    def actors(self, q: Optional[str] = None, page: int = 1, per_page: Optional[int] = None) -> Page:
        """Resolved actors (by canonical name) with how often and where they are mentioned."""
        where = Where([], [])
        where.add("a.name IS NOT NULL")
        if q:
            where.add("(a.name ILIKE ? OR a.code = upper(?))", f"%{q}%", q)
        select = ("SELECT a.name, min(a.code) AS code, min(a.sector) AS sector, "
                  "min(a.kind) AS kind, count(*) AS mentions, count(DISTINCT a.report_id) AS reports "
                  "FROM actors a")
        total = self._scalar("SELECT count(DISTINCT a.name) FROM actors a" + where.sql(), where.params)
        limit = f" LIMIT {int(per_page)} OFFSET {int((page - 1) * per_page)}" if per_page else ""
        rows = self._rows(f"{select}{where.sql()} GROUP BY a.name ORDER BY mentions DESC, a.name{limit}",
                          where.params)
        return Page(rows, total, page, per_page)

    def actor(self, name: str) -> dict:
        """One actor: whom it acts on, who acts on it (counts by event type), and its quotes in time."""
        found = self._rows("SELECT name, min(code) AS code, min(sector) AS sector, "
                           "min(kind) AS kind, count(*) AS mentions, count(DISTINCT report_id) AS reports "
                           "FROM actors WHERE lower(name) = lower(?) GROUP BY name", [name])
        if found:
            info = found[0]
        else:   # named in events only: one event naming it is enough (a UNION would gather them all)
            named = (self._rows("SELECT actor_name AS name FROM events WHERE lower(actor_name) = lower(?) LIMIT 1", [name])
                     or self._rows("SELECT recipient_name AS name FROM events WHERE lower(recipient_name) = lower(?) "
                                   "LIMIT 1", [name]))
            if not named:
                raise NotFound(f"no actor named {name!r}")
            info = {"name": named[0]["name"], "code": None, "sector": None, "kind": None, "mentions": 0, "reports": 0}
        pair = ("SELECT {other}_name AS name, min({other}_code) AS code, event, count(*) AS n "
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
        with self.cursor() as cur:
            registry = RegistryTables(cur)
            if not registry.readable():
                return []
            entries = [e for e in registry.entries(name) if e.name.lower() == name.lower()]
        return [{"source": e.source, "code": e.code, "sector": e.sector, "role": e.role, "kind": e.kind,
                 "first_seen": e.first_seen, "last_seen": e.last_seen, "reports": e.reports,
                 "aliases": list(e.aliases), "report_ids": list(e.report_ids)} for e in entries]

    # -- stories -----------------------------------------------------------------------------
    def stories(self, q: Optional[str] = None, page: int = 1, per_page: Optional[int] = None) -> Page:
        """Stories whose label contains `q`, latest activity first."""
        with self.story_tables() as tables:
            if not self.stories_exist:
                return Page([], 0, page, per_page)
            offset = (page - 1) * per_page if per_page else 0
            items = [{k: s[k] for k in ("id", "label", "first_date", "last_date", "n_reports", "n_events")}
                     for s in tables.list(label=q, order="recent", limit=per_page, offset=offset)]
            return Page(jsonable(items), tables.count(q), page, per_page)

    def story_summary(self, story_id: int) -> dict:
        """id, label, first and last date and size of one story, or NotFound."""
        with self.story_tables() as tables:
            story = tables.story(story_id) if self.stories_exist else None
        if story is None:
            raise NotFound(f"no story with id {story_id}")
        return jsonable(story)

    def story(self, story_id: int) -> dict:
        """One story with its reports (and the original each copy was taken from)."""
        story = self.story_summary(story_id)
        with self.story_tables() as tables:
            story["reports"] = [jsonable({k: r[k] for k in ("id", "title", "outlet", "published", "url", "copy_of")})
                                for r in tables.story_reports(story_id)]
        return story

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
        return {"query": q, "reports": reports, "quotes": quotes, "actors": self.actors(q, 1, limit).items}


def jsonable(value: Any) -> Any:
    """Dates and timestamps as ISO strings, at any depth, so rows go straight into JSON."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value
