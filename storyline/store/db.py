"""The DuckDB store: reports and the records extracted from them.

One table per record kind, keyed by report id and position, so that analysts can query with
plain SQL (`duckdb storyline.duckdb`). Each batch of reports is written in one transaction:
an error anywhere in the batch rolls it back and leaves what was stored before untouched.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

import duckdb

from ..models import Report, ReportRecord
from .registry import SCHEMA as REGISTRY_SCHEMA
from .registry import RegistryTables

SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE SEQUENCE IF NOT EXISTS report_seq;
CREATE TABLE IF NOT EXISTS reports (
    seq BIGINT DEFAULT nextval('report_seq'), id VARCHAR PRIMARY KEY, text_hash VARCHAR UNIQUE, url VARCHAR, outlet VARCHAR, published DATE,
    title VARCHAR, text VARCHAR, extra JSON, record JSON, ingested_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS actors (
    report_id VARCHAR, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER, name VARCHAR,
    code VARCHAR, sector VARCHAR, kind VARCHAR, role VARCHAR, evidence VARCHAR, is_name BOOLEAN,
    PRIMARY KEY (report_id, idx));
CREATE TABLE IF NOT EXISTS events (
    report_id VARCHAR, idx INTEGER, event VARCHAR, mode VARCHAR, quad_code INTEGER,
    actor_text VARCHAR, actor_name VARCHAR, actor_code VARCHAR, actor_sector VARCHAR,
    recipient_text VARCHAR, recipient_name VARCHAR, recipient_code VARCHAR, recipient_sector VARCHAR,
    event_text VARCHAR, start_char INTEGER, end_char INTEGER, modality VARCHAR, date VARCHAR,
    location_name VARCHAR, location_code VARCHAR, lat DOUBLE, lon DOUBLE,
    source_text VARCHAR, source_type VARCHAR, confidence DOUBLE, PRIMARY KEY (report_id, idx));
CREATE TABLE IF NOT EXISTS quotes (
    report_id VARCHAR, idx INTEGER, quote VARCHAR, start_char INTEGER, end_char INTEGER, kind VARCHAR,
    speaker VARCHAR, speaker_text VARCHAR, speaker_start INTEGER, speaker_end INTEGER, speaker_type VARCHAR,
    speaker_code VARCHAR, speaker_sector VARCHAR, PRIMARY KEY (report_id, idx));
CREATE TABLE IF NOT EXISTS timexes (
    report_id VARCHAR, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER, type VARCHAR,
    value VARCHAR, PRIMARY KEY (report_id, idx));
"""
# Stores made by schema version 1 lack the actor columns the registry reads.
MIGRATIONS = """
ALTER TABLE actors ADD COLUMN IF NOT EXISTS role VARCHAR;
ALTER TABLE actors ADD COLUMN IF NOT EXISTS evidence VARCHAR;
ALTER TABLE actors ADD COLUMN IF NOT EXISTS is_name BOOLEAN;
"""
RECORD_TABLES = ("actors", "events", "quotes", "timexes")
# An event's day in SQL over `events e JOIN reports r`: its own date (a month counts as its first
# day), else its report's publication date.
EVENT_DAY = ("coalesce(try_cast(CASE WHEN length(e.date) = 7 THEN e.date || '-01' ELSE e.date END AS DATE), "
             "r.published)")
TABLES = ("reports",) + RECORD_TABLES


@dataclass
class SaveResult:
    stored: list[str]
    duplicates: list[tuple[str, str]]   # (report id, why it was not stored again)


