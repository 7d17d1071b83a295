"""The stories layer's own tables, created next to the store's tables on the same connection.

Everything here is derived from the store's reports/actors/events/quotes/timexes and can be
rebuilt; only `story_reports.manual` records an analyst's decision.
"""
from __future__ import annotations

STORY_SCHEMA = """
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY, label VARCHAR, first_date DATE, last_date DATE,
    n_reports INTEGER DEFAULT 0, norm2 DOUBLE DEFAULT 0, created_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS story_terms (story_id INTEGER, term VARCHAR, weight DOUBLE, PRIMARY KEY (story_id, term));
CREATE INDEX IF NOT EXISTS story_terms_term ON story_terms (term);
CREATE TABLE IF NOT EXISTS term_df (term VARCHAR PRIMARY KEY, df INTEGER);
CREATE TABLE IF NOT EXISTS report_terms (report_id VARCHAR, term VARCHAR, weight DOUBLE, PRIMARY KEY (report_id, term));
CREATE TABLE IF NOT EXISTS story_reports (
    report_id VARCHAR PRIMARY KEY, story_id INTEGER, score DOUBLE, manual BOOLEAN DEFAULT false,
    assigned_at TIMESTAMP DEFAULT current_timestamp);
CREATE INDEX IF NOT EXISTS story_reports_story ON story_reports (story_id);
CREATE TABLE IF NOT EXISTS minhash_bands (band INTEGER, bucket BIGINT, report_id VARCHAR);
CREATE INDEX IF NOT EXISTS minhash_bands_bucket ON minhash_bands (bucket);
CREATE TABLE IF NOT EXISTS report_copies (report_id VARCHAR PRIMARY KEY, copy_of VARCHAR, similarity DOUBLE);
CREATE TABLE IF NOT EXISTS story_events (
    id INTEGER PRIMARY KEY, story_id INTEGER, event VARCHAR, actor_key VARCHAR, actor_name VARCHAR,
    actor_code VARCHAR, recipient_key VARCHAR, recipient_name VARCHAR, recipient_code VARCHAR,
    date DATE, date_explicit BOOLEAN, location_name VARCHAR, location_code VARCHAR);
CREATE INDEX IF NOT EXISTS story_events_story ON story_events (story_id);
CREATE TABLE IF NOT EXISTS event_mentions (
    story_event_id INTEGER, report_id VARCHAR, idx INTEGER, modality VARCHAR, PRIMARY KEY (report_id, idx));
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions (story_event_id);
CREATE TABLE IF NOT EXISTS claims (id INTEGER PRIMARY KEY, story_id INTEGER, speaker_key VARCHAR, speaker VARCHAR, text VARCHAR);
CREATE INDEX IF NOT EXISTS claims_story ON claims (story_id);
CREATE TABLE IF NOT EXISTS claim_mentions (claim_id INTEGER, report_id VARCHAR, idx INTEGER, PRIMARY KEY (report_id, idx));
CREATE INDEX IF NOT EXISTS claim_mentions_claim ON claim_mentions (claim_id);
"""

DERIVED_TABLES = ("stories", "story_terms", "term_df", "report_terms", "story_reports", "minhash_bands",
                  "report_copies", "story_events", "event_mentions", "claims", "claim_mentions")


def ensure_schema(con) -> None:
    """Create the stories tables on a store connection (idempotent)."""
    con.execute(STORY_SCHEMA)


def next_id(con, table: str) -> int:
    return con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]


def insert_rows(con, table: str, rows: list[tuple], on_conflict: str = "") -> None:
    """Insert many rows in one statement (DuckDB's executemany runs one statement per row)."""
    if not rows:
        return
    columns = [list(c) for c in zip(*rows)]
    select = ", ".join("unnest(?)" for _ in columns)
    con.execute(f"INSERT INTO {table} SELECT {select} {on_conflict}", columns)
