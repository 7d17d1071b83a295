"""The stories layer's tables: every read and write that grouping, linking and the story views do.

The tables live next to the store's reports and records on the same connection. Everything here
is derived from the stored records and can be rebuilt; only `story_reports.manual` records an
analyst's decision. Methods take and return plain Python values (ids, dicts, term -> weight
maps), so the stories package holds the logic and no SQL.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Optional, Sequence

from .tables import bulk_insert, dicts

SCHEMA = """
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY, label VARCHAR, first_date DATE, last_date DATE,
    n_reports INTEGER DEFAULT 0, norm2 FLOAT8 DEFAULT 0, created_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS story_terms (story_id INTEGER, term VARCHAR, weight FLOAT8, PRIMARY KEY (story_id, term));
CREATE INDEX IF NOT EXISTS story_terms_term ON story_terms (term);
CREATE TABLE IF NOT EXISTS term_df (term VARCHAR PRIMARY KEY, df INTEGER);
CREATE TABLE IF NOT EXISTS report_terms (report_id VARCHAR, term VARCHAR, weight FLOAT8, PRIMARY KEY (report_id, term));
CREATE TABLE IF NOT EXISTS story_reports (
    report_id VARCHAR PRIMARY KEY, story_id INTEGER, score FLOAT8, manual BOOLEAN DEFAULT false,
    assigned_at TIMESTAMP DEFAULT current_timestamp);
CREATE INDEX IF NOT EXISTS story_reports_story ON story_reports (story_id);
CREATE INDEX IF NOT EXISTS stories_last_date ON stories (last_date);
CREATE TABLE IF NOT EXISTS minhash_bands (band INTEGER, bucket BIGINT, report_id VARCHAR);
CREATE INDEX IF NOT EXISTS minhash_bands_bucket ON minhash_bands (bucket);
CREATE TABLE IF NOT EXISTS report_copies (report_id VARCHAR PRIMARY KEY, copy_of VARCHAR, similarity FLOAT8);
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
# Tables whose rows belong to one report (keyed by report_id).
PER_REPORT_TABLES = ("event_mentions", "claim_mentions", "minhash_bands", "report_copies", "report_terms")

STORY_EVENT_COLUMNS = ("id", "story_id", "event", "actor_key", "actor_name", "actor_code", "recipient_key",
                       "recipient_name", "recipient_code", "date", "date_explicit", "location_name", "location_code")
COLUMNS = {
    "stories": ("id", "label", "first_date", "last_date", "n_reports", "norm2", "created_at"),
    "story_terms": ("story_id", "term", "weight"),
    "term_df": ("term", "df"),
    "report_terms": ("report_id", "term", "weight"),
    "story_reports": ("report_id", "story_id", "score", "manual", "assigned_at"),
    "minhash_bands": ("band", "bucket", "report_id"),
    "report_copies": ("report_id", "copy_of", "similarity"),
    "story_events": STORY_EVENT_COLUMNS,
    "event_mentions": ("story_event_id", "report_id", "idx", "modality"),
    "claims": ("id", "story_id", "speaker_key", "speaker", "text"),
    "claim_mentions": ("claim_id", "report_id", "idx"),
}
# How many reports are in a story, kept as they come and go: tf-idf weighs by it every batch, and
# counting story_reports would read a row per stored report. Stores made before it count once.
ASSIGNED_TOTAL = """
CREATE TABLE IF NOT EXISTS assigned_total (reports BIGINT NOT NULL);
INSERT INTO assigned_total SELECT count(*) FROM story_reports WHERE NOT EXISTS (SELECT 1 FROM assigned_total);
"""
_ADD_WEIGHT = "ON CONFLICT (story_id, term) DO UPDATE SET weight = story_terms.weight + excluded.weight"

# Mentions of a story's events and claims, with their report and the original a copy was taken from.
# An event's clause, cut from its report's text (`events e JOIN reports r`).
_CLAUSE = "substr(r.text, e.start_char + 1, e.end_char - e.start_char)"
# rows by a list of keys, each looked up in the key's index (PostgreSQL may hash-join an
# `IN (SELECT unnest(...))` against the whole table)
_IN_LIST = "= ANY(CAST(? AS VARCHAR[]))"
# a claim's mentions, read like a story event's (StoryTables.event_mentions): through indexes
_CLAIM_MENTIONS = f"""
SELECT cm.claim_id AS key, cm.report_id, cm.idx, q.quote, q.speaker_text AS source_text, q.speaker_type AS source_type,
       r.outlet, r.published, coalesce(c.copy_of, cm.report_id) AS copy_root
FROM claim_mentions cm JOIN quotes q ON q.report_id = cm.report_id AND q.idx = cm.idx
JOIN reports r ON r.id = cm.report_id LEFT JOIN report_copies c ON c.report_id = cm.report_id
WHERE cm.claim_id = ANY(CAST(? AS BIGINT[])) AND q.report_id {_IN_LIST} AND r.id {_IN_LIST}
ORDER BY r.published NULLS LAST, cm.report_id, cm.idx
"""