class Store:
    def __init__(self, path: str | Path = "storyline.duckdb", read_only: bool = False):
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"{self.path}: no such database (run `storyline ingest` first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise RuntimeError(f"{self.path}: cannot open the database ({exc})") from None
        if not read_only:
            self.con.execute(SCHEMA)
            self.con.execute(MIGRATIONS)
            self.con.execute(REGISTRY_SCHEMA)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        self.registry = RegistryTables(self.con)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def save(self, records: Sequence[ReportRecord], replace: bool = False) -> SaveResult:
        """Store a batch in one transaction. Reports already stored (same id or same text) are
        skipped, or replaced with `replace=True`."""
        result = SaveResult([], [])
        rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
        self.con.execute("BEGIN TRANSACTION")
        try:
            stored = self._stored_keys(records)
            for record in records:
                text_hash = _text_hash(record)
                why = _duplicate_reason(record.id, text_hash, stored)
                if why and not replace:
                    result.duplicates.append((record.id, why))
                    continue
                if why:
                    self._delete(record.id, text_hash)
                for table, table_rows in self._rows(record, text_hash).items():
                    rows[table].extend(table_rows)
                stored[record.id] = record.id
                stored[text_hash] = record.id
                result.stored.append(record.id)
            for table in TABLES:
                self._insert_rows(table, rows[table])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return result

    def _stored_keys(self, records: Sequence[ReportRecord]) -> dict[str, str]:
        """id -> id and text hash -> id for the stored reports that clash with this batch."""
        if not records:
            return {}
        ids = [r.id for r in records]
        hashes = [_text_hash(r) for r in records]
        found = self.con.execute("SELECT id, text_hash FROM reports WHERE id IN (SELECT unnest(?)) "
                                 "OR text_hash IN (SELECT unnest(?))", [ids, hashes]).fetchall()
        keys: dict[str, str] = {}
        for report_id, text_hash in found:
            keys[report_id] = report_id
            keys[text_hash] = report_id
        return keys

    def _delete(self, report_id: str, text_hash: str) -> None:
        ids = [r[0] for r in self.con.execute("SELECT id FROM reports WHERE id = ? OR text_hash = ?",
                                              [report_id, text_hash]).fetchall()]
        for rid in ids:
            for table in RECORD_TABLES:
                self.con.execute(f"DELETE FROM {table} WHERE report_id = ?", [rid])
            self.con.execute("DELETE FROM reports WHERE id = ?", [rid])

    def _rows(self, r: ReportRecord, text_hash: str) -> dict[str, list[tuple]]:
        """The rows one report adds to each table."""
        record = r.to_dict()
        return {
            "reports": [(r.id, text_hash, r.url, r.outlet, r.published, r.title, r.text,
                         json.dumps(r.extra, ensure_ascii=False), json.dumps(record, ensure_ascii=False))],
            "actors": [(r.id, i, a.text, a.start, a.end, a.name, a.code, a.sector, a.kind, a.role, a.evidence,
                        a.proper) for i, a in enumerate(r.actors)],
            "events": [(r.id, i, *_event_row(e)) for i, e in enumerate(record["events"])],
            "quotes": [(r.id, i, q.quote, q.start, q.end, q.kind, q.speaker, q.speaker_text, q.speaker_start,
                        q.speaker_end, q.speaker_type, q.speaker_code, q.speaker_sector)
                       for i, q in enumerate(r.quotes)],
            "timexes": [(r.id, i, t.text, t.start, t.end, t.type, t.value) for i, t in enumerate(r.timexes)],
        }

    def _insert_rows(self, table: str, rows: list[tuple]) -> None:
        """Bulk insert through Arrow: row-by-row executemany is orders of magnitude slower."""
        if not rows:
            return
        import pyarrow as pa

        columns = _INSERT_COLUMNS[table]
        batch = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
        self.con.register("_batch", batch)
        try:
            self.con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM _batch")
        finally:
            self.con.unregister("_batch")

    # -- reading ---------------------------------------------------------------------------
    def count(self, table: str = "reports") -> int:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def events(self, actor: Optional[str] = None, event_type: Optional[str] = None,
               since: Optional[str] = None, until: Optional[str] = None, modality: Optional[str] = None,
               report_id: Optional[str] = None, limit: Optional[int] = None) -> list[dict]:
        """Events joined with their report's outlet and date, filtered; newest report first.

        `actor` matches the actor's country code exactly or its name case-insensitively (part of it);
        `since`/`until` compare the event date, or the report date when the event has none.
        """
        where, params = event_conditions(actor=actor, event_type=event_type, since=since, until=until,
                                         modality=modality, report_id=report_id)
        return self._with_reports("events", "e", where, params, limit)

    def quotes(self, speaker: Optional[str] = None, anonymous: bool = False, report_id: Optional[str] = None,
               limit: Optional[int] = None) -> list[dict]:
        """Quotes with their report's outlet and date; `speaker` matches name or mention, in part."""
        where, params = [], []
        if speaker:
            where.append("(q.speaker ILIKE ? OR q.speaker_text ILIKE ?)")
            params += [f"%{speaker}%", f"%{speaker}%"]
        if anonymous:
            where.append("q.speaker_type = 'anonymous'")
        if report_id:
            where.append("q.report_id = ?")
            params.append(report_id)
        return self._with_reports("quotes", "q", where, params, limit)

    def _with_reports(self, table: str, alias: str, where: list[str], params: list,
                      limit: Optional[int]) -> list[dict]:
        """Rows of a record table joined with their report's outlet, date and url; newest first."""
        sql = (f"SELECT {alias}.*, r.outlet, r.published, r.url FROM {table} {alias} "
               f"JOIN reports r ON r.id = {alias}.report_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY r.published DESC NULLS LAST, {alias}.report_id, {alias}.idx"
               + (f" LIMIT {int(limit)}" if limit else ""))
        return self._dicts(sql, params)

    def stored_reports(self) -> Iterator[Report]:
        """The stored reports as read from input (to analyse them again), in ingestion order."""
        rows = self.con.execute("SELECT id, text, url, outlet, CAST(published AS VARCHAR), title, extra "
                                "FROM reports ORDER BY seq").fetchall()
        for report_id, text, url, outlet, published, title, extra in rows:
            yield Report(id=report_id, text=text, url=url, outlet=outlet, published=published, title=title,
                         extra=json.loads(extra) if extra else {}, origin=f"{self.path}:{report_id}")

    def record(self, report_id: str) -> Optional[dict]:
        """One stored report's output object, with its text."""
        row = self.con.execute("SELECT record, text FROM reports WHERE id = ?", [report_id]).fetchone()
        if row is None:
            return None
        return {**json.loads(row[0]), "text": row[1]}

    def records(self) -> Iterator[dict]:
        """Every stored report as its output object (the extract contract), in ingestion order."""
        for (record,) in self.con.execute("SELECT record FROM reports ORDER BY seq").fetchall():
            yield json.loads(record)

    def table(self, name: str) -> list[dict]:
        if name not in TABLES:
            raise ValueError(f"unknown table {name!r}; one of {', '.join(TABLES)}")
        columns = "* EXCLUDE (record)" if name == "reports" else "*"
        return self._dicts(f"SELECT {columns} FROM {name} ORDER BY 1, 2")

    def export_table(self, name: str, path: str | Path, fmt: str) -> None:
        """Write one table to CSV or Parquet with DuckDB's own writer."""
        if name not in TABLES:
            raise ValueError(f"unknown table {name!r}; one of {', '.join(TABLES)}")
        columns = "* EXCLUDE (record)" if name == "reports" else "*"
        options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
        target = str(path).replace("'", "''")
        self.con.execute(f"COPY (SELECT {columns} FROM {name} ORDER BY 1, 2) TO '{target}' ({options})")

    def _dicts(self, sql: str, params: Iterable = ()) -> list[dict]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]


