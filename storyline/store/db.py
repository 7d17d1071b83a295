"""The DuckDB store: reports and the records extracted from them.

One table per record kind, keyed by report id and position, so that analysts can query with
plain SQL (`duckdb storyline.duckdb`). Each batch of reports is written in one transaction:
an error anywhere in the batch rolls it back and leaves what was stored before untouched.
"""
from __future__ import annotations

import json
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Sequence

import duckdb

from ..models import Report, ReportRecord, text_hash
from .access import DEFAULT_WAIT, connect
from .postgres import PgConnection, is_postgres_url
from .queries import Queries, event_filter, quote_filter
from .registry import SCHEMA as REGISTRY_SCHEMA
from .registry import RegistryTables
from .stories import StoryTables
from .tables import bulk_insert, dicts

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
    location_name VARCHAR, location_code VARCHAR, lat FLOAT8, lon FLOAT8,
    source_text VARCHAR, source_type VARCHAR, confidence FLOAT8, PRIMARY KEY (report_id, idx));
CREATE TABLE IF NOT EXISTS quotes (
    report_id VARCHAR, idx INTEGER, quote VARCHAR, start_char INTEGER, end_char INTEGER, kind VARCHAR,
    speaker VARCHAR, speaker_text VARCHAR, speaker_start INTEGER, speaker_end INTEGER, speaker_type VARCHAR,
    speaker_code VARCHAR, speaker_sector VARCHAR, PRIMARY KEY (report_id, idx));
CREATE TABLE IF NOT EXISTS timexes (
    report_id VARCHAR, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER, type VARCHAR,
    value VARCHAR, PRIMARY KEY (report_id, idx));
CREATE INDEX IF NOT EXISTS actors_report ON actors (report_id);
CREATE INDEX IF NOT EXISTS events_report ON events (report_id);
CREATE INDEX IF NOT EXISTS quotes_report ON quotes (report_id);
CREATE INDEX IF NOT EXISTS timexes_report ON timexes (report_id);
"""
# Stores made by schema version 1 lack the actor columns the registry reads.
MIGRATIONS = """
ALTER TABLE actors ADD COLUMN IF NOT EXISTS role VARCHAR;
ALTER TABLE actors ADD COLUMN IF NOT EXISTS evidence VARCHAR;
ALTER TABLE actors ADD COLUMN IF NOT EXISTS is_name BOOLEAN;
"""
# PostgreSQL plans by index where DuckDB scans its columns fast enough: an actor's page looks
# names up case-blind, a report's records by report id. The name indexes hold every column the
# page counts, in the order it groups by: a name in a million events is counted from the index
# alone, not from a million table rows (the name itself is included too: PostgreSQL reads an
# expression index alone only if it holds the expression's column). They replace the name-only
# indexes of earlier stores.
POSTGRES_INDEXES = """
CREATE INDEX IF NOT EXISTS events_actor_pairs ON events (lower(actor_name), recipient_name, event)
    INCLUDE (recipient_code, actor_name);
CREATE INDEX IF NOT EXISTS events_recipient_pairs ON events (lower(recipient_name), actor_name, event)
    INCLUDE (actor_code, recipient_name);
