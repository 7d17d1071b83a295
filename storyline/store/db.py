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

from ..models import ReportRecord

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE SEQUENCE IF NOT EXISTS report_seq;
CREATE TABLE IF NOT EXISTS reports (
    seq BIGINT DEFAULT nextval('report_seq'), id VARCHAR PRIMARY KEY, text_hash VARCHAR UNIQUE, url VARCHAR, outlet VARCHAR, published DATE,
    title VARCHAR, text VARCHAR, extra JSON, record JSON, ingested_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS actors (
    report_id VARCHAR, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER, name VARCHAR,
    code VARCHAR, sector VARCHAR, kind VARCHAR, PRIMARY KEY (report_id, idx));
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
RECORD_TABLES = ("actors", "events", "quotes", "timexes")
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
            self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

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
        self.con.execute("BEGIN TRANSACTION")
        try:
            for record in records:
                why = self._duplicate_reason(record)
                if why and not replace:
                    result.duplicates.append((record.id, why))
                    continue
                if why:
                    self._delete(record.id, _text_hash(record))
                self._insert(record)
                result.stored.append(record.id)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return result

    def _duplicate_reason(self, record: ReportRecord) -> Optional[str]:
        row = self.con.execute("SELECT id FROM reports WHERE id = ? OR text_hash = ?",
                               [record.id, _text_hash(record)]).fetchone()
        if row is None:
            return None
        return "already stored" if row[0] == record.id else f"same text as stored report {row[0]!r}"

    def _delete(self, report_id: str, text_hash: str) -> None:
        ids = [r[0] for r in self.con.execute("SELECT id FROM reports WHERE id = ? OR text_hash = ?",
                                              [report_id, text_hash]).fetchall()]
        for rid in ids:
            for table in RECORD_TABLES:
                self.con.execute(f"DELETE FROM {table} WHERE report_id = ?", [rid])
            self.con.execute("DELETE FROM reports WHERE id = ?", [rid])

    def _insert(self, r: ReportRecord) -> None:
        record = r.to_dict()
        self.con.execute(
            "INSERT INTO reports (id, text_hash, url, outlet, published, title, text, extra, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [r.id, _text_hash(r), r.url, r.outlet, r.published, r.title, r.text,
             json.dumps(r.extra, ensure_ascii=False), json.dumps(record, ensure_ascii=False)])
        self._insert_rows("actors", [
            (r.id, i, a.text, a.start, a.end, a.name, a.code, a.sector, a.kind) for i, a in enumerate(r.actors)])
        self._insert_rows("events", [(r.id, i, *_event_row(e)) for i, e in enumerate(record["events"])])
        self._insert_rows("quotes", [
            (r.id, i, q.quote, q.start, q.end, q.kind, q.speaker, q.speaker_text, q.speaker_start, q.speaker_end,
             q.speaker_type, q.speaker_code, q.speaker_sector) for i, q in enumerate(r.quotes)])
        self._insert_rows("timexes", [
            (r.id, i, t.text, t.start, t.end, t.type, t.value) for i, t in enumerate(r.timexes)])

    def _insert_rows(self, table: str, rows: list[tuple]) -> None:
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            self.con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

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
        where, params = [], []
        if actor:
            where.append("(upper(e.actor_code) = upper(?) OR e.actor_name ILIKE ?)")
            params += [actor, f"%{actor}%"]
        if event_type:
            where.append("e.event = upper(?)")
            params.append(event_type)
        if modality:
            where.append("e.modality = lower(?)")
            params.append(modality)
        if report_id:
            where.append("e.report_id = ?")
            params.append(report_id)
        day = "coalesce(try_cast(CASE WHEN length(e.date) = 7 THEN e.date || '-01' ELSE e.date END AS DATE), r.published)"
        if since:
            where.append(f"{day} >= CAST(? AS DATE)")
            params.append(since)
        if until:
            where.append(f"{day} <= CAST(? AS DATE)")
            params.append(until)
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