class StoryTables:
    """The stories tables over one connection (or one cursor of it, for a server thread)."""

    def __init__(self, con):
        self.con = con

    def create(self) -> None:
        """Create the tables (idempotent); the store does this when it opens for writing."""
        self.con.execute(SCHEMA)
        self.con.execute(ASSIGNED_TOTAL)

    def exist(self) -> bool:
        """Whether the tables are there (a read-only store made by an old version may lack them)."""
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return set(DERIVED_TABLES) <= tables

    def _insert(self, table: str, rows: list[tuple], on_conflict: str = "") -> None:
        bulk_insert(self.con, table, COLUMNS[table], rows, on_conflict)

    def _ids(self, sql: str, params: Sequence = ()) -> list:
        return [r[0] for r in self.con.execute(sql, list(params)).fetchall()]

    def next_id(self, table: str) -> int:
        if table not in ("stories", "story_events", "claims"):
            raise ValueError(f"{table} has no id column")
        return self.con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]

    # -- which reports are where -----------------------------------------------------------------
    def assigned(self, report_ids: Sequence[str]) -> set[str]:
        return set(self._ids("SELECT report_id FROM story_reports WHERE report_id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
                             [list(report_ids)]))

    def all_assigned(self) -> list[str]:
        return self._ids("SELECT report_id FROM story_reports")

    def unassigned(self) -> list[str]:
        """Stored reports in no story yet, oldest first."""
        return self._ids("SELECT id FROM reports WHERE id NOT IN (SELECT report_id FROM story_reports) "
                         "ORDER BY published, id")

    def assigned_count(self) -> int:
        """How many reports are in a story."""
        return self.con.execute("SELECT reports FROM assigned_total").fetchone()[0]

    def _count_assigned(self, change: int) -> None:
        self.con.execute("UPDATE assigned_total SET reports = reports + ?", [change])

    def any_manual(self) -> bool:
        """Whether an analyst placed some report by hand."""
        return self.con.execute("SELECT count(*) FROM story_reports WHERE manual").fetchone()[0] > 0

    def story_of(self) -> dict[str, int]:
        """report id -> story id, for every assigned report."""
        return dict(self.con.execute("SELECT report_id, story_id FROM story_reports").fetchall())

    def is_manual(self, report_id: str) -> bool:
        row = self.con.execute("SELECT manual FROM story_reports WHERE report_id = ?", [report_id]).fetchone()
        return bool(row and row[0])

    def clear(self) -> None:
        """Forget every derived row (before regrouping the whole store)."""
        for table in DERIVED_TABLES:
            self.con.execute(f"DELETE FROM {table}")
        self.con.execute("UPDATE assigned_total SET reports = 0")

    def forget(self, report_ids: Sequence[str]) -> None:
        """Take reports out of the stories layer: their story's centroid, mentions, copies and terms;
        story events and claims left with no mention go too."""
        ids = list(report_ids)
        for report_id in ids:
            self.remove_from_story(report_id)
        for table in PER_REPORT_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT unnest(CAST(? AS VARCHAR[])))", [ids])
        self.drop_orphans()

    def drop_orphans(self) -> None:
        """Story events and claims left without mentions after a report moved or went."""
        self.con.execute("DELETE FROM story_events WHERE id NOT IN (SELECT story_event_id FROM event_mentions)")
        self.con.execute("DELETE FROM claims WHERE id NOT IN (SELECT claim_id FROM claim_mentions)")

    # -- reports as grouping reads them ----------------------------------------------------------
    def reports_to_group(self, report_ids: Sequence[str]) -> list[dict]:
        """The reports with their actor names, oldest first (stories grow in time order)."""
        rows = self.con.execute(
            "SELECT r.id, r.text, r.title, r.published, r.outlet, "
            "array_agg(a.name) FILTER (WHERE a.name IS NOT NULL) FROM reports r LEFT JOIN actors a ON a.report_id = r.id "
            "WHERE r.id IN (SELECT unnest(CAST(? AS VARCHAR[]))) GROUP BY r.id, r.text, r.title, r.published, r.outlet "
            "ORDER BY r.published NULLS LAST, r.id",
            [list(report_ids)]).fetchall()
        return [dict(id=r[0], text=r[1] or "", title=r[2], published=r[3], outlet=r[4], actors=r[5] or [])
                for r in rows]

    def report_text(self, report_id: str) -> str:
        row = self.con.execute("SELECT text FROM reports WHERE id = ?", [report_id]).fetchone()
        return row[0] if row and row[0] else ""

    def report_texts(self, report_ids: Sequence[str]) -> dict[str, str]:
        rows = self.con.execute("SELECT id, text FROM reports WHERE id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
                                [list(report_ids)]).fetchall()
        texts = {rid: text or "" for rid, text in rows}
        return {rid: texts.get(rid, "") for rid in report_ids}

    def report_day(self, report_id: str) -> Optional[date]:
        row = self.con.execute("SELECT published FROM reports WHERE id = ?", [report_id]).fetchone()
        return row[0] if row else None

    # -- near-duplicates -------------------------------------------------------------------------
    def reports_in_buckets(self, buckets: list[int]) -> list[tuple[int, str]]:
        """(bucket, report id) of the stored reports with a MinHash band in one of the buckets."""
        return self.con.execute("SELECT bucket, report_id FROM minhash_bands WHERE bucket = ANY(CAST(? AS BIGINT[]))",
                                [buckets]).fetchall()

    def add_bands(self, rows: list[tuple[int, int, str]]) -> None:
        self._insert("minhash_bands", rows)

    def copy_roots(self, report_ids: Sequence[str]) -> dict[str, str]:
        """The original each report republishes, or the report itself."""
        rows = self.con.execute("SELECT report_id, copy_of FROM report_copies WHERE report_id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
                                [list(report_ids)]).fetchall()
        return {**{rid: rid for rid in report_ids}, **dict(rows)}

    def mark_copies(self, rows: list[tuple[str, str, float]]) -> None:
        """(report id, the original it republishes, resemblance) for each copy, a report once."""
        self._insert("report_copies", rows,
                     "ON CONFLICT (report_id) DO UPDATE SET copy_of = excluded.copy_of, similarity = excluded.similarity")

    # -- terms and centroids ---------------------------------------------------------------------
    def count_documents(self, report_ids: Sequence[str], counts: dict[str, int]) -> dict[str, int]:
        """Add the batch's document frequencies; returns the updated frequency of each of its terms."""
        self._insert("term_df", list(counts.items()), "ON CONFLICT (term) DO UPDATE SET df = term_df.df + excluded.df")
        return dict(self.con.execute(f"SELECT term, df FROM term_df WHERE term {_IN_LIST}",
                                     [list(counts)]).fetchall())

    def save_report_vectors(self, vectors: dict[str, dict[str, float]]) -> None:
        self.con.execute("DELETE FROM report_terms WHERE report_id IN (SELECT unnest(CAST(? AS VARCHAR[])))", [list(vectors)])
        self._insert("report_terms", [(rid, t, w) for rid, v in vectors.items() for t, w in v.items()])

    def report_vector(self, report_id: str) -> dict[str, float]:
        return dict(self.con.execute("SELECT term, weight FROM report_terms WHERE report_id = ?",
                                     [report_id]).fetchall())

    def centroids_near(self, terms: list[str], low: Optional[date], high: Optional[date]) -> list[tuple]:
        """(story, n_reports, first, last, norm2, term, weight) for the stories active between `low`
        and `high` (None: any) that share a term with `terms`."""
        active, params = _active_between(low, high)
        return self.con.execute(
            "SELECT s.id, s.n_reports, s.first_date, s.last_date, s.norm2, st.term, st.weight FROM stories s "
            f"JOIN story_terms st ON st.story_id = s.id WHERE st.term {_IN_LIST}{active}",
            [terms, *params]).fetchall()

    def dot_products(self, vector: dict[str, float], low: Optional[date], high: Optional[date]) -> list[tuple]:
        """(story, dot product with `vector`, squared norm) of the stories active between `low` and
        `high` that share a term with it."""
        active, params = _active_between(low, high)
        return self.con.execute(
            "WITH v AS (SELECT unnest(CAST(? AS VARCHAR[])) AS term, unnest(CAST(? AS FLOAT8[])) AS w) "
            "SELECT st.story_id, sum(st.weight * v.w) AS dot, min(s.norm2) FROM stories s "
            "JOIN story_terms st ON st.story_id = s.id JOIN v ON v.term = st.term "
            f"WHERE st.term {_IN_LIST}{active} GROUP BY st.story_id",
            [list(vector), list(vector.values()), list(vector), *params]).fetchall()

    def save_groups(self, stories: list[tuple], term_deltas: dict[tuple[int, str], float],
                    assignments: list[tuple[str, int, float, bool]]) -> None:
        """Write a grouped batch: the touched stories (id, size, first, last, norm2), the weight each
        story gained per term, and each report's (report, story, score, manual)."""
        now = datetime.now()
        self._insert("stories", [(sid, "", first, last, n, norm2, now) for sid, n, first, last, norm2 in stories],
                     "ON CONFLICT (id) DO UPDATE SET first_date = excluded.first_date, "
                     "last_date = excluded.last_date, n_reports = excluded.n_reports, norm2 = excluded.norm2")
        self._insert("story_terms", [(sid, term, w) for (sid, term), w in term_deltas.items()], _ADD_WEIGHT)
        self._insert("story_reports", [(*a, now) for a in assignments])
        self._count_assigned(len(assignments))

    def add_to_story(self, story_id: int, report_id: str, vector: dict[str, float], day, score: float,
                     manual: bool = False) -> None:
        """Add one report's vector to a story's centroid and extend its dates."""
        dot = self.con.execute(
            "SELECT coalesce(sum(st.weight * v.w), 0) FROM story_terms st JOIN "
            "(SELECT unnest(CAST(? AS VARCHAR[])) AS term, unnest(CAST(? AS FLOAT8[])) AS w) v ON v.term = st.term WHERE st.story_id = ?",
            [list(vector), list(vector.values()), story_id]).fetchone()[0]
        self._insert("story_terms", [(story_id, t, w) for t, w in vector.items()], _ADD_WEIGHT)
        self.con.execute("UPDATE stories SET n_reports = n_reports + 1, norm2 = norm2 + 2 * ? + ?, "
                         "first_date = least(coalesce(first_date, ?), coalesce(?, first_date)), "
                         "last_date = greatest(coalesce(last_date, ?), coalesce(?, last_date)) WHERE id = ?",
                         [dot, sum(w * w for w in vector.values()), day, day, day, day, story_id])
        if not self.con.execute("SELECT count(*) FROM story_reports WHERE report_id = ?", [report_id]).fetchone()[0]:
            self._count_assigned(1)
        self.con.execute("INSERT INTO story_reports (report_id, story_id, score, manual) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT (report_id) DO UPDATE SET story_id = excluded.story_id, score = excluded.score, "
                         "manual = excluded.manual", [report_id, story_id, score, manual])

    def remove_from_story(self, report_id: str) -> Optional[int]:
        """Take a report's vector out of its story's centroid; returns the story it was in."""
        row = self.con.execute("SELECT story_id FROM story_reports WHERE report_id = ?", [report_id]).fetchone()
        if row is None:
            return None
        story_id = row[0]
        vector = self.report_vector(report_id)
        self.con.execute("UPDATE story_terms SET weight = story_terms.weight - v.w FROM "
                         "(SELECT unnest(CAST(? AS VARCHAR[])) AS term, unnest(CAST(? AS FLOAT8[])) AS w) v WHERE story_id = ? AND story_terms.term = v.term",
                         [list(vector), list(vector.values()), story_id])
        self.con.execute("DELETE FROM story_terms WHERE story_id = ? AND weight <= 1e-9", [story_id])
        norm2 = self.con.execute("SELECT coalesce(sum(weight * weight), 0) FROM story_terms WHERE story_id = ?",
                                 [story_id]).fetchone()[0]
        self.con.execute("UPDATE stories SET n_reports = n_reports - 1, norm2 = ? WHERE id = ?", [norm2, story_id])
        self.con.execute("DELETE FROM story_reports WHERE report_id = ?", [report_id])
        self._count_assigned(-1)
        return story_id

    def merge(self, source: int, target: int) -> None:
        """Move everything of story `source` into story `target`."""
        self.con.execute("INSERT INTO story_terms SELECT ?, term, weight FROM story_terms WHERE story_id = ? "
                         + _ADD_WEIGHT, [target, source])
        self.con.execute("DELETE FROM story_terms WHERE story_id = ?", [source])
        for table in ("story_reports", "story_events", "claims"):
            self.con.execute(f"UPDATE {table} SET story_id = ? WHERE story_id = ?", [target, source])
        self.con.execute("UPDATE stories SET n_reports = t.n_reports + s.n_reports, "
                         "first_date = least(t.first_date, s.first_date), last_date = greatest(t.last_date, s.last_date), "
                         "norm2 = (SELECT sum(weight * weight) FROM story_terms WHERE story_id = ?) "
                         "FROM stories t, stories s WHERE t.id = ? AND s.id = ? AND stories.id = ?",
                         [target, target, source, target])
        self.con.execute("DELETE FROM stories WHERE id = ?", [source])

    def top_terms(self, story_id: int, limit: int) -> dict[str, float]:
        """A story's heaviest centroid terms, heaviest first (ties by term)."""
        return dict(self.con.execute("SELECT term, weight FROM story_terms WHERE story_id = ? "
                                     "ORDER BY weight DESC, term LIMIT ?", [story_id, limit]).fetchall())

    def event_parties(self, report_ids: Sequence[str]) -> list[tuple]:
        """(report, actor name, code and sector, recipient name, code and sector, trigger words, mode)
        of every event of the reports (a story's: StoryTables.members)."""
        return self.con.execute(
            "SELECT e.report_id, e.actor_name, e.actor_code, e.actor_sector, e.recipient_name, e.recipient_code, "
            "e.recipient_sector, e.event_text, e.mode "
            f"FROM events e WHERE e.report_id {_IN_LIST}", [list(report_ids)]).fetchall()

    def name_kinds(self, report_ids: Sequence[str]) -> dict[str, str]:
        """The kind (person, state, organization, ...) most mentions of each resolved name in a story's
        reports have."""
        rows = self.con.execute(
            f"SELECT a.name, a.kind, count(*) AS n FROM actors a WHERE a.report_id {_IN_LIST} "
            "AND a.name IS NOT NULL AND a.kind IS NOT NULL "
            "GROUP BY a.name, a.kind ORDER BY n, a.kind", [list(report_ids)]).fetchall()
        return {name: kind for name, kind, _ in rows}   # the most frequent kind comes last and wins

    def set_label(self, story_id: int, label: str) -> None:
        self.con.execute("UPDATE stories SET label = ? WHERE id = ?", [label, story_id])

    # -- stories ---------------------------------------------------------------------------------
    def story(self, story_id: int) -> Optional[dict]:
        """id, label, first_date, last_date, n_reports of one story."""
        rows = dicts(self.con, "SELECT id, label, first_date, last_date, n_reports FROM stories WHERE id = ?",
                     [story_id])
        return rows[0] if rows else None

    def list(self, label: Optional[str] = None, order: str = "size", limit: Optional[int] = None,
             offset: int = 0) -> list[dict]:
        """Stories with their event counts; `label` keeps those whose label contains it; `order` is
        "size" (most reports first) or "recent" (latest activity first)."""
        by = {"size": "s.n_reports DESC, s.id", "recent": "s.last_date DESC NULLS LAST, s.id"}[order]
        where, params = ("WHERE s.label ILIKE ?", [f"%{label}%"]) if label else ("", [])
        return dicts(self.con,
                     "SELECT s.id, s.label, s.n_reports, s.first_date, s.last_date, "
                     f"(SELECT count(*) FROM story_events se WHERE se.story_id = s.id) AS n_events FROM stories s "
                     f"{where} ORDER BY {by}" + (f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit else ""), params)

    def count(self, label: Optional[str] = None) -> int:
        where, params = ("WHERE label ILIKE ?", [f"%{label}%"]) if label else ("", [])
        return self.con.execute(f"SELECT count(*) FROM stories {where}", params).fetchone()[0]

    def story_reports(self, story_id: int, since: Optional[date] = None) -> list[dict]:
        """A story's reports (id, title, outlet, published, url, text, copy_of, copy_root), oldest first;
        `since` keeps those published on or after it."""
        return dicts(self.con,
                     "SELECT r.id, r.title, r.outlet, r.published, r.url, r.text, c.copy_of, "
                     "coalesce(c.copy_of, r.id) AS copy_root FROM reports r "
                     f"LEFT JOIN report_copies c ON c.report_id = r.id WHERE r.id {_IN_LIST} "
                     "AND (CAST(? AS DATE) IS NULL OR r.published >= ?) ORDER BY r.published NULLS LAST, r.id",
                     [self.members(story_id), since, since])

    def story_of_report(self, report_id: str) -> Optional[dict]:
        rows = dicts(self.con, "SELECT s.id, s.label FROM story_reports sr JOIN stories s ON s.id = sr.story_id "
                               "WHERE sr.report_id = ?", [report_id])
        return rows[0] if rows else None

    # -- story events and their mentions ---------------------------------------------------------
    def events_to_link(self, report_ids: Sequence[str]) -> list[dict]:
        """The reports' event records with their report's date and story, in report order."""
        return dicts(self.con,
                     "SELECT e.report_id, e.idx, e.event, e.mode, e.actor_name, e.actor_code, e.actor_sector, e.recipient_name, "
                     "e.recipient_code, e.recipient_sector, e.modality, e.date, e.location_name, e.location_code, "
                     "r.published, sr.story_id, "
                     f"{_CLAUSE} AS clause "
                     "FROM events e JOIN reports r ON r.id = e.report_id "
                     "JOIN story_reports sr ON sr.report_id = e.report_id WHERE e.report_id IN (SELECT unnest(CAST(? AS VARCHAR[]))) "
                     "ORDER BY r.published NULLS LAST, e.report_id, e.idx", [list(report_ids)])

    def story_event_mentions_to_link(self, story_id: int) -> dict[int, list[dict]]:
        """story event id -> its mentions as linking compares them (report, clause, mode, actor
        and recipient sectors, modality, stated date, report date), first reported first."""
        rows = dicts(self.con,
                     f"SELECT em.story_event_id, em.report_id, {_CLAUSE} AS clause, e.mode, e.actor_sector, e.recipient_sector, "
                     "e.modality, e.date, r.published "
                     "FROM event_mentions em JOIN story_events se ON se.id = em.story_event_id JOIN events e "
                     "ON e.report_id = em.report_id AND e.idx = em.idx JOIN reports r ON r.id = em.report_id "
                     f"WHERE se.story_id = ? AND e.report_id {_IN_LIST} AND r.id {_IN_LIST} "
                     "ORDER BY em.story_event_id, r.published NULLS LAST, em.report_id, em.idx",
                     [story_id] + [self.members(story_id)] * 2)   # the reports' rows by index, not a scan
        found: dict[int, list[dict]] = {}
        for row in rows:
            found.setdefault(row.pop("story_event_id"), []).append(row)
        return found

    def story_events(self, story_id: int) -> list[dict]:
        return dicts(self.con, f"SELECT {', '.join(STORY_EVENT_COLUMNS)} FROM story_events WHERE story_id = ?",
                     [story_id])

    def save_links(self, report_ids: Sequence[str], created: list[dict], dated: list[dict],
                   mentions: list[tuple], merged: Optional[dict[int, int]] = None) -> None:
        """Replace the reports' event mentions: new story events, story events a report dated
        precisely, (story event, report, idx, modality) mentions, and story events merged into
        another (old id -> id kept), whose earlier mentions move with them."""
        self.con.execute("DELETE FROM event_mentions WHERE report_id IN (SELECT unnest(CAST(? AS VARCHAR[])))", [list(report_ids)])
        for old, kept in (merged or {}).items():
            self.con.execute("UPDATE event_mentions SET story_event_id = ? WHERE story_event_id = ?", [kept, old])
            self.con.execute("DELETE FROM story_events WHERE id = ?", [old])
        self._insert("story_events", [tuple(c[k] for k in STORY_EVENT_COLUMNS) for c in created])
        for c in dated:
            self.con.execute("UPDATE story_events SET date = ?, date_explicit = true WHERE id = ?",
                             [c["date"], c["id"]])
        self._insert("event_mentions", mentions)

    def event_mentions(self, story_id: int) -> dict[int, list[dict]]:
        """Report mentions of a story's events, by story event id: report, offsets, clause,
        modality, outlet, date, source (and its country) and the original a copy was taken from. Read step by step,
        each step through an index (a join would scan the events and reports tables: a story's
        timeline must not grow slower as the store grows)."""
        ids = self._ids("SELECT id FROM story_events WHERE story_id = ?", [story_id])
        if not ids:
            return {}
        mentions = dicts(self.con, "SELECT story_event_id AS key, report_id, idx, modality FROM event_mentions "
                                   "WHERE story_event_id = ANY(CAST(? AS BIGINT[]))", [ids])
        reports = sorted({m["report_id"] for m in mentions})
        events = {(e.pop("report_id"), e.pop("idx")): e for e in dicts(
            self.con, "SELECT report_id, idx, event, event_text, start_char, end_char, actor_name, source_text, "
                      f"source_type, date FROM events WHERE report_id {_IN_LIST}", [reports])}
        about = {r.pop("id"): r for r in dicts(
            self.con, "SELECT r.id, r.outlet, r.published, r.url, r.title, r.text, c.copy_of FROM reports r "
                      f"LEFT JOIN report_copies c ON c.report_id = r.id WHERE r.id {_IN_LIST}", [reports])}
        # the country of a source named as an actor of its report ("the Chinese foreign ministry")
        codes = {(a["report_id"], a["text"]): a["code"] for a in dicts(
            self.con, f"SELECT report_id, text, code FROM actors WHERE report_id {_IN_LIST} AND code IS NOT NULL "
                      "ORDER BY report_id, idx DESC", [reports])}
        rows = []
        for m in mentions:
            event, report = events[(m["report_id"], m["idx"])], about[m["report_id"]]
            text = report["text"] or ""
            rows.append({**m, **event, "text": text[event["start_char"]:event["end_char"]],
                         "source_code": codes.get((m["report_id"], event["source_text"])),
                         **{k: report[k] for k in ("outlet", "published", "url", "title", "copy_of")},
                         "copy_root": report["copy_of"] or m["report_id"]})
        rows.sort(key=lambda r: (r["published"] is None, r["published"] or date.min, r["report_id"], r["idx"]))
        return _grouped(rows)

    def members(self, story_id: int) -> list[str]:
        """The ids of a story's reports."""
        return self._ids("SELECT report_id FROM story_reports WHERE story_id = ?", [story_id])

    def event_locations(self, report_id: str, event_type: str) -> list[tuple[int, int, int]]:
        """(idx, start, end) of a report's events of one type."""
        return self.con.execute("SELECT idx, start_char, end_char FROM events WHERE report_id = ? AND event = ?",
                                [report_id, event_type]).fetchall()

    def story_event_of(self, report_id: str, idx: int) -> Optional[int]:
        row = self.con.execute("SELECT story_event_id FROM event_mentions WHERE report_id = ? AND idx = ?",
                               [report_id, idx]).fetchone()
        return row[0] if row else None

    def story_of_event(self, report_id: str, idx: int) -> Optional[int]:
        row = self.con.execute("SELECT se.story_id FROM event_mentions em JOIN story_events se "
                               "ON se.id = em.story_event_id WHERE em.report_id = ? AND em.idx = ?",
                               [report_id, idx]).fetchone()
        return row[0] if row else None

    # -- claims ----------------------------------------------------------------------------------
    def quotes_to_link(self, report_ids: Sequence[str]) -> list[dict]:
        return dicts(self.con,
                     "SELECT q.report_id, q.idx, q.quote, q.speaker, q.speaker_type, q.speaker_code, sr.story_id "
                     "FROM quotes q JOIN story_reports sr ON sr.report_id = q.report_id "
                     "JOIN reports r ON r.id = q.report_id WHERE q.report_id IN (SELECT unnest(CAST(? AS VARCHAR[]))) "
                     "ORDER BY r.published NULLS LAST, q.report_id, q.idx", [list(report_ids)])

    def claims(self, story_id: int) -> list[dict]:
        """id, speaker_key, speaker, text of a story's claims."""
        return dicts(self.con, "SELECT id, speaker_key, speaker, text FROM claims WHERE story_id = ?", [story_id])

    def save_claims(self, report_ids: Sequence[str], created: list[tuple], mentions: list[tuple]) -> None:
        """Replace the reports' claim mentions: new claims (id, story, speaker key, speaker, text) and
        (claim, report, idx) mentions."""
        self.con.execute("DELETE FROM claim_mentions WHERE report_id IN (SELECT unnest(CAST(? AS VARCHAR[])))", [list(report_ids)])
        self._insert("claims", created)
        self._insert("claim_mentions", mentions)

    def claim_mentions(self, story_id: int) -> dict[int, list[dict]]:
        claims = self._ids("SELECT id FROM claims WHERE story_id = ?", [story_id])
        reports = self.members(story_id)
        return _grouped(dicts(self.con, _CLAIM_MENTIONS, [claims, reports, reports])) if claims else {}

    # -- what disputes read ----------------------------------------------------------------------
    def attributed_spans(self, report_ids: Sequence[str]) -> dict[str, list[tuple]]:
        """report id -> (start, end, who) of every quote with a speaker and every sourced event."""
        rows = self.con.execute(
            "SELECT q.report_id, q.start_char, q.end_char, coalesce(q.speaker_text, q.speaker) FROM quotes q "
            f"WHERE q.report_id {_IN_LIST} AND q.speaker_text IS NOT NULL "
            "UNION ALL SELECT e.report_id, e.start_char, e.end_char, e.source_text FROM events e "
            f"WHERE e.report_id {_IN_LIST} AND e.source_text IS NOT NULL",
            [list(report_ids)] * 2).fetchall()
        spans: dict[str, list[tuple]] = defaultdict(list)
        for rid, s, e, who in rows:
            spans[rid].append((s, e, who))
        return spans

    def durations(self, report_ids: Sequence[str]) -> list[tuple[str, int, int, str]]:
        """(report, start, end, value) of the duration time expressions in a story's reports."""
        return self.con.execute(
            "SELECT t.report_id, t.start_char, t.end_char, t.value FROM timexes t "
            f"WHERE t.report_id {_IN_LIST} AND t.type = 'duration'", [list(report_ids)]).fetchall()

    def stated_days(self, report_ids: Sequence[str]) -> list[tuple[str, int, int, str]]:
        """(report, start, end, value) of the time expressions in a story's reports that name a day."""
        return self.con.execute(
            "SELECT t.report_id, t.start_char, t.end_char, t.value FROM timexes t "
            f"WHERE t.report_id {_IN_LIST} AND t.type = 'date' AND t.value LIKE '____-__-__'",
            [list(report_ids)]).fetchall()

    def clock_times(self, report_ids: Sequence[str]) -> list[tuple[str, int, int, str, str, str]]:
        """(report, start, end, text, value, event type) of the times of day in a story's reports
        that lie in an event's clause (the first such event of the report)."""
        return self.con.execute(
            "SELECT * FROM (SELECT t.report_id, t.start_char, t.end_char, t.text, t.value, "
            "(SELECT e.event FROM events e WHERE e.report_id = t.report_id AND e.start_char <= t.start_char "
            "AND t.end_char <= e.end_char ORDER BY e.idx LIMIT 1) AS event "
            f"FROM timexes t WHERE t.report_id {_IN_LIST} AND t.type = 'time' "
            "AND t.value LIKE '____-__-__T__:__%') timed WHERE event IS NOT NULL", [list(report_ids)]).fetchall()

    def attributed_quotes(self, report_ids: Sequence[str]) -> list[dict]:
        """The quotes of a story's reports that name their speaker, read like claim mentions, with offsets."""
        return dicts(self.con,
                     "SELECT q.report_id, q.idx, q.start_char, q.end_char, q.quote, q.speaker_text AS source_text, "
                     "q.speaker_type AS source_type, r.outlet, r.published, coalesce(c.copy_of, q.report_id) AS copy_root "
                     "FROM quotes q JOIN reports r ON r.id = q.report_id "
                     "LEFT JOIN report_copies c ON c.report_id = q.report_id "
                     f"WHERE q.report_id {_IN_LIST} AND q.speaker_text IS NOT NULL "
                     "ORDER BY r.published NULLS LAST, q.report_id, q.idx", [list(report_ids)])

    def direct_quotes(self, report_ids: Sequence[str]) -> list[str]:
        return [q or "" for (q,) in self.con.execute(
            f"SELECT q.quote FROM quotes q WHERE q.report_id {_IN_LIST} AND q.kind = 'direct'",
            [list(report_ids)]).fetchall()]

    def statements(self, report_ids: Sequence[str]) -> list[tuple]:
        """(report, start, end, party, stance, source) of every coded event with an actor (stance: its
        type, with the modality when not asserted) and every quote with a speaker (stance: said)."""
        return self.con.execute(
            "SELECT e.report_id, e.start_char, e.end_char, coalesce(e.actor_name, e.actor_text), "
            "CASE WHEN e.modality = 'asserted' THEN e.event ELSE e.event || ' (' || e.modality || ')' END, "
            f"e.source_text FROM events e WHERE e.report_id {_IN_LIST} AND e.actor_code IS NOT NULL "
            "UNION ALL SELECT q.report_id, q.start_char, q.end_char, q.speaker, 'said', q.speaker_text FROM quotes q "
            f"WHERE q.report_id {_IN_LIST} AND q.speaker IS NOT NULL",
            [list(report_ids)] * 2).fetchall()


def _active_between(low: Optional[date], high: Optional[date]) -> tuple[str, list]:
    """The condition (and its parameters) on `stories s` that keeps the stories active between `low`
    and `high` (None: no bound; a story with no date is always active). Written per bound, not
    as `? IS NULL OR ...`, so that PostgreSQL finds the recent stories by the last_date index
    first: a common term's rows in story_terms grow with the store, the stories of a month do not."""
    conditions, params = "", []
    if low is not None:
        conditions += " AND (s.last_date >= ? OR s.last_date IS NULL)"
        params.append(low)
    if high is not None:
        conditions += " AND (s.first_date <= ? OR s.first_date IS NULL)"
        params.append(high)
    return conditions, params


def _grouped(rows: list[dict]) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for m in rows:
        grouped[m.pop("key")].append(m)
    return grouped