DROP INDEX IF EXISTS events_actor_name;
DROP INDEX IF EXISTS events_recipient_name;
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (lower(speaker));
CREATE INDEX IF NOT EXISTS actors_name_counts ON actors (lower(name), name) INCLUDE (code, sector, kind, report_id);
DROP INDEX IF EXISTS actors_name;
"""
RECORD_TABLES = ("actors", "events", "quotes", "timexes")
TABLES = ("reports",) + RECORD_TABLES


def store_exists(db: str | Path) -> bool:
    """Whether there is a store at `db` to read (a PostgreSQL server says so when connected to)."""
    return is_postgres_url(str(db)) or Path(db).exists()


@dataclass
class SaveResult:
    stored: list[str]
    duplicates: list[tuple[str, str]]   # (report id, why it was not stored again)


class Store:
    """One store: its reports and records, the actor registry (`registry`), the stories tables
    (`stories`) and the read queries every view shares (`queries`)."""

    def __init__(self, path: str | Path = "storyline.duckdb", read_only: bool = False, wait: float = DEFAULT_WAIT):
        """Open the store at `path` (created if missing, unless `read_only`), waiting up to `wait`
        seconds while another process holds the file (access.py; StoreBusy after that)."""
        self.path = str(path)
        self.postgres = is_postgres_url(self.path)
        if read_only and not self.postgres and not Path(self.path).exists():
            raise FileNotFoundError(f"{self.path}: no such database (run `storyline ingest` first)")
        try:
            self.con = PgConnection(self.path) if self.postgres else connect(self.path, read_only=read_only, wait=wait)
        except duckdb.Error as exc:
            raise RuntimeError(f"{self.path}: cannot open the database ({exc})") from None
        self._transaction_depth = 0
        self.registry = RegistryTables(self.con)
        self.stories = StoryTables(self.con)
        if not read_only:
            # on a server the schema statements take share locks on tables that another process's
            # writing transaction may hold: they wait for the write turn, as writers do (readers go on)
            with self.con.schema_lock() if self.postgres else nullcontext():
                with self.transaction() if self.postgres else nullcontext():
                    self._create_schema()
        elif self.postgres and not self.con.has_table("meta"):
            self.con.close()
            raise FileNotFoundError(f"{self.con.name}: no storyline store in this database (run `storyline ingest` first)")
        self.queries = Queries(self.con)

    def _create_schema(self) -> None:
        self.con.execute(SCHEMA)
        self.con.execute(MIGRATIONS)
        self.con.execute(REGISTRY_SCHEMA)
        if self.postgres:
            self.con.execute(POSTGRES_INDEXES)
        self.stories.create()
        self.con.execute("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         [str(SCHEMA_VERSION)])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: everything in the block is stored, or (on any error) nothing. A
        transaction inside another is part of it (a batch's reports and their story assignment
        commit together)."""
        if self._transaction_depth:
            self._transaction_depth += 1
            try:
                yield
            finally:
                self._transaction_depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._transaction_depth = 1
        try:
            if self.postgres:
                self.con.take_write_turn()
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        finally:
            self._transaction_depth = 0

    # -- writing ---------------------------------------------------------------------------
    def save(self, records: Sequence[ReportRecord], replace: bool = False) -> SaveResult:
        """Store a batch in one transaction. Reports already stored (same id or same text) are
        skipped, or replaced with `replace=True`: a replaced report leaves its story (assign the
        stored ids again to group the new version)."""
        result = SaveResult([], [])
        rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
        with self.transaction():
            stored = self._stored_keys(records)
            for record in records:
                digest = text_hash(record.text)
                why = _duplicate_reason(record.id, digest, stored)
                if why and not replace:
                    result.duplicates.append((record.id, why))
                    continue
                if why:
                    self._delete(record.id, digest)
                for table, table_rows in self._rows(record, digest).items():
                    rows[table].extend(table_rows)
                stored[record.id] = record.id
                stored[digest] = record.id
                result.stored.append(record.id)
            for table in TABLES:
                bulk_insert(self.con, table, INSERT_COLUMNS[table], rows[table])
        return result

    def _stored_keys(self, records: Sequence[ReportRecord]) -> dict[str, str]:
        """id -> id and text hash -> id for the stored reports that clash with this batch."""
        if not records:
            return {}
        ids = [r.id for r in records]
        hashes = [text_hash(r.text) for r in records]
        # `= ANY`, not `IN (SELECT unnest(...))`: PostgreSQL reads both unique indexes (a bitmap OR)
        # instead of scanning every report
        found = self.con.execute("SELECT id, text_hash FROM reports WHERE id = ANY(CAST(? AS VARCHAR[])) "
                                 "OR text_hash = ANY(CAST(? AS VARCHAR[]))", [ids, hashes]).fetchall()
        keys: dict[str, str] = {}
        for report_id, digest in found:
            keys[report_id] = report_id
            keys[digest] = report_id
        return keys

    def _delete(self, report_id: str, digest: str) -> None:
        """Delete the stored reports with this id or text, their records and their place in stories."""
        ids = [r[0] for r in self.con.execute("SELECT id FROM reports WHERE id = ? OR text_hash = ?",
                                              [report_id, digest]).fetchall()]
        self.stories.forget(ids)
        for rid in ids:
            for table in RECORD_TABLES:
                self.con.execute(f"DELETE FROM {table} WHERE report_id = ?", [rid])
            self.con.execute("DELETE FROM reports WHERE id = ?", [rid])

    def _rows(self, r: ReportRecord, digest: str) -> dict[str, list[tuple]]:
        """The rows one report adds to each table."""
        record = r.to_dict()
        return {
            "reports": [(r.id, digest, r.url, r.outlet, r.published, r.title, r.text,
                         json.dumps(r.extra, ensure_ascii=False), json.dumps(record, ensure_ascii=False))],
            "actors": [(r.id, i, a.text, a.start, a.end, a.name, a.code, a.sector, a.kind, a.role, a.evidence,
                        a.proper) for i, a in enumerate(r.actors)],
            "events": [(r.id, i, *_event_row(e)) for i, e in enumerate(record["events"])],
            "quotes": [(r.id, i, q.quote, q.start, q.end, q.kind, q.speaker, q.speaker_text, q.speaker_start,
                        q.speaker_end, q.speaker_type, q.speaker_code, q.speaker_sector)
                       for i, q in enumerate(r.quotes)],
            "timexes": [(r.id, i, t.text, t.start, t.end, t.type, t.value) for i, t in enumerate(r.timexes)],
        }

    # -- reading ---------------------------------------------------------------------------
    def report_keys(self) -> tuple[set[str], set[str]]:
        """The ids and the text hashes (models.text_hash) of every stored report."""
        rows = self.con.execute("SELECT id, text_hash FROM reports").fetchall()
        return {r[0] for r in rows}, {r[1] for r in rows}

    def analyse_tables(self) -> None:
        """After a bulk load: DuckDB writes its pages out; PostgreSQL refreshes the statistics its
        planner chooses indexes by and marks the new pages all-visible, so that an index-only scan
        need not visit the table (autovacuum would, later)."""
        self.con.execute("VACUUM ANALYZE" if self.postgres else "CHECKPOINT")

    def count(self, table: str = "reports") -> int:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def events(self, actor: Optional[str] = None, event_type: Optional[str] = None,
               since: Optional[str] = None, until: Optional[str] = None, modality: Optional[str] = None,
               report_id: Optional[str] = None, limit: Optional[int] = None) -> list[dict]:
        """Events with their day and their report's outlet, date and url, filtered; latest first
        (the filters of `queries.event_filter`)."""
        where = event_filter(actor=actor, event_type=event_type, since=since, until=until, modality=modality,
                             report_id=report_id)
        return self.queries.events(where, per_page=limit).items

    def quotes(self, speaker: Optional[str] = None, anonymous: bool = False, report_id: Optional[str] = None,
               limit: Optional[int] = None) -> list[dict]:
        """Quotes with their report's outlet and date; `speaker` matches name or mention, in part."""
        where = quote_filter(speaker=speaker, speaker_type="anonymous" if anonymous else None, report_id=report_id)
        return self.queries.quotes(where, per_page=limit).items

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
        return dicts(self.con, _table_query(name))

    def export_table(self, name: str, path: str | Path, fmt: str) -> None:
        """Write one table as CSV (a file) or as Parquet: a dataset folder partitioned by the
        report's publication day (`day=YYYY-MM-DD/...parquet`, hive style), which DuckDB, pandas,
        Polars or Spark read in place. DuckDB writes both itself; from PostgreSQL the rows stream
        through Arrow in chunks."""
        if fmt == "parquet":
            query = _partitioned_query(name)
            if self.postgres:
                self.con.write_parquet_dataset(query, str(path), "day")
                return
            options = "FORMAT PARQUET, PARTITION_BY (day), OVERWRITE_OR_IGNORE"
        else:
            query = _table_query(name)
            if self.postgres:
                import pyarrow as pa
                import pyarrow.csv as pa_csv

                pa_csv.write_csv(pa.Table.from_pylist(self.table(name)), str(path))
                return
            options = "FORMAT CSV, HEADER"
        target = str(path).replace("'", "''")
        self.con.execute(f"COPY ({query}) TO '{target}' ({options})")