_INSERT_COLUMNS = {
    "reports": ("id", "text_hash", "url", "outlet", "published", "title", "text", "extra", "record"),
    "actors": ("report_id", "idx", "text", "start_char", "end_char", "name", "code", "sector", "kind", "role",
               "evidence", "is_name"),
    "events": ("report_id", "idx", "event", "mode", "quad_code", "actor_text", "actor_name", "actor_code",
               "actor_sector", "recipient_text", "recipient_name", "recipient_code", "recipient_sector",
               "event_text", "start_char", "end_char", "modality", "date", "location_name", "location_code",
               "lat", "lon", "source_text", "source_type", "confidence"),
    "quotes": ("report_id", "idx", "quote", "start_char", "end_char", "kind", "speaker", "speaker_text",
               "speaker_start", "speaker_end", "speaker_type", "speaker_code", "speaker_sector"),
    "timexes": ("report_id", "idx", "text", "start_char", "end_char", "type", "value"),
}


def event_conditions(actor: Optional[str] = None, event_type: Optional[str] = None, since: Optional[str] = None,
                     until: Optional[str] = None, modality: Optional[str] = None, report_id: Optional[str] = None,
                     source_type: Optional[str] = None) -> tuple[list[str], list]:
    """SQL conditions (and their parameters) over `events e JOIN reports r` for the event filters
    the CLI and the API share. `actor` matches the actor's country code exactly or its name in
    part; `since`/`until` compare the event's day (EVENT_DAY)."""
    where: list[str] = []
    params: list = []
    if actor:
        where.append("(upper(e.actor_code) = upper(?) OR e.actor_name ILIKE ?)")
        params += [actor, f"%{actor}%"]
    for column, value in (("e.event", event_type and event_type.upper()), ("e.modality", modality and modality.lower()),
                          ("e.report_id", report_id), ("e.source_type", source_type)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if since:
        where.append(f"{EVENT_DAY} >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append(f"{EVENT_DAY} <= CAST(? AS DATE)")
        params.append(until)
    return where, params


def _duplicate_reason(report_id: str, text_hash: str, stored: dict[str, str]) -> Optional[str]:
    if report_id in stored:
        return "already stored"
    if text_hash in stored:
        return f"same text as stored report {stored[text_hash]!r}"
    return None


def _text_hash(record: ReportRecord) -> str:
    import hashlib

    return hashlib.sha256(record.text.encode("utf-8")).hexdigest()


def _event_row(e: dict) -> tuple:
    actor, recipient = e["actor"] or {}, e["recipient"] or {}
    location, source = e["location"] or {}, e["source"] or {}
    return (e["event"], e["mode"], e["quad_code"],
            actor.get("text"), actor.get("name"), actor.get("code"), actor.get("sector"),
            recipient.get("text"), recipient.get("name"), recipient.get("code"), recipient.get("sector"),
            e["event_text"], e["start"], e["end"], e["modality"], e["date"],
            location.get("name"), location.get("code"), location.get("lat"), location.get("lon"),
            source.get("text"), source.get("type"), e["confidence"])