INSERT_COLUMNS = {
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


# what `export` and `table` give of the reports table: everything but the record (which `records` gives)
REPORT_COLUMNS = ("seq", "id", "text_hash", "url", "outlet", "published", "title", "text", "extra", "ingested_at")


def _table_query(name: str) -> str:
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; one of {', '.join(TABLES)}")
    return f"SELECT {', '.join(REPORT_COLUMNS) if name == 'reports' else '*'} FROM {name} ORDER BY 1, 2"


def _partitioned_query(name: str) -> str:
    """A table's rows with `day`, its report's publication day, to partition an export by."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; one of {', '.join(TABLES)}")
    if name == "reports":
        return f"SELECT {', '.join(REPORT_COLUMNS)}, CAST(published AS VARCHAR) AS day FROM reports ORDER BY seq"
    return (f"SELECT t.*, CAST(r.published AS VARCHAR) AS day FROM {name} t JOIN reports r ON r.id = t.report_id "
            "ORDER BY t.report_id, t.idx")


def _duplicate_reason(report_id: str, digest: str, stored: dict[str, str]) -> Optional[str]:
    if report_id in stored:
        return "already stored"
    if digest in stored:
        return f"same text as stored report {stored[digest]!r}"
    return None


def _event_row(e: dict) -> tuple:
    actor, recipient = e["actor"] or {}, e["recipient"] or {}
    location, source = e["location"] or {}, e["source"] or {}
    return (e["event"], e["mode"], e["quad_code"],
            actor.get("text"), actor.get("name"), actor.get("code"), actor.get("sector"),
            recipient.get("text"), recipient.get("name"), recipient.get("code"), recipient.get("sector"),
            e["event_text"], e["start"], e["end"], e["modality"], e["date"],
            location.get("name"), location.get("code"), location.get("lat"), location.get("lon"),
            source.get("text"), source.get("type"), e["confidence"])
